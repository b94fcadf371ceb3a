"""The behaviour of code/activations.py, rule by rule (see issue 2).

Property-based tests of the identities the course teaches live in
test_activations_properties.py; the descriptions the chapters loop over are tested in
test_activations_descriptions.py.
"""

import ast
import doctest
import inspect
import math
import textwrap
import tracemalloc
import warnings
from decimal import Decimal
from fractions import Fraction

import activations
import numpy as np
import pytest
from activations import (
    elu,
    elu_derivative,
    gelu,
    gelu_derivative,
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    mish,
    mish_derivative,
    relu,
    relu_derivative,
    selu,
    selu_derivative,
    sigmoid,
    sigmoid_derivative,
    silu,
    silu_derivative,
    softplus,
    softplus_derivative,
    tanh,
    tanh_derivative,
)
from scipy.special import expit, log_expit, ndtr

CLASSIC_FUNCTIONS = [
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
    relu,
    relu_derivative,
    leaky_relu,
    leaky_relu_derivative,
    identity,
    identity_derivative,
]
MODERN_FUNCTIONS = [
    elu,
    elu_derivative,
    selu,
    selu_derivative,
    gelu,
    gelu_derivative,
    silu,
    silu_derivative,
    softplus,
    softplus_derivative,
    mish,
    mish_derivative,
]


def _gelu_tanh(z):
    return gelu(z, approximate="tanh")


def _gelu_tanh_derivative(z):
    return gelu_derivative(z, approximate="tanh")


_gelu_tanh.__name__ = "gelu_tanh"
_gelu_tanh_derivative.__name__ = "gelu_tanh_derivative"
_gelu_tanh.reported_as = "gelu"  # the name in error messages
_gelu_tanh_derivative.reported_as = "gelu_derivative"
FUNCTIONS = [*CLASSIC_FUNCTIONS, *MODERN_FUNCTIONS]
# The same functions, plus GELU's tanh approximation: the contract holds for every option.
VARIANTS = [*FUNCTIONS, _gelu_tanh, _gelu_tanh_derivative]
DERIVATIVES = [f for f in FUNCTIONS if f.__name__.endswith("_derivative")]
FLOAT_DTYPES = [np.float16, np.float32, np.float64, np.longdouble]

each_function = pytest.mark.parametrize("func", VARIANTS, ids=lambda f: f.__name__)
each_float_dtype = pytest.mark.parametrize("dtype", FLOAT_DTYPES, ids=lambda d: d.__name__)
float32_and_64 = pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])


def whole_float_range(dtype):
    """Both signs of every binade of ``dtype``, subnormals, zeros, max and infinities.

    float16 is small enough to take every value it has.
    """
    dtype = np.dtype(dtype)
    if dtype == np.float16:
        every = np.arange(2**16, dtype=np.uint16).view(np.float16)
        return every[~np.isnan(every)]
    info = np.finfo(dtype)
    exponents = np.arange(info.minexp - info.nmant, info.maxexp)
    mantissas = np.array([1.0, 1.3, 1.5, 1.9], dtype=dtype)
    magnitudes = np.ldexp(mantissas[:, None], exponents[None, :]).ravel()
    dense = np.linspace(-1000, 1000, 40_001, dtype=dtype)  # the interesting middle
    specials = np.array(
        [0.0, info.smallest_subnormal, info.smallest_normal, info.max, np.inf], dtype=dtype
    )
    positive = np.concatenate([magnitudes, specials])
    return np.concatenate([positive, -positive, dense])


def call_strictly(func, z):
    """Call ``func(z)`` with every floating-point error raising and warnings as errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            return func(z)


def ulp_distance(result, reference, dtype):
    """Distance in units in the last place of ``dtype``, where the reference is normal."""
    reference = np.asarray(reference).astype(dtype)
    normal = np.abs(reference) >= np.finfo(dtype).smallest_normal
    diff = np.abs(result[normal].astype(np.longdouble) - reference[normal])
    # the ulp of the largest float is the step below it (the one above overflows)
    magnitude = np.minimum(np.abs(reference[normal]), np.nextafter(np.finfo(dtype).max, 0))
    return diff / np.spacing(magnitude).astype(np.longdouble), normal.sum()


def wider(dtype):
    """A wider dtype for reference values (longdouble has 11 more bits than float64 on x86)."""
    return {np.float32: np.float64, np.float64: np.longdouble}[dtype]


# ---------------------------------------------------------------------------
# Like a ufunc: shapes, scalars and dtypes
# ---------------------------------------------------------------------------


@each_function
@pytest.mark.parametrize("value", [0.5, -3, True], ids=["float", "int", "bool"])
def test_python_scalar_gives_a_float64_numpy_scalar(func, value):
    result = func(value)
    assert isinstance(result, np.float64)


@each_function
@each_float_dtype
def test_numpy_scalar_gives_a_numpy_scalar_of_the_same_dtype(func, dtype):
    result = func(dtype(0.5))
    assert isinstance(result, np.generic) and result.dtype == dtype


@each_function
def test_zero_d_array_gives_a_zero_d_array(func):
    result = func(np.array(0.5))
    assert isinstance(result, np.ndarray) and result.shape == ()


@each_function
def test_nested_list_gives_an_array_of_the_same_shape(func):
    result = func([[-1.0, 0.0, 1.0], [2.0, 3.0, 4.0]])
    assert isinstance(result, np.ndarray) and result.shape == (2, 3)


@each_function
@pytest.mark.parametrize("shape", [(0,), (5,), (2, 3), (2, 0, 4), (3, 1, 2, 2)], ids=str)
def test_any_shape_is_kept(func, shape):
    z = np.random.default_rng(0).normal(size=shape)
    assert func(z).shape == shape


@each_function
def test_empty_list_gives_an_empty_float64_array(func):
    result = func([])
    assert result.shape == (0,) and result.dtype == np.float64


@each_function
@each_float_dtype
def test_float_dtypes_are_kept(func, dtype):
    assert func(np.linspace(-3, 3, 7).astype(dtype)).dtype == dtype


@each_function
@pytest.mark.parametrize("dtype", [np.bool_, np.int8, np.uint8, np.int32, np.int64, np.uint64])
def test_integer_and_bool_inputs_give_float64(func, dtype):
    assert func(np.array([0, 1, 1], dtype=dtype)).dtype == np.float64


@each_function
def test_integer_input_gives_the_same_values_as_float_input(func):
    ints = np.array([-1000, -3, -1, 0, 1, 2, 1000], dtype=np.int64)
    np.testing.assert_array_equal(func(ints), func(ints.astype(np.float64)))


@each_function
@pytest.mark.parametrize(
    "view",
    [lambda a: a[::3], lambda a: a[::-1], lambda a: a.reshape(6, 10).T, np.asfortranarray],
    ids=["strided", "reversed", "transposed", "fortran"],
)
def test_memory_layout_of_the_input_does_not_change_the_values(func, view):
    base = np.linspace(-800, 800, 60).reshape(6, 10)
    base[0, :3] = [np.inf, -np.inf, np.nan]  # also exercise the clipping paths
    z = view(base.ravel() if view is not np.asfortranarray else base)
    np.testing.assert_array_equal(func(z), func(np.ascontiguousarray(z)))


@each_function
def test_input_array_is_left_unchanged_even_when_read_only(func):
    z = np.array([-1e4, -2.0, -0.0, 0.0, 0.5, 3.0, 1e4, np.inf, -np.inf, np.nan])
    z.flags.writeable = False
    before = z.copy()
    func(z)
    np.testing.assert_array_equal(z, before)


@each_function
def test_result_is_a_new_array_not_a_view_of_the_input(func):
    z = np.array([-2.0, 0.0, 3.0])
    assert not np.shares_memory(func(z), z)


# ---------------------------------------------------------------------------
# Silent and stable over the whole float range
# ---------------------------------------------------------------------------


@each_function
@each_float_dtype
def test_every_function_is_silent_over_the_whole_float_range(func, dtype):
    z = whole_float_range(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(divide="warn", over="warn", under="ignore", invalid="warn"):
            func(z)  # NumPy's default error state


@each_function
@each_float_dtype
def test_every_function_raises_no_floating_point_error_under_errstate_raise(func, dtype):
    call_strictly(func, whole_float_range(dtype))


@each_function
@each_float_dtype
def test_every_function_gives_finite_results_for_finite_inputs(func, dtype):
    z = whole_float_range(dtype)
    z = z[np.isfinite(z)]
    if func is selu:  # 1.0507 z exceeds the float range for the very largest z
        z = z[z <= np.finfo(dtype).max / 1.06]
    assert np.isfinite(func(z)).all()


@each_function
@each_float_dtype
def test_nan_propagates_as_nan_in_every_function(func, dtype):
    z = np.array([np.nan, -2.0, -np.nan, 0.0, 1e4, np.nan, -np.inf], dtype=dtype)
    result = func(z)
    np.testing.assert_array_equal(np.isnan(result), np.isnan(z))
    assert np.isnan(func(float("nan")))


def test_sigmoid_is_finite_and_silent_at_extremes():
    assert call_strictly(sigmoid, -1000.0) == 0.0
    assert call_strictly(sigmoid, 1000.0) == 1.0


@each_float_dtype
def test_sigmoid_reaches_its_limits_at_infinity(dtype):
    result = call_strictly(sigmoid, np.array([-np.inf, np.inf], dtype=dtype))
    np.testing.assert_array_equal(result, [0.0, 1.0])


@each_float_dtype
def test_sigmoid_is_zero_or_subnormal_where_the_true_value_is_below_the_smallest_normal(dtype):
    info = np.finfo(dtype)
    z = -np.geomspace(-np.log(info.smallest_normal) * 1.001, info.max / 2, 1000).astype(dtype)
    assert (call_strictly(sigmoid, z) < info.smallest_normal).all()


@float32_and_64
def test_sigmoid_agrees_with_expit_within_a_few_ulp_where_expit_is_normal(dtype):
    z = whole_float_range(dtype)
    ulps, checked = ulp_distance(sigmoid(z), expit(z), dtype)
    assert checked > 10_000
    assert ulps.max() <= 4


@float32_and_64
def test_sigmoid_is_within_two_ulp_of_the_exact_value_where_that_is_normal(dtype):
    z = whole_float_range(dtype)
    ulps, _ = ulp_distance(sigmoid(z), expit(z.astype(wider(dtype))), dtype)
    assert ulps.max() <= 2


def test_sigmoid_keeps_relative_accuracy_far_in_the_negative_tail():
    # sigma(z) = e^z / (1 + e^z), which is e^z to machine precision for z < -40
    z = np.array([-40.0, -100.0, -500.0, -700.0, -708.0])
    np.testing.assert_allclose(sigmoid(z), np.exp(z), rtol=4e-16)
    z32 = np.array([-20.0, -50.0, -87.0], dtype=np.float32)
    np.testing.assert_allclose(sigmoid(z32), np.exp(z32), rtol=4e-7)


def test_float16_sigmoid_is_within_one_ulp_of_the_exact_value_for_every_float16():
    z = whole_float_range(np.float16)
    ulps, checked = ulp_distance(sigmoid(z), expit(z.astype(np.float64)), np.float16)
    assert checked > 20_000 and ulps.max() <= 1


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64], ids=str)
def test_tanh_agrees_with_numpy_tanh_within_a_few_ulp(dtype):
    z = whole_float_range(dtype)
    ulps, _ = ulp_distance(tanh(z), np.tanh(z), dtype)
    assert ulps.max() <= 2


@each_float_dtype
def test_tanh_reaches_its_limits_at_infinity(dtype):
    result = call_strictly(tanh, np.array([-np.inf, np.inf], dtype=dtype))
    np.testing.assert_array_equal(result, [-1.0, 1.0])


# ---------------------------------------------------------------------------
# Derivatives: the closed forms, the tails, the kinks
# ---------------------------------------------------------------------------


@pytest.fixture(params=[True, False], ids=["cosh", "exp"])
def either_formula(request, monkeypatch):
    """Both ways the smooth derivatives are computed: with cosh where NumPy's is fast
    (AVX-512), with exp elsewhere; the tests must hold for both on any CPU."""
    monkeypatch.setattr(activations, "_FAST_COSH", request.param)


@pytest.mark.usefixtures("either_formula")
@pytest.mark.parametrize("func", [sigmoid_derivative, tanh_derivative], ids=lambda f: f.__name__)
@each_float_dtype
def test_smooth_derivatives_are_even_peak_at_zero_and_are_silent(func, dtype):
    z = whole_float_range(dtype)
    z = np.sort(np.abs(z[~np.isnan(z)]))
    y = call_strictly(func, z)
    np.testing.assert_array_equal(call_strictly(func, -z), y)
    assert y[0] == {sigmoid_derivative: 0.25, tanh_derivative: 1.0}[func]
    assert (y[:-1] >= y[1:]).all() and y[-1] == 0


@pytest.mark.usefixtures("either_formula")
@float32_and_64
def test_sigmoid_derivative_matches_sigma_times_one_minus_sigma_to_a_few_ulp(dtype):
    z = whole_float_range(dtype)
    zw = z.astype(wider(dtype))
    reference = expit(zw) * expit(-zw)  # sigma (1 - sigma) without cancellation
    ulps, checked = ulp_distance(sigmoid_derivative(z), reference, dtype)
    assert checked > 2_000 and ulps.max() <= 4


@pytest.mark.usefixtures("either_formula")
@float32_and_64
def test_tanh_derivative_matches_one_minus_tanh_squared_to_a_few_ulp(dtype):
    z = whole_float_range(dtype)
    zw = z.astype(wider(dtype))
    with np.errstate(over="ignore"):
        reference = 1 / np.cosh(zw) ** 2  # = 1 - tanh^2, without cancellation
    ulps, checked = ulp_distance(tanh_derivative(z), reference, dtype)
    assert checked > 2_000 and ulps.max() <= 8


def test_derivatives_agree_with_the_course_formulas_to_rounding_error():
    # s (1 - s) and 1 - t^2 are accurate to a few eps absolutely (not relatively:
    # they cancel in the tails, see the next test).
    z = np.linspace(-40, 40, 8001)
    s, t = sigmoid(z), tanh(z)
    eps = np.finfo(np.float64).eps
    np.testing.assert_allclose(sigmoid_derivative(z), s * (1 - s), rtol=0, atol=eps)
    np.testing.assert_allclose(tanh_derivative(z), 1 - t**2, rtol=0, atol=2 * eps)


def test_derivatives_keep_relative_accuracy_where_the_course_formulas_cancel_to_zero():
    z = np.array([40.0, 100.0, 700.0])
    s, t = sigmoid(z), tanh(z)
    assert (s * (1 - s) == 0).all() and (1 - t**2 == 0).all()  # the naive forms fail here
    np.testing.assert_allclose(sigmoid_derivative(z), np.exp(-z), rtol=1e-14)
    np.testing.assert_allclose(tanh_derivative(z[:2]), 4 * np.exp(-2 * z[:2]), rtol=1e-14)


@pytest.mark.parametrize("func", [sigmoid_derivative, tanh_derivative], ids=lambda f: f.__name__)
@each_float_dtype
def test_smooth_derivatives_vanish_far_out_and_at_infinity(func, dtype):
    info = np.finfo(dtype)
    beyond = -2 * np.log(info.smallest_normal)  # far past where the result is normal
    z = np.array([-np.inf, -info.max, -beyond, beyond, info.max, np.inf], dtype=dtype)
    np.testing.assert_array_equal(call_strictly(func, z), 0)


def test_relu_is_max_of_zero_and_z_with_a_positive_zero():
    z = np.array([-np.inf, -2.0, -0.0, 0.0, 5e-324, 3.0, np.inf])
    result = relu(z)
    np.testing.assert_array_equal(result, [0.0, 0.0, 0.0, 0.0, 5e-324, 3.0, np.inf])
    assert not np.signbit(result).any()


def test_relu_derivative_is_a_step_that_is_zero_at_the_kink():
    z = np.array([-np.inf, -2.0, -5e-324, -0.0, 0.0, 5e-324, 3.0, np.inf])
    np.testing.assert_array_equal(relu_derivative(z), [0, 0, 0, 0, 0, 1, 1, 1])
    assert relu_derivative(0.0) == 0.0 and relu_derivative(-0.0) == 0.0


@pytest.mark.parametrize("alpha", [0.01, 0.2, 1.0, 0.0, -0.5, 3.0])
def test_leaky_relu_derivative_is_alpha_at_the_kink(alpha):
    assert leaky_relu_derivative(0.0, alpha) == alpha
    assert leaky_relu_derivative(-0.0, alpha) == alpha


@pytest.mark.parametrize("alpha", [0.01, 0.2, 1.0, 0.0, -0.5, 3.0])
@float32_and_64
def test_leaky_relu_derivative_takes_exactly_the_values_alpha_and_one(alpha, dtype):
    z = whole_float_range(dtype)
    result = leaky_relu_derivative(z, alpha)
    np.testing.assert_array_equal(result, np.where(z > 0, 1, dtype(alpha)).astype(dtype))


def test_leaky_relu_scales_the_negative_side_by_the_default_slope():
    np.testing.assert_array_equal(leaky_relu([-2.0, -0.5, 0.0, 3.0]), [-0.02, -0.005, 0, 3])


@pytest.mark.parametrize("alpha", [0.01, 0.2, -0.5, 3.0, -2.0])
def test_leaky_relu_is_z_or_exactly_alpha_times_z(alpha):
    z = np.array([-np.inf, -7.5, -1.0, -1e-300, 0.0, 1e-300, 2.0, 1e300, np.inf])
    expected = np.where(z > 0, z, alpha * z)
    np.testing.assert_array_equal(call_strictly(lambda v: leaky_relu(v, alpha), z), expected)


def test_leaky_relu_with_alpha_zero_is_relu_even_at_infinity():
    z = whole_float_range(np.float64)
    np.testing.assert_array_equal(call_strictly(lambda v: leaky_relu(v, 0.0), z), relu(z))
    np.testing.assert_array_equal(leaky_relu_derivative(z, 0.0), relu_derivative(z))


def test_leaky_relu_with_alpha_one_is_the_identity():
    z = whole_float_range(np.float64)
    np.testing.assert_array_equal(leaky_relu(z, 1.0), identity(z))
    np.testing.assert_array_equal(leaky_relu_derivative(z, 1.0), identity_derivative(z))


def test_leaky_relu_with_a_steep_slope_overflows_only_where_the_true_value_does():
    assert call_strictly(lambda v: leaky_relu(v, 3.0), 1e308) == 1e308
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert leaky_relu(-1e308, 3.0) == -np.inf


# ---------------------------------------------------------------------------
# alpha: a finite real scalar
# ---------------------------------------------------------------------------

leaky_functions = pytest.mark.parametrize(
    "func", [leaky_relu, leaky_relu_derivative], ids=lambda f: f.__name__
)


@leaky_functions
@pytest.mark.parametrize(
    "alpha", [0, 1, 0.25, np.float32(0.25), np.float64(0.25), np.int64(1), Fraction(1, 4)], ids=repr
)
def test_alpha_accepts_python_and_numpy_real_scalars(func, alpha):
    z = np.array([-4.0, 2.0])
    expected = {leaky_relu: [-4.0 * float(alpha), 2.0], leaky_relu_derivative: [alpha, 1.0]}
    np.testing.assert_array_equal(func(z, alpha), expected[func])


@leaky_functions
@pytest.mark.parametrize("dtype", [np.float16, np.float32], ids=str)
def test_alpha_does_not_change_the_dtype_of_the_result(func, dtype):
    z = np.array([-4.0, 2.0], dtype=dtype)
    assert func(z, np.float64(0.1)).dtype == dtype


@leaky_functions
@pytest.mark.parametrize(
    ("alpha", "error"),
    [
        (float("nan"), ValueError),
        (np.nan, ValueError),
        (float("inf"), ValueError),
        (-np.inf, ValueError),
        (np.float32("inf"), ValueError),
        (10**400, ValueError),
        (0.1j, TypeError),
        (complex(0.1, 0), TypeError),
        (True, TypeError),
        (np.True_, TypeError),
        ("0.1", TypeError),
        (None, TypeError),
        ([0.1], TypeError),
        (np.array([0.1, 0.2]), TypeError),
        (np.array(0.1), TypeError),
        (Decimal("0.1"), TypeError),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_bad_alpha_raises_naming_alpha_and_the_value(func, alpha, error):
    with pytest.raises(error) as excinfo:
        func(np.array([-1.0, 1.0]), alpha=alpha)
    message = str(excinfo.value)
    assert "alpha" in message and func.__name__ in message
    assert repr(alpha)[:12] in message


@leaky_functions
def test_alpha_too_large_for_the_input_dtype_raises(func):
    with pytest.raises(ValueError, match=r"alpha=1e\+39 .*float32"):
        func(np.array([-1.0, 1.0], dtype=np.float32), alpha=1e39)


# ---------------------------------------------------------------------------
# Bad z: TypeError naming the function and what it got; nothing coerced
# ---------------------------------------------------------------------------

BAD_INPUTS = [
    ("abc", "str"),
    ("1.5", "str"),
    (None, "NoneType"),
    (1 + 2j, "complex"),
    (np.complex64(1), "complex64"),
    (np.array([1 + 2j]), "complex128"),
    (np.array([1.0, 2.0], dtype=object), "object"),
    (np.array([1.0, None]), "object"),
    ({}, "dict"),
    ({"z": 1.0}, "dict"),
    ({1.0, 2.0}, "set"),
    (b"12", "bytes"),
    (bytearray(b"12"), "bytearray"),
    (memoryview(b"12"), "memoryview"),
    (["1", "2"], "list"),
    ([1.0, "x"], "list"),
    ([1.0, None], "list"),
    ([[1.0, 2.0], [3.0]], "list"),
    ([1.0, 2**100], "list"),
    (Decimal("1.5"), "Decimal"),
    (np.array(["1.0"]), "<U3"),
    (np.datetime64("2024-01-01"), "datetime64"),
    (np.array([1, 2], dtype="timedelta64[s]"), "timedelta64"),
    (np.ma.masked_array([1.0, 2.0], mask=[False, True]), "MaskedArray"),
]


@each_function
@pytest.mark.parametrize(("bad", "what"), BAD_INPUTS, ids=lambda v: type(v).__name__)
def test_bad_z_raises_type_error_naming_the_function_and_what_it_got(func, bad, what):
    with pytest.raises(TypeError) as excinfo:
        func(bad)
    message = str(excinfo.value)
    assert f"{getattr(func, 'reported_as', func.__name__)}()" in message
    assert what in message


# ---------------------------------------------------------------------------
# Documentation, vectorisation, memory
# ---------------------------------------------------------------------------


def test_docstring_examples_run_and_pass():
    results = doctest.testmod(activations, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert results.attempted >= len(FUNCTIONS)
    assert results.failed == 0


@pytest.mark.parametrize("func", FUNCTIONS, ids=lambda f: f.__name__)
def test_docstring_has_numpydoc_sections_a_formula_and_an_example(func):
    doc = inspect.getdoc(func)
    for section in ("Parameters", "Returns", "Notes", "Examples"):
        assert f"\n{section}\n{'-' * len(section)}\n" in doc, section
    notes = doc.split("\nNotes\n")[1].split("\nExamples\n")[0]
    assert ".. math::" in notes  # the formulas (their wording is not pinned)
    assert ">>> " in doc.split("\nExamples\n")[1]  # run by test_docstring_examples_run_and_pass


def test_the_computations_contain_no_python_loops():
    # Everything that runs per element: the public functions and their kernels.
    names = [f.__name__ for f in FUNCTIONS] + [
        name for name in vars(activations) if name.endswith("_kernel") or name == "_evaluate"
    ]
    names += ["_as_real_array", "_step", "_phi_cdf"]
    loops = (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
    for name in names:
        tree = ast.parse(textwrap.dedent(inspect.getsource(getattr(activations, name))))
        found = [type(node).__name__ for node in ast.walk(tree) if isinstance(node, loops)]
        assert not found, f"{name} contains {found}"
    # The one loop runs over blocks of at least _SMALL values, never over single values.
    tree = ast.parse(textwrap.dedent(inspect.getsource(activations._blocked)))
    found = [node for node in ast.walk(tree) if isinstance(node, loops)]
    assert len(found) == 1 and ast.unparse(found[0].iter) == "range(0, n, block)"
    assert activations._SMALL >= 4096


def _typical(dtype, n=100_000):
    return np.random.default_rng(1).normal(0, 3, n).astype(dtype)


def _extreme(dtype, n=100_000):
    z = _typical(dtype, n)
    z[::50] = np.resize(np.array([1e4, -1e4, np.inf, -np.inf, np.nan], dtype=dtype), n // 50)
    return z


@each_function
@float32_and_64
@pytest.mark.parametrize("data", [_typical, _extreme], ids=["typical", "extreme"])
def test_peak_extra_memory_is_at_most_twice_the_input(func, dtype, data):
    z = data(dtype)
    func(z)  # warm up: lazily computed constants are not part of a call
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = func(z)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert result.nbytes <= peak <= 2 * z.nbytes


# ---------------------------------------------------------------------------
# The six modern activations (issue 12): values, limits, kinks, SciPy
# ---------------------------------------------------------------------------

SELU_SCALE = "1.0507009873554804934193349852946"  # Klambauer et al. (2017), to 32 digits
SELU_ALPHA = "1.6732632423543772848170429916717"


def selu_constant(dtype, *names):
    """The product of the named SELU constants, rounded once to ``dtype``."""
    value = np.longdouble(1)
    for name in names:
        value *= np.longdouble({"scale": SELU_SCALE, "alpha": SELU_ALPHA}[name])
    return np.asarray(value).astype(dtype)[()]


def exact(dtype):
    """The widest float this machine has, for references (float64 if that is all there is)."""
    return np.longdouble if np.finfo(np.longdouble).eps < np.finfo(dtype).eps / 100 else dtype


def assert_ulps(actual, reference, dtype, bound, *, terms=None, floor=2.0**10):
    """``actual`` is within ``bound`` ulp (a number or an array) of ``reference``.

    ``terms``, the sum of the magnitudes of the terms a result adds up, widens the bound
    where they cancel: near a zero of the function, a few ulp of each term is many ulp
    of the result. Only values where the reference is at least ``floor`` times the
    smallest normal float count: below that, the exponentials inside the formulas are
    subnormal and carry fewer significant bits (such results are below 1e-304 in float64
    and 1e-34 in float32).
    """
    reference = np.asarray(reference)
    bound = np.broadcast_to(np.asarray(bound, dtype=np.float64), reference.shape)
    if terms is not None:
        magnitude = np.abs(reference.astype(np.float64))
        with np.errstate(divide="ignore", invalid="ignore"):  # 0 / 0 where both vanish
            bound = bound * np.fmax(1, np.asarray(terms, dtype=np.float64) / magnitude)
    checked = np.abs(reference) >= floor * np.finfo(dtype).smallest_normal
    ulps, _ = ulp_distance(np.asarray(actual)[checked], reference[checked], dtype)
    assert checked.sum() > 1000, "too few values checked"
    worst = int(np.argmax(ulps - bound[checked]))
    assert (ulps <= bound[checked]).all(), (
        f"{ulps[worst]:.0f} ulp (bound {bound[checked][worst]:.0f}) "
        f"at reference {reference[checked][worst]!r}"
    )


def finite_float_range(dtype):
    z = whole_float_range(dtype)
    return z[np.isfinite(z)]


def name_of(value):
    """A test id: the name of a function, or the value itself."""
    return getattr(value, "__name__", repr(value))


LIMITS = [
    # (function, value at -inf, value at +inf); strings are products of SELU's constants
    (elu, -1.0, np.inf),
    (elu_derivative, 0.0, 1.0),
    (selu, "-scale alpha", np.inf),
    (selu_derivative, 0.0, "scale"),
    (gelu, 0.0, np.inf),
    (gelu_derivative, 0.0, 1.0),
    (_gelu_tanh, 0.0, np.inf),
    (_gelu_tanh_derivative, 0.0, 1.0),
    (silu, 0.0, np.inf),
    (silu_derivative, 0.0, 1.0),
    (softplus, 0.0, np.inf),
    (softplus_derivative, 0.0, 1.0),
    (mish, 0.0, np.inf),
    (mish_derivative, 0.0, 1.0),
]


def limit(value, dtype):
    if isinstance(value, str):
        sign = -1 if value.startswith("-") else 1
        return sign * selu_constant(dtype, *value.lstrip("-").split())
    return dtype(value)


@pytest.mark.parametrize(("func", "at_minus_inf", "at_plus_inf"), LIMITS, ids=name_of)
@each_float_dtype
def test_modern_functions_give_their_limits_at_the_infinities(
    func, at_minus_inf, at_plus_inf, dtype
):
    result = call_strictly(func, np.array([-np.inf, np.inf], dtype=dtype))
    assert result.dtype == dtype
    assert result[0] == limit(at_minus_inf, dtype) and result[1] == limit(at_plus_inf, dtype)


@pytest.mark.parametrize(("func", "at_minus_inf", "at_plus_inf"), LIMITS, ids=name_of)
@float32_and_64
def test_modern_functions_reach_their_limits_continuously(func, at_minus_inf, at_plus_inf, dtype):
    # The largest finite inputs already give the limit (or, for unbounded functions,
    # the slope times z), so nothing jumps at the clip bounds.
    far = np.array([-np.finfo(dtype).max, -1e4, 1e4], dtype=dtype)
    result = call_strictly(func, far)
    assert result[0] == limit(at_minus_inf, dtype) and result[1] == limit(at_minus_inf, dtype)
    if np.isinf(limit(at_plus_inf, dtype)):
        slope = selu_constant(dtype, "scale") if func is selu else dtype(1)
        assert result[2] == slope * dtype(1e4)
    else:
        assert result[2] == limit(at_plus_inf, dtype)


@pytest.mark.parametrize("alpha", [1.0, 0.5, 0.01, 0.0, 1.5, 3.0, -0.5])
@float32_and_64
def test_elu_derivative_is_alpha_at_the_kink_and_one_or_alpha_e_to_the_z(alpha, dtype):
    assert elu_derivative(dtype(0), alpha) == dtype(alpha)
    assert elu_derivative(dtype(-0.0), alpha) == dtype(alpha)
    z = whole_float_range(dtype)
    z = z[np.abs(z) < 1e4]
    with np.errstate(under="ignore"):
        expected = np.where(z > 0, dtype(1), dtype(alpha) * np.exp(np.minimum(z, 0)))
    np.testing.assert_array_equal(elu_derivative(z, alpha), expected)


@each_float_dtype
def test_selu_derivative_is_lambda_alpha_at_the_kink_and_lambda_right_of_it(dtype):
    for zero in (0.0, -0.0):
        assert selu_derivative(dtype(zero)) == selu_constant(dtype, "scale", "alpha")
    z = np.array([np.finfo(dtype).smallest_subnormal, 1.0, np.finfo(dtype).max], dtype=dtype)
    np.testing.assert_array_equal(selu_derivative(z), selu_constant(dtype, "scale"))


@pytest.mark.parametrize("alpha", [1.0, 0.5, 0.0, 1.5, -0.5])
@float32_and_64
def test_elu_is_z_or_alpha_times_expm1(alpha, dtype):
    z = finite_float_range(dtype)
    with np.errstate(under="ignore"):
        expected = np.where(z > 0, z, dtype(alpha) * np.expm1(np.minimum(z, 0)))
    np.testing.assert_array_equal(elu(z, alpha), expected)


def test_elu_keeps_relative_accuracy_near_zero_where_exp_minus_one_cancels():
    z = np.array([-1e-8, -1e-12, -1e-300])
    np.testing.assert_allclose(elu(z), z + z**2 / 2, rtol=2e-16)
    assert (np.exp(z[:2]) - 1 != elu(z[:2])).all()  # the naive form gets these wrong


@float32_and_64
def test_selu_is_lambda_times_elu_with_klambauers_alpha(dtype):
    z = finite_float_range(dtype)
    z = z[np.abs(z) < 1e30]
    zw = z.astype(exact(dtype))
    reference = np.longdouble(SELU_SCALE) * np.where(
        zw > 0, zw, np.longdouble(SELU_ALPHA) * np.expm1(np.minimum(zw, 0))
    )
    assert_ulps(selu(z), reference, dtype, 2)


def test_selu_overflows_silently_to_inf_only_beyond_the_float_range():
    top = np.finfo(np.float64).max
    assert np.isfinite(call_strictly(selu, top / 1.0507009873554805 * (1 - 1e-15)))
    assert call_strictly(selu, top) == np.inf


@float32_and_64
def test_gelu_is_z_times_scipy_ndtr(dtype):
    z = finite_float_range(dtype)
    with np.errstate(under="ignore"):
        np.testing.assert_array_equal(gelu(z), z * ndtr(z))


def test_gelu_keeps_relative_accuracy_where_one_plus_erf_cancels():
    z = np.array([-5.0, -10.0, -20.0, -37.0])
    # Phi(z) = erfc(-z / sqrt(2)) / 2; rounding -z / sqrt(2) costs about z^2 eps.
    reference = [v * math.erfc(-v / math.sqrt(2)) / 2 for v in z]
    np.testing.assert_allclose(gelu(z), reference, rtol=1e-12)
    assert gelu(-10.0) != 0 and 0.5 * -10.0 * (1 + math.erf(-10 / math.sqrt(2))) == 0


def test_gelu_agrees_with_the_erf_formula_where_that_does_not_cancel():
    z = np.linspace(-1, 3, 4001)
    erf_form = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in z])
    np.testing.assert_allclose(gelu(z), erf_form, rtol=4e-15, atol=1e-300)


@float32_and_64
def test_gelu_derivative_is_phi_plus_z_times_the_density(dtype):
    z = np.linspace(-40, 40, 80_001).astype(dtype)
    zw = z.astype(np.longdouble)
    cdf = ndtr(zw.astype(np.float64))
    z_density = zw * np.exp(-(zw**2) / 2) / np.sqrt(2 * np.longdouble(np.pi))
    # exp(-z^2/2) of a rounded z is off by about z^2 eps (its condition number)
    bound = 8 + z.astype(np.float64) ** 2
    assert_ulps(gelu_derivative(z), cdf + z_density, dtype, bound, terms=cdf + abs(z_density))


def tanh_approximation(z):
    """PyTorch's formula, 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))), in longdouble."""
    z = np.asarray(z, dtype=np.longdouble)
    inner = np.sqrt(np.longdouble(2) / np.longdouble(np.pi)) * (
        z + np.longdouble("0.044715") * z**3
    )
    return 0.5 * z * (1 + np.tanh(inner)), 2 * inner


@float32_and_64
def test_gelu_tanh_agrees_with_pytorchs_formula_where_that_does_not_cancel(dtype):
    z = np.linspace(-1.5, 30, 33_001).astype(dtype)
    assert_ulps(_gelu_tanh(z), tanh_approximation(z)[0], dtype, 8)


@float32_and_64
def test_gelu_tanh_keeps_relative_accuracy_in_the_negative_tail(dtype):
    z = np.linspace(-12 if dtype == np.float32 else -20, -1.5, 2001).astype(dtype)
    zw = z.astype(np.longdouble)
    _, w = tanh_approximation(z)
    # z sigma(w) = z e^w / (1 + e^w): e^w of a w rounded a few times is off by a few |w| eps
    assert_ulps(_gelu_tanh(z), zw * expit(w), dtype, 8 + 4 * np.abs(w.astype(np.float64)))


@float32_and_64
def test_gelu_tanh_derivative_matches_the_derivative_of_the_formula(dtype):
    z = np.linspace(-20, 20, 40_001).astype(dtype)
    zw = z.astype(np.longdouble)
    _, w = tanh_approximation(z)
    k, b = np.sqrt(np.longdouble(2) / np.longdouble(np.pi)), np.longdouble("0.044715")
    second = zw * 2 * k * (1 + 3 * b * zw**2) * expit(w) * expit(-w)
    bound = 8 + 4 * np.abs(w.astype(np.float64))
    assert_ulps(
        _gelu_tanh_derivative(z), expit(w) + second, dtype, bound, terms=expit(w) + abs(second)
    )


@float32_and_64
def test_silu_is_z_times_expit_to_a_few_ulp(dtype):
    z = finite_float_range(dtype)
    zw = z.astype(exact(dtype))
    assert_ulps(silu(z), zw * expit(zw), dtype, 4)


@float32_and_64
def test_silu_derivative_is_sigma_times_one_plus_z_sigma_of_minus_z(dtype):
    z = finite_float_range(dtype)
    zw = z.astype(exact(dtype))
    s, second = expit(zw), zw * expit(zw) * expit(-zw)
    assert_ulps(silu_derivative(z), s + second, dtype, 8, terms=s + abs(second))


@float32_and_64
def test_softplus_is_log_one_plus_e_to_the_z_to_two_ulp(dtype):
    z = finite_float_range(dtype)
    assert_ulps(softplus(z), np.logaddexp(0, z.astype(exact(dtype))), dtype, 2, floor=1)


@float32_and_64
def test_softplus_agrees_with_scipy_log_expit(dtype):
    z = finite_float_range(dtype)
    assert_ulps(softplus(z), -log_expit(-z), dtype, 4, floor=1)


def test_softplus_has_no_threshold():
    # PyTorch's default threshold=20 returns z itself above 20; the exact value differs.
    assert softplus(20.0) == np.log1p(np.exp(20.0)) != 20.0
    assert softplus(-50.0) == pytest.approx(np.exp(-50.0), rel=1e-15)
    assert softplus(-745.0) == 5e-324  # the smallest subnormal, where e^z rounds to it


@each_float_dtype
def test_softplus_derivative_is_the_sigmoid(dtype):
    z = whole_float_range(dtype)
    np.testing.assert_array_equal(softplus_derivative(z), sigmoid(z))


@float32_and_64
def test_mish_is_z_tanh_softplus_to_a_few_ulp(dtype):
    z = finite_float_range(dtype)
    zw = z.astype(exact(dtype))
    assert_ulps(mish(z), zw * np.tanh(np.logaddexp(0, zw)), dtype, 4)


@float32_and_64
def test_mish_derivative_matches_the_textbook_formula(dtype):
    z = finite_float_range(dtype)
    zw = z.astype(exact(dtype))
    t = np.tanh(np.logaddexp(0, zw))
    second = zw * expit(zw) * (1 - t * t)
    assert_ulps(mish_derivative(z), t + second, dtype, 8, terms=t + abs(second))


@pytest.mark.parametrize("func", [gelu, gelu_derivative], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("approximate", "error"),
    [
        ("Tanh", ValueError),
        ("exact", ValueError),
        ("", ValueError),
        (None, TypeError),
        (True, TypeError),
        (1, TypeError),
        (b"tanh", TypeError),
    ],
    ids=repr,
)
def test_bad_approximate_raises_naming_approximate_and_the_value(func, approximate, error):
    with pytest.raises(error) as excinfo:
        func(np.array([-1.0, 1.0]), approximate=approximate)
    message = str(excinfo.value)
    assert "approximate" in message and func.__name__ in message
    assert repr(approximate) in message


@pytest.mark.parametrize("func", [elu, elu_derivative], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("alpha", "error"),
    [
        (np.nan, ValueError),
        (np.inf, ValueError),
        (True, TypeError),
        ("1", TypeError),
        (None, TypeError),
    ],
    ids=repr,
)
def test_bad_elu_alpha_raises_naming_alpha_and_the_value(func, alpha, error):
    with pytest.raises(error) as excinfo:
        func(np.array([-1.0, 1.0]), alpha=alpha)
    message = str(excinfo.value)
    assert "alpha" in message and func.__name__ in message and repr(alpha) in message


@pytest.mark.parametrize("func", [elu, elu_derivative], ids=lambda f: f.__name__)
def test_elu_alpha_too_large_for_the_input_dtype_raises(func):
    with pytest.raises(ValueError, match=r"alpha=1e\+39 .*float32"):
        func(np.array([-1.0, 1.0], dtype=np.float32), alpha=1e39)


@pytest.mark.usefixtures("either_formula")
@pytest.mark.parametrize("func", [sigmoid_derivative, tanh_derivative], ids=lambda f: f.__name__)
def test_both_derivative_formulas_stay_within_twice_the_input_in_memory(func):
    z = _extreme(np.float64)
    func(z)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        func(z)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert peak <= 2 * z.nbytes
