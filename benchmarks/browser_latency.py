"""How long from a slider key press to the new figure in the page, in JupyterLab in Chromium?

A scratch notebook (in a temporary folder) shows every ``*_explorer`` of nnkit.widgets
once, with its defaults, and a naive baseline: ``ipywidgets.interact`` over a function
that draws the same sigmoid plot on a NEW pyplot figure each time, shown by
``%matplotlib inline``. JupyterLab is started exactly as the browser tests start it
(``tests/browser/labdriver.py``), the notebook is run, and then, round by round, the
first slider of every widget is moved once with a key press on its noUiSlider handle.

A MutationObserver (installed with ``page.evaluate``) watches each widget's figure: the
time is from the keydown (a capture listener, ``performance.now()``) to the moment the
figure's ``img`` has a new ``src`` (the explorers: the Image widget swaps its blob URL)
or a new ``img`` appears (interact: the output is replaced), and, in a second column,
to that image's ``load`` event (decoded, ready to paint). Widgets take turns move by
move, so a busy machine slows all of them alike. Two warm-up moves each are not counted.

Target (issue 12): median ≤ 33 ms (two frames at 60 Hz) for every explorer on a quiet 2-core
machine. No assertions: this prints a markdown table, with the load average.

Run: python benchmarks/browser_latency.py [--moves 20]
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import ipywidgets  # noqa: E402
import jupyterlab  # noqa: E402
import labdriver  # noqa: E402  (the shared JupyterLab + Chromium driver of the browser tests)
import nbformat  # noqa: E402
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

import nnkit.widgets as W  # noqa: E402

NAIVE = "naive interact + inline"
WARMUP = 2

# The baseline, as a learner would usually write it: a new figure every call, shown by
# the inline backend. Same size and dpi as SigmoidExplorer (6.4 × 3.1 in at 80 dpi), the
# same curves, the same range of w and b.
NAIVE_CELL = '''\
import numpy as np
import matplotlib.pyplot as plt
import ipywidgets

xs = np.linspace(-8, 8, 400)

def naive_sigmoid(w=1.0, b=0.0):
    fig, ax = plt.subplots(figsize=(6.4, 3.1), dpi=80)
    ax.axhline(0.5, color="0.75", linestyle=":")
    ax.plot(xs, 1 / (1 + np.exp(-xs)), color="0.75", label="σ(x)")
    ax.plot(xs, 1 / (1 + np.exp(-(w * xs + b))), label="σ(wx + b)")
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.05, 1.08)
    ax.set_xlabel("x")
    ax.set_title(f"w = {w:.2f}, b = {b:.2f}")
    ax.legend(loc="lower right")
    plt.show()

naive = ipywidgets.interact(naive_sigmoid, w=(-5.0, 5.0, 0.1), b=(-8.0, 8.0, 0.1))
naive.widget.add_class("nnkit-naive")'''

# Watches one widget root: every time the figure img is a new element or has a new src,
# a change is recorded (performance.now()), and its load time once it has decoded. One
# capture listener records every keydown.
JS_WATCH = """
([root, key]) => {
  const L = window.__nnkitLatency = window.__nnkitLatency || {keys: [], watch: {}};
  if (!L.listening) {
    document.addEventListener('keydown', () => L.keys.push(performance.now()), true);
    L.listening = true;
  }
  const state = {changes: [], img: null, src: null};
  const check = () => {
    const img = root.querySelector('img');
    if (!img) return;
    const src = img.getAttribute('src');
    if (img === state.img && src === state.src) return;
    const first = state.img === null;
    state.img = img; state.src = src;
    if (first) return;
    const change = {changed: performance.now(), loaded: null};
    state.changes.push(change);
    const mark = () => { if (change.loaded === null) change.loaded = performance.now(); };
    img.addEventListener('load', mark, {once: true});
    if (img.complete && img.naturalWidth > 0) img.decode().then(mark, mark);
  };
  check();
  new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true,
                                              attributeFilter: ['src']});
  L.watch[key] = state;
  return true;
}
"""


def explorer_factories():
    """(label, call) of nnkit.widgets' explorer functions, in the module's order, and the graph at size="large"."""
    calls = [(name, f"{name}()") for name in W.__all__ if name.endswith("_explorer")]
    return calls + [("graph_explorer, large", 'graph_explorer(size="large")')]


def write_notebook(folder, factories):
    cells = [new_markdown_cell("# Browser latency scratch notebook (made by benchmarks/browser_latency.py)"),
             new_code_cell("%matplotlib inline\nimport nnkit.widgets as W")]
    cells += [new_code_cell(f"W.{call}") for _, call in factories]
    cells.append(new_code_cell(NAIVE_CELL))
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    path = Path(folder) / "latency.ipynb"
    nbformat.write(nb, path)
    return path


class Target:
    """One widget under test: its root locator, its first slider and its timings."""

    def __init__(self, name, root, slider_box, slider_name):
        self.name = name
        self.root = root
        self.box = slider_box
        self.slider = slider_name
        self.direction = +1
        self.to_src = []
        self.to_load = []


def _key_for(nb, target):
    value, lo, hi = nb.slider_state(target.box)
    if value >= hi - 1e-9:
        target.direction = -1
    elif value <= lo + 1e-9:
        target.direction = +1
    return "ArrowRight" if target.direction > 0 else "ArrowLeft"


def move_once(nb, target, key_index, timeout_ms=15_000):
    """Press one key on the target's slider; return (ms to new src, ms to loaded)."""
    page = nb.page
    before = page.evaluate("(k) => window.__nnkitLatency.watch[k].changes.length", key_index)
    keys_before = page.evaluate("() => window.__nnkitLatency.keys.length")
    nb.press_on_slider(target.box, _key_for(nb, target))
    page.wait_for_function(
        """([k, n]) => { const c = window.__nnkitLatency.watch[k].changes;
                         return c.length > n && c[n].loaded !== null; }""",
        arg=[key_index, before], timeout=timeout_ms)
    pressed, change = page.evaluate(
        "([k, n, m]) => [window.__nnkitLatency.keys[m], window.__nnkitLatency.watch[k].changes[n]]",
        [key_index, before, keys_before])
    return change["changed"] - pressed, change["loaded"] - pressed


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def measure(moves, pause_ms=150):
    executable = labdriver.find_chromium()
    if executable is None:
        sys.exit(labdriver.chromium_missing_reason())
    factories = explorer_factories()
    with tempfile.TemporaryDirectory(prefix="nnkit-latency-") as folder:
        path = write_notebook(folder, factories)
        with labdriver.JupyterLab(folder) as lab, sync_playwright() as playwright:
            browser = labdriver.launch_chromium(playwright, executable)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            nb = labdriver.NotebookPage(context.new_page(), lab, timeout_ms=120_000)
            nb.open(path.name)
            nb.run_all()
            nb.wait_for_figures()
            errors = nb.error_outputs()
            if errors:
                sys.exit(f"the scratch notebook failed: {errors}")
            explorers = nb.explorers()
            if explorers.count() != len(factories):
                sys.exit(f"expected {len(factories)} explorers in the page, found {explorers.count()}")
            targets = []
            for i, (name, _) in enumerate(factories):
                root = explorers.nth(i)
                k, description = next((k, d) for k, (kind, d) in enumerate(nb.controls(root)) if kind == "slider")
                targets.append(Target(name, root, nb.control(root, k), description))
            naive_root = nb.page.locator(".nnkit-naive").first
            targets.append(Target(NAIVE, naive_root, naive_root.locator(".widget-slider").first, "w"))
            for i, target in enumerate(targets):
                target.root.evaluate("(root, key) => (" + JS_WATCH + ")([root, key])", i)
            for round_ in range(WARMUP + moves):
                for i, target in enumerate(targets):
                    target.box.scroll_into_view_if_needed()
                    to_src, to_load = move_once(nb, target, i)
                    if round_ >= WARMUP:
                        target.to_src.append(to_src)
                        target.to_load.append(to_load)
                    nb.page.wait_for_timeout(pause_ms)
            console = nb.console.errors()
            browser.close()
            version = labdriver.chromium_version(executable)
    return targets, version, console


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20, help="timed moves per widget (default 20)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load = os.getloadavg()
    targets, version, console = measure(args.moves)
    end = os.getloadavg()
    print(f"load average (1 / 5 / 15 min) at the start {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}, "
          f"at the end {end[0]:.1f} / {end[1]:.1f} / {end[2]:.1f}")
    print(f"browser latency: {args.moves} key presses per widget (ArrowRight/ArrowLeft on the first slider), "
          f"{datetime.date.today()}, {platform.system()} {platform.machine()}, {version}, "
          f"JupyterLab {jupyterlab.__version__}, ipywidgets {ipywidgets.__version__}\n")
    header = "| widget | slider | median to new src (ms) | p90 to new src (ms) | median to loaded (ms) | target |"
    print(header)
    print("|---|---|---:|---:|---:|---|")
    for t in targets:
        target = "baseline" if t.name == NAIVE else "≤ 33 ms"
        print(f"| {t.name} | {t.slider} | {statistics.median(t.to_src):.1f} | {p90(t.to_src):.1f} | "
              f"{statistics.median(t.to_load):.1f} | {target} |")
    print(f"\nkey press (keydown, capture) → the figure's img has a new src / has loaded; "
          f"{time.perf_counter() - started:.0f} s in all.")
    if console:
        print("console errors seen: " + "; ".join(e[2] for e in console))


if __name__ == "__main__":
    main()
