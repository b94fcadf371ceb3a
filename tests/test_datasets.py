"""The data sets are seeded, balanced, shaped (n, 2) / (n,), and have the geometry they claim."""

import doctest

import numpy as np
import pytest
from actcourse import datasets

GENERATORS = [datasets.xor, datasets.circles, datasets.moons, datasets.spiral]
IDS = [g.__name__ for g in GENERATORS]


def test_docstring_examples_run():
    result = doctest.testmod(datasets, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("make", GENERATORS, ids=IDS)
@pytest.mark.parametrize("n", [2, 7, 200])
def test_shapes_dtypes_and_labels(make, n):
    X, y = make(n=n)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert set(np.unique(y)) <= {0, 1}
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("make", GENERATORS, ids=IDS)
@pytest.mark.parametrize("n", [2, 9, 200, 201])
def test_classes_are_balanced_to_within_one_point(make, n):
    _, y = make(n=n)
    assert np.sum(y == 0) == n - n // 2
    assert np.sum(y == 1) == n // 2


@pytest.mark.parametrize("make", GENERATORS, ids=IDS)
def test_same_seed_same_data_and_different_seed_different_data(make):
    X1, y1 = make(seed=3)
    X2, y2 = make(seed=3)
    X3, _ = make(seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("make", GENERATORS, ids=IDS)
def test_rows_are_shuffled_so_the_first_rows_hold_both_classes(make):
    _, y = make(n=200)
    assert 0 < y[:20].sum() < 20


@pytest.mark.parametrize("make", GENERATORS, ids=IDS)
def test_data_is_centred_near_the_origin_at_unit_scale(make):
    X, _ = make(n=2000)
    assert np.all(np.abs(X.mean(axis=0)) < 0.15)
    assert 0.2 < X.std() < 1.5


@pytest.mark.parametrize("make", GENERATORS, ids=IDS)
def test_noise_is_a_standard_deviation(make):
    with pytest.raises(ValueError, match="noise"):
        make(noise=-0.1)
    clean, _ = make(n=400, noise=0.0)
    noisy, _ = make(n=400, noise=0.3)
    # with the same seed the noise-free points are the skeleton of the noisy ones
    assert np.abs(noisy - clean).std() > 0.1
    assert not np.allclose(clean, noisy)


def test_n_below_two_is_refused():
    with pytest.raises(ValueError, match="at least 2"):
        datasets.xor(n=1)


def test_xor_label_is_one_exactly_when_the_coordinates_have_opposite_signs():
    X, y = datasets.xor(n=400, noise=0.1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))


def test_xor_uses_all_four_corners_equally():
    X, _ = datasets.xor(n=400, noise=0.0)
    corners, counts = np.unique(X, axis=0, return_counts=True)
    np.testing.assert_array_equal(corners, [[-1, -1], [-1, 1], [1, -1], [1, 1]])
    np.testing.assert_array_equal(counts, [100, 100, 100, 100])


def test_circles_radii_are_one_and_factor():
    X, y = datasets.circles(n=300, noise=0.0, factor=0.3)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)
    with pytest.raises(ValueError, match="factor"):
        datasets.circles(factor=1.0)


def test_moons_are_two_half_circles_of_radius_one():
    X, y = datasets.moons(n=300, noise=0.0)
    upper_centre = np.array([-0.5, -0.25])
    lower_centre = np.array([0.5, 0.25])
    np.testing.assert_allclose(np.linalg.norm(X[y == 0] - upper_centre, axis=1), 1.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 1] - lower_centre, axis=1), 1.0)
    assert np.all(X[y == 0, 1] >= upper_centre[1] - 1e-12)
    assert np.all(X[y == 1, 1] <= lower_centre[1] + 1e-12)


def test_spiral_arms_are_half_a_turn_apart():
    X, y = datasets.spiral(n=400, noise=0.0, turns=1.0)
    radius = np.hypot(X[:, 0], X[:, 1])
    angle = np.arctan2(X[:, 1], X[:, 0])
    expected = 2 * np.pi * radius + np.pi * y  # angle = 2 pi turns t + offset, with t = radius
    wrapped = np.angle(np.exp(1j * (angle - expected)))
    np.testing.assert_allclose(wrapped, 0.0, atol=1e-9)


def test_train_test_split_partitions_the_data_and_keeps_class_balance():
    X, y = datasets.circles(n=200)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_fraction=0.25, seed=1)
    assert len(X_train) == 150 and len(X_test) == 50
    assert y_train.sum() == 75 and y_test.sum() == 25
    # every row lands in exactly one part, with its own label
    together = np.concatenate(
        [np.column_stack([X_train, y_train]), np.column_stack([X_test, y_test])]
    )
    original = np.column_stack([X, y])
    np.testing.assert_array_equal(np.unique(together, axis=0), np.unique(original, axis=0))


def test_train_test_split_is_seeded():
    X, y = datasets.moons(n=100)
    first = datasets.train_test_split(X, y, seed=5)
    again = datasets.train_test_split(X, y, seed=5)
    other = datasets.train_test_split(X, y, seed=6)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[1], other[1])


def test_train_test_split_refuses_bad_input():
    X, y = datasets.xor(n=20)
    with pytest.raises(ValueError, match="test_fraction"):
        datasets.train_test_split(X, y, test_fraction=1.0)
    with pytest.raises(ValueError, match="rows"):
        datasets.train_test_split(X, y[:-1])
