"""Drive JupyterLab in headless Chromium: the shared machinery of the browser tests and benchmarks.

``tests/browser`` and ``benchmarks/browser_latency.py`` both import this module, so both
start JupyterLab the same way and move sliders the same way.

* ``JupyterLab`` starts ``python -m jupyter lab`` from *this* interpreter on 127.0.0.1, on
  a free port, without a token, with every per-user Jupyter directory in a temporary
  folder (config, data, runtime, IPython, workspaces, user settings) so nothing from the
  machine's own Jupyter setup (a restored workspace, a theme, an extension setting)
  leaks in. The kernel spec and the widgets labextension are still found: they live
  under ``sys.prefix/share/jupyter``, which Jupyter searches whatever JUPYTER_DATA_DIR
  says. ``stop()`` shuts the kernels down through the REST API, then ends the server by
  its own PID, then any kernel process it left behind (only processes it started).
  ``Notebook7`` is the same server with Notebook 7's front end, run from another venv.
* ``launch_chromium`` starts Debian's Chromium (or ``NNKIT_CHROMIUM``) through Playwright;
  ``keep_offline`` aborts a context's requests off the machine.
* ``NotebookPage`` opens a notebook, clears and runs it through JupyterLab's menus, and
  finds and moves the controls of the nnkit explorers.
* What every test page shares, whatever serves it (JupyterLab, Voilà, Notebook 6 or 7, an
  HTML file): the notebooks under test (``notebooks_dir``, ``discover_notebooks``), what a
  stored file holds (``stored_explorers``, ``stored_pictures``), ``PageUnderTest`` (name,
  page, screenshots, ``page_screenshot``), ``failure_message``, and ``pictures`` with the
  checks on it (``picture_problems`` without a kernel, ``one_figure_problems`` with one).

Only the Playwright *sync* API is used; nothing here imports pytest.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

# Flags for a quiet, reproducible headless Chromium: no sandbox (containers run as
# root), no GPU, and none of the background traffic a fresh profile would start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

INSTALL_HINT = "install it with `apt-get install -y chromium` or point NNKIT_CHROMIUM at a Chromium binary"

# JupyterLab user settings written into the temporary settings folder. No news or update
# checks: they would reach the internet and pop toasts over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # No autosave: the tests run the repository's own notebooks, and a save would write
    # the browser's outputs (new widget ids) over the stored ones.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
}

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


# ----- finding the tools -------------------------------------------------------------------


def find_chromium():
    """The Chromium executable to use (``NNKIT_CHROMIUM``, else /usr/bin/chromium), or None."""
    wanted = os.environ.get("NNKIT_CHROMIUM")
    candidates = [wanted] if wanted else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def chromium_missing_reason():
    """One line saying which Chromium was looked for and how to get one."""
    wanted = os.environ.get("NNKIT_CHROMIUM")
    where = f"NNKIT_CHROMIUM={wanted} is not an executable" if wanted else "no Chromium at /usr/bin/chromium"
    return f"{where}: {INSTALL_HINT}"


def chromium_version(executable):
    """``chromium --version`` as one line (for benchmark tables)."""
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.strip().splitlines()[-1] if out.strip() else "unknown"


ROOT = Path(__file__).resolve().parents[2]


def notebooks_dir():
    """The folder of the notebooks under test: the repository's ``notebooks/``, or ``NNKIT_BROWSER_NOTEBOOKS``."""
    return Path(os.environ.get("NNKIT_BROWSER_NOTEBOOKS") or ROOT / "notebooks").resolve()


def discover_notebooks():
    """The numbered notebooks (``NN-title.ipynb``) present now, in order."""
    return sorted(notebooks_dir().glob("[0-9][0-9]-*.ipynb"))


def _code_outputs(path):
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return [cell.get("outputs", []) for cell in nb.get("cells", []) if cell.get("cell_type") == "code"]


def _is_explorer(output):
    text = output.get("data", {}).get("text/plain", "")
    return WIDGET_VIEW_MIME in output.get("data", {}) and bool(
        re.match(r"\s*(?:\w+Explorer|playground)\(", "".join(text) if isinstance(text, list) else text))


def stored_widget_outputs(path):
    """How many outputs of the stored notebook at ``path`` are widget views."""
    return sum(WIDGET_VIEW_MIME in output.get("data", {}) for outputs in _code_outputs(path) for output in outputs)


def stored_explorers(path):
    """How many outputs of the stored notebook are nnkit explorers (a widget view whose text is ``…Explorer(``)."""
    return sum(_is_explorer(output) for outputs in _code_outputs(path) for output in outputs)


def stored_pictures(path):
    """For each stored explorer, in order, the base64 PNG of the static picture stored right before it ("" if none)."""
    pictures = []
    for outputs in _code_outputs(path):
        for i, output in enumerate(outputs):
            if _is_explorer(output):
                before = outputs[i - 1].get("data", {}) if i else {}
                png = before.get("image/png", "")
                pictures.append(("".join(png) if isinstance(png, list) else png).replace("\n", ""))
    return pictures


def slug(text):
    """A file-name-safe version of a control's description ("dog score" -> "dog-score", "학습률" stays "학습률")."""
    return re.sub(r"[^\w]+", "-", text).strip("-_").lower() or "control"


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----- JupyterLab --------------------------------------------------------------------------


class ServerError(RuntimeError):
    """A server did not start (the message ends with the tail of its log)."""


class JupyterLabError(ServerError):
    """JupyterLab did not start (the message ends with the tail of its log)."""


class JupyterServer:
    """A server process of our own (JupyterLab, Voilà) on 127.0.0.1, every Jupyter directory temporary.

    What every such server needs: a free port (another one on a clash, 3 tries), its own
    temporary home for the Jupyter and IPython directories and its log, a wait until it
    answers, and a stop by its own PID that also ends the kernels it left. A subclass
    gives ``command()`` (and ``_answers()`` when it has no ``api/status``).

    Use as a context manager, or call ``start()`` and ``stop()``.
    """

    name = "server"
    error = ServerError

    def __init__(self, cwd, *, python=sys.executable, startup_timeout=120):
        self.cwd = Path(cwd).resolve()
        self.python = python
        self.startup_timeout = startup_timeout
        self.port = None
        self.process = None
        self.home = None  # the temporary folder holding every Jupyter directory and the log
        self.log_path = None
        self._log = None

    # The base URL, e.g. http://127.0.0.1:41234/
    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path=""):
        return urllib.parse.urljoin(self.base_url, path)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def command(self):
        raise NotImplementedError

    def _answers(self):
        """True once the server answers Jupyter Server's ``api/status`` (Voilà asks otherwise)."""
        try:
            with urllib.request.urlopen(self.url("api/status"), timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def _environment(self):
        home = Path(self.home)
        dirs = {
            "JUPYTER_CONFIG_DIR": home / "config",
            "JUPYTER_DATA_DIR": home / "data",
            "JUPYTER_RUNTIME_DIR": home / "runtime",
            "IPYTHONDIR": home / "ipython",
        }
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update({name: str(path) for name, path in dirs.items()})
        # What a learner's kernel gets: no Agg backend forced by the test session, no
        # pytest variables, and no config path from elsewhere.
        for name in ("MPLBACKEND", "PYTEST_CURRENT_TEST", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH"):
            env.pop(name, None)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def start(self):
        """Start the server and wait until it answers (another port on a clash, 3 tries)."""
        self.home = tempfile.mkdtemp(prefix=f"nnkit-{slug(self.name)}-")
        last_error = None
        for _attempt in range(3):
            self.port = free_port()
            try:
                self._start_once()
                return self
            except ServerError as error:
                last_error = error
                self._end_process()
                if "already in use" not in str(error) and "Address" not in str(error):
                    break
        self._cleanup_home()
        raise last_error

    def _start_once(self):
        self.log_path = Path(self.home) / f"{slug(self.name)}-{self.port}.log"
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            self.command(), cwd=self.cwd, env=self._environment(),
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            # Its own session: a Ctrl+C reaches only pytest, whose teardown then stops the
            # kernels and the server in order.
            start_new_session=True,
        )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise self.error(f"{self.name} exited with code {self.process.returncode}.\n{self.log_tail()}")
            if self._answers():
                return
            time.sleep(0.25)
        raise self.error(f"{self.name} did not answer within {self.startup_timeout} s.\n{self.log_tail()}")

    def log_tail(self, lines=40):
        if not self.log_path or not self.log_path.exists():
            return "(no log)"
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join([f"--- {self.name} log (tail) ---", *text[-lines:]])

    def _children(self):
        """PIDs of the server's child processes (its kernels), read from /proc (Linux)."""
        pids = set()
        task_dir = Path(f"/proc/{self.process.pid}/task")
        try:
            for task in task_dir.iterdir():
                text = (task / "children").read_text()
                pids.update(int(p) for p in text.split())
        except OSError:
            pass
        return pids

    def _end_process(self):
        """Terminate the server (SIGTERM, then SIGKILL after 20 s), and the kernels it left."""
        if self.process is None:
            return
        children = self._children()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        for pid in children:  # kernels started by this server; they run in their own sessions
            _end_pid(pid)
        if self._log:
            self._log.close()
            self._log = None
        self.process = None

    def stop(self):
        """End the server and the kernels it left, and remove its temporary folder."""
        self._end_process()
        self._cleanup_home()

    def _cleanup_home(self):
        if self.home and os.environ.get("NNKIT_KEEP_LAB_HOME") != "1":
            shutil.rmtree(self.home, ignore_errors=True)
        self.home = None


class JupyterLab(JupyterServer):
    """A private JupyterLab server for one test session or one benchmark run.

    Args:
        root_dir: the folder JupyterLab serves (notebook paths are relative to it).
        python: the interpreter that runs ``-m jupyter lab`` (the kernel is the same one:
            the "python3" kernel spec's ``python`` means the server's own interpreter).
        startup_timeout: seconds to wait for ``/api/status`` to answer.
        lab_settings: JupyterLab user settings to write, by settings file name; merged
            over ``LAB_SETTINGS``.
    """

    name = "JupyterLab"
    error = JupyterLabError
    app = ("jupyter", "lab")  # what follows ``python -m``
    app_class = "LabApp"  # whose options name the settings and workspaces folders

    def __init__(self, root_dir, *, python=sys.executable, startup_timeout=120, lab_settings=None):
        super().__init__(root_dir, python=python, startup_timeout=startup_timeout)
        self.root_dir = self.cwd
        self.lab_settings = {**LAB_SETTINGS, **(lab_settings or {})}
        self._opener = None

    def notebook_url(self, relative_path):
        """The URL that opens a notebook (a path relative to ``root_dir``) alone in JupyterLab.

        ``?reset`` empties the workspace first: JupyterLab keeps the open tabs on the
        server, so without it every notebook opened before would open again.
        """
        quoted = urllib.parse.quote(Path(relative_path).as_posix())
        return self.url(f"lab/tree/{quoted}?reset")

    def _write_lab_settings(self):
        settings = Path(self.home) / "lab-user-settings"
        for name, values in self.lab_settings.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values, indent=1))
        workspaces = Path(self.home) / "lab-workspaces"
        workspaces.mkdir(exist_ok=True)
        return settings, workspaces

    def command(self):
        settings, workspaces = self._write_lab_settings()
        cmd = [
            str(self.python), "-m", *self.app,
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",  # a taken port is an error, not a silent move
            "--IdentityProvider.token=",  # jupyter_server 2: the token lives on the identity provider
            "--PasswordIdentityProvider.password_required=False",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--{self.app_class}.workspaces_dir={workspaces}",
            f"--{self.app_class}.user_settings_dir={settings}",
            # JupyterLab makes a checkpoint of every notebook it opens; keep those out of
            # the served folder (an absolute path wins over the per-folder default).
            f"--FileCheckpoints.checkpoint_dir={Path(self.home) / 'checkpoints'}",
            "--ServerApp.shutdown_no_activity_timeout=0",
        ]
        if self.app_class == "LabApp":
            cmd.append("--LabApp.news_url=")  # no news fetched (Notebook 7 has no such setting)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    # ----- the REST API --------------------------------------------------------------------

    def api(self, method, path, body=None, timeout=30):
        """Call the REST API; returns the decoded JSON (or None for an empty answer).

        Requests other than GET carry the ``_xsrf`` cookie back as ``X-XSRFToken``, as the
        server asks of a client without a token.
        """
        if self._opener is None:
            jar = CookieJar()
            self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            self._jar = jar
            with self._opener.open(self.url("lab"), timeout=timeout):
                pass  # rendering a page sets the _xsrf cookie
        headers = {"Content-Type": "application/json"}
        xsrf = next((c.value for c in self._jar if c.name == "_xsrf"), None)
        if xsrf:
            headers["X-XSRFToken"] = xsrf
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url(path), data=data, method=method, headers=headers)
        with self._opener.open(request, timeout=timeout) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def kernels(self):
        return self.api("GET", "api/kernels")

    def shutdown_kernels(self):
        """Shut every kernel of this server down (quietly: the server may be half gone)."""
        try:
            for kernel in self.kernels():
                try:
                    self.api("DELETE", f"api/kernels/{kernel['id']}")
                except (urllib.error.URLError, OSError):
                    pass
        except (urllib.error.URLError, OSError, ValueError):
            pass

    def stop(self):
        """Shut the kernels down through the API first, then end the server."""
        if self.process is not None and self.process.poll() is None:
            self.shutdown_kernels()
        super().stop()


class Notebook7(JupyterLab):
    """Notebook 7 (``python -m notebook``): JupyterLab's server and components, one document a page.

    Run from ``python``, a venv holding ``notebook>=7``, with the same temporary homes and
    settings as ``JupyterLab``.
    """

    name = "Notebook 7"
    app = ("notebook",)
    app_class = "JupyterNotebookApp"

    def notebook_url(self, relative_path):
        return self.url("notebooks/" + urllib.parse.quote(Path(relative_path).as_posix()))


def _end_pid(pid, grace=5.0):
    """SIGTERM a process we started, then SIGKILL it if it is still there after ``grace`` s."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# ----- Chromium ----------------------------------------------------------------------------


def launch_chromium(playwright, executable, *, headless=True):
    """Debian's Chromium through Playwright (its own browser download is not used).

    Scrollbars are shown (Playwright hides them by default in headless mode): a learner
    on Linux or Windows sees them, so the screenshots should, and a figure that makes
    its explorer scroll sideways is a visible fault.
    """
    return playwright.chromium.launch(executable_path=executable, headless=headless, args=CHROMIUM_ARGS,
                                      ignore_default_args=["--hide-scrollbars"])


class ConsoleLog:
    """Every console error and uncaught page error, each with the phase it happened in."""

    def __init__(self, page):
        self.entries = []  # (phase, kind, text, url)
        self.phase = "load"
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)

    def _on_console(self, message):
        if message.type in ("error", "assert"):
            location = message.location or {}
            self.entries.append((self.phase, f"console.{message.type}", message.text, location.get("url", "")))

    def _on_pageerror(self, error):
        self.entries.append((self.phase, "pageerror", f"{error.name}: {error.message}", ""))

    def errors(self, ignore=(), phases=None):
        """Entries whose text matches none of the compiled regexes in ``ignore``."""
        return [e for e in self.entries
                if (phases is None or e[0] in phases) and not any(p.search(e[2]) for p in ignore)]


def keep_offline(context, *allowed_prefixes):
    """Abort every request of ``context`` except to ``allowed_prefixes`` (a classroom without internet).

    ``file:`` and ``data:`` addresses are never routed; a CDN address is aborted, not fetched.
    """
    allowed = "|".join(re.escape(prefix) for prefix in allowed_prefixes) or "(?!)"
    context.route(re.compile(rf"^(?!{allowed})https?://"), lambda route: route.abort())


class PageUnderTest:
    """What every page the browser tests open has: a name, a Playwright page, a screenshot folder.

    ``page_screenshot`` saves the page for a failure message (scrolled to an element first,
    if given) and returns its path, or a sentence saying why there is none.
    """

    full_page = True

    def __init__(self, path, page, driver, screenshots):
        self.path = Path(path)
        self.name = self.path.name
        self.page = page
        self.nb = driver
        self.console = driver.console
        self.screenshots = Path(screenshots)

    def console_errors(self, phases=None):
        """Console errors and uncaught exceptions (a subclass leaves out its front end's harmless ones)."""
        return self.console.errors((), phases)

    def console_failure(self, phases=None):
        """A failure message listing the console errors, with a screenshot; None when there are none."""
        errors = self.console_errors(phases)
        if not errors:
            return None
        shot = self.page_screenshot("console-errors")
        lines = "\n".join(f"  [{phase}] {kind}: {text} {url}" for phase, kind, text, url in errors)
        return f"{self.name}: console errors:\n{lines}\nscreenshot: {shot}"

    def page_screenshot(self, label, show=None):
        target = self.screenshots / f"page-{slug(label)}.png"
        try:
            if show is not None:
                self.nb.settle(show)
            self.page.screenshot(path=str(target), full_page=self.full_page)
        except Exception as error:  # the page may be gone; the message still says why
            return f"(no screenshot: {error})"
        return str(target)


def failure_message(under_test, server, step, error, where, extra=""):
    """One message for a page that could not be set up: the step, the error's first line,
    ``extra``, a screenshot of the page and the tail of the server's log."""
    shot = under_test.page_screenshot(f"failed-{step}")
    first = str(error).splitlines()[0] if str(error) else ""
    log = server.log_tail(15) if server is not None else ""
    return (f"{under_test.name}: could not {step} in {where} ({type(error).__name__}: {first}){extra}; "
            f"screenshot: {shot}\n{log}")


def fresh_folder(path):
    """Empty ``path`` (a screenshot folder), making it if needed; return it."""
    shutil.rmtree(path, ignore_errors=True)
    Path(path).mkdir(parents=True)
    return Path(path)


# For each explorer output (the live widget, or its text line where the widget did not
# render) under ``root``, in page order: the static picture in the output right before it
# (nnkit/widgets/_snapshot.py), whether that picture is shown, and whether the live widget is there.
# JupyterLab 4, Notebook 7, Voila and nbconvert's HTML use .jp-OutputArea-child; Notebook 6
# uses .output_area. textContent, not innerText: JupyterLab skips laying out cells out of
# view, so with ``scroll`` each output is brought into view (and its picture decoded) first.
_JS_EXPLORER_AREAS = """
(root) => [...root.querySelectorAll('.jp-OutputArea-child, .output_area')]
  .filter(area => area.querySelector('.nnkit-explorer')
                  || /^\\s*(?:\\w+Explorer|playground)\\(/.test(area.querySelector('.jp-RenderedText, .output_text')?.textContent || ''))
"""

JS_PICTURES = """
async (root, scroll) => {
  const areas = (""" + _JS_EXPLORER_AREAS + """)(root);
  const shown = e => !!e && e.checkVisibility() && e.getBoundingClientRect().width > 0;
  const found = [];
  for (const area of areas) {
    const before = area.previousElementSibling;
    const img = before && before.querySelector(':scope > .jp-RenderedImage img, :scope > .output_png img');
    if (scroll) {
      (img && shown(img) ? img : area).scrollIntoView({block: 'center'});
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    if (img) await img.decode().catch(() => null);
    const live = area.querySelector('.nnkit-explorer');
    found.push({live: !!live, liveShown: live ? shown(live) : false,
                picture: !!img, pictureShown: img ? shown(img) : false,
                natural: img ? img.naturalWidth : 0, src: img ? img.getAttribute('src') || '' : ''});
  }
  return found;
}
"""


def pictures(page, root_selector="body", scroll=True, expected=0, timeout_ms=30_000):
    """``JS_PICTURES`` of the element ``root_selector``: one dict per explorer output, in page order.

    With ``expected``, first wait (up to ``timeout_ms``) until that many explorer outputs are
    in the page: a front end renders a long notebook's outputs a while after it opened it.
    On a timeout the outputs found so far are returned, for the caller's message.
    """
    root = page.locator(root_selector).first
    if expected:
        try:
            page.wait_for_function(
                f"(n) => {{ const root = document.querySelector({json.dumps(root_selector)});"
                f" return !!root && ({_JS_EXPLORER_AREAS.strip()})(root).length >= n; }}",
                arg=expected, timeout=timeout_ms)
        except Exception:  # a timeout: the caller says which explorers are missing
            pass
    return root.evaluate(JS_PICTURES, scroll)


def picture_problems(found, stored):
    """Sentences for the explorers whose stored picture is missing or not shown, given ``stored_pictures``.

    ``found`` is ``pictures(...)`` of a page that shows the stored outputs (no kernel ran them).
    """
    problems = []
    if len(found) != len(stored):
        problems.append(f"{len(found)} explorer outputs in the page, {len(stored)} in the file")
    for i, (seen, png) in enumerate(zip(found, stored)):
        if not png:
            problems.append(f"explorer {i} has no picture stored before it")
        elif not seen["picture"]:
            problems.append(f"explorer {i} shows no picture before it")
        elif not seen["pictureShown"] or seen["natural"] <= 0:
            problems.append(f"explorer {i}'s picture is hidden or did not decode ({seen['natural']} px)")
        elif not re.sub(r"\s", "", seen["src"]).endswith(png[-200:]):
            problems.append(f"explorer {i}'s picture is not the stored one")
    return problems


def one_figure_problems(found, stored):
    """Sentences for explorers that, with a live kernel, do not show exactly one figure (the live one)."""
    problems = [] if len(found) == stored else [f"{len(found)} explorers in the page, {stored} in the file"]
    for i, seen in enumerate(found):
        if not seen["live"] or not seen["liveShown"]:
            problems.append(f"explorer {i} is not shown live")
        if seen["pictureShown"]:
            problems.append(f"explorer {i} shows its static picture too")
    return problems


# ----- a notebook in JupyterLab ------------------------------------------------------------

# JavaScript run in the page. Cells are read from the DOM, as a learner sees them.
_JS_CODE_CELL_STATE = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
  return prompts.map(p => p.textContent.trim());
}
"""

_JS_KERNEL_IDLE = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const indicator = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const bar = document.querySelector('#jp-main-statusbar');
  const text = bar ? bar.innerText : '';
  return !!indicator && indicator.getAttribute('data-status') === 'idle'
         && /\\|\\s*Idle\\b/.test(text) && !/No Kernel/.test(text);
}
"""

_JS_FIGURES = """
(root) => [...root.querySelectorAll('.nnkit-explorer')].map(explorer => {
  const img = explorer.querySelector('.nnkit-figure img, img.nnkit-figure');
  if (!img) return null;
  const box = img.getBoundingClientRect();
  const area = explorer.closest('.jp-OutputArea-output') || explorer;
  const frame = area.getBoundingClientRect();
  return {src: img.getAttribute('src') || '', natural: img.naturalWidth, shown: box.width,
          // cut off: the picture reaches past its output area, or the explorer or the
          // area scrolls sideways (a scrollbar under the figure)
          clipped: box.right > frame.right + 1 || explorer.scrollWidth > explorer.clientWidth + 1
                   || area.scrollWidth > area.clientWidth + 1,
          overflow: Math.max(box.right - frame.right, explorer.scrollWidth - explorer.clientWidth,
                             area.scrollWidth - area.clientWidth)};
})
"""


class NotebookPage:
    """One JupyterLab page with one notebook open.

    Args:
        page: a Playwright page (from a fresh context).
        lab: the running ``JupyterLab``.
        timeout_ms: default Playwright timeout for this page (a busy 2-core machine needs slack).
    """

    def __init__(self, page, lab, *, timeout_ms=60_000):
        self.page = page
        self.lab = lab
        self.console = ConsoleLog(page)
        page.set_default_timeout(timeout_ms)
        self.timeout_ms = timeout_ms

    # ----- opening, clearing, running ------------------------------------------------------

    def open(self, relative_path):
        """Open the notebook and wait until its kernel is idle."""
        self.console.phase = "open"
        self.page.goto(self.lab.notebook_url(relative_path), wait_until="domcontentloaded")
        self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for()
        tabs = self.page.locator("#jp-main-dock-panel .lm-DockPanel-tabBar .lm-TabBar-tab").count()
        if tabs != 1:
            raise RuntimeError(f"expected the notebook alone in JupyterLab, found {tabs} tabs open")
        self.wait_for_idle_kernel()

    def wait_for_idle_kernel(self, timeout_ms=None, settle_ms=500):
        """Wait until the notebook's kernel is connected and idle, and stays so for ``settle_ms``.

        The toolbar's indicator alone is not enough: it reads idle before any kernel is
        there ("No Kernel"), and a Run All clicked then is lost. So the status bar must
        name a kernel and read Idle too.
        """
        timeout_ms = timeout_ms or self.timeout_ms
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            remaining = max(1, int((deadline - time.monotonic()) * 1000))
            self.page.wait_for_function(_JS_KERNEL_IDLE, timeout=remaining)
            self.page.wait_for_timeout(settle_ms)
            if self.page.evaluate(_JS_KERNEL_IDLE):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the kernel did not settle idle within {timeout_ms} ms")

    def click_menu(self, menu, item):
        """Click ``menu`` in the menu bar, then its ``item`` (exact labels), as a learner does."""
        bar = self.page.locator("#jp-menu-panel .lm-MenuBar-item", has_text=menu)
        bar.filter(has=self.page.locator(".lm-MenuBar-itemLabel", has_text=menu)).first.click()
        opened = self.page.locator(".lm-Menu.lm-MenuBar-menu")
        opened.wait_for(state="visible")
        entry = opened.locator(".lm-Menu-item", has=self.page.get_by_text(item, exact=True))
        entry.first.click()
        opened.wait_for(state="hidden")

    def clear_outputs(self):
        self.console.phase = "clear"
        self.click_menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            "() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output').length === 0")

    def run_all(self, timeout_ms=None):
        """Run → Run All Cells, then wait until the run is over and the kernel idle.

        The run is over when every code cell has an execution count, or when an error
        stopped it: no cell waits ("[*]") any more and an error output is shown (Run All
        skips the cells after an error, so they never get a count).
        """
        self.console.phase = "run"
        self.click_menu("Run", "Run All Cells")
        timeout_ms = timeout_ms or self.timeout_ms
        self.page.wait_for_function(
            f"""() => {{
                 const prompts = ({_JS_CODE_CELL_STATE})();
                 if (prompts === null) return false;
                 if (prompts.every(p => /^\\[\\d+\\]:$/.test(p))) return true;
                 const waiting = prompts.some(p => p === '[*]:');
                 // JupyterLab 4 renders an error (a traceback) as stderr-typed text
                 const failed = [...document.querySelectorAll(
                   '.jp-NotebookPanel:not(.lm-mod-hidden) [data-mime-type="application/vnd.jupyter.stderr"]')]
                   .some(e => /Traceback|Error/.test(e.innerText));
                 return !waiting && failed;
               }}""",
            timeout=timeout_ms,
        )
        self.wait_for_idle_kernel(timeout_ms)
        self.console.phase = "after-run"

    def prompts(self):
        return self.page.evaluate(_JS_CODE_CELL_STATE)

    # ----- what the outputs show -----------------------------------------------------------

    def error_outputs(self):
        """Texts of outputs that show an error: tracebacks, stderr with Error, widget errors."""
        return self.page.evaluate(
            """() => {
                 const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                 const found = [];
                 for (const out of panel.querySelectorAll('.jp-OutputArea-output')) {
                   const mime = out.getAttribute('data-mime-type') || '';
                   const text = out.innerText || '';
                   if (mime === 'application/vnd.jupyter.stderr' && /Error|Traceback/.test(text)) found.push(text);
                   else if (/Traceback \\(most recent call last\\)/.test(text)) found.push(text);
                 }
                 if (/Error displaying widget/.test(panel.innerText))
                   found.push('"Error displaying widget" in the notebook: ' +
                     panel.innerText.split('\\n').filter(l => /Error displaying widget/.test(l)).join(' | '));
                 return found.map(t => t.slice(0, 2000));
               }""")

    def widget_views(self):
        """How many outputs rendered as a widget view (an output whose child is a widget root)."""
        return self.page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output > .jupyter-widgets").count()

    def widgets_shown_as_text(self):
        """Outputs showing an explorer's text repr instead of the widget (no widget renderer)."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedText')]
                 .map(e => e.innerText).filter(t => /^\\s*(?:\\w+Explorer|playground)\\(/.test(t))""")

    def explorers(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .nnkit-explorer")

    def figures(self):
        """For each explorer: its figure's src, natural and shown width, and whether it is cut off (None: no img)."""
        panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
        return panel.evaluate(_JS_FIGURES)

    def wait_for_figures(self, timeout_ms=None):
        """Wait until every explorer's img has a src and has decoded (naturalWidth > 0)."""
        panel = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
        panel.evaluate(
            """async (root) => {
                 const imgs = [...root.querySelectorAll('.nnkit-explorer .nnkit-figure img, .nnkit-explorer img.nnkit-figure')];
                 await Promise.all(imgs.map(i => i.decode().catch(() => null)));
               }""")
        try:
            self.page.wait_for_function(
                f"""() => {{
                     const root = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                     return ({_JS_FIGURES})(root).every(f => f && f.src && f.natural > 0);
                   }}""",
                timeout=timeout_ms or 15_000,
            )
        except Exception:  # the caller asserts on figures() and says which one is missing
            pass

    # ----- the controls of an explorer -----------------------------------------------------

    _CONTROLS = ".widget-slider, .widget-toggle-buttons, .widget-dropdown"

    def controls(self, explorer):
        """The explorer's controls as (kind, description) pairs, in page order.

        kind is "slider" (FloatSlider/IntSlider: noUiSlider), "toggle" (ToggleButtons)
        or "dropdown"; ``control(explorer, index)`` finds the n-th one.
        """
        return explorer.evaluate(
            """(root, css) => [...root.querySelectorAll(css)].map(box => {
                 const label = box.querySelector(':scope > .widget-label');
                 const kind = box.classList.contains('widget-slider') ? 'slider'
                            : box.classList.contains('widget-toggle-buttons') ? 'toggle' : 'dropdown';
                 return [kind, label ? label.textContent.trim() : ''];
               })""", self._CONTROLS)

    def control(self, explorer, index):
        """The box (label, control and readout) of the explorer's ``index``-th control."""
        return explorer.locator(self._CONTROLS).nth(index)

    def figure_src(self, explorer):
        return explorer.locator(".nnkit-figure img, img.nnkit-figure").first.get_attribute("src") or ""

    def slider_state(self, box):
        handle = box.locator(".noUi-handle").first
        value = float(handle.get_attribute("aria-valuenow"))
        lo = float(handle.get_attribute("aria-valuemin"))
        hi = float(handle.get_attribute("aria-valuemax"))
        return value, lo, hi

    def slider_key(self, box, big=True):
        """The key that moves this slider inward from where it is: up unless at its max."""
        value, lo, hi = self.slider_state(box)
        up, down = ("PageUp", "PageDown") if big else ("ArrowRight", "ArrowLeft")
        return down if value >= hi - 1e-9 else up

    def settle(self, element, settle_ms=5_000):
        """Bring an element fully into the notebook's view and wait until it has stopped moving.

        It is centred in the notebook's scrolling area (or put at its top when taller):
        Playwright's "scroll if needed" leaves a partly visible element where it is,
        its bottom under the status bar. And JupyterLab 4 skips laying out cells outside
        the view (content-visibility), so scrolling lays out the cells around it and can
        move it afterwards: wait until its box is the same on two frames 100 ms apart.
        """
        scroll = """(e) => {
            const scroller = e.closest('.jp-WindowedPanel-outer') || document.scrollingElement;
            const tall = e.getBoundingClientRect().height > scroller.clientHeight;
            e.scrollIntoView({block: tall ? 'start' : 'center', inline: 'nearest'});
        }"""
        element.evaluate(scroll)
        deadline = time.monotonic() + settle_ms / 1000
        box = element.bounding_box()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            again = element.bounding_box()
            if again == box:
                return
            box = again
            element.evaluate(scroll)

    def screenshot(self, element, path):
        """Screenshot one element once it has stopped moving."""
        self.settle(element)
        element.screenshot(path=str(path))

    def blur(self):
        """Take the keyboard focus away (a focused handle is drawn highlighted in screenshots)."""
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")

    def press_on_slider(self, box, key):
        """Focus the slider's handle (noUiSlider, keyboard enabled) and press ``key``."""
        handle = box.locator(".noUi-handle").first
        handle.focus()
        handle.press(key)

    def pick_other_option(self, box, kind):
        """Select an option other than the current one (toggle button or dropdown); returns its label."""
        if kind == "toggle":
            buttons = box.locator("button.widget-toggle-button")
            for i in range(buttons.count()):
                button = buttons.nth(i)
                if "mod-active" not in (button.get_attribute("class") or ""):
                    label = button.inner_text().strip()
                    button.click()
                    return label
            raise LookupError("every toggle button is already active")
        select = box.locator("select").first
        current = select.input_value()
        values = select.locator("option").evaluate_all("opts => opts.map(o => o.value)")
        other = next(v for v in values if v != current)
        select.select_option(other)
        return other

    def move_every_control(self, explorers, move_slider, screenshots, page_screenshot, timeout_ms=20_000):
        """Move each control of each explorer once and wait for its figure to change.

        A slider is moved by ``move_slider(box)``, which returns what it did (for the
        messages); a choice by picking another option. Each explorer is screenshotted
        before and after each move into ``screenshots``; a figure that does not change is
        a failure, with a page screenshot from ``page_screenshot(label, show=explorer)``.

        Returns:
            (moves, failures): how many moves were made, and one sentence per failure.
        """
        failures, moves = [], 0
        for i in range(explorers.count()):
            explorer = explorers.nth(i)
            for k, (kind, description) in enumerate(self.controls(explorer)):
                name = f"{i}-{slug(description)}"
                box = self.control(explorer, k)
                self.blur()
                self.screenshot(explorer, screenshots / f"{name}-before.png")
                before = self.figure_src(explorer)
                if kind == "slider":
                    what = f"slider {description!r} ({move_slider(box)})"
                else:
                    what = f"{kind} {description!r} (picked {self.pick_other_option(box, kind)!r})"
                moves += 1
                try:
                    self.wait_for_new_src(explorer, before, timeout_ms)
                except Exception as error:
                    shot = page_screenshot(f"{name}-unchanged", show=explorer)
                    failures.append(f"explorer {i}, {what}: the figure did not change "
                                    f"({str(error).splitlines()[0]}); screenshot: {shot}")
                self.blur()
                self.screenshot(explorer, screenshots / f"{name}-after.png")
        return moves, failures

    def wait_for_new_src(self, explorer, old_src, timeout_ms=20_000):
        """Wait until the explorer's figure shows a src other than ``old_src`` (and has decoded)."""
        explorer.locator(".nnkit-figure img, img.nnkit-figure").first.evaluate(
            """(img, [old, timeout]) => new Promise((resolve, reject) => {
                 const done = () => img.decode().then(() => resolve(true), () => resolve(true));
                 if (img.getAttribute('src') !== old) return done();
                 const observer = new MutationObserver(() => {
                   if (img.getAttribute('src') !== old) { observer.disconnect(); clearTimeout(timer); done(); }
                 });
                 const timer = setTimeout(() => { observer.disconnect();
                                                  reject(new Error('figure unchanged after ' + timeout + ' ms')); },
                                          timeout);
                 observer.observe(img, {attributes: true, attributeFilter: ['src']});
               })""",
            [old_src, timeout_ms],
        )
