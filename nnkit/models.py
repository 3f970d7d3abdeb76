"""Models built from layers: a stack of layers and the two-layer network of the lessons.

A model has the same contract as a layer, one level up: ``predict(x)`` gives scores,
``forward(x, t)`` gives the loss, ``backward()`` fills every layer's ``grads``, and the
flat ``params``/``grads`` lists hold the very arrays the layers hold, so an optimizer
that updates ``model.params`` in place updates the layers.
"""

import numpy as np

from ._validation import as_array, check_count, check_labels, require_forward
from .layers import Affine, ReLU, Sigmoid, SoftmaxWithLoss, Tanh

__all__ = ["Sequential", "TwoLayerNet"]


def _step(layer, name):
    """The layer's unchecked ``_forward``/``_backward`` when its public method is nnkit's own.

    nnkit's public ``forward``/``backward`` only check their input and call the private
    step, so a model may call the step directly. A learner's class that overrides the
    public method (or has no private step) is called through that method, so the
    learner's code is what runs.
    """
    public = getattr(type(layer), name, None)
    private = getattr(layer, f"_{name}", None)
    if private is not None and getattr(public, "__module__", "").startswith(__package__ + "."):
        return private
    return getattr(layer, name)


class Sequential:
    """Layers applied one after another, then a loss layer.

    Args:
        layers: a list of layers (anything with the layer contract).
        loss: a loss layer with ``forward(x, t)`` and ``backward(dout=1.0)``.
    """

    def __init__(self, layers, loss):
        layers = list(layers)
        for i, layer in enumerate(layers + [loss]):
            if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
                where = "loss" if i == len(layers) else f"layer {i}"
                raise TypeError(
                    f"Sequential expects every {where} to have forward() and backward() "
                    f"(got {type(layer).__name__})."
                )
        self.layers = layers
        self.loss_layer = loss
        # The unchecked steps of each layer, looked up once: the training loop's fast path.
        self._forwards = [_step(layer, "forward") for layer in layers]
        self._backwards = [_step(layer, "backward") for layer in reversed(layers)]
        self._loss_forward = _step(loss, "forward")
        self.params = [p for layer in layers for p in getattr(layer, "params", [])]
        self.grads = [g for layer in layers for g in getattr(layer, "grads", [])]
        self._ran_forward = None

    def __repr__(self):
        inner = ",\n".join(f"  {layer!r}" for layer in self.layers + [self.loss_layer])
        return f"{type(self).__name__}(\n{inner}\n)"

    def _input(self, x):
        x = as_array(x, f"{type(self).__name__}.predict", ndim=(1, 2))
        first = self.layers[0] if self.layers else None
        W = getattr(first, "params", [None])[0] if getattr(first, "params", None) else None
        if W is not None and W.ndim == 2 and x.shape[-1] != W.shape[0]:
            raise ValueError(
                f"{type(self).__name__} expects x with {W.shape[0]} columns, the input size of "
                f"its first layer (got x {x.shape})."
            )
        return x

    def predict(self, x):
        """The scores before the loss (the forward pass of every layer but the loss).

        Shapes: x (N, D) -> scores (N, K).
        """
        return self._scores(self._input(x))

    def forward(self, x, t):
        """The loss of the batch ``x`` against the targets ``t`` (a float)."""
        scores = self.predict(x)
        if isinstance(self.loss_layer, SoftmaxWithLoss):
            n_rows = scores.shape[0] if scores.ndim == 2 else None
            t = check_labels(t, n_rows, scores.shape[-1], f"{type(self).__name__}.forward")
            loss = self.loss_layer._forward(scores, t)
        else:
            loss = self.loss_layer.forward(scores, t)
        self._ran_forward = True
        return loss

    def _scores(self, x):
        for forward in self._forwards:
            # The input was checked once by the caller; the layers trust each other's output.
            x = forward(x)
        return x

    def _loss(self, x, t):
        """The loss without input checks, for a caller (``fit``) that checked x and t once."""
        scores = self._scores(x)
        loss = self._loss_forward(scores, t)
        self._ran_forward = True
        return loss

    def backward(self, dout=1.0):
        """Fill every layer's ``grads``, from the loss back to the input; returns dx."""
        if self._ran_forward is None:
            require_forward(None, type(self).__name__)
        dout = self.loss_layer.backward(dout)
        for backward in self._backwards:
            # dout came from the layer above, so its shape is right: skip the check.
            dout = backward(dout)
        return dout

    def accuracy(self, x, t):
        """The fraction of rows whose highest score is the target class."""
        return self._accuracy(self._input(x), np.asarray(t))

    def _accuracy(self, x, t):
        """``accuracy`` without input checks, for a caller (``fit``) that checked x once."""
        if t.ndim == 2:
            t = t.argmax(axis=1)
        return np.count_nonzero(self._scores(x).argmax(axis=-1) == t) / t.size


_ACTIVATIONS = {"sigmoid": Sigmoid, "relu": ReLU, "tanh": Tanh}


class TwoLayerNet(Sequential):
    """Affine → activation → Affine → Softmax-with-loss.

    Args:
        input_size: features per sample (2 for the toy data sets).
        hidden_size: neurons in the hidden layer.
        output_size: classes.
        activation: ``"sigmoid"``, ``"relu"`` or ``"tanh"``.
        weight_scale: the standard deviation of the random initial weights
            (biases start at 0).
        seed: the seed of the weights, for results that repeat.
    """

    def __init__(self, input_size, hidden_size, output_size, activation="sigmoid",
                 weight_scale=0.01, seed=None):
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size),
                            ("output_size", output_size)):
            check_count(value, "TwoLayerNet", name)
        if activation not in _ACTIVATIONS:
            raise ValueError(
                f"TwoLayerNet expects activation to be one of {sorted(_ACTIVATIONS)} (got {activation!r})."
            )
        if not np.isfinite(weight_scale) or weight_scale <= 0:
            raise ValueError(f"TwoLayerNet expects a positive weight_scale (got {weight_scale!r}).")
        rng = np.random.default_rng(seed)
        W1 = weight_scale * rng.standard_normal((input_size, hidden_size))
        W2 = weight_scale * rng.standard_normal((hidden_size, output_size))
        layers = [
            Affine(W1, np.zeros(hidden_size)),
            _ACTIVATIONS[activation](),
            Affine(W2, np.zeros(output_size)),
        ]
        self.activation = activation
        super().__init__(layers, SoftmaxWithLoss())

    def __repr__(self):
        (d, h), k = self.params[0].shape, self.params[2].shape[1]
        return f"TwoLayerNet({d}-{h}-{k}, activation={self.activation!r})"
