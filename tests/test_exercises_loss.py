"""The checkers of 02 · Loss: the solution passes, each classic mistake gets its own hint."""

import math

import numpy as np
import pytest

import nnkit
from nnkit.exercises import loss as ex
from nnkit.solutions import loss as sol

from checks import assert_wrong


class TestCheckSoftmaxFavourite:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_softmax_favourite(*sol.softmax_favourite())

    def test_solution_matches_the_kit(self):
        """The solution's probability is the kit's softmax of the exercise's scores."""
        label, p = sol.softmax_favourite()
        assert p == pytest.approx(nnkit.softmax(ex.FAVOURITE_SCORES).max())

    def test_rounded_and_capitalised(self):
        """A capitalised name and a probability rounded to three decimals pass."""
        assert ex.check_softmax_favourite("Dog", 0.844)

    def test_wrong_class(self):
        """Another class gets the order-of-the-scores hint."""
        assert_wrong(ex.check_softmax_favourite("cat", 0.844), "highest score")

    def test_scores_over_their_sum(self):
        """s_k / Σ s_i gets the not-a-probability hint."""
        assert_wrong(ex.check_softmax_favourite("dog", 2.0), "not a probability")

    def test_numerator_only(self):
        """e² alone gets the divide-by-the-sum hint."""
        assert_wrong(ex.check_softmax_favourite("dog", math.exp(2)), "only the numerator")

    def test_sigmoid_instead(self):
        """σ(2) gets the sigmoid hint."""
        verdict = ex.check_softmax_favourite("dog", 1 / (1 + math.exp(-2)))
        assert not verdict and "sigmoid" in verdict.hint

    def test_percentage(self):
        """84.4 gets the between-0-and-1 hint."""
        assert_wrong(ex.check_softmax_favourite("dog", 84.38), "percentage")

    def test_unknown_class(self):
        """A name that is no class is told the classes."""
        assert_wrong(ex.check_softmax_favourite("cow", 0.844), "'hamster'")

    def test_stub_is_not_done(self):
        """Either placeholder left is "not done yet"."""
        assert not ex.check_softmax_favourite(..., 0.8).done
        assert not ex.check_softmax_favourite("dog", ...).done


class TestCheckCrossEntropy:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_cross_entropy(sol.cross_entropy_by_hand())

    def test_solution_matches_the_kit(self):
        """The solution is the kit's cross_entropy_error of the exercise's numbers."""
        y = np.array(ex.CE_Y)
        expected = nnkit.cross_entropy_error(y, ex.LABELS.index(ex.CE_TARGET))
        assert sol.cross_entropy_by_hand() == pytest.approx(expected, abs=1e-6)

    def test_log_base_10(self):
        """log base 10 gets the natural-log hint."""
        assert_wrong(ex.check_cross_entropy(-math.log10(0.7)), "base 10")

    def test_log_base_2(self):
        """log base 2 gets the natural-log hint."""
        assert_wrong(ex.check_cross_entropy(-math.log2(0.7)), "base 2")

    def test_forgotten_minus(self):
        """A negative loss gets the minus-sign hint."""
        assert_wrong(ex.check_cross_entropy(math.log(0.7)), "minus sign")

    def test_wrong_class(self):
        """−log y_dog gets the one-hot hint."""
        assert_wrong(ex.check_cross_entropy(-math.log(0.2)), "keeps only the cat term")

    def test_every_class_summed(self):
        """Summing −log y_k over all classes gets the t_k-is-0 hint."""
        verdict = ex.check_cross_entropy(-(math.log(0.2) + math.log(0.7) + math.log(0.1)))
        assert not verdict and "every class" in verdict.hint

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert not ex.check_cross_entropy(...).done


class TestCheckDogBelowHamster:
    def test_solution_passes(self):
        """The reference solution is accepted, and so is the value to two decimals."""
        assert ex.check_dog_below_hamster(sol.dog_below_hamster())
        assert ex.check_dog_below_hamster(0.855)

    def test_solution_matches_the_kit(self):
        """The solution is the kit's cross-entropy of the kit's softmax."""
        y = nnkit.softmax(ex.DROPPED_SCORES)
        assert sol.dog_below_hamster() == pytest.approx(nnkit.cross_entropy_error(y, 0), abs=1e-6)

    def test_old_loss(self):
        """The lesson's 0.55 gets the still-dog hint."""
        assert_wrong(ex.check_dog_below_hamster(0.5547), "still dog")

    def test_probability_not_loss(self):
        """y_dog itself gets the −log hint."""
        verdict = ex.check_dog_below_hamster(0.4254)
        assert not verdict and verdict.hint.startswith("that is y_dog")

    def test_log_base_10(self):
        """log base 10 gets the natural-log hint."""
        assert_wrong(ex.check_dog_below_hamster(0.3712), "base 10")

    def test_forgotten_minus(self):
        """A negative loss gets the minus-sign hint."""
        assert_wrong(ex.check_dog_below_hamster(-0.8548), "minus sign")

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert not ex.check_dog_below_hamster(...).done


class TestCheckMse:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_mse(sol.mse_batch())

    def test_solution_matches_the_kit(self):
        """The kit's mean_squared_error of three rows of one output gives the same number."""
        y_hat = np.array(ex.MSE_PRED).reshape(-1, 1)
        y = np.array(ex.MSE_TRUE).reshape(-1, 1)
        assert sol.mse_batch() == pytest.approx(nnkit.mean_squared_error(y_hat, y))

    def test_summed(self):
        """The sum of the squares gets the divide-by-N hint."""
        assert_wrong(ex.check_mse(2.5), "divide by N = 3")

    def test_halved(self):
        """Half the MSE gets the no-½ hint."""
        assert_wrong(ex.check_mse(2.5 / 6), "no ½")

    def test_absolute_error(self):
        """The mean absolute error gets the square-each-difference hint."""
        assert_wrong(ex.check_mse(2 / 3), "mean absolute error")

    def test_signed_mean(self):
        """The mean of the signed differences gets the square-before-averaging hint."""
        assert_wrong(ex.check_mse(-2 / 3), "before averaging")

    def test_square_of_the_mean(self):
        """The squared mean difference gets the order hint."""
        assert_wrong(ex.check_mse(4 / 9), "square of the mean")

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert not ex.check_mse(...).done
