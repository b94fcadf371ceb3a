"""The descriptions chapters loop over (Activation, ACTIVATIONS, IDENTITY,
get_activation) agree with the functions they describe."""

import dataclasses
import math
import types

import activations
import numpy as np
import pytest
from activations import ACTIVATIONS, CLASSIC, IDENTITY, Activation, get_activation
from scipy.optimize import minimize_scalar

ALL = [*ACTIVATIONS.values(), IDENTITY]
each_activation = pytest.mark.parametrize("act", ALL, ids=lambda a: a.key)

# Inputs over the whole float64 range, including +/-inf, plus a dense middle.
_magnitudes = np.geomspace(1e-300, 1e300, 601)
SAMPLES = np.concatenate(
    [-_magnitudes, [0.0], _magnitudes, np.linspace(-50, 50, 2001), [-np.inf, np.inf]]
)
SYMMETRIC = np.linspace(-10, 10, 2001)  # symmetric around 0


def test_activations_holds_the_ten_non_linear_ones_in_teaching_order():
    assert list(ACTIVATIONS) == [
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "elu",
        "selu",
        "gelu",
        "silu",
        "softplus",
        "mish",
    ]
    assert [a.name for a in ACTIVATIONS.values()][:4] == ["Sigmoid", "Tanh", "ReLU", "Leaky ReLU"]
    assert "identity" not in ACTIVATIONS


def test_classic_holds_the_first_four():
    assert list(CLASSIC) == ["sigmoid", "tanh", "relu", "leaky_relu"]
    assert all(CLASSIC[key] is ACTIVATIONS[key] for key in CLASSIC)
    assert isinstance(CLASSIC, types.MappingProxyType)


def test_activations_is_a_read_only_mapping():
    assert isinstance(ACTIVATIONS, types.MappingProxyType)
    with pytest.raises(TypeError):
        ACTIVATIONS["softplus"] = IDENTITY  # type: ignore[index]


def test_a_description_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ACTIVATIONS["relu"].name = "Rectifier"  # type: ignore[misc]


def test_description_has_the_documented_fields():
    assert [f.name for f in dataclasses.fields(Activation)] == [
        "key",
        "name",
        "function",
        "derivative",
        "output_range",
        "range_text",
        "zero_centred",
        "saturating",
        "formula",
        "derivative_formula",
    ]


def test_identity_is_the_linear_baseline():
    assert (IDENTITY.key, IDENTITY.name) == ("identity", "Identity")
    assert IDENTITY.function is activations.identity
    assert IDENTITY.derivative is activations.identity_derivative


@each_activation
def test_key_and_function_names_agree_with_the_module(act):
    assert act.function is getattr(activations, act.key)
    assert act.derivative is getattr(activations, f"{act.key}_derivative")


def test_leaky_relu_description_uses_the_default_slope():
    leaky = ACTIVATIONS["leaky_relu"]
    np.testing.assert_array_equal(leaky.function(SAMPLES), activations.leaky_relu(SAMPLES, 0.01))
    np.testing.assert_array_equal(
        leaky.derivative(SAMPLES), activations.leaky_relu_derivative(SAMPLES, 0.01)
    )


@pytest.mark.parametrize("key", [*ACTIVATIONS, "identity"])
def test_get_activation_returns_each_description_by_its_key(key):
    act = get_activation(key)
    assert act.key == key and act is (IDENTITY if key == "identity" else ACTIVATIONS[key])


@pytest.mark.parametrize("key", ["Sigmoid", "softmax", "", None, ["relu"]], ids=repr)
def test_get_activation_of_an_unknown_key_lists_the_valid_keys(key):
    with pytest.raises(KeyError) as excinfo:
        get_activation(key)
    message = str(excinfo.value)
    assert repr(key) in message
    for valid in ("'sigmoid'", "'tanh'", "'relu'", "'leaky_relu'", "'identity'"):
        assert valid in message


@each_activation
def test_output_range_is_two_floats_in_order(act):
    low, high = act.output_range
    assert isinstance(low, float) and isinstance(high, float) and low < high


@each_activation
def test_outputs_stay_within_the_output_range(act):
    low, high = act.output_range
    y = act.function(SAMPLES)
    assert ((low <= y) & (y <= high)).all()


def extreme_value(act, sign):
    """The function's lowest (sign=1) or highest (sign=-1) value and where it is: over the
    samples, or at an interior extremum if it has one (GELU, SiLU and Mish dip below 0)."""
    y = act.function(SAMPLES)
    i = int(np.argmin(sign * y))
    found = minimize_scalar(
        lambda z: sign * float(act.function(z)), bounds=(-5, 5), options={"xatol": 1e-10}
    )
    if found.fun < sign * y[i]:
        return sign * found.fun, found.x
    return y[i], SAMPLES[i]


@each_activation
def test_output_range_is_tight(act):
    # Each bound is approached: the range is not wider than the function's.
    for bound, sign in zip(act.output_range, (1, -1), strict=True):
        extreme, _ = extreme_value(act, sign)
        if math.isinf(bound):
            assert extreme == bound
        else:
            assert abs(extreme - bound) < 1e-12


@each_activation
def test_range_text_is_the_output_range_in_interval_notation(act):
    low, high = act.output_range

    def number(x):
        return {math.inf: "∞", -math.inf: "-∞"}.get(x, f"{x:g}")

    def attained(bound, sign):
        # A bound is attained (bracket) if a moderate input reaches it: an interior
        # extremum, or a sample within |z| <= 15 (rounding makes tanh(20) exactly 1
        # although tanh < 1).
        if math.isinf(bound):
            return False
        extreme, where = extreme_value(act, sign)
        interior = abs(where) < 4.9 and abs(extreme - bound) < 1e-12
        finite = SAMPLES[np.abs(SAMPLES) <= 15]
        return interior or bool((act.function(finite) == bound).any())

    opening = "[" if attained(low, 1) else "("
    closing = "]" if attained(high, -1) else ")"
    assert act.range_text == f"{opening}{number(low)}, {number(high)}{closing}"


@each_activation
def test_zero_centred_flag_says_whether_the_function_is_odd(act):
    y_plus, y_minus = act.function(SYMMETRIC), act.function(-SYMMETRIC)
    is_odd = np.allclose(y_minus, -y_plus, rtol=0, atol=1e-15)
    averages_to_zero = abs(y_plus.mean()) < 1e-3 * np.abs(y_plus).mean()
    assert act.zero_centred == is_odd == averages_to_zero


@each_activation
def test_saturating_flag_says_whether_the_derivative_vanishes_at_both_ends(act):
    far = np.array([-1e3, 1e3])
    vanishes = np.abs(act.derivative(far)) < 1e-300
    assert act.saturating == bool(vanishes.all())


@each_activation
def test_formulas_are_non_empty_latex_with_balanced_braces(act):
    for latex in (act.formula, act.derivative_formula):
        assert "=" in latex and "$" not in latex
        depth = 0
        for char in latex:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0
        assert depth == 0
    assert "'" in act.derivative_formula.split("=")[0]  # f'(z) = ...
