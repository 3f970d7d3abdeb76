"""Models: shapes, shared arrays, gradients of the whole network, and messages."""

import numpy as np
import pytest

from nnkit import SGD, Affine, MeanSquaredError, ReLU, Sequential, Sigmoid, SoftmaxWithLoss, TwoLayerNet, spiral
from nnkit.gradcheck import numerical_gradient, relative_error


class TestTwoLayerNet:
    def test_predicts_ten_by_three(self):
        """A 2-4-3 network turns 10 samples of 2 features into (10, 3) scores."""
        net = TwoLayerNet(2, 4, 3, seed=0)
        assert net.predict(np.zeros((10, 2))).shape == (10, 3)
        assert repr(net) == "TwoLayerNet(2-4-3, activation='sigmoid')"

    def test_flat_lists_hold_the_layers_arrays(self):
        """params and grads are the very arrays the layers hold, in W1, b1, W2, b2 order."""
        net = TwoLayerNet(2, 4, 3, seed=0)
        layer_params = net.layers[0].params + net.layers[2].params
        assert all(a is b for a, b in zip(net.params, layer_params))
        assert [p.shape for p in net.params] == [(2, 4), (4,), (4, 3), (3,)]

    def test_identity_survives_training_steps(self):
        """After SGD steps the layers and the model still share the same arrays."""
        net = TwoLayerNet(2, 5, 3, seed=1, weight_scale=0.5)
        x, t = spiral(n_per_class=10, seed=0)
        ids = [id(p) for p in net.params] + [id(g) for g in net.grads]
        before = net.params[0].copy()
        opt = SGD(0.5)
        for _ in range(5):
            net.forward(x, t)
            net.backward()
            opt.update(net.params, net.grads)
        assert ids == [id(p) for p in net.params] + [id(g) for g in net.grads]
        assert net.layers[0].params[0] is net.params[0]
        assert not np.array_equal(before, net.params[0])

    @pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
    def test_whole_network_gradients(self, activation):
        """Backprop through the whole network matches central differences on every parameter."""
        net = TwoLayerNet(2, 5, 3, activation=activation, weight_scale=1.0, seed=3)
        # Not the spiral: its first points sit at the origin, where with b1 = 0 every
        # ReLU is exactly at its kink and a central difference straddles it.
        rng = np.random.default_rng(1)
        x, t = rng.standard_normal((12, 2)), rng.integers(0, 3, 12)
        net.forward(x, t)
        net.backward()
        for p, g in zip(net.params, net.grads):
            numeric = numerical_gradient(lambda _: net.forward(x, t), p, h=1e-5)
            assert relative_error(g, numeric).max() < 1e-7

    def test_seeded_weights_repeat(self):
        """The same seed gives the same weights."""
        a, b = TwoLayerNet(2, 4, 3, seed=5), TwoLayerNet(2, 4, 3, seed=5)
        assert all(np.array_equal(p, q) for p, q in zip(a.params, b.params))

    def test_bad_arguments(self):
        """Sizes, activation and scale are checked with one sentence each."""
        with pytest.raises(ValueError, match=r"TwoLayerNet expects hidden_size to be a positive whole number \(got 0\)"):
            TwoLayerNet(2, 0, 3)
        with pytest.raises(ValueError, match=r"expects activation to be one of \['relu', 'sigmoid', 'tanh'\] \(got 'softplus'\)"):
            TwoLayerNet(2, 4, 3, activation="softplus")

    def test_wrong_input_width(self):
        """x with the wrong number of features names both."""
        with pytest.raises(ValueError, match=r"TwoLayerNet expects x with 2 columns, the input size of its first layer \(got x \(5, 3\)\)"):
            TwoLayerNet(2, 4, 3).predict(np.zeros((5, 3)))

    def test_labels_checked(self):
        """Labels out of range are named."""
        with pytest.raises(ValueError, match=r"TwoLayerNet.forward expects labels from 0 to 2 for 3 classes \(got label 7\)"):
            TwoLayerNet(2, 4, 3).forward(np.zeros((2, 2)), np.array([0, 7]))

    def test_backward_before_forward(self):
        """backward first is explained."""
        with pytest.raises(RuntimeError, match=r"TwoLayerNet.backward\(\) was called before TwoLayerNet.forward\(\)"):
            TwoLayerNet(2, 4, 3).backward()

    def test_accuracy(self):
        """accuracy is the fraction of rows whose top score is the label."""
        net = TwoLayerNet(2, 4, 3, seed=0)
        x = np.zeros((4, 2))
        top = int(net.predict(x)[0].argmax())
        assert net.accuracy(x, np.array([top, top, top, (top + 1) % 3])) == 0.75


class TestSequential:
    def test_mse_regression_stack(self):
        """A stack ending in MeanSquaredError computes the CS231n ŷ = W2 σ(W1 x) example."""
        rng = np.random.default_rng(0)
        W1, W2 = rng.standard_normal((3, 4)), rng.standard_normal((4, 2))
        model = Sequential([Affine(W1, np.zeros(4)), Sigmoid(), Affine(W2, np.zeros(2))], MeanSquaredError())
        x, y = rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
        loss = model.forward(x, y)
        h = 1 / (1 + np.exp(-(x @ W1)))
        assert loss == pytest.approx(np.sum((h @ W2 - y) ** 2) / 5)
        model.backward()
        dy = 2 * (h @ W2 - y) / 5
        np.testing.assert_allclose(model.grads[2], h.T @ dy)
        np.testing.assert_allclose(model.grads[0], x.T @ ((dy @ W2.T) * h * (1 - h)))

    def test_repr_lists_the_layers(self):
        """The repr shows each layer with its shapes."""
        model = Sequential([Affine(np.ones((2, 3)), np.zeros(3)), ReLU()], SoftmaxWithLoss())
        assert repr(model) == "Sequential(\n  Affine(W: (2, 3), b: (3,)),\n  ReLU(),\n  SoftmaxWithLoss()\n)"

    def test_refuses_non_layers(self):
        """Something without forward/backward is named by position."""
        with pytest.raises(TypeError, match=r"Sequential expects every layer 1 to have forward\(\) and backward\(\) \(got str\)"):
            Sequential([ReLU(), "relu"], SoftmaxWithLoss())


class TestLearnersLayersInsideModels:
    """A learner's subclass that overrides forward or backward is what a model runs."""

    def test_overridden_backward_runs_inside_a_model(self):
        """Sequential calls the learner's backward, not the kit's private fast path."""
        calls = []

        class MyAffine(Affine):
            def backward(self, dout):
                calls.append("mine")
                return super().backward(dout)

        model = Sequential([MyAffine(np.ones((2, 3)), np.zeros(3))], SoftmaxWithLoss())
        model.forward(np.ones((4, 2)), np.array([0, 1, 2, 0]))
        model.backward()
        assert calls == ["mine"]

    def test_overridden_forward_runs_inside_a_model(self):
        """predict goes through the learner's forward."""

        class Doubling(ReLU):
            def forward(self, x):
                return 2 * super().forward(x)

        model = Sequential([Doubling()], SoftmaxWithLoss())
        np.testing.assert_array_equal(model.predict(np.array([[1.0, -1.0]])), [[2.0, 0.0]])

    def test_kit_layers_take_the_fast_path(self):
        """nnkit's own layers are called through their unchecked steps."""
        model = TwoLayerNet(2, 3, 3)
        assert model._forwards[0] == model.layers[0]._forward
        assert model._backwards[0] == model.layers[2]._backward


class TestAccuracyChecksItsLabels:
    """accuracy answers for labels it can read, and says why for the others (before, 0.0 came back)."""

    @pytest.mark.parametrize("t, error, what", [
        (np.array([0, 1, 5, 2]), ValueError, r"TwoLayerNet.accuracy expects labels from 0 to 2 for 3 classes \(got label 5\)"),
        (None, TypeError, r"TwoLayerNet.accuracy expects t as integer labels or one-hot rows \(got None\)"),
        (np.array(["dog", "cat", "dog", "cat"]), TypeError, r"TwoLayerNet.accuracy expects t as integer labels or one-hot rows \(got text such as 'dog', 'cat', 'dog'"),
        (np.array([0, 1]), ValueError, r"TwoLayerNet.accuracy expects 4 labels in t to match the scores \(got t of shape \(2,\)\)"),
    ])
    def test_labels_it_cannot_read(self, t, error, what):
        """Out of range, None, text or the wrong count: one sentence each."""
        with pytest.raises(error, match=what):
            TwoLayerNet(2, 4, 3, seed=0).accuracy(np.zeros((4, 2)), t)

    def test_the_same_answer_for_every_spelling_of_the_labels(self):
        """Integer labels, whole-number floats, bools (for two classes) and one-hot rows give the same accuracy."""
        net = TwoLayerNet(2, 4, 2, seed=0, weight_scale=1.0)
        x = np.random.default_rng(0).standard_normal((20, 2))
        t = (x[:, 0] > 0).astype(int)
        expected = net.accuracy(x, t)
        assert 0 < expected < 1
        for same in (t.astype(float), t.astype(bool), np.eye(2)[t]):
            assert net.accuracy(x, same) == expected


class TestTargetsOfAModel:
    def test_mse_targets_of_the_wrong_shape(self):
        """A regression model names the shape its targets need."""
        model = Sequential([Affine(np.ones((2, 3)), np.zeros(3))], MeanSquaredError())
        with pytest.raises(ValueError, match=r"Sequential.forward expects t of shape \(4, 3\), one target per output, to match the scores \(got t of shape \(4, 2\)\)"):
            model.forward(np.ones((4, 2)), np.ones((4, 2)))

    @pytest.mark.parametrize("kwargs, what", [
        (dict(weight_scale=None), r"TwoLayerNet expects a positive weight_scale \(got None\)"),
        (dict(activation=["relu"]), r"TwoLayerNet expects activation to be one of"),
        (dict(seed="zero"), r"TwoLayerNet expects seed to be a whole number ≥ 0 or None \(got the string 'zero'\)"),
    ])
    def test_bad_constructor_arguments(self, kwargs, what):
        """None, a list or a text seed get a sentence, not numpy's TypeError."""
        with pytest.raises((TypeError, ValueError), match=what):
            TwoLayerNet(2, 4, 3, **kwargs)


class TestTrainStep:
    def test_the_same_gradients_as_forward_and_backward(self):
        """fit's step gives the loss and every gradient of forward + backward, bit for bit."""
        x, t = spiral(n_per_class=10, seed=0)
        a, b = TwoLayerNet(2, 5, 3, seed=1, weight_scale=0.5), TwoLayerNet(2, 5, 3, seed=1, weight_scale=0.5)
        loss = a.forward(x, t)
        a.backward()
        assert b._train_step(x, t) == loss
        for g, h in zip(a.grads, b.grads):
            np.testing.assert_array_equal(g, h)

    def test_a_learners_first_layer_still_runs_its_backward(self):
        """The first layer's dx is skipped only for nnkit's own layers; a learner's backward runs."""
        calls = []

        class MyAffine(Affine):
            def backward(self, dout):
                calls.append("mine")
                return super().backward(dout)

        model = Sequential([MyAffine(np.ones((2, 3)), np.zeros(3))], SoftmaxWithLoss())
        model._train_step(np.ones((4, 2)), np.array([0, 1, 2, 0]))
        assert calls == ["mine"]
