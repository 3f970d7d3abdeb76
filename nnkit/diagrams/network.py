"""The neurons-and-arrows picture of a multilayer perceptron: ``draw_network``."""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch

from .._text import text as text_of
from .._validation import as_array, check_count, describe
from ._look import (  # the arrows' colours (w ≥ 0, w < 0, no weights given) and the layers' faces
    BASE_PT, EDGE_COLOR, HIDDEN_FACE, INPUT_FACE, NAME_COLOR, NEGATIVE, OUTPUT_FACE, PLAIN, POSITIVE, fit_with_floor,
    text_size,
)

__all__ = ["draw_network", "NetworkDrawing"]

RADIUS, ROW, DX = 0.22, 0.62, 1.9  # a neuron's radius, the rows' and the columns' spacing (natural inches)
#: (The colour key under a drawing with weights is the text "diagram.network.key", in the current language.)


class NetworkDrawing:
    """What ``draw_network`` drew.

    Attributes:
        ax: the axes drawn on.
        neurons: one list of Circle patches per layer, top to bottom.
        edges: ``edges[l][i][j]`` is the arrow from neuron i of layer l to neuron j of
            layer l + 1, the picture of weight ``W[l][i, j]`` (the ``xW`` convention).
        layer_texts: the caption under each layer.
        neuron_texts: one list of Text per layer (empty lists when the layers are too
            big to name every neuron).
        weight_texts: the name and shape of each weight matrix, over its arrows.
        key_text: the colour key (None when drawn without weights).
    """

    def __init__(self, ax, sizes, weights):
        """Draw the network of ``sizes`` on ``ax`` (made by ``draw_network``, which checks
        the arguments: use it rather than this)."""
        self.ax = ax
        n_layers, tallest = len(sizes), max(sizes)
        text_h = text_size("hidden")[1]
        caption_h = 2 * text_h + 0.1
        low = -(tallest - 1) / 2 * ROW - RADIUS  # the bottom of the tallest column
        top = (tallest - 1) / 2 * ROW + RADIUS + 0.12 + text_h + 0.1
        bottom = low - 0.15 - caption_h - (text_h + 0.15 if weights is not None else 0.0)
        bounds = (-RADIUS - 0.35, (n_layers - 1) * DX + RADIUS + 0.35, bottom, top)
        self._scale = scale = fit_with_floor(ax, bounds, BASE_PT, "draw_network",
                                             "draw fewer layers, or choose a taller figure")
        fs = BASE_PT * scale

        def y_of(l, i):
            return ((sizes[l] - 1) / 2 - i) * ROW

        self.edges = []
        for l in range(n_layers - 1):
            layer = []
            for i in range(sizes[l]):
                row_arrows = []
                for j in range(sizes[l + 1]):
                    x0, y0, x1, y1 = l * DX, y_of(l, i), (l + 1) * DX, y_of(l + 1, j)
                    length = math.hypot(x1 - x0, y1 - y0)
                    ux, uy = (x1 - x0) / length, (y1 - y0) / length
                    arrow = FancyArrowPatch((x0 + ux * RADIUS, y0 + uy * RADIUS),
                                            (x1 - ux * (RADIUS + 0.02), y1 - uy * (RADIUS + 0.02)),
                                            arrowstyle="-|>", mutation_scale=7 * scale, shrinkA=0, shrinkB=0,
                                            zorder=1)
                    ax.add_artist(arrow)  # add_artist: the limits are set above, not grown
                    row_arrows.append(arrow)
                layer.append(row_arrows)
            self.edges.append(layer)
        self._style_edges(weights)

        named = tallest <= 10
        self.neurons, self.neuron_texts, self.layer_texts = [], [], []
        for l, n in enumerate(sizes):
            face = {0: INPUT_FACE, n_layers - 1: OUTPUT_FACE}.get(l, HIDDEN_FACE)
            circles, texts = [], []
            for i in range(n):
                circle = Circle((l * DX, y_of(l, i)), RADIUS, facecolor=face, edgecolor=EDGE_COLOR,
                                linewidth=1.2 * scale, zorder=3)
                ax.add_artist(circle)
                circles.append(circle)
                if named:
                    texts.append(ax.text(l * DX, y_of(l, i), _neuron_name(l, i, n_layers), ha="center",
                                         va="center", fontsize=fs, zorder=4))
            self.neurons.append(circles)
            self.neuron_texts.append(texts)
            count = text_of("diagram.network.neuron" if n == 1 else "diagram.network.neurons", n=n)
            caption = f"{_layer_name(l, n_layers)}\n{count}"
            self.layer_texts.append(ax.text(l * DX, low - 0.15, caption, ha="center",
                                            va="top", fontsize=fs, color=EDGE_COLOR))
        self.weight_texts = [
            ax.text((l + 0.5) * DX, top - 0.1, f"$W_{{{l + 1}}}$: {sizes[l]}×{sizes[l + 1]}", ha="center",
                    va="top", fontsize=fs, color=EDGE_COLOR)
            for l in range(n_layers - 1)
        ]
        self.key_text = None
        if weights is not None:
            self.key_text = ax.text((n_layers - 1) * DX / 2, bottom + 0.05, text_of("diagram.network.key"),
                                    ha="center", va="bottom", fontsize=fs, color=NAME_COLOR)

    def update(self, weights):
        """Recolour the arrows for other weights of the same shapes (blue +, red -)."""
        sizes = [len(layer) for layer in self.neurons]
        self._style_edges(_check_weights(weights, sizes, "NetworkDrawing.update"))
        return self

    def _style_edges(self, weights):
        if weights is None:
            for layer in self.edges:
                for row in layer:
                    for arrow in row:
                        arrow.set_color(PLAIN)
                        arrow.set_linewidth(1.0 * self._scale)
            return
        biggest = max((float(np.abs(W).max()) for W in weights if W.size), default=0.0) or 1.0
        for layer, W in zip(self.edges, weights):
            for i, row in enumerate(layer):
                for j, arrow in enumerate(row):
                    w = W[i, j]
                    arrow.set_color(POSITIVE if w >= 0 else NEGATIVE)
                    arrow.set_linewidth((0.4 + 3.2 * abs(w) / biggest) * self._scale)

    def __repr__(self):
        sizes = "-".join(str(len(layer)) for layer in self.neurons)
        return f"NetworkDrawing({sizes})"


def _check_sizes(sizes):
    wrong = ValueError(f"draw_network expects a list of layer sizes such as [2, 4, 3] (got {describe(sizes)}).")
    if isinstance(sizes, str):  # a string iterates, but its characters are not sizes
        raise wrong
    try:
        sizes = list(sizes)
    except TypeError:
        raise wrong from None
    if len(sizes) < 2:
        raise ValueError(f"draw_network expects at least 2 layers, an input and an output (got {len(sizes)}).")
    return [check_count(n, "draw_network", f"the size of layer {l}") for l, n in enumerate(sizes)]


def _check_weights(weights, sizes, who):
    if weights is None:
        return None
    if isinstance(weights, np.ndarray) or not hasattr(weights, "__iter__"):
        raise TypeError(
            f"{who} expects a list of weight matrices such as [W1, W2], one per pair of adjacent layers "
            f"(got {describe(weights)})."
        )
    weights = list(weights)
    n = len(sizes) - 1
    if len(weights) != n:
        raise ValueError(
            f"{who} expects {n} weight {'matrix' if n == 1 else 'matrices'} for {len(sizes)} layers (got {len(weights)})."
        )
    checked = []
    for l, W in enumerate(weights):
        W = as_array(W, who, f"weights[{l}]")
        expected = (sizes[l], sizes[l + 1])
        if W.shape != expected:
            hint = " (that is the transpose: PyTorch's nn.Linear stores (out, in); pass W.T)" if W.shape == expected[::-1] else ""
            raise ValueError(
                f"{who} expects weights[{l}] of shape {expected} to connect layer {l} "
                f"({sizes[l]} neurons) to layer {l + 1} ({sizes[l + 1]} neurons) (got shape {W.shape}){hint}."
            )
        checked.append(W)
    return checked


def _layer_name(l, n_layers):
    if l == 0:
        return text_of("diagram.network.input")
    if l == n_layers - 1:
        return text_of("diagram.network.output")
    return text_of("diagram.network.hidden") if n_layers == 3 else text_of("diagram.network.hidden_n", l=l)


def _neuron_name(l, i, n_layers):
    if l == 0:
        return f"$x_{{{i + 1}}}$"
    if l == n_layers - 1:
        return f"$y_{{{i + 1}}}$"
    if n_layers == 3:
        return f"$h_{{{i + 1}}}$"
    return f"$h^{{({l})}}_{{{i + 1}}}$"


def draw_network(sizes, *, ax=None, weights=None):
    """Draw a multilayer perceptron as neurons in columns with an arrow for every weight.

    Args:
        sizes: the number of neurons per layer, input first, such as ``[2, 4, 3]``.
        ax: the axes to draw on; ``plt.gca()`` when None. Text is sized to fit it and
            never goes under 10 pt: when the axes are too small for that, the figure grows.
        weights: optional weight matrices, one per pair of adjacent layers, each of
            shape (n_in, n_out) as in ``h = xW + b``. The arrows are then blue for a
            positive and red for a negative weight, wider for a larger magnitude.

    The captions and the colour key are in the language current when it is drawn
    (``nnkit.set_language``).

    Returns:
        A NetworkDrawing (the circles, the arrows by ``[layer][i][j]``, the captions).

    Raises:
        ValueError: for fewer than 2 layers, a size that is not a positive whole number,
            a weight matrix whose shape does not connect its two layers or one with a
            NaN or inf in it.
        TypeError: for weights that are not a list of matrices of numbers.
    """
    sizes = _check_sizes(sizes)
    weights = _check_weights(weights, sizes, "draw_network")
    ax = ax if ax is not None else plt.gca()
    return NetworkDrawing(ax, sizes, weights)
