"""Small, seeded two-dimensional data sets for binary classification.

Every generator returns ``X`` of shape ``(n, 2)`` (``float64``) and ``y`` of shape ``(n,)``
(``int64``, labels 0 and 1). The two classes are balanced: class 0 gets ``n - n // 2`` points
and class 1 gets ``n // 2``, so they differ by at most one point. Rows are shuffled, so any
slice of the data contains both classes. The same ``seed`` always gives the same data.

All four sets are centred near the origin with coordinates of order 1, the scale a freshly
initialised network expects, and none of them can be separated by a straight line:

============  ===============================================================
``xor``       four noisy clusters; opposite corners share a label
``circles``   a small circle (class 1) inside a large one (class 0)
``moons``     two interleaving half circles
``spiral``    two interleaving spiral arms
============  ===============================================================

Examples
--------
>>> X, y = xor(n=8, seed=0)
>>> X.shape, y.shape, X.dtype, y.dtype
((8, 2), (8,), dtype('float64'), dtype('int64'))
>>> int(y.sum())
4
"""

from __future__ import annotations

import numpy as np

__all__ = ["circles", "moons", "spiral", "train_test_split", "xor"]


def _class_sizes(n: int) -> tuple[int, int]:
    """Return the sizes of class 0 and class 1 for ``n`` points (differ by at most one)."""
    if n < 2:
        raise ValueError(f"need at least 2 points (one per class), got n={n}")
    return n - n // 2, n // 2


def _check_noise(noise: float) -> None:
    if noise < 0:
        raise ValueError(f"noise is a standard deviation and cannot be negative, got {noise}")


def _finish(X0: np.ndarray, X1: np.ndarray, rng: np.random.Generator):
    """Stack the two classes, add labels, and shuffle the rows with ``rng``."""
    X = np.concatenate([X0, X1]).astype(np.float64)
    y = np.concatenate([np.zeros(len(X0), np.int64), np.ones(len(X1), np.int64)])
    order = rng.permutation(len(y))
    return X[order], y[order]


def xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy XOR: four Gaussian clusters at the corners of a square.

    Class 0 sits at :math:`(-1, -1)` and :math:`(1, 1)`, class 1 at :math:`(-1, 1)` and
    :math:`(1, -1)`, so the label is 1 exactly when the two coordinates have opposite signs
    (the exclusive or of "x1 > 0" and "x2 > 0"). No straight line separates the classes.

    Parameters
    ----------
    n : int, default 200
        Number of points. Each class is split as evenly as possible between its two corners.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int, default 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
        The points.
    y : ndarray of shape (n,), int64
        The labels, 0 or 1.

    Examples
    --------
    >>> X, y = xor(n=200, noise=0.0)
    >>> bool(np.all(y == (X[:, 0] * X[:, 1] < 0)))
    True
    """
    _check_noise(noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)
    corners = {0: np.array([[-1.0, -1.0], [1.0, 1.0]]), 1: np.array([[-1.0, 1.0], [1.0, -1.0]])}
    parts = []
    for label, size in ((0, n0), (1, n1)):
        which = np.arange(size) % 2  # alternate between the class's two corners
        parts.append(corners[label][which] + noise * rng.standard_normal((size, 2)))
    return _finish(parts[0], parts[1], rng)


def circles(
    n: int = 200, noise: float = 0.1, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 on the unit circle, class 1 on a circle of radius ``factor``.

    The angles are drawn uniformly at random, then Gaussian noise is added to each coordinate.
    A linear classifier can do no better than chance here, because every line through the
    picture has about as many points of each class on either side.

    Parameters
    ----------
    n : int, default 200
        Number of points.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate.
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one, strictly between 0 and 1.
    seed : int, default 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64

    Examples
    --------
    >>> X, y = circles(n=100, noise=0.0, factor=0.5)
    >>> radius = np.hypot(X[:, 0], X[:, 1])
    >>> bool(np.allclose(radius[y == 0], 1.0)), bool(np.allclose(radius[y == 1], 0.5))
    (True, True)
    """
    _check_noise(noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor must lie strictly between 0 and 1, got {factor}")
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)
    parts = []
    for radius, size in ((1.0, n0), (factor, n1)):
        angle = rng.uniform(0.0, 2.0 * np.pi, size)
        ring = radius * np.column_stack([np.cos(angle), np.sin(angle)])
        parts.append(ring + noise * rng.standard_normal((size, 2)))
    return _finish(parts[0], parts[1], rng)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles ("moons"), shifted so the picture is centred on the origin.

    Class 0 is the upper half of the unit circle, class 1 the lower half circle centred at
    :math:`(1, 0.5)`; both are then moved by :math:`(-0.5, -0.25)`. This is the geometry of
    scikit-learn's ``make_moons``, except for the shift and random (not evenly spaced) angles.
    A straight line gets most points right (about 85 %), but not all.

    Parameters
    ----------
    n : int, default 200
        Number of points.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int, default 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64

    Examples
    --------
    >>> X, y = moons(n=100, noise=0.0)
    >>> bool(np.all(X[y == 0, 1] >= -0.25)), bool(np.all(X[y == 1, 1] <= 0.25))
    (True, True)
    """
    _check_noise(noise)
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)
    t0 = rng.uniform(0.0, np.pi, n0)
    t1 = rng.uniform(0.0, np.pi, n1)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    shift = np.array([-0.5, -0.25])
    X0 = upper + shift + noise * rng.standard_normal((n0, 2))
    X1 = lower + shift + noise * rng.standard_normal((n1, 2))
    return _finish(X0, X1, rng)


def spiral(
    n: int = 200, noise: float = 0.05, turns: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving spiral arms, the hardest of the four sets.

    A point at position :math:`t \in [0, 1]` along an arm has radius :math:`t` and angle
    :math:`2\pi \cdot \text{turns} \cdot t`; the arm of class 1 is the arm of class 0 turned by
    half a revolution. Positions are drawn uniformly at random, then Gaussian noise is added.

    Parameters
    ----------
    n : int, default 200
        Number of points.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate. Neighbouring arms are
        ``1 / (2 * turns)`` apart, so noise much above a tenth of that blurs them together.
    turns : float, default 1.0
        How many revolutions each arm makes.
    seed : int, default 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64

    Examples
    --------
    >>> X, y = spiral(n=100, noise=0.0)
    >>> bool(np.all(np.hypot(X[:, 0], X[:, 1]) <= 1.0))
    True
    """
    _check_noise(noise)
    if turns <= 0:
        raise ValueError(f"turns must be positive, got {turns}")
    rng = np.random.default_rng(seed)
    n0, n1 = _class_sizes(n)
    parts = []
    for offset, size in ((0.0, n0), (np.pi, n1)):
        t = rng.uniform(0.0, 1.0, size)
        angle = 2.0 * np.pi * turns * t + offset
        arm = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
        parts.append(arm + noise * rng.standard_normal((size, 2)))
    return _finish(parts[0], parts[1], rng)


def train_test_split(
    X: np.ndarray, y: np.ndarray, test_fraction: float = 0.25, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split a data set at random into a training part and a test part, class by class.

    The split is stratified: each class contributes ``round(test_fraction * count)`` of its
    points to the test set, so both parts keep the class proportions of the whole.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        The inputs.
    y : ndarray of shape (n,)
        The labels.
    test_fraction : float, default 0.25
        Fraction of each class that goes to the test set, strictly between 0 and 1.
    seed : int, default 0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
        In the same order as scikit-learn's ``train_test_split``. Rows are shuffled.

    Examples
    --------
    >>> X, y = xor(n=200)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.25)
    >>> len(X_train), len(X_test), int(y_test.sum())
    (150, 50, 25)
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction}")
    rng = np.random.default_rng(seed)
    test_parts, train_parts = [], []
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        n_test = int(round(test_fraction * len(members)))
        test_parts.append(members[:n_test])
        train_parts.append(members[n_test:])
    train = rng.permutation(np.concatenate(train_parts))
    test = rng.permutation(np.concatenate(test_parts))
    return X[train], X[test], y[train], y[test]
