"""Fixtures for the browser tests: one JupyterLab and one headless Chromium per session.

The notebooks come from the repository's ``notebooks/`` (``NNKIT_BROWSER_NOTEBOOKS``
names another folder, for trying the tests on scratch notebooks, e.g. ones just executed
into a temporary folder). Every fixture in ``NOTEBOOK_FIXTURES`` stands for one numbered
notebook: a test module asking for it gets its tests once per notebook. Each notebook gets
a fresh browser context (its own cookies and storage) and its own kernel, which is shut
down when the notebook's tests are done.

``build_venv`` gives the interpreter of a venv built once from the package index and cached
(``venvs.py``), for front ends other than the project's own (Notebook 7, Notebook 6).

Skips, each with one line saying what is missing: no ``playwright`` package, no Chromium
(``/usr/bin/chromium`` or ``NNKIT_CHROMIUM``), or, for a venv, no package index.
"""

import sys
from pathlib import Path

import pytest

import labdriver
from labdriver import (PageUnderTest, discover_notebooks, failure_message, fresh_folder, notebooks_dir, pictures,
                       stored_explorers)
from venvs import VenvError, cached_venv, venv_python

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# The fixtures that stand for one numbered notebook each: every test module that asks for
# one of them gets one set of tests per notebook (see pytest_generate_tests).
NOTEBOOK_FIXTURES = ("ran_notebook", "voila_app", "notebook7_page", "offline_html", "classic_notebook")


def pytest_generate_tests(metafunc):
    """One set of tests per numbered notebook, found when the tests are collected."""
    for name in NOTEBOOK_FIXTURES:
        if name in metafunc.fixturenames:
            found = discover_notebooks()
            metafunc.parametrize(name, found, ids=[p.stem for p in found], indirect=True, scope="module")


@pytest.fixture(scope="session")
def chromium_executable():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is missing: pip install playwright (its browser download is not needed)")
    executable = labdriver.find_chromium()
    if executable is None:
        pytest.skip(labdriver.chromium_missing_reason())
    return executable


@pytest.fixture(scope="session")
def jupyter_lab(chromium_executable):
    """JupyterLab serving the notebooks folder, from the interpreter pytest runs in."""
    lab = labdriver.JupyterLab(notebooks_dir())
    lab.start()
    yield lab
    lab.stop()


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = labdriver.launch_chromium(playwright, chromium_executable)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def build_venv():
    """``build_venv(name, requirements)``: the python of a cached venv (tests/browser/venvs.py), or
    a skip when the package index cannot be reached to build it."""
    return built_venv


def built_venv(name, requirements):
    """The python of a cached venv (tests/browser/venvs.py), or a skip when the package index cannot be reached."""
    try:
        folder, seconds = cached_venv(name, requirements)
    except VenvError as error:
        if error.unreachable:
            pytest.skip(f"the package index cannot be reached to build the {name} venv: {str(error).splitlines()[0]}")
        raise
    if seconds:
        sys.stderr.write(f"\n[built the {name} venv in {seconds:.0f} s: {folder}]\n")
    return venv_python(folder)


class RanNotebook(PageUnderTest):
    """A notebook open in JupyterLab after Clear Outputs and Run All, with what was seen.

    ``pictures_on_open`` is what the stored notebook showed when it was opened, before
    anything ran: one entry per explorer output (``labdriver.JS_PICTURES``).
    """

    pictures_on_open = None


def _shutdown_kernel_of(lab, name):
    """Shut down the kernel of the session that has this notebook open (one notebook, one kernel)."""
    try:
        for session in lab.api("GET", "api/sessions"):
            if Path(session.get("path", "")).name == name:
                lab.api("DELETE", f"api/sessions/{session['id']}")
    except Exception:  # the session end shuts everything down anyway
        pass


@pytest.fixture(scope="module")
def ran_notebook(request, jupyter_lab, browser):
    """Open the notebook (and record its stored pictures), clear every output, run all cells, wait for the figures."""
    path = request.param
    screenshots = fresh_folder(SCREENSHOTS / path.stem)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    nb = labdriver.NotebookPage(page, jupyter_lab, timeout_ms=90_000)
    ran = RanNotebook(path, page, nb, screenshots)
    step = "open"
    try:
        nb.open(path.relative_to(notebooks_dir()).as_posix())
        step = "see the stored pictures"
        ran.pictures_on_open = pictures(page, ".jp-NotebookPanel:not(.lm-mod-hidden)", expected=stored_explorers(path))
        step = "clear outputs"
        nb.clear_outputs()
        step = "run all cells"
        nb.run_all(timeout_ms=180_000)
        step = "wait for the figures"
        nb.wait_for_figures()
    except Exception as error:
        message = failure_message(ran, jupyter_lab, step, error, "JupyterLab")
        context.close()
        pytest.fail(message, pytrace=False)
    yield ran
    context.close()
    _shutdown_kernel_of(jupyter_lab, path.name)
