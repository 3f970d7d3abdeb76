"""Tests for nnkit.widgets.optimizers: notebook 07's SGD / Momentum / Adam explorer."""

import warnings

import numpy as np
import pytest

import nnkit.plotting
from figures import drawn_texts
from nnkit.widgets import OptimizerExplorer, optimizer_explorer


class TestOptimizerExplorer:
    def test_sgd_on_the_bowl(self):
        """SGD at lr 0.1 for 50 steps crawls along the flat w₁ (0.2·w₁² + w₂²)."""
        explorer = optimizer_explorer(optimizer="SGD")
        assert isinstance(explorer, OptimizerExplorer)
        assert repr(explorer) == "OptimizerExplorer(bowl, SGD, lr=0.10, momentum=0.90, steps=50): crawls"
        assert "SGD has no momentum" in explorer.readout.value

    def test_momentum_zigzags(self):
        """Momentum 0.9 overshoots the bowl's bottom and comes back."""
        assert repr(optimizer_explorer()).endswith(": zigzags")

    def test_divergence_is_shown_not_crashed(self):
        """SGD at lr 0.5 on the valley diverges: said in red, the walk stops, no NaN, no warning."""
        explorer = optimizer_explorer(optimizer="SGD")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_values({"surface": "valley", "learning rate": 0.5, "steps": 200})
        assert "diverged: stopped after" in explorer.readout.value
        (headline,) = [t for t in drawn_texts(explorer.figure) if "diverges" in t.get_text()]
        assert headline.get_color() == nnkit.plotting.TANGENT_COLOR
        assert np.isfinite(explorer._path.get_xdata()).all()
        assert "nan" not in explorer.readout.value.lower()

    def test_drawn_path_stays_near_the_view(self):
        """A diverged path is drawn up to its first point far outside the view (Agg misdraws huge coordinates)."""
        explorer = optimizer_explorer(surface="valley", optimizer="SGD", lr=0.5, steps=100)
        assert len(explorer._path.get_xdata()) < explorer.path().steps + 1
        assert np.abs(explorer._path.get_xdata()[:-1]).max() < 12

    def test_adam_converges_on_the_valley(self):
        """Adam at lr 0.1 reaches the valley's floor within 200 steps, where SGD crawls."""
        explorer = optimizer_explorer(surface="valley", optimizer="Adam", lr=0.1, steps=200)
        assert explorer.path().losses[-1] < 1e-2

    def test_bad_surface(self):
        """An unknown surface is refused, listing the surfaces."""
        with pytest.raises(ValueError, match="optimizer_explorer expects surface to be one of"):
            optimizer_explorer(surface="saddle")
