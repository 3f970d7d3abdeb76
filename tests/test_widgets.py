"""Tests for nnkit.widgets: every explorer sweeps its controls quietly, redraws, and reads well."""

import itertools
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import nnkit  # noqa: E402
import nnkit.plotting  # noqa: E402
from nnkit import widgets as W  # noqa: E402

FACTORIES = {
    "sigmoid": W.sigmoid_explorer,
    "tangent": W.tangent_explorer,
    "softmax": W.softmax_explorer,
    "gradient_descent": W.gradient_descent_explorer,
    "training": W.training_explorer,
    "graph": W.graph_explorer,
}


@pytest.fixture(params=sorted(FACTORIES))
def factory(request):
    """Each explorer factory in turn."""
    return FACTORIES[request.param]


def control_values(control):
    """The values a sweep visits: min, max and a few between for a slider; every option otherwise."""
    if isinstance(control, (ipywidgets.FloatSlider, ipywidgets.IntSlider)):
        lo, hi = control.min, control.max
        values = [lo, hi, lo + 0.25 * (hi - lo), lo + 0.5 * (hi - lo), lo + 0.8 * (hi - lo), lo + 0.01 * (hi - lo)]
        return [int(round(v)) for v in values] if isinstance(control, ipywidgets.IntSlider) else values
    return [value for _, value in control.options] if isinstance(control.options[0], tuple) else list(control.options)


def drawn_texts(fig):
    """The Text artists a reader sees: visible, non-empty, and for tick labels inside the view."""
    fig.canvas.draw()
    tick_labels, shown = set(), []
    for ax in fig.axes:
        for axis in ax._axis_map.values():
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for label in (tick.label1, tick.label2):
                    tick_labels.add(label)
                    inside = lo - 1e-9 * (hi - lo) <= tick.get_loc() <= hi + 1e-9 * (hi - lo)
                    if inside and label.get_visible() and tick.get_visible() and label.get_text().strip():
                        shown.append(label)
    for text in fig.findobj(Text):
        if text in tick_labels or not text.get_visible() or not text.get_text().strip():
            continue
        shown.append(text)
    return shown


def overlaps(fig):
    """Pairs of texts whose boxes overlap, and texts that run off the figure."""
    renderer = fig.canvas.get_renderer()
    texts = drawn_texts(fig)
    boxes = [t.get_window_extent(renderer).expanded(1, 1).padded(-1) for t in texts]
    problems = [
        f"{a.get_text()!r} overlaps {b.get_text()!r}"
        for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes), 2)
        if box_a.overlaps(box_b)
    ]
    figure_box = fig.bbox.padded(1)
    problems += [f"{t.get_text()!r} runs off the figure" for t, box in zip(texts, boxes)
                 if not (figure_box.contains(box.x0, box.y0) and figure_box.contains(box.x1, box.y1))]
    return problems


class TestExplorer:
    """The contract every explorer shares, checked on each of them."""

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
                explorer._full_redraw()
                explorer.refresh()
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

    def test_nan_never_reaches_the_figure(self, factory):
        """A NaN put into a float slider is undone: the old value comes back."""
        explorer = factory()
        for control in explorer.sliders.values():
            if isinstance(control, ipywidgets.FloatSlider):
                old = control.value
                control.value = float("nan")
                assert control.value == old

    def test_repr_is_short_deterministic_and_used_for_text_plain(self, factory):
        """The repr names the explorer with its numbers, repeats exactly, and is the display's text/plain."""
        first, second = factory(), factory()
        text = repr(first)
        assert text == repr(second)
        assert text.startswith(type(first).__name__ + "(") and re.search(r"\d\.\d", text)
        assert len(text) <= 110 and "PNG" not in text and "model_id" not in text
        # display() as a notebook cell does it: ipywidgets 8 goes through _repr_mimebundle_,
        # ipywidgets 7 through _ipython_display_; both must put the repr in text/plain.
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.display import display
        from IPython.utils.capture import capture_output

        InteractiveShell.instance()
        with capture_output() as captured:
            display(first)
        # nnkit._snapshot publishes the static picture first (image/png only), then the view
        picture, shown = captured.outputs
        assert set(picture.data) == {"image/png"}
        assert shown.data["text/plain"] == text
        assert "application/vnd.jupyter.widget-view+json" in shown.data

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
        assert overlaps(explorer.figure) == []

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


class TestSigmoidExplorer:
    def test_defaults(self):
        """At w = 1, b = 0 the neuron gives 0.5 at x = 0 and crosses 0.5 there."""
        explorer = W.sigmoid_explorer()
        assert repr(explorer) == "SigmoidExplorer(w=1.00, b=0.00): σ(w·0 + b) = 0.500"
        assert "σ(w·0 + b) = 0.500" in explorer.readout.value
        assert "crosses 0.5 at x = −b/w = 0.00" in explorer.readout.value
        assert set(explorer.sliders) == {"w", "b"}

    def test_crossing_follows_minus_b_over_w(self):
        """With w = 2 and b = -3 the marked crossing moves to x = 1.5 and the curve follows."""
        explorer = W.sigmoid_explorer()
        explorer.set_values({"w": 2, "b": -3})
        assert explorer._point.get_xdata()[0] == pytest.approx(1.5)
        x, y = explorer._curve.get_data()
        np.testing.assert_allclose(y, nnkit.sigmoid(2 * x - 3))
        assert "1.50" in explorer._title.get_text()

    def test_flat_neuron(self):
        """At w = 0 there is no crossing to mark, and the title says the curve is flat."""
        explorer = W.sigmoid_explorer(w=0, b=1)
        assert not explorer._point.get_visible()
        assert "flat at σ(b) = 0.731" in explorer._title.get_text()

    def test_start_outside_the_slider(self):
        """A starting weight outside [-5, 5] is refused with the range."""
        message = r"sigmoid_explorer expects w between -5 and 5, the slider's range \(got 9\)"
        with pytest.raises(ValueError, match=message):
            W.sigmoid_explorer(w=9)


class TestTangentExplorer:
    def test_slope_four_at_two(self):
        """y = x² at x0 = 2: slope 4.00 in the readout, the title and the repr."""
        explorer = W.tangent_explorer()
        assert repr(explorer) == "TangentExplorer(x0=2.00): slope = 4.00"
        assert "slope = 4.00" in explorer.readout.value
        assert "slope 4.00" in explorer._title.get_text()

    def test_slope_ten_at_five(self):
        """Moving x0 to 5 gives slope 10, the tangent line through (5, 25)."""
        explorer = W.tangent_explorer()
        explorer.set_value("x0", 5)
        (xa, xb), (ya, yb) = explorer._tangent.get_data()
        assert (yb - ya) / (xb - xa) == pytest.approx(10)
        assert ya + 10 * (5 - xa) == pytest.approx(25)
        assert "slope = 10.00" in explorer.readout.value

    def test_numerical_slope_for_a_given_f(self):
        """For f = sin without df the slope is measured: cos(0) = 1."""
        explorer = W.tangent_explorer(np.sin, x0=0.0)
        assert "slope = 1.00" in explorer.readout.value
        assert "central difference" in explorer.readout.value

    def test_f_undefined_somewhere(self):
        """For f = log, x0 ≤ 0 hides the tangent and says so, with no warning."""
        explorer = W.tangent_explorer(np.log, x0=1.0, x_range=(-1.0, 3.0))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_value("x0", -0.5)
        assert not explorer._tangent.get_visible()
        assert "no slope" in explorer.readout.value
        assert repr(explorer) == "TangentExplorer(x0=-0.50): slope = undefined"

    def test_f_must_be_a_function(self):
        """tangent_explorer(f=3) is refused in one sentence."""
        message = r"tangent_explorer expects f to be a function of one number, .*\(got int 3\)\."
        with pytest.raises(TypeError, match=message):
            W.tangent_explorer(f=3)

    def test_df_without_f(self):
        """A derivative without its function is refused."""
        with pytest.raises(ValueError, match="tangent_explorer expects df only together with its f"):
            W.tangent_explorer(df=np.cos)


class TestSoftmaxExplorer:
    def test_the_lesson_example(self):
        """Scores [3.1, -4.4, 2.8] with t = dog: 0.574, 0.0003, 0.425 and L = 0.555."""
        explorer = W.softmax_explorer()
        assert repr(explorer) == ("SoftmaxExplorer(scores=[3.1, -4.4, 2.8], t=dog): "
                                  "y = [0.574, 0.0003, 0.425], L = 0.555")
        assert [t.get_text() for t in explorer._prob_texts] == ["0.574", "0.0003", "0.425"]
        assert "L = 0.555" in explorer.readout.value
        assert set(explorer.controls) == {"dog score", "cat score", "hamster score", "target"}

    def test_target_changes_the_loss(self):
        """Picking hamster as the target gives L = -log 0.425 = 0.855 and highlights its bar."""
        explorer = W.softmax_explorer()
        explorer.set_value("target", "hamster")
        assert "L = 0.855" in explorer.readout.value
        assert explorer._prob_bars[2].get_edgecolor()[:3] == (0, 0, 0)

    def test_extreme_scores_stay_finite(self):
        """A target far below the others gives its exact large loss, not inf and not capped near 16."""
        explorer = W.softmax_explorer()
        explorer.set_values({"dog score": -10, "cat score": 10})
        expected = np.log(np.exp(-10) + np.exp(10) + np.exp(2.8)) + 10  # -log softmax(s)[dog]
        assert f"L = {expected:.3f}" in explorer.readout.value and expected > 20

    def test_unknown_target(self):
        """A target that is not a label is refused with the labels."""
        message = r"softmax_explorer expects target to be one of \['dog', 'cat', 'hamster'\]"
        with pytest.raises(ValueError, match=message):
            W.softmax_explorer(target="cow")

    def test_scores_and_labels_must_pair_up(self):
        """Two scores for three labels are refused, counting both."""
        with pytest.raises(ValueError, match="one score per label, .*2 scores and 3 labels"):
            W.softmax_explorer(scores=(1, 2))


class TestGradientDescentExplorer:
    def test_defaults_converge(self):
        """lr 0.1 for 10 steps takes w from 2.5 to 2.5·0.8¹⁰ = 0.268."""
        explorer = W.gradient_descent_explorer()
        assert repr(explorer) == "GradientDescentExplorer(lr=0.10, steps=10): w = 0.268, L = 0.072 (converges)"

    def test_small_rate_crawls(self):
        """lr 0.01 is still far from the bottom after 10 steps, and the readout says it crawls."""
        explorer = W.gradient_descent_explorer(lr=0.01)
        assert "crawls" in explorer.readout.value

    def test_divergence_is_shown_not_crashed(self):
        """lr 1.2 for 50 steps: the message says diverges, the walk stops finite, no NaN anywhere."""
        explorer = W.gradient_descent_explorer()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_values({"learning rate": 1.2, "steps": 50})
        readout = explorer.readout.value
        assert "diverges: |w| grows ×1.40 each step — lr above 1.0 overshoots" in readout
        assert "stopped after" in readout
        assert "nan" not in readout.lower() and "inf" not in readout.lower()
        assert explorer._message.get_color() == nnkit.plotting.TANGENT_COLOR
        assert np.isfinite(explorer._path1.get_xdata()).all()
        assert all("nan" not in t.get_text().lower() for t in drawn_texts(explorer.figure))

    def test_rate_one_bounces(self):
        """lr 1.0 flips w between 2.5 and -2.5 for ever."""
        explorer = W.gradient_descent_explorer(lr=1.0, steps=7)
        assert explorer._path1.get_xdata()[-1] == pytest.approx(-2.5)
        assert "for ever" in explorer.readout.value

    def test_steps_must_be_whole(self):
        """A fractional number of steps is refused."""
        with pytest.raises(ValueError, match=r"steps to be a whole number \(got 2.5\)"):
            W.gradient_descent_explorer(steps=2.5)


class TestTrainingExplorer:
    def test_defaults_learn_the_spiral(self):
        """After 300 epochs at lr 1 the 2-10-3 network classifies most of the spiral."""
        explorer = W.training_explorer()
        _, epoch, loss, accuracy = explorer._numbers()
        assert epoch == 300 and accuracy > 0.9 and loss < 0.3
        assert repr(explorer).startswith("TrainingExplorer(lr=1, hidden=10, epoch=300): loss 0.")

    def test_epoch_zero_is_untrained(self):
        """At epoch 0 the weights are the initial ones: one class everywhere, about a third right."""
        explorer = W.training_explorer(epoch=0)
        assert len(np.unique(explorer._regions.get_array())) == 1
        assert "epoch 0 (random weights)" in explorer.readout.value
        assert not explorer._epoch_dot.get_visible()

    def test_marker_sits_on_the_loss_curve(self):
        """The marker at epoch 120 is at that epoch's loss."""
        explorer = W.training_explorer()
        explorer.set_value("epoch", 120)
        run = explorer._run()
        assert explorer._epoch_dot.get_xdata()[0] == 120
        assert explorer._epoch_dot.get_ydata()[0] == run.history.loss[119]

    def test_runs_are_cached_and_deterministic(self):
        """Switching the learning rate away and back reuses the cached run; a fresh explorer agrees."""
        explorer = W.training_explorer()
        explorer.set_value("learning rate", 0.3)
        first = explorer._run()
        explorer.set_value("learning rate", 1.0)
        explorer.set_value("learning rate", 0.3)
        assert explorer._run() is first
        assert repr(explorer) == repr(W.training_explorer(lr=0.3))

    def test_unknown_learning_rate(self):
        """A learning rate that is not one of the choices is refused with the choices."""
        message = r"training_explorer expects lr to be one of \[0.1, 0.3, 1.0, 3.0\] \(got 0.5\)"
        with pytest.raises(ValueError, match=message):
            W.training_explorer(lr=0.5)


class TestGraphExplorer:
    def test_defaults_are_the_logistic_neuron(self):
        """The default graph is σ(w0·x0 + w1·x1 + w2) at the lesson's numbers, f = 0.731, at step 0."""
        explorer = W.graph_explorer()
        assert repr(explorer) == ("GraphExplorer(w0=2.00, x0=-1.00, w1=-3.00, x1=-2.00, w2=-3.00, "
                                  "step=0 of 8): f = 0.731")
        assert list(explorer.sliders) == ["w0", "x0", "w1", "x1", "w2", "step"]
        assert "∂f/∂f = 1" in explorer.readout.value

    def test_full_backward_pass_gives_the_lesson_gradients(self):
        """At the last step the readout lists the lesson's ∂w0, ∂x0, ∂w1, ∂x1 and ∂w2."""
        explorer = W.graph_explorer(step=8)
        lesson = {"w0": "-0.20", "x0": "0.39", "w1": "-0.39", "x1": "-0.59", "w2": "0.20"}
        for text in (f"∂f/∂{name} = {value}" for name, value in lesson.items()):
            assert text in explorer.readout.value

    def test_a_step_highlights_its_node(self):
        """Step 3 is the exp node: the readout tells its chain rule and its patch is highlighted."""
        explorer = W.graph_explorer()
        explorer.set_value("step", 3)
        assert "exp node: upstream -0.53 × local 0.37 = -0.20" in explorer.readout.value
        faces = {tuple(p.get_facecolor()) for p in explorer._drawing.node_patches.values()}
        assert len(faces) == 3  # operation nodes, leaves, and the one highlighted

    def test_inputs_recompute_the_graph(self):
        """With w0 = 0 the neuron computes σ(-3 + 6) = σ(3) = 0.953."""
        explorer = W.graph_explorer()
        explorer.set_value("w0", 0)
        assert repr(explorer).endswith("f = 0.953")
        assert "0.953" in explorer.readout.value

    def test_learners_graph_is_left_alone(self):
        """Exploring a learner's graph changes neither its numbers nor its grads."""
        from nnkit.graph import Value

        x, y = Value(3.0, "x"), Value(2.0, "y")
        root = x * y + x
        explorer = W.graph_explorer(root, step=2)
        explorer.set_value("x", -1)
        assert (x.data, x.grad, y.grad, root.data) == (3.0, 0.0, 0.0, 9.0)

    def test_a_gate_that_breaks_is_explained(self):
        """Sliding x to 0 in 1/x keeps the last good numbers and says why, with no traceback."""
        from nnkit.graph import Value

        x = Value(1.0, "x")
        explorer = W.graph_explorer(1 / x)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_value("x", 0)
        assert "these inputs break a gate" in explorer.readout.value
        assert repr(explorer).endswith("f = 1.000")

    def test_root_must_be_a_value(self):
        """A number instead of a Value is refused in one sentence."""
        message = r"graph_explorer expects root to be a Value from nnkit.graph \(got int 3\)"
        with pytest.raises(TypeError, match=message):
            W.graph_explorer(3)
