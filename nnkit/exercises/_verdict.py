"""What every checker shares: the verdict it returns, and the common checks.

A checker never raises at the learner: whatever comes (a number, a stub that still says
``...``, a layer whose backward crashes) it returns a Verdict whose text is one short
line: ✓ with why it is right, ✗ with a hint that points at the mistake, or "not done
yet" with a hint where to start.
"""

import math

import numpy as np

from ..gradcheck import check_layer

__all__ = ["Verdict", "right", "wrong", "not_done", "is_stub", "read_number", "check_number", "check_array", "check_backward"]


class Verdict:
    """The result of a checker: ``passed``, the one-line ``message``, and its ``hint``.

    Its repr is the text the notebook shows, so strict nbval compares the verdict itself.
    """

    def __init__(self, passed, message, hint="", done=True):
        self.passed = bool(passed)
        self.done = bool(done)
        self.message = message
        self.hint = hint

    def __bool__(self):
        return self.passed

    def __repr__(self):
        if self.passed:
            return f"✓ {self.message}"
        head = f"✗ {self.message}" if self.done else f"… not done yet: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    __str__ = __repr__


def right(why):
    """A ✓ verdict with the one-line reason it is right."""
    return Verdict(True, why)


def wrong(what, hint):
    """A ✗ verdict: what is off, and a hint that points at the mistake."""
    return Verdict(False, what, hint)


def not_done(what, hint):
    """The answer is still the stub: say so kindly, with where to start."""
    return Verdict(False, what, hint, done=False)


def is_stub(value):
    """True for what a stub leaves behind: ``...``, ``None`` or ``NotImplemented``."""
    return value is Ellipsis or value is None or value is NotImplemented


def read_number(answer, name="your answer", example=None):
    """``answer`` as a finite float: ``(value, None)``, or ``(None, verdict)`` saying why it is not one.

    A stub gets "not done yet"; text, a list or NaN get ✗ with what to write instead.
    ``example`` is a number to show in the hint, where one cannot give the answer away.
    """
    number = f"a number such as {example}" if example else "your number"
    if is_stub(answer):
        return None, not_done(f"{name} is still a placeholder.", f"replace ... with {number} and run the cell again.")
    if isinstance(answer, (bool, str)):
        return None, wrong(f"{name} should be one number (got {type(answer).__name__}).",
                           f"write {number}, without quotes.")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None, wrong(f"{name} should be one number (got {type(answer).__name__}).", f"write {number}.")
    if not math.isfinite(value):
        return None, wrong(f"{name} is {value}, not a finite number.", "look for a division by zero or an overflow.")
    return value, None


def check_number(answer, expected, *, name="your answer", tol=5e-3, why="", hints=()):
    """Compare a number with the expected one to ``tol`` (relative, or absolute near 0).

    Args:
        answer: what the learner wrote.
        expected: the right value.
        name: how to call the answer in the verdict.
        tol: relative tolerance (absolute when expected is 0).
        why: the ✓ line.
        hints: (wrong_value, hint) pairs for the plausible mistakes, tried first;
            the last resort is a generic hint.
    """
    value, problem = read_number(answer, name)
    if problem is not None:  # a Verdict is falsy when it did not pass
        return problem

    def near(a, b):
        return abs(a - b) <= tol * max(abs(b), 1.0 if b == 0 else abs(b))

    if near(value, expected):
        return right(why or f"{name} = {expected:.4g}.")
    for mistake, hint in hints:
        if near(value, mistake):
            return wrong(f"{name} = {value:.4g} is not it.", hint)
    return wrong(f"{name} = {value:.4g} is not it.", "work it out again step by step; print the pieces.")


def check_array(answer, expected, *, name="your answer", tol=1e-6, why="", hints=()):
    """Compare an array with the expected one (shape first, then values)."""
    if is_stub(answer):
        return not_done(f"{name} is still a placeholder.", "replace ... with your array and run the cell again.")
    try:
        value = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return wrong(f"{name} should be an array of numbers.", "build it with np.array([...]).")
    expected = np.asarray(expected, dtype=np.float64)
    if value.shape != expected.shape:
        return wrong(
            f"{name} has shape {value.shape}, not {expected.shape}.",
            "check which axis you summed over or whether you transposed.",
        )
    if np.allclose(value, expected, rtol=tol, atol=tol):
        return right(why or f"{name} matches.")
    for mistake, hint in hints:
        mistake = np.asarray(mistake, dtype=np.float64)
        if mistake.shape == value.shape and np.allclose(value, mistake, rtol=tol, atol=tol):
            return wrong(f"{name} is not it yet.", hint)
    return wrong(f"{name} is not it yet.", "compare your numbers with a small example worked by hand.")


def check_backward(layer, *inputs, t=None, name=None, why="", hints=None):
    """Check a learner's layer with ``check_layer``; say which gradient is off.

    A backward that is still a stub (returns None or raises NotImplementedError) is
    "not done yet"; one that raises anything else is ✗ with the error in a sentence.

    Args:
        layer: the learner's layer instance.
        *inputs: forward inputs for the check.
        t: targets, for a loss layer.
        name: the layer's name in the verdict.
        why: the ✓ line.
        hints: a dict from a gradient's name (``"x"``, ``"W"``, ``"b"``) to the hint
            shown when that gradient is off.
    """
    name = name or type(layer).__name__
    hints = hints or {}
    try:
        report = check_layer(layer, *inputs, t=t)
    except NotImplementedError:
        return not_done(f"{name}.backward is still the stub.", "write the body of backward and run the cell again.")
    except Exception as error:  # the learner's forward crashed: say so in a sentence
        return wrong(f"{name}.forward raised {type(error).__name__}: {error}", "run forward on a small array and print it.")
    if report.passed:
        return right(why or f"{name}.backward matches the numerical gradient (max rel. error {report.max_rel_error:.0e}).")
    for problem in report.problems:
        if "NotImplementedError" in problem or "returned None" in problem:
            return not_done(f"{name}.backward does not return a gradient yet.", "end backward with return dx.")
    if report.problems:
        return wrong(f"{name}.backward: {report.problems[0]}", "see the problem named above.")
    off = report.failed_names()
    first = off[0]
    return wrong(
        f"{name}.backward: the gradient for {', '.join(off)} is off (rel. error {report.errors[first]:.1e}).",
        hints.get(first, "compare with the formula in the text, one factor at a time."),
    )
