"""Private checks shared by every module of the package.

Who uses what: the layers, gates, functions and losses call ``as_array``, ``check_finite``,
``check_labels``, ``check_probabilities`` and ``require_forward`` on every forward/backward
(``some_values`` keeps their messages short); ``check_count`` (a
whole number, such as a size, a count of epochs or a resolution), ``check_positive`` (a
positive number, such as a learning rate), ``check_range`` (a pair lo < hi) and
``check_callable`` serve data, train, models, optim, plotting, diagrams and widgets
(``make_rng`` checks the seeds of data, models and train);
``check_number`` and ``is_real`` serve plotting, widgets and the graph engine.

Every check raises one sentence that names who complained, what was expected and what
came, so a learner reads a reason instead of a wall of traceback. The checks are cheap
(a dtype test, a shape comparison, one ``isfinite`` pass) because they run on every
forward call of every layer.
"""

import math
import numbers
import os
import sys
import warnings

import numpy as np

__all__ = [
    "as_array", "check_callable", "check_count", "check_finite", "check_labels", "check_number",
    "check_positive", "check_probabilities", "check_range", "describe", "is_real", "require_forward",
    "make_rng", "some_values", "warn",
]


def describe(x):
    """A short description of what came: ``array of shape (2, 3)``, ``str 'abc'``, ``None`` …"""
    if x is None:
        return "None"
    if isinstance(x, np.ndarray):
        return f"array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, str):
        text = x if len(x) <= 20 else x[:17] + "..."
        return f"the string {text!r}"
    return f"{type(x).__name__} {x!r}" if np.isscalar(x) else type(x).__name__


def some_values(values, k=4):
    """The first ``k`` of ``values`` as short text (``0.5, 1.5, 2.5, … (300 values)``), never the whole array."""
    flat = np.asarray(values).ravel()
    shown = ", ".join(_short(v) for v in flat[:k])
    return shown if flat.size <= k else f"{shown}, … ({flat.size} values)"


def _short(v):
    return f"{v:.6g}" if isinstance(v, (float, np.floating)) else repr(v.item() if isinstance(v, np.generic) else v)


def as_array(x, who, name="x", *, ndim=None, empty=False):
    """Return ``x`` as a float64 array, or raise one sentence saying why it cannot be.

    Refused, each with its own sentence: ``None`` (called None, never turned into NaN),
    text (even ``"1.5"``: a lesson computes numbers, it does not parse them), complex
    numbers (numpy would silently drop the imaginary part), NaN and inf, and an empty
    array unless ``empty`` allows it. A float64 array comes back as the very same object,
    so a layer can hold the learner's array.

    Args:
        x: what the learner passed.
        who: the name used in the message, such as ``"Affine.forward"``.
        name: the argument's name in the message.
        ndim: the allowed numbers of dimensions (an int or a tuple), or None for any.
        empty: whether an array without a single number is allowed.
    """
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        arr = x
    else:
        arr = _to_float64(x, who, name)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(
                f"{who} expects {name} to be {wanted} (got {name} of shape {arr.shape})."
            )
    if not empty and arr.size == 0:
        raise ValueError(
            f"{who} expects {name} to hold at least one number (got an empty {name} of shape {arr.shape})."
        )
    check_finite(arr, who, name)
    return arr


def _to_float64(x, who, name):
    """``x`` (not yet a float64 array) as one, refusing what would become a wrong number."""
    if x is None:
        raise TypeError(f"{who} expects {name} to be an array of numbers (got None).")
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{who} expects {name} to be an array of numbers (got {describe(x)}).")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError):  # ragged lists and the like
        raise TypeError(f"{who} expects {name} to be an array of numbers (got {describe(x)}).") from None
    kind = raw.dtype.kind
    if kind == "c":
        raise TypeError(
            f"{who} expects {name} to hold real numbers (got complex numbers such as {some_values(raw, 2)})."
        )
    if kind in "biuf":
        return raw.astype(np.float64)
    if kind in "US":
        raise TypeError(
            f"{who} expects {name} to be an array of numbers (got text such as {some_values(raw, 2)})."
        )
    if kind == "O":
        # a list holding None (or another odd thing): name it, instead of letting it become NaN
        for i, v in enumerate(raw.ravel()):
            if isinstance(v, numbers.Real):
                continue
            where = tuple(int(j) for j in np.unravel_index(i, raw.shape)) if raw.ndim else ()
            what = "a complex number" if isinstance(v, numbers.Complex) else describe(v)
            raise TypeError(f"{who} expects {name} to be an array of real numbers (got {what} at index {where}).")
        try:
            return raw.astype(np.float64)
        except (TypeError, ValueError, OverflowError):
            pass
    raise TypeError(f"{who} expects {name} to be an array of numbers (got {describe(raw)}).")


#: What a NaN or inf in a layer's input or weights usually means.
NAN_HINT = (
    "NaN or inf usually comes from a learning rate that is too large or a division by zero upstream"
)


def check_finite(arr, who, name="x", *, hint=NAN_HINT):
    """Raise a ValueError naming the first NaN or inf entry of ``arr``, if any (and ``hint``, its likely cause)."""
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad) if arr.ndim else ()
        value = arr[tuple(bad)] if arr.ndim else arr
        raise ValueError(
            f"{who} expects finite numbers in {name} (got {value} at index {where}"
            f"{'; ' + hint if hint else ''})."
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


def make_rng(seed, who):
    """``np.random.default_rng(seed)`` for a seed of None, a whole number ≥ 0 or a numpy generator; else one sentence."""
    ok = seed is None or isinstance(seed, (np.random.Generator, np.random.BitGenerator, np.random.SeedSequence)) or (
        isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_)) and seed >= 0
    )
    if not ok:
        raise ValueError(f"{who} expects seed to be a whole number ≥ 0 or None (got {describe(seed)}).")
    return np.random.default_rng(seed)


def check_callable(f, who, name="f", what="a function of one number, like lambda x: x**2"):
    """``f`` when it can be called, or a TypeError saying what kind of function was expected."""
    if not callable(f):
        raise TypeError(f"{who} expects {name} to be {what} (got {describe(f)}).")
    return f


def check_labels(t, n_rows, n_classes, who):
    """Return integer labels or one-hot rows as an array, checked against the scores.

    Labels may be integers of shape (N,) (or a plain int for one sample), whole-number
    floats (``t.astype(float)``) or bools (False = 0, True = 1); they come back as int64,
    so they can index. One-hot rows have the scores' shape and must each be a probability
    distribution: no negative entry, summing to 1 (a one-hot row, or soft targets); they
    come back as floats. A message shows a few of the values, never the whole array.
    """
    if t is None or isinstance(t, (str, bytes)):
        raise TypeError(f"{who} expects t as integer labels or one-hot rows (got {describe(t)}).")
    t = np.asarray(t)
    if t.dtype.kind not in "iubf":
        kind = {"c": "complex numbers", "U": "text", "S": "text", "O": "values"}.get(t.dtype.kind)
        what = f"{kind} such as {some_values(t, 3)}" if kind and t.size else describe(t)
        raise TypeError(f"{who} expects t as integer labels or one-hot rows (got {what}).")
    # one sample: a vector is one-hot, a scalar a label; a batch: rows are one-hot.
    if t.ndim == (1 if n_rows is None else 2):
        expected = (n_classes,) if n_rows is None else (n_rows, n_classes)
        if t.shape != expected:
            raise ValueError(
                f"{who} expects one-hot t of shape {expected} to match the scores "
                f"(got t of shape {t.shape})."
            )
        t = t.astype(np.float64, copy=False)
        check_finite(t, who, "t", hint=None)
        _check_target_rows(t, who)
        return t
    if t.dtype.kind == "b":
        t = t.astype(np.int64)
    elif t.dtype.kind == "f":
        whole = np.isfinite(t) & (t == np.round(t))
        if not whole.all():
            raise TypeError(
                f"{who} expects integer class labels in t (got {some_values(t[~whole], 3)}, "
                f"which {'is not a whole number' if (~whole).sum() == 1 else 'are not whole numbers'})."
            )
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


def _check_target_rows(t, who):
    """One-hot (or soft) targets: each row a distribution, as cross-entropy assumes."""
    rows = t.reshape(-1, t.shape[-1])
    sums = rows.sum(axis=1)
    bad = (rows < 0).any(axis=1) | (np.abs(sums - 1.0) > 1e-6)
    if bad.any():
        i = int(np.argmax(bad))
        where = "t" if t.ndim == 1 else f"row {i} of t"
        raise ValueError(
            f"{who} expects each one-hot row of t to hold 0s and a single 1 (or probabilities "
            f"summing to 1) (got {where} = [{some_values(rows[i], 6)}], "
            f"{'with a negative entry' if (rows[i] < 0).any() else f'summing to {sums[i]:.6g}'})."
        )


#: How far a row of probabilities may sum from 1: probabilities typed by hand, rounded
#: to two decimals ([0.33, 0.33, 0.33]), still count; raw scores are almost never this close.
PROBABILITY_SUM_TOLERANCE = 0.02


def check_probabilities(y, who, name="y"):
    """Raise one sentence when ``y`` (a checked float array) is not probabilities along its last axis.

    Each entry must lie in [0, 1] and each row sum to 1 (within
    ``PROBABILITY_SUM_TOLERANCE``): raw scores given where probabilities belong would make
    a loss negative or meaningless without a word.
    """
    rows = y.reshape(-1, y.shape[-1])
    sums = rows.sum(axis=1)
    bad = (rows < 0).any(axis=1) | (rows > 1).any(axis=1) | (np.abs(sums - 1.0) > PROBABILITY_SUM_TOLERANCE)
    if bad.any():
        i = int(np.argmax(bad))
        where = name if y.ndim == 1 else f"row {i} of {name}"
        if (rows[i] < 0).any():
            why = "with a negative entry"
        elif (rows[i] > 1).any():
            why = "with an entry above 1"
        else:
            why = f"summing to {sums[i]:.4g}"
        raise ValueError(
            f"{who} expects {name} to hold probabilities, each row from 0 to 1 and summing to 1, "
            f"such as softmax(scores) gives (got {where} = [{some_values(rows[i], 6)}], {why}; "
            f"raw scores go through softmax first)."
        )


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def warn(message, category=UserWarning):
    """``warnings.warn`` pointed at the learner's line: the first caller outside nnkit."""
    level, frame = 2, sys._getframe(1)  # stacklevel 2 is the caller of warn()
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR + os.sep):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, category, stacklevel=level)


def require_forward(cache, who):
    """Raise a RuntimeError when ``backward`` comes before ``forward``."""
    if cache is None:
        raise RuntimeError(f"{who}.backward() was called before {who}.forward(); run forward first.")
