"""Reference solutions of notebook 05 · Backpropagation through layers.

Each is the exercise's class with its backward written; ``solutions.show(name)`` prints it,
forward and all, so it can be read beside the exercise cell.
"""

import numpy as np

from ..functions import one_hot, softmax

__all__ = ["relu_backward", "sigmoid_backward", "affine_backward", "softmax_with_loss_backward"]


class MyReLU:
    """ReLU with the layer contract: the forward pass remembers where x ≤ 0."""

    def __init__(self):
        self.params, self.grads = [], []
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        dx = dout.copy()  # a copy: the layer above may still need its dout
        dx[self.mask] = 0.0  # where x ≤ 0 the slope is 0 (at exactly 0: by convention)
        return dx


class MySigmoid:
    """Sigmoid with the layer contract: the forward pass stores its output y."""

    def __init__(self):
        self.params, self.grads = [], []
        self.y = None

    def forward(self, x):
        self.y = 1.0 / (1.0 + np.exp(-x))
        return self.y

    def backward(self, dout):
        return dout * self.y * (1.0 - self.y)  # dy/dx = y(1 - y), from the stored output


class MyAffine:
    """y = xW + b with the layer contract: the forward pass stores its input x."""

    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]
        self.x = None

    def forward(self, x):
        self.x = x
        W, b = self.params
        return x @ W + b

    def backward(self, dout):
        W, _ = self.params
        self.grads[0][...] = self.x.T @ dout  # dW = xᵀ dout: (D×N)(N×H) = (D×H), in place
        self.grads[1][...] = dout.sum(axis=0)  # b was added to every row: sum over the batch
        return dout @ W.T  # dx = dout Wᵀ: (N×H)(H×D) = (N×D)


class MySoftmaxWithLoss:
    """Softmax and the cross-entropy error as one layer: the forward pass stores y and one-hot t."""

    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y = softmax(x)
        self.t = one_hot(t, x.shape[1])
        return float(-np.sum(self.t * np.log(self.y)) / len(x))

    def backward(self, dout=1.0):
        n = len(self.t)
        return dout * (self.y - self.t) / n  # the loss is a mean over N rows: divide by N


relu_backward = MyReLU
sigmoid_backward = MySigmoid
affine_backward = MyAffine
softmax_with_loss_backward = MySoftmaxWithLoss
