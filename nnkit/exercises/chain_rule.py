"""Checkers for notebook 04 · Chain rule and computational graphs.

Each exercise is one node of a graph: given its inputs and the upstream gradient, the
learner writes what the node sends back (upstream × local). The hints name the classic
slips: a mul gate that forgot to swap, a max gate that fed both inputs, a copy whose two
gradients were not added, a chain that stopped one node early.
"""

import math

from ._verdict import check_number, is_stub, not_done, right, wrong

__all__ = [
    "check_mul_gate",
    "check_add_gate",
    "check_max_gate",
    "check_copy_gate",
    "check_neuron_grad",
    "GATE_INPUTS",
    "COPY_INPUTS",
    "NEURON",
]

#: The inputs and the upstream gradient of the add, mul and max exercises.
GATE_INPUTS = {"mul": (3.0, -2.0), "add": (3.0, -2.0), "max": (2.0, 7.0), "upstream": 5.0}


def _fmt(v):
    return f"{v + 0.0:g}"


def _close(a, b, tol=1e-6):
    return abs(a - b) <= tol * max(1.0, abs(b))


def _check_pair(dx, dy, expected, *, why, hints, one_off):
    """Compare (dx, dy) with ``expected``; try the mistakes in ``hints``; then say which one is off.

    ``one_off`` is a pair of hints: for dx wrong (dy right) and for dy wrong (dx right).
    """
    if is_stub(dx) or is_stub(dy):
        return not_done("dx and dy are still placeholders.",
                        "each input gets upstream × local: replace each ... with a number.")
    try:
        got = (float(dx), float(dy))
    except (TypeError, ValueError):
        return wrong("dx and dy should be numbers.", "write each one as a single number, such as -2.5.")
    if not all(math.isfinite(v) for v in got):
        return wrong("dx and dy should be finite numbers.", "write each one as a single number, such as -2.5.")
    if all(_close(g, e) for g, e in zip(got, expected)):
        return right(why)
    said = f"(dx, dy) = ({_fmt(got[0])}, {_fmt(got[1])}) is not it."
    for mistake, hint in hints:
        if all(_close(g, m) for g, m in zip(got, mistake)):
            return wrong(said, hint)
    if _close(got[1], expected[1]):
        return wrong(f"dy is right; dx = {_fmt(got[0])} is not.", one_off[0])
    if _close(got[0], expected[0]):
        return wrong(f"dx is right; dy = {_fmt(got[1])} is not.", one_off[1])
    return wrong(said, "for each input: the upstream gradient times the local gradient d(out)/d(input).")


def check_mul_gate(dx, dy):
    """z = x·y with x = 3, y = -2 and upstream dL/dz = 5: dx = 5·(-2) = -10, dy = 5·3 = 15."""
    (x, y), up = GATE_INPUTS["mul"], GATE_INPUTS["upstream"]
    return _check_pair(
        dx, dy, (up * y, up * x),
        why="the mul gate swaps: dx = 5·y = 5·(-2) = -10 and dy = 5·x = 5·3 = 15.",
        hints=[
            ((up * x, up * y), "you multiplied each input by its own value; the mul gate swaps: x gets upstream × y."),
            ((up, up), "that is the add gate's rule; for z = x·y the local gradient dz/dx is y, not 1."),
            ((y, x), "that is the local gradient alone; multiply it by the upstream gradient 5."),
            ((up * x * y, up * x * y), "dz/dx of x·y is y, not the output x·y: multiply the upstream by the other input."),
            ((-up * y, -up * x), "check the signs: dx = 5 × (-2)."),
        ],
        one_off=("dx = upstream × y, the other input.", "dy = upstream × x, the other input."),
    )


def check_add_gate(dx, dy):
    """z = x + y with x = 3, y = -2 and upstream dL/dz = 5: both get 5."""
    (x, y), up = GATE_INPUTS["add"], GATE_INPUTS["upstream"]
    return _check_pair(
        dx, dy, (up, up),
        why="the add gate distributes: its local gradients are 1, so both inputs get the upstream 5.",
        hints=[
            ((up * y, up * x), "that is the mul gate's swap; for z = x + y the local gradients are both 1."),
            ((up * x, up * y), "the inputs' values play no part here: d(x + y)/dx = 1."),
            ((1.0, 1.0), "1 is the local gradient; multiply it by the upstream gradient 5."),
            ((up / 2, up / 2), "the add gate does not split the gradient: each input gets all of it."),
            ((up, 0.0), "both inputs of an add gate get the upstream gradient, not only x."),
            ((0.0, up), "both inputs of an add gate get the upstream gradient, not only y."),
        ],
        one_off=("dx = upstream × 1.", "dy = upstream × 1."),
    )


def check_max_gate(dx, dy):
    """z = max(x, y) with x = 2, y = 7 and upstream 5: y won, so dx = 0 and dy = 5."""
    (x, y), up = GATE_INPUTS["max"], GATE_INPUTS["upstream"]
    return _check_pair(
        dx, dy, (0.0, up),
        why="the max gate routes: y = 7 won, so y gets the whole 5 and x gets 0.",
        hints=[
            ((up, up), "you gave the gradient to both inputs; max routes it only to the input that won."),
            ((up, 0.0), "the gradient goes to the larger input: y = 7, not x = 2."),
            ((up / 2, up / 2), "the max gate does not split: the winner gets all of the upstream gradient."),
            ((0.0, 1.0), "1 is the local gradient of the winner; multiply it by the upstream gradient 5."),
            ((0.0, y), "7 is y's value; the winner gets the upstream gradient, 5."),
            ((0.0, 0.0), "the winner y gets the upstream gradient; only the loser gets 0."),
        ],
        one_off=("x = 2 lost the max, so it gets 0.", "y = 7 won the max, so it gets the upstream 5."),
    )


#: The copy exercise: f = x·y + max(x, z) at x = 3, y = -2, z = 1.
COPY_INPUTS = {"x": 3.0, "y": -2.0, "z": 1.0}


def check_copy_gate(dx):
    """x = 3 feeds both x·y and max(x, z) in f = x·y + max(x, z): df/dx = -2 + 1 = -1."""
    if is_stub(dx):
        return not_done("dx is still a placeholder.", "add up what comes back to x from each place it is used.")
    x, y, z = COPY_INPUTS["x"], COPY_INPUTS["y"], COPY_INPUTS["z"]
    from_mul = y  # upstream 1 (through +) × the other input
    from_max = 1.0 if x >= z else 0.0  # x = 3 beats z = 1
    return check_number(
        dx, from_mul + from_max, name="df/dx", tol=1e-6,
        why="x is used twice: the mul path sends back y = -2, the max path 1 (x won); they add up to -1.",
        hints=[
            (from_mul, "that is only the gradient through x·y; x also feeds max(x, z): add what comes back from there."),
            (from_max, "that is only the gradient through max(x, z); x also feeds x·y: add what comes back from there."),
            ((from_mul + from_max) / 2, "a copied value adds the gradients that come back; it does not average them."),
            (x + from_max, "through x·y, x gets the other input y (the mul gate swaps), not its own value."),
        ],
    )


#: The neuron of the exercise: f = σ(w0·x0 + w1·x1 + w2) at these numbers (the sum is 1).
NEURON = {"w0": 1.5, "x0": 2.0, "w1": -1.0, "x1": 1.0, "w2": -1.0}


def _sigmoid(s):
    return 1.0 / (1.0 + math.exp(-s))


def check_neuron_grad(answer):
    """df/dw0 for f = σ(w0·x0 + w1·x1 + w2) at w0 = 1.5, x0 = 2, w1 = -1, x1 = 1, w2 = -1."""
    n = NEURON
    s = n["w0"] * n["x0"] + n["w1"] * n["x1"] + n["w2"]  # 1
    y = _sigmoid(s)  # 0.731
    at_sum = y * (1 - y)  # 0.197, the gradient arriving at the sum
    return check_number(
        answer, n["x0"] * at_sum, name="df/dw0", tol=0.015,
        why=f"s = 1, σ'(s) = y(1 - y) = {at_sum:.3f} reaches the sum; the add gate passes it on and "
            f"the mul gate gives w0 the other input: x0 · {at_sum:.3f} = {n['x0'] * at_sum:.3f}.",
        hints=[
            (n["w0"] * at_sum, "at the mul node w0·x0, w0 gets upstream × x0 (the other input), not × w0."),
            (at_sum, "that is the gradient at the sum; one node is left: the mul gate w0·x0 multiplies it by x0."),
            (y, "0.731 is the forward value σ(1); the backward pass starts from df/df = 1 and multiplies local gradients."),
            (n["x0"] * y, "the sigmoid's local gradient is y(1 - y), not y."),
            (n["x0"] * (1 - y), "the sigmoid's local gradient is y(1 - y), not 1 - y."),
            (-n["x0"] * at_sum, "check the sign: every factor on the way back to w0 here is positive."),
        ],
    )
