"""The plain array functions and the lesson's worked numbers."""

import numpy as np
import pytest
from hypothesis import given

from nnkit import cross_entropy_error, mean_squared_error, one_hot, relu, sigmoid, softmax, tanh

from strategies import matrices

QUIET = dict(over="raise", invalid="raise", divide="raise")  # underflow to 0 is harmless


class TestSigmoid:
    def test_midpoint_and_range(self):
        """σ(0) = 0.5, and outputs stay in (0, 1) on [-8, 8]."""
        assert sigmoid(0.0) == 0.5
        y = sigmoid(np.linspace(-8, 8, 101))
        assert np.all((y > 0) & (y < 1))

    def test_no_overflow_warning_at_a_thousand(self):
        """±1000 are quiet and give about 0 and 1."""
        with np.errstate(**QUIET):
            y = sigmoid(np.array([-1000.0, 1000.0]))
        assert y[0] < 1e-300 and y[1] == 1.0

    def test_value_at_one(self):
        """σ(1) = 0.731."""
        assert round(float(sigmoid(1.0)), 3) == 0.731


class TestSoftmax:
    def test_the_dog_cat_hamster_example(self):
        """[3.1, -4.4, 2.8] gives [0.574, 0.0003, 0.425]: the middle one is 0.0003, not 0.001."""
        y = softmax([3.1, -4.4, 2.8])
        assert [round(float(v), 3) for v in y[[0, 2]]] == [0.574, 0.425]
        assert round(float(y[1]), 4) == 0.0003

    @given(matrices())
    def test_rows_sum_to_one(self, x):
        """Every row is a probability distribution."""
        np.testing.assert_allclose(softmax(x).sum(axis=1), 1.0)

    def test_shift_invariance_and_huge_scores(self):
        """Adding a constant changes nothing; ±1000 stay finite and quiet."""
        s = np.array([3.1, -4.4, 2.8])
        np.testing.assert_allclose(softmax(s), softmax(s + 1000))
        with np.errstate(**QUIET):
            assert np.all(np.isfinite(softmax(np.array([1000.0, -1000.0]))))

    def test_three_dimensions_are_refused(self):
        """softmax takes a vector or a batch of rows."""
        with pytest.raises(ValueError, match=r"softmax expects scores to be 1-D or 2-D \(got scores of shape \(1, 1, 3\)\)"):
            softmax(np.zeros((1, 1, 3)))


class TestCrossEntropyError:
    def test_the_lesson_values(self):
        """t = dog: L = 0.55 for the softmax of the scores, 0.22 for [0.8, 0.1, 0.1]."""
        assert round(cross_entropy_error(softmax([3.1, -4.4, 2.8]), [1, 0, 0]), 2) == 0.55
        assert round(cross_entropy_error(np.array([0.8, 0.1, 0.1]), [1, 0, 0]), 2) == 0.22

    def test_labels_and_one_hot_agree(self):
        """Integer labels and one-hot rows give the same mean loss."""
        y = softmax(np.array([[3.1, -4.4, 2.8], [0.0, 1.0, 2.0]]))
        assert cross_entropy_error(y, np.array([0, 2])) == pytest.approx(cross_entropy_error(y, one_hot([0, 2], 3)))
        assert cross_entropy_error(y[0], 0) == pytest.approx(0.5547, abs=1e-4)

    def test_delta_guards_log_of_zero(self):
        """A probability of exactly 0 gives -log(1e-7) ≈ 16.1, not inf."""
        assert cross_entropy_error(np.array([0.0, 1.0]), 0) == pytest.approx(16.118, abs=1e-3)

    def test_label_out_of_range(self):
        """The valid labels are named."""
        with pytest.raises(ValueError, match=r"cross_entropy_error expects labels from 0 to 2 for 3 classes \(got label 5\)"):
            cross_entropy_error(np.full((1, 3), 1 / 3), np.array([5]))


    @pytest.mark.parametrize("y, why", [
        (np.array([3.1, -4.4, 2.8]), "y = \\[3.1, -4.4, 2.8\\], with a negative entry"),
        (np.array([[0.2, 0.7, 0.1], [3.1, 4.4, 2.8]]), "row 1 of y = \\[3.1, 4.4, 2.8\\], with an entry above 1"),
        (np.array([0.2, 0.3, 0.1]), "y = \\[0.2, 0.3, 0.1\\], summing to 0.6"),
    ])
    def test_raw_scores_are_refused(self, y, why):
        """Scores where probabilities belong (negative, above 1, rows not summing to 1) get a sentence, not a negative loss."""
        with pytest.raises(ValueError, match=rf"^cross_entropy_error expects y to hold probabilities, each row from 0 to 1 and "
                                             rf"summing to 1, such as softmax\(scores\) gives \(got {why}; raw scores go "
                                             rf"through softmax first\)\.$"):
            cross_entropy_error(y, 0 if y.ndim == 1 else np.array([1, 0]))

    def test_probabilities_rounded_by_hand_pass(self):
        """Probabilities typed with two or three decimals still count as probabilities."""
        assert cross_entropy_error(np.array([0.33, 0.33, 0.33]), 0) == pytest.approx(-np.log(0.33 + 1e-7))
        assert cross_entropy_error(np.array([0.574, 0.0003, 0.425]), 0) == pytest.approx(0.555, abs=1e-3)

    def test_targets_that_are_not_one_hot(self):
        """One-hot targets that sum to 2 are named."""
        with pytest.raises(ValueError, match=r"cross_entropy_error expects each one-hot row of t to hold 0s and a single 1"):
            cross_entropy_error(np.array([0.5, 0.5]), np.array([1, 1]))


class TestBadInputs:
    @pytest.mark.parametrize("fn", [sigmoid, relu, tanh, softmax])
    def test_none_is_called_none(self, fn):
        """None is named as None, not silently turned into NaN."""
        with pytest.raises(TypeError, match=rf"^{fn.__name__} expects \w+ to be an array of numbers \(got None\)\.$"):
            fn(None)

    def test_none_inside_a_list_is_found(self):
        """A None among numbers is named with its place."""
        with pytest.raises(TypeError, match=r"sigmoid expects x to be an array of real numbers \(got None at index \(1,\)\)"):
            sigmoid([1.0, None])

    def test_complex_numbers_are_not_cut_to_their_real_part(self):
        """numpy would drop the imaginary part with only a ComplexWarning: refused instead."""
        with pytest.raises(TypeError, match=r"tanh expects x to hold real numbers \(got complex numbers such as \(1\+2j\)\)"):
            tanh(np.array([1 + 2j]))

    def test_text_is_not_parsed(self):
        """"1.5" is text, even though numpy could parse it."""
        with pytest.raises(TypeError, match=r"relu expects x to be an array of numbers \(got text such as '1.5', '2'\)"):
            relu(np.array(["1.5", "2"]))

    def test_empty_batches(self):
        """softmax of no rows says so, instead of numpy's reduction error."""
        with pytest.raises(ValueError, match=r"softmax expects scores to hold at least one number \(got an empty scores of shape \(0, 3\)\)"):
            softmax(np.zeros((0, 3)))
        with pytest.raises(ValueError, match=r"one_hot expects at least one label \(got an empty t of shape \(0,\)\)"):
            one_hot(np.array([], dtype=int), 3)


class TestOtherFunctions:
    def test_relu_and_tanh(self):
        """ReLU zeroes the negatives; tanh is odd."""
        np.testing.assert_array_equal(relu([-1.0, 0.0, 2.0]), [0.0, 0.0, 2.0])
        assert tanh(0.5) == pytest.approx(-tanh(-0.5))

    def test_mean_squared_error(self):
        """(ŷ - y)² for one number, the batch mean of row sums for a batch."""
        assert mean_squared_error(np.array([3.0]), np.array([1.0])) == 4.0
        assert mean_squared_error(np.array([[1.0, 2.0], [0.0, 0.0]]), np.zeros((2, 2))) == 2.5
        with pytest.raises(ValueError, match=r"same shape \(got y \(2,\) and t \(3,\)\)"):
            mean_squared_error(np.zeros(2), np.zeros(3))

    def test_one_hot(self):
        """Labels become rows with a single 1."""
        np.testing.assert_array_equal(one_hot([0, 2, 1]), [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
        assert one_hot(np.array([1]), 4).shape == (1, 4)
        with pytest.raises(TypeError, match=r"one_hot expects integer labels \(got float64 values such as 0.5\)"):
            one_hot(np.array([0.5]))
