"""Reference solutions of notebook 06 · Training a network.

Each is a small function whose source shows the working; ``solutions.show(name)`` prints it.
"""

import numpy as np

__all__ = ["sgd_step", "learning_rate", "dW1_shape", "find_the_slip"]


def sgd_step():
    """W2 after one SGD step on the MSE example (h = σ(x W1), ŷ = h W2, L = (ŷ − y)²), α = 0.1."""
    from nnkit import sigmoid

    x = np.array([[1.0, 2.0]])
    W1 = np.array([[0.1, -0.2], [0.3, 0.4]])
    W2 = np.array([[0.5], [-0.5]])
    y = 1.0
    h = sigmoid(x @ W1)
    y_hat = h @ W2
    dW2 = h.T @ (2 * (y_hat - y))  # ∂L/∂W2 = hᵀ · 2(ŷ − y), shape (2, 1) like W2
    return W2 - 0.1 * dW2  # w ← w − α ∂L/∂w: downhill, a step of α times the slope


def learning_rate():
    """A learning rate that trains the 2-10-3 sigmoid network on the spiral in 150 epochs.

    About 1 to 8 works: below, the loss creeps; above, the first steps overshoot. 1.0 is
    the choice of *Deep Learning from Scratch 2* for this network.
    """
    return 1.0


def dW1_shape():
    """The shape of dW1 of TwoLayerNet(2, 10, 3) on minibatches of 30 rows."""
    # dW1 = xᵀ · dout: (2×30)(30×10) = (2×10). The 30 rows are summed away: a gradient
    # has the shape of its parameter, and W1 maps 2 inputs to 10 hidden neurons.
    return (2, 10)


def find_the_slip():
    """The corrected last factor of ∂L/∂W1 = ∂L/∂ŷ · ∂ŷ/∂h · ∂h/∂W1."""
    # h = σ(W1 x) does not depend on W2 at all (∂h/∂W2 = 0); the chain runs
    # L ← ŷ ← h ← W1, so its last link is ∂h/∂W1 = h(1 − h)·x. The source's result
    # 2(ŷ − y)·W2·h(1 − h)·x is right; only the name of the factor slipped.
    return "dh/dW1"
