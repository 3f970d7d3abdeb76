"""The checkers of notebook 06: the reference passes, each classic slip gets its own hint (a table), a stub is not done."""

import warnings

import numpy as np
import pytest

from nnkit import sigmoid, solutions
from nnkit.exercises.training import (
    MSE_EXAMPLE,
    SGD_STEP_LR,
    check_dW1_shape,
    check_learning_rate,
    check_sgd_step,
    check_slip,
)
from checks import assert_not_done


def mse_dW2():
    ex = MSE_EXAMPLE
    h = sigmoid(ex["x"] @ ex["W1"])
    return ex["W2"], h.T @ (2 * (h @ ex["W2"] - ex["y"]))


W2, DW2 = mse_dW2()
LR = SGD_STEP_LR


class TestSgdStep:
    def test_reference(self):
        """The reference W2 - 0.1 dW2 passes and says the loss dropped."""
        verdict = check_sgd_step(solutions.get("sgd_step")())
        assert verdict.passed, repr(verdict)
        assert "0.978 to 0.669" in verdict.message

    @pytest.mark.parametrize("answer, slip", [
        (W2 + LR * DW2, "training.sgd.uphill"), (W2 - DW2, "training.sgd.no_lr"), (-LR * DW2, "training.sgd.step_alone"),
        (LR * DW2, "training.sgd.lr_times_grad"), (W2 - LR * DW2 / 2, "training.sgd.no_two"),
        ((W2 - LR * DW2).T, "training.sgd.row.hint"), (DW2, "training.sgd.gradient"), (W2, "training.sgd.unchanged"),
        (W2 - 2 * LR * DW2, "training.sgd.two_twice"), ((W2 - LR * DW2).ravel(), "array.shape.reshape"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_sgd_step(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_unknown_mistake_gets_the_formula(self):
        """An answer no slip explains gets the exercise's formula as its hint (decided on the slip code, not a sentence)."""
        verdict = check_sgd_step(W2 - LR * DW2 + 0.05)
        assert not verdict.specific and verdict.hint_code == "training.sgd.generic"

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_sgd_step(...))


class TestLearningRate:
    def test_reference(self):
        """The reference learning rate trains the spiral to 0.9 accuracy."""
        verdict = check_learning_rate(solutions.get("learning_rate")())
        assert verdict.passed, repr(verdict)
        assert "accuracy 0.92" in verdict.message

    @pytest.mark.parametrize("lr, slip", [
        (0.1, "training.lr.too_small"), (0.8, "training.lr.nearly"), (30, "training.lr.too_large"),
        (-1.0, "training.lr.not_positive.hint"), ("fast", "number.text.hint"), ("1.0", "number.quoted.hint"),
        (1e300, "training.lr.too_large"),
    ])
    def test_each_kind_of_wrong_rate(self, lr, slip):
        """Each kind of wrong learning rate gets its own hint; a huge one prints a short loss."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            verdict = check_learning_rate(lr)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)
        assert max(len(word) for word in repr(verdict).split()) < 20

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_learning_rate(...))


class TestDW1Shape:
    @pytest.mark.parametrize("answer", [solutions.get("dW1_shape")(), [2, 10], np.zeros((2, 10)).shape])
    def test_right_forms_pass(self, answer):
        """The reference (2, 10) passes, also as a list or a numpy shape."""
        assert check_dW1_shape(answer).passed

    @pytest.mark.parametrize("answer, slip", [
        ((30, 10), "training.shape.hidden_output"), ((30, 2), "training.shape.batch"), ((10, 2), "training.shape.pytorch"),
        ((10, 3), "training.shape.W2"), ((2, 3), "training.shape.to_classes"), ((30, 3), "training.shape.scores"),
        ((10,), "training.shape.b1"), ((20,), "training.shape.count"), ((30, 2, 10), "training.shape.batch_axis"),
        (np.zeros((2, 10)), "training.shape.array.hint"), (np.zeros((32, 5)), "training.shape.array.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_dW1_shape(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_not_a_shape(self):
        """A single number is told to write a pair."""
        assert "(4, 5)" in check_dW1_shape(20).hint

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_dW1_shape(...))


class TestSlip:
    @pytest.mark.parametrize("spelling", [solutions.get("find_the_slip")(), "∂h/∂W1", "dh/dw_1",
                                          r"\partial h / \partial W_1", " dh / dW1 "])
    def test_right_spellings_pass(self, spelling):
        """The reference "dh/dW1" passes, in any of the usual spellings."""
        assert check_slip(spelling).passed

    @pytest.mark.parametrize("answer, slip", [
        ("∂h/∂W2", "training.slip.as_written"), ("dL/dŷ", "training.slip.first"), ("dy_hat/dh", "training.slip.middle"),
        ("dh/da", "training.slip.half"), ("dyhat/dW1", "training.slip.through_h"), ("dL/dW1", "training.slip.whole"),
        ("dW1/dh", "training.slip.upside_down"), ("dh/dx", "training.slip.x"), ("dyhat/dW2", "training.slip.W2_path"),
        (3, "training.slip.not_text.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_slip(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_slip(...))
