"""Layers with the contract of *Deep Learning from Scratch 2*.

Every layer has ``params`` and ``grads`` (lists of arrays, empty when it has none),
``forward(...)`` and ``backward(dout)``. ``backward`` writes its gradients *into* the
arrays of ``grads`` (``grads[0][...] = dW``: an in-place write, so a model or an optimizer
holding the same list sees the new numbers), never changes ``dout``, and returns the
gradient for its input.

Loss layers take the targets too: ``forward(x, t) -> float`` and
``backward(dout=1.0) -> dx``.

Each public ``forward`` checks what it is given and then calls ``_forward``; a model
checks its input once and calls ``_forward`` of the layers inside, which trust each
other's output.
"""

import math

import numpy as np

from . import functions as F
from ._validation import as_array, check_labels, describe, require_forward

__all__ = [
    "Layer",
    "Affine",
    "MatMul",
    "Sigmoid",
    "ReLU",
    "Tanh",
    "Softmax",
    "SoftmaxWithLoss",
    "MeanSquaredError",
]


class Layer:
    """What every layer shares: empty ``params``/``grads`` and a readable ``repr``."""

    param_names = ()

    _out_shape = None  # set by _forward: backward checks dout against it

    def __init__(self):
        self.params = []
        self.grads = []

    def __repr__(self):
        shapes = ", ".join(f"{n}: {p.shape}" for n, p in zip(self.param_names, self.params))
        return f"{type(self).__name__}({shapes})"

    def forward(self, x):
        return self._forward(as_array(x, f"{type(self).__name__}.forward"))

    def backward(self, dout):
        """Check ``dout`` against the forward output's shape, then run ``_backward``."""
        require_forward(self._out_shape, type(self).__name__)
        return self._backward(self._check_dout(dout, self._out_shape))

    def _check_dout(self, dout, shape):
        """Return ``dout`` as an array of the forward output's shape, or say what is wrong."""
        name = type(self).__name__
        if not (isinstance(dout, np.ndarray) and dout.dtype == np.float64):
            dout = as_array(dout, f"{name}.backward", "dout")
        if dout.shape != shape:
            raise ValueError(
                f"{name}.backward expects dout of shape {shape}, the shape of its forward "
                f"output (got dout of shape {dout.shape})."
            )
        return dout


def _weights(W, who, name, ndim):
    """Check a weight array given to a constructor; keep the caller's array if it is float64."""
    if not isinstance(W, np.ndarray) or W.dtype != np.float64:
        W = as_array(W, who, name)
    if W.ndim != ndim:
        raise ValueError(f"{who} expects {name} to be {ndim}-D (got {name} of shape {W.shape}).")
    return W


class MatMul(Layer):
    r"""Matrix product $y = xW$.

    Shapes: x (N, D) or (D,), W (D, H) -> y (N, H) or (H,).
    Backward: $dx = dout\,W^\top$, $dW = x^\top dout$.
    """

    param_names = ("W",)

    def __init__(self, W):
        W = _weights(W, "MatMul", "W", 2)
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self._x = None

    def forward(self, x):
        x = as_array(x, f"{type(self).__name__}.forward", ndim=(1, 2))
        D = self.params[0].shape[0]
        if x.shape[-1] != D:
            raise ValueError(
                f"{type(self).__name__} expects x with {D} columns to match W "
                f"{self.params[0].shape} (got x {x.shape})."
            )
        return self._forward(x)

    def _forward(self, x):
        self._x = x
        out = x @ self.params[0]
        self._out_shape = out.shape
        return out

    def _backward(self, dout):
        x, W = self._x, self.params[0]
        if x.ndim == 1:  # one sample: dW is the outer product
            self.grads[0][...] = np.outer(x, dout)
        else:
            # The same in-place write as grads[0][...] = x.T @ dout, without a temporary.
            np.matmul(x.T, dout, out=self.grads[0])
        return dout @ W.T


class Affine(MatMul):
    r"""Affine layer $y = xW + b$.

    Shapes: x (N, D) or (D,), W (D, H), b (H,) -> y (N, H) or (H,).
    Backward: $dx = dout\,W^\top$, $dW = x^\top dout$, $db = \sum_n dout_n$ (the bias was
    added to every row, so its gradient sums over the batch).
    """

    param_names = ("W", "b")

    def __init__(self, W, b):
        super().__init__(W)
        b = _weights(b, "Affine", "b", 1)
        if b.shape != (self.params[0].shape[1],):
            raise ValueError(
                f"Affine expects b of shape ({self.params[0].shape[1]},) to match W "
                f"{self.params[0].shape} (got b {b.shape})."
            )
        self.params.append(b)
        self.grads.append(np.zeros_like(b))

    def _forward(self, x):
        self._x = x
        out = x @ self.params[0] + self.params[1]
        self._out_shape = out.shape
        return out

    def _backward(self, dout):
        if dout.ndim == 2:
            dout.sum(axis=0, out=self.grads[1])  # in place, like grads[1][...] = dout.sum(axis=0)
        else:
            self.grads[1][...] = dout
        return MatMul._backward(self, dout)


class Sigmoid(Layer):
    r"""Sigmoid $y = 1 / (1 + e^{-x})$, element-wise.

    Backward: $dx = dout \cdot y(1 - y)$, from the stored output y (no exp again).
    """

    def __init__(self):
        super().__init__()
        self._y = None

    def _forward(self, x):
        self._y = y = F._sigmoid(x)
        self._out_shape = y.shape
        return y

    def _backward(self, dout):
        y = self._y
        return dout * y * (1.0 - y)


class Tanh(Layer):
    r"""$y = \tanh(x)$, element-wise. Backward: $dx = dout \cdot (1 - y^2)$."""

    def __init__(self):
        super().__init__()
        self._y = None

    def _forward(self, x):
        self._y = y = np.tanh(x)
        self._out_shape = y.shape
        return y

    def _backward(self, dout):
        y = self._y
        return dout * (1.0 - y * y)


class ReLU(Layer):
    r"""$y = \max(0, x)$, element-wise, remembering where x ≤ 0.

    Backward: the gradient passes where x > 0 and is 0 where x ≤ 0 (the mask). At
    exactly x = 0 the slope is undefined; like PyTorch, nnkit uses 0 there.
    """

    def __init__(self):
        super().__init__()
        self.mask = None

    def _forward(self, x):
        self.mask = x <= 0
        self._out_shape = x.shape
        return np.where(self.mask, 0.0, x)

    def _backward(self, dout):
        return np.where(self.mask, 0.0, dout)


class Softmax(Layer):
    r"""Softmax over the last axis, $y_k = e^{x_k} / \sum_i e^{x_i}$.

    Backward: $dx = y \odot (dout - \sum_k dout_k\, y_k)$ row by row (the Jacobian
    $\operatorname{diag}(y) - y y^\top$ applied to dout, without building it).
    """

    def __init__(self):
        super().__init__()
        self._y = None

    def forward(self, x):
        return self._forward(as_array(x, "Softmax.forward", ndim=(1, 2)))

    def _forward(self, x):
        self._y = y = F.softmax(x)
        self._out_shape = y.shape
        return y

    def _backward(self, dout):
        y = self._y
        return y * (dout - np.sum(dout * y, axis=-1, keepdims=True))


class SoftmaxWithLoss(Layer):
    r"""Softmax followed by the cross-entropy error, as one layer.

    forward: $L = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}$ with $y = \mathrm{softmax}(x)$;
    t as integer labels (N,) or one-hot rows (N, K); a 1-D x is one sample.
    backward: $dx = dout \cdot (y - t) / N$: the long chain through softmax and log
    collapses to this difference.

    The loss is computed from the log-softmax $x_k - \max x - \log\sum_i e^{x_i - \max x}$,
    which is exact and finite for scores of ±1000, so no $\delta$ is needed inside the
    log and the gradient is exactly $(y - t)/N$.
    """

    def __init__(self):
        super().__init__()
        self.y = None
        self._t = self._target = None
        self._rows = np.arange(0)

    def forward(self, x, t):
        x = as_array(x, "SoftmaxWithLoss.forward", ndim=(1, 2))
        t = check_labels(t, x.shape[0] if x.ndim == 2 else None, x.shape[-1], "SoftmaxWithLoss.forward")
        return self._forward(x, t)

    def _forward(self, x, t):
        shifted = x - x.max(axis=-1, keepdims=True)
        exp = np.exp(shifted)
        total = exp.sum(axis=-1, keepdims=True)
        self.y = exp / total
        log_total = np.log(total)  # log y_k = shifted_k - log_total
        n = x.shape[0] if x.ndim == 2 else 1
        if t.ndim == x.ndim:  # one-hot (or soft) targets
            self._t, self._target = t.astype(np.float64, copy=False), None
            loss = -(self._t * (shifted - log_total)).sum()
        else:  # labels: only the targets' entries of log y are needed
            self._t = t
            if x.ndim == 2:
                if len(self._rows) != n:  # the row numbers are reused while N stays the same
                    self._rows = np.arange(n)
                self._target = (self._rows, t)
            else:
                self._target = (t,)
            loss = (log_total.ravel() - shifted[self._target]).sum()
        return float(loss / n)

    def backward(self, dout=1.0):
        require_forward(self.y, "SoftmaxWithLoss")
        y, t = self.y, self._t
        scale = _scalar_dout(dout, "SoftmaxWithLoss") / (y.shape[0] if y.ndim == 2 else 1)
        if self._target is None:
            return (y * t.sum(axis=-1, keepdims=True) - t) * scale
        dx = y * scale  # (y - t) · dout / N, with t's ones subtracted where they are
        dx[self._target] -= scale
        return dx


class MeanSquaredError(Layer):
    r"""$L = \frac{1}{N}\sum_n \sum_k (y_{nk} - t_{nk})^2$, the regression loss.

    backward: $dy = dout \cdot 2 (y - t) / N$. A 1-D y is one sample (N = 1).
    """

    def __init__(self):
        super().__init__()
        self._diff = None

    def forward(self, y, t):
        y = as_array(y, "MeanSquaredError.forward", "y")
        t = as_array(t, "MeanSquaredError.forward", "t")
        if y.shape != t.shape:
            raise ValueError(
                f"MeanSquaredError expects y and t of the same shape (got y {y.shape} and t {t.shape})."
            )
        return self._forward(y, t)

    def _forward(self, y, t):
        self._diff = y - t
        n = y.shape[0] if y.ndim == 2 else 1
        return float(np.sum(self._diff**2) / n)

    def backward(self, dout=1.0):
        require_forward(self._diff, "MeanSquaredError")
        d = self._diff
        n = d.shape[0] if d.ndim == 2 else 1
        return d * (2.0 * _scalar_dout(dout, "MeanSquaredError") / n)


def _scalar_dout(dout, who):
    """A loss is a single number, so its upstream gradient is one number too."""
    if type(dout) is float and math.isfinite(dout):
        return dout
    if np.ndim(dout) != 0 or isinstance(dout, (str, bytes)):
        raise TypeError(f"{who}.backward expects dout to be one number (got {describe(dout)}).")
    dout = float(dout)
    if not np.isfinite(dout):
        raise ValueError(f"{who}.backward expects a finite dout (got {dout}).")
    return dout
