"""Time the activation functions against the fastest plain NumPy/SciPy references.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_activations.py``).

For each function and derivative, on 10^6 float32 and float64 values, it prints a
markdown table with the median time of one call, the fastest of the reference
expressions, the ratio of the two (target: at most 1.25) and the peak memory a call
allocates, as a multiple of the input's size (target: at most 2, the output included).

Two data sets are timed:

* ``typical``: z ~ N(0, 3^2), the inputs a network sees; no value needs clipping.
* ``extreme``: the same with 1% of the values replaced by +/-1e4, +/-inf and NaN,
  which sends the clipping functions down their slower, masked path.

The references are what a student would type (``expit``, ``1/(1+np.exp(-z))``,
``np.tanh``, ``np.maximum(z, 0)``, ``np.where(z > 0, z, alpha*z)`` and the matching
compositions for the derivatives). They are faster than the library only where they
skip work the library must do: they warn or overflow at extreme inputs, lose relative
accuracy in the tails, or turn NaN into 0. The identity rows are for information: the
issue sets no target for this baseline, and ``np.ones_like`` never reads its input, so
no NaN-propagating derivative can match it.

Timings are medians over interleaved rounds (library and references alternate, so
drift hurts both alike). By default they are CPU time of this process
(``time.process_time``): these elementwise operations run on one thread, so that is
the work a call does, and it does not grow when other processes on a shared machine
take the CPU away; ``--timer wall`` uses wall-clock time instead. Memory is measured
with tracemalloc, which sees NumPy's array allocations. The naive references'
overflow warnings on the extreme data are silenced, to keep the output readable.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable

import activations as act
import numpy as np
import scipy
from scipy.special import erf, expit, log_expit, ndtr

N = 10**6
ALPHA = 0.01  # Leaky ReLU's slope
ELU_ALPHA = 1.0
SELU_SCALE, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772
SQRT_2_OVER_PI = float(np.sqrt(2 / np.pi))
TIME_TARGET = 1.25
MEMORY_TARGET = 2.0


def references(dtype: type[np.floating]) -> dict[str, dict[str, Callable]]:
    """For each library function: the reference expressions it is timed against.

    Only formulas that are as accurate as the library on the typical data count: for
    example ``np.exp(z) - 1`` is left out for ELU, as it loses the relative accuracy of
    ``np.expm1`` near 0 (at z = -1e-8 it is wrong in the 8th digit).
    """
    one, alpha = dtype(1), dtype(ALPHA)
    elu_alpha, lam = dtype(ELU_ALPHA), dtype(SELU_SCALE)
    selu_alpha, lam_alpha = dtype(SELU_ALPHA), dtype(SELU_SCALE * SELU_ALPHA)
    k, c = dtype(SQRT_2_OVER_PI), dtype(0.044715)
    root_2, root_2pi = dtype(2**0.5), dtype((2 * np.pi) ** 0.5)

    def naive_sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def s_one_minus_s(s):
        return s * (1 - s)

    def one_minus_square(t):
        return 1 - t * t

    def silu_slope(z, s):
        return s * (1 + z * (1 - s))

    def gelu_tanh_slope(z):
        t = np.tanh(k * (z + c * z * z * z))
        return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * k * (1 + 3 * c * z * z)

    def mish_slope(z, sp, s):
        t = np.tanh(sp)
        return t + z * s * (1 - t * t)

    return {
        "sigmoid": {
            "expit(z)": expit,
            "1/(1+exp(-z))": naive_sigmoid,
        },
        "sigmoid_derivative": {
            "s*(1-s), s=expit(z)": lambda z: s_one_minus_s(expit(z)),
            "s*(1-s), s=1/(1+exp(-z))": lambda z: s_one_minus_s(naive_sigmoid(z)),
        },
        "tanh": {"np.tanh(z)": np.tanh},
        "tanh_derivative": {"1-t*t, t=np.tanh(z)": lambda z: one_minus_square(np.tanh(z))},
        "relu": {"np.maximum(z, 0)": lambda z: np.maximum(z, 0)},
        "relu_derivative": {
            "(z > 0).astype(dtype)": lambda z: (z > 0).astype(dtype),
            "np.where(z > 0, 1, 0)": lambda z: np.where(z > 0, one, dtype(0)),
            "np.heaviside(z, 0)": lambda z: np.heaviside(z, dtype(0)),
        },
        "leaky_relu": {"np.where(z > 0, z, alpha*z)": lambda z: np.where(z > 0, z, alpha * z)},
        "leaky_relu_derivative": {
            "np.where(z > 0, 1, alpha)": lambda z: np.where(z > 0, one, alpha),
            "alpha + (1-alpha)*(z > 0)": lambda z: alpha + (one - alpha) * (z > 0),
        },
        "identity": {"z.copy()": lambda z: z.copy()},
        "identity_derivative": {"np.ones_like(z)": np.ones_like},
        "elu": {
            "where(z > 0, z, a*expm1(z))": lambda z: np.where(z > 0, z, elu_alpha * np.expm1(z)),
            "max(z, 0) + a*expm1(min(z, 0))": lambda z: (
                np.maximum(z, 0) + elu_alpha * np.expm1(np.minimum(z, 0))
            ),
        },
        "elu_derivative": {
            "where(z > 0, 1, a*exp(z))": lambda z: np.where(z > 0, one, elu_alpha * np.exp(z)),
            "exp(min(z, 0)) (a = 1 only)": lambda z: np.exp(np.minimum(z, 0)),
        },
        "selu": {
            "l*where(z > 0, z, a*expm1(z))": lambda z: (
                lam * np.where(z > 0, z, selu_alpha * np.expm1(z))
            ),
            "l*max(z, 0) + l*a*expm1(min(z, 0))": lambda z: (
                lam * np.maximum(z, 0) + lam_alpha * np.expm1(np.minimum(z, 0))
            ),
        },
        "selu_derivative": {
            "where(z > 0, l, l*a*exp(z))": lambda z: np.where(z > 0, lam, lam_alpha * np.exp(z)),
        },
        "gelu": {
            "z*ndtr(z)": lambda z: z * ndtr(z),
            "0.5*z*(1+erf(z/sqrt(2)))": lambda z: 0.5 * z * (1 + erf(z / root_2)),
        },
        "gelu_derivative": {
            "ndtr(z) + z*exp(-z*z/2)/sqrt(2pi)": lambda z: (
                ndtr(z) + z * np.exp(-z * z / 2) / root_2pi
            ),
        },
        "gelu_tanh": {
            "0.5*z*(1+tanh(k*(z+c*z**3)))": lambda z: 0.5 * z * (1 + np.tanh(k * (z + c * z**3))),
            "0.5*z*(1+tanh(k*(z+c*z*z*z)))": lambda z: (
                0.5 * z * (1 + np.tanh(k * (z + c * z * z * z)))
            ),
        },
        "gelu_tanh_derivative": {"its derivative via t=tanh(...)": gelu_tanh_slope},
        "silu": {
            "z*expit(z)": lambda z: z * expit(z),
            "z/(1+exp(-z))": lambda z: z / (1 + np.exp(-z)),
        },
        "silu_derivative": {
            "s*(1+z*(1-s)), s=expit(z)": lambda z: silu_slope(z, expit(z)),
            "s*(1+z*(1-s)), s=1/(1+exp(-z))": lambda z: silu_slope(z, naive_sigmoid(z)),
        },
        "softplus": {
            "np.logaddexp(0, z)": lambda z: np.logaddexp(0, z),
            "np.log1p(np.exp(z))": lambda z: np.log1p(np.exp(z)),
            "-log_expit(-z)": lambda z: -log_expit(-z),
        },
        "softplus_derivative": {
            "expit(z)": expit,
            "1/(1+exp(-z))": naive_sigmoid,
        },
        "mish": {
            "z*tanh(logaddexp(0, z))": lambda z: z * np.tanh(np.logaddexp(0, z)),
            "z*tanh(log1p(exp(z)))": lambda z: z * np.tanh(np.log1p(np.exp(z))),
        },
        "mish_derivative": {
            "t+z*s*(1-t*t), t=tanh(log1p(exp(z)))": lambda z: mish_slope(
                z, np.log1p(np.exp(z)), naive_sigmoid(z)
            ),
            "the same with logaddexp and expit": lambda z: mish_slope(
                z, np.logaddexp(0, z), expit(z)
            ),
        },
    }


def library(name: str) -> Callable:
    """The library function timed under ``name`` (with the bench's parameters)."""
    if name.startswith("gelu_tanh"):
        func = getattr(act, name.replace("_tanh", ""))
        return lambda z: func(z, approximate="tanh")
    func = getattr(act, name)
    if name.startswith("leaky_relu"):
        return lambda z: func(z, ALPHA)
    if name.startswith("elu"):
        return lambda z: func(z, ELU_ALPHA)
    return func


def make_data(kind: str, dtype: type[np.floating], rng: np.random.Generator) -> np.ndarray:
    z = rng.normal(0.0, 3.0, N)
    if kind == "extreme":
        specials = np.array([1e4, -1e4, np.inf, -np.inf, np.nan])
        where = rng.choice(N, N // 100, replace=False)
        z[where] = rng.choice(specials, where.size)
    return z.astype(dtype)


def median_times(
    funcs: list[Callable], z: np.ndarray, repeat: int, number: int, timer: Callable[[], float]
) -> list[float]:
    """Median seconds per call of each function, timed in interleaved rounds."""
    for f in funcs:  # warm up: caches, allocator, lazily computed constants
        f(z)
    timers = [timeit.Timer(lambda f=f: f(z), timer=timer) for f in funcs]
    rounds = np.empty((repeat, len(funcs)))
    for r in range(repeat):
        for i, t in enumerate(timers):
            rounds[r, i] = t.timeit(number=number) / number
    return list(np.median(rounds, axis=0))


def peak_memory(f: Callable, z: np.ndarray) -> float:
    """Peak bytes allocated during one call, including the result, per input byte."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = f(z)
        peak = tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()
    del result
    return peak / z.nbytes


def run(kind: str, repeat: int, number: int, timer: Callable[[], float]) -> list[dict]:
    rng = np.random.default_rng(20240501)
    rows = []
    for dtype in (np.float32, np.float64):
        z = make_data(kind, dtype, rng)
        for name, refs in references(dtype).items():
            ours = library(name)
            with np.errstate(all="ignore"):  # the naive references warn on extreme data
                times = median_times([ours, *refs.values()], z, repeat, number, timer)
            best = int(np.argmin(times[1:]))
            ref_name, ref_func = list(refs.items())[best]
            rows.append(
                {
                    "function": name,
                    "dtype": np.dtype(dtype).name,
                    "ours_ms": times[0] * 1e3,
                    "ref": ref_name,
                    "ref_ms": times[1 + best] * 1e3,
                    "ratio": times[0] / times[1 + best],
                    "mem": peak_memory(ours, z),
                    "ref_mem": peak_memory(np.errstate(all="ignore")(ref_func), z),
                }
            )
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| function | dtype | ours (ms) | fastest reference | ref (ms) | ratio "
        "| peak mem (x input) | ref peak mem |",
        "|---|---|--:|---|--:|--:|--:|--:|",
    ]
    for r in rows:
        ratio_flag = "" if r["ratio"] <= TIME_TARGET else " **!**"
        mem_flag = "" if r["mem"] <= MEMORY_TARGET else " **!**"
        lines.append(
            f"| `{r['function']}` | {r['dtype']} | {r['ours_ms']:.2f} | `{r['ref']}` "
            f"| {r['ref_ms']:.2f} | {r['ratio']:.2f}{ratio_flag} | {r['mem']:.2f}{mem_flag} "
            f"| {r['ref_mem']:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="interleaved rounds (median)")
    parser.add_argument("--number", type=int, default=3, help="calls per timed round")
    parser.add_argument(
        "--timer", choices=["cpu", "wall"], default="cpu", help="process CPU time or wall clock"
    )
    args = parser.parse_args(argv)
    timer = time.process_time if args.timer == "cpu" else time.perf_counter

    print(
        f"activations benchmark: n = {N:,} values per call; Python {platform.python_version()}, "
        f"NumPy {np.__version__}, SciPy {scipy.__version__}, {platform.machine()}; "
        f"median of {args.repeat} rounds x {args.number} calls, {args.timer} time"
    )
    for kind, what in (
        ("typical", "z ~ N(0, 3^2)"),
        ("extreme", "z ~ N(0, 3^2) with 1% replaced by +/-1e4, +/-inf, NaN"),
    ):
        rows = run(kind, args.repeat, args.number, timer)
        print(f"\n### {kind} data: {what}\n")
        print(table(rows))
        targeted = [r for r in rows if not r["function"].startswith("identity")]
        slow = [f"{r['function']} ({r['dtype']})" for r in targeted if r["ratio"] > TIME_TARGET]
        big = [f"{r['function']} ({r['dtype']})" for r in rows if r["mem"] > MEMORY_TARGET]
        print(f"\nratio > {TIME_TARGET} (all but the identity): {', '.join(slow) or 'none'}")
        print(f"peak memory > {MEMORY_TARGET}x input: {', '.join(big) or 'none'}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
