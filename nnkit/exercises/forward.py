"""Checkers for the exercises of 01 · Forward propagation.

Each checker takes what the learner wrote and returns a one-line Verdict: ✓ with why,
✗ with a hint aimed at the likely mistake (a forgotten bias, swapped indices of W …),
or "not done yet" while the cell still holds its ``...`` placeholder.

The numbers of each exercise are the module constants below; the notebook states the
same numbers, and ``nnkit.solutions.forward`` works them out.
"""

import math
import numbers

from ._verdict import check_number, is_stub, not_done, right, wrong

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
    return check_number(
        answer, expected, name="h2",
        why=f"h2 = x1·w12 + x2·w22 + b2 = 2·(−1) + (−1)·0.5 + 1 = −{abs(expected):g}: column 2 of W feeds unit 2.",
        hints=(
            (_unit(1, bias=False), "you forgot the bias: add b2 = 1.0 (the second entry of b)."),
            (_unit(1, rows=True), "you read row 2 of W; w_ij joins input i to unit j, so unit 2 uses column 2: "
                                  "w12 = W[0, 1] and w22 = W[1, 1]."),
            (_unit(0), "that is h1 (column 1 of W and b1); h2 uses column 2 of W and b2."),
            (1.0 / (1.0 + math.exp(-expected)), "that is σ(h2): the exercise asks for h2 itself, before the activation."),
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
    if is_stub(answer):
        return not_done("the shape is still a placeholder.", "write a tuple such as (2, 3) and run the cell again.")
    shape = _as_shape(answer)
    if shape is None:
        return wrong(
            f"a shape is a tuple of whole numbers, (rows, columns) (got {type(answer).__name__} {answer!r}).",
            "write it like (2, 3); x.shape gives one to compare with.",
        )
    N, D, H = SHAPE_N, SHAPE_D, SHAPE_H
    if shape == (N, H):
        return right(f"(N×D)(D×H) = (N×H): ({N}×{D})({D}×{H}) = ({N}×{H}), one row of {H} outputs a sample.")
    hints = {
        (H, N): f"rows come from x, one a sample, so N = {N} comes first and the columns H = {H} of W second.",
        (N, D): f"the shared size D = {D} is used up by the product; the columns come from W: H = {H}.",
        (D, H): f"that is the shape of W; the product keeps the {N} rows of x, one a sample.",
        (1, H): f"that is one sample's output; a batch of N = {N} rows gives {N} rows out.",
        (N, D, H): "the product of two 2-D arrays is 2-D: (rows of x, columns of W).",
    }
    hint = hints.get(shape, "(N×D)(D×H) = (N×H): the rows come from x, the columns from W.")
    return wrong(f"x @ W does not have shape {shape}.", hint)


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
        return not_done("the slope or the intercept is still a placeholder.",
                        "put g(x) = 5x + 3 inside f: f(g(x)) = 2(5x + 3) − 1, then multiply out.")
    try:
        a, c = float(slope), float(intercept)
    except (TypeError, ValueError):
        return wrong("the slope and the intercept should be two numbers.", "write them like slope = 1.5, intercept = -2.")
    fa, fb, ga, gb = F_SLOPE, F_INTERCEPT, G_SLOPE, G_INTERCEPT
    a_right, c_right = fa * ga, fa * gb + fb

    def same(p, q):
        return abs(p - q) < 1e-6

    if same(a, a_right) and same(c, c_right):
        return right(f"f(g(x)) = 2(5x + 3) − 1 = {a_right:g}x + {c_right:g}: still a straight line, "
                     "so stacking linear maps adds no power.")
    mistakes = (
        ((ga * fa, ga * fb + gb), "that is g(f(x)) = 5(2x − 1) + 3; f(g(x)) applies g first and f to its result."),
        ((fa + ga, fb + gb), "slopes multiply in a composition, they do not add: the slope is 2 × 5."),
        ((a_right, fb + gb), "the intercept of g is multiplied by f's slope too: 2 × 3 − 1, not 3 − 1."),
        ((a_right, fb * gb), "the intercept is f's slope × g's intercept + f's intercept: 2 × 3 + (−1)."),
    )
    for (ma, mc), hint in mistakes:
        if same(a, ma) and same(c, mc):
            return wrong(f"{_line(a, c)} is not f(g(x)).", hint)
    if same(a, a_right):
        return wrong(f"the slope {a:g} is right, the intercept {c:g} is not.",
                     "the intercept is f(g(0)) = f(3): put x = 0 into g, then into f.")
    if same(c, c_right):
        return wrong(f"the intercept {c:g} is right, the slope {a:g} is not.", "the slopes multiply: 2 × 5.")
    return wrong(f"{_line(a, c)} is not f(g(x)).", "put g(x) = 5x + 3 inside f: f(g(x)) = 2(5x + 3) − 1, then multiply out.")


# ----- exercise 4: one sigmoid neuron -------------------------------------------------------

#: The neuron of the exercise: output σ(w·x + b).
NEURON_W, NEURON_X, NEURON_B = 2.0, 1.5, -1.0


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def check_sigmoid_neuron(answer):
    """Check σ(w·x + b) for w = 2, x = 1.5, b = −1."""
    w, x, b = NEURON_W, NEURON_X, NEURON_B
    z = w * x + b
    return check_number(
        answer, _sigmoid(z), name="σ(w·x + b)",
        why=f"w·x + b = {z:g}, and σ({z:g}) = 1 / (1 + e^(−{z:g})) = {_sigmoid(z):.4f}.",
        hints=(
            (_sigmoid(w * x), "you forgot the bias: the input of σ is w·x + b = 3 − 1 = 2."),
            (z, "that is w·x + b; the neuron's output is σ of it, 1 / (1 + e^(−(w·x + b)))."),
            (_sigmoid(-z), "mind the sign: σ(z) = 1 / (1 + e^(−z)), so a positive z gives more than 0.5."),
            (math.exp(-z), "e^(−z) is only part of it: σ(z) = 1 / (1 + e^(−z))."),
            (_sigmoid(x), "that is σ(x); the neuron first computes w·x + b, then applies σ."),
        ),
    )
