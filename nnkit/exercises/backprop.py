"""Checkers for notebook 05 · Backpropagation through layers.

Each exercise is a small layer whose ``forward`` is given and whose ``backward`` the
learner writes. A checker takes the learner's class, runs it once on small numbers on
which the classic slips give different results (a ReLU without its mask, a sigmoid
slope taken from x instead of y, a bias gradient that is not summed over the batch, a
transposed dW, a softmax-with-loss not divided by N, a backward that forgets to return
dx, a dout changed in place, grads replaced instead of written into), names the slip it
recognises, and finally checks every gradient against central differences with
``check_backward``.
"""

import re

import numpy as np

from ..functions import softmax
from ._verdict import check_backward, is_stub, not_done, right, wrong

__all__ = [
    "check_relu_backward",
    "check_sigmoid_backward",
    "check_affine_backward",
    "check_softmax_with_loss_backward",
]

_STUB_HINT = "write the body of backward and run the cell again."
_RETURN_HINT = "end backward with return dx, the gradient for the layer below."


class _Probe:
    """What one forward + backward of the learner's layer gave (or the Verdict that stops the check)."""

    def __init__(self, verdict=None, dx=None, grads=(), error=None):
        self.verdict = verdict
        self.dx = dx
        self.grads = grads
        self.error = error


def _name(layer_class, default):
    """The learner's class name for the verdict (the exercise's name while it is a placeholder)."""
    if is_stub(layer_class):
        return default
    return getattr(layer_class, "__name__", type(layer_class).__name__)


def _make(layer_class, name, *args):
    """An instance of the learner's class (a Verdict when there is none yet or it cannot be made)."""
    if is_stub(layer_class):
        return not_done("the layer class is still a placeholder.", f"pass the class of the exercise cell, {name}.")
    factory = layer_class if isinstance(layer_class, type) else type(layer_class)
    try:
        layer = factory(*[np.array(a, dtype=np.float64) for a in args])
    except Exception as error:  # the learner's constructor: say what happened in a sentence
        return wrong(f"{name}(...) raised {type(error).__name__}: {error}", "run the class cell again without changing __init__.")
    if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
        return wrong(f"{name} has no forward() and backward().", "pass the layer class from the exercise cell.")
    return layer


def _probe(layer, name, inputs, dout=None, t=None):
    """Run forward, then backward once, on the probe numbers; catch what the learner's code raises."""
    try:
        if t is None:
            layer.forward(*inputs)
        else:
            layer.forward(*inputs, t)
    except NotImplementedError:
        return _Probe(not_done(f"{name}.forward is still a stub.", "the forward pass is given: run the class cell as it is."))
    except Exception as error:
        return _Probe(wrong(f"{name}.forward raised {type(error).__name__}: {error}",
                            "the forward pass is given: run the class cell again without changing it."))
    grads = list(getattr(layer, "grads", []))
    ids = [id(g) for g in grads]
    before = dout.copy() if dout is not None else None
    try:
        dx = layer.backward() if dout is None else layer.backward(dout)
    except NotImplementedError:
        return _Probe(not_done(f"{name}.backward is still the stub.", _STUB_HINT))
    except Exception as error:
        return _Probe(error=error)
    now = list(getattr(layer, "grads", []))
    if [id(g) for g in now] != ids:
        return _Probe(wrong(
            f"{name}.backward replaced the arrays in self.grads instead of writing into them.",
            "write in place: self.grads[0][...] = dW (a rebind leaves a model's grads list holding the old zeros).",
        ))
    if before is not None and not np.array_equal(before, dout):
        return _Probe(wrong(
            f"{name}.backward changed the dout it was given.",
            "work on a copy: dx = dout.copy(), then change dx (the layer above may still need its dout).",
        ))
    if dx is None:
        if any(np.any(g != 0) for g in now):
            return _Probe(wrong(f"{name}.backward filled self.grads but returned None.", _RETURN_HINT))
        return _Probe(not_done(f"{name}.backward does not return a gradient yet.", _RETURN_HINT))
    return _Probe(dx=dx, grads=[np.array(g, dtype=np.float64, copy=True) for g in now])


def _close(got, expected):
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and np.allclose(got, expected, rtol=1e-6, atol=1e-9)


def _start(layer_class, default_name, inputs, *, args=(), dout=None, t=None, error_hint):
    """Make the learner's layer and run the probe once.

    Returns ``(name, probe, None)``, or ``(name, None, verdict)`` when the class is still
    a placeholder, cannot be made, or its forward or backward raised (``error_hint`` is
    the hint for a backward that raised; a callable gets the error).
    """
    name = _name(layer_class, default_name)
    layer = _make(layer_class, name, *args)
    if not hasattr(layer, "backward"):  # a Verdict: no class yet, or it could not be made
        return name, None, layer
    probe = _probe(layer, name, [a.copy() for a in inputs],
                   None if dout is None else dout.copy(), t=None if t is None else t.copy())
    if probe.verdict is not None:
        return name, None, probe.verdict
    if probe.error is not None:
        hint = error_hint(probe.error) if callable(error_hint) else error_hint
        return name, None, wrong(f"{name}.backward raised {type(probe.error).__name__}: {probe.error}", hint)
    return name, probe, None


def _judge(layer_class, name, probe, expected, mistakes, check, why, name_hints):
    """Compare the probe with the expected gradients, name a recognised slip, else run the full check.

    Args:
        expected: a dict from a gradient's name ("x", "W", "b") to its right value on the probe.
        mistakes: (gradient name, wrong value, hint) triples, tried in order on the gradients that are off.
        check: a function that makes a fresh layer and returns ``check_backward``'s Verdict.
        name_hints: a dict from a gradient's name to the hint when it is off for an unknown reason.
    """
    got = {"x": probe.dx}
    for key, grad in zip([k for k in expected if k != "x"], probe.grads):
        got[key] = grad
    off = [key for key in expected if not _close(got.get(key), expected[key])]
    if off:
        for key, value, hint in mistakes:
            if key in off and _close(got.get(key), value):
                return wrong(f"{name}.backward: d{key} is off.", hint)
        if "x" in off and probe.dx is not None and np.shape(probe.dx) != np.shape(expected["x"]):
            return wrong(
                f"{name}.backward returned dx of shape {np.shape(probe.dx)}, not {np.shape(expected['x'])}.",
                "dx has the shape of the layer's input x.",
            )
    verdict = check()
    if verdict.passed:
        return right(why)
    if verdict.done and off:
        # check_backward names the first gradient it found off; keep its message, use our hint
        return wrong(verdict.message, name_hints.get(off[0], verdict.hint))
    return verdict


# ----- ReLU ---------------------------------------------------------------------------------

_RELU_X = np.array([[1.0, -0.5], [-2.0, 3.0]])
_RELU_DOUT = np.array([[0.5, -1.5], [2.0, -0.7]])


def check_relu_backward(layer_class):
    """Check a ReLU class whose forward stores ``self.mask = x <= 0``; the learner wrote backward."""
    name, probe, verdict = _start(layer_class, "MyReLU", [_RELU_X], dout=_RELU_DOUT,
                                  error_hint="run backward on a small array and print dx.")
    if verdict is not None:
        return verdict
    mask = _RELU_X <= 0
    mistakes = [
        ("x", _RELU_DOUT, "backward passed dout through everywhere: zero it where the forward input was ≤ 0 "
                          "(that is what self.mask remembers)."),
        ("x", np.where(mask, _RELU_DOUT, 0.0), "the mask is the wrong way round: self.mask is True where x ≤ 0, "
                                               "and those are the entries to set to 0."),
        ("x", np.maximum(_RELU_DOUT, 0.0), "the mask must come from the forward input (self.mask), not from dout: "
                                           "a negative gradient still passes where x > 0."),
        ("x", _RELU_DOUT * np.maximum(_RELU_X, 0.0), "multiply by the slope of ReLU (1 where x > 0, 0 elsewhere), "
                                                     "not by its output y."),
        ("x", -np.where(mask, 0.0, _RELU_DOUT), "check the sign: where x > 0 the slope is +1, so dout passes as it is."),
    ]
    x = np.array([[0.8, -1.3, 2.1], [-0.4, 1.7, -2.2], [1.1, -0.9, 0.6], [-1.6, 0.3, -0.7]])
    return _judge(
        layer_class, name, probe, {"x": np.where(mask, 0.0, _RELU_DOUT)}, mistakes,
        lambda: check_backward(_make(layer_class, name), x, name=name),
        why="dout passes where x > 0 and stops where x ≤ 0 (the mask), and dout itself is left as it was.",
        name_hints={"x": "dx = a copy of dout with the entries where self.mask is True set to 0."},
    )


# ----- Sigmoid ------------------------------------------------------------------------------

_SIG_X = np.array([[-1.0, 0.5], [2.0, -3.0]])
_SIG_DOUT = np.array([[0.3, -1.2], [0.8, 0.5]])


def check_sigmoid_backward(layer_class):
    """Check a Sigmoid class whose forward stores its output ``self.y``; the learner wrote backward."""
    name, probe, verdict = _start(layer_class, "MySigmoid", [_SIG_X], dout=_SIG_DOUT,
                                  error_hint="the stored output is self.y: dx = dout * self.y * (1 - self.y).")
    if verdict is not None:
        return verdict
    y = 1.0 / (1.0 + np.exp(-_SIG_X))
    one_factor = "the local slope is the product y(1 − y); one of its two factors is missing."
    mistakes = [
        ("x", _SIG_DOUT * _SIG_X * (1 - _SIG_X), "that is x(1 − x): the slope of the sigmoid is y(1 − y) with "
                                                 "y = σ(x), the output the forward pass stored in self.y."),
        ("x", y * (1 - y), "that is the local slope alone: multiply it by the upstream gradient dout."),
        ("x", _SIG_DOUT * y, one_factor),
        ("x", _SIG_DOUT * (1 - y), one_factor),
        ("x", -_SIG_DOUT * y * (1 - y), "check the sign: the sigmoid rises everywhere, so its slope y(1 − y) is positive."),
        ("x", _SIG_DOUT * y * y, "the slope is y(1 − y), not y²."),
    ]
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 3)) * 2
    return _judge(
        layer_class, name, probe, {"x": _SIG_DOUT * y * (1 - y)}, mistakes,
        lambda: check_backward(_make(layer_class, name), x, name=name),
        why="dx = dout · y(1 − y), from the output stored in forward: no exp in the backward pass.",
        name_hints={"x": "dx = dout * self.y * (1 - self.y)."},
    )


# ----- Affine -------------------------------------------------------------------------------

# A square W on the probe, so a transposed dW still fits into grads and can be recognised.
_AFF_W = np.array([[1.0, -2.0], [0.5, 3.0]])
_AFF_B = np.array([0.1, -0.2])
_AFF_X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]])
_AFF_DOUT = np.array([[0.5, -1.0], [2.0, 0.3], [-1.5, 1.0]])


def _affine_error_hint(error):
    """A hint for the shape errors a slip in the bias gradient causes on the probe (N = 3, H = 2)."""
    found = re.search(r"from shape \(([\d, ]*)\) into shape \(([\d, ]*)\)", str(error))
    if found:
        source = tuple(int(s) for s in found.group(1).replace(" ", "").split(",") if s)
        target = tuple(int(s) for s in found.group(2).replace(" ", "").split(",") if s)
        if target == (2,) and source == (3, 2):
            return "db still has one row per sample: sum dout over the batch, db = dout.sum(axis=0)."
        if target == (2,) and source == (3,):
            return "db was summed over the wrong axis: axis=0 sums over the batch and keeps one number per output."
    return "print the shapes: x (N, D), W (D, H), dout (N, H); dW has W's shape and db has b's shape (H,)."


def check_affine_backward(layer_class):
    """Check an Affine class ``MyAffine(W, b)`` whose forward stores ``self.x``; the learner wrote backward."""
    name, probe, verdict = _start(layer_class, "MyAffine", [_AFF_X], args=(_AFF_W, _AFF_B), dout=_AFF_DOUT,
                                  error_hint=_affine_error_hint)
    if verdict is not None:
        return verdict
    n = len(_AFF_X)
    dW = _AFF_X.T @ _AFF_DOUT
    mistakes = [
        ("b", _AFF_DOUT.mean(axis=0), "db is the mean of dout over the batch; the bias was added to every row, "
                                      "so its gradient is the sum: dout.sum(axis=0)."),
        ("b", _AFF_DOUT[0], "db used only the first row of dout; the bias was added to every row, so sum over "
                            "the whole batch: dout.sum(axis=0)."),
        ("W", dW.T, "dW is transposed: dW = x.T @ dout, which has W's shape (D, H)."),
        ("W", dW / n, "dW must not be divided by N: the loss layer already divided by the batch size."),
        ("x", _AFF_DOUT @ _AFF_W, "dx = dout @ W.T: multiply by the transpose of W, shapes (N×H)(H×D) = (N×D)."),
    ]
    rng = np.random.default_rng(4)
    W, b, x = rng.standard_normal((3, 4)), rng.standard_normal(4), rng.standard_normal((5, 3))
    return _judge(
        layer_class, name, probe,
        {"x": _AFF_DOUT @ _AFF_W.T, "W": dW, "b": _AFF_DOUT.sum(axis=0)}, mistakes,
        lambda: check_backward(_make(layer_class, name, W, b), x, name=name,
                               hints={"x": "dx = dout @ W.T.", "W": "dW = x.T @ dout.", "b": "db = dout.sum(axis=0)."}),
        why="dx = dout Wᵀ, dW = xᵀ dout and db = the sum of dout over the batch, written into self.grads in place.",
        name_hints={"x": "dx = dout @ W.T.", "W": "dW = self.x.T @ dout, written with self.grads[0][...] = dW.",
                    "b": "db = dout.sum(axis=0), written with self.grads[1][...] = db."},
    )


# ----- Softmax with loss --------------------------------------------------------------------

_SWL_X = np.array([[2.0, 1.0, -1.0], [0.5, -0.5, 1.5], [-1.0, 2.5, 0.0], [1.0, 1.0, 3.0]])
_SWL_T = np.array([0, 2, 1, 0])


def check_softmax_with_loss_backward(layer_class):
    """Check a softmax-with-loss class whose forward stores ``self.y`` and one-hot ``self.t``."""
    name, probe, verdict = _start(layer_class, "MySoftmaxWithLoss", [_SWL_X], t=_SWL_T,
                                  error_hint="self.y and self.t are both (N, K): dx = (self.y - self.t) / N.")
    if verdict is not None:
        return verdict
    y = softmax(_SWL_X)
    t = np.eye(3)[_SWL_T]
    n, k = _SWL_X.shape
    mistakes = [
        ("x", y - t, "y − t is the gradient of the summed loss; the loss is the mean over the N rows, "
                     "so divide by N = len(self.t)."),
        ("x", (t - y) / n, "the sign is flipped: dx = (y − t) / N (raising the true class's score lowers the loss)."),
        ("x", t - y, "the sign is flipped: dx = (y − t) / N (raising the true class's score lowers the loss)."),
        ("x", (y - t) / k, "divide by the number of rows N (samples), not by the number of classes K."),
        ("x", y / n, "the target is missing: dx = (y − t) / N, with t the one-hot rows in self.t."),
        ("x", -t / y / n, "that is the gradient for y (−t / y / N); go on through softmax: the chain collapses to "
                          "(y − t) / N for the scores."),
    ]
    rng = np.random.default_rng(6)
    x = rng.standard_normal((5, 4))
    labels = np.array([3, 0, 1, 1, 2])
    return _judge(
        layer_class, name, probe, {"x": (y - t) / n}, mistakes,
        lambda: check_backward(_make(layer_class, name), x, t=labels, name=name),
        why="dx = (y − t) / N: the whole chain through softmax and log collapses to this difference.",
        name_hints={"x": "dx = (self.y - self.t) / N with N = len(self.t)."},
    )
