"""Reading a drawn figure: its texts, which of them meet, PNG bytes.

A block of its own so that it can move, as it is, into the tests' shared figure helpers.
"""

import io
import itertools

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text


def new_axes(size=(10, 4)):
    """An axes filling a fresh Agg figure of ``size`` inches (no pyplot)."""
    fig = Figure(figsize=size, dpi=80)
    FigureCanvasAgg(fig)
    return fig.add_axes((0, 0, 1, 1))


def texts(ax):
    """The non-empty strings of the axes' text artists."""
    return [t.get_text() for t in ax.texts if t.get_text()]


def overlaps(fig, tolerance=0.5):
    """Pairs of non-empty texts whose bounding boxes meet, and texts leaving the figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Text)
             if t.get_text() and t.get_visible()]
    clashes = []
    for (s1, b1), (s2, b2) in itertools.combinations(boxes, 2):
        if b1.x0 + tolerance < b2.x1 and b2.x0 + tolerance < b1.x1 and b1.y0 + tolerance < b2.y1 and b2.y0 + tolerance < b1.y1:
            clashes.append((s1, s2))
    outside = [s for s, b in boxes if b.x0 < -tolerance or b.y0 < -tolerance
               or b.x1 > fig.bbox.x1 + tolerance or b.y1 > fig.bbox.y1 + tolerance]
    return clashes, outside


def png_bytes(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    return buffer.getvalue()

