r"""The output layers of :class:`nn.MLP`: output function, loss, gradient and prediction.

Each output kind is one :class:`Output` in :data:`OUTPUT_KINDS`, so the network dispatches
through this table instead of testing the output's name. Every loss is computed from the
*logits* :math:`s` (the output layer's pre-activation), never from probabilities, so that it
neither overflows nor takes ``log(0)``:

* ``'sigmoid'``: binary cross-entropy :math:`\log(1 + e^{s}) - y s`, with
  :func:`numpy.logaddexp`;
* ``'softmax'``: cross-entropy with the largest logit subtracted first (log-sum-exp);
* ``'identity'``: mean squared error, for regression.

With these forms the gradient of the mean loss with respect to the logits is simply
:math:`(\hat y - y) / n` (twice that per output for mean squared error).

Examples
--------
>>> import numpy as np
>>> kind = OUTPUT_KINDS["sigmoid"]
>>> kind.loss_name
'binary cross-entropy'
>>> round(kind.loss(np.zeros((2, 1)), np.array([[0.0], [1.0]])), 6)  # log 2
0.693147
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import activations
import numpy as np

__all__ = ["OUTPUTS", "OUTPUT_KINDS", "Output", "log_softmax", "softmax"]


def log_softmax(logits) -> np.ndarray:
    r"""Logarithm of :func:`softmax`, row by row, stable for any finite logits.

    Notes
    -----
    :math:`\log p_k = s_k - \log \sum_j e^{s_j} = (s_k - m) - \log \sum_j e^{s_j - m}` for
    any constant :math:`m`. With :math:`m = \max_j s_j` every exponent is at most 0, so
    nothing overflows, and the largest term of the sum is exactly 1, so the logarithm is
    never ``log(0)`` (the log-sum-exp trick).

    Examples
    --------
    >>> log_softmax(np.array([1000.0, 0.0, -1000.0]))
    array([    0., -1000., -2000.])
    """
    logits = np.asarray(logits, dtype=np.float64)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(logits) -> np.ndarray:
    r"""Softmax over the last axis: :math:`p_k = e^{s_k} / \sum_j e^{s_j}` for each row.

    Unlike an activation function, softmax is not applied element by element: every output of
    a row depends on every logit of that row. Each row of the result sums to 1. Computed as
    ``exp(log_softmax(logits))``, so it neither overflows nor divides infinity by infinity.

    Examples
    --------
    >>> softmax(np.array([[0.0, 0.0], [1000.0, 0.0]]))
    array([[0.5, 0.5],
           [1. , 0. ]])
    """
    return np.exp(log_softmax(logits))


def _binary_targets(y: np.ndarray, n: int, k: int) -> np.ndarray:
    return y.astype(np.float64).reshape(n, k)


def _one_hot_targets(y: np.ndarray, n: int, k: int) -> np.ndarray:
    labels = y.astype(np.int64).ravel()
    if labels.min() < 0 or labels.max() >= k:
        raise ValueError(f"softmax labels must be integers in 0..{k - 1}")
    return np.eye(k)[labels]


def _binary_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> float:
    # log(1 + e^s) - y s: the stable form of -y log(sigma(s)) - (1-y) log(1-sigma(s))
    return float(np.sum(np.logaddexp(0.0, logits) - targets * logits) / len(logits))


def _cross_entropy(logits: np.ndarray, targets: np.ndarray) -> float:
    return float(-np.sum(targets * log_softmax(logits)) / len(logits))


def _squared_error(logits: np.ndarray, targets: np.ndarray) -> float:
    return float(np.mean((logits - targets) ** 2))


def _mean_error(output: np.ndarray, targets: np.ndarray) -> np.ndarray:
    return (output - targets) / len(targets)


def _threshold_labels(logits: np.ndarray) -> np.ndarray:
    labels = (logits >= 0).astype(np.int64)
    return labels[:, 0] if labels.shape[1] == 1 else labels


def _raw_values(logits: np.ndarray) -> np.ndarray:
    return logits[:, 0] if logits.shape[1] == 1 else logits


@dataclass(frozen=True)
class Output:
    r"""An output kind: the output function, its loss, and how it predicts.

    ``delta(output, targets)`` is the gradient of the loss with respect to the logits: with
    each loss computed from the logits it is simply :math:`(\hat y - y) / n` (twice that per
    output for mean squared error).
    """

    loss_name: str
    function: Callable[[np.ndarray], np.ndarray]
    targets: Callable[[np.ndarray, int, int], np.ndarray]
    loss: Callable[[np.ndarray, np.ndarray], float]
    delta: Callable[[np.ndarray, np.ndarray], np.ndarray]
    predict: Callable[[np.ndarray], np.ndarray]
    classifies: bool
    min_units: int = 1


#: The output kinds by name (see :class:`Output`).
OUTPUT_KINDS = {
    "sigmoid": Output(
        "binary cross-entropy",
        activations.sigmoid,
        _binary_targets,
        _binary_cross_entropy,
        _mean_error,
        _threshold_labels,
        classifies=True,
    ),
    "softmax": Output(
        "cross-entropy",
        softmax,
        _one_hot_targets,
        _cross_entropy,
        _mean_error,
        lambda logits: logits.argmax(axis=1).astype(np.int64),
        classifies=True,
        min_units=2,
    ),
    "identity": Output(
        "mean squared error",
        lambda logits: logits,
        _binary_targets,
        _squared_error,
        lambda output, targets: 2.0 * (output - targets) / targets.size,
        _raw_values,
        classifies=False,
    ),
}
#: Output functions and the loss that goes with each.
OUTPUTS = {name: kind.loss_name for name, kind in OUTPUT_KINDS.items()}
