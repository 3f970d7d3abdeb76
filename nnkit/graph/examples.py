"""The lesson's graphs, built from Values: the CS231n logistic neuron."""

from .value import Value

__all__ = ["logistic_neuron"]


def logistic_neuron(w0=2.0, x0=-1.0, w1=-3.0, x1=-2.0, w2=-3.0):
    r"""The CS231n logistic neuron $\sigma(w_0 x_0 + w_1 x_1 + w_2)$, with σ written out as ×(-1), exp, +1 and 1/x.

    The defaults are the lesson's numbers (its output is 0.73). The leaves are labelled
    ``w0 x0 w1 x1 w2`` and the inner sums ``w0x0``, ``w1x1`` and ``s``, so a backward
    step's sentence says which node it sends to.

    Example:
        >>> f = logistic_neuron()
        >>> [step.name for step in f.backward_steps()][:4]
        ['1/x node', '+1 node', 'exp node', '×(-1) node']

    Returns:
        The output Value (its graph has 8 operation nodes).
    """
    w0, x0, w1, x1, w2 = (Value(v, name) for v, name in
                          [(w0, "w0"), (x0, "x0"), (w1, "w1"), (x1, "x1"), (w2, "w2")])
    w0x0, w1x1 = w0 * x0, w1 * x1
    w0x0.label, w1x1.label = "w0x0", "w1x1"
    s = w0x0 + w1x1 + w2
    s.label = "s"
    return 1 / (1 + (-s).exp())
