"""Tests for nnkit.widgets.softmax: notebook 02's softmax and cross-entropy explorer."""

import numpy as np
import pytest

import nnkit

from figures import text_strings
from nnkit.widgets import SoftmaxExplorer, softmax_explorer


class TestSoftmaxExplorer:
    def test_the_lesson_example(self):
        """Scores [3.1, -4.4, 2.8] with t = dog: 0.574, 0.0003, 0.425 and L = 0.555."""
        explorer = softmax_explorer()
        assert isinstance(explorer, SoftmaxExplorer)
        assert repr(explorer) == ("SoftmaxExplorer(scores=[3.1, -4.4, 2.8], t=dog): "
                                  "y = [0.574, 0.0003, 0.425], L = 0.555")
        shown = text_strings(explorer.figure)
        assert {"0.574", "0.0003", "0.425", "3.1", "−4.4", "2.8"} <= set(shown)
        assert "target dog:  cross-entropy L = −log y_dog = 0.555" in shown
        assert "L = 0.555" in explorer.readout.value
        assert set(explorer.controls) == {"dog score", "cat score", "hamster score", "target"}

    def test_target_changes_the_loss(self):
        """Picking hamster as the target gives L = -log 0.425 = 0.855 and highlights its bar."""
        explorer = softmax_explorer()
        explorer.set_value("target", "hamster")
        assert "L = 0.855" in explorer.readout.value
        assert explorer._prob_bars[2].get_edgecolor()[:3] == (0, 0, 0)

    def test_extreme_scores_stay_finite(self):
        """A target far below the others gives its exact large loss, not inf and not capped near 16."""
        explorer = softmax_explorer()
        explorer.set_values({"dog score": -10, "cat score": 10})
        expected = np.log(np.exp(-10) + np.exp(10) + np.exp(2.8)) + 10  # -log softmax(s)[dog]
        assert f"L = {expected:.3f}" in explorer.readout.value and expected > 20

    def test_a_loss_above_the_delta_cap_is_explained(self):
        """Past the 16.1 that δ allows cross_entropy_error, the readout says why this L is larger."""
        explorer = softmax_explorer(target="cat")
        explorer.set_values({"dog score": 10, "cat score": -10})
        readout = explorer.readout.value
        assert "L = 20.001" in readout
        capped = -np.log(nnkit.softmax(np.array([10.0, -10.0, 2.8]))[1] + 1e-7)  # what δ allows
        assert "needs no δ" in readout and f"gives {capped:.3f}" in readout and "≈ 16.1" in readout

    def test_no_delta_note_for_an_ordinary_loss(self):
        """Where δ changes nothing at three decimals the readout stays one line."""
        explorer = softmax_explorer(target="cat")
        assert "δ" not in explorer.readout.value

    def test_two_classes(self):
        """Two labels give two score sliders and two bars a panel."""
        explorer = softmax_explorer(scores=(1.0, -1.0), target="yes", labels=("yes", "no"))
        assert set(explorer.controls) == {"yes score", "no score", "target"}
        assert repr(explorer) == "SoftmaxExplorer(scores=[1.0, -1.0], t=yes): y = [0.881, 0.119], L = 0.127"

    def test_unknown_target(self):
        """A target that is not a label is refused with the labels."""
        message = r"softmax_explorer expects target to be one of \['dog', 'cat', 'hamster'\]"
        with pytest.raises(ValueError, match=message):
            softmax_explorer(target="cow")

    def test_scores_and_labels_must_pair_up(self):
        """Two scores for three labels are refused, counting both."""
        with pytest.raises(ValueError, match="one score per label, .*2 scores and 3 labels"):
            softmax_explorer(scores=(1, 2))

    def test_labels_must_differ(self):
        """Two classes of the same name are refused."""
        with pytest.raises(ValueError, match=r"softmax_explorer expects different labels \(got \['a', 'a'\]\)"):
            softmax_explorer(scores=(1, 2), target="a", labels=("a", "a"))
