r"""Two-parameter loss surfaces, and the path an nnkit optimizer walks on them.

Notebook 07 watches SGD, Momentum and Adam (``nnkit.optim``) on surfaces small enough to
draw (a round bowl, an elongated one and a curved valley): the parameters are one array ``w`` of shape (2,), its gradient is written into
``grads[0]`` and the optimizer's own ``update(params, grads)`` takes the step, exactly as
in ``fit``. A path that blows up stops there and says so (``Path.diverged``): the
optimizer refuses to write NaN or inf (DivergenceError), and a walk that leaves the
picture by far stops before its numbers overflow.
"""

import numpy as np

from ._validation import as_array, check_count
from .optim import DivergenceError

__all__ = ["Surface", "ROUND", "BOWL", "VALLEY", "SURFACES", "Path", "optimizer_path"]


class Surface:
    """A loss L(w1, w2) with its gradient, a start and a view.

    Attributes:
        name: a short name ("bowl", "valley").
        formula: the formula as text, for titles.
        start: where every path starts, (w1, w2).
        minimum: where the loss is smallest.
        view: ((w1_lo, w1_hi), (w2_lo, w2_hi)), the box a picture shows.
        levels: contour levels that show the shape.
    """

    def __init__(self, name, formula, loss, gradient, start, minimum, view, levels):
        self.name = name
        self.formula = formula
        self._loss = loss
        self._gradient = gradient
        self.start = tuple(float(s) for s in start)
        self.minimum = tuple(float(m) for m in minimum)
        self.view = view
        self.levels = levels

    def loss(self, w1, w2):
        """L at (w1, w2); numbers or arrays of the same shape (a grid for contours)."""
        return self._loss(np.asarray(w1, dtype=np.float64), np.asarray(w2, dtype=np.float64))

    def gradient(self, w):
        """∂L/∂w at w, shape (2,)."""
        return np.array(self._gradient(float(w[0]), float(w[1])), dtype=np.float64)

    def __repr__(self):
        return f"Surface({self.name!r}: L = {self.formula})"


#: A round bowl, L = 0.5 (w1² + w2²): the gradient points straight at the minimum, so
#: gradient descent walks a straight line (and diverges only above lr = 2).
ROUND = Surface(
    "round", "0.5·(w₁² + w₂²)",
    lambda a, b: 0.5 * (a * a + b * b),
    lambda a, b: (a, b),
    start=(-2.5, 1.5), minimum=(0.0, 0.0), view=((-3.2, 3.2), (-2.1, 2.1)),
    levels=[0.1, 0.4, 1, 2, 3.5, 5],
)

#: An elongated bowl, L = 0.2 w1² + w2² (notebook 03's): its curvatures are 0.4 and 2, so
#: plain gradient descent diverges for a learning rate above 2/2 = 1.0.
BOWL = Surface(
    "bowl", "0.2·w₁² + w₂²",
    lambda a, b: 0.2 * a * a + b * b,
    lambda a, b: (0.4 * a, 2.0 * b),
    start=(-2.5, 1.5), minimum=(0.0, 0.0), view=((-3.2, 3.2), (-2.1, 2.1)),
    levels=[0.1, 0.4, 1, 2, 3.5, 5],
)

#: A curved valley (a gentle Rosenbrock): L = 0.1(1 − w1)² + (w2 − w1²)². Its floor bends
#: along w2 = w1² and falls only slowly towards the minimum at (1, 1).
VALLEY = Surface(
    "valley", "0.1·(1 − w₁)² + (w₂ − w₁²)²",
    lambda a, b: 0.1 * (1 - a) ** 2 + (b - a * a) ** 2,
    lambda a, b: (-0.2 * (1 - a) - 4.0 * a * (b - a * a), 2.0 * (b - a * a)),
    start=(-1.5, 2.0), minimum=(1.0, 1.0), view=((-2.0, 2.0), (-0.8, 3.2)),
    levels=[0.02, 0.08, 0.2, 0.5, 1, 2, 4, 8],
)

SURFACES = {"round": ROUND, "bowl": BOWL, "valley": VALLEY}


class Path:
    """The points an optimizer visited, and how the walk ended.

    Attributes:
        points: array (steps + 1, 2): the start, then w after each step.
        losses: the loss at each point.
        diverged: True when the walk blew up (and stopped early).
        why: "" or what stopped it: "refused" (the optimizer's DivergenceError) or
            "left" (|w| passed the limit).
    """

    def __init__(self, points, losses, diverged, why):
        self.points = points
        self.losses = losses
        self.diverged = diverged
        self.why = why

    @property
    def steps(self):
        """How many steps were taken."""
        return len(self.points) - 1

    def steps_to(self, loss):
        """The first step at which the loss is at most ``loss``, or None if it never gets there."""
        hits = np.flatnonzero(self.losses <= loss)
        return int(hits[0]) if hits.size else None

    def __repr__(self):
        end = "diverged" if self.diverged else f"loss {self.losses[-1]:.3g}"
        return f"Path({self.steps} steps, {end})"


def optimizer_path(surface, optimizer, steps, *, start=None, limit=1e4):
    """Walk ``steps`` updates of ``optimizer`` on ``surface`` from its start.

    Args:
        surface: a Surface (``BOWL``, ``VALLEY``) or its name.
        optimizer: a fresh nnkit optimizer (or anything with ``update(params, grads)``);
            it keeps its running averages, so give each path its own.
        steps: how many updates.
        start: (w1, w2) to start from instead of the surface's start.
        limit: the walk stops (diverged) once |w1| or |w2| passes this.

    Returns:
        Path.
    """
    if isinstance(surface, str):
        if surface not in SURFACES:
            raise ValueError(f"optimizer_path expects a surface among {sorted(SURFACES)} (got {surface!r}).")
        surface = SURFACES[surface]
    if not isinstance(surface, Surface):
        raise TypeError(f"optimizer_path expects a Surface or its name (got {type(surface).__name__}).")
    if not hasattr(optimizer, "update"):
        raise TypeError(f"optimizer_path expects an optimizer with update(params, grads) (got {type(optimizer).__name__}).")
    steps = check_count(steps, "optimizer_path", "steps", minimum=0)
    w = as_array(surface.start if start is None else start, "optimizer_path", "start", ndim=1).copy()
    if w.shape != (2,):
        raise ValueError(f"optimizer_path expects start as two numbers (w1, w2) (got shape {w.shape}).")
    params, grads = [w], [np.zeros(2)]
    points = [w.copy()]
    why = ""
    with np.errstate(over="ignore", invalid="ignore"):  # a blow-up is reported as divergence
        for _ in range(steps):
            grads[0][...] = surface.gradient(w)
            if not np.all(np.isfinite(grads[0])):
                why = "refused"
                break
            try:
                optimizer.update(params, grads)
            except DivergenceError:
                why = "refused"
                break
            points.append(w.copy())
            if np.max(np.abs(w)) > limit:
                why = "left"
                break
        points = np.array(points)
        losses = surface.loss(points[:, 0], points[:, 1])
    return Path(points, losses, bool(why), why)

