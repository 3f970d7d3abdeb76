"""Where does a slider move's time go, kernel side, in every explorer?

For every explorer (and the graph explorer at ``size="large"``, notebook 07's two
explorers and a playground tick) one control is moved ``--moves`` times and each move is
split into parts, timed with ``time.process_time`` (CPU time of this process: on a
shared machine, other processes' load inflates wall-clock time but hardly CPU time):

- numbers: the explorer's ``_update`` (maths, ``set_data`` / ``set_text``, the readout's
  HTML), training included for the playground;
- draw: the renderer restoring the background and drawing the changed artists (a full
  draw when something static changed);
- PNG: encoding the canvas (``_blit.png_bytes``);
- rest: everything else of the move (traitlets, the Image widget's value, the readout);

and the PNG's size in kB, which is what travels to the browser. Wall-clock median of
the whole move beside it, and the load average, so a reader can judge the machine.
No assertions: this prints a markdown table.

Run: PYTHONPATH=. python benchmarks/breakdown.py [--moves 40]
"""

import argparse
import os
import platform
import statistics
import time

import matplotlib
import numpy as np

from nnkit import widgets as W
from nnkit.widgets import _blit


def sweep(control, n):
    """n values back and forth over a slider's range, or round the options of a choice."""
    if hasattr(control, "min"):
        lo, hi = control.min, control.max
        values = [lo + (hi - lo) * (0.5 + 0.45 * np.sin(1.3 * i)) for i in range(n)]
        if isinstance(control.value, int):
            values = [int(round(v)) for v in values]
        else:
            values = [round(v / control.step) * control.step for v in values]
        return values
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    return [options[i % len(options)] for i in range(n)]


class Clock:
    """Accumulates process time (and wall time) spent in wrapped functions, per part."""

    def __init__(self):
        self.parts = {"numbers": 0.0, "draw": 0.0, "png": 0.0}
        self.png_bytes = 0

    def reset(self):
        for k in self.parts:
            self.parts[k] = 0.0


def instrument(explorer, clock):
    """Wrap the explorer's _update, its blitter's render and the PNG encoder to feed ``clock``."""
    update = explorer._update
    render = explorer._blitter.render

    def timed_update():
        t0 = time.process_time()
        try:
            return update()
        finally:
            clock.parts["numbers"] += time.process_time() - t0

    def timed_render():
        t0 = time.process_time()
        png0 = clock.parts["png"]
        try:
            return render()
        finally:
            clock.parts["draw"] += time.process_time() - t0 - (clock.parts["png"] - png0)

    explorer._update = timed_update
    explorer._blitter.render = timed_render


def install_png_clock(clock):
    encode = _blit.png_bytes

    def timed(canvas):
        t0 = time.process_time()
        out = encode(canvas)
        clock.parts["png"] += time.process_time() - t0
        clock.png_bytes = len(out)
        return out

    _blit.png_bytes = timed


def cases():
    """(name, factory, control, how to move it: None = set the control's value; else a function)."""
    return [
        ("sigmoid", W.sigmoid_explorer, "w"),
        ("tangent", W.tangent_explorer, "x0"),
        ("softmax", W.softmax_explorer, "dog score"),
        ("gradient descent", W.gradient_descent_explorer, "learning rate"),
        ("training", W.training_explorer, "epoch"),
        ("graph", W.graph_explorer, "step"),
        ("graph", lambda: W.graph_explorer(step=8), "w0"),
        ("graph, large", lambda: W.graph_explorer(size="large"), "step"),
        ("graph, large", lambda: W.graph_explorer(step=8, size="large"), "w0"),
        ("initialization", W.initialization_explorer, "gain ×"),
        ("initialization", W.initialization_explorer, "weight scale"),
        ("initialization", W.initialization_explorer, "activation"),
        ("optimizer", W.optimizer_explorer, "learning rate"),
        ("optimizer", W.optimizer_explorer, "momentum"),
        ("playground tick", W.playground, "tick"),
    ]


def measure(factory, description, moves, clock):
    explorer = factory()
    instrument(explorer, clock)
    if description == "tick":
        def move(_):
            explorer.play.value += 1
        values = list(range(moves + 3))
    else:
        control = explorer.controls[description]
        values = sweep(control, moves + 3)

        def move(v):
            control.value = v
    for v in values[:3]:  # warm caches (fonts, glyphs, statistics) before timing
        move(v)
    rows = []
    for v in values[3:]:
        clock.reset()
        w0, c0 = time.perf_counter(), time.process_time()
        move(v)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        parts = dict(clock.parts)
        rows.append((wall, cpu, parts, clock.png_bytes))
    return explorer, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    args = parser.parse_args()
    clock = Clock()
    install_png_clock(clock)
    load = os.getloadavg()
    print(f"breakdown: {args.moves} moves each; {platform.machine()}, Python {platform.python_version()}, "
          f"matplotlib {matplotlib.__version__}, numpy {np.__version__}; "
          f"load average at the start {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print("| explorer | control | px | wall median ms | CPU median ms | numbers | draw | PNG | rest | PNG kB |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, factory, description in cases():
        explorer, rows = measure(factory, description, args.moves, clock)
        med = lambda xs: 1000 * statistics.median(xs)  # noqa: E731
        wall = med([r[0] for r in rows])
        cpu = med([r[1] for r in rows])
        parts = {k: med([r[2][k] for r in rows]) for k in ("numbers", "draw", "png")}
        rest = med([r[1] - sum(r[2].values()) for r in rows])
        kb = statistics.median([r[3] for r in rows]) / 1000
        w, h = explorer.figure.canvas.get_width_height()
        print(f"| {name} | {description} | {w}×{h} | {wall:.1f} | {cpu:.1f} | {parts['numbers']:.1f} | "
              f"{parts['draw']:.1f} | {parts['png']:.1f} | {rest:.1f} | {kb:.0f} |")
    load = os.getloadavg()
    print(f"\nparts are medians of CPU time (process_time), so they need not add up to the CPU median; "
          f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")


if __name__ == "__main__":
    main()
