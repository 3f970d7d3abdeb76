"""The Korean edition of the plots, diagrams and backward steps, and the table of their words.

The figure words live in nnkit/_text under the codes ``explorer.*``, ``fig.*``,
``diagram.*`` and ``steps.*``; these tests check that every one has a Korean form with
the same fields, that the Korean forms hold no English word (so no state of an explorer
can show one, even one a sweep never reaches), that every code is used in nnkit, and
that the plots, the network drawing and ``backward_steps()`` speak Korean when asked.
"""

import pathlib
import re
import string

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import nnkit
from nnkit import _text
from nnkit.data import spiral
from nnkit.diagrams import draw_graph, draw_network
from nnkit.graph import Value, logistic_neuron
from nnkit.models import TwoLayerNet
from nnkit.plotting import plot_decision_boundary, plot_loss_curve, plot_sigmoid, plot_softmax, plot_tangent
from nnkit.train import History
from tests.figures import layout_problems
from tests.korean import english_words, korean

#: The codes of the figure, explorer, diagram and backward-step words (and fit's History line).
PREFIXES = ("explorer.", "fig.", "diagram.", "steps.", "fit.")
PACKAGE = pathlib.Path(nnkit.__file__).parent


def _codes():
    return sorted(k for k in _text._table("en") if k.startswith(PREFIXES))


def _without_fields(template):
    return "".join(literal for literal, *_ in string.Formatter().parse(template))


def _texts(fig):
    """Every non-empty string of the figure's Text artists (titles, labels, ticks, legends, notes)."""
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _figure(size=(6.4, 3.2), layout="constrained"):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=size, dpi=100, layout=layout)
    FigureCanvasAgg(fig)
    return fig


class TestFigureWords:
    def test_there_are_figure_words(self):
        """The prefixes find the block (a renamed prefix would make every test below pass on nothing)."""
        assert len(_codes()) > 150

    @pytest.mark.parametrize("code", _codes())
    def test_korean_has_it_with_the_same_fields(self, code):
        """Each figure word has a Korean form that fills in the same fields as the English one."""
        ko = _text._table("ko")
        assert code in ko, f"no Korean form for {code!r}"
        assert _text.fields_of(ko[code]) == _text.fields_of(_text._table("en")[code])

    @pytest.mark.parametrize("code", _codes())
    def test_korean_form_has_no_english_word(self, code):
        """The Korean form, its fields left out, has no English word (code and method names aside)."""
        assert not english_words([_without_fields(_text._table("ko")[code])])

    def test_every_code_is_used(self):
        """Every figure word's code appears in nnkit's code, whole or as an f-string's stem (no dead words)."""
        source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if "_text" not in p.parts)
        stems = set(re.findall(r"""f["']((?:%s)[a-z_.]*\.)\{""" % "|".join(re.escape(p) for p in PREFIXES), source))
        unused = [code for code in _codes()
                  if f'"{code}"' not in source and f"'{code}'" not in source and not any(code.startswith(s) and "." not in code[len(s):]
                                                            for s in stems)]
        assert not unused, f"codes nothing uses: {unused}"


class TestKoreanPlots:
    def _plots(self):
        """Every plot on its own axes, in the current language; the figures."""
        figs = []
        for w, b in ((1, 0), (2, -3), (0, 1)):
            fig = _figure()
            plot_sigmoid(ax=fig.add_subplot(), w=w, b=b)
            figs.append(fig)
        fig = _figure()
        plot_tangent(lambda x: x * x, 2.0, ax=fig.add_subplot(), df=lambda x: 2 * x)
        figs.append(fig)
        fig = _figure()
        plot_softmax([3.1, -4.4, 2.8], "dog", ax=fig.add_subplot())
        figs.append(fig)
        x, t = spiral()
        fig = _figure((4, 4))
        ax = fig.add_subplot()
        plot_decision_boundary(TwoLayerNet(2, 5, 3, seed=0), x, t, ax=ax, resolution=30)
        ax.legend()
        figs.append(fig)
        history = History()
        history.loss, history.accuracy, history.diverged_at = [1.1, 0.9, 0.8], [0.3, 0.5, 0.6], 3
        fig = _figure()
        plot_loss_curve(history, ax=fig.add_subplot())
        figs.append(fig)
        return figs

    def test_plots_have_no_english_word(self):
        """In Korean, no plot's labels, legends or notes hold an English word."""
        with korean():
            found = [w for fig in self._plots() for w in english_words(_texts(fig))]
        assert not found

    def test_plots_stay_english_in_english(self):
        """In English the same plots keep their English words (the default language)."""
        texts = [s for fig in self._plots() for s in _texts(fig)]
        assert "probability" in texts and "accuracy" in texts and "slope 4.00 at x = 2" in texts

    def test_the_lesson_classes_are_korean(self):
        """plot_softmax shows the lesson's dog, cat, hamster in Korean, and t names the Korean class."""
        with korean():
            fig = _figure()
            _, _, loss_text = plot_softmax([3.1, -4.4, 2.8], "dog", ax=fig.add_subplot())
            ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
        assert ticks == ["개", "고양이", "햄스터"]
        assert loss_text.get_text().startswith("t = 개:")

    def test_korean_plot_texts_fit(self):
        """The Korean notes and labels of the plots overlap nothing and stay inside their figures."""
        with korean():
            problems = [p for fig in self._plots()[:5] for p in layout_problems(fig)]
        assert not problems


class TestKoreanDiagrams:
    def test_network_drawing_in_korean(self):
        """draw_network's captions and colour key are Korean, with no English word and no clash."""
        rng = np.random.default_rng(0)
        with korean():
            fig = _figure((7, 4), layout=None)
            ax = fig.add_axes((0, 0, 1, 1))
            drawing = draw_network([2, 4, 3], ax=ax, weights=[rng.normal(size=(2, 4)), rng.normal(size=(4, 3))])
            texts = _texts(fig)
            assert not english_words(texts)
            assert drawing.layer_texts[1].get_text() == "은닉층\n뉴런 4개"
            assert not layout_problems(fig)
            fig = _figure((9, 4), layout=None)
            draw_network([2, 3, 3, 2], ax=fig.add_axes((0, 0, 1, 1)))
            assert not english_words(_texts(fig))

    def test_network_drawing_in_english(self):
        """In English the captions read as before."""
        fig = _figure((7, 4), layout=None)
        drawing = draw_network([2, 4, 1], ax=fig.add_axes((0, 0, 1, 1)))
        assert [t.get_text() for t in drawing.layer_texts] == ["input\n2 neurons", "hidden\n4 neurons",
                                                              "output\n1 neuron"]

    def test_graph_drawing_has_no_english_word(self):
        """The computational graph's drawing in Korean shows only ops, names and numbers."""
        with korean():
            fig = _figure((8, 3), layout=None)
            draw_graph(logistic_neuron(), ax=fig.add_axes((0, 0, 1, 1)), step=4)
            assert not english_words(_texts(fig))


class TestKoreanBackwardSteps:
    def test_steps_read_in_korean(self):
        """backward_steps() lines in Korean name the steps and nodes in Korean, with no English word."""
        with korean():
            steps = logistic_neuron().backward_steps()
            lines = [str(step) for step in steps]
        assert lines[0].startswith("단계 1/8: ")
        assert not english_words(lines)
        assert all("상류" in line and "국소" in line for line in lines)

    def test_a_step_speaks_the_language_asked(self):
        """step.sentence(language) gives that language's line, whatever is current."""
        a, b = Value(2.0, label="a"), Value(-3.0, label="b")
        c = (a * b).exp()
        c.label = "c"
        step = c.backward_steps()[0]
        assert step.sentence("en").startswith("step 1 of 2: c (exp node): upstream 1")
        assert step.sentence("ko").startswith("단계 1/2: c (exp 노드): 상류 1")
        assert str(step) == step.sentence("en")

    def test_unlabelled_nodes_in_korean(self):
        """A leaf without a label and a constant are named in Korean too."""
        x = Value(3.0)
        y = x * 2 + 1
        with korean():
            lines = [str(s) for s in y.backward_steps()]
        assert not english_words(lines)


class TestKoreanHistory:
    def test_history_line_in_korean(self):
        """fit's History reads in Korean after its name, which is code."""
        history = History()
        history.loss, history.accuracy = [1.1288, 0.1327], [0.5, 0.963]
        assert repr(history) == "History(2 epochs, loss 1.1288 → 0.1327, accuracy 0.963)"
        with korean():
            assert repr(history) == "History(에폭 2번, 손실 1.1288 → 0.1327, 정확도 0.963)"
            assert repr(History()) == "History(아직 에폭 없음)"
