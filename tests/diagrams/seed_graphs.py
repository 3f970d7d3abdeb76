"""The graphs the diagram tests draw: the lessons' examples and a few harder shapes."""

from nnkit.graph import Value, maximum


def x_plus_y_times_z(values=(-2, 5, -4)):
    """f = (x + y)·z at (-2, 5, -4), with q and f labelled."""
    x, y, z = (Value(v, n) for v, n in zip(values, "xyz"))
    q = x + y
    q.label = "q"
    f = q * z
    f.label = "f"
    return f


def two_sums_times(values=(1, 2, 3, 4)):
    """j = (a + b)·(c + d)."""
    a, b, c, d = (Value(v, n) for v, n in zip(values, "abcd"))
    e, f = a + b, c + d
    e.label, f.label = "e", "f"
    return e * f


def neuron_inputs(values=(2, -1, -3, -2, -3)):
    return [Value(v, n) for v, n in zip(values, ["w0", "x0", "w1", "x1", "w2"])]


def sigmoid_neuron(values=(2, -1, -3, -2, -3)):
    """σ(w0·x0 + w1·x1 + w2) with σ as one node."""
    w0, x0, w1, x1, w2 = neuron_inputs(values)
    return (w0 * x0 + w1 * x1 + w2).sigmoid()


def decomposed_neuron(values=(2, -1, -3, -2, -3)):
    """The same neuron as ×(-1), exp, +1, 1/x."""
    w0, x0, w1, x1, w2 = neuron_inputs(values)
    return 1 / (1 + (-(w0 * x0 + w1 * x1 + w2)).exp())


def shared_values(values=(1.5, -0.5)):
    """A graph where x and y are each used more than once (copy gates) and a max gate."""
    x, y = Value(values[0], "x"), Value(values[1], "y")
    return (x * x + maximum(x, y) * y).tanh()


def many_shared(values=(0.5, -1.2, 2.0)):
    """Three inputs used three or four times each, through nine different gates."""
    a, b, c = (Value(v, n) for v, n in zip(values, "abc"))
    f = (a * b + b * c).tanh() * maximum(a, c) + (a - c).exp() / b
    f.label = "f"
    return f


def small_network(values=(0.5, -1.2)):
    """A 2-3-1 tanh network written in Values: about 25 nodes."""
    x = [Value(values[0], "x1"), Value(values[1], "x2")]
    hidden = []
    for j, (wa, wb, b) in enumerate([(0.3, -0.8, 0.1), (1.1, 0.4, -0.2), (-0.6, 0.9, 0.05)]):
        h = (x[0] * Value(wa, f"w1{j + 1}") + x[1] * Value(wb, f"w2{j + 1}") + Value(b, f"b{j + 1}")).tanh()
        hidden.append(h)
    out = hidden[0] * Value(0.7, "v1") + hidden[1] * Value(-0.5, "v2") + hidden[2] * Value(0.2, "v3")
    return out.sigmoid()


# name -> (builder, the figure size it is meant for, other inputs of the same structure)
SEEDS = {
    "x_plus_y_times_z": (x_plus_y_times_z, (6, 3), (1.5, -0.5, 2)),
    "two_sums_times": (two_sums_times, (6, 3), (-1, 0.5, 2, -3)),
    "sigmoid_neuron": (sigmoid_neuron, (8, 3.5), (1, 1, 1, 1, 1)),
    "decomposed_neuron": (decomposed_neuron, (10, 4), (1, 1, 1, 1, 1)),
    "shared_values": (shared_values, (8, 4), (-0.5, 1.5)),
    "many_shared": (many_shared, (10, 5), (-0.7, 0.4, 1.1)),
    "small_network": (small_network, (12, 6), (-1, 0.25)),
}


def values_reachable_from(obj):
    """Every Value that ``obj`` holds: through dicts, sequences and nnkit objects (their
    attributes and slots), not through matplotlib's artists and not into a Value."""
    seen, found, stack = set(), [], [obj]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, Value):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif type(item).__module__.startswith("nnkit"):
            stack.extend(getattr(item, "__dict__", {}).values())
            for cls in type(item).__mro__:
                stack.extend(getattr(item, slot) for slot in getattr(cls, "__slots__", ()) if hasattr(item, slot))
    return found


def sum_of(n=12):
    """a0 + a1 + … + a(n-1), added one term at a time: a chain of n - 1 + gates, as long as a graph gets."""
    terms = [Value(float(i), f"a{i}") for i in range(n)]
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total
