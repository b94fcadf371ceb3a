r"""Activation functions and their derivatives, as the course teaches them.

Every chapter imports from here, so a page shows ideas, not plumbing::

    from activations import sigmoid, sigmoid_derivative, ACTIVATIONS

The functions
-------------
:func:`sigmoid`, :func:`tanh`, :func:`relu`, :func:`leaky_relu` and the baseline
:func:`identity`, each with a ``*_derivative`` partner.

They behave like NumPy ufuncs:

* a scalar gives a NumPy scalar; a list or an array of any shape (including empty
  and 0-d) gives an array of the same shape;
* float16, float32, float64 (and longdouble) keep their dtype; integer and bool
  inputs give float64;
* anything that is not real numbers (strings, None, complex numbers, object
  arrays, dicts, bytes, masked arrays) raises :class:`TypeError` naming the function
  and what it got. Nothing is silently coerced;
* NaN propagates as NaN, in every function and every derivative.

Numerical policy
----------------
The functions are silent and correct over the whole float range, including
``+/-inf``, under NumPy's default error state and under
``np.errstate(all="raise")``:

* **Overflow never happens.** Where an intermediate such as :math:`e^{-z}` or
  :math:`\cosh z` could exceed the largest float, ``z`` is first clipped to the range
  where the result is still a normal float; outside it the true result is below the
  smallest normal float (about ``2.2e-308`` for float64) and exactly 0 is returned.
  (The one exception is asked for: ``leaky_relu`` with a slope steeper than 1, whose
  true value can itself exceed the float range; NumPy then warns as usual.)
* **Underflow is not an error.** A result smaller than the smallest normal float is
  rounded to a subnormal number or to 0, which is the right answer (e.g. ``leaky_relu``
  of a subnormal input, or :math:`e^{-z}` for huge ``z`` inside ``sigmoid``). NumPy
  ignores underflow by default; these functions ignore it under any error state.
* float16 inputs to the exponential-based functions and to ``leaky_relu`` are
  computed in float32 and rounded once, so neither accuracy nor the tiny float16
  range (its largest value is 65504) gets in the way.

The descriptions
----------------
:class:`Activation` bundles what the chapters loop over: name, function, derivative,
output range, whether it is zero-centred and whether it saturates, and the formulas in
LaTeX. :data:`ACTIVATIONS` holds the four non-linear ones in teaching order,
:data:`IDENTITY` the linear baseline, and :func:`get_activation` finds any of the five.

>>> [a.name for a in ACTIVATIONS.values()]
['Sigmoid', 'Tanh', 'ReLU', 'Leaky ReLU']
"""

from __future__ import annotations

import math
import numbers
import reprlib
import types
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "ACTIVATIONS",
    "IDENTITY",
    "Activation",
    "get_activation",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
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


def _check_alpha(alpha: object, func: str) -> float:
    """Return ``alpha`` as a Python float, or raise naming the parameter and the value.

    A Python float is what NumPy treats as a "weak" scalar, so ``alpha * z`` keeps the
    dtype of ``z`` even when ``alpha`` is, say, ``np.float64(0.1)`` and ``z`` is float32.
    """
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, numbers.Real):
        raise TypeError(
            f"{func}(): alpha must be a real number (the slope for z <= 0), "
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
# Where the results leave the normal float range
# ---------------------------------------------------------------------------


class _Edges(NamedTuple):
    """Per dtype: where each clipped formula still gives a normal float."""

    sigmoid: np.floating  # most negative z with 1 / (1 + exp(-z)) normal
    sigmoid_derivative: np.floating  # largest z with 0.5 / (1 + cosh(z)) normal
    tanh_derivative: np.floating  # largest z with 1 / cosh(z)**2 normal


def _sigmoid_formula(x: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.reciprocal(np.add(np.exp(np.negative(x)), 1))


def _sigmoid_derivative_formula(x: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.divide(0.5, np.add(np.cosh(x), 1))


def _tanh_derivative_formula(x: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.reciprocal(np.square(np.cosh(x)))


_WINDOW = 256  # floats searched on either side of the analytic estimate


def _normal_edge(
    formula: Callable[[NDArray[np.floating]], NDArray[np.floating]],
    estimate: np.floating,
    dtype: np.dtype,
) -> np.floating:
    """Return the float farthest from 0 (on the side of ``estimate``) where ``formula``
    still gives at least the smallest normal float.

    ``estimate`` is the analytic answer; the exact edge, as this dtype's arithmetic
    rounds, lies within a few floats of it. All floats within ``_WINDOW`` steps of it
    (one binade, so evenly spaced) are evaluated at once and the last one that is
    still normal, counting outwards, is taken.
    """
    steps = np.arange(-_WINDOW, _WINDOW + 1, dtype=dtype)
    candidates = estimate + steps * abs(np.spacing(estimate))  # increasing
    if estimate < 0:
        candidates = candidates[::-1]  # order from 0 outwards
    with np.errstate(all="ignore"):
        normal = formula(candidates) >= np.finfo(dtype).smallest_normal
    if not (normal[0] and not normal[-1]):
        raise RuntimeError(f"no edge of the normal range near {estimate!r} for {dtype}")
    return candidates[np.argmin(normal) - 1]  # just inside the first non-normal one


@cache
def _edges(dtype: np.dtype) -> _Edges:
    """Compute, once per dtype, where the clipped formulas stay normal."""
    log_tiny = np.log(np.finfo(dtype).smallest_normal)  # about -708.4 for float64
    return _Edges(
        # sigma(z) ~ e^z far left; sigma'(z) ~ e^-|z| and tanh'(z) ~ 4 e^(-2|z|) far out
        sigmoid=_normal_edge(_sigmoid_formula, log_tiny, dtype),
        sigmoid_derivative=_normal_edge(_sigmoid_derivative_formula, -log_tiny, dtype),
        tanh_derivative=_normal_edge(
            _tanh_derivative_formula, (np.log(dtype.type(4)) - log_tiny) / 2, dtype
        ),
    )


def _clipped_magnitude(
    x: NDArray[np.floating], edge: np.floating, out: NDArray[np.floating]
) -> tuple[NDArray[np.floating], NDArray[np.bool_] | None]:
    """Prepare the argument of an even function that must not see ``|z| > edge``.

    Returns the array to evaluate and a mask of the entries beyond ``edge``. When
    nothing exceeds it (the common case), that is ``x`` itself with no mask, saving
    passes over the data; otherwise it is ``min(|x|, edge)``, written into ``out``.
    NaN stays NaN and is not in the mask.
    """
    if -edge <= x.min() and x.max() <= edge:  # False if x holds a NaN
        return x, None
    np.abs(x, out=out)
    outside = np.greater(out, edge)
    return np.minimum(out, edge, out=out), outside


# ---------------------------------------------------------------------------
# Kernels: fill ``out`` (same shape and dtype as ``x``) and return it
# ---------------------------------------------------------------------------


def _sigmoid_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    lo = _edges(x.dtype).sigmoid
    if x.min() >= lo:  # common case: e^{-z} cannot overflow (False if x holds a NaN)
        below = None
        np.negative(x, out=out)
    else:
        below = np.less(x, lo)
        np.maximum(x, lo, out=out)  # the clip; NaN stays NaN
        np.negative(out, out=out)
    np.exp(out, out=out)  # finite; underflows harmlessly to 0 for large z
    np.add(out, 1, out=out)
    np.reciprocal(out, out=out)
    if below is not None:
        np.copyto(out, 0, where=below)  # the true value is below the smallest normal
    return out


def _sigmoid_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating]
) -> NDArray[np.floating]:
    source, outside = _clipped_magnitude(x, _edges(x.dtype).sigmoid_derivative, out)
    np.cosh(source, out=out)
    np.add(out, 1, out=out)
    np.divide(0.5, out, out=out)
    if outside is not None:
        np.copyto(out, 0, where=outside)
    return out


def _tanh_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.tanh(x, out=out)


def _tanh_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating]
) -> NDArray[np.floating]:
    source, outside = _clipped_magnitude(x, _edges(x.dtype).tanh_derivative, out)
    np.cosh(source, out=out)
    np.square(out, out=out)
    np.reciprocal(out, out=out)
    if outside is not None:
        np.copyto(out, 0, where=outside)
    return out


def _relu_kernel(x: NDArray[np.floating], out: NDArray[np.floating]) -> NDArray[np.floating]:
    return np.maximum(x, 0, out=out)


def _relu_derivative_kernel(
    x: NDArray[np.floating], out: NDArray[np.floating]
) -> NDArray[np.floating]:
    # clip sends z <= 0 to 0 and z > 0 into (0, 1], which ceil sends to 1; NaN stays
    # NaN. (z > 0 would be one pass too, but is False for NaN, and checking for NaN
    # costs another pass over z.)
    np.clip(x, 0, 1, out=out)
    return np.ceil(out, out=out)


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


def _evaluate(
    func: str, z: ArrayLike, kernel: _Kernel, *, float16_via_float32: bool = False
) -> FloatResult:
    """Check ``z``, run ``kernel`` into a fresh array, and shape the result like a ufunc."""
    x, scalar = _as_real_array(z, func)
    if x.size == 0:
        out = np.empty_like(x)
    elif float16_via_float32 and x.dtype == np.float16:
        wide = x.astype(np.float32)
        with np.errstate(under="ignore"):
            out = kernel(wide, np.empty_like(wide)).astype(np.float16)
    else:
        with np.errstate(under="ignore"):
            out = kernel(x, np.empty_like(x))
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
    :math:`e^{-z}` is negligible next to 1 (:math:`z > 37` in float64), and exactly 0
    where the true value is below the smallest normal float (:math:`z < -708.4` in
    float64, :math:`-87.3` in float32). ``sigmoid(-inf)`` is 0, ``sigmoid(inf)`` is 1.

    **Why a stable form.** Typed in literally, ``1 / (1 + np.exp(-z))`` evaluates
    ``np.exp(1000.0)`` at ``z = -1000``: :math:`e^{1000}` is far beyond the largest
    float64 (about :math:`1.8 \times 10^{308} \approx e^{709.8}`), so it overflows to
    ``inf`` and NumPy warns ``overflow encountered in exp`` (or raises under
    ``np.errstate(over="raise")``). That ``1 / (1 + inf)`` then happens to give the right 0
    is luck: the algebraically equal :math:`e^{z} / (1 + e^{z})` gives
    ``inf / inf = nan`` at ``z = 1000``. The stable form never exponentiates a large
    positive number:

    .. math::

        \sigma(z) =
        \begin{cases}
            \dfrac{1}{1 + e^{-z}} & z \ge 0, \\[1ex]
            \dfrac{e^{z}}{1 + e^{z}} & z < 0.
        \end{cases}

    This function gets the same effect with fewer passes over the data: it clips `z`
    from below where :math:`\sigma` leaves the normal float range, so :math:`e^{-z}`
    stays finite, computes :math:`1/(1 + e^{-z})` in place, and returns exactly 0 below
    the clip. For :math:`z < 0` the two forms differ only in rounding, so the far
    negative tail keeps its full relative accuracy: the result agrees with
    :func:`scipy.special.expit` to a few ulp wherever that is a normal float.

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

    The last form is the one computed. Evaluating ``s * (1 - s)`` with
    ``s = sigmoid(z)`` gives exactly 0 as soon as ``s`` rounds to 1 (:math:`z > 37`
    in float64) although the true value is still about :math:`e^{-z}`; the
    :math:`\cosh` form keeps relative accuracy in both tails. `z` is clipped where the
    result leaves the normal float range (:math:`|z| > 708.4` in float64), and 0 is
    returned there.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import sigmoid_derivative
    >>> sigmoid_derivative(np.array([-2.0, 0.0, 2.0, 50.0]))
    array([1.04993585e-01, 2.50000000e-01, 1.04993585e-01, 1.92874985e-22])
    """
    return _evaluate("sigmoid_derivative", z, _sigmoid_derivative_kernel, float16_via_float32=True)


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

    The last form is the one computed. ``1 - np.tanh(z)**2`` cancels to exactly 0 once
    ``tanh`` rounds to :math:`\pm 1` (:math:`|z| > 19` in float64) although the true
    value is still about :math:`4 e^{-2|z|}`; :math:`1/\cosh^2` keeps relative accuracy
    in the tails. `z` is clipped where the result leaves the normal float range
    (:math:`|z| > 354.9` in float64, where :math:`\cosh^2` would also overflow), and 0
    is returned there.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import tanh_derivative
    >>> tanh_derivative(np.array([-2.0, 0.0, 2.0, 30.0]))
    array([7.06508249e-02, 1.00000000e+00, 7.06508249e-02, 3.50260431e-26])
    """
    return _evaluate("tanh_derivative", z, _tanh_derivative_kernel, float16_via_float32=True)


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


# ---------------------------------------------------------------------------
# Descriptions the chapters loop over
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Activation:
    r"""Everything a chapter needs to know about one activation function.

    Attributes
    ----------
    key : str
        Identifier for :func:`get_activation`, e.g. ``"leaky_relu"``.
    name : str
        Display name, e.g. ``"Leaky ReLU"``.
    function, derivative : callable
        The module's function and its derivative (Leaky ReLU's with the default
        ``alpha=0.01``).
    output_range : tuple of float
        ``(low, high)`` bounds of the output over all real inputs, infinite where
        unbounded, e.g. ``(0.0, 1.0)``.
    range_text : str
        The range in interval notation, e.g. ``"(0, 1)"`` or ``"[0, ∞)"``: a parenthesis
        for a bound approached but not attained, a bracket for one attained.
    zero_centred : bool
        Whether the function is odd, :math:`f(-z) = -f(z)`, so that its outputs average
        to 0 for inputs symmetric around 0.
    saturating : bool
        Whether the derivative tends to 0 as :math:`z \to -\infty` *and* as
        :math:`z \to +\infty` (the function flattens out at both ends).
    formula, derivative_formula : str
        LaTeX for the function and its derivative, e.g. for use in ``$...$``.

    Examples
    --------
    >>> from activations import ACTIVATIONS
    >>> for a in ACTIVATIONS.values():
    ...     print(f"{a.name:<10} {a.range_text:<8} zero-centred={a.zero_centred}")
    Sigmoid    (0, 1)   zero-centred=False
    Tanh       (-1, 1)  zero-centred=True
    ReLU       [0, ∞)   zero-centred=False
    Leaky ReLU (-∞, ∞)  zero-centred=False
    """

    key: str
    name: str
    function: Callable[[ArrayLike], FloatResult]
    derivative: Callable[[ArrayLike], FloatResult]
    output_range: tuple[float, float]
    range_text: str
    zero_centred: bool
    saturating: bool
    formula: str
    derivative_formula: str


_SIGMOID = Activation(
    key="sigmoid",
    name="Sigmoid",
    function=sigmoid,
    derivative=sigmoid_derivative,
    output_range=(0.0, 1.0),
    range_text="(0, 1)",
    zero_centred=False,
    saturating=True,
    formula=r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    derivative_formula=r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)",
)
_TANH = Activation(
    key="tanh",
    name="Tanh",
    function=tanh,
    derivative=tanh_derivative,
    output_range=(-1.0, 1.0),
    range_text="(-1, 1)",
    zero_centred=True,
    saturating=True,
    formula=r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    derivative_formula=r"\tanh'(z) = 1 - \tanh^2(z)",
)
_RELU = Activation(
    key="relu",
    name="ReLU",
    function=relu,
    derivative=relu_derivative,
    output_range=(0.0, math.inf),
    range_text="[0, ∞)",
    zero_centred=False,
    saturating=False,
    formula=r"\operatorname{ReLU}(z) = \max(0, z)",
    derivative_formula=(
        r"\operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}"
    ),
)
_LEAKY_RELU = Activation(
    key="leaky_relu",
    name="Leaky ReLU",
    function=leaky_relu,
    derivative=leaky_relu_derivative,
    output_range=(-math.inf, math.inf),
    range_text="(-∞, ∞)",
    zero_centred=False,
    saturating=False,
    formula=(
        r"\operatorname{LeakyReLU}_\alpha(z) = "
        r"\begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}"
    ),
    derivative_formula=(
        r"\operatorname{LeakyReLU}_\alpha'(z) = "
        r"\begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}"
    ),
)

#: The identity, :math:`z \mapsto z`: the linear baseline, kept out of ACTIVATIONS.
IDENTITY = Activation(
    key="identity",
    name="Identity",
    function=identity,
    derivative=identity_derivative,
    output_range=(-math.inf, math.inf),
    range_text="(-∞, ∞)",
    zero_centred=True,
    saturating=False,
    formula=r"\operatorname{id}(z) = z",
    derivative_formula=r"\operatorname{id}'(z) = 1",
)

#: The four non-linear activations, read-only, in teaching order: key -> Activation.
ACTIVATIONS: types.MappingProxyType[str, Activation] = types.MappingProxyType(
    {"sigmoid": _SIGMOID, "tanh": _TANH, "relu": _RELU, "leaky_relu": _LEAKY_RELU}
)

_ALL_ACTIVATIONS = types.MappingProxyType({**ACTIVATIONS, "identity": IDENTITY})


def get_activation(key: str) -> Activation:
    """Return the description of one activation, identity included.

    Parameters
    ----------
    key : str
        One of ``'sigmoid'``, ``'tanh'``, ``'relu'``, ``'leaky_relu'``, ``'identity'``.

    Returns
    -------
    Activation
        The description, with the function, its derivative and its properties.

    Raises
    ------
    KeyError
        If `key` is not one of the above; the message lists the valid keys.

    Examples
    --------
    >>> from activations import get_activation
    >>> relu = get_activation("relu")
    >>> relu.name, relu.range_text, relu.function(-3.0)
    ('ReLU', '[0, ∞)', np.float64(0.0))
    """
    try:
        return _ALL_ACTIVATIONS[key]
    except (KeyError, TypeError):  # TypeError: an unhashable key
        valid = ", ".join(repr(k) for k in _ALL_ACTIVATIONS)
        raise KeyError(f"unknown activation {key!r}; valid keys are {valid}") from None
