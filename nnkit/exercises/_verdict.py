"""What every checker shares: the verdict it returns, and the common judgements.

A checker never raises at the learner: whatever comes (a number, a stub that still says
``...``, a layer whose backward crashes) it returns a Verdict whose text is one short
line: ✓ with why it is right, ✗ with a hint that points at the mistake, or "not done
yet" with a hint where to start.

A verdict is data: its ``outcome``, the ``code`` of its message, the ``hint_code`` of its
hint, the ``slip`` it recognised (None when its hint is a generic one) and the ``fields``
its sentences are filled with. The sentences live in ``nnkit._text`` (one module a
language) and are looked up only when the verdict is shown, so no checker decides on
words, and ``nnkit.set_language`` changes every verdict's text.

The helpers here are called ``judge_*``: they return a Verdict, where
``nnkit._validation.check_*`` raise.
"""

import enum
import math
import numbers

import numpy as np

from .._text import Text, text
from .._validation import describe
from ..gradcheck import check_layer, format_error

__all__ = ["Verdict", "Outcome", "right", "wrong", "not_done", "is_stub", "read_number", "decimals_of",
           "judge_number", "judge_array", "judge_backward", "shown"]


class Outcome(enum.Enum):
    """What a verdict says: the answer is right, wrong, or not written yet."""

    RIGHT = "right"
    WRONG = "wrong"
    NOT_DONE = "not_done"


class Verdict:
    """The result of a checker: ``passed``, the one-line ``message``, and its ``hint``.

    Attributes:
        outcome: an Outcome.
        code: the code of the message (a key of ``nnkit._text``).
        hint_code: the code of the hint ("" for none).
        slip: the code of the slip the checker recognised, None when the hint is generic.
        fields: what the sentences are filled with.

    Its repr is the text the notebook shows, so strict nbval compares the verdict itself.
    """

    def __init__(self, outcome, code, hint_code="", *, slip=None, **fields):
        self.outcome = outcome
        self.code = code
        self.hint_code = hint_code
        self.slip = slip
        self.fields = fields

    @property
    def passed(self):
        return self.outcome is Outcome.RIGHT

    @property
    def done(self):
        return self.outcome is not Outcome.NOT_DONE

    @property
    def specific(self):
        """True when the hint names a slip (not the generic "work it out again")."""
        return self.slip is not None

    @property
    def message(self):
        return text(self.code, **self.fields)

    @property
    def hint(self):
        return text(self.hint_code, **self.fields) if self.hint_code else ""

    def __bool__(self):
        return self.passed

    def __repr__(self):
        if self.passed:
            return f"✓ {self.message}"
        key = "verdict.wrong" if self.done else "verdict.not_done"
        head = text(key, message=self.message)
        return text("verdict.with_hint", head=head, hint=self.hint) if self.hint_code else head

    __str__ = __repr__


def right(code, **fields):
    """A ✓ verdict with the one-line reason it is right."""
    return Verdict(Outcome.RIGHT, code, **fields)


def wrong(code, hint_code, *, generic=False, **fields):
    """A ✗ verdict: what is off, and a hint; ``generic=True`` when the hint names no slip."""
    return Verdict(Outcome.WRONG, code, hint_code, slip=None if generic else hint_code, **fields)


def not_done(code, hint_code, *, slip=None, **fields):
    """The answer is still the stub: say so kindly, with where to start (``slip`` when a slip is named)."""
    return Verdict(Outcome.NOT_DONE, code, hint_code, slip=slip, **fields)


def is_stub(value):
    """True for what a stub leaves behind: ``...``, ``None`` or ``NotImplemented``."""
    return value is Ellipsis or value is None or value is NotImplemented


def shown(value):
    """A number as a verdict prints it: 4 significant digits, never 300 of them."""
    value = float(value) + 0.0
    return f"{value:.4g}"


def read_number(answer, name=Text("name.answer"), example=None):
    """``answer`` as a finite float: ``(value, None)``, or ``(None, verdict)`` saying why it is not one.

    A stub gets "not done yet"; text, a list or NaN get ✗ with what to write instead. A
    numpy scalar and a one-element array are numbers. ``example`` is a number to show
    in the hint, where one cannot give the answer away.
    """
    number = Text("number.example", example=example) if example is not None else Text("number.yours")
    if is_stub(answer):
        return None, not_done("number.placeholder", "number.placeholder.hint", name=name, number=number)
    if isinstance(answer, np.ndarray):
        if answer.size == 1 and answer.dtype.kind in "iuf":
            answer = answer.item()
        else:
            return None, wrong("number.array", "number.array.hint", name=name, shape=answer.shape)
    if isinstance(answer, str):
        try:
            float(answer)
            return None, wrong("number.quoted", "number.quoted.hint", name=name, text=answer.strip())
        except ValueError:
            return None, wrong("number.not_a_number", "number.text.hint", name=name, got=describe(answer),
                               number=number)
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        return None, wrong("number.not_a_number", "number.write.hint", generic=True, name=name,
                           got=type(answer).__name__, number=number)
    value = float(answer)
    if not math.isfinite(value):
        return None, wrong("number.not_finite", "number.not_finite.hint", name=name, value=value)
    return value, None


def decimals_of(value):
    """How many decimals a number was written with: 0.36 → 2, 0.357 → 3, 2.0 → 0, 1e-05 → 5."""
    written = repr(float(value))
    mantissa, _, exponent = written.partition("e")
    digits = len(mantissa.partition(".")[2].rstrip("0"))
    return max(0, digits - int(exponent or 0))


def _close_at(value, target, places):
    """True when ``value``, to ``places`` decimals, is ``target`` rounded or cut off there."""
    shown_value = round(value, places)
    scale = 10.0 ** places
    candidates = (round(target, places), math.trunc(target * scale) / scale)
    return any(abs(shown_value - c) <= 1e-9 * max(1.0, abs(c)) for c in candidates)


def judge_number(answer, expected, *, name=Text("name.answer"), decimals=2, why=("number.right", {}),
                 hints=(), generic_hint="number.generic.hint"):
    """Judge a number: right when it is correct to the decimals it is given (at least ``decimals``).

    A learner who writes 0.36 (rounded) or 0.35 (cut off) for 0.3567 is right: two
    decimals, both correct. 0.4 is
    close but too coarse ("give three decimals"); a long computed value is judged to
    ``decimals + 1`` places, so rounding inside the working does not make it wrong. A slip
    in ``hints`` that lies nearer the answer than the right value wins.

    Args:
        answer: what the learner wrote.
        expected: the right value.
        name: how to call the answer in the verdict (a Text).
        decimals: the fewest decimals a right answer must have (0 to 3).
        why: (code, fields) of the ✓ line.
        hints: (wrong_value, hint code) pairs for the plausible mistakes.
        generic_hint: the hint code when no slip is recognised.
    """
    value, problem = read_number(answer, name)
    if problem is not None:
        return problem
    code, fields = why
    if abs(value - expected) <= 1e-9 * max(1.0, abs(expected)):
        return right(code, **fields)
    places = min(decimals_of(value), max(decimals + 1, 3))
    # An answer such as 1.6 needs only one decimal: ask for no more than it has.
    required = min(decimals, decimals_of(round(expected, 6)))
    said = {"name": name, "value": shown(value)}
    nearest_slip = min(((abs(value - m), m, h) for m, h in hints if math.isfinite(m)), default=None,
                       key=lambda item: item[0])
    if nearest_slip is not None and nearest_slip[0] < abs(value - expected) and (
            _close_at(value, nearest_slip[1], places) or abs(value - nearest_slip[1]) <= 5e-3 * abs(nearest_slip[1])):
        return wrong("number.not_it", nearest_slip[2], **said)
    if _close_at(value, expected, places):
        if places >= required:
            return right(code, **fields)
        wanted = min(decimals + 1, decimals_of(round(expected, 6)))
        hint = "number.too_coarse.hint.one" if wanted == 1 else "number.too_coarse.hint"
        return wrong("number.too_coarse", hint, **said, wanted=Text(f"number.word.{wanted}"))
    return wrong("number.not_it", generic_hint, generic=True, **said)


def judge_array(answer, expected, *, name=Text("name.answer"), tol=1e-6, why=("array.right", {}), hints=(),
                generic_hint="array.generic.hint"):
    """Judge an array: its shape first (saying what to change), then its values."""
    if is_stub(answer):
        return not_done("array.placeholder", "array.placeholder.hint", name=name)
    try:
        value = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return wrong("array.not_numbers", "array.not_numbers.hint", name=name)
    expected = np.asarray(expected, dtype=np.float64)
    code, fields = why
    if value.shape != expected.shape:
        said = {"name": name, "got": value.shape, "expected": expected.shape}
        if value.size == expected.size and value.ndim == 2 and value.T.shape == expected.shape:
            return wrong("array.shape", "array.shape.transposed", **said)
        if value.size == expected.size:
            return wrong("array.shape", "array.shape.reshape", **said)
        return wrong("array.shape", "array.shape.other", generic=True, **said)
    if np.allclose(value, expected, rtol=tol, atol=tol):
        return right(code, **fields)
    for mistake, hint in hints:
        mistake = np.asarray(mistake, dtype=np.float64)
        if mistake.shape == value.shape and np.allclose(value, mistake, rtol=tol, atol=tol):
            return wrong("array.not_it", hint, name=name)
    return wrong("array.not_it", generic_hint, generic=True, name=name)


#: The hint for each contract rule check_layer reports broken.
_PROBLEM_HINTS = {
    "changed_dout": "backward.changed_dout.hint",
    "replaced_grads": "backward.replaced_grads.hint",
    "changed_params": "backward.changed_params.hint",
    "changed_output": "backward.changed_output.hint",
    "second_call_differs": "backward.second_call.hint",
    "ignores_dout": "backward.ignores_dout.hint",
    "wrong_shape": "backward.wrong_shape.hint",
    "wrong_count": "backward.wrong_count.hint",
    "backward_raised": "backward.raised.hint",
}


def judge_backward(layer, *inputs, t=None, name=None, why=("backward.right", {}), hints=None):
    """Judge a learner's layer with ``check_layer``; say which gradient or which rule is off.

    A backward that is still a stub (raises NotImplementedError or returns None) is
    "not done yet"; a broken contract rule gets its own hint; a wrong gradient gets the
    hint of its name.

    Args:
        layer: the learner's layer instance.
        *inputs: forward inputs for the check.
        t: targets, for a loss layer.
        name: the layer's name in the verdict.
        why: (code, fields) of the ✓ line.
        hints: a dict from a gradient's name (``"x"``, ``"W"``, ``"b"``) to the hint code
            shown when that gradient is off.
    """
    name = name or type(layer).__name__
    hints = hints or {}
    try:
        report = check_layer(layer, *inputs, t=t)
    except NotImplementedError:
        return not_done("backward.stub", "backward.stub.hint", name=name)
    except Exception as error:  # the learner's forward crashed: say so in a sentence
        return wrong("backward.forward_raised", "backward.forward_raised.hint", name=name,
                     error=type(error).__name__, detail=str(error))
    code, fields = why
    if report.passed:
        return right(code, name=name, **fields)
    for problem in report.problems:
        if problem.code == "returned_none" or (
                problem.code == "backward_raised" and isinstance(problem.fields["exception"], NotImplementedError)):
            return not_done("backward.no_return", "backward.no_return.hint", slip="backward.no_return.hint", name=name)
    if report.problems:
        problem = report.problems[0]
        return wrong("backward.problem", _PROBLEM_HINTS.get(problem.code, "backward.raised.hint"),
                     name=name, problem=problem)
    off = report.failed_names()
    return wrong("backward.gradient_off", hints.get(off[0], "backward.generic.hint"), generic=off[0] not in hints,
                 name=name, names=", ".join(off), error=format_error(report.errors[off[0]]))
