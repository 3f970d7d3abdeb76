"""``Explorer``, the base of every explorer: its controls, its readout and one figure updated in place.

A subclass builds its figure once in ``_build()`` and moves it in ``_update()``; the base
makes the controls, watches them, holds renders while several move at once, and hands
the figure to the renderer (``_blit.Blitter``) whose PNG goes into an ``ipywidgets.Image``.
"""

import contextlib
import ctypes
import glob
import html
import math
import os

import ipywidgets as widgets
from matplotlib.figure import Figure

from .._validation import check_number
from . import _snapshot
from ._blit import Blitter
from ._look import SIZES, check_size, style_html

__all__ = ["Explorer", "readout_line", "readout_lines"]

# OpenBLAS's (get, set) thread-count functions, as numpy's wheels name them.
_BLAS_SYMBOLS = (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
                 ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
                 ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
                 ("openblas_get_num_threads", "openblas_set_num_threads"))
_blas_threads = []  # [] not looked up yet; [None] none found; [(get, set)]


def _openblas_thread_functions():
    """(get, set) of the OpenBLAS that numpy loaded, or None (another BLAS, or not found)."""
    if _blas_threads:
        return _blas_threads[0]
    found = None
    import numpy

    paths = []
    try:
        with open("/proc/self/maps") as maps:  # Linux: the libraries this process has loaded
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    except OSError:
        pass
    root = os.path.dirname(os.path.dirname(numpy.__file__))
    paths += glob.glob(os.path.join(root, "numpy.libs", "*openblas*")) + glob.glob(
        os.path.join(os.path.dirname(numpy.__file__), ".dylibs", "*openblas*"))
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for get_name, set_name in _BLAS_SYMBOLS:
            if hasattr(lib, get_name) and hasattr(lib, set_name):
                get, set_ = getattr(lib, get_name), getattr(lib, set_name)
                get.restype, set_.restype = ctypes.c_int, None
                set_.argtypes = [ctypes.c_int]
                found = (get, set_)
                break
        if found:
            break
    _blas_threads.append(found)
    return found


@contextlib.contextmanager
def one_blas_thread():
    """Within this block numpy's OpenBLAS uses one thread; the count before is put back after.

    An explorer's maths are small matrices (a deep stack on 300 points, a 2-10-3 network):
    OpenBLAS's threads cost more than they save there, far more on a shared 2-core machine
    (a deep stack's pass: 33 ms wall with its threads, 5 ms with one, at load ~1). Only the
    explorer's own updates run inside; a learner's code keeps the BLAS as it was. With
    another BLAS (MKL, Accelerate) this does nothing.
    """
    functions = _openblas_thread_functions()
    if functions is None:
        yield
        return
    get, set_ = functions
    before = get()
    if before == 1:
        yield
        return
    set_(1)
    try:
        yield
    finally:
        set_(before)


def readout_line(*parts):
    """Readout parts as one line of HTML, each escaped, separated by a middle dot (empty parts left out)."""
    return " &nbsp;·&nbsp; ".join(html.escape(p) for p in parts if p)


def readout_lines(*lines):
    """Lines of readout HTML (already escaped), one under the other."""
    return "<br>".join(lines)


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
        size = check_size(size, self._factory)
        super().__init__()
        self.size = size
        self.look = dict(SIZES[size])
        width, height = self.figsize
        scale = self.look["scale"]
        dpi = min(self.look["dpi"], self.look["max_px"] / (width * scale))
        self.figure = Figure(figsize=(width * scale, height * scale), dpi=dpi)
        self._blitter = Blitter(self.figure)
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
        self._holding = False
        self._pending = False

        self._build()
        with one_blas_thread():
            self.readout.value = self._update()
        self._lay_out()
        controls = widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))
        # The style also hides the static picture shown before a live explorer (see _snapshot).
        self.children = [widgets.HTML(style_html(size) + _snapshot.HIDE_PICTURE_CSS), controls, self.readout,
                         self.image]
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
        return self._blitter.add(artist)

    def _full_redraw(self, key=None):
        """Ask for a full draw next frame: something static (axis limits, a curve) changed.

        Args:
            key: a hashable name of the static picture now (see ``Blitter.invalidate``):
                coming back to a key drawn before puts its background back, no full draw.
        """
        self._blitter.invalidate(key)

    def _slider(self, description, lo, hi, step, value, *, integer=False, readout_format=".2f"):
        """Make a slider, registered under its description.

        Every slider updates continuously: benchmarks/widgets.py measures a move well
        inside its targets (≤ 16 ms for the curve explorers, ≤ 40 ms for the graph and
        training explorers on a 2-core machine), so the figure can follow a drag.
        """
        common = dict(
            description=description, min=lo, max=hi, step=step, value=value, continuous_update=True,
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

    # ----- for learners, notebooks and tests ----------------------------------------------

    def value(self, description):
        """The current value of the control with this description."""
        return self._control(description).value

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

    def refresh(self, *, full=False):
        """Recompute from the controls, update the readout and render the figure.

        Args:
            full: draw the whole figure again instead of only what changed (the same
                picture, slower; tests compare the two).
        """
        if full:
            self._full_redraw()
        if self._holding:
            self._pending = True
            return
        with one_blas_thread():
            self.readout.value = self._update()
            self._render()

    def render_png(self):
        """The figure as PNG bytes, as the learner sees it now."""
        return bytes(self.image.value)

    def _ipython_display_(self, **kwargs):
        """Display a static picture of the figure, then the widget view (see ``_snapshot``)."""
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
        """Render the figure (only what changed) into the Image widget."""
        self.image.value = self._blitter.render()
        self.render_count += 1
