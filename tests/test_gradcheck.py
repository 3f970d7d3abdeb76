"""Gradient checking: the numbers, the report, the sweep of correct layers and the classic mistakes."""

import numpy as np
import pytest
from hypothesis import given, settings

from nnkit import (Affine, MatMul, MeanSquaredError, ReLU, Sigmoid, Softmax, SoftmaxWithLoss, Tanh, check_layer,
                   numerical_derivative, numerical_gradient)
from nnkit import gates
from nnkit.functions import cross_entropy_error, sigmoid, softmax
from nnkit.gates import Copy, Mul
from nnkit.gradcheck import FINE, WRONG, Grade, GradCheckReport, default_step, format_error, relative_error

from strategies import wide_scores_and_labels

RNG = np.random.default_rng(7)
X = RNG.standard_normal((4, 3))


class TestNumericalDerivative:
    def test_slope_of_x_squared(self):
        """y = x² has slope 4 at x = 2 and 10 at x = 5."""
        assert numerical_derivative(lambda x: x**2, 2.0) == pytest.approx(4.0, rel=1e-9)
        assert numerical_derivative(lambda x: x**2, 5.0) == pytest.approx(10.0, rel=1e-9)

    def test_sigmoid_slope_at_one(self):
        """σ'(1) = 0.197."""
        assert round(numerical_derivative(sigmoid, 1.0), 3) == 0.197


class TestNumericalGradient:
    def test_gradient_of_a_sum_of_squares(self):
        """∇ Σ x² = 2x, entry by entry."""
        x = np.array([[1.0, -2.0], [3.0, 0.5]])
        np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-8)

    def test_restores_x(self):
        """Every entry is put back after its probes."""
        x = np.array([0.1, 0.2, 0.3])
        numerical_gradient(lambda v: np.sum(np.sin(v)), x)
        np.testing.assert_array_equal(x, [0.1, 0.2, 0.3])

    @pytest.mark.parametrize("fail_at", [1, 2, 5])
    def test_restores_x_when_f_raises(self, fail_at):
        """f raising midway (on the plus or the minus probe) leaves the learner's array as it came."""
        x = np.array([[0.1, 0.2], [0.3, 0.4]])
        calls = []

        def f(v):
            calls.append(1)
            if len(calls) == fail_at:
                raise ZeroDivisionError("the learner's f broke")
            return float(np.sum(v**2))

        with pytest.raises(ZeroDivisionError):
            numerical_gradient(f, x)
        np.testing.assert_array_equal(x, [[0.1, 0.2], [0.3, 0.4]])

    def test_integer_arrays_are_refused(self):
        """An int array cannot be nudged by h, and the message says so."""
        with pytest.raises(TypeError, match=r"numerical_gradient expects x as a float array .* \(got dtype int64\)"):
            numerical_gradient(np.sum, np.array([1, 2]))


class TestRelativeError:
    def test_cs231n_definition(self):
        """|a - n| / max(1e-8, |a| + |n|), zero when both are zero."""
        np.testing.assert_allclose(relative_error([1.0, 0.0, 2.0], [1.1, 0.0, -2.0]), [0.1 / 2.1, 0.0, 1.0])

    def test_floor(self):
        """An absolute floor keeps two tiny numbers from reading as far apart."""
        assert relative_error([1e-12], [2e-12], floor=1e-6)[0] == pytest.approx(1e-6)


class TestDefaultStep:
    def test_float64_and_float32(self):
        """The cube root of the dtype's ε, to a power of ten: 1e-5 in float64, 1e-2 in float32."""
        assert default_step(np.float64) == pytest.approx(1e-5)
        assert default_step(np.float32) == pytest.approx(1e-2)


class TestFormatError:
    def test_below_the_print_floor(self):
        """Round-off digits are never printed: anything below 1e-8 reads "< 1e-8"."""
        assert format_error(3.2e-11) == format_error(7.7e-13) == "< 1e-8"

    def test_above(self):
        """Larger errors keep two significant digits."""
        assert format_error(1.4e-7) == "1.4e-07"


# ----- DLFS2-style layers a learner writes: right, and checked over confident, tiny and large inputs

class DLFS2SoftmaxWithLoss:
    """The textbook's layer: softmax, then cross-entropy with δ = 1e-7 inside the log."""

    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        n = self.y.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), self.t] + 1e-7)) / n

    def backward(self, dout=1):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx * dout / n


class KitLossSoftmaxWithLoss(DLFS2SoftmaxWithLoss):
    """The same layer built from nnkit's own cross_entropy_error (which adds δ too)."""

    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        return cross_entropy_error(self.y, t)


class DLFS2Affine:
    def __init__(self, W, b):
        self.params = [W, b]
        self.grads = [np.zeros_like(W), np.zeros_like(b)]

    def forward(self, x):
        self.x = x
        return x @ self.params[0] + self.params[1]

    def backward(self, dout):
        self.grads[0][...] = self.x.T @ dout
        self.grads[1][...] = dout.sum(axis=0)
        return dout @ self.params[0].T


class DLFS2Sigmoid:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


def _regimes():
    """(name, a function of a shape that draws inputs) for the sweep."""
    rng = np.random.default_rng(11)
    return [
        ("normal", lambda s: rng.standard_normal(s)),
        ("confident ±6", lambda s: np.where(rng.standard_normal(s) > 0, 6.0, -6.0) + 0.1 * rng.standard_normal(s)),
        ("tiny ×1e-3", lambda s: 1e-3 * rng.standard_normal(s)),
        ("large ×8", lambda s: 8 * rng.standard_normal(s)),
        ("large ×10", lambda s: 10 * rng.standard_normal(s)),
    ]


def _away_from(x, gap):
    """x with entries closer than gap·max|x| to 0 pushed out (kinks and poles sit at 0)."""
    top = np.abs(x).max()
    return np.where(np.abs(x) < gap * top, np.where(x >= 0, 1.0, -1.0) * gap * top * 2, x)


def _sweep_cases():
    cases = []
    for regime, draw in _regimes():
        for trial in range(4):
            x, y = draw((4, 3)), draw((4, 3))
            W, b = draw((3, 2)), draw((2,))
            labels = np.random.default_rng(trial).integers(0, 3, 4)
            # A δ inside the log changes the loss where the true class's y is near δ: there the
            # textbook layer really is off, so its targets are the confident class on extreme inputs.
            delta_labels = labels if regime in ("normal", "tiny ×1e-3") else x.argmax(axis=1)
            layers = [
                (ReLU(), (_away_from(x, 0.05),), None), (Sigmoid(), (x,), None), (Tanh(), (x,), None),
                (Softmax(), (x,), None), (MatMul(W.copy()), (x,), None), (Affine(W.copy(), b.copy()), (x,), None),
                (SoftmaxWithLoss(), (x,), labels), (MeanSquaredError(), (x,), y),
                (gates.Add(), (x, y), None), (gates.Mul(), (x, y), None),
                (gates.Max(), (x, x + np.where(y > 0, 1, -1) * 0.3 * np.abs(x).max()), None),
                (gates.Copy(), (x,), None), (gates.Exp(), (x,), None), (gates.Negate(), (x,), None),
                (gates.Log(), (np.abs(_away_from(x, 0.1)),), None), (gates.Reciprocal(), (_away_from(x, 0.1),), None),
                (DLFS2SoftmaxWithLoss(), (x,), delta_labels), (KitLossSoftmaxWithLoss(), (x,), delta_labels),
                (DLFS2Affine(W.copy(), b.copy()), (x,), None), (DLFS2Sigmoid(), (x,), None),
            ]
            cases += [pytest.param(layer, inputs, t, id=f"{regime}-{type(layer).__name__}-{trial}")
                      for layer, inputs, t in layers]
    return cases


class TestSweepOfCorrectLayers:
    @pytest.mark.parametrize("layer, inputs, t", _sweep_cases())
    def test_passes(self, layer, inputs, t):
        """Every layer and gate of the kit, and the textbook's own layers, pass on every kind of input."""
        report = check_layer(layer, *inputs, t=t)
        assert report.passed, str(report)

    def test_kit_layers_read_fine_on_normal_inputs(self):
        """On everyday inputs the kit's layers are not only passed but fine (below 1e-7)."""
        x = np.random.default_rng(0).standard_normal((3, 4))
        for layer, t in [(Sigmoid(), None), (Softmax(), None), (SoftmaxWithLoss(), np.array([0, 3, 1]))]:
            report = check_layer(layer, x, t=t)
            assert set(report.grades.values()) == {Grade.FINE}, str(report)

    def test_the_cases_of_the_issue(self):
        """The textbook layer at δ and the kit's SoftmaxWithLoss on confident scores: passed, honestly graded."""
        x = np.array([[6.0, -6.0, -6.0], [-6.0, 6.0, -6.0], [-6.0, -6.0, 6.0], [6.0, -6.0, -6.0]])
        report = check_layer(SoftmaxWithLoss(), x, t=np.array([0, 1, 2, 0]))
        assert report.passed and report.grades["x"] is Grade.FINE, str(report)
        rng = np.random.default_rng(3)
        report = check_layer(DLFS2SoftmaxWithLoss(), rng.standard_normal((4, 3)), t=np.array([0, 1, 2, 1]))
        assert report.passed, str(report)
        assert report.grades["x"] in (Grade.FINE, Grade.LOOK_CLOSER)

    @settings(max_examples=60, deadline=None)
    @given(wide_scores_and_labels())
    def test_softmax_on_wide_scores(self, case):
        """Softmax and SoftmaxWithLoss pass on any scores in [-12, 12] (hypothesis once found a Softmax at 2.8e-7)."""
        scores, labels = case
        assert check_layer(Softmax(), scores).passed
        assert check_layer(SoftmaxWithLoss(), scores, t=labels).passed


# ----- the classic mistakes, each a layer that is wrong in one place --------------------------

class ReLUWithoutMask(ReLU):
    def _backward(self, dout):
        return dout.copy()


class SigmoidFromX(Sigmoid):
    def _forward(self, x):
        self._x = x
        return super()._forward(x)

    def _backward(self, dout):
        return dout * self._x * (1.0 - self._x)


class AffineWithMeanBias(Affine):
    def _backward(self, dout):
        dx = super()._backward(dout)
        self.grads[1][...] = dout.mean(axis=0)
        return dx


class MatMulTransposedDW(MatMul):
    def _backward(self, dout):
        self.grads[0][...] = (self._x.T @ dout).T
        return dout @ self.params[0].T


class SoftmaxWithLossNotOverN(SoftmaxWithLoss):
    def backward(self, dout=1.0):
        return super().backward(dout) * self.y.shape[0]


class MulWithoutSwap(Mul):
    def _local(self, dout):
        return dout * self._x, dout * self._y


class CopyWithoutAdd(Copy):
    def backward(self, dout1, dout2):
        return np.asarray(dout1, dtype=float).copy()


class AffineThatRebindsGrads(Affine):
    def _backward(self, dout):
        dx = super()._backward(dout)
        self.grads = [g.copy() for g in self.grads]
        return dx


class SigmoidThatChangesDout(Sigmoid):
    def _backward(self, dout):
        dout *= self._y * (1 - self._y)
        return dout


class AffineThatAccumulates(DLFS2Affine):
    def backward(self, dout):
        self.grads[0] += self.x.T @ dout  # right the first time, doubled the second
        self.grads[1] += dout.sum(axis=0)
        return dout @ self.params[0].T


class AffineWithSGDInside(DLFS2Affine):
    def backward(self, dout):
        dx = super().backward(dout)
        self.params[0] -= 0.1 * self.grads[0]
        return dx


class SigmoidThatChangesItsOutput(DLFS2Sigmoid):
    def backward(self, dout):
        self.out *= 1.0 - self.out  # the array forward returned, changed in place
        return dout * self.out


class ReLUThatOverwritesItsMask:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x):
        self.mask = x <= 0
        return np.where(self.mask, 0.0, x)

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        self.mask = dout <= 0  # the slip: the mask now says something else
        return dx


def _w(*shape):
    return np.random.default_rng(5).standard_normal(shape)


KNOWN_WRONG = [
    pytest.param(ReLUWithoutMask(), (X,), None, {"x"}, set(), id="relu-without-mask"),
    pytest.param(SigmoidFromX(), (X,), None, {"x"}, set(), id="sigmoid-from-x"),
    pytest.param(AffineWithMeanBias(_w(3, 2), _w(2)), (X,), None, {"b"}, set(), id="affine-mean-bias"),
    pytest.param(MatMulTransposedDW(_w(3, 3)), (X,), None, {"W"}, set(), id="matmul-transposed-dW"),
    pytest.param(SoftmaxWithLossNotOverN(), (X,), np.array([0, 1, 2, 0]), {"x"}, set(), id="swl-not-over-N"),
    pytest.param(MulWithoutSwap(), (X, _w(4, 3)), None, {"x", "y"}, set(), id="mul-without-swap"),
    pytest.param(CopyWithoutAdd(), (X,), None, {"x"}, set(), id="copy-without-add"),
    pytest.param(AffineThatRebindsGrads(_w(3, 2), _w(2)), (X,), None, set(), {"replaced_grads"}, id="rebinds-grads"),
    pytest.param(SigmoidThatChangesDout(), (X,), None, set(), {"changed_dout"}, id="changes-dout"),
    pytest.param(AffineThatAccumulates(_w(3, 2), _w(2)), (X,), None, set(), {"second_call_differs"}, id="accumulates"),
    pytest.param(AffineWithSGDInside(_w(3, 2), _w(2)), (X,), None, set(), {"changed_params"}, id="sgd-in-backward"),
    pytest.param(SigmoidThatChangesItsOutput(), (X,), None, set(), {"changed_output"}, id="changes-output"),
    pytest.param(ReLUThatOverwritesItsMask(), (X,), None, set(), {"second_call_differs"}, id="overwrites-mask"),
]


class TestKnownWrongLayers:
    @pytest.mark.parametrize("layer, inputs, t, names, codes", KNOWN_WRONG)
    def test_fails(self, layer, inputs, t, names, codes):
        """Each classic mistake fails, on the gradient it breaks or with the contract rule it breaks (as a code)."""
        report = check_layer(layer, *inputs, t=t)
        assert not report.passed, str(report)
        assert set(report.failed_names()) == names, str(report)
        assert codes <= set(report.problem_codes), str(report)

    @pytest.mark.parametrize("layer, inputs, t, names, codes", [p for p in KNOWN_WRONG if p.values[3]])
    def test_fails_at_every_scale(self, layer, inputs, t, names, codes):
        """A slip in the numbers is wrong on small and large inputs too (×0.1, ×8)."""
        for scale in (0.1, 8.0):
            report = check_layer(layer, *[x * scale for x in inputs], t=t)
            assert set(report.failed_names()) == names, str(report)


class TestCheckLayer:
    def test_correct_layers_pass(self):
        """The real layers pass, with every name checked and graded fine."""
        W, b = RNG.standard_normal((3, 2)), RNG.standard_normal(2)
        report = check_layer(Affine(W, b), X)
        assert report.passed and bool(report)
        assert list(report.errors) == ["x", "W", "b"]
        assert report.max_rel_error < FINE

    def test_matmul_dw_transposed_shape(self):
        """A transposed dW on a non-square W cannot even be written: a problem with the error as data."""
        report = check_layer(MatMulTransposedDW(RNG.standard_normal((3, 2))), X)
        assert report.problem_codes == ["backward_raised"]
        assert isinstance(report.problems[0].fields["exception"], ValueError)

    def test_gradient_of_the_wrong_shape(self):
        """A returned gradient whose shape is not its input's is named with both shapes."""

        class SigmoidReturningRows(Sigmoid):
            def _backward(self, dout):
                return dout.sum(axis=0)

        report = check_layer(SigmoidReturningRows(), X)
        assert report.problem_codes == ["wrong_shape"]
        assert report.problems[0].fields == {"name": "x", "got": (3,), "expected": (4, 3)}
        assert "the gradient for x has shape (3,) but x has shape (4, 3)" in str(report)

    def test_backward_returning_none_is_named(self):
        """A backward that forgets to return dx is a problem of its own code, and a sentence."""

        class NoReturn(Sigmoid):
            def _backward(self, dout):
                dout * self._y

        report = check_layer(NoReturn(), X)
        assert report.problem_codes == ["returned_none"]
        assert "end it with return dx" in str(report)

    def test_report_table(self):
        """The table marks each name; round-off reads "< 1e-8"; a failure says where its worst entry is."""
        passed = str(check_layer(Sigmoid(), X))
        assert "gradient check of Sigmoid()" in passed and "< 1e-8" in passed and "✓" in passed
        assert passed.endswith("passed (fine below 1e-7, wrong above 1e-4)")
        failed = str(check_layer(ReLUWithoutMask(), X))
        assert "✗" in failed and "worst at index" in failed and "FAILED" in failed

    def test_report_is_the_same_on_every_cpu(self):
        """A correct layer's printed report holds no round-off digit: the same text after a tiny nudge of x."""
        x = np.random.default_rng(0).standard_normal((3, 4))
        for layer, t in [(Sigmoid(), None), (Tanh(), None), (Softmax(), None), (SoftmaxWithLoss(), np.array([0, 3, 1]))]:
            assert str(check_layer(layer, x, t=t)) == str(check_layer(layer, x * (1 + 1e-13), t=t))

    def test_failure_line_shows_the_difference(self):
        """Two numbers that differ in the 7th digit are printed with enough digits to see it."""

        class SlightlyOff(DLFS2Sigmoid):
            def backward(self, dout):
                return super().backward(dout) * (1 + 3e-6)

        text = str(check_layer(SlightlyOff(), X, tol=1e-6))
        line = next(s for s in text.splitlines() if "worst at index" in s)
        analytic, numerical = line.split("backward gives ")[1].split(", the numerical gradient ")
        assert analytic != numerical

    def test_look_closer_is_reported(self):
        """An error between 1e-7 and tol passes, and the report says to look closer."""

        class SlightlyOff(DLFS2Sigmoid):
            def backward(self, dout):
                return super().backward(dout) * (1 + 1e-5)

        report = check_layer(SlightlyOff(), X)
        assert report.passed and report.closer_names() == ["x"]
        assert "look closer at x" in str(report)

    def test_tolerance_is_tunable(self):
        """A tighter tol turns a look-closer error into a failure; a looser one lets a slip pass."""
        assert check_layer(AffineWithMeanBias(_w(3, 2), _w(2)), X[:1]).passed  # one row: mean = sum
        assert not check_layer(ReLUWithoutMask(), X, tol=1e-3).passed
        assert check_layer(ReLUWithoutMask(), X, tol=2.0).passed

    def test_float32_parameters(self):
        """float32 weights are nudged with float32's step and graded against float32's round-off."""
        W = RNG.standard_normal((3, 2)).astype(np.float32)
        assert check_layer(DLFS2Affine(W, np.zeros(2, np.float32)), X).passed

    def test_report_is_a_report(self):
        """check_layer returns a GradCheckReport."""
        assert isinstance(check_layer(Sigmoid(), X), GradCheckReport)

    def test_needs_an_input(self):
        """A call with no input says what is missing."""
        with pytest.raises(ValueError, match="check_layer expects at least one input array"):
            check_layer(Sigmoid())

    def test_needs_the_layer_contract(self):
        """An object without forward/backward is named."""
        with pytest.raises(TypeError, match=r"check_layer expects an object with forward\(\) and backward\(\) \(got int\)"):
            check_layer(3, X)

    def test_wrong_default(self):
        """The default bar for wrong is CS231n's 1e-4."""
        assert WRONG == 1e-4 and FINE == 1e-7


class SoftmaxWithLossIgnoringDout(SoftmaxWithLoss):
    def backward(self, dout=1.0):
        return super().backward(1.0)


def test_loss_layer_that_ignores_dout():
    """A loss layer whose backward(2.0) equals backward(1.0) is told it ignores dout."""
    report = check_layer(SoftmaxWithLossIgnoringDout(), X, t=np.array([0, 1, 2, 0]))
    assert report.problem_codes == ["ignores_dout"]
