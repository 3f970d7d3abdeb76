"""Private checks shared by every module of the package.

Who uses what: the layers, gates, functions and losses call ``as_array``, ``check_finite``,
``check_labels`` and ``require_forward`` on every forward/backward; ``check_count`` (a
whole number, such as a size, a count of epochs or a resolution), ``check_positive`` (a
positive number, such as a learning rate), ``check_range`` (a pair lo < hi) and
``check_callable`` serve data, train, models, optim, plotting, diagrams and widgets;
``check_number`` and ``is_real`` serve plotting, widgets and the graph engine.

Every check raises one sentence that names who complained, what was expected and what
came, so a learner reads a reason instead of a wall of traceback. The checks are cheap
(a dtype test, a shape comparison, one ``isfinite`` pass) because they run on every
forward call of every layer.
"""

import math
import numbers

import numpy as np

__all__ = [
    "as_array", "check_callable", "check_count", "check_finite", "check_labels", "check_number",
    "check_positive", "check_range", "describe", "is_real", "require_forward",
]


def describe(x):
    """A short description of what came: ``array of shape (2, 3)``, ``str 'abc'`` …"""
    if isinstance(x, np.ndarray):
        return f"array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, str):
        text = x if len(x) <= 20 else x[:17] + "..."
        return f"the string {text!r}"
    return f"{type(x).__name__} {x!r}" if np.isscalar(x) else type(x).__name__


def as_array(x, who, name="x", *, ndim=None):
    """Return ``x`` as a float64 array, or raise one sentence saying why it cannot be.

    Args:
        x: what the learner passed.
        who: the name used in the message, such as ``"Affine.forward"``.
        name: the argument's name in the message.
        ndim: the allowed numbers of dimensions (an int or a tuple), or None for any.
    """
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        arr = x
    else:
        if isinstance(x, str):
            raise TypeError(f"{who} expects {name} to be an array of numbers (got {describe(x)}).")
        try:
            arr = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                f"{who} expects {name} to be an array of numbers (got {describe(x)})."
            ) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(
                f"{who} expects {name} to be {wanted} (got {name} of shape {arr.shape})."
            )
    check_finite(arr, who, name)
    return arr


def check_finite(arr, who, name="x"):
    """Raise a ValueError naming the first NaN or inf entry of ``arr``, if any."""
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad) if arr.ndim else ()
        value = arr[tuple(bad)] if arr.ndim else arr
        raise ValueError(
            f"{who} expects finite numbers in {name} (got {value} at index {where}; "
            f"NaN or inf usually comes from a learning rate that is too large or a "
            f"division by zero upstream)."
        )


def is_real(x):
    """True for a plain real number (an int, a float, a numpy scalar), not for a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def check_number(value, who, name, lo=None, hi=None):
    """``value`` as a finite float (inside [lo, hi] when given), or one sentence saying what came."""
    if not is_real(value):
        raise TypeError(f"{who} expects {name} to be a number (got {describe(value)}).")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{who} expects {name} to be a finite number (got {value!r}).")
    if lo is not None and not lo <= value <= hi:
        raise ValueError(f"{who} expects {name} between {lo:g} and {hi:g}, the slider's range (got {value:g}).")
    return value


def check_count(value, who, name, minimum=1):
    """``value`` as an int ≥ ``minimum`` (a size, a count, a resolution), or one sentence saying what came."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) or value < minimum:
        wanted = "a positive whole number" if minimum == 1 else f"a whole number ≥ {minimum}"
        raise ValueError(f"{who} expects {name} to be {wanted} (got {value!r}).")
    return int(value)


def check_positive(value, who, name):
    """``value`` as a finite float > 0 (a learning rate, a step), or one sentence saying what came."""
    if not is_real(value) or not math.isfinite(value) or not value > 0:
        raise ValueError(f"{who} expects {name} to be a positive number (got {value!r}).")
    return float(value)


def check_range(pair, who, name="x_range"):
    """``pair`` as floats ``(lo, hi)`` with finite lo < hi, or one sentence saying what came."""
    if (
        isinstance(pair, (str, bytes))
        or not hasattr(pair, "__len__")
        or len(pair) != 2
        or not all(is_real(v) for v in pair)
    ):
        raise TypeError(f"{who} expects {name} as a pair of numbers (lo, hi) (got {describe(pair)}).")
    lo, hi = (float(v) for v in pair)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"{who} expects {name} = (lo, hi) with finite lo < hi (got {tuple(pair)!r}).")
    return lo, hi


def check_callable(f, who, name="f", what="a function of one number, like lambda x: x**2"):
    """``f`` when it can be called, or a TypeError saying what kind of function was expected."""
    if not callable(f):
        raise TypeError(f"{who} expects {name} to be {what} (got {describe(f)}).")
    return f


def check_labels(t, n_rows, n_classes, who):
    """Return integer labels or one-hot rows as an array, checked against the scores.

    Labels may be integers of shape (N,) (or a plain int for one sample) or one-hot rows
    of the scores' shape.
    """
    if isinstance(t, str):
        raise TypeError(f"{who} expects t as integer labels or one-hot rows (got {describe(t)}).")
    t = np.asarray(t)
    if t.dtype.kind not in "iubf":
        raise TypeError(f"{who} expects t as integer labels or one-hot rows (got {describe(t)}).")
    # one sample: a vector is one-hot, a scalar a label; a batch: rows are one-hot.
    if t.ndim == (1 if n_rows is None else 2):
        expected = (n_classes,) if n_rows is None else (n_rows, n_classes)
        if t.shape != expected:
            raise ValueError(
                f"{who} expects one-hot t of shape {expected} to match the scores "
                f"(got t of shape {t.shape})."
            )
        check_finite(t.astype(np.float64, copy=False), who, "t")
        return t
    if t.dtype.kind == "f":
        if not np.all(np.isfinite(t)) or not np.all(t == np.round(t)):
            raise TypeError(f"{who} expects integer class labels in t (got non-integer values {t}).")
        t = t.astype(np.int64)
    expected = () if n_rows is None else (n_rows,)
    if t.shape != expected:
        raise ValueError(
            f"{who} expects {'one label' if n_rows is None else f'{n_rows} labels'} in t "
            f"to match the scores (got t of shape {t.shape})."
        )
    if t.size and (t.min() < 0 or t.max() >= n_classes):
        bad = t.min() if t.min() < 0 else t.max()
        raise ValueError(
            f"{who} expects labels from 0 to {n_classes - 1} for {n_classes} classes "
            f"(got label {int(bad)})."
        )
    return t


def require_forward(cache, who):
    """Raise a RuntimeError when ``backward`` comes before ``forward``."""
    if cache is None:
        raise RuntimeError(f"{who}.backward() was called before {who}.forward(); run forward first.")
