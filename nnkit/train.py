"""The training loop: forward, loss, backward, update, over shuffled minibatches."""

import math

import numpy as np

from ._text import Text, text
from ._validation import as_array, check_callable, check_count, describe, make_rng, warn
from .optim import DivergenceError

__all__ = ["fit", "History", "DivergenceWarning"]


class DivergenceWarning(UserWarning):
    """The loss stopped being a finite number: the learning rate is usually too large."""


class History:
    """What happened during ``fit``, epoch by epoch.

    Attributes:
        loss: the mean minibatch loss of each epoch.
        accuracy: the accuracy on the whole training set after each epoch.
        diverged_at: the epoch (1-based) in which the loss became NaN or inf, else None.
    """

    def __init__(self):
        self.loss = []
        self.accuracy = []
        self.diverged_at = None

    @property
    def epochs(self):
        """How many epochs finished."""
        return len(self.loss)

    def __repr__(self):
        # (the words in the current language: a notebook shows this line after fit)
        if not self.loss:
            return "History(" + text("fit.history.empty") + ")"
        words = text("fit.history", epochs=self.epochs, first=f"{self.loss[0]:.4f}", last=f"{self.loss[-1]:.4f}",
                     accuracy=f"{self.accuracy[-1]:.3f}")
        return f"History({words})"


def fit(model, optimizer, x, t, epochs, batch_size, seed=None, callback=None):
    """Train ``model`` on (x, t) with ``optimizer`` and return the History.

    Each epoch shuffles the rows and walks through N // batch_size minibatches; each
    minibatch does ``model.forward`` (the loss), ``model.backward`` (the gradients) and
    ``optimizer.update(model.params, model.grads)``.

    Args:
        model: a model with ``forward(x, t)``, ``backward()``, ``params``, ``grads``
            (and ``accuracy(x, t)`` to record accuracy).
        optimizer: anything with ``update(params, grads)``.
        x, t: the data, shapes (N, D) and (N,) or (N, K).
        epochs: how many passes over the data.
        batch_size: rows per step (at most N).
        seed: the seed of the shuffling.
        callback: called as ``callback(epoch, history)`` after each epoch (epoch counts
            from 1); return ``False`` from it to stop early.

    If the loss stops being finite, or the optimizer refuses a step that would write NaN
    or inf into the weights (nnkit's optimizers raise DivergenceError), training stops
    with a DivergenceWarning that says why, and ``history.diverged_at`` says when. The
    targets are checked once against the model, as ``model.forward`` checks them: labels
    may be ints, whole-number floats or bools, or one-hot rows.
    """
    x = as_array(x, "fit", "x", ndim=2)
    if t is None or np.ndim(t) == 0:
        raise ValueError(text("error.fit.t", got=describe(t)))
    t = np.asarray(t)
    if len(t) != len(x):
        raise ValueError(text("error.fit.rows", x=x.shape, t=t.shape))
    n = len(x)
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        check_count(value, "fit", name)
    if batch_size > n:
        raise ValueError(text("error.fit.batch_size", n=n, got=batch_size))
    if callback is not None:
        check_callable(callback, "fit", "callback", Text("error.fit.callback"))
    model.forward(x, t)  # checks x and t against the model once, with clear messages
    steps = getattr(model, "_train_step", None)
    if steps is not None:
        # An nnkit model: the checked targets (labels as int64, even when they came as
        # whole-number floats or bools, so that they index), then unchecked steps.
        t = model._targets(t, model.predict(x))
        accuracy = model._accuracy
    else:
        accuracy = getattr(model, "accuracy", None)
    rng = make_rng(seed, "fit")
    history = History()
    batches = [slice(i * batch_size, (i + 1) * batch_size) for i in range(n // batch_size)]
    params, grads, update = model.params, model.grads, optimizer.update
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
        for epoch in range(1, epochs + 1):
            order = rng.permutation(n)
            x_shuffled, t_shuffled = x[order], t[order]
            total = 0.0
            try:
                for batch in batches:
                    if steps is not None:
                        total += steps(x_shuffled[batch], t_shuffled[batch])
                    else:
                        total += model.forward(x_shuffled[batch], t_shuffled[batch])
                        model.backward()
                    update(params, grads)
            except DivergenceError as error:  # the optimizer refused to write NaN or inf
                _diverged(history, epoch, str(error))
                break
            loss = total / len(batches)
            if not math.isfinite(loss):
                _diverged(history, epoch, text("error.fit.loss_not_finite", loss=loss))
                break
            history.loss.append(loss)
            history.accuracy.append(accuracy(x, t) if accuracy is not None else float("nan"))
            if callback is not None and callback(epoch, history) is False:
                break
    return history


def _diverged(history, epoch, why):
    history.diverged_at = epoch
    warn(text("error.fit.stopped", epoch=epoch, why=why), DivergenceWarning)
