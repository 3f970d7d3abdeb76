"""Execute the notebooks top to bottom in a fresh kernel and store their outputs.

Strict nbval compares what a fresh run prints with what is stored, so every notebook
is stored exactly as a fresh kernel leaves it: execution counts 1, 2, 3 …, outputs
deterministic. The widget state is not saved: each explorer's output already carries a
static picture of its figure (nnkit/widgets/_snapshot.py), which every viewer without a kernel
shows; a saved state would hold the same PNG a second time (notebook 00 went over 1 MB with
both), and its ipywidgets-8 models only raise "Cannot find model module
@jupyter-widgets/controls@2.0.0" in an ipywidgets-7 front end (Colab, Notebook 6).

Run from the repository root, in the project's environment:

    python tools/execute_notebooks.py                 # every notebook: English, then Korean (notebooks/ko/)
    python tools/execute_notebooks.py notebooks/02-loss.ipynb notebooks/ko/02-loss.ipynb

Each kernel starts in the notebook's own folder, as JupyterLab, Voilà and nbval start it, so
a relative link or file read means the same in both editions. The Korean twins are stored
by the same run as the English ones: tests/test_twins.py compares their stored numbers.

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
EDITIONS = (NOTEBOOKS, NOTEBOOKS / "ko")  # English, then the Korean twins


def default_notebooks():
    """Every numbered notebook: the English ones in order, then the Korean ones (none while notebooks/ko/ is absent)."""
    return [path for folder in EDITIONS for path in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]


def shown_name(path):
    """The notebook's path under notebooks/ (ko/02-loss.ipynb), or its name when it lives elsewhere."""
    try:
        return Path(path).resolve().relative_to(NOTEBOOKS).as_posix()
    except ValueError:
        return Path(path).name


def execute(path, timeout=120):
    """Run one notebook in a fresh kernel (cwd = the notebook's folder) and write it back; return seconds."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # a state stored by an earlier run (see the docstring)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(path).resolve().parent)}},
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
    paths = [Path(p) for p in argv] or default_notebooks()
    for path in paths:
        print(f"{shown_name(path)}: {execute(path):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
