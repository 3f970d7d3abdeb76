"""The gates: gradients against central differences, broadcasting, and the lesson's patterns."""

import numpy as np
import pytest
from hypothesis import given

from nnkit import check_layer
from nnkit.gates import Add, Copy, Exp, Log, Max, Mul, Negate, Reciprocal
from nnkit.functions import sigmoid, softmax, one_hot

from checks import assert_passes
from strategies import away_from_kinks, matrices, scores_and_labels


class TestAdd:
    @given(matrices(), matrices())
    def test_gradients_match_central_differences(self, x, y):
        """Both inputs get the upstream gradient, summed back over broadcast axes."""
        assert_passes(check_layer(Add(), x, y[: x.shape[0], :1] if y.shape[0] >= x.shape[0] else x))

    def test_distributes(self):
        """The add gate passes dout to each input unchanged."""
        gate = Add()
        gate.forward(np.array([-2.0]), np.array([5.0]))
        dx, dy = gate.backward(np.array([-4.0]))
        assert dx[0] == -4.0 and dy[0] == -4.0

    def test_bias_row_broadcast(self):
        """A bias row added to every row of a batch gets the column sums."""
        gate = Add()
        gate.forward(np.ones((3, 2)), np.zeros(2))
        _, db = gate.backward(np.ones((3, 2)))
        np.testing.assert_array_equal(db, [3.0, 3.0])
        assert_passes(check_layer(Add(), np.ones((3, 2)), np.array([0.5, -1.0])))

    def test_shapes_that_do_not_broadcast(self):
        """Both shapes are named."""
        with pytest.raises(ValueError, match=r"Add expects x and y of shapes that broadcast together \(got x \(3, 2\) and y \(3,\)\)"):
            Add().forward(np.ones((3, 2)), np.ones(3))


class TestMul:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """The inputs swap: dx = dout·y, dy = dout·x."""
        assert_passes(check_layer(Mul(), x, x[::-1] + 0.5))

    def test_hadamard_product(self):
        """[1,3,2] ⊙ [4,5,3] = [4,15,6]; each gradient is dout times the other vector."""
        gate = Mul()
        out = gate.forward(np.array([1.0, 3.0, 2.0]), np.array([4.0, 5.0, 3.0]))
        np.testing.assert_array_equal(out, [4.0, 15.0, 6.0])
        dx, dy = gate.backward(np.ones(3))
        np.testing.assert_array_equal(dx, [4.0, 5.0, 3.0])
        np.testing.assert_array_equal(dy, [1.0, 3.0, 2.0])

    def test_the_lesson_numbers(self):
        """f = q·z with q = 3, z = -4: ∂f/∂q = -4, ∂f/∂z = 3."""
        gate = Mul()
        assert gate.forward(np.array(3.0), np.array(-4.0)) == -12.0
        dq, dz = gate.backward(np.array(1.0))
        assert (float(dq), float(dz)) == (-4.0, 3.0)


class TestMax:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """The gradient goes to the larger input."""
        y = away_from_kinks(x[::-1] - x) + x  # never equal to x
        assert_passes(check_layer(Max(), x, y))

    def test_routes_to_the_argmax(self):
        """max(4, 2): the 4 gets dout, the 2 gets 0."""
        gate = Max()
        gate.forward(np.array([4.0, 1.0]), np.array([2.0, 3.0]))
        dx, dy = gate.backward(np.array([5.0, 7.0]))
        np.testing.assert_array_equal(dx, [5.0, 0.0])
        np.testing.assert_array_equal(dy, [0.0, 7.0])


class TestCopy:
    @given(matrices())
    def test_gradients_match_central_differences(self, x):
        """Both uses pull: backward adds the two gradients."""
        assert_passes(check_layer(Copy(), x))

    def test_adds(self):
        """Copy.backward(dout1, dout2) = dout1 + dout2."""
        gate = Copy()
        a, b = gate.forward(np.array([2.0]))
        assert a[0] == b[0] == 2.0 and a is not b
        assert gate.backward(np.array([1.5]), np.array([-0.5]))[0] == 1.0


class TestOneInputGates:
    @given(matrices())
    def test_exp(self, x):
        """d e^x = e^x."""
        assert_passes(check_layer(Exp(), x))

    @given(matrices())
    def test_log(self, x):
        """d log x = 1/x."""
        assert_passes(check_layer(Log(), np.abs(x)))

    @given(matrices())
    def test_reciprocal(self, x):
        """d (1/x) = -1/x²."""
        assert_passes(check_layer(Reciprocal(), x))

    @given(matrices())
    def test_negate(self, x):
        """d (-x) = -1."""
        assert_passes(check_layer(Negate(), x))

    def test_log_of_non_positive(self):
        """log needs x > 0 and says what came."""
        with pytest.raises(ValueError, match=r"Log expects x > 0 \(got -1\)"):
            Log().forward(np.array([2.0, -1.0]))

    def test_reciprocal_of_zero(self):
        """1/0 is refused in a sentence."""
        with pytest.raises(ValueError, match="Reciprocal expects x without zeros"):
            Reciprocal().forward(np.array([0.0, 1.0]))

    def test_exp_overflow(self):
        """e^x past 709 does not fit a float64, and the message says so."""
        with pytest.raises(ValueError, match=r"Exp expects x ≤ 709, .* \(got 1000\)"):
            Exp().forward(np.array([1000.0]))

    def test_backward_before_forward(self):
        """Each gate names itself."""
        with pytest.raises(RuntimeError, match=r"Exp.backward\(\) was called before Exp.forward\(\)"):
            Exp().backward(np.ones(2))
        with pytest.raises(RuntimeError, match=r"Mul.backward\(\) was called before Mul.forward\(\)"):
            Mul().backward(np.ones(2))


class TestRebuiltFromGates:
    """The lessons rebuild sigmoid and softmax-with-loss from gates."""

    def test_sigmoid_chain_collapses_to_y_one_minus_y(self):
        """×(-1), exp, +1, 1/x chained backward give y(1 - y)."""
        x = np.array([-2.0, 0.0, 1.0, 3.0])
        neg, exp, add, rec = Negate(), Exp(), Add(), Reciprocal()
        y = rec.forward(add.forward(exp.forward(neg.forward(x)), np.array(1.0)))
        np.testing.assert_allclose(y, sigmoid(x))
        d = rec.backward(np.ones_like(x))
        d, _ = add.backward(d)
        dx = neg.backward(exp.backward(d))
        np.testing.assert_allclose(dx, y * (1 - y))

    @given(scores_and_labels())
    def test_softmax_with_loss_chain_collapses_to_y_minus_t(self, data):
        """exp, sum, 1/x, ×, log, ×(-t), mean chained backward give (y - t)/N."""
        s, labels = data
        n, k = s.shape
        t = one_hot(labels, k)
        exp, rec, mul, log, mul_t = Exp(), Reciprocal(), Mul(), Log(), Mul()
        e = exp.forward(s)
        total = e.sum(axis=1, keepdims=True)
        inv = rec.forward(total)
        y = mul.forward(e, inv)
        log_y = log.forward(y)
        loss = mul_t.forward(log_y, -t / n).sum()
        np.testing.assert_allclose(y, softmax(s))
        d_log_y, _ = mul_t.backward(np.ones((n, k)))
        de_direct, d_inv = mul.backward(log.backward(d_log_y))
        d_total = rec.backward(d_inv)
        de = de_direct + np.broadcast_to(d_total, (n, k))  # the sum node copies total to each entry
        ds = exp.backward(de)
        np.testing.assert_allclose(ds, (y - t) / n, atol=1e-12)
        assert loss > 0
