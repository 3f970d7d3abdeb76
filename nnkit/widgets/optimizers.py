"""Notebook 07's second explorer: SGD, Momentum and Adam walking on a 2-D loss surface.

The path is walked by ``nnkit.optim``'s own ``update`` (through ``nnkit.surfaces``): the
zigzag of SGD across the bowl, Momentum's overshoot, Adam's even steps, and a learning
rate so large that the walk diverges, which is drawn as divergence (the walk stops, the
headline says so), never a crash or a NaN.
"""

import html

import numpy as np
from matplotlib.ticker import NullLocator

from ..optim import SGD, Adam, Momentum
from ..plotting import CURVE_COLOR, FAINT_COLOR, TANGENT_COLOR
from ..surfaces import SURFACES, optimizer_path
from .. import _text
from ._words import label, say, translated
from .base import Explorer, readout_line, readout_lines

__all__ = ["OptimizerExplorer", "optimizer_explorer", "OPTIMIZERS"]

OPTIMIZERS = ("SGD", "Momentum", "Adam")
LOSS_RANGE = (1e-12, 1e6)
LOSS_TICKS = (1e-12, 1e-8, 1e-4, 1.0, 1e4)
CONVERGED = 1e-4  # the loss under which a walk counts as arrived
MAX_STEPS = 200
_HEADLINE_CODES = {kind: f"explorer.optimizers.headline.{kind}"
                   for kind in ("diverges", "converges", "zigzags", "crawls")}


def make_optimizer(name, lr, momentum):
    """A fresh optimizer: ``momentum`` is Momentum's μ and Adam's β₁ (its running mean of the gradient); SGD has none."""
    if name == "SGD":
        return SGD(lr)
    if name == "Momentum":
        return Momentum(lr, momentum)
    if name == "Adam":
        return Adam(lr, beta1=momentum)
    raise ValueError(f"make_optimizer expects one of {list(OPTIMIZERS)} (got {name!r}).")


def walk_kind(path):
    """How a walk went: "diverges", "converges", "zigzags" (the loss rose at more than a tenth of the steps) or "crawls"."""
    if path.diverged:
        return "diverges"
    if path.losses[-1] <= CONVERGED:
        return "converges"
    rises = np.count_nonzero(np.diff(path.losses) > 0)
    if path.steps and rises > 0.1 * path.steps:
        return "zigzags"
    return "crawls"


class OptimizerExplorer(Explorer):
    """An optimizer's path over a loss surface's contours, and its loss step by step.

    Its words are in the language current when it is built (``HEADLINES`` too: the
    class's are English, an explorer's its own language's).
    """

    figsize = (7.6, 3.4)  # at "large", 7.6 × 1.6 × 90 dpi stays inside the 1100 px that keeps 16 pt at 90 dpi
    _factory = "optimizer_explorer"

    #: One headline a kind of walk, in English here; an explorer's own are in its language.
    HEADLINES = {kind: _text.template(code, "en") for kind, code in _HEADLINE_CODES.items()}

    def __init__(self, *, surface="bowl", optimizer="Momentum", lr=0.1, momentum=0.9, steps=50, size="normal"):
        from .._validation import check_count, check_number

        if surface not in SURFACES:
            raise ValueError(f"{self._factory} expects surface to be one of {sorted(SURFACES)} (got {surface!r}).")
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"{self._factory} expects optimizer to be one of {list(OPTIMIZERS)} (got {optimizer!r}).")
        self._start = dict(surface=surface, optimizer=optimizer,
                           lr=check_number(lr, self._factory, "lr", 0.01, 1.2),
                           momentum=check_number(momentum, self._factory, "momentum", 0.0, 0.99),
                           steps=int(check_number(check_count(steps, self._factory, "steps", minimum=0),
                                                  self._factory, "steps", 0, MAX_STEPS)))
        self._drawn_surface = None
        self._contours = None
        super().__init__(size=size)

    def _build(self):
        self._map, self._curve = self.figure.subplots(1, 2, width_ratios=[1.2, 1])
        self._style_axes(self._map, "w₁", "w₂")
        self._start_dot = self._map.plot([], [], "o", mfc="white", mec="0.3", markersize=self._marker(7))[0]
        self._minimum = self._map.plot([], [], "+", color="0.3", markersize=self._marker(9))[0]
        self._path = self._dynamic_artist(self._map.plot([], [], "o-", color=CURVE_COLOR, markersize=self._marker(3),
                                                         linewidth=1)[0])
        self._now = self._dynamic_artist(self._map.plot([], [], "o", color=TANGENT_COLOR,
                                                        markersize=self._marker(6))[0])
        self._style_axes(self._curve, say(self, "explorer.optimizers.step_axis"), None, say(self, "fig.loss"))
        self._curve.set_yscale("log")
        self._curve.set_ylim(*LOSS_RANGE)
        self._curve.set_yticks(LOSS_TICKS, [f"1e{round(np.log10(v)):d}" if v != 1 else "1" for v in LOSS_TICKS])
        self._curve.yaxis.set_minor_locator(NullLocator())
        self._curve.set_xlim(0, MAX_STEPS)
        self._curve.axhline(CONVERGED, color=FAINT_COLOR, linewidth=1, linestyle="--")
        self._losses = self._dynamic_artist(self._curve.plot([], [], color=CURVE_COLOR)[0])
        self._headline = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        s = self._start
        label(self, self._choice("surface", [(say(self, f"explorer.surface.{name}"), name) for name in SURFACES],
                                 s["surface"]), "explorer.control.surface")
        label(self, self._choice("optimizer", [(say(self, f"explorer.optimizer.{name}"), name) for name in OPTIMIZERS],
                                 s["optimizer"]),
              "explorer.control.optimizer")
        label(self, self._slider("learning rate", 0.01, 1.2, 0.01, s["lr"]), "explorer.control.learning_rate")
        label(self, self._slider("momentum", 0.0, 0.99, 0.01, s["momentum"]), "explorer.control.momentum")
        label(self, self._slider("steps", 0, MAX_STEPS, 1, s["steps"], integer=True), "explorer.control.steps")
        self.HEADLINES = translated(self, _HEADLINE_CODES)  # in this explorer's language

    def _draw_surface(self, surface):
        """Contours, start and minimum of a surface: static, drawn again only when the surface changes."""
        if self._contours is not None:
            self._contours.remove()
        (lo1, hi1), (lo2, hi2) = surface.view
        g1, g2 = np.meshgrid(np.linspace(lo1, hi1, 160), np.linspace(lo2, hi2, 120))
        self._contours = self._map.contour(g1, g2, surface.loss(g1, g2), levels=surface.levels,
                                           colors=FAINT_COLOR, linewidths=1)
        self._map.set_xlim(lo1, hi1)
        self._map.set_ylim(lo2, hi2)
        # Whole-number ticks: labels as narrow on every surface as on the first, whose
        # layout is frozen; the right end's label leans left, away from the loss axis.
        for axis, lo, hi in ((self._map.xaxis, lo1, hi1), (self._map.yaxis, lo2, hi2)):
            ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)
            axis.set_ticks(ticks, [f"{v:g}".replace("-", "−") for v in ticks])
        self._map.get_xticklabels()[-1].set_horizontalalignment("right")
        self._map.set_title(f"L = {surface.formula}", fontsize=self.look["text"])
        self._start_dot.set_data([surface.start[0]], [surface.start[1]])
        self._minimum.set_data([surface.minimum[0]], [surface.minimum[1]])
        self._drawn_surface = surface.name
        self._full_redraw(key=("surface", surface.name))  # coming back to a surface costs a frame, not a draw

    def path(self):
        """The Path of the current settings."""
        v = self.value
        return optimizer_path(v("surface"), make_optimizer(v("optimizer"), v("learning rate"), v("momentum")),
                              v("steps"))

    def _update(self):
        surface = SURFACES[self.value("surface")]
        if surface.name != self._drawn_surface:
            self._draw_surface(surface)
        path = self.path()
        points = path.points
        shown = _in_reach(points, surface.view)
        self._path.set_data(shown[:, 0], shown[:, 1])
        self._now.set_data([points[-1, 0]], [points[-1, 1]])
        self._losses.set_data(np.arange(len(points)), np.clip(path.losses, *LOSS_RANGE))
        kind = walk_kind(path)
        key, lr, mu = self.value("optimizer"), self.value("learning rate"), self.value("momentum")
        name = say(self, f"explorer.optimizer.{key}")
        self._headline.set_text(f"{name}, lr {lr:.2f}: {self.HEADLINES[kind]}")
        self._headline.set_color(TANGENT_COLOR if kind == "diverges" else "black")
        setting = {"SGD": say(self, "explorer.optimizers.sgd_setting", name=name, lr=f"{lr:.2f}"),
                   "Momentum": f"{name}, lr {lr:.2f}, μ {mu:.2f}", "Adam": f"{name}, lr {lr:.2f}, β₁ {mu:.2f}"}[key]
        w1, w2 = points[-1]
        first = readout_line(setting, say(self, "explorer.optimizers.steps", steps=path.steps),
                             f"w = ({_w(w1)}, {_w(w2)})",
                             f"L = {_loss(path.losses[-1])}")
        arrived = path.steps_to(CONVERGED)
        if kind == "diverges":
            second = say(self, "explorer.optimizers.diverged", steps=path.steps)
        elif arrived is not None:
            second = say(self, "explorer.optimizers.arrived", step=arrived)
        else:
            second = say(self, "explorer.optimizers.still_above", kind=say(self, f"explorer.kind.{kind}"))
        return readout_lines(first, html.escape(second))

    def __repr__(self):
        path = self.path()
        v = self.value
        return (f"OptimizerExplorer({v('surface')}, {v('optimizer')}, lr={v('learning rate'):.2f}, "
                f"momentum={v('momentum'):.2f}, steps={v('steps')}): "
                + say(self, f"explorer.kind.{walk_kind(path)}"))


def _in_reach(points, view):
    """The points up to the first one far outside the view (that one kept, to show the way out).

    A diverged walk ends thousands of views away; coordinates that large make Agg draw
    the line outside the axes' clip box, so what is drawn stops one point past the edge.
    """
    (lo1, hi1), (lo2, hi2) = view
    reach = 3 * max(hi1 - lo1, hi2 - lo2)
    far = np.flatnonzero(np.max(np.abs(points - [(lo1 + hi1) / 2, (lo2 + hi2) / 2]), axis=1) > reach)
    if far.size == 0:
        return points
    return points[: far[0] + 1]


def _w(v):
    return f"{v:.3f}" if abs(v) < 1000 else f"{v:.1e}"


def _loss(v):
    return f"{v:.1e}" if v < 0.01 or v >= 1000 else f"{v:.3f}"


def optimizer_explorer(*, surface="bowl", optimizer="Momentum", lr=0.1, momentum=0.9, steps=50, size="normal"):
    """Pick a surface, an optimizer, its learning rate and momentum; watch the path it walks.

    Args:
        surface: "bowl" (0.2·w₁² + w₂²) or "valley" (a gentle Rosenbrock).
        optimizer: "SGD", "Momentum" or "Adam" (``nnkit.optim``).
        lr: the learning rate, 0.01 to 1.2.
        momentum: Momentum's μ, and Adam's β₁; SGD ignores it. 0 to 0.99.
        steps: how many updates, 0 to 200.
        size: "normal", or "large" for a projector.
    """
    return OptimizerExplorer(surface=surface, optimizer=optimizer, lr=lr, momentum=momentum, steps=steps, size=size)
