"""Slider explorers: live figures where every number a learner moves redraws at once.

Each ``*_explorer(...)`` function returns one widget (sliders, a line of live numbers
and a figure) ready to display as the last expression of a cell::

    from nnkit.widgets import sigmoid_explorer
    sigmoid_explorer()

How they work (the house rule "one figure, updated, never rebuilt"): every explorer
is an ``Explorer``, an ``ipywidgets.VBox`` that owns one matplotlib ``Figure`` made
without pyplot (so nothing else is shown inline and no global figure state leaks).
The figure is drawn once; the artists that move are registered as *dynamic*. A full
draw renders everything else once and keeps that picture as the background; a slider
move then updates the dynamic artists' data (``set_data``, ``set_text`` …), restores
the background only where a dynamic artist changed, redraws the artists there and
sends the PNG to an ``ipywidgets.Image``. The image lives in the widget's model, so a
saved notebook keeps what the learner last saw.

For tests and notebooks every explorer has ``.image``, ``.readout``, ``.controls`` and
``.sliders`` (by description), ``.set_value(description, value)``, ``.render_count``
and a short ``repr`` that Jupyter shows as the output's text.

Only the ipywidgets API that versions 7 and 8 share is used (Colab ships 7).
"""

import contextlib
import html
import io
import math
import numbers
import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image as _PILImage

from . import _snapshot
from . import functions as F
from .layers import SoftmaxWithLoss
from ._format import format_fixed, format_probability, format_value
from ._validation import check_number, describe
from .plotting import (
    CLASS_COLORS,
    CURVE_COLOR,
    FAINT_COLOR,
    REGION_COLORS,
    TANGENT_COLOR,
    curve_values,
    decision_grid,
    slope_at,
    value_at,
)

__all__ = [
    "Explorer",
    "SigmoidExplorer",
    "TangentExplorer",
    "SoftmaxExplorer",
    "GradientDescentExplorer",
    "TrainingExplorer",
    "sigmoid_explorer",
    "tangent_explorer",
    "softmax_explorer",
    "gradient_descent_explorer",
    "training_explorer",
    "GraphExplorer",
    "graph_explorer",
    "SIZES",
]

#: The kit-wide presenter sizes. ``scale`` multiplies every explorer's figure size (its
#: ``figsize`` is in inches at "normal"); the fonts are points in the figure; the rest
#: sizes the controls. "large" is for a projector at 1280×720: the figure is up to
#: ~1100 px wide (JupyterLab's output area there, sidebar closed), no text in it is
#: smaller than 16 pt, and two sliders fit a row. A figure wider than ``max_px`` pixels
#: gets a lower dpi so that it fits (the fonts keep their size in points).
SIZES = {
    "normal": {
        "scale": 1.0, "dpi": 80, "text": 11, "small": 10, "title": 12,
        "slider_width": "340px", "description_width": "100px", "css_font": "13px", "css_height": "28px",
        "button_width": "44px", "max_px": 900,
    },
    "large": {
        "scale": 1.6, "dpi": 90, "text": 16, "small": 16, "title": 17,
        "slider_width": "400px", "description_width": "150px", "css_font": "20px", "css_height": "36px",
        "button_width": "70px", "max_px": 1100,
    },
}

# One style block an explorer: the CSS variables are the ones the widgets of ipywidgets
# 7 and 8 read, so setting them on the explorer's root resizes its sliders' labels,
# handles and readouts without touching the rest of the notebook. ipywidgets 8 puts a
# ToggleButtons' label above its buttons and cuts long button labels ("hams…"): the
# toggle rules keep label and buttons on one line, each button as wide as its label.
_CSS = """<style>
.nnkit-explorer.nnkit-{size} {{
  --jp-widgets-font-size: {css_font};
  --jp-widgets-inline-height: {css_height};
  --jp-widgets-inline-label-width: {description_width};
}}
.nnkit-explorer.nnkit-{size} .widget-label, .nnkit-explorer.nnkit-{size} .widget-readout,
.nnkit-explorer.nnkit-{size} button, .nnkit-explorer.nnkit-{size} select,
.nnkit-explorer.nnkit-{size} .nnkit-readout {{ font-size: {css_font}; }}
.nnkit-explorer .nnkit-readout {{ line-height: 1.5; }}
.nnkit-explorer.nnkit-{size} .widget-toggle-buttons {{ display: flex; align-items: center; }}
.nnkit-explorer.nnkit-{size} .widget-toggle-buttons > .widget-label {{
  display: inline-block; flex: none; width: {description_width}; text-align: right; margin-right: 8px;
}}
.nnkit-explorer.nnkit-{size} .widget-toggle-buttons > div {{ display: flex; flex-wrap: nowrap; }}
.nnkit-explorer.nnkit-{size} .widget-toggle-button {{
  width: auto !important; min-width: {button_width}; padding: 0 10px;
}}
</style>"""

PNG_COMPRESS_LEVEL = 1  # zlib level 1: ~3 ms a frame at 512×272; level 6 adds ~40 % for 10 % fewer bytes

_EPS = 1e-9


def _png(canvas):
    """The canvas's pixels as PNG bytes (RGB: the figure is opaque, and RGB encodes faster)."""
    rgba = np.asarray(canvas.buffer_rgba())
    image = _PILImage.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="png", compress_level=PNG_COMPRESS_LEVEL)
    return out.getvalue()


def _join(*parts):
    """Readout parts as HTML, escaped and separated by a middle dot."""
    return " &nbsp;·&nbsp; ".join(html.escape(p) for p in parts if p)


def _lines(*lines):
    return "<br>".join(lines)


def _check_size(size, who):
    if not isinstance(size, str) or size not in SIZES:
        raise ValueError(f"{who} expects size to be one of {sorted(SIZES)} (got {size!r}).")
    return size


class Explorer(widgets.VBox):
    """The base of every explorer: controls, a readout and one figure that is updated in place.

    A subclass sets ``figsize`` (inches at size "normal") and implements
    ``_build()`` (make the axes, the static artists, the dynamic artists through
    ``self._dynamic_artist(...)`` and the controls through ``self._slider(...)`` /
    ``self._choice(...)``) and ``_update()`` (read the controls, move the dynamic
    artists, return the readout's HTML; call ``self._full_redraw()`` when something
    static changed, such as a new loss curve).

    Attributes:
        figure: the matplotlib Figure (on an Agg canvas, never shown by pyplot).
        image: the ``ipywidgets.Image`` showing the figure (CSS class ``nnkit-figure``).
        readout: the ``ipywidgets.HTML`` with the live numbers (CSS class ``nnkit-readout``).
        controls: every control, by its description (sliders, toggle buttons, dropdowns).
        sliders: the sliders only, by their description.
        size: "normal" or "large".
        look: the settings of that size (a dict from ``SIZES``).
        render_count: how many times the figure has been rendered into ``image``.
    """

    figsize = (6.4, 3.2)
    _factory = "explorer"  # the function learners call, named in error messages
    _auto_layout = True

    def __init__(self, *, size="normal"):
        size = _check_size(size, self._factory)
        super().__init__()
        self.size = size
        self.look = dict(SIZES[size])
        width, height = self.figsize
        scale = self.look["scale"]
        dpi = min(self.look["dpi"], self.look["max_px"] / (width * scale))
        self.figure = Figure(figsize=(width * scale, height * scale), dpi=dpi)
        FigureCanvasAgg(self.figure)
        # flex-start: a VBox stretches its children to its width, which would blur the PNG
        # No side margins: with ipywidgets' default 2 px each side, a figure as wide as the
        # page would overflow its box by 4 px and show a sideways scrollbar.
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto",
                                                                        align_self="flex-start",
                                                                        margin="2px 0px"))
        self.image.add_class("nnkit-figure")
        self.readout = widgets.HTML()
        self.readout.add_class("nnkit-readout")
        self.controls = {}
        self.sliders = {}
        self.render_count = 0
        self._dynamic = []
        self._background = None
        self._needs_full = True
        self._holding = False
        self._pending = False

        self._build()
        self.readout.value = self._update()
        self._lay_out()
        # _snapshot hook (1 of 2): the live explorer hides its static picture (see nnkit/_snapshot.py).
        style = widgets.HTML(_CSS.format(size=size, **self.look) + _snapshot.HIDE_PICTURE_CSS)
        controls = widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.children = [style, controls, self.readout, self.image]
        self.add_class("nnkit-explorer")
        self.add_class(f"nnkit-{size}")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._render()

    # ----- for subclasses -----------------------------------------------------------------

    def _build(self):
        raise NotImplementedError

    def _update(self):
        raise NotImplementedError

    def _fontsize(self, kind="text"):
        """The font size in points of ``kind`` ("text", "small" or "title") at this size."""
        return self.look[kind]

    def _style_axes(self, ax, xlabel=None, ylabel=None, title=None):
        """Tick labels, axis labels and title in this size's fonts."""
        ax.tick_params(labelsize=self.look["small"])
        if xlabel:
            ax.set_xlabel(xlabel, fontsize=self.look["text"])
        if ylabel:
            ax.set_ylabel(ylabel, fontsize=self.look["text"])
        if title:
            ax.set_title(title, fontsize=self.look["title"])
        return ax

    def _marker(self, points):
        """A marker size (points at size "normal") for this size: large markers grow with the figure."""
        return points * self.look["scale"]

    def _dynamic_artist(self, artist):
        """Register an artist that changes on a slider move; it is redrawn every frame."""
        self._dynamic.append(artist)
        return artist

    def _full_redraw(self):
        """Ask for a full draw next frame: something static (axis limits, a curve) changed."""
        self._needs_full = True

    def _slider(self, description, lo, hi, step, value, *, integer=False, readout_format=".2f",
                continuous_update=True):
        """Make a slider, registered under its description.

        ``continuous_update`` is on for every explorer: benchmarks/widgets.py measures a
        move at ≤ 16 ms for the curve explorers and ≤ ~25 ms for the graph and training
        explorers on a 2-core machine, so the figure can follow a drag.
        """
        common = dict(
            description=description, min=lo, max=hi, step=step, value=value,
            continuous_update=continuous_update,
            layout=widgets.Layout(width=self.look["slider_width"]),
            style={"description_width": self.look["description_width"]},
        )
        if integer:
            slider = widgets.IntSlider(**common)
        else:
            slider = widgets.FloatSlider(readout_format=readout_format, **common)
        self.controls[description] = self.sliders[description] = slider
        return slider

    def _choice(self, description, options, value, *, dropdown=False):
        """Make toggle buttons (or a dropdown) over ``options``, a list of (label, value) pairs."""
        style = {"description_width": self.look["description_width"]}
        if not dropdown:
            style["button_width"] = self.look["button_width"]
        kind = widgets.Dropdown if dropdown else widgets.ToggleButtons
        control = kind(description=description, options=list(options), value=value, style=style,
                       layout=widgets.Layout(width="auto"))
        self.controls[description] = control
        return control

    def value(self, description):
        """The current value of the control with this description."""
        return self._control(description).value

    # ----- for learners, notebooks and tests ----------------------------------------------

    def set_value(self, description, value):
        """Move the control with this description to ``value``, as a learner's drag would.

        Sliders clamp values outside their range to the nearest end.
        """
        control = self._control(description)
        if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
            value = check_number(value, f"{type(self).__name__}.set_value", repr(description))
            if isinstance(control, widgets.IntSlider):
                value = int(round(value))
        else:
            allowed = [v for _, v in control.options] if control.options and isinstance(
                control.options[0], tuple) else list(control.options)
            if value not in allowed:
                raise ValueError(
                    f"{type(self).__name__}.set_value expects {description!r} to be one of {allowed} "
                    f"(got {value!r})."
                )
        control.value = value

    def set_values(self, values):
        """Move several controls at once (a dict from description to value), rendering once."""
        with self.hold_render():
            for description, value in dict(values).items():
                self.set_value(description, value)

    @contextlib.contextmanager
    def hold_render(self):
        """Within this block control changes are collected; the figure renders once at the end."""
        if self._holding:
            yield
            return
        self._holding, self._pending = True, False
        try:
            yield
        finally:
            self._holding = False
            if self._pending:
                self.refresh()

    def refresh(self):
        """Recompute from the controls, update the readout and render the figure."""
        if self._holding:
            self._pending = True
            return
        self.readout.value = self._update()
        self._render()

    def render_png(self):
        """The figure as PNG bytes, as the learner sees it now."""
        return bytes(self.image.value)

    def _ipython_display_(self, **kwargs):
        # _snapshot hook (2 of 2): a static picture of the figure before the widget view, for
        # viewers without a live kernel (see nnkit/_snapshot.py).
        _snapshot.display_with_picture(self)

    # ----- the machinery ------------------------------------------------------------------

    def _control(self, description):
        try:
            return self.controls[description]
        except KeyError:
            names = ", ".join(repr(d) for d in self.controls)
            raise ValueError(
                f"{type(self).__name__} has no control {description!r}; its controls are {names}."
            ) from None

    def _on_change(self, change):
        new = change["new"]
        if isinstance(new, float) and not math.isfinite(new):
            # A slider clamps numbers but lets NaN through; put the old value back.
            change["owner"].value = change["old"]
            return
        self.refresh()

    def _lay_out(self):
        """Place the axes once with the constrained layout, then freeze them there.

        Frozen, the axes do not jump when a number in a title gets wider, and a frame
        costs no layout pass. An explorer that places its axes itself sets
        ``_auto_layout = False``.
        """
        if not self._auto_layout:
            return
        self.figure.set_layout_engine("constrained")
        self.figure.canvas.draw()
        self.figure.set_layout_engine("none")

    def _render(self):
        """Bring the canvas up to date and put it, as PNG, into the Image widget.

        A full draw renders the static artists once and keeps the pixels as the
        background. After that only the dynamic artists that changed are redrawn: the
        boxes they covered before and cover now are restored from the background, and
        every dynamic artist touching a restored box is drawn again, its own box
        restored too (so nothing is drawn twice over itself). Moving one step of a
        backward pass thus redraws a few numbers, not all forty.
        """
        canvas = self.figure.canvas
        if self._needs_full or self._background is None:
            # Animated artists are left out of a plain draw (hiding them instead would
            # move an axes title: matplotlib places titles by their drawn extent).
            for artist in self._dynamic:
                artist.set_animated(True)
            canvas.draw()
            for artist in self._dynamic:
                artist.set_animated(False)
            self._background = np.array(canvas.buffer_rgba())  # a copy: the static picture
            self._needs_full = False
            self._boxes = {}  # geometry key -> window extent, valid until the next full draw
            renderer = canvas.get_renderer()
            now = [self._state(artist, renderer) for artist in self._dynamic]
            redraw = list(range(len(self._dynamic)))
        else:
            renderer = canvas.get_renderer()
            now = [self._state(artist, renderer) for artist in self._dynamic]
            redraw = self._restore_dirty(np.asarray(canvas.buffer_rgba()), now)
        for i in sorted(redraw, key=lambda i: self._dynamic[i].get_zorder()):
            self._dynamic[i].draw(renderer)  # an invisible artist draws nothing
        self._drawn = now
        self.image.value = _png(canvas)
        self.render_count += 1

    def _state(self, artist, renderer):
        """(what the artist looks like, the pixel box it covers) for change detection."""
        if not artist.get_visible():
            return None, None
        look, geometry = _signature(artist)
        key = (id(artist), geometry)
        box = self._boxes.get(key) if geometry is not None else None
        if box is None:
            box = _window_box(artist, renderer)
            if geometry is not None:
                if len(self._boxes) >= _BOX_CACHE_SIZE:  # a long session of drags: start afresh
                    self._boxes.clear()
                self._boxes[key] = box
        return (look, tuple(np.round(box.bounds, 2))), box

    def _restore_dirty(self, pixels, now):
        """Restore the background under what changed; return the indices of the artists to draw again."""
        before = self._drawn
        n = len(self._dynamic)
        # each artist's box: the union of where it is and where it was (either may be None)
        boxes = np.full((n, 4), np.nan)
        for i in range(n):
            shown = [b for b in (now[i][1], before[i][1]) if b is not None]
            if shown:
                boxes[i] = (min(b.x0 for b in shown), min(b.y0 for b in shown),
                            max(b.x1 for b in shown), max(b.y1 for b in shown))
        changed = [i for i in range(n) if now[i][0] != before[i][0]]
        if not changed:
            return []
        pad = 2 * _PAD
        with np.errstate(invalid="ignore"):  # NaN rows (never shown) touch nothing
            touch = ((boxes[:, None, 0] - pad <= boxes[None, :, 2]) & (boxes[None, :, 0] - pad <= boxes[:, None, 2])
                     & (boxes[:, None, 1] - pad <= boxes[None, :, 3]) & (boxes[None, :, 1] - pad <= boxes[:, None, 3]))
        # whatever touches a box being redrawn is redrawn whole: follow the touches
        redraw = np.zeros(n, dtype=bool)
        redraw[changed] = True
        frontier = redraw.copy()
        while frontier.any():
            reached = touch[frontier].any(axis=0) & ~redraw
            redraw |= reached
            frontier = reached
        height, width = pixels.shape[:2]
        for i in np.flatnonzero(redraw):
            if not np.isnan(boxes[i, 0]):
                x0, x1, top, bottom = _pixel_rect(boxes[i], width, height)
                pixels[top:bottom, x0:x1] = self._background[top:bottom, x0:x1]
        return list(np.flatnonzero(redraw))


_PAD = 3  # pixels around an artist's box: antialiasing, line widths, marker edges
_BOX_CACHE_SIZE = 4000  # window extents kept per explorer (a few hundred bytes each)


def _pixel_rect(box, width, height):
    """A display box (x0, y0, x1, y1), origin at the bottom, as array slices (x0, x1, top row, bottom row)."""
    bx0, by0, bx1, by1 = box
    x0 = max(0, int(math.floor(bx0)) - _PAD)
    x1 = min(width, int(math.ceil(bx1)) + _PAD)
    top = max(0, height - int(math.ceil(by1)) - _PAD)
    bottom = min(height, height - int(math.floor(by0)) + _PAD)
    return x0, x1, top, bottom


def _window_box(artist, renderer):
    """The display box an artist draws in; conservative (its axes, or the figure) when unknown."""
    from matplotlib.collections import Collection
    from matplotlib.transforms import Bbox

    if isinstance(artist, Collection) and len(artist.get_offsets()):
        # a scatter's own extent is empty (its paths are in points): use the offsets
        # plus the largest marker's radius
        points = artist.get_offset_transform().transform(artist.get_offsets())
        sizes = artist.get_sizes()
        radius = (math.sqrt(float(np.max(sizes))) if len(sizes) else 0.0) * renderer.dpi / 72 / 2 + 1
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        box = Bbox([[x0 - radius, y0 - radius], [x1 + radius, y1 + radius]])
    else:
        box = artist.get_window_extent(renderer)
    if not np.isfinite(box.get_points()).all():
        box = artist.axes.bbox if artist.axes is not None else artist.figure.bbox
    return box


def _signature(artist):
    """(look, geometry): what decides the pixels of a dynamic artist.

    ``look`` compares equal when the artist would draw the same pixels; ``geometry``
    (None: unknown) keys a cache of the artist's window extent, which is slow to
    compute for texts and curved patches and does not change between full draws
    unless the geometry does.
    """
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    common = (artist.get_alpha(), artist.get_zorder())
    if isinstance(artist, Text):
        geometry = (artist.get_text(), artist.get_fontsize(), artist.get_fontweight(), artist.get_fontstyle(),
                    artist.get_rotation(), artist.get_horizontalalignment(), artist.get_verticalalignment(),
                    tuple(artist.get_position()))
        return common + geometry + (str(artist.get_color()),), geometry
    if isinstance(artist, Line2D):
        # no geometry key: a line's extent is quick to compute, and its data would make
        # big keys (a 400-point curve is 6 kB)
        x, y = artist.get_data()
        return common + (np.asarray(x, dtype=float).tobytes(), np.asarray(y, dtype=float).tobytes(),
                         str(artist.get_marker()), artist.get_markersize(), artist.get_linewidth(),
                         str(artist.get_color()), artist.get_linestyle(), str(artist.get_markerfacecolor())), None
    if isinstance(artist, Patch):
        geometry = (artist.get_path().vertices.tobytes(), artist.get_patch_transform().get_matrix().tobytes(),
                    artist.get_linewidth())
        return common + geometry + (tuple(artist.get_facecolor()), tuple(artist.get_edgecolor())), geometry
    if isinstance(artist, AxesImage):
        return common + (np.asarray(artist.get_array()).tobytes(), tuple(artist.get_extent())), None
    if isinstance(artist, Collection):
        return common + (np.asarray(artist.get_offsets()).tobytes(), np.asarray(artist.get_sizes()).tobytes(),
                         np.asarray(artist.get_facecolor()).tobytes()), None
    return object(), None  # an unknown kind: always redrawn


# ----- 01 · one sigmoid neuron ------------------------------------------------------------


class SigmoidExplorer(Explorer):
    r"""The output $\sigma(wx + b)$ of one neuron: w sets the steepness, b shifts it.

    The curve crosses 0.5 where its input wx + b is 0, at x = -b/w; the plain
    $\sigma(x)$ stays in the background for comparison.
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
        self._style_axes(ax, "x", "output")
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.05, 1.08)
        ax.axhline(0.5, color=FAINT_COLOR, linestyle=":", linewidth=1)
        ax.plot(self._x, F.sigmoid(self._x), color=FAINT_COLOR, linewidth=2, label="σ(x)")
        (self._curve,) = ax.plot([], [], color=CURVE_COLOR, linewidth=2.2, label="σ(wx + b)")
        ax.legend(loc="lower right", fontsize=self.look["small"])
        self._curve = self._dynamic_artist(self._curve)
        self._guide = self._dynamic_artist(ax.plot([], [], color=CURVE_COLOR, linestyle="--", linewidth=1)[0])
        self._point = self._dynamic_artist(ax.plot([], [], "o", color=CURVE_COLOR, markersize=self._marker(7))[0])
        self._title = self._dynamic_artist(ax.set_title(" ", fontsize=self.look["title"]))
        self._ax = ax
        self._slider("w", *self.W_RANGE, 0.1, self._w0)
        self._slider("b", *self.B_RANGE, 0.1, self._b0)

    def _crossing(self):
        """Where the curve crosses 0.5 (x = -b/w), or None when it never does (w = 0)."""
        w, b = self.value("w"), self.value("b")
        return None if abs(w) < _EPS else -b / w

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
            where = f"crosses 0.5 at x = −b/w = {format_fixed(cross)}"
        elif cross is None:
            where = f"w = 0: flat at σ(b) = {format_fixed(at_zero, 3)}, never crosses 0.5"
        else:
            where = f"crosses 0.5 at x = −b/w = {format_fixed(cross)}, outside the view"
        self._title.set_text(f"σ(wx + b) {where}" if cross is not None else where)
        steep = f"steepest slope w/4 = {format_fixed(w / 4)}"
        return _join(f"σ(w·0 + b) = {format_fixed(at_zero, 3)}", where, steep)

    def __repr__(self):
        w, b = self.value("w"), self.value("b")
        return (f"SigmoidExplorer(w={format_fixed(w)}, b={format_fixed(b)}): "
                f"σ(w·0 + b) = {format_fixed(float(F.sigmoid(b)), 3)}")


def sigmoid_explorer(*, w=1.0, b=0.0, size="normal"):
    r"""Sliders for the weight w and bias b of one sigmoid neuron, $\sigma(wx + b)$ on [-8, 8].

    Args:
        w: the starting weight, in [-5, 5].
        b: the starting bias, in [-8, 8].
        size: "normal", or "large" for a projector.
    """
    return SigmoidExplorer(w=w, b=b, size=size)


# ----- 03 · the derivative as the slope of the tangent ------------------------------------


def _square(x):
    return x * x


def _twice(x):
    return 2 * x


class TangentExplorer(Explorer):
    r"""Move x0 along y = f(x): the tangent $y = f(x_0) + f'(x_0)(x - x_0)$ follows.

    A small triangle under the tangent shows the slope as rise over a run of 1.
    """

    figsize = (6.4, 3.3)
    _factory = "tangent_explorer"

    def __init__(self, f=None, df=None, *, x0=2.0, x_range=(-5.0, 5.0), size="normal"):
        who = self._factory
        if f is None and df is not None:
            raise ValueError(f"{who} expects df only together with its f (got df but f=None, which means y = x²).")
        if f is not None and not callable(f):
            raise TypeError(f"{who} expects f to be a function of one number, like lambda x: x**2 (got {describe(f)}).")
        if df is not None and not callable(df):
            raise TypeError(f"{who} expects df to be the derivative of f, a function (got {describe(df)}).")
        self._default = f is None
        self._f = _square if f is None else f
        self._df = _twice if f is None else df
        if (isinstance(x_range, (str, bytes)) or not hasattr(x_range, "__len__") or len(x_range) != 2
                or not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in x_range)):
            raise TypeError(f"{who} expects x_range as a pair of numbers (lo, hi) (got {describe(x_range)}).")
        lo, hi = float(x_range[0]), float(x_range[1])
        if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
            raise ValueError(f"{who} expects x_range = (lo, hi) with finite lo < hi (got {tuple(x_range)!r}).")
        self._range = (lo, hi)
        self._x00 = check_number(x0, who, "x0", lo, hi)
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
        self._tangent = self._dynamic_artist(ax.plot([], [], color=TANGENT_COLOR, linewidth=1.6, label="tangent")[0])
        self._run_rise = self._dynamic_artist(ax.plot([], [], color=TANGENT_COLOR, linewidth=1, linestyle=":")[0])
        self._point = self._dynamic_artist(ax.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7))[0])
        ax.legend(loc="upper center", fontsize=self.look["small"], ncol=2)
        self._title = self._dynamic_artist(ax.set_title(" ", fontsize=self.look["title"]))
        step = 0.1 if hi - lo > 2 else (hi - lo) / 100
        self._slider("x0", lo, hi, step, self._x00)

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
            self._title.set_text(f"f has no tangent at x = {format_fixed(x0)}")
            return _join(f"x0 = {format_fixed(x0)}", "f is not defined (or not smooth) here: no slope")
        a, b = self._view
        self._tangent.set_data([a, b], [y0 + slope * (a - x0), y0 + slope * (b - x0)])
        run = 1.0 if x0 + 1 <= b else -1.0  # the triangle stays inside the view
        self._run_rise.set_data([x0, x0 + run, x0 + run], [y0, y0, y0 + slope * run])
        self._point.set_data([x0], [y0])
        self._title.set_text(f"tangent at x = {format_fixed(x0)}: slope {format_fixed(slope)}")
        how = "2·x0" if self._default else ("from df" if self._df is not None else "central difference")
        return _join(f"slope = {format_fixed(slope)}", f"x0 = {format_fixed(x0)}", f"y = {format_fixed(y0)}",
                     f"slope from {how}")

    def __repr__(self):
        x0, _, slope = self._numbers()
        slope_text = format_fixed(slope) if math.isfinite(slope) else "undefined"
        return f"TangentExplorer(x0={format_fixed(x0)}): slope = {slope_text}"


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


# ----- 02 · softmax and cross-entropy -----------------------------------------------------


class SoftmaxExplorer(Explorer):
    r"""Drag three scores; watch $y_k = e^{s_k} / \sum_i e^{s_i}$ and $L = -\log y_t$ follow."""

    figsize = (7.2, 3.2)
    _factory = "softmax_explorer"
    SCORE_RANGE = (-10.0, 10.0)

    def __init__(self, *, scores=(3.1, -4.4, 2.8), target="dog", labels=("dog", "cat", "hamster"), size="normal"):
        who = self._factory
        if isinstance(labels, str) or not hasattr(labels, "__len__") or not all(isinstance(l, str) for l in labels):
            raise TypeError(f"{who} expects labels as a list of names (got {describe(labels)}).")
        if isinstance(scores, str) or not hasattr(scores, "__len__"):
            raise TypeError(f"{who} expects scores as a list of numbers (got {describe(scores)}).")
        if len(scores) != len(labels) or not 2 <= len(labels) <= len(CLASS_COLORS):
            raise ValueError(
                f"{who} expects one score per label, 2 to {len(CLASS_COLORS)} of them "
                f"(got {len(scores)} scores and {len(labels)} labels)."
            )
        if len(set(labels)) != len(labels):
            raise ValueError(f"{who} expects different labels (got {list(labels)}).")
        self._labels = tuple(labels)
        self._scores0 = [check_number(s, who, f"the score of {l}", *self.SCORE_RANGE) for s, l in zip(scores, labels)]
        if target not in self._labels:
            raise ValueError(f"{who} expects target to be one of {list(self._labels)} (got {target!r}).")
        self._target0 = target
        super().__init__(size=size)

    def _build(self):
        k = len(self._labels)
        idx = np.arange(k)
        left, right = self.figure.subplots(1, 2)
        self._style_axes(left, None, "score s", "scores")
        left.set_ylim(-12.5, 12.5)
        left.axhline(0, color="0.3", linewidth=0.8)
        left.set_xticks(idx, self._labels)
        self._score_bars = left.bar(idx, np.zeros(k), color=CLASS_COLORS[:k], width=0.6)
        self._style_axes(right, None, "probability y", "probabilities y = softmax(s)")
        right.set_ylim(0, 1.22)
        right.set_xticks(idx, self._labels)
        self._prob_bars = right.bar(idx, np.zeros(k), color=CLASS_COLORS[:k], width=0.6)
        for bar in list(self._score_bars) + list(self._prob_bars):
            self._dynamic_artist(bar)
        small = self.look["small"]
        self._score_texts = [self._dynamic_artist(left.text(i, 0, "", ha="center", fontsize=small)) for i in idx]
        self._prob_texts = [self._dynamic_artist(right.text(i, 0, "", ha="center", va="bottom", fontsize=small))
                            for i in idx]
        self._title = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        for label, score in zip(self._labels, self._scores0):
            self._slider(f"{label} score", *self.SCORE_RANGE, 0.1, score, readout_format=".1f")
        self._choice("target", [(label, label) for label in self._labels], self._target0)

    def _numbers(self):
        """(scores, probabilities, target index, loss) at the controls."""
        s = np.array([self.value(f"{label} score") for label in self._labels])
        y = F.softmax(s)
        t = self._labels.index(self.value("target"))
        # The exact loss of the scores (log-softmax, as SoftmaxWithLoss computes it): the
        # 1e-7 inside cross_entropy_error would cap it near 16 for a hopeless target.
        return s, y, t, SoftmaxWithLoss().forward(s, t)

    def _update(self):
        s, y, t, loss = self._numbers()
        for i, (bar, text, value) in enumerate(zip(self._score_bars, self._score_texts, s)):
            bar.set_height(value)
            text.set_text(f"{value:.1f}".replace("-", "−"))
            text.set_position((i, value + (0.4 if value >= 0 else -0.4)))
            text.set_verticalalignment("bottom" if value >= 0 else "top")
        for i, (bar, text, p) in enumerate(zip(self._prob_bars, self._prob_texts, y)):
            bar.set_height(p)
            # the target in full color, the others pale: the loss only looks at the target
            bar.set_color(CLASS_COLORS[i] if i == t else REGION_COLORS[i])
            bar.set_edgecolor("black" if i == t else "none")
            bar.set_linewidth(1.5 if i == t else 0)
            text.set_text(format_probability(p))
            text.set_position((i, p + 0.02))
        name = self._labels[t]
        self._title.set_text(f"target {name}:  cross-entropy L = −log y_{name} = {loss:.3f}")
        probs = ", ".join(format_probability(p) for p in y)
        return _join(f"y = softmax(s) = [{probs}]", f"t = {name}", f"L = {loss:.3f}")

    def __repr__(self):
        s, y, t, loss = self._numbers()
        scores = ", ".join(f"{v:.1f}" for v in s)
        probs = ", ".join(format_probability(p) for p in y)
        return f"SoftmaxExplorer(scores=[{scores}], t={self._labels[t]}): y = [{probs}], L = {loss:.3f}"


def softmax_explorer(*, scores=(3.1, -4.4, 2.8), target="dog", labels=("dog", "cat", "hamster"), size="normal"):
    """Score sliders for each class and a target selector; bars of softmax and the cross-entropy.

    Args:
        scores: the starting scores, each in [-10, 10] (the lesson's [3.1, -4.4, 2.8]).
        target: the true class, one of labels.
        labels: the class names.
        size: "normal", or "large" for a projector.
    """
    return SoftmaxExplorer(scores=scores, target=target, labels=labels, size=size)


# ----- 03 · gradient descent on a bowl ----------------------------------------------------


def _descend(gradient, start, lr, steps, limit):
    """The iterates of w ← w - lr·∇L(w), from ``start``, at most ``steps`` of them.

    The walk stops early once |w| passes ``limit``: by then it has diverged beyond any
    view, and stopping keeps every number finite (no overflow, no NaN).
    """
    w = np.array(start, dtype=np.float64)
    path = [w]
    for _ in range(steps):
        w = w - lr * gradient(w)
        path.append(w)
        if np.max(np.abs(w)) > limit:
            break
    return np.array(path)


def _fmt_w(v):
    return format_fixed(v, 3) if abs(v) < 1000 else f"{v:.2e}"


class GradientDescentExplorer(Explorer):
    r"""Gradient descent $w \leftarrow w - \alpha\, \partial L/\partial w$ on a 1-D and a 2-D bowl.

    The 1-D bowl is $L(w) = w^2$, so each step multiplies w by $1 - 2\alpha$: a small
    learning rate crawls, one between 0.5 and 1 zigzags in, 1.0 bounces for ever and
    anything above 1.0 diverges. The 2-D bowl $L = 0.2 w_1^2 + w_2^2$ is stretched: the
    same step that is right for the steep $w_2$ crawls along the flat $w_1$.
    """

    figsize = (7.6, 3.3)
    _factory = "gradient_descent_explorer"
    LR_RANGE = (0.01, 1.2)
    MAX_STEPS = 50
    START_1D = 2.5
    START_2D = (-2.5, 1.5)
    LIMIT = 1e4  # |w| beyond this is far outside the view: the walk stops there
    A1, A2 = 0.2, 1.0  # L = A1·w1² + A2·w2²

    def __init__(self, *, lr=0.1, steps=10, size="normal"):
        self._lr0 = check_number(lr, self._factory, "lr", *self.LR_RANGE)
        steps = check_number(steps, self._factory, "steps", 0, self.MAX_STEPS)
        if steps != int(steps):
            raise ValueError(f"{self._factory} expects steps to be a whole number (got {steps:g}).")
        self._steps0 = int(steps)
        super().__init__(size=size)

    def _build(self):
        left, right = self.figure.subplots(1, 2)
        w = np.linspace(-3.2, 3.2, 200)
        self._style_axes(left, "w", "L(w)", "1-D bowl: L(w) = w²")
        left.plot(w, w**2, color=FAINT_COLOR, linewidth=2)
        left.set_xlim(-3.2, 3.2)
        left.set_ylim(-0.6, 10.8)
        left.plot([self.START_1D], [self.START_1D**2], "o", mfc="white", mec="0.3", markersize=self._marker(7))
        self._path1 = self._dynamic_artist(left.plot([], [], "o-", color=CURVE_COLOR, markersize=self._marker(4),
                                                     linewidth=1)[0])
        self._now1 = self._dynamic_artist(left.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7))[0])

        self._style_axes(right, "w₁", "w₂", "2-D bowl: L = 0.2·w₁² + w₂²")
        g1, g2 = np.meshgrid(np.linspace(-3.2, 3.2, 120), np.linspace(-2.1, 2.1, 90))
        right.contour(g1, g2, self.A1 * g1**2 + self.A2 * g2**2, levels=[0.1, 0.4, 1, 2, 3.5, 5],
                      colors=FAINT_COLOR, linewidths=1)
        right.plot([0], [0], "+", color="0.3", markersize=self._marker(8))
        right.set_xlim(-3.2, 3.2)
        right.set_ylim(-2.1, 2.1)
        right.set_aspect("equal")
        right.plot(*self.START_2D, "o", mfc="white", mec="0.3", markersize=self._marker(7))
        self._path2 = self._dynamic_artist(right.plot([], [], "o-", color=CURVE_COLOR, markersize=self._marker(4),
                                                      linewidth=1)[0])
        self._now2 = self._dynamic_artist(right.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7))[0])
        self._message = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        self._slider("learning rate", *self.LR_RANGE, 0.01, self._lr0)
        self._slider("steps", 0, self.MAX_STEPS, 1, self._steps0, integer=True)

    HEADLINES = {
        "diverges": "diverges: |w| grows each step — lr above 1.0 overshoots",
        "bounces": "lr = 1.0: w bounces between 2.5 and −2.5 for ever",
        "start": "step 0: the start; add steps",
        "zigzags": "zigzags: each step jumps past the bottom, landing closer",
        "crawls": "crawls: the steps are small, w is still far from the bottom",
        "converges": "converges: w walks down to the bottom at 0",
    }

    def _paths(self):
        lr, steps = self.value("learning rate"), self.value("steps")
        path1 = _descend(lambda w: 2 * w, [self.START_1D], lr, steps, self.LIMIT)[:, 0]
        path2 = _descend(lambda w: np.array([2 * self.A1 * w[0], 2 * self.A2 * w[1]]), self.START_2D, lr, steps,
                         self.LIMIT)
        return lr, steps, path1, path2

    def _status(self, lr, steps, path1):
        """(kind, message) for the 1-D walk; kind is one of diverges, bounces, zigzags, crawls, converges."""
        factor = 1 - 2 * lr  # each step multiplies w by this
        w = path1[-1]
        if abs(factor) > 1 + _EPS:
            return "diverges", f"diverges: |w| grows ×{abs(factor):.2f} each step — lr above 1.0 overshoots"
        if abs(factor) > 1 - _EPS:
            return "bounces", f"lr = 1.0: w jumps between {self.START_1D:g} and −{self.START_1D:g} for ever"
        if steps == 0:
            return "start", f"step 0: the start, w = {self.START_1D:g}; add steps"
        if factor < 0:
            return "zigzags", f"zigzags: each step jumps past the bottom, landing closer (×{abs(factor):.2f})"
        if abs(w) > 0.5 * self.START_1D:
            return "crawls", f"crawls: after {steps} steps w is still {w:.2f}; a larger lr gets there sooner"
        return "converges", f"converges: w = {w:.3f} after {steps} steps"

    def _update(self):
        lr, steps, path1, path2 = self._paths()
        self._path1.set_data(path1, path1**2)
        self._now1.set_data([path1[-1]], [path1[-1] ** 2])
        self._path2.set_data(path2[:, 0], path2[:, 1])
        self._now2.set_data([path2[-1, 0]], [path2[-1, 1]])
        kind, message = self._status(lr, steps, path1)
        # The figure says what kind of walk it is; the readout adds the numbers. A
        # headline that only changes with the kind is also one text less to draw a move.
        self._message.set_text(self.HEADLINES[kind])
        self._message.set_color(TANGENT_COLOR if kind in ("diverges", "bounces") else "black")
        w1, w2 = path2[-1]
        taken = len(path1) - 1
        first = _join(
            f"learning rate {lr:.2f}, {taken} steps",
            f"1-D: w = {_fmt_w(path1[-1])}, L = {_fmt_w(path1[-1] ** 2)}",
            f"2-D: w = ({_fmt_w(w1)}, {_fmt_w(w2)}), L = {_fmt_w(self.A1 * w1**2 + self.A2 * w2**2)}",
        )
        second = html.escape(message)
        if taken < steps:
            second += html.escape(f" (stopped after {taken} steps: |w| passed {self.LIMIT:,.0f})")
        return _lines(first, second)

    def __repr__(self):
        lr, steps, path1, _ = self._paths()
        kind, _ = self._status(lr, steps, path1)
        w = path1[-1]
        return f"GradientDescentExplorer(lr={lr:.2f}, steps={steps}): w = {_fmt_w(w)}, L = {_fmt_w(w * w)} ({kind})"


def gradient_descent_explorer(*, lr=0.1, steps=10, size="normal"):
    r"""Sliders for the learning rate and the number of steps of gradient descent on two bowls.

    Too small a learning rate crawls, too large diverges (shown as divergence, never as a
    crash or a NaN).

    Args:
        lr: the starting learning rate, in [0.01, 1.2].
        steps: the starting number of steps, 0 to 50.
        size: "normal", or "large" for a projector.
    """
    return GradientDescentExplorer(lr=lr, steps=steps, size=size)


# ----- 06 · training a network ------------------------------------------------------------


class _Run:
    """One seeded training run: the weights after every epoch and the History."""

    def __init__(self, snapshots, history):
        self.snapshots = snapshots  # snapshots[e] = the params after epoch e (0: the initial weights)
        self.history = history

    @property
    def last_epoch(self):
        return len(self.snapshots) - 1


# Runs are deterministic, so one cache serves every explorer of the session.
_RUNS = {}


def _train(x, t, lr, hidden, epochs, seed):
    """Train a 2-hidden-3 sigmoid TwoLayerNet on (x, t) with SGD, keeping the weights of each epoch."""
    from .models import TwoLayerNet
    from .optim import SGD
    from .train import DivergenceWarning, fit

    key = (lr, hidden, epochs, seed, x.shape)
    if key in _RUNS:
        return _RUNS[key]
    model = TwoLayerNet(2, hidden, 3, activation="sigmoid", weight_scale=0.01, seed=seed)
    snapshots = [[p.copy() for p in model.params]]

    def keep(epoch, history):
        snapshots.append([p.copy() for p in model.params])

    with warnings.catch_warnings():
        # A diverging run is shown as such (history.diverged_at), not as a warning.
        warnings.simplefilter("ignore", DivergenceWarning)
        history = fit(model, SGD(lr), x, t, epochs=epochs, batch_size=30, seed=seed, callback=keep)
    _RUNS[key] = run = _Run(snapshots, history)
    return run


class TrainingExplorer(Explorer):
    """Watch a 2-hidden-3 network learn the spiral: the decision boundary and the loss, epoch by epoch.

    The runs are computed once per (learning rate, hidden size) and cached: SGD, batch
    30, 300 epochs, sigmoid hidden layer, every seed fixed, so the same settings always
    show the same pictures.
    """

    figsize = (7.6, 3.4)
    _factory = "training_explorer"
    LEARNING_RATES = (0.1, 0.3, 1.0, 3.0)
    HIDDEN_SIZES = (3, 10, 30)
    EPOCHS = 300
    SEED = 0
    RESOLUTION = 120  # grid points a side of the decision regions

    def __init__(self, *, lr=1.0, hidden=10, epoch=300, size="normal"):
        who = self._factory
        if lr not in self.LEARNING_RATES:
            raise ValueError(f"{who} expects lr to be one of {list(self.LEARNING_RATES)} (got {lr!r}).")
        if hidden not in self.HIDDEN_SIZES:
            raise ValueError(f"{who} expects hidden to be one of {list(self.HIDDEN_SIZES)} (got {hidden!r}).")
        epoch = check_number(epoch, who, "epoch", 0, self.EPOCHS)
        if epoch != int(epoch):
            raise ValueError(f"{who} expects epoch to be a whole number (got {epoch:g}).")
        self._start = (float(lr), int(hidden), int(epoch))
        from .data import spiral

        self._x, self._t = spiral()
        self._run_key = None
        self._models = {}
        super().__init__(size=size)

    def _build(self):
        lr, hidden, epoch = self._start
        grid = self.figure.add_gridspec(1, 2, width_ratios=[1, 1.35])
        left = self.figure.add_subplot(grid[0])
        right = self.figure.add_subplot(grid[1])
        xs, ys, self._grid = decision_grid(self._x, self.RESOLUTION)
        self._style_axes(left, "x₁", "x₂")
        left.set_aspect("equal")
        self._regions = self._dynamic_artist(left.imshow(
            np.zeros((len(ys), len(xs))), origin="lower", extent=(xs[0], xs[-1], ys[0], ys[-1]),
            cmap=ListedColormap(REGION_COLORS[:3]), vmin=-0.5, vmax=2.5, interpolation="nearest",
        ))
        for k in range(3):  # drawn each frame too, to stay on top of the regions
            self._dynamic_artist(left.scatter(
                self._x[self._t == k, 0], self._x[self._t == k, 1], s=self._marker(3) ** 2, color=CLASS_COLORS[k],
                edgecolors="white", linewidths=0.3, zorder=3,
            ))
        self._left_title = self._dynamic_artist(left.set_title(" ", fontsize=self.look["title"]))

        self._style_axes(right, "epoch", "loss")
        self._twin = right.twinx()
        self._style_axes(self._twin, None, "accuracy")
        right.set_xlim(0, self.EPOCHS)
        self._twin.set_ylim(0, 1.05)
        self._twin.set_yticks([0.25, 0.5, 0.75, 1.0])  # no 0 tick: it would sit on the last epoch's label
        (self._loss_line,) = right.plot([], [], color=CLASS_COLORS[0], label="loss")
        (self._acc_line,) = self._twin.plot([], [], color=CLASS_COLORS[1], label="accuracy")
        # The legend is the panel's title: above the axes it never covers a curve.
        right.legend(handles=[self._loss_line, self._acc_line], loc="lower center", bbox_to_anchor=(0.5, 1.0),
                     ncol=2, frameon=False, fontsize=self.look["title"])
        self._epoch_line = self._dynamic_artist(right.axvline(0, color="0.4", linestyle="--", linewidth=1))
        dot = dict(marker="o", linestyle="none", markersize=self._marker(7))
        self._epoch_dot = self._dynamic_artist(right.plot([], [], color=CLASS_COLORS[0], **dot)[0])
        self._acc_dot = self._dynamic_artist(self._twin.plot([], [], color=CLASS_COLORS[1], **dot)[0])
        self._loss_ax = right

        self._slider("epoch", 0, self.EPOCHS, 1, epoch, integer=True)
        self._choice("learning rate", [(f"{v:g}", v) for v in self.LEARNING_RATES], lr)
        self._choice("hidden size", [(str(h), h) for h in self.HIDDEN_SIZES], hidden)

    def _model(self, hidden):
        """One network a hidden size, whose weights are overwritten by each snapshot shown."""
        if hidden not in self._models:
            from .models import TwoLayerNet

            self._models[hidden] = TwoLayerNet(2, hidden, 3, activation="sigmoid", seed=self.SEED)
        return self._models[hidden]

    def _settings(self):
        return float(self.value("learning rate")), int(self.value("hidden size")), int(self.value("epoch"))

    def _run(self):
        lr, hidden, _ = self._settings()
        return _train(self._x, self._t, lr, hidden, self.EPOCHS, self.SEED)

    def _show_run(self, run):
        """Put a new run's loss and accuracy curves in place (a static change: full redraw)."""
        history = run.history
        epochs = np.arange(1, len(history.loss) + 1)
        self._loss_line.set_data(epochs, history.loss)
        self._acc_line.set_data(epochs, history.accuracy)
        top = max(history.loss) if history.loss else 1.0
        self._loss_ax.set_ylim(0, 1.08 * max(top, 1.0))
        self._full_redraw()

    def _numbers(self):
        """(run, epoch shown, loss, accuracy) at the controls."""
        run = self._run()
        _, _, wanted = self._settings()
        epoch = min(wanted, run.last_epoch)
        model = self._model(int(self.value("hidden size")))
        for p, saved in zip(model.params, run.snapshots[epoch]):
            p[...] = saved
        if epoch == 0:
            loss, accuracy = model.forward(self._x, self._t), model.accuracy(self._x, self._t)
        else:
            loss, accuracy = run.history.loss[epoch - 1], run.history.accuracy[epoch - 1]
        return run, epoch, loss, accuracy

    def _update(self):
        lr, hidden, wanted = self._settings()
        if self._run_key != (lr, hidden):
            self._show_run(self._run())
            self._run_key = (lr, hidden)
        run, epoch, loss, accuracy = self._numbers()  # also loads the weights of that epoch
        model = self._model(hidden)
        classes = model.predict(self._grid).argmax(axis=1)
        self._regions.set_data(classes.reshape(self.RESOLUTION, self.RESOLUTION))
        self._epoch_line.set_xdata([epoch, epoch])
        shown = epoch >= 1
        self._epoch_dot.set_visible(shown)
        self._acc_dot.set_visible(shown)
        if shown:
            self._epoch_dot.set_data([epoch], [loss])
            self._acc_dot.set_data([epoch], [accuracy])
        self._left_title.set_text(f"epoch {epoch}: accuracy {accuracy:.2f}")
        net = f"2-{hidden}-3, lr {lr:g}"
        if epoch == 0:
            first = _join("epoch 0 (random weights)", f"loss {loss:.3f}", f"accuracy {accuracy:.3f}", net)
        else:
            first = _join(f"epoch {epoch}", f"loss {loss:.3f} (epoch mean)", f"accuracy {accuracy:.3f}", net)
        diverged = run.history.diverged_at
        if diverged is not None:
            return _lines(first, html.escape(
                f"training diverged in epoch {diverged}: the loss stopped being a number; "
                f"showing epoch {run.last_epoch}, the last good one — try a smaller learning rate"))
        return first

    def __repr__(self):
        lr, hidden, _ = self._settings()
        _, epoch, loss, accuracy = self._numbers()
        return (f"TrainingExplorer(lr={lr:g}, hidden={hidden}, epoch={epoch}): "
                f"loss {loss:.3f}, accuracy {accuracy:.3f}")


def training_explorer(*, lr=1.0, hidden=10, epoch=300, size="normal"):
    """An epoch slider over a training run on the spiral, with learning rate and hidden size choices.

    Shows the decision boundary at that epoch beside the loss and accuracy curves
    (a marker at the epoch). Changing the learning rate or the hidden size trains a new
    run (about 0.2 s, once: runs are cached).

    Args:
        lr: the starting learning rate, one of 0.1, 0.3, 1, 3.
        hidden: the starting hidden size, one of 3, 10, 30.
        epoch: the epoch shown first, 0 to 300.
        size: "normal", or "large" for a projector.
    """
    return TrainingExplorer(lr=lr, hidden=hidden, epoch=epoch, size=size)


# ----- 04 · backpropagation on a computational graph --------------------------------------


def _logistic_neuron():
    """σ(w0·x0 + w1·x1 + w2) written out as ×(-1), exp, +1 and 1/x, at the lesson's numbers."""
    from .graph import Value

    w0, x0, w1, x1, w2 = (Value(v, name) for v, name in
                          [(2.0, "w0"), (-1.0, "x0"), (-3.0, "w1"), (-2.0, "x1"), (-3.0, "w2")])
    # Inner nodes get names too, so a step's text says which × node it sends to.
    w0x0, w1x1 = w0 * x0, w1 * x1
    w0x0.label, w1x1.label = "w0x0", "w1x1"
    s = w0x0 + w1x1 + w2
    s.label = "s"
    return 1 / (1 + (-s).exp())


def _gate(node, args):
    """Apply ``node``'s operation to new inputs ``args`` (Values), keeping their order."""
    from . import graph as G

    op = node.op
    unary = {G.NEG: lambda a: -a, G.EXP: G.Value.exp, G.LOG: G.Value.log, G.RECIPROCAL: G.Value.reciprocal,
             G.SIGMOID: G.Value.sigmoid, G.TANH: G.Value.tanh, G.RELU: G.Value.relu}
    binary = {G.ADD: lambda a, b: a + b, G.MUL: lambda a, b: a * b, G.MAX: G.maximum}
    if op in unary and len(args) == 1:
        return unary[op](args[0])
    if op in binary and len(args) == 2:
        return binary[op](*args)
    if op.startswith("**") and len(args) == 1:
        return args[0] ** float(op[2:])
    raise ValueError(f"graph_explorer cannot recompute a node with the operation {op!r} and {len(args)} inputs.")


def _rebuild(order, inputs, values):
    """The same graph with new numbers in its input leaves: every operation applied again.

    Constants are shared with the original graph; nothing of the original is changed
    (not even its ``grad``s).

    Raises:
        ZeroDivisionError, ValueError, OverflowError: from a gate that cannot take the
        new numbers (1/x of 0, log of a negative, exp of 800 …).
    """
    from .graph import Value

    new = {}
    for node in order:
        if node in inputs:
            new[node] = Value(values[node], node.label)
        elif not node.inputs:
            new[node] = node  # a constant
        else:
            made = _gate(node, [new[child] for child in node.inputs])
            made.label = node.label
            new[node] = made
    return new[order[-1]]


class GraphExplorer(Explorer):
    r"""Walk the backward pass of a computational graph, one node at a time, on its drawing.

    Sliders set the input numbers (the graph is computed again: same structure, new
    numbers); the step slider shows the backward pass after that many steps, the node
    of the current step in orange and the gradients it just sent in bold. The default
    graph is the CS231n logistic neuron $\sigma(w_0 x_0 + w_1 x_1 + w_2)$ with
    $\sigma$ written out as ×(-1), exp, +1 and 1/x.
    """

    _factory = "graph_explorer"
    _auto_layout = False  # the drawing fills an axes placed by hand
    MARGIN = 0.15  # inches around the drawing, in "normal" inches

    def __init__(self, root=None, *, step=0, size="normal"):
        from .graph import Value

        who = self._factory
        if root is None:
            root = _logistic_neuron()
            self._default = True
        elif not isinstance(root, Value):
            raise TypeError(f"{who} expects root to be a Value from nnkit.graph (got {describe(root)}).")
        else:
            self._default = False
        self._order = root.topological_order()
        self._inputs = [node for node in self._order if not node.inputs and not node.is_constant]
        if not self._inputs:
            raise ValueError(f"{who} expects a graph with at least one input Value to slide (got only constants).")
        self._names = {}
        for k, node in enumerate(self._inputs, start=1):
            name = node.label or f"input {k}"
            while name in self._names.values() or name == "step":
                name += "′"
            self._names[node] = name
        values = {node: node.data for node in self._inputs}
        try:
            self._root = _rebuild(self._order, self._inputs, values)
        except (ZeroDivisionError, OverflowError) as err:  # cannot happen for a graph that was built
            raise ValueError(f"{who} could not recompute the graph: {err}") from None
        if abs(self._root.data - root.data) > 1e-9 * max(1.0, abs(root.data)):
            raise ValueError(f"{who} could not recompute the graph: it gives {self._root.data} instead of {root.data}.")
        self._n_steps = sum(1 for node in self._order if node.inputs)
        step = check_number(step, who, "step", 0, self._n_steps)
        if step != int(step):
            raise ValueError(f"{who} expects step to be a whole number (got {step:g}).")
        self._step0 = int(step)
        self._problem = ""
        size = _check_size(size, who)
        self.figsize = self._natural_size(size)
        super().__init__(size=size)

    def _natural_size(self, size):
        """The figure size (normal inches) at which the drawing's smallest text is the size's small font.

        ``draw_graph`` scales the drawing, text included, to the room its axes offer. A
        first drawing on a square scratch figure tells the graph's extent and its
        smallest font at a known scale; the figure is then sized for the font wanted.
        """
        from .diagrams import draw_graph

        scratch = Figure(figsize=(10, 10))
        ax = scratch.add_axes((0, 0, 1, 1))
        drawing = draw_graph(self._root, ax=ax)
        smallest = min(a.get_fontsize() for a in drawing.artists() if isinstance(a, Text) and a.get_text())
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        # (a hair more, so that round-off never leaves the smallest text just under the size)
        inches_per_unit = min(10 / (x1 - x0), 10 / (y1 - y0)) * SIZES[size]["small"] / smallest * 1.001
        scale = SIZES[size]["scale"]
        return ((x1 - x0) * inches_per_unit / scale + 2 * self.MARGIN,
                (y1 - y0) * inches_per_unit / scale + 2 * self.MARGIN)

    def _build(self):
        from .diagrams import draw_graph

        width, height = self.figure.get_size_inches()
        margin = self.MARGIN * self.look["scale"]
        ax = self.figure.add_axes((margin / width, margin / height, 1 - 2 * margin / width,
                                   1 - 2 * margin / height))
        self._drawing = draw_graph(self._root, ax=ax, step=self._step0)
        d = self._drawing
        # update() changes only texts and the node patches' faces: those are redrawn each
        # frame, the arrows and copy dots stay in the background.
        patches = set(d.node_patches.values())
        for artist in d.artists():
            if isinstance(artist, Text) or artist in patches:
                self._dynamic_artist(artist)
        for node in self._inputs:
            value = node.data
            lo, hi = (-5.0, 5.0) if -5 <= value <= 5 else (value - 5, value + 5)
            self._slider(self._names[node], lo, hi, 0.1, value)
        self._slider("step", 0, self._n_steps, 1, self._step0, integer=True)

    def _update(self):
        values = {node: self.value(self._names[node]) for node in self._inputs}
        try:
            root = _rebuild(self._order, self._inputs, values)
            self._problem = ""
        except (ZeroDivisionError, ValueError, OverflowError) as err:
            root = None  # keep showing the last numbers that worked
            self._problem = f"these inputs break a gate ({err}); the graph shows the last numbers that worked"
        step = self.value("step")
        self._drawing.update(root, step=step)
        self._root = self._drawing.root
        return self._readout(step)

    def _input_grads(self, step):
        """d(output)/d(input) for each input leaf after ``step`` backward steps (None: not reached yet)."""
        grads = {node: None for node in self._drawing.nodes if not node.inputs}
        for s in self._drawing.steps[:step]:
            for child, down in zip(s.inputs, s.downstream):
                if child in grads:
                    grads[child] = (grads[child] or 0.0) + down
        return grads

    def _readout(self, step):
        f = self._root.data
        what = "f = σ(w0·x0 + w1·x1 + w2)" if self._default else "output f"
        lines = [_join(f"{what} = {format_fixed(f, 3)}", f"backward step {step} of {self._n_steps}")]
        if step == 0:
            lines.append(html.escape("step 0: the output's gradient is ∂f/∂f = 1; move the step slider to go back "
                                     "through the graph"))
        else:
            lines.append(html.escape(str(self._drawing.steps[step - 1])))
        # The inputs' gradients as they arrive ("?" until the pass reaches them): the same
        # number of lines at every step, so the figure below never jumps.
        grads = self._input_grads(step)
        inputs = [n for n in self._drawing.nodes if not n.inputs and not n.is_constant]
        lines.append(_join(*(f"∂f/∂{n.label or 'input'} = {'?' if grads[n] is None else format_value(grads[n])}"
                             for n in inputs)))
        if self._problem:
            lines.append(html.escape(self._problem))
        return _lines(*lines)

    def __repr__(self):
        step = self.value("step")
        head = f"GraphExplorer(step={step} of {self._n_steps})"
        inputs = ", ".join(f"{self._names[n]}={format_fixed(self.value(self._names[n]))}" for n in self._inputs)
        full = f"GraphExplorer({inputs}, step={step} of {self._n_steps})"
        tail = f": f = {format_fixed(self._root.data, 3)}"
        return (full if len(full + tail) <= 110 else head) + tail


def graph_explorer(root=None, *, step=0, size="normal"):
    r"""Input sliders and a backward-step slider on the drawing of a computational graph.

    Args:
        root: a ``nnkit.graph.Value``; its input leaves (the Values that are not
            constants) get sliders. None draws the logistic neuron
            σ(w0·x0 + w1·x1 + w2) at w0=2, x0=-1, w1=-3, x1=-2, w2=-3.
        step: the backward step shown first (0: only the output's gradient 1).
        size: "normal", or "large" for a projector.
    """
    return GraphExplorer(root, step=step, size=size)
