"""Notebook 03's second explorer: gradient descent on a 1-D and a 2-D bowl, too slow to too fast."""

import html

import numpy as np

from .._format import format_fixed
from .._validation import check_count, check_number
from ..plotting import CURVE_COLOR, FAINT_COLOR, TANGENT_COLOR, WARNING_COLOR
from .base import Explorer, readout_line, readout_lines

__all__ = ["GradientDescentExplorer", "gradient_descent_explorer"]

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


class GradientDescentExplorer(Explorer):
    r"""Gradient descent $w \leftarrow w - \alpha\, \partial L/\partial w$ on a 1-D and a 2-D bowl.

    The 1-D bowl is $L(w) = w^2$, so each step multiplies w by $1 - 2\alpha$: a small
    learning rate crawls, one between 0.5 and 1 zigzags in, 1.0 bounces for ever and
    anything above 1.0 diverges. The 2-D bowl $L = 0.2 w_1^2 + w_2^2$ is stretched: the
    same step that is right for the steep $w_2$ crawls along the flat $w_1$.
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
        self._style_axes(left, "w", "L(w)", "1-D bowl: L(w) = w²")
        left.plot(w, w**2, color=FAINT_COLOR, linewidth=2)
        left.set_xlim(-3.2, 3.2)
        left.set_ylim(-0.6, 10.8)
        left.plot([self.START_1D], [self.START_1D**2], "o", mfc="white", mec="0.3", markersize=self._marker(7))
        self._path1 = self._dynamic_artist(left.plot([], [], "o-", color=CURVE_COLOR, markersize=self._marker(4),
                                                     linewidth=1)[0])
        self._now1 = self._dynamic_artist(left.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7))[0])

        self._style_axes(right, "w₁", "w₂", f"2-D bowl: L = {_times(self.A1)}w₁² + {_times(self.A2)}w₂²")
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
        self._now2 = self._dynamic_artist(right.plot([], [], "o", color=TANGENT_COLOR, markersize=self._marker(7))[0])
        self._message = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        self._slider("learning rate", *self.LR_RANGE, 0.01, self._lr0)
        self._slider("steps", 0, self.MAX_STEPS, 1, self._steps0, integer=True)

    # One headline a kind of walk ({start}: where the 1-D walk starts).
    HEADLINES = {
        "diverges": "diverges: |w| grows each step — lr above 1.0 overshoots",
        "bounces": "lr = 1.0: w bounces between {start} and −{start} for ever",
        "start": "step 0: the start; add steps",
        "zigzags": "zigzags: each step jumps past the bottom, landing closer",
        "crawls": "crawls: the steps are small, w is still far from the bottom",
        "converges": "converges: w walks down to the bottom at 0",
    }

    def _paths(self):
        lr, steps = self.value("learning rate"), self.value("steps")
        path1 = _descend(lambda w: 2 * w, [self.START_1D], lr, steps, self.LIMIT)[:, 0]
        path2 = _descend(lambda w: np.array([2 * self.A1 * w[0], 2 * self.A2 * w[1]]), self.START_2D, lr, steps,
                         self.LIMIT)
        return lr, steps, path1, path2

    def _status(self, lr, steps, path1):
        """(kind, message) for the 1-D walk; the kind is a key of ``HEADLINES``."""
        factor = 1 - 2 * lr  # each step multiplies w by this
        w = path1[-1]
        if abs(factor) > 1 + _EDGE:
            return "diverges", f"diverges: |w| grows ×{abs(factor):.2f} each step — lr above 1.0 overshoots"
        if abs(factor) > 1 - _EDGE:
            return "bounces", f"lr = 1.0: w jumps between {self.START_1D:g} and −{self.START_1D:g} for ever"
        if steps == 0:
            return "start", f"step 0: the start, w = {self.START_1D:g}; add steps"
        if factor < 0:
            return "zigzags", f"zigzags: each step jumps past the bottom, landing closer (×{abs(factor):.2f})"
        if abs(w) > 0.5 * self.START_1D:
            return "crawls", f"crawls: after {steps} steps w is still {w:.2f}; a larger lr gets there sooner"
        return "converges", f"converges: w = {w:.3f} after {steps} steps"

    def _update(self):
        lr, steps, path1, path2 = self._paths()
        self._path1.set_data(path1, path1**2)
        self._now1.set_data([path1[-1]], [path1[-1] ** 2])
        self._path2.set_data(path2[:, 0], path2[:, 1])
        self._now2.set_data([path2[-1, 0]], [path2[-1, 1]])
        kind, message = self._status(lr, steps, path1)
        # The figure says what kind of walk it is; the readout adds the numbers. A
        # headline that only changes with the kind is also one text less to draw a move.
        self._message.set_text(self.HEADLINES[kind].format(start=f"{self.START_1D:g}"))
        self._message.set_color(WARNING_COLOR if kind in ("diverges", "bounces") else "black")
        w1, w2 = path2[-1]
        taken = len(path1) - 1
        first = readout_line(
            f"learning rate {lr:.2f}, {taken} steps",
            f"1-D: w = {_fmt_w(path1[-1])}, L = {_fmt_w(path1[-1] ** 2)}",
            f"2-D: w = ({_fmt_w(w1)}, {_fmt_w(w2)}), L = {_fmt_w(self.A1 * w1**2 + self.A2 * w2**2)}",
        )
        second = html.escape(message)
        if taken < steps:
            second += html.escape(f" (stopped after {taken} steps: |w| passed {self.LIMIT:,.0f})")
        return readout_lines(first, second)

    def __repr__(self):
        lr, steps, path1, _ = self._paths()
        kind, _ = self._status(lr, steps, path1)
        w = path1[-1]
        return f"GradientDescentExplorer(lr={lr:.2f}, steps={steps}): w = {_fmt_w(w)}, L = {_fmt_w(w * w)} ({kind})"


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
