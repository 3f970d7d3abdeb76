"""Optimizers: each ``update(params, grads)`` changes the parameter arrays in place.

In place (``param -= ...``) matters: the arrays in ``params`` are the ones the layers
hold, so the layers see the new weights without being told.

An update never writes NaN or inf into the parameters. When a gradient holds NaN or inf,
or a step would overflow, ``update`` changes nothing (neither the parameters nor the
optimizer's running averages) and raises a DivergenceError that names the parameter and
the likely cause: a learning rate so large that the weights blew up. ``fit`` turns that
into its DivergenceWarning.
"""

import math

import numpy as np

from ._text import text
from ._validation import check_finite, check_positive, describe

__all__ = ["SGD", "Momentum", "Adam", "DivergenceError"]

class DivergenceError(ValueError):
    """An update would have written NaN or inf into the parameters; nothing was changed."""


class _Optimizer:
    """Checks that params and grads pair up, once per pair of lists (not every step)."""

    _checked = (None, None, -1)

    def _check(self, params, grads):
        checked = self._checked
        if params is checked[0] and grads is checked[1] and len(params) == checked[2]:
            return
        who = type(self).__name__
        _check(params, grads, who)
        for i, p in enumerate(params):  # after this, each update keeps them finite
            check_finite(p, f"{who}.update", f"params[{i}]")
        self._check_state(params)
        self._checked = (params, grads, len(params))

    def _check_state(self, params):
        """Optimizers with running averages check they belong to parameters of these shapes."""

    def _refuse(self, grads, news):
        """Raise naming the first parameter whose gradient, new value or running average is not finite.

        ``news[i]`` holds the new value of params[i] followed by its new running averages,
        all computed aside: nothing has been written yet.
        """
        who = type(self).__name__
        for i, (g, (new, *state)) in enumerate(zip(grads, news)):
            for array, what in ((g, text("error.diverged.grads", i=i)), (new, text("error.diverged.step", i=i)),
                                *((a, text("error.diverged.average", i=i)) for a in state)):
                bad = ~np.isfinite(array)
                if bad.any():
                    index = tuple(int(k) for k in np.argwhere(bad)[0])
                    value = array[index] if array is new else g[index]
                    raise DivergenceError(text("error.diverged", who=who, what=what, value=value, index=index,
                                               lr=self.lr))

    def _write(self, params, grads, news, states):
        """Check the values computed aside, then write them into the parameters and the running averages."""
        self._refuse(grads, news)
        for (new, *state_new), p, *state in zip(news, params, *states):
            p[...] = new
            for old, fresh in zip(state, state_new):
                old[...] = fresh


def _check(params, grads, who):
    if len(params) != len(grads):
        raise ValueError(text("error.update.count", who=who, params=len(params), grads=len(grads)))
    for i, (p, g) in enumerate(zip(params, grads)):
        if not (isinstance(p, np.ndarray) and p.dtype.kind == "f"):
            raise TypeError(text("error.update.params", who=who, i=i, got=describe(p)))
        if not isinstance(g, np.ndarray):
            raise TypeError(text("error.update.not_array", who=who, i=i, got=describe(g)))
        if p.shape != g.shape:
            raise ValueError(text("error.update.shape", who=who, i=i, expected=p.shape, shape=g.shape))


def _state_shapes(who, state, params, kind):
    """A running average belongs to one model: say so when the shapes have changed."""
    if state is None:
        return
    old = [s.shape for s in state]
    new = [p.shape for p in params]
    if old != new:
        raise ValueError(
            f"{who}.update expects the parameters its {kind} were built for, of shapes {old} "
            f"(got params of shapes {new}); a {who} keeps state for one model, so make a new "
            f"{who} for this one."
        )


class SGD(_Optimizer):
    r"""Stochastic gradient descent, $w \leftarrow w - \alpha\, \partial L / \partial w$."""

    def __init__(self, lr=0.01):
        self.lr = check_positive(lr, "SGD", "lr")

    def __repr__(self):
        return f"SGD(lr={self.lr:g})"

    def _check(self, params, grads):
        checked = self._checked
        if not (params is checked[0] and grads is checked[1] and len(params) == checked[2]):
            super()._check(params, grads)
            # The steps lr · g are computed into views of one flat array, so that a single
            # dot product checks them all before any parameter is written: the check costs
            # a fraction of a microsecond a step, where an isfinite pass per array costs several.
            flat = np.empty(sum(p.size for p in params))
            ends = np.cumsum([0] + [p.size for p in params])
            self._steps = [flat[a:b].reshape(p.shape) for a, b, p in zip(ends[:-1], ends[1:], params)]
            self._flat = flat

    def update(self, params, grads):
        checked = self._checked
        if not (params is checked[0] and grads is checked[1] and len(params) == checked[2]):
            self._check(params, grads)
        lr, steps = self.lr, self._steps
        try:
            for g, step in zip(grads, steps):
                np.multiply(g, lr, out=step)  # the same product as lr * g, into the flat array
        except ValueError:  # a gradient was swapped for one of another shape since the lists were checked
            self._checked = _Optimizer._checked
            return self.update(params, grads)
        # One dot product, Σ step²: NaN or inf anywhere makes it NaN or inf. Below 1e300 every
        # step is under 1e150, so subtracting it from a finite parameter cannot overflow
        # (reaching 1.8e308 would take some 1e158 such steps). Above, look closer: the steps
        # are checked entry by entry before anything is written (for steps beyond 1e154 numpy
        # may first warn that the dot product overflowed).
        flat = self._flat
        if not flat.dot(flat) < 1e300:
            with np.errstate(all="ignore"):  # what overflows is reported in the sentence
                self._refuse(grads, [(p - step,) for p, step in zip(params, steps)])
        for p, step in zip(params, steps):
            p -= step


class Momentum(_Optimizer):
    r"""SGD with momentum: $v \leftarrow \mu v - \alpha g$, then $w \leftarrow w + v$."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = check_positive(lr, "Momentum", "lr")
        if not 0 <= momentum < 1:
            raise ValueError(text("error.unit_interval", who="Momentum", name="momentum", value=momentum))
        self.momentum = float(momentum)
        self.v = None

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, momentum={self.momentum:g})"

    def _check_state(self, params):
        _state_shapes("Momentum", self.v, params, "velocities")

    def update(self, params, grads):
        self._check(params, grads)
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        # Computed aside and checked before anything is written (the same arithmetic as
        # v *= μ; v -= lr·g; p += v).
        news = []
        with np.errstate(all="ignore"):  # what overflows is reported in the sentence
            for p, g, v in zip(params, grads, self.v):
                v_new = v * self.momentum
                v_new -= self.lr * g
                news.append((p + v_new, v_new))
        self._write(params, grads, news, [self.v])


class Adam(_Optimizer):
    r"""Adam: running means of the gradient and of its square, bias-corrected.

    $m \leftarrow \beta_1 m + (1-\beta_1) g$, $v \leftarrow \beta_2 v + (1-\beta_2) g^2$,
    $w \leftarrow w - \alpha\, \hat m / (\sqrt{\hat v} + \epsilon)$.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_positive(lr, "Adam", "lr")
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= beta < 1:
                raise ValueError(text("error.unit_interval", who="Adam", name=name, value=beta))
        self.beta1, self.beta2 = float(beta1), float(beta2)
        self.eps = check_positive(eps, "Adam", "eps")
        self.m = self.v = None
        self.t = 0

    def __repr__(self):
        return f"Adam(lr={self.lr:g}, beta1={self.beta1:g}, beta2={self.beta2:g})"

    def _check_state(self, params):
        _state_shapes("Adam", self.m, params, "running averages")

    def update(self, params, grads):
        self._check(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        t = self.t + 1
        # Folding both bias corrections into the step size saves two array passes.
        lr_t = self.lr * math.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        # Computed aside and checked before anything is written.
        news = []
        with np.errstate(all="ignore"):  # what overflows is reported in the sentence
            for p, g, m, v in zip(params, grads, self.m, self.v):
                m_new = m + (1 - self.beta1) * (g - m)
                v_new = v + (1 - self.beta2) * (g * g - v)
                news.append((p - lr_t * m_new / (np.sqrt(v_new) + self.eps), m_new, v_new))
        self._write(params, grads, news, [self.m, self.v])
        self.t = t
