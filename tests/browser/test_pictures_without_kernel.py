"""Every explorer's figure where no kernel runs the notebook: Notebook 7, and nbconvert's HTML offline.

An explorer's output carries a static picture of its figure beside the widget view
(nnkit/widgets/_snapshot.py). For each numbered notebook, as stored:

* opened in Notebook 7 (its own venv, built from the package index once and cached, see
  ``venvs.py``; a temporary copy of the notebooks is served, so nothing can save over them),
  before any cell runs, every explorer shows its stored picture (JupyterLab 4 is checked in
  ``test_notebooks_in_browser.py``, on the same page it then runs);
* converted by ``jupyter nbconvert --to html`` and opened from its file in Chromium with
  every request off the machine aborted, every explorer shows its stored picture.

Skips, each with one line saying what is missing: no ``playwright``, no Chromium, or (for
Notebook 7 only) no package index to build its venv from.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import labdriver
from labdriver import (PageUnderTest, failure_message, fresh_folder, keep_offline, notebooks_dir, picture_problems,
                       pictures, stored_explorers, stored_pictures)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# Notebook 7 as a new user installs it today (ipywidgets 8 brings the widget manager).
NOTEBOOK7_REQUIREMENTS = ["notebook>=7.2,<8", "ipywidgets>=8.1,<9"]

OPEN_TIMEOUT_MS = 90_000


@pytest.fixture(scope="session")
def notebook7(chromium_executable, build_venv, tmp_path_factory):
    """Notebook 7 from its cached venv, serving a temporary copy of the notebooks."""
    python = build_venv("notebook7", NOTEBOOK7_REQUIREMENTS)
    folder = tmp_path_factory.mktemp("notebook7")
    for path in labdriver.discover_notebooks():
        shutil.copy(path, folder / path.name)
    # Notebook 7 lays out only the cells in view and drops the others ("full" windowing); the
    # test reads every output at once, so it asks for all cells laid out ("none"): the same
    # renderers draw them, only all at once.
    server = labdriver.Notebook7(folder, python=python, lab_settings={
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}})
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def notebook7_page(request, notebook7, browser):
    """The stored notebook open in Notebook 7, nothing run; its explorers' pictures read after it settled."""
    path = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # NotebookPage's plain-DOM parts (console, scrolling); no kernel is driven
    driver = labdriver.NotebookPage(page, lab=None, timeout_ms=OPEN_TIMEOUT_MS)
    opened = PageUnderTest(path, page, driver, fresh_folder(SCREENSHOTS / "notebook7" / path.stem))
    step = "open"
    try:
        page.goto(notebook7.notebook_url(path.name), wait_until="domcontentloaded")
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        step = "lay out every cell"
        cells = len(json.loads(path.read_text(encoding="utf-8"))["cells"])
        page.wait_for_function("(n) => document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length >= n", arg=cells)
        step = "see the stored pictures"
        opened.found = pictures(page, ".jp-NotebookPanel", expected=stored_explorers(path))
    except Exception as error:
        message = failure_message(opened, notebook7, step, error, "Notebook 7")
        context.close()
        pytest.fail(message, pytrace=False)
    yield opened
    context.close()


class TestStoredNotebookInNotebook7:
    def test_every_explorer_shows_its_stored_picture(self, notebook7_page):
        """Opened before any cell ran, every explorer output has its stored picture shown before it."""
        problems = picture_problems(notebook7_page.found, stored_pictures(notebook7_page.path))
        if problems:
            shot = notebook7_page.page_screenshot("pictures")
            pytest.fail(f"{notebook7_page.name} in Notebook 7: " + "; ".join(problems) + f"; screenshot: {shot}")


@pytest.fixture(scope="session")
def html_folder(tmp_path_factory):
    """Every numbered notebook converted by one ``jupyter nbconvert --to html`` (one start-up, not seven)."""
    folder = tmp_path_factory.mktemp("html")
    paths = [str(p) for p in labdriver.discover_notebooks()]
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--output-dir", str(folder),
                           *paths], capture_output=True, text=True, timeout=600, cwd=notebooks_dir())
    if done.returncode != 0:
        pytest.fail(f"jupyter nbconvert --to html failed (exit code {done.returncode}):\n"
                    + "\n".join(done.stderr.splitlines()[-10:]), pytrace=False)
    return folder


@pytest.fixture(scope="module")
def offline_html(request, browser, html_folder):
    """The notebook as nbconvert's HTML, open from its file with every request off the machine aborted."""
    path = request.param
    folder = html_folder
    html = folder / f"{path.stem}.html"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    keep_offline(context)  # no CDN: MathJax and require.js do not load, as on a machine offline
    page = context.new_page()
    driver = labdriver.NotebookPage(page, lab=None, timeout_ms=OPEN_TIMEOUT_MS)
    opened = PageUnderTest(path, page, driver, fresh_folder(SCREENSHOTS / "html" / path.stem))
    opened.html = html
    try:
        page.goto(html.as_uri(), wait_until="load")
        opened.found = pictures(page, expected=stored_explorers(path))
    except Exception as error:
        message = failure_message(opened, None, "open the HTML", error, "Chromium")
        context.close()
        pytest.fail(message, pytrace=False)
    yield opened
    context.close()


class TestOfflineHTML:
    def test_every_explorer_shows_its_stored_picture(self, offline_html):
        """Every explorer output of the offline HTML has its stored picture shown before it."""
        problems = picture_problems(offline_html.found, stored_pictures(offline_html.path))
        if problems:
            shot = offline_html.page_screenshot("pictures")
            pytest.fail(f"{offline_html.name} as offline HTML: " + "; ".join(problems) + f"; screenshot: {shot}")

    def test_no_request_leaves_the_machine_but_the_cdn_scripts(self, offline_html):
        """The page's only addresses off the machine are nbconvert's require.js and MathJax (no widget manager)."""
        remote = offline_html.page.evaluate(
            "() => [...document.querySelectorAll('script[src], link[href]')].map(e => e.src || e.href)"
            ".filter(u => /^https?:/.test(u))")
        unexpected = [u for u in remote if "require.js" not in u and "mathjax" not in u.lower()]
        assert not unexpected, f"{offline_html.name}: the HTML loads more from the internet: {unexpected}"
