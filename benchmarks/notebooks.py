"""How long does each notebook take to run headless, and the strict nbval suite?

For each ``notebooks/NN-*.ipynb``: a fresh kernel (nbclient, kernel "python3", cwd =
notebooks/, widget state stored, as ``tools/execute_notebooks.py`` runs them), timed from
before the kernel starts until it has shut down. The notebooks are read, never written.
Then the whole strict nbval suite as the project runs it,
``python -m pytest notebooks -q -p no:randomly`` in a subprocess, wall time.

Targets: ≤ 15 s a notebook, ≤ 60 s for the suite. No assertions: this prints a
markdown table.

Run: python benchmarks/notebooks.py [--repeat 1] [--no-suite]
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def run_notebook(path, timeout=300):
    """Execute a copy of the notebook in memory in a fresh kernel; return (seconds, code cells, errors)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        store_widget_state=True, allow_errors=True,
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = sum(o.get("output_type") == "error" for c in code for o in c.get("outputs", []))
    return seconds, len(code), errors


def run_suite():
    """The strict nbval run of every notebook; returns (seconds, pytest's last line)."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:randomly"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return seconds, (lines[-1] if lines else f"exit code {done.returncode}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook; the best is shown (default 1)")
    parser.add_argument("--no-suite", action="store_true", help="skip the nbval suite")
    args = parser.parse_args(argv)

    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    print(f"notebooks: fresh kernel each (nbclient), best of {args.repeat}; {datetime.date.today()}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| run | code cells | seconds | target | result |")
    print("|---|---:|---:|---|---|")
    total = 0.0
    for path in paths:
        runs = [run_notebook(path) for _ in range(max(1, args.repeat))]
        seconds, cells, errors = min(runs)
        total += seconds
        result = "ok" if errors == 0 else f"{errors} error outputs"
        print(f"| {path.name} | {cells} | {seconds:.1f} | ≤ 15 s | {result} |", flush=True)
    print(f"| all {len(paths)}, one after another | | {total:.1f} | | |")
    if not args.no_suite:
        seconds, summary = run_suite()
        print(f"| strict nbval suite (`python -m pytest notebooks -q -p no:randomly`) | | {seconds:.1f} | ≤ 60 s "
              f"| {summary} |")


if __name__ == "__main__":
    main()
