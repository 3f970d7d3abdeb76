"""Numbers as a learner reads them: one function a rule, used by every picture and readout.

- ``format_fixed(x, digits=2)``: a fixed number of decimals (a slider's value, a slope).
- ``format_short(x)``: at most three decimals, no trailing zeros (a tick-like label).
- ``format_probability(p)``: three decimals, or enough digits that a tiny p is not 0.
- ``format_value(x)``: the numbers on a computational graph (values and gradients), in the
  drawing and in the explorer's readout: two decimals, but a number under 0.1 keeps two
  significant digits (0.090, 0.045) and one of 10,000 or more three.
"""

import math

__all__ = ["format_fixed", "format_probability", "format_short", "format_value"]


def format_fixed(x, digits=2):
    """``x`` with ``digits`` decimals, never ``-0.00``."""
    text = f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def format_short(x):
    """``x`` with at most three decimals and no trailing zeros: 2, 2.5, -0.125."""
    return f"{round(float(x), 3) + 0.0:g}"


def format_probability(p):
    """A probability with three decimals, or with enough digits that it does not read as 0.

    0.574 → ``0.574``; 0.000318 → ``0.0003``; 2.1e-9 → ``2e-09``; exactly 0 → ``0``.
    """
    p = float(p)
    if p >= 0.001:
        return f"{p:.3f}"
    if p <= 0:
        return "0"
    if p >= 1e-6:
        return f"{p:.{math.ceil(-math.log10(p))}f}"
    return f"{p:.0e}"


def format_value(x):
    """The numbers of a computational graph, drawing and readout alike: one rule for every digit.

    Two decimals (``0.73``, ``-0.20``), the precision of the lesson's tables. A number under
    0.1 in size keeps two significant digits, trailing zero included (``0.090``, ``0.045``,
    ``-0.0032``, ``-1.2e-05``): a small gradient never looks like none at all, every small
    number shows the same two digits, and upstream × local = downstream still reads true
    (-0.015 × 12.18 = -0.18, where "-0.01 × 12.18" would not). One of 10,000 or more keeps
    three significant digits (``4.85e+08``), so its label stays short. Never ``-0.00``.
    """
    if x != 0 and abs(x) < 0.095:  # (from 0.095 up, two decimals already give two digits: 0.10)
        return f"{x:#.2g}"
    if abs(x) >= 1e4:  # e^20 as 4.85e+08, not 485165195.41: a label must fit beside its edge
        return f"{x:#.3g}"
    text = f"{x:.2f}"
    return "0.00" if text == "-0.00" else text
