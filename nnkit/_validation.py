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

from ._text import Text, text

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
        return text("describe.array", shape=x.shape, dtype=x.dtype)
    if isinstance(x, str):
        shown = x if len(x) <= 20 else x[:17] + "..."
        return text("describe.string", text=shown)
    if x is Ellipsis:
        return text("describe.placeholder")
    return f"{type(x).__name__} {x!r}" if np.isscalar(x) else type(x).__name__


def some_values(values, k=4):
    """The first ``k`` of ``values`` as short text (``0.5, 1.5, 2.5, … (300 values)``), never the whole array."""
    flat = np.asarray(values).ravel()
    shown = ", ".join(_short(v) for v in flat[:k])
    return shown if flat.size <= k else text("describe.some_values", shown=shown, size=flat.size)


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
            wanted = text("error.or").join(text("error.dims", d=d) for d in allowed)
            raise ValueError(text("error.ndim", who=who, name=name, wanted=wanted, shape=arr.shape))
    if not empty and arr.size == 0:
        raise ValueError(text("error.empty", who=who, name=name, shape=arr.shape))
    check_finite(arr, who, name)
    return arr


def _to_float64(x, who, name):
    """``x`` (not yet a float64 array) as one, refusing what would become a wrong number."""
    if x is None:
        raise TypeError(text("error.not_an_array", who=who, name=name, got="None"))
    if x is Ellipsis:  # the exercise cell's placeholder, not filled in yet
        raise TypeError(text("error.placeholder", who=who, name=name))
    if isinstance(x, (str, bytes)):
        raise TypeError(text("error.not_an_array", who=who, name=name, got=describe(x)))
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError):  # ragged lists and the like
        raise TypeError(text("error.not_an_array", who=who, name=name, got=describe(x))) from None
    kind = raw.dtype.kind
    if kind == "c":
        raise TypeError(text("error.complex", who=who, name=name, values=some_values(raw, 2)))
    if kind in "biuf":
        return raw.astype(np.float64)
    if kind in "US":
        raise TypeError(text("error.text", who=who, name=name, values=some_values(raw, 2)))
    if kind == "O":
        # a list holding None (or another odd thing): name it, instead of letting it become NaN
        for i, v in enumerate(raw.ravel()):
            if isinstance(v, numbers.Real):
                continue
            where = tuple(int(j) for j in np.unravel_index(i, raw.shape)) if raw.ndim else ()
            what = text("describe.complex") if isinstance(v, numbers.Complex) else describe(v)
            raise TypeError(text("error.not_real_at", who=who, name=name, what=what, index=where))
        try:
            return raw.astype(np.float64)
        except (TypeError, ValueError, OverflowError):
            pass
    raise TypeError(text("error.not_an_array", who=who, name=name, got=describe(raw)))


#: What a NaN or inf in a layer's input or weights usually means (in the current language when shown).
NAN_HINT = Text("error.nan_hint")


def check_finite(arr, who, name="x", *, hint=NAN_HINT):
    """Raise a ValueError naming the first NaN or inf entry of ``arr``, if any (and ``hint``, its likely cause)."""
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad) if arr.ndim else ()
        value = arr[tuple(bad)] if arr.ndim else arr
        key = "error.not_finite.hint" if hint else "error.not_finite"
        raise ValueError(text(key, who=who, name=name, value=value, index=where, hint=hint))


def is_real(x):
    """True for a plain real number (an int, a float, a numpy scalar), not for a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def check_number(value, who, name, lo=None, hi=None):
    """``value`` as a finite float (inside [lo, hi] when given), or one sentence saying what came."""
    if not is_real(value):
        raise TypeError(text("error.not_a_number", who=who, name=name, got=describe(value)))
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(text("error.not_a_finite_number", who=who, name=name, value=value))
    if lo is not None and not lo <= value <= hi:
        raise ValueError(text("error.slider_range", who=who, name=name, lo=lo, hi=hi, value=value))
    return value


def check_count(value, who, name, minimum=1):
    """``value`` as an int ≥ ``minimum`` (a size, a count, a resolution), or one sentence saying what came."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral) or value < minimum:
        wanted = text("error.count.positive") if minimum == 1 else text("error.count.minimum", minimum=minimum)
        raise ValueError(text("error.count", who=who, name=name, wanted=wanted, value=value))
    return int(value)


def check_positive(value, who, name):
    """``value`` as a finite float > 0 (a learning rate, a step), or one sentence saying what came."""
    if not is_real(value) or not math.isfinite(value) or not value > 0:
        raise ValueError(text("error.not_positive", who=who, name=name, value=value))
    return float(value)


def check_range(pair, who, name="x_range"):
    """``pair`` as floats ``(lo, hi)`` with finite lo < hi, or one sentence saying what came."""
    if (
        isinstance(pair, (str, bytes))
        or not hasattr(pair, "__len__")
        or len(pair) != 2
        or not all(is_real(v) for v in pair)
    ):
        raise TypeError(text("error.range.not_a_pair", who=who, name=name, got=describe(pair)))
    lo, hi = (float(v) for v in pair)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(text("error.range.order", who=who, name=name, pair=tuple(pair)))
    return lo, hi


def make_rng(seed, who):
    """``np.random.default_rng(seed)`` for a seed of None, a whole number ≥ 0 or a numpy generator; else one sentence."""
    ok = seed is None or isinstance(seed, (np.random.Generator, np.random.BitGenerator, np.random.SeedSequence)) or (
        isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_)) and seed >= 0
    )
    if not ok:
        raise ValueError(text("error.seed", who=who, got=describe(seed)))
    return np.random.default_rng(seed)


def check_callable(f, who, name="f", what=Text("error.callable.default")):
    """``f`` when it can be called, or a TypeError saying what kind of function was expected."""
    if not callable(f):
        raise TypeError(text("error.not_callable", who=who, name=name, what=what, got=describe(f)))
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
        raise TypeError(text("error.labels.kind", who=who, got=describe(t)))
    t = np.asarray(t)
    if t.dtype.kind not in "iubf":
        kind = {"c": "complex", "U": "text", "S": "text", "O": "values"}.get(t.dtype.kind)
        what = text(f"describe.such_as.{kind}", values=some_values(t, 3)) if kind and t.size else describe(t)
        raise TypeError(text("error.labels.kind", who=who, got=what))
    # one sample: a vector is one-hot, a scalar a label; a batch: rows are one-hot.
    if t.ndim == (1 if n_rows is None else 2):
        expected = (n_classes,) if n_rows is None else (n_rows, n_classes)
        if t.shape != expected:
            raise ValueError(text("error.labels.one_hot_shape", who=who, expected=expected, shape=t.shape))
        t = t.astype(np.float64, copy=False)
        check_finite(t, who, "t", hint=None)
        _check_target_rows(t, who)
        return t
    if t.dtype.kind == "b":
        t = t.astype(np.int64)
    elif t.dtype.kind == "f":
        whole = np.isfinite(t) & (t == np.round(t))
        if not whole.all():
            key = "error.labels.not_whole.one" if (~whole).sum() == 1 else "error.labels.not_whole"
            raise TypeError(text(key, who=who, values=some_values(t[~whole], 3)))
        t = t.astype(np.int64)
    expected = () if n_rows is None else (n_rows,)
    if t.shape != expected:
        key = "error.labels.count.one" if n_rows is None else "error.labels.count"
        raise ValueError(text(key, who=who, n=n_rows, shape=t.shape))
    if t.size and (t.min() < 0 or t.max() >= n_classes):
        bad = t.min() if t.min() < 0 else t.max()
        raise ValueError(text("error.labels.range", who=who, last=n_classes - 1, n_classes=n_classes,
                              label=int(bad)))
    return t


def _check_target_rows(t, who):
    """One-hot (or soft) targets: each row a distribution, as cross-entropy assumes."""
    rows = t.reshape(-1, t.shape[-1])
    sums = rows.sum(axis=1)
    bad = (rows < 0).any(axis=1) | (np.abs(sums - 1.0) > 1e-6)
    if bad.any():
        i = int(np.argmax(bad))
        where = "t" if t.ndim == 1 else text("error.row_of", row=i, name="t")
        why = text("error.why.negative") if (rows[i] < 0).any() else text("error.why.sum", sum=f"{sums[i]:.6g}")
        raise ValueError(text("error.labels.one_hot_rows", who=who, where=where, values=some_values(rows[i], 6),
                              why=why))


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
        where = name if y.ndim == 1 else text("error.row_of", row=i, name=name)
        if (rows[i] < 0).any():
            why = text("error.why.negative")
        elif (rows[i] > 1).any():
            why = text("error.why.above_one")
        else:
            why = text("error.why.sum", sum=f"{sums[i]:.4g}")
        raise ValueError(text("error.probabilities", who=who, name=name, where=where,
                              values=some_values(rows[i], 6), why=why))


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
        raise RuntimeError(text("error.backward_before_forward", who=who))
