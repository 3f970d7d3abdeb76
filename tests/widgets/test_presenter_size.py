"""The projector size: every explorer at size="large" stays readable wherever its controls go.

tests/widgets/test_base.py checks each explorer at its starting values. A teacher drags the
sliders to their ends in front of a class, so here every control of every explorer is
swept (its ends and points between; every option of a choice) and after each move the
figure is checked again: every text at least 16 pt, no two texts overlapping, none cut
off. The figure must also fit a 1280×720 projector, its text must stay big in pixels (not
only in points), and the default size must not change.

The figure helpers are the shared ones of tests/figures.py; the ``factory`` fixture (each
explorer in turn) comes from tests/widgets/conftest.py.
"""

import re

import pytest

from figures import drawn_texts, layout_problems, sweep
from nnkit import widgets as W

LARGE = W.SIZES["large"]
PROJECTOR = (1280, 720)  # pixels
MIN_POINTS = 16  # the "text at least 16 pt" on a projector
# 16 pt at the large size's own 90 dpi: what a 16-pt text is on screen when the figure is
# drawn at the dpi the large size asks for. A figure squeezed to a lower dpi to fit the
# width keeps its points but loses pixels.
MIN_PIXELS = MIN_POINTS * LARGE["dpi"] / 72

def sweep_problems(explorer, *, min_points=None):
    """Everything wrong after each move of a sweep: overlaps, texts cut off, and texts under ``min_points``."""
    problems = set()
    for description, value in sweep(explorer):
        where = f"{description} = {value:g}" if isinstance(value, (int, float)) else f"{description} = {value}"
        texts = drawn_texts(explorer.figure)
        if min_points is not None:
            problems.update(f"{where}: {t.get_text()!r} is {t.get_fontsize():g} pt"
                            for t in texts if t.get_fontsize() < min_points)
        problems.update(f"{where}: {p}" for p in layout_problems(explorer.figure, texts))
    return sorted(problems)


class TestWhereverTheControlsGo:
    def test_large_texts_stay_16_pt_and_apart(self, factory):
        """After every move of every control, each text of the large figure is at least 16 pt, none overlaps another or is cut off."""
        problems = sweep_problems(factory(size="large"), min_points=MIN_POINTS)
        assert not problems, "\n".join(problems[:10])

    def test_normal_texts_stay_apart(self, factory):
        """The default size too: after every move no two texts overlap and none is cut off."""
        problems = sweep_problems(factory())
        assert not problems, "\n".join(problems[:10])

    @pytest.mark.parametrize("size", ["large", "normal"])
    def test_graph_with_huge_numbers(self, size):
        """With every input at an end (exp(55) on an edge) the graph's labels still do not overlap."""
        explorer = W.graph_explorer(size=size)
        explorer.set_values({"w0": 5, "x0": -5, "w1": 5, "x1": -5, "w2": -5})
        texts = drawn_texts(explorer.figure)
        assert any("e+" in t.get_text() for t in texts)  # the huge values, written short
        assert layout_problems(explorer.figure, texts) == []


class TestFitsAProjector:
    def test_figure_fits_1280_by_720_with_room_for_the_controls(self, factory):
        """The large figure is at most the size's max_px wide (under 1280) and leaves a quarter of 720 px for controls."""
        explorer = factory(size="large")
        width, height = explorer.figure.bbox.width, explorer.figure.bbox.height
        assert LARGE["max_px"] < PROJECTOR[0]
        assert width <= LARGE["max_px"] + 0.5, f"{width:.0f} px wide"
        assert height <= 0.75 * PROJECTOR[1], f"{height:.0f} px tall"

    def test_figure_is_bigger_than_at_normal_size(self, factory):
        """Large draws more pixels than normal in both directions."""
        normal, large = factory(), factory(size="large")
        assert large.figure.bbox.width > normal.figure.bbox.width
        assert large.figure.bbox.height > normal.figure.bbox.height

    def test_text_is_projector_sized_in_pixels(self, factory):
        """Every text of the large figure is at least 16 pt at 90 dpi on screen (20 px), not only 16 pt on paper."""
        explorer = factory(size="large")
        dpi = explorer.figure.dpi
        smallest = min(t.get_fontsize() * dpi / 72 for t in drawn_texts(explorer.figure))
        assert smallest >= MIN_PIXELS - 1e-6, f"smallest text {smallest:.1f} px on screen (figure at {dpi:.0f} dpi)"

    def test_controls_are_projector_sized(self, factory):
        """Every slider has the large width and label width, and the explorer's style sets 20-px control text."""
        explorer = factory(size="large")
        for slider in explorer.sliders.values():
            assert slider.layout.width == LARGE["slider_width"]
            assert slider.style.description_width == LARGE["description_width"]
        css = explorer.children[0].value
        assert f"--jp-widgets-font-size: {LARGE['css_font']};" in css
        assert re.search(r"\.nnkit-readout \{ font-size: " + re.escape(LARGE["css_font"]), css)
        assert float(LARGE["css_font"].removesuffix("px")) >= 20


class TestDefaultSizeUnchanged:
    def test_a_large_explorer_leaves_a_normal_one_as_it_was(self, factory):
        """Building and moving a large explorer changes neither a normal one's picture nor the shared settings."""
        settings = {size: dict(look) for size, look in W.SIZES.items()}
        before = factory().render_png()
        large = factory(size="large")
        for _ in zip(range(3), sweep(large)):
            pass
        assert factory().render_png() == before
        assert {size: dict(look) for size, look in W.SIZES.items()} == settings

    def test_large_style_only_reaches_large_explorers(self, factory):
        """Every rule of a large explorer's style that sets a size is scoped to .nnkit-large, so normal ones on the page keep theirs."""
        css = factory(size="large").children[0].value
        rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css.replace("<style>", "").replace("</style>", ""))
        assert rules
        for selectors, body in rules:
            if re.search(r"(?<![-\w])(font-size|width|height|min-width|--jp-widgets-[\w-]+)\s*:", body):
                for selector in selectors.split(","):
                    assert ".nnkit-explorer.nnkit-large" in selector, f"unscoped rule: {selector.strip()} {{{body}}}"
