"""Deep stacks, weight scales and per-layer statistics: the numbers of notebook 07's first two sections."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnkit import Affine, Sequential, numerical_gradient, spiral
from nnkit.diagnostics import INITS, LayerStatistics, deep_stack, layer_statistics, weight_std


class TestWeightStd:
    @pytest.mark.parametrize("init, n, expected", [
        ("0.01", 50, 0.01), ("1.0", 50, 1.0), ("xavier", 50, 1 / math.sqrt(50)), ("he", 50, math.sqrt(2 / 50)),
        (0.3, 7, 0.3),
    ])
    def test_values(self, init, n, expected):
        """Each named scale gives its formula's standard deviation for n inputs."""
        assert weight_std(init, n) == pytest.approx(expected, rel=1e-15)

    @pytest.mark.parametrize("bad", ["glorot", -1.0, 0, float("nan"), None])
    def test_bad_init(self, bad):
        """An unknown init gets one sentence listing the known ones."""
        with pytest.raises(ValueError, match=r"weight_std expects init to be one of \['0.01', '1.0', 'xavier', 'he'\]"):
            weight_std(bad, 3)


class TestDeepStack:
    def test_shape(self):
        """depth hidden layers of Affine + activation, then an output Affine; weights of the chosen scale."""
        model = deep_stack(2, 40, 3, 5, "relu", "he", seed=0)
        affines = [layer for layer in model.layers if isinstance(layer, Affine)]
        assert len(model.layers) == 11 and len(affines) == 6
        assert affines[0].params[0].shape == (2, 40) and affines[-1].params[0].shape == (40, 3)
        assert affines[2].params[0].std() == pytest.approx(math.sqrt(2 / 40), rel=0.1)

    def test_seeded(self):
        """The same seed gives the same weights; another seed other weights."""
        a, b, c = (deep_stack(2, 8, 3, 3, seed=s) for s in (1, 1, 2))
        assert all(np.array_equal(p, q) for p, q in zip(a.params, b.params))
        assert not np.array_equal(a.params[0], c.params[0])

    def test_bad_activation(self):
        """An unknown activation gets one sentence listing the known ones."""
        with pytest.raises(ValueError, match="deep_stack expects activation to be one of"):
            deep_stack(2, 8, 3, 3, "softplus")

    def test_bad_depth(self):
        """A depth of 0 is refused with a sentence naming depth."""
        with pytest.raises(ValueError, match="depth"):
            deep_stack(2, 8, 3, 0)


class TestLayerStatistics:
    @settings(max_examples=15, deadline=None)
    @given(activation=st.sampled_from(["sigmoid", "tanh", "relu"]), init=st.sampled_from(["1.0", "xavier", "he"]),
           seed=st.integers(0, 1000))
    def test_gradients_match_central_differences(self, activation, init, seed):
        """The gradient sizes are those of the loss's numerical gradient, in float64."""
        rng = np.random.default_rng(seed)
        x, t = rng.standard_normal((6, 3)), rng.integers(0, 2, 6)
        model = deep_stack(3, 4, 2, 3, activation, init, seed=seed)
        stats = layer_statistics(model, x, t)
        weights = [layer.params[0] for layer in model.layers if isinstance(layer, Affine)]
        for W, size in zip(weights, stats.grad_sizes):
            numerical = numerical_gradient(lambda _: model.forward(x, t), W, h=1e-6)
            expected = float(np.sqrt(np.mean(numerical**2)))
            assert size == pytest.approx(expected, rel=1e-5, abs=1e-9)

    def test_sigmoid_vanishes_relu_he_does_not(self):
        """Sigmoid at scale 0.01: the first layer's gradient is orders of magnitude below the last; ReLU with He: within 10×."""
        x, t = spiral()
        sig = layer_statistics(deep_stack(2, 50, 3, 8, "sigmoid", "0.01"), x, t)
        relu = layer_statistics(deep_stack(2, 50, 3, 8, "relu", "he"), x, t)
        assert sig.grad_sizes[0] < 1e-6 * sig.grad_sizes[-1]
        assert max(relu.grad_sizes) < 10 * min(relu.grad_sizes)
        assert len(sig.activations) == 8 and sig.activations[0].shape == (300, 50)

    def test_saturated(self):
        """tanh at scale 1.0 saturates most units in the deep layers; at Xavier almost none."""
        x, t = spiral()
        big = layer_statistics(deep_stack(2, 50, 3, 8, "tanh", "1.0"), x, t).saturated("tanh")
        ok = layer_statistics(deep_stack(2, 50, 3, 8, "tanh", "xavier"), x, t).saturated("tanh")
        assert big[-1] > 0.5 and max(ok) < 0.01

    @pytest.mark.parametrize("activation, kinds", [
        ("sigmoid", ["collapses", "saturates", "healthy", "healthy"]),
        ("tanh", ["collapses", "saturates", "healthy", "healthy"]),
        ("relu", ["collapses", "explodes", "shrinks", "healthy"]),
    ])
    def test_kind(self, activation, kinds):
        """Each start of the 8-layer stack is named from its activations: 0.01 collapses, 1.0 saturates or explodes, He stays healthy."""
        x, t = spiral()
        got = [layer_statistics(deep_stack(2, 50, 3, 8, activation, init), x, t).kind(activation) for init in INITS]
        assert got == kinds

    def test_does_not_change_x(self):
        """The caller's array leaves as it came."""
        x, t = spiral(10)
        before = x.copy()
        layer_statistics(deep_stack(2, 5, 3, 2), x, t)
        assert np.array_equal(x, before)

    def test_not_a_model(self):
        """Something that is not a Sequential gets one sentence."""
        with pytest.raises(TypeError, match="layer_statistics expects a Sequential model"):
            layer_statistics(Affine(np.ones((2, 2)), np.zeros(2)), np.ones((1, 2)), [0])

    def test_repr(self):
        """The repr names the layers, the loss and the gradient sizes."""
        stats = LayerStatistics([np.zeros((2, 2))], [1e-3, 2e-2], 1.0986)
        assert repr(stats) == "LayerStatistics(1 hidden layers, loss 1.099, grad sizes [1.0e-03, 2.0e-02])"


def test_inits_listed():
    """The four scales of the lesson, in the lesson's order."""
    assert INITS == ("0.01", "1.0", "xavier", "he")
