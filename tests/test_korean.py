"""The Korean edition's core: Hangul in figures without boxes, rcParams untouched for English, Korean reports."""

import io
import logging
import re
import subprocess
import sys
import warnings

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

import nnkit
from nnkit import _fonts, _text
from nnkit.exercises import forward
from nnkit.gradcheck import _columns, check_layer
from nnkit.layers import Affine, Sigmoid
from nnkit.plotting import plot_softmax
from nnkit.widgets import softmax_explorer

HANGUL = re.compile("[\uac00-\ud7a3]")
KOREAN_LABELS = ("개", "고양이", "햄스터")


@pytest.fixture
def korean():
    """The session in Korean for one test, and back in English after it whatever happens."""
    nnkit.set_language("ko")
    try:
        yield
    finally:
        nnkit.set_language("en")


def missing_glyphs(draw):
    """The missing-glyph complaints matplotlib makes while ``draw()`` renders: warnings and mathtext's log lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("matplotlib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            draw()
    finally:
        logger.removeHandler(handler)
    said = [str(w.message) for w in caught] + stream.getvalue().splitlines()
    # "Glyph … missing from font(s) DejaVu Sans." (3.9 and later), "… missing from current font." (3.8)
    # and "findfont: Failed to find font weight bold for NanumGothic" when a bold Hangul face is missing
    return [line for line in said if re.search(r"Glyph .* missing from|does not have a glyph|Failed to find font", line)]


def korean_figure():
    """A figure with Hangul in its title, legend, axis label, tick labels and a plotting function's bars."""
    figure = Figure(figsize=(6, 3), dpi=80)
    left, right = figure.subplots(1, 2)
    left.plot([0, 1, 2], [1.0, 0.4, -0.2], label="손실함수 L")
    left.set_title("경사하강법: 학습률 α = 0.1", fontweight="bold")
    left.set_xlabel("에폭")
    left.set_xticks([0, 1, 2], ["처음", "중간", "끝"])
    left.legend()
    plot_softmax([3.1, -4.4, 2.8], t=0, ax=right, labels=KOREAN_LABELS)
    right.set_title("소프트맥스와 교차 엔트로피")
    return figure


def render(figure):
    figure.savefig(io.BytesIO(), format="png")


class TestHangulFonts:
    def test_a_korean_figure_has_every_glyph(self, korean):
        """In Korean a title, legend, labels, tick labels and plot_softmax's bars render with no missing glyph."""
        assert missing_glyphs(lambda: render(korean_figure())) == []

    def test_english_fonts_have_no_hangul(self):
        """The check above can fail: the same figure in English (DejaVu Sans alone) misses the Hangul glyphs."""
        if _fonts._registered and "NanumGothic" in matplotlib.rcParams["font.family"]:
            pytest.fail("English left the Hangul font in font.family")
        assert missing_glyphs(lambda: render(korean_figure()))

    def test_an_explorer_with_korean_labels_has_every_glyph(self, korean):
        """An explorer's figure (softmax_explorer with Korean class names) renders Hangul through its own renderer."""
        explorer = softmax_explorer(labels=KOREAN_LABELS, target=KOREAN_LABELS[0])
        explorer.figure.axes[0].set_title("점수를 움직여 보세요")
        assert missing_glyphs(lambda: explorer.refresh(full=True)) == []
        assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"

    def test_latin_and_minus_still_come_from_dejavu(self, korean):
        """Korean puts NanumGothic behind the English font: x, σ and − come from DejaVu Sans as in English."""
        from matplotlib.font_manager import FontProperties, fontManager
        family = matplotlib.rcParams["font.family"]
        assert family[-1] == "NanumGothic" and family[:-1] == ["sans-serif"]
        fonts = [str(path) for path in fontManager._find_fonts_by_props(FontProperties(family=family))]
        assert "DejaVuSans.ttf" in fonts[0] and "NanumGothic.ttf" in fonts[1]
        assert matplotlib.rcParams["axes.unicode_minus"] is True

    def test_no_font_still_switches_the_sentences_and_warns_once(self, monkeypatch):
        """Without the font file, set_language("ko") still speaks Korean and says once how to get the font."""
        monkeypatch.setattr(_fonts, "hangul_font_path", lambda: None)
        monkeypatch.setattr(_fonts, "_registered", None)
        monkeypatch.setattr(_fonts, "_warned", False)
        try:
            with pytest.warns(_fonts.FontWarning, match="pip install koreanize-matplotlib") as caught:
                nnkit.set_language("ko")
                nnkit.set_language("en")
                nnkit.set_language("ko")
            assert len([w for w in caught if w.category is _fonts.FontWarning]) == 1
            assert nnkit.get_language() == "ko" and HANGUL.search(repr(forward.check_h2(3.5)))
            assert "NanumGothic" not in matplotlib.rcParams["font.family"]
        finally:
            nnkit.set_language("en")


RCPARAMS_SCRIPT = """
import matplotlib
before = {k: repr(v) for k, v in matplotlib.rcParams.items()}
import nnkit
import nnkit.widgets, nnkit.plotting, nnkit.diagrams
changed = lambda: sorted(k for k, v in matplotlib.rcParams.items() if repr(v) != before[k])
after_import = changed()
nnkit.set_language("en")
after_en = changed()
nnkit.set_language("ko")
in_ko = changed()
nnkit.set_language("en")
print(after_import, after_en, in_ko, changed(), sep="|")
"""


class TestRcParams:
    def test_english_never_changes_rcparams(self):
        """rcParams before `import nnkit`, after it, after set_language("en") and after a trip to Korean are the same."""
        result = subprocess.run([sys.executable, "-c", RCPARAMS_SCRIPT], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        after_import, after_en, in_ko, back = result.stdout.strip().splitlines()[-1].split("|")
        assert (after_import, after_en, back) == ("[]", "[]", "[]")
        assert in_ko == "['font.family']"  # Korean changes the font family and nothing else


class TestKoreanReports:
    def test_a_korean_verdict(self, korean):
        """A checker's verdict and hint read in Korean: Hangul, and none of its English template's words."""
        verdict = forward.check_h2(3.5)
        shown = repr(verdict)
        english_hint = _text.template(verdict.hint_code, "en")
        assert HANGUL.search(verdict.message) and HANGUL.search(verdict.hint)
        assert not set(re.findall(r"[a-z]{4,}", english_hint)) & set(re.findall(r"[a-z]{4,}", shown))

    def test_a_korean_gradcheck_report(self, korean):
        """check_layer's report on a passing and a failing layer reads in Korean, numbers and names kept."""
        rng = np.random.default_rng(0)
        good = str(check_layer(Affine(rng.standard_normal((3, 2)), np.zeros(2)), rng.standard_normal((4, 3))))

        class ForgetsDout(Sigmoid):
            def backward(self, dout):
                return super().backward(np.ones_like(dout))

        bad = str(check_layer(ForgetsDout(), rng.standard_normal((4, 3))))
        for report in (good, bad):
            lines = report.splitlines()
            assert HANGUL.search(lines[0]) and HANGUL.search(lines[-1]), report
            assert not re.search(r"\b(gradient|check|passed|FAILED|shape|name)\b", report), report
        assert re.search(r"^  W +\(3, 2\)", good, re.M) and re.search(r"^  ✗ x: .*\(0, 1\)", bad, re.M)
        header, first_row = good.splitlines()[1:3]
        start = header.index(_text.text("gradcheck.col.shape"))
        assert _columns(header[:start]) == _columns(first_row[:first_row.index("(")])  # the columns line up

    def test_switching_back_gives_english(self):
        """The same verdict shows in English again after set_language("en")."""
        verdict = forward.check_h2(3.5)
        nnkit.set_language("ko")
        korean_text = repr(verdict)
        nnkit.set_language("en")
        assert HANGUL.search(korean_text) and not HANGUL.search(repr(verdict))


class TestKoreanErrors:
    def test_errors_a_learner_meets_read_in_korean(self, korean):
        """Wrong shapes into Affine, a label out of range and raw scores into cross_entropy_error say so in Korean."""
        from nnkit.functions import cross_entropy_error
        from nnkit.layers import SoftmaxWithLoss
        rng = np.random.default_rng(0)
        layer = Affine(rng.standard_normal((3, 2)), np.zeros(2))
        for call, kept in ((lambda: layer.forward(np.ones((4, 5))), "(4, 5)"),
                           (lambda: layer.forward(...), "..."),
                           (lambda: SoftmaxWithLoss().forward(np.ones((2, 3)), np.array([0, 3])), "3"),
                           (lambda: cross_entropy_error(np.array([3.1, -4.4, 2.8]), 0), "3.1")):
            with pytest.raises((ValueError, TypeError)) as caught:
                call()
            message = str(caught.value)
            assert HANGUL.search(message) and "expects" not in message and kept in message, message

    def test_divergence_warning_reads_in_korean(self, korean):
        """fit's DivergenceWarning (the optimizer refused a step) is one Korean sentence that keeps the numbers."""
        from nnkit import DivergenceWarning, MeanSquaredError, SGD, Sequential, fit
        rng = np.random.default_rng(0)
        x = rng.standard_normal((40, 3))
        y = x @ rng.standard_normal((3, 2))
        model = Sequential([Affine(np.zeros((3, 2)), np.zeros(2))], MeanSquaredError())
        with pytest.warns(DivergenceWarning) as caught:
            fit(model, SGD(1e100), x, y, epochs=3, batch_size=10, seed=0)
        message = str(caught[0].message)
        assert HANGUL.search(message) and "lr = 1e+100" in message and "params[0]" in message
        assert not re.search(r"\b(the|left|because|learning)\b", message), message
