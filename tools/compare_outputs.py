"""Run the notebooks in a fresh kernel and report every text output that differs from the stored one.

Strict nbval fails when a notebook prints a digit that another machine prints differently:
round-off, or the last bits of ``np.exp`` and friends, which take a different vector path
on a CPU with AVX-512 than on one without. This tool finds such outputs before a learner's
machine does. It executes each notebook (an in-memory copy: the stored file is never
touched) in a fresh kernel of the interpreter that runs the tool, with the environment you
give it, and compares what nbval compares: stream text, every ``text/*`` and other
non-picture output, error names and messages, after the patterns of
``tests/nbval_sanitize.cfg``. Pictures (``image/*``) and widget-view model ids are skipped,
as nbval skips them.

Run it from the repository root, in the project's environment (``PYTHONPATH=.`` makes the
kernel import this tree's ``nnkit``)::

    python tools/compare_outputs.py                          # every notebook (English, then notebooks/ko/), this machine as it is
    python tools/compare_outputs.py notebooks/03-derivatives-and-gradients.ipynb notebooks/ko/03-*.ipynb

    # numpy's fastest vector paths off (names from `python -c "import numpy; numpy.show_runtime()"`:
    # numpy 2.4 on x86-64 dispatches X86_V3 X86_V4 AVX512_ICL AVX512_SPR, numpy 1.x AVX2 FMA3
    # AVX512F AVX512_SKX …; numpy 1.x warns in every kernel about a feature the CPU lacks):
    python tools/compare_outputs.py --disable-cpu-features          # every one this CPU has, off
    python tools/compare_outputs.py --env NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL"   # AVX2, no AVX-512
    python tools/compare_outputs.py --env OPENBLAS_CORETYPE=Prescott # OpenBLAS's kernels of an old CPU

    # every transcendental result of numpy (np.exp, np.log, np.tanh …) rounded to either float
    # around the exact value, as another libm or vector path may round it (the seed picks which;
    # try a few): a digit that moves is round-off
    python tools/compare_outputs.py --perturb 1

    # keep the executed copies (to run strict nbval on them, or to compare two configurations):
    python tools/compare_outputs.py --save /tmp/run-a
    python tools/compare_outputs.py --env NPY_DISABLE_CPU_FEATURES=X86_V4 --against /tmp/run-a

To try another numpy or Python, run the tool with that environment's interpreter (it needs
``nbclient``, ``nbformat`` and ``ipykernel`` beside the kit's requirements): the kernel is
always the interpreter that runs the tool.

Each kernel starts in the notebook's own folder (``notebooks/`` or ``notebooks/ko/``), as nbval
starts it. A notebook is named by its path under ``notebooks/`` (``ko/02-loss.ipynb``), and
``--save`` and ``--against`` keep that path inside their folder, so the two editions' twins,
which share a file name, never overwrite or stand in for each other.

Each differing output is printed as a small diff under ``notebook · Cell N`` (N counts code
cells from 0, as nbval's ``::Cell N`` does); a cell nbval does not compare (``nbval-skip``,
``nbval-ignore-output``) is not compared here either. The exit status is 0 when every output matches,
1 when one differs, 2 when a notebook could not be run.
"""

import argparse
import difflib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EDITIONS = (NOTEBOOKS, NOTEBOOKS / "ko")  # English, then the Korean twins
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"

# What strict nbval leaves out of its comparison (nbval's own skip list, pictures included).
SKIPPED_KEYS = {"metadata", "traceback", "prompt_number", "output_type", "name", "execution_count"}
SKIPPED_DATA = {"image/png", "image/jpeg", "image/svg+xml", "application/vnd.jupyter.widget-view+json"}


# Run in the kernel before the notebook (an IPython startup file): numpy's transcendental
# functions, wrapped so that each float64 result is either of the two floats around the exact
# value (computed in long double), chosen by a hash of the seed and the input's bits. That is
# what another libm or vector path accurate to better than 1 ulp may return, and like one it
# gives the same answer for the same input every time (two computations that agree here agree
# there). An output that changes under it prints round-off. (The @ operator and BLAS cannot be
# wrapped; OPENBLAS_CORETYPE picks another CPU's BLAS kernels for them.)
PERTURB_STARTUP = """
import functools as _functools
import numpy as _np

def _nnkit_perturb(seed):
    salt = _np.uint64((seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % 2**64)
    odd = _np.uint64(0xBF58476D1CE4E5B9)

    def coin(args, shape):
        # per entry, True or False from the bits of the inputs: the same input, the same answer
        mixed = _np.broadcast_to(salt, shape).copy()
        for a in args:
            bits = _np.broadcast_to(_np.asarray(a, dtype=_np.float64), shape).view(_np.uint64)
            mixed = (mixed ^ bits) * odd  # wraps around modulo 2**64, as a hash should
            mixed ^= mixed >> _np.uint64(31)
        return (mixed >> _np.uint64(63)) == 1
    names = ["exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "tanh", "sinh", "cosh",
             "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctanh", "power", "cbrt"]
    for name in names:
        original = getattr(_np, name)

        @_functools.wraps(original)
        def wrapped(*args, _original=original, **kwargs):
            result = _original(*args, **kwargs)
            values = _np.asarray(result)
            if values.dtype != _np.float64 or values.size == 0 or set(kwargs) - {"out"}:
                return result
            with _np.errstate(all="ignore"):
                exact = _original(*(_np.asarray(a, dtype=_np.longdouble) for a in args))
                up = _np.nextafter(values, _np.inf)
                down = _np.nextafter(values, -_np.inf)
                other = _np.where(exact > values, up, _np.where(exact < values, down, values))
                pick = coin(args, values.shape)  # (the hash's products wrap around: no overflow warning)
            moved = _np.where(pick & _np.isfinite(values) & _np.isfinite(other), other, values)
            if isinstance(result, _np.ndarray):
                result[...] = moved  # the same array object (an out= argument stays valid)
                return result
            return type(result)(moved) if _np.ndim(result) == 0 else moved

        for attribute in ("outer", "reduce", "accumulate", "reduceat", "at", "nin", "nout", "types", "identity"):
            setattr(wrapped, attribute, getattr(original, attribute))  # the ufunc's methods, unperturbed
        setattr(_np, name, wrapped)

_nnkit_perturb(SEED)
del _nnkit_perturb
"""


def perturbing_ipython_dir(seed):
    """A temporary IPYTHONDIR whose startup file perturbs numpy's transcendental functions (see PERTURB_STARTUP)."""
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="nnkit-perturb-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    startup = folder / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-perturb.py").write_text(PERTURB_STARTUP.replace("SEED", str(int(seed))))
    return folder


def sanitize_patterns(path=SANITIZE):
    """The (regex, replacement) pairs of an nbval sanitize file, in order (none without one)."""
    if not path.exists():
        return []
    return re.findall(r"^regex: (.*)$\n^replace: (.*)$", path.read_text(), flags=re.MULTILINE)


def comparable(outputs, patterns):
    """The outputs of one cell as nbval compares them: a dict of key -> list of sanitized strings."""
    found = {}

    def add(key, value):
        if isinstance(value, list):  # nbformat may keep multi-line text as a list of lines
            value = "".join(value)
        if isinstance(value, str):
            for regex, replace in patterns:
                value = re.sub(regex, replace, value)
        found.setdefault(key, []).append(value)

    streams = {}
    for output in outputs:
        if output.get("output_type") == "stream":
            # nbval coalesces the stream outputs of a cell by name before comparing them.
            text = output.get("text", "")
            streams[output.get("name")] = streams.get(output.get("name"), "") + (
                "".join(text) if isinstance(text, list) else text)
            continue
        for key, value in output.items():
            if key in SKIPPED_KEYS:
                continue
            if key == "data":
                for mime, content in value.items():
                    if mime not in SKIPPED_DATA:
                        add(mime, content)
            else:
                add(key, value)
    for name, text in streams.items():
        add(f"stream:{name}", text)
    return found


def code_cells(nb):
    """The notebook's code cells, in order (nbval's Cell N is the N-th of them, from 0)."""
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def not_compared(cell):
    """True for a cell whose output strict nbval does not compare (a skip or ignore-output tag or comment)."""
    tags = set(cell.metadata.get("tags", []))
    comments = {line.strip().lstrip("#").strip() for line in cell.source.splitlines() if line.strip().startswith("#")}
    markers = tags | {c.lower().replace("_", "-") for c in comments}
    checked = "nbval-check-output" in markers
    return "nbval-skip" in markers or (not checked and bool(markers & {"nbval-ignore-output", "pytest-validate-ignore-output"}))


def differences(reference, fresh, patterns):
    """Every (cell number, key, reference text, fresh text) where the two notebooks' outputs differ."""
    found = []
    ref_cells, new_cells = code_cells(reference), code_cells(fresh)
    if len(ref_cells) != len(new_cells):
        return [(None, "cells", f"{len(ref_cells)} code cells", f"{len(new_cells)} code cells")]
    for number, (ref_cell, new_cell) in enumerate(zip(ref_cells, new_cells)):
        if not_compared(ref_cell):
            continue
        ref_out = comparable(ref_cell.get("outputs", []), patterns)
        new_out = comparable(new_cell.get("outputs", []), patterns)
        for key in sorted(set(ref_out) | set(new_out)):
            a, b = ref_out.get(key, []), new_out.get(key, [])
            if a != b:
                found.append((number, key, "\n".join(map(str, a)), "\n".join(map(str, b))))
    return found


def default_notebooks():
    """Every numbered notebook: the English ones in order, then the Korean ones (none while notebooks/ko/ is absent)."""
    return [path for folder in EDITIONS for path in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]


def relative_name(path):
    """The notebook's path under notebooks/ (ko/02-loss.ipynb), or its name when it lives elsewhere."""
    try:
        return Path(path).resolve().relative_to(NOTEBOOKS).as_posix()
    except ValueError:
        return Path(path).name


def execute(path, env, timeout):
    """A fresh kernel's run of the notebook at path (cwd = the notebook's folder), as an in-memory notebook."""
    import nbformat
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from nbclient import NotebookClient

    class ThisInterpreter(KernelSpecManager):
        """Always start the kernel with the interpreter running this tool, as nbval's --nbval-current-env does."""

        def get_kernel_spec(self, kernel_name):
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        kernel_spec_manager=ThisInterpreter(),
        resources={"metadata": {"path": str(Path(path).resolve().parent)}},
        store_widget_state=True,
    )
    client.execute(env=env)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def describe_numpy():
    """One line naming Python, numpy and the vector paths numpy uses here (after the --env settings)."""
    try:
        import numpy
        try:
            from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
        except ImportError:  # numpy 1.x
            from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:
        return f"Python {sys.version.split()[0]}, no numpy"
    used = [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]
    off = [name for name in __cpu_dispatch__ if not __cpu_features__.get(name)]
    return (f"Python {sys.version.split()[0]}, numpy {numpy.__version__}; dispatched features in use: "
            f"{' '.join(used) or 'none'}; off or absent: {' '.join(off) or 'none'}")


def dispatched_features():
    """The CPU features this interpreter's numpy dispatches to and this CPU has: NPY_DISABLE_CPU_FEATURES turns them off.

    Only the ones the CPU has: numpy 1.x writes a warning to stderr, in every kernel, for a
    feature the CPU lacks, and strict nbval would fail on it. Asked of a child interpreter, so
    this process imports numpy only once the settings are made.
    """
    code = ("try:\n from numpy._core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\n"
            "except ImportError:\n from numpy.core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\n"
            "print(' '.join(name for name in d if f.get(name)))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def show(path, found):
    """Print the differences of one notebook as small diffs."""
    for number, key, ref, new in found:
        where = f"{relative_name(path)} · Cell {number}" if number is not None else relative_name(path)
        print(f"\n{where} · {key} differs:")
        diff = difflib.unified_diff(ref.splitlines(), new.splitlines(), "stored", "fresh", lineterm="", n=0)
        for line in diff:
            if not line.startswith(("---", "+++", "@@")):
                print(f"    {line}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run (default: every notebooks/NN-*.ipynb, then notebooks/ko/NN-*.ipynb)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for the kernel (and for this tool's numpy); repeatable")
    parser.add_argument("--disable-cpu-features", action="store_true",
                        help="set NPY_DISABLE_CPU_FEATURES to every feature this numpy dispatches to and this CPU has")
    parser.add_argument("--perturb", type=int, metavar="SEED",
                        help="round every transcendental numpy result to either float around the exact value (the seed picks which)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="compare with the notebooks of the same name in DIR instead of the stored ones")
    parser.add_argument("--save", type=Path, metavar="DIR",
                        help="write the executed notebooks into DIR (created if missing)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds a cell may take (default 300)")
    args = parser.parse_args(argv)
    for item in args.env:
        if "=" not in item:
            parser.error(f"--env expects NAME=VALUE (got {item!r}).")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Set the environment before numpy is imported here, so the header tells what the kernel gets.
    os.environ.update(item.split("=", 1) for item in args.env)
    if args.disable_cpu_features:
        os.environ["NPY_DISABLE_CPU_FEATURES"] = " ".join(dispatched_features())
    if args.perturb is not None:
        os.environ["IPYTHONDIR"] = str(perturbing_ipython_dir(args.perturb))
        print(f"numpy's transcendental functions rounded another way, within 1 ulp (seed {args.perturb})")
    import nbformat

    paths = args.notebooks or default_notebooks()
    settings = " ".join(f"{k}={os.environ[k]!r}" for k in sorted(os.environ)
                        if k.startswith(("NPY_", "OPENBLAS_", "OMP_", "MKL_")))
    print(f"{describe_numpy()}")
    print(f"environment: {settings or '(no NPY_/OPENBLAS_/OMP_/MKL_ settings)'}")
    patterns = sanitize_patterns()
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    status = 0
    for path in paths:
        start = time.perf_counter()
        try:
            fresh = execute(path, dict(os.environ), args.timeout)
        except Exception as error:  # a cell raised or the kernel died: say which, go on
            message = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip()  # no terminal colours
            print(f"{relative_name(path)}: could not be run ({type(error).__name__}: {message[-300:]})")
            status = 2
            continue
        seconds = time.perf_counter() - start
        if args.save:
            target = args.save / relative_name(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(fresh, target)
        reference_path = args.against / relative_name(path) if args.against else path
        reference = nbformat.read(reference_path, as_version=4)
        found = differences(reference, fresh, patterns)
        verdict = "every output matches" if not found else f"{len(found)} output(s) differ"
        print(f"{relative_name(path)}: {verdict} ({seconds:.0f} s)", flush=True)
        show(path, found)
        if found and status == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
