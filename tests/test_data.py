"""The toy data sets: shapes, dtypes, seeds and labels."""

import numpy as np
import pytest

from nnkit import circles, moons, spiral, xor


@pytest.mark.parametrize("make, n_classes", [(spiral, 3), (xor, 2), (moons, 2), (circles, 2)])
def test_shapes_dtypes_and_seeds(make, n_classes):
    """x is (N, 2) float64, t is (N,) int, every class is there, and a seed repeats."""
    x, t = make(n_per_class=20, seed=3)
    assert x.shape == (20 * n_classes, 2) and x.dtype == np.float64
    assert t.shape == (20 * n_classes,) and t.dtype.kind == "i"
    assert np.array_equal(np.bincount(t), [20] * n_classes)
    x2, t2 = make(n_per_class=20, seed=3)
    assert np.array_equal(x, x2) and np.array_equal(t, t2)
    assert not np.array_equal(x, make(n_per_class=20, seed=4)[0])


def test_spiral_default_is_the_book_size():
    """100 points a class, 3 classes, inside the unit disc (plus noise)."""
    x, t = spiral()
    assert x.shape == (300, 2) and set(t) == {0, 1, 2}
    assert np.abs(x).max() <= 1.0


def test_xor_labels_are_the_exclusive_or_of_the_signs():
    """Without noise, class 1 is where exactly one coordinate is positive."""
    x, t = xor(n_per_class=8, noise=0.0)
    np.testing.assert_array_equal(t, ((x[:, 0] > 0) != (x[:, 1] > 0)).astype(int))


def test_bad_arguments():
    """Counts and noise are checked in a sentence."""
    with pytest.raises(ValueError, match=r"spiral expects n_per_class to be a positive whole number \(got 0\)"):
        spiral(n_per_class=0)
    with pytest.raises(ValueError, match=r"moons expects noise ≥ 0 \(got -1\)"):
        moons(noise=-1)


@pytest.mark.parametrize("make, kwargs, what", [
    (spiral, dict(noise=None), r"spiral expects noise ≥ 0 \(got None\)"),
    (circles, dict(factor=None), r"circles expects factor between 0 and 1, the inner radius \(got None\)"),
    (moons, dict(seed="x"), r"moons expects seed to be a whole number ≥ 0 or None \(got the string 'x'\)"),
    (xor, dict(seed=-1), r"xor expects seed to be a whole number ≥ 0 or None \(got int -1\)"),
])
def test_none_and_odd_seeds(make, kwargs, what):
    """None where a number belongs, and a seed numpy would refuse in its own words, get the kit's sentence."""
    with pytest.raises(ValueError, match=what):
        make(**kwargs)
