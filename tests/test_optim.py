"""Optimizers update in place and refuse mismatched lists."""

import numpy as np
import pytest

from nnkit import SGD, Adam, Momentum
from nnkit.optim import DivergenceError


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


@pytest.mark.parametrize("make", [lambda: SGD(0.1), lambda: Momentum(0.1, 0.9), lambda: Adam(0.1)], ids=["SGD", "Momentum", "Adam"])
class TestNoNaNIntoTheWeights:
    """An update refuses to write NaN or inf, changes nothing, and names the parameter and the cause."""

    def _state(self, opt):
        return [np.copy(a) for a in (getattr(opt, "v", None) or []) + (getattr(opt, "m", None) or [])], getattr(opt, "t", None)

    @pytest.mark.parametrize("bad", [np.nan, np.inf])
    def test_non_finite_gradient(self, make, bad):
        """A NaN or inf in grads[1] leaves every parameter and the running averages as they were."""
        opt = make()
        params = [np.array([1.0, 2.0]), np.array([[3.0]])]
        opt.update(params, [np.ones(2), np.ones((1, 1))])  # one good step first, so the state exists
        before, state = [p.copy() for p in params], self._state(opt)
        with pytest.raises(DivergenceError, match=rf"^{type(opt).__name__}.update left every parameter as it was, because "
                                                  rf"grads\[1\] holds {bad} at index \(0, 0\); .*the learning rate \(lr = 0.1\) "
                                                  rf"is too large, so the weights blew up: try a smaller learning rate\.$"):
            opt.update(params, [np.ones(2), np.array([[bad]])])
        for p, b in zip(params, before):
            np.testing.assert_array_equal(p, b)
        after = self._state(opt)
        assert after[1] == state[1] and all(np.array_equal(a, b) for a, b in zip(after[0], state[0]))

    def test_a_refusal_is_a_value_error(self, make):
        """DivergenceError is a ValueError, so code that catches bad values catches it too."""
        with pytest.raises(ValueError):
            make().update([np.zeros(1)], [np.array([np.nan])])


class TestOverflowingSteps:
    def test_a_step_that_would_overflow(self):
        """Finite gradients times a huge learning rate would write inf: refused, with the place."""
        w = np.array([1e300, 1.0])
        # lr · g itself overflows: numpy says so as it happens, then update refuses in a sentence
        with pytest.warns(RuntimeWarning, match="overflow"):
            with pytest.raises(DivergenceError, match=r"because the step would make params\[0\] inf at index \(0,\)"):
                SGD(1e10).update([w], [np.array([-1e300, 0.0])])
        np.testing.assert_array_equal(w, [1e300, 1.0])
        w = np.array([1e308, 1.0])
        with pytest.raises(DivergenceError, match=r"because the step would make params\[0\] inf at index \(0,\)"):
            Momentum(1.0, 0.5).update([w], [np.array([-1e308, 0.0])])
        np.testing.assert_array_equal(w, [1e308, 1.0])

    def test_a_huge_finite_step_is_still_taken(self):
        """A step that is huge but finite is computed aside, checked, and written: the guard only refuses NaN and inf."""
        w = np.array([1.0, 2.0])
        SGD(1e151).update([w], [np.array([1.0, 0.0])])  # Σ step² = 1e302: past the quick check, then written
        np.testing.assert_array_equal(w, [1.0 - 1e151, 2.0])

    def test_parameters_that_are_already_not_finite(self):
        """NaN already in the parameters is named when the optimizer first sees them."""
        with pytest.raises(ValueError, match=r"SGD.update expects finite numbers in params\[0\] \(got nan"):
            SGD(0.1).update([np.array([np.nan])], [np.zeros(1)])

    def test_integer_parameters(self):
        """An int array cannot take a float step in place: said in a sentence, not by numpy's casting error."""
        with pytest.raises(TypeError, match=r"SGD.update expects params\[0\] to be a float array it can change in place \(got array of shape \(2,\) and dtype int64\)"):
            SGD(0.1).update([np.array([1, 2])], [np.zeros(2)])


@pytest.mark.parametrize("cls, kind", [(Momentum, "velocities"), (Adam, "running averages")])
class TestStateBelongsToOneModel:
    def test_other_shapes_are_named(self, cls, kind):
        """Reusing a Momentum or Adam on a model of other shapes says to make a new one, not numpy's broadcast error."""
        opt = cls(0.1)
        opt.update([np.zeros((2, 3)), np.zeros(3)], [np.ones((2, 3)), np.ones(3)])
        with pytest.raises(ValueError, match=rf"^{cls.__name__}.update expects the parameters its {kind} were built for, of "
                                             rf"shapes \[\(2, 3\), \(3,\)\] \(got params of shapes \[\(4, 3\), \(3,\)\]\); a "
                                             rf"{cls.__name__} keeps state for one model, so make a new {cls.__name__} for this one\.$"):
            opt.update([np.zeros((4, 3)), np.zeros(3)], [np.ones((4, 3)), np.ones(3)])

    def test_new_lists_of_the_same_arrays_still_work(self, cls, kind):
        """Passing fresh lists each step (the same shapes) keeps working."""
        opt, w = cls(0.1), np.array([1.0, -1.0])
        for _ in range(3):
            opt.update([w], [w.copy()])
        assert np.abs(w).max() < 1.0
