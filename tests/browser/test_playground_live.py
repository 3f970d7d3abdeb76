"""The playground live in JupyterLab in headless Chromium: Play trains, a slider answers while it plays, Pause stops.

A scratch notebook of its own (in a temporary folder, never the repository's notebooks)
holds one playground. It is executed once headless (nbclient) and stored: opened before
anything runs, it shows the playground's static picture. Then it is cleared and run in
JupyterLab; Play is pressed, several frames must arrive, a key press on the hidden-size
slider must be answered while it plays, Pause must stop the frames and leave the kernel
idle, and the line of code under the figure must name the epoch the readout shows. The
same Play, slider and Pause run in the notebook as a Voilà app (offline, 1280×720) and in
Notebook 6 with ipywidgets 7 (the classic stand-in for Colab).
"""

import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import labdriver
from labdriver import picture_problems, pictures, stored_explorers, stored_pictures

pytestmark = pytest.mark.browser

FRAMES = 5  # frames to wait for after Play
TIMEOUT_MS = 60_000  # a busy shared 2-core machine

# Counts the figure's new src values (frames shown) from the moment it is installed.
JS_COUNT = """
(root) => {
  const state = window.__nnkitFrames = {src: null, count: 0};
  const check = () => {
    const img = root.querySelector('.nnkit-figure img, img.nnkit-figure');
    if (!img) return;
    const src = img.getAttribute('src');
    if (src !== state.src) { if (state.src !== null) state.count += 1; state.src = src; }
  };
  check();
  new MutationObserver(check).observe(root, {subtree: true, childList: true, attributes: true,
                                             attributeFilter: ['src']});
  return true;
}
"""


def pause_button(explorer):
    """The Play widget's pause button: the play button showing a pause icon (ipywidgets 8), or the pause button (7).

    Not the stop button (■), which pauses and sets the clock back to 0: a second Reset.
    """
    return explorer.locator(".widget-play button:has(.fa-pause)").first


@pytest.fixture(scope="module")
def scratch(tmp_path_factory, chromium_executable):
    """A folder with playground.ipynb, executed headless and stored with its outputs."""
    folder = tmp_path_factory.mktemp("playground")
    nb = new_notebook(cells=[new_code_cell("from nnkit.widgets import playground\nplayground(data=\"moons\")")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    path = folder / "playground.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def lab(scratch):
    server = labdriver.JupyterLab(scratch.parent)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def page(lab, browser, scratch):
    """The scratch notebook open in JupyterLab; what it showed on open is kept as ``on_open``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    nb = labdriver.NotebookPage(context.new_page(), lab, timeout_ms=TIMEOUT_MS * 2)
    nb.open(scratch.name)
    nb.on_open = pictures(nb.page, ".jp-NotebookPanel:not(.lm-mod-hidden)", expected=stored_explorers(scratch))
    yield nb
    context.close()


class TestPlaygroundStored:
    def test_stored_notebook_shows_a_picture_without_a_kernel(self, page, scratch):
        """The stored playground output is counted as an explorer and its static picture is shown on open."""
        assert stored_explorers(scratch) == 1
        problems = picture_problems(page.on_open, stored_pictures(scratch))
        assert not problems, "; ".join(problems)


def _slider_right(nb, box):
    """Press ArrowRight on a noUiSlider (ipywidgets 8); return the value it had."""
    value = int(nb.slider_state(box)[0])
    nb.press_on_slider(box, "ArrowRight")
    return value


def _classic_slider_right(nb, box):
    """Press ArrowRight on a jQuery UI slider (ipywidgets 7, Notebook 6); return the value it had."""
    value = int(box.locator(".widget-readout").first.inner_text())
    handle = box.locator(".ui-slider-handle").first
    handle.focus()
    handle.press("ArrowRight")
    return value


def play_slide_pause(nb, explorer, slider_right=_slider_right):
    """Press Play, wait for frames, move the hidden-size slider while it plays, press Pause.

    Returns (the figure's src before Play, the epoch the readout shows after Pause, the code line).
    Fails if frames do not come, if the slider's move is not answered while playing, or if
    frames keep coming after Pause.
    """
    page = nb.page
    nb.settle(explorer)
    before = nb.figure_src(explorer)
    explorer.evaluate(JS_COUNT)
    explorer.locator(".widget-play button").first.click()  # play
    page.wait_for_function(f"() => window.__nnkitFrames.count >= {FRAMES}", timeout=TIMEOUT_MS)
    readout = explorer.locator(".nnkit-readout")
    assert int(re.search(r"epoch (\d+)", readout.inner_text()).group(1)) > 0

    # The kernel keeps answering: a key press on the hidden-size slider shows up while it plays.
    hidden = slider_right(nb, nb.control(explorer, 1))
    page.wait_for_function(
        "([root, h]) => root.querySelector('.nnkit-readout').innerText.includes('2-' + h + '-')",
        arg=[explorer.element_handle(), hidden + 1], timeout=TIMEOUT_MS)
    count = page.evaluate("() => window.__nnkitFrames.count")
    page.wait_for_function(f"() => window.__nnkitFrames.count >= {count + FRAMES}", timeout=TIMEOUT_MS)

    pause_button(explorer).click()
    page.wait_for_timeout(1000)  # a frame already on its way may still land
    settled = page.evaluate("() => window.__nnkitFrames.count")
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__nnkitFrames.count") == settled, "frames kept coming after Pause"
    epoch = int(re.search(r"epoch (\d+)", readout.inner_text()).group(1))
    return before, epoch, explorer.locator(".nnkit-code-line").inner_text()


class TestPlaygroundPlays:
    def test_play_trains_live_and_pause_stops(self, page):
        """Play: frames arrive and the epoch grows; a slider move is answered while playing; Pause: frames stop, kernel idle."""
        page.clear_outputs()
        page.run_all(timeout_ms=TIMEOUT_MS * 2)
        page.wait_for_figures()
        explorer = page.explorers().first
        before, epoch, code = play_slide_pause(page, explorer)
        page.wait_for_idle_kernel(TIMEOUT_MS)
        assert page.figure_src(explorer) != before
        assert epoch > 0 and code.endswith(f"epochs={epoch})"), (epoch, code)
        assert not page.error_outputs()
        assert not page.console.errors(), page.console.errors()


class TestPlaygroundInNotebook6:
    def test_play_trains_live_and_pause_stops(self, scratch, browser, build_venv, tmp_path):
        """Notebook 6 with ipywidgets 7 (Colab's stand-in): Play, the slider while playing and Pause work the same."""
        from classicdriver import ClassicNotebook, ClassicPage
        from test_classic_notebook import CLASSIC_REQUIREMENTS

        python = build_venv("classic-notebook", CLASSIC_REQUIREMENTS)
        shutil.copy(scratch, tmp_path / scratch.name)  # its autosave writes there, not into the stored copy
        server = ClassicNotebook(tmp_path, python=python)
        server.start()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            nb = ClassicPage(context.new_page(), server, timeout_ms=TIMEOUT_MS * 2)
            nb.open(scratch.name)
            nb.run_all(timeout_ms=TIMEOUT_MS * 4)
            nb.wait_for_explorers(1, timeout_ms=TIMEOUT_MS)
            explorer = nb.explorers().first
            before, epoch, code = play_slide_pause(nb, explorer, _classic_slider_right)
            assert nb.figure_src(explorer) != before
            assert epoch > 0 and code.endswith(f"epochs={epoch})"), (epoch, code)
            assert not nb.error_outputs()
            nb.shut_down_kernel()
        finally:
            context.close()
            server.stop()


class TestPlaygroundInVoila:
    def test_play_trains_live_and_pause_stops(self, scratch, browser):
        """As a Voilà app (offline, 1280×720): Play brings frames, the slider is answered while playing, Pause stops them."""
        pytest.importorskip("voila", reason="Voilà is not installed: pip install -r requirements-teach.txt")
        from test_voila import LOAD_TIMEOUT_MS, Voila

        voila = Voila(scratch)
        voila.start()
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        labdriver.keep_offline(context, voila.base_url)
        try:
            nb = labdriver.NotebookPage(context.new_page(), voila, timeout_ms=TIMEOUT_MS * 2)
            nb.page.goto(voila.base_url, wait_until="domcontentloaded", timeout=LOAD_TIMEOUT_MS)
            nb.page.wait_for_function(
                "() => [...document.querySelectorAll('.nnkit-explorer img')].some(i => i.naturalWidth > 0)",
                timeout=LOAD_TIMEOUT_MS)
            explorer = nb.page.locator(".nnkit-explorer").first
            before, epoch, code = play_slide_pause(nb, explorer)
            assert nb.figure_src(explorer) != before
            assert epoch > 0 and code.endswith(f"epochs={epoch})"), (epoch, code)
        finally:
            context.close()
            voila.stop()
