"""The checkers of notebook 05: the reference layers pass, each classic slip gets its own hint, a stub is not done.

Besides the slips in the numbers, the table holds the slips a single forward/backward
cannot see: a ``+=`` into grads, a mask or a stored output overwritten by backward, an
SGD step inside backward, a loss layer that ignores its dout.
"""

import numpy as np
import pytest

from nnkit import solutions
from nnkit.exercises.backprop import (
    check_affine_backward,
    check_relu_backward,
    check_sigmoid_backward,
    check_softmax_with_loss_backward,
)
from checks import assert_not_done

ReLURef = solutions.get("relu_backward")
SigmoidRef = solutions.get("sigmoid_backward")
AffineRef = solutions.get("affine_backward")
SoftmaxWithLossRef = solutions.get("softmax_with_loss_backward")


def layer_with(base, backward, forward=None):
    """The reference layer with another backward (and forward), as a learner would write it in the exercise cell."""
    body = {"backward": backward}
    if forward is not None:
        body["forward"] = forward
    return type(base.__name__, (base,), body)


def _raise(self, dout=1.0):
    raise NotImplementedError


# ----- ReLU ---------------------------------------------------------------------------------

def _relu_keep_out(self, x):
    self.mask = x <= 0
    self.out = np.where(self.mask, 0.0, x)
    return self.out


def _relu_changes_dout(self, dout):
    dout[self.mask] = 0.0
    return dout


def _relu_overwrites_mask(self, dout):
    dx = dout.copy()
    dx[self.mask] = 0.0
    self.mask = dout <= 0
    return dx


def _relu_mask_once(self, x):
    if self.mask is None:  # the mask of the first input is kept for every later one
        self.mask = x <= 0
    return np.where(x <= 0, 0.0, x)


RELU_SLIPS = [
    ("no mask", layer_with(ReLURef, lambda self, dout: dout.copy()), "backprop.relu.no_mask"),
    ("mask reversed", layer_with(ReLURef, lambda self, dout: np.where(self.mask, dout, 0.0)), "backprop.relu.mask_reversed"),
    ("mask from dout", layer_with(ReLURef, lambda self, dout: np.maximum(dout, 0.0)), "backprop.relu.mask_from_dout"),
    ("times output", layer_with(ReLURef, lambda self, dout: dout * self.out, _relu_keep_out), "backprop.relu.times_output"),
    ("sign", layer_with(ReLURef, lambda self, dout: -np.where(self.mask, 0.0, dout)), "backprop.relu.sign"),
    ("no dout", layer_with(ReLURef, lambda self, dout: np.where(self.mask, 0.0, 1.0)), "backprop.relu.no_dout"),
    ("changes dout", layer_with(ReLURef, _relu_changes_dout), "backward.changed_dout.hint"),
    ("overwrites its mask", layer_with(ReLURef, _relu_overwrites_mask), "backward.second_call.hint"),
    ("keeps the first mask", layer_with(ReLURef, ReLURef.backward, _relu_mask_once), "backprop.stale.hint"),
]

# ----- Sigmoid ------------------------------------------------------------------------------


def _sigmoid_keep_x(self, x):
    self.x = x
    self.y = 1.0 / (1.0 + np.exp(-x))
    return self.y


def _sigmoid_in_place(self, dout):
    self.y *= 1 - self.y  # changes the array forward returned
    return dout * self.y


def _sigmoid_once(self, x):
    if self.y is None:
        self.y = 1.0 / (1.0 + np.exp(-x))
    return 1.0 / (1.0 + np.exp(-x))


SIGMOID_SLIPS = [
    ("from x", layer_with(SigmoidRef, lambda self, dout: dout * self.x * (1 - self.x), _sigmoid_keep_x),
     "backprop.sigmoid.from_x"),
    ("no dout", layer_with(SigmoidRef, lambda self, dout: self.y * (1 - self.y)), "backprop.sigmoid.no_dout"),
    ("one factor", layer_with(SigmoidRef, lambda self, dout: dout * self.y), "backprop.sigmoid.one_factor"),
    ("other factor", layer_with(SigmoidRef, lambda self, dout: dout * (1 - self.y)), "backprop.sigmoid.one_factor"),
    ("sign", layer_with(SigmoidRef, lambda self, dout: -dout * self.y * (1 - self.y)), "backprop.sigmoid.sign"),
    ("y²", layer_with(SigmoidRef, lambda self, dout: dout * self.y * self.y), "backprop.sigmoid.y_squared"),
    ("tanh's slope", layer_with(SigmoidRef, lambda self, dout: dout * (1 - self.y**2)), "backprop.sigmoid.tanh"),
    ("changes its output", layer_with(SigmoidRef, _sigmoid_in_place), "backward.changed_output.hint"),
    ("keeps the first y", layer_with(SigmoidRef, SigmoidRef.backward, _sigmoid_once), "backprop.stale.hint"),
]

# ----- Affine -------------------------------------------------------------------------------


def affine(db=None, dW=None, dx=None, op="set", sgd=False, return_dx=True):
    """The reference Affine with one slip: functions of (self, dout) for db, dW or dx, or how grads are written."""
    def backward(self, dout):
        W, _ = self.params
        dW_value = self.x.T @ dout if dW is None else dW(self, dout)
        db_value = dout.sum(axis=0) if db is None else db(self, dout)
        if op == "rebind":
            self.grads[0] = dW_value
            self.grads[1][...] = db_value
        elif op == "add":
            self.grads[0] += dW_value
            self.grads[1] += db_value
        else:
            self.grads[0][...] = dW_value
            self.grads[1][...] = db_value
        if sgd:
            self.params[0] -= 0.1 * self.grads[0]
        if return_dx:
            return dout @ W.T if dx is None else dx(self, dout)
    return layer_with(AffineRef, backward)


AFFINE_SLIPS = [
    ("db mean", affine(db=lambda s, d: d.mean(axis=0)), "backprop.affine.db_mean"),
    ("db first row", affine(db=lambda s, d: d[0]), "backprop.affine.db_first_row"),
    ("db not summed", affine(db=lambda s, d: d), "backprop.affine.db_not_summed"),
    ("db wrong axis", affine(db=lambda s, d: d.sum(axis=1)), "backprop.affine.db_wrong_axis"),
    ("dW transposed", affine(dW=lambda s, d: d.T @ s.x), "backprop.affine.dW_transposed"),
    ("dW over N", affine(dW=lambda s, d: s.x.T @ d / len(d)), "backprop.affine.dW_over_n"),
    ("dx without transpose", affine(dx=lambda s, d: d @ s.params[0]), "backprop.affine.dx_no_transpose"),
    ("dx over N", affine(dx=lambda s, d: d @ s.params[0].T / len(d)), "backprop.affine.dx_over_n"),
    ("rebind", affine(op="rebind"), "backward.replaced_grads.hint"),
    ("+= into grads", affine(op="add"), "backprop.accumulates.hint"),
    ("SGD step inside backward", affine(sgd=True), "backward.changed_params.hint"),
    ("grads written, dx not returned", affine(return_dx=False), "backprop.return.hint"),
]

# ----- Softmax with loss --------------------------------------------------------------------


def swl(body):
    return layer_with(SoftmaxWithLossRef, lambda self, dout=1.0: body(self, dout))


SWL_SLIPS = [
    ("not over N", swl(lambda s, d: d * (s.y - s.t)), "backprop.swl.not_over_n"),
    ("sign", swl(lambda s, d: d * (s.t - s.y) / len(s.t)), "backprop.swl.sign"),
    ("over K", swl(lambda s, d: d * (s.y - s.t) / s.y.shape[1]), "backprop.swl.over_k"),
    ("no target", swl(lambda s, d: d * s.y / len(s.t)), "backprop.swl.no_target"),
    ("dy instead of dx", swl(lambda s, d: -d * s.t / s.y / len(s.t)), "backprop.swl.dy"),
    ("ignores dout", swl(lambda s, d: (s.y - s.t) / len(s.t)), "backprop.swl.ignores_dout"),
    ("over N twice", swl(lambda s, d: d * (s.y - s.t) / len(s.t) ** 2), "backprop.swl.twice_over_n"),
]

CHECKERS = [
    (check_relu_backward, ReLURef, RELU_SLIPS),
    (check_sigmoid_backward, SigmoidRef, SIGMOID_SLIPS),
    (check_affine_backward, AffineRef, AFFINE_SLIPS),
    (check_softmax_with_loss_backward, SoftmaxWithLossRef, SWL_SLIPS),
]


@pytest.mark.parametrize("checker, reference", [(c, r) for c, r, _ in CHECKERS], ids=lambda v: getattr(v, "__name__", None))
def test_reference_passes(checker, reference):
    """The reference layer passes, as a class and as an instance."""
    assert checker(reference).passed
    if reference is not AffineRef:
        assert checker(reference()).passed


@pytest.mark.parametrize("checker, what, layer, slip", [(c, w, l, s) for c, _, slips in CHECKERS for w, l, s in slips],
                         ids=lambda v: v if isinstance(v, str) else getattr(v, "__name__", None))
def test_slip_gets_its_hint(checker, what, layer, slip):
    """Each slip is rejected with the hint of its own code."""
    verdict = checker(layer)
    assert not verdict.passed and verdict.slip == slip, (what, repr(verdict))


@pytest.mark.parametrize("checker, reference", [(c, r) for c, r, _ in CHECKERS], ids=lambda v: getattr(v, "__name__", None))
def test_stub(checker, reference):
    """The stub that still raises NotImplementedError is not done yet, and so is a placeholder ... ."""
    assert_not_done(checker(layer_with(reference, _raise)), "write the body")
    assert_not_done(checker(...), reference.__name__)


@pytest.mark.parametrize("checker, reference", [(c, r) for c, r, _ in CHECKERS if r is not AffineRef],
                         ids=lambda v: getattr(v, "__name__", None))
def test_forgot_return(checker, reference):
    """A backward that computes dx but does not return it is told to return dx (a named slip)."""
    verdict = checker(layer_with(reference, lambda self, dout=1.0: None))
    assert_not_done(verdict, "return dx")
    assert verdict.specific


def test_relu_message_names_the_mask():
    """The ReLU ✓ line says what the mask does."""
    assert "x ≤ 0" in check_relu_backward(ReLURef).message


def test_db_mean_reads_right():
    """The db-mean hint says to sum (the sentence a learner sees)."""
    assert "dout.sum(axis=0)" in check_affine_backward(affine(db=lambda s, d: d.mean(axis=0))).hint
