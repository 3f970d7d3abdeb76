"""The checkers of notebook 05: the reference layers pass, each classic slip gets its own hint, a stub is not done."""

import numpy as np

from nnkit import solutions
from nnkit.exercises.backprop import (
    check_affine_backward,
    check_relu_backward,
    check_sigmoid_backward,
    check_softmax_with_loss_backward,
)
from checks import assert_not_done, assert_wrong

ReLURef = solutions.get("relu_backward")
SigmoidRef = solutions.get("sigmoid_backward")
AffineRef = solutions.get("affine_backward")
SoftmaxWithLossRef = solutions.get("softmax_with_loss_backward")


def layer_with(base, backward):
    """The reference layer with another backward, as a learner would write it in the exercise cell."""
    return type(f"My{base.__name__[2:]}", (base,), {"backward": backward})


class TestReLUBackward:
    def test_reference(self):
        """The reference ReLU passes."""
        verdict = check_relu_backward(ReLURef)
        assert verdict.passed, repr(verdict)
        assert "x ≤ 0" in verdict.message

    def test_instance_is_accepted(self):
        """An instance instead of the class is checked all the same."""
        assert check_relu_backward(ReLURef()).passed

    def test_stub(self):
        """The stub that still raises NotImplementedError is not done yet."""
        def backward(self, dout):
            raise NotImplementedError
        assert_not_done(check_relu_backward(layer_with(ReLURef, backward)), "write the body")

    def test_placeholder(self):
        """A ... instead of the class is not done yet, and names the exercise's class."""
        assert_not_done(check_relu_backward(...), "MyReLU")

    def test_without_mask(self):
        """A ReLU that passes dout everywhere is told to use the mask."""
        assert_wrong(check_relu_backward(layer_with(ReLURef, lambda self, dout: dout.copy())), "self.mask")

    def test_mask_reversed(self):
        """A mask applied the wrong way round is told so."""
        def backward(self, dout):
            return np.where(self.mask, dout, 0.0)
        assert_wrong(check_relu_backward(layer_with(ReLURef, backward)), "wrong way round")

    def test_mask_from_dout(self):
        """A mask taken from dout instead of x is told that the mask comes from the forward input."""
        assert_wrong(check_relu_backward(layer_with(ReLURef, lambda self, dout: np.maximum(dout, 0.0))),
                     "not from dout")

    def test_changes_dout(self):
        """The textbook shortcut dout[mask] = 0 changes dout in place and is told to copy."""
        def backward(self, dout):
            dout[self.mask] = 0.0
            return dout
        assert_wrong(check_relu_backward(layer_with(ReLURef, backward)), "dout.copy()")

    def test_forgot_return(self):
        """A backward that computes dx but does not return it is told to return dx."""
        def backward(self, dout):
            dx = dout.copy()
            dx[self.mask] = 0.0
        assert_not_done(check_relu_backward(layer_with(ReLURef, backward)), "return dx")

    def test_times_output(self):
        """Multiplying dout by the output y instead of the slope (1 or 0) is told so."""
        class TimesOutput(ReLURef):
            def forward(self, x):
                self.out = super().forward(x)
                return self.out

            def backward(self, dout):
                return dout * self.out
        assert_wrong(check_relu_backward(TimesOutput), "not by its output")


class TestSigmoidBackward:
    def test_reference(self):
        """The reference Sigmoid passes."""
        assert check_sigmoid_backward(SigmoidRef).passed

    def test_stub(self):
        """The stub is not done yet."""
        def backward(self, dout):
            raise NotImplementedError
        assert_not_done(check_sigmoid_backward(layer_with(SigmoidRef, backward)))

    def test_slope_from_x(self):
        """x(1 - x) from the input instead of y(1 - y) from the output is told to use self.y."""
        class FromX(SigmoidRef):
            def forward(self, x):
                self.x = x
                return super().forward(x)

            def backward(self, dout):
                return dout * self.x * (1 - self.x)
        assert_wrong(check_sigmoid_backward(FromX), "self.y")

    def test_forgot_dout(self):
        """The local slope alone is told to multiply by dout."""
        assert_wrong(check_sigmoid_backward(layer_with(SigmoidRef, lambda self, dout: self.y * (1 - self.y))),
                     "multiply it by the upstream gradient dout")

    def test_one_factor_missing(self):
        """dout · y without (1 - y) is told that one factor is missing."""
        assert_wrong(check_sigmoid_backward(layer_with(SigmoidRef, lambda self, dout: dout * self.y)),
                     "one of its two factors is missing")

    def test_wrong_sign(self):
        """A minus sign in front is told to check the sign."""
        assert_wrong(check_sigmoid_backward(layer_with(SigmoidRef, lambda self, dout: -dout * self.y * (1 - self.y))),
                     "check the sign")

    def test_forgot_return(self):
        """A backward without return is told to return dx."""
        def backward(self, dout):
            dx = dout * self.y * (1 - self.y)  # noqa: F841 (the slip under test)
        assert_not_done(check_sigmoid_backward(layer_with(SigmoidRef, backward)), "return dx")


class TestAffineBackward:
    def test_reference(self):
        """The reference Affine passes."""
        assert check_affine_backward(AffineRef).passed

    def test_stub(self):
        """The stub is not done yet."""
        def backward(self, dout):
            raise NotImplementedError
        assert_not_done(check_affine_backward(layer_with(AffineRef, backward)))

    @staticmethod
    def affine(db=None, dW=None, dx=None, rebind=False, return_dx=True):
        """The reference Affine with one slip: functions of (self, dout) for db, dW or dx."""
        def backward(self, dout):
            W, _ = self.params
            dW_value = self.x.T @ dout if dW is None else dW(self, dout)
            db_value = dout.sum(axis=0) if db is None else db(self, dout)
            if rebind:
                self.grads[0] = dW_value
            else:
                self.grads[0][...] = dW_value
            self.grads[1][...] = db_value
            if return_dx:
                return dout @ W.T if dx is None else dx(self, dout)
        return layer_with(AffineRef, backward)

    def test_db_mean(self):
        """db as the mean over the batch is told to sum."""
        assert_wrong(check_affine_backward(self.affine(db=lambda s, d: d.mean(axis=0))), "dout.sum(axis=0)")
        assert "db is the mean" in check_affine_backward(self.affine(db=lambda s, d: d.mean(axis=0))).hint

    def test_db_first_row(self):
        """db = dout[0] is told it used only the first row."""
        assert_wrong(check_affine_backward(self.affine(db=lambda s, d: d[0])), "only the first row")

    def test_db_not_summed(self):
        """db = dout (one row per sample) is told to sum over the batch."""
        assert_wrong(check_affine_backward(self.affine(db=lambda s, d: d)), "one row per sample")

    def test_db_wrong_axis(self):
        """db summed over axis=1 is told it summed over the wrong axis."""
        assert_wrong(check_affine_backward(self.affine(db=lambda s, d: d.sum(axis=1))), "wrong axis")

    def test_dW_transposed(self):
        """dW = dout.T @ x is told that dW is transposed."""
        assert_wrong(check_affine_backward(self.affine(dW=lambda s, d: d.T @ s.x)), "transposed")

    def test_dx_without_transpose(self):
        """dx = dout @ W is told to multiply by W.T."""
        assert_wrong(check_affine_backward(self.affine(dx=lambda s, d: d @ s.params[0])), "dout @ W.T")

    def test_rebind(self):
        """self.grads[0] = dW (a rebind) is told to write in place."""
        assert_wrong(check_affine_backward(self.affine(rebind=True)), "self.grads[0][...] = dW")

    def test_forgot_return(self):
        """Grads written but dx not returned is ✗ with the hint to return dx."""
        assert_wrong(check_affine_backward(self.affine(return_dx=False)), "return dx")


class TestSoftmaxWithLossBackward:
    def test_reference(self):
        """The reference softmax-with-loss passes."""
        assert check_softmax_with_loss_backward(SoftmaxWithLossRef).passed

    def test_stub(self):
        """The stub is not done yet."""
        def backward(self, dout=1.0):
            raise NotImplementedError
        assert_not_done(check_softmax_with_loss_backward(layer_with(SoftmaxWithLossRef, backward)))

    def test_not_divided_by_n(self):
        """y - t without / N is told to divide by the batch size."""
        assert_wrong(check_softmax_with_loss_backward(
            layer_with(SoftmaxWithLossRef, lambda self, dout=1.0: self.y - self.t)), "divide by N")

    def test_sign_flipped(self):
        """(t - y) / N is told the sign is flipped."""
        assert_wrong(check_softmax_with_loss_backward(
            layer_with(SoftmaxWithLossRef, lambda self, dout=1.0: (self.t - self.y) / len(self.t))), "sign is flipped")

    def test_divided_by_classes(self):
        """Dividing by the number of classes is told to divide by the number of rows."""
        assert_wrong(check_softmax_with_loss_backward(
            layer_with(SoftmaxWithLossRef, lambda self, dout=1.0: (self.y - self.t) / self.y.shape[1])),
            "not by the number of classes")

    def test_forgot_target(self):
        """y / N is told the target is missing."""
        assert_wrong(check_softmax_with_loss_backward(
            layer_with(SoftmaxWithLossRef, lambda self, dout=1.0: self.y / len(self.t))), "target is missing")

    def test_forgot_return(self):
        """A backward without return is told to return dx."""
        def backward(self, dout=1.0):
            dx = (self.y - self.t) / len(self.t)  # noqa: F841 (the slip under test)
        assert_not_done(check_softmax_with_loss_backward(layer_with(SoftmaxWithLossRef, backward)), "return dx")
