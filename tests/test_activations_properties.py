"""Identities the course teaches, checked as Hypothesis properties, and every
derivative checked against central finite differences."""

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
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import integrate
from scipy.special import expit, ndtr

# Modest budgets: the whole file runs in a few seconds on a shared 2-core machine.
PROPERTY = settings(max_examples=40, deadline=None)

DTYPES = [np.float32, np.float64]
dtypes = pytest.mark.parametrize("dtype", DTYPES, ids=["f32", "f64"])


def arrays(dtype, *, low=None, high=None, infinity=True):
    """Small arrays of ``dtype`` drawn from the whole float range (or from [low, high])."""
    width = np.finfo(dtype).bits
    elements = st.floats(
        min_value=None if low is None else float(dtype(low)),
        max_value=None if high is None else float(dtype(high)),
        allow_nan=False,
        allow_infinity=infinity and low is None,
        width=width,
    )
    return hnp.arrays(dtype, hnp.array_shapes(max_dims=2, max_side=12), elements=elements)


slopes = st.floats(min_value=0.0, max_value=1.0)  # Leaky ReLU's usual alpha, 0 and 1 included


# ---------------------------------------------------------------------------
# Bounds
# ---------------------------------------------------------------------------


@dtypes
@PROPERTY
@given(data=st.data())
def test_sigmoid_lies_in_the_unit_interval_and_strictly_inside_for_moderate_z(dtype, data):
    z = data.draw(arrays(dtype))
    s = sigmoid(z)
    assert ((0 <= s) & (s <= 1)).all()
    moderate = np.abs(z) < 15  # where sigma is not within rounding of 0 or 1
    assert ((0 < s[moderate]) & (s[moderate] < 1)).all()


@dtypes
@PROPERTY
@given(data=st.data())
def test_tanh_lies_between_minus_one_and_one(dtype, data):
    t = tanh(data.draw(arrays(dtype)))
    assert ((-1 <= t) & (t <= 1)).all()


@dtypes
@PROPERTY
@given(data=st.data())
def test_relu_is_nonnegative_and_equals_z_where_z_is_positive(dtype, data):
    z = data.draw(arrays(dtype))
    r = relu(z)
    assert (r >= 0).all()
    assert (r[z > 0] == z[z > 0]).all()


@dtypes
@PROPERTY
@given(data=st.data(), alpha=slopes)
def test_leaky_relu_lies_between_alpha_z_and_z(dtype, data, alpha):
    z = data.draw(arrays(dtype, low=-1e30, high=1e30))
    y = leaky_relu(z, alpha).astype(np.float64)
    scaled = (dtype(alpha) * z).astype(np.float64)
    assert ((np.minimum(z, scaled) <= y) & (y <= np.maximum(z, scaled))).all()


# ---------------------------------------------------------------------------
# Monotonicity
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "func",
    [sigmoid, tanh, relu, leaky_relu, lambda z: leaky_relu(z, 0.3), identity],
    ids=["sigmoid", "tanh", "relu", "leaky_relu", "leaky_relu_0.3", "identity"],
)
@dtypes
@PROPERTY
@given(data=st.data())
def test_activation_is_monotone_non_decreasing(func, dtype, data):
    y = func(np.sort(data.draw(arrays(dtype)).ravel()))
    assert (y[:-1] <= y[1:]).all()


@pytest.mark.parametrize("func", [sigmoid_derivative, tanh_derivative], ids=lambda f: f.__name__)
@dtypes
@PROPERTY
@given(data=st.data())
def test_smooth_derivative_decreases_as_z_moves_away_from_zero(func, dtype, data):
    magnitudes = np.sort(np.abs(data.draw(arrays(dtype))).ravel())
    for y in (func(magnitudes), func(-magnitudes)):
        assert (y[:-1] >= y[1:]).all()


# ---------------------------------------------------------------------------
# The identities
# ---------------------------------------------------------------------------


@dtypes
@PROPERTY
@given(data=st.data())
def test_sigmoid_of_minus_z_is_one_minus_sigmoid(dtype, data):
    z = data.draw(arrays(dtype))
    eps = np.finfo(dtype).eps
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), rtol=0, atol=eps)


@dtypes
@PROPERTY
@given(data=st.data())
def test_tanh_is_odd(dtype, data):
    z = data.draw(arrays(dtype))
    np.testing.assert_array_equal(tanh(-z), -tanh(z))


@dtypes
@PROPERTY
@given(data=st.data())
def test_tanh_is_twice_sigmoid_of_twice_z_minus_one(dtype, data):
    z = data.draw(arrays(dtype, low=-1e30, high=1e30))  # 2z must not overflow
    eps = np.finfo(dtype).eps
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, rtol=0, atol=2 * eps)


@dtypes
@PROPERTY
@given(data=st.data())
def test_leaky_relu_with_alpha_zero_equals_relu(dtype, data):
    z = data.draw(arrays(dtype))
    np.testing.assert_array_equal(leaky_relu(z, alpha=0.0), relu(z))
    np.testing.assert_array_equal(leaky_relu_derivative(z, alpha=0.0), relu_derivative(z))


@dtypes
@PROPERTY
@given(data=st.data(), alpha=slopes)
def test_piecewise_linear_activation_is_its_slope_times_z(dtype, data, alpha):
    z = data.draw(arrays(dtype, low=-1e30, high=1e30))
    np.testing.assert_array_equal(leaky_relu(z, alpha), z * leaky_relu_derivative(z, alpha))
    np.testing.assert_array_equal(relu(z), z * relu_derivative(z))


@pytest.mark.parametrize("func", [sigmoid_derivative, tanh_derivative], ids=lambda f: f.__name__)
@dtypes
@PROPERTY
@given(data=st.data())
def test_smooth_derivative_is_even(func, dtype, data):
    z = data.draw(arrays(dtype))
    np.testing.assert_array_equal(func(-z), func(z))


@pytest.mark.parametrize(
    ("func", "peak"), [(sigmoid_derivative, 0.25), (tanh_derivative, 1.0)], ids=["sigmoid", "tanh"]
)
@dtypes
@PROPERTY
@given(data=st.data())
def test_derivative_has_its_maximum_at_zero(func, peak, dtype, data):
    assert func(dtype(0)) == peak
    assert (func(data.draw(arrays(dtype))) <= peak).all()


# ---------------------------------------------------------------------------
# Finite differences, for every derivative
# ---------------------------------------------------------------------------

SMOOTH = [(sigmoid, sigmoid_derivative), (tanh, tanh_derivative), (identity, identity_derivative)]
KINKED = [(relu, relu_derivative), (leaky_relu, leaky_relu_derivative)]
H = 1e-6  # step; central differences then err by about H^2 * f''' + eps / H ~ 1e-10


def central_difference(func, z, h=H):
    return (func(z + h) - func(z - h)) / (2 * h)


@pytest.mark.parametrize(("func", "derivative"), SMOOTH, ids=lambda f: f.__name__)
@PROPERTY
@given(z=arrays(np.float64, low=-30.0, high=30.0))
def test_smooth_derivative_matches_central_finite_differences(func, derivative, z):
    np.testing.assert_allclose(derivative(z), central_difference(func, z), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(("func", "derivative"), KINKED, ids=lambda f: f.__name__)
@PROPERTY
@given(z=arrays(np.float64, low=-30.0, high=30.0), alpha=slopes)
def test_kinked_derivative_matches_central_finite_differences_away_from_the_kink(
    func, derivative, z, alpha
):
    args = (alpha,) if func is leaky_relu else ()
    z = z[np.abs(z) > 2 * H]  # both z - H and z + H on the same side of the kink
    np.testing.assert_allclose(
        derivative(z, *args),
        central_difference(lambda v: func(v, *args), z),
        rtol=1e-6,
        atol=1e-9,
    )


# ---------------------------------------------------------------------------
# The six modern activations (issue 12)
# ---------------------------------------------------------------------------


def gelu_tanh(z):
    return gelu(z, approximate="tanh")


def gelu_tanh_derivative(z):
    return gelu_derivative(z, approximate="tanh")


SMOOTH_MODERN = [
    (gelu, gelu_derivative),
    (gelu_tanh, gelu_tanh_derivative),
    (silu, silu_derivative),
    (softplus, softplus_derivative),
    (mish, mish_derivative),
    (elu, elu_derivative),  # with alpha = 1 both one-sided slopes at 0 are 1
]
KINKED_MODERN = [(elu, elu_derivative), (selu, selu_derivative)]
elu_alphas = st.floats(min_value=0.0, max_value=3.0)


@pytest.mark.parametrize(("func", "derivative"), SMOOTH_MODERN, ids=lambda f: f.__name__)
@PROPERTY
@given(z=arrays(np.float64, low=-30.0, high=30.0))
def test_modern_derivative_matches_central_finite_differences(func, derivative, z):
    np.testing.assert_allclose(derivative(z), central_difference(func, z), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(("func", "derivative"), KINKED_MODERN, ids=lambda f: f.__name__)
@PROPERTY
@given(z=arrays(np.float64, low=-30.0, high=30.0), alpha=elu_alphas)
def test_elu_and_selu_derivatives_match_finite_differences_away_from_the_kink(
    func, derivative, z, alpha
):
    args = (alpha,) if func is elu else ()
    z = z[np.abs(z) > 2 * H]
    np.testing.assert_allclose(
        derivative(z, *args),
        central_difference(lambda v: func(v, *args), z),
        rtol=1e-6,
        atol=1e-9,
    )


@dtypes
@PROPERTY
@given(data=st.data())
def test_softplus_derivative_is_the_sigmoid(dtype, data):
    z = data.draw(arrays(dtype))
    np.testing.assert_array_equal(softplus_derivative(z), sigmoid(z))
    moderate = np.abs(z.astype(np.float64)) < 20
    slope = central_difference(softplus, z[moderate].astype(np.float64))
    np.testing.assert_allclose(sigmoid(z[moderate].astype(np.float64)), slope, atol=1e-9)


@dtypes
@PROPERTY
@given(data=st.data())
def test_silu_is_z_times_sigmoid(dtype, data):
    z = data.draw(arrays(dtype))
    eps, tiny = np.finfo(dtype).eps, np.finfo(dtype).smallest_normal
    with np.errstate(over="ignore", invalid="ignore"):
        product = z * sigmoid(z)
    finite = np.isfinite(z)
    np.testing.assert_allclose(silu(z)[finite], product[finite], rtol=4 * eps, atol=1e4 * tiny)


@dtypes
@PROPERTY
@given(data=st.data())
def test_gelu_is_z_times_the_normal_cdf(dtype, data):
    z = data.draw(arrays(dtype))
    finite = np.isfinite(z)
    with np.errstate(under="ignore"):
        product = z[finite] * ndtr(z[finite].astype(np.float64))
    eps, tiny = np.finfo(dtype).eps, np.finfo(dtype).smallest_normal
    np.testing.assert_allclose(gelu(z)[finite], product, rtol=2 * eps, atol=tiny)


@dtypes
@PROPERTY
@given(data=st.data())
def test_softplus_lies_between_relu_and_relu_plus_log_two(dtype, data):
    z = data.draw(arrays(dtype))
    y, r = softplus(z), relu(z)
    assert ((y >= r) & (y <= r + dtype(np.log(2)) * (1 + np.finfo(dtype).eps))).all()


@pytest.mark.parametrize(
    "func",
    [
        lambda z: elu(z, 1.0),
        lambda z: elu(z, 0.3),
        selu,
        softplus,
        lambda z: elu_derivative(z, 1.0),  # increasing: ELU is convex for alpha >= 0
    ],
    ids=["elu", "elu_0.3", "selu", "softplus", "elu_derivative"],
)
@dtypes
@PROPERTY
@given(data=st.data())
def test_modern_activation_is_monotone_non_decreasing(func, dtype, data):
    z = np.sort(data.draw(arrays(dtype, low=-1e30, high=1e30)).ravel())
    y = func(z)
    assert (y[:-1] <= y[1:]).all()


@pytest.mark.parametrize(
    ("func", "argmin", "minimum"),
    [
        (gelu, -0.7517915248759772, -0.16997120747990366),
        (silu, -1.2784645427610738, -0.27846454276107380),
        (mish, -1.1924312137356762, -0.30884341301725043),
    ],
    ids=["gelu", "silu", "mish"],
)
@dtypes
@PROPERTY
@given(data=st.data())
def test_soft_relus_dip_to_their_minimum_and_rise_on_either_side(
    func, argmin, minimum, dtype, data
):
    z = np.sort(data.draw(arrays(dtype)).ravel())
    y = func(z).astype(np.float64)
    assert (y >= minimum * (1 + 4 * np.finfo(dtype).eps)).all()
    right, left = z >= argmin, z <= argmin
    assert (y[right][:-1] <= y[right][1:]).all() and (y[left][:-1] >= y[left][1:]).all()


# SELU's point: mean 0 and variance 1 is a fixed point under N(0, 1) inputs.


def normal_expectation(g):
    """E[g(Z)] for Z ~ N(0, 1), by adaptive quadrature on each side of the kink at 0."""
    density = lambda z: np.exp(-(z**2) / 2) / np.sqrt(2 * np.pi)  # noqa: E731
    left = integrate.quad(lambda z: g(z) * density(z), -np.inf, 0, epsabs=1e-14)[0]
    right = integrate.quad(lambda z: g(z) * density(z), 0, np.inf, epsabs=1e-14)[0]
    return left + right


def test_selu_keeps_mean_zero_and_variance_one_under_standard_normal_inputs():
    mean = normal_expectation(lambda z: float(selu(z)))
    second_moment = normal_expectation(lambda z: float(selu(z)) ** 2)
    assert abs(mean) < 1e-9 and abs(second_moment - mean**2 - 1) < 1e-9


def test_elu_with_alpha_one_does_not_self_normalise():
    mean = normal_expectation(lambda z: float(elu(z)))
    assert mean > 0.1  # the fixed point needs SELU's scale and alpha


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_selu_keeps_a_standard_normal_sample_standardised(seed):
    z = np.random.default_rng(seed).standard_normal(200_000)
    y = selu(z)
    # standard errors: about 0.0022 for the mean and 0.004 for the variance
    assert abs(y.mean()) < 0.015 and abs(y.var() - 1) < 0.03


@dtypes
@PROPERTY
@given(data=st.data())
def test_modern_derivatives_have_their_limits_far_out(dtype, data):
    z = data.draw(arrays(dtype, low=50.0, high=1e30))
    for derivative in (
        gelu_derivative,
        gelu_tanh_derivative,
        silu_derivative,
        mish_derivative,
        lambda v: elu_derivative(v, 0.5),
    ):
        np.testing.assert_array_equal(derivative(z), 1)
        assert (np.abs(derivative(-z)) < np.finfo(dtype).eps).all()


@PROPERTY
@given(z=arrays(np.float64, low=-700.0, high=700.0))
def test_silu_derivative_is_sigma_plus_z_sigma_prime(z):
    s = expit(z)
    np.testing.assert_allclose(silu_derivative(z), s + z * s * expit(-z), rtol=1e-14, atol=1e-300)
