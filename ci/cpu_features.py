"""Print the CPU features this machine's numpy dispatches to beyond its baseline.

Their names, space-separated, are what ``NPY_DISABLE_CPU_FEATURES`` takes to turn numpy's
fastest vector paths off (ci/nbval-baseline-cpu.sh). They are read from numpy at run time,
so the list fits whatever x86-64 CPU CI lands on (AVX2, AVX-512 or neither).
"""

try:  # numpy 2
    from numpy._core import _multiarray_umath as umath
except ImportError:  # numpy 1.x
    from numpy.core import _multiarray_umath as umath

print(" ".join(f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f)))
