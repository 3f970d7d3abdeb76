"""Reference solutions of notebook 03 · Derivatives and gradients.

Each is a small function whose source shows the working; ``solutions.show(name)`` prints it.
"""

__all__ = ["tangent_slope", "central_difference", "descent_step", "converging_learning_rate"]


def tangent_slope():
    """The slope of y = x² at x = -3."""
    x = -3
    return 2 * x  # dy/dx = 2x: -6, the curve falls to the left of its bottom


def central_difference(f, x, h):
    """The slope of f at x from two points h either side: (f(x + h) - f(x - h)) / 2h."""
    return (f(x + h) - f(x - h)) / (2 * h)


def descent_step():
    """One gradient-descent step on L(w) = (w - 4)² from w = 1 with learning rate 0.1."""
    w, lr = 1.0, 0.1
    grad = 2 * (w - 4)  # dL/dw = -6: L falls as w grows
    return w - lr * grad  # 1.6, a step towards the bottom at w = 4


def converging_learning_rate():
    """A learning rate for L(w) = 5w² that gets |w| below 0.01 within 20 steps from w = 1."""
    # each step is w ← w - lr·10w = (1 - 10·lr)·w, so any lr that makes |1 - 10·lr| ≤ 0.79
    # works (0.021 … 0.179); lr = 0.1 makes the factor 0: one step lands on the bottom
    return 0.05
