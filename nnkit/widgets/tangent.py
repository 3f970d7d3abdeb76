"""Notebook 03's first explorer: the derivative as the slope of the tangent to y = f(x)."""

import math

import numpy as np

from .._format import format_fixed
from .._validation import check_callable, check_number, check_range
from ..plotting import CURVE_COLOR, TANGENT_COLOR, curve_values, slope_at, value_at
from ._words import say
from .base import Explorer, readout_line

__all__ = ["TangentExplorer", "tangent_explorer"]


def _square(x):
    return x * x


def _twice(x):
    return 2 * x


class TangentExplorer(Explorer):
    r"""Move x0 along y = f(x): the tangent $y = f(x_0) + f'(x_0)(x - x_0)$ follows.

    A small triangle under the tangent shows the slope as rise over a run of 1. Its words
    are in the language current when it is built.
    """

    figsize = (6.4, 3.3)
    _factory = "tangent_explorer"

    def __init__(self, f=None, df=None, *, x0=2.0, x_range=(-5.0, 5.0), size="normal"):
        who = self._factory
        if f is None and df is not None:
            raise ValueError(f"{who} expects df only together with its f (got df but f=None, which means y = x²).")
        if f is not None:
            check_callable(f, who, "f")
        if df is not None:
            check_callable(df, who, "df", "the derivative of f, a function")
        self._default = f is None
        self._f = _square if f is None else f
        self._df = _twice if f is None else df
        self._range = check_range(x_range, who, "x_range")
        self._start = check_number(x0, who, "x0", *self._range)
        super().__init__(size=size)

    def _build(self):
        lo, hi = self._range
        pad = 0.15 * (hi - lo)
        self._view = (lo - pad, hi + pad)
        x = np.linspace(*self._view, 400)
        y = curve_values(self._f, x, self._factory)
        y_lo, y_hi = np.nanmin(y), np.nanmax(y)
        margin = 0.08 * (y_hi - y_lo) if y_hi > y_lo else 1.0
        ax = self.figure.add_subplot()
        self._style_axes(ax, "x", "y")
        name = "y = x²" if self._default else "y = f(x)"
        ax.plot(x, y, color=CURVE_COLOR, linewidth=2, label=name)
        ax.set_xlim(*self._view)
        ax.set_ylim(y_lo - margin, y_hi + margin)
        self._tangent = self._dynamic_artist(ax.plot([], [], color=TANGENT_COLOR, linewidth=1.6,
                                              label=say(self, "fig.tangent"))[0])
        self._run_rise = self._dynamic_artist(ax.plot([], [], color=TANGENT_COLOR, linewidth=1, linestyle=":")[0])
        self._point = self._dynamic_artist(ax.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7))[0])
        ax.legend(loc="upper center", fontsize=self.look["small"], ncol=2)
        self._title = self._dynamic_artist(ax.set_title(" ", fontsize=self.look["title"]))
        step = 0.1 if hi - lo > 2 else (hi - lo) / 100
        self._slider("x0", lo, hi, step, self._start)

    def _numbers(self):
        """(x0, f(x0), slope) at the slider, NaN where f is not defined."""
        x0 = self.value("x0")
        return x0, value_at(self._f, x0), slope_at(self._f, x0, self._df)

    def _update(self):
        x0, y0, slope = self._numbers()
        ok = math.isfinite(y0) and math.isfinite(slope)
        for artist in (self._tangent, self._run_rise, self._point):
            artist.set_visible(ok)
        if not ok:
            self._title.set_text(say(self, "explorer.tangent.none", x=format_fixed(x0)))
            return readout_line(f"x0 = {format_fixed(x0)}", say(self, "explorer.tangent.undefined"))
        a, b = self._view
        self._tangent.set_data([a, b], [y0 + slope * (a - x0), y0 + slope * (b - x0)])
        run = 1.0 if x0 + 1 <= b else -1.0  # the triangle stays inside the view
        self._run_rise.set_data([x0, x0 + run, x0 + run], [y0, y0, y0 + slope * run])
        self._point.set_data([x0], [y0])
        self._title.set_text(say(self, "explorer.tangent.title", x=format_fixed(x0), slope=format_fixed(slope)))
        how = "2·x0" if self._default else ("df" if self._df is not None else say(self, "explorer.tangent.central"))
        return readout_line(say(self, "explorer.tangent.slope", slope=format_fixed(slope)), f"x0 = {format_fixed(x0)}",
                            f"y = {format_fixed(y0)}", say(self, "explorer.tangent.how", how=how))

    def __repr__(self):
        x0, _, slope = self._numbers()
        slope_text = format_fixed(slope) if math.isfinite(slope) else say(self, "explorer.tangent.no_slope")
        return f"TangentExplorer(x0={format_fixed(x0)}): " + say(self, "explorer.tangent.slope", slope=slope_text)


def tangent_explorer(f=None, df=None, *, x0=2.0, x_range=(-5.0, 5.0), size="normal"):
    r"""A slider moves x0 along y = f(x) (y = x² by default); the tangent and its slope follow.

    Args:
        f: a function of one number, or None for y = x².
        df: the derivative of f, or None to measure the slope with a central difference
            (with f = None the derivative 2x is used).
        x0: where the tangent starts, inside x_range.
        x_range: (lo, hi), the slider's range.
        size: "normal", or "large" for a projector.
    """
    return TangentExplorer(f, df, x0=x0, x_range=x_range, size=size)
