"""Reference solutions of 01 · Forward propagation, shown with ``solutions.show(name)``."""

import math

__all__ = ["h2_by_hand", "output_shape", "composed_line", "sigmoid_neuron"]


def h2_by_hand():
    """h2 = x1·w12 + x2·w22 + b2: unit 2 takes column 2 of W and the second entry of b."""
    x1, x2 = 2.0, -1.0
    w12, w22 = -1.0, 0.5  # W[0, 1] and W[1, 1]: w_ij joins input i to hidden unit j
    b2 = 1.0
    return x1 * w12 + x2 * w22 + b2  # 2·(−1) + (−1)·0.5 + 1 = −1.5


def output_shape():
    """(N×D)(D×H) = (N×H): the rows come from x (one a sample), the columns from W."""
    N, D, H = 32, 3, 5
    return (N, H)  # the shared size D is summed over and disappears


def composed_line():
    """f(g(x)) = 2(5x + 3) − 1 = 10x + 5: slopes multiply, g's intercept is scaled by f's slope."""
    f_slope, f_intercept = 2.0, -1.0
    g_slope, g_intercept = 5.0, 3.0
    slope = f_slope * g_slope
    intercept = f_slope * g_intercept + f_intercept
    return slope, intercept  # (10.0, 5.0)


def sigmoid_neuron():
    """σ(w·x + b) for w = 2, x = 1.5, b = −1: the input is 2, and σ(2) ≈ 0.881."""
    w, x, b = 2.0, 1.5, -1.0
    z = w * x + b
    return 1.0 / (1.0 + math.exp(-z))
