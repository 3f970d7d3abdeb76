"""The layers: gradients against central differences, the contract, and the messages."""

import numpy as np
import pytest
from hypothesis import given

from nnkit import Affine, MatMul, MeanSquaredError, ReLU, Sigmoid, Softmax, SoftmaxWithLoss, Tanh, check_layer
from nnkit.functions import one_hot

from checks import assert_passes
from strategies import away_from_kinks, batch_and_weights, matrices, scores_and_labels


class TestAffine:
    @given(batch_and_weights())
    def test_gradients_match_central_differences(self, xWb):
        """dx, dW and db agree with the numerical gradient for random shapes and values."""
        x, W, b = xWb
        report = check_layer(Affine(W, b), x)
        assert_passes(report)
        assert set(report.errors) == {"x", "W", "b"}

    def test_forward_shapes_follow_the_lesson(self):
        """(1x2)(2x4) gives (1x4), a batch (10x2)(2x4) gives (10x4), a vector gives (4,)."""
        layer = Affine(np.ones((2, 4)), np.zeros(4))
        assert layer.forward(np.ones((1, 2))).shape == (1, 4)
        assert layer.forward(np.ones((10, 2))).shape == (10, 4)
        assert layer.forward(np.ones(2)).shape == (4,)

    def test_one_hidden_unit_written_out(self):
        """h1 = x1*w11 + x2*w21 + b1, exactly as the lesson writes it."""
        W = np.array([[1.0, 2.0], [3.0, 4.0]])
        b = np.array([0.5, -0.5])
        h = Affine(W, b).forward(np.array([[2.0, -1.0]]))
        assert h[0, 0] == 2.0 * 1.0 + -1.0 * 3.0 + 0.5

    def test_grads_are_written_in_place(self):
        """backward writes into the grads arrays, so a list holding them sees the numbers."""
        layer = Affine(np.ones((2, 3)), np.zeros(3))
        held = list(layer.grads)
        layer.forward(np.ones((4, 2)))
        layer.backward(np.ones((4, 3)))
        assert held[0] is layer.grads[0] and held[1] is layer.grads[1]
        np.testing.assert_array_equal(held[1], [4.0, 4.0, 4.0])

    def test_backward_twice_gives_the_same_grads(self):
        """Grads are overwritten, not accumulated."""
        rng = np.random.default_rng(0)
        layer = Affine(rng.standard_normal((2, 3)), rng.standard_normal(3))
        layer.forward(rng.standard_normal((5, 2)))
        dout = rng.standard_normal((5, 3))
        first = [g.copy() for g in (layer.backward(dout), *layer.grads)]
        second = [layer.backward(dout), *layer.grads]
        for a, b in zip(first, second):
            np.testing.assert_array_equal(a, b)

    def test_backward_leaves_dout_alone(self):
        """dout is read, never changed."""
        layer = Affine(np.ones((2, 3)), np.zeros(3))
        layer.forward(np.ones((4, 2)))
        dout = np.arange(12.0).reshape(4, 3)
        layer.backward(dout)
        np.testing.assert_array_equal(dout, np.arange(12.0).reshape(4, 3))

    def test_repr_shows_the_shapes(self):
        """The repr tells a learner the shapes of the parameters."""
        assert repr(Affine(np.ones((2, 4)), np.zeros(4))) == "Affine(W: (2, 4), b: (4,))"

    def test_wrong_columns_name_both_shapes(self):
        """A shape mismatch names the layer and both shapes."""
        layer = Affine(np.ones((2, 4)), np.zeros(4))
        with pytest.raises(ValueError, match=r"Affine expects x with 2 columns to match W \(2, 4\) \(got x \(3, 5\)\)"):
            layer.forward(np.ones((3, 5)))

    def test_bias_must_match_the_weights(self):
        """A bias of the wrong length is refused at construction."""
        with pytest.raises(ValueError, match=r"Affine expects b of shape \(4,\) to match W \(2, 4\) \(got b \(3,\)\)"):
            Affine(np.ones((2, 4)), np.zeros(3))

    def test_strings_are_refused(self):
        """Text is not numbers, and the message says what came."""
        layer = Affine(np.ones((2, 4)), np.zeros(4))
        with pytest.raises(TypeError, match=r"Affine.forward expects x to be an array of numbers \(got the string 'abc'\)"):
            layer.forward("abc")
        with pytest.raises(TypeError, match="array of numbers"):
            layer.forward([["a", "b"]])

    def test_nan_input_is_refused_with_its_position(self):
        """A NaN in x is refused, with where it is."""
        layer = Affine(np.ones((2, 4)), np.zeros(4))
        x = np.ones((3, 2))
        x[1, 0] = np.nan
        with pytest.raises(ValueError, match=r"Affine.forward expects finite numbers in x \(got nan at index \(1, 0\)"):
            layer.forward(x)

    def test_backward_before_forward(self):
        """backward before forward says which comes first."""
        with pytest.raises(RuntimeError, match=r"Affine.backward\(\) was called before Affine.forward\(\)"):
            Affine(np.ones((2, 4)), np.zeros(4)).backward(np.ones((1, 4)))

    def test_dout_of_the_wrong_shape(self):
        """dout must have the forward output's shape, and both shapes are named."""
        layer = Affine(np.ones((2, 4)), np.zeros(4))
        layer.forward(np.ones((3, 2)))
        with pytest.raises(ValueError, match=r"Affine.backward expects dout of shape \(3, 4\).*\(got dout of shape \(3, 5\)\)"):
            layer.backward(np.ones((3, 5)))


class TestMatMul:
    @given(batch_and_weights(bias=False))
    def test_gradients_match_central_differences(self, xW):
        """dx = dout Wᵀ and dW = xᵀ dout agree with the numerical gradient."""
        x, W = xW
        assert_passes(check_layer(MatMul(W), x))

    def test_single_sample_shapes(self):
        """(1xD) = (1xH)(HxD): a row vector's gradient has the row's shape."""
        layer = MatMul(np.ones((3, 2)))
        layer.forward(np.ones((1, 3)))
        assert layer.backward(np.ones((1, 2))).shape == (1, 3)
        assert layer.grads[0].shape == (3, 2)

    def test_weights_must_be_a_matrix(self):
        """A 1-D weight is refused with its shape."""
        with pytest.raises(ValueError, match=r"MatMul expects W to be 2-D \(got W of shape \(3,\)\)"):
            MatMul(np.ones(3))


class TestSigmoid:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """dout · y(1 - y) agrees with the numerical gradient."""
        assert_passes(check_layer(Sigmoid(), x))

    def test_extreme_inputs_stay_finite_and_quiet(self):
        """±1000 give (nearly) 0 and 1 with no overflow warning."""
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is harmless
            y = Sigmoid().forward(np.array([[-1000.0, 0.0, 1000.0]]))
        np.testing.assert_allclose(y, [[0.0, 0.5, 1.0]], rtol=0, atol=1e-300)

    def test_backward_uses_the_stored_output(self):
        """σ(1) = 0.731 and σ'(1) = 0.197."""
        layer = Sigmoid()
        y = layer.forward(np.array([1.0]))
        assert round(float(y[0]), 3) == 0.731
        assert round(float(layer.backward(np.array([1.0]))[0]), 3) == 0.197

    def test_backward_before_forward(self):
        """The message names the layer."""
        with pytest.raises(RuntimeError, match=r"Sigmoid.backward\(\) was called before Sigmoid.forward\(\)"):
            Sigmoid().backward(np.ones(3))


class TestReLU:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """The mask passes the gradient where x > 0 only."""
        assert_passes(check_layer(ReLU(), away_from_kinks(x)))

    def test_the_lesson_example(self):
        """x = [[1, -0.5], [-2, 3]]: the mask is where x ≤ 0."""
        layer = ReLU()
        y = layer.forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
        np.testing.assert_array_equal(y, [[1.0, 0.0], [0.0, 3.0]])
        np.testing.assert_array_equal(layer.mask, [[False, True], [True, False]])
        np.testing.assert_array_equal(layer.backward(np.ones((2, 2))), [[1.0, 0.0], [0.0, 1.0]])

    def test_gradient_at_exactly_zero_is_zero(self):
        """At x = 0 nnkit uses slope 0, like PyTorch."""
        layer = ReLU()
        layer.forward(np.array([0.0]))
        assert layer.backward(np.array([5.0]))[0] == 0.0


class TestTanh:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """dout · (1 - y²) agrees with the numerical gradient."""
        assert_passes(check_layer(Tanh(), x))


class TestSoftmax:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """The Jacobian-vector product agrees with the numerical gradient."""
        assert_passes(check_layer(Softmax(), x))

    def test_rows_sum_to_one_even_for_huge_scores(self):
        """Scores of ±1000 give finite probabilities that sum to 1."""
        y = Softmax().forward(np.array([[1000.0, -1000.0, 0.0], [3.1, -4.4, 2.8]]))
        assert np.all(np.isfinite(y))
        np.testing.assert_allclose(y.sum(axis=1), 1.0)


class TestSoftmaxWithLoss:
    @given(scores_and_labels())
    def test_gradients_match_with_labels(self, data):
        """(y - t) / N agrees with the numerical gradient, labels as integers."""
        scores, labels = data
        assert_passes(check_layer(SoftmaxWithLoss(), scores, t=labels))

    @given(scores_and_labels())
    def test_labels_and_one_hot_give_the_same_loss_and_gradient(self, data):
        """Integer labels and one-hot rows are two spellings of the same targets."""
        scores, labels = data
        a, b = SoftmaxWithLoss(), SoftmaxWithLoss()
        k = scores.shape[1]
        assert a.forward(scores, labels) == pytest.approx(b.forward(scores, one_hot(labels, k)), rel=1e-12)
        np.testing.assert_allclose(a.backward(), b.backward(), rtol=1e-12, atol=1e-15)

    def test_one_sample_as_a_vector(self):
        """A 1-D score vector is one sample, with an int label or a one-hot vector."""
        layer = SoftmaxWithLoss()
        loss = layer.forward(np.array([3.1, -4.4, 2.8]), 0)
        assert round(loss, 2) == 0.55
        assert layer.backward().shape == (3,)
        assert SoftmaxWithLoss().forward(np.array([3.1, -4.4, 2.8]), np.array([1, 0, 0])) == pytest.approx(loss)
        assert_passes(check_layer(SoftmaxWithLoss(), np.array([3.1, -4.4, 2.8]), t=2))

    def test_backward_is_y_minus_t_over_n(self):
        """The long chain collapses to (y - t) / N."""
        layer = SoftmaxWithLoss()
        scores = np.array([[3.1, -4.4, 2.8], [0.0, 1.0, 2.0]])
        layer.forward(scores, np.array([0, 2]))
        t = one_hot(np.array([0, 2]), 3)
        np.testing.assert_allclose(layer.backward(), (layer.y - t) / 2)

    def test_stable_for_scores_of_a_thousand(self):
        """Scores of ±1000 give a finite loss and gradient, with no warning."""
        layer = SoftmaxWithLoss()
        with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is harmless
            loss = layer.forward(np.array([[1000.0, -1000.0], [-1000.0, 1000.0]]), np.array([1, 1]))
            dx = layer.backward()
        assert loss == pytest.approx(1000.0)  # half the rows are off by 2000
        assert np.all(np.isfinite(dx))

    def test_batch_mean(self):
        """The loss of a batch is the mean of the rows' losses."""
        scores = np.array([[3.1, -4.4, 2.8], [0.0, 1.0, 2.0]])
        both = SoftmaxWithLoss().forward(scores, np.array([0, 2]))
        rows = [SoftmaxWithLoss().forward(s, k) for s, k in zip(scores, (0, 2))]
        assert both == pytest.approx(np.mean(rows))

    def test_labels_out_of_range(self):
        """A label past the last class is named with the valid range."""
        with pytest.raises(ValueError, match=r"SoftmaxWithLoss.forward expects labels from 0 to 2 for 3 classes \(got label 3\)"):
            SoftmaxWithLoss().forward(np.zeros((2, 3)), np.array([0, 3]))

    def test_label_count_must_match(self):
        """One label per row."""
        with pytest.raises(ValueError, match=r"expects 2 labels in t to match the scores \(got t of shape \(3,\)\)"):
            SoftmaxWithLoss().forward(np.zeros((2, 3)), np.array([0, 1, 2]))

    def test_one_hot_shape_must_match(self):
        """One-hot rows must have the scores' shape."""
        with pytest.raises(ValueError, match=r"expects one-hot t of shape \(2, 3\) to match the scores \(got t of shape \(2, 4\)\)"):
            SoftmaxWithLoss().forward(np.zeros((2, 3)), np.zeros((2, 4)))

    def test_string_labels(self):
        """Text labels are refused."""
        with pytest.raises(TypeError, match=r"expects t as integer labels or one-hot rows"):
            SoftmaxWithLoss().forward(np.zeros((2, 3)), np.array(["dog", "cat"]))

    def test_dout_must_be_one_number(self):
        """The upstream gradient of a loss is a number."""
        layer = SoftmaxWithLoss()
        layer.forward(np.zeros((2, 3)), np.array([0, 1]))
        with pytest.raises(TypeError, match=r"SoftmaxWithLoss.backward expects dout to be one number"):
            layer.backward(np.ones(3))

    def test_backward_before_forward(self):
        """The message names the layer."""
        with pytest.raises(RuntimeError, match=r"SoftmaxWithLoss.backward\(\) was called before"):
            SoftmaxWithLoss().backward()


class TestMeanSquaredError:
    @given(matrices())
    def test_gradients_match_central_differences(self, y):
        """2(y - t)/N agrees with the numerical gradient."""
        t = np.linspace(-1, 1, y.size).reshape(y.shape)
        assert_passes(check_layer(MeanSquaredError(), y, t=t))

    def test_one_number(self):
        """(ŷ - y)² for one prediction."""
        assert MeanSquaredError().forward(np.array([3.0]), np.array([1.0])) == 4.0

    def test_shapes_must_match(self):
        """Both shapes are named."""
        with pytest.raises(ValueError, match=r"MeanSquaredError expects y and t of the same shape \(got y \(2, 3\) and t \(2, 2\)\)"):
            MeanSquaredError().forward(np.zeros((2, 3)), np.zeros((2, 2)))


@pytest.mark.parametrize("layer", [Sigmoid(), ReLU(), Tanh(), Softmax(), Affine(np.ones((3, 2)), np.zeros(2)), MatMul(np.ones((3, 2)))])
def test_every_layer_refuses_inf(layer):
    """inf is named as not finite by every layer."""
    with pytest.raises(ValueError, match=r"expects finite numbers in x \(got inf"):
        layer.forward(np.array([[1.0, np.inf, 0.0]]))


@pytest.mark.parametrize("cls", [Sigmoid, ReLU, Tanh, Softmax])
def test_activations_have_no_params(cls):
    """An activation lists no learnable arrays."""
    layer = cls()
    assert layer.params == [] and layer.grads == []
    assert repr(layer) == f"{cls.__name__}()"


@pytest.mark.parametrize("n", [1, 10])
def test_two_four_three_network_predicts_shapes(n):
    """Affine, Sigmoid, Affine turns N samples of 2 features into N rows of 3 scores."""
    rng = np.random.default_rng(n)
    layers = [Affine(rng.standard_normal((2, 4)), np.zeros(4)), Sigmoid(), Affine(rng.standard_normal((4, 3)), np.zeros(3))]
    x = rng.standard_normal((n, 2))
    for layer in layers:
        x = layer.forward(x)
    assert x.shape == (n, 3)
