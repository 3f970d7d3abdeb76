"""Checkers for notebook 03 · Derivatives and gradients.

Each checker takes what the learner wrote and returns a one-line Verdict: ✓ with why,
✗ with a hint aimed at the likely mistake (a forward difference instead of a central
one, a forgotten 2 in 2h, a step taken uphill …), or "not done yet" for a stub.
"""

import math

from ._verdict import check_number, is_stub, not_done, read_number, right, wrong

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
    return check_number(
        answer, 2 * x, name="the slope",
        why="the slope of y = x² at x = -3 is 2·(-3) = -6: going right, y falls 6 times as fast.",
        hints=[
            (x * x, "9 is the height y = x² of the point; the slope is the derivative dy/dx = 2x there."),
            (-2 * x, "the curve falls at x = -3 (left of the bottom), so the slope is negative: 2x with x = -3."),
            (x, "the derivative of x² is 2x, not x: don't drop the 2."),
            (2 * x * x, "2x² is not the derivative of x²; the power rule gives 2x."),
        ],
    )


# ----- 2 · a central difference ------------------------------------------------------------


def _cube(x):
    return x ** 3


def _call(fn, f, x, h):
    """(value, verdict): the learner's fn(f, x, h), or the verdict that says what went wrong."""
    try:
        value = fn(f, x, h)
    except NotImplementedError:
        return None, not_done("central_difference still raises NotImplementedError.",
                              "replace that line with the formula and return the number.")
    except Exception as error:  # a learner's code: say what broke in one sentence
        return None, wrong(f"central_difference(f, {x:g}, {h:g}) raised {type(error).__name__}: {error}",
                           "run central_difference(lambda x: x**3, 2.0, 0.1) in a cell and read the error.")
    if is_stub(value):
        return None, not_done("central_difference does not return a number yet.",
                              "end it with return (f(x + h) - f(x - h)) / ... (you finish it).")
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None, wrong(f"central_difference returned a {type(value).__name__}, not a number.",
                           "return one number: the difference quotient.")
    return value, None


def check_central_difference(central_difference):
    """The learner's central_difference(f, x, h), tried on f = x³ at x = 2 with h = 0.1, then h = 0.001."""
    if is_stub(central_difference):
        return not_done("central_difference is still a placeholder.", "write the function and run the cell again.")
    if not callable(central_difference):
        return wrong("central_difference should be a function of (f, x, h).",
                     "define it with def central_difference(f, x, h): ...")
    f, x, h = _cube, 2.0, 0.1
    value, verdict = _call(central_difference, f, x, h)
    if verdict is not None:
        return verdict
    expected = (f(x + h) - f(x - h)) / (2 * h)  # 12.01
    mistakes = [
        ((f(x + h) - f(x)) / h,
         "that is the forward difference (f(x+h) - f(x)) / h; the central one looks both ways: f(x+h) - f(x-h)."),
        ((f(x) - f(x - h)) / h,
         "that is the backward difference (f(x) - f(x-h)) / h; the central one uses f(x+h) - f(x-h)."),
        ((f(x + h) - f(x - h)) / h,
         "the two points x - h and x + h are 2h apart: divide by 2 * h, not h."),
        ((f(x + h) - f(x)) / (2 * h),
         "divide by 2h only when the two points are 2h apart: use f(x+h) - f(x-h)."),
        (f(x + h) - f(x - h) / (2 * h),
         "put brackets around the difference: (f(x + h) - f(x - h)) / (2 * h)."),
        ((f(x + h) - f(x - h)) / 2 * h,
         "put brackets around the denominator: / (2 * h), not / 2 * h (that multiplies by h)."),
        (-expected, "the order is reversed: f(x + h) - f(x - h), the right point first."),
        (3 * x * x, "that is the exact derivative 3x² of this f; measure the slope from f itself, with h."),
    ]
    if not math.isfinite(value) or abs(value - expected) > 1e-6 * abs(expected):
        for mistake, hint in mistakes:
            if math.isfinite(value) and abs(value - mistake) <= 1e-6 * max(1.0, abs(mistake)):
                return wrong(f"for f(x) = x³ at x = 2 with h = 0.1 you get {value:.6g}, not {expected:.6g}.", hint)
        return wrong(f"for f(x) = x³ at x = 2 with h = 0.1 you get {value:.6g}, not {expected:.6g}.",
                     "(f(x + h) - f(x - h)) / (2 * h): print each piece and compare.")
    # a second h, in case the function ignores the h it is given
    h2 = 1e-3
    value2, verdict = _call(central_difference, f, x, h2)
    if verdict is not None:
        return verdict
    expected2 = (f(x + h2) - f(x - h2)) / (2 * h2)
    if abs(value2 - expected2) > 1e-6 * abs(expected2):
        return wrong(f"with h = 0.001 you get {value2:.6g}, not {expected2:.6g}.",
                     "use the h you are given, not a number of your own.")
    return right(f"x³ at x = 2: {expected:.2f} with h = 0.1, {expected2:.6f} with h = 0.001; the exact slope is 12.")


# ----- 3 · one step of gradient descent ----------------------------------------------------

#: L(w) = (w - 4)², start w = 1, learning rate 0.1.
DESCENT = {"target": 4.0, "w": 1.0, "lr": 0.1}


def check_descent_step(answer):
    """One step w ← w - α dL/dw on L(w) = (w - 4)² from w = 1 with α = 0.1 (gives 1.6)."""
    c, w, lr = DESCENT["target"], DESCENT["w"], DESCENT["lr"]
    grad = 2 * (w - c)  # -6
    loss = (w - c) ** 2  # 9
    return check_number(
        answer, w - lr * grad, name="the new w", tol=1e-3,
        why="dL/dw = 2(1 - 4) = -6, so w ← 1 - 0.1·(-6) = 1.6: a step towards the bottom at w = 4.",
        hints=[
            (w + lr * grad, "that step went uphill: gradient descent subtracts, w - α·dL/dw."),
            (w - grad, "multiply the gradient by the learning rate α = 0.1 before you subtract it."),
            (-lr * grad, "0.6 is the change -α·dL/dw; the new w is the old w plus that change."),
            (w - lr * loss, "you used the loss L = 9; the step uses its slope dL/dw = 2(w - 4)."),
            (w - lr * (w - c), "the derivative of (w - 4)² is 2(w - 4): don't drop the 2."),
            (grad, "-6 is the gradient dL/dw; now take the step w - α·dL/dw."),
        ],
    )


# ----- 4 · a learning rate that converges --------------------------------------------------

#: The bowl L(w) = 5w² (dL/dw = 10w), from w = 1: within 20 steps |w| must drop below 0.01.
BOWL = {"a": 5.0, "start": 1.0, "steps": 20, "goal": 0.01}


def check_learning_rate(lr):
    """A learning rate that takes gradient descent on L(w) = 5w² from w = 1 to |w| < 0.01 in 20 steps."""
    lr, problem = read_number(lr, "the learning rate", example="0.05")
    if problem is not None:  # a Verdict is falsy when it did not pass
        return problem
    a, w, steps, goal = BOWL["a"], BOWL["start"], BOWL["steps"], BOWL["goal"]
    factor = 1 - 2 * a * lr  # each step: w ← w - lr·10w = (1 - 10 lr) w
    if lr <= 0:
        return wrong(f"α = {lr:g} is not positive.",
                     "a learning rate is a positive size of step: with α ≤ 0 the step stands still or goes uphill.")
    w_end = w * factor ** steps
    if abs(factor) > 1 + 1e-12:
        return wrong(f"α = {lr:g} diverges: each step multiplies w by 1 - 10α = {factor:.2f}, so |w| grows.",
                     "the step overshoots the bottom by more than w was away from it: try a smaller α.")
    if abs(factor) > 1 - 1e-12:
        return wrong(f"α = {lr:g} bounces: each step multiplies w by 1 - 10α = -1, so w jumps between 1 and -1.",
                     "a little smaller α and the jumps shrink.")
    if abs(w_end) < goal:
        if abs(factor) < 1e-12:
            return right(f"α = {lr:g}: 1 - 10α = 0, so the first step lands exactly at the bottom w = 0.")
        how = "zigzags in" if factor < 0 else "slides down"
        return right(f"α = {lr:g}: each step multiplies w by {factor:.2f}; it {how} to |w| = {abs(w_end):.1e} in 20 steps.")
    if factor > 0:
        return wrong(f"α = {lr:g} crawls: after 20 steps w is still {w_end:.3f}.",
                     f"the steps are too small (each keeps {factor:.0%} of w): try a larger α.")
    return wrong(f"α = {lr:g} zigzags too slowly: after 20 steps |w| is still {abs(w_end):.3f}.",
                 "each step jumps past the bottom and lands almost as far on the other side: try a bit smaller α.")
