"""Checkers for the exercises of 01 · Forward propagation.

Each checker takes what the learner wrote and returns a one-line Verdict: ✓ with why,
✗ with a hint aimed at the likely mistake (a forgotten bias, swapped indices of W …),
or "not done yet" while the cell still holds its ``...`` placeholder.

The numbers of each exercise are the module constants below; the notebook states the
same numbers, and ``nnkit.solutions.forward`` works them out.
"""

import math
import numbers

import numpy as np

from .._text import Text
from ._verdict import is_stub, judge_number, not_done, read_number, right, wrong

__all__ = ["check_h2", "check_output_shape", "check_composition", "check_sigmoid_neuron"]

# ----- exercise 1: one hidden unit by hand ------------------------------------------------

#: x (1×2), W (2×4) and b (4,) of the exercise: h2 = x1·w12 + x2·w22 + b2.
H2_X = (2.0, -1.0)
H2_W = ((0.5, -1.0, 2.0, 0.0),
        (1.5, 0.5, -1.0, 3.0))
H2_B = (0.5, 1.0, -0.5, 0.2)


def _unit(j, *, bias=True, rows=False):
    """Hidden unit j (0-based) of x W + b; ``rows=True`` reads row j of W instead of column j."""
    x1, x2 = H2_X
    w1, w2 = (H2_W[j][0], H2_W[j][1]) if rows else (H2_W[0][j], H2_W[1][j])
    return x1 * w1 + x2 * w2 + (H2_B[j] if bias else 0.0)


def check_h2(answer):
    """Check h2, the second hidden unit of h = xW + b, before any activation."""
    expected = _unit(1)
    return judge_number(
        answer, expected, name=Text("forward.name.h2"),
        why=("forward.h2.right", {"value": abs(expected)}),
        hints=(
            (_unit(1, bias=False), "forward.h2.no_bias"),
            (_unit(1, rows=True), "forward.h2.rows"),
            (_unit(0), "forward.h2.h1"),
            (_unit(2), "forward.h2.h3"),
            (1.0 / (1.0 + math.exp(-expected)), "forward.h2.sigmoid"),
            (-expected, "forward.h2.sign"),
            (_unit(1) - 2 * H2_B[1], "forward.h2.bias_subtracted"),
        ),
    )


# ----- exercise 2: the shape of a product ---------------------------------------------------

#: (N×D)(D×H) with these sizes.
SHAPE_N, SHAPE_D, SHAPE_H = 32, 3, 5


def _as_shape(answer):
    """The answer as a tuple of whole numbers, or None when it is not one."""
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        return None
    try:
        items = list(answer)
    except TypeError:
        return None
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in items):
        return None
    return tuple(int(v) for v in items)


def check_output_shape(answer):
    """Check the shape of x @ W for x of shape (N, D) = (32, 3) and W of shape (D, H) = (3, 5)."""
    N, D, H = SHAPE_N, SHAPE_D, SHAPE_H
    if is_stub(answer):
        return not_done("forward.shape.placeholder", "forward.shape.placeholder.hint")
    if isinstance(answer, np.ndarray) and answer.ndim >= 1 and answer.size > 3:
        return wrong("forward.shape.array", "forward.shape.array.hint", shape=answer.shape)
    shape = _as_shape(answer)
    if shape is None:
        if isinstance(answer, numbers.Real) and answer == N * H:
            return wrong("forward.shape.not_a_shape", "forward.shape.size", got=repr(answer), size=N * H)
        return wrong("forward.shape.not_a_shape", "forward.shape.not_a_shape.hint", generic=True,
                     got=_describe_short(answer))
    if shape == (N, H):
        return right("forward.shape.right", N=N, D=D, H=H)
    hints = {
        (H, N): "forward.shape.transposed",
        (N, D): "forward.shape.inner_kept",
        (D, H): "forward.shape.of_W",
        (N, D): "forward.shape.inner_kept",
        (1, H): "forward.shape.one_sample",
        (N, D, H): "forward.shape.three_d",
        (D, N): "forward.shape.of_xT",
        (N,): "forward.shape.one_axis",
        (H,): "forward.shape.one_axis",
        (N * H,): "forward.shape.flat",
    }
    hint = hints.get(shape)
    return wrong("forward.shape.wrong", hint or "forward.shape.generic", generic=hint is None,
                 shape=shape, N=N, D=D, H=H)


def _describe_short(answer):
    """What came, in a few characters: a type and, for short things, its value."""
    text = repr(answer)
    return f"{type(answer).__name__} {text}" if len(text) <= 30 else type(answer).__name__


# ----- exercise 3: two linear functions in a row --------------------------------------------

#: f(x) = F_SLOPE·x + F_INTERCEPT and g(x) = G_SLOPE·x + G_INTERCEPT; the exercise asks for f(g(x)).
F_SLOPE, F_INTERCEPT = 2.0, -1.0
G_SLOPE, G_INTERCEPT = 5.0, 3.0


def _line(a, c):
    """a·x + c as text: 10x + 5, 10x − 2."""
    sign = "−" if c < 0 else "+"
    return f"{a:g}x {sign} {abs(c):g}"


def check_composition(slope, intercept):
    """Check the slope and intercept of f(g(x)) for f(x) = 2x − 1 and g(x) = 5x + 3."""
    if is_stub(slope) or is_stub(intercept):
        return not_done("forward.composition.placeholder", "forward.composition.start")
    a, problem = read_number(slope, Text("forward.name.slope"))
    if problem is not None:
        return problem
    c, problem = read_number(intercept, Text("forward.name.intercept"))
    if problem is not None:
        return problem
    fa, fb, ga, gb = F_SLOPE, F_INTERCEPT, G_SLOPE, G_INTERCEPT
    a_right, c_right = fa * ga, fa * gb + fb

    def same(p, q):
        return abs(p - q) < 1e-6

    if same(a, a_right) and same(c, c_right):
        return right("forward.composition.right", slope=f"{a_right:g}", intercept=f"{c_right:g}")
    mistakes = (
        ((ga * fa, ga * fb + gb), "forward.composition.order"),
        ((fa + ga, fb + gb), "forward.composition.added"),
        ((a_right, fb + gb), "forward.composition.intercept_unscaled"),
        ((a_right, fb * gb), "forward.composition.intercepts_multiplied"),
        ((a_right, gb + fb * ga), "forward.composition.order"),
        ((c_right, a_right), "forward.composition.swapped"),
        ((a_right, fa * gb - fb), "forward.composition.intercept_sign"),
    )
    line = _line(a, c)
    for (ma, mc), hint in mistakes:
        if same(a, ma) and same(c, mc):
            return wrong("forward.composition.wrong", hint, line=line)
    if same(a, a_right):
        return wrong("forward.composition.intercept_off", "forward.composition.intercept_hint",
                     slope=f"{a:g}", intercept=f"{c:g}")
    if same(c, c_right):
        return wrong("forward.composition.slope_off", "forward.composition.slope_hint",
                     slope=f"{a:g}", intercept=f"{c:g}")
    return wrong("forward.composition.wrong", "forward.composition.start", generic=True, line=line)


# ----- exercise 4: one sigmoid neuron -------------------------------------------------------

#: The neuron of the exercise: output σ(w·x + b).
NEURON_W, NEURON_X, NEURON_B = 2.0, 1.5, -1.0


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def check_sigmoid_neuron(answer):
    """Check σ(w·x + b) for w = 2, x = 1.5, b = −1."""
    w, x, b = NEURON_W, NEURON_X, NEURON_B
    z = w * x + b
    return judge_number(
        answer, _sigmoid(z), name=Text("forward.name.neuron"),
        why=("forward.neuron.right", {"z": f"{z:g}", "y": f"{_sigmoid(z):.4f}"}),
        hints=(
            (_sigmoid(w * x), "forward.neuron.no_bias"),
            (z, "forward.neuron.no_sigmoid"),
            (_sigmoid(-z), "forward.neuron.sign"),
            (math.exp(-z), "forward.neuron.exp_only"),
            (_sigmoid(x), "forward.neuron.of_x"),
            (1.0 / (1.0 + math.exp(-z)) * 100, "forward.neuron.percent"),
            (1.0 / (1.0 + math.exp(z)), "forward.neuron.sign"),
            (_sigmoid(w * x - b), "forward.neuron.bias_sign"),
            (1.0 / (1.0 + math.exp(-w * (x + b))), "forward.neuron.brackets"),
            (math.tanh(z), "forward.neuron.tanh"),
        ),
    )
