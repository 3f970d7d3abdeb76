"""Checkers for the exercises of 02 · Loss.

Each checker takes what the learner wrote and returns a one-line Verdict: ✓ with why,
✗ with a hint aimed at the likely mistake (log base 10, a forgotten minus sign, a sum
where the batch wants a mean …), or "not done yet" while the cell still holds ``...``.

The numbers of each exercise are the module constants below; the notebook states the
same numbers, and ``nnkit.solutions.loss`` works them out.
"""

import math
import numbers

from ._verdict import check_number, is_stub, not_done, wrong

__all__ = ["check_softmax_favourite", "check_cross_entropy", "check_dog_below_hamster", "check_mse"]

LABELS = ("dog", "cat", "hamster")


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
        return not_done("the class or its probability is still a placeholder.",
                        'write the name, such as "cat", and the probability as a number between 0 and 1.')
    y = _softmax(FAVOURITE_SCORES)
    best = max(range(len(y)), key=y.__getitem__)
    if isinstance(favourite, (numbers.Integral,)) and not isinstance(favourite, bool) and 0 <= favourite < len(LABELS):
        favourite = LABELS[int(favourite)]
    name = str(favourite).strip().lower()
    if name not in LABELS:
        return wrong(f"{favourite!r} is not one of the classes.", f"write one of {', '.join(map(repr, LABELS))}.")
    if name != LABELS[best]:
        return wrong(f"softmax does not favour {name}.",
                     "exp keeps the order of the scores: the highest score gets the highest probability.")
    s = FAVOURITE_SCORES
    exp_sum = sum(math.exp(v) for v in s)
    return check_number(
        probability, y[best], name=f"y_{name}",
        why=f"{name} has the highest score, and y_{name} = e²/(e² + e⁰ + e⁻¹) = {y[best]:.3f}.",
        hints=(
            (s[best] / sum(s), "s_k / Σ s_i is not a probability (here it is 2 / 1 = 2): use exp(s_k) / Σ exp(s_i)."),
            (math.exp(s[best]), "e² is only the numerator: divide by e² + e⁰ + e⁻¹, the sum over every class."),
            (math.exp(s[best]) / (exp_sum - math.exp(s[best])), "the sum in the denominator includes the class itself: e² + e⁰ + e⁻¹."),
            (1.0 / (1.0 + math.exp(-s[best])), "that is the sigmoid of dog's score alone; softmax compares it with every class."),
            (100.0 * y[best], "write the probability as a number between 0 and 1, not as a percentage."),
            (y[1], "that is cat's probability; the question asks for the favourite's."),
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
    return check_number(
        answer, -math.log(p), name="L",
        why=f"only the cat term survives the one-hot t: L = −log {p:g} = {-math.log(p):.3f}.",
        hints=(
            (-math.log10(p), "np.log is the natural log (base e); you used log base 10."),
            (-math.log2(p), "np.log is the natural log (base e); you used log base 2."),
            (math.log(p), "you forgot the minus sign: the log of a probability is negative, the loss is positive."),
            (-math.log(CE_Y[0]), "that is −log y_dog; the one-hot t = cat keeps only the cat term."),
            (-sum(math.log(v) for v in CE_Y), "you summed −log y_k over every class; t_k is 0 except for cat."),
            (1.0 - p, "that is 1 − y_cat; cross-entropy is −log y_cat."),
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
    return check_number(
        answer, loss, name="L",
        why=(f"y_dog falls to {y[0]:.3f} and hamster now gets {y[2]:.3f}: the network would answer hamster, "
             f"and the loss for the true dog grows from {old:.2f} to {loss:.2f}."),
        hints=(
            (old, "0.55 is the loss with dog at 3.1 (and also −log y_hamster now): "
                  "the target is still dog, so take −log y_dog with the new scores."),
            (y[0], "that is y_dog; the loss is −log y_dog."),
            (-math.log10(y[0]), "np.log is the natural log (base e); you used log base 10."),
            (math.log(y[0]), "you forgot the minus sign: the loss is −log y_dog, a positive number."),
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
    return check_number(
        answer, mse, name="L",
        why=f"the squares are {', '.join(f'{v:g}' for v in squares)}; their mean over the {n} rows is {mse:.4g}.",
        hints=(
            (sum(squares), f"you summed the squares; the batch loss is their mean: divide by N = {n}."),
            (mse / 2, "this lesson's MSE has no ½ in front: L = mean of (ŷ − y)²."),
            (sum(abs(v) for v in d) / n, "that is the mean absolute error: square each difference instead."),
            (sum(d) / n, "square each difference before averaging (and the sign goes away)."),
            ((sum(d) / n) ** 2, "square each difference first, then average; not the square of the mean difference."),
        ),
    )
