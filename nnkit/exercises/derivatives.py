"""Checkers for notebook 03 · Derivatives and gradients.

Each checker takes what the learner wrote and returns a one-line Verdict: ✓ with why,
✗ with a hint aimed at the likely mistake (a forward difference instead of a central
one, a forgotten 2 in 2h, a step taken uphill …), or "not done yet" for a stub.
"""

from .._text import Text
from ._verdict import is_stub, judge_number, not_done, read_number, right, shown, wrong

__all__ = [
    "check_tangent_slope",
    "check_central_difference",
    "check_descent_step",
    "check_learning_rate",
    "TANGENT_X",
    "DESCENT",
    "BOWL",
]

# ----- 1 · read a slope --------------------------------------------------------------------

#: Where the learner reads the slope of y = x².
TANGENT_X = -3.0


def check_tangent_slope(answer):
    """The slope of y = x² at x = -3 (the derivative 2x there: -6)."""
    x = TANGENT_X
    return judge_number(
        answer, 2 * x, name=Text("derivatives.name.slope"),
        why=("derivatives.slope.right", {}),
        hints=[
            (x * x, "derivatives.slope.height"),
            (-2 * x, "derivatives.slope.sign"),
            (x, "derivatives.slope.no_two"),
            (2 * x * x, "derivatives.slope.power"),
            (2 * 2.0, "derivatives.slope.lesson"),
            (2 * 5.0, "derivatives.slope.lesson"),
            (x * x / x, "derivatives.slope.no_two"),
            (2.0, "derivatives.slope.constant"),
        ],
    )


# ----- 2 · a central difference ------------------------------------------------------------


def _cube(x):
    return x ** 3


def _square_plus(x):
    return x * x + 2 * x


def _call(fn, f, x, h):
    """(value, verdict): the learner's fn(f, x, h), or the verdict that says what went wrong."""
    try:
        value = fn(f, x, h)
    except NotImplementedError:
        return None, not_done("derivatives.cd.raises_stub", "derivatives.cd.raises_stub.hint")
    except Exception as error:  # a learner's code: say what broke in one sentence
        return None, wrong("derivatives.cd.raised", "derivatives.cd.raised.hint", x=f"{x:g}", h=f"{h:g}",
                           error=type(error).__name__, detail=str(error)[:200])
    if is_stub(value):
        return None, not_done("derivatives.cd.no_return", "derivatives.cd.no_return.hint")
    value, problem = read_number(value, Text("derivatives.name.cd_result"))
    if problem is not None:
        return None, wrong("derivatives.cd.not_a_number", "derivatives.cd.not_a_number.hint", got=problem.message)
    return value, None


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def check_central_difference(central_difference):
    """The learner's central_difference(f, x, h), tried on f = x³ at x = 2 with h = 0.1, then another h, x and f."""
    if is_stub(central_difference):
        return not_done("derivatives.cd.placeholder", "derivatives.cd.placeholder.hint")
    if not callable(central_difference):
        return wrong("derivatives.cd.not_callable", "derivatives.cd.not_callable.hint")
    f, x, h = _cube, 2.0, 0.1
    value, verdict = _call(central_difference, f, x, h)
    if verdict is not None:
        return verdict
    expected = _central(f, x, h)  # 12.01
    mistakes = [
        ((f(x + h) - f(x)) / h, "derivatives.cd.forward"),
        ((f(x) - f(x - h)) / h, "derivatives.cd.backward"),
        ((f(x + h) - f(x - h)) / h, "derivatives.cd.no_two"),
        ((f(x + h) - f(x)) / (2 * h), "derivatives.cd.half_forward"),
        (f(x + h) - f(x - h) / (2 * h), "derivatives.cd.brackets_top"),
        ((f(x + h) - f(x - h)) / 2 * h, "derivatives.cd.brackets_bottom"),
        (-expected, "derivatives.cd.reversed"),
        (3 * x * x, "derivatives.cd.exact"),
        (f(x + h) - f(x - h), "derivatives.cd.no_division"),
        ((f(x + h) + f(x - h)) / (2 * h), "derivatives.cd.plus"),
        (((x + h) - (x - h)) / (2 * h), "derivatives.cd.no_f"),
    ]
    said = {"value": f"{value:.6g}", "expected": f"{expected:.6g}"}
    if not abs(value - expected) <= 1e-6 * abs(expected):
        for mistake, hint in mistakes:
            if abs(value - mistake) <= 1e-6 * max(1.0, abs(mistake)):
                return wrong("derivatives.cd.wrong", hint, **said)
        return wrong("derivatives.cd.wrong", "derivatives.cd.generic", generic=True, **said)
    # Three more probes: another h, another x, another f; a function that ignores one of
    # them (a number of its own, a hard-coded x or x**3) is caught here.
    for probe, (g, x2, h2) in (("h", (_cube, 2.0, 1e-3)), ("x", (_cube, -1.5, 0.01)), ("f", (_square_plus, 0.5, 0.01))):
        value2, verdict = _call(central_difference, g, x2, h2)
        if verdict is not None:
            return verdict
        expected2 = _central(g, x2, h2)
        if abs(value2 - expected2) > 1e-6 * max(1.0, abs(expected2)):
            return wrong(f"derivatives.cd.ignores_{probe}", f"derivatives.cd.ignores_{probe}.hint",
                         value=f"{value2:.6g}", expected=f"{expected2:.6g}", x=f"{x2:g}", h=f"{h2:g}")
    return right("derivatives.cd.right", first=f"{expected:.2f}", second=f"{_central(_cube, 2.0, 1e-3):.6f}")


# ----- 3 · one step of gradient descent ----------------------------------------------------

#: L(w) = (w - 4)², start w = 1, learning rate 0.1.
DESCENT = {"target": 4.0, "w": 1.0, "lr": 0.1}


def check_descent_step(answer):
    """One step w ← w - α dL/dw on L(w) = (w - 4)² from w = 1 with α = 0.1 (gives 1.6)."""
    c, w, lr = DESCENT["target"], DESCENT["w"], DESCENT["lr"]
    grad = 2 * (w - c)  # -6
    loss = (w - c) ** 2  # 9
    return judge_number(
        answer, w - lr * grad, name=Text("derivatives.name.new_w"),
        why=("derivatives.step.right", {}),
        hints=[
            (w + lr * grad, "derivatives.step.uphill"),
            (w - grad, "derivatives.step.no_lr"),
            (-lr * grad, "derivatives.step.change_only"),
            (w - lr * loss, "derivatives.step.loss"),
            (w - lr * (w - c), "derivatives.step.no_two"),
            (grad, "derivatives.step.gradient"),
            (lr * grad, "derivatives.step.change_only"),
            (w - lr * 2 * (c - w), "derivatives.step.uphill"),
            (c, "derivatives.step.bottom"),
            (w - lr * 2 * w, "derivatives.step.forgot_target"),
        ],
    )


# ----- 4 · a learning rate that converges --------------------------------------------------

#: The bowl L(w) = 5w² (dL/dw = 10w), from w = 1: within 20 steps |w| must drop below 0.01.
BOWL = {"a": 5.0, "start": 1.0, "steps": 20, "goal": 0.01}


def check_learning_rate(lr):
    """A learning rate that takes gradient descent on L(w) = 5w² from w = 1 to |w| < 0.01 in 20 steps."""
    lr, problem = read_number(lr, Text("derivatives.name.lr"), example="0.05")
    if problem is not None:  # a Verdict is falsy when it did not pass
        return problem
    a, w, steps, goal = BOWL["a"], BOWL["start"], BOWL["steps"], BOWL["goal"]
    factor = 1 - 2 * a * lr  # each step: w ← w - lr·10w = (1 - 10 lr) w
    said = {"lr": shown(lr), "factor": shown(factor)}
    if lr <= 0:
        return wrong("derivatives.lr.not_positive", "derivatives.lr.not_positive.hint", **said)
    if abs(factor) > 1 + 1e-12:  # decided before factor ** 20, which overflows for a huge α
        if lr > 1:
            return wrong("derivatives.lr.diverges", "derivatives.lr.far_too_large", **said)
        return wrong("derivatives.lr.diverges", "derivatives.lr.too_large", **said)
    if abs(factor) > 1 - 1e-12:
        return wrong("derivatives.lr.bounces", "derivatives.lr.bounces.hint", **said)
    w_end = w * factor ** steps
    if abs(w_end) < goal:
        if abs(factor) < 1e-12:
            return right("derivatives.lr.exact", **said)
        how = Text("derivatives.lr.zigzags" if factor < 0 else "derivatives.lr.slides")
        return right("derivatives.lr.right", how=how, w_end=f"{abs(w_end):.1e}", **said)
    if factor > 0:
        return wrong("derivatives.lr.crawls", "derivatives.lr.crawls.hint", w_end=f"{w_end:.3f}",
                     kept=f"{factor:.0%}", **said)
    return wrong("derivatives.lr.slow_zigzag", "derivatives.lr.slow_zigzag.hint", w_end=f"{abs(w_end):.3f}", **said)
