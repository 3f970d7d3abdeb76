"""Checkers for the exercises of 02 · Loss.

Each checker takes what the learner wrote and returns a one-line Verdict: ✓ with why,
✗ with a hint aimed at the likely mistake (log base 10, a forgotten minus sign, a sum
where the batch wants a mean …), or "not done yet" while the cell still holds ``...``.

The numbers of each exercise are the module constants below; the notebook states the
same numbers, and ``nnkit.solutions.loss`` works them out.
"""

import math
import numbers

from .._text import Text, available_languages, template, text
from ._verdict import is_stub, judge_number, not_done, wrong

__all__ = ["check_softmax_favourite", "check_cross_entropy", "check_dog_below_hamster", "check_mse"]

LABELS = ("dog", "cat", "hamster")
#: The codes of the classes' names: a learner may answer in any language the kit speaks.
LABEL_KEYS = ("class.dog", "class.cat", "class.hamster")


def _class_index(answer):
    """The index of the class ``answer`` names (its index, or its name in any language), or None."""
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
        return int(answer) if 0 <= answer < len(LABELS) else None
    name = str(answer).strip().lower()
    for language in available_languages():
        for index, key in enumerate(LABEL_KEYS):
            if template(key, language).lower() == name:
                return index
    return None


def _softmax(scores):
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [v / total for v in e]


# ----- exercise 1: which class softmax favours, and how much ---------------------------------

#: The scores of (dog, cat, hamster) in the exercise.
FAVOURITE_SCORES = (2.0, 0.0, -1.0)


def check_softmax_favourite(favourite, probability):
    """Check the class softmax favours for scores (2, 0, −1) and that class's probability."""
    if is_stub(favourite) or is_stub(probability):
        return not_done("loss.favourite.placeholder", "loss.favourite.placeholder.hint")
    y = _softmax(FAVOURITE_SCORES)
    best = max(range(len(y)), key=y.__getitem__)
    index = _class_index(favourite)
    if index is None:
        return wrong("loss.favourite.unknown", "loss.favourite.unknown.hint", got=repr(favourite)[:30],
                     labels=", ".join(repr(text(key)) for key in LABEL_KEYS))
    name = text(LABEL_KEYS[index])
    if index != best:
        return wrong("loss.favourite.not_favoured", "loss.favourite.order", label=name)
    s = FAVOURITE_SCORES
    exp_sum = sum(math.exp(v) for v in s)
    return judge_number(
        probability, y[best], name=Text("loss.name.y", label=name),
        why=("loss.favourite.right", {"label": name, "y": f"{y[best]:.3f}"}),
        hints=(
            (s[best] / sum(s), "loss.favourite.ratio"),
            (math.exp(s[best]), "loss.favourite.numerator"),
            (math.exp(s[best]) / (exp_sum - math.exp(s[best])), "loss.favourite.denominator"),
            (1.0 / (1.0 + math.exp(-s[best])), "loss.favourite.sigmoid"),
            (100.0 * y[best], "loss.favourite.percent"),
            (y[1], "loss.favourite.other"),
            (y[2], "loss.favourite.other"),
            (math.exp(s[best]) / sum(math.exp(v) for v in s[:2]), "loss.favourite.denominator_all"),
            (1.0 / len(s), "loss.favourite.uniform"),
        ),
    )


# ----- exercise 2: cross-entropy of one prediction ------------------------------------------

#: The prediction (dog, cat, hamster) and the true class of the exercise.
CE_Y = (0.2, 0.7, 0.1)
CE_TARGET = "cat"


def check_cross_entropy(answer):
    """Check L = −Σ t_k log y_k for y = (0.2, 0.7, 0.1) and the true class cat."""
    k = LABELS.index(CE_TARGET)
    p = CE_Y[k]
    return judge_number(
        answer, -math.log(p), name=Text("loss.name.L"),
        why=("loss.ce.right", {"p": f"{p:g}", "L": f"{-math.log(p):.3f}"}),
        hints=(
            (-math.log10(p), "loss.log10"),
            (-math.log2(p), "loss.log2"),
            (math.log(p), "loss.minus"),
            (-math.log(CE_Y[0]), "loss.ce.dog"),
            (-math.log(CE_Y[2]), "loss.ce.hamster"),
            (-sum(math.log(v) for v in CE_Y), "loss.ce.all_classes"),
            (-sum(math.log(v) for v in CE_Y) / 3, "loss.ce.all_classes"),
            (1.0 - p, "loss.ce.one_minus"),
            (-math.log(1.0 - p), "loss.ce.log_one_minus"),
            (-p * math.log(p), "loss.ce.times_p"),
            (p, "loss.ce.probability"),
        ),
    )


# ----- exercise 3: the dog score drops below the hamster score ------------------------------

#: The lesson's scores with dog lowered from 3.1 to 2.5, under hamster's 2.8; the target is still dog.
DROPPED_SCORES = (2.5, -4.4, 2.8)
LESSON_SCORES = (3.1, -4.4, 2.8)


def check_dog_below_hamster(answer):
    """Check the loss for target dog when the scores are (2.5, −4.4, 2.8)."""
    y = _softmax(DROPPED_SCORES)
    loss = -math.log(y[0])
    old = -math.log(_softmax(LESSON_SCORES)[0])
    return judge_number(
        answer, loss, name=Text("loss.name.L"),
        why=("loss.dropped.right", {"y_dog": f"{y[0]:.3f}", "y_hamster": f"{y[2]:.3f}",
                                    "old": f"{old:.2f}", "new": f"{loss:.2f}"}),
        hints=(
            (old, "loss.dropped.lesson"),
            (y[0], "loss.dropped.y"),
            (-math.log10(y[0]), "loss.log10"),
            (math.log(y[0]), "loss.minus"),
            (-math.log(y[2]), "loss.dropped.hamster"),
            # (−log y_hamster with the lesson's scores is no slip to name: the two score gaps
            # are both 0.3, so it lands within 2e-4 of the right answer.)
            (-math.log(DROPPED_SCORES[0] / sum(DROPPED_SCORES)), "loss.dropped.no_exp"),
            (1.0 - y[0], "loss.ce.one_minus"),
        ),
    )


# ----- exercise 4: mean squared error of a batch --------------------------------------------

#: Three samples with one output each: predictions and true values.
MSE_PRED = (2.5, 0.0, 1.0)
MSE_TRUE = (4.0, 0.5, 1.0)


def check_mse(answer):
    """Check the batch MSE, the mean over rows of (ŷ − y)², for the three samples of the exercise."""
    d = [p - t for p, t in zip(MSE_PRED, MSE_TRUE)]
    n = len(d)
    squares = [v * v for v in d]
    mse = sum(squares) / n
    return judge_number(
        answer, mse, name=Text("loss.name.L"),
        why=("loss.mse.right", {"squares": ", ".join(f"{v:g}" for v in squares), "n": n, "L": f"{mse:.4g}"}),
        hints=(
            (sum(squares), "loss.mse.sum"),
            (mse / 2, "loss.mse.half"),
            (sum(abs(v) for v in d) / n, "loss.mse.absolute"),
            (sum(d) / n, "loss.mse.not_squared"),
            ((sum(d) / n) ** 2, "loss.mse.square_of_mean"),
            (math.sqrt(mse), "loss.mse.root"),
            (sum(squares) / (n - 1), "loss.mse.n_minus_1"),
        ),
    )
