"""How fast does the playground train and redraw while it plays, kernel-side and in Chromium?

Kernel-side (always): for each setting below, a playground is made and its Play clock is
moved on one epoch at a time, as the front end's ticks do; each tick is timed from the
``play.value =`` assignment until it returns (the handler is synchronous: training, the
new regions, the loss curve and the PNG are done then). Training alone is timed too
(``fit`` for the same epochs, no drawing), giving minibatch steps per second. The
frames a second the kernel could serve are 1000 / the median tick; the clock ticks every
``INTERVAL_MS`` (50 ms: 20 a second at most), so that is the most a learner sees.

In Chromium (``--browser``): JupyterLab is started exactly as the browser tests start it
(``tests/browser/labdriver.py``) on a scratch notebook (in a temporary folder) holding one
playground; Play is pressed and, for ``--seconds`` seconds, a MutationObserver counts the
figure's new ``src`` values (frames shown) and the gaps between them. Then, still playing,
the hidden-size slider is moved five times with a key press and the time until the
readout names the new size is taken: the kernel answering while it plays.

Target: at least 10 frames a second while training, on 2 cores. No assertions: this
prints markdown tables.

Run: PYTHONPATH=. python benchmarks/playground.py [--browser] [--seconds 10]
"""

import argparse
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from nnkit.train import DivergenceWarning, fit
from nnkit.widgets import playground
from nnkit.widgets.playground import BATCH_SIZE, INTERVAL_MS

TICKS = 100
SETTINGS = [
    dict(data="spiral", hidden=10, activation="relu", lr=0.03, optimizer="adam"),
    dict(data="spiral", hidden=32, activation="tanh", lr=0.03, optimizer="adam"),
    dict(data="moons", hidden=10, activation="relu", lr=0.3, optimizer="sgd"),
    dict(data="circles", hidden=10, activation="sigmoid", lr=0.3, optimizer="momentum"),
    dict(data="xor", hidden=4, activation="tanh", lr=0.1, optimizer="sgd"),
]


def kernel_side(ticks=TICKS):
    rows = []
    for settings in SETTINGS:
        explorer = playground(**settings)
        explorer.play.value = 2  # warm up: the first full draws
        times = []
        for _ in range(ticks):
            start = time.perf_counter()
            explorer.play.value += 1
            times.append(1000 * (time.perf_counter() - start))
        # training alone, the same epochs from the same start
        bare = playground(**settings)
        steps = ticks * (len(bare._x) // BATCH_SIZE)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)
            fit(bare.model, bare._optimizer, bare._x, bare._t, epochs=ticks, batch_size=BATCH_SIZE, seed=bare._rng)
        train_s = time.perf_counter() - start
        median = statistics.median(times)
        rows.append((settings, median, float(np.percentile(times, 90)), 1000 / median, steps / train_s,
                     1000 * train_s / ticks))
    return rows


JS_COUNT = """
(root) => {
  const state = window.__nnkitFrames = {src: null, times: []};
  const check = () => {
    const img = root.querySelector('.nnkit-figure img, img.nnkit-figure');
    if (!img) return;
    const src = img.getAttribute('src');
    if (src !== state.src) { state.src = src; state.times.push(performance.now()); }
  };
  check();
  new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true,
                                             attributeFilter: ['src']});
  return true;
}
"""


def in_chromium(seconds):
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests" / "browser"))
    import labdriver
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    from playwright.sync_api import sync_playwright

    executable = labdriver.find_chromium()
    if executable is None:
        sys.exit(labdriver.chromium_missing_reason())
    with tempfile.TemporaryDirectory(prefix="nnkit-playground-") as folder:
        nb_file = Path(folder) / "playground.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell("from nnkit.widgets import playground\nplayground()")],
                                    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}}), nb_file)
        with labdriver.JupyterLab(folder) as lab, sync_playwright() as playwright:
            browser = labdriver.launch_chromium(playwright, executable)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            nb = labdriver.NotebookPage(context.new_page(), lab, timeout_ms=120_000)
            nb.open(nb_file.name)
            nb.run_all()
            nb.wait_for_figures()
            explorer = nb.explorers().first
            nb.settle(explorer)
            explorer.evaluate(JS_COUNT)
            play = explorer.locator(".widget-play button").first
            play.click()
            start = nb.page.evaluate("() => performance.now()")
            nb.page.wait_for_timeout(int(1000 * seconds))
            frames = nb.page.evaluate("(t0) => window.__nnkitFrames.times.filter(t => t >= t0)", start)
            # a slider move while it plays: the readout must follow within the tick
            box = nb.control(explorer, 1)  # the hidden-size slider
            latencies = []
            for _ in range(5):
                before = nb.page.evaluate("() => window.__nnkitFrames.times.length")
                hidden = nb.slider_state(box)[0]
                t0 = nb.page.evaluate("() => performance.now()")
                nb.press_on_slider(box, "ArrowLeft" if hidden > 5 else "ArrowRight")
                nb.page.wait_for_function(
                    "([h]) => [...document.querySelectorAll('.nnkit-readout')].some(e => e.innerText.includes('2-' + h + '-'))",
                    arg=[int(hidden - 1 if hidden > 5 else hidden + 1)], timeout=30_000)
                latencies.append(nb.page.evaluate("() => performance.now()") - t0)
                assert nb.page.evaluate("() => window.__nnkitFrames.times.length") >= before
            explorer.locator(".widget-play button:has(.fa-pause)").first.click()  # pause (ipywidgets 8: the play button again)
            nb.wait_for_idle_kernel()
            context.close()
            browser.close()
    gaps = np.diff(frames) if len(frames) > 1 else np.array([float("nan")])
    return len(frames) / seconds, float(np.median(gaps)), float(np.percentile(gaps, 90)), latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="also measure frames a second in Chromium")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to play in Chromium")
    parser.add_argument("--ticks", type=int, default=TICKS)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}; "
          f"{args.ticks} ticks a setting; the clock ticks every {INTERVAL_MS} ms\n")
    print("| setting | median tick (ms) | p90 tick (ms) | frames/s the kernel can serve | "
          "training steps/s | training ms/epoch | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for settings, median, p90, fps, steps, per_epoch in kernel_side(args.ticks):
        name = f"{settings['data']} 2-{settings['hidden']} {settings['activation']} {settings['optimizer']}"
        print(f"| {name} | {median:.1f} | {p90:.1f} | {fps:.0f} | {steps:,.0f} | {per_epoch:.2f} | ≥ 10 frames/s |")
    if args.browser:
        fps, gap, gap90, latencies = in_chromium(args.seconds)
        print(f"\n| in Chromium (JupyterLab) | frames/s shown | median gap (ms) | p90 gap (ms) | "
              f"slider move while playing → readout (ms, median of {len(latencies)}) | target |")
        print("|---|---:|---:|---:|---:|---|")
        print(f"| spiral 2-10 relu adam, {args.seconds:g} s of Play | {fps:.1f} | {gap:.0f} | {gap90:.0f} | "
              f"{statistics.median(latencies):.0f} | ≥ 10 frames/s |")


if __name__ == "__main__":
    main()
