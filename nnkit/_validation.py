"""Private checks shared by the layers, gates and functions.

Every check raises one sentence that names who complained, what was expected and what
came, so a learner reads a reason instead of a wall of traceback. The checks are cheap
(a dtype test, a shape comparison, one ``isfinite`` pass) because they run on every
forward call of every layer.
"""

import math
import numbers

import numpy as np

__all__ = ["as_array", "check_finite", "check_labels", "check_number", "is_real", "require_forward", "describe"]


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
