"""Notebook 02's explorer: drag the scores, watch softmax's probabilities and the cross-entropy."""

import html

import numpy as np

from .. import functions as F
from .._format import format_probability
from .._validation import check_number, describe
from ..layers import SoftmaxWithLoss
from ..plotting import CLASS_COLORS, REGION_COLORS
from ._words import label, say
from .base import Explorer, readout_line, readout_lines

__all__ = ["SoftmaxExplorer", "softmax_explorer"]

#: The lesson's classes: their names are code (``target="dog"``, the control "dog score"),
#: shown to the learner in the explorer's language.
LESSON_LABELS = ("dog", "cat", "hamster")
_VISIBLE = 0.01  # how far δ must move the loss before the readout explains it (0.0003 at cat's -4.4)


class SoftmaxExplorer(Explorer):
    r"""Drag three scores; watch $y_k = e^{s_k} / \sum_i e^{s_i}$ and $L = -\log y_t$ follow.

    Its words (and the lesson's class names) are in the language current when it is built.
    """

    figsize = (7.2, 3.2)
    _factory = "softmax_explorer"
    SCORE_RANGE = (-10.0, 10.0)

    def __init__(self, *, scores=(3.1, -4.4, 2.8), target="dog", labels=("dog", "cat", "hamster"), size="normal"):
        who = self._factory
        if isinstance(labels, str) or not hasattr(labels, "__len__") or not all(isinstance(l, str) for l in labels):
            raise TypeError(f"{who} expects labels as a list of names (got {describe(labels)}).")
        if isinstance(scores, str) or not hasattr(scores, "__len__"):
            raise TypeError(f"{who} expects scores as a list of numbers (got {describe(scores)}).")
        if len(scores) != len(labels) or not 2 <= len(labels) <= len(CLASS_COLORS):
            raise ValueError(
                f"{who} expects one score per label, 2 to {len(CLASS_COLORS)} of them "
                f"(got {len(scores)} scores and {len(labels)} labels)."
            )
        if len(set(labels)) != len(labels):
            raise ValueError(f"{who} expects different labels (got {list(labels)}).")
        self._labels = tuple(labels)
        # the lesson's own classes are shown in the explorer's language; a learner's names as given
        self._shown = (tuple(say(self, f"fig.class.{l}") for l in labels) if self._labels == LESSON_LABELS
                       else self._labels)
        self._scores0 = [check_number(s, who, f"the score of {l}", *self.SCORE_RANGE) for s, l in zip(scores, labels)]
        if target not in self._labels:
            raise ValueError(f"{who} expects target to be one of {list(self._labels)} (got {target!r}).")
        self._target0 = target
        super().__init__(size=size)

    def _build(self):
        k = len(self._labels)
        idx = np.arange(k)
        left, right = self.figure.subplots(1, 2)
        self._style_axes(left, None, say(self, "explorer.softmax.score_axis"), say(self, "explorer.softmax.scores"))
        left.set_ylim(-12.5, 12.5)
        left.axhline(0, color="0.3", linewidth=0.8)
        left.set_xticks(idx, self._shown)
        self._score_bars = left.bar(idx, np.zeros(k), color=CLASS_COLORS[:k], width=0.6)
        self._style_axes(right, None, say(self, "explorer.softmax.probability_axis"),
                         say(self, "explorer.softmax.probabilities"))
        right.set_ylim(0, 1.22)
        right.set_xticks(idx, self._shown)
        self._prob_bars = right.bar(idx, np.zeros(k), color=CLASS_COLORS[:k], width=0.6)
        for bar in list(self._score_bars) + list(self._prob_bars):
            self._dynamic_artist(bar)
        small = self.look["small"]
        self._score_texts = [self._dynamic_artist(left.text(i, 0, "", ha="center", fontsize=small)) for i in idx]
        self._prob_texts = [self._dynamic_artist(right.text(i, 0, "", ha="center", va="bottom", fontsize=small))
                            for i in idx]
        self._title = self._dynamic_artist(self.figure.suptitle(" ", fontsize=self.look["title"]))
        for name, shown, score in zip(self._labels, self._shown, self._scores0):
            slider = self._slider(f"{name} score", *self.SCORE_RANGE, 0.1, score, readout_format=".1f")
            slider.description = say(self, "explorer.softmax.score_control", name=shown)
        label(self, self._choice("target", list(zip(self._shown, self._labels)), self._target0),
              "explorer.control.target")

    def _numbers(self):
        """(scores, probabilities, target index, loss) at the controls."""
        s = np.array([self.value(f"{label} score") for label in self._labels])
        y = F.softmax(s)
        t = self._labels.index(self.value("target"))
        # The exact loss of the scores (log-softmax, as SoftmaxWithLoss computes it): the
        # 1e-7 inside cross_entropy_error would cap it near 16 for a hopeless target.
        return s, y, t, SoftmaxWithLoss().forward(s, t)

    def _update(self):
        s, y, t, loss = self._numbers()
        for i, (bar, text, value) in enumerate(zip(self._score_bars, self._score_texts, s)):
            bar.set_height(value)
            text.set_text(f"{value:.1f}".replace("-", "−"))
            text.set_position((i, value + (0.4 if value >= 0 else -0.4)))
            text.set_verticalalignment("bottom" if value >= 0 else "top")
        for i, (bar, text, p) in enumerate(zip(self._prob_bars, self._prob_texts, y)):
            bar.set_height(p)
            # the target in full color, the others pale: the loss only looks at the target
            bar.set_color(CLASS_COLORS[i] if i == t else REGION_COLORS[i])
            # a pale bar keeps an outline in its class colour, so it stands out from the white page
            bar.set_edgecolor("black" if i == t else CLASS_COLORS[i])
            bar.set_linewidth(1.5 if i == t else 1.0)
            text.set_text(format_probability(p))
            text.set_position((i, p + 0.02))
        name = self._shown[t]
        self._title.set_text(say(self, "explorer.softmax.title", name=name, loss=f"{loss:.3f}"))
        probs = ", ".join(format_probability(p) for p in y)
        line = readout_line(f"y = softmax(s) = [{probs}]", f"t = {name}", f"L = {loss:.3f}")
        # Notebook 02's section 4 says δ caps the loss at 16.1: where the exact loss from the
        # scores and cross_entropy_error's (from the probabilities, δ inside the log) part by
        # a visible amount, say why, so the larger number never looks like a contradiction.
        capped = F.cross_entropy_error(y, t)
        if loss - capped >= _VISIBLE:
            line = readout_lines(line, html.escape(say(self, "explorer.softmax.capped", capped=f"{capped:.3f}")))
        return line

    def __repr__(self):
        s, y, t, loss = self._numbers()
        scores = ", ".join(f"{v:.1f}" for v in s)
        probs = ", ".join(format_probability(p) for p in y)
        return f"SoftmaxExplorer(scores=[{scores}], t={self._labels[t]}): y = [{probs}], L = {loss:.3f}"


def softmax_explorer(*, scores=(3.1, -4.4, 2.8), target="dog", labels=("dog", "cat", "hamster"), size="normal"):
    """Score sliders for each class and a target selector; bars of softmax and the cross-entropy.

    Args:
        scores: the starting scores, each in [-10, 10] (the lesson's [3.1, -4.4, 2.8]).
        target: the true class, one of labels.
        labels: the class names.
        size: "normal", or "large" for a projector.
    """
    return SoftmaxExplorer(scores=scores, target=target, labels=labels, size=size)
