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
# ... and descriptions with other parameter values: every property holds for them too
SPECIALISED = [
    get_activation("leaky_relu", alpha=0.2),
    get_activation("leaky_relu", alpha=0.0),
    get_activation("leaky_relu", alpha=1.0),
    get_activation("elu", alpha=0.5),
    get_activation("elu", alpha=2.0),
    get_activation("gelu", approximate="tanh"),
]
each_activation = pytest.mark.parametrize(
    "act", [*ALL, *SPECIALISED], ids=lambda a: f"{a.key}{dict(a.parameters) or ''}"
)

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
        "attains",
        "zero_centred",
        "saturating",
        "has_kink",
        "formula",
        "derivative_formula",
        "plot_limits",
        "parameters",
        "_specialise",
    ]


def test_a_description_can_be_a_dictionary_key():
    assert len({*ACTIVATIONS.values(), get_activation("leaky_relu", alpha=0.2)}) == 11


def test_identity_is_the_linear_baseline():
    assert (IDENTITY.key, IDENTITY.name) == ("identity", "Identity")
    assert IDENTITY.function is activations.identity
    assert IDENTITY.derivative is activations.identity_derivative


@pytest.mark.parametrize("act", ALL, ids=lambda a: a.key)
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
        return {math.inf: "∞", -math.inf: "-∞"}.get(x, f"{x:.4g}")

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

    assert act.attains == (attained(low, 1), attained(high, -1))
    opening = "[" if act.attains[0] else "("
    closing = "]" if act.attains[1] else ")"
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


# ---------------------------------------------------------------------------
# Parameters, kinks, plot limits (issue 13)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "parameters", "call"),
    [
        ("leaky_relu", {"alpha": 0.2}, lambda f, z: f(z, 0.2)),
        ("leaky_relu", {"alpha": 0.0}, lambda f, z: f(z, 0.0)),
        ("elu", {"alpha": 0.5}, lambda f, z: f(z, 0.5)),
        ("gelu", {"approximate": "tanh"}, lambda f, z: f(z, approximate="tanh")),
    ],
    ids=lambda v: "" if callable(v) else str(v),
)
def test_with_parameters_fixes_them_in_the_function_and_derivative(key, parameters, call):
    base = get_activation(key)
    act = base.with_parameters(**parameters)
    np.testing.assert_array_equal(act.function(SAMPLES), call(base.function, SAMPLES))
    np.testing.assert_array_equal(act.derivative(SAMPLES), call(base.derivative, SAMPLES))
    assert dict(act.parameters) == parameters and act.key == key
    assert act.name != base.name and act.name.startswith(base.name)
    assert act.function.__name__ == base.function.__name__


def test_with_alpha_is_with_parameters_alpha():
    leaky = get_activation("leaky_relu")
    a, b = leaky.with_alpha(0.3), leaky.with_parameters(alpha=0.3)
    assert (a.name, a.parameters, a.output_range) == (b.name, b.parameters, b.output_range)
    assert a.name == "Leaky ReLU (α = 0.3)" == get_activation("leaky_relu", alpha=0.3).name


def test_the_default_parameters_give_back_the_registered_description():
    for key in ("leaky_relu", "elu", "gelu"):
        act = ACTIVATIONS[key]
        other = {"alpha": 0.7} if "alpha" in act.parameters else {"approximate": "tanh"}
        restored = act.with_parameters(**other).with_parameters(**act.parameters)
        assert restored == act and restored.function is act.function


def test_a_parameter_changes_the_range_and_the_flags():
    assert get_activation("elu", alpha=0.5).output_range == (-0.5, math.inf)
    assert get_activation("elu").has_kink is False  # alpha = 1: both slopes at 0 are 1
    assert get_activation("elu", alpha=0.5).has_kink is True
    identity_like = get_activation("leaky_relu", alpha=1.0)
    assert identity_like.zero_centred and not identity_like.has_kink
    assert get_activation("leaky_relu", alpha=0.0).range_text == "[0, ∞)"


@pytest.mark.parametrize("key", ["sigmoid", "relu", "selu", "identity"])
def test_a_parameter_the_activation_does_not_have_raises_naming_it(key):
    with pytest.raises(TypeError, match=rf"{key} has no parameter 'alpha'"):
        get_activation(key).with_alpha(0.2)


@pytest.mark.parametrize(
    ("key", "parameters", "error"),
    [
        ("leaky_relu", {"alpha": math.nan}, ValueError),
        ("leaky_relu", {"alpha": "0.2"}, TypeError),
        ("elu", {"alpha": math.inf}, ValueError),
        ("gelu", {"approximate": "erf"}, ValueError),
        ("gelu", {"alpha": 0.1}, TypeError),
    ],
    ids=str,
)
def test_a_bad_parameter_value_raises_naming_the_parameter(key, parameters, error):
    with pytest.raises(error, match=next(iter(parameters))):
        get_activation(key, **parameters)


@each_activation
def test_has_kink_says_whether_the_slopes_left_and_right_of_zero_differ(act):
    h = 1e-9
    left, right = act.derivative(np.array([-h, h]))
    assert act.has_kink == (abs(left - right) > 1e-6)


@each_activation
def test_the_derivative_at_the_kink_is_the_left_one(act):
    np.testing.assert_allclose(act.derivative(0.0), act.derivative(-1e-12), rtol=1e-9)


@each_activation
def test_plot_limits_hold_the_curve_over_minus_five_to_five_with_little_waste(act):
    low, high = act.plot_limits
    y = act.function(np.linspace(-5, 5, 1001))
    assert low < y.min() and y.max() <= high
    assert (y.max() - y.min()) >= 0.6 * (high - low)  # the curve fills most of the axis
