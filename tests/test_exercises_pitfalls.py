"""The checkers of notebook 07: the reference passes, each kind of wrong answer gets the hint its numbers call for, a stub is not done."""

import numpy as np
import pytest

from nnkit import solutions
from nnkit.exercises.pitfalls import check_fastest_lr, check_relu_init, check_smallest_gradient
from checks import assert_not_done, assert_wrong


class TestCheckSmallestGradient:
    def test_reference(self):
        """Layer 1, the one the backward pass reaches last, passes and says how small its gradient is."""
        verdict = check_smallest_gradient(solutions.get("smallest_gradient")())
        assert verdict.passed, repr(verdict)
        assert "layer 1: its dW has size 1e-16, against 2e-03 at layer 9" in verdict.message

    @pytest.mark.parametrize("answer, slip", [
        (9, "pitfalls.layer.largest"), (5, "pitfalls.layer.between"), (0, "pitfalls.layer.out_of_range.hint"),
        (10, "pitfalls.layer.out_of_range.hint"), ("first", "pitfalls.layer.not_a_layer.hint"),
        (1.5, "pitfalls.layer.not_a_layer.hint"), (True, "pitfalls.layer.not_a_layer.hint"),
    ])
    def test_slips(self, answer, slip):
        """Each wrong answer gets its own hint."""
        verdict = check_smallest_gradient(answer)
        assert not verdict.passed and verdict.hint_code == slip, repr(verdict)

    def test_numpy_integer(self):
        """A numpy integer counts as a layer number."""
        assert check_smallest_gradient(np.int64(1)).passed

    def test_stub(self):
        """... is not done yet, with the range of layers in the hint."""
        assert_not_done(check_smallest_gradient(...), "1 (next to the input) to 9")


class TestCheckReluInit:
    def test_reference(self):
        """He passes: the spread of the activations stays the same over the 8 layers."""
        verdict = check_relu_init(solutions.get("relu_init")())
        assert verdict.passed, repr(verdict)
        assert "0.33 → 0.26 over 8 layers" in verdict.message

    @pytest.mark.parametrize("answer, slip", [
        ("0.01", "pitfalls.init.collapses"), (0.01, "pitfalls.init.collapses"), ("1.0", "pitfalls.init.explodes"),
        (1, "pitfalls.init.explodes"), ("xavier", "pitfalls.init.shrinks"), (" Xavier ", "pitfalls.init.shrinks"),
    ])
    def test_kinds(self, answer, slip):
        """Each wrong start gets the hint of what it does to the activations (decided from their spread)."""
        assert_wrong(check_relu_init(answer), "")
        assert check_relu_init(answer).hint_code == slip

    @pytest.mark.parametrize("answer", ["glorot", 0.5, ["he"]])
    def test_unknown(self, answer):
        """An init outside the lesson's four is named with the list to pick from."""
        verdict = check_relu_init(answer)
        assert not verdict.passed and "'0.01', '1.0', 'xavier', 'he'" in verdict.hint, repr(verdict)

    def test_stub(self):
        """... is not done yet."""
        assert_not_done(check_relu_init(...), "in quotes")


class TestCheckFastestLr:
    @pytest.mark.parametrize("lr", [solutions.get("fastest_lr")(), 0.74, 0.84])
    def test_right(self, lr):
        """The reference and its neighbours within 15 % of the fewest steps pass."""
        verdict = check_fastest_lr(lr)
        assert verdict.passed, repr(verdict)
        assert "the fewest is 18, at lr 0.82" in verdict.message

    @pytest.mark.parametrize("lr, slip", [
        (0.1, "pitfalls.lr.crawls"), (0.7, "pitfalls.lr.crawls"), (0.95, "pitfalls.lr.zigzags"),
        (1.01, "pitfalls.lr.diverged.hint"), (5, "pitfalls.lr.diverged.hint"), (-0.5, "pitfalls.lr.not_positive.hint"),
        (1e-4, "pitfalls.lr.crawls"),
    ])
    def test_slips(self, lr, slip):
        """Too small crawls, a bit too large zigzags, above 1.0 diverges: each says so (a divergence is a verdict, not a crash)."""
        verdict = check_fastest_lr(lr)
        assert not verdict.passed and verdict.hint_code == slip, repr(verdict)

    def test_never_reached(self):
        """A walk that does not get there in the step budget says so."""
        assert check_fastest_lr(1e-4).code == "pitfalls.lr.never"

    def test_stub_and_text(self):
        """... is not done; a quoted number is told to drop the quotes."""
        assert_not_done(check_fastest_lr(...))
        assert check_fastest_lr("0.8").hint_code == "number.quoted.hint"
