"""Tests for nnkit.widgets.descent: notebook 03's gradient descent explorer."""

import warnings

import numpy as np
import pytest

import nnkit.plotting
from figures import drawn_texts, text_strings
from nnkit.widgets import GradientDescentExplorer, gradient_descent_explorer


class TestGradientDescentExplorer:
    def test_defaults_converge(self):
        """lr 0.1 for 10 steps takes w from 2.5 to 2.5·0.8¹⁰ = 0.268."""
        explorer = gradient_descent_explorer()
        assert isinstance(explorer, GradientDescentExplorer)
        assert repr(explorer) == "GradientDescentExplorer(lr=0.10, steps=10): w = 0.268, L = 0.072 (converges)"
        assert "2-D bowl: L = 0.2·w₁² + w₂²" in text_strings(explorer.figure)

    def test_small_rate_crawls(self):
        """lr 0.01 is still far from the bottom after 10 steps, and the readout says it crawls."""
        explorer = gradient_descent_explorer(lr=0.01)
        assert "crawls" in explorer.readout.value

    def test_rate_between_half_and_one_zigzags(self):
        """lr 0.8 jumps past the bottom each step (w × -0.6), and the headline says so."""
        explorer = gradient_descent_explorer(lr=0.8, steps=3)
        assert "(zigzags)" in repr(explorer)
        assert explorer.HEADLINES["zigzags"] in text_strings(explorer.figure)

    def test_step_zero_is_the_start(self):
        """With no steps the walk is its start."""
        assert repr(gradient_descent_explorer(steps=0)).endswith("w = 2.500, L = 6.250 (start)")

    def test_divergence_is_shown_not_crashed(self):
        """lr 1.2 for 50 steps: the message says diverges, the walk stops finite, no NaN anywhere."""
        explorer = gradient_descent_explorer()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_values({"learning rate": 1.2, "steps": 50})
        readout = explorer.readout.value
        assert "diverges: |w| grows ×1.40 each step — lr above 1.0 overshoots" in readout
        assert "stopped after" in readout
        assert "nan" not in readout.lower() and "inf" not in readout.lower()
        (headline,) = [t for t in drawn_texts(explorer.figure) if t.get_text().startswith("diverges")]
        assert headline.get_color() == nnkit.plotting.TANGENT_COLOR
        assert np.isfinite(explorer._path1.get_xdata()).all()
        assert all("nan" not in t.lower() for t in text_strings(explorer.figure))

    def test_rate_one_bounces(self):
        """lr 1.0 flips w between 2.5 and -2.5 for ever."""
        explorer = gradient_descent_explorer(lr=1.0, steps=7)
        assert explorer._path1.get_xdata()[-1] == pytest.approx(-2.5)
        assert "for ever" in explorer.readout.value
        assert "lr = 1.0: w bounces between 2.5 and −2.5 for ever" in text_strings(explorer.figure)

    def test_the_bounce_headline_follows_the_start(self):
        """The headline names the start the walk bounces around, START_1D, not a 2.5 written into the text."""

        class FromTwo(GradientDescentExplorer):
            START_1D = 2.0

        explorer = FromTwo(lr=1.0, steps=7)
        assert explorer._path1.get_xdata()[-1] == pytest.approx(-2.0)
        assert "lr = 1.0: w bounces between 2 and −2 for ever" in text_strings(explorer.figure)

    def test_every_kind_has_a_headline(self):
        """Whatever the walk, its kind is one of HEADLINES (the readout and the figure agree on it)."""
        explorer = gradient_descent_explorer()
        kinds = set()
        for lr in (0.01, 0.1, 0.8, 1.0, 1.2):
            for steps in (0, 10):
                explorer.set_values({"learning rate": lr, "steps": steps})
                kinds.add(repr(explorer).rsplit("(", 1)[1].rstrip(")"))
        assert kinds == set(GradientDescentExplorer.HEADLINES)

    @pytest.mark.parametrize("steps", [2.5, -1, "3", True])
    def test_steps_must_be_a_whole_number(self, steps):
        """A number of steps that is not a whole number ≥ 0 is refused, in the sentence every count gets."""
        with pytest.raises(ValueError, match=r"gradient_descent_explorer expects steps to be a whole number ≥ 0 \(got "):
            gradient_descent_explorer(steps=steps)

    def test_steps_beyond_the_slider(self):
        """More steps than the slider offers are refused with its range."""
        with pytest.raises(ValueError, match=r"expects steps between 0 and 50, the slider's range \(got 51\)"):
            gradient_descent_explorer(steps=51)
