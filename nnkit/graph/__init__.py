r"""A scalar autodiff engine: the computational graph behind the diagrams.

Every arithmetic step on a ``Value`` makes a new ``Value`` that remembers which
operation made it (``op``), from which inputs (``inputs``) and the local gradient of
its output with respect to each input, worked out in the forward pass while the inputs
are at hand. ``backward()`` then applies the chain rule node by node, from the output
back to the inputs:

$$\text{downstream} = \text{upstream} \times \text{local}.$$

A value used more than once (the copy gate) receives one contribution per use, and the
contributions add up. ``backward_steps()`` returns the same pass as a list of steps a
notebook can show one at a time.

The operations are the gates of the lesson: ``+ × max exp log 1/x σ tanh relu **p``
and ``×(-1)`` (negation). Subtraction and division are built from them, ``a - b`` as
``a + (-b)`` and ``a / b`` as ``a × (1/b)``, so
``1 / (1 + (-(w0*x0 + w1*x1 + w2)).exp())`` is the CS231n picture of the sigmoid
neuron: ``×, ×, +, +, ×(-1), exp, +1, 1/x``.

The package: ``value`` holds ``Value``, ``maximum``, the backward pass and ``rebuild``
(the same graph with other input numbers); ``steps`` the names a learner reads (gate
labels, node names) and ``BackwardStep``; ``examples`` the lesson's graphs, such as
``logistic_neuron()``.

Example:
    >>> x, y, z = Value(-2, "x"), Value(5, "y"), Value(-4, "z")
    >>> f = (x + y) * z
    >>> f.backward()
    >>> x.grad, y.grad, z.grad
    (-4.0, -4.0, 3.0)
"""

from .examples import logistic_neuron
from .steps import (  # noqa: F401  (the private names are the diagrams' way in)
    ADD, EXP, LOG, MAX, MUL, NEG, RECIPROCAL, RELU, SIGMOID, TANH,
    BackwardStep, _folded_constant, _make_steps, gate_label,
)
from .value import Value, _backward_pass, maximum, rebuild  # noqa: F401

__all__ = ["Value", "maximum", "BackwardStep", "logistic_neuron", "rebuild"]
