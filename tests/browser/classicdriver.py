"""Drive the classic Notebook 6 in headless Chromium: the stand-in for Colab's front end.

Colab runs ipywidgets 7 on a classic-notebook front end. ``ClassicNotebook`` starts
``python -m notebook`` (Notebook 6.5) from another interpreter, a venv that ``venvs.py``
builds with the packages of that stand-in, on 127.0.0.1, without a token, every Jupyter
directory temporary (``JupyterServer``). The kernel is that venv's: ``PYTHONPATH`` puts this
tree first, so the venv runs the kit being tested with its own ipywidgets 7.

``ClassicPage`` opens a notebook, runs Cell → Run All from the menu, waits for the run to
end, and moves the controls of ipywidgets 7 (jQuery UI sliders, not ipywidgets 8's
noUiSlider), through ``NotebookPage``'s plain-DOM control walking.

Only the Playwright *sync* API is used; nothing here imports pytest.
"""

import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from labdriver import JupyterServer, NotebookPage, ServerError

ROOT = Path(__file__).resolve().parents[2]


class ClassicNotebookError(ServerError):
    """The classic Notebook server did not start (the message ends with the tail of its log)."""


class ClassicNotebook(JupyterServer):
    """``python -m notebook`` (Notebook 6) serving ``root_dir``, from the interpreter ``python``.

    Its kernel is the ``python3`` kernel of that interpreter, with this tree on ``PYTHONPATH``.
    """

    name = "Notebook 6"
    error = ClassicNotebookError

    def __init__(self, root_dir, *, python, startup_timeout=120):
        super().__init__(root_dir, python=python, startup_timeout=startup_timeout)
        self.root_dir = self.cwd

    def command(self):
        cmd = [
            str(self.python), "-m", "notebook",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--NotebookApp.port_retries=0",  # a taken port is an error, not a silent move
            "--NotebookApp.token=",
            "--NotebookApp.password=",
            f"--NotebookApp.notebook_dir={self.root_dir}",
            # no checkpoints written into the served folder
            f"--FileCheckpoints.checkpoint_dir={Path(self.home) / 'checkpoints'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def _environment(self):
        env = super()._environment()
        # The venv's kernel imports the kit from this tree (the venv holds only its dependencies).
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
        env.pop("VIRTUAL_ENV", None)
        return env

    def notebook_url(self, relative_path):
        return self.url("notebooks/" + urllib.parse.quote(Path(relative_path).as_posix()))


# The run is over when no code cell waits ("In [*]") and every one has a number, or when an
# error output stopped it (Run All skips the cells after it).
_JS_RUN_OVER = """
() => {
  const nb = window.Jupyter && Jupyter.notebook;
  if (!nb || !nb.kernel || !nb.kernel.is_connected()) return false;
  const cells = nb.get_cells().filter(c => c.cell_type === 'code');
  const waiting = cells.some(c => c.input_prompt_number === '*');
  const numbered = cells.every(c => typeof c.input_prompt_number === 'number');
  const failed = cells.some(c => c.output_area.outputs.some(o => o.output_type === 'error'));
  const idle = !!document.querySelector('#kernel_indicator_icon.kernel_idle_icon');
  return idle && !waiting && (numbered || failed);
}
"""

_JS_KERNEL_READY = """
() => !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()
         && document.querySelector('#kernel_indicator_icon.kernel_idle_icon'))
"""


class ClassicPage(NotebookPage):
    """One classic-notebook page with one notebook open; the control driving is ``NotebookPage``'s."""

    def open(self, relative_path):
        """Open the notebook and wait until its kernel is connected and idle."""
        self.console.phase = "open"
        self.page.goto(self.lab.notebook_url(relative_path), wait_until="domcontentloaded")
        self.page.locator("#notebook .cell").first.wait_for()
        self.page.wait_for_function(_JS_KERNEL_READY, timeout=self.timeout_ms)
        self.page.wait_for_timeout(500)

    def click_menu(self, menu, item_id):
        """Click ``menu`` in the menu bar (its label), then the entry with the element id ``item_id``."""
        self.page.locator("#menus a.dropdown-toggle").filter(
            has=self.page.get_by_text(menu, exact=True)).or_(
            self.page.locator("#menus a.dropdown-toggle").get_by_text(menu, exact=True)).first.click()
        self.page.locator(f"#{item_id}").click()

    def run_all(self, timeout_ms=None):
        """Cell → Run All, then wait until every code cell ran (or an error stopped the run)."""
        self.console.phase = "run"
        self.click_menu("Cell", "run_all_cells")
        self.page.wait_for_timeout(1000)  # the first cell is queued before the wait starts
        self.page.wait_for_function(_JS_RUN_OVER, timeout=timeout_ms or self.timeout_ms)
        self.console.phase = "after-run"

    def wait_for_explorers(self, expected, timeout_ms=30_000):
        """Wait until ``expected`` explorers are rendered and every explorer's figure has decoded."""
        self.page.wait_for_function(
            """(n) => {
                 const imgs = [...document.querySelectorAll('#notebook .nnkit-explorer .nnkit-figure img, '
                                                            + '#notebook .nnkit-explorer img.nnkit-figure')];
                 return document.querySelectorAll('#notebook .nnkit-explorer').length >= n
                        && imgs.every(i => i.getAttribute('src') && i.complete && i.naturalWidth > 0);
               }""", arg=expected, timeout=timeout_ms)

    def shut_down_kernel(self):
        """End this notebook's kernel (its session), so kernels do not pile up over the notebooks."""
        try:
            self.page.evaluate("() => Jupyter.notebook.session.delete()")
            self.page.wait_for_timeout(500)
        except Exception:  # the server's stop ends every kernel it started anyway
            pass

    def error_outputs(self):
        """Tracebacks, stderr with Error, and widget errors shown in the outputs."""
        return self.page.evaluate(
            """() => {
                 const found = [];
                 for (const out of document.querySelectorAll('#notebook .output_area')) {
                   const text = out.innerText || '';
                   if (out.querySelector('.output_error') || /Traceback \\(most recent call last\\)/.test(text))
                     found.push(text.slice(0, 2000));
                   else if (out.querySelector('.output_stderr') && /Error/.test(text)) found.push(text.slice(0, 2000));
                 }
                 const page = document.querySelector('#notebook').innerText;
                 for (const marker of [/Error displaying widget/, /Error rendering Jupyter widget/, /Cannot find model module/])
                   if (marker.test(page)) found.push(page.split('\\n').filter(l => marker.test(l)).join(' | '));
                 return found;
               }""")

    def explorers(self):
        return self.page.locator("#notebook .nnkit-explorer")

    def slider_move(self, box):
        """Press PageUp on a jQuery UI slider's handle (PageDown when that changed nothing: at its max)."""
        handle = box.locator(".ui-slider-handle").first
        readout = box.locator(".widget-readout").first
        before = readout.inner_text()
        handle.focus()
        handle.press("PageUp")
        if readout.inner_text() == before:
            handle.press("PageDown")
            return f"PageDown from {before}"
        return f"PageUp from {before}"
