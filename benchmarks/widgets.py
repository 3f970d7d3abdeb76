"""How long does a slider move take in each explorer, next to redrawing from scratch?

For every explorer, 50 moves of one control, each timed from the ``.value =``
assignment until it returns (the handler is synchronous: when it returns, the new PNG is
in the Image widget). Three ways, in the same run:

- naive: an ``interact``-style function that makes a NEW figure for every move, draws
  the same plot and saves it as PNG (what a notebook usually does);
- full draw: the explorer's one figure, but drawn completely on every move;
- explorer: the explorer as shipped (only the moving artists drawn on a saved
  background, PNG at zlib level 1).

Target (explorer median, issue 12): ≤ 16 ms for every explorer (it was ≤ 40 ms for the graph
and training explorers). Wall-clock: on a shared machine compare the columns of one run, or
see benchmarks/breakdown.py for CPU time split into parts. No assertions: this prints a table.

Run: PYTHONPATH=. python benchmarks/widgets.py
"""

import io
import platform
import statistics
import time

import matplotlib
import numpy as np
from matplotlib.figure import Figure

import nnkit
from nnkit import widgets as W
from nnkit.diagrams import draw_graph
from nnkit.graph import logistic_neuron
from nnkit.plotting import REGION_COLORS, decision_grid
from nnkit.widgets.training import training_run

MOVES = 50
DPI = W.SIZES["normal"]["dpi"]


def _png(fig):
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


# ----- the naive baselines: a new figure a move -------------------------------------------


def naive_sigmoid(w, b=0.0):
    fig = Figure(figsize=W.SigmoidExplorer.figsize, dpi=DPI)
    ax = fig.add_subplot()
    x = np.linspace(-8, 8, 400)
    ax.axhline(0.5, color="0.75", linestyle=":")
    ax.plot(x, nnkit.sigmoid(x), color="0.75", label="σ(x)")
    ax.plot(x, nnkit.sigmoid(w * x + b), label="σ(wx + b)")
    if w:
        ax.plot([-b / w], [0.5], "o")
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.05, 1.08)
    ax.set_title(f"σ(wx + b) crosses 0.5 at x = {-b / w if w else 0:.2f}")
    ax.legend(loc="lower right")
    return _png(fig)


def naive_tangent(x0):
    fig = Figure(figsize=W.TangentExplorer.figsize, dpi=DPI)
    ax = fig.add_subplot()
    x = np.linspace(-6.5, 6.5, 400)
    ax.plot(x, x**2, label="y = x²")
    ax.plot(x, x0**2 + 2 * x0 * (x - x0), label="tangent")
    ax.plot([x0], [x0**2], "o")
    ax.set_ylim(-3.4, 45.6)
    ax.set_title(f"tangent at x = {x0:.2f}: slope {2 * x0:.2f}")
    ax.legend(loc="upper center", ncol=2)
    return _png(fig)


def naive_softmax(dog, cat=-4.4, hamster=2.8):
    s = np.array([dog, cat, hamster])
    y = nnkit.softmax(s)
    fig = Figure(figsize=W.SoftmaxExplorer.figsize, dpi=DPI)
    left, right = fig.subplots(1, 2)
    left.bar(range(3), s)
    left.set_ylim(-12.5, 12.5)
    right.bar(range(3), y)
    right.set_ylim(0, 1.22)
    for i in range(3):
        left.text(i, s[i], f"{s[i]:.1f}", ha="center")
        right.text(i, y[i] + 0.02, f"{y[i]:.3f}", ha="center")
    fig.suptitle(f"L = {nnkit.cross_entropy_error(y, 0):.3f}")
    return _png(fig)


def naive_gradient_descent(lr, steps=10):
    fig = Figure(figsize=W.GradientDescentExplorer.figsize, dpi=DPI)
    left, right = fig.subplots(1, 2)
    w = np.linspace(-3.2, 3.2, 200)
    left.plot(w, w**2, color="0.75")
    path = [2.5]
    for _ in range(steps):
        path.append(path[-1] * (1 - 2 * lr))
    path = np.array(path)
    left.plot(path, path**2, "o-")
    left.set_ylim(-0.6, 10.8)
    g1, g2 = np.meshgrid(np.linspace(-3.2, 3.2, 120), np.linspace(-2.1, 2.1, 90))
    right.contour(g1, g2, 0.2 * g1**2 + g2**2, levels=[0.1, 0.4, 1, 2, 3.5, 5], colors="0.75")
    p = [np.array([-2.5, 1.5])]
    for _ in range(steps):
        p.append(p[-1] - lr * np.array([0.4, 2.0]) * p[-1])
    p = np.array(p)
    right.plot(p[:, 0], p[:, 1], "o-")
    right.set_aspect("equal")
    fig.suptitle(f"learning rate {lr:.2f}")
    return _png(fig)


class NaiveTraining:
    """The training picture redrawn from scratch (the run itself is precomputed, as in the explorer)."""

    def __init__(self):
        self.x, self.t = nnkit.spiral()
        explorer = W.TrainingExplorer
        self.run = training_run(self.x, self.t, lr=1.0, hidden=10, epochs=explorer.EPOCHS, seed=explorer.SEED)
        self.model = nnkit.TwoLayerNet(2, 10, 3)
        self.xs, self.ys, self.grid = decision_grid(self.x, 120)

    def __call__(self, epoch):
        for p, saved in zip(self.model.params, self.run.snapshots[epoch]):
            p[...] = saved
        fig = Figure(figsize=W.TrainingExplorer.figsize, dpi=DPI)
        left, right = fig.subplots(1, 2)
        classes = self.model.predict(self.grid).argmax(axis=1).reshape(120, 120)
        left.contourf(self.xs, self.ys, classes, levels=[-0.5, 0.5, 1.5, 2.5], colors=REGION_COLORS[:3])
        for k in range(3):
            left.scatter(*self.x[self.t == k].T, s=9)
        history = self.run.history
        right.plot(range(1, 301), history.loss)
        right.twinx().plot(range(1, 301), history.accuracy, color="C1")
        if epoch:
            right.plot([epoch], [history.loss[epoch - 1]], "o")
        left.set_title(f"epoch {epoch}")
        return _png(fig)


class NaiveGraph:
    """The logistic neuron's graph drawn from scratch at a backward step (or with a new w0)."""

    def __init__(self, control):
        self.control = control
        self.size = W.GraphExplorer(None).figure.get_size_inches()

    def __call__(self, value):
        w0 = value if self.control == "w0" else 2.0
        step = value if self.control == "step" else 8
        root = logistic_neuron(w0=w0)
        fig = Figure(figsize=self.size, dpi=DPI)
        draw_graph(root, ax=fig.add_axes((0.01, 0.05, 0.98, 0.9)), step=step)
        return _png(fig)


# ----- timing -----------------------------------------------------------------------------


def time_moves(move, values):
    for v in values[:3]:  # warm caches (fonts, glyphs) before timing
        move(v)
    times = []
    for v in values:
        start = time.perf_counter()
        move(v)
        times.append(time.perf_counter() - start)
    return times


def stats(times):
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[int(0.9 * (len(ms) - 1))]


def sweep(control, n=MOVES):
    """n values going back and forth over the control's range (every value differs from the last)."""
    lo, hi = control.min, control.max
    values = [lo + (hi - lo) * (0.5 + 0.45 * np.sin(1.3 * i)) for i in range(n)]
    if isinstance(control.value, int):
        values = [int(round(v)) for v in values]
    return values


def explorer_moves(explorer, description, values, full):
    control = explorer.controls[description]

    def move(v):
        if full:
            with explorer.hold_render():  # one render, of the whole figure
                control.value = v
                explorer.refresh(full=True)
        else:
            control.value = v

    return time_moves(move, values)


def cases():
    """(name, factory, control description, naive function, target ms)."""
    rows = [
        ("sigmoid", W.sigmoid_explorer, "w", naive_sigmoid, 16),
        ("tangent", W.tangent_explorer, "x0", naive_tangent, 16),
        ("softmax", W.softmax_explorer, "dog score", naive_softmax, 16),
        ("gradient descent", W.gradient_descent_explorer, "learning rate", naive_gradient_descent, 16),
        ("training", W.training_explorer, "epoch", NaiveTraining(), 16),
    ]
    rows.append(("graph", W.graph_explorer, "step", NaiveGraph("step"), 16))
    rows.append(("graph", lambda: W.graph_explorer(step=8), "w0", NaiveGraph("w0"), 16))
    return rows


def main():
    print(f"widgets: {MOVES} slider moves per explorer, size normal ({DPI} dpi); "
          f"{platform.processor() or platform.machine()}, matplotlib {matplotlib.__version__}, "
          f"numpy {np.__version__}")
    header = (f"| {'explorer':<17} | {'control':<13} | {'naive ms':>8} | {'full draw ms':>12} | "
              f"{'explorer ms':>11} | {'p90 ms':>6} | {'× naive':>7} | {'target':>6} | {'met':<7} |")
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for name, factory, description, naive, target in cases():
        explorer = factory()
        values = sweep(explorer.controls[description])
        naive_med = stats(time_moves(naive, values))[0] if naive is not None else float("nan")
        full_med = stats(explorer_moves(explorer, description, values, full=True))[0]
        med, p90 = stats(explorer_moves(explorer, description, values, full=False))
        print(f"| {name:<17} | {description:<13} | {naive_med:>8.1f} | {full_med:>12.1f} | {med:>11.1f} | "
              f"{p90:>6.1f} | {naive_med / med:>7.1f} | {target:>6} | {'met' if med <= target else 'NOT met':<7} |")
    print("naive: a new figure a move, saved with savefig; full draw: one figure, drawn whole each move; "
          "explorer: one figure, only the moving artists drawn. Times are medians (p90 for the explorer).")


if __name__ == "__main__":
    main()
