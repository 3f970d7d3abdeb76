"""Hypothesis strategies shared by the tests: float64 arrays of small random shapes."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

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
