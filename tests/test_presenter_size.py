"""The projector size: every explorer at size="large" stays readable wherever its controls go.

tests/test_widgets.py checks each explorer at its starting values. A teacher drags the
sliders to their ends in front of a class, so here every control of every explorer is
swept (its ends and points between; every option of a choice) and after each move the
figure is checked again: every text at least 16 pt, no two texts overlapping, none cut
off. The figure must also fit a 1280×720 projector, its text must stay big in pixels (not
only in points), and the default size must not change.

The helpers below are this module's own (test modules do not import each other).
"""

import itertools
import re

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from nnkit import widgets as W  # noqa: E402

FACTORIES = {
    "sigmoid": W.sigmoid_explorer,
    "softmax": W.softmax_explorer,
    "tangent": W.tangent_explorer,
    "gradient_descent": W.gradient_descent_explorer,
    "graph": W.graph_explorer,
    "training": W.training_explorer,
}

LARGE = W.SIZES["large"]
PROJECTOR = (1280, 720)  # pixels
MIN_POINTS = 16  # the "text at least 16 pt" on a projector
# 16 pt at the large size's own 90 dpi: what a 16-pt text is on screen when the figure is
# drawn at the dpi the large size asks for. A figure squeezed to a lower dpi to fit the
# width keeps its points but loses pixels.
MIN_PIXELS = MIN_POINTS * LARGE["dpi"] / 72

GRAPH_SMALL_ON_SCREEN = (
    "the logistic neuron's graph is about 4.4 times wider than tall; at size 'large' it is "
    "squeezed to 1100 px by lowering the dpi to 62, so its 16-pt labels are 13.9 px on screen "
    "(the other large explorers: 20 px; the normal graph: 11.1 px). Reported to the package "
    "owner; remove this mark once the large graph's text is projector-sized in pixels."
)


@pytest.fixture(params=sorted(FACTORIES))
def name(request):
    """Each explorer's name in turn."""
    return request.param


def control_values(control):
    """The values a teacher's sweep visits: both ends and points between; every option of a choice."""
    if isinstance(control, (ipywidgets.FloatSlider, ipywidgets.IntSlider)):
        lo, hi = control.min, control.max
        values = [lo, hi] + [lo + f * (hi - lo) for f in (0.1, 0.25, 0.5, 0.75, 0.9)]
        return [int(round(v)) for v in values] if isinstance(control, ipywidgets.IntSlider) else values
    options = list(control.options)
    return [value for _, value in options] if isinstance(options[0], tuple) else options


def sweep(explorer):
    """Move every control through its values, one control at a time; yield (description, value) at each stop.

    After a control's sweep it goes back to where it started, as the other controls' sweeps assume.
    """
    for description, control in explorer.controls.items():
        start = control.value
        for value in control_values(control):
            control.value = value
            yield description, value
        control.value = start


def drawn_texts(fig):
    """The texts a viewer sees: visible, not empty, and for tick labels only those inside the view."""
    fig.canvas.draw()
    tick_labels, shown = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            pad = 1e-9 * (hi - lo)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for label in (tick.label1, tick.label2):
                    tick_labels.add(label)
                    if (lo - pad <= tick.get_loc() <= hi + pad and tick.get_visible() and label.get_visible()
                            and label.get_text().strip()):
                        shown.append(label)
    shown += [t for t in fig.findobj(Text)
              if t not in tick_labels and t.get_visible() and t.get_text().strip()]
    return shown


def layout_problems(fig, texts=None):
    """Texts whose boxes overlap (a pixel of slack), and texts that run off the figure."""
    texts = drawn_texts(fig) if texts is None else texts
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer).padded(-1) for t in texts]
    problems = [f"{a.get_text()!r} overlaps {b.get_text()!r}"
                for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes), 2) if box_a.overlaps(box_b)]
    inside = fig.bbox.padded(1)
    problems += [f"{t.get_text()!r} runs off the figure" for t, box in zip(texts, boxes)
                 if not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1))]
    return problems


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
    def test_large_texts_stay_16_pt_and_apart(self, name):
        """After every move of every control, each text of the large figure is at least 16 pt, none overlaps another or is cut off."""
        problems = sweep_problems(FACTORIES[name](size="large"), min_points=MIN_POINTS)
        assert not problems, "\n".join(problems[:10])

    def test_normal_texts_stay_apart(self, name):
        """The default size too: after every move no two texts overlap and none is cut off."""
        problems = sweep_problems(FACTORIES[name]())
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
    def test_figure_fits_1280_by_720_with_room_for_the_controls(self, name):
        """The large figure is at most the size's max_px wide (under 1280) and leaves a quarter of 720 px for controls."""
        explorer = FACTORIES[name](size="large")
        width, height = explorer.figure.bbox.width, explorer.figure.bbox.height
        assert LARGE["max_px"] < PROJECTOR[0]
        assert width <= LARGE["max_px"] + 0.5, f"{width:.0f} px wide"
        assert height <= 0.75 * PROJECTOR[1], f"{height:.0f} px tall"

    def test_figure_is_bigger_than_at_normal_size(self, name):
        """Large draws more pixels than normal in both directions."""
        normal, large = FACTORIES[name](), FACTORIES[name](size="large")
        assert large.figure.bbox.width > normal.figure.bbox.width
        assert large.figure.bbox.height > normal.figure.bbox.height

    def test_text_is_projector_sized_in_pixels(self, name, request):
        """Every text of the large figure is at least 16 pt at 90 dpi on screen (20 px), not only 16 pt on paper."""
        if name == "graph":
            request.applymarker(pytest.mark.xfail(strict=True, reason=GRAPH_SMALL_ON_SCREEN))
        explorer = FACTORIES[name](size="large")
        dpi = explorer.figure.dpi
        smallest = min(t.get_fontsize() * dpi / 72 for t in drawn_texts(explorer.figure))
        assert smallest >= MIN_PIXELS - 1e-6, f"smallest text {smallest:.1f} px on screen (figure at {dpi:.0f} dpi)"

    def test_controls_are_projector_sized(self, name):
        """Every slider has the large width and label width, and the explorer's style sets 20-px control text."""
        explorer = FACTORIES[name](size="large")
        for slider in explorer.sliders.values():
            assert slider.layout.width == LARGE["slider_width"]
            assert slider.style.description_width == LARGE["description_width"]
        css = explorer.children[0].value
        assert f"--jp-widgets-font-size: {LARGE['css_font']};" in css
        assert re.search(r"\.nnkit-readout \{ font-size: " + re.escape(LARGE["css_font"]), css)
        assert float(LARGE["css_font"].removesuffix("px")) >= 20


class TestDefaultSizeUnchanged:
    def test_a_large_explorer_leaves_a_normal_one_as_it_was(self, name):
        """Building and moving a large explorer changes neither a normal one's picture nor the shared settings."""
        settings = {size: dict(look) for size, look in W.SIZES.items()}
        before = FACTORIES[name]().render_png()
        large = FACTORIES[name](size="large")
        for _ in zip(range(3), sweep(large)):
            pass
        assert FACTORIES[name]().render_png() == before
        assert {size: dict(look) for size, look in W.SIZES.items()} == settings

    def test_large_style_only_reaches_large_explorers(self, name):
        """Every rule of a large explorer's style that sets a size is scoped to .nnkit-large, so normal ones on the page keep theirs."""
        css = FACTORIES[name](size="large").children[0].value
        rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css.replace("<style>", "").replace("</style>", ""))
        assert rules
        for selectors, body in rules:
            if re.search(r"(?<![-\w])(font-size|width|height|min-width|--jp-widgets-[\w-]+)\s*:", body):
                for selector in selectors.split(","):
                    assert ".nnkit-explorer.nnkit-large" in selector, f"unscoped rule: {selector.strip()} {{{body}}}"
