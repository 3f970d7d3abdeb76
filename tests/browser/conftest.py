"""Fixtures for the browser tests: one JupyterLab and one headless Chromium per session.

The notebooks come from the repository's ``notebooks/`` (``NNKIT_BROWSER_NOTEBOOKS``
names another folder, for trying the tests on scratch notebooks). Each notebook gets a
fresh browser context (its own cookies and storage) and its own kernel, which is shut
down when the notebook's tests are done.

Skips, each with one line saying what is missing: no ``playwright`` package, or no
Chromium (``/usr/bin/chromium`` or ``NNKIT_CHROMIUM``).
"""

import os
import shutil
from pathlib import Path

import pytest

import labdriver
from labdriver import slug

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def notebooks_dir():
    return Path(os.environ.get("NNKIT_BROWSER_NOTEBOOKS") or ROOT / "notebooks").resolve()


def discover_notebooks():
    """The numbered notebooks (``NN-title.ipynb``) present now, in order."""
    return sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


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


class RanNotebook:
    """A notebook open in JupyterLab after Clear Outputs and Run All, with what was seen."""

    def __init__(self, path, notebook_page, screenshots):
        self.path = path
        self.name = path.name
        self.nb = notebook_page
        self.page = notebook_page.page
        self.screenshots = screenshots

    def page_screenshot(self, label, show=None):
        """Save the page (for a failure message), scrolled to ``show`` if given; return the path."""
        target = self.screenshots / f"page-{slug(label)}.png"
        try:
            if show is not None:
                self.nb.settle(show)
            self.page.screenshot(path=str(target), full_page=True)
        except Exception as error:  # the page may be gone; the message still says why
            return f"(no screenshot: {error})"
        return str(target)


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
    """Open the notebook, clear every output, run all cells and wait for the figures."""
    path = request.param
    screenshots = SCREENSHOTS / path.stem
    shutil.rmtree(screenshots, ignore_errors=True)
    screenshots.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    nb = labdriver.NotebookPage(page, jupyter_lab, timeout_ms=90_000)
    ran = RanNotebook(path, nb, screenshots)
    step = "open"
    try:
        nb.open(path.relative_to(notebooks_dir()).as_posix())
        step = "clear outputs"
        nb.clear_outputs()
        step = "run all cells"
        nb.run_all(timeout_ms=180_000)
        step = "wait for the figures"
        nb.wait_for_figures()
    except Exception as error:
        shot = ran.page_screenshot(f"failed-{step}")
        context.close()
        pytest.fail(f"{path.name}: could not {step} in JupyterLab ({type(error).__name__}: "
                    f"{str(error).splitlines()[0] if str(error) else ''}); screenshot: {shot}\n"
                    f"{jupyter_lab.log_tail(15)}", pytrace=False)
    yield ran
    context.close()
    _shutdown_kernel_of(jupyter_lab, path.name)


def pytest_generate_tests(metafunc):
    """One set of tests per numbered notebook, found when the tests are collected."""
    if "ran_notebook" in metafunc.fixturenames:
        found = discover_notebooks()
        metafunc.parametrize("ran_notebook", found, ids=[p.stem for p in found], indirect=True, scope="module")
