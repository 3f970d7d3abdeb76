"""Checkers for notebook 04 · Chain rule and computational graphs.

Each exercise is one node of a graph: given its inputs and the upstream gradient, the
learner writes what the node sends back (upstream × local). The hints name the classic
slips: a mul gate that forgot to swap, a max gate that fed both inputs, a copy whose two
gradients were not added, a chain that stopped one node early.
"""

import math

from .._text import Text
from ._verdict import is_stub, judge_number, not_done, read_number, right, wrong

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

    ``one_off`` is a pair of hint codes: for dx wrong (dy right) and for dy wrong (dx right).
    """
    if is_stub(dx) or is_stub(dy):
        return not_done("chain.pair.placeholder", "chain.pair.placeholder.hint")
    got = []
    for answer, name in ((dx, "dx"), (dy, "dy")):
        value, problem = read_number(answer, name)
        if problem is not None:
            return problem
        got.append(value)
    if all(_close(g, e) for g, e in zip(got, expected)):
        return right(why)
    said = {"dx": _fmt(got[0]), "dy": _fmt(got[1])}
    for mistake, hint in hints:
        if all(_close(g, m) for g, m in zip(got, mistake)):
            return wrong("chain.pair.wrong", hint, **said)
    if all(_close(g, m) for g, m in zip(got, expected[::-1])) and expected[0] != expected[1]:
        return wrong("chain.pair.wrong", "chain.pair.swapped", **said)
    if _close(got[1], expected[1]):
        return wrong("chain.pair.dx_off", one_off[0], **said)
    if _close(got[0], expected[0]):
        return wrong("chain.pair.dy_off", one_off[1], **said)
    return wrong("chain.pair.wrong", "chain.pair.generic", generic=True, **said)


def check_mul_gate(dx, dy):
    """z = x·y with x = 3, y = -2 and upstream dL/dz = 5: dx = 5·(-2) = -10, dy = 5·3 = 15."""
    (x, y), up = GATE_INPUTS["mul"], GATE_INPUTS["upstream"]
    return _check_pair(
        dx, dy, (up * y, up * x),
        why="chain.mul.right",
        hints=[
            ((up * x, up * y), "chain.mul.own_value"),
            ((up, up), "chain.mul.add_rule"),
            ((y, x), "chain.mul.local_only"),
            ((up * x * y, up * x * y), "chain.mul.output"),
            ((-up * y, -up * x), "chain.mul.signs"),
            ((x * y, x * y), "chain.mul.output"),
            ((up + y, up + x), "chain.mul.added"),
            ((x, y), "chain.mul.own_local"),
        ],
        one_off=("chain.mul.dx", "chain.mul.dy"),
    )


def check_add_gate(dx, dy):
    """z = x + y with x = 3, y = -2 and upstream dL/dz = 5: both get 5."""
    (x, y), up = GATE_INPUTS["add"], GATE_INPUTS["upstream"]
    return _check_pair(
        dx, dy, (up, up),
        why="chain.add.right",
        hints=[
            ((up * y, up * x), "chain.add.mul_swap"),
            ((up * x, up * y), "chain.add.values"),
            ((1.0, 1.0), "chain.add.local_only"),
            ((up / 2, up / 2), "chain.add.split"),
            ((up, 0.0), "chain.add.only_x"),
            ((0.0, up), "chain.add.only_y"),
            ((up, -up), "chain.add.minus"),
            ((x + y, x + y), "chain.add.output"),
        ],
        one_off=("chain.add.dx", "chain.add.dy"),
    )


def check_max_gate(dx, dy):
    """z = max(x, y) with x = 2, y = 7 and upstream 5: y won, so dx = 0 and dy = 5."""
    (x, y), up = GATE_INPUTS["max"], GATE_INPUTS["upstream"]
    return _check_pair(
        dx, dy, (0.0, up),
        why="chain.max.right",
        hints=[
            ((up, up), "chain.max.both"),
            ((up, 0.0), "chain.max.loser"),
            ((up / 2, up / 2), "chain.max.split"),
            ((0.0, 1.0), "chain.max.local_only"),
            ((0.0, y), "chain.max.value"),
            ((0.0, 0.0), "chain.max.none"),
            ((up * x / (x + y), up * y / (x + y)), "chain.max.share"),
            ((0.0, up * y), "chain.max.times_value"),
        ],
        one_off=("chain.max.dx", "chain.max.dy"),
    )


#: The copy exercise: f = x·y + max(x, z) at x = 3, y = -2, z = 1.
COPY_INPUTS = {"x": 3.0, "y": -2.0, "z": 1.0}


def check_copy_gate(dx):
    """x = 3 feeds both x·y and max(x, z) in f = x·y + max(x, z): df/dx = -2 + 1 = -1."""
    if is_stub(dx):
        return not_done("chain.copy.placeholder", "chain.copy.placeholder.hint")
    x, y, z = COPY_INPUTS["x"], COPY_INPUTS["y"], COPY_INPUTS["z"]
    from_mul = y  # upstream 1 (through +) × the other input
    from_max = 1.0 if x >= z else 0.0  # x = 3 beats z = 1
    return judge_number(
        dx, from_mul + from_max, name=Text("chain.name.df_dx"), decimals=0,
        why=("chain.copy.right", {}),
        hints=[
            (from_mul, "chain.copy.mul_only"),
            (from_max, "chain.copy.max_only"),
            ((from_mul + from_max) / 2, "chain.copy.average"),
            (x + from_max, "chain.copy.own_value"),
            (-(from_mul + from_max), "chain.copy.sign"),
            (from_mul - from_max, "chain.copy.sign"),
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
    return judge_number(
        answer, n["x0"] * at_sum, name=Text("chain.name.df_dw0"),
        why=("chain.neuron.right", {"at_sum": f"{at_sum:.3f}", "value": f"{n['x0'] * at_sum:.3f}"}),
        hints=[
            (n["w0"] * at_sum, "chain.neuron.times_w0"),
            (at_sum, "chain.neuron.stopped"),
            (y, "chain.neuron.forward_value"),
            (n["x0"] * y, "chain.neuron.y"),
            (n["x0"] * (1 - y), "chain.neuron.one_minus_y"),
            (-n["x0"] * at_sum, "chain.neuron.sign"),
            (n["x1"] * at_sum, "chain.neuron.x1"),
            (n["x0"], "chain.neuron.no_sigmoid"),
            (-0.20, "chain.neuron.lesson"),
            (n["x0"] * _sigmoid(1.0) * (1 - _sigmoid(1.0)) * n["w0"], "chain.neuron.times_w0"),
        ],
    )
