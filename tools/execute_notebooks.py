"""Execute the notebooks top to bottom in a fresh kernel and store their outputs.

Strict nbval compares what a fresh run prints with what is stored, so every notebook
is stored exactly as a fresh kernel leaves it: execution counts 1, 2, 3 …, outputs
deterministic. The widget state is not saved: each explorer's output already carries a
static picture of its figure (nnkit/widgets/_snapshot.py), which every viewer without a kernel
shows; a saved state would hold the same PNG a second time (notebook 00 went over 1 MB with
both), and its ipywidgets-8 models only raise "Cannot find model module
@jupyter-widgets/controls@2.0.0" in an ipywidgets-7 front end (Colab, Notebook 6).

Run from the repository root, in the project's environment:

    python tools/execute_notebooks.py                 # every notebook
    python tools/execute_notebooks.py notebooks/02-loss.ipynb

Stored text must read the same on every x86-64 CPU. After storing, run the notebooks again
with numpy's vector paths off and see that nothing moves (an output that does prints
round-off; print it rounded to what the lesson needs):

    python tools/compare_outputs.py --disable-cpu-features
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def execute(path, timeout=120):
    """Run one notebook in a fresh kernel (cwd = notebooks/) and write it back; return seconds."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # a state stored by an earlier run (see the docstring)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        store_widget_state=False,  # the static pictures replace it (see the docstring)
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # Keep the stored file free of run-specific noise: no execution timing metadata.
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return seconds


def main(argv):
    paths = [Path(p) for p in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    for path in paths:
        print(f"{path.name}: {execute(path):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
