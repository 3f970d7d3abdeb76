"""Regenerate the figures in assets/ from code: ``python assets/make_assets.py``.

One function per figure, each writing one file next to this script; ``main()`` calls
them all. Add a figure by writing its function and calling it from ``main()``. The
figures are drawn on ``matplotlib.figure.Figure`` objects (no pyplot state) and saved
without a timestamp or version stamp, so running the script again changes no bytes
unless the picture changed.
"""

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnkit._palette import NAME
from nnkit.diagrams import draw_graph
from nnkit.graph import Value
from nnkit.widgets import training_explorer

ASSETS = Path(__file__).resolve().parent
DPI = 110


def _save(fig, name):
    path = ASSETS / name
    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    print(f"wrote {path.relative_to(ASSETS.parent)}")
    return path


def logistic_neuron_backward(step=3):
    """The logistic neuron σ(w0·x0 + w1·x1 + w2) as ×(-1), exp, +1, 1/x, mid-way back.

    Step 3 of 8 is the exp node: upstream -0.53 × local 0.37 = -0.20, the step the
    lesson works through by hand.
    """
    w0, x0, w1, x1, w2 = (Value(v, name) for v, name in [(2, "w0"), (-1, "x0"), (-3, "w1"), (-2, "x1"), (-3, "w2")])
    f = 1 / (1 + (-(w0 * x0 + w1 * x1 + w2)).exp())
    fig = Figure(figsize=(10, 3.4))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.09, 0.98, 0.7))
    drawing = draw_graph(f, ax=ax, step=step)
    current = drawing.steps[step - 1]
    work = str(current).split(": ", 2)[2]  # "upstream … = … → to …"
    fig.suptitle(
        f"Backward pass, step {step} of {len(drawing.steps)}: the {current.name}\n{work}",
        fontsize=12,
        y=0.97,
    )
    fig.text(0.5, 0.03, "green, above an edge: the value going forward    red (vermillion), below: the "
             "gradient of f coming back    sky blue: the node of this step", ha="center", fontsize=9, color=NAME)
    return _save(fig, "logistic-neuron-backward.png")


def training_explorer_at(epoch=100):
    """The training explorer as a learner sees it, part-way through the run on the spiral.

    The explorer renders its own figure (the same PNG bytes it sends to the notebook),
    so this is exactly the picture of notebook 06 with the epoch slider at ``epoch``.
    """
    path = ASSETS / "training-explorer.png"
    path.write_bytes(training_explorer(epoch=epoch).image.value)
    print(f"wrote {path.relative_to(ASSETS.parent)}")
    return path


def main():
    logistic_neuron_backward()
    training_explorer_at()


if __name__ == "__main__":
    main()
