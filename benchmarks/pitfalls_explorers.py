"""How long does a move take in notebook 07's two explorers (kernel side)?

Each move is timed from the control's ``.value =`` assignment until it returns (the
handler is synchronous: when it returns, the new PNG is in the Image widget). Moves that
change only dynamic artists (the weight scale, the learning rate) and moves that change the
static picture (a new activation's axis range, a new surface's contours) are timed apart;
the static pictures are kept by key after their first draw (``Blitter.invalidate(key)``),
so after the warm-up those moves put a kept background back instead of drawing. Target: median ≤ 40 ms a move, the figure of the graph and training explorers.
No assertions: this prints a table.

Run: PYTHONPATH=. python benchmarks/pitfalls_explorers.py
"""

import itertools
import platform
import statistics
import time

import numpy as np

from nnkit.widgets import initialization_explorer, optimizer_explorer


def timed(explorer, moves):
    out = []
    for description, value in moves:
        start = time.perf_counter()
        explorer.set_value(description, value)
        out.append((time.perf_counter() - start) * 1000)
    return out


def main():
    rows = []
    init = initialization_explorer()
    for activation, scale in itertools.product(("sigmoid", "tanh", "relu"), ("0.01", "1.0", "xavier", "he")):
        init.set_values({"activation": activation, "weight scale": scale})  # warm the statistics cache
    init.set_values({"activation": "relu", "weight scale": "he"})
    rows.append(("initialization: weight scale", timed(init, [("weight scale", s) for s in ("xavier", "he") * 20])))
    rows.append(("initialization: gain (new stack each)",
                 timed(init, [("gain ×", g) for g in np.round(np.linspace(0.5, 2.0, 31), 2)])))
    rows.append(("initialization: activation (kept backgrounds)",
                 timed(init, [("activation", a) for a in ("sigmoid", "tanh", "relu") * 5])))
    opt = optimizer_explorer(steps=100)
    rows.append(("optimizer: learning rate", timed(opt, [("learning rate", v) for v in np.round(np.linspace(0.05, 1.2, 40), 2)])))
    rows.append(("optimizer: optimizer", timed(opt, [("optimizer", o) for o in ("SGD", "Momentum", "Adam") * 8])))
    rows.append(("optimizer: surface (kept backgrounds)", timed(opt, [("surface", s) for s in ("round", "bowl", "valley") * 5])))
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"{'move':42s} {'n':>3s} {'median ms':>10s} {'max ms':>8s}")
    for name, times in rows:
        print(f"{name:42s} {len(times):3d} {statistics.median(times):10.1f} {max(times):8.1f}")


if __name__ == "__main__":
    main()
