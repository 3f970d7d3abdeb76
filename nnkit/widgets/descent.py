"""Notebook 03's second explorer: gradient descent on a 1-D and a 2-D bowl, too slow to too fast."""

import html

import numpy as np

from .._format import format_fixed
from .._validation import check_count, check_number
from ..plotting import CURVE_COLOR, FAINT_COLOR, TANGENT_COLOR, WARNING_COLOR
from .. import _text
from ._words import label, say, translated
from .base import Explorer, readout_line, readout_lines

__all__ = ["GradientDescentExplorer", "gradient_descent_explorer"]

_HEADLINE_CODES = {kind: f"explorer.descent.headline.{kind}"
                   for kind in ("diverges", "bounces", "start", "zigzags", "crawls", "converges")}
_EDGE = 1e-9  # how close |1 - 2·lr| must come to 1 to count as the bouncing edge


def _descend(gradient, start, lr, steps, limit):
    """The iterates of w ← w - lr·∇L(w), from ``start``, at most ``steps`` of them.

    The walk stops early once |w| passes ``limit``: by then it has diverged beyond any
    view, and stopping keeps every number finite (no overflow, no NaN).
    """
    w = np.array(start, dtype=np.float64)
    path = [w]
    for _ in range(steps):
        w = w - lr * gradient(w)
        path.append(w)
        if np.max(np.abs(w)) > limit:
            break
    return np.array(path)


def _times(a):
    """A coefficient written before its term: ``0.2·``, and nothing for 1."""
    return "" if a == 1 else f"{a:g}·"


def _fmt_w(v):
    return format_fixed(v, 3) if abs(v) < 1000 else f"{v:.2e}"


def _fmt_small(v):
    """A number that keeps shrinking as the walk converges: two significant digits once it is small.

    ``format_fixed(v, 3)`` would print 0.000 from step 30 on, and the step slider would seem
    to do nothing; 1.2e-04 keeps moving.
    """
    return _fmt_w(v) if v == 0 or abs(v) >= 0.01 else f"{v:.1e}"


_INSIDE = 0.95  # an off-view point is drawn this far from the centre of the view towards its edge


def _on_screen(x, y, xlim, ylim):
    """(x, y, marker): the point itself as a dot, or, once it has left the view, a triangle
    pointing the way it went, held just inside the edge (so the last step is never lost)."""
    if xlim[0] <= x <= xlim[1] and ylim[0] <= y <= ylim[1]:
        return x, y, "o"
    (xc, yc) = (sum(xlim) / 2, sum(ylim) / 2)
    sx = float(np.clip(x, xc + _INSIDE * (xlim[0] - xc), xc + _INSIDE * (xlim[1] - xc)))
    sy = float(np.clip(y, yc + _INSIDE * (ylim[0] - yc), yc + _INSIDE * (ylim[1] - yc)))
    if not ylim[0] <= y <= ylim[1]:
        return sx, sy, "^" if y > ylim[1] else "v"
    return sx, sy, ">" if x > xlim[1] else "<"


class GradientDescentExplorer(Explorer):
    r"""Gradient descent $w \leftarrow w - \alpha\, \partial L/\partial w$ on a 1-D and a 2-D bowl.

    The 1-D bowl is $L(w) = w^2$, so each step multiplies w by $1 - 2\alpha$: a small
    learning rate crawls, one between 0.5 and 1 zigzags in, 1.0 bounces for ever and
    anything above 1.0 diverges. The 2-D bowl $L = 0.2 w_1^2 + w_2^2$ is stretched: the
    same step that is right for the steep $w_2$ crawls along the flat $w_1$.

    Its words are in the language current when it is built (``HEADLINES`` too: the
    class's are English, an explorer's its own language's).
    """

    figsize = (7.6, 3.3)
    _factory = "gradient_descent_explorer"
    LR_RANGE = (0.01, 1.2)
    MAX_STEPS = 50
    START_1D = 2.5
    START_2D = (-2.5, 1.5)
    LIMIT = 1e4  # |w| beyond this is far outside the view: the walk stops there
    A1, A2 = 0.2, 1.0  # L = A1·w1² + A2·w2²

    def __init__(self, *, lr=0.1, steps=10, size="normal"):
        self._lr0 = check_number(lr, self._factory, "lr", *self.LR_RANGE)
        steps = check_count(steps, self._factory, "steps", minimum=0)
        self._steps0 = int(check_number(steps, self._factory, "steps", 0, self.MAX_STEPS))
        super().__init__(size=size)

    def _build(self):
        left, right = self.figure.subplots(1, 2)
        w = np.linspace(-3.2, 3.2, 200)
        self._style_axes(left, "w", "L(w)", say(self, "explorer.descent.bowl_1d"))
        left.plot(w, w**2, color=FAINT_COLOR, linewidth=2)
        left.set_xlim(-3.2, 3.2)
        left.set_ylim(-0.6, 10.8)
        left.plot([self.START_1D], [self.START_1D**2], "o", mfc="white", mec="0.3", markersize=self._marker(7))
        self._path1 = self._dynamic_artist(left.plot([], [], "o-", color=CURVE_COLOR, markersize=self._marker(4),
                                                     linewidth=1)[0])
        # (above the step text: an off-view triangle at the top edge stays in sight)
        self._now1 = self._dynamic_artist(left.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7),
                                                    zorder=5)[0])

        formula = f"{_times(self.A1)}w₁² + {_times(self.A2)}w₂²"
        self._style_axes(right, "w₁", "w₂", say(self, "explorer.descent.bowl_2d", formula=formula))
        g1, g2 = np.meshgrid(np.linspace(-3.2, 3.2, 120), np.linspace(-2.1, 2.1, 90))
        right.contour(g1, g2, self.A1 * g1**2 + self.A2 * g2**2, levels=[0.1, 0.4, 1, 2, 3.5, 5],
                      colors=FAINT_COLOR, linewidths=1)
        right.plot([0], [0], "+", color="0.3", markersize=self._marker(8))
        right.set_xlim(-3.2, 3.2)
        right.set_ylim(-2.1, 2.1)
        right.set_aspect("equal")
        right.plot(*self.START_2D, "o", mfc="white", mec="0.3", markersize=self._marker(7))
        self._path2 = self._dynamic_artist(right.plot([], [], "o-", color=CURVE_COLOR, markersize=self._marker(4),
                                                      linewidth=1)[0])
        self._now2 = self._dynamic_artist(right.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7),
                                                     zorder=5)[0])
        # Where the walk is now, in the picture: the step count moves with the step slider
        # even once w sits at the bottom.
        box = dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1.5)
        small = self.look["small"]
        self._where1 = self._dynamic_artist(left.text(0.5, 0.97, " ", transform=left.transAxes, ha="center",
                                                      va="top", fontsize=small, bbox=box))
        self._where2 = self._dynamic_artist(right.text(0.5, 0.03, " ", transform=right.transAxes, ha="center",
                                                       va="bottom", fontsize=small, bbox=box))
        self._message = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        label(self, self._slider("learning rate", *self.LR_RANGE, 0.01, self._lr0), "explorer.control.learning_rate")
        label(self, self._slider("steps", 0, self.MAX_STEPS, 1, self._steps0, integer=True), "explorer.control.steps")
        self.HEADLINES = translated(self, _HEADLINE_CODES)  # in this explorer's language

    # One headline a kind of walk ({start}: where the 1-D walk starts), in English here;
    # an explorer's own HEADLINES are in its language.
    HEADLINES = {kind: _text.template(code, "en") for kind, code in _HEADLINE_CODES.items()}

    def _paths(self):
        lr, steps = self.value("learning rate"), self.value("steps")
        path1 = _descend(lambda w: 2 * w, [self.START_1D], lr, steps, self.LIMIT)[:, 0]
        path2 = _descend(lambda w: np.array([2 * self.A1 * w[0], 2 * self.A2 * w[1]]), self.START_2D, lr, steps,
                         self.LIMIT)
        return lr, steps, path1, path2

    def _status(self, lr, steps, path1):
        """(kind, detail) for the 1-D walk; the kind is a key of ``HEADLINES``.

        The figure's headline names the kind; the detail adds only the numbers behind it,
        so the readout never says the headline a second time.
        """
        factor = 1 - 2 * lr  # each step multiplies w by this
        rule = say(self, "explorer.descent.rule", factor=format_fixed(factor))
        w = path1[-1]
        if abs(factor) > 1 + _EDGE:
            return "diverges", say(self, "explorer.descent.detail.diverges", rule=rule, factor=f"{abs(factor):.2f}")
        if abs(factor) > 1 - _EDGE:
            return "bounces", say(self, "explorer.descent.detail.bounces", rule=rule)
        if steps == 0:
            return "start", say(self, "explorer.descent.detail.start", rule=rule, start=f"{self.START_1D:g}")
        if factor < 0:
            return "zigzags", say(self, "explorer.descent.detail.zigzags", rule=rule, factor=f"{abs(factor):.2f}")
        if abs(w) > 0.5 * self.START_1D:
            return "crawls", say(self, "explorer.descent.detail.crawls", rule=rule, steps=steps, w=f"{w:.2f}")
        return "converges", say(self, "explorer.descent.detail.converges", rule=rule, steps=steps, w=_fmt_small(w))

    def _mark(self, dot, text, x, y, ax, words):
        """Put the current-step dot on screen (a triangle at the edge once the walk has left the view)."""
        sx, sy, marker = _on_screen(x, y, ax.get_xlim(), ax.get_ylim())
        dot.set_data([sx], [sy])
        dot.set_marker(marker)
        text.set_text(words if marker == "o" else say(self, "explorer.descent.off_view", words=words))

    def _update(self):
        lr, steps, path1, path2 = self._paths()
        self._path1.set_data(path1, path1**2)
        self._path2.set_data(path2[:, 0], path2[:, 1])
        taken = len(path1) - 1
        w, (w1, w2) = path1[-1], path2[-1]
        left, right = self._now1.axes, self._now2.axes
        self._mark(self._now1, self._where1, w, w * w, left, say(self, "explorer.descent.where_1d", step=taken,
                                                                 w=_fmt_small(w)))
        self._mark(self._now2, self._where2, w1, w2, right,
                   say(self, "explorer.descent.where_2d", step=len(path2) - 1,
                       loss=_fmt_small(self.A1 * w1**2 + self.A2 * w2**2)))
        kind, message = self._status(lr, steps, path1)
        # The figure says what kind of walk it is; the readout adds the numbers. A
        # headline that only changes with the kind is also one text less to draw a move.
        self._message.set_text(self.HEADLINES[kind].format(start=f"{self.START_1D:g}"))
        self._message.set_color(WARNING_COLOR if kind in ("diverges", "bounces") else "black")
        first = readout_line(
            say(self, "explorer.descent.setting", lr=f"{lr:.2f}", steps=taken),
            f"1-D: w = {_fmt_small(w)}, L = {_fmt_small(w * w)}",
            f"2-D: w = ({_fmt_small(w1)}, {_fmt_small(w2)}), L = {_fmt_small(self.A1 * w1**2 + self.A2 * w2**2)}",
        )
        second = html.escape(message)
        if taken < steps:
            second += html.escape(say(self, "explorer.descent.stopped", steps=taken, limit=f"{self.LIMIT:,.0f}"))
        return readout_lines(first, second)

    def __repr__(self):
        lr, steps, path1, _ = self._paths()
        kind, _ = self._status(lr, steps, path1)
        w = path1[-1]
        return (f"GradientDescentExplorer(lr={lr:.2f}, steps={steps}): w = {_fmt_w(w)}, L = {_fmt_w(w * w)} "
                f"({say(self, f'explorer.kind.{kind}')})")


def gradient_descent_explorer(*, lr=0.1, steps=10, size="normal"):
    r"""Sliders for the learning rate and the number of steps of gradient descent on two bowls.

    Too small a learning rate crawls, too large diverges (shown as divergence, never as a
    crash or a NaN).

    Args:
        lr: the starting learning rate, in [0.01, 1.2].
        steps: the starting number of steps, 0 to 50.
        size: "normal", or "large" for a projector.
    """
    return GradientDescentExplorer(lr=lr, steps=steps, size=size)
