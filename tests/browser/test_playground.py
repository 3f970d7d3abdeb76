"""The playground live in JupyterLab in headless Chromium: Play trains, a slider answers while it plays, Pause stops.

A scratch notebook of its own (in a temporary folder, never the repository's notebooks)
holds one playground. It is executed once headless (nbclient) and stored: opened before
anything runs, it shows the playground's static picture. Then it is cleared and run in
JupyterLab; Play is pressed, several frames must arrive, a key press on the hidden-size
slider must be answered while it plays, Pause must stop the frames and leave the kernel
idle, and the line of code under the figure must name the epoch the readout shows.
"""

import re

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


class TestPlaygroundPlays:
    def test_play_trains_live_and_pause_stops(self, page):
        """Play: frames arrive and the epoch grows; a slider move is answered while playing; Pause: frames stop, kernel idle."""
        page.clear_outputs()
        page.run_all(timeout_ms=TIMEOUT_MS * 2)
        page.wait_for_figures()
        explorer = page.explorers().first
        page.settle(explorer)
        before = page.figure_src(explorer)
        explorer.evaluate(JS_COUNT)
        buttons = explorer.locator(".widget-play button")
        buttons.nth(0).click()  # play
        page.page.wait_for_function(f"() => window.__nnkitFrames.count >= {FRAMES}", timeout=TIMEOUT_MS)
        readout = explorer.locator(".nnkit-readout")
        assert int(re.search(r"epoch (\d+)", readout.inner_text()).group(1)) > 0

        # The kernel keeps answering: a key press on the hidden-size slider shows up while it plays.
        box = page.control(explorer, 1)
        hidden = int(page.slider_state(box)[0])
        page.press_on_slider(box, "ArrowRight")
        page.page.wait_for_function(
            "([root, h]) => root.querySelector('.nnkit-readout').innerText.includes('2-' + h + '-')",
            arg=[explorer.element_handle(), hidden + 1], timeout=TIMEOUT_MS)
        count = page.page.evaluate("() => window.__nnkitFrames.count")
        page.page.wait_for_function(f"() => window.__nnkitFrames.count >= {count + FRAMES}", timeout=TIMEOUT_MS)

        pause_button(explorer).click()
        page.wait_for_idle_kernel(TIMEOUT_MS)
        page.page.wait_for_timeout(500)  # a frame already on its way may still land
        settled = page.page.evaluate("() => window.__nnkitFrames.count")
        page.page.wait_for_timeout(1500)
        assert page.page.evaluate("() => window.__nnkitFrames.count") == settled, "frames kept coming after Pause"
        assert page.figure_src(explorer) != before
        epoch = int(re.search(r"epoch (\d+)", readout.inner_text()).group(1))
        code = explorer.locator(".nnkit-code-line").inner_text()
        assert epoch > 0 and code.endswith(f"epochs={epoch})"), (epoch, code)
        assert not page.error_outputs()
        assert not page.console.errors(), page.console.errors()
