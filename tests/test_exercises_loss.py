"""The checkers of 02 · Loss: the solution passes, answers to two decimals pass, each slip gets its own hint."""

import math

import numpy as np
import pytest

import nnkit
from nnkit.exercises import loss as ex
from nnkit.solutions import loss as sol

from checks import assert_not_done

E = math.exp
LN = math.log


class TestCheckSoftmaxFavourite:
    @pytest.mark.parametrize("favourite, probability", [sol.softmax_favourite(), ("Dog", 0.844), ("dog", 0.84),
                                                        (0, np.float64(0.8438))])
    def test_right_answers_pass(self, favourite, probability):
        """The solution, a capitalised name, two decimals and a class index with a numpy number pass."""
        assert ex.check_softmax_favourite(favourite, probability)

    def test_solution_matches_the_kit(self):
        """The solution's probability is the kit's softmax of the exercise's scores."""
        _, p = sol.softmax_favourite()
        assert p == pytest.approx(nnkit.softmax(ex.FAVOURITE_SCORES).max())

    @pytest.mark.parametrize("favourite, probability, slip", [
        ("cat", 0.844, "loss.favourite.order"), ("dog", 2.0, "loss.favourite.ratio"),
        ("dog", E(2), "loss.favourite.numerator"), ("dog", E(2) / (1 + E(-1)), "loss.favourite.denominator"),
        ("dog", 1 / (1 + E(-2)), "loss.favourite.sigmoid"), ("dog", 84.38, "loss.favourite.percent"),
        ("dog", 0.114, "loss.favourite.other"), ("dog", 1 / 3, "loss.favourite.uniform"),
        ("cow", 0.844, "loss.favourite.unknown.hint"),
    ])
    def test_slip_gets_its_hint(self, favourite, probability, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_softmax_favourite(favourite, probability)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    @pytest.mark.parametrize("language", nnkit._text.available_languages())
    def test_a_class_named_in_any_language(self, language):
        """A learner may name the class in either edition's words (the Korean notebook says 개); the verdict names it
        in the language shown, and an unknown name lists the classes in that language."""
        names = [nnkit._text.template(key, language) for key in ex.LABEL_KEYS]
        assert len(set(names)) == len(names)
        _, p = sol.softmax_favourite()
        nnkit.set_language(language)
        try:
            assert ex.check_softmax_favourite(names[0], p)
            assert ex.check_softmax_favourite(names[1], p).slip == "loss.favourite.order"
            for other in nnkit._text.available_languages():
                assert ex.check_softmax_favourite(nnkit._text.template("class.dog", other), p)
            unknown = ex.check_softmax_favourite("cow", p)
            assert all(repr(name) in unknown.hint for name in names), unknown.hint
        finally:
            nnkit.set_language("en")

    @pytest.mark.parametrize("favourite, probability", [(..., 0.8), ("dog", ...)])
    def test_stub_is_not_done(self, favourite, probability):
        """Either placeholder left is "not done yet"."""
        assert_not_done(ex.check_softmax_favourite(favourite, probability))


class TestCheckCrossEntropy:
    @pytest.mark.parametrize("answer", [sol.cross_entropy_by_hand(), 0.36, 0.357, 0.35, 0.3567])
    def test_right_answers_pass(self, answer):
        """The solution and the value to two or more decimals (rounded or cut off) pass."""
        assert ex.check_cross_entropy(answer)

    def test_solution_matches_the_kit(self):
        """The solution is the kit's cross_entropy_error of the exercise's numbers."""
        expected = nnkit.cross_entropy_error(np.array(ex.CE_Y), ex.LABELS.index(ex.CE_TARGET))
        assert sol.cross_entropy_by_hand() == pytest.approx(expected, abs=1e-6)

    @pytest.mark.parametrize("answer, slip", [
        (-math.log10(0.7), "loss.log10"), (-math.log2(0.7), "loss.log2"), (LN(0.7), "loss.minus"),
        (-LN(0.2), "loss.ce.dog"), (-LN(0.1), "loss.ce.hamster"), (-(LN(0.2) + LN(0.7) + LN(0.1)), "loss.ce.all_classes"),
        (0.3, "loss.ce.one_minus"), (-LN(0.3), "loss.ce.log_one_minus"), (-0.7 * LN(0.7), "loss.ce.times_p"),
        (0.7, "loss.ce.probability"), (0.4, "number.too_coarse.hint"), ("0.357", "number.quoted.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_cross_entropy(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_too_coarse_reads(self):
        """One decimal is close but too coarse, and the hint asks for three."""
        assert ex.check_cross_entropy(0.4).hint == "close: give three decimals."

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert_not_done(ex.check_cross_entropy(...))


class TestCheckDogBelowHamster:
    @pytest.mark.parametrize("answer", [sol.dog_below_hamster(), 0.85, 0.855, 0.8548])
    def test_right_answers_pass(self, answer):
        """The solution and the value to two or more decimals pass (0.85 is 0.8548 cut off)."""
        assert ex.check_dog_below_hamster(answer)

    def test_solution_matches_the_kit(self):
        """The solution is the kit's cross-entropy of the kit's softmax."""
        y = nnkit.softmax(ex.DROPPED_SCORES)
        assert sol.dog_below_hamster() == pytest.approx(nnkit.cross_entropy_error(y, 0), abs=1e-6)

    @pytest.mark.parametrize("answer, slip", [
        (0.5547, "loss.dropped.lesson"), (0.4254, "loss.dropped.y"), (0.3712, "loss.log10"), (-0.8548, "loss.minus"),
        (0.575, "loss.ce.one_minus"), (-LN(2.5 / 0.9), "loss.dropped.no_exp"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_dog_below_hamster(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert_not_done(ex.check_dog_below_hamster(...))


class TestCheckMse:
    @pytest.mark.parametrize("answer", [sol.mse_batch(), 0.83, 0.833])
    def test_right_answers_pass(self, answer):
        """The solution and the value to two or three decimals pass."""
        assert ex.check_mse(answer)

    def test_solution_matches_the_kit(self):
        """The kit's mean_squared_error of three rows of one output gives the same number."""
        y_hat = np.array(ex.MSE_PRED).reshape(-1, 1)
        y = np.array(ex.MSE_TRUE).reshape(-1, 1)
        assert sol.mse_batch() == pytest.approx(nnkit.mean_squared_error(y_hat, y))

    @pytest.mark.parametrize("answer, slip", [
        (2.5, "loss.mse.sum"), (2.5 / 6, "loss.mse.half"), (2 / 3, "loss.mse.absolute"), (-2 / 3, "loss.mse.not_squared"),
        (4 / 9, "loss.mse.square_of_mean"), (math.sqrt(2.5 / 3), "loss.mse.root"),
        (1.25, "loss.mse.n_minus_1"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_mse(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert_not_done(ex.check_mse(...))
