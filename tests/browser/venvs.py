"""Virtual environments the browser tests build from the package index once, then reuse.

A front end other than the project's own (the classic Notebook 6 with ipywidgets 7, Colab's
stand-in) needs its own interpreter with its own packages. ``cached_venv`` makes one from a
list of requirements, under ``~/.cache/nnkit/venvs/`` (``NNKIT_VENV_CACHE`` names another
folder), named after a hash of the Python version and the requirements: the first run
builds it (a minute or two), every later run finds it ready. A build is guarded by a lock
file, so two test sessions do not build the same folder at once, and is marked finished
only when pip succeeded, so a half-built folder is built again.

The kit itself is not installed there: the server gets this tree on ``PYTHONPATH``, so the
venv's kernel imports the code being tested, not a copy from an earlier run.

Nothing here imports pytest: ``VenvError`` says why a venv could not be made, and the
caller decides whether that skips (no package index) or fails.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

DONE_MARK = "nnkit-venv-complete.txt"


class VenvError(RuntimeError):
    """A venv could not be built (the message ends with the tail of pip's output)."""

    def __init__(self, message, *, unreachable=False):
        super().__init__(message)
        self.unreachable = unreachable  # the package index did not answer


def cache_dir():
    return Path(os.environ.get("NNKIT_VENV_CACHE") or Path.home() / ".cache" / "nnkit" / "venvs")


def venv_python(folder):
    return Path(folder) / "bin" / "python"


def _key(name, requirements, base_python):
    text = "\n".join([name, sys.version.split()[0], str(base_python), *sorted(requirements)])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


# Words in pip's output that mean the index could not be reached, not that a package is wrong.
_UNREACHABLE = ("Could not fetch URL", "NewConnectionError", "Failed to establish a new connection",
                "Temporary failure in name resolution", "Network is unreachable", "ConnectTimeoutError",
                "Max retries exceeded", "ProxyError")


def cached_venv(name, requirements, *, base_python=sys.executable, timeout=900):
    """The folder of a venv holding ``requirements`` (pip specifiers), built on first use.

    Args:
        name: a short name for the folder ("classic-notebook").
        requirements: what to install, as pip would take it on its command line.
        base_python: the interpreter whose ``venv`` module makes the environment.
        timeout: seconds pip may take.

    Returns:
        (folder, seconds): the venv's folder and how long this call took to build it (0.0 when
        it was ready).

    Raises:
        VenvError: pip failed; ``unreachable`` is True when the package index did not answer.
    """
    folder = cache_dir() / f"{name}-{_key(name, requirements, base_python)}"
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another session building the same venv: wait for it
        if (folder / DONE_MARK).exists():
            return folder, 0.0
        start = time.monotonic()
        shutil.rmtree(folder, ignore_errors=True)
        if Path(base_python).resolve() == Path(sys.executable).resolve():
            venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        else:
            subprocess.run([str(base_python), "-m", "venv", "--clear", str(folder)], check=True,
                           capture_output=True, timeout=300)
        command = [str(venv_python(folder)), "-m", "pip", "install", "--no-input", "--progress-bar", "off",
                   *requirements]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
        except subprocess.TimeoutExpired:
            shutil.rmtree(folder, ignore_errors=True)
            raise VenvError(f"pip did not finish installing {name}'s packages within {timeout} s.",
                            unreachable=True) from None
        if done.returncode != 0:
            output = (done.stdout + done.stderr).strip().splitlines()
            shutil.rmtree(folder, ignore_errors=True)
            unreachable = any(word in line for line in output for word in _UNREACHABLE)
            tail = "\n".join(output[-15:])
            raise VenvError(f"pip could not install {' '.join(requirements)} for {name} "
                            f"(exit code {done.returncode}):\n{tail}", unreachable=unreachable)
        frozen = subprocess.run([str(venv_python(folder)), "-m", "pip", "freeze"], capture_output=True,
                                text=True, timeout=120).stdout
        (folder / DONE_MARK).write_text(f"# built in {time.monotonic() - start:.0f} s from: "
                                        f"{' '.join(requirements)}\n{frozen}")
        return folder, time.monotonic() - start


def installed_versions(folder):
    """The ``pip freeze`` lines recorded when the venv was built (for messages and reports)."""
    mark = Path(folder) / DONE_MARK
    return [line for line in mark.read_text().splitlines() if line and not line.startswith("#")]
