"""Helpers shared by the figure tests: the texts a reader sees, where they clash, and control sweeps.

One copy for every test module that looks at a drawn figure (explorers, diagrams, plots):

- ``drawn_texts(fig)``: the Text artists a reader sees.
- ``layout_problems(fig, texts=None, slack=1)``: texts that overlap or run off the figure.
- ``control_values(control)`` and ``sweep(explorer)``: the values a teacher's drag visits.
- ``new_axes(size)``, ``axes_texts(ax)``, ``png_bytes(fig)``: a bare axes to draw on, its strings, its PNG.
"""

import io
import itertools

import ipywidgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

#: Where between a slider's ends a sweep stops, beside the two ends themselves.
SWEEP_FRACTIONS = (0.01, 0.1, 0.25, 0.5, 0.75, 0.9)


def drawn_texts(fig):
    """The Text artists a reader sees: visible, not empty, and for tick labels only those inside the view.

    The figure is drawn first, so the positions and tick labels are the ones shown.
    """
    fig.canvas.draw()
    tick_labels, shown = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            pad = 1e-9 * (hi - lo)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for label in (tick.label1, tick.label2):
                    tick_labels.add(label)
                    if (lo - pad <= tick.get_loc() <= hi + pad and tick.get_visible() and label.get_visible()
                            and label.get_text().strip()):
                        shown.append(label)
    shown += [t for t in fig.findobj(Text)
              if t not in tick_labels and t.get_visible() and t.get_text().strip()]
    return shown


def layout_problems(fig, texts=None, *, slack=1.0):
    """Sentences for texts whose boxes overlap by more than ``slack`` pixels, and for texts that run off the figure.

    Args:
        fig: a Figure on a canvas.
        texts: the Text artists to look at (default: ``drawn_texts(fig)``, which draws the figure).
        slack: pixels a box may poke into another, or past the figure's edge, before it counts.
    """
    texts = drawn_texts(fig) if texts is None else texts
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer).padded(-slack) for t in texts]
    problems = [f"{a.get_text()!r} overlaps {b.get_text()!r}"
                for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes), 2) if box_a.overlaps(box_b)]
    inside = fig.bbox.padded(slack)
    problems += [f"{t.get_text()!r} runs off the figure" for t, box in zip(texts, boxes)
                 if not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1))]
    return problems


def text_strings(fig):
    """The strings of ``drawn_texts(fig)``, for tests that look for a title or a label."""
    return [t.get_text() for t in drawn_texts(fig)]


def control_values(control):
    """The values a sweep visits: a slider's ends and points between (whole for an IntSlider); every option of a choice."""
    if isinstance(control, (ipywidgets.FloatSlider, ipywidgets.IntSlider)):
        lo, hi = control.min, control.max
        values = [lo, hi] + [lo + f * (hi - lo) for f in SWEEP_FRACTIONS]
        return [int(round(v)) for v in values] if isinstance(control, ipywidgets.IntSlider) else values
    options = list(control.options)
    return [value for _, value in options] if isinstance(options[0], tuple) else options


def sweep(explorer):
    """Move every control through its values, one control at a time; yield (description, value) at each stop.

    After a control's sweep it goes back to where it started, as the other controls' sweeps assume.
    """
    for description, control in explorer.controls.items():
        start = control.value
        for value in control_values(control):
            control.value = value
            yield description, value
        control.value = start


def new_axes(size=(10, 4)):
    """An axes filling a fresh Agg figure of ``size`` inches (no pyplot)."""
    fig = Figure(figsize=size, dpi=80)
    FigureCanvasAgg(fig)
    return fig.add_axes((0, 0, 1, 1))


def axes_texts(ax):
    """The non-empty strings of the axes' own text artists, in drawing order."""
    return [t.get_text() for t in ax.texts if t.get_text()]


def png_bytes(fig):
    """The figure as PNG bytes at 72 dpi."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    return buffer.getvalue()
