"""Tests for nnkit.widgets.backprop: notebook 04's graph explorer."""

import re
import warnings

import pytest

from figures import text_strings
from nnkit._format import format_value
from nnkit.graph import Value, logistic_neuron
from nnkit import widgets as W
from nnkit.widgets import GraphExplorer, graph_explorer


def input_grads(explorer):
    """The readout's ∂f/∂name = value pairs, in order."""
    return re.findall(r"∂f/∂([^ ]+(?: \d+)?) = ([^ &<]+)", explorer.readout.value)


class TestGraphExplorer:
    def test_defaults_are_the_logistic_neuron(self):
        """The default graph is σ(w0·x0 + w1·x1 + w2) at the lesson's numbers, f = 0.731, at step 0."""
        explorer = graph_explorer()
        assert isinstance(explorer, GraphExplorer)
        assert repr(explorer) == ("GraphExplorer(w0=2.00, x0=-1.00, w1=-3.00, x1=-2.00, w2=-3.00, "
                                  "step=0 of 8): f = 0.731")
        assert list(explorer.sliders) == ["w0", "x0", "w1", "x1", "w2", "step"]
        assert "∂f/∂f = 1" in explorer.readout.value
        assert repr(graph_explorer(logistic_neuron())).replace("σ", "") == repr(explorer)

    def test_full_backward_pass_gives_the_lesson_gradients(self):
        """At the last step the readout lists the lesson's ∂w0, ∂x0, ∂w1, ∂x1 and ∂w2."""
        explorer = graph_explorer(step=8)
        assert input_grads(explorer) == [("w0", "-0.20"), ("x0", "0.39"), ("w1", "-0.39"), ("x1", "-0.59"),
                                         ("w2", "0.20")]

    def test_gradients_arrive_step_by_step(self):
        """Before the pass reaches an input its gradient reads "?"; w2 arrives at step 6, before the products."""
        explorer = graph_explorer(step=6)
        assert dict(input_grads(explorer)) == {"w0": "?", "x0": "?", "w1": "?", "x1": "?", "w2": "0.20"}

    def test_a_step_highlights_its_node(self):
        """Step 3 is the exp node: the readout tells its chain rule and its patch is highlighted."""
        explorer = graph_explorer()
        explorer.set_value("step", 3)
        assert "exp node: upstream -0.53 × local 0.37 = -0.20" in explorer.readout.value
        faces = {tuple(p.get_facecolor()) for p in explorer._drawing.node_patches.values()}
        assert len(faces) == 3  # operation nodes, leaves, and the one highlighted

    def test_inputs_recompute_the_graph(self):
        """With w0 = 0 the neuron computes σ(-3 + 6) = σ(3) = 0.953."""
        explorer = graph_explorer()
        explorer.set_value("w0", 0)
        assert repr(explorer).endswith("f = 0.953")
        assert "= 0.95 " in explorer.readout.value  # the readout's digits are the drawing's

    def test_readout_and_drawing_give_a_number_the_same_digits(self):
        """Each input gradient of the readout is written the same way on the drawing (0.090, not 0.09)."""
        explorer = graph_explorer(step=8)
        explorer.set_value("w2", -1.8)  # σ'(2.2) = 0.0898: ∂f/∂w2 beside ∂f/∂x0 = 0.18
        drawn = set(text_strings(explorer.figure))
        grads = input_grads(explorer)
        assert ("w2", "0.090") in grads and ("x0", "0.18") in grads
        assert len(grads) == 5 and all(text in drawn for _, text in grads)
        assert f"= {format_value(explorer._root.data)} " in explorer.readout.value

    def test_a_labelled_output_names_the_gradients(self):
        """A loss labelled L gives ∂L/∂s0 in the readout, never ∂f (notebook 05)."""
        s0, s1 = Value(2.0, "s0"), Value(0.5, "s1")
        loss = -(s0.exp() * (1 / (s0.exp() + s1.exp()))).log()
        loss.label = "L"
        explorer = graph_explorer(loss, step=0)
        assert "∂L/∂L = 1" in explorer.readout.value and "output L = " in explorer.readout.value
        explorer.set_value("step", explorer._n_steps)
        assert "∂L/∂s0 = " in explorer.readout.value and "∂f" not in explorer.readout.value

    def test_a_power_with_many_digits(self):
        """x ** 0.1234567 is explored from its exponent itself, not from the six digits of its op text."""
        x = Value(2.0, "x")
        explorer = graph_explorer(x**0.1234567, step=1)
        assert repr(explorer) == f"GraphExplorer(x=2.00, step=1 of 1): f = {2**0.1234567:.3f}"
        explorer.set_value("x", 3)
        assert repr(explorer).endswith(f"f = {3**0.1234567:.3f}")
        assert input_grads(explorer) == [("x", format_value(0.1234567 * 3 ** (0.1234567 - 1)))]

    def test_the_readout_uses_the_slider_names(self):
        """Two unlabelled inputs are 'input 1' and 'input 2' on their sliders and in the readout, each with its own gradient."""
        a, b = Value(1.0), Value(2.0)
        explorer = graph_explorer(a * b, step=1)
        assert list(explorer.sliders) == ["input 1", "input 2", "step"]
        assert input_grads(explorer) == [("input 1", "2.00"), ("input 2", "1.00")]

    def test_clashing_labels_get_a_prime(self):
        """Two inputs labelled x, and one labelled step, get names that differ from each other and from the step slider."""
        x1, x2, s = Value(1.0, "x"), Value(2.0, "x"), Value(3.0, "step")
        explorer = graph_explorer(x1 * x2 + s, step=2)
        assert list(explorer.sliders) == ["x", "x′", "step′", "step"]
        assert input_grads(explorer) == [("x", "2.00"), ("x′", "1.00"), ("step′", "1.00")]

    def test_learners_graph_is_left_alone(self):
        """Exploring a learner's graph changes neither its numbers nor its grads."""
        x, y = Value(3.0, "x"), Value(2.0, "y")
        root = x * y + x
        explorer = graph_explorer(root, step=2)
        explorer.set_value("x", -1)
        assert (x.data, x.grad, y.grad, root.data) == (3.0, 0.0, 0.0, 9.0)
        assert explorer._drawing.root is not root

    def test_a_gate_that_breaks_is_explained(self):
        """Sliding x to 0 in 1/x keeps the last good numbers and says why, with no traceback."""
        x = Value(1.0, "x")
        explorer = graph_explorer(1 / x)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_value("x", 0)
        assert "these inputs break a gate (1/x expects a nonzero input" in explorer.readout.value
        assert repr(explorer).endswith("f = 1.000")
        explorer.set_value("x", 2)
        assert "break a gate" not in explorer.readout.value and repr(explorer).endswith("f = 0.500")

    def test_root_must_be_a_value(self):
        """A number instead of a Value is refused in one sentence."""
        message = r"graph_explorer expects root to be a Value from nnkit.graph \(got int 3\)"
        with pytest.raises(TypeError, match=message):
            graph_explorer(3)

    def test_a_graph_of_constants_has_nothing_to_slide(self):
        """A graph without an input Value is refused."""
        with pytest.raises(ValueError, match="graph_explorer expects a graph with at least one input Value to slide"):
            graph_explorer(_constants_only())

    def test_step_must_be_a_whole_number_in_the_pass(self):
        """A fractional step or one beyond the pass is refused."""
        with pytest.raises(ValueError, match=r"graph_explorer expects step to be a whole number ≥ 0 \(got 1.5\)"):
            graph_explorer(step=1.5)
        with pytest.raises(ValueError, match=r"graph_explorer expects step between 0 and 8, the slider's range \(got 9\)"):
            graph_explorer(step=9)


def _constants_only():
    """A graph whose only leaves are constants (numbers mixed into an operation)."""
    c = Value(2.0)
    c._constant = True  # as Value._coerce makes the 2 of ``v * 2``
    return c * 3


class TestGraphExplorerRows:
    def test_large_size_draws_the_neuron_in_two_rows_at_full_dpi(self):
        """At size "large" the neuron goes in two bands, so the figure fits 1,100 px at the size's own 90 dpi."""
        explorer = graph_explorer(size="large")
        assert set(explorer._drawing._layout.band_of) == {0, 1}
        assert explorer.figure.dpi == 90 and explorer.figure.bbox.width <= 1100

    def test_normal_size_keeps_one_row(self):
        """The default size keeps the one-row drawing at 80 dpi, about 881 px wide as before.

        The width follows the measured text, which moves by a few pixels between matplotlib
        versions (878 px with 3.8.4, 881 px with 3.11), hence the 1 % band.
        """
        explorer = graph_explorer()
        assert set(explorer._drawing._layout.band_of) == {0}
        assert explorer.figure.dpi == 80 and abs(explorer.figure.bbox.width - 881) <= 9

    def test_a_long_graph_gets_more_rows_at_both_sizes(self):
        """A sum of 12 terms is drawn in bands at normal size too, rather than squeezed under its small font."""
        terms = [Value(float(i), f"a{i}") for i in range(12)]
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        for size, look in (("normal", W.SIZES["normal"]), ("large", W.SIZES["large"])):
            explorer = graph_explorer(total, size=size)
            assert len(set(explorer._drawing._layout.band_of)) > 1
            assert explorer.figure.dpi == look["dpi"] and explorer.figure.bbox.width <= look["max_px"] + 0.5
