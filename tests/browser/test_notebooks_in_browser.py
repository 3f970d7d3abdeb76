"""Every notebook, run in JupyterLab in headless Chromium, as a learner would run it.

For each ``notebooks/NN-*.ipynb``: open it and check that, before anything runs, every
explorer shows its stored picture (a new user's notebook is untrusted: a widget view shows
as its text line); then Edit → Clear Outputs of All Cells, Run → Run All Cells, and check
that each explorer shows one figure, the live one (its picture is hidden), that nothing
failed (no traceback, no "Error displaying widget", no console error from the widgets),
that every explorer shows its figure, and that every control of every explorer (sliders,
choices, and push buttons such as the playground's Step and Reset) redraws that explorer's
figure (notebook 07's initialization and optimizer explorers and its playground among them).
Screenshots of each explorer before and after each move land in
``tests/browser/screenshots/<notebook>/``.
"""

import re

import pytest

from labdriver import (one_figure_problems, picture_problems, pictures, stored_explorers, stored_pictures,
                       stored_widget_outputs)
from test_voila import press_every_button

pytestmark = pytest.mark.browser

# Console messages that are JupyterLab's own and harmless. Each entry says where it
# comes from; anything not listed here fails the test.
KNOWN_HARMLESS_CONSOLE = [
]

# How long a figure may take to change after a move (a busy 2-core machine; a training
# run is computed on the first visit of a learning rate or hidden size).
FIGURE_TIMEOUT_MS = 30_000


class TestStoredNotebookInJupyterLab:
    def test_every_explorer_shows_its_stored_picture(self, ran_notebook):
        """Opened before any cell ran, every explorer output has its stored picture shown before it."""
        problems = picture_problems(ran_notebook.pictures_on_open, stored_pictures(ran_notebook.path))
        assert not problems, f"{ran_notebook.name} on open: " + "; ".join(problems)


class TestNotebookRunsInJupyterLab:
    def test_each_explorer_shows_one_figure(self, ran_notebook):
        """After Run All every explorer is live and its static picture is hidden: one figure each."""
        stored = stored_explorers(ran_notebook.path)
        found = pictures(ran_notebook.page, ".jp-NotebookPanel:not(.lm-mod-hidden)", expected=stored)
        problems = one_figure_problems(found, stored)
        if problems:
            shot = ran_notebook.page_screenshot("two-figures")
            pytest.fail(f"{ran_notebook.name}: " + "; ".join(problems) + f"; screenshot: {shot}")

    def test_runs_without_error_outputs(self, ran_notebook):
        """Run All leaves every code cell executed and no error, traceback or widget error in the outputs."""
        nb = ran_notebook.nb
        prompts = nb.prompts()
        unexecuted = [i for i, p in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", p)]
        errors = nb.error_outputs()
        if unexecuted or errors:
            shot = ran_notebook.page_screenshot("error-outputs")
            pytest.fail(f"{ran_notebook.name}: code cells without an execution count: {unexecuted}; "
                        f"error outputs: {errors}; screenshot: {shot}")

    def test_widgets_render_as_widgets(self, ran_notebook):
        """Every widget output renders as a widget (none falls back to its text repr) and none is lost."""
        nb = ran_notebook.nb
        as_text = nb.widgets_shown_as_text()
        views, stored = nb.widget_views(), stored_widget_outputs(ran_notebook.path)
        if as_text or views < stored:
            shot = ran_notebook.page_screenshot("widgets-as-text")
            pytest.fail(f"{ran_notebook.name}: {views} widget views rendered, {stored} stored in the file; "
                        f"shown as text instead of a widget: {as_text}; screenshot: {shot}")

    def test_no_console_errors(self, ran_notebook):
        """No JavaScript error or uncaught exception in the page while the notebook was cleared and run."""
        failure = ran_notebook.console_failure()
        if failure:
            pytest.fail(failure)

    def test_every_explorer_shows_its_figure(self, ran_notebook):
        """Every explorer has a figure img with a src that decoded to a picture (natural width > 0)."""
        nb = ran_notebook.nb
        figures = nb.figures()
        explorers = nb.explorers()
        for i in range(explorers.count()):
            nb.screenshot(explorers.nth(i), ran_notebook.screenshots / f"{i}-start.png")
        missing = [i for i, f in enumerate(figures) if not f or not f["src"] or f["natural"] <= 0]
        if missing:
            shot = ran_notebook.page_screenshot("missing-figures", show=explorers.nth(missing[0]))
            pytest.fail(f"{ran_notebook.name}: explorers {missing} of {len(figures)} show no figure "
                        f"({[figures[i] for i in missing]}); screenshot: {shot}")

    def test_every_figure_is_whole_and_sharp(self, ran_notebook):
        """No figure is cut off by its output area or stretched past its own pixels (which blurs it)."""
        shown = [(i, f) for i, f in enumerate(ran_notebook.nb.figures()) if f and f["natural"] > 0]
        clipped = [(i, f"{f['overflow']:.0f} px too wide: scrolls sideways") for i, f in shown if f["clipped"]]
        stretched = [(i, f"{f['natural']} px shown at {f['shown']:.0f} px") for i, f in shown
                     if f["shown"] > f["natural"] + 1]
        if clipped or stretched:
            first = (clipped or stretched)[0][0]
            shot = ran_notebook.page_screenshot("figure-layout", show=ran_notebook.nb.explorers().nth(first))
            pytest.fail(f"{ran_notebook.name}: cut off: explorers {clipped}; stretched: {stretched}; "
                        f"screenshot: {shot}")


class TestEveryControlRedrawsItsFigure:
    def test_every_control_changes_its_figure(self, ran_notebook):
        """Each slider (a key press on its handle), each choice (another option) and each push button (the
        playground's Step, then Reset) changes its explorer's figure."""
        nb = ran_notebook.nb

        def press(box):
            key = nb.slider_key(box)
            start = nb.slider_state(box)[0]
            nb.press_on_slider(box, key)
            return f"{key} from {start:g}"

        moves, failures = nb.move_every_control(nb.explorers(), press, ran_notebook.screenshots,
                                                ran_notebook.page_screenshot, FIGURE_TIMEOUT_MS)
        presses, pressed_failures = press_every_button(nb, nb.explorers(), ran_notebook.screenshots,
                                                       ran_notebook.page_screenshot, FIGURE_TIMEOUT_MS)
        moves += presses
        failures += pressed_failures
        errors = nb.console.errors(KNOWN_HARMLESS_CONSOLE, phases={"after-run"})
        if errors:
            failures.append("console errors while moving controls: " + "; ".join(e[2] for e in errors))
        if failures:
            pytest.fail(f"{ran_notebook.name}: {len(failures)} of {moves} moves failed:\n  " + "\n  ".join(failures))
