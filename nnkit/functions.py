"""Plain array functions: activations, softmax and the losses.

These are the formulas of the lessons, written once; the layers in ``nnkit.layers``
call them so the forward pass of a layer and the function a learner plots are the same
code.
"""

import numpy as np

from ._text import text
from ._validation import as_array, check_count, check_labels, check_probabilities, describe, some_values

__all__ = [
    "sigmoid",
    "relu",
    "tanh",
    "softmax",
    "cross_entropy_error",
    "mean_squared_error",
    "one_hot",
    "DELTA",
]

#: The tiny number added inside ``log`` so that a probability of exactly 0 gives a large
#: finite loss instead of ``inf``.
DELTA = 1e-7


def sigmoid(x):
    r"""$\sigma(x) = 1 / (1 + e^{-x})$, element-wise, without overflow at ±1000.

    ``exp(-x)`` overflows past x = -709. Below -708 the true value is under 1e-307,
    indistinguishable from 0 in any lesson, so the exponent is capped there: no overflow,
    no warning, and full relative precision everywhere else.
    """
    return _sigmoid(as_array(x, "sigmoid"))


def _sigmoid(x):
    """``sigmoid`` for a float array already checked (the Sigmoid layer's hot path)."""
    return 1.0 / (1.0 + np.exp(np.minimum(-x, 708.0)))


def relu(x):
    r"""$\mathrm{ReLU}(x) = \max(0, x)$, element-wise."""
    return np.maximum(0.0, as_array(x, "relu"))


def tanh(x):
    r"""$\tanh(x) = (e^{x} - e^{-x}) / (e^{x} + e^{-x})$, element-wise."""
    return np.tanh(as_array(x, "tanh"))


def softmax(x):
    r"""$y_k = e^{s_k} / \sum_i e^{s_i}$ over the last axis (a 1-D vector or each row).

    The largest score is subtracted first: the result is the same (the factor
    $e^{-\max s}$ cancels) and ``exp`` never overflows, even for scores of ±1000.
    """
    x = as_array(x, "softmax", "scores", ndim=(1, 2))
    shifted = x - x.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    r"""$L = -\frac{1}{N}\sum_n \sum_k t_{nk} \log(y_{nk} + \delta)$ with $\delta = 10^{-7}$.

    Args:
        y: probabilities, shape (K,) for one sample or (N, K) for a batch: entries from
            0 to 1, each row summing to 1, such as ``softmax(scores)`` gives. Raw scores
            are refused with a sentence, since they would give a meaningless (even
            negative) loss.
        t: the targets, as one-hot rows of y's shape or as integer labels
            (an int for one sample, shape (N,) for a batch).

    Returns:
        The mean loss over the batch, a float.
    """
    y = as_array(y, "cross_entropy_error", "y", ndim=(1, 2))
    check_probabilities(y, "cross_entropy_error")
    n_rows = None if y.ndim == 1 else y.shape[0]
    t = check_labels(t, n_rows, y.shape[-1], "cross_entropy_error")
    if y.ndim == 1:
        y = y[np.newaxis]
        t = t[np.newaxis] if t.ndim == 1 else np.array([t])
    n = y.shape[0]
    if t.ndim == 2:  # one-hot rows: pick the probability of each row's target
        return float(-np.sum(t * np.log(y + DELTA)) / n)
    return float(-np.sum(np.log(y[np.arange(n), t] + DELTA)) / n)


def mean_squared_error(y, t):
    r"""$L = \frac{1}{N}\sum_n \sum_k (y_{nk} - t_{nk})^2$: the squared error, summed over
    outputs and averaged over the batch (a 1-D input is one sample).

    For one number this is the lesson's $(\hat y - y)^2$.
    """
    y = as_array(y, "mean_squared_error", "y")
    t = as_array(t, "mean_squared_error", "t")
    if y.shape != t.shape:
        raise ValueError(text("error.same_shape", who="mean_squared_error", y=y.shape, t=t.shape))
    n = y.shape[0] if y.ndim == 2 else 1
    return float(np.sum((y - t) ** 2) / n)


def one_hot(t, n_classes=None):
    """Integer labels of shape (N,) as one-hot rows of shape (N, n_classes).

    ``n_classes`` defaults to ``max(t) + 1``.
    """
    if t is None or isinstance(t, (str, bytes)):
        raise TypeError(text("error.one_hot.type", got=describe(t)))
    t = np.asarray(t)
    if t.dtype.kind not in "iu":
        if t.size:
            raise TypeError(text("error.one_hot.dtype", dtype=t.dtype, values=some_values(t, 2)))
        raise TypeError(text("error.one_hot.dtype_empty", dtype=t.dtype, shape=t.shape))
    if t.ndim > 1:
        raise ValueError(text("error.one_hot.ndim", shape=t.shape))
    if t.size == 0:
        raise ValueError(text("error.one_hot.empty", shape=t.shape))
    n_classes = int(t.max()) + 1 if n_classes is None else check_count(n_classes, "one_hot", "n_classes")
    t = check_labels(t, t.shape[0] if t.ndim else None, n_classes, "one_hot")
    out = np.zeros(t.shape + (n_classes,))
    np.put_along_axis(out, t[..., np.newaxis], 1.0, axis=-1)
    return out
