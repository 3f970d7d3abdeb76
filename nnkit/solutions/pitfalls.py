"""Reference solutions of notebook 07 · When training goes wrong.

Each is a small function whose source shows the working; ``solutions.show(name)`` prints it.
"""

__all__ = ["smallest_gradient", "relu_init", "fastest_lr"]


def smallest_gradient():
    """The Affine layer of the 8-layer sigmoid stack (scale 0.01) whose dW is smallest: 1 to 9."""
    # On the way back every sigmoid multiplies the gradient by its slope y(1 − y) ≤ 0.25,
    # and every Affine by W (entries of about 0.01). The first layer is the one the
    # gradient reaches last, after all eight sigmoids: it gets the smallest.
    return 1


def relu_init():
    """The weight scale that keeps a deep ReLU stack's activations the same size layer after layer."""
    # ReLU zeroes about half its inputs, halving the variance; He's std √(2/n) doubles
    # it back, so each layer's output has the spread of its input.
    return "he"


def fastest_lr():
    """The learning rate with which SGD reaches the bottom of the bowl L = 0.2 w1² + w2² fastest."""
    # Each step multiplies w1 by (1 − 0.4 lr) and w2 by (1 − 2 lr). The slower of the two
    # is fastest when both shrink equally: 1 − 0.4 lr = −(1 − 2 lr), so lr = 2 / 2.4.
    return round(2 / 2.4, 2)
