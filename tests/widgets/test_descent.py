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
        assert repr(explorer).endswith("(crawls)")
        assert "after 10 steps w is still 2.04" in explorer.readout.value

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
        assert "each step multiplies w by 1 − 2·lr = -1.40: |w| grows ×1.40 a step" in readout
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
        assert "w only changes sign" in explorer.readout.value
        assert "lr = 1.0: w bounces between 2.5 and −2.5 for ever" in text_strings(explorer.figure)

    def test_the_headline_is_said_once(self):
        """The figure's headline names the kind of walk; the readout gives its numbers, not the headline again."""
        explorer = gradient_descent_explorer()
        for lr, steps in ((0.01, 10), (0.1, 10), (0.8, 3), (1.0, 7), (1.2, 10), (0.1, 0)):
            explorer.set_values({"learning rate": lr, "steps": steps})
            headline = explorer._message.get_text()
            assert headline in text_strings(explorer.figure)
            assert headline.split(":")[0] not in explorer.readout.value

    @pytest.mark.parametrize("lr", [1.05, 1.1, 1.2])
    @pytest.mark.parametrize("steps", [2, 3, 10, 50])
    def test_the_last_step_stays_on_screen(self, lr, steps):
        """However far a diverging walk goes, its current-step marker is inside both panels' views."""
        explorer = gradient_descent_explorer(lr=lr, steps=steps)
        for dot, where in ((explorer._now1, explorer._where1), (explorer._now2, explorer._where2)):
            (x,), (y,) = dot.get_data()
            (x0, x1), (y0, y1) = dot.axes.get_xlim(), dot.axes.get_ylim()
            assert x0 < x < x1 and y0 < y < y1
            off = dot.get_marker() != "o"
            assert off == where.get_text().endswith("(off view)")
        assert explorer._now1.get_marker() == "^" or explorer._path1.get_xdata()[-1] ** 2 <= 10.8

    def test_the_step_count_moves_after_convergence(self):
        """Once w sits at the bottom, one more step still changes the picture: its step count and w."""
        explorer = gradient_descent_explorer(lr=0.3, steps=30)
        before = set(text_strings(explorer.figure))
        explorer.set_value("steps", 31)
        after = set(text_strings(explorer.figure))
        assert f"step 30: w = {2.5 * 0.4**30:.1e}" in before and f"step 31: w = {2.5 * 0.4**31:.1e}" in after
        assert "w = 0.000" not in explorer.readout.value  # the readout's w keeps moving too

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
