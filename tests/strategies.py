"""Hypothesis strategies shared by the tests: float64 arrays of small random shapes."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnkit.graph import Value, maximum

#: Values where a central difference in float64 is meaningful to 1e-7: magnitudes in
#: [0.1, 4] of either sign. Much smaller entries make some gradients tiny next to the
#: outputs (dW = x·dout with x = 1e-4 beside a bias of 1), and then the round-off of
#: f(x+h) - f(x-h), about 1e-16·|f|/h, is no longer small next to the gradient: that is a
#: limit of finite differences, not a bug of the layer.
_MAGNITUDES = st.floats(min_value=0.1, max_value=4.0, allow_nan=False, allow_infinity=False)
FLOATS = st.tuples(_MAGNITUDES, st.sampled_from([-1.0, 1.0])).map(lambda p: p[0] * p[1])

dims = st.integers(min_value=1, max_value=5)


def matrices(rows=dims, cols=dims, elements=FLOATS):
    """Float64 arrays of shape (rows, cols)."""
    return st.tuples(rows, cols).flatmap(lambda shape: arrays(np.float64, shape, elements=elements))


def away_from_kinks(a, gap=1e-3):
    """Move entries within ``gap`` of 0 away, so a central difference never straddles a kink."""
    a = a.copy()
    near = np.abs(a) < gap
    a[near] = np.where(a[near] >= 0, gap, -gap) * 2
    return a


@st.composite
def batch_and_weights(draw, bias=True):
    """(x, W, b) of matching shapes: x (N, D), W (D, H), b (H,)."""
    n, d, h = draw(dims), draw(dims), draw(dims)
    x = draw(arrays(np.float64, (n, d), elements=FLOATS))
    W = draw(arrays(np.float64, (d, h), elements=FLOATS))
    b = draw(arrays(np.float64, (h,), elements=FLOATS))
    return (x, W, b) if bias else (x, W)


@st.composite
def scores_and_labels(draw, max_score=3.0):
    """(scores (N, K), integer labels (N,)) with K ≥ 2."""
    n, k = draw(dims), draw(st.integers(min_value=2, max_value=5))
    scores = draw(arrays(np.float64, (n, k), elements=st.floats(-max_score, max_score, allow_nan=False)))
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return scores, labels


# Random scalar expressions for the graph engine: a program of gates, replayable on
# plain floats or on Values, fixed at its base point so every gate is smooth there.

UNARY = ["neg", "exp", "log", "recip", "sigmoid", "tanh", "relu", "square", "cube", "sqrt"]
BINARY = ["add", "sub", "mul", "div", "max", "add_const", "mul_const", "rsub_const", "rdiv_const"]


def is_smooth_at(op, a, b, c):
    """Whether ``op`` is smooth and moderate at these inputs (plain floats)."""
    if op == "exp":
        return abs(a) < 3
    if op in ("tanh", "sigmoid"):  # saturated, the slope is too flat to measure to 1e-7
        return abs(a) < 3
    if op == "log":
        return a > 0.2
    if op in ("recip", "rdiv_const"):
        return abs(a) > 0.3
    if op == "div":
        return abs(b) > 0.3
    if op == "relu":
        return abs(a) > 0.05
    if op == "max":
        return abs(a - b) > 0.05
    if op == "sqrt":
        return a > 0.2
    if op in ("square", "cube"):  # near 0 the slope is tiny and the difference's truncation error is not
        return abs(a) > 0.2
    return True


def _apply(op, a, b, c):
    """One gate on Values (or floats, for the plain-number replay)."""
    table = {
        "neg": lambda: -a,
        "exp": lambda: a.exp(),
        "log": lambda: a.log(),
        "recip": lambda: 1 / a,
        "sigmoid": lambda: a.sigmoid(),
        "tanh": lambda: a.tanh(),
        "relu": lambda: a.relu(),
        "square": lambda: a**2,
        "cube": lambda: a**3,
        "sqrt": lambda: a**0.5,
        "add": lambda: a + b,
        "sub": lambda: a - b,
        "mul": lambda: a * b,
        "div": lambda: a / b,
        "max": lambda: maximum(a, b),
        "add_const": lambda: a + c,
        "mul_const": lambda: c * a,
        "rsub_const": lambda: c - a,
        "rdiv_const": lambda: c / a,
    }
    return table[op]()


@st.composite
def expressions(draw):
    """(inputs as floats, a program of (op, i, j, constant) instructions)."""
    # inputs away from 0, where products such as x·x·x have a nearly flat slope
    xs = draw(st.lists(st.floats(0.25, 2) | st.floats(-2, -0.25), min_size=1, max_size=3))
    raw = draw(
        st.lists(
            st.tuples(
                st.sampled_from(UNARY + BINARY),
                st.integers(0, 50),
                st.integers(0, 50),
                st.floats(-2, 2).filter(lambda c: abs(c) > 0.1),
            ),
            min_size=1,
            max_size=6,
        )
    )
    # fix the program at the base point: an unsafe gate becomes a negation
    # (smooth everywhere, slope -1)
    nodes = [Value(x) for x in xs]
    program = []
    for op, i, j, c in raw:
        i, j = i % len(nodes), j % len(nodes)
        a, b = nodes[i], nodes[j]
        if not is_smooth_at(op, a.data, b.data, c) or abs(_apply(op, a, b, c).data) > 50:
            op = "neg"
        program.append((op, i, j, c))
        nodes.append(_apply(op, a, b, c))
    return xs, program


def run_program(xs, program):
    """Every node of the program, in order (the inputs first, the root last)."""
    nodes = [x if isinstance(x, Value) else Value(x) for x in xs]
    for op, i, j, c in program:
        nodes.append(_apply(op, nodes[i], nodes[j], c))
    return nodes


#: Scores as a trained network gives them: anywhere in [-12, 12], so a softmax can be
#: confident (an entry near 1 beside entries near 1e-10). Gradient checks must pass
#: here too: check_layer's error measure has a floor tied to the round-off.
WIDE = st.floats(min_value=-12.0, max_value=12.0, allow_nan=False, allow_infinity=False)


@st.composite
def wide_scores_and_labels(draw):
    """(scores (N, K) in [-12, 12], integer labels (N,)) with K ≥ 2."""
    n, k = draw(dims), draw(st.integers(min_value=2, max_value=5))
    scores = draw(arrays(np.float64, (n, k), elements=WIDE))
    labels = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    return scores, labels
