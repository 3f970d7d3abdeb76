"""The kit as a learner installs it: a wheel, installed (not editable) into a fresh venv.

The wheel is built once per session from a clean copy of this tree and installed with pip
(its cache keeps this to about a minute); the checks then run in that venv, with the source
tree out of reach, so an import that works only from the tree fails here. Modules are
discovered with pkgutil in the installed package, never listed, so a module split or a new
subpackage needs no change here.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# One checker of each notebook's exercises, run on its reference solution. The keys are the
# modules of nnkit.exercises; TestEveryNotebookHasAChecker fails when a module comes without one.
CHECKERS = {
    "forward": "checkers.check_h2(solutions.get('h2_by_hand')())",
    "loss": "checkers.check_cross_entropy(solutions.get('cross_entropy_by_hand')())",
    "derivatives": "checkers.check_central_difference(solutions.get('central_difference'))",
    "chain_rule": "checkers.check_mul_gate(*solutions.get('mul_gate_grads')())",
    "backprop": "checkers.check_relu_backward(solutions.get('relu_backward'))",
    "training": "checkers.check_sgd_step(solutions.get('sgd_step')())",
    "pitfalls": "checkers.check_relu_init(solutions.get('relu_init')())",
}

# What the unit tests run with besides the kit's own dependencies (ci/lowest.sh installs them).
UNIT_TEST_TOOLS = ("pytest", "hypothesis")

# Words with which pip says it could not reach the package index (not: the index said no).
_OFFLINE = re.compile(
    r"NewConnectionError|Temporary failure in name resolution|Name or service not known"
    r"|Network is unreachable|Connection refused|ConnectTimeout|ReadTimeout|Max retries exceeded"
)


def _run(args, **kwargs):
    """Run a command; on failure raise with its output (or skip if pip could not go online)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run(args, capture_output=True, text=True, env=env, **kwargs)
    if done.returncode != 0:
        output = done.stdout + done.stderr
        if "pip" in " ".join(map(str, args)) and _OFFLINE.search(output):
            pytest.skip(f"cannot reach the package index to install the wheel's dependencies: {_OFFLINE.search(output).group(0)}")
        raise AssertionError(f"{' '.join(map(str, args))} failed ({done.returncode}):\n{output[-4000:]}")
    return done


def _source_copy(target):
    """A copy of the tree without build leftovers: a stale build/lib must not reach the wheel."""
    junk = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".hypothesis")
    shutil.copytree(ROOT, target, ignore=junk)
    return target


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The wheel built from this tree (pip wheel, isolated build, once a session)."""
    base = tmp_path_factory.mktemp("wheel")
    source = _source_copy(base / "source")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(source)])
    (built,) = (base / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="session")
def venv(wheel, tmp_path_factory):
    """The python of a fresh venv with the wheel and its dependencies installed."""
    home = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", str(home / "env")])
    python = home / "env" / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)])
    return python


def _in_venv(python, code, tmp_path):
    """Run code in the venv from an empty folder (so `import nnkit` cannot find the tree)."""
    script = tmp_path / "check.py"
    script.write_text(textwrap.dedent(code))
    return _run([str(python), str(script)], cwd=tmp_path).stdout


class TestWheel:
    def test_holds_every_file_under_nnkit(self, wheel):
        """Every file of nnkit/ in the tree (modules, subpackages, data) is in the wheel."""
        names = set(zipfile.ZipFile(wheel).namelist())
        tree = {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / "nnkit").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        }
        assert tree, "found no files under nnkit/"
        missing = sorted(tree - names)
        assert not missing, f"the wheel leaves out {missing} (pyproject's package-data patterns?)"

    def test_holds_the_license(self, wheel):
        """The MIT license text travels with the wheel."""
        names = zipfile.ZipFile(wheel).namelist()
        licenses = [n for n in names if n.endswith("/LICENSE") and ".dist-info/" in n]
        assert licenses, f"no LICENSE in the wheel's dist-info (got {names[-6:]})"
        text = zipfile.ZipFile(wheel).read(licenses[0]).decode()
        assert "MIT License" in text and "the nnkit authors" in text

    def test_is_not_the_other_nnkit(self, wheel):
        """The distribution has a name of its own (the index's nnkit is another project)."""
        wheel_zip = zipfile.ZipFile(wheel)
        (metadata,) = [n for n in wheel_zip.namelist() if n.endswith(".dist-info/METADATA")]
        name = re.search(r"^Name: (.+)$", wheel_zip.read(metadata).decode(), re.M).group(1).strip()
        assert _normal(name) != "nnkit", f"the distribution {name!r} would clash with the index's nnkit 1.4.2"


class TestInstalledWheel:
    def test_imports_every_module(self, venv, tmp_path):
        """Every module pkgutil finds in the installed nnkit imports, and none comes from the tree."""
        out = _in_venv(venv, """
            import importlib, pkgutil, sys
            import nnkit
            assert "site-packages" in nnkit.__file__, nnkit.__file__
            names = ["nnkit"] + [m.name for m in pkgutil.walk_packages(nnkit.__path__, "nnkit.")]
            for name in names:
                importlib.import_module(name)
            print("\\n".join(names))
        """, tmp_path)
        names = out.split()
        assert {"nnkit.exercises", "nnkit.solutions"} <= set(names), names
        tree = {
            ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            for p in (ROOT / "nnkit").rglob("*.py")
            if "__pycache__" not in p.parts
        }
        assert tree <= set(names), f"installed nnkit lacks {sorted(tree - set(names))}"

    def test_runs_every_notebooks_imports(self, venv, tmp_path):
        """Each nnkit import statement of every notebook runs against the installed wheel."""
        statements = sorted(_notebook_imports())
        assert statements, "found no nnkit import in notebooks/"
        _in_venv(venv, "\n".join(statements) + "\n", tmp_path)

    def test_builds_an_explorer(self, venv, tmp_path):
        """sigmoid_explorer() builds and renders its figure as a PNG."""
        out = _in_venv(venv, """
            import matplotlib
            matplotlib.use("Agg")
            import nnkit.widgets
            png = nnkit.widgets.sigmoid_explorer().render_png()
            assert png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", png[:8]
            print(len(png))
        """, tmp_path)
        assert int(out) > 1000

    def test_korean_figures_find_their_font(self, venv, tmp_path):
        """The install brings the Hangul font by itself: set_language("ko") registers it and a Korean title renders whole."""
        out = _in_venv(venv, """
            import io, warnings
            import matplotlib
            matplotlib.use("Agg")
            from matplotlib.figure import Figure
            import nnkit
            warnings.simplefilter("error")  # a FontWarning or a missing glyph fails here
            nnkit.set_language("ko")
            figure = Figure()
            figure.subplots().set_title("손실함수와 기울기")
            figure.savefig(io.BytesIO(), format="png")
            print(matplotlib.rcParams["font.family"][-1])
        """, tmp_path)
        assert out.strip() == "NanumGothic"

    @pytest.mark.parametrize("module", sorted(CHECKERS))
    def test_runs_a_checker_of_each_notebook(self, venv, tmp_path, module):
        """One checker of the notebook passes the reference solution from nnkit.solutions."""
        out = _in_venv(venv, f"""
            import matplotlib
            matplotlib.use("Agg")
            from nnkit import solutions
            from nnkit.exercises import {module} as checkers
            verdict = {CHECKERS[module]}
            print(repr(verdict))
            assert verdict.passed, verdict
        """, tmp_path)
        assert out.startswith("✓"), out


class TestEveryNotebookHasAChecker:
    def test_every_exercise_module_is_run(self):
        """Each module of nnkit.exercises (found by pkgutil) has a checker in CHECKERS above."""
        import pkgutil

        import nnkit.exercises

        modules = {m.name for m in pkgutil.iter_modules(nnkit.exercises.__path__) if not m.name.startswith("_")}
        assert modules == set(CHECKERS), f"nnkit.exercises has {sorted(modules)}; CHECKERS runs {sorted(CHECKERS)}"


class TestLowest:
    def test_pins_the_declared_floors(self):
        """ci/lowest.txt pins each floor of pyproject.toml and of the unit tests' tools, at that floor."""
        declared = dict(_floors((ROOT / "pyproject.toml").read_text()))
        tools = dict(_floors((ROOT / "requirements-dev.txt").read_text()))
        declared.update({name: tools[name] for name in UNIT_TEST_TOOLS})
        pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "ci" / "lowest.txt").read_text(), re.M))
        pins = {_normal(k): v for k, v in pins.items()}
        wrong = {name: (floor, pins.get(name)) for name, floor in declared.items() if not _same(floor, pins.get(name))}
        assert declared and not wrong, f"floor vs ci/lowest.txt pin: {wrong}"


def _floors(text):
    """(name, floor) for each `name>=floor` requirement in a file's text."""
    for name, floor in re.findall(r"^\s*\"?([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)", text, re.M):
        yield _normal(name), floor


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _same(floor, pin):
    """1.24 and 1.24.0 are the same version."""
    if pin is None:
        return False
    a, b = floor.split("."), pin.split(".")
    width = max(len(a), len(b))
    return a + ["0"] * (width - len(a)) == b + ["0"] * (width - len(b))


def _notebook_imports():
    """Every `import nnkit…` / `from nnkit… import …` statement in the notebooks' code cells."""
    import ast

    found = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "nnkit":
                    found.add(ast.unparse(node))
                elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "nnkit" for a in node.names):
                    found.add(ast.unparse(node))
    return found
