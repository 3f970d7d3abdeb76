#!/usr/bin/env bash
# Strict nbval once more with numpy's fastest vector paths turned off: np.exp and friends then
# take their baseline code path, whose last bits differ from the AVX2/AVX-512 ones. A stored
# output that depends on the CPU fails here, in CI, and not on a learner's machine.
# Run it from the project's venv: ci/nbval-baseline-cpu.sh [.venv/bin/python]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}

features=$("$python" ci/cpu_features.py)
export NPY_DISABLE_CPU_FEATURES="$features"
# Show that numpy took it (the kernels nbval starts inherit the variable).
"$python" - <<'PY'
import os
from importlib import import_module
try:
    umath = import_module("numpy._core._multiarray_umath")
except ImportError:
    umath = import_module("numpy.core._multiarray_umath")
on = [f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f)]
print(f"NPY_DISABLE_CPU_FEATURES={os.environ['NPY_DISABLE_CPU_FEATURES']!r}; dispatched features still on: {on or 'none'}")
if on:
    raise SystemExit(f"numpy still dispatches to {on}: the baseline run would test nothing new.")
PY
exec "$python" -m pytest -q notebooks
