"""``Value``, one number of a computational graph with its gradient; ``maximum``; the backward pass; ``rebuild``."""

import math
import operator

from .._validation import describe, is_real
from .steps import ADD, EXP, LOG, MAX, MUL, NEG, RECIPROCAL, RELU, SIGMOID, TANH, _make_steps, _target

__all__ = ["Value", "maximum", "rebuild"]


def _format_constant(c):
    """A constant as the learner wrote it: ``1``, ``-3``, ``0.5``."""
    return f"{c:g}"


def _short(x):
    """Four significant digits for ``repr``, always looking like a float."""
    text = f"{x:.4g}"
    return text if any(ch in text for ch in ".ein") else text + ".0"


class Value:
    """One number in a computational graph, with its gradient.

    Attributes:
        data: the forward value (a float).
        grad: $\\partial\\,\\text{root} / \\partial\\,\\text{self}$ after ``root.backward()``
            (0.0 before).
        label: a name for diagrams and step texts, such as ``"w0"`` ("" for none).
        op: the operation that made this value (``"+"``, ``"×"``, ``"exp"`` …), or ""
            for a leaf (an input or a constant).
        inputs: the Values the operation was applied to (an empty tuple for a leaf).
        exponent: the power p of a ``**p`` node, as the float it was given (None for
            every other node); ``op`` shows it rounded, as ``"**0.123457"``.

    Plain numbers mix in on either side (``2 * v``, ``1 + v``, ``1 / v``, ``v - 3``);
    each becomes a constant leaf labelled with the number.
    """

    __slots__ = ("data", "grad", "label", "op", "inputs", "exponent", "_local", "_constant")

    # Tells numpy to leave ``np.float64(2) * v`` to Value.__rmul__ instead of making
    # an object array out of it.
    __array_ufunc__ = None

    def __init__(self, data, label=""):
        if not is_real(data):
            raise TypeError(f"Value expects one real number as data (got {describe(data)}).")
        data = float(data)
        if not math.isfinite(data):
            raise ValueError(f"Value expects a finite number as data (got {data}).")
        if not isinstance(label, str):
            raise TypeError(f"Value expects the label to be a string (got {describe(label)}).")
        self.data = data
        self.grad = 0.0
        self.label = label
        self.op = ""
        self.inputs = ()
        self.exponent = None
        self._local = ()
        self._constant = False

    @property
    def is_constant(self):
        """True for a leaf made from a plain number (the 1 of ``1 + v``), not a named input."""
        return self._constant

    @classmethod
    def _result(cls, data, op, inputs, local):
        """The output of an operation: its value, its inputs and the local gradients."""
        out = cls.__new__(cls)
        out.data = float(data)
        out.grad = 0.0
        out.label = ""
        out.op = op
        out.inputs = tuple(inputs)
        out.exponent = None
        out._local = tuple(float(g) for g in local)
        out._constant = False
        return out

    @classmethod
    def _coerce(cls, other, what):
        """``other`` as a Value: a Value as it is, a number as a constant leaf."""
        if isinstance(other, Value):
            return other
        if is_real(other):
            const = cls(other, _format_constant(float(other)))
            const._constant = True
            return const
        raise TypeError(f"{what} expects a number or a Value (got {describe(other)}).")

    # ----- the gates ---------------------------------------------------------------

    def __add__(self, other):
        other = Value._coerce(other, "Value +")
        return Value._result(self.data + other.data, ADD, (self, other), (1.0, 1.0))

    def __radd__(self, other):
        other = Value._coerce(other, "+ with a Value")
        return Value._result(other.data + self.data, ADD, (other, self), (1.0, 1.0))

    def __mul__(self, other):
        other = Value._coerce(other, "Value *")
        # the mul gate swaps its inputs: d(ab)/da = b, d(ab)/db = a
        return Value._result(self.data * other.data, MUL, (self, other), (other.data, self.data))

    def __rmul__(self, other):
        other = Value._coerce(other, "* with a Value")
        return Value._result(other.data * self.data, MUL, (other, self), (self.data, other.data))

    def __neg__(self):
        return Value._result(-self.data, NEG, (self,), (-1.0,))

    def __sub__(self, other):
        other = Value._coerce(other, "Value -")
        if other._constant:  # v - 3 is v + (-3): one gate, not a constant run through ×(-1)
            return self + (-other.data)
        return self + (-other)

    def __rsub__(self, other):
        other = Value._coerce(other, "- with a Value")
        return other + (-self)

    def reciprocal(self):
        r"""$1/x$, with local gradient $-1/x^2$."""
        if self.data == 0.0:
            raise ZeroDivisionError(f"1/x expects a nonzero input (got 0.0 from {_target(self)}).")
        y = 1.0 / self.data
        return Value._result(y, RECIPROCAL, (self,), (-y * y,))

    def __truediv__(self, other):
        other = Value._coerce(other, "Value /")
        if other._constant:  # v / 2 is v × 0.5: a number has no gate of its own
            if other.data == 0.0:
                raise ZeroDivisionError(f"Value / expects a nonzero number to divide by (got {other.data}).")
            return self * (1.0 / other.data)
        return self * other.reciprocal()

    def __rtruediv__(self, other):
        other = Value._coerce(other, "/ with a Value")
        if other._constant and other.data == 1.0:
            return self.reciprocal()  # 1 / v is the 1/x gate itself, as in the CS231n picture
        return other * self.reciprocal()

    def __pow__(self, exponent):
        if not is_real(exponent):
            raise TypeError(
                f"Value ** expects a plain number as the exponent (got {describe(exponent)}); "
                f"for a Value exponent write (b * a.log()).exp()."
            )
        p = float(exponent)
        x = self.data
        if x < 0 and not p.is_integer():
            raise ValueError(f"x**{p:g} expects x ≥ 0 for a fractional power (got x = {x}).")
        if x == 0 and p < 1 and p != 0:
            raise ZeroDivisionError(f"x**{p:g} has no finite value or slope at x = 0 (got x = 0.0).")
        local = 0.0 if p == 0 else p * x ** (p - 1)
        out = Value._result(x**p, f"**{p:g}", (self,), (local,))
        out.exponent = p  # the op text is rounded for the picture; rebuild() needs every digit
        return out

    def __rpow__(self, base):
        raise TypeError(
            f"number ** Value is not a gate of this engine (got {describe(base)} ** Value); "
            f"write (v * math.log(base)).exp() instead."
        )

    def exp(self):
        r"""$e^x$, whose local gradient is itself."""
        try:
            y = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp expects an input below 709 so the result fits a float (got {self.data}).") from None
        return Value._result(y, EXP, (self,), (y,))

    def log(self):
        r"""$\ln x$, with local gradient $1/x$."""
        if self.data <= 0:
            raise ValueError(f"log expects a positive input (got {self.data} from {_target(self)}).")
        return Value._result(math.log(self.data), LOG, (self,), (1.0 / self.data,))

    def sigmoid(self):
        r"""$\sigma(x) = 1 / (1 + e^{-x})$ as one node, with local gradient $y(1 - y)$."""
        x = self.data
        if x >= 0:
            y = 1.0 / (1.0 + math.exp(-x))
        else:  # keeps the exponent ≤ 0 so exp never overflows
            z = math.exp(x)
            y = z / (1.0 + z)
        return Value._result(y, SIGMOID, (self,), (y * (1.0 - y),))

    def tanh(self):
        r"""$\tanh x$, with local gradient $1 - y^2$."""
        y = math.tanh(self.data)
        return Value._result(y, TANH, (self,), (1.0 - y * y,))

    def relu(self):
        r"""$\max(0, x)$; the local gradient is 1 for x > 0 and 0 for x ≤ 0 (PyTorch's convention)."""
        x = self.data
        return Value._result(max(x, 0.0), RELU, (self,), (1.0 if x > 0 else 0.0,))

    # ----- the backward pass -------------------------------------------------------

    def topological_order(self):
        """Every Value this one depends on, each listed after all of its inputs.

        The last entry is ``self``. Iterative, so graphs of thousands of nodes do not hit
        Python's recursion limit.

        Raises:
            ValueError: when the graph has a cycle (only possible by editing ``inputs``).
        """
        visiting, done = object(), object()
        state = {self: visiting}
        order = []
        stack = [[self, 0]]
        while stack:
            frame = stack[-1]
            node, i = frame
            if i < len(node.inputs):
                frame[1] += 1
                child = node.inputs[i]
                if not isinstance(child, Value):
                    raise TypeError(
                        f"The inputs of {_target(node)} must be Values (got {describe(child)})."
                    )
                seen = state.get(child)
                if seen is None:
                    state[child] = visiting
                    stack.append([child, 0])
                elif seen is visiting:
                    raise ValueError(
                        f"The graph of {_target(self)} has a cycle through {_target(child)}; "
                        f"a computational graph must never feed a node back into its own inputs."
                    )
            else:
                stack.pop()
                state[node] = done
                order.append(node)
        return order

    def backward(self):
        """Fill ``grad`` of every node reached from this one with d(self)/d(node).

        Every grad of the graph is reset to 0 first, so calling it twice gives the same
        gradients; then ``self.grad`` is 1 and each operation node, in reverse
        topological order, adds upstream × local to the grad of each of its inputs.
        On a leaf it only sets ``self.grad = 1``.
        """
        order, grads, _ = _backward_pass(self, record=False)
        for node in order:
            node.grad = grads[node]

    def backward_steps(self):
        """Run ``backward()`` and return its work as a list of ``BackwardStep``s.

        One step per operation node, in the order they are processed; leaves send
        nothing, so a leaf's ``backward_steps()`` is an empty list (and sets its grad to
        1, as ``backward()`` does). The grads are left as ``backward()`` leaves them.

        Example:
            >>> f = Value(2.0, "x") * 3
            >>> for step in f.backward_steps():
            ...     print(step)
            step 1 of 1: ×3 node: upstream 1.00 × local 3.00 = 3.00 → to x
        """
        order, grads, raw = _backward_pass(self, record=True)
        for node in order:
            node.grad = grads[node]
        return _make_steps(raw)

    def __repr__(self):
        parts = [f"data={_short(self.data)}", f"grad={_short(self.grad)}"]
        if self.op:
            parts.append(f"op={self.op!r}")
        if self.label:
            parts.append(f"label={self.label!r}")
        return f"Value({', '.join(parts)})"


def maximum(a, b):
    r"""The max gate $\max(a, b)$: it routes the whole upstream gradient to the larger input.

    On a tie the first input gets it. Either argument may be a plain number.
    """
    a = Value._coerce(a, "maximum")
    b = Value._coerce(b, "maximum")
    first = a.data >= b.data
    return Value._result(max(a.data, b.data), MAX, (a, b), (1.0, 0.0) if first else (0.0, 1.0))


def _backward_pass(root, record):
    """The chain rule over the graph, without touching any node's ``grad``.

    Returns the topological order, a dict node -> gradient and, when ``record``, a list
    of (node, upstream, local, downstream) in processing order. Diagrams use this
    directly so drawing a graph never changes the learner's grads.
    """
    if not isinstance(root, Value):
        raise TypeError(f"backward expects a Value as the root (got {describe(root)}).")
    order = root.topological_order()
    grads = dict.fromkeys(order, 0.0)
    grads[root] = 1.0
    raw = []
    for node in reversed(order):  # every consumer of a node comes before the node itself
        if not node.inputs:
            continue
        if len(node._local) != len(node.inputs):
            raise ValueError(
                f"{_target(node).capitalize()} has {len(node.inputs)} inputs but "
                f"{len(node._local)} local gradients; its inputs were edited by hand."
            )
        upstream = grads[node]
        downstream = tuple(upstream * local for local in node._local)
        for child, d in zip(node.inputs, downstream):
            grads[child] += d  # += : a value used twice gets both contributions
        if record:
            raw.append((node, upstream, node._local, downstream))
    return order, grads, raw



# ----- the same graph with other numbers ---------------------------------------------

# How each operation is applied again to new inputs, in their order. A ``**p`` node is
# remade from its ``exponent``, not from its op text.
_GATES = {
    ADD: operator.add, MUL: operator.mul, MAX: maximum, NEG: operator.neg,
    EXP: Value.exp, LOG: Value.log, RECIPROCAL: Value.reciprocal,
    SIGMOID: Value.sigmoid, TANH: Value.tanh, RELU: Value.relu,
}


def _copy_leaf(leaf, data):
    new = Value(data, leaf.label)
    new._constant = leaf._constant
    return new


def _remake(node, inputs):
    """``node``'s operation applied to new ``inputs`` (Values), keeping their order."""
    if node.exponent is not None and len(inputs) == 1:
        made = inputs[0] ** node.exponent
    elif node.op in _GATES and len(inputs) == len(node.inputs):
        made = _GATES[node.op](*inputs)
    else:
        raise ValueError(f"rebuild cannot apply {_target(node)} again: its operation {node.op!r} with "
                         f"{len(inputs)} inputs is not a gate of this engine.")
    made.label = node.label
    return made


def rebuild(root, values):
    """The same graph computed again with new numbers in some of its input leaves.

    Every operation is applied again, inputs before the nodes that use them, so the new
    graph has the same gates wired the same way, with the same labels and constants:
    its ``topological_order()`` lists the new nodes at the positions of the old ones it
    stands for. The new graph shares no node with the old one, and nothing of the old
    one changes (not its numbers, not its ``grad``s). A slider over an input of a
    graph does this on every move.

    Example:
        >>> x, y = Value(3.0, "x"), Value(2.0, "y")
        >>> f = x * y + x
        >>> rebuild(f, {x: -1.0}).data       # (-1)·2 + (-1)
        -3.0

    Args:
        root: the output Value of the graph.
        values: a dict from input leaves of that graph (Values that are not
            constants) to their new numbers; the leaves left out keep theirs.

    Returns:
        The new graph's output Value.

    Raises:
        TypeError, ValueError: ``values`` names something that is not an input leaf of
            this graph, or a number that is not a finite real number.
        ZeroDivisionError, ValueError, OverflowError: a gate that cannot take the new
            numbers (1/x of 0, log of a negative number, exp of 800 …), in its own words.
    """
    if not isinstance(root, Value):
        raise TypeError(f"rebuild expects a Value as the root (got {describe(root)}).")
    if not isinstance(values, dict):
        raise TypeError(f"rebuild expects values as a dict from input Values to numbers (got {describe(values)}).")
    order = root.topological_order()
    inputs = {node for node in order if not node.inputs and not node._constant}
    for leaf, number in values.items():
        if leaf not in inputs:
            what = describe(leaf) if not isinstance(leaf, Value) else _target(leaf)
            raise ValueError(f"rebuild expects the keys of values to be input leaves of this graph (got {what}).")
        if not is_real(number) or not math.isfinite(number):
            raise ValueError(f"rebuild expects a finite number for {_target(leaf)} (got {describe(number)}).")
    new = {}
    for node in order:
        if node.inputs:
            new[node] = _remake(node, [new[child] for child in node.inputs])
        else:
            new[node] = _copy_leaf(node, values.get(node, node.data))
    return new[root]
