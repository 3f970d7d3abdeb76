"""How often a wrong answer gets a hint that names its slip: measured over a table of plausible wrong answers.

The table holds, for each checker, answers a learner really writes, the classic slips and
some that are not in any checker's list (arithmetic, a copy of the lesson's number …).
A verdict is *specific* when its hint names a slip (``verdict.slip``), generic when it
is the last-resort "work it out again". Targets: ≥ 80 % specific overall, no checker
under 60 %. Run ``python tests/test_exercises_hints.py`` for the table of shares.
"""

import math

import numpy as np
import pytest

from nnkit import solutions
from nnkit.exercises import backprop, chain_rule, derivatives, forward, loss, pitfalls, training

E = math.exp
SIG = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731


def _layer(name, backward, forward_=None):
    """The reference layer with another backward (and forward), as a learner writes it in the exercise cell."""
    base = solutions.get(name)
    body = {"backward": backward}
    if forward_ is not None:
        body["forward"] = forward_
    return type(base.__name__, (base,), body)


def _cd(body):
    """A learner's central_difference from a lambda of (f, x, h)."""
    return lambda f, x, h: body(f, x, h)


def _relu_forward_keep_out(self, x):
    self.mask = x <= 0
    self.out = np.where(self.mask, 0.0, x)
    return self.out


def _relu_overwrite_mask(self, dout):
    dx = dout.copy()
    dx[self.mask] = 0.0
    self.mask = dout <= 0
    return dx


def _sigmoid_in_place(self, dout):
    self.y *= 1 - self.y
    return dout * self.y


def _sigmoid_from_x_forward(self, x):
    self.x = x
    self.y = 1 / (1 + np.exp(-x))
    return self.y


def _affine(dW=None, db=None, dx=None, op="set", sgd=False):
    def backward(self, dout):
        W, _ = self.params
        dW_ = self.x.T @ dout if dW is None else dW(self, dout)
        db_ = dout.sum(axis=0) if db is None else db(self, dout)
        if op == "add":
            self.grads[0] += dW_
            self.grads[1] += db_
        elif op == "rebind":
            self.grads[0] = dW_
            self.grads[1][...] = db_
        else:
            self.grads[0][...] = dW_
            self.grads[1][...] = db_
        if sgd:
            self.params[0] -= 0.1 * self.grads[0]
        return dout @ W.T if dx is None else dx(self, dout)
    return _layer("affine_backward", backward)


def _swl(body):
    return _layer("softmax_with_loss_backward", lambda self, dout=1.0: body(self, dout))


#: checker name → (checker, [(what the learner did, args), ...])
WRONG_ANSWERS = {
    "check_h2": (forward.check_h2, [
        ("forgot the bias", (-2.5,)), ("row 2 of W", (3.5,)), ("h1", (0.0,)), ("h3, counting from 0", (4.5,)),
        ("σ(h2)", (SIG(-1.5),)), ("sign slip", (1.5,)), ("subtracted the bias", (-3.5,)),
        ("arithmetic slip", (-1.0,)),
    ]),
    "check_output_shape": (forward.check_output_shape, [
        ("transposed", ((5, 32),)), ("kept D", ((32, 3),)), ("shape of W", ((3, 5),)), ("one sample", ((1, 5),)),
        ("three axes", ((32, 3, 5),)), ("the product itself", (np.zeros((32, 5)),)), ("the count", (160,)),
        ("shape of x.T", ((3, 32),)), ("a string", ("32x5",)),
    ]),
    "check_composition": (forward.check_composition, [
        ("g(f(x))", (10, -2)), ("added", (7, 2)), ("intercept unscaled", (10, 2)), ("intercepts multiplied", (10, -3)),
        ("swapped", (5, 10)), ("intercept sign", (10, 7)), ("slope slip", (12, 5)), ("intercept slip", (10, 4)),
        ("both off", (3, 3)),
    ]),
    "check_sigmoid_neuron": (forward.check_sigmoid_neuron, [
        ("no bias", (SIG(3),)), ("no sigmoid", (2.0,)), ("sign", (SIG(-2),)), ("e^-z only", (E(-2),)),
        ("σ(x)", (SIG(1.5),)), ("percentage", (88.08,)), ("bias sign", (SIG(4),)), ("w(x+b)", (SIG(1),)),
        ("tanh", (math.tanh(2),)), ("a guess", (0.5,)),
    ]),
    "check_softmax_favourite": (loss.check_softmax_favourite, [
        ("wrong class", ("cat", 0.114)), ("s/Σs", ("dog", 2.0)), ("numerator", ("dog", E(2))),
        ("denominator without itself", ("dog", E(2) / (1 + E(-1)))), ("sigmoid", ("dog", SIG(2))),
        ("percentage", ("dog", 84.38)), ("cat's", ("dog", 0.114)), ("uniform", ("dog", 1 / 3)),
        ("unknown class", ("cow", 0.844)), ("arithmetic", ("dog", 0.79)),
    ]),
    "check_cross_entropy": (loss.check_cross_entropy, [
        ("log10", (-math.log10(0.7),)), ("log2", (-math.log2(0.7),)), ("no minus", (math.log(0.7),)),
        ("dog term", (-math.log(0.2),)), ("every class", (-sum(map(math.log, (0.2, 0.7, 0.1))),)),
        ("1 − y", (0.3,)), ("−log(1 − y)", (-math.log(0.3),)), ("y log y", (-0.7 * math.log(0.7),)),
        ("y itself", (0.7,)), ("hamster term", (-math.log(0.1),)), ("quoted", ("0.357",)),
    ]),
    "check_dog_below_hamster": (loss.check_dog_below_hamster, [
        ("lesson's loss", (0.55,)), ("y_dog", (0.425,)), ("log10", (0.371,)), ("no minus", (-0.855,)),
        ("hamster", (0.555,)), ("no exp", (-math.log(2.5 / (2.5 - 4.4 + 2.8)),)), ("1 − y", (0.575,)),
        ("arithmetic", (0.91,)),
    ]),
    "check_mse": (loss.check_mse, [
        ("sum", (2.5,)), ("half", (0.4167,)), ("absolute", (0.667,)), ("not squared", (-0.667,)),
        ("square of the mean", (0.444,)), ("RMSE", (math.sqrt(2.5 / 3),)), ("N − 1", (1.25,)),
        ("arithmetic", (0.9,)),
    ]),
    "check_tangent_slope": (derivatives.check_tangent_slope, [
        ("height", (9,)), ("sign", (6,)), ("no 2", (-3,)), ("2x²", (18,)), ("lesson's point", (4,)),
        ("lesson's other point", (10,)), ("the exponent", (2,)), ("quoted", ("-6",)), ("arithmetic", (-5,)),
    ]),
    "check_central_difference": (derivatives.check_central_difference, [
        ("forward", (_cd(lambda f, x, h: (f(x + h) - f(x)) / h),)),
        ("backward", (_cd(lambda f, x, h: (f(x) - f(x - h)) / h),)),
        ("no 2", (_cd(lambda f, x, h: (f(x + h) - f(x - h)) / h),)),
        ("brackets top", (_cd(lambda f, x, h: f(x + h) - f(x - h) / (2 * h)),)),
        ("brackets bottom", (_cd(lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h),)),
        ("reversed", (_cd(lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h)),)),
        ("exact", (_cd(lambda f, x, h: 3 * x * x),)),
        ("own h", (_cd(lambda f, x, h: (f(x + 0.1) - f(x - 0.1)) / 0.2),)),
        ("fixed x", (_cd(lambda f, x, h: (f(2 + h) - f(2 - h)) / (2 * h)),)),
        ("x**3 written in", (_cd(lambda f, x, h: ((x + h) ** 3 - (x - h) ** 3) / (2 * h)),)),
        ("no division", (_cd(lambda f, x, h: f(x + h) - f(x - h)),)),
        ("not a function", (12.01,)),
    ]),
    "check_descent_step": (derivatives.check_descent_step, [
        ("uphill", (0.4,)), ("no α", (7.0,)), ("change only", (0.6,)), ("used the loss", (0.1,)),
        ("no 2", (1.3,)), ("the gradient", (-6,)), ("−α·grad sign", (-0.6,)), ("the bottom", (4,)),
        ("forgot the 4", (0.8,)), ("arithmetic", (1.7,)),
    ]),
    "check_learning_rate (03)": (derivatives.check_learning_rate, [
        ("negative", (-0.05,)), ("zero", (0,)), ("too large", (0.3,)), ("bounces", (0.2,)), ("crawls", (0.001,)),
        ("huge", (1e15,)), ("slow zigzag", (0.185,)), ("quoted", ("0.05",)), ("as percent", (5,)),
    ]),
    "check_mul_gate": (chain_rule.check_mul_gate, [
        ("no swap", (15, -10)), ("add rule", (5, 5)), ("local only", (-2, 3)), ("output", (-30, -30)),
        ("signs", (10, -15)), ("added", (3, 8)), ("own values", (3, -2)), ("dx off", (-12, 15)),
        ("dy off", (-10, 14)), ("quoted", ("-10", "15")),
    ]),
    "check_add_gate": (chain_rule.check_add_gate, [
        ("mul swap", (-10, 15)), ("values", (15, -10)), ("local only", (1, 1)), ("split", (2.5, 2.5)),
        ("only x", (5, 0)), ("only y", (0, 5)), ("minus", (5, -5)), ("output", (1, 1)), ("dy off", (5, 4)),
    ]),
    "check_max_gate": (chain_rule.check_max_gate, [
        ("both", (5, 5)), ("loser", (5, 0)), ("split", (2.5, 2.5)), ("local only", (0, 1)), ("value", (0, 7)),
        ("none", (0, 0)), ("by size", (5 * 2 / 9, 5 * 7 / 9)), ("times value", (0, 35)), ("dx off", (1, 5)),
    ]),
    "check_copy_gate": (chain_rule.check_copy_gate, [
        ("mul path only", (-2,)), ("max path only", (1,)), ("average", (-0.5,)), ("own value", (4,)),
("sign", (1,)), ("difference", (-3,)),
        ("arithmetic", (-1.5,)),
    ]),
    "check_neuron_grad": (chain_rule.check_neuron_grad, [
        ("× w0", (0.295,)), ("stopped at the sum", (0.197,)), ("forward value", (0.731,)), ("y", (1.462,)),
        ("1 − y", (0.538,)), ("sign", (-0.393,)), ("x1", (0.197 * 1,)), ("no sigmoid", (2.0,)),
        ("lesson's number", (-0.20,)), ("arithmetic", (0.45,)),
    ]),
    "check_relu_backward": (backprop.check_relu_backward, [
        ("no mask", (_layer("relu_backward", lambda self, dout: dout.copy()),)),
        ("mask reversed", (_layer("relu_backward", lambda self, dout: np.where(self.mask, dout, 0.0)),)),
        ("mask from dout", (_layer("relu_backward", lambda self, dout: np.maximum(dout, 0.0)),)),
        ("times output", (_layer("relu_backward", lambda self, dout: dout * self.out, _relu_forward_keep_out),)),
        ("changes dout", (_layer("relu_backward", lambda self, dout: (dout.__setitem__(self.mask, 0.0), dout)[1]),)),
        ("forgot return", (_layer("relu_backward", lambda self, dout: None),)),
        ("overwrites its mask", (_layer("relu_backward", _relu_overwrite_mask),)),
        ("no dout", (_layer("relu_backward", lambda self, dout: np.where(self.mask, 0.0, 1.0)),)),
        ("sign", (_layer("relu_backward", lambda self, dout: -np.where(self.mask, 0.0, dout)),)),
    ]),
    "check_sigmoid_backward": (backprop.check_sigmoid_backward, [
        ("from x", (_layer("sigmoid_backward", lambda self, dout: dout * self.x * (1 - self.x),
                           _sigmoid_from_x_forward),)),
        ("no dout", (_layer("sigmoid_backward", lambda self, dout: self.y * (1 - self.y)),)),
        ("one factor", (_layer("sigmoid_backward", lambda self, dout: dout * self.y),)),
        ("sign", (_layer("sigmoid_backward", lambda self, dout: -dout * self.y * (1 - self.y)),)),
        ("y²", (_layer("sigmoid_backward", lambda self, dout: dout * self.y * self.y),)),
        ("tanh's slope", (_layer("sigmoid_backward", lambda self, dout: dout * (1 - self.y ** 2)),)),
        ("changes its output", (_layer("sigmoid_backward", _sigmoid_in_place),)),
        ("forgot return", (_layer("sigmoid_backward", lambda self, dout: None),)),
        ("extra y", (_layer("sigmoid_backward", lambda self, dout: dout * self.y * (1 - self.y) * self.y),)),
    ]),
    "check_affine_backward": (backprop.check_affine_backward, [
        ("db mean", (_affine(db=lambda s, d: d.mean(axis=0)),)), ("db first row", (_affine(db=lambda s, d: d[0]),)),
        ("db not summed", (_affine(db=lambda s, d: d),)), ("db wrong axis", (_affine(db=lambda s, d: d.sum(axis=1)),)),
        ("dW transposed", (_affine(dW=lambda s, d: d.T @ s.x),)), ("dW / N", (_affine(dW=lambda s, d: s.x.T @ d / 3),)),
        ("dx no transpose", (_affine(dx=lambda s, d: d @ s.params[0]),)), ("rebind", (_affine(op="rebind"),)),
        ("+= into grads", (_affine(op="add"),)), ("SGD inside backward", (_affine(sgd=True),)),
        ("forgot return", (_affine(dx=lambda s, d: None),)),
    ]),
    "check_softmax_with_loss_backward": (backprop.check_softmax_with_loss_backward, [
        ("not / N", (_swl(lambda s, d: d * (s.y - s.t)),)), ("sign", (_swl(lambda s, d: d * (s.t - s.y) / len(s.t)),)),
        ("/ K", (_swl(lambda s, d: d * (s.y - s.t) / s.y.shape[1]),)), ("no target", (_swl(lambda s, d: d * s.y / len(s.t)),)),
        ("dy", (_swl(lambda s, d: -d * s.t / s.y / len(s.t)),)), ("ignores dout", (_swl(lambda s, d: (s.y - s.t) / len(s.t)),)),
        ("/ N twice", (_swl(lambda s, d: d * (s.y - s.t) / len(s.t) ** 2),)), ("forgot return", (_swl(lambda s, d: None),)),
    ]),
    "check_sgd_step": (training.check_sgd_step, [
        ("uphill", "uphill"), ("no α", "no_lr"), ("step alone", "step_alone"), ("α·dW2", "lr_times_grad"),
        ("no 2", "no_two"), ("transposed", "row"), ("the gradient", "gradient"), ("unchanged", "unchanged"),
        ("2 twice", "two_twice"), ("arithmetic", "arithmetic"),
    ]),
    "check_learning_rate (06)": (training.check_learning_rate, [
        ("negative", (-1.0,)), ("zero", (0.0,)), ("too small", (0.01,)), ("far too large", (1e15,)),
        ("too large", (40.0,)), ("quoted", ("1.0",)), ("a list", ([1.0],)),
    ]),
    "check_dW1_shape": (training.check_dW1_shape, [
        ("hidden output", ((30, 10),)), ("batch", ((30, 2),)), ("PyTorch layout", ((10, 2),)), ("W2", ((10, 3),)),
        ("to classes", ((2, 3),)), ("scores", ((30, 3),)), ("b1", ((10,),)), ("the count", ((20,),)),
        ("batch axis", ((30, 2, 10),)), ("the array", (np.zeros((2, 10)) + np.zeros((30, 1, 1)),)),
    ]),
    "check_slip": (training.check_slip, [
        ("as written", ("dh/dW2",)), ("first factor", ("dL/dyhat",)), ("middle factor", ("∂ŷ/∂h",)),
        ("half", ("dh/da",)), ("through h", ("dyhat/dW1",)), ("whole", ("dL/dW1",)), ("upside down", ("dW1/dh",)),
        ("x", ("dh/dx",)), ("not text", (0,)), ("something else", ("W1",)),
    ]),
    # 07: the smallest gradient is layer 1's (next to the input), the ReLU start is He, the
    # fastest rate about 0.83; each wrong answer below is what a learner writes instead.
    "check_smallest_gradient": (pitfalls.check_smallest_gradient, [
        ("next to the loss", (9,)), ("counting from 0", (0,)), ("the last sigmoid", (8,)), ("one past the end", (10,)),
        ("the middle", (5,)), ("second layer", (2,)), ("quoted", ("1",)), ("between layers", (1.5,)),
        ("negative", (-1,)), ("a word", ("nine",)), ("a list", ([1],)),
    ]),
    "check_relu_init": (pitfalls.check_relu_init, [
        ("Xavier (for sigmoid and tanh)", ("xavier",)), ("capitalised Xavier", ("Xavier",)), ("small", ("0.01",)),
        ("small, as a number", (0.01,)), ("unit", ("1.0",)), ("unit, as a number", (1,)),
        ("PyTorch's name", ("kaiming",)), ("the formula", ("sqrt(2/n)",)), ("Keras' name", ("he_normal",)),
        ("another scale", (0.5,)),
    ]),
    "check_fastest_lr": (pitfalls.check_fastest_lr, [
        ("bounces", (1.0,)), ("diverges", (1.2,)), ("w2 in one step", (0.5,)), ("notebook's 0.1", (0.1,)),
        ("tiny", (0.01,)), ("negative", (-0.5,)), ("zero", (0,)), ("quoted", ("0.8",)), ("just under 1", (0.99,)),
        ("2 / 0.4 · 1", (5,)), ("2.4", (2.4,)), ("0.9", (0.9,)), ("0.6", (0.6,)), ("huge", (1e9,)),
        ("a word", ("fast",)),
    ]),
}


def _sgd_answers():
    ex = training.MSE_EXAMPLE
    h = 1 / (1 + np.exp(-(ex["x"] @ ex["W1"])))
    W2 = ex["W2"]
    dW2 = h.T @ (2 * (h @ W2 - ex["y"]))
    lr = training.SGD_STEP_LR
    return {"uphill": W2 + lr * dW2, "no_lr": W2 - dW2, "step_alone": -lr * dW2, "lr_times_grad": lr * dW2,
            "no_two": W2 - lr * dW2 / 2, "row": (W2 - lr * dW2).T, "gradient": dW2, "unchanged": W2,
            "two_twice": W2 - 2 * lr * dW2, "arithmetic": W2 - lr * dW2 + 0.05}


def _cases():
    sgd = _sgd_answers()
    for checker_name, (checker, answers) in WRONG_ANSWERS.items():
        for what, args in answers:
            if checker is training.check_sgd_step:
                args = (sgd[args],)
            yield checker_name, checker, what, args


def _verdicts():
    return [(name, what, checker(*args)) for name, checker, what, args in _cases()]


def shares():
    """checker name → (specific, total), and the overall (specific, total)."""
    table = {}
    for name, _, verdict in _verdicts():
        specific, total = table.get(name, (0, 0))
        table[name] = (specific + verdict.specific, total + 1)
    overall = tuple(map(sum, zip(*table.values())))
    return table, overall


@pytest.mark.parametrize("name, checker, what, args", list(_cases()), ids=lambda v: v if isinstance(v, str) else None)
def test_wrong_answer_is_rejected(name, checker, what, args):
    """Every answer of the table is wrong and gets a verdict that is not ✓ (nor a crash)."""
    verdict = checker(*args)
    assert not verdict.passed, repr(verdict)


def test_share_of_specific_hints():
    """At least 80 % of the plausible wrong answers get a hint that names their slip; no checker under 60 %."""
    table, (specific, total) = shares()
    assert specific / total >= 0.8, table
    low = {name: s / t for name, (s, t) in table.items() if s / t < 0.6}
    assert not low, low


if __name__ == "__main__":
    table, (specific, total) = shares()
    width = max(map(len, table))
    print(f"{'checker':<{width}}  specific / wrong answers")
    for name, (s, t) in table.items():
        print(f"{name:<{width}}  {s:>2} / {t:<2}  {s / t:5.0%}")
    print(f"{'overall':<{width}}  {specific:>2} / {total:<2}  {specific / total:5.0%}")
    for name, what, verdict in _verdicts():
        if not verdict.specific:
            print(f"generic: {name}: {what}: {verdict.message}")
