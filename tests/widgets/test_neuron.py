"""Tests for nnkit.widgets.neuron: notebook 01's sigmoid neuron explorer."""

import numpy as np
import pytest

import nnkit
from figures import text_strings
from nnkit.widgets import SigmoidExplorer, sigmoid_explorer


class TestSigmoidExplorer:
    def test_defaults(self):
        """At w = 1, b = 0 the neuron gives 0.5 at x = 0 and crosses 0.5 there."""
        explorer = sigmoid_explorer()
        assert isinstance(explorer, SigmoidExplorer)
        assert repr(explorer) == "SigmoidExplorer(w=1.00, b=0.00): output at x = 0 is σ(b) = 0.500"
        assert "output at x = 0: σ(b) = 0.500" in explorer.readout.value
        assert "crosses 0.5 at x = −b/w = 0.00" in explorer.readout.value
        assert set(explorer.sliders) == {"w", "b"}

    def test_readout_says_what_the_number_is(self):
        """The value at x = 0 is named as the output there, not as a formula with w·0 in it."""
        explorer = sigmoid_explorer(w=2, b=1)
        assert "output at x = 0: σ(b) = 0.731" in explorer.readout.value
        assert "w·0" not in explorer.readout.value and "w·0" not in repr(explorer)

    def test_crossing_follows_minus_b_over_w(self):
        """With w = 2 and b = -3 the marked crossing moves to x = 1.5 and the curve follows."""
        explorer = sigmoid_explorer()
        explorer.set_values({"w": 2, "b": -3})
        assert explorer._point.get_xdata()[0] == pytest.approx(1.5)
        x, y = explorer._curve.get_data()
        np.testing.assert_allclose(y, nnkit.sigmoid(2 * x - 3))
        assert "σ(wx + b) crosses 0.5 at x = −b/w = 1.50" in text_strings(explorer.figure)

    def test_crossing_outside_the_view(self):
        """With w = 0.5 and b = -6 the crossing x = 12 is outside [-8, 8]: no marker, and the readout says so."""
        explorer = sigmoid_explorer(w=0.5, b=-6)
        assert not explorer._point.get_visible()
        assert "x = −b/w = 12.00, outside the view" in explorer.readout.value

    def test_flat_neuron(self):
        """At w = 0 there is no crossing to mark, and the title says the curve is flat."""
        explorer = sigmoid_explorer(w=0, b=1)
        assert not explorer._point.get_visible()
        assert "w = 0: flat at σ(b) = 0.731, never crosses 0.5" in text_strings(explorer.figure)

    def test_start_outside_the_slider(self):
        """A starting weight outside [-5, 5] is refused with the range."""
        message = r"sigmoid_explorer expects w between -5 and 5, the slider's range \(got 9\)"
        with pytest.raises(ValueError, match=message):
            sigmoid_explorer(w=9)
