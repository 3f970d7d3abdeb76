"""Optimizers update in place and refuse mismatched lists."""

import numpy as np
import pytest

from nnkit import SGD, Adam, Momentum


class TestSGD:
    def test_step(self):
        """w ← w - α g, in place."""
        w = np.array([1.0, 2.0])
        held = w
        SGD(0.5).update([w], [np.array([2.0, -2.0])])
        assert held is w
        np.testing.assert_array_equal(w, [0.0, 3.0])

    def test_bad_learning_rate(self):
        """lr must be a positive number."""
        with pytest.raises(ValueError, match=r"SGD expects lr to be a positive number \(got -1\)"):
            SGD(-1)

    def test_mismatched_lists(self):
        """One gradient per parameter, of the same shape."""
        with pytest.raises(ValueError, match=r"SGD.update expects one gradient per parameter \(got 2 params and 1 grads\)"):
            SGD(0.1).update([np.zeros(2), np.zeros(3)], [np.zeros(2)])
        with pytest.raises(ValueError, match=r"SGD.update expects grads\[0\] of the shape of params\[0\] \(2,\) \(got \(3,\)\)"):
            SGD(0.1).update([np.zeros(2)], [np.zeros(3)])


@pytest.mark.parametrize("opt", [SGD(0.1), Momentum(0.05, 0.9), Adam(0.1)])
def test_each_optimizer_descends_a_bowl(opt):
    """Each optimizer brings L = w1² + 5 w2² close to its minimum at 0."""
    w = np.array([3.0, -2.0])
    for _ in range(300):
        opt.update([w], [np.array([2 * w[0], 10 * w[1]])])
    assert np.abs(w).max() < 1e-2


def test_momentum_and_adam_arguments():
    """momentum and the betas live in [0, 1)."""
    with pytest.raises(ValueError, match=r"Momentum expects momentum in \[0, 1\) \(got 1.5\)"):
        Momentum(0.1, 1.5)
    with pytest.raises(ValueError, match=r"Adam expects beta2 in \[0, 1\) \(got 1\)"):
        Adam(0.1, 0.9, 1)
