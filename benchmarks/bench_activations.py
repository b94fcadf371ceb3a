"""Time the activation functions against the fastest plain NumPy/SciPy references.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_activations.py``). It
reports and never fails: speed belongs here, not in ``make test``.

For each function and derivative, on 10^6 float32 and float64 values, it prints a
markdown table with the time of one call, the fastest of the reference expressions,
the ratio of the two (target: at most 1.25) and the peak memory a call allocates, as a
multiple of the input's size (target: at most 2, the output included). It names the
CPU and NumPy's SIMD dispatch level, and runs twice: in this process (native dispatch)
and in a subprocess with every SIMD level NumPy found above its baseline disabled
(``NPY_DISABLE_CPU_FEATURES``, computed from what ``numpy.show_runtime()`` reports as
found), as on an older or a different CPU. A summary table puts both levels side by side.

Two data sets are timed:

* ``typical``: z ~ N(0, 3^2), the inputs a network sees;
* ``extreme``: the same with 1% of the values replaced by +/-1e4, +/-inf and NaN.

The references are what a student would type (``expit``, ``1/(1+np.exp(-z))``,
``np.tanh``, ``np.maximum(z, 0)``, ``np.logaddexp(0, z)``, ``z*ndtr(z)`` and the matching
compositions for the derivatives), provided they are as accurate as the library on the
typical data (``np.exp(z) - 1`` is left out for ELU: it loses the relative accuracy of
``np.expm1`` near 0). They are faster than the library only where they skip work the
library must do: they warn, overflow or return NaN at extreme inputs, lose relative
accuracy in the tails, or turn NaN into 0. The identity rows are for information: no
target is set for this baseline, and ``np.ones_like`` never reads its input, so no
NaN-propagating derivative can match it.

Timings are CPU time of this process (``time.process_time``; ``--timer wall`` for the
wall clock): these elementwise operations run on one thread, so that is the work a call
does, and it does not grow when other processes on a shared machine take the CPU away.
Library and references alternate in interleaved rounds, each timing after one untimed
call of the same function; the ratio is of the fastest rounds (the least disturbed),
and the ratio of the medians is printed beside it. Memory is measured with
tracemalloc, which sees NumPy's array allocations. The naive references' overflow
warnings on the extreme data are silenced, to keep the output readable.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
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


def cpu_name() -> str:
    """The processor's model name, from /proc/cpuinfo where there is one."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def dispatch() -> tuple[list[str], list[str], list[str]]:
    """NumPy's SIMD levels: the baseline it was built for, the higher ones this CPU has
    ("found" in ``numpy.show_runtime()``), and those of them it may use (not disabled)."""
    from numpy._core._multiarray_umath import (
        __cpu_baseline__,
        __cpu_dispatch__,
        __cpu_features__,
    )

    disabled = set(os.environ.get("NPY_DISABLE_CPU_FEATURES", "").replace(",", " ").split())
    found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f) or f in disabled]
    enabled = [f for f in found if __cpu_features__.get(f)]
    return list(__cpu_baseline__), found, enabled


def level_name() -> str:
    baseline, found, enabled = dispatch()
    if not enabled:
        return f"baseline {' '.join(baseline)} (disabled: {' '.join(found) or 'none'})"
    return f"native {enabled[-1]} (baseline {' '.join(baseline)} + {' '.join(enabled)})"


def times(
    funcs: list[Callable], z: np.ndarray, repeat: int, number: int, timer: Callable[[], float]
) -> np.ndarray:
    """Seconds per call of each function in each of ``repeat`` interleaved rounds.

    Each timing follows one untimed call of the same function: otherwise the function
    timed right after a slow one would find the caches full of that one's data, a
    penalty that depends on the order and not on the function.
    """
    timers = [timeit.Timer(lambda f=f: f(z), timer=timer) for f in funcs]
    rounds = np.empty((repeat, len(funcs)))
    for r in range(repeat):
        for i, (f, t) in enumerate(zip(funcs, timers, strict=True)):
            f(z)
            rounds[r, i] = t.timeit(number=number) / number
    return rounds


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


def run(args: argparse.Namespace) -> list[dict]:
    """Time every selected function on both data sets and both dtypes."""
    timer = time.process_time if args.timer == "cpu" else time.perf_counter
    rows = []
    for kind in ("typical", "extreme"):
        rng = np.random.default_rng(20240501)
        for dtype in (np.float32, np.float64):
            z = make_data(kind, dtype, rng)
            for name, refs in references(dtype).items():
                if args.only and not any(name == o for o in args.only):
                    continue
                ours = library(name)
                with np.errstate(all="ignore"):  # the naive references warn on extreme data
                    rounds = times([ours, *refs.values()], z, args.repeat, args.number, timer)
                fastest, median = rounds.min(axis=0), np.median(rounds, axis=0)
                best = 1 + int(np.argmin(fastest[1:]))
                rows.append(
                    {
                        "function": name,
                        "dtype": np.dtype(dtype).name,
                        "data": kind,
                        "ours_ms": fastest[0] * 1e3,
                        "ours_median_ms": median[0] * 1e3,
                        "ref": list(refs)[best - 1],
                        "ref_ms": fastest[best] * 1e3,
                        "ratio": fastest[0] / fastest[best],
                        "median_ratio": median[0] / median[1:].min(),
                        "mem": peak_memory(ours, z),
                    }
                )
    return rows


def flag(ratio: float) -> str:
    return f"{ratio:.2f}" + ("" if ratio <= TIME_TARGET else " **!**")


def detail_table(rows: list[dict]) -> str:
    lines = [
        "| function | dtype | data | ours (ms) | fastest reference | ref (ms) | ratio "
        "| ratio of medians | peak mem (x input) |",
        "|---|---|---|--:|---|--:|--:|--:|--:|",
    ]
    for r in rows:
        mem = f"{r['mem']:.2f}" + ("" if r["mem"] <= MEMORY_TARGET else " **!**")
        lines.append(
            f"| `{r['function']}` | {r['dtype']} | {r['data']} | {r['ours_ms']:.2f} "
            f"| `{r['ref']}` | {r['ref_ms']:.2f} | {flag(r['ratio'])} "
            f"| {r['median_ratio']:.2f} | {mem} |"
        )
    return "\n".join(lines)


def summary_table(levels: dict[str, list[dict]]) -> str:
    """One row per function and dtype: time and ratio at each level, typical and extreme."""
    names = list(levels)
    header = "| function | dtype |" + "".join(
        f" {n}: ms | {n}: ratio | {n}: ratio, 1% extreme |" for n in names
    )
    lines = [header, "|---|---|" + "--:|--:|--:|" * len(names)]
    index = {
        n: {(r["function"], r["dtype"], r["data"]): r for r in rows} for n, rows in levels.items()
    }
    first = levels[names[0]]
    for r in first:
        if r["data"] != "typical":
            continue
        key = (r["function"], r["dtype"])
        cells = []
        for n in names:
            typical, extreme = index[n].get((*key, "typical")), index[n].get((*key, "extreme"))
            cells += [
                f"{typical['ours_ms']:.2f}" if typical else "",
                flag(typical["ratio"]) if typical else "",
                flag(extreme["ratio"]) if extreme else "",
            ]
        lines.append(f"| `{key[0]}` | {key[1]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(rows: list[dict]) -> list[str]:
    return [
        f"{r['function']} ({r['dtype']}, {r['data']}: {r['ratio']:.2f})"
        for r in rows
        if r["ratio"] > TIME_TARGET and not r["function"].startswith("identity")
    ]


def run_baseline_level(args: argparse.Namespace) -> list[dict]:
    """The same benchmark in a subprocess with every SIMD level above the baseline off."""
    _, found, _ = dispatch()
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(found)}
    command = [sys.executable, __file__, "--level", "here", "--json"]
    command += ["--repeat", str(args.repeat), "--number", str(args.number), "--timer", args.timer]
    for name in args.only or ():
        command += ["--only", name]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="interleaved rounds")
    parser.add_argument("--number", type=int, default=2, help="calls per timed round")
    parser.add_argument(
        "--timer", choices=["cpu", "wall"], default="cpu", help="process CPU time or wall clock"
    )
    parser.add_argument(
        "--level",
        choices=["both", "here"],
        default="both",
        help="'both': this process and a subprocess at NumPy's baseline SIMD level; "
        "'here': this process only (with whatever NPY_DISABLE_CPU_FEATURES says)",
    )
    parser.add_argument("--only", action="append", help="time only this function (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)

    levels = {level_name(): run(args)}
    if args.json:
        print(json.dumps(levels[next(iter(levels))]))
        return 0
    if args.level == "both":
        _, found, _ = dispatch()
        env_note = f'NPY_DISABLE_CPU_FEATURES="{" ".join(found)}"'
        levels[f"baseline ({env_note})"] = run_baseline_level(args)

    print(
        f"activations benchmark on {cpu_name()} ({platform.machine()}, "
        f"{os.cpu_count()} logical CPUs): n = {N:,} values per call; Python "
        f"{platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}; "
        f"{args.timer} time per call, fastest (and median) of {args.repeat} interleaved "
        f"rounds of {args.number} calls"
    )
    short = {name: f"L{i}" for i, name in enumerate(levels, 1)}
    for name, rows in levels.items():
        print(f"\n## {short[name]}: {name}\n")
        print(detail_table(rows))
        print(f"\nratio > {TIME_TARGET}: {', '.join(misses(rows)) or 'none'}")
    print("\n## Summary (ratio: fastest of ours / fastest of the fastest reference)\n")
    print("; ".join(f"{s} = {name}" for name, s in short.items()) + "\n")
    print(summary_table({short[name]: rows for name, rows in levels.items()}))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
