"""Gradient checking: the numbers, the report, and the classic mistakes it must catch."""

import numpy as np
import pytest

from nnkit import Affine, MatMul, ReLU, Sigmoid, SoftmaxWithLoss, check_layer, numerical_derivative, numerical_gradient
from nnkit.functions import sigmoid
from nnkit.gates import Copy, Mul
from nnkit.gradcheck import relative_error

RNG = np.random.default_rng(7)
X = RNG.standard_normal((4, 3))


class TestNumericalDerivative:
    def test_slope_of_x_squared(self):
        """y = x² has slope 4 at x = 2 and 10 at x = 5."""
        assert numerical_derivative(lambda x: x**2, 2.0) == pytest.approx(4.0, rel=1e-9)
        assert numerical_derivative(lambda x: x**2, 5.0) == pytest.approx(10.0, rel=1e-9)

    def test_sigmoid_slope_at_one(self):
        """σ'(1) = 0.197."""
        assert round(numerical_derivative(sigmoid, 1.0), 3) == 0.197


class TestNumericalGradient:
    def test_gradient_of_a_sum_of_squares(self):
        """∇ Σ x² = 2x, entry by entry."""
        x = np.array([[1.0, -2.0], [3.0, 0.5]])
        np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-8)

    def test_restores_x(self):
        """Every entry is put back after its probes."""
        x = np.array([0.1, 0.2, 0.3])
        numerical_gradient(lambda v: np.sum(np.sin(v)), x)
        np.testing.assert_array_equal(x, [0.1, 0.2, 0.3])

    def test_integer_arrays_are_refused(self):
        """An int array cannot be nudged by h, and the message says so."""
        with pytest.raises(TypeError, match=r"numerical_gradient expects x as a float array .* \(got dtype int64\)"):
            numerical_gradient(np.sum, np.array([1, 2]))


class TestRelativeError:
    def test_cs231n_definition(self):
        """|a - n| / max(1e-8, |a| + |n|), zero when both are zero."""
        np.testing.assert_allclose(relative_error([1.0, 0.0, 2.0], [1.1, 0.0, -2.0]), [0.1 / 2.1, 0.0, 1.0])


# The classic mistakes, each a layer that is wrong in one place.
class ReLUWithoutMask(ReLU):
    def _backward(self, dout):
        return dout.copy()


class SigmoidFromX(Sigmoid):
    def _forward(self, x):
        self._x = x
        return super()._forward(x)

    def _backward(self, dout):
        return dout * self._x * (1.0 - self._x)


class AffineWithMeanBias(Affine):
    def _backward(self, dout):
        dx = super()._backward(dout)
        self.grads[1][...] = dout.mean(axis=0)
        return dx


class MatMulTransposedDW(MatMul):
    def _backward(self, dout):
        self.grads[0][...] = (self._x.T @ dout).T
        return dout @ self.params[0].T


class SoftmaxWithLossNotOverN(SoftmaxWithLoss):
    def backward(self, dout=1.0):
        return super().backward(dout) * self.y.shape[0]


class MulWithoutSwap(Mul):
    def _local(self, dout):
        return dout * self._x, dout * self._y


class CopyWithoutAdd(Copy):
    def backward(self, dout1, dout2):
        return np.asarray(dout1, dtype=float).copy()


class AffineThatRebindsGrads(Affine):
    def _backward(self, dout):
        dx = super()._backward(dout)
        self.grads = [g.copy() for g in self.grads]
        return dx


class SigmoidThatChangesDout(Sigmoid):
    def _backward(self, dout):
        dout *= self._y * (1 - self._y)
        return dout


class TestCheckLayer:
    def test_correct_layers_pass(self):
        """The real layers pass, with every name checked."""
        W, b = RNG.standard_normal((3, 2)), RNG.standard_normal(2)
        report = check_layer(Affine(W, b), X)
        assert report.passed and bool(report)
        assert list(report.errors) == ["x", "W", "b"]
        assert report.max_rel_error < 1e-7

    def test_relu_without_its_mask(self):
        """A ReLU whose backward lets everything through fails on x."""
        report = check_layer(ReLUWithoutMask(), X)
        assert not report.passed and report.failed_names() == ["x"]

    def test_sigmoid_backward_from_x(self):
        """A sigmoid backward computed from x instead of y fails."""
        assert check_layer(SigmoidFromX(), X).failed_names() == ["x"]

    def test_affine_bias_not_summed(self):
        """db averaged instead of summed over the batch fails on b only."""
        report = check_layer(AffineWithMeanBias(RNG.standard_normal((3, 2)), RNG.standard_normal(2)), X)
        assert report.failed_names() == ["b"]

    def test_matmul_dw_transposed_square(self):
        """A transposed dW on a square W has the right shape and the wrong numbers."""
        report = check_layer(MatMulTransposedDW(RNG.standard_normal((3, 3))), X)
        assert report.failed_names() == ["W"]

    def test_matmul_dw_transposed_shape(self):
        """A transposed dW on a non-square W cannot even be written, and the report says so."""
        report = check_layer(MatMulTransposedDW(RNG.standard_normal((3, 2))), X)
        assert not report.passed
        assert "backward raised ValueError: could not broadcast" in str(report)

    def test_gradient_of_the_wrong_shape(self):
        """A returned gradient whose shape is not its input's is named with both shapes."""

        class SigmoidReturningRows(Sigmoid):
            def _backward(self, dout):
                return dout.sum(axis=0)

        report = check_layer(SigmoidReturningRows(), X)
        assert "the gradient for x has shape (3,) but x has shape (4, 3)" in str(report)

    def test_softmax_with_loss_not_over_n(self):
        """Forgetting to divide by N fails when N > 1."""
        report = check_layer(SoftmaxWithLossNotOverN(), X, t=np.array([0, 1, 2, 0]))
        assert report.failed_names() == ["x"]

    def test_mul_gate_without_swap(self):
        """A mul gate that forgets to swap its inputs fails on both."""
        report = check_layer(MulWithoutSwap(), X, RNG.standard_normal((4, 3)))
        assert report.failed_names() == ["x", "y"]

    def test_copy_gate_that_does_not_add(self):
        """A copy gate that keeps only one gradient fails."""
        assert check_layer(CopyWithoutAdd(), X).failed_names() == ["x"]

    def test_grads_replaced_instead_of_written(self):
        """Rebinding grads is a broken contract, reported in a sentence."""
        report = check_layer(AffineThatRebindsGrads(RNG.standard_normal((3, 2)), RNG.standard_normal(2)), X)
        assert not report.passed
        assert "grads[i][...] = ..." in str(report)

    def test_dout_changed_in_place(self):
        """A backward that scribbles on dout is reported."""
        report = check_layer(SigmoidThatChangesDout(), X)
        assert not report.passed
        assert "backward changed the dout it was given" in str(report)

    def test_report_table(self):
        """The table marks each name and says where the worst entry of a failure is."""
        passed = str(check_layer(Sigmoid(), X))
        assert "gradient check of Sigmoid()" in passed and "✓" in passed and passed.endswith("passed (tolerance 1e-07)")
        failed = str(check_layer(ReLUWithoutMask(), X))
        assert "✗" in failed and "worst at index" in failed and "FAILED" in failed

    def test_tolerance_is_tunable(self):
        """A looser tolerance lets a small error pass."""
        report = check_layer(AffineWithMeanBias(RNG.standard_normal((3, 2)), RNG.standard_normal(2)), X[:1], tol=1e-7)
        assert report.passed  # with one row, mean and sum agree
        assert not check_layer(ReLUWithoutMask(), X, tol=1e-3).passed

    def test_needs_an_input(self):
        """A call with no input says what is missing."""
        with pytest.raises(ValueError, match="check_layer expects at least one input array"):
            check_layer(Sigmoid())

    def test_needs_the_layer_contract(self):
        """An object without forward/backward is named."""
        with pytest.raises(TypeError, match=r"check_layer expects an object with forward\(\) and backward\(\) \(got int\)"):
            check_layer(3, X)


def test_backward_returning_none_is_named():
    """A backward that forgets to return dx is reported in a sentence, not as a shape."""

    class NoReturn(Sigmoid):
        def _backward(self, dout):
            dout * self._y

    report = check_layer(NoReturn(), X)
    assert not report.passed
    assert "backward returned None instead of a gradient; end it with return dx." in str(report)
