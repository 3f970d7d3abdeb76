"""Every notebook in the classic Notebook 6 with ipywidgets 7: the stand-in for Colab's front end.

Colab runs ipywidgets 7.7 on a classic-notebook front end. This stand-in is Notebook 6.5.7 +
ipywidgets 7.7.1 in a venv of its own, built from the package index by ``venvs.py`` on the
first run and cached under ``~/.cache/nnkit/venvs`` (later runs start at once); the kernel
imports the kit from this tree. A temporary copy of the notebooks is served, so the
notebook's autosave cannot write over the repository's files.

For each numbered notebook: open it and check that nothing failed on open (the stored
outputs hold no ipywidgets-8 state that ipywidgets 7 cannot load: no "Cannot find model
module") and that every explorer shows its stored picture; then Cell → Run All and check
that no error or widget error is shown, that each explorer shows one figure (live, its
picture hidden), and that every control of every explorer (sliders by key presses on the
jQuery UI handle, choices by another option) redraws its figure.

Skips, each with one line saying what is missing: no ``playwright``, no Chromium, or no
package index to build the venv from.
"""

import re
import shutil
from pathlib import Path

import pytest

from classicdriver import ClassicNotebook, ClassicPage
from labdriver import (PageUnderTest, discover_notebooks, failure_message, fresh_folder, one_figure_problems,
                       picture_problems, pictures, stored_explorers, stored_pictures)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots" / "classic"

# Colab's widget stack on the classic front end, with the kit's own numeric floors.
CLASSIC_REQUIREMENTS = ["notebook==6.5.7", "ipywidgets==7.7.1", "numpy>=1.24,<3", "matplotlib>=3.7,<4"]

# Console messages that are Notebook 6's own and harmless. Each entry says where it comes
# from; anything not listed here fails the test.
KNOWN_HARMLESS_CONSOLE = [
    # Notebook 6's page CSS has a font-face whose URL is about:blank; Chromium refuses it and
    # logs the refusal and the failed load. No text uses that font.
    r"^Access to font at 'about:blank' from origin 'http://127\.0\.0\.1:\d+' has been blocked by CORS policy",
]

FIGURE_TIMEOUT_MS = 30_000  # a busy 2-core machine; a training run is computed on first use
RUN_TIMEOUT_MS = 240_000


@pytest.fixture(scope="session")
def classic_server(chromium_executable, build_venv, tmp_path_factory):
    """Notebook 6.5.7 with ipywidgets 7.7.1 from its cached venv, serving a temporary copy of the notebooks."""
    python = build_venv("classic-notebook", CLASSIC_REQUIREMENTS)
    folder = tmp_path_factory.mktemp("classic")
    for path in discover_notebooks():
        shutil.copy(path, folder / path.name)
    server = ClassicNotebook(folder, python=python)
    server.start()
    yield server
    server.stop()


class ClassicRun(PageUnderTest):
    """A notebook opened in Notebook 6, then run; ``pictures_on_open`` is what it showed before the run."""

    pictures_on_open = None

    def console_errors(self, phases=None):
        """Console errors, except Notebook 6's own (``KNOWN_HARMLESS_CONSOLE``) and the failed load of about:blank."""
        ignore = [re.compile(p) for p in KNOWN_HARMLESS_CONSOLE]
        return [e for e in self.console.errors(ignore, phases)
                if not (e[2].startswith("Failed to load resource") and e[3] == "about:blank")]


@pytest.fixture(scope="module")
def classic_notebook(request, classic_server, browser):
    """Open the notebook in Notebook 6 (and read its stored pictures), then Cell → Run All and wait for the figures."""
    path = request.param
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    nb = ClassicPage(page, classic_server, timeout_ms=90_000)
    ran = ClassicRun(path, page, nb, fresh_folder(SCREENSHOTS / path.stem))
    step = "open"
    try:
        nb.open(path.name)
        step = "see the stored pictures"
        ran.pictures_on_open = pictures(page, "#notebook", expected=stored_explorers(path))
        step = "run all cells"
        nb.run_all(timeout_ms=RUN_TIMEOUT_MS)
        step = "wait for the figures"
        nb.wait_for_explorers(stored_explorers(path), timeout_ms=FIGURE_TIMEOUT_MS)
    except Exception as error:
        message = failure_message(ran, classic_server, step, error, "Notebook 6")
        context.close()
        pytest.fail(message, pytrace=False)
    yield ran
    nb.shut_down_kernel()
    context.close()


class TestOpenInNotebook6:
    def test_no_errors_on_open(self, classic_notebook):
        """Opening the stored notebook logs no error (no "Cannot find model module" for a saved widget state)."""
        errors = classic_notebook.console_errors(phases={"open"})
        assert not errors, f"{classic_notebook.name}: errors on open: " + "; ".join(e[2] for e in errors)

    def test_every_explorer_shows_its_stored_picture(self, classic_notebook):
        """Opened before any cell ran, every explorer output has its stored picture shown before it."""
        problems = picture_problems(classic_notebook.pictures_on_open, stored_pictures(classic_notebook.path))
        assert not problems, f"{classic_notebook.name} on open in Notebook 6: " + "; ".join(problems)


class TestRunAllInNotebook6:
    def test_runs_without_error_outputs(self, classic_notebook):
        """Run All shows no traceback, no error output and no widget error ("Error displaying widget" and kin)."""
        errors = classic_notebook.nb.error_outputs()
        if errors:
            shot = classic_notebook.page_screenshot("error-outputs")
            pytest.fail(f"{classic_notebook.name}: errors in the outputs: {errors}; screenshot: {shot}")

    def test_no_console_errors(self, classic_notebook):
        """No JavaScript error or uncaught exception while the notebook was opened and run."""
        failure = classic_notebook.console_failure()
        if failure:
            pytest.fail(failure)

    def test_each_explorer_shows_one_figure(self, classic_notebook):
        """After Run All every explorer is live (ipywidgets 7 rendered it) and its static picture is hidden."""
        stored = stored_explorers(classic_notebook.path)
        problems = one_figure_problems(pictures(classic_notebook.page, "#notebook", expected=stored), stored)
        if problems:
            shot = classic_notebook.page_screenshot("figures")
            pytest.fail(f"{classic_notebook.name}: " + "; ".join(problems) + f"; screenshot: {shot}")

    def test_every_control_changes_its_figure(self, classic_notebook):
        """Each slider (PageUp or PageDown on its handle) and each choice changes its explorer's figure."""
        run, nb = classic_notebook, classic_notebook.nb
        nb.console.phase = "moves"
        moves, failures = nb.move_every_control(nb.explorers(), nb.slider_move, run.screenshots,
                                                run.page_screenshot, FIGURE_TIMEOUT_MS)
        errors = run.console_errors(phases={"moves"})
        if errors:
            failures.append("console errors while moving controls: " + "; ".join(e[2] for e in errors))
        widget_errors = nb.error_outputs()
        if widget_errors:
            failures.append(f"errors in the outputs after the moves: {widget_errors}")
        if failures:
            pytest.fail(f"{run.name}: {len(failures)} problems in {moves} moves:\n  " + "\n  ".join(failures))
