"""Every explorer in Korean: no English word from the kit in its figure, readout or controls, and no clash.

The explorers are built with ``nnkit.set_language("ko")`` (tests/korean.py's ``korean()``,
which restores English after) and moved through their controls' values; at every stop
the figure's texts, the readout and the controls' words are searched for English words
(code, maths and method names aside: ``tests.korean.ALLOWED``).
"""

import re

import pytest

import nnkit
from nnkit import widgets as W
from tests.figures import control_values, drawn_texts, layout_problems, text_strings
from tests.korean import english_words, korean, readable, widget_strings
from tests.widgets.conftest import FACTORIES

#: Every explorer a learner meets: the lesson explorers and the playground.
KOREAN_FACTORIES = dict(FACTORIES, playground=W.playground)

#: States beyond a sweep's one-control-at-a-time stops whose words only show there:
#: divergence, the bouncing edge, the start, a walk that stopped, a playground that blew up.
SPECIAL_STATES = {
    "gradient_descent": [{"learning rate": 1.2, "steps": 50}, {"learning rate": 1.0}, {"steps": 0},
                         {"learning rate": 0.6, "steps": 20}, {"learning rate": 0.01, "steps": 5}],
    "optimizer": [{"learning rate": 1.2, "optimizer": "SGD"}, {"optimizer": "Adam", "surface": "valley"},
                  {"optimizer": "SGD", "learning rate": 0.01}],
    "initialization": [{"activation": "relu", "weight scale": "he"}, {"activation": "tanh", "weight scale": "1.0"},
                       {"activation": "tanh", "weight scale": "xavier", "gain ×": 2.0}],
    "training": [{"learning rate": 3.0}, {"epoch": 0}],
    "softmax": [{"dog score": -10.0, "target": "dog"}],
}

#: Sweeping every setting would train every run; the training explorer sweeps its epoch only.
SWEPT = {"training": ("epoch",), "playground": ("data", "hidden", "activation")}


def _everything(explorer):
    """Every string a learner reads in the explorer: the figure's texts, the widgets' words and the
    words of its text line (its repr, shown where the widget cannot be: after its call, which is code)."""
    return text_strings(explorer.figure) + widget_strings(explorer) + [repr(explorer).split("): ", 1)[-1]]


def _stops(name, explorer):
    """Move the explorer through its sweep and its special states, yielding where it is each time."""
    yield "start"
    only = SWEPT.get(name)
    for description, control in explorer.controls.items():
        if only is not None and description not in only:
            continue
        start = control.value
        for value in control_values(control):
            control.value = value
            yield f"{description} = {value!r}"
        control.value = start
    for state in SPECIAL_STATES.get(name, ()):
        explorer.set_values(state)
        yield repr(state)
    if name == "playground":
        explorer.set_values({"learning rate": max(W.playground.__globals__["LEARNING_RATES"]), "optimizer": "sgd"})
        for _ in range(30):
            explorer.step()
        yield "a large learning rate, 30 epochs"


@pytest.fixture(params=sorted(KOREAN_FACTORIES))
def korean_name(request):
    """Each explorer's name in turn."""
    return request.param


class TestKoreanExplorers:
    def test_no_english_word_anywhere(self, korean_name):
        """At every stop of a sweep, no English word from the kit is in the figure, the readout or the controls."""
        with korean():
            explorer = KOREAN_FACTORIES[korean_name]()
            found = {}
            for where in _stops(korean_name, explorer):
                for word in english_words(_everything(explorer)):
                    found.setdefault(word, where)
        assert not found, "English left in Korean: " + "; ".join(f"{w} (at {where})" for w, where in found.items())

    def test_the_readout_is_korean(self, korean_name):
        """The readout has Hangul in it: the words were translated, not dropped."""
        with korean():
            explorer = KOREAN_FACTORIES[korean_name]()
        assert any("\uac00" <= c <= "\ud7a3" for c in readable(explorer.readout.value)), explorer.readout.value

    @pytest.mark.parametrize("size", ["normal", "large"])
    def test_korean_texts_fit(self, korean_name, size):
        """The Korean titles, labels and notes overlap nothing and stay inside the figure, through a sweep.

        A clash the English explorer has at the same stop is the layout's, not the
        translation's (the playground's x₂ label on "xor" today): only new ones fail here.
        """
        def problems(explorer):
            def at(where, text):
                # the same clash in either language: texts with Hangul name no English twin
                return (where, re.sub(r"[\uac00-\ud7a3]", "", text))
            return {at(where, p) for where in _stops(korean_name, explorer) for p in layout_problems(explorer.figure)}

        english = problems(KOREAN_FACTORIES[korean_name](size=size))
        with korean():
            new = problems(KOREAN_FACTORIES[korean_name](size=size)) - english
        assert not new, "; ".join(f"{p} (at {where})" for where, p in sorted(new))


class TestExplorerLanguage:
    def test_a_korean_explorer_stays_korean(self):
        """An explorer built in Korean keeps its words after the language is switched back and it refreshes."""
        with korean():
            explorer = W.gradient_descent_explorer()
        korean_readout = explorer.readout.value
        assert nnkit.get_language() == "en"
        explorer.set_value("steps", 11)
        explorer.set_value("steps", 10)
        assert explorer.readout.value == korean_readout
        assert explorer.sliders["learning rate"].description == "학습률"

    def test_an_english_explorer_stays_english(self):
        """An explorer built in English keeps its words when Korean is chosen later."""
        explorer = W.training_explorer()
        english = explorer.readout.value
        with korean():
            explorer.set_value("epoch", 299)
            explorer.set_value("epoch", 300)
            assert explorer.readout.value == english
            assert "epoch" in text_strings(explorer.figure)[0] or any("epoch" in s for s in text_strings(explorer.figure))

    def test_controls_keep_their_english_names(self):
        """In Korean, code still names a control by its English name; the learner reads the Korean one."""
        with korean():
            explorer = W.softmax_explorer()
            explorer.set_value("target", "cat")
            explorer.set_value("cat score", 5.0)
            assert explorer.controls["cat score"].description == "고양이 점수"
            assert "고양이" in explorer.readout.value
            assert any("고양이" in s for s in text_strings(explorer.figure))

    def test_a_learners_own_labels_are_kept(self):
        """Class names the learner chose are shown as given, in either language."""
        with korean():
            explorer = W.softmax_explorer(labels=("ant", "bee", "cow"), target="bee")
        assert explorer.controls["bee score"].description == "bee 점수"
        assert [t.get_text() for t in explorer.figure.axes[0].get_xticklabels()] == ["ant", "bee", "cow"]

    def test_the_drawn_texts_have_hangul_glyphs(self):
        """Drawn with the fallback font, a Korean explorer's title is measured as text, not as missing boxes."""
        with korean():
            explorer = W.sigmoid_explorer()
            assert any("지나요" in t.get_text() for t in drawn_texts(explorer.figure))
