"""Models built from layers: a stack of layers and the two-layer network of the lessons.

A model has the same contract as a layer, one level up: ``predict(x)`` gives scores,
``forward(x, t)`` gives the loss, ``backward()`` fills every layer's ``grads``, and the
flat ``params``/``grads`` lists hold the very arrays the layers hold, so an optimizer
that updates ``model.params`` in place updates the layers.
"""

import numpy as np

from ._text import text
from ._validation import as_array, check_count, check_labels, is_real, make_rng, require_forward
from .layers import Affine, MeanSquaredError, ReLU, Sigmoid, SoftmaxWithLoss, Tanh

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
                where = text("error.sequential.loss") if i == len(layers) else text("error.sequential.layer", i=i)
                raise TypeError(text("error.sequential.contract", where=where, got=type(layer).__name__))
        self.layers = layers
        self.loss_layer = loss
        # The unchecked steps of each layer, looked up once: the training loop's fast path.
        self._forwards = [_step(layer, "forward") for layer in layers]
        self._backwards = [_step(layer, "backward") for layer in reversed(layers)]
        self._loss_forward = _step(loss, "forward")
        self._loss_backward = _step(loss, "backward")
        # fit never uses the gradient of the input: the first layer only fills its grads.
        self._inner_backwards = self._backwards[:-1]
        self._first_grads = _grads_only(layers[0]) if layers else None
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
            raise ValueError(text("error.model.x_columns", who=type(self).__name__, D=W.shape[0], x=x.shape))
        return x

    def predict(self, x):
        """The scores before the loss (the forward pass of every layer but the loss).

        Shapes: x (N, D) -> scores (N, K).
        """
        return self._scores(self._input(x))

    def forward(self, x, t):
        """The loss of the batch ``x`` against the targets ``t`` (a float)."""
        scores = self.predict(x)
        loss = self._loss_forward(scores, self._targets(t, scores))
        self._ran_forward = True
        return loss

    def _targets(self, t, scores):
        """``t`` checked against the scores, in the form the loss layer's unchecked step takes.

        SoftmaxWithLoss: int64 labels (from ints, whole-number floats or bools) or float
        one-hot rows that are distributions. MeanSquaredError: a float array of the scores'
        shape. A learner's loss layer gets ``t`` as it came, and checks it itself.
        """
        who = f"{type(self).__name__}.forward"
        if isinstance(self.loss_layer, SoftmaxWithLoss):
            n_rows = scores.shape[0] if scores.ndim == 2 else None
            return check_labels(t, n_rows, scores.shape[-1], who)
        if isinstance(self.loss_layer, MeanSquaredError):
            t = as_array(t, who, "t")
            if t.shape != scores.shape:
                raise ValueError(text("error.model.t_shape", who=who, expected=scores.shape, shape=t.shape))
            return t
        return t

    def _scores(self, x):
        for forward in self._forwards:
            # The input was checked once by the caller; the layers trust each other's output.
            x = forward(x)
        return x

    def _train_step(self, x, t):
        """Forward, loss and backward of one batch without checks, for ``fit`` (which checked x and t once).

        The same numbers as ``forward`` then ``backward``, except that the gradient of the
        input, which training never uses, is not computed. Returns the loss.
        """
        for forward in self._forwards:
            x = forward(x)
        loss = self._loss_forward(x, t)
        self._ran_forward = True
        dout = self._loss_backward()
        for backward in self._inner_backwards:
            dout = backward(dout)
        if self._first_grads is not None:
            self._first_grads(dout)
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
        """The fraction of rows whose highest score is the target class.

        ``t`` as integer labels (N,) or one-hot rows (N, K), checked like the loss's targets.
        """
        x = self._input(x)
        scores = self._scores(x)
        n_rows = scores.shape[0] if scores.ndim == 2 else None
        t = check_labels(t, n_rows, scores.shape[-1], f"{type(self).__name__}.accuracy")
        return self._hits(scores, t)

    def _accuracy(self, x, t):
        """``accuracy`` without input checks, for a caller (``fit``) that checked x and t once."""
        return self._hits(self._scores(x), t)

    @staticmethod
    def _hits(scores, t):
        if t.ndim == scores.ndim:  # one-hot rows: the target is each row's largest entry
            t = t.argmax(axis=-1)
        return np.count_nonzero(scores.argmax(axis=-1) == t) / t.size


def _grads_only(layer):
    """What ``fit`` calls on a model's first layer: its grads, without the unused dx.

    nnkit's MatMul and Affine write only their grads (``_param_grads``); nnkit's layers
    without parameters are skipped (their dx would be thrown away); a learner's layer is
    called through its own ``backward``, so the learner's code is what runs.
    """
    backward = _step(layer, "backward")
    if backward == layer.backward:
        return backward  # a learner's layer
    if hasattr(layer, "_param_grads"):
        return layer._param_grads
    return backward if getattr(layer, "params", None) else None


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
        if not isinstance(activation, str) or activation not in _ACTIVATIONS:
            raise ValueError(text("error.activation", options=sorted(_ACTIVATIONS), got=activation))
        if not is_real(weight_scale) or not np.isfinite(weight_scale) or weight_scale <= 0:
            raise ValueError(text("error.weight_scale", value=weight_scale))
        rng = make_rng(seed, "TwoLayerNet")
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
