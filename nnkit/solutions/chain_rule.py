"""Reference solutions of notebook 04 · Chain rule and computational graphs.

Each is a small function whose source shows the working; ``solutions.show(name)`` prints it.
"""

__all__ = ["mul_gate_grads", "add_gate_grads", "max_gate_grads", "copy_gate_grad", "neuron_grad_w0"]


def mul_gate_grads():
    """z = x·y at x = 3, y = -2 with upstream dL/dz = 5: (dL/dx, dL/dy)."""
    x, y, upstream = 3.0, -2.0, 5.0
    return upstream * y, upstream * x  # the inputs swap: (-10, 15)


def add_gate_grads():
    """z = x + y at x = 3, y = -2 with upstream dL/dz = 5: (dL/dx, dL/dy)."""
    upstream = 5.0
    return upstream * 1.0, upstream * 1.0  # local gradients are 1: (5, 5)


def max_gate_grads():
    """z = max(x, y) at x = 2, y = 7 with upstream dL/dz = 5: (dL/dx, dL/dy)."""
    x, y, upstream = 2.0, 7.0, 5.0
    return (upstream, 0.0) if x >= y else (0.0, upstream)  # y won: (0, 5)


def copy_gate_grad():
    """df/dx for f = x·y + max(x, z) at x = 3, y = -2, z = 1 (x is used twice)."""
    x, y, z = 3.0, -2.0, 1.0
    from_mul = 1.0 * y  # the + node passes 1; the mul gate gives x the other input, y
    from_max = 1.0 if x >= z else 0.0  # x won the max
    return from_mul + from_max  # a copied value adds what comes back: -1


def neuron_grad_w0():
    """df/dw0 for f = σ(w0·x0 + w1·x1 + w2) at w0 = 1.5, x0 = 2, w1 = -1, x1 = 1, w2 = -1."""
    import math

    w0, x0, w1, x1, w2 = 1.5, 2.0, -1.0, 1.0, -1.0
    s = w0 * x0 + w1 * x1 + w2  # 1.0
    y = 1 / (1 + math.exp(-s))  # 0.731
    d_s = 1.0 * y * (1 - y)  # through the sigmoid node: 0.197
    return d_s * x0  # the add gate passes d_s on, the mul gate swaps: 0.393
