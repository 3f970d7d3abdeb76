"""The checkers of 01 · Forward propagation: the solution passes, each classic mistake gets its own hint."""

import math

import pytest

from nnkit.exercises import forward as ex
from nnkit.solutions import forward as sol

from checks import assert_wrong


def verdict_text(verdict):
    return repr(verdict)


class TestCheckH2:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_h2(sol.h2_by_hand())

    def test_solution_matches_the_layer(self):
        """The exercise's h2 is column 2 of x @ W + b, as the notebook's Affine would compute it."""
        import numpy as np

        x, W, b = np.array([ex.H2_X]), np.array(ex.H2_W), np.array(ex.H2_B)
        assert (x @ W + b)[0, 1] == pytest.approx(sol.h2_by_hand())

    def test_forgotten_bias(self):
        """Leaving out b2 gets the bias hint."""
        verdict = ex.check_h2(-2.5)
        assert not verdict and "forgot the bias" in verdict_text(verdict)

    def test_swapped_indices(self):
        """Reading row 2 of W instead of column 2 gets the index hint."""
        verdict = ex.check_h2(3.5)
        assert not verdict and "column 2" in verdict.hint and "W[0, 1]" in verdict.hint

    def test_h1_instead_of_h2(self):
        """Computing the first unit gets the hint that it is h1."""
        verdict = ex.check_h2(0.0)
        assert not verdict and verdict.hint.startswith("that is h1")

    def test_sigmoid_applied(self):
        """Applying σ to h2 gets the before-the-activation hint."""
        verdict = ex.check_h2(1 / (1 + math.exp(1.5)))
        assert not verdict and "before the activation" in verdict.hint

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        verdict = ex.check_h2(...)
        assert not verdict and not verdict.done and "not done yet" in verdict_text(verdict)


class TestCheckOutputShape:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_output_shape(sol.output_shape())

    def test_numpy_shape_passes(self):
        """The shape numpy reports for the product is accepted as it is."""
        import numpy as np

        x, W = np.zeros((ex.SHAPE_N, ex.SHAPE_D)), np.zeros((ex.SHAPE_D, ex.SHAPE_H))
        assert ex.check_output_shape((x @ W).shape)

    def test_transposed(self):
        """(H, N) gets the rows-come-from-x hint."""
        assert_wrong(ex.check_output_shape((5, 32)), "rows come from x")

    def test_inner_size_kept(self):
        """(N, D) gets the hint that D is used up."""
        assert_wrong(ex.check_output_shape((32, 3)), "used up")

    def test_shape_of_w(self):
        """(D, H) gets the hint that this is W's shape."""
        assert_wrong(ex.check_output_shape((3, 5)), "shape of W")

    def test_one_sample(self):
        """(1, H) gets the batch hint."""
        assert_wrong(ex.check_output_shape((1, 5)), "one sample")

    def test_not_a_shape(self):
        """A single number is told that a shape is a tuple."""
        verdict = ex.check_output_shape(160)
        assert not verdict and verdict.done and "tuple" in verdict.message

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        verdict = ex.check_output_shape(...)
        assert not verdict and not verdict.done


class TestCheckComposition:
    def test_solution_passes(self):
        """The reference solution is accepted."""
        assert ex.check_composition(*sol.composed_line())

    def test_solution_matches_the_functions(self):
        """The slope and intercept reproduce f(g(x)) at a few points."""
        slope, intercept = sol.composed_line()

        def f(x):
            return ex.F_SLOPE * x + ex.F_INTERCEPT

        def g(x):
            return ex.G_SLOPE * x + ex.G_INTERCEPT

        for x in (-2.0, 0.0, 1.5):
            assert f(g(x)) == pytest.approx(slope * x + intercept)

    def test_wrong_order(self):
        """g(f(x)) gets the order hint."""
        assert_wrong(ex.check_composition(10, -2), "g(f(x))")

    def test_added_slopes(self):
        """Adding slopes and intercepts gets the slopes-multiply hint."""
        assert_wrong(ex.check_composition(7, 2), "slopes multiply")

    def test_added_intercepts(self):
        """The right slope with the intercepts added gets the scaled-intercept hint."""
        assert_wrong(ex.check_composition(10, 2), "multiplied by f's slope")

    def test_multiplied_intercepts(self):
        """The right slope with the intercepts multiplied gets the intercept formula."""
        assert_wrong(ex.check_composition(10, -3), "f's slope × g's intercept")

    def test_text_of_a_negative_intercept(self):
        """A negative intercept reads 10x − 2, not 10x + -2."""
        assert "10x − 2" in ex.check_composition(10, -2).message

    def test_stub_is_not_done(self):
        """Either placeholder left is "not done yet"."""
        assert not ex.check_composition(..., 5).done
        assert not ex.check_composition(10, ...).done


class TestCheckSigmoidNeuron:
    def test_solution_passes(self):
        """The reference solution is accepted, also rounded to three decimals."""
        assert ex.check_sigmoid_neuron(sol.sigmoid_neuron())
        assert ex.check_sigmoid_neuron(0.881)

    def test_forgotten_bias(self):
        """σ(w·x) gets the bias hint."""
        verdict = ex.check_sigmoid_neuron(1 / (1 + math.exp(-3)))
        assert not verdict and "forgot the bias" in verdict.hint

    def test_no_activation(self):
        """w·x + b itself gets the apply-σ hint."""
        assert_wrong(ex.check_sigmoid_neuron(2.0), "σ of it")

    def test_wrong_sign(self):
        """1 / (1 + e^z) gets the sign hint."""
        verdict = ex.check_sigmoid_neuron(1 / (1 + math.exp(2)))
        assert not verdict and "mind the sign" in verdict.hint

    def test_only_the_exponential(self):
        """e^(−z) alone gets the rest-of-the-formula hint."""
        assert_wrong(ex.check_sigmoid_neuron(math.exp(-2)), "only part of it")

    def test_sigmoid_of_x(self):
        """σ(x) gets the compute-w·x+b-first hint."""
        verdict = ex.check_sigmoid_neuron(1 / (1 + math.exp(-1.5)))
        assert not verdict and "that is σ(x)" in verdict.hint

    def test_stub_is_not_done(self):
        """The placeholder ... is "not done yet", not wrong."""
        verdict = ex.check_sigmoid_neuron(...)
        assert not verdict and not verdict.done
