"""The gates of a computational graph, on arrays.

Each gate is a tiny layer (``forward``/``backward``, empty ``params``/``grads``) that
does one operation, so a learner can chain them by hand and watch the chain rule work:
every gate multiplies the upstream gradient by its own local gradient.

- ``Add`` passes the upstream gradient to both inputs unchanged.
- ``Mul`` swaps: x gets ``dout * y`` and y gets ``dout * x`` (element-wise: the
  Hadamard product).
- ``Max`` routes the gradient to the input that was larger (x on a tie), 0 to the other.
- ``Copy`` sends one value down two paths; its backward adds what comes back.
- ``Exp``, ``Log``, ``Reciprocal`` (1/x) and ``Negate`` (×(-1)) have one input.

Two-input gates broadcast like numpy (a bias row added to every row of a batch); their
backward sums the gradient back to each input's own shape.
"""

import numpy as np

from ._text import text
from ._validation import as_array, require_forward
from .layers import Layer

__all__ = ["Add", "Mul", "Max", "Copy", "Exp", "Log", "Reciprocal", "Negate"]


def _unbroadcast(grad, shape):
    """Sum ``grad`` down to ``shape``: an input that was broadcast was used many times."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


class _TwoInputGate(Layer):
    """Shared checks of the gates with inputs x and y."""

    def __init__(self):
        super().__init__()
        self._x = self._y = None

    def forward(self, x, y):
        name = type(self).__name__
        x = as_array(x, f"{name}.forward", "x")
        y = as_array(y, f"{name}.forward", "y")
        try:
            out_shape = np.broadcast_shapes(x.shape, y.shape)
        except ValueError:
            raise ValueError(text("error.broadcast", who=name, x=x.shape, y=y.shape)) from None
        self._x, self._y, self._out_shape = x, y, out_shape
        return self._op(x, y)

    def _backward(self, dout):
        dx, dy = self._local(dout)
        return _unbroadcast(dx, self._x.shape), _unbroadcast(dy, self._y.shape)


class Add(_TwoInputGate):
    r"""$z = x + y$. Backward: $dx = dout$, $dy = dout$ (the add gate distributes)."""

    def _op(self, x, y):
        return x + y

    def _local(self, dout):
        return dout, dout


class Mul(_TwoInputGate):
    r"""$z = x \odot y$ (element-wise). Backward: $dx = dout \odot y$, $dy = dout \odot x$."""

    def _op(self, x, y):
        return x * y

    def _local(self, dout):
        return dout * self._y, dout * self._x


class Max(_TwoInputGate):
    r"""$z = \max(x, y)$ element-wise. Backward: dout goes to the larger input (x on a tie)."""

    def _op(self, x, y):
        return np.maximum(x, y)

    def _local(self, dout):
        x_wins = self._x >= self._y
        return np.where(x_wins, dout, 0.0), np.where(x_wins, 0.0, dout)


class Copy(Layer):
    r"""One value used twice: forward gives (x, x); backward adds the two gradients.

    ``Copy.backward(dout1, dout2) -> dx = dout1 + dout2``: a value that feeds two paths
    is pulled by both, so their effects on the loss add up.
    """

    def __init__(self):
        super().__init__()
        self._shape = None

    def forward(self, x):
        x = as_array(x, "Copy.forward")
        self._shape = x.shape
        return x.copy(), x.copy()

    def backward(self, dout1, dout2):
        require_forward(self._shape, "Copy")
        return self._check_dout(dout1, self._shape) + self._check_dout(dout2, self._shape)


class _OneInputGate(Layer):
    """Shared bookkeeping of the gates with one input."""

    def __init__(self):
        super().__init__()
        self._x = None

    def _forward(self, x):
        self._x = x
        self._out = self._op(x)
        self._out_shape = x.shape
        return self._out

    def _backward(self, dout):
        return dout * self._local()


class Exp(_OneInputGate):
    r"""$y = e^x$. Backward: $dx = dout \cdot e^x$ (exp is its own derivative)."""

    def forward(self, x):
        x = as_array(x, "Exp.forward")
        if x.size and x.max() > 709:
            raise ValueError(text("error.exp_overflow", value=f"{x.max():.6g}"))
        return self._forward(x)

    def _op(self, x):
        return np.exp(x)

    def _local(self):
        return self._out


class Log(_OneInputGate):
    r"""$y = \log x$ (natural log). Backward: $dx = dout / x$."""

    def forward(self, x):
        x = as_array(x, "Log.forward")
        if x.size and x.min() <= 0:
            raise ValueError(text("error.log_domain", value=f"{x.min():.6g}"))
        return self._forward(x)

    def _op(self, x):
        return np.log(x)

    def _local(self):
        return 1.0 / self._x


class Reciprocal(_OneInputGate):
    r"""$y = 1/x$. Backward: $dx = dout \cdot (-1/x^2)$."""

    def forward(self, x):
        x = as_array(x, "Reciprocal.forward")
        if x.size and not np.all(x):
            raise ValueError(text("error.reciprocal_zero"))
        return self._forward(x)

    def _op(self, x):
        return 1.0 / x

    def _local(self):
        return -self._out * self._out


class Negate(_OneInputGate):
    r"""$y = -x$, the ×(-1) gate. Backward: $dx = -dout$."""

    def _op(self, x):
        return -x

    def _local(self):
        return -1.0
