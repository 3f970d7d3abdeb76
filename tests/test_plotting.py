"""Tests for nnkit.plotting: the plots return their artists and write the lesson's numbers."""

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import nnkit  # noqa: E402
from figures import new_axes  # noqa: E402
from nnkit._format import format_probability  # noqa: E402
from nnkit.plotting import (  # noqa: E402
    plot_decision_boundary,
    plot_exp,
    plot_function,
    plot_loss_curve,
    plot_sigmoid,
    plot_softmax,
    plot_tangent,
)


@pytest.fixture
def ax():
    """A fresh axes on a figure made without pyplot."""
    return Figure().add_subplot()


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    """Fail any test whose plot calls plt.show()."""
    def refuse(*args, **kwargs):
        raise AssertionError("nnkit.plotting must not call plt.show()")

    monkeypatch.setattr(plt, "show", refuse)


@pytest.fixture(scope="module")
def trained():
    """A 2-10-3 network trained for 60 epochs on the spiral, with its data and history."""
    x, t = nnkit.spiral(seed=0)
    model = nnkit.TwoLayerNet(2, 10, 3, seed=0)
    history = nnkit.fit(model, nnkit.SGD(1.0), x, t, epochs=60, batch_size=30, seed=0)
    return model, x, t, history


def texts_of(ax):
    return [t.get_text() for t in ax.texts]


class TestPlotFunction:
    def test_returns_the_line_with_f_on_the_range(self, ax):
        """The line holds f(x) on 400 points from lo to hi."""
        line = plot_function(lambda x: x**2, (-2, 3), ax=ax, color="red")
        x, y = line.get_data()
        assert (x[0], x[-1], len(x)) == (-2, 3, 400)
        np.testing.assert_allclose(y, x**2)
        assert line.get_color() == "red"

    def test_scalar_only_functions_work(self, ax):
        """A function of one number only, such as math.exp, is evaluated point by point."""
        line = plot_function(math.exp, (0, 1), ax=ax)
        assert line.get_ydata()[-1] == pytest.approx(math.e)

    def test_undefined_points_are_gaps_without_warnings(self, ax):
        """np.log on [-1, 1] leaves NaN gaps and emits no RuntimeWarning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            line = plot_function(np.log, (-1, 1), ax=ax)
        y = line.get_ydata()
        assert np.isnan(y[:200]).all() and np.isfinite(y[-1])

    def test_uses_the_current_axes_by_default(self):
        """Without ax the line goes on plt.gca()."""
        plt.figure()
        try:
            line = plot_function(np.sin, (0, 1))
            assert line.axes is plt.gca()
        finally:
            plt.close("all")

    def test_not_a_function(self, ax):
        """A number instead of f is refused in one sentence naming plot_function."""
        with pytest.raises(TypeError, match=r"plot_function expects f to be a function .*got int 3"):
            plot_function(3, (0, 1), ax=ax)

    def test_bad_range(self, ax):
        """A reversed range is refused and the message shows it."""
        message = r"plot_function expects x_range = \(lo, hi\) with finite lo < hi .*\(2, 1\)"
        with pytest.raises(ValueError, match=message):
            plot_function(np.sin, (2, 1), ax=ax)

    def test_nowhere_defined(self, ax):
        """A function that is NaN everywhere is refused with a reason."""
        with pytest.raises(ValueError, match="could not evaluate f anywhere"):
            plot_function(lambda x: np.log(x - 10), (0, 1), ax=ax)


class TestPlotSigmoid:
    def test_marks_half_at_zero(self, ax):
        """The plain sigmoid marks σ(0) = 0.5 at x = 0 on [-8, 8]."""
        curve, point, label = plot_sigmoid(ax=ax)
        assert (curve.get_xdata()[0], curve.get_xdata()[-1]) == (-8, 8)
        assert (point.get_xdata()[0], point.get_ydata()[0]) == (0, 0.5)
        assert label.get_text() == "σ(0) = 0.5"

    def test_weight_and_bias_move_the_crossing(self, ax):
        """With w = 2 and b = -3 the curve crosses 0.5 at x = -b/w = 1.5."""
        curve, point, label = plot_sigmoid(ax=ax, w=2, b=-3)
        assert point.get_xdata()[0] == 1.5
        assert "1.5" in label.get_text()
        np.testing.assert_allclose(curve.get_ydata(), nnkit.sigmoid(2 * curve.get_xdata() - 3))

    def test_flat_neuron_marks_its_value(self, ax):
        """With w = 0 the curve is flat at σ(b), and that value is marked at x = 0."""
        _, point, label = plot_sigmoid(ax=ax, w=0, b=1)
        assert point.get_ydata()[0] == pytest.approx(0.7310586)
        assert label.get_text() == "σ(b) = 0.731 at x = 0"

    @pytest.mark.parametrize("w, b", [(0, 1), (0.5, -6), (0, 4)])
    def test_the_value_at_zero_stays_inside_a_narrow_axes(self, w, b):
        """The 'σ(b) = … at x = 0' label fits inside a 3-inch axes, whatever the height of the point."""
        ax = new_axes((3, 2.5))
        _, _, label = plot_sigmoid(ax=ax, w=w, b=b)
        ax.figure.canvas.draw()
        box, inside = label.get_window_extent(), ax.get_window_extent()
        assert label.get_text().endswith("at x = 0")
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1

    def test_bad_weight(self, ax):
        """A string weight is refused naming w."""
        with pytest.raises(TypeError, match="plot_sigmoid expects w to be a number"):
            plot_sigmoid(ax=ax, w="2")


class TestPlotExp:
    def test_default_range_and_marked_one(self, ax):
        """exp is drawn on [-5, 10] and e⁰ = 1 is marked."""
        curve, point, label = plot_exp(ax=ax)
        assert (curve.get_xdata()[0], curve.get_xdata()[-1]) == (-5, 10)
        assert (point.get_xdata()[0], point.get_ydata()[0]) == (0, 1)
        assert label.get_text() == "e⁰ = 1"

    def test_huge_range_without_overflow_warning(self, ax):
        """A range up to 1000 leaves a gap where exp overflows, without a warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            curve, _, _ = plot_exp(ax=ax, x_range=(0, 1000))
        assert np.isnan(curve.get_ydata()[-1])


class TestPlotTangent:
    def test_slope_four_at_two(self, ax):
        """y = x² at x0 = 2 has slope 4 and the label says so."""
        curve, tangent, point, label = plot_tangent(lambda x: x**2, 2, ax=ax, df=lambda x: 2 * x)
        assert label.get_text() == "slope 4.00 at x = 2"
        (x0, x1), (y0, y1) = tangent.get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(4)
        assert (point.get_xdata()[0], point.get_ydata()[0]) == (2, 4)

    def test_numerical_slope_ten_at_five(self, ax):
        """Without df the slope comes from the central difference: 10 at x0 = 5."""
        *_, label = plot_tangent(lambda x: x**2, 5, ax=ax)
        assert label.get_text() == "slope 10.00 at x = 5"

    def test_tangent_does_not_stretch_the_view(self, ax):
        """The view fits the curve: the tangent at x0 = 5 (down to y = -95) is clipped."""
        plot_tangent(lambda x: x**2, 5, ax=ax)
        ax.figure.canvas.draw()
        assert ax.get_ylim()[0] > -5

    def test_bad_derivative(self, ax):
        """A df that is not a function is refused naming df."""
        with pytest.raises(TypeError, match="plot_tangent expects df to be a function"):
            plot_tangent(np.sin, 0, ax=ax, df=2)

    def test_undefined_at_x0(self, ax):
        """np.log at x0 = -1 has no tangent, and the message says where."""
        with pytest.raises(ValueError, match="finite value and slope at x0 = -1"):
            plot_tangent(np.log, -1, ax=ax, x_range=(0.1, 3))


class TestPlotSoftmax:
    def test_the_lesson_example(self, ax):
        """Scores [3.1, -4.4, 2.8] give bars 0.574, 0.0003, 0.425 written on them."""
        bars, texts, loss_text = plot_softmax([3.1, -4.4, 2.8], ax=ax)
        assert [t.get_text() for t in texts] == ["0.574", "0.0003", "0.425"]
        np.testing.assert_allclose([b.get_height() for b in bars], nnkit.softmax([3.1, -4.4, 2.8]))
        assert loss_text is None
        assert [t.get_text() for t in ax.get_xticklabels()] == ["dog", "cat", "hamster"]

    def test_target_shows_the_loss(self, ax):
        """With t = dog the loss text says L = 0.55 and the dog bar is outlined."""
        bars, _, loss_text = plot_softmax([3.1, -4.4, 2.8], "dog", ax=ax)
        assert "L = −log y_dog = 0.55" in loss_text.get_text()
        assert bars[0].get_linewidth() > bars[1].get_linewidth()

    def test_target_as_index(self, ax):
        """t = 2 means hamster."""
        *_, loss_text = plot_softmax([3.1, -4.4, 2.8], 2, ax=ax)
        assert "hamster" in loss_text.get_text()

    def test_label_count_must_match(self, ax):
        """Four scores with the three default labels are refused, counting both."""
        with pytest.raises(ValueError, match="one label per score .*4 scores and 3 labels"):
            plot_softmax([1, 2, 3, 4], ax=ax)

    def test_unknown_target(self, ax):
        """A target that is not a label is refused, listing the labels."""
        with pytest.raises(ValueError, match=r"t to be one of \['dog', 'cat', 'hamster'\]"):
            plot_softmax([1, 2, 3], "cow", ax=ax)

    def test_scores_must_be_one_dimensional(self, ax):
        """A 2-D array of scores is refused with its shape."""
        with pytest.raises(ValueError, match=r"plot_softmax expects scores to be 1-D .*\(2, 3\)"):
            plot_softmax(np.zeros((2, 3)), ax=ax)


class TestFormatProbability:
    @pytest.mark.parametrize(
        "p, text",
        [(0.57426, "0.574"), (0.000318, "0.0003"), (0.0049, "0.005"), (2.1e-9, "2e-09"), (0.0, "0"), (1.0, "1.000")],
    )
    def test_small_values_keep_a_digit(self, p, text):
        """A probability never reads as 0.000 unless it is 0."""
        assert format_probability(p) == text


class TestPlotDecisionBoundary:
    def test_regions_and_points(self, ax, trained):
        """The regions cover the data and one scatter a class holds its points."""
        model, x, t, _ = trained
        regions, points = plot_decision_boundary(model, x, t, ax=ax, resolution=50)
        assert len(points) == 3
        assert [len(p.get_offsets()) for p in points] == [100, 100, 100]
        assert len(regions) == 3 and all(list(r.levels) == [0, np.inf] for r in regions)

    def test_boundaries_are_smooth_not_a_staircase(self, ax):
        """A straight boundary x₁ = 0.3 is drawn straight between grid points, not stepped at the grid."""

        class Line:
            def predict(self, points):
                return np.column_stack([points[:, 0] - 0.3, 0.3 - points[:, 0] + 0 * points[:, 1]])

        x = np.array([[-1.0, -1.0], [1.0, 1.0], [0.5, -0.5], [-0.5, 0.5]])
        regions, _ = plot_decision_boundary(Line(), x, np.array([0, 1, 0, 1]), ax=ax, resolution=7)
        edge = np.concatenate([path.vertices for r in regions for path in r.get_paths()])
        inner = edge[(np.abs(edge[:, 0]) < 1.19) & (np.abs(edge[:, 1]) < 1.19)]
        assert len(inner) and np.allclose(inner[:, 0], 0.3)  # every inner vertex on the true boundary

    def test_needs_a_model(self, ax, trained):
        """Something without predict is refused in one sentence."""
        _, x, t, _ = trained
        with pytest.raises(TypeError, match="plot_decision_boundary expects a model with a predict"):
            plot_decision_boundary(object(), x, t, ax=ax)

    def test_points_must_be_in_the_plane(self, ax, trained):
        """Three columns of x are refused with the shape."""
        model, _, t, _ = trained
        with pytest.raises(ValueError, match=r"x with 2 columns, .*\(300, 3\)"):
            plot_decision_boundary(model, np.zeros((300, 3)), t, ax=ax)

    def test_bad_resolution(self, ax, trained):
        """A resolution of 1 is refused."""
        model, x, t, _ = trained
        with pytest.raises(ValueError, match="resolution to be a whole number ≥ 2"):
            plot_decision_boundary(model, x, t, ax=ax, resolution=1)


class TestPlotLossCurve:
    def test_loss_and_accuracy_lines(self, ax, trained):
        """The loss line has one point an epoch and the accuracy sits on a twin axis."""
        *_, history = trained
        loss_line, accuracy_line = plot_loss_curve(history, ax=ax)
        np.testing.assert_allclose(loss_line.get_ydata(), history.loss)
        assert list(loss_line.get_xdata()) == list(range(1, 61))
        assert accuracy_line.axes is not ax
        np.testing.assert_allclose(accuracy_line.get_ydata(), history.accuracy)

    def test_divergence_is_written(self, ax):
        """A history that diverged says at which epoch."""
        history = nnkit.History()
        history.loss, history.accuracy, history.diverged_at = [1.0, 2.0], [0.3, 0.3], 3
        plot_loss_curve(history, ax=ax)
        assert "diverged at epoch 3" in texts_of(ax)

    def test_not_a_history(self, ax):
        """A plain list is refused, naming what is expected."""
        with pytest.raises(TypeError, match="plot_loss_curve expects a History"):
            plot_loss_curve([1, 2, 3], ax=ax)

    def test_empty_history(self, ax):
        """A history with no epochs is refused."""
        with pytest.raises(ValueError, match="at least one epoch"):
            plot_loss_curve(nnkit.History(), ax=ax)
