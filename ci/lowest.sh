#!/usr/bin/env bash
# The unit tests (not nbval, not the browser tests) on the oldest Python the kit supports, in a
# fresh venv with the lowest versions its ranges allow (ci/lowest.txt). The oldest Python is read
# from requires-python in pyproject.toml and looked up in pyenv, then on PATH; if it is not
# there this fails: a floor that is not run is not a tested floor.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

oldest=$(sed -n 's/^requires-python *= *">= *\([0-9][0-9.]*\)".*/\1/p' pyproject.toml)
if [ -z "$oldest" ]; then
    echo "ci/lowest.sh expects requires-python = \">=X.Y\" in pyproject.toml (found none)." >&2
    exit 1
fi
python=""
if command -v pyenv >/dev/null 2>&1; then
    # the newest patch release of that minor version that pyenv has
    for candidate in $(ls -d "$(pyenv root)/versions/$oldest".* 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/bin/python" ]; then python="$candidate/bin/python"; break; fi
    done
fi
if [ -z "$python" ] && command -v "python$oldest" >/dev/null 2>&1; then
    python=$(command -v "python$oldest")
fi
if [ -z "$python" ]; then
    echo "ci/lowest.sh needs Python $oldest (the oldest that pyproject.toml supports) from pyenv or as python$oldest on PATH, and found neither." >&2
    exit 1
fi
echo "oldest Python: $python ($("$python" -V 2>&1))"

venv=$(mktemp -d "${TMPDIR:-/tmp}/nnkit-lowest.XXXXXX")
trap 'rm -rf "$venv"' EXIT
"$python" -m venv "$venv"
# A current pip: the one Python 3.9 ships resolves the same pins several times slower.
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r ci/lowest.txt
"$venv/bin/python" -m pip list 2>/dev/null | grep -i -E '^(numpy|matplotlib|ipywidgets|pytest|hypothesis) '

# The kit from this tree (PYTHONPATH, no install: nothing to build); no addopts, so no nbval.
# tests/test_package.py builds a wheel with the newest versions: it is the normal run's job.
export PYTHONPATH="$root"
export MPLBACKEND=Agg
"$venv/bin/python" -m pytest -q -o addopts="" -p no:cacheprovider tests \
    --ignore=tests/browser --ignore=tests/test_package.py
