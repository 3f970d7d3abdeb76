"""The checkers of notebook 06: the reference passes, each classic slip gets its own hint, a stub is not done."""

import numpy as np

from nnkit import sigmoid, solutions
from nnkit.exercises.training import (
    MSE_EXAMPLE,
    SGD_STEP_LR,
    check_dW1_shape,
    check_learning_rate,
    check_sgd_step,
    check_slip,
)
from checks import assert_not_done, assert_wrong


def mse_dW2():
    ex = MSE_EXAMPLE
    h = sigmoid(ex["x"] @ ex["W1"])
    return ex["W2"], h.T @ (2 * (h @ ex["W2"] - ex["y"]))


class TestSgdStep:
    def test_reference(self):
        """The reference W2 - 0.1 dW2 passes and says the loss dropped."""
        verdict = check_sgd_step(solutions.get("sgd_step")())
        assert verdict.passed, repr(verdict)
        assert "0.978 to 0.669" in verdict.message

    def test_uphill(self):
        """W2 + α dW2 is told that the step went uphill."""
        W2, dW2 = mse_dW2()
        assert_wrong(check_sgd_step(W2 + SGD_STEP_LR * dW2), "uphill")

    def test_no_learning_rate(self):
        """W2 - dW2 is told that the learning rate is missing."""
        W2, dW2 = mse_dW2()
        assert_wrong(check_sgd_step(W2 - dW2), "learning rate is missing")

    def test_step_alone(self):
        """-α dW2 alone is told that the new weight is the old one plus the step."""
        _, dW2 = mse_dW2()
        assert_wrong(check_sgd_step(-SGD_STEP_LR * dW2), "the step alone")

    def test_forgot_the_two(self):
        """A dW2 without the 2 of the square is told where the 2 comes from."""
        W2, dW2 = mse_dW2()
        assert_wrong(check_sgd_step(W2 - SGD_STEP_LR * dW2 / 2), "factor 2")

    def test_transposed(self):
        """The right numbers as a row are told to keep W2's shape."""
        W2, dW2 = mse_dW2()
        assert_wrong(check_sgd_step((W2 - SGD_STEP_LR * dW2).T), "keeps the parameter's shape")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_sgd_step(...))


class TestLearningRate:
    def test_reference(self):
        """The reference learning rate trains the spiral to 0.9 accuracy."""
        verdict = check_learning_rate(solutions.get("learning_rate")())
        assert verdict.passed, repr(verdict)
        assert "accuracy 0.92" in verdict.message

    def test_too_small(self):
        """lr = 0.1 crawls and is told to take a larger learning rate."""
        assert_wrong(check_learning_rate(0.1), "too small")

    def test_nearly(self):
        """lr = 0.8 nearly makes it and is told to go a little faster."""
        assert_wrong(check_learning_rate(0.8), "nearly")

    def test_too_large(self):
        """lr = 30 overshoots from the first epoch and is told to take a smaller one."""
        assert_wrong(check_learning_rate(30), "too large")

    def test_negative(self):
        """A negative learning rate is told that it climbs the loss."""
        assert_wrong(check_learning_rate(-1.0), "climbs the loss")

    def test_not_a_number(self):
        """Text instead of a number is told to write one number."""
        assert_wrong(check_learning_rate("fast"), "without quotes")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_learning_rate(...))


class TestDW1Shape:
    def test_reference(self):
        """The reference (2, 10) passes, also as a list or a numpy shape."""
        assert check_dW1_shape(solutions.get("dW1_shape")()).passed
        assert check_dW1_shape([2, 10]).passed
        assert check_dW1_shape(np.zeros((2, 10)).shape).passed

    def test_batch_shape(self):
        """(30, 10), the hidden output of a batch, is told a gradient has its parameter's shape."""
        assert_wrong(check_dW1_shape((30, 10)), "shape of its parameter")

    def test_pytorch_layout(self):
        """(10, 2) is told that (out, in) is PyTorch's layout."""
        assert_wrong(check_dW1_shape((10, 2)), "nn.Linear")

    def test_W2_shape(self):
        """(10, 3) is told that it is W2's shape."""
        assert_wrong(check_dW1_shape((10, 3)), "W2's shape")

    def test_x_shape(self):
        """(30, 2), the minibatch's shape, is told that dW1 sums over the rows."""
        assert_wrong(check_dW1_shape((30, 2)), "sums over the 30 rows")

    def test_not_a_shape(self):
        """A single number is told to write a pair."""
        assert_wrong(check_dW1_shape(20), "(4, 5)")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_dW1_shape(...))


class TestSlip:
    def test_reference(self):
        """The reference "dh/dW1" passes, in any of the usual spellings."""
        assert check_slip(solutions.get("find_the_slip")()).passed
        for spelling in ("∂h/∂W1", "dh/dw_1", r"\partial h / \partial W_1", " dh / dW1 "):
            assert check_slip(spelling).passed, spelling

    def test_slip_as_written(self):
        """"dh/dW2", the slip itself, is asked which weight h depends on."""
        assert_wrong(check_slip("∂h/∂W2"), "slip as the source wrote it")

    def test_first_factor(self):
        """The first factor is told it is right."""
        assert_wrong(check_slip("dL/dŷ"), "right first factor")

    def test_middle_factor(self):
        """The middle factor is told it is right."""
        assert_wrong(check_slip("dy_hat/dh"), "right middle factor")

    def test_half_of_it(self):
        """dh/da is told it is only half of the factor."""
        assert_wrong(check_slip("dh/da"), "half of it")

    def test_not_text(self):
        """A number is told to write the factor as text."""
        assert_wrong(check_slip(3), "quotes")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_slip(...))
