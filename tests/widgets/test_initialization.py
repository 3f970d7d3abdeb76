"""Tests for nnkit.widgets.initialization: notebook 07's activations-at-the-start explorer."""

import numpy as np
import pytest

from figures import text_strings
from nnkit.widgets import InitializationExplorer, initialization_explorer


class TestInitializationExplorer:
    def test_default_sigmoid_collapses_and_vanishes(self):
        """Sigmoid at 0.01: one number for every sample, the gradient vanishing before layer 1."""
        explorer = initialization_explorer()
        assert isinstance(explorer, InitializationExplorer)
        assert repr(explorer).startswith("InitializationExplorer(sigmoid, 0.01 ×1.00): collapses, vanishes")
        assert any("activations collapse to one number, the gradient vanishes" in t for t in text_strings(explorer.figure))

    @pytest.mark.parametrize("activation, init, words", [
        ("relu", "he", "activations healthy, the gradient flows"),
        ("relu", "1.0", "activations explode, the gradient explodes"),
        ("tanh", "1.0", "activations saturate at the flat ends"),
        ("relu", "xavier", "activations shrink layer by layer"),
    ])
    def test_headline_follows_the_numbers(self, activation, init, words):
        """Each setting's headline names what its numbers do."""
        explorer = initialization_explorer(activation=activation, init=init)
        assert any(words in t for t in text_strings(explorer.figure)), text_strings(explorer.figure)

    def test_gain_root_two_turns_xavier_into_he(self):
        """Xavier × √2 gives He's statistics (the same weights, up to round-off)."""
        a = InitializationExplorer.statistics("relu", "xavier", 1.41421356)
        b = InitializationExplorer.statistics("relu", "he", 1.0)
        np.testing.assert_allclose(a.activation_stds, b.activation_stds, rtol=1e-5)  # the gain is kept to 6 decimals

    def test_histograms_hold_every_activation(self):
        """Each layer's histogram shares add up to 1: values beyond the axis are counted at its end."""
        explorer = initialization_explorer(activation="relu", init="1.0")
        for stairs in explorer._stairs:
            assert stairs.get_data().values.sum() == pytest.approx(1.0)

    def test_bad_choice(self):
        """An unknown init is refused, listing the four."""
        with pytest.raises(ValueError, match=r"initialization_explorer expects init to be one of \['0.01', '1.0', 'xavier', 'he'\]"):
            initialization_explorer(init="glorot")

    def test_back_to_an_activation_draws_what_a_full_draw_draws(self):
        """Switching back to an activation reuses its kept background: the picture equals a full draw."""
        explorer = initialization_explorer()
        for activation, gain in (("relu", 1.0), ("tanh", 1.5), ("sigmoid", 0.5), ("relu", 2.0)):
            explorer.set_values({"activation": activation, "gain ×": gain})
            partial = explorer.render_png()
            explorer.refresh(full=True)
            assert explorer.render_png() == partial

    @pytest.mark.parametrize("activation, init, gain", [("sigmoid", "1.0", 1.0), ("tanh", "xavier", 0.25),
                                                        ("relu", "he", 4.0), ("relu", "0.01", 1.0)])
    def test_histograms_count_as_numpy_does(self, activation, init, gain):
        """The all-layers-at-once histogram gives np.histogram's counts, values beyond the range in the end bins."""
        from nnkit.widgets.initialization import RANGES, _shares

        explorer = initialization_explorer(activation=activation, init=init, gain=gain)
        shares, edges = _shares(activation, init, gain)
        lo, hi = RANGES[activation]
        for share, a in zip(shares, explorer.statistics(activation, init, gain).activations):
            counts, _ = np.histogram(np.clip(a, lo, hi), bins=edges)
            assert np.array_equal(share, counts / a.size)
