"""Gradient checking: compare a backward pass with central differences.

The analytic gradient a layer's ``backward`` returns must agree with the slope measured
by nudging each number a little each way,

$$\\frac{\\partial f}{\\partial x_i} \\approx \\frac{f(x + h e_i) - f(x - h e_i)}{2h},$$

and ``check_layer`` does that for every input and every parameter of any object with the
layer contract, in float64, and reports the relative error (as CS231n defines it)
name by name.
"""

import numpy as np

__all__ = ["numerical_derivative", "numerical_gradient", "relative_error", "check_layer", "GradCheckReport"]


def numerical_derivative(f, x, h=1e-4):
    r"""$f'(x) \approx (f(x + h) - f(x - h)) / 2h$ for a function of one number."""
    x = float(x)
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-4):
    r"""The gradient of a scalar function at the array ``x``, one central difference per entry.

    ``f`` is called with ``x`` itself, nudged in place one entry at a time (so it may also
    ignore its argument and read an array it shares with ``x``, such as a layer's
    weights). Each entry is restored right after its two probes.

    Shapes: x any shape -> gradient of the same shape.
    """
    x = np.asarray(x)
    grad = np.zeros(x.shape, dtype=np.float64)
    for i, f_plus, f_minus in _probes(f, x, h):
        grad[i] = (float(f_plus) - float(f_minus)) / (2 * h)
    return grad


def _probes(f, x, h):
    """Yield (index, f(x + h e_i), f(x - h e_i)) for every entry i, restoring x each time."""
    if x.dtype.kind != "f":
        raise TypeError(
            f"numerical_gradient expects x as a float array so it can be nudged in place (got dtype {x.dtype})."
        )
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        original = x[i].copy()
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        x[i] = original  # restore before the next probe
        yield i, f_plus, f_minus


def relative_error(analytic, numerical):
    r"""Entry-wise $|a - n| / \max(10^{-8}, |a| + |n|)$, the CS231n relative error."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numerical, dtype=np.float64)
    return np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))


class GradCheckReport:
    """What ``check_layer`` found: one relative error per input and parameter.

    Attributes:
        passed: True when every error is below ``tol`` and the layer kept its contract.
        max_rel_error: the largest relative error of all the names.
        errors: a dict from a name (``"x"``, ``"y"``, ``"W"``, ``"b"`` …) to its largest
            relative error.
        worst: a dict from a name to (index, analytic, numerical) of its worst entry.
        problems: sentences about broken contract rules (a mutated ``dout``, grads
            replaced instead of written in place, a gradient of the wrong shape).
        tol: the tolerance used.
    """

    def __init__(self, layer_name, errors, worst, shapes, problems, tol):
        self.layer_name = layer_name
        self.errors = errors
        self.worst = worst
        self.shapes = shapes
        self.problems = problems
        self.tol = tol
        self.max_rel_error = max(errors.values(), default=0.0)
        self.passed = not problems and all(e < tol for e in errors.values())

    def __bool__(self):
        return self.passed

    def failed_names(self):
        """The names whose gradient is off, in the order they were checked."""
        return [name for name, e in self.errors.items() if not e < self.tol]

    def __str__(self):
        lines = [f"gradient check of {self.layer_name}"]
        width = max([4] + [len(n) for n in self.errors])
        lines.append(f"  {'name':<{width}}  {'shape':<10}  max rel. error")
        for name, err in self.errors.items():
            mark = "✓" if err < self.tol else "✗"
            shape = str(self.shapes[name])
            lines.append(f"  {name:<{width}}  {shape:<10}  {err:<14.1e}  {mark}")
        for name in self.failed_names():
            index, a, n = self.worst[name]
            lines.append(
                f"  ✗ {name}: worst at index {index}: backward gives {a:.6g}, "
                f"the numerical gradient {n:.6g}"
            )
        lines.extend(f"  ✗ {p}" for p in self.problems)
        verdict = "passed" if self.passed else "FAILED"
        lines.append(f"{verdict} (tolerance {self.tol:.0e})")
        return "\n".join(lines)

    def __repr__(self):
        return (
            f"GradCheckReport({self.layer_name}, passed={self.passed}, "
            f"max_rel_error={self.max_rel_error:.1e})"
        )


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _default_names(n, prefix):
    return [prefix[i] if i < len(prefix) else f"{prefix[0]}{i}" for i in range(n)]


def check_layer(layer, *inputs, t=None, dout=None, seed=0, tol=1e-7, h=1e-5):
    """Check a layer's ``backward`` against central differences, name by name.

    Works with anything that has the layer contract: ``forward(*inputs)`` and
    ``backward(*douts)``, plus ``params``/``grads`` lists when it has parameters. A loss
    layer is called as ``forward(*inputs, t)`` and ``backward()``. Any other layer is
    turned into a scalar by $f = \\sum (\\text{out} \\odot \\text{dout})$ with a random
    ``dout`` (seeded), so its backward is checked with a non-trivial upstream gradient.

    Args:
        layer: the object to check.
        *inputs: the forward inputs (converted to float64 copies).
        t: the targets, for a loss layer.
        dout: the upstream gradient(s); random when None.
        seed: the seed of the random ``dout``.
        tol: the largest relative error that passes.
        h: the nudge of the central differences.

    Returns:
        A GradCheckReport; ``print`` it for the table.
    """
    if not inputs:
        raise ValueError("check_layer expects at least one input array to feed forward (got none).")
    if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
        raise TypeError(
            f"check_layer expects an object with forward() and backward() (got {type(layer).__name__})."
        )
    inputs = [np.array(x, dtype=np.float64) for x in inputs]
    params = list(getattr(layer, "params", []))
    grads = list(getattr(layer, "grads", []))
    is_loss = t is not None

    def run_forward():
        return layer.forward(*inputs, t) if is_loss else layer.forward(*inputs)

    out = run_forward()
    if is_loss:
        douts = (1.0,)
        outputs = lambda _: (np.float64(run_forward()),)
    else:
        if dout is None:
            rng = np.random.default_rng(seed)
            douts = tuple(rng.standard_normal(np.shape(o)) for o in _as_tuple(out))
        else:
            douts = tuple(np.asarray(d, dtype=np.float64) for d in _as_tuple(dout))
        outputs = lambda _: tuple(np.array(o, dtype=np.float64) for o in _as_tuple(run_forward()))

    def numeric_gradient(target):
        # The slope of f = Σ out·dout. The outputs are subtracted entry by entry before
        # they are summed: entries the probe does not touch cancel exactly, so a large
        # unrelated output (e^4 beside e^-4) adds no round-off to a small gradient.
        grad = np.zeros(target.shape)
        for i, plus, minus in _probes(outputs, target, h):
            grad[i] = sum(np.sum((p - m) * d) for p, m, d in zip(plus, minus, douts)) / (2 * h)
        return grad

    problems = []
    douts_before = [np.copy(d) for d in douts]
    grad_ids = [id(g) for g in grads]
    layer_name = repr(layer) if type(layer).__repr__ is not object.__repr__ else type(layer).__name__
    try:
        analytic_inputs = _as_tuple(layer.backward(*douts))
    except Exception as error:  # a learner's backward: report it, do not crash the kernel
        problems.append(f"backward raised {type(error).__name__}: {error}")
        return GradCheckReport(layer_name, {}, {}, {}, problems, tol)
    if any(not np.array_equal(a, b) for a, b in zip(douts, douts_before)):
        problems.append("backward changed the dout it was given; it must leave dout as it is.")
    if [id(g) for g in getattr(layer, "grads", [])] != grad_ids:
        problems.append("backward replaced the arrays in grads; write into them with grads[i][...] = ...")
    analytic_params = [np.copy(g) for g in getattr(layer, "grads", [])]

    input_names = _default_names(len(inputs), ["x", "y", "z"])
    param_names = list(getattr(layer, "param_names", ())) or _default_names(len(params), ["W", "b"])
    errors, worst, shapes = {}, {}, {}

    def compare(name, analytic, target):
        numeric = numeric_gradient(target)
        shapes[name] = target.shape
        analytic = np.asarray(analytic, dtype=np.float64)
        if analytic.shape != target.shape:
            problems.append(
                f"the gradient for {name} has shape {analytic.shape} but {name} has shape {target.shape}."
            )
            errors[name] = float("inf")
            worst[name] = ((), float("nan"), float("nan"))
            return
        rel = relative_error(analytic, numeric)
        k = np.unravel_index(np.argmax(rel), rel.shape) if rel.size else ()
        errors[name] = float(rel.max()) if rel.size else 0.0
        worst[name] = (tuple(int(i) for i in k), float(analytic[k]) if rel.size else 0.0,
                       float(numeric[k]) if rel.size else 0.0)

    if any(a is None for a in analytic_inputs):
        problems.append("backward returned None instead of a gradient; end it with return dx.")
        return GradCheckReport(layer_name, {}, {}, {}, problems, tol)
    if len(analytic_inputs) != len(inputs):
        problems.append(
            f"backward returned {len(analytic_inputs)} gradient(s) for {len(inputs)} input(s)."
        )
    for name, a, x in zip(input_names, analytic_inputs, inputs):
        compare(name, a, x)
    for name, a, p in zip(param_names, analytic_params, params):
        if p.dtype != np.float64:
            problems.append(f"{name} is {p.dtype}; gradient checks need float64 parameters.")
            continue
        compare(name, a, p)

    return GradCheckReport(layer_name, errors, worst, shapes, problems, tol)
