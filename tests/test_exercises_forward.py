"""The checkers of 01 · Forward propagation: the solution passes, each classic slip gets its own hint (a table)."""

import math

import numpy as np
import pytest

from nnkit.exercises import forward as ex
from nnkit.solutions import forward as sol

from checks import assert_not_done

SIG = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731


class TestCheckH2:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_h2(sol.h2_by_hand())

    def test_solution_matches_the_layer(self):
        """The exercise's h2 is column 2 of x @ W + b, as the notebook's Affine would compute it."""
        x, W, b = np.array([ex.H2_X]), np.array(ex.H2_W), np.array(ex.H2_B)
        assert (x @ W + b)[0, 1] == pytest.approx(sol.h2_by_hand())

    @pytest.mark.parametrize("answer", [(np.array([ex.H2_X]) @ np.array(ex.H2_W) + np.array(ex.H2_B))[:, 1],
                                        np.float64(-1.5), -1.50])
    def test_numpy_forms_pass(self, answer):
        """A one-element array (x @ W + b)[:, 1] and a numpy scalar are numbers."""
        assert ex.check_h2(answer).passed

    @pytest.mark.parametrize("answer, slip", [
        (-2.5, "forward.h2.no_bias"), (3.5, "forward.h2.rows"), (0.0, "forward.h2.h1"), (4.5, "forward.h2.h3"),
        (SIG(-1.5), "forward.h2.sigmoid"), (1.5, "forward.h2.sign"), (-3.5, "forward.h2.bias_subtracted"),
        ("-1.5", "number.quoted.hint"), (np.array([-1.5, 2.0]), "number.array.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_h2(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_the_hint_reads_right(self):
        """The row-for-column hint names the indices (the sentence a learner sees)."""
        assert "W[0, 1]" in ex.check_h2(3.5).hint

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert_not_done(ex.check_h2(...))


class TestCheckOutputShape:
    @pytest.mark.parametrize("answer", [sol.output_shape(), [32, 5], (np.zeros((32, 3)) @ np.zeros((3, 5))).shape])
    def test_right_forms_pass(self, answer):
        """The solution, a list and the shape numpy reports are accepted."""
        assert ex.check_output_shape(answer)

    @pytest.mark.parametrize("answer, slip", [
        ((5, 32), "forward.shape.transposed"), ((32, 3), "forward.shape.inner_kept"), ((3, 5), "forward.shape.of_W"),
        ((1, 5), "forward.shape.one_sample"), ((32, 3, 5), "forward.shape.three_d"), ((3, 32), "forward.shape.of_xT"),
        ((160,), "forward.shape.flat"), (160, "forward.shape.size"), (np.zeros((32, 5)), "forward.shape.array.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_output_shape(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_the_array_is_not_pasted(self):
        """The product itself is described by its shape, in one short line."""
        text = repr(ex.check_output_shape(np.zeros((32, 5))))
        assert "(32, 5)" in text and len(text) < 250

    def test_not_a_shape(self):
        """Text is told that a shape is a tuple."""
        verdict = ex.check_output_shape("32x5")
        assert not verdict and verdict.done and "tuple" in verdict.message

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert_not_done(ex.check_output_shape(...))


class TestCheckComposition:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_composition(*sol.composed_line())

    def test_solution_matches_the_functions(self):
        """The slope and intercept reproduce f(g(x)) at a few points."""
        slope, intercept = sol.composed_line()
        for x in (-2.0, 0.0, 1.5):
            g = ex.G_SLOPE * x + ex.G_INTERCEPT
            assert ex.F_SLOPE * g + ex.F_INTERCEPT == pytest.approx(slope * x + intercept)

    @pytest.mark.parametrize("slope, intercept, slip", [
        (10, -2, "forward.composition.order"), (7, 2, "forward.composition.added"),
        (10, 2, "forward.composition.intercept_unscaled"), (10, -3, "forward.composition.intercepts_multiplied"),
        (5, 10, "forward.composition.swapped"), (10, 7, "forward.composition.intercept_sign"),
        (12, 5, "forward.composition.slope_hint"), (10, 4, "forward.composition.intercept_hint"),
        ("10", 5, "number.quoted.hint"),
    ])
    def test_slip_gets_its_hint(self, slope, intercept, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_composition(slope, intercept)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_text_of_a_negative_intercept(self):
        """A negative intercept reads 10x − 2, not 10x + -2."""
        assert "10x − 2" in ex.check_composition(10, -2).message

    @pytest.mark.parametrize("slope, intercept", [(..., 5), (10, ...)])
    def test_stub_is_not_done(self, slope, intercept):
        """Either placeholder left is "not done yet"."""
        assert_not_done(ex.check_composition(slope, intercept))


class TestCheckSigmoidNeuron:
    @pytest.mark.parametrize("answer", [sol.sigmoid_neuron(), 0.881, 0.88, 0.8808])
    def test_right_answers_pass(self, answer):
        """The reference solution passes, and so does the value to two or more decimals."""
        assert ex.check_sigmoid_neuron(answer)

    @pytest.mark.parametrize("answer, slip", [
        (SIG(3), "forward.neuron.no_bias"), (2.0, "forward.neuron.no_sigmoid"), (SIG(-2), "forward.neuron.sign"),
        (math.exp(-2), "forward.neuron.exp_only"), (SIG(1.5), "forward.neuron.of_x"), (88.08, "forward.neuron.percent"),
        (SIG(4), "forward.neuron.bias_sign"), (SIG(1), "forward.neuron.brackets"), (math.tanh(2), "forward.neuron.tanh"),
        (0.9, "number.too_coarse.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = ex.check_sigmoid_neuron(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        assert_not_done(ex.check_sigmoid_neuron(...))
