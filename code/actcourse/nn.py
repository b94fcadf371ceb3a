r"""A tiny fully connected network in NumPy, with its forward and backward passes spelt out.

The chapters use it to train small classifiers on the 2-D data sets of :mod:`datasets`, to
measure gradients through depth, and to count dead ReLU units. It is meant to be read: every
step of backpropagation is a line or two of NumPy, and the activation functions and their
derivatives come from :mod:`activations`, the same functions the chapters plot.

Conventions
-----------
* A batch is a matrix with one example per **row**: ``X`` has shape ``(n, d)``.
* Layer :math:`l` has weights ``weights[l]`` of shape ``(fan_in, fan_out)`` and biases
  ``biases[l]`` of shape ``(fan_out,)``. It computes the pre-activation
  :math:`Z_l = A_{l-1} W_l + b_l` (for one example, :math:`z = W^\top x + b`, the neuron's
  :math:`z = Wx + b` with :math:`W` stored transposed) and, for a hidden layer, the activation
  :math:`A_l = g(Z_l)`. :math:`A_0 = X`.
* The output layer applies the output function to its pre-activation, the *logits*:
  ``'sigmoid'`` (binary classification), ``'softmax'`` (several classes) or ``'identity'``
  (regression).
* Every loss is a **mean** over the examples of the batch.

Examples
--------
>>> from actcourse import datasets
>>> X, y = datasets.xor(n=200, seed=0)
>>> model = MLP([2, 8, 1], activation="tanh", seed=0)
>>> history = model.fit(X, y, epochs=300, lr=0.5)
>>> model.accuracy(X, y)
1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import activations
import numpy as np

from .outputs import OUTPUT_KINDS, OUTPUTS, Output, log_softmax, softmax

__all__ = [
    "HIDDEN_ACTIVATIONS",
    "INITS",
    "LEARNT_SLOPES",
    "MLP",
    "OUTPUTS",
    "OUTPUT_KINDS",
    "Init",
    "Output",
    "collapse_linear",
    "dead_unit_fraction",
    "dead_units",
    "inactive_units",
    "layer_gradient_norms",
    "log_softmax",
    "numerical_gradients",
    "softmax",
]

#: Hidden activations the network accepts by name: those of :data:`activations.ACTIVATIONS`,
#: the identity, and ``'prelu'``, Leaky ReLU with a learnt slope. An activation description
#: (an :class:`activations.Activation`, or any object with ``key``, ``function`` and
#: ``derivative``) is accepted too.
HIDDEN_ACTIVATIONS = (*activations.ACTIVATIONS, "identity", "prelu")


@dataclass(frozen=True)
class LearntSlope:
    """A hidden activation whose ``alpha`` is a parameter the network learns."""

    evaluates: str  # the activation of the library it evaluates, at the learnt alpha
    initial: float  # the alpha it starts from
    name: str  # display name
    symbol: str  # the parameter's symbol, e.g. "a"


#: Hidden activations with a learnt slope: PReLU is Leaky ReLU whose slope starts at 0.25, as
#: in He et al. (2015).
LEARNT_SLOPES = {"prelu": LearntSlope("leaky_relu", 0.25, "PReLU", "a")}

_PARAMETER_NAMES = (("dW", "weights"), ("db", "biases"), ("d_alpha", "alphas"))


def _resolve_hidden(activation, alpha: float | None):
    """``(key, description, alpha)`` of a hidden activation given by name or description.

    ``alpha`` is the activation's ``alpha`` parameter (Leaky ReLU's slope, ELU's saturation
    value, PReLU's initial slope), given or its default, fixed in the description; ``None``
    for an activation without one.
    """
    if not isinstance(activation, str):
        if not all(callable(getattr(activation, a, None)) for a in ("function", "derivative")):
            raise TypeError(
                "activation must be a name or a description with callable 'function' and "
                f"'derivative' attributes, got {activation!r}"
            )
        return str(getattr(activation, "key", "custom")), activation, None
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; use one of {HIDDEN_ACTIVATIONS}")
    learnt = LEARNT_SLOPES.get(activation)
    description = activations.get_activation(learnt.evaluates if learnt else activation)
    if "alpha" not in description.parameters:
        return activation, description, None
    default = learnt.initial if learnt else description.parameters["alpha"]
    value = default if alpha is None else float(alpha)
    return activation, description.with_alpha(value), value


@dataclass(frozen=True)
class Init:
    """A named weight initialisation: its formula and the standard deviation it gives."""

    formula: str
    std: Callable[[int, int], float]

    def __repr__(self) -> str:
        return f"Init({self.formula!r})"


#: Named weight initialisations: ``INITS[name].std(fan_in, fan_out)`` is the standard deviation.
INITS = {
    "he": Init("sqrt(2 / fan_in)", lambda fan_in, fan_out: math.sqrt(2.0 / fan_in)),
    "xavier": Init(
        "sqrt(2 / (fan_in + fan_out))", lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out))
    ),
    "normal": Init("1 (standard normal)", lambda fan_in, fan_out: 1.0),
}


def _init_std(init: str | float, fan_in: int, fan_out: int) -> float:
    """Standard deviation of the initial weights of one layer."""
    if isinstance(init, str):
        if init not in INITS:
            raise ValueError(f"unknown init {init!r}; use one of {sorted(INITS)} or a number")
        return INITS[init].std(fan_in, fan_out)
    std = float(init)
    if std < 0:
        raise ValueError(f"an initial standard deviation cannot be negative, got {std}")
    return std


class MLP:
    r"""A multilayer perceptron trained with plain stochastic gradient descent.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths from input to output, e.g. ``[2, 16, 1]``: 2 inputs, one hidden layer of
        16 units, 1 output. ``[2, 1]`` has no hidden layer: a linear (logistic) model.
    activation : str or activation description, default 'relu'
        Activation of every hidden layer: a key of :data:`HIDDEN_ACTIVATIONS` (those of
        :mod:`activations`, or ``'prelu'``), or a description with ``function`` and
        ``derivative`` (an :class:`activations.Activation`, or your own; see :mod:`lab`).
    output : {'sigmoid', 'softmax', 'identity'}, default 'sigmoid'
        Output function and loss. ``'sigmoid'``: one output per binary label, binary
        cross-entropy; ``'softmax'``: one output per class (at least 2), cross-entropy with
        integer labels; ``'identity'``: raw outputs, mean squared error (regression).
    init : {'he', 'xavier', 'normal'} or float, default 'he'
        Weights are drawn from :math:`\mathcal N(0, s^2)` with :math:`s = \sqrt{2/n_{in}}`
        (He et al., 2015, for ReLU-like units), :math:`s = \sqrt{2/(n_{in} + n_{out})}`
        (Glorot and Bengio, 2010, for tanh-like units), :math:`s = 1`, or the given number.
        The default suits ReLU-like units; pass ``'xavier'`` for sigmoid and tanh.
    bias_init : float, default 0.0
        Initial value of every hidden-layer bias (output biases start at 0). A large negative
        value switches ReLU units off from the start: the "badly initialised bias" experiment.
    alpha : float, optional
        The activation's ``alpha`` parameter: for ``'leaky_relu'`` the fixed slope for negative
        inputs (default 0.01), for ``'elu'`` its saturation value (default 1), for ``'prelu'``
        the *initial* slope (default 0.25, as in He et al., 2015). Ignored for an activation
        without one.
    seed : int, default 0
        Seed for the initial weights (:func:`numpy.random.default_rng`).

    Attributes
    ----------
    activation : str
        The hidden activation's key.
    hidden : activation description
        The hidden layers' activation (for ``'prelu'``, Leaky ReLU at the initial slope; use
        :meth:`hidden_activation` for a layer's current one).
    alpha : float or None
        The ``alpha`` parameter given or defaulted (``None`` for an activation without one).
    output_kind : Output
        The output function and its loss (:data:`OUTPUT_KINDS`).
    weights : list of ndarray
        ``weights[l]`` has shape ``(layer_sizes[l], layer_sizes[l + 1])``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(layer_sizes[l + 1],)``.
    alphas : list of ndarray
        For ``'prelu'``, one learnable slope per hidden layer, each stored as an array of shape
        ``(1,)`` so that it is updated in place like the weights; empty otherwise.

    Notes
    -----
    **PReLU.** ``'prelu'`` is the parametric ReLU of He et al. (2015),
    :math:`g(z) = z` for :math:`z > 0` and :math:`a z` otherwise, where the slope :math:`a` is
    learnt by gradient descent together with the weights. This class uses the paper's
    *channel-shared* variant: one slope per hidden layer, shared by all of its units, so "the
    slope the layer learnt" is a single number. Its gradient is
    :math:`\partial L / \partial a = \sum_{\text{examples, units}} \partial L / \partial A
    \cdot \min(Z, 0)`. The paper applies no weight decay to :math:`a`, and neither do we.
    Nor is :math:`a` constrained: it may grow past 1 or turn negative, which makes the unit
    V-shaped (:math:`a = -1` gives :math:`|z|`).

    **Stable losses.** The loss is computed from the logits :math:`s`, never from
    probabilities: binary cross-entropy is :math:`\log(1 + e^{s}) - y s`, evaluated with
    :func:`numpy.logaddexp` so that it neither overflows nor takes ``log(0)``; softmax
    cross-entropy subtracts the largest logit before exponentiating (log-sum-exp). With these
    forms the gradient of the loss with respect to the logits is simply
    :math:`(\hat y - y) / n` for all three outputs (with :math:`2(\hat y - y)/n` per output
    for mean squared error).

    Examples
    --------
    >>> model = MLP([2, 4, 1], activation="tanh", seed=0)
    >>> model
    MLP([2, 4, 1], activation='tanh', output='sigmoid', init='he')
    >>> [W.shape for W in model.weights]
    [(2, 4), (4, 1)]
    >>> model.forward(np.zeros((3, 2))).ravel()
    array([0.5, 0.5, 0.5])
    """

    def __init__(
        self,
        layer_sizes,
        activation="relu",
        output: str = "sigmoid",
        init: str | float = "he",
        bias_init: float = 0.0,
        alpha: float | None = None,
        seed: int = 0,
    ):
        sizes = [int(size) for size in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer_sizes needs an input and an output width >= 1, got {sizes}")
        if output not in OUTPUT_KINDS:
            raise ValueError(f"unknown output {output!r}; use one of {sorted(OUTPUT_KINDS)}")
        self.output_kind = kind = OUTPUT_KINDS[output]
        if sizes[-1] < kind.min_units:
            raise ValueError(
                f"a {output} output needs at least {kind.min_units} units, one per class"
            )
        self.layer_sizes = sizes
        self.activation, self.hidden, self.alpha = _resolve_hidden(activation, alpha)
        self.output = output
        self.init = init

        rng = np.random.default_rng(seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
            std = _init_std(init, fan_in, fan_out)
            self.weights.append(std * rng.standard_normal((fan_in, fan_out)))
            self.biases.append(np.full(fan_out, float(bias_init)))
        self.biases[-1][:] = 0.0
        n_hidden = len(sizes) - 2
        learns_slope = self.activation in LEARNT_SLOPES
        self.alphas: list[np.ndarray] = (
            [np.full(1, self.alpha) for _ in range(n_hidden)] if learns_slope else []
        )

    def __repr__(self) -> str:
        return (
            f"MLP({self.layer_sizes}, activation={self.activation!r}, "
            f"output={self.output!r}, init={self.init!r})"
        )

    # ------------------------------------------------------------------ activations
    def hidden_activation(self, layer: int):
        """The activation of hidden layer ``layer`` (0-based): its ``function`` and ``derivative``.

        The same :attr:`hidden` for every layer, except for PReLU: Leaky ReLU at the slope that
        layer has learnt so far.
        """
        if self.alphas:
            return self.hidden.with_alpha(float(self.alphas[layer][0]))
        return self.hidden

    # ------------------------------------------------------------------ forward pass
    def logits(self, X: np.ndarray) -> np.ndarray:
        """Pre-activation of the output layer, shape ``(n, layer_sizes[-1])``."""
        return self.forward(X, return_cache=True)[1]["Z"][-1]

    def forward(self, X: np.ndarray, return_cache: bool = False):
        """Run the network on a batch.

        Parameters
        ----------
        X : ndarray of shape (n, layer_sizes[0])
            The inputs, one example per row.
        return_cache : bool, default False
            Also return what the backward pass needs.

        Returns
        -------
        output : ndarray of shape (n, layer_sizes[-1])
            Probabilities for a ``'sigmoid'`` or ``'softmax'`` output, raw values for
            ``'identity'``.
        cache : dict, only if ``return_cache``
            ``cache["A"][l]`` is the input of layer ``l`` (``cache["A"][0]`` is ``X``) and
            ``cache["Z"][l]`` its pre-activation; ``cache["Z"][-1]`` are the logits.

        Notes
        -----
        With parameters of ordinary size nothing here can overflow. After a training run
        that diverged (see :meth:`fit`) the parameters can be so large that a product
        overflows; the outputs then hold ``inf`` or ``nan``, quietly: the run already
        reported the divergence in ``history["diverged"]``.
        """
        A = np.asarray(X, dtype=np.float64)
        if A.ndim != 2 or A.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"X must have shape (n, {self.layer_sizes[0]}), got {A.shape}")
        inputs, pre_activations = [], []
        last = len(self.weights) - 1
        with np.errstate(over="ignore", invalid="ignore"):
            for layer, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
                inputs.append(A)
                Z = A @ W + b
                pre_activations.append(Z)
                if layer < last:
                    A = self.hidden_activation(layer).function(Z)
            output = self.output_kind.function(Z)
        if return_cache:
            return output, {"A": inputs, "Z": pre_activations}
        return output

    def _targets(self, y: np.ndarray, n: int) -> np.ndarray:
        """Targets in the shape of the output: one-hot rows for softmax, (n, k) otherwise."""
        y = np.asarray(y)
        if len(y) != n:
            raise ValueError(f"X has {n} rows but y has {len(y)}")
        return self.output_kind.targets(y, n, self.layer_sizes[-1])

    def _loss_from_logits(self, logits: np.ndarray, targets: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore"):  # only non-finite logits can trip
            return self.output_kind.loss(logits, targets)

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """Mean loss on a batch: binary cross-entropy, cross-entropy or mean squared error.

        The two cross-entropies are computed from the logits (see Notes of :class:`MLP`), so
        a confident wrong answer gives a large finite loss, never ``inf`` or a warning.
        """
        logits = self.logits(X)
        return self._loss_from_logits(logits, self._targets(y, len(logits)))

    # ------------------------------------------------------------------ backward pass
    def gradients(self, X: np.ndarray, y: np.ndarray) -> dict:
        r"""Gradients of :meth:`loss` by backpropagation.

        Returns
        -------
        dict
            ``"loss"``: the loss (float); ``"dW"``, ``"db"``: lists of arrays shaped like
            :attr:`weights` and :attr:`biases`; ``"d_alpha"``: list shaped like :attr:`alphas`
            (empty unless ``'prelu'``); ``"dZ"``: the backpropagated signal
            :math:`\partial L / \partial Z_l` of every layer, each of shape ``(n, width)``.

        Notes
        -----
        Starting from :math:`\delta_L = \partial L/\partial Z_L = (\hat Y - Y)/n` at the
        output (times 2 and divided by the number of outputs for mean squared error), each
        layer, from the last to the first, computes

        .. math::

            \frac{\partial L}{\partial W_l} = A_{l-1}^\top \delta_l, \qquad
            \frac{\partial L}{\partial b_l} = \textstyle\sum_{\text{rows}} \delta_l, \qquad
            \delta_{l-1} = (\delta_l W_l^\top) \odot g'(Z_{l-1}).

        The factor :math:`g'(Z_{l-1})` is where activations shape the gradient: it is at most
        1/4 for the sigmoid, and exactly 0 for a ReLU unit whose input is negative.
        """
        output, cache = self.forward(X, return_cache=True)
        A, Z = cache["A"], cache["Z"]
        n = len(output)
        targets = self._targets(y, n)
        loss = self._loss_from_logits(Z[-1], targets)
        delta = self.output_kind.delta(output, targets)

        n_layers = len(self.weights)
        dW: list = [None] * n_layers
        db: list = [None] * n_layers
        dZ: list = [None] * n_layers
        d_alpha: list = [None] * len(self.alphas)
        for layer in reversed(range(n_layers)):
            dZ[layer] = delta
            dW[layer] = A[layer].T @ delta
            db[layer] = delta.sum(axis=0)
            if layer > 0:
                dA = delta @ self.weights[layer].T  # gradient w.r.t. this layer's input
                Z_below = Z[layer - 1]
                if self.alphas:  # PReLU: d g / d a = min(z, 0)
                    d_alpha[layer - 1] = np.atleast_1d(np.sum(dA * np.minimum(Z_below, 0.0)))
                delta = dA * self.hidden_activation(layer - 1).derivative(Z_below)
        return {"loss": loss, "dW": dW, "db": db, "d_alpha": d_alpha, "dZ": dZ}

    # ------------------------------------------------------------------ training
    def parameters(self) -> dict:
        """The learnable arrays by gradient key: ``{"dW": weights, "db": biases, ...}``.

        The keys are those of :meth:`gradients`, so ``zip(params[k], grads[k])`` pairs each
        parameter with its gradient.
        """
        return {grad: getattr(self, name) for grad, name in _PARAMETER_NAMES}

    def step(self, X: np.ndarray, y: np.ndarray, lr: float) -> float:
        """One step of gradient descent on a batch: every parameter ``p -= lr * dp``.

        Returns
        -------
        float
            The batch loss *before* the step. If the loss, a gradient or an updated parameter
            would not be finite (a learning rate so large that the numbers overflow), the step
            is refused, the parameters keep their values, and ``nan`` is returned.
        """
        with np.errstate(all="ignore"):  # overflow is detected below instead of warned about
            grads = self.gradients(X, y)
            params = self.parameters()
            updated = {
                key: [p - lr * g for p, g in zip(params[key], grads[key], strict=True)]
                for key in params
            }
        finite = math.isfinite(grads["loss"]) and all(
            np.all(np.isfinite(p)) for arrays in updated.values() for p in arrays
        )
        if not finite:
            return math.nan
        for key, arrays in params.items():
            for p, new in zip(arrays, updated[key], strict=True):
                p[...] = new
        return grads["loss"]

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        epochs: int = 100,
        lr: float = 0.1,
        batch_size: int | None = None,
        seed: int = 0,
        record_every: int = 1,
    ) -> dict:
        """Train with plain stochastic gradient descent (no momentum, no weight decay).

        Parameters
        ----------
        X, y : ndarray
            Training inputs ``(n, d)`` and labels ``(n,)`` (or targets ``(n, k)`` for an
            ``'identity'`` output).
        epochs : int, default 100
            Passes over the data.
        lr : float, default 0.1
            Learning rate.
        batch_size : int, optional
            Examples per step; ``None`` (the default) uses the whole data set each step, so an
            epoch is one step. Mini-batches are drawn from a fresh shuffle every epoch.
        seed : int, default 0
            Seed for the shuffles.
        record_every : int, default 1
            Record the loss every this many epochs (and always after the last epoch).

        Returns
        -------
        history : dict
            ``"epoch"``: the epochs recorded (1-based); ``"loss"``: the training loss after
            each of them; ``"accuracy"``: the training accuracy (classification outputs only);
            ``"alpha"``: for ``'prelu'``, the slope of each hidden layer (a list per epoch);
            ``"diverged"``: ``True`` if training stopped early.

        Notes
        -----
        **What a too-large learning rate does.** With cross-entropy the gradient with respect
        to the logits is bounded (by :math:`1/n` per example), so a classifier rarely
        overflows: a ReLU network at a high learning rate instead loses units, which die (see
        :func:`dead_unit_fraction`). A regression network (``'identity'`` output, squared
        error) has no such bound: the loss can grow by orders of magnitude every epoch until
        the arithmetic overflows. Training never lets an overflow through: the step that would
        produce a non-finite number is refused (see :meth:`step`), training stops, the
        parameters keep their last finite values, ``history["diverged"]`` is set, and the
        recorded lists end at the last good epoch. No NumPy warning is emitted, neither here
        nor when the diverged model is evaluated later (its outputs may then be ``inf`` or
        ``nan``; see :meth:`forward`).
        """
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y)
        n = len(X)
        batch = n if batch_size is None else int(batch_size)
        rng = np.random.default_rng(seed)
        classify = self.output_kind.classifies
        history: dict = {"epoch": [], "loss": [], "diverged": False}
        if classify:
            history["accuracy"] = []
        if self.alphas:
            history["alpha"] = []
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n) if batch < n else np.arange(n)
            for start in range(0, n, batch):
                rows = order[start : start + batch]
                if math.isnan(self.step(X[rows], y[rows], lr)):
                    history["diverged"] = True
                    return history
            if epoch % record_every == 0 or epoch == epochs:
                with np.errstate(all="ignore"):
                    logits = self.logits(X)  # one forward pass for both numbers
                    loss = self._loss_from_logits(logits, self._targets(y, n))
                if not math.isfinite(loss):
                    history["diverged"] = True
                    return history
                history["epoch"].append(epoch)
                history["loss"].append(loss)
                if classify:
                    history["accuracy"].append(self.accuracy_from_logits(logits, y))
                if self.alphas:
                    history["alpha"].append([float(a[0]) for a in self.alphas])
        return history

    # ------------------------------------------------------------------ predictions
    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predicted labels ``(n,)`` (int64), or the raw outputs for an ``'identity'`` output.

        A ``'sigmoid'`` output predicts 1 where the probability is at least 0.5 (that is,
        where the logit is at least 0); ``'softmax'`` predicts the most probable class.
        """
        return self.predict_from_logits(self.logits(X))

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        """Fraction of examples whose predicted label equals ``y`` (classification only)."""
        return self.accuracy_from_logits(self.logits(X), y)

    def predict_from_logits(self, logits: np.ndarray) -> np.ndarray:
        """:meth:`predict` from logits already computed (:meth:`logits`)."""
        return self.output_kind.predict(logits)

    def accuracy_from_logits(self, logits: np.ndarray, y: np.ndarray) -> float:
        """:meth:`accuracy` from logits already computed (:meth:`logits`)."""
        if not self.output_kind.classifies:
            raise ValueError("accuracy needs a classification output ('sigmoid' or 'softmax')")
        predicted = self.predict_from_logits(logits)
        return float(np.mean(predicted == np.asarray(y).reshape(predicted.shape)))


# ---------------------------------------------------------------------- utilities
def numerical_gradients(model: MLP, X: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> dict:
    r"""Gradients of ``model.loss(X, y)`` by central finite differences, to check backprop.

    Each parameter :math:`p` is nudged in turn and
    :math:`\partial L/\partial p \approx (L(p + \varepsilon) - L(p - \varepsilon)) / 2\varepsilon`,
    which is accurate to :math:`O(\varepsilon^2)`. That costs two forward passes per
    parameter, so use it on small networks only.

    Returns
    -------
    dict
        ``"dW"``, ``"db"``, ``"d_alpha"`` shaped like those of :meth:`MLP.gradients`.

    Examples
    --------
    >>> X, y = np.random.default_rng(0).normal(size=(5, 2)), np.array([0, 1, 1, 0, 1])
    >>> model = MLP([2, 3, 1], activation="tanh")
    >>> numeric, analytic = numerical_gradients(model, X, y), model.gradients(X, y)
    >>> bool(np.allclose(numeric["dW"][0], analytic["dW"][0], rtol=1e-6, atol=1e-9))
    True
    """
    result = {}
    for key, arrays in model.parameters().items():
        result[key] = []
        for p in arrays:
            grad = np.zeros_like(p)
            for index in np.ndindex(p.shape):
                saved = p[index]
                p[index] = saved + eps
                loss_plus = model.loss(X, y)
                p[index] = saved - eps
                loss_minus = model.loss(X, y)
                p[index] = saved
                grad[index] = (loss_plus - loss_minus) / (2.0 * eps)
            result[key].append(grad)
    return result


def layer_gradient_norms(
    activation: str,
    depth: int,
    width: int = 32,
    n_samples: int = 256,
    init: str | float = "xavier",
    seed: int = 0,
    kind: str = "weights",
) -> np.ndarray:
    r"""How much gradient reaches each hidden layer of a deep, freshly initialised network.

    The network has ``depth`` hidden layers of ``width`` units and one sigmoid output. Its
    input is ``n_samples`` points of dimension ``width`` drawn from a standard normal
    distribution, with random 0/1 labels, and the loss is binary cross-entropy. Nothing is
    trained: this measures what the *first* step of gradient descent would see.

    Parameters
    ----------
    activation : str
        Hidden activation, any of :data:`HIDDEN_ACTIVATIONS`.
    depth : int
        Number of hidden layers (at least 1).
    width : int, default 32
        Units per hidden layer, and input dimension.
    n_samples : int, default 256
        Rows of the random input batch.
    init : {'he', 'xavier', 'normal'} or float, default 'xavier'
        Weight initialisation (see :class:`MLP`).
    seed : int, default 0
        One seed fixes the data and the weights. Weights are drawn layer by layer from the
        input up, so the first layers are identical for every ``depth`` with the same seed.
    kind : {'weights', 'signal'}, default 'weights'
        ``'weights'``: the Frobenius norm of :math:`\partial L/\partial W_l`, the gradient
        that updates layer :math:`l`'s weights. ``'signal'``: the Frobenius norm of the
        backpropagated signal :math:`\delta_l = \partial L/\partial Z_l`. The signal isolates
        the chain of factors :math:`W^\top` and :math:`g'(Z)` that backpropagation multiplies;
        the weight gradient also depends on the size of the layer's input.

    Returns
    -------
    ndarray of shape (depth,)
        Entry ``l - 1`` is for hidden layer ``l``; layer 1 is the one closest to the input.

    Notes
    -----
    Through a sigmoid layer the signal is multiplied by :math:`W^\top` and by
    :math:`\sigma'(z) \le 1/4`. With Xavier initialisation :math:`W^\top` roughly keeps the
    size of the signal, so the signal reaching layer 1 shrinks roughly like
    :math:`(1/4)^{\text{depth}}`. Tanh has :math:`\tanh'(0) = 1`, so it loses far less.
    ReLU passes half the units on average, which He initialisation compensates for by
    doubling the variance of the weights.

    Examples
    --------
    >>> norms = layer_gradient_norms("sigmoid", depth=5)
    >>> norms.shape
    (5,)
    >>> bool(norms[0] < norms[-1])
    True
    """
    if depth < 1:
        raise ValueError(f"depth must be at least 1, got {depth}")
    if kind not in ("weights", "signal"):
        raise ValueError(f"kind must be 'weights' or 'signal', got {kind!r}")
    data_rng = np.random.default_rng([seed, 1])  # separate stream: data independent of depth
    X = data_rng.standard_normal((n_samples, width))
    y = data_rng.integers(0, 2, n_samples)
    model = MLP([width] * (depth + 1) + [1], activation=activation, init=init, seed=seed)
    with np.errstate(all="ignore"):  # 'normal' init on deep nets may overflow: reported as inf
        grads = model.gradients(X, y)
    chosen = grads["dW"] if kind == "weights" else grads["dZ"]
    return np.array([np.linalg.norm(g) for g in chosen[:depth]])


def _hidden_pre_activations(model: MLP, X, cache: dict | None) -> list[np.ndarray]:
    """Pre-activations ``Z`` of every hidden layer, from ``cache`` or a forward pass on ``X``."""
    if len(model.weights) < 2:
        raise ValueError("the model has no hidden layer")
    if cache is None:
        if X is None:
            raise TypeError("pass the inputs X, or the cache of a forward pass on them")
        _, cache = model.forward(X, return_cache=True)
    return cache["Z"][:-1]


def dead_units(model: MLP, X=None, *, cache: dict | None = None) -> list[np.ndarray]:
    r"""Which hidden units are dead on ``X``, layer by layer.

    A unit is *dead* when the derivative of its activation is exactly zero for every row of
    ``X``: no gradient flows through it, so gradient descent cannot change its incoming
    weights and bias, and it stays dead. For ReLU (whose derivative is 0 for
    :math:`z \le 0`) this means the pre-activation is :math:`\le 0` for every input. A Leaky
    ReLU or PReLU unit with a non-zero slope can never be dead; compare
    :func:`inactive_units`.

    Parameters
    ----------
    model : MLP
        A network with at least one hidden layer.
    X : ndarray of shape (n, d), optional
        The inputs to test, usually the training data.
    cache : dict, optional
        Instead of ``X``: the cache of ``model.forward(X, return_cache=True)``, to reuse a
        forward pass already run.

    Returns
    -------
    list of ndarray of bool
        One array per hidden layer, of shape ``(width,)``.
    """
    return [
        np.all(model.hidden_activation(layer).derivative(Z) == 0.0, axis=0)
        for layer, Z in enumerate(_hidden_pre_activations(model, X, cache))
    ]


def inactive_units(model: MLP, X=None, *, cache: dict | None = None) -> list[np.ndarray]:
    r"""Which hidden units have a pre-activation :math:`\le 0` for every row of ``X``.

    For ReLU these are exactly the dead units (:func:`dead_units`). For Leaky ReLU and PReLU
    they are the units that *would* be dead under ReLU: they sit on the negative side for
    every input, yet still pass back a gradient scaled by the slope :math:`\alpha`, so they
    can recover.

    Parameters
    ----------
    model, X, cache
        As in :func:`dead_units`.

    Returns
    -------
    list of ndarray of bool
        One array per hidden layer, of shape ``(width,)``.
    """
    return [np.all(Z <= 0.0, axis=0) for Z in _hidden_pre_activations(model, X, cache)]


def dead_unit_fraction(model: MLP, X=None, per_layer: bool = False, *, cache=None):
    """Fraction of hidden units that are dead on ``X`` (see :func:`dead_units`).

    Parameters
    ----------
    model, X, cache
        As in :func:`dead_units`.
    per_layer : bool, default False
        Return one fraction per hidden layer instead of one over all hidden units.

    Returns
    -------
    float, or ndarray of shape (n_hidden_layers,) if ``per_layer``

    Examples
    --------
    >>> X = np.random.default_rng(0).normal(size=(50, 2))
    >>> dead_unit_fraction(MLP([2, 10, 1], activation="relu", bias_init=-100.0), X)
    1.0
    >>> dead_unit_fraction(MLP([2, 10, 1], activation="leaky_relu", bias_init=-100.0), X)
    0.0
    """
    masks = dead_units(model, X, cache=cache)
    if per_layer:
        return np.array([float(mask.mean()) for mask in masks])
    return float(np.concatenate(masks).mean())


def collapse_linear(weights, biases) -> tuple[np.ndarray, np.ndarray]:
    r"""The single affine map equal to a stack of affine layers.

    Layers :math:`x \mapsto x W_1 + b_1`, then :math:`x \mapsto x W_2 + b_2`, and so on,
    compose to :math:`x \mapsto x W + b` with

    .. math::

        W = W_1 W_2 \cdots W_L, \qquad
        b = (\cdots((b_1 W_2 + b_2) W_3 + b_3) \cdots) W_L + b_L.

    This is why a network without activation functions is no more expressive than one layer
    (and, if a middle layer is narrow, :math:`W` has low rank, so it is strictly less).

    Parameters
    ----------
    weights : sequence of ndarray
        ``weights[l]`` of shape ``(fan_in, fan_out)`` as in :class:`MLP`.
    biases : sequence of ndarray
        ``biases[l]`` of shape ``(fan_out,)``.

    Returns
    -------
    W : ndarray of shape (d_in, d_out)
    b : ndarray of shape (d_out,)

    Examples
    --------
    >>> model = MLP([3, 5, 4, 2], activation="identity", output="identity", bias_init=0.1)
    >>> W, b = collapse_linear(model.weights, model.biases)
    >>> X = np.random.default_rng(0).normal(size=(10, 3))
    >>> bool(np.allclose(model.forward(X), X @ W + b, rtol=1e-12, atol=1e-12))
    True
    """
    if len(weights) != len(biases) or not weights:
        raise ValueError("need the same, non-zero number of weight matrices and bias vectors")
    W = np.asarray(weights[0], dtype=np.float64)
    b = np.asarray(biases[0], dtype=np.float64)
    for W_next, b_next in zip(weights[1:], biases[1:], strict=True):
        W = W @ W_next
        b = b @ W_next + b_next
    return W, b
