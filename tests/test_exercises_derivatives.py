"""The checkers of notebook 03: the reference passes, each classic slip gets its own hint (a table), a stub is not done."""

import pytest

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
        """The reference -6 passes."""
        assert check_tangent_slope(solutions.get("tangent_slope")()).passed

    @pytest.mark.parametrize("answer, slip", [
        (9, "derivatives.slope.height"), (6, "derivatives.slope.sign"), (-3, "derivatives.slope.no_two"),
        (18, "derivatives.slope.power"), (4, "derivatives.slope.lesson"), (10, "derivatives.slope.lesson"),
        (2, "derivatives.slope.constant"), ("-6", "number.quoted.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_tangent_slope(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    @pytest.mark.parametrize("answer", [-5, -7, -6.5])
    def test_near_misses_are_wrong(self, answer):
        """A whole number next to -6 is not -6 "to its decimals"."""
        assert not check_tangent_slope(answer).passed

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_tangent_slope(...))


def _stub(f, x, h):
    return ...


def _raising(f, x, h):
    raise NotImplementedError


class TestCentralDifference:
    def test_reference(self):
        """The reference function passes."""
        assert check_central_difference(solutions.get("central_difference")).passed

    @pytest.mark.parametrize("fn, slip", [
        (lambda f, x, h: (f(x + h) - f(x)) / h, "derivatives.cd.forward"),
        (lambda f, x, h: (f(x) - f(x - h)) / h, "derivatives.cd.backward"),
        (lambda f, x, h: (f(x + h) - f(x - h)) / h, "derivatives.cd.no_two"),
        (lambda f, x, h: (f(x + h) - f(x)) / (2 * h), "derivatives.cd.half_forward"),
        (lambda f, x, h: f(x + h) - f(x - h) / (2 * h), "derivatives.cd.brackets_top"),
        (lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h, "derivatives.cd.brackets_bottom"),
        (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "derivatives.cd.reversed"),
        (lambda f, x, h: 3 * x * x, "derivatives.cd.exact"),
        (lambda f, x, h: f(x + h) - f(x - h), "derivatives.cd.no_division"),
        (lambda f, x, h: (f(x + h) + f(x - h)) / (2 * h), "derivatives.cd.plus"),
        (lambda f, x, h: (f(x + 0.1) - f(x - 0.1)) / 0.2, "derivatives.cd.ignores_h.hint"),
        (lambda f, x, h: (f(2.0 + h) - f(2.0 - h)) / (2 * h), "derivatives.cd.ignores_x.hint"),
        (lambda f, x, h: ((x + h) ** 3 - (x - h) ** 3) / (2 * h), "derivatives.cd.ignores_f.hint"),
        (lambda f, x, h: "12.01", "derivatives.cd.not_a_number.hint"),
    ])
    def test_slip_gets_its_hint(self, fn, slip):
        """Each slip is recognised, also one that ignores the h, the x or the f it is given."""
        verdict = check_central_difference(fn)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_crash(self):
        """A function that raises gets the error in a sentence."""
        verdict = check_central_difference(lambda f, x, h: undefined_name)  # noqa: F821
        assert_wrong(verdict, "read the error")
        assert "NameError" in verdict.message

    @pytest.mark.parametrize("fn", [_stub, _raising, ...])
    def test_stub(self, fn):
        """A stub that returns ..., one that still raises NotImplementedError, and ... itself are not done."""
        assert_not_done(check_central_difference(fn))


class TestDescentStep:
    def test_reference(self):
        """The reference 1.6 passes."""
        assert check_descent_step(solutions.get("descent_step")()).passed

    @pytest.mark.parametrize("answer, slip", [
        (0.4, "derivatives.step.uphill"), (7.0, "derivatives.step.no_lr"), (0.6, "derivatives.step.change_only"),
        (0.1, "derivatives.step.loss"), (1.3, "derivatives.step.no_two"), (-6, "derivatives.step.gradient"),
        (-0.6, "derivatives.step.change_only"), (4, "derivatives.step.bottom"), (0.8, "derivatives.step.forgot_target"),
        (2, "number.too_coarse.hint.one"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_descent_step(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_descent_step(...))


class TestLearningRate:
    def test_reference(self):
        """The reference learning rate converges."""
        assert check_learning_rate(solutions.get("converging_learning_rate")()).passed

    def test_one_step_to_the_bottom(self):
        """lr = 0.1 makes the factor 0 and is told it lands exactly at the bottom."""
        verdict = check_learning_rate(0.1)
        assert verdict.passed and verdict.code == "derivatives.lr.exact"

    @pytest.mark.parametrize("lr, code, slip", [
        (0.3, "derivatives.lr.diverges", "derivatives.lr.too_large"),
        (1e15, "derivatives.lr.diverges", "derivatives.lr.far_too_large"),
        (0.2, "derivatives.lr.bounces", "derivatives.lr.bounces.hint"),
        (0.005, "derivatives.lr.crawls", "derivatives.lr.crawls.hint"),
        (0.185, "derivatives.lr.slow_zigzag", "derivatives.lr.slow_zigzag.hint"),
        (-0.05, "derivatives.lr.not_positive", "derivatives.lr.not_positive.hint"),
        ("0.05", "number.quoted", "number.quoted.hint"),
    ])
    def test_each_kind_of_wrong_rate(self, lr, code, slip):
        """Each kind of wrong learning rate gets its own verdict, also a huge one (no OverflowError)."""
        verdict = check_learning_rate(lr)
        assert not verdict.passed and (verdict.code, verdict.slip) == (code, slip), repr(verdict)

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_learning_rate(...))
