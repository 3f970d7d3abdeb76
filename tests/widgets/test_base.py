"""Tests for nnkit.widgets.base: the contract every explorer shares, checked on each of them."""

import re
import warnings

import ipywidgets
import matplotlib
import matplotlib.pyplot as plt
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import display
from IPython.utils.capture import capture_output

from figures import control_values, drawn_texts, layout_problems
from nnkit import widgets as W
from nnkit.widgets.base import readout_line, readout_lines


class TestExplorer:
    def test_is_one_widget_with_figure_readout_and_controls(self, factory):
        """An explorer is a VBox holding its controls, the readout and the Image, with the CSS classes."""
        explorer = factory()
        assert isinstance(explorer, W.Explorer) and isinstance(explorer, ipywidgets.VBox)
        assert "nnkit-explorer" in explorer._dom_classes
        assert "nnkit-figure" in explorer.image._dom_classes
        assert "nnkit-readout" in explorer.readout._dom_classes
        assert explorer.image.format == "png" and explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
        assert explorer.readout in explorer.children and explorer.image in explorer.children
        assert explorer.controls and all(d == c.description for d, c in explorer.controls.items())
        assert set(explorer.sliders) <= set(explorer.controls)

    def test_sweep_every_control_quietly(self, factory):
        """Every control swept over its range raises nothing, warns nothing and changes the picture."""
        explorer = factory()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for description, control in explorer.controls.items():
                start = control.value
                images = {explorer.render_png()}
                for value in control_values(control):
                    control.value = value
                    images.add(explorer.render_png())
                    assert "nan" not in explorer.readout.value.lower()
                    assert "nan" not in repr(explorer).lower()
                assert len(images) > 1, f"moving {description!r} never changed the figure"
                control.value = start

    def test_updates_draw_what_a_full_draw_draws(self, factory):
        """After each move the picture, drawn by changed parts only, equals a full draw pixel for pixel."""
        explorer = factory()
        for control in explorer.controls.values():
            for value in control_values(control)[:4]:
                control.value = value
                partial = explorer.render_png()
                explorer.refresh(full=True)
                assert explorer.render_png() == partial

    def test_each_move_renders_once(self, factory):
        """One control change renders the figure once; set_values renders once for several."""
        explorer = factory()
        slider = next(iter(explorer.sliders.values()))
        before = explorer.render_count
        slider.value = slider.min
        assert explorer.render_count == before + 1
        values = {d: control_values(c)[1] for d, c in explorer.controls.items()}
        explorer.set_values(values)
        assert explorer.render_count == before + 2

    def test_hold_render_collects_the_moves(self, factory):
        """Inside hold_render nothing renders; leaving it renders once, and a block with no move renders nothing."""
        explorer = factory()
        before = explorer.render_count
        with explorer.hold_render():
            pass
        assert explorer.render_count == before
        with explorer.hold_render():
            for description, control in explorer.sliders.items():
                explorer.set_value(description, control_values(control)[2])
            assert explorer.render_count == before
        assert explorer.render_count == before + 1

    def test_nan_never_reaches_the_figure(self, factory):
        """A NaN put into a float slider is undone: the old value comes back."""
        explorer = factory()
        for control in explorer.sliders.values():
            if isinstance(control, ipywidgets.FloatSlider):
                old = control.value
                control.value = float("nan")
                assert control.value == old

    def test_repr_is_short_deterministic_and_used_for_text_plain(self, factory):
        """The repr names the explorer with its numbers, repeats exactly, and is the display's text/plain.

        It is named by its class (``SoftmaxExplorer(…)``), or, when it shows the line of code that
        rebuilds it (its ``code``, as the playground does), by that line, which is then as long as the
        settings make it: the length limit is on the rest.
        """
        first, second = factory(), factory()
        text = repr(first)
        assert text == repr(second)
        code = getattr(first, "code", None)  # the line of code that rebuilds it, where it shows one
        assert text.startswith(code if code else type(first).__name__ + "(") and re.search(r"\d\.\d", text)
        assert len(text) - len(code or "") <= 110 and "PNG" not in text and "model_id" not in text
        # display() as a notebook cell does it: ipywidgets 8 goes through _repr_mimebundle_,
        # ipywidgets 7 through _ipython_display_; both must put the repr in text/plain.
        InteractiveShell.instance()
        with capture_output() as captured:
            display(first)
        # _snapshot publishes the static picture first (image/png only), then the view
        picture, shown = captured.outputs
        assert set(picture.data) == {"image/png"}
        # ipywidgets 8 cuts a text/plain longer than 110 characters there (a code line can be longer)
        assert shown.data["text/plain"] in (text, text[:110] + "…")
        assert "application/vnd.jupyter.widget-view+json" in shown.data

    def test_repr_changes_nothing(self, factory):
        """Reading the repr while renders are held leaves the picture, the readout and the render count as they were."""
        explorer = factory()
        with explorer.hold_render():
            for description, control in explorer.controls.items():
                explorer.set_value(description, control_values(control)[2])
            state = (explorer.render_png(), explorer.readout.value, explorer.render_count)
            repr(explorer)
            assert (explorer.render_png(), explorer.readout.value, explorer.render_count) == state

    def test_figure_is_made_without_pyplot(self, factory):
        """Building and moving an explorer opens no pyplot figure and changes no rcParams."""
        figures, params = plt.get_fignums(), dict(matplotlib.rcParams)
        explorer = factory()
        next(iter(explorer.sliders.values())).value = next(iter(explorer.sliders.values())).min
        assert plt.get_fignums() == figures
        assert dict(matplotlib.rcParams) == params

    @pytest.mark.parametrize("size", ["normal", "large"])
    def test_no_text_overlaps_or_runs_off(self, factory, size):
        """In both sizes no two texts of the figure overlap and none is cut off at the edge."""
        explorer = factory(size=size)
        assert layout_problems(explorer.figure) == []

    def test_large_size_has_projector_fonts(self, factory):
        """At size "large" every text is at least 16 pt and the figure is bigger than at "normal"."""
        normal, large = factory(), factory(size="large")
        large_sizes = [t.get_fontsize() for t in drawn_texts(large.figure)]
        normal_sizes = [t.get_fontsize() for t in drawn_texts(normal.figure)]
        assert min(large_sizes) >= 16
        assert max(normal_sizes) < 16
        assert large.figure.bbox.width > normal.figure.bbox.width
        assert "nnkit-large" in large._dom_classes and "nnkit-normal" in normal._dom_classes
        assert large.sliders and all(
            s.layout.width == W.SIZES["large"]["slider_width"] for s in large.sliders.values())

    def test_bad_size(self, factory):
        """An unknown size is refused, listing the sizes."""
        with pytest.raises(ValueError, match=r"expects size to be one of \['large', 'normal'\] \(got 'huge'\)"):
            factory(size="huge")

    def test_set_value_unknown_description(self, factory):
        """Asking for a control that does not exist lists the ones that do."""
        explorer = factory()
        with pytest.raises(ValueError, match="has no control 'nope'; its controls are"):
            explorer.set_value("nope", 1)

    def test_set_value_clamps_sliders(self, factory):
        """A slider value beyond the range lands on its end, as a drag would."""
        explorer = factory()
        description, slider = next(iter(explorer.sliders.items()))
        explorer.set_value(description, slider.max + 1000)
        assert slider.value == slider.max

    def test_set_value_refuses_a_choice_that_is_not_offered(self):
        """A value outside a choice's options is refused, listing them."""
        explorer = W.softmax_explorer()
        with pytest.raises(ValueError, match=r"set_value expects 'target' to be one of \['dog', 'cat', 'hamster'\]"):
            explorer.set_value("target", "cow")


class TestReadout:
    def test_line_escapes_and_skips_empty_parts(self):
        """Parts are HTML-escaped and joined by a middle dot; empty parts are left out."""
        assert readout_line("a < b", "", "c") == "a &lt; b &nbsp;·&nbsp; c"

    def test_lines(self):
        """Lines go one under the other."""
        assert readout_lines("one", "two") == "one<br>two"


class TestOneBlasThread:
    def test_puts_the_thread_count_back(self):
        """Inside, OpenBLAS (when numpy uses it) runs one thread; after, the count is what it was."""
        from nnkit.widgets.base import _openblas_thread_functions, one_blas_thread

        functions = _openblas_thread_functions()
        if functions is None:
            pytest.skip("numpy here does not use OpenBLAS")
        get, _ = functions
        before = get()
        with one_blas_thread():
            assert get() == 1
        assert get() == before

    def test_puts_it_back_after_an_error(self):
        """An error inside the block still restores the thread count."""
        from nnkit.widgets.base import _openblas_thread_functions, one_blas_thread

        functions = _openblas_thread_functions()
        if functions is None:
            pytest.skip("numpy here does not use OpenBLAS")
        before = functions[0]()
        with pytest.raises(ZeroDivisionError):
            with one_blas_thread():
                1 / 0
        assert functions[0]() == before
