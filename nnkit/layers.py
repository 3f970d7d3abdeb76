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
from ._text import text
from ._validation import as_array, check_finite, check_labels, describe, is_real, require_forward, warn

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

    _out_shape = None  # set by _forward (or read from what it stores): backward checks dout against it

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
        shape = self._out_shape
        require_forward(shape, type(self).__name__)
        return self._backward(self._check_dout(dout, shape))

    def _check_dout(self, dout, shape):
        """Return ``dout`` as an array of the forward output's shape, or say what is wrong."""
        name = type(self).__name__
        if isinstance(dout, np.ndarray) and dout.dtype == np.float64:
            check_finite(dout, f"{name}.backward", "dout")
        else:
            dout = as_array(dout, f"{name}.backward", "dout", empty=True)
        if dout.shape != shape:
            raise ValueError(text("error.dout_shape", who=name, expected=shape, shape=dout.shape))
        return dout


def _weights(W, who, name, ndim):
    """Check a weight array given to a constructor; hold the caller's array when it can be shared.

    The DLFS2 lesson is that ``params`` are the learner's own arrays: an SGD step on
    ``layer.params`` changes the learner's ``W``. A float64 array that can be written is
    held as it is. Anything else (ints, float32, a read-only view) cannot take float64
    updates in place, so the layer keeps a float64 copy and says so once, rather than
    letting the learner's ``W`` silently stop following training.
    """
    if isinstance(W, np.ndarray) and W.dtype == np.float64 and W.flags.writeable:
        if W.size == 0:
            raise ValueError(text("error.weights.empty", who=who, name=name, shape=W.shape))
        check_finite(W, who, name)
    else:
        given = W
        W = as_array(W, who, name).copy() if isinstance(W, np.ndarray) else as_array(W, who, name)
        if isinstance(given, np.ndarray):
            key = "error.weights.copy.dtype" if given.dtype != np.float64 else "error.weights.copy.read_only"
            warn(text(key, who=who, name=name, dtype=given.dtype))
    if W.ndim != ndim:
        raise ValueError(text("error.ndim", who=who, name=name, wanted=text("error.dims", d=ndim), shape=W.shape))
    return W


def _is_size(v):
    """A whole number where an array belongs: the PyTorch habit ``nn.Linear(2, 4)``."""
    return is_real(v) and float(v).is_integer()


class MatMul(Layer):
    r"""Matrix product $y = xW$.

    Shapes: x (N, D) or (D,), W (D, H) -> y (N, H) or (H,).
    Backward: $dx = dout\,W^\top$, $dW = x^\top dout$.
    """

    param_names = ("W",)

    def __init__(self, W):
        who = type(self).__name__
        if _is_size(W):
            raise TypeError(text("error.size_not_weights", who=who, W=W, d=int(W)))
        W = _weights(W, who, "W", 2)
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self._x = None

    def forward(self, x):
        x = as_array(x, f"{type(self).__name__}.forward", ndim=(1, 2))
        D = self.params[0].shape[0]
        if x.shape[-1] != D:
            raise ValueError(text("error.x_columns", who=type(self).__name__, D=D, W=self.params[0].shape,
                                  x=x.shape))
        return self._forward(x)

    @property
    def _out_shape(self):
        # read from the stored input rather than stored by every forward: one step less in training
        return None if self._x is None else self._x.shape[:-1] + self.params[0].shape[1:]

    def _forward(self, x):
        self._x = x
        return x @ self.params[0]

    def _backward(self, dout):
        self._param_grads(dout)
        return dout @ self.params[0].T

    def _param_grads(self, dout):
        """Write the parameters' gradients into grads, without dx: all ``fit`` needs from a model's first layer."""
        x = self._x
        if x.ndim == 1:  # one sample: dW is the outer product
            self.grads[0][...] = np.outer(x, dout)
        else:
            # The same in-place write as grads[0][...] = x.T @ dout, without a temporary.
            np.matmul(x.T, dout, out=self.grads[0])


class Affine(MatMul):
    r"""Affine layer $y = xW + b$.

    Shapes: x (N, D) or (D,), W (D, H), b (H,) -> y (N, H) or (H,).
    Backward: $dx = dout\,W^\top$, $dW = x^\top dout$, $db = \sum_n dout_n$ (the bias was
    added to every row, so its gradient sums over the batch).
    """

    param_names = ("W", "b")

    def __init__(self, W, b):
        who = type(self).__name__
        if _is_size(W) or _is_size(b):
            # nn.Linear(2, 4) takes sizes; a layer of the lessons holds the arrays themselves.
            d = int(W) if _is_size(W) else (np.shape(W)[0] if np.ndim(W) == 2 else "D")
            h = int(b) if _is_size(b) else (np.shape(W)[1] if np.ndim(W) == 2 else "H")
            got = ", ".join(f"{n} = {v!r}" for n, v in (("W", W), ("b", b)) if _is_size(v))
            raise TypeError(text("error.sizes_not_arrays", who=who, got=got, d=d, h=h))
        super().__init__(W)
        b = _weights(b, who, "b", 1)
        if b.shape != (self.params[0].shape[1],):
            raise ValueError(text("error.b_shape", who=who, H=self.params[0].shape[1], W=self.params[0].shape,
                                  b=b.shape))
        self.params.append(b)
        self.grads.append(np.zeros_like(b))

    def _forward(self, x):
        self._x = x
        W, b = self.params
        return x @ W + b

    def _param_grads(self, dout):
        dW, db = self.grads
        x = self._x
        if dout.ndim == 2:
            np.add.reduce(dout, axis=0, out=db)  # in place, like grads[1][...] = dout.sum(axis=0)
            np.matmul(x.T, dout, out=dW)  # like grads[0][...] = x.T @ dout, without a temporary
        else:  # one sample: db is dout, dW the outer product
            db[...] = dout
            dW[...] = np.outer(x, dout)


class Sigmoid(Layer):
    r"""Sigmoid $y = 1 / (1 + e^{-x})$, element-wise.

    Backward: $dx = dout \cdot y(1 - y)$, from the stored output y (no exp again).
    """

    def __init__(self):
        super().__init__()
        self._y = None

    @property
    def _out_shape(self):
        return None if self._y is None else self._y.shape

    def _forward(self, x):
        self._y = y = F._sigmoid(x)
        return y

    def _backward(self, dout):
        y = self._y
        return dout * y * (1.0 - y)


class Tanh(Layer):
    r"""$y = \tanh(x)$, element-wise. Backward: $dx = dout \cdot (1 - y^2)$."""

    def __init__(self):
        super().__init__()
        self._y = None

    @property
    def _out_shape(self):
        return None if self._y is None else self._y.shape

    def _forward(self, x):
        self._y = y = np.tanh(x)
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

    @property
    def _out_shape(self):
        return None if self.mask is None else self.mask.shape

    def _forward(self, x):
        self.mask = x <= 0
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
        # The ufuncs' own reduce: the same numbers as x.max() and exp.sum(), without the
        # method wrappers (this runs every training step).
        shifted = x - np.maximum.reduce(x, axis=-1, keepdims=True)
        exp = np.exp(shifted)
        total = np.add.reduce(exp, axis=-1, keepdims=True)
        exp /= total  # y = exp / total, written into this layer's own array
        self.y = exp
        log_total = np.log(total)  # log y_k = shifted_k - log_total
        batch = x.ndim == 2
        n = x.shape[0] if batch else 1
        self._t = t
        if t.ndim == x.ndim:  # one-hot (or soft) targets
            self._target = None
            loss = -(t * (shifted - log_total)).sum()
        else:  # labels: only the targets' entries of log y are needed
            if batch:
                rows = self._rows
                if len(rows) != n:  # the row numbers are reused while N stays the same
                    rows = self._rows = np.arange(n)
                self._target = target = (rows, t)
            else:
                self._target = target = (t,)
            loss = (log_total.ravel() - shifted[target]).sum()
        return float(loss / n)

    def backward(self, dout=1.0):
        require_forward(self.y, "SoftmaxWithLoss")
        return self._backward(_scalar_dout(dout, "SoftmaxWithLoss"))

    def _backward(self, dout=1.0):
        y, t = self.y, self._t
        scale = dout / (y.shape[0] if y.ndim == 2 else 1)
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
            raise ValueError(text("error.same_shape", who="MeanSquaredError", y=y.shape, t=t.shape))
        return self._forward(y, t)

    def _forward(self, y, t):
        self._diff = y - t
        n = y.shape[0] if y.ndim == 2 else 1
        return float(np.sum(self._diff**2) / n)

    def backward(self, dout=1.0):
        require_forward(self._diff, "MeanSquaredError")
        return self._backward(_scalar_dout(dout, "MeanSquaredError"))

    def _backward(self, dout=1.0):
        d = self._diff
        n = d.shape[0] if d.ndim == 2 else 1
        return d * (2.0 * dout / n)


def _scalar_dout(dout, who):
    """A loss is a single number, so its upstream gradient is one number too."""
    if type(dout) is float and math.isfinite(dout):
        return dout
    if isinstance(dout, np.ndarray) and dout.ndim == 0 and dout.dtype.kind in "iuf":
        dout = dout.item()
    if not is_real(dout):
        raise TypeError(text("error.dout.one_number", who=who, got=describe(dout)))
    dout = float(dout)
    if not math.isfinite(dout):
        raise ValueError(text("error.dout.finite", who=who, dout=dout))
    return dout
