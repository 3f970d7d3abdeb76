"""Optimizers: each ``update(params, grads)`` changes the parameter arrays in place.

In place (``param -= ...``) matters: the arrays in ``params`` are the ones the layers
hold, so the layers see the new weights without being told.
"""

import numpy as np

from ._validation import check_positive

__all__ = ["SGD", "Momentum", "Adam"]


class _Optimizer:
    """Checks that params and grads pair up, once per pair of lists (not every step)."""

    _checked = (None, None, -1)

    def _check(self, params, grads):
        if params is self._checked[0] and grads is self._checked[1] and len(params) == self._checked[2]:
            return
        _check(params, grads, type(self).__name__)
        self._checked = (params, grads, len(params))


def _check(params, grads, who):
    if len(params) != len(grads):
        raise ValueError(f"{who}.update expects one gradient per parameter (got {len(params)} params and {len(grads)} grads).")
    for i, (p, g) in enumerate(zip(params, grads)):
        if np.shape(p) != np.shape(g):
            raise ValueError(
                f"{who}.update expects grads[{i}] of the shape of params[{i}] {np.shape(p)} (got {np.shape(g)})."
            )


class SGD(_Optimizer):
    r"""Stochastic gradient descent, $w \leftarrow w - \alpha\, \partial L / \partial w$."""

    def __init__(self, lr=0.01):
        self.lr = check_positive(lr, "SGD", "lr")

    def __repr__(self):
        return f"SGD(lr={self.lr:g})"

    def update(self, params, grads):
        self._check(params, grads)
        lr = self.lr
        for p, g in zip(params, grads):
            p -= lr * g


class Momentum(_Optimizer):
    r"""SGD with momentum: $v \leftarrow \mu v - \alpha g$, then $w \leftarrow w + v$."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = check_positive(lr, "Momentum", "lr")
        if not 0 <= momentum < 1:
            raise ValueError(f"Momentum expects momentum in [0, 1) (got {momentum!r}).")
        self.momentum = float(momentum)
        self.v = None

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, momentum={self.momentum:g})"

    def update(self, params, grads):
        self._check(params, grads)
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= self.momentum
            v -= self.lr * g
            p += v


class Adam(_Optimizer):
    r"""Adam: running means of the gradient and of its square, bias-corrected.

    $m \leftarrow \beta_1 m + (1-\beta_1) g$, $v \leftarrow \beta_2 v + (1-\beta_2) g^2$,
    $w \leftarrow w - \alpha\, \hat m / (\sqrt{\hat v} + \epsilon)$.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_positive(lr, "Adam", "lr")
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= beta < 1:
                raise ValueError(f"Adam expects {name} in [0, 1) (got {beta!r}).")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self.m = self.v = None
        self.t = 0

    def __repr__(self):
        return f"Adam(lr={self.lr:g}, beta1={self.beta1:g}, beta2={self.beta2:g})"

    def update(self, params, grads):
        self._check(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        # Folding both bias corrections into the step size saves two array passes.
        lr_t = self.lr * np.sqrt(1 - self.beta2**self.t) / (1 - self.beta1**self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            p -= lr_t * m / (np.sqrt(v) + self.eps)
