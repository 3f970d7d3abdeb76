"""The notebooks as Voilà apps (code hidden) in headless Chromium at a projector's 1280×720.

App mode is what a teacher runs in front of a class: ``voila notebooks/00-classroom-demos.ipynb``
(README, "Teaching with nnkit"). For each numbered notebook this starts that command from the
interpreter pytest runs in (plus a fixed address, no browser, tracebacks shown), opens the app and checks that nothing failed (no
traceback, no "Error displaying widget", no console error), that no visible link answers 4xx
(``voila.json`` at the repository root shows links to other notebooks as their words), that every
explorer shows its figure, that the large (projector) explorers fit the 1280×720 screen one at a time without
sideways scrolling and keep their fonts, and that every slider (dragged with the mouse, as
a teacher does) and every choice redraws its explorer's figure.

Screenshots at 1280×720 land in ``tests/browser/screenshots/voila/<notebook>/``: the top of
the page, the whole page, each explorer in view, and each explorer before and after each move.

Skips, each with one line saying what is missing: no Voilà (``pip install -r
requirements-teach.txt``; learners do not need it), no ``playwright``, or no Chromium.
"""

import contextlib
import http.client
import re
import sys
from pathlib import Path

import nbformat
import pytest

from labdriver import (ROOT, JupyterServer, NotebookPage, PageUnderTest, ServerError, failure_message, fresh_folder,
                       keep_offline, one_figure_problems, pictures, slug, stored_explorers)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots" / "voila"
VIEWPORT = {"width": 1280, "height": 720}

# The projector size's control font (nnkit.widgets.SIZES["large"]["css_font"]): the slider
# labels and readouts of a large explorer must come out at least this big in the page.
LARGE_CONTROL_FONT_PX = 20

# Console messages that are JupyterLab's or Voilà's own and harmless. Each entry says where
# it comes from; anything not listed here fails the test. (Failed loads of addresses off the
# local server are left out separately, see ``VoilaApp.console_errors``.)
KNOWN_HARMLESS_CONSOLE = [
]

FIGURE_TIMEOUT_MS = 30_000  # a busy 2-core machine; a training run is computed on first use
LOAD_TIMEOUT_MS = 180_000  # Voilà runs the whole notebook before it sends the page


# ----- Voilà, started and stopped by the test ---------------------------------------------


class VoilaError(ServerError):
    """Voilà did not start (the message ends with the tail of its log)."""


class Voila(JupyterServer):
    """``python -m voila <notebook>`` on 127.0.0.1, a free port, every Jupyter directory temporary.

    The same command as README's, plus what a test needs: no browser, a fixed address,
    tracebacks shown in the page (so a failing cell says why). ``stop()`` ends the server
    by its own PID (SIGTERM: Voilà shuts its kernels down), then any kernel it left.
    """

    name = "Voilà"
    error = VoilaError

    def __init__(self, notebook, *, python=sys.executable, startup_timeout=90):
        super().__init__(ROOT, python=python, startup_timeout=startup_timeout)
        self.notebook = Path(notebook).resolve()

    def command(self):
        return [
            self.python, "-m", "voila", str(self.notebook),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={self.port}",
            "--Voila.port_retries=0",  # a taken port is an error, not a silent move
            "--show_tracebacks=True",
        ]

    def _answers(self):
        """True once the server answers HTTP. A static file is asked for: the page itself
        would start a kernel and run the notebook."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", "/voila/static/")
            connection.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()


# ----- what the app page shows ------------------------------------------------------------

_JS_FIGURES = """
() => [...document.querySelectorAll('.nnkit-explorer')].map(explorer => {
  const img = explorer.querySelector('.nnkit-figure img, img.nnkit-figure');
  const box = explorer.getBoundingClientRect();
  const shown = img ? img.getBoundingClientRect().width : 0;
  return {src: img ? img.getAttribute('src') || '' : '', natural: img ? img.naturalWidth : 0, shown: shown,
          large: explorer.classList.contains('nnkit-large'), width: box.width, height: box.height,
          sideways: explorer.scrollWidth - explorer.clientWidth};
})
"""

_JS_ERRORS = """
() => {
  const found = [];
  for (const out of document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output'))
  {
    const text = out.innerText || '';
    const stderr = out.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr';
    if ((stderr && /Error|Traceback/.test(text)) || /Traceback \\(most recent call last\\)/.test(text))
      found.push(text.slice(0, 2000));
  }
  const page = document.body.innerText;
  for (const marker of [/Error displaying widget/, /There was an error when executing cell/])
    if (marker.test(page)) found.push(page.split('\\n').filter(l => marker.test(l)).join(' | '));
  return [...new Set(found)];
}
"""

_JS_CONTROL_FONTS = """
() => [...document.querySelectorAll('.nnkit-explorer.nnkit-large')].map(explorer =>
  [...explorer.querySelectorAll('.widget-label, .widget-readout, button, .nnkit-readout')]
    .filter(e => e.innerText.trim())
    .map(e => [e.innerText.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)]))
"""


# Every link a viewer can see and click: in-page anchors (#…) aside.
JS_VISIBLE_LINKS = """
() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.getAttribute('href').startsWith('#') && a.getClientRects().length > 0
               && getComputedStyle(a).visibility !== 'hidden')
  .map(a => ({text: a.innerText.trim(), href: a.href}))
"""


class VoilaApp(PageUnderTest):
    """A notebook open as a Voilà app in a 1280×720 page, with what was seen while it loaded.

    NotebookPage's control driving (find, move, wait for a new figure) is plain DOM and works
    on any page with nnkit explorers; its JupyterLab parts are not used.
    """

    full_page = False  # a failure shows the 1280×720 screen the teacher sees

    def __init__(self, path, voila, page, screenshots):
        super().__init__(path, page, NotebookPage(page, lab=None, timeout_ms=60_000), screenshots)
        self.voila = voila

    def explorers(self):
        return self.page.locator(".nnkit-explorer")

    def console_errors(self, phases=None):
        """Console errors and uncaught exceptions, except failed loads of other hosts' files.

        Voilà's page template links Font Awesome's CSS from cdn.jsdelivr.net; the test keeps
        the page offline (every request off the local server is aborted, as in a classroom
        without internet), and the kit uses no icon. A failed load from the local server
        still counts.
        """
        local = self.voila.base_url
        return [e for e in self.console.errors([re.compile(p) for p in KNOWN_HARMLESS_CONSOLE], phases)
                if not (e[2].startswith("Failed to load resource") and e[3] and not e[3].startswith(local))]

    def figures(self):
        return self.page.evaluate(_JS_FIGURES)

    def error_outputs(self):
        return self.page.evaluate(_JS_ERRORS)

    def wait_until_loaded(self, expected):
        """Wait until ``expected`` explorers are there and every figure has decoded, or a cell failed."""
        self.page.wait_for_function(
            """(n) => {
                 // a failed cell stops the wait at once: the tests then say what failed
                 if (/Traceback|There was an error when executing cell/.test(document.body.innerText)) return true;
                 const imgs = [...document.querySelectorAll('.nnkit-explorer .nnkit-figure img, .nnkit-explorer img.nnkit-figure')];
                 return document.querySelectorAll('.nnkit-explorer').length >= n
                        && imgs.every(i => i.getAttribute('src') && i.complete && i.naturalWidth > 0);
               }""",
            arg=expected, timeout=LOAD_TIMEOUT_MS)


def skip_without_voila():
    pytest.importorskip("voila", reason="Voilà is not installed: pip install -r requirements-teach.txt "
                                        "(app mode is optional; learners do not need it)")


@contextlib.contextmanager
def open_app(path, browser, screenshots):
    """Start Voilà on ``path``, open the app at 1280×720, wait for every explorer's figure, yield the VoilaApp.

    A step that fails ends the test with one message (the step, a screenshot, Voilà's log);
    the browser context and Voilà are stopped on the way out either way.
    """
    screenshots = fresh_folder(screenshots)
    voila = Voila(path)
    try:
        voila.start()
    except VoilaError as error:
        pytest.fail(f"{path.name}: {error}", pytrace=False)
    context = browser.new_context(viewport=VIEWPORT)
    keep_offline(context, voila.base_url)
    page = context.new_page()
    app = VoilaApp(path, voila, page, screenshots)
    step = "open the app"
    try:
        page.goto(voila.base_url, wait_until="domcontentloaded", timeout=LOAD_TIMEOUT_MS)
        step = "wait for the explorers' figures"
        app.console.phase = "load"
        app.wait_until_loaded(stored_explorers(path))
        page.wait_for_timeout(300)  # the page settles (fonts, late layout)
        app.console.phase = "loaded"
        page.screenshot(path=str(screenshots / "page-top.png"))
        page.screenshot(path=str(screenshots / "page-full.png"), full_page=True)
    except Exception as error:
        errors = app.error_outputs() if not page.is_closed() else []
        message = failure_message(app, voila, step, error, "Voilà", f"; errors in the page: {errors}")
        context.close()
        voila.stop()
        pytest.fail(message, pytrace=False)
    try:
        yield app
    finally:
        context.close()
        voila.stop()


@pytest.fixture(scope="module")
def voila_app(request, browser):
    """Start Voilà on the notebook, open the app at 1280×720 and wait for every explorer's figure."""
    skip_without_voila()
    path = request.param
    with open_app(path, browser, SCREENSHOTS / path.stem) as app:
        yield app


# ----- the tests ---------------------------------------------------------------------------


class TestNotebookRunsAsAnApp:
    def test_runs_without_error_outputs(self, voila_app):
        """The app shows no traceback, no failed cell and no "Error displaying widget"."""
        errors = voila_app.error_outputs()
        if errors:
            shot = voila_app.page_screenshot("error-outputs")
            pytest.fail(f"{voila_app.name}: errors in the app: {errors}; screenshot: {shot}")

    def test_code_is_hidden(self, voila_app):
        """App mode shows no code: no code editor or input prompt, and no explorer call in the page's text."""
        editors = voila_app.page.locator(".jp-CodeMirrorEditor, .jp-InputPrompt").count()
        nb = nbformat.read(voila_app.path, as_version=4)
        prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        calls = {line.strip() for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()
                 if "_explorer(" in line and line.strip() not in prose}
        text = voila_app.page.locator("body").inner_text()
        shown = sorted(line for line in calls if line in text)
        assert editors == 0 and not shown, (f"{voila_app.name}: {editors} code inputs shown; "
                                            f"explorer calls in the page: {shown}")

    def test_every_visible_link_answers(self, voila_app):
        """Each visible link to the app's own server loads (no 403 for a notebook or README.md: voila.json's
        renderer shows those as words). Links to other sites are not fetched: the page is kept offline."""
        broken = []
        for link in voila_app.page.evaluate(JS_VISIBLE_LINKS):
            if link["href"].startswith(voila_app.voila.base_url):
                status = voila_app.page.request.get(link["href"]).status
                if status >= 400:
                    broken.append(f"{link['text']!r} → {link['href']} answers {status}")
        if broken:
            shot = voila_app.page_screenshot("broken-links")
            pytest.fail(f"{voila_app.name}: links that do not work in the app: {broken}; screenshot: {shot}")

    def test_no_console_errors(self, voila_app):
        """No JavaScript error or uncaught exception in the page while the app loaded."""
        failure = voila_app.console_failure()
        if failure:
            pytest.fail(failure)

    def test_each_explorer_shows_one_figure(self, voila_app):
        """Every explorer is live and its static picture (for viewers without a kernel) is hidden."""
        stored = stored_explorers(voila_app.path)
        problems = one_figure_problems(pictures(voila_app.page, expected=stored), stored)
        if problems:
            shot = voila_app.page_screenshot("two-figures")
            pytest.fail(f"{voila_app.name}: " + "; ".join(problems) + f"; screenshot: {shot}")

    def test_every_explorer_shows_its_figure(self, voila_app):
        """Every explorer stored in the notebook is there, each with a figure img whose src decoded (natural width > 0)."""
        figures = voila_app.figures()
        explorers = voila_app.explorers()
        for i in range(explorers.count()):
            voila_app.nb.screenshot(explorers.nth(i), voila_app.screenshots / f"{i}-start.png")
            voila_app.page.screenshot(path=str(voila_app.screenshots / f"{i}-in-view.png"))
        stored = stored_explorers(voila_app.path)
        missing = [i for i, f in enumerate(figures) if not f["src"] or f["natural"] <= 0]
        if missing or len(figures) < stored:
            shot = voila_app.page_screenshot("missing-figures")
            pytest.fail(f"{voila_app.name}: {len(figures)} explorers shown of {stored} stored; without a figure: "
                        f"{missing}; screenshot: {shot}")


class TestFitsAProjector:
    def test_page_does_not_scroll_sideways(self, voila_app):
        """At 1280 px wide neither the page nor any explorer scrolls sideways."""
        page_overflow = voila_app.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        sideways = [(i, f["sideways"]) for i, f in enumerate(voila_app.figures()) if f["sideways"] > 0]
        if page_overflow > 0 or sideways:
            shot = voila_app.page_screenshot("sideways", show=voila_app.explorers().nth(sideways[0][0])
                                             if sideways else None)
            pytest.fail(f"{voila_app.name}: the page is {page_overflow} px too wide; explorers scrolling "
                        f"sideways (index, px): {sideways}; screenshot: {shot}")

    def test_large_explorers_fit_one_screen_at_full_size(self, voila_app):
        """Each large explorer fits 1280×720 whole, its figure shown at its own pixels (fonts not shrunk)."""
        problems = []
        for i, f in enumerate(voila_app.figures()):
            if not f["large"]:
                continue
            if f["width"] > VIEWPORT["width"] or f["height"] > VIEWPORT["height"]:
                problems.append(f"explorer {i} is {f['width']:.0f}×{f['height']:.0f} px")
            if abs(f["shown"] - f["natural"]) > 1:
                problems.append(f"explorer {i}'s figure of {f['natural']} px is shown at {f['shown']:.0f} px")
        if problems:
            shot = voila_app.page_screenshot("too-big")
            pytest.fail(f"{voila_app.name}: " + "; ".join(problems) + f"; screenshot: {shot}")

    def test_large_controls_are_projector_sized(self, voila_app):
        """Slider labels, their numbers, buttons and the readout of a large explorer are at least 20 px."""
        small = [(i, text, size) for i, items in enumerate(voila_app.page.evaluate(_JS_CONTROL_FONTS))
                 for text, size in items if size < LARGE_CONTROL_FONT_PX]
        assert not small, f"{voila_app.name}: control texts under {LARGE_CONTROL_FONT_PX} px: {small[:8]}"


class TestEveryControlRedrawsItsFigure:
    def test_every_control_changes_its_figure(self, voila_app):
        """Each slider (dragged with the mouse), each choice (another option) and each push button (the
        playground's Step, then Reset) changes its explorer's figure."""
        app, nb, page = voila_app, voila_app.nb, voila_app.page
        app.console.phase = "moves"
        moves, failures = nb.move_every_control(app.explorers(), lambda box: _drag(page, nb, box), app.screenshots,
                                                app.page_screenshot, FIGURE_TIMEOUT_MS)
        presses, pressed_failures = press_every_button(nb, app.explorers(), app.screenshots, app.page_screenshot,
                                                       FIGURE_TIMEOUT_MS)
        moves += presses
        failures += pressed_failures
        errors = app.console_errors(phases={"moves"})
        if errors:
            failures.append("console errors while moving controls: " + "; ".join(e[2] for e in errors))
        widget_errors = app.error_outputs()
        if widget_errors:
            failures.append(f"errors in the app after the moves: {widget_errors}")
        if failures:
            pytest.fail(f"{app.name}: {len(failures)} problems in {moves} moves:\n  " + "\n  ".join(failures))


# An explorer's own push buttons (the playground's Step and Reset): ipywidgets Buttons, not the
# toggle buttons of a choice (moved by move_every_control) nor the Play clock's (test_playground_live.py).
_BUTTONS = "button.widget-button:not(.widget-toggle-button)"


def press_every_button(nb, explorers, screenshots, page_screenshot, timeout_ms):
    """Click each push button of each explorer in page order and wait for its figure to change.

    The playground's Step trains one epoch (a new picture) and Reset then goes back to epoch 0
    (the picture of before Step, so again a change). Returns (presses, failures) as
    ``NotebookPage.move_every_control`` does.
    """
    failures, presses = [], 0
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        buttons = explorer.locator(_BUTTONS)
        for k in range(buttons.count()):
            button = buttons.nth(k)
            label = button.inner_text().strip() or f"button {k}"
            name = f"{i}-button-{slug(label)}"
            nb.blur()
            nb.screenshot(explorer, screenshots / f"{name}-before.png")
            before = nb.figure_src(explorer)
            button.click()
            presses += 1
            try:
                nb.wait_for_new_src(explorer, before, timeout_ms)
            except Exception as error:
                shot = page_screenshot(f"{name}-unchanged", show=explorer)
                failures.append(f"explorer {i}, button {label!r}: the figure did not change "
                                f"({str(error).splitlines()[0]}); screenshot: {shot}")
            nb.blur()
            nb.screenshot(explorer, screenshots / f"{name}-after.png")
    return presses, failures


def _drag(page, nb, box, pixels=40):
    """Drag a slider's handle ``pixels`` inward with the mouse; return what was done, for messages."""
    value, lo, hi = nb.slider_state(box)
    handle = box.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    where = handle.bounding_box()
    x, y = where["x"] + where["width"] / 2, where["y"] + where["height"] / 2
    step = -pixels if value >= hi - 1e-9 else pixels
    page.mouse.move(x, y)
    page.mouse.down()
    for fraction in (0.25, 0.5, 0.75, 1.0):  # a few moves, as a hand drags
        page.mouse.move(x + step * fraction, y)
    page.mouse.up()
    return f"dragged {step:+d} px from {value:g}"
