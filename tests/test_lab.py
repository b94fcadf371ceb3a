"""The lab: any activation through the course's measurements, with known values for the
classic four, clear errors for a function the lab cannot use, and output that any machine
prints the same."""

from __future__ import annotations

import doctest
import math
import re

import activations
import numpy as np
import pytest
from actcourse import lab
from scipy import integrate


@pytest.fixture(scope="module")
def measured():
    """The classic four, measured once for the whole module."""
    return {key: lab.measure(activations.get_activation(key)) for key in activations.CLASSIC}


def test_docstring_examples_run():
    result = doctest.testmod(lab, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# ------------------------------------------------------------------------------ 5. gains
def _gaussian_mean(f, q):
    """E[f(z)] for z ~ N(0, q), by adaptive quadrature (the oracle)."""
    density = lambda z: math.exp(-z * z / (2 * q)) / math.sqrt(2 * math.pi * q)  # noqa: E731
    left = integrate.quad(lambda z: f(z) * density(z), -np.inf, 0.0, epsabs=1e-13)[0]
    right = integrate.quad(lambda z: f(z) * density(z), 0.0, np.inf, epsabs=1e-13)[0]
    return left + right


def test_relu_gains_are_he_initialisations_two(measured):
    relu = measured["relu"]
    assert relu.mean_square == pytest.approx(0.5, abs=1e-12)
    assert relu.mean_square_slope == pytest.approx(0.5, abs=1e-12)
    assert relu.forward_gain == pytest.approx(2.0, abs=1e-11)
    assert relu.backward_gain == pytest.approx(2.0, abs=1e-11)


@pytest.mark.parametrize("q", [0.25, 1.0, 4.0])
def test_tanh_gains_match_the_gaussian_integrals(q):
    result = lab.measure(activations.get_activation("tanh"), q=q, learning_rates=(0.1,), seeds=(0,))
    mean_square = _gaussian_mean(lambda z: math.tanh(z) ** 2, q)
    mean_square_slope = _gaussian_mean(lambda z: (1 - math.tanh(z) ** 2) ** 2, q)
    assert result.mean_square == pytest.approx(mean_square, rel=1e-7)
    assert result.mean_square_slope == pytest.approx(mean_square_slope, rel=1e-7)
    assert result.forward_gain == pytest.approx(q / mean_square, rel=1e-7)
    assert result.backward_gain == pytest.approx(1 / mean_square_slope, rel=1e-7)


def test_selu_is_self_normalising_so_its_forward_gain_is_one():
    # Klambauer et al. (2017) chose SELU's constants so that E[selu(z)^2] = 1 under N(0, 1).
    selu = lab.measure("selu", learning_rates=(0.1,), seeds=(0,))
    assert selu.mean_square == pytest.approx(1.0, abs=1e-4)
    assert selu.forward_gain == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize(
    "key", [k for k in activations.ACTIVATIONS if k not in activations.CLASSIC]
)
def test_every_modern_activation_passes_the_derivative_check_and_matches_the_integrals(key):
    act = activations.get_activation(key)
    result = lab.measure(act, learning_rates=(0.1,), seeds=(0,))
    assert result.derivative_agrees, result.derivative_max_error
    g = lambda z: float(act.function(z)) ** 2  # noqa: E731
    assert result.mean_square == pytest.approx(_gaussian_mean(g, 1.0), rel=1e-6)


@pytest.mark.parametrize("alpha", [0.01, 0.2, 0.5])
def test_leaky_relu_gain_is_the_prelu_papers_two_over_one_plus_alpha_squared(alpha):
    result = lab.measure(
        lambda z: activations.leaky_relu(z, alpha),
        lambda z: activations.leaky_relu_derivative(z, alpha),
        learning_rates=(0.1,),
        seeds=(0,),
    )
    assert result.forward_gain == pytest.approx(2 / (1 + alpha**2), rel=1e-9)
    assert result.backward_gain == pytest.approx(2 / (1 + alpha**2), rel=1e-9)


def test_a_relu_gain_does_not_depend_on_q_but_a_tanh_gain_does():
    relu = activations.get_activation("relu")
    tanh = activations.get_activation("tanh")
    small, large = (lab.measure(relu, q=q, learning_rates=(0.1,), seeds=(0,)) for q in (0.1, 10.0))
    assert small.forward_gain == pytest.approx(large.forward_gain, rel=1e-9)
    small, large = (lab.measure(tanh, q=q, learning_rates=(0.1,), seeds=(0,)) for q in (0.1, 10.0))
    assert large.forward_gain > 5 * small.forward_gain  # tanh saturates: E[g^2] stops growing


# ------------------------------------------------------------------------------ 1. derivative
def test_the_library_derivatives_agree_with_finite_differences(measured):
    for result in measured.values():
        assert result.derivative_agrees, result.name
        assert result.derivative_max_error < lab.DERIVATIVE_TOLERANCE


def test_a_wrong_derivative_is_reported_with_where_it_fails():
    result = lab.measure(
        np.tanh,
        lambda z: 1 - np.tanh(z),  # forgot the square
        learning_rates=(0.1,),
        seeds=(0,),
    )
    assert not result.derivative_agrees
    assert result.derivative_max_error > 0.1
    text = result.text()
    assert "DISAGREES" in text and f"z = {result.derivative_worst_z:.4g}" in text


# ------------------------------------------------------------------------------ 2. saturation
def test_saturation_of_the_classic_four(measured):
    sides = {k: (r.saturates_left, r.saturates_right) for k, r in measured.items()}
    assert sides == {
        "sigmoid": (True, True),
        "tanh": (True, True),
        "relu": (True, False),  # flat: slope exactly 0
        "leaky_relu": (False, False),
    }
    assert measured["sigmoid"].peak_slope == pytest.approx(0.25, abs=1e-12)
    assert measured["tanh"].peak_slope == pytest.approx(1.0, abs=1e-12)
    sigmoid = measured["sigmoid"]
    np.testing.assert_allclose(
        sigmoid.saturation_slope, activations.sigmoid_derivative(np.array(lab.SATURATION_Z))
    )


# ------------------------------------------------------------------------------ 3. depth
def test_sigmoid_gradient_vanishes_with_depth_and_the_own_gain_keeps_relu_alive(measured):
    sigmoid, relu = measured["sigmoid"], measured["relu"]
    assert sigmoid.depths == lab.DEPTHS
    assert sigmoid.layer1_xavier[-1] < 1e-6 * sigmoid.layer1_xavier[0]
    assert np.all(np.diff(sigmoid.layer1_xavier) < 0)
    # ReLU with its own gain (He) keeps the first layer's gradient within a factor 10.
    ratio = np.array(relu.layer1_own_gain) / relu.layer1_own_gain[0]
    assert np.all((ratio > 0.1) & (ratio < 10))
    assert relu.layer1_xavier[-1] < 0.01 * relu.layer1_own_gain[-1]  # Xavier is too small


# ------------------------------------------------------------------------------ 4. dead units
def test_relu_units_die_at_a_high_learning_rate_and_leaky_ones_never(measured):
    relu, leaky = measured["relu"], measured["leaky_relu"]
    assert relu.learning_rates == (0.1, 3.0) and relu.seeds == (0, 1)
    assert relu.dead_fraction[1] > relu.dead_fraction[0] > 0
    assert relu.dead_fraction == relu.inactive_fraction  # for ReLU inactive means dead
    assert leaky.dead_fraction == (0.0, 0.0)
    assert leaky.inactive_fraction[1] > 0


def test_unit_counts_match_the_network_measured_directly():
    run = lab.units_after_training("relu", 3.0, seed=1)
    assert run.dead_fraction == pytest.approx(np.mean(np.concatenate(run.dead)))
    assert [len(layer) for layer in run.dead] == [32, 32]
    assert run.inactive == run.dead and not run.diverged


# ------------------------------------------------------------------------------ your own g
def test_your_own_functions_measure_like_the_library_description(measured):
    def tanh_derivative(z):
        return 1 - np.tanh(z) ** 2

    own = lab.measure(np.tanh, tanh_derivative, name="my tanh")
    library = measured["tanh"]
    assert own.name == "my tanh"
    assert own.forward_gain == pytest.approx(library.forward_gain, rel=1e-9)
    assert own.saturation_value == pytest.approx(library.saturation_value, abs=1e-15)
    np.testing.assert_allclose(own.layer1_xavier, library.layer1_xavier, rtol=1e-9)
    assert own.dead_fraction == library.dead_fraction


@pytest.mark.parametrize(
    ("g", "name"),
    [
        (activations.get_activation("relu"), "ReLU"),
        (np.tanh, "tanh"),
        (lambda z: np.maximum(z, 0), "g"),
    ],
)
def test_the_name_comes_from_the_description_or_the_function(g, name):
    g_prime = None if hasattr(g, "derivative") else (lambda z: np.ones_like(z))
    result = lab.measure(g, g_prime, learning_rates=(0.1,), seeds=(0,))
    assert result.name == name
    assert result.text().startswith(f"Lab measurements of {name}\n")


def _math_g(z):
    return 1 / (1 + math.exp(-z))


def _if_g(z):
    return z if z > 0 else 0.0


@pytest.mark.parametrize(
    ("g", "error", "message"),
    [
        (_math_g, TypeError, "g is not vectorised.*shape \\(7,\\).*np.exp"),
        (_if_g, TypeError, "g is not vectorised.*ValueError"),
        (lambda z: np.sum(np.tanh(z)), ValueError, "one value per input.*returned shape \\(\\)"),
        (lambda z: np.tanh(z).ravel(), ValueError, "one value per input.*\\(2, 3\\).*\\(6,\\)"),
        (lambda z: z - np.mean(z), ValueError, "not element-wise"),
        (lambda z: np.log(z), ValueError, "g\\(z\\) is not finite at z = "),
        (lambda z: np.tanh(z).astype(complex), TypeError, "real numbers"),
    ],
    ids=["math", "if", "scalar", "flattened", "not-elementwise", "not-finite", "complex"],
)
def test_a_function_the_lab_cannot_use_is_refused_with_a_message_saying_why(g, error, message):
    with pytest.raises(error, match=message):
        lab.measure(g, lambda z: np.ones_like(z))


def test_the_derivative_is_checked_the_same_way_and_is_required_for_a_plain_function():
    with pytest.raises(TypeError, match="g_prime is not vectorised"):
        lab.measure(np.tanh, lambda z: 1 - math.tanh(z) ** 2)
    with pytest.raises(TypeError, match="pass the derivative too"):
        lab.measure(np.tanh)
    with pytest.raises(ValueError, match="q is a variance"):
        lab.measure(activations.get_activation("tanh"), q=0.0)


# ------------------------------------------------------------------------------ the views
def test_text_and_html_show_every_section_and_are_the_same_every_time(measured):
    result = measured["sigmoid"]
    again = lab.measure(activations.get_activation("sigmoid"))
    assert again.text() == result.text() and again._repr_html_() == result._repr_html_()
    assert repr(result) == str(result) == result.text()
    for heading in (
        "1. Derivative check",
        "2. Saturation",
        "3. Layer-1 gradient norm against depth",
        "4. Dead and inactive hidden units after training",
        "5. Variance-preserving initialisation",
    ):
        assert heading in result.text() and heading in result._repr_html_()
    assert result._repr_html_().count("<table>") == 3
    assert "forward gain 1 / E[g²] = 3.41" in result.text()


def test_printed_numbers_carry_at_most_three_significant_digits(measured):
    """Only digits that every machine prints the same (round-off moves the 15th or so)."""
    for result in measured.values():
        for number in re.findall(r"\d[\d.]*(?:e[-+]\d+)?", result.text()):
            mantissa = number.split("e")[0].replace(".", "").lstrip("0")
            assert len(mantissa) <= 3, (result.name, number)


# ------------------------------------------------------------------------------ compare
def test_a_key_measures_the_library_activation(measured):
    by_key = lab.measure("tanh")
    assert by_key.name == "Tanh" and by_key.text() == measured["tanh"].text()


def test_compare_puts_one_row_per_activation_in_the_order_given(measured):
    table = lab.compare("relu", (np.tanh, lambda z: 1 - np.tanh(z) ** 2), "sigmoid")
    assert [r.name for r in table.results] == ["ReLU", "tanh", "Sigmoid"]
    assert table["Sigmoid"].text() == measured["sigmoid"].text()
    lines = table.text().splitlines()
    assert len(lines) == 4 and "forward gain" in lines[0]
    relu_row = lines[1].split()
    assert relu_row[:2] == ["ReLU", "agrees"] and "20%" in relu_row
    assert table._repr_html_().count("<tr>") == 4
    with pytest.raises(KeyError, match="have"):
        table["GELU"]
    with pytest.raises(ValueError, match="at least one"):
        lab.compare()


def test_runs_that_diverge_are_counted_and_left_out_of_the_means():
    result = lab.measure(np.exp, np.exp, name="exp", learning_rates=(0.01, 3.0))
    assert result.diverged[1] == len(result.seeds)  # e^z overflows at a large learning rate
    assert math.isnan(result.dead_fraction[1]) and math.isnan(result.accuracy[1])
    row = next(line for line in result.text().splitlines() if line.split()[:1] == ["3"])
    assert row.split() == ["3", "–", "–", "–", "2", "of", "2"]
