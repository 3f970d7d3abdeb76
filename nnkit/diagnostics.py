"""Why a deep network does not learn: initial weight scales, deep stacks, and what each layer sees.

Notebook 07 builds a stack of Affine layers with one activation, starts its weights at a
scale (0.01, 1.0, Xavier or He) and looks, layer by layer, at two things on one pass:
the activations (``LayerStatistics.activations``: collapsed, saturated or healthy) and
the size of each Affine layer's weight gradient (``LayerStatistics.grad_sizes``:
vanishing or exploding). Every number comes from nnkit's own layers: ``layer_statistics``
calls their public ``forward`` and ``backward``.
"""

import math

import numpy as np

from ._validation import as_array, check_count, check_labels, is_real, make_rng
from .layers import Affine, ReLU, Sigmoid, SoftmaxWithLoss, Tanh
from .models import Sequential

__all__ = ["INITS", "ACTIVATIONS", "START_KINDS", "GRADIENT_KINDS", "weight_std", "deep_stack", "layer_statistics", "LayerStatistics"]

#: The weight scales of the lesson, by name: a number is a fixed standard deviation.
INITS = ("0.01", "1.0", "xavier", "he")

#: The activation layers a deep stack can use, by name.
ACTIVATIONS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU}


#: What a start can do to a deep stack's activations (``LayerStatistics.kind``).
START_KINDS = ("collapses", "saturates", "explodes", "shrinks", "healthy")

#: What the backward pass does to the gradient on its way to layer 1 (``LayerStatistics.gradient_kind``).
GRADIENT_KINDS = ("vanishes", "explodes", "flows")

_VANISHED = 1e-3  # layer 1's gradient over the last layer's: below, it vanished on the way back
_GRAD_GROWS = 10.0  # above, it grew on the way back
_TINY = 1e-6  # every gradient below this: nothing moves whatever the learning rate
_HUGE = 100.0  # some gradient above this: an ordinary learning rate throws the weights away
_COLLAPSED = 0.02  # a layer whose outputs spread less than this gives every sample the same numbers
_SATURATED = 0.1  # a layer with more than this fraction of flat units has saturated
_GROWS = 2.0  # the last layer's spread over the first's: above, the signal explodes
_SHRINKS = 0.5  # below, it shrinks layer by layer


def weight_std(init, n_in):
    r"""The standard deviation of a layer's initial weights for ``n_in`` inputs.

    ``"xavier"``: $1/\sqrt{n}$ (Glorot's choice for sigmoid and tanh); ``"he"``:
    $\sqrt{2/n}$ (He's choice for ReLU, which zeroes half its inputs); ``"0.01"`` and
    ``"1.0"`` (or any positive number): that number, whatever n is.

    Args:
        init: one of ``INITS`` or a positive number.
        n_in: the number of inputs of the layer (rows of W).
    """
    n_in = check_count(n_in, "weight_std", "n_in")
    if isinstance(init, str):
        if init == "xavier":
            return 1.0 / math.sqrt(n_in)
        if init == "he":
            return math.sqrt(2.0 / n_in)
        if init in INITS:
            return float(init)
    elif is_real(init) and math.isfinite(init) and init > 0:
        return float(init)
    raise ValueError(f"weight_std expects init to be one of {list(INITS)} or a positive number (got {init!r}).")


def deep_stack(input_size, hidden_size, output_size, depth, activation="sigmoid", init="0.01", seed=0):
    """A Sequential of ``depth`` hidden layers (Affine then the activation), an output Affine and Softmax-with-loss.

    Biases start at 0; each weight matrix starts at ``weight_std(init, its rows)`` times
    standard normal numbers from ``np.random.default_rng(seed)``.

    Args:
        input_size: features per sample.
        hidden_size: neurons in every hidden layer.
        output_size: classes.
        depth: hidden layers (each an Affine and an activation).
        activation: ``"sigmoid"``, ``"tanh"`` or ``"relu"``.
        init: one of ``INITS`` or a positive number (see ``weight_std``).
        seed: the seed of the weights.
    """
    for name, value in (("input_size", input_size), ("hidden_size", hidden_size),
                        ("output_size", output_size), ("depth", depth)):
        check_count(value, "deep_stack", name)
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError(f"deep_stack expects activation to be one of {sorted(ACTIVATIONS)} (got {activation!r}).")
    weight_std(init, 1)  # one clear sentence for a bad init, before any weight is drawn
    rng = make_rng(seed, "deep_stack")
    sizes = [input_size] + [hidden_size] * depth + [output_size]
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        W = weight_std(init, n_in) * rng.standard_normal((n_in, n_out))
        layers.append(Affine(W, np.zeros(n_out)))
        if i < depth:
            layers.append(ACTIVATIONS[activation]())
    return Sequential(layers, SoftmaxWithLoss())


class LayerStatistics:
    """What each layer of a stack did on one forward and backward pass.

    Attributes:
        activations: one array per hidden layer: the activation layer's output (N, H).
        grad_sizes: one float per Affine layer, first to last: the root mean square of
            its weight gradient dW.
        loss: the loss of the pass.
    """

    def __init__(self, activations, grad_sizes, loss):
        self.activations = activations
        self.grad_sizes = grad_sizes
        self.loss = loss

    @property
    def activation_stds(self):
        """The standard deviation of each hidden layer's activations."""
        return [float(a.std()) for a in self.activations]

    def saturated(self, activation):
        """The fraction of each hidden layer's outputs where the activation's slope is below 0.01 of its largest.

        Sigmoid: y(1 − y) < 0.0025 (y below 0.0025 or above 0.9975); tanh: 1 − y² < 0.01;
        ReLU: the output is 0 (its slope there is 0).
        """
        out = []
        for a in self.activations:
            if activation == "sigmoid":
                flat = a * (1 - a) < 0.0025
            elif activation == "tanh":
                flat = 1 - a * a < 0.01
            elif activation == "relu":
                flat = a <= 0
            else:
                raise ValueError(f"LayerStatistics.saturated expects one of {sorted(ACTIVATIONS)} (got {activation!r}).")
            out.append(float(np.count_nonzero(flat)) / a.size)
        return out

    def kind(self, activation):
        """What the start did to the activations, one of ``START_KINDS``, decided on their numbers.

        "collapses": every layer's outputs spread less than 0.02 (every sample looks alike);
        "saturates": more than 10 % of some layer's sigmoid or tanh units are flat (see
        ``saturated``); "explodes": the last layer spreads more than twice the first;
        "shrinks": less than half; else "healthy".
        """
        stds = self.activation_stds
        if max(stds) < _COLLAPSED:
            return "collapses"
        if activation != "relu" and max(self.saturated(activation)) > _SATURATED:
            return "saturates"
        ratio = stds[-1] / stds[0]
        if ratio > _GROWS:
            return "explodes"
        if ratio < _SHRINKS:
            return "shrinks"
        return "healthy"

    def gradient_kind(self):
        """What happened to the gradient on the way back, one of ``GRADIENT_KINDS``.

        "vanishes": layer 1's dW is below 1e-3 of the last layer's, or every dW is below
        1e-6; "explodes": layer 1's is over 10 times the last layer's, or some dW is over
        100; else "flows".
        """
        g = self.grad_sizes
        if max(g) < _TINY or g[0] < _VANISHED * g[-1]:
            return "vanishes"
        if max(g) > _HUGE or g[0] > _GRAD_GROWS * g[-1]:
            return "explodes"
        return "flows"

    def __repr__(self):
        sizes = ", ".join(f"{g:.1e}" for g in self.grad_sizes)
        return f"LayerStatistics({len(self.activations)} hidden layers, loss {self.loss:.3f}, grad sizes [{sizes}])"


def layer_statistics(model, x, t):
    """One forward and backward pass of ``model`` on (x, t), recording each layer's activations and gradient size.

    The pass goes through each layer's public ``forward`` and ``backward``, so the numbers
    are the ones ``fit`` would use; the model's ``grads`` hold this pass's gradients after.

    Args:
        model: a Sequential (such as ``deep_stack``'s) of Affine and activation layers.
        x: inputs (N, D).
        t: integer labels (N,) or one-hot rows (N, K).

    Returns:
        LayerStatistics.
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"layer_statistics expects a Sequential model, such as deep_stack's (got {type(model).__name__}).")
    x = as_array(x, "layer_statistics", "x", ndim=2)
    activations = []
    y = x
    for layer in model.layers:
        y = layer.forward(y)
        if isinstance(layer, tuple(ACTIVATIONS.values())):
            activations.append(y)
    n_rows = y.shape[0]
    t = check_labels(t, n_rows, y.shape[-1], "layer_statistics")
    loss = float(model.loss_layer.forward(y, t))
    dout = model.loss_layer.backward()
    for layer in reversed(model.layers):
        dout = layer.backward(dout)
    grad_sizes = [float(np.sqrt(np.mean(layer.grads[0] ** 2))) for layer in model.layers if isinstance(layer, Affine)]
    return LayerStatistics(activations, grad_sizes, loss)
