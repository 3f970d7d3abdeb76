"""Gradient checking: compare a backward pass with central differences.

The analytic gradient a layer's ``backward`` returns must agree with the slope measured
by nudging each number a little each way,

$$\\frac{\\partial f}{\\partial x_i} \\approx \\frac{f(x + h e_i) - f(x - h e_i)}{2h},$$

and ``check_layer`` does that for every input and every parameter of any object with the
layer contract and reports, name by name, the relative error and a grade.

The error measure. CS231n's relative error $|a - n| / (|a| + |n|)$ blows up on entries
near 0: there the central difference is pure round-off (about $\\varepsilon F / h$ for a
function of size $F$), and a correct layer reads "wrong". So the denominator has an
absolute floor tied to that round-off,

$$e_i = \\frac{|a_i - n_i|}{\\max(|a_i| + |n_i|,\\ \\text{floor})}, \\qquad
\\text{floor} = 10^{8}\\,\\frac{\\varepsilon F}{h},$$

with $\\varepsilon$ the spacing of the dtype's numbers and $F$ the size of the numbers the
probe computes (the sum of $|\\text{out} \\odot \\text{dout}|$, or for a loss the loss plus
its largest score). Pure round-off then reads below $10^{-7}$, while a slip that moves a
gradient by more than about $10^{-7} F$ still reads as wrong. The error is graded as CS231n
reads it: below $10^{-7}$ fine; $10^{-7}$ to $10^{-4}$ "look closer" (passes: round-off
on extreme inputs, or a $\\delta$ inside a log); above $10^{-4}$ wrong (a slip lands near 1).
The step $h$ is chosen for the dtype, $h \\approx \\varepsilon^{1/3}$ ($10^{-5}$ in float64),
and shrinks with an entry below 1 in size (down to $h/10$), so $1/x$ and $\\log x$ stay
measurable near 0.
"""

import enum
import math
import unicodedata

import numpy as np

from ._text import Text, text

__all__ = [
    "numerical_derivative", "numerical_gradient", "relative_error", "check_layer", "GradCheckReport",
    "Grade", "Problem", "default_step", "FINE", "WRONG",
]

#: Below this relative error a gradient is fine.
FINE = 1e-7
#: Above this relative error a gradient is wrong (the default ``tol`` of ``check_layer``).
WRONG = 1e-4
#: Errors below this are printed as "< 1e-8": their digits are round-off and differ by CPU.
PRINT_FLOOR = 1e-8
#: The floor of the denominator, in units of the probe's round-off ε·F/h.
_FLOOR_IN_ROUNDOFFS = 1e8
#: An entry x_i is nudged by h·|x_i| for 0.1 ≤ |x_i| ≤ 1 (h·0.1 below, h above): a step
#: relative to a small entry keeps 1/x and log x measurable near their pole at 0.
#: (Measured over the sweep in tests/test_gradcheck.py, a correct layer's error stays
#: under 1.4 round-offs, so the floor of 1e8 round-offs reads it below 1e-7.)
_SMALLEST_STEP_SCALE = 1e-1


class Grade(enum.Enum):
    """How a gradient's largest relative error reads."""

    FINE = "fine"
    LOOK_CLOSER = "look_closer"
    WRONG = "wrong"


def default_step(dtype=np.float64):
    r"""The step $h$ of a central difference in ``dtype``: $\varepsilon^{1/3}$ to a power of ten.

    It balances the formula's error ($h^2$) against round-off ($\varepsilon/h$):
    1e-05 for float64, 0.01 for float32.
    """
    eps = np.finfo(dtype).eps
    return 10.0 ** round(math.log10(eps ** (1 / 3)))


def numerical_derivative(f, x, h=1e-4):
    r"""$f'(x) \approx (f(x + h) - f(x - h)) / 2h$ for a function of one number."""
    x = float(x)
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x, h=1e-4):
    r"""The gradient of a scalar function at the array ``x``, one central difference per entry.

    ``f`` is called with ``x`` itself, nudged in place one entry at a time (so it may also
    ignore its argument and read an array it shares with ``x``, such as a layer's
    weights). Each entry is restored right after its two probes, and also when ``f``
    raises: ``x`` leaves as it came.

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
        step = h[i] if np.ndim(h) else h
        try:
            x[i] = original + step
            f_plus = f(x)
            x[i] = original - step
            f_minus = f(x)
        finally:
            x[i] = original  # restore before the next probe, and when f raises
        yield i, f_plus, f_minus


def relative_error(analytic, numerical, floor=1e-8):
    r"""Entry-wise $|a - n| / \max(\text{floor}, |a| + |n|)$, the CS231n relative error."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numerical, dtype=np.float64)
    return np.abs(a - n) / np.maximum(floor, np.abs(a) + np.abs(n))


def grade(error, tol=WRONG):
    """The Grade of a relative error: fine below 1e-7, wrong above ``tol``, else look closer."""
    if not error <= tol:
        return Grade.WRONG
    return Grade.FINE if error < FINE else Grade.LOOK_CLOSER


def _digits_to_tell_apart(a, n):
    """Significant digits that show a and n differ (at least 3, at most 12)."""
    a, n = float(a), float(n)
    if not (math.isfinite(a) and math.isfinite(n)):
        return 3
    scale = max(abs(a), abs(n))
    gap = abs(a - n)
    if gap == 0 or scale == 0:
        return 3
    return int(min(12, max(3, math.ceil(math.log10(scale / gap)) + 1)))


class Problem:
    """A broken rule of the layer contract, as data: a ``code`` and its ``fields``.

    Codes: ``backward_raised``, ``returned_none``, ``changed_dout``, ``replaced_grads``,
    ``changed_params``, ``changed_output``, ``second_call_differs``, ``ignores_dout``, ``wrong_shape``,
    ``wrong_count``. ``str(problem)`` is its sentence in the current language.
    """

    def __init__(self, code, **fields):
        self.code = code
        self.fields = fields

    def __str__(self):
        return str(Text(f"gradcheck.problem.{self.code}", **self.fields))

    def __repr__(self):
        return f"Problem({self.code!r})"


def _power(x):
    """A bar such as 1e-07 as a learner writes it: 1e-7."""
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def format_error(error):
    """A relative error as the report prints it: "< 1e-8" below the print floor, else 1.2e-05."""
    if error < PRINT_FLOOR:
        return f"< {_power(PRINT_FLOOR)}"
    return f"{error:.1e}"


class GradCheckReport:
    """What ``check_layer`` found: one relative error and one grade per input and parameter.

    Attributes:
        passed: True when no gradient is wrong and the layer kept its contract.
        max_rel_error: the largest relative error of all the names.
        errors: a dict from a name (``"x"``, ``"y"``, ``"W"``, ``"b"`` …) to its largest
            relative error.
        grades: a dict from a name to its Grade (fine, look closer, wrong).
        worst: a dict from a name to (index, analytic, numerical) of its worst entry.
        problems: Problems, broken contract rules (a mutated ``dout``, grads replaced
            instead of written in place, a gradient of the wrong shape …), as codes.
        tol: the relative error above which a gradient is wrong.
        h: the step of the central differences.
    """

    def __init__(self, layer_name, errors, worst, shapes, problems, tol, h=None):
        self.layer_name = layer_name
        self.errors = errors
        self.worst = worst
        self.shapes = shapes
        self.problems = problems
        self.tol = tol
        self.h = h
        self.grades = {name: grade(e, tol) for name, e in errors.items()}
        self.max_rel_error = max(errors.values(), default=0.0)
        self.passed = not problems and Grade.WRONG not in self.grades.values()

    def __bool__(self):
        return self.passed

    def failed_names(self):
        """The names whose gradient is wrong, in the order they were checked."""
        return [name for name, g in self.grades.items() if g is Grade.WRONG]

    def closer_names(self):
        """The names whose gradient passed with an error between 1e-7 and ``tol``: look closer."""
        return [name for name, g in self.grades.items() if g is Grade.LOOK_CLOSER]

    @property
    def problem_codes(self):
        """The codes of the problems, in the order they were found."""
        return [p.code for p in self.problems]

    def __str__(self):
        lines = [str(Text("gradcheck.title", layer=self.layer_name))]
        head_name, head_shape = str(Text("gradcheck.col.name")), str(Text("gradcheck.col.shape"))
        width = max([4, _columns(head_name)] + [len(n) for n in self.errors])
        lines.append(f"  {_pad(head_name, width)}  {_pad(head_shape, 10)}  {Text('gradcheck.col.error')}")
        marks = {Grade.FINE: "✓", Grade.LOOK_CLOSER: "?", Grade.WRONG: "✗"}
        for name, err in self.errors.items():
            shape = str(self.shapes[name])
            lines.append(f"  {name:<{width}}  {shape:<10}  {format_error(err):<14}  {marks[self.grades[name]]}")
        for name in self.failed_names():
            index, a, n = self.worst[name]
            if not (math.isfinite(a) and math.isfinite(n)):
                continue  # a gradient of the wrong shape: its problem says so
            digits = _digits_to_tell_apart(a, n)
            lines.append("  ✗ " + str(Text("gradcheck.worst", name=name, index=index,
                                             analytic=f"{a:.{digits}g}", numerical=f"{n:.{digits}g}")))
        closer = self.closer_names()
        if closer:
            lines.append("  ? " + str(Text("gradcheck.look_closer", names=", ".join(closer))))
        lines.extend(f"  ✗ {p}" for p in self.problems)
        key = "gradcheck.passed" if self.passed else "gradcheck.failed"
        lines.append(str(Text(key, fine=_power(FINE), tol=_power(self.tol))))
        return "\n".join(lines)

    def __repr__(self):
        return (
            f"GradCheckReport({self.layer_name}, passed={self.passed}, "
            f"max_rel_error={self.max_rel_error:.1e})"
        )


def _columns(text):
    """How many columns ``text`` takes in a monospace font: a Hangul syllable takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text, width):
    """``text`` padded with spaces to ``width`` columns, so a Korean header lines up with its column."""
    return text + " " * max(0, width - _columns(text))


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _default_names(n, prefix):
    return [prefix[i] if i < len(prefix) else f"{prefix[0]}{i}" for i in range(n)]


def _copies(values):
    return [None if v is None else np.array(v, dtype=np.float64, copy=True) for v in values]


def _same(first, second):
    return len(first) == len(second) and all(
        a is None and b is None or a is not None and b is not None and np.shape(a) == np.shape(b)
        and np.allclose(a, b, rtol=1e-12, atol=0) for a, b in zip(first, second))


def check_layer(layer, *inputs, t=None, dout=None, seed=0, tol=WRONG, h=None):
    """Check a layer's ``backward`` against central differences, name by name.

    Works with anything that has the layer contract: ``forward(*inputs)`` and
    ``backward(*douts)``, plus ``params``/``grads`` lists when it has parameters. A loss
    layer is called as ``forward(*inputs, t)`` and ``backward()``. Any other layer is
    turned into a scalar by $f = \\sum (\\text{out} \\odot \\text{dout})$ with a random
    ``dout`` (seeded), so its backward is checked with a non-trivial upstream gradient.

    Besides the numbers it checks the contract: ``backward`` leaves ``dout``, the
    parameters and the forward output as they were, writes into ``grads`` in place, and
    gives the same answer when called a second time (no ``+=`` into grads, no state
    changed in place).

    Args:
        layer: the object to check.
        *inputs: the forward inputs (converted to float64 copies).
        t: the targets, for a loss layer.
        dout: the upstream gradient(s); random when None.
        seed: the seed of the random ``dout``.
        tol: the relative error above which a gradient is wrong (1e-4, CS231n's reading).
        h: the nudge of the central differences; chosen for the dtype when None.

    Returns:
        A GradCheckReport; ``print`` it for the table.
    """
    if not inputs:
        raise ValueError(text("error.check_layer.no_input"))
    if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
        raise TypeError(text("error.check_layer.contract", got=type(layer).__name__))
    inputs = [np.array(x, dtype=np.float64) for x in inputs]
    params = list(getattr(layer, "params", []))
    grads = list(getattr(layer, "grads", []))
    is_loss = t is not None

    def run_forward():
        return layer.forward(*inputs, t) if is_loss else layer.forward(*inputs)

    out = run_forward()
    outs = _as_tuple(out)
    out_before = [np.array(o, copy=True) for o in outs]
    if is_loss:
        douts = (1.0,)
        outputs = lambda _: (np.float64(run_forward()),)
        # The loss is a difference of numbers the size of the scores (log-sum-exp minus a
        # score), so its round-off scales with them, not with the loss itself.
        targets = [np.asarray(t)] if np.asarray(t).dtype.kind == "f" else []
        scale = abs(float(out)) + max(float(np.max(np.abs(x), initial=0.0)) for x in inputs + targets)
    else:
        if dout is None:
            rng = np.random.default_rng(seed)
            douts = tuple(rng.standard_normal(np.shape(o)) for o in outs)
        else:
            douts = tuple(np.asarray(d, dtype=np.float64) for d in _as_tuple(dout))
        outputs = lambda _: tuple(np.array(o, dtype=np.float64) for o in _as_tuple(run_forward()))
        scale = float(sum(np.sum(np.abs(np.asarray(o, dtype=np.float64) * d)) for o, d in zip(outs, douts)))
    dtypes = [np.asarray(o).dtype for o in outs] + [p.dtype for p in params] + [np.dtype(np.float64)]
    eps = max(float(np.finfo(d).eps) if d.kind == "f" else float(np.finfo(np.float64).eps) for d in dtypes)
    if h is None:
        h = default_step(np.float64)

    def numeric_gradient(target, step):
        # The slope of f = Σ out·dout. The outputs are subtracted entry by entry before
        # they are summed: entries the probe does not touch cancel exactly, so a large
        # unrelated output (e^4 beside e^-4) adds no round-off to a small gradient.
        grad = np.zeros(target.shape)
        steps = step * np.clip(np.abs(target), _SMALLEST_STEP_SCALE, 1.0)
        for i, plus, minus in _probes(outputs, target, steps):
            grad[i] = sum(np.sum((p - m) * d) for p, m, d in zip(plus, minus, douts)) / (2 * steps[i])
        return grad, steps

    problems = []
    douts_before = [np.copy(d) for d in douts]
    params_before = [np.copy(p) for p in params]
    grad_ids = [id(g) for g in grads]
    layer_name = repr(layer) if type(layer).__repr__ is not object.__repr__ else type(layer).__name__

    def report():
        return GradCheckReport(layer_name, errors, worst, shapes, problems, tol, h)

    errors, worst, shapes = {}, {}, {}
    try:
        analytic_inputs = _as_tuple(layer.backward(*douts))
    except Exception as error:  # a learner's backward: report it, do not crash the kernel
        problems.append(Problem("backward_raised", error=type(error).__name__, message=str(error),
                                exception=error))
        return report()
    if any(a is None for a in analytic_inputs):
        problems.append(Problem("returned_none"))
        return report()
    first_inputs = _copies(analytic_inputs)
    first_grads = _copies(getattr(layer, "grads", []))
    if any(not np.array_equal(a, b) for a, b in zip(douts, douts_before)):
        problems.append(Problem("changed_dout"))
        douts = tuple(np.copy(d) for d in douts_before)  # measure with the dout backward was given
    if [id(g) for g in getattr(layer, "grads", [])] != grad_ids:
        problems.append(Problem("replaced_grads"))
    if any(not np.array_equal(p, q) for p, q in zip(params, params_before)):
        problems.append(Problem("changed_params"))
        for p, q in zip(params, params_before):
            p[...] = q  # check the gradient where the layer started
    if any(np.shape(o) != np.shape(b) or not np.array_equal(o, b) for o, b in zip(outs, out_before)):
        problems.append(Problem("changed_output"))
    # A second backward, without a new forward, must give the same numbers: a += into
    # grads, a mask overwritten or a stored output changed in place shows up here.
    # A loss layer's second call gets dout = 2: its gradients must double.
    factor = 2.0 if is_loss else 1.0
    try:
        second = _copies(_as_tuple(layer.backward(*[np.copy(d) * factor if isinstance(d, np.ndarray) else d * factor
                                                     for d in douts_before])))
    except Exception:  # a layer may clear its cache after backward: not a fault in itself
        second = None
    if second is not None and not problems:
        second_grads = _copies(getattr(layer, "grads", []))
        scaled = [None if a is None else a * factor for a in first_inputs]
        if is_loss and _same(first_inputs, second) and not _same(scaled, second):
            problems.append(Problem("ignores_dout"))
        elif not (_same(scaled, second) and _same([None if g is None else g * factor for g in first_grads],
                                                  second_grads)):
            problems.append(Problem("second_call_differs"))
    for p, q in zip(params, params_before):
        p[...] = q

    input_names = _default_names(len(inputs), ["x", "y", "z"])
    param_names = list(getattr(layer, "param_names", ())) or _default_names(len(params), ["W", "b"])
    roundoffs = max(eps * scale, np.finfo(np.float64).tiny)  # the round-off of one evaluation of f

    def compare(name, analytic, target):
        shapes[name] = target.shape
        analytic = np.asarray(analytic, dtype=np.float64)
        if analytic.shape != target.shape:
            problems.append(Problem("wrong_shape", name=name, got=analytic.shape, expected=target.shape))
            errors[name] = float("inf")
            worst[name] = ((), float("nan"), float("nan"))
            return
        numeric, steps = numeric_gradient(target, h if target.dtype == np.float64 else default_step(target.dtype))
        rel = relative_error(analytic, numeric, roundoffs / steps * _FLOOR_IN_ROUNDOFFS)
        k = np.unravel_index(np.argmax(rel), rel.shape) if rel.size else ()
        errors[name] = float(rel.max()) if rel.size else 0.0
        worst[name] = (tuple(int(i) for i in k), float(analytic[k]) if rel.size else 0.0,
                       float(numeric[k]) if rel.size else 0.0)

    if len(first_inputs) != len(inputs):
        problems.append(Problem("wrong_count", got=len(first_inputs), expected=len(inputs)))
    for name, a, x in zip(input_names, first_inputs, inputs):
        compare(name, a, x)
    for name, a, p in zip(param_names, first_grads, params):
        compare(name, a, p)
    return report()
