"""Curves, tangent lines, softmax bars, decision boundaries and loss curves.

Every function has matplotlib's own signature: it takes ``ax=None`` (meaning the current
axes, ``plt.gca()``), draws on that axes and returns the artists it made, so a notebook
can restyle them or a test can read their numbers. Nothing here calls ``plt.show()``,
changes ``rcParams`` or clears the caller's axes; axis labels are set only where the
axes has none yet. Words (labels, legends, notes) are in the language current when the
plot is drawn (``nnkit.set_language``); maths and symbols stay as they are.
"""

import math
import numbers
import warnings

import numpy as np

from . import _palette
from . import functions as F
from ._format import format_fixed, format_probability, format_short
from ._text import text as text_of
from ._validation import as_array, check_callable, check_count, check_labels, check_number, check_range, describe
from .gradcheck import numerical_derivative
from .layers import SoftmaxWithLoss

__all__ = [
    "plot_function",
    "plot_sigmoid",
    "plot_exp",
    "plot_tangent",
    "plot_softmax",
    "plot_decision_boundary",
    "plot_loss_curve",
    "CLASS_COLORS",
]

# The colours live in nnkit._palette (one colour-blind-safe palette for the whole kit);
# these names are the ones the plots and explorers have always used.
CLASS_COLORS = _palette.CLASS_COLORS
CLASS_MARKERS = _palette.CLASS_MARKERS
REGION_COLORS = _palette.REGION_COLORS
CURVE_COLOR = _palette.CURVE
TANGENT_COLOR = _palette.TANGENT
FAINT_COLOR = _palette.FAINT
WARNING_COLOR = _palette.WARNING


def _gca(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # only when the caller asked for the current axes

    return plt.gca()


def _label_if_empty(ax, xlabel=None, ylabel=None):
    """Name the axes, unless the caller already did."""
    if xlabel and not ax.get_xlabel():
        ax.set_xlabel(xlabel)
    if ylabel and not ax.get_ylabel():
        ax.set_ylabel(ylabel)


def _one_value(f, x):
    """f(x) as a float; NaN where f fails or leaves the real numbers (log of -1 …)."""
    try:
        y = float(f(x))
    except (ArithmeticError, ValueError, TypeError):
        return math.nan
    return y if math.isfinite(y) else math.nan


def curve_values(f, x, who):
    """``f`` on the points ``x``, with NaN (a gap in the line) where f is not a finite number.

    ``f`` may take a whole array (``lambda x: x**2``) or only one number at a time
    (``math.exp``); the second is tried when the first does not give one value per point.
    No numpy warning escapes: a learner's ``np.log`` at x ≤ 0 just leaves a gap.
    """
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            y = np.asarray(f(x), dtype=np.float64)
            if y.ndim == 0:  # a constant function, such as lambda x: 3
                y = np.full(x.shape, float(y))
            elif y.shape != x.shape:
                raise ValueError("not one value per point")
        except (ArithmeticError, ValueError, TypeError):
            y = np.array([_one_value(f, float(v)) for v in x.ravel()]).reshape(x.shape)
    y = np.where(np.isfinite(y), y, np.nan)
    if not np.isfinite(y).any():
        raise ValueError(
            f"{who} could not evaluate f anywhere on [{x.min():g}, {x.max():g}] "
            f"(every value was an error, NaN or inf)."
        )
    return y


def value_at(f, x0):
    """f(x0) as a float, NaN when f fails there (no warning, no traceback)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _one_value(f, x0)


def slope_at(f, x0, df=None):
    """The slope of f at x0: ``df(x0)`` when the derivative is given, else a central difference."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if df is not None:
            return _one_value(df, x0)
        try:
            slope = float(numerical_derivative(f, x0))
        except (ArithmeticError, ValueError, TypeError):
            return math.nan
        return slope if math.isfinite(slope) else math.nan


# ----- curves ---------------------------------------------------------------------------


def plot_function(f, x_range, *, ax=None, **line_kw):
    """Plot y = f(x) over ``x_range`` as one line.

    Args:
        f: a function of one number (it may also take an array).
        x_range: (lo, hi).
        ax: the axes to draw on (the current axes when None).
        **line_kw: passed to ``ax.plot`` (color, label, linewidth …).

    Returns:
        The Line2D.
    """
    check_callable(f, "plot_function")
    lo, hi = check_range(x_range, "plot_function")
    ax = _gca(ax)
    x = np.linspace(lo, hi, 400)
    y = curve_values(f, x, "plot_function")
    (line,) = ax.plot(x, y, **line_kw)
    return line


def plot_sigmoid(*, ax=None, x_range=(-8, 8), w=1, b=0):
    r"""Plot $\sigma(wx + b) = 1 / (1 + e^{-(wx + b)})$ and mark where it crosses 0.5.

    The output of one sigmoid neuron is 0.5 where its input wx + b is 0, at x = -b/w;
    for the plain sigmoid (w = 1, b = 0) that is σ(0) = 0.5. When the curve does not
    cross 0.5 inside ``x_range`` (w = 0, or the crossing lies outside), the value at
    x = 0 is marked instead, if 0 is in range.

    Returns:
        (curve, point, label): the Line2D of the curve, the Line2D of the marked point
        and its Text (point and label are None when there is nothing to mark).
    """
    w = check_number(w, "plot_sigmoid", "w")
    b = check_number(b, "plot_sigmoid", "b")
    lo, hi = check_range(x_range, "plot_sigmoid")
    ax = _gca(ax)
    x = np.linspace(lo, hi, 400)
    label = "σ(x)" if (w, b) == (1.0, 0.0) else f"σ({format_short(w)}x + {format_short(b)})".replace("+ -", "− ")
    (curve,) = ax.plot(x, F.sigmoid(w * x + b), color=CURVE_COLOR, label=label)
    ax.set_ylim(-0.05, 1.08)
    _label_if_empty(ax, "x", label)
    if w != 0 and lo <= -b / w <= hi:
        x_mark, y_mark = -b / w, 0.5
        text = "σ(0) = 0.5" if (w, b) == (1.0, 0.0) else text_of("fig.sigmoid_crossing", x=format_short(x_mark))
        at_zero = False
    elif lo <= 0 <= hi:
        x_mark, y_mark = 0.0, float(F.sigmoid(b))
        text = text_of("fig.sigmoid_at_zero", y=format_fixed(y_mark, 3))  # the output at x = 0, named as such
        at_zero = True
    else:
        return curve, None, None
    (point,) = ax.plot([x_mark], [y_mark], "o", color=CURVE_COLOR, zorder=3)
    if at_zero:
        # The value at x = 0, mid-view: centred over (or under) the point, so it fits a narrow axes.
        high = y_mark > 0.8
        note = ax.annotate(text, (x_mark, y_mark), xytext=(0, -8 if high else 8), textcoords="offset points",
                           ha="center", va="top" if high else "bottom")
        return curve, point, note
    # Text on the side with more room, so it never runs off the axes.
    right = x_mark <= (lo + hi) / 2
    note = ax.annotate(
        text, (x_mark, y_mark), xytext=(10 if right else -10, -4), textcoords="offset points",
        ha="left" if right else "right", va="top",
    )
    return curve, point, note


def plot_exp(*, ax=None, x_range=(-5, 10)):
    r"""Plot $e^x$: always positive, 1 at x = 0, and growing faster and faster.

    Returns:
        (curve, point, label): the curve, the marked point (0, 1) and its Text.
    """
    lo, hi = check_range(x_range, "plot_exp")
    ax = _gca(ax)
    x = np.linspace(lo, hi, 400)
    with np.errstate(over="ignore"):  # e^x overflows above x ≈ 709: shown as a gap, not a warning
        y = np.exp(x)
    y = np.where(np.isfinite(y), y, np.nan)
    (curve,) = ax.plot(x, y, color=CURVE_COLOR, label="$e^x$")
    _label_if_empty(ax, "x", "exp(x)")
    if not lo <= 0 <= hi:
        return curve, None, None
    (point,) = ax.plot([0], [1], "o", color=CURVE_COLOR, zorder=3)
    note = ax.annotate("e⁰ = 1", (0, 1), xytext=(-8, 8), textcoords="offset points", ha="right", va="bottom")
    return curve, point, note


def plot_tangent(f, x0, *, ax=None, df=None, x_range=None, **line_kw):
    r"""Plot y = f(x) and its tangent at x0, labelled with the slope.

    The tangent is $y = f(x_0) + f'(x_0)(x - x_0)$. The slope $f'(x_0)$ comes from the
    derivative ``df`` when it is given, else from the central difference
    ``nnkit.gradcheck.numerical_derivative``. For y = x² the tangent at x0 = 2 has
    slope 4, at x0 = 5 slope 10.

    Args:
        f: a function of one number.
        x0: where the tangent touches the curve.
        ax: the axes to draw on (the current axes when None).
        df: the derivative of f, or None to measure the slope numerically.
        x_range: (lo, hi) of the curve; by default (-|x0| - 2, |x0| + 2).
        **line_kw: passed to the curve's ``ax.plot``.

    Returns:
        (curve, tangent, point, label): Line2D, Line2D, Line2D and the Text
        ``"slope 4.00 at x = 2"``.
    """
    check_callable(f, "plot_tangent")
    if df is not None:
        check_callable(df, "plot_tangent", "df", "a function, the derivative of f")
    x0 = check_number(x0, "plot_tangent", "x0")
    if x_range is None:
        x_range = (-abs(x0) - 2, abs(x0) + 2)
    lo, hi = check_range(x_range, "plot_tangent")
    y0 = value_at(f, x0)
    slope = slope_at(f, x0, df)
    if math.isnan(y0) or math.isnan(slope):
        raise ValueError(f"plot_tangent expects f to have a finite value and slope at x0 = {format_short(x0)} "
                         f"(got f(x0) = {y0}, slope {slope}).")
    ax = _gca(ax)
    line_kw.setdefault("color", CURVE_COLOR)
    x = np.linspace(lo, hi, 400)
    y = curve_values(f, x, "plot_tangent")
    (curve,) = ax.plot(x, y, **line_kw)
    # The tangent is added without autoscaling, so the view fits the curve and the
    # straight line simply runs out of it.
    from matplotlib.lines import Line2D

    tangent = Line2D([lo, hi], [y0 + slope * (lo - x0), y0 + slope * (hi - x0)], color=TANGENT_COLOR,
                     linewidth=1.5, label=text_of("fig.tangent"))
    ax.add_artist(tangent)
    (point,) = ax.plot([x0], [y0], "o", color=TANGENT_COLOR, zorder=3)
    # The label sits beside the point, towards the middle of the view and below the
    # point unless the point is near the bottom of the curve's range.
    right = x0 <= (lo + hi) / 2
    low = y0 <= np.nanmin(y) + 0.3 * (np.nanmax(y) - np.nanmin(y))
    label = ax.annotate(
        text_of("fig.tangent_slope", slope=format_fixed(slope), x=format_short(x0)), (x0, y0),
        xytext=(12 if right else -12, 10 if low else -10), textcoords="offset points",
        ha="left" if right else "right", va="bottom" if low else "top", color=TANGENT_COLOR,
        bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.85), zorder=4,
    )
    _label_if_empty(ax, "x", "y")
    return curve, tangent, point, label


# ----- softmax ---------------------------------------------------------------------------


def _target_index(t, labels, who):
    """The target as a class index, from an index or a label such as ``"dog"``."""
    if isinstance(t, str):
        if t not in labels:
            raise ValueError(f"{who} expects t to be one of {list(labels)} or an index (got {t!r}).")
        return list(labels).index(t)
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (numbers.Integral, np.integer)):
        raise TypeError(f"{who} expects t as a class index or label (got {describe(t)}).")
    if not 0 <= t < len(labels):
        raise ValueError(f"{who} expects t from 0 to {len(labels) - 1} for {len(labels)} classes (got {t}).")
    return int(t)


LESSON_LABELS = ("dog", "cat", "hamster")


def _shown_labels(labels):
    """The class names as drawn: the lesson's own (dog, cat, hamster) in the current language."""
    labels = tuple(labels)
    return tuple(text_of(f"fig.class.{name}") for name in labels) if labels == LESSON_LABELS else labels


def plot_softmax(scores, t=None, *, ax=None, labels=("dog", "cat", "hamster")):
    r"""Bars of the softmax probabilities $y_k = e^{s_k} / \sum_i e^{s_i}$, values written on them.

    Small probabilities keep enough digits not to read as zero: scores
    [3.1, -4.4, 2.8] give 0.574, 0.0003, 0.425. With a target ``t`` (an index or a
    label) its bar is highlighted and the cross-entropy $L = -\log y_t$ is written on
    the axes (L = 0.55 for t = dog).

    Returns:
        (bars, texts, loss_text): the BarContainer, the value Texts (one a bar) and the
        loss Text (None without t).
    """
    scores = as_array(scores, "plot_softmax", "scores", ndim=1)
    y = F.softmax(scores)
    labels = tuple(labels)
    if len(labels) != len(y):
        raise ValueError(
            f"plot_softmax expects one label per score (got {len(y)} scores and {len(labels)} labels)."
        )
    k = None if t is None else _target_index(t, labels, "plot_softmax")
    ax = _gca(ax)
    colors = [FAINT_COLOR] * len(y)
    if k is not None:
        colors[k] = CLASS_COLORS[0]
    else:
        colors = [CLASS_COLORS[0]] * len(y)
    bars = ax.bar(range(len(y)), y, color=colors, width=0.6)
    # the lesson's own classes in the current language; a learner's names as given
    ax.set_xticks(range(len(y)), _shown_labels(labels))
    ax.set_ylim(0, 1.25)
    _label_if_empty(ax, None, text_of("fig.probability"))
    texts = [
        ax.text(i, p + 0.02, format_probability(p), ha="center", va="bottom")
        for i, p in enumerate(y)
    ]
    loss_text = None
    if k is not None:
        bars[k].set_edgecolor("black")
        bars[k].set_linewidth(1.5)
        loss = SoftmaxWithLoss().forward(scores, k)  # exact, where a 1e-7 guard would cap it
        name = _shown_labels(labels)[k]
        loss_text = ax.text(0.02, 0.97, f"t = {name}:  L = −log y_{name} = {loss:.2f}",
                            transform=ax.transAxes, ha="left", va="top")
    return bars, texts, loss_text


# ----- what a trained network does --------------------------------------------------------


def decision_grid(x, resolution, pad=0.1):
    """The grid the decision boundary is drawn on: the data's box, widened by ``pad`` of its span.

    Returns:
        (xs, ys, points): the grid's x and y coordinates, shapes (resolution,), and
        every grid point as a row, shape (resolution², 2).
    """
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    lo, hi = lo - pad * span, hi + pad * span
    xs = np.linspace(lo[0], hi[0], resolution)
    ys = np.linspace(lo[1], hi[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def _check_points(x, t, who):
    x = as_array(x, who, "x", ndim=2)
    if x.shape[1] != 2:
        raise ValueError(f"{who} expects x with 2 columns, points in the plane (got x of shape {x.shape}).")
    t = check_labels(t, x.shape[0], int(np.max(t)) + 1 if np.size(t) else 1, who)
    if t.ndim == 2:
        t = t.argmax(axis=1)
    return x, np.asarray(t, dtype=np.int64)


def plot_decision_boundary(model, x, t, *, ax=None, resolution=200):
    """Color the plane by the class ``model.predict`` picks there, and scatter the points on top.

    The class of each point of the plane is the argmax of the model's scores; each
    class's region (where its score beats every other) is filled in a pale color, with
    the boundary interpolated between grid points so that it is as smooth as the model's
    own, and the points are drawn in the full color of their true class, so a point on
    the wrong color is misclassified.

    Args:
        model: anything with ``predict(x)`` returning scores of shape (N, K).
        x: the points, shape (N, 2).
        t: their labels, shape (N,) (or one-hot rows).
        ax: the axes to draw on (the current axes when None).
        resolution: grid points along each side.

    Returns:
        (regions, points): a list of filled QuadContourSets, one a class that has a region
        (``regions[i].colors`` tells which), and a list of one PathCollection a class.
    """
    if not callable(getattr(model, "predict", None)):
        raise TypeError(f"plot_decision_boundary expects a model with a predict(x) method (got {describe(model)}).")
    resolution = check_count(resolution, "plot_decision_boundary", "resolution", minimum=2)
    x, t = _check_points(x, t, "plot_decision_boundary")
    xs, ys, grid = decision_grid(x, int(resolution))
    scores = np.asarray(model.predict(grid))
    if scores.ndim != 2 or scores.shape[0] != len(grid):
        raise ValueError(
            f"plot_decision_boundary expects model.predict to return scores of shape ({len(grid)}, K) "
            f"for {len(grid)} points (got {describe(scores)})."
        )
    n_classes = max(scores.shape[1], int(t.max()) + 1)
    if n_classes > len(CLASS_COLORS):
        raise ValueError(f"plot_decision_boundary draws at most {len(CLASS_COLORS)} classes (got {n_classes}).")
    ax = _gca(ax)
    # Each class's region is where its margin over the best other class, s_k - max_{j≠k} s_j,
    # is positive. The margin is smooth, so contouring it at 0 interpolates the boundary
    # between grid points: a sigmoid network's boundary is drawn as the smooth curve it
    # is, a ReLU network's as straight pieces, never as the grid's staircase (which
    # contouring the argmax's whole-number classes gives).
    scores = scores.reshape(len(ys), len(xs), -1)
    regions = []
    for k in range(scores.shape[2]):
        margin = scores[:, :, k] - np.delete(scores, k, axis=2).max(axis=2)
        if margin.max() > 0:
            regions.append(ax.contourf(xs, ys, margin, levels=[0, np.inf], colors=[REGION_COLORS[k]]))
    points = [
        ax.scatter(x[t == k, 0], x[t == k, 1], s=14, color=CLASS_COLORS[k], marker=CLASS_MARKERS[k], edgecolors="white",
                   linewidths=0.4, label=text_of("fig.class", k=k), zorder=3)
        for k in range(n_classes)
    ]
    _label_if_empty(ax, "x₁", "x₂")
    return regions, points


def plot_loss_curve(history, *, ax=None):
    """The loss after each epoch, and the accuracy on a second y axis at the right.

    Args:
        history: a ``nnkit.train.History`` (anything with ``loss`` and ``accuracy`` lists).
        ax: the axes to draw on (the current axes when None).

    Returns:
        (loss_line, accuracy_line): two Line2D; accuracy_line is None when the history
        has no accuracy. The accuracy line lives on ``accuracy_line.axes``, a twin of ax.
    """
    loss = getattr(history, "loss", None)
    if loss is None or not hasattr(history, "accuracy"):
        raise TypeError(
            f"plot_loss_curve expects a History from nnkit.train.fit, with loss and accuracy lists "
            f"(got {describe(history)})."
        )
    loss = np.asarray(loss, dtype=np.float64)
    if loss.ndim != 1 or len(loss) == 0:
        raise ValueError("plot_loss_curve expects a History with at least one epoch (got no losses).")
    accuracy = np.asarray(history.accuracy, dtype=np.float64)
    ax = _gca(ax)
    epochs = np.arange(1, len(loss) + 1)
    (loss_line,) = ax.plot(epochs, loss, color=CLASS_COLORS[0], label=text_of("fig.loss"))
    _label_if_empty(ax, text_of("fig.epoch"), text_of("fig.loss"))
    ax.set_ylim(bottom=0)
    accuracy_line = None
    if len(accuracy) == len(loss) and np.isfinite(accuracy).all():
        twin = ax.twinx()
        (accuracy_line,) = twin.plot(epochs, accuracy, color=CLASS_COLORS[1], label=text_of("fig.accuracy"))
        twin.set_ylim(0, 1.05)
        twin.set_ylabel(text_of("fig.accuracy"))
        ax.legend(handles=[loss_line, accuracy_line], loc="center right")
    diverged = getattr(history, "diverged_at", None)
    if diverged:
        ax.text(0.98, 0.95, text_of("fig.diverged_at", epoch=diverged), transform=ax.transAxes, ha="right", va="top",
                color=WARNING_COLOR)
    return loss_line, accuracy_line
