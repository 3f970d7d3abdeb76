"""The layers: gradients against central differences, the contract, and the messages."""

import inspect
import itertools
import warnings

import numpy as np
import pytest
from hypothesis import given

from nnkit import (SGD, Affine, MatMul, MeanSquaredError, ReLU, Sigmoid, Softmax, SoftmaxWithLoss, Tanh, check_layer,
                   numerical_gradient)
from nnkit import functions as functions_module
from nnkit import gates as gates_module
from nnkit import layers as layers_module
from nnkit.functions import one_hot, softmax
from nnkit.layers import Layer

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


class TestWeightsAreTheLearnersArrays:
    """The DLFS2 lesson: params are the learner's arrays, or the layer says why not."""

    def test_float64_weights_are_shared(self):
        """A float64 W is held as it is: an SGD step and a numerical gradient act on the learner's W."""
        W, b = np.ones((2, 3)), np.zeros(3)
        layer = Affine(W, b)
        assert layer.params[0] is W and layer.params[1] is b
        x = np.array([[1.0, 2.0]])
        layer.forward(x)
        layer.backward(np.ones((1, 3)))
        SGD(0.1).update(layer.params, layer.grads)
        np.testing.assert_allclose(W, 1 - 0.1 * np.array([[1.0] * 3, [2.0] * 3]))
        numeric = numerical_gradient(lambda _: float(layer.forward(x).sum()), W)
        np.testing.assert_allclose(numeric, [[1.0] * 3, [2.0] * 3], rtol=1e-6)

    @pytest.mark.parametrize("dtype", [np.int64, np.float32])
    def test_other_dtypes_are_copied_with_a_warning(self, dtype):
        """An int or float32 W cannot take float64 steps in place: the layer copies it and says so, at the learner's line."""
        W = np.ones((2, 3), dtype=dtype)
        with pytest.warns(UserWarning, match=rf"Affine keeps a float64 copy of W, since your W holds {np.dtype(dtype)} numbers: "
                                             r"training and numerical_gradient change layer.params, not your W") as record:
            layer = Affine(W, np.zeros(3))
        assert record[0].filename == __file__
        assert layer.params[0].dtype == np.float64 and layer.params[0] is not W

    def test_read_only_weights_are_copied_with_a_warning(self):
        """A read-only view cannot be updated in place either."""
        W = np.broadcast_to(np.ones(3), (2, 3))
        with pytest.warns(UserWarning, match=r"MatMul keeps a float64 copy of W, since your W is read-only"):
            layer = MatMul(W)
        layer.params[0] -= 1.0  # the copy can be trained
        assert layer.params[0].flags.writeable

    def test_lists_are_converted_quietly(self):
        """A list is not an array anyone holds, so there is nothing to share and nothing to say."""
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")
            layer = Affine([[1, 2], [3, 4]], [0, 0])
        assert layer.params[0].dtype == np.float64

    def test_learner_subclass_is_named(self):
        """The warning names the class the learner used."""

        class MyAffine(Affine):
            pass

        with pytest.warns(UserWarning, match="MyAffine keeps a float64 copy of b"):
            MyAffine(np.ones((2, 3)), np.zeros(3, dtype=int))

    @pytest.mark.parametrize("W, b, what", [
        (np.array([[np.nan, 1.0]]), np.zeros(2), r"Affine expects finite numbers in W \(got nan at index \(0, 0\)"),
        (np.ones((1, 2)), np.array([0.0, np.inf]), r"Affine expects finite numbers in b \(got inf at index \(1,\)"),
        (np.zeros((0, 2)), np.zeros(2), r"Affine expects W to hold at least one weight \(got W of shape \(0, 2\)\)"),
    ])
    def test_weights_that_are_not_numbers(self, W, b, what):
        """NaN, inf and empty weights are refused at construction, before they make every output NaN."""
        with pytest.raises(ValueError, match=what):
            Affine(W, b)


class TestPyTorchHabits:
    def test_affine_of_sizes(self):
        """Affine(2, 4), the nn.Linear habit, names Affine and shows the arrays to make."""
        with pytest.raises(TypeError, match=r"^Affine expects the arrays W and b themselves, not sizes \(got W = 2, b = 4\); "
                                            r"make them first, such as Affine\(W=rng.standard_normal\(\(2, 4\)\), b=np.zeros\(4\)\)\.$"):
            Affine(2, 4)

    def test_affine_with_a_size_for_b(self):
        """A size for b alone is named too, and the hint uses W's shape."""
        with pytest.raises(TypeError, match=r"not sizes \(got b = 4\); .*Affine\(W=rng.standard_normal\(\(2, 4\)\), b=np.zeros\(4\)\)"):
            Affine(np.ones((2, 4)), 4)

    def test_matmul_of_a_size(self):
        """MatMul(3) says MatMul, not a shape of ()."""
        with pytest.raises(TypeError, match=r"MatMul expects the weight array W itself, not a size \(got W = 3\)"):
            MatMul(3)


class TestLabelsOfSoftmaxWithLoss:
    def test_whole_number_floats_and_bools_are_labels(self):
        """t.astype(float) and bool labels give the loss and gradient of the integer labels."""
        x = np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 0.3]])
        labels = np.array([1, 0, 1])
        ref = SoftmaxWithLoss()
        loss = ref.forward(x, labels)
        dx = ref.backward()
        for t in (labels.astype(float), labels.astype(bool)):
            layer = SoftmaxWithLoss()
            assert layer.forward(x, t) == loss
            np.testing.assert_array_equal(layer.backward(), dx)

    @pytest.mark.parametrize("row, why", [
        ([0.0, 0.0, 0.0], "summing to 0"),
        ([1.0, 1.0, 0.0], "summing to 2"),
        ([1.5, -0.5, 0.0], "with a negative entry"),
    ])
    def test_one_hot_rows_must_be_distributions(self, row, why):
        """An all-zero row, a row summing to 2 or a negative entry is named, with the row."""
        t = np.array([[1.0, 0.0, 0.0], row])
        with pytest.raises(ValueError, match=rf"SoftmaxWithLoss.forward expects each one-hot row of t to hold 0s and a single 1 "
                                             rf"\(or probabilities summing to 1\) \(got row 1 of t = \[.*\], {why}\)"):
            SoftmaxWithLoss().forward(np.zeros((2, 3)), t)

    def test_soft_targets_still_pass(self):
        """Rows of probabilities (soft targets) are still targets."""
        assert_passes(check_layer(SoftmaxWithLoss(), np.array([[0.5, -1.0, 2.0]]), t=np.array([[0.7, 0.2, 0.1]])))

    def test_a_bad_label_message_shows_a_few_values(self):
        """Non-integer labels among 300 are shown by a few values on one line, never the whole array."""
        t = np.arange(300) / 7
        with pytest.raises(TypeError) as info:
            SoftmaxWithLoss().forward(np.zeros((300, 3)), t)
        message = str(info.value)
        assert "\n" not in message and len(message) < 200, message
        assert message.startswith("SoftmaxWithLoss.forward expects integer class labels in t (got 0.142857, 0.285714, 0.428571, …")


class TestUpstreamGradients:
    def test_nan_in_a_float64_dout_is_named(self):
        """A float64 dout with NaN is refused, not turned into a NaN gradient without a word."""
        layer = Sigmoid()
        layer.forward(np.zeros((1, 2)))
        with pytest.raises(ValueError, match=r"Sigmoid.backward expects finite numbers in dout \(got nan at index \(0, 1\)"):
            layer.backward(np.array([[1.0, np.nan]]))

    @pytest.mark.parametrize("dout, what", [(None, "None"), (1 + 2j, "complex"), ("1", "the string '1'"), (True, "bool True")])
    def test_a_loss_dout_is_one_real_number(self, dout, what):
        """A loss's dout of None, complex, text or a bool is named as what it is."""
        layer = MeanSquaredError()
        layer.forward(np.zeros(2), np.ones(2))
        with pytest.raises(TypeError, match=rf"MeanSquaredError.backward expects dout to be one number \(got {what}"):
            layer.backward(dout)


# ----- every public layer, gate and function against NaN, None, complex and empty input -----

_X = np.array([[0.5, 1.0, 2.0], [1.5, 0.25, 0.75]])  # positive and moderate: Log, Reciprocal and Exp accept it
#: Values tried for each argument, by name, until a call works: a new layer, gate or
#: function whose arguments use these names is swept without anything added here.
_CANDIDATES = {
    "x": [_X],
    "y": [_X[::-1].copy(), softmax(_X)],
    "t": [np.array([0, 2]), _X / 2, one_hot(np.array([0, 2]), 3)],
    "W": [np.ones((3, 2))],
    "b": [np.zeros(2)],
}
_BAD = {
    "NaN": ("nan", lambda v: np.where(np.arange(v.size).reshape(v.shape) == 0, np.nan, v.astype(float))),
    "None": ("None", lambda v: None),
    "complex": ("complex", lambda v: v.astype(complex) + 1j),
    "empty": ("shape (0", lambda v: np.zeros((0,) + v.shape[1:], dtype=v.dtype)),
}


def _required(fn):
    return [p.name for p in inspect.signature(fn).parameters.values()
            if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self"]


def _public_objects():
    found = []
    for module in (layers_module, gates_module, functions_module):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, Layer) and obj is not Layer:
                found.append(obj)
            elif inspect.isfunction(obj):
                found.append(obj)
    return found


def _working_call(obj):
    """(make, args): a constructor and forward arguments (or a function's arguments) that run cleanly."""
    for_init = _required(obj.__init__) if isinstance(obj, type) else []
    target = obj.forward if isinstance(obj, type) else obj
    names = _required(target)
    missing = [n for n in for_init + names if n not in _CANDIDATES]
    assert not missing, f"{obj.__name__}: add candidate values for {missing} to _CANDIDATES"
    for init_values in itertools.product(*(_CANDIDATES[n] for n in for_init)):
        for values in itertools.product(*(_CANDIDATES[n] for n in names)):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    made = obj(*[v.copy() for v in init_values]) if isinstance(obj, type) else None
                    out = (made.forward if made is not None else obj)(*[v.copy() for v in values])
            except (TypeError, ValueError):
                continue
            return dict(zip(for_init, init_values)), dict(zip(names, values)), out
    raise AssertionError(f"no candidate values make {obj.__name__} run: add some to _CANDIDATES")


PUBLIC = _public_objects()


def test_the_sweep_finds_every_public_object():
    """Introspection finds the layers, the gates and the functions (so a new one is swept too)."""
    names = {obj.__name__ for obj in PUBLIC}
    assert {"Affine", "SoftmaxWithLoss", "Add", "Copy", "Exp", "softmax", "cross_entropy_error", "one_hot"} <= names
    assert len(PUBLIC) >= 8 + 8 + 7 and Layer not in PUBLIC  # today's layers, gates and functions; Layer itself is not swept


def _assert_one_sentence(call, who, what):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning instead of a sentence fails too
        with pytest.raises((TypeError, ValueError)) as info:
            call()
    message = str(info.value)
    assert message.startswith(who), message
    assert what in message, f"{what!r} not in: {message}"
    if what == "None":
        assert "nan" not in message.lower(), message
    assert "\n" not in message and len(message) < 400, message


@pytest.mark.parametrize("bad", list(_BAD))
@pytest.mark.parametrize("obj", PUBLIC, ids=lambda obj: obj.__name__)
def test_bad_inputs_get_one_sentence(obj, bad):
    """NaN, None, complex numbers and empty batches in any argument: one sentence naming the object and what came."""
    init, args, _ = _working_call(obj)
    what, spoil = _BAD[bad]
    for name in args:
        spoilt = dict(args, **{name: spoil(args[name])})
        if isinstance(obj, type):
            call = lambda: obj(**{k: v.copy() for k, v in init.items()}).forward(**spoilt)
        else:
            call = lambda: obj(**spoilt)
        _assert_one_sentence(call, obj.__name__, what)
    for name in init:
        spoilt = dict(init, **{name: spoil(init[name])})
        _assert_one_sentence(lambda: obj(**spoilt), obj.__name__, what)


@pytest.mark.parametrize("bad", list(_BAD))
@pytest.mark.parametrize("obj", [o for o in PUBLIC if isinstance(o, type)], ids=lambda obj: obj.__name__)
def test_bad_upstream_gradients_get_one_sentence(obj, bad):
    """The same for backward's dout (one number for a loss, an array of the output's shape otherwise)."""
    init, args, out = _working_call(obj)
    layer = obj(**{k: v.copy() for k, v in init.items()})
    layer.forward(**{k: v.copy() for k, v in args.items()})
    douts = [p for p in inspect.signature(layer.backward).parameters.values()]
    what, spoil = _BAD[bad]
    if douts and douts[0].default is not inspect.Parameter.empty:  # a loss: dout is one number
        value = {"NaN": float("nan"), "None": None, "complex": 1 + 2j, "empty": np.zeros(0)}[bad]
        what = "nan" if bad == "NaN" else what
        _assert_one_sentence(lambda: layer.backward(value), f"{obj.__name__}.backward", what)
        return
    outs = out if isinstance(out, tuple) else (out,)
    for i in range(len(douts)):
        given = [np.ones_like(o) for o in outs]
        given[i] = spoil(given[i])
        _assert_one_sentence(lambda: layer.backward(*given), f"{obj.__name__}.backward", what)
