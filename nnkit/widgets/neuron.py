"""Notebook 01's explorer: one sigmoid neuron, $\\sigma(wx + b)$, with sliders for w and b."""

import numpy as np

from .. import functions as F
from .._format import format_fixed
from .._validation import check_number
from ..plotting import CURVE_COLOR, FAINT_COLOR
from ._words import say
from .base import Explorer, readout_line

__all__ = ["SigmoidExplorer", "sigmoid_explorer"]

_FLAT = 1e-9  # |w| below this is w = 0: the curve is flat and never crosses 0.5


class SigmoidExplorer(Explorer):
    r"""The output $\sigma(wx + b)$ of one neuron: w sets the steepness, b shifts it.

    The curve crosses 0.5 where its input wx + b is 0, at x = -b/w; the plain
    $\sigma(x)$ stays in the background for comparison. Its words are in the language
    current when it is built (``nnkit.set_language``), and stay so.
    """

    figsize = (6.4, 3.1)
    _factory = "sigmoid_explorer"
    X_RANGE = (-8.0, 8.0)
    W_RANGE = (-5.0, 5.0)
    B_RANGE = (-8.0, 8.0)

    def __init__(self, *, w=1.0, b=0.0, size="normal"):
        self._w0 = check_number(w, self._factory, "w", *self.W_RANGE)
        self._b0 = check_number(b, self._factory, "b", *self.B_RANGE)
        super().__init__(size=size)

    def _build(self):
        lo, hi = self.X_RANGE
        self._x = np.linspace(lo, hi, 400)
        ax = self.figure.add_subplot()
        self._style_axes(ax, "x", say(self, "explorer.neuron.ylabel"))
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.05, 1.08)
        ax.axhline(0.5, color=FAINT_COLOR, linestyle=":", linewidth=1)
        ax.plot(self._x, F.sigmoid(self._x), color=FAINT_COLOR, linewidth=2, label="σ(x)")
        self._curve = self._dynamic_artist(ax.plot([], [], color=CURVE_COLOR, linewidth=2.2, label="σ(wx + b)")[0])
        ax.legend(loc="lower right", fontsize=self.look["small"])
        self._guide = self._dynamic_artist(ax.plot([], [], color=CURVE_COLOR, linestyle="--", linewidth=1)[0])
        self._point = self._dynamic_artist(ax.plot([], [], "o", color=CURVE_COLOR, markersize=self._marker(7))[0])
        self._title = self._dynamic_artist(ax.set_title(" ", fontsize=self.look["title"]))
        self._slider("w", *self.W_RANGE, 0.1, self._w0)
        self._slider("b", *self.B_RANGE, 0.1, self._b0)

    def _crossing(self):
        """Where the curve crosses 0.5 (x = -b/w), or None when it never does (w = 0)."""
        w, b = self.value("w"), self.value("b")
        return None if abs(w) < _FLAT else -b / w

    def _update(self):
        w, b = self.value("w"), self.value("b")
        self._curve.set_data(self._x, F.sigmoid(w * self._x + b))
        at_zero = float(F.sigmoid(b))
        cross = self._crossing()
        lo, hi = self.X_RANGE
        inside = cross is not None and lo <= cross <= hi
        for artist in (self._guide, self._point):
            artist.set_visible(inside)
        if inside:
            self._guide.set_data([cross, cross], [0, 0.5])
            self._point.set_data([cross], [0.5])
            where = say(self, "explorer.neuron.crosses", x=format_fixed(cross))
        elif cross is None:
            where = say(self, "explorer.neuron.flat", y=format_fixed(at_zero, 3))
        else:
            where = say(self, "explorer.neuron.crosses_outside", x=format_fixed(cross))
        self._title.set_text(say(self, "explorer.neuron.title", where=where) if cross is not None else where)
        steep = say(self, "explorer.neuron.steepest", slope=format_fixed(w / 4))
        return readout_line(say(self, "explorer.neuron.at_zero", y=format_fixed(at_zero, 3)), where, steep)

    def __repr__(self):
        w, b = self.value("w"), self.value("b")
        return (f"SigmoidExplorer(w={format_fixed(w)}, b={format_fixed(b)}): "
                + say(self, "explorer.neuron.repr", y=format_fixed(float(F.sigmoid(b)), 3)))


def sigmoid_explorer(*, w=1.0, b=0.0, size="normal"):
    r"""Sliders for the weight w and bias b of one sigmoid neuron, $\sigma(wx + b)$ on [-8, 8].

    Args:
        w: the starting weight, in [-5, 5].
        b: the starting bias, in [-8, 8].
        size: "normal", or "large" for a projector.
    """
    return SigmoidExplorer(w=w, b=b, size=size)
