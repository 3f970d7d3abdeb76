"""The verdict frame every checker shares: decisions on data, sentences from nnkit._text, one per language."""

import math
import re
import string
import warnings

import numpy as np
import pytest

import nnkit
from nnkit import _text, solutions
from nnkit.exercises import backprop, chain_rule, derivatives, forward, loss, pitfalls, training
from nnkit.exercises._verdict import Outcome, decimals_of, judge_number, read_number

from checks import assert_wrong


class TestText:
    def test_english_is_the_default(self):
        """English is the language a kernel starts in; English and Korean are shipped, English first."""
        assert nnkit.get_language() == "en" and _text.available_languages() == ("en", "ko")

    def test_unknown_language_is_one_sentence(self):
        """set_language names what it expects and what came."""
        with pytest.raises(ValueError, match=r"set_language expects one of 'en', 'ko' \(got 'xx'\)"):
            nnkit.set_language("xx")

    def test_every_language_is_complete(self):
        """No language shipped lacks a sentence English has (a gap fails here, loudly)."""
        for language in _text.available_languages():
            assert _text.missing_keys(language) == []

    def test_missing_sentence_falls_back_to_english_with_a_warning(self, monkeypatch):
        """A language without a key shows the English sentence (a learner still reads a verdict) and warns once."""
        monkeypatch.setattr(_text, "_LANGUAGES", ("en", "xx"))
        monkeypatch.setitem(_text._tables, "xx", {"number.right": "맞아요."})
        monkeypatch.setattr(_text, "_warned", set())
        nnkit.set_language("xx")
        try:
            verdict = forward.check_h2(3.5)  # its sentences are missing in "xx"
            with pytest.warns(_text.MissingTextWarning, match="no 'xx' sentence for 'forward.h2.rows'"):
                hint = verdict.hint
            assert "column 2" in hint
            assert judge_number(1.0, 1.0).message == "맞아요."
            assert "forward.h2.rows" in _text.missing_keys("xx")
        finally:
            nnkit.set_language("en")

    def test_switching_changes_the_shown_text_not_the_decision(self, monkeypatch):
        """The same verdict object reads in the language current when it is shown; its codes stay."""
        verdict = forward.check_h2(-2.5)
        english = repr(verdict)
        monkeypatch.setattr(_text, "_LANGUAGES", ("en", "xx"))
        table = {key: f"[xx] {key}" for key in _text._table("en")}
        table.update({"verdict.wrong": "✗ {message}", "verdict.with_hint": "{head}\n  hint: {hint}"})
        monkeypatch.setitem(_text._tables, "xx", table)
        nnkit.set_language("xx")
        try:
            assert repr(verdict) != english and "[xx] forward.h2.no_bias" in repr(verdict)
            assert verdict.slip == "forward.h2.no_bias" and verdict.outcome is Outcome.WRONG
        finally:
            nnkit.set_language("en")
        assert repr(verdict) == english

    @pytest.mark.parametrize("language", _text.available_languages())
    def test_templates_fill_in(self, language):
        """Every template of every language formats with the fields its own text names (no stray brace)."""
        for key, template in _text._table(language).items():
            fields = {name: 1.5 for name in _text.fields_of(template)}
            template.format(**fields)

    @pytest.mark.parametrize("language", [code for code in _text.available_languages() if code != "en"])
    def test_every_template_has_the_english_fields(self, language):
        """A translated template fills in exactly the English template's fields, with the same conversions."""
        english = _text._table("en")
        wrong = {key: (english[key], template) for key, template in _text._table(language).items()
                 if _fields_and_specs(template) != _fields_and_specs(english[key])}
        assert not wrong, f"fields differ from English: {wrong}"

    def test_no_language_has_a_code_english_lacks(self):
        """Each language's codes are English's: a stray code would be a sentence no check could ask for."""
        for language in _text.available_languages():
            assert set(_text._table(language)) <= set(_text._table("en")), language

    def test_korean_templates_are_korean(self):
        """No Korean sentence keeps English prose; one without Hangul is code or a formula (dx = dout @ W.T)."""
        english, korean = _text._table("en"), _text._table("ko")
        prose = {key: template for key, template in korean.items() if _english_words(template)}
        assert not prose, prose
        # a sentence English has in words must have Hangul in Korean (Korean has no articles: "the {name}" is "{name}")
        untranslated = [key for key, template in korean.items()
                        if not _HANGUL.search(template) and _english_words(english[key]) - {"the", "an"}]
        assert not untranslated, untranslated

    def test_korean_verdict_reads_in_korean(self):
        """A Korean verdict and its hint come from ko.py: Hangul in them, and not the English template's words."""
        nnkit.set_language("ko")
        try:
            verdict = forward.check_h2(3.5)
            shown = repr(verdict)
        finally:
            nnkit.set_language("en")
        assert _HANGUL.search(shown) and "hint" not in shown and "column" not in shown
        assert verdict.slip == "forward.h2.rows" and repr(verdict) != shown


_HANGUL = re.compile("[\uac00-\ud7a3]")
#: Words of English prose that no formula or code in the sentences uses.
_ENGLISH_PROSE = {"the", "is", "are", "not", "and", "with", "your", "this", "that", "from", "for", "has", "have",
                  "should", "yet", "still", "got", "expects", "write", "hint", "right", "wrong", "number", "gives",
                  "passed", "failed", "which", "where", "each", "one", "its", "it", "of", "to", "an", "in", "on"}


def _english_words(template):
    """The English prose words in a template, outside its {fields} and code such as self.y."""
    words = re.findall(r"(?<![.\w{])[A-Za-z]+(?![\w(}.])", re.sub(r"\{[^}]*\}", " ", template))
    return {word for word in words if word.lower() in _ENGLISH_PROSE}


def _fields_and_specs(template):
    """The (field, conversion, format spec) triples a template fills in, as a set."""
    return {(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(template) if name}


class TestReadNumber:
    @pytest.mark.parametrize("answer", [-1.5, np.float64(-1.5), np.float32(-1.5), np.array(-1.5), np.array([-1.5]),
                                        np.array([[-1.5]]), -3 / 2])
    def test_numbers_in_every_form(self, answer):
        """A float, a numpy scalar and a one-element array are all one number."""
        assert read_number(answer)[0] == -1.5

    @pytest.mark.parametrize("answer, code", [("-10", "number.quoted"), ("ten", "number.not_a_number"),
                                              (True, "number.not_a_number"), ([1, 2], "number.not_a_number"),
                                              (np.array([1.0, 2.0]), "number.array"),
                                              (float("nan"), "number.not_finite")])
    def test_not_numbers(self, answer, code):
        """Text (even '-10'), a bool, a list, a longer array and NaN are refused, each with its own code."""
        value, verdict = read_number(answer)
        assert value is None and verdict.code == code and not verdict.passed

    def test_a_longer_array_names_its_shape_not_its_numbers(self):
        """A (32, 5) array is described by its shape, never pasted whole."""
        _, verdict = read_number(np.zeros((32, 5)))
        assert "(32, 5)" in verdict.message and len(repr(verdict)) < 250


class TestDecimals:
    @pytest.mark.parametrize("value, places", [(0.36, 2), (0.357, 3), (2.0, 0), (-6, 0), (1e-05, 5), (12.01, 2),
                                               (0.35667494393873245, 17)])
    def test_decimals_of(self, value, places):
        """The decimals a number was written with."""
        assert decimals_of(value) == places


class TestJudgeNumber:
    @pytest.mark.parametrize("answer", [0.357, 0.36, 0.3567, 0.35, 0.356675, -math.log(0.7)])
    def test_right_to_the_decimals_given(self, answer):
        """An answer correct to the (at least two) decimals it is given is right."""
        assert judge_number(answer, -math.log(0.7)).passed

    @pytest.mark.parametrize("answer", [0.4, 0.3])
    def test_too_coarse(self, answer):
        """Close, but with one decimal: "close: give three decimals"."""
        verdict = judge_number(answer, -math.log(0.7))
        assert verdict.code == "number.too_coarse" and verdict.hint == "close: give three decimals."

    def test_a_slip_nearer_than_the_answer_wins(self):
        """When a slip lies nearer the value than the right answer, its hint is given."""
        verdict = judge_number(0.52, 0.5, hints=[(0.52, "loss.minus")])
        assert verdict.slip == "loss.minus"

    def test_a_huge_number_prints_short(self):
        """1e300 is shown in a few characters, not 300 digits."""
        assert len(judge_number(1e300, 0.5).message) < 40


# ----- the notebooks' answers in the forms learners write them ------------------------------

RIGHT_ANSWERS = [
    (forward.check_h2, (-1.5,)), (forward.check_h2, (np.array([[2.0, -1.0]]) @ np.array(forward.H2_W)
                                                     + np.array(forward.H2_B))[:, 1:2]),
    (forward.check_h2, (np.float64(-1.5),)), (forward.check_output_shape, ((32, 5),)),
    (forward.check_output_shape, ([32, 5],)), (forward.check_output_shape, (np.zeros((32, 5)).shape,)),
    (forward.check_composition, (10, 5)), (forward.check_composition, (np.float64(10), np.array([5.0]))),
    (forward.check_sigmoid_neuron, (0.88,)), (forward.check_sigmoid_neuron, (0.881,)),
    (loss.check_softmax_favourite, ("dog", 0.84)), (loss.check_softmax_favourite, ("Dog ", 0.844)),
    (loss.check_softmax_favourite, (0, np.float64(0.8438))),
    (loss.check_cross_entropy, (0.36,)), (loss.check_cross_entropy, (0.357,)),
    (loss.check_dog_below_hamster, (0.85,)), (loss.check_dog_below_hamster, (0.855,)),
    (loss.check_dog_below_hamster, (0.8548,)), (loss.check_mse, (0.83,)), (loss.check_mse, (0.833,)),
    (derivatives.check_tangent_slope, (-6,)), (derivatives.check_tangent_slope, (np.int64(-6),)),
    (derivatives.check_descent_step, (1.6,)), (derivatives.check_learning_rate, (0.1,)),
    (derivatives.check_learning_rate, (np.float64(0.05),)),
    (chain_rule.check_mul_gate, (-10, 15)), (chain_rule.check_mul_gate, (np.float64(-10), np.array([15.0]))),
    (chain_rule.check_add_gate, (5, 5)), (chain_rule.check_max_gate, (0, 5)), (chain_rule.check_copy_gate, (-1,)),
    (chain_rule.check_neuron_grad, (0.39,)), (chain_rule.check_neuron_grad, (0.393,)),
    (training.check_dW1_shape, ((2, 10),)), (training.check_dW1_shape, (np.zeros((2, 10)).shape,)),
    (training.check_slip, ("∂h/∂W1",)), (training.check_slip, ("dh/dW1",)),
]


@pytest.mark.parametrize("checker, args", RIGHT_ANSWERS, ids=lambda v: getattr(v, "__name__", None))
def test_right_answers_in_every_reasonable_form(checker, args):
    """A right answer in a form a learner writes (rounded, a numpy scalar, a one-element array) passes."""
    verdict = checker(*args)
    assert verdict.passed, repr(verdict)


# ----- every reference solution passes its checker ------------------------------------------

SOLVED_BY = {
    "h2_by_hand": forward.check_h2, "output_shape": forward.check_output_shape,
    "composed_line": forward.check_composition, "sigmoid_neuron": forward.check_sigmoid_neuron,
    "softmax_favourite": loss.check_softmax_favourite, "cross_entropy_by_hand": loss.check_cross_entropy,
    "dog_below_hamster": loss.check_dog_below_hamster, "mse_batch": loss.check_mse,
    "tangent_slope": derivatives.check_tangent_slope, "central_difference": derivatives.check_central_difference,
    "descent_step": derivatives.check_descent_step, "converging_learning_rate": derivatives.check_learning_rate,
    "mul_gate_grads": chain_rule.check_mul_gate, "add_gate_grads": chain_rule.check_add_gate,
    "max_gate_grads": chain_rule.check_max_gate, "copy_gate_grad": chain_rule.check_copy_gate,
    "neuron_grad_w0": chain_rule.check_neuron_grad,
    "relu_backward": backprop.check_relu_backward, "sigmoid_backward": backprop.check_sigmoid_backward,
    "affine_backward": backprop.check_affine_backward,
    "softmax_with_loss_backward": backprop.check_softmax_with_loss_backward,
    "sgd_step": training.check_sgd_step, "learning_rate": training.check_learning_rate,
    "dW1_shape": training.check_dW1_shape, "find_the_slip": training.check_slip,
    "smallest_gradient": pitfalls.check_smallest_gradient, "relu_init": pitfalls.check_relu_init,
    "fastest_lr": pitfalls.check_fastest_lr,
}


def test_every_solution_has_a_checker():
    """The table below covers every solution there is."""
    assert set(SOLVED_BY) == set(solutions.names())


@pytest.mark.parametrize("name", sorted(SOLVED_BY))
def test_solution_passes_its_checker(name):
    """Each reference solution passes the checker of its exercise."""
    solution = solutions.get(name)
    if isinstance(solution, type) or name == "central_difference":
        verdict = SOLVED_BY[name](solution)
    else:
        answer = solution()
        verdict = SOLVED_BY[name](*answer) if name in ("composed_line", "softmax_favourite", "mul_gate_grads",
                                                       "add_gate_grads", "max_gate_grads") else SOLVED_BY[name](answer)
    assert verdict.passed, repr(verdict)


# ----- no crash and no silent wrong number --------------------------------------------------

@pytest.mark.parametrize("lr", [1e15, 1e300, -1e300, 1e-300])
def test_learning_rate_of_03_never_crashes(lr):
    """Huge and tiny learning rates get a verdict, not an OverflowError, and print short."""
    verdict = derivatives.check_learning_rate(lr)
    assert not verdict.passed and len(repr(verdict)) < 300, repr(verdict)


def test_training_checker_prints_a_short_loss():
    """A learning rate of 1e300 gives a verdict whose numbers are a few characters, not 300 digits."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        verdict = training.check_learning_rate(1e300)
    assert not verdict.passed and max(len(w) for w in repr(verdict).split()) < 20, repr(verdict)


@pytest.mark.parametrize("checker", [forward.check_output_shape, training.check_dW1_shape])
def test_shape_checkers_do_not_paste_arrays(checker):
    """Given the array itself (32×5), a shape checker names its shape and tells what to write."""
    verdict = checker(np.zeros((32, 5)))
    assert not verdict.passed and verdict.specific and "(32, 5)" in verdict.message
    assert len(repr(verdict)) < 300


@pytest.mark.parametrize("checker, args", [
    (derivatives.check_tangent_slope, ("-6",)), (chain_rule.check_mul_gate, ("-10", "15")),
    (forward.check_composition, ("10", "5")), (chain_rule.check_copy_gate, ("-1",)),
])
def test_quoted_numbers_are_not_numbers(checker, args):
    """'-10' is text: the lesson is to compute a number, and the hint says to drop the quotes."""
    verdict = checker(*args)
    assert not verdict.passed and verdict.code == "number.quoted", repr(verdict)
    assert_wrong(verdict, "without quotes")


NUMBER_CHECKERS = {
    "h2_by_hand": forward.check_h2, "sigmoid_neuron": forward.check_sigmoid_neuron,
    "cross_entropy_by_hand": loss.check_cross_entropy, "dog_below_hamster": loss.check_dog_below_hamster,
    "mse_batch": loss.check_mse, "tangent_slope": derivatives.check_tangent_slope,
    "descent_step": derivatives.check_descent_step, "copy_gate_grad": chain_rule.check_copy_gate,
    "neuron_grad_w0": chain_rule.check_neuron_grad,
}


@pytest.mark.parametrize("name", sorted(NUMBER_CHECKERS))
@pytest.mark.parametrize("places", [2, 3, 4])
def test_the_answer_rounded_or_cut_off_passes(name, places):
    """The right number rounded or cut off at 2, 3 or 4 decimals passes: no slip sits that close to it."""
    value = solutions.get(name)()
    for answer in (round(value, places), math.trunc(value * 10**places) / 10**places):
        verdict = NUMBER_CHECKERS[name](answer)
        assert verdict.passed, (answer, repr(verdict))


@pytest.mark.parametrize("places", [2, 3, 4])
def test_the_favourite_probability_rounded_or_cut_off_passes(places):
    """The same for the favourite's probability of notebook 02."""
    label, p = solutions.get("softmax_favourite")()
    for answer in (round(p, places), math.trunc(p * 10**places) / 10**places):
        assert loss.check_softmax_favourite(label, answer).passed, answer
