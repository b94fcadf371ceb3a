"""Identities the course teaches, checked as Hypothesis properties, and every
derivative checked against central finite differences."""

import numpy as np
import pytest
from activations import (
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

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
