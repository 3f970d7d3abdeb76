"""Notebook 07's first explorer: pick an activation and a weight scale, watch a deep stack's activations.

Eight hidden layers of 50 neurons on the spiral: one histogram a layer of what its
activation puts out at the start, and the size of every layer's weight gradient on one
backward pass. A scale of 0.01 collapses the activations to one number, 1.0 saturates
sigmoid and tanh (or explodes ReLU), Xavier suits tanh and He suits ReLU.
"""

import functools
import html

import numpy as np
from matplotlib.ticker import NullLocator

from ..data import spiral
from ..diagnostics import INITS, deep_stack, layer_statistics
from ..plotting import CURVE_COLOR, FAINT_COLOR, TANGENT_COLOR
from .. import _text
from ._words import label, say, translated
from .base import Explorer, readout_line, readout_lines

__all__ = ["InitializationExplorer", "initialization_explorer"]

DEPTH = 8
HIDDEN = 50
BINS = 24
#: The x-range of each activation's histograms (ReLU's right end gathers everything beyond it).
RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 2.0)}
GRAD_RANGE = (1e-18, 1e6)
GRAD_TICKS = (1e-15, 1e-10, 1e-5, 1.0, 1e5)
GAIN_RANGE = (0.25, 4.0)
_START_CODES = {kind: f"explorer.init.start.{kind}"
                for kind in ("collapses", "saturates", "explodes", "shrinks", "healthy")}
_GRADIENT_CODES = {kind: f"explorer.init.gradient.{kind}" for kind in ("vanishes", "explodes", "flows")}
SCALE_LABELS = {"0.01": "0.01", "1.0": "1.0", "xavier": "Xavier 1/√n", "he": "He √(2/n)"}


class InitializationExplorer(Explorer):
    """The activations of a deep stack at the start, layer by layer, for an activation and a weight scale.

    Its words are in the language current when it is built (``STARTS`` and ``GRADIENTS``
    too: the class's are English, an explorer's its own language's).
    """

    figsize = (7.6, 3.7)  # at "large", 7.6 × 1.6 × 90 dpi stays inside the 1100 px that keeps 16 pt at 90 dpi
    _factory = "initialization_explorer"

    #: The headline's words for each kind of start (``LayerStatistics.kind``) and of gradient.
    #: (In English here; an explorer's own are in its language.)
    STARTS = {kind: _text.template(code, "en") for kind, code in _START_CODES.items()}
    GRADIENTS = {kind: _text.template(code, "en") for kind, code in _GRADIENT_CODES.items()}

    def __init__(self, *, activation="sigmoid", init="0.01", gain=1.0, size="normal"):
        from .._validation import check_number
        from ..diagnostics import ACTIVATIONS

        if activation not in ACTIVATIONS:
            raise ValueError(f"{self._factory} expects activation to be one of {sorted(ACTIVATIONS)} (got {activation!r}).")
        if init not in INITS:
            raise ValueError(f"{self._factory} expects init to be one of {list(INITS)} (got {init!r}).")
        self._start = (activation, init, check_number(gain, self._factory, "gain", *GAIN_RANGE))
        self._drawn_activation = None
        super().__init__(size=size)

    @staticmethod
    def statistics(activation, init, gain=1.0):
        """The LayerStatistics of the stack for this activation, scale and gain (each setting computed once)."""
        return _statistics(activation, init, round(float(gain), 6))

    def _settings(self):
        return self.value("activation"), self.value("weight scale"), self.value("gain ×")

    def _build(self):
        grid = self.figure.add_gridspec(2, 5, width_ratios=[1, 1, 1, 1, 1.5])
        self._axes = []
        self._stairs = []
        self._stds = []
        for k in range(DEPTH):
            ax = self.figure.add_subplot(grid[k // 4, k % 4])
            self._style_axes(ax)
            ax.set_ylim(0, 1.05)
            ax.set_title(say(self, "explorer.init.layer", layer=k + 1), fontsize=self.look["small"], pad=2)
            ax.set_yticks([0, 0.5, 1])
            if k % 4:
                ax.set_yticklabels([])
            edges = np.linspace(0, 1, BINS + 1)
            self._stairs.append(self._dynamic_artist(ax.stairs(np.zeros(BINS), edges, fill=True, color=CURVE_COLOR)))
            self._stds.append(self._dynamic_artist(ax.text(0.97, 0.93, " ", transform=ax.transAxes, ha="right",
                                                           va="top", fontsize=self.look["small"])))
            self._axes.append(ax)
        self._axes[0].set_ylabel(say(self, "explorer.init.share"), fontsize=self.look["small"])
        self._axes[4].set_ylabel(say(self, "explorer.init.share"), fontsize=self.look["small"])
        grads = self.figure.add_subplot(grid[:, 4])
        self._style_axes(grads, say(self, "explorer.init.layer_axis"), None, say(self, "explorer.init.dw_size"))
        grads.set_yscale("log")
        grads.set_ylim(*GRAD_RANGE)
        grads.set_yticks(GRAD_TICKS, [f"1e{round(np.log10(v)):d}" if v != 1 else "1" for v in GRAD_TICKS])
        grads.yaxis.set_minor_locator(NullLocator())
        grads.set_xlim(0.5, DEPTH + 1.5)
        grads.set_xticks(range(1, DEPTH + 2))
        grads.grid(True, axis="y", color=FAINT_COLOR, linewidth=0.5)
        self._grads = self._dynamic_artist(grads.plot([], [], "o-", color=TANGENT_COLOR,
                                                      markersize=self._marker(4))[0])
        self._headline = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        label(self, self._choice("activation", [(a, a) for a in RANGES], self._start[0]), "explorer.control.activation")
        label(self, self._choice("weight scale", [(SCALE_LABELS[i], i) for i in INITS], self._start[1]),
              "explorer.control.weight_scale")
        label(self, self._slider("gain ×", *GAIN_RANGE, 0.05, self._start[2]), "explorer.control.gain")
        self.STARTS = translated(self, _START_CODES)  # in this explorer's language
        self.GRADIENTS = translated(self, _GRADIENT_CODES)

    def _set_range(self, activation):
        lo, hi = RANGES[activation]
        for ax in self._axes:
            ax.set_xlim(lo, hi)
            ax.set_xticks([lo, (lo + hi) / 2, hi], [f"{lo:g}", f"{(lo + hi) / 2:g}", f"{hi:g}"])
            # The end labels lean into their own axes, so neighbours' labels never touch.
            first, _, last = ax.get_xticklabels()
            first.set_horizontalalignment("left")
            last.set_horizontalalignment("right")
        self._drawn_activation = activation
        self._full_redraw(key=("range", activation))  # three static pictures: back to one costs a frame

    def _update(self):
        activation, init, gain = self._settings()
        if activation != self._drawn_activation:
            self._set_range(activation)
        stats = self.statistics(activation, init, gain)
        shares, edges = _shares(activation, init, round(float(gain), 6))
        for stairs, text, share, std in zip(self._stairs, self._stds, shares, stats.activation_stds):
            stairs.set_data(share, edges)
            text.set_text(say(self, "explorer.init.std", std=_short(std)))
        sizes = np.clip(stats.grad_sizes, *GRAD_RANGE)
        self._grads.set_data(np.arange(1, len(sizes) + 1), sizes)
        kind, gradient = stats.kind(activation), stats.gradient_kind()
        self._headline.set_text(f"{activation}, {_scale(init, gain)}: {self.STARTS[kind]}, {self.GRADIENTS[gradient]}")
        self._headline.set_color("black" if (kind, gradient) == ("healthy", "flows") else TANGENT_COLOR)
        g = stats.grad_sizes
        first = readout_line(say(self, "explorer.init.setting", activation=activation, scale=_scale(init, gain)),
                             say(self, "explorer.init.kinds", kind=say(self, f"explorer.init.kind.{kind}"),
                                 gradient=say(self, f"explorer.init.gradient_kind.{gradient}")),
                             say(self, "explorer.init.stds", depth=DEPTH, first=_short(stats.activation_stds[0]),
                                 last=_short(stats.activation_stds[-1])))
        second = html.escape(say(self, "explorer.init.dw_line", depth=len(g), first=f"{g[0]:.1e}", last=f"{g[-1]:.1e}",
                                 ratio=_ratio(g[0], g[-1])))
        return readout_lines(first, second)

    def __repr__(self):
        activation, init, gain = self._settings()
        stats = self.statistics(activation, init, gain)
        g = stats.grad_sizes
        return (f"InitializationExplorer({activation}, {init} ×{gain:.2f}): "
                + say(self, "explorer.init.repr", kind=say(self, f"explorer.init.kind.{stats.kind(activation)}"),
                      gradient=say(self, f"explorer.init.gradient_kind.{stats.gradient_kind()}"),
                      first=f"{g[0]:.0e}", last=f"{g[-1]:.0e}", depth=len(g)))


@functools.lru_cache(maxsize=64)
def _statistics(activation, init, gain):
    x, t = spiral()
    std = 0.01 if init == "0.01" else 1.0 if init == "1.0" else init
    model = deep_stack(2, HIDDEN, 3, DEPTH, activation, std, seed=0)
    if gain != 1.0:
        for W in model.params[::2]:  # the weights (each Affine's params are [W, b])
            W *= gain
    return layer_statistics(model, x, t)


@functools.lru_cache(maxsize=64)
def _shares(activation, init, gain):
    """Each layer's histogram as shares of its activations, and the bin edges (each setting computed once).

    All layers at once: the bin of every value is found as ``np.histogram`` finds it for
    equal bins (scaled position, then corrected against the edges), so the counts are
    the same; values beyond the range are counted in the end bins, so none goes missing.
    """
    stats = _statistics(activation, init, gain)
    lo, hi = RANGES[activation]
    edges = np.linspace(lo, hi, BINS + 1)
    a = np.clip(np.stack([x.reshape(-1) for x in stats.activations]), lo, hi)  # (layers, values)
    index = ((a - lo) * (BINS / (hi - lo))).astype(np.intp)
    index[index == BINS] -= 1
    index[a < edges[index]] -= 1
    index[(a >= edges[index + 1]) & (index != BINS - 1)] += 1
    layers, size = a.shape
    counts = np.bincount((index + BINS * np.arange(layers)[:, None]).reshape(-1), minlength=layers * BINS)
    return counts.reshape(layers, BINS) / size, edges


def _scale(init, gain):
    label = SCALE_LABELS[init]
    return label if gain == 1.0 else f"{gain:.2f} × {label}"


def _short(x):
    """Two decimals, in powers of ten outside 0.01 … 100."""
    x = float(x)
    return f"{x:.2f}" if 0.01 <= abs(x) < 100 else f"{x:.0e}"


def _ratio(a, b):
    """a / b as a learner reads it: 1e-14 of, or 2.5× ."""
    r = a / b
    return f"{r:.0e}" if r < 0.01 else f"{r:.2g}×"


def initialization_explorer(*, activation="sigmoid", init="0.01", gain=1.0, size="normal"):
    """Pick an activation and a weight scale; watch a deep stack's activations and gradient sizes at the start.

    Args:
        activation: "sigmoid", "tanh" or "relu" to start with.
        init: "0.01", "1.0", "xavier" or "he" to start with.
        gain: a factor on that scale, 0.25 to 4 (He is Xavier with gain √2 ≈ 1.41).
        size: "normal", or "large" for a projector.
    """
    return InitializationExplorer(activation=activation, init=init, gain=gain, size=size)
