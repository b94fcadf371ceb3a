"""The NumPy network: correct gradients, stable losses, silent training, and the experiments
the chapters rely on (with the numbers they quote, and margins that can fail)."""

import doctest
import warnings

import activations
import numpy as np
import pytest
import scipy.special
from actcourse import datasets, nn, outputs
from hypothesis import given, settings
from hypothesis import strategies as st

ACTIVATION_KEYS = list(nn.HIDDEN_ACTIVATIONS)
OUTPUTS = {"sigmoid": 1, "softmax": 3, "identity": 2}


@pytest.fixture
def no_warnings():
    """Turn every warning into an error inside the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _targets(output, n, rng):
    if output == "sigmoid":
        return rng.integers(0, 2, n)
    if output == "softmax":
        return rng.integers(0, OUTPUTS["softmax"], n)
    return rng.normal(size=(n, OUTPUTS["identity"]))


def _max_relative_error(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), 1e-12)


@pytest.mark.parametrize("module", [nn, outputs], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("activation", ACTIVATION_KEYS)
def test_backprop_matches_finite_differences(activation, output, no_warnings):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(7, 3))
    y = _targets(output, 7, rng)
    model = nn.MLP(
        [3, 5, 4, OUTPUTS[output]],
        activation=activation,
        output=output,
        init="xavier",
        bias_init=0.1,
        seed=2,
    )
    analytic = model.gradients(X, y)
    numeric = nn.numerical_gradients(model, X, y, eps=1e-6)
    for key in ("dW", "db", "d_alpha"):
        assert len(analytic[key]) == len(numeric[key])
        for layer, (a, n) in enumerate(zip(analytic[key], numeric[key], strict=True)):
            assert a.shape == n.shape
            error = _max_relative_error(a, n)
            assert error < 1e-6, f"{key}[{layer}] relative error {error:.1e}"
    assert len(analytic["d_alpha"]) == (2 if activation == "prelu" else 0)


def test_prelu_gradient_is_checked_with_a_slope_far_from_the_default(no_warnings):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(9, 2))
    y = rng.integers(0, 2, 9)
    model = nn.MLP([2, 6, 1], activation="prelu", alpha=-0.7, seed=4)
    analytic = model.gradients(X, y)["d_alpha"][0]
    numeric = nn.numerical_gradients(model, X, y)["d_alpha"][0]
    assert abs(analytic[0]) > 1e-4  # a real gradient, not 0 == 0
    assert _max_relative_error(analytic, numeric) < 1e-6


def test_gradients_report_the_loss_and_the_backpropagated_signal():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(5, 2)), np.array([0, 1, 1, 0, 1])
    model = nn.MLP([2, 4, 3, 1], activation="tanh")
    grads = model.gradients(X, y)
    assert grads["loss"] == pytest.approx(model.loss(X, y))
    assert [d.shape for d in grads["dZ"]] == [(5, 4), (5, 3), (5, 1)]
    # dL/db is the signal summed over the batch
    for delta, db in zip(grads["dZ"], grads["db"], strict=True):
        np.testing.assert_allclose(delta.sum(axis=0), db)


# ---------------------------------------------------------------------------- construction


def test_the_network_accepts_every_library_activation_and_prelu():
    assert set(nn.HIDDEN_ACTIVATIONS) == {*activations.ACTIVATIONS, "identity", "prelu"}


@pytest.mark.parametrize("activation", ACTIVATION_KEYS)
def test_every_attribute_is_set_for_every_activation(activation):
    model = nn.MLP([2, 3, 3, 1], activation=activation)
    assert model.activation == activation
    assert callable(model.hidden.function) and callable(model.hidden.derivative)
    evaluated = "leaky_relu" if activation == "prelu" else activation
    has_alpha = "alpha" in activations.get_activation(evaluated).parameters
    assert (model.alpha is not None) == has_alpha
    if has_alpha:
        assert model.hidden.parameters["alpha"] == model.alpha
    assert len(model.alphas) == (2 if activation == "prelu" else 0)
    assert model.output_kind is nn.OUTPUT_KINDS["sigmoid"]
    for layer in range(2):
        z = np.linspace(-2.0, 2.0, 9)
        np.testing.assert_array_equal(
            model.hidden_activation(layer).function(z), model.hidden.function(z)
        )


def test_alpha_defaults_to_the_librarys_and_prelu_starts_at_a_quarter():
    assert nn.MLP([2, 3, 1], activation="leaky_relu").alpha == 0.01
    assert nn.MLP([2, 3, 1], activation="elu").alpha == 1.0
    assert nn.MLP([2, 3, 1], activation="prelu").alpha == 0.25
    elu = nn.MLP([2, 3, 1], activation="elu", alpha=0.5)
    np.testing.assert_allclose(elu.hidden.function(-50.0), -0.5)


def test_leaky_relu_keeps_the_slope_it_is_given_and_prelu_follows_its_learnt_one():
    z = np.array([-2.0, 3.0])
    leaky = nn.MLP([2, 3, 1], activation="leaky_relu", alpha=0.2)
    np.testing.assert_array_equal(leaky.hidden_activation(0).function(z), [-0.4, 3.0])
    prelu = nn.MLP([2, 3, 1], activation="prelu")
    prelu.alphas[0][0] = -0.5
    np.testing.assert_array_equal(prelu.hidden_activation(0).function(z), [1.0, 3.0])
    np.testing.assert_array_equal(prelu.hidden_activation(0).derivative(z), [-0.5, 1.0])


def test_an_activation_description_works_like_its_name():
    X = np.random.default_rng(0).normal(size=(6, 2))
    by_name = nn.MLP([2, 4, 1], activation="tanh", seed=3)
    by_description = nn.MLP([2, 4, 1], activation=activations.get_activation("tanh"), seed=3)
    assert repr(by_description) == repr(by_name)
    np.testing.assert_array_equal(by_description.forward(X), by_name.forward(X))


def test_a_custom_activation_trains_and_a_malformed_one_is_refused():
    class Square:
        key = "square"

        @staticmethod
        def function(z):
            return z * z

        @staticmethod
        def derivative(z):
            return 2 * z

    X = np.random.default_rng(1).normal(size=(5, 2))
    y = np.array([0, 1, 1, 0, 1])
    model = nn.MLP([2, 3, 1], activation=Square(), init="xavier", bias_init=0.1)
    numeric, analytic = nn.numerical_gradients(model, X, y), model.gradients(X, y)
    assert _max_relative_error(analytic["dW"][0], numeric["dW"][0]) < 1e-6
    with pytest.raises(TypeError, match="derivative"):
        nn.MLP([2, 3, 1], activation=lambda z: z)


@pytest.mark.parametrize("name", sorted(nn.INITS))
def test_each_named_init_has_a_formula_and_its_standard_deviation(name):
    init = nn.INITS[name]
    assert "fan" in init.formula or "normal" in init.formula
    W = nn.MLP([300, 500, 1], init=name, seed=1).weights[0]
    assert W.std() == pytest.approx(init.std(300, 500), rel=0.03)


def test_outputs_name_the_loss_of_every_output_kind():
    assert nn.OUTPUTS == {k: kind.loss_name for k, kind in nn.OUTPUT_KINDS.items()}
    assert nn.OUTPUTS["softmax"] == "cross-entropy"


def test_weights_have_fan_in_by_fan_out_shapes_and_prelu_one_slope_per_hidden_layer():
    model = nn.MLP([2, 5, 3, 1], activation="prelu")
    assert [W.shape for W in model.weights] == [(2, 5), (5, 3), (3, 1)]
    assert [b.shape for b in model.biases] == [(5,), (3,), (1,)]
    assert [a.tolist() for a in model.alphas] == [[0.25], [0.25]]
    assert nn.MLP([2, 5, 1], activation="relu").alphas == []
    assert nn.MLP([2, 5, 1], activation="leaky_relu").alpha == 0.01


@pytest.mark.parametrize(
    ("init", "expected_std"),
    [("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(2 / 800)), ("normal", 1.0), (0.03, 0.03)],
)
def test_initial_weights_have_the_documented_standard_deviation(init, expected_std):
    W = nn.MLP([400, 400, 1], init=init, seed=0).weights[0]
    assert W.std() == pytest.approx(expected_std, rel=0.02)
    assert abs(W.mean()) < 0.1 * expected_std


def test_bias_init_applies_to_hidden_layers_and_output_bias_starts_at_zero():
    model = nn.MLP([2, 4, 3, 1], bias_init=-2.0)
    np.testing.assert_array_equal(model.biases[0], -2.0)
    np.testing.assert_array_equal(model.biases[1], -2.0)
    np.testing.assert_array_equal(model.biases[2], 0.0)


def test_same_seed_same_weights_and_deeper_nets_share_their_first_layers():
    a = nn.MLP([4, 8, 8, 1], seed=5)
    b = nn.MLP([4, 8, 8, 1], seed=5)
    deeper = nn.MLP([4, 8, 8, 8, 8, 1], seed=5)
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)
    np.testing.assert_array_equal(a.weights[0], deeper.weights[0])
    np.testing.assert_array_equal(a.weights[1], deeper.weights[1])
    assert not np.array_equal(a.weights[0], nn.MLP([4, 8, 8, 1], seed=6).weights[0])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layer_sizes": [2]}, "layer_sizes"),
        ({"layer_sizes": [2, 0, 1]}, "layer_sizes"),
        ({"layer_sizes": [2, 1], "activation": "swish"}, "activation"),
        ({"layer_sizes": [2, 1], "output": "tanh"}, "output"),
        ({"layer_sizes": [2, 1], "output": "softmax"}, "at least 2"),
        ({"layer_sizes": [2, 1], "init": "lecun"}, "init"),
        ({"layer_sizes": [2, 1], "init": -1.0}, "negative"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        nn.MLP(**kwargs)


def test_inputs_of_the_wrong_width_are_refused():
    with pytest.raises(ValueError, match="shape"):
        nn.MLP([3, 1]).forward(np.zeros((4, 2)))


def test_repr_names_the_architecture():
    assert repr(nn.MLP([2, 3, 1], activation="tanh")) == (
        "MLP([2, 3, 1], activation='tanh', output='sigmoid', init='he')"
    )


# ---------------------------------------------------------------------------- outputs and losses


def test_outputs_are_probabilities_for_sigmoid_and_softmax_and_raw_for_identity():
    X = np.random.default_rng(0).normal(size=(20, 2))
    p = nn.MLP([2, 4, 1], output="sigmoid", init=3.0).forward(X)
    assert np.all((p > 0) & (p < 1))
    q = nn.MLP([2, 4, 3], output="softmax", init=3.0).forward(X)
    np.testing.assert_allclose(q.sum(axis=1), 1.0)
    model = nn.MLP([2, 4, 2], output="identity", init=3.0)
    np.testing.assert_array_equal(model.forward(X), model.logits(X))


def test_losses_at_zero_weights_are_log2_logk_and_mean_square():
    X = np.random.default_rng(0).normal(size=(6, 2))
    y = np.array([0, 1, 1, 0, 1, 0])
    assert nn.MLP([2, 3, 1], init=0.0).loss(X, y) == pytest.approx(np.log(2))
    assert nn.MLP([2, 3, 4], output="softmax", init=0.0).loss(X, y) == pytest.approx(np.log(4))
    targets = np.arange(6.0)
    assert nn.MLP([2, 3, 1], output="identity", init=0.0).loss(X, targets) == pytest.approx(
        np.mean(targets**2)
    )


def test_binary_cross_entropy_from_logits_equals_the_textbook_formula():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(50, 2)), rng.integers(0, 2, 50)
    model = nn.MLP([2, 8, 1], init=1.0, seed=1)
    p = model.forward(X)[:, 0]
    textbook = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert model.loss(X, y) == pytest.approx(textbook, rel=1e-12)


def test_softmax_cross_entropy_equals_the_textbook_formula():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(50, 2)), rng.integers(0, 3, 50)
    model = nn.MLP([2, 8, 3], output="softmax", init=1.0, seed=1)
    p = model.forward(X)
    textbook = -np.mean(np.log(p[np.arange(50), y]))
    assert model.loss(X, y) == pytest.approx(textbook, rel=1e-12)


def test_softmax_matches_scipy_sums_to_one_and_survives_huge_logits(no_warnings):
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=5.0, size=(20, 4))
    np.testing.assert_allclose(nn.softmax(logits), scipy.special.softmax(logits, axis=1))
    np.testing.assert_allclose(nn.softmax(logits).sum(axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(nn.softmax(logits[0]), nn.softmax(logits)[0])  # one row, 1-D
    huge = np.array([[1000.0, 0.0, -1000.0]])
    np.testing.assert_array_equal(nn.log_softmax(huge), [[0.0, -1000.0, -2000.0]])
    np.testing.assert_array_equal(nn.softmax(huge), [[1.0, 0.0, 0.0]])


def test_softmax_is_unchanged_by_adding_a_constant_to_a_row():
    logits = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, 3.0]])
    shifted = logits + np.array([[100.0], [-7.0]])
    np.testing.assert_allclose(nn.softmax(shifted), nn.softmax(logits), rtol=0, atol=1e-15)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_confident_wrong_answers_give_a_large_finite_loss_silently(output, no_warnings):
    # Logits of +-1000: sigmoid(1000) is exactly 1.0 in float64, so log(1 - p) would be log(0).
    X = np.array([[1.0], [-1.0]])
    model = nn.MLP([1, 2 if output == "softmax" else 1], output=output)
    model.weights[0][:] = [[1000.0, -1000.0]] if output == "softmax" else [[1000.0]]
    y = np.array([1, 0]) if output == "softmax" else np.array([0, 1])  # both wrong
    assert model.loss(X, y) == pytest.approx(2000.0 if output == "softmax" else 1000.0)


def test_predict_and_accuracy():
    X = np.array([[-2.0], [-0.5], [0.5], [2.0]])
    model = nn.MLP([1, 1])
    model.weights[0][:] = 1.0
    np.testing.assert_array_equal(model.predict(X), [0, 0, 1, 1])
    assert model.predict(X).dtype == np.int64
    assert model.accuracy(X, np.array([0, 1, 1, 1])) == 0.75
    softmax = nn.MLP([1, 3], output="softmax")
    softmax.weights[0][:] = [[-1.0, 0.0, 1.0]]
    np.testing.assert_array_equal(softmax.predict(X), [0, 0, 2, 2])
    with pytest.raises(ValueError, match="classification"):
        nn.MLP([1, 1], output="identity").accuracy(X, np.zeros(4))


def test_softmax_labels_out_of_range_are_refused():
    with pytest.raises(ValueError, match="labels"):
        nn.MLP([2, 3], output="softmax").loss(np.zeros((2, 2)), np.array([0, 3]))


# ---------------------------------------------------------------------------- training


def test_step_moves_every_parameter_against_its_gradient():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(10, 2)), rng.integers(0, 2, 10)
    model = nn.MLP([2, 4, 1], activation="prelu")
    before = {k: [p.copy() for p in v] for k, v in model.parameters().items()}
    grads = model.gradients(X, y)
    loss = model.step(X, y, lr=0.1)
    assert loss == grads["loss"]
    for key, params in model.parameters().items():
        for old, new, g in zip(before[key], params, grads[key], strict=True):
            np.testing.assert_allclose(new, old - 0.1 * g)


def test_fit_is_reproducible_and_lowers_the_loss(no_warnings):
    X, y = datasets.moons(n=100)
    runs = []
    for _ in range(2):
        model = nn.MLP([2, 8, 1], activation="tanh", init="xavier", seed=3)
        runs.append(model.fit(X, y, epochs=50, lr=0.3, batch_size=16, seed=7))
    assert runs[0] == runs[1]
    assert runs[0]["loss"][-1] < 0.6 * runs[0]["loss"][0]
    assert runs[0]["diverged"] is False


def test_fit_history_records_every_epoch_by_default_or_every_kth():
    X, y = datasets.xor(n=40)
    h = nn.MLP([2, 4, 1]).fit(X, y, epochs=10, lr=0.1)
    assert h["epoch"] == list(range(1, 11)) and len(h["loss"]) == len(h["accuracy"]) == 10
    h = nn.MLP([2, 4, 1]).fit(X, y, epochs=10, lr=0.1, record_every=4)
    assert h["epoch"] == [4, 8, 10]
    h = nn.MLP([2, 4, 1], activation="prelu").fit(X, y, epochs=3, lr=0.1)
    assert len(h["alpha"]) == 3 and len(h["alpha"][0]) == 1
    h = nn.MLP([2, 4, 1], output="identity").fit(X, y.astype(float), epochs=3, lr=0.1)
    assert "accuracy" not in h


def test_fit_with_batches_visits_every_row_once_per_epoch(monkeypatch):
    X, y = datasets.xor(n=30)
    X = X + np.arange(30)[:, None] * 1000.0  # make each row recognisable
    model = nn.MLP([2, 4, 1])
    seen = []
    real_step = model.step

    def recording_step(X_batch, y_batch, lr):
        seen.append(np.rint(X_batch[:, 0] / 1000))
        return real_step(X_batch, y_batch, lr)

    monkeypatch.setattr(model, "step", recording_step)
    model.fit(X, y, epochs=2, lr=0.0, batch_size=7)
    assert [len(rows) for rows in seen] == [7, 7, 7, 7, 2] * 2
    for epoch in (seen[:5], seen[5:]):
        assert sorted(np.concatenate(epoch).astype(int)) == list(range(30))
    assert not np.array_equal(np.concatenate(seen[:5]), np.concatenate(seen[5:]))  # reshuffled


def test_divergence_stops_training_cleanly_without_warnings(no_warnings):
    # A regression net with a learning rate far too large: the loss explodes until the
    # arithmetic would overflow; training must stop there, silently, with finite parameters.
    X, y = datasets.moons(n=100)
    model = nn.MLP([2, 16, 1], activation="relu", output="identity")
    history = model.fit(X, y.astype(float), epochs=200, lr=10.0)
    assert history["diverged"] is True
    assert 0 < len(history["loss"]) < 200
    assert history["loss"][-1] > 1e100 * history["loss"][0]
    assert all(np.all(np.isfinite(p)) for ps in model.parameters().values() for p in ps)
    model.predict(X)  # a diverged model can still be evaluated without a warning
    model.loss(X, y)


@pytest.mark.parametrize("activation", ACTIVATION_KEYS)
@pytest.mark.parametrize("lr", [1.0, 10.0, 1e6])
def test_no_learning_rate_makes_classifier_training_warn(activation, lr, no_warnings):
    X, y = datasets.circles(n=100)
    model = nn.MLP([2, 16, 16, 1], activation=activation)
    history = model.fit(X, y, epochs=30, lr=lr, batch_size=25)
    assert np.all(np.isfinite(history["loss"]))
    model.accuracy(X, y)


# ---------------------------------------------------------------------------- affine collapse


def test_a_three_layer_network_without_activations_is_one_affine_map(no_warnings):
    model = nn.MLP([2, 16, 16, 1], activation="identity", output="identity", bias_init=0.3)
    W, b = nn.collapse_linear(model.weights, model.biases)
    assert W.shape == (2, 1) and b.shape == (1,)
    X = np.random.default_rng(0).normal(size=(100, 2))
    np.testing.assert_allclose(model.forward(X), X @ W + b, rtol=1e-12, atol=1e-12)


def test_a_narrow_middle_layer_makes_the_collapsed_map_low_rank():
    model = nn.MLP([5, 2, 5], activation="identity", output="identity")
    W, _ = nn.collapse_linear(model.weights, model.biases)
    assert W.shape == (5, 5) and np.linalg.matrix_rank(W) == 2


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=6),
    seed=st.integers(0, 2**32 - 1),
)
def test_collapse_linear_equals_applying_the_layers_one_by_one(sizes, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.normal(size=b) for b in sizes[1:]]
    X = rng.normal(size=(4, sizes[0]))
    out = X
    for W, b in zip(weights, biases, strict=True):
        out = out @ W + b
    W, b = nn.collapse_linear(weights, biases)
    np.testing.assert_allclose(X @ W + b, out, rtol=1e-9, atol=1e-9)


def test_collapse_linear_refuses_mismatched_lists():
    with pytest.raises(ValueError, match="same"):
        nn.collapse_linear([np.eye(2)], [])


# ---------------------------------------------------------------------------- dead units


def test_a_hugely_negative_bias_kills_every_relu_unit_but_no_leaky_one():
    X = np.random.default_rng(0).normal(size=(50, 2))
    relu = nn.MLP([2, 10, 10, 1], activation="relu", bias_init=-100.0)
    leaky = nn.MLP([2, 10, 10, 1], activation="leaky_relu", bias_init=-100.0)
    assert nn.dead_unit_fraction(relu, X) == 1.0
    np.testing.assert_array_equal(nn.dead_unit_fraction(relu, X, per_layer=True), [1.0, 1.0])
    assert nn.dead_unit_fraction(leaky, X) == 0.0
    assert all(mask.all() for mask in nn.inactive_units(leaky, X))
    # dead means no gradient at all reaches the first layer
    grads = relu.gradients(X, np.ones(50))
    assert np.all(grads["dW"][0] == 0.0) and np.all(grads["db"][0] == 0.0)


def test_dead_units_are_those_with_no_positive_pre_activation():
    X = np.array([[1.0], [2.0]])
    model = nn.MLP([1, 3, 1], activation="relu")
    model.weights[0][:] = [[1.0, -1.0, 0.0]]  # unit 0 alive, unit 1 negative, unit 2 exactly 0
    np.testing.assert_array_equal(nn.dead_units(model, X)[0], [False, True, True])
    assert nn.dead_unit_fraction(model, X) == pytest.approx(2 / 3)


def test_unit_counts_from_a_forward_pass_already_run_equal_those_from_the_inputs():
    X = np.random.default_rng(0).normal(size=(40, 2))
    model = nn.MLP([2, 12, 12, 1], activation="relu", bias_init=-0.5, seed=2)
    _, cache = model.forward(X, return_cache=True)
    for count in (nn.dead_units, nn.inactive_units):
        from_x, from_cache = count(model, X), count(model, cache=cache)
        assert any(m.any() for m in from_x)  # some units to count
        for a, b in zip(from_x, from_cache, strict=True):
            np.testing.assert_array_equal(a, b)
    assert nn.dead_unit_fraction(model, cache=cache) == nn.dead_unit_fraction(model, X)
    with pytest.raises(TypeError, match="cache"):
        nn.dead_units(model)


def test_dead_units_need_a_hidden_layer():
    with pytest.raises(ValueError, match="hidden"):
        nn.dead_unit_fraction(nn.MLP([2, 1]), np.zeros((3, 2)))


# ---------------------------------------------------------------------------- gradients in depth


def _per_layer_factor(activation, init, depth=20, seed=0):
    """Geometric mean of signal(layer l) / signal(layer l + 1) through a deep random net."""
    signal = nn.layer_gradient_norms(activation, depth, init=init, seed=seed, kind="signal")
    return float(np.exp(np.mean(np.log(signal[:-1] / signal[1:]))))


def test_layer_gradient_norms_shape_kinds_and_determinism():
    a = nn.layer_gradient_norms("tanh", 6)
    assert a.shape == (6,) and np.all(a > 0)
    np.testing.assert_array_equal(a, nn.layer_gradient_norms("tanh", 6))
    assert not np.allclose(a, nn.layer_gradient_norms("tanh", 6, kind="signal"))
    with pytest.raises(ValueError, match="depth"):
        nn.layer_gradient_norms("tanh", 0)
    with pytest.raises(ValueError, match="kind"):
        nn.layer_gradient_norms("tanh", 3, kind="bias")


def test_sigmoid_first_layer_gradient_shrinks_with_every_added_layer():
    first = [nn.layer_gradient_norms("sigmoid", d)[0] for d in range(1, 21)]
    assert np.all(np.diff(first) < 0)
    assert first[9] / first[0] < 1e-4  # measured 1.5e-6 at depth 10


def test_sigmoid_signal_shrinks_per_layer_by_a_factor_just_under_its_bound_of_one_quarter():
    # sigma'(z) <= 1/4, and Xavier weights roughly keep the signal's size: factor ~ 0.22-0.24
    for seed in range(3):
        factor = _per_layer_factor("sigmoid", "xavier", seed=seed)
        assert 0.18 < factor < 0.25, f"seed {seed}: {factor:.3f}"


def test_tanh_loses_far_less_gradient_through_depth_than_sigmoid():
    sigmoid = nn.layer_gradient_norms("sigmoid", 10)
    tanh = nn.layer_gradient_norms("tanh", 10)
    assert tanh[0] > 1e4 * sigmoid[0]  # measured 7e5
    assert _per_layer_factor("tanh", "xavier") > 0.8  # measured 0.89


@pytest.mark.parametrize(
    ("init", "low", "high"),
    [
        ("he", 0.85, 1.15),  # He init keeps the signal's size (measured 0.95)
        ("xavier", 0.6, 0.8),  # half the units are off: variance halves, factor 1/sqrt(2)
        ("normal", 3.0, 5.0),  # std 1 at width 32: factor sqrt(32 / 2) = 4, explodes
    ],
)
def test_relu_gradients_per_layer_depend_on_the_initialisation(init, low, high):
    factor = _per_layer_factor("relu", init)
    assert low < factor < high, f"{init}: {factor:.3f}"


def test_relu_with_he_init_keeps_first_layer_gradient_within_a_factor_ten_up_to_depth_20():
    first = np.array([nn.layer_gradient_norms("relu", d, init="he")[0] for d in range(1, 21)])
    ratio = first / first[0]
    assert np.all((ratio > 0.1) & (ratio < 10)), ratio.round(2)
    xavier = [nn.layer_gradient_norms("relu", d, init="xavier")[0] for d in (1, 20)]
    assert xavier[1] / xavier[0] < 1e-2  # measured 4e-4


# ---------------------------------------------------------------- the chapters' experiments


@pytest.mark.parametrize("dataset", ["xor", "circles"])
def test_a_linear_model_fails_where_one_hidden_layer_succeeds(dataset, no_warnings):
    X, y = getattr(datasets, dataset)(n=200, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y)
    linear = nn.MLP([2, 1], seed=0)
    linear.fit(X_train, y_train, epochs=500, lr=0.5, record_every=500)
    assert linear.accuracy(X_test, y_test) < 0.7  # measured 0.36 (xor), 0.52 (circles)
    for activation in ("tanh", "relu"):
        model = nn.MLP([2, 16, 1], activation=activation, seed=0)
        model.fit(X_train, y_train, epochs=1000, lr=0.5, record_every=1000)
        assert model.accuracy(X_test, y_test) > 0.95, activation  # measured 1.00


def _train_moons(activation, lr, seed, bias_init=0.0, epochs=200):
    X, y = datasets.moons(n=200, seed=0)
    model = nn.MLP([2, 16, 1], activation=activation, bias_init=bias_init, seed=seed)
    history = model.fit(X, y, epochs=epochs, lr=lr, record_every=epochs)
    return model, history, X, y


def test_relu_units_stay_alive_at_a_low_learning_rate(no_warnings):
    dead = [nn.dead_unit_fraction(*_train_moons("relu", 0.05, s)[::2]) for s in range(5)]
    assert max(dead) == 0.0


def test_a_high_learning_rate_kills_most_relu_units(no_warnings):
    dead = [nn.dead_unit_fraction(*_train_moons("relu", 10.0, s)[::2]) for s in range(5)]
    assert np.mean(dead) > 0.5, dead  # measured 0.81 (0.69-0.88)
    assert min(dead) > 0.3


def test_leaky_relu_at_the_same_learning_rate_has_no_dead_units_and_still_gets_gradient():
    model, _, X, y = _train_moons("leaky_relu", 10.0, 0)
    assert nn.dead_unit_fraction(model, X) == 0.0
    off = nn.inactive_units(model, X)[0]
    assert off.sum() >= 4  # these would be dead under ReLU (measured 9 of 16)
    grad_into_off_units = np.linalg.norm(model.gradients(X, y)["dW"][0][:, off], axis=0)
    assert np.all(grad_into_off_units > 0)


def test_a_badly_initialised_bias_kills_relu_units_from_the_start():
    X, _ = datasets.moons(n=200, seed=0)
    at_init = [
        nn.dead_unit_fraction(nn.MLP([2, 16, 1], bias_init=-2.0, seed=s), X) for s in range(5)
    ]
    assert np.mean(at_init) > 0.5  # measured 0.71
    after = [
        nn.dead_unit_fraction(*_train_moons("relu", 0.05, s, bias_init=-2.0)[::2]) for s in range(5)
    ]
    assert np.all(np.array(after) >= np.array(at_init))  # dead units never come back


def test_prelu_learns_a_slope_far_from_its_initial_quarter(no_warnings):
    X, y = datasets.circles(n=200, seed=0)
    slopes = []
    for seed in range(5):
        model = nn.MLP([2, 16, 1], activation="prelu", seed=seed)
        history = model.fit(X, y, epochs=500, lr=0.5, record_every=50)
        slopes.append(model.alphas[0][0])
        assert history["alpha"][-1][0] == model.alphas[0][0]
        assert model.accuracy(X, y) > 0.95
    # measured -1.7 to -2.6: on circles PReLU learns a V shape (|z|-like), a radial feature
    assert max(slopes) < -1.0, slopes


def test_all_activations_and_the_identity_baseline_over_five_seeds(no_warnings):
    X, y = datasets.circles(n=200, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y)
    accuracy = {}
    for activation in ("sigmoid", "tanh", "relu", "leaky_relu", "identity"):
        init = "he" if "relu" in activation else "xavier"
        accuracy[activation] = []
        for seed in range(5):
            model = nn.MLP([2, 16, 1], activation=activation, init=init, seed=seed)
            model.fit(X_train, y_train, epochs=500, lr=2.0, record_every=500)
            accuracy[activation].append(model.accuracy(X_test, y_test))
    mean = {k: np.mean(v) for k, v in accuracy.items()}
    assert mean["identity"] < 0.65, mean  # measured 0.52
    for activation in ("tanh", "relu", "leaky_relu"):
        assert mean[activation] > 0.95, mean  # measured 0.99, 1.00, 1.00
    # sigmoid gets there too at this learning rate (0.98 +- 0.03), but is the slowest:
    # at lr=1.0 it needs twice the epochs (0.62 after 500, 0.96 after 1000)
    assert mean["sigmoid"] > 0.9, mean
