r"""Activation functions and their derivatives, as the course teaches them.

Every chapter imports from here, so a page shows ideas, not plumbing::

    from activations import sigmoid, sigmoid_derivative, ACTIVATIONS

The functions
-------------
The four classic activations :func:`sigmoid`, :func:`tanh`, :func:`relu` and
:func:`leaky_relu`; the six modern ones :func:`elu`, :func:`selu`, :func:`gelu`,
:func:`silu`, :func:`softplus` and :func:`mish`; and the baseline :func:`identity`.
Each has a ``*_derivative`` partner with the same parameters (``alpha`` for Leaky ReLU
and ELU, ``approximate`` for GELU). At a kink the derivative is the left one, as in
PyTorch: ``relu_derivative(0)`` is 0, ``elu_derivative(0, alpha)`` is ``alpha``.

They behave like NumPy ufuncs:

* a scalar gives a NumPy scalar; a list or an array of any shape (including empty
  and 0-d) gives an array of the same shape;
* float16, float32, float64 (and longdouble) keep their dtype; integer and bool
  inputs give float64;
* anything that is not real numbers (strings, None, complex numbers, object
  arrays, dicts, bytes, masked arrays) raises :class:`TypeError` naming the function
  and what it got. Nothing is silently coerced; a bad parameter raises
  :class:`TypeError` or :class:`ValueError` naming the parameter;
* NaN propagates as NaN, in every function and every derivative.

Numerical policy
----------------
The functions are silent and correct over the whole float range, including
``+/-inf``, under NumPy's default error state and under
``np.errstate(all="raise")``, and ``+/-inf`` give the limits (``silu(-inf)`` is 0,
never ``-inf * 0 = nan``):

* **No overflow reaches the caller.** Where an intermediate such as :math:`e^{z}` could
  exceed the largest float, ``z`` is first clipped to where the clipped formula already
  gives the limit: :math:`e^{z}` is exactly 0 below the clip, or the result rounds to
  its limit above it. Where an intermediate is only ever divided into, as in
  :math:`1/\cosh^2 z` or :math:`z/(1 + e^{-z})`, it may round to ``inf`` instead:
  dividing by ``inf`` gives 0, the right answer there, and that expected overflow is not
  reported. (Two exceptions are asked for: ``leaky_relu`` with a slope steeper than 1,
  and ``selu`` of a value beyond the largest float divided by 1.0507, have true values
  beyond the float range; ``leaky_relu`` then warns as NumPy does, ``selu`` returns
  ``inf``, the correctly rounded value.)
* **No masks.** No function picks out extreme values to treat them separately, which
  would cost passes over the data: ``inf``, ``nan`` and huge values take the same
  passes as ordinary ones (``softplus`` and ``silu`` skip a clip when no value needs
  it, a reduction cheaper than the clip).
* **Underflow is not an error.** A result smaller than the smallest normal float is
  rounded to a subnormal number or to 0, which is the right answer (e.g. ``leaky_relu``
  of a subnormal input, or :math:`e^{z}` for very negative ``z`` inside ``sigmoid``). NumPy
  ignores underflow by default; these functions ignore it under any error state.
* **Relative accuracy in the tails.** Each formula is the one that does not cancel:
  ``expm1`` for :math:`e^z - 1`, ``log1p`` for :math:`\log(1 + e^z)`,
  :func:`scipy.special.ndtr` for :math:`\Phi`, and derivatives such as
  :math:`e^z(1 + e^z + z)/(1 + e^z)^2` that never subtract :math:`\sigma(z)` from 1.
* float16 inputs to the exponential-based functions and to ``leaky_relu`` are
  computed in float32 and rounded once, so neither accuracy nor the tiny float16
  range (its largest value is 65504) gets in the way. For longdouble input, GELU
  computes :math:`\Phi` in float64, where SciPy stops.

The descriptions
----------------
:class:`Activation` bundles what the chapters loop over: name, function, derivative,
output range, whether it is zero-centred, saturates or has a kink, the formulas in
LaTeX and plot limits. A description carries its parameters:
``get_activation("leaky_relu").with_alpha(0.2)`` is Leaky ReLU with the slope fixed,
whose ``function`` and ``derivative`` take ``z`` alone. :data:`ACTIVATIONS` holds the
ten non-linear ones in teaching order, :data:`CLASSIC` the first four (chapters 2-5),
:data:`IDENTITY` the linear baseline, and :func:`get_activation` finds any of the
eleven, with parameters if wanted.

>>> [a.name for a in ACTIVATIONS.values()]
['Sigmoid', 'Tanh', 'ReLU', 'Leaky ReLU', 'ELU', 'SELU', 'GELU', 'SiLU', 'Softplus', 'Mish']
"""

from __future__ import annotations

import functools
import math
import numbers
import reprlib
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr as _ndtr

# np.clip's ufunc: np.clip itself adds about 4 microseconds of Python per call, which the
# blocked kernels below would pay thousands of times per million values.
_clip = getattr(getattr(np, "_core", None) and np._core.umath, "clip", np.clip)


def _cpu_features() -> dict[str, bool]:
    """NumPy's record of the SIMD features it may use on this CPU (empty if unknown)."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__
    except ImportError:  # a NumPy without this (private) record
        return {}
    return dict(__cpu_features__)


__all__ = [
    "ACTIVATIONS",
    "CLASSIC",
    "IDENTITY",
    "Activation",
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "get_activation",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "mish",
    "mish_derivative",
    "relu",
    "relu_derivative",
    "selu",
    "selu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
    "tanh",
    "tanh_derivative",
]

#: What the public functions return: an array, or a NumPy scalar for scalar input.
FloatResult = NDArray[np.floating] | np.floating

_Kernel = Callable[[NDArray[np.floating], NDArray[np.floating]], NDArray[np.floating]]


# ---------------------------------------------------------------------------
# Input checking
# ---------------------------------------------------------------------------

_EXPECTED = "real numbers (a float, int or bool, or an array or nested list of them)"


def _describe(value: object) -> str:
    """Say what a caller passed, briefly, for an error message."""
    if isinstance(value, np.ndarray):
        return f"{type(value).__name__} of dtype {value.dtype} and shape {value.shape}"
    return f"{type(value).__name__} {reprlib.repr(value)}"


def _as_real_array(z: object, func: str) -> tuple[NDArray[np.floating], bool]:
    """Return ``z`` as a floating-point array, and whether it came in as a scalar.

    Floating arrays are returned without a copy; integer and bool data are converted
    to float64. Everything else raises TypeError naming ``func`` and what it got.
    """
    if isinstance(z, (str, bytes, bytearray, memoryview)):
        # NumPy would turn these into string arrays or, for bytearray and
        # memoryview, silently into uint8 codes.
        raise TypeError(f"{func}() expects {_EXPECTED}, got {_describe(z)}")
    if isinstance(z, np.ma.MaskedArray):
        raise TypeError(
            f"{func}() does not accept masked arrays (the mask would be silently dropped), "
            f"got {_describe(z)}; pass z.filled(np.nan) to mark the masked entries as NaN"
        )
    try:
        x = np.asarray(z)
    except (TypeError, ValueError) as err:  # e.g. ragged nested lists
        raise TypeError(
            f"{func}() expects {_EXPECTED}, got {_describe(z)}, which is not a regular array"
        ) from err
    kind = x.dtype.kind
    if kind in "iub":
        x = x.astype(np.float64)
    elif kind != "f":
        raise TypeError(f"{func}() expects {_EXPECTED}, got {_describe(z)}")
    return x, x.ndim == 0 and not isinstance(z, np.ndarray)


def _check_alpha(alpha: object, func: str, meaning: str = "the slope for z <= 0") -> float:
    """Return ``alpha`` as a Python float, or raise naming the parameter and the value.

    A Python float is what NumPy treats as a "weak" scalar, so ``alpha * z`` keeps the
    dtype of ``z`` even when ``alpha`` is, say, ``np.float64(0.1)`` and ``z`` is float32.
    """
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, numbers.Real):
        raise TypeError(
            f"{func}(): alpha must be a real number ({meaning}), "
            f"got {type(alpha).__name__} alpha={reprlib.repr(alpha)}"
        )
    try:
        value = float(alpha)
    except OverflowError:  # an int beyond the float range
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"{func}(): alpha must be finite, got alpha={reprlib.repr(alpha)}")
    return value


def _check_alpha_fits(alpha: float, dtype: np.dtype, func: str) -> None:
    """Refuse a slope that cannot even be represented in the working dtype."""
    # Compare in longdouble: comparing a Python float with a float32 would cast it
    # to float32 first, and warn if it overflows.
    if np.longdouble(abs(alpha)) > np.finfo(dtype).max:
        raise ValueError(
            f"{func}(): alpha={alpha!r} is too large for {dtype} input "
            f"(the largest {dtype} is {np.finfo(dtype).max})"
        )


# ---------------------------------------------------------------------------
# Constants and clip bounds, per dtype
# ---------------------------------------------------------------------------

#: SELU's constants (Klambauer et al., 2017), to more digits than any float holds.
_SELU_SCALE = "1.0507009873554804934193349852946"
_SELU_ALPHA = "1.6732632423543772848170429916717"
_GELU_TANH_COEFFICIENT = "0.044715"  # the cubic term of the tanh approximation
_SQRT_2_OVER_PI = "0.79788456080286535587989211986876"
_ONE_OVER_SQRT_2PI = "0.39894228040143267793994605993438"


class _Limits(NamedTuple):
    """Per dtype: the kernels' clip bounds and constants, in that dtype."""

    exp_zero: np.floating  # e^z is exactly 0 for z <= exp_zero
    sigmoid_one: np.floating  # e^z / (1 + e^z) is exactly 1 for z >= sigmoid_one
    silu_derivative_one: np.floating  # e (1 + e + z) / (1 + e)^2 is exactly 1 beyond it
    mish_one: np.floating  # n / (n + 2), n = e^z (e^z + 2), is exactly 1 beyond it
    mish_derivative_one: np.floating  # and mish' = n/(n+2) + tiny is exactly 1 beyond it
    gelu_cut: np.floating  # Phi(-c) = 0, Phi(c) = 1 and c e^(-c^2/2) = 0 exactly
    gelu_tanh_cut: np.floating  # |w(z)| > -exp_zero beyond it (w: see _gelu_tanh_kernel)
    gelu_tanh_derivative_top: np.floating  # (1 + e^w)^2 stays finite for w below it
    selu_scale: np.floating
    selu_scale_alpha: np.floating
    one: np.floating  # small constants in the dtype: a Python number costs a conversion
    two: np.floating  # per call, which adds up over many blocks
    four: np.floating
    minus_half: np.floating
    half: np.floating
    zero: np.floating
    max: np.floating
    inf: np.floating
    gelu_tanh_a: np.floating  # w(z) = z (a + b z^2) = 2 sqrt(2/pi) (z + 0.044715 z^3)
    gelu_tanh_b: np.floating
    one_over_sqrt_2pi: np.floating


def _rounded_product(dtype: np.dtype, *factors: str) -> np.floating:
    """The product of decimal constants, computed in longdouble and rounded once."""
    return np.asarray(math.prod(np.longdouble(f) for f in factors)).astype(dtype)[()]


@cache
def _limits(dtype: np.dtype) -> _Limits:
    """Compute, once per dtype, the bounds the modern kernels clip to."""
    t = dtype.type
    info = np.finfo(dtype)
    log = np.log  # in the dtype itself: the bounds are about float ranges, not digits
    exp_zero = np.floor(log(info.smallest_subnormal)) - 8  # e^z rounds to 0 below
    log_2_over_eps = log(t(2) / info.eps)  # 36.7 for float64, 16.6 for float32
    a = 2 * t(_SQRT_2_OVER_PI)
    b = a * t(_GELU_TANH_COEFFICIENT)
    return _Limits(
        exp_zero=exp_zero,
        # e^-z < eps/4: 1 + e^z rounds to e^z, so the ratio is 1
        sigmoid_one=np.ceil(log_2_over_eps) + 3,
        # 1 + e^z + z rounds to e^z once e^z > 2 (1 + z) / eps
        silu_derivative_one=np.ceil(log_2_over_eps) + 8,
        # n + 2 rounds to n once e^(2z) > 4 / eps
        mish_one=np.ceil(log_2_over_eps / 2) + 3,
        # and 4 z e^(-2z) < eps / 4
        mish_derivative_one=np.ceil(log_2_over_eps / 2) + 6,
        gelu_cut=np.ceil(np.sqrt(-2 * log(info.smallest_subnormal))) + 2,
        gelu_tanh_cut=np.ceil(np.cbrt(-exp_zero / b)) + 2,
        gelu_tanh_derivative_top=np.floor(log(info.max) / 2) - 2,
        selu_scale=t(_SELU_SCALE),
        selu_scale_alpha=_rounded_product(dtype, _SELU_SCALE, _SELU_ALPHA),
        gelu_tanh_a=a,
        gelu_tanh_b=b,
        one_over_sqrt_2pi=t(_ONE_OVER_SQRT_2PI),
        one=t(1),
        two=t(2),
        four=t(4),
        minus_half=t(-0.5),
        half=t(0.5),
        zero=t(0),
        max=info.max,
        inf=t(np.inf),
    )


def _step(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    """1 where z > 0, 0 where z <= 0, NaN for NaN (the derivative of ReLU)."""
    lim = _limits(x.dtype)
    _clip(x, lim.zero, lim.one, out=out)  # z <= 0 -> 0, z > 0 -> (0, 1]
    return np.ceil(out, out=out)


#: Whether NumPy's cosh is vectorised on this CPU: with AVX-512 it uses Intel's SVML
#: (the X86_V4 dispatch level); elsewhere (AVX2, ARM, or disabled with
#: NPY_DISABLE_CPU_FEATURES) it is a scalar loop several times slower than exp.
_FAST_COSH = bool(_cpu_features().get("AVX512_SKX", False))


# ---------------------------------------------------------------------------
# Kernels: fill ``out`` (same shape and dtype as ``x``) and return it
# ---------------------------------------------------------------------------
#
# The kernels are branch-free: each is the same short sequence of in-place NumPy
# passes whatever the data holds, so +/-inf, NaN and huge values cost nothing extra
# (no masks, no second path). Every exponential gets an argument clipped (one fast
# pass) to a range where nothing overflows and where the clipped formula already gives
# the exact limit: e^z is exactly 0 below ``exp_zero``, and past the upper clip the
# result rounds to its limit. The one exception is 1/cosh(z)^2 on CPUs where NumPy's
# cosh is fast: cosh rounds to inf far out, and 1/inf = 0 is the right answer there.
# Kernels that take scratch arrays run on blocks of at most _BLOCK values (see
# _blocked), so their passes work on data in cache.


def _sigmoid_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    # 1 / (1 + e^-z) for every z. Far left e^-z is inf, and 1 / (1 + inf) = 0 is the
    # right answer (the true value is below the smallest normal float): the one
    # overflow, expected and not reported.
    np.negative(x, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    np.add(out, _limits(x.dtype).one, out=out)
    return np.reciprocal(out, out=out)


def _sigmoid_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # sigma(z) (1 - sigma(z)) = 1 / (2 + 2 cosh z) = 1 / (E + 2 + 1/E) with E = e^|z|:
    # even, never above 1/4 (cosh >= 1 survives rounding), and no 1 - sigma that
    # cancels. Far out cosh (or E) is inf, and 1/inf = 0 is the right answer there.
    lim = _limits(x.dtype)
    with np.errstate(over="ignore"):
        if _FAST_COSH:
            np.cosh(x, out=out)
            np.add(out, lim.one, out=out)
            return np.divide(lim.half, out, out=out)
        np.abs(x, out=out)
        np.exp(out, out=out)
    np.reciprocal(out, out=tmp)
    np.add(out, tmp, out=out)
    np.add(out, lim.two, out=out)
    return np.reciprocal(out, out=out)


def _tanh_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.tanh(x, out=out)


def _tanh_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating]
) -> NDArray[np.floating]:
    # 1 / cosh(z)^2 in three passes where NumPy's cosh is fast; never above 1 (cosh >= 1
    # survives rounding). cosh^2 = inf only where the result is below the smallest
    # normal float anyway, and 1 / inf = 0.
    with np.errstate(over="ignore"):
        np.cosh(x, out=out)
        np.square(out, out=out)
    return np.reciprocal(out, out=out)


def _tanh_derivative_exp_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # The same, 4 / (E + 1/E)^2 with E = e^|z|, where cosh is slow (no AVX-512)
    np.abs(x, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
        np.reciprocal(out, out=tmp)
        np.add(out, tmp, out=out)
        np.square(out, out=out)
    return np.divide(_limits(x.dtype).four, out, out=out)


def _relu_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.maximum(x, 0, out=out)


def _relu_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating]
) -> NDArray[np.floating]:
    # clip sends z <= 0 to 0 and z > 0 into (0, 1], which ceil sends to 1; NaN stays
    # NaN. (z > 0 would be one pass too, but is False for NaN, and checking for NaN
    # costs another pass over z.)
    return _step(x, out)


def _leaky_relu_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], alpha: float
) -> NDArray[np.floating]:
    _check_alpha_fits(alpha, x.dtype, "leaky_relu")
    if alpha == 0:  # plain ReLU; alpha * z would turn -inf into NaN
        return _relu_kernel(x, out)
    if abs(alpha) <= 1:  # then max(z, alpha z) picks z for z > 0 and alpha z for z < 0
        np.multiply(x, alpha, out=out)
        return np.maximum(x, out, out=out)
    # |alpha| > 1: alpha * z for large positive z would overflow although the
    # answer is z; scale only the negative part, which overflows only when the
    # true result does (NumPy then warns, as for any overflow).
    np.minimum(x, 0, out=out)
    np.multiply(out, alpha, out=out)
    return np.add(out, np.maximum(x, 0), out=out)


def _leaky_relu_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], alpha: float
) -> NDArray[np.floating]:
    _check_alpha_fits(alpha, x.dtype, "leaky_relu_derivative")
    if alpha == 0:
        return _relu_derivative_kernel(x, out)
    if 0 < alpha <= 1:
        # ceil(z) <= 0 exactly when z <= 0 and >= 1 when z > 0; NaN stays NaN
        np.ceil(x, out=out)
        return np.clip(out, alpha, 1, out=out)
    # Any other slope: H + alpha (1 - H) with H the step (0, 1 or NaN). One of the
    # two terms is always exactly 0, so the result is exactly 1 or exactly alpha.
    step = _relu_derivative_kernel(x, out)
    rest = np.subtract(1, step, out=np.empty_like(step))  # out=: 0-d stays an array
    np.multiply(rest, alpha, out=rest)
    return np.add(step, rest, out=out)


def _identity_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    np.copyto(out, x)
    return out


def _identity_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating]
) -> NDArray[np.floating]:
    return np.clip(x, 1, 1, out=out)  # 1 everywhere, but NaN stays NaN


# ---------------------------------------------------------------------------
# Kernels of the six modern activations
# ---------------------------------------------------------------------------


def _elu_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating], alpha: float
) -> NDArray[np.floating]:
    lim = _limits(x.dtype)
    _clip(x, -lim.inf, lim.zero, out=out)  # expm1 never sees a positive argument
    np.expm1(out, out=out)  # in (-1, 0] for z <= 0; exactly 0 for z > 0
    if alpha != 1:
        np.multiply(out, alpha, out=out)
    if 0 <= alpha <= 1:  # then alpha (e^z - 1) >= z for z <= 0, and max picks the branch
        return np.maximum(out, x, out=out)
    _clip(x, lim.zero, lim.inf, out=tmp)  # max(z, 0)
    return np.add(out, tmp, out=out)  # exactly one of the two terms is non-zero


def _selu_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    lim = _limits(x.dtype)
    _clip(x, -lim.inf, lim.zero, out=out)
    np.expm1(out, out=out)
    np.multiply(out, lim.selu_scale_alpha, out=out)
    _clip(x, lim.zero, lim.inf, out=tmp)
    with np.errstate(over="ignore"):  # lambda z > largest float: inf is the rounded value
        np.multiply(tmp, lim.selu_scale, out=tmp)
    return np.add(out, tmp, out=out)


def _elu_derivative_kernel(
    x: NDArray[np.floating],
    out: NDArray[np.floating],
    tmp: NDArray[np.floating],
    left: float | np.floating,
    right: float | np.floating = 1.0,
) -> NDArray[np.floating]:
    """``left * e^z`` for z <= 0 and ``right`` (> 0) for z > 0: ELU's and SELU's slopes."""
    lim = _limits(x.dtype)
    _clip(x, -lim.inf, lim.zero, out=out)
    np.exp(out, out=out)  # e^min(z, 0): exactly 1 for z >= 0
    if left == right == 1:  # ELU's default: that is the derivative
        return out
    np.multiply(out, left, out=out)
    # Pick ``right`` where z > 0 by a max or min with an array that holds ``right`` there
    # and, where z <= 0, a value that loses; each result is exactly one of the branches.
    _step(x, tmp)  # H: 1 where z > 0, else 0 (NaN stays NaN)
    if 0 <= left <= right:  # 0 <= left e^z <= left <= right H for z > 0; H = 0 otherwise
        if right != 1:
            np.multiply(tmp, right, out=tmp)
        return np.maximum(out, tmp, out=out)
    np.abs(tmp, out=tmp)  # H is -0.0 at z = -0.0, and right / -0.0 would be -inf
    with np.errstate(divide="ignore"):  # right / 0 = inf is what is wanted
        np.divide(right, tmp, out=tmp)  # inf for z <= 0, right for z > 0
        if left > right:  # min(left e^z, inf) for z <= 0, min(left, right) for z > 0
            return np.minimum(out, tmp, out=out)
        np.subtract(2 * right, tmp, out=tmp)  # left < 0: -inf for z <= 0, right for z > 0
        return np.maximum(out, tmp, out=out)


def _phi_cdf(u: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    """Phi(u) into ``out``, for |u| within the gelu cut (SciPy has no longdouble ndtr)."""
    if u.dtype in (np.float32, np.float64):
        return _ndtr(u, out=out)
    np.copyto(out, _ndtr(u.astype(np.float64)))  # |u| <= 41: the cast cannot overflow
    return out


def _gelu_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # z Phi(z); Phi is exactly 0 below -cut and exactly 1 above cut, so Phi sees the
    # clipped z, and the factor z is clipped from below (-inf * 0 would be NaN).
    lim = _limits(x.dtype)
    _clip(x, -lim.gelu_cut, lim.gelu_cut, out=tmp)
    _phi_cdf(tmp, out)
    _clip(x, -lim.gelu_cut, lim.inf, out=tmp)
    return np.multiply(out, tmp, out=out)


def _gelu_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # Phi(u) + u phi(u), u = z clipped where the result is exactly 0 or 1
    lim = _limits(x.dtype)
    _clip(x, -lim.gelu_cut, lim.gelu_cut, out=tmp)
    np.square(tmp, out=out)
    np.multiply(out, lim.minus_half, out=out)
    np.exp(out, out=out)
    np.multiply(out, tmp, out=out)
    np.multiply(out, lim.one_over_sqrt_2pi, out=out)  # u phi(u)
    _phi_cdf(tmp, tmp)
    return np.add(out, tmp, out=out)


def _gelu_tanh_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # (z/2)(1 + tanh(y)) = z sigma(2y) = z / (1 + e^-w), w = 2y = z (a + b z^2), with z
    # clipped from below where sigma(w) is exactly 0 (-inf * 0 would be NaN). e^-w is
    # inf for the most negative z, and z / inf = 0 is the right answer; that overflow is
    # the only one, and it is not reported.
    lim = _limits(x.dtype)
    _clip(x, -lim.gelu_tanh_cut, lim.inf, out=tmp)
    with np.errstate(over="ignore"):
        np.square(tmp, out=out)  # inf for huge z: then -w is -inf, e^-w = 0 and the ratio z
        np.multiply(out, -lim.gelu_tanh_b, out=out)
        np.subtract(out, lim.gelu_tanh_a, out=out)
        np.multiply(out, tmp, out=out)  # -w
        np.exp(out, out=out)
    np.add(out, lim.one, out=out)
    return np.divide(tmp, out, out=out)


def _gelu_tanh_derivative_kernel(
    x: NDArray[np.floating],
    out: NDArray[np.floating],
    u: NDArray[np.floating],
    tmp: NDArray[np.floating],
) -> NDArray[np.floating]:
    # sigma(w) + z w' sigma(w) sigma(-w) = e (1 + e + z w') / (1 + e)^2, e = e^w,
    # w = z (a + b z^2), w' = a + 3 b z^2.
    lim = _limits(x.dtype)
    _clip(x, -lim.gelu_tanh_cut, lim.gelu_tanh_cut, out=u)
    np.square(u, out=tmp)
    np.multiply(tmp, lim.gelu_tanh_b, out=out)
    np.add(out, lim.gelu_tanh_a, out=out)
    np.multiply(out, u, out=out)  # w
    _clip(out, lim.exp_zero, lim.gelu_tanh_derivative_top, out=out)
    np.exp(out, out=out)  # e
    np.multiply(tmp, 3 * lim.gelu_tanh_b, out=tmp)
    np.add(tmp, lim.gelu_tanh_a, out=tmp)
    np.multiply(tmp, u, out=tmp)  # z w'
    np.add(tmp, out, out=tmp)
    np.add(tmp, lim.one, out=tmp)
    np.multiply(tmp, out, out=tmp)  # e (1 + e + z w')
    np.add(out, lim.one, out=out)
    np.square(out, out=out)
    return np.divide(tmp, out, out=out)


def _silu_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # z / (1 + e^-z). For very negative z, e^-z is inf and z / inf = 0 is the right
    # answer (the true value is below 1e-300); only -inf itself needs a finite stand-in
    # (-inf / inf is NaN), which the clip provides when there is one.
    lim = _limits(x.dtype)
    if not x.min() > -lim.inf:  # a -inf, or a NaN that may hide one
        x = _clip(x, -lim.max, lim.inf, out=out)
    np.negative(x, out=tmp)
    with np.errstate(over="ignore"):
        np.exp(tmp, out=tmp)
    np.add(tmp, lim.one, out=tmp)
    return np.divide(x, tmp, out=out)


def _silu_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # sigma(z) (1 + z (1 - sigma(z))) = e (1 + e + z) / (1 + e)^2, e = e^z: no
    # cancellation in 1 - sigma, and only e^z, which cannot overflow after the clip.
    lim = _limits(x.dtype)
    _clip(x, lim.exp_zero, lim.silu_derivative_one, out=out)
    np.exp(out, out=tmp)
    np.add(out, tmp, out=out)
    np.add(out, lim.one, out=out)
    np.multiply(out, tmp, out=out)
    np.add(tmp, lim.one, out=tmp)
    np.square(tmp, out=tmp)
    return np.divide(out, tmp, out=out)


def _softplus_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    # log(1 + e^z) = log1p(e^z), exact to rounding. Above the clip it rounds to z, and
    # max(., z) picks z there (log1p(e^z) > z everywhere else). Both passes are skipped
    # when no z is above the clip (or NaN), the common case.
    lim = _limits(x.dtype)
    if x.max() <= lim.sigmoid_one:
        np.exp(x, out=out)
        return np.log1p(out, out=out)
    _clip(x, -lim.inf, lim.sigmoid_one, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    return np.maximum(out, x, out=out)


def _mish_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating], tmp: NDArray[np.floating]
) -> NDArray[np.floating]:
    # tanh(log(1 + e^z)) = n / (n + 2) with n = e^z (e^z + 2)
    lim = _limits(x.dtype)
    _clip(x, lim.exp_zero, lim.mish_one, out=tmp)
    np.exp(tmp, out=tmp)
    np.add(tmp, lim.two, out=out)
    np.multiply(tmp, out, out=tmp)  # n
    np.add(tmp, lim.two, out=out)
    np.divide(tmp, out, out=tmp)  # tanh(softplus(z))
    _clip(x, lim.exp_zero, lim.inf, out=out)
    return np.multiply(out, tmp, out=out)


def _mish_derivative_kernel(
    x: NDArray[np.floating],
    out: NDArray[np.floating],
    u: NDArray[np.floating],
    tmp: NDArray[np.floating],
) -> NDArray[np.floating]:
    # t + z sigma(z) (1 - t^2) with t = n / d, n = e (e + 2), d = n + 2, e = e^z:
    # 1 - t^2 = 4 (1 + e)^2 / d^2, so the second term is 4 z e (1 + e) / d^2.
    lim = _limits(x.dtype)
    _clip(x, lim.exp_zero, lim.mish_derivative_one, out=u)
    np.exp(u, out=tmp)  # e
    np.add(tmp, lim.one, out=out)
    np.multiply(out, tmp, out=out)
    np.multiply(out, u, out=out)
    np.multiply(out, lim.four, out=out)  # 4 z e (1 + e)
    np.add(tmp, lim.two, out=u)
    np.multiply(u, tmp, out=u)  # n
    np.add(u, lim.two, out=tmp)  # d
    np.divide(out, tmp, out=out)
    np.divide(out, tmp, out=out)
    np.divide(u, tmp, out=u)  # t
    return np.add(out, u, out=out)


_BLOCK = 2**17  # values per block in _blocked: each scratch block fits in L2 cache
_SMALL = 2**12  # arrays up to this size are done in one block


def _blocked(kernel: Callable[..., NDArray[np.floating]], x: NDArray[np.floating], scratch: int):
    """Run ``kernel(x_block, out_block, *scratch_blocks)`` over ``x`` in blocks.

    Every pass of a kernel then works on data already in cache, and its scratch arrays
    take at most half the input's memory (one block each), however many it needs.
    """
    if not x.flags.c_contiguous:
        x = x.copy()  # (np.ascontiguousarray would turn a 0-d array into 1-d)
    out = np.empty(x.shape, x.dtype)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    n = flat_x.size
    if n <= _SMALL:
        block = n
    else:
        block = min(_BLOCK, n // (2 * scratch)) if scratch else _BLOCK
    buffers = np.empty((scratch, block), x.dtype)
    whole = list(buffers)  # the rows as views, made once
    for start in range(0, n, block):  # the only loop: over blocks, never over values
        stop = min(start + block, n)
        rows = whole if stop - start == block else buffers[:, : stop - start]
        kernel(flat_x[start:stop], flat_out[start:stop], *rows)
    return out


def _evaluate(
    func: str,
    z: ArrayLike,
    kernel: Callable[..., NDArray[np.floating]],
    *,
    float16_via_float32: bool = False,
    scratch: int | None = None,
    may_overflow: bool = False,
) -> FloatResult:
    """Check ``z``, run ``kernel`` into a fresh array, and shape the result like a ufunc.

    ``scratch=None`` calls ``kernel(x, out)`` on the whole array; an integer runs it in
    blocks with that many scratch arrays (see :func:`_blocked`). ``may_overflow`` says
    that a true value can exceed the range of float16, so that rounding the float32
    result to float16 may give inf.
    """
    x, scalar = _as_real_array(z, func)
    work = x
    if float16_via_float32 and x.dtype == np.float16:
        work = x.astype(np.float32)
    if x.size == 0:
        out = np.empty_like(x)
    else:
        with np.errstate(under="ignore"):
            if scratch is None:
                out = kernel(work, np.empty_like(work))
            else:
                out = _blocked(kernel, work, scratch)
            if work is not x:
                with np.errstate(**({"over": "ignore"} if may_overflow else {})):
                    out = out.astype(x.dtype)  # rounds once (to a subnormal or 0 if need be)
    return out[()] if scalar else out


# ---------------------------------------------------------------------------
# The public functions
# ---------------------------------------------------------------------------


def sigmoid(z: ArrayLike) -> FloatResult:
    r"""Logistic sigmoid, computed in a numerically stable way.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma(z)`, elementwise, with the shape of `z` (a NumPy scalar if `z` is
        a scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    sigmoid_derivative, scipy.special.expit

    Notes
    -----
    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad
        \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)

    The output range is the open interval :math:`(0, 1)`, with :math:`\sigma(0) = 1/2`.
    In floating point the ends are reached: the result is exactly 1 once
    :math:`e^{-z}` is negligible next to 1 (:math:`z > 36.7` in float64), and exactly 0
    once :math:`e^{-z}` overflows (:math:`z < -709.8` in float64, :math:`-88.7` in
    float32; just above, the values are subnormal floats). ``sigmoid(-inf)`` is 0,
    ``sigmoid(inf)`` is 1.

    **Why a stable form.** Typed in literally, ``1 / (1 + np.exp(-z))`` evaluates
    ``np.exp(1000.0)`` at ``z = -1000``: :math:`e^{1000}` is far beyond the largest
    float64 (about :math:`1.8 \times 10^{308} \approx e^{709.8}`), so it overflows to
    ``inf`` and NumPy warns ``overflow encountered in exp`` (or raises under
    ``np.errstate(over="raise")``). The value, ``1 / (1 + inf) = 0``, is right (IEEE
    arithmetic defines it), but a warning about a correct result is noise, and the
    algebraically equal :math:`e^{z} / (1 + e^{z})` gives ``inf / inf = nan`` at
    ``z = 1000``. The textbook stable form never exponentiates a large positive number:

    .. math::

        \sigma(z) =
        \begin{cases}
            \dfrac{1}{1 + e^{-z}} & z \ge 0, \\[1ex]
            \dfrac{e^{z}}{1 + e^{z}} & z < 0.
        \end{cases}

    This function gets the same values in fewer passes over the data: it computes
    :math:`1/(1 + e^{-z})` for every `z`, in place, and silences the one overflow it
    expects, for :math:`z < -709.8` in float64 (:math:`-88.7` in float32), where
    :math:`1/(1 + \infty) = 0` is the answer. For :math:`z < 0` the two forms differ only
    in rounding, so the far negative tail keeps its full relative accuracy: the result
    agrees with :func:`scipy.special.expit` to a few ulp wherever that is a normal float.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sigmoid
    >>> sigmoid(np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0]))
    array([0.        , 0.26894142, 0.5       , 0.73105858, 1.        ])
    """
    return _evaluate("sigmoid", z, _sigmoid_kernel, float16_via_float32=True)


def sigmoid_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of the logistic sigmoid, :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative (not the sigmoid's outputs).

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma'(z)`, elementwise, shaped and typed like :func:`sigmoid`'s result.

    See Also
    --------
    sigmoid

    Notes
    -----
    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad
        \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)
                   = \frac{1}{e^{z} + 2 + e^{-z}} = \frac{1}{2 + 2\cosh z}

    The output range is :math:`(0, 1/4]`: the maximum :math:`1/4` is at
    :math:`z = 0`, and the derivative is even, :math:`\sigma'(-z) = \sigma'(z)`. It
    decays like :math:`e^{-|z|}` on both sides, which is why sigmoid units saturate and
    pass back vanishing gradients.

    The last two forms are the ones computed (with ``np.cosh`` where NumPy vectorises it,
    on CPUs with AVX-512; with :math:`e^{|z|}` elsewhere, where ``np.cosh`` is several
    times slower than ``np.exp``). Evaluating ``s * (1 - s)`` with ``s = sigmoid(z)``
    gives exactly 0 as soon as ``s`` rounds to 1 (:math:`z > 37` in float64) although
    the true value is still about :math:`e^{-z}`; these forms keep relative accuracy in
    both tails, never exceed 1/4 and are exactly even. Far out (:math:`|z| > 709.8` in
    float64) :math:`\cosh z` rounds to ``inf``, and :math:`1/\infty = 0` is the right
    answer (the true value is below the smallest normal float): that overflow is
    expected and not reported.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sigmoid_derivative
    >>> sigmoid_derivative(np.array([-2.0, 0.0, 2.0, 50.0]))
    array([1.04993585e-01, 2.50000000e-01, 1.04993585e-01, 1.92874985e-22])
    """
    return _evaluate(
        "sigmoid_derivative", z, _sigmoid_derivative_kernel, float16_via_float32=True, scratch=1
    )


def tanh(z: ArrayLike) -> FloatResult:
    r"""Hyperbolic tangent.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\tanh(z)`, elementwise, with the shape of `z` (a NumPy scalar if `z` is
        a scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    tanh_derivative, numpy.tanh

    Notes
    -----
    .. math::

        \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1, \qquad
        \tanh'(z) = 1 - \tanh^2(z)

    The output range is the open interval :math:`(-1, 1)`; in floating point the
    result rounds to exactly :math:`\pm 1` once :math:`|z|` is large (about 19 in
    float64), and ``tanh(+/-inf)`` is :math:`\pm 1`. Tanh is odd,
    :math:`\tanh(-z) = -\tanh(z)`, so it is zero-centred: a rescaled sigmoid whose
    outputs average to 0 for inputs symmetric around 0.

    The value is :func:`numpy.tanh`, which is already stable (it never overflows);
    this function adds the input checks and the dtype rules shared by the module.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanh
    >>> tanh(np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0]))
    array([-1.        , -0.76159416,  0.        ,  0.76159416,  1.        ])
    """
    return _evaluate("tanh", z, _tanh_kernel)


def tanh_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of the hyperbolic tangent, :math:`\tanh'(z) = 1 - \tanh^2(z)`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative (not tanh's outputs).

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\tanh'(z)`, elementwise, shaped and typed like :func:`tanh`'s result.

    See Also
    --------
    tanh

    Notes
    -----
    .. math::

        \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}, \qquad
        \tanh'(z) = 1 - \tanh^2(z) = \operatorname{sech}^2(z) = \frac{1}{\cosh^2 z}

    The output range is :math:`(0, 1]`: the maximum 1 is at :math:`z = 0`, the
    derivative is even, and it decays like :math:`4 e^{-2|z|}`, so tanh saturates
    faster than the sigmoid, although its peak gradient is four times larger.

    The last form is the one computed (with ``np.cosh`` where NumPy vectorises it, on
    CPUs with AVX-512; as :math:`4/(e^{|z|} + e^{-|z|})^2` elsewhere, where ``np.cosh``
    is several times slower than ``np.exp``). ``1 - np.tanh(z)**2`` cancels to exactly 0
    once ``tanh`` rounds to :math:`\pm 1` (:math:`|z| > 19` in float64) although the
    true value is still about :math:`4 e^{-2|z|}`; :math:`1/\cosh^2` keeps relative
    accuracy in the tails and never exceeds 1. Far out (:math:`|z| > 354.9` in float64)
    :math:`\cosh^2 z` rounds to ``inf``, and :math:`1/\infty = 0` is the right answer
    (the true value is below the smallest normal float): that overflow is expected and
    not reported.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanh_derivative
    >>> tanh_derivative(np.array([-2.0, 0.0, 2.0, 30.0]))
    array([7.06508249e-02, 1.00000000e+00, 7.06508249e-02, 3.50260431e-26])
    """
    if _FAST_COSH:
        return _evaluate("tanh_derivative", z, _tanh_derivative_kernel, float16_via_float32=True)
    return _evaluate(
        "tanh_derivative", z, _tanh_derivative_exp_kernel, float16_via_float32=True, scratch=1
    )


def relu(z: ArrayLike) -> FloatResult:
    r"""Rectified linear unit, :math:`\max(0, z)`.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\max(0, z)`, elementwise, with the shape of `z` (a NumPy scalar if `z`
        is a scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    relu_derivative, leaky_relu

    Notes
    -----
    .. math::

        \operatorname{ReLU}(z) = \max(0, z), \qquad
        \operatorname{ReLU}'(z) =
        \begin{cases} 1 & z > 0, \\ 0 & z \le 0. \end{cases}

    The output range is :math:`[0, \infty)`. ReLU does not saturate for positive
    inputs (its gradient there is 1), but a unit whose inputs are all negative passes
    back no gradient at all (a "dead" unit).

    ReLU has a kink at :math:`z = 0` and is not differentiable there (its slope is 0
    on the left and 1 on the right); :func:`relu_derivative` returns 0 at
    :math:`z = 0`, the convention PyTorch uses. ``relu(-0.0)`` is ``+0.0``.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import relu
    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return _evaluate("relu", z, _relu_kernel)


def relu_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of ReLU: 1 where :math:`z > 0`, 0 where :math:`z \le 0`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray or numpy scalar
        Exactly 1 or 0 (NaN for NaN), shaped and typed like :func:`relu`'s result.

    See Also
    --------
    relu

    Notes
    -----
    .. math::

        \operatorname{ReLU}(z) = \max(0, z), \qquad
        \operatorname{ReLU}'(z) =
        \begin{cases} 1 & z > 0, \\ 0 & z \le 0. \end{cases}

    The output range is the two values :math:`\{0, 1\}`. ReLU is not differentiable
    at the kink :math:`z = 0`: any value in :math:`[0, 1]` is a valid subgradient
    there. This function returns 0 at :math:`z = 0`, the convention PyTorch uses
    (``-0.0`` gives ``-0.0``, which is the same number). NaN gives NaN, although
    ``NaN > 0`` is False.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import relu_derivative
    >>> relu_derivative(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 1.])
    """
    return _evaluate("relu_derivative", z, _relu_derivative_kernel)


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> FloatResult:
    r"""Leaky ReLU: :math:`z` for :math:`z > 0`, :math:`\alpha z` otherwise.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.
    alpha : float, default 0.01
        Slope for :math:`z \le 0`: a finite real scalar (Python or NumPy int or float;
        not bool, complex, NaN, infinite, or an array).

    Returns
    -------
    numpy.ndarray or numpy scalar
        The Leaky ReLU of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z`
        is a scalar). float16/32/64 keep their dtype, whatever the type of `alpha`;
        integers and bools give float64.

    Raises
    ------
    TypeError
        If `alpha` is not a real number (e.g. bool, complex, str, None, an array),
        or if `z` is not real numbers.
    ValueError
        If `alpha` is NaN or infinite, or too large for the float type the result is
        computed in (beyond 3.4e38 for float32 input).

    See Also
    --------
    leaky_relu_derivative, relu

    Notes
    -----
    .. math::

        \operatorname{LeakyReLU}_\alpha(z) =
        \begin{cases} z & z > 0, \\ \alpha z & z \le 0, \end{cases}
        \qquad
        \operatorname{LeakyReLU}_\alpha'(z) =
        \begin{cases} 1 & z > 0, \\ \alpha & z \le 0. \end{cases}

    ``alpha=0`` gives ReLU and ``alpha=1`` the identity. Leaky ReLU proper uses a
    small positive slope (0.01 by default, as in PyTorch), so negative inputs still
    pass back a small gradient and units cannot "die". With :math:`0 < \alpha \le 1`
    the output range is :math:`(-\infty, \infty)` and the function is increasing.

    The function has a kink at :math:`z = 0` and is not differentiable there (slope
    :math:`\alpha` on the left, 1 on the right) unless :math:`\alpha = 1`;
    :func:`leaky_relu_derivative` returns :math:`\alpha` at :math:`z = 0`, the convention
    PyTorch uses.

    For :math:`|\alpha| \le 1` the result never overflows. With a steeper slope the
    true value :math:`\alpha z` can exceed the float range for very negative `z`; it
    then becomes :math:`\mp\infty` with NumPy's usual overflow warning.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import leaky_relu
    >>> leaky_relu(np.array([-2.0, 0.0, 3.0]))
    array([-0.02,  0.  ,  3.  ])
    >>> leaky_relu(np.array([-2.0, 0.0, 3.0]), alpha=0.2)
    array([-0.4,  0. ,  3. ])
    """
    a = _check_alpha(alpha, "leaky_relu")
    return _evaluate(
        "leaky_relu",
        z,
        lambda x, out: _leaky_relu_kernel(x, out, a),
        float16_via_float32=True,
    )


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> FloatResult:
    r"""Derivative of Leaky ReLU: 1 where :math:`z > 0`, `alpha` where :math:`z \le 0`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.
    alpha : float, default 0.01
        Slope for :math:`z \le 0`: a finite real scalar (Python or NumPy int or float;
        not bool, complex, NaN, infinite, or an array).

    Returns
    -------
    numpy.ndarray or numpy scalar
        Exactly 1 or `alpha` (rounded to the output dtype; NaN for NaN), shaped and
        typed like :func:`leaky_relu`'s result.

    Raises
    ------
    TypeError
        If `alpha` is not a real number (e.g. bool, complex, str, None, an array),
        or if `z` is not real numbers.
    ValueError
        If `alpha` is NaN or infinite, or too large for the float type the result is
        computed in (beyond 3.4e38 for float32 input).

    See Also
    --------
    leaky_relu

    Notes
    -----
    .. math::

        \operatorname{LeakyReLU}_\alpha(z) =
        \begin{cases} z & z > 0, \\ \alpha z & z \le 0, \end{cases}
        \qquad
        \operatorname{LeakyReLU}_\alpha'(z) =
        \begin{cases} 1 & z > 0, \\ \alpha & z \le 0. \end{cases}

    The output range is the two values :math:`\{\alpha, 1\}`. ``alpha=0`` gives the
    derivative of ReLU and ``alpha=1`` that of the identity; Leaky ReLU proper uses a
    small positive slope (0.01 by default). Leaky ReLU is not differentiable at the
    kink :math:`z = 0` (unless :math:`\alpha = 1`); this function returns
    :math:`\alpha` at :math:`z = 0`, the convention PyTorch uses.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import leaky_relu_derivative
    >>> leaky_relu_derivative(np.array([-2.0, 0.0, 3.0]), alpha=0.1)
    array([0.1, 0.1, 1. ])
    """
    a = _check_alpha(alpha, "leaky_relu_derivative")
    return _evaluate(
        "leaky_relu_derivative", z, lambda x, out: _leaky_relu_derivative_kernel(x, out, a)
    )


def identity(z: ArrayLike) -> FloatResult:
    r"""The identity activation, :math:`z \mapsto z`: the linear baseline.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        A new array equal to `z` (never a view of it), or a NumPy scalar if `z` is a
        scalar. float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    identity_derivative

    Notes
    -----
    .. math::

        \operatorname{id}(z) = z, \qquad \operatorname{id}'(z) = 1

    The output range is :math:`(-\infty, \infty)`. A network whose activations are
    all the identity is a composition of affine maps, hence a single affine map, no
    matter how many layers it has: the baseline that shows why the non-linear
    activations are needed. The identity is differentiable everywhere.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import identity
    >>> identity(np.array([-2.0, 0.0, 3.0]))
    array([-2.,  0.,  3.])
    """
    return _evaluate("identity", z, _identity_kernel)


def identity_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of the identity: 1 everywhere.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray or numpy scalar
        Ones (NaN for NaN), shaped and typed like :func:`identity`'s result.

    See Also
    --------
    identity

    Notes
    -----
    .. math::

        \operatorname{id}(z) = z, \qquad \operatorname{id}'(z) = 1

    The output range is the single value 1 (including at :math:`\pm\infty`); the
    identity has no kink. NaN gives NaN, as in every function of this module.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import identity_derivative
    >>> identity_derivative(np.array([-2.0, 0.0, 3.0]))
    array([1., 1., 1.])
    """
    return _evaluate("identity_derivative", z, _identity_derivative_kernel)


def _check_approximate(approximate: object, func: str) -> str:
    """Return GELU's ``approximate`` argument, or raise naming it and the value."""
    if not isinstance(approximate, str):
        raise TypeError(
            f"{func}(): approximate must be the string 'none' or 'tanh', "
            f"got {type(approximate).__name__} approximate={reprlib.repr(approximate)}"
        )
    if approximate not in ("none", "tanh"):
        raise ValueError(
            f"{func}(): approximate must be 'none' or 'tanh', got approximate={approximate!r}"
        )
    return approximate


_ELU_ALPHA = "the value -alpha that ELU tends to as z -> -inf"


def elu(z: ArrayLike, alpha: float = 1.0) -> FloatResult:
    r"""Exponential linear unit: :math:`z` for :math:`z > 0`, :math:`\alpha(e^z - 1)` otherwise.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.
    alpha : float, default 1.0
        The negative saturation value is :math:`-\alpha`: a finite real scalar (not bool,
        complex, NaN, infinite, or an array). Clevert et al. (2016) use 1.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The ELU of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z` is a
        scalar). float16/32/64 keep their dtype; integers and bools give float64.

    Raises
    ------
    TypeError
        If `alpha` is not a real number, or if `z` is not real numbers.
    ValueError
        If `alpha` is NaN or infinite, or too large for the float type of `z`.

    See Also
    --------
    elu_derivative, selu, leaky_relu

    Notes
    -----
    .. math::

        \operatorname{ELU}_\alpha(z) =
        \begin{cases} z & z > 0, \\ \alpha\,(e^{z} - 1) & z \le 0, \end{cases}
        \qquad
        \operatorname{ELU}_\alpha'(z) =
        \begin{cases} 1 & z > 0, \\ \alpha\,e^{z} & z \le 0. \end{cases}

    For :math:`\alpha > 0` the output range is :math:`(-\alpha, \infty)`:
    ``elu(-inf, alpha)`` is :math:`-\alpha`. Unlike ReLU, negative inputs give negative
    outputs, which pulls the mean activation towards 0, and a non-zero gradient, so units
    do not die; unlike Leaky ReLU, the negative side saturates smoothly. With
    :math:`\alpha = 1` the function is differentiable everywhere (both one-sided slopes
    at 0 are 1); otherwise it has a kink at 0.

    :math:`e^{z} - 1` is computed as ``np.expm1(z)``, which keeps full relative
    accuracy for small :math:`|z|`, where ``np.exp(z) - 1`` cancels (at
    :math:`z = -10^{-8}` it is wrong in the 8th digit). `z` is clipped at 0 before the
    exponential, so nothing overflows.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import elu
    >>> elu(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([-1.        , -0.63212056,  0.        ,  2.        ])
    """
    a = _check_alpha(alpha, "elu", _ELU_ALPHA)

    def kernel(x, out, tmp):
        _check_alpha_fits(a, x.dtype, "elu")
        return _elu_kernel(x, out, tmp, a)

    return _evaluate("elu", z, kernel, float16_via_float32=True, scratch=1)


def elu_derivative(z: ArrayLike, alpha: float = 1.0) -> FloatResult:
    r"""Derivative of ELU: 1 where :math:`z > 0`, :math:`\alpha e^{z}` where :math:`z \le 0`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.
    alpha : float, default 1.0
        As for :func:`elu`.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\operatorname{ELU}_\alpha'(z)`, elementwise, shaped and typed like
        :func:`elu`'s result.

    Raises
    ------
    TypeError
        If `alpha` is not a real number, or if `z` is not real numbers.
    ValueError
        If `alpha` is NaN or infinite, or too large for the float type of `z`.

    See Also
    --------
    elu

    Notes
    -----
    .. math::

        \operatorname{ELU}_\alpha(z) =
        \begin{cases} z & z > 0, \\ \alpha\,(e^{z} - 1) & z \le 0, \end{cases}
        \qquad
        \operatorname{ELU}_\alpha'(z) =
        \begin{cases} 1 & z > 0, \\ \alpha\,e^{z} & z \le 0. \end{cases}

    For :math:`0 < \alpha \le 1` the output range is :math:`(0, 1]`; it tends to 0 as
    :math:`z \to -\infty`, so ELU saturates on the negative side only. Unless
    :math:`\alpha = 1`, ELU has a kink at :math:`z = 0` (slope :math:`\alpha` on the left,
    1 on the right); this function returns the left derivative :math:`\alpha` there, as
    PyTorch does. Each value is exactly 1 or :math:`\alpha e^{z}` rounded once.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import elu_derivative
    >>> elu_derivative(np.array([-np.inf, -1.0, 0.0, 2.0]), alpha=0.5)
    array([0.        , 0.18393972, 0.5       , 1.        ])
    """
    a = _check_alpha(alpha, "elu_derivative", _ELU_ALPHA)

    def kernel(x, out, tmp):
        _check_alpha_fits(a, x.dtype, "elu_derivative")
        return _elu_derivative_kernel(x, out, tmp, a)

    return _evaluate("elu_derivative", z, kernel, float16_via_float32=True, scratch=1)


def selu(z: ArrayLike) -> FloatResult:
    r"""Scaled ELU, :math:`\lambda\,\operatorname{ELU}_\alpha(z)` with Klambauer's constants.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The SELU of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z` is a
        scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    selu_derivative, elu

    Notes
    -----
    .. math::

        \operatorname{SELU}(z) = \lambda
        \begin{cases} z & z > 0, \\ \alpha\,(e^{z} - 1) & z \le 0, \end{cases}
        \qquad
        \operatorname{SELU}'(z) = \lambda
        \begin{cases} 1 & z > 0, \\ \alpha\,e^{z} & z \le 0, \end{cases}

    with :math:`\lambda \approx 1.0507` and :math:`\alpha \approx 1.6733`, the constants
    of Klambauer et al. (2017, "Self-normalizing neural networks"), here to 32 digits.
    They are chosen so that mean 0 and variance 1 is a fixed point: if
    :math:`z \sim \mathcal N(0, 1)`, then :math:`\operatorname{SELU}(z)` again has mean 0
    and variance 1, and a deep network with suitably initialised weights keeps its
    activations normalised without batch normalisation.

    The output range is :math:`(-\lambda\alpha, \infty) \approx (-1.7581, \infty)`.
    For :math:`z` beyond the largest float divided by :math:`\lambda` the true value
    exceeds the float range and the result is ``inf`` (silently: that is its correctly
    rounded value).

    Examples
    --------
    >>> import numpy as np
    >>> from activations import selu
    >>> selu(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([-1.75809934, -1.11133074,  0.        ,  2.10140197])
    """
    return _evaluate(
        "selu", z, _selu_kernel, float16_via_float32=True, scratch=1, may_overflow=True
    )


def selu_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of SELU: :math:`\lambda` for :math:`z > 0`, else :math:`\lambda\alpha e^{z}`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\operatorname{SELU}'(z)`, elementwise, shaped and typed like
        :func:`selu`'s result.

    See Also
    --------
    selu

    Notes
    -----
    .. math::

        \operatorname{SELU}(z) = \lambda
        \begin{cases} z & z > 0, \\ \alpha\,(e^{z} - 1) & z \le 0, \end{cases}
        \qquad
        \operatorname{SELU}'(z) = \lambda
        \begin{cases} 1 & z > 0, \\ \alpha\,e^{z} & z \le 0. \end{cases}

    The output range is :math:`(0, \lambda\alpha] \approx (0, 1.7581]`. SELU has a kink
    at :math:`z = 0` (slope :math:`\lambda\alpha \approx 1.7581` on the left,
    :math:`\lambda \approx 1.0507` on the right); this function returns the left
    derivative :math:`\lambda\alpha` there, as PyTorch does.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import selu_derivative
    >>> selu_derivative(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([0.        , 0.6467686 , 1.75809934, 1.05070099])
    """

    def kernel(x, out, tmp):
        lim = _limits(x.dtype)
        return _elu_derivative_kernel(x, out, tmp, lim.selu_scale_alpha, lim.selu_scale)

    return _evaluate("selu_derivative", z, kernel, float16_via_float32=True, scratch=1)


def gelu(z: ArrayLike, approximate: str = "none") -> FloatResult:
    r"""Gaussian error linear unit, :math:`z\,\Phi(z)`, or its tanh approximation.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.
    approximate : {'none', 'tanh'}, default 'none'
        ``'none'`` computes :math:`z\,\Phi(z)` with the normal distribution function
        :math:`\Phi`; ``'tanh'`` the approximation of Hendrycks and Gimpel (2016) that
        BERT and GPT-2 used, with the same names as PyTorch's ``approximate``.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The GELU of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z` is a
        scalar). float16/32/64 keep their dtype; integers and bools give float64.

    Raises
    ------
    TypeError
        If `approximate` is not a string, or if `z` is not real numbers.
    ValueError
        If `approximate` is a string other than ``'none'`` and ``'tanh'``.

    See Also
    --------
    gelu_derivative, silu, scipy.special.ndtr

    Notes
    -----
    .. math::

        \operatorname{GELU}(z) = z\,\Phi(z) = \frac{z}{2}\Bigl(1 + \operatorname{erf}
        \frac{z}{\sqrt 2}\Bigr), \qquad
        \operatorname{GELU}'(z) = \Phi(z) + z\,\varphi(z),

    where :math:`\varphi(z) = e^{-z^2/2}/\sqrt{2\pi}` is the standard normal density.
    The tanh approximation replaces :math:`\Phi(z)` by
    :math:`\tfrac12\bigl(1 + \tanh(\sqrt{2/\pi}\,(z + 0.044715\,z^3))\bigr)`.

    The output range is :math:`[m, \infty)` with the minimum
    :math:`m \approx -0.16997` at :math:`z \approx -0.75179`: GELU dips below 0 for
    negative inputs and returns to 0 as :math:`z \to -\infty` (``gelu(-inf)`` is 0). It
    is smooth, with no kink: a "soft" ReLU that weights each input by the probability that
    a standard normal variable lies below it.

    :math:`\Phi` is :func:`scipy.special.ndtr`, which keeps relative accuracy in the far
    negative tail, where ``1 + erf(z / sqrt(2))`` cancels to 0 (already at
    :math:`z = -9`). The tanh form is computed as :math:`z\,\sigma(2y)`, which equals
    :math:`\tfrac z2(1 + \tanh y)` but does not cancel either. For longdouble input,
    :math:`\Phi` is computed in float64 (SciPy stops there).

    Examples
    --------
    >>> import numpy as np
    >>> from activations import gelu
    >>> gelu(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([-0.        , -0.15865525,  0.        ,  1.95449974])
    >>> gelu(np.array([-1.0, 2.0]), approximate="tanh")
    array([-0.15880801,  1.95459769])
    """
    kernel = (
        _gelu_kernel if _check_approximate(approximate, "gelu") == "none" else _gelu_tanh_kernel
    )
    return _evaluate("gelu", z, kernel, float16_via_float32=True, scratch=1)


def gelu_derivative(z: ArrayLike, approximate: str = "none") -> FloatResult:
    r"""Derivative of GELU, :math:`\Phi(z) + z\,\varphi(z)`, or of its tanh approximation.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.
    approximate : {'none', 'tanh'}, default 'none'
        As for :func:`gelu`: the derivative of the same function.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\operatorname{GELU}'(z)`, elementwise, shaped and typed like :func:`gelu`'s
        result.

    Raises
    ------
    TypeError
        If `approximate` is not a string, or if `z` is not real numbers.
    ValueError
        If `approximate` is a string other than ``'none'`` and ``'tanh'``.

    See Also
    --------
    gelu

    Notes
    -----
    .. math::

        \operatorname{GELU}(z) = z\,\Phi(z), \qquad
        \operatorname{GELU}'(z) = \Phi(z) + z\,\varphi(z), \quad
        \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}.

    With the tanh approximation, :math:`g(z) = z\,\sigma(w)` with
    :math:`w = 2\sqrt{2/\pi}\,(z + 0.044715\,z^3)`, and
    :math:`g'(z) = \sigma(w) + z\,w'\,\sigma(w)\,\sigma(-w)`, computed as
    :math:`e(1 + e + z w')/(1 + e)^2` with :math:`e = e^{w}`.

    The output range is about :math:`[-0.1285, 1.1289]`: the derivative exceeds 1 just
    right of the origin (the function overshoots the identity's slope as it bends up), is
    negative left of the minimum at :math:`z \approx -0.75`, and tends to 0 and 1 at
    :math:`\mp\infty` (exactly 0 and 1 at the infinities). There is no kink.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import gelu_derivative
    >>> gelu_derivative(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([ 0.        , -0.08331547,  0.5       ,  1.0852318 ])
    """
    approx = _check_approximate(approximate, "gelu_derivative")
    if approx == "none":
        kernel, scratch = _gelu_derivative_kernel, 1
    else:
        kernel, scratch = _gelu_tanh_derivative_kernel, 2
    return _evaluate("gelu_derivative", z, kernel, float16_via_float32=True, scratch=scratch)


def silu(z: ArrayLike) -> FloatResult:
    r"""Sigmoid linear unit (Swish), :math:`z\,\sigma(z)`.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The SiLU of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z` is a
        scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    silu_derivative, sigmoid, gelu

    Notes
    -----
    .. math::

        \operatorname{SiLU}(z) = z\,\sigma(z) = \frac{z}{1 + e^{-z}}, \qquad
        \operatorname{SiLU}'(z) = \sigma(z)\bigl(1 + z\,(1 - \sigma(z))\bigr).

    The output range is :math:`[m, \infty)` with the minimum
    :math:`m = -W(1/e) \approx -0.27846` at :math:`z = -1 - W(1/e) \approx -1.27846`
    (:math:`W` is Lambert's function). Like GELU it is a smooth, non-monotone "soft" ReLU:
    ``silu(-inf)`` is 0 and ``silu(z)`` approaches :math:`z` for large :math:`z`.
    Ramachandran et al. (2017) found it by search and called it Swish; EfficientNet uses
    it.

    It is computed as :math:`z/(1 + e^{-z})`. For :math:`z < -709.8` (float64;
    :math:`-88.7` in float32) :math:`e^{-z}` rounds to ``inf``, and :math:`z/\infty = 0`
    is the right answer (:math:`|z\,\sigma(z)| < 10^{-305}` there): that overflow is
    expected and not reported. ``-inf`` itself is replaced by the most negative float
    first, so that it gives 0, not :math:`-\infty/\infty` = NaN.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import silu
    >>> silu(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([-0.        , -0.26894142,  0.        ,  1.76159416])
    """
    return _evaluate("silu", z, _silu_kernel, float16_via_float32=True, scratch=1)


def silu_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of SiLU, :math:`\sigma(z)\bigl(1 + z(1 - \sigma(z))\bigr)`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\operatorname{SiLU}'(z)`, elementwise, shaped and typed like :func:`silu`'s
        result.

    See Also
    --------
    silu

    Notes
    -----
    .. math::

        \operatorname{SiLU}(z) = z\,\sigma(z), \qquad
        \operatorname{SiLU}'(z) = \sigma(z)\bigl(1 + z\,(1 - \sigma(z))\bigr)
        = \frac{e^{z}\,(1 + e^{z} + z)}{(1 + e^{z})^2}.

    The output range is about :math:`[-0.0998, 1.0998]`: the derivative is 0 at the
    minimum :math:`z \approx -1.2785`, exceeds 1 for :math:`z > 0` (peak near
    :math:`z \approx 2.40`), and tends to 0 and 1 at :math:`\mp\infty` (exactly 0 and 1
    at the infinities). There is no kink. The last form is the one computed: it needs
    only :math:`e^{z}` (with `z` clipped) and never subtracts :math:`\sigma` from 1.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import silu_derivative
    >>> silu_derivative(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([-0.        ,  0.07232949,  0.5       ,  1.09078425])
    """
    return _evaluate(
        "silu_derivative", z, _silu_derivative_kernel, float16_via_float32=True, scratch=1
    )


def softplus(z: ArrayLike) -> FloatResult:
    r"""Softplus, :math:`\log(1 + e^{z})`, exactly (no threshold).

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The softplus of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z` is
        a scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    softplus_derivative, relu, numpy.logaddexp

    Notes
    -----
    .. math::

        \operatorname{softplus}(z) = \log\bigl(1 + e^{z}\bigr), \qquad
        \operatorname{softplus}'(z) = \sigma(z) = \frac{1}{1 + e^{-z}}.

    The output range is :math:`(0, \infty)`: a smooth ReLU, always above it and within
    :math:`\log 2` of it (at :math:`z = 0`). Its derivative is the sigmoid.

    The value is exact to rounding everywhere, with no threshold (PyTorch's ``softplus``
    returns :math:`z` itself above ``threshold=20``, which is off by :math:`e^{-20}`):
    :math:`\log(1 + e^z)` is ``np.log1p(np.exp(z))`` with `z` clipped where the result
    rounds to `z` anyway (:math:`z > 40` in float64), and `z` itself above the clip. The
    far negative tail keeps relative accuracy: ``softplus(-50)`` is :math:`e^{-50}` to the
    last digit, where ``np.log(1 + np.exp(z))`` gives 0. Equal to
    ``np.logaddexp(0, z)``, but faster.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softplus
    >>> softplus(np.array([-np.inf, -50.0, 0.0, 2.0, 1000.0]))
    array([0.00000000e+00, 1.92874985e-22, 6.93147181e-01, 2.12692801e+00,
           1.00000000e+03])
    """
    return _evaluate("softplus", z, _softplus_kernel, float16_via_float32=True)


def softplus_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of softplus: the logistic sigmoid, :math:`\sigma(z)`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\sigma(z)`, elementwise, exactly as :func:`sigmoid` computes it.

    See Also
    --------
    softplus, sigmoid

    Notes
    -----
    .. math::

        \operatorname{softplus}(z) = \log\bigl(1 + e^{z}\bigr), \qquad
        \operatorname{softplus}'(z) = \frac{e^{z}}{1 + e^{z}} = \sigma(z).

    The output range is :math:`(0, 1)`, reached at the infinities in floating point.
    There is no kink. This is :func:`sigmoid` under another name, so the two always agree.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import softplus_derivative
    >>> softplus_derivative(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([0.        , 0.26894142, 0.5       , 0.88079708])
    """
    return _evaluate("softplus_derivative", z, _sigmoid_kernel, float16_via_float32=True)


def mish(z: ArrayLike) -> FloatResult:
    r"""Mish, :math:`z\,\tanh(\operatorname{softplus}(z))`.

    Parameters
    ----------
    z : array_like of real numbers
        Pre-activations: a scalar, a (nested) list or an array of any shape.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The Mish of `z`, elementwise, with the shape of `z` (a NumPy scalar if `z` is a
        scalar). float16/32/64 keep their dtype; integers and bools give float64.

    See Also
    --------
    mish_derivative, softplus, silu

    Notes
    -----
    .. math::

        \operatorname{Mish}(z) = z\,\tanh\bigl(\log(1 + e^{z})\bigr), \qquad
        \operatorname{Mish}'(z) = \tanh(s) + z\,\sigma(z)\,\bigl(1 - \tanh^2(s)\bigr),
        \quad s = \operatorname{softplus}(z).

    The output range is :math:`[m, \infty)` with the minimum :math:`m \approx -0.30884`
    at :math:`z \approx -1.19243`; ``mish(-inf)`` is 0. Mish (Misra, 2019) is a smooth,
    non-monotone "soft" ReLU like SiLU, with a slightly deeper dip.

    With :math:`n = e^{z}(e^{z} + 2)`, :math:`\tanh(\operatorname{softplus}(z)) = n/(n + 2)`
    exactly, which needs one exponential and no logarithm; `z` is clipped where that ratio
    is already exactly 0 or 1, so nothing overflows.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import mish
    >>> mish(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([-0.        , -0.30340146,  0.        ,  1.94395896])
    """
    return _evaluate("mish", z, _mish_kernel, float16_via_float32=True, scratch=1)


def mish_derivative(z: ArrayLike) -> FloatResult:
    r"""Derivative of Mish, :math:`\tanh(s) + z\,\sigma(z)(1 - \tanh^2 s)`, :math:`s = \log(1+e^z)`.

    Parameters
    ----------
    z : array_like of real numbers
        Points at which to evaluate the derivative.

    Returns
    -------
    numpy.ndarray or numpy scalar
        :math:`\operatorname{Mish}'(z)`, elementwise, shaped and typed like :func:`mish`'s
        result.

    See Also
    --------
    mish

    Notes
    -----
    .. math::

        \operatorname{Mish}(z) = z\,\tanh(s), \qquad
        \operatorname{Mish}'(z) = \tanh(s) + z\,\sigma(z)\,\bigl(1 - \tanh^2(s)\bigr)
        = \frac{n}{d} + \frac{4 z e^{z}(1 + e^{z})}{d^2},

    with :math:`s = \operatorname{softplus}(z)`, :math:`n = e^{z}(e^{z} + 2)` and
    :math:`d = n + 2`. The last form is the one computed.

    The output range is about :math:`[-0.1153, 1.0886]`: the derivative is 0 at the
    minimum :math:`z \approx -1.1924`, exceeds 1 for positive :math:`z` (peak near
    :math:`z \approx 1.9`), and tends to 0 and 1 at :math:`\mp\infty` (exactly 0 and 1
    at the infinities). There is no kink.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import mish_derivative
    >>> mish_derivative(np.array([-np.inf, -1.0, 0.0, 2.0]))
    array([0.        , 0.05921676, 0.6       , 1.06931793])
    """
    return _evaluate(
        "mish_derivative", z, _mish_derivative_kernel, float16_via_float32=True, scratch=2
    )


# ---------------------------------------------------------------------------
# Descriptions the chapters loop over
# ---------------------------------------------------------------------------


def _bind(func: Callable[..., FloatResult], **params: object) -> Callable[[ArrayLike], FloatResult]:
    """``func`` with its parameters fixed: a function of ``z`` alone, named like ``func``."""

    def bound(z: ArrayLike) -> FloatResult:
        return func(z, **params)

    functools.update_wrapper(bound, func)
    bound.parameters = types.MappingProxyType(dict(params))  # type: ignore[attr-defined]
    return bound


def _interval(low: float, high: float, attains: tuple[bool, bool]) -> str:
    """``(low, high)`` in interval notation: a bracket for a bound that is attained."""

    def number(x: float) -> str:
        return {math.inf: "∞", -math.inf: "-∞"}.get(x, f"{x:.4g}")

    opening, closing = ("[" if attains[0] else "("), ("]" if attains[1] else ")")
    return f"{opening}{number(low)}, {number(high)}{closing}"


@dataclass(frozen=True)
class Activation:
    r"""Everything a chapter needs to know about one activation function.

    Attributes
    ----------
    key : str
        Identifier for :func:`get_activation`, e.g. ``"leaky_relu"``.
    name : str
        Display name, e.g. ``"Leaky ReLU"``, or ``"Leaky ReLU (α = 0.2)"`` with a slope
        other than the default.
    function, derivative : callable
        The activation and its derivative as functions of ``z`` alone, with the
        description's :attr:`parameters` (the module's functions themselves for the
        defaults).
    output_range : tuple of float
        ``(low, high)`` bounds of the output over all real inputs, infinite where
        unbounded, e.g. ``(0.0, 1.0)``: the source of :attr:`range_text`, and updated
        with the parameters (ELU's lower bound is :math:`-\alpha`).
    attains : tuple of bool
        Whether an input reaches ``low`` and ``high`` (ReLU reaches 0, the sigmoid
        only approaches 0 and 1; GELU, SiLU and Mish reach their minimum).
    zero_centred : bool
        Whether the function is odd, :math:`f(-z) = -f(z)`, so that its outputs average
        to 0 for inputs symmetric around 0.
    saturating : bool
        Whether the derivative tends to 0 as :math:`z \to -\infty` *and* as
        :math:`z \to +\infty` (the function flattens out at both ends).
    has_kink : bool
        Whether the function has a kink at :math:`z = 0`: different slopes on the left
        and on the right (ReLU, Leaky ReLU, SELU; ELU unless :math:`\alpha = 1`). The
        derivative there is the left one.
    formula, derivative_formula : str
        LaTeX for the function and its derivative, e.g. for use in ``$...$``.
    plot_limits : tuple of float
        ``(low, high)`` limits of a y axis that shows the function well for
        :math:`z \in [-5, 5]`.
    parameters : mapping
        The parameters fixed in :attr:`function` and :attr:`derivative`, e.g.
        ``{"alpha": 0.01}``; empty for an activation without any.

    Examples
    --------
    >>> from activations import ACTIVATIONS
    >>> for a in ACTIVATIONS.values():
    ...     print(f"{a.name:<10} {a.range_text:<12} kink={a.has_kink} {dict(a.parameters)}")
    Sigmoid    (0, 1)       kink=False {}
    Tanh       (-1, 1)      kink=False {}
    ReLU       [0, ∞)       kink=True {}
    Leaky ReLU (-∞, ∞)      kink=True {'alpha': 0.01}
    ELU        (-1, ∞)      kink=False {'alpha': 1.0}
    SELU       (-1.758, ∞)  kink=True {}
    GELU       [-0.17, ∞)   kink=False {'approximate': 'none'}
    SiLU       [-0.2785, ∞) kink=False {}
    Softplus   (0, ∞)       kink=False {}
    Mish       [-0.3088, ∞) kink=False {}

    A description with another parameter value is one call away:

    >>> leaky = ACTIVATIONS["leaky_relu"].with_alpha(0.2)
    >>> leaky.name, leaky.function(-1.0), leaky.derivative(-1.0)
    ('Leaky ReLU (α = 0.2)', np.float64(-0.2), np.float64(0.2))
    >>> ACTIVATIONS["elu"].with_alpha(0.5).range_text
    '(-0.5, ∞)'
    >>> ACTIVATIONS["gelu"].with_parameters(approximate="tanh").name
    'GELU (tanh)'
    """

    key: str
    name: str
    function: Callable[[ArrayLike], FloatResult]
    derivative: Callable[[ArrayLike], FloatResult]
    output_range: tuple[float, float]
    attains: tuple[bool, bool]
    zero_centred: bool
    saturating: bool
    has_kink: bool
    formula: str
    derivative_formula: str
    plot_limits: tuple[float, float]
    parameters: Mapping[str, object] = field(
        default_factory=lambda: types.MappingProxyType({}), hash=False
    )
    _specialise: Callable[..., Activation] | None = field(
        default=None, repr=False, compare=False, hash=False
    )

    @property
    def range_text(self) -> str:
        """The range in interval notation, e.g. ``"(0, 1)"`` or ``"[0, ∞)"``: a
        parenthesis for a bound approached but not attained, a bracket for one attained;
        bounds to 4 significant digits."""
        return _interval(*self.output_range, self.attains)

    def with_parameters(self, **parameters: object) -> Activation:
        """The description of the same activation with other parameter values.

        Parameters
        ----------
        **parameters
            New values for some of :attr:`parameters`, e.g. ``alpha=0.2`` or
            ``approximate="tanh"``; the others keep theirs.

        Returns
        -------
        Activation
            With :attr:`function`, :attr:`derivative`, :attr:`name`,
            :attr:`output_range` and the flags for those values.

        Raises
        ------
        TypeError
            If the activation has no parameter of that name, or a value has the
            wrong type; ValueError if a value is out of range (as the functions raise).
        """
        unknown = sorted(set(parameters) - set(self.parameters))
        if unknown:
            known = ", ".join(self.parameters) or "none"
            raise TypeError(
                f"{self.key} has no parameter {', '.join(map(repr, unknown))} "
                f"(its parameters: {known})"
            )
        if self._specialise is None or not parameters:
            return self
        return self._specialise(**{**self.parameters, **parameters})

    def with_alpha(self, alpha: float) -> Activation:
        """Shorthand for ``with_parameters(alpha=alpha)`` (Leaky ReLU's slope, ELU's alpha)."""
        return self.with_parameters(alpha=alpha)


_SIGMOID = Activation(
    key="sigmoid",
    name="Sigmoid",
    function=sigmoid,
    derivative=sigmoid_derivative,
    output_range=(0.0, 1.0),
    attains=(False, False),
    zero_centred=False,
    saturating=True,
    has_kink=False,
    formula=r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    derivative_formula=r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)",
    plot_limits=(-0.1, 1.1),
)
_TANH = Activation(
    key="tanh",
    name="Tanh",
    function=tanh,
    derivative=tanh_derivative,
    output_range=(-1.0, 1.0),
    attains=(False, False),
    zero_centred=True,
    saturating=True,
    has_kink=False,
    formula=r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    derivative_formula=r"\tanh'(z) = 1 - \tanh^2(z)",
    plot_limits=(-1.15, 1.15),
)
_RELU = Activation(
    key="relu",
    name="ReLU",
    function=relu,
    derivative=relu_derivative,
    output_range=(0.0, math.inf),
    attains=(True, False),
    zero_centred=False,
    saturating=False,
    has_kink=True,
    formula=r"\operatorname{ReLU}(z) = \max(0, z)",
    derivative_formula=(
        r"\operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}"
    ),
    plot_limits=(-1.0, 5.0),
)


def _leaky_relu_description(alpha: float = 0.01) -> Activation:
    """Leaky ReLU with slope ``alpha`` for z <= 0 (the registry holds the default)."""
    a = _check_alpha(alpha, "leaky_relu")
    default = a == 0.01
    return Activation(
        key="leaky_relu",
        name="Leaky ReLU" if default else f"Leaky ReLU (α = {a:g})",
        function=leaky_relu if default else _bind(leaky_relu, alpha=a),
        derivative=leaky_relu_derivative if default else _bind(leaky_relu_derivative, alpha=a),
        # alpha <= 0 folds the negative side up: the minimum is 0, at z = 0
        output_range=(0.0, math.inf) if a <= 0 else (-math.inf, math.inf),
        attains=(a <= 0, False),
        zero_centred=a == 1,  # the identity
        saturating=False,
        has_kink=a != 1,
        formula=(
            r"\operatorname{LeakyReLU}_\alpha(z) = "
            r"\begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}"
        ),
        derivative_formula=(
            r"\operatorname{LeakyReLU}_\alpha'(z) = "
            r"\begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}"
        ),
        plot_limits=(min(-1.0, -5.0 * a - 0.5), 5.0),
        parameters=types.MappingProxyType({"alpha": a}),
        _specialise=_leaky_relu_description,
    )


def _elu_description(alpha: float = 1.0) -> Activation:
    """ELU with saturation value -``alpha`` (the registry holds the default, 1)."""
    a = _check_alpha(alpha, "elu", _ELU_ALPHA)
    default = a == 1
    return Activation(
        key="elu",
        name="ELU" if default else f"ELU (α = {a:g})",
        function=elu if default else _bind(elu, alpha=a),
        derivative=elu_derivative if default else _bind(elu_derivative, alpha=a),
        # alpha <= 0 folds the negative side up: the minimum is 0, at z = 0
        output_range=(-a, math.inf) if a > 0 else (0.0, math.inf),
        attains=(a <= 0, False),
        zero_centred=False,
        saturating=False,
        has_kink=a != 1,  # slopes alpha on the left, 1 on the right
        formula=(
            r"\operatorname{ELU}_\alpha(z) = "
            r"\begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}"
        ),
        derivative_formula=(
            r"\operatorname{ELU}_\alpha'(z) = "
            r"\begin{cases} 1 & z > 0 \\ \alpha\,e^{z} & z \le 0 \end{cases}"
        ),
        plot_limits=(-max(a, 0.0) - 0.5, 5.0),
        parameters=types.MappingProxyType({"alpha": a}),
        _specialise=_elu_description,
    )


_SELU = Activation(
    key="selu",
    name="SELU",
    function=selu,
    derivative=selu_derivative,
    output_range=(
        -float(_rounded_product(np.dtype(np.float64), _SELU_SCALE, _SELU_ALPHA)),
        math.inf,
    ),
    attains=(False, False),
    zero_centred=False,
    saturating=False,
    has_kink=True,  # slopes lambda alpha = 1.758 on the left, lambda = 1.051 on the right
    formula=(
        r"\operatorname{SELU}(z) = \lambda"
        r"\begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}"
    ),
    derivative_formula=(
        r"\operatorname{SELU}'(z) = \lambda"
        r"\begin{cases} 1 & z > 0 \\ \alpha\,e^{z} & z \le 0 \end{cases}"
    ),
    plot_limits=(-2.0, 5.5),
)

#: GELU's minimum over z: exact, and with the tanh approximation (found numerically and
#: checked by the tests).
_GELU_MINIMUM = {"none": -0.16997120747990366, "tanh": -0.1700407505712541}


def _gelu_description(approximate: str = "none") -> Activation:
    """GELU, exact or with the tanh approximation (the registry holds the exact one)."""
    approx = _check_approximate(approximate, "gelu")
    default = approx == "none"
    phi = (
        r"\Phi(z)"
        if default
        else r"\tfrac12\bigl(1 + \tanh(\sqrt{2/\pi}\,(z + 0.044715 z^3))\bigr)"
    )
    return Activation(
        key="gelu",
        name="GELU" if default else "GELU (tanh)",
        function=gelu if default else _bind(gelu, approximate=approx),
        derivative=gelu_derivative if default else _bind(gelu_derivative, approximate=approx),
        output_range=(_GELU_MINIMUM[approx], math.inf),
        attains=(True, False),
        zero_centred=False,
        saturating=False,
        has_kink=False,
        formula=rf"\operatorname{{GELU}}(z) = z\,{phi}",
        derivative_formula=(
            r"\operatorname{GELU}'(z) = \Phi(z) + z\,\varphi(z)"
            if default
            else r"\operatorname{GELU}'(z) = \sigma(w) + z\,w'\,\sigma(w)\,\sigma(-w),"
            r"\ w = 2\sqrt{2/\pi}\,(z + 0.044715 z^3)"
        ),
        plot_limits=(-1.0, 5.0),
        parameters=types.MappingProxyType({"approximate": approx}),
        _specialise=_gelu_description,
    )


_SILU = Activation(
    key="silu",
    name="SiLU",
    function=silu,
    derivative=silu_derivative,
    output_range=(-0.27846454276107380, math.inf),  # -W(1/e)
    attains=(True, False),
    zero_centred=False,
    saturating=False,
    has_kink=False,
    formula=r"\operatorname{SiLU}(z) = z\,\sigma(z)",
    derivative_formula=(r"\operatorname{SiLU}'(z) = \sigma(z)\,\bigl(1 + z\,(1 - \sigma(z))\bigr)"),
    plot_limits=(-1.0, 5.0),
)
_SOFTPLUS = Activation(
    key="softplus",
    name="Softplus",
    function=softplus,
    derivative=softplus_derivative,
    output_range=(0.0, math.inf),
    attains=(False, False),
    zero_centred=False,
    saturating=False,
    has_kink=False,
    formula=r"\operatorname{softplus}(z) = \log\bigl(1 + e^{z}\bigr)",
    derivative_formula=r"\operatorname{softplus}'(z) = \sigma(z)",
    plot_limits=(-1.0, 5.5),
)
_MISH = Activation(
    key="mish",
    name="Mish",
    function=mish,
    derivative=mish_derivative,
    output_range=(-0.30884341301725043, math.inf),
    attains=(True, False),
    zero_centred=False,
    saturating=False,
    has_kink=False,
    formula=r"\operatorname{Mish}(z) = z\,\tanh\bigl(\operatorname{softplus}(z)\bigr)",
    derivative_formula=(
        r"\operatorname{Mish}'(z) = \tanh(s) + z\,\sigma(z)\,\bigl(1 - \tanh^2 s\bigr),"
        r"\ s = \operatorname{softplus}(z)"
    ),
    plot_limits=(-1.0, 5.0),
)

#: The identity, :math:`z \mapsto z`: the linear baseline, kept out of ACTIVATIONS.
IDENTITY = Activation(
    key="identity",
    name="Identity",
    function=identity,
    derivative=identity_derivative,
    output_range=(-math.inf, math.inf),
    attains=(False, False),
    zero_centred=True,
    saturating=False,
    has_kink=False,
    formula=r"\operatorname{id}(z) = z",
    derivative_formula=r"\operatorname{id}'(z) = 1",
    plot_limits=(-5.5, 5.5),
)

#: The non-linear activations, read-only, in teaching order: key -> Activation. The
#: four of chapters 2-5 come first (they are also :data:`CLASSIC`), then the six of
#: "beyond the four". Parameterised ones hold their default parameters.
ACTIVATIONS: types.MappingProxyType[str, Activation] = types.MappingProxyType(
    {
        a.key: a
        for a in (
            _SIGMOID,
            _TANH,
            _RELU,
            _leaky_relu_description(),
            _elu_description(),
            _SELU,
            _gelu_description(),
            _SILU,
            _SOFTPLUS,
            _MISH,
        )
    }
)

#: The four classic activations of chapters 2-5 (sigmoid, tanh, ReLU, Leaky ReLU).
CLASSIC: types.MappingProxyType[str, Activation] = types.MappingProxyType(
    dict(list(ACTIVATIONS.items())[:4])
)

_ALL_ACTIVATIONS = types.MappingProxyType({**ACTIVATIONS, "identity": IDENTITY})


def get_activation(key: str, **parameters: object) -> Activation:
    """Return the description of one activation, identity included.

    Parameters
    ----------
    key : str
        A key of :data:`ACTIVATIONS` (``'sigmoid'``, ..., ``'mish'``) or ``'identity'``.
    **parameters
        Parameter values other than the defaults, e.g. ``alpha=0.2`` for
        ``'leaky_relu'``: the same as ``get_activation(key).with_parameters(...)``.

    Returns
    -------
    Activation
        The description, with the function, its derivative and its properties.

    Raises
    ------
    KeyError
        If `key` is not one of the above; the message lists the valid keys.
    TypeError, ValueError
        For a parameter the activation does not have, or a bad value.

    Examples
    --------
    >>> from activations import get_activation
    >>> relu = get_activation("relu")
    >>> relu.name, relu.range_text, relu.function(-3.0)
    ('ReLU', '[0, ∞)', np.float64(0.0))
    >>> get_activation("leaky_relu", alpha=0.25).name
    'Leaky ReLU (α = 0.25)'
    """
    try:
        act = _ALL_ACTIVATIONS[key]
    except (KeyError, TypeError):  # TypeError: an unhashable key
        valid = ", ".join(repr(k) for k in _ALL_ACTIVATIONS)
        raise KeyError(f"unknown activation {key!r}; valid keys are {valid}") from None
    return act.with_parameters(**parameters)
