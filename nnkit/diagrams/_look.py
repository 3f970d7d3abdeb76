"""What both drawings share: their colours, the text size they are laid out at, text
measuring and fitting a drawing to its axes.

A drawing is laid out in "natural inches": the size everything would have with
``BASE_PT`` text. It is then scaled to its axes, text included, so the picture keeps its
proportions (and no label meets another) at any figure size.
"""

import math
import warnings
from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from .. import _palette

__all__ = [
    "BASE_PT", "EDGE_COLOR", "GRAD_COLOR", "HIDDEN_FACE", "HIGHLIGHT", "INPUT_FACE", "LEAF_FACE", "MIN_PT",
    "NAME_COLOR", "NEGATIVE", "NODE_FACE", "OUTPUT_FACE", "PLAIN", "POSITIVE", "TEXT_COLOR", "VALUE_COLOR",
    "WIDE_INCHES", "fit_axes", "fit_with_floor", "text_size",
]

BASE_PT = 10.0
MIN_PT = 10.0  # the smallest text a drawing gets: the explorers' small font at the normal size
WIDE_INCHES = 16.0  # a figure wider than this is shown shrunk in a notebook (~1150 px at 72 dpi)

# the computational graph (the colours themselves are in nnkit._palette)
VALUE_COLOR = _palette.VALUE  # forward values: bluish green, above the edge
GRAD_COLOR = _palette.GRADIENT  # gradients: vermillion, below the edge
HIGHLIGHT = _palette.HIGHLIGHT  # the node of the current backward step
NODE_FACE, LEAF_FACE = _palette.NODE_FACE, _palette.LEAF_FACE
TEXT_COLOR = _palette.INK  # the text inside a node
# both drawings
EDGE_COLOR = _palette.LINE  # outlines, arrows and captions
NAME_COLOR = _palette.NAME  # a node's name above it, the network's colour key
# the network: arrows for w ≥ 0, w < 0 and no weights given; input, hidden, output faces
POSITIVE, NEGATIVE, PLAIN = _palette.POSITIVE, _palette.NEGATIVE, _palette.PLAIN
INPUT_FACE, HIDDEN_FACE, OUTPUT_FACE = _palette.INPUT_FACE, _palette.HIDDEN_FACE, _palette.OUTPUT_FACE


@lru_cache(maxsize=1)
def _measuring_renderer():
    return RendererAgg(1, 1, 720)  # 720 dpi: 10 pixels a point, for sub-point precision


@lru_cache(maxsize=512)
def text_size(text, size=BASE_PT, weight="normal"):
    """(width, height) in inches of one line of text, as matplotlib lays it out."""
    prop = FontProperties(size=size, weight=weight)
    renderer = _measuring_renderer()
    width, _, _ = renderer.get_text_width_height_descent(text or " ", prop, ismath=False)
    # a line is as tall as "lp" (ascent of l, descent of p), whatever its characters
    _, height, descent = renderer.get_text_width_height_descent("lp", prop, ismath=False)
    return width / 720, (height + descent) / 720 * 1.15


def fit_axes(ax, x0, x1, y0, y1):
    """Set equal-aspect limits and return the scale: inches of axes per layout unit."""
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position(original=True)
    return min(box.width * fig_w / (x1 - x0), box.height * fig_h / (y1 - y0))


def fit_with_floor(ax, bounds, smallest_pt, who, hint):
    """``fit_axes``, growing the figure first when the drawing's smallest text (``smallest_pt``
    at ``BASE_PT``) would come out under ``MIN_PT``: a bigger drawing gets a bigger picture,
    never unreadable text. Only the short side of the figure grows; the axes keep their
    place in it. Past ``WIDE_INCHES`` a warning names ``who`` and gives ``hint``.
    """
    scale = fit_axes(ax, *bounds)
    need = MIN_PT / smallest_pt
    if scale < need * (1 - 1e-9):
        fig = ax.figure
        old_w, old_h = fig.get_size_inches()
        box = ax.get_position(original=True)
        x0, x1, y0, y1 = bounds
        # a grown side is rounded up to a half inch: a whole number of pixels at 72, 80,
        # 90 or 100 dpi, so the figure's repr ("<Figure size 850x280 …>") is the same everywhere
        def grown(old, wanted):
            return old if wanted <= old else math.ceil(wanted * 2 - 1e-9) / 2

        fig.set_size_inches(grown(old_w, need * (x1 - x0) / box.width), grown(old_h, need * (y1 - y0) / box.height))
        scale = fit_axes(ax, *bounds)
        width, height = fig.get_size_inches()
        if width > WIDE_INCHES:
            warnings.warn(
                f"{who} grew the figure from {old_w:.1f}×{old_h:.1f} to {width:.1f}×{height:.1f} inches "
                f"to keep its text at least {MIN_PT:g} pt, wider than a page shows without shrinking it; {hint}.",
                stacklevel=4,
            )
    return scale
