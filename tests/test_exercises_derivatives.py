"""The checkers of notebook 03: the reference passes, each classic slip gets its own hint, a stub is not done."""

from nnkit import solutions
from nnkit.exercises.derivatives import (
    check_central_difference,
    check_descent_step,
    check_learning_rate,
    check_tangent_slope,
)
from checks import assert_not_done, assert_wrong


class TestTangentSlope:
    def test_reference(self):
        """The reference slope -6 passes."""
        assert check_tangent_slope(solutions.get("tangent_slope")()).passed

    def test_height_instead_of_slope(self):
        """The height 9 is told apart from the slope."""
        assert_wrong(check_tangent_slope(9), "height")

    def test_lost_sign(self):
        """+6 is told that the curve falls there."""
        assert_wrong(check_tangent_slope(6), "negative")

    def test_dropped_the_two(self):
        """-3 is told not to drop the 2 of 2x."""
        assert_wrong(check_tangent_slope(-3), "don't drop the 2")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_tangent_slope(...))


class TestCentralDifference:
    def test_reference(self):
        """The reference function passes both probes."""
        assert check_central_difference(solutions.get("central_difference")).passed

    def test_forward_difference(self):
        """A forward difference is named as one."""
        assert_wrong(check_central_difference(lambda f, x, h: (f(x + h) - f(x)) / h), "forward difference")

    def test_forgot_the_two(self):
        """Dividing by h instead of 2h is told that the points are 2h apart."""
        assert_wrong(check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / h), "divide by 2 * h")

    def test_forward_over_two_h(self):
        """A forward difference over 2h is told to use f(x+h) - f(x-h)."""
        assert_wrong(check_central_difference(lambda f, x, h: (f(x + h) - f(x)) / (2 * h)), "f(x+h) - f(x-h)")

    def test_missing_brackets(self):
        """/ 2 * h is told to bracket the denominator."""
        assert_wrong(check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h), "brackets")

    def test_ignores_h(self):
        """A function with its own fixed h is caught by the second probe."""
        assert_wrong(check_central_difference(lambda f, x, h: (f(x + 0.1) - f(x - 0.1)) / 0.2), "the h you are given")

    def test_crash(self):
        """A function that raises gets a verdict, not a traceback."""
        verdict = check_central_difference(lambda f, x, h: f(x + h) - f(x - h) / undefined_name)  # noqa: F821
        assert_wrong(verdict, "read the error")
        assert "NameError" in verdict.message

    def test_stub(self):
        """A body of ... (returns None) and a NotImplementedError are both not done yet."""
        def stub(f, x, h):
            ...

        def raising(f, x, h):
            raise NotImplementedError

        assert_not_done(check_central_difference(stub))
        assert_not_done(check_central_difference(raising))
        assert_not_done(check_central_difference(...))


class TestDescentStep:
    def test_reference(self):
        """The reference 1.6 passes."""
        assert check_descent_step(solutions.get("descent_step")()).passed

    def test_uphill(self):
        """w + α·dL/dw is told that gradient descent subtracts."""
        assert_wrong(check_descent_step(0.4), "uphill")

    def test_forgot_learning_rate(self):
        """w - dL/dw is told to multiply by α."""
        assert_wrong(check_descent_step(7.0), "multiply the gradient by the learning rate")

    def test_change_not_new_w(self):
        """The change 0.6 alone is told to add it to w."""
        assert_wrong(check_descent_step(0.6), "plus that change")

    def test_loss_instead_of_slope(self):
        """Stepping by the loss 9 is told to use the slope."""
        assert_wrong(check_descent_step(0.1), "you used the loss")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_descent_step(...))


class TestLearningRate:
    def test_reference(self):
        """The reference learning rate converges."""
        assert check_learning_rate(solutions.get("converging_learning_rate")()).passed

    def test_one_step_to_the_bottom(self):
        """α = 0.1 lands on the bottom at once and says so."""
        verdict = check_learning_rate(0.1)
        assert verdict.passed and "exactly at the bottom" in verdict.message

    def test_diverges(self):
        """α = 0.3 diverges and is told to go smaller."""
        assert_wrong(check_learning_rate(0.3), "try a smaller α")

    def test_bounces(self):
        """α = 0.2 bounces between 1 and -1."""
        verdict = check_learning_rate(0.2)
        assert_wrong(verdict, "a little smaller α")
        assert "bounces" in verdict.message

    def test_crawls(self):
        """α = 0.005 crawls and is told to go larger."""
        assert_wrong(check_learning_rate(0.005), "try a larger α")

    def test_negative(self):
        """A negative learning rate is told that it goes uphill."""
        assert_wrong(check_learning_rate(-0.05), "uphill")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_learning_rate(...))
