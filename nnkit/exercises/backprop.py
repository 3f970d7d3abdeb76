"""Checkers for notebook 05 · Backpropagation through layers.

Each exercise is a small layer whose ``forward`` is given and whose ``backward`` the
learner writes. A checker takes the learner's class and probes it on small numbers on
which the classic slips give different results (a ReLU without its mask, a sigmoid
slope taken from x instead of y, a bias gradient that is not summed over the batch, a
transposed dW, a softmax-with-loss not divided by N, a backward that forgets to return
dx, a dout changed in place, grads replaced instead of written into). The probe runs
twice on one instance: two different inputs, with a ``dout`` that is not 1, and the
parameters compared before and after, so a ``+=`` into grads, a mask or stored output
overwritten by backward, an SGD step inside backward or an ignored dout are caught.
It names the slip it recognises, and finally checks every gradient against central
differences with ``judge_backward`` (``check_layer``, which also calls backward twice).
"""

import numpy as np

from ..functions import softmax
from ._verdict import is_stub, judge_backward, not_done, right, wrong

__all__ = [
    "check_relu_backward",
    "check_sigmoid_backward",
    "check_affine_backward",
    "check_softmax_with_loss_backward",
]


class _Recording(np.ndarray):
    """A view of a grads array that remembers the shape of the last thing written into it.

    When ``grads[1][...] = db`` fails because db has the wrong shape, the checker reads
    that shape from here (data), instead of from numpy's error message (words).
    """

    assigned = None

    def __setitem__(self, key, value):
        self.assigned = np.shape(value)
        super().__setitem__(key, value)


class _Probe:
    """What the probes of the learner's layer gave (or the Verdict that stops the check)."""

    def __init__(self, verdict=None, runs=(), error=None, layer=None):
        self.verdict = verdict
        self.runs = runs  # one (dx, grads) per probe
        self.error = error
        self.layer = layer


def _name(layer_class, default):
    """The learner's class name for the verdict (the exercise's name while it is a placeholder)."""
    if is_stub(layer_class):
        return default
    return getattr(layer_class, "__name__", type(layer_class).__name__)


def _make(layer_class, name, *args):
    """An instance of the learner's class (a Verdict when there is none yet or it cannot be made)."""
    if is_stub(layer_class):
        return not_done("backprop.placeholder", "backprop.placeholder.hint", name=name)
    factory = layer_class if isinstance(layer_class, type) else type(layer_class)
    try:
        layer = factory(*[np.array(a, dtype=np.float64) for a in args])
    except Exception as error:  # the learner's constructor: say what happened in a sentence
        return wrong("backprop.init_raised", "backprop.init_raised.hint", name=name, error=type(error).__name__,
                     detail=str(error)[:200])
    if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
        return wrong("backprop.no_contract", "backprop.no_contract.hint", name=name)
    return layer


def _run_once(layer, name, inputs, dout, t):
    """One forward and one backward; (dx, grads) or a _Probe that stops the check."""
    try:
        layer.forward(*inputs) if t is None else layer.forward(*inputs, t)
    except NotImplementedError:
        return _Probe(not_done("backprop.forward_stub", "backprop.forward_stub.hint", name=name))
    except Exception as error:
        return _Probe(wrong("backprop.forward_raised", "backprop.forward_raised.hint", name=name,
                            error=type(error).__name__, detail=str(error)[:200]))
    grads = list(getattr(layer, "grads", []))
    ids = [id(g) for g in grads]
    params = [np.copy(p) for p in getattr(layer, "params", [])]
    before = np.copy(dout)
    try:
        dx = layer.backward(dout)
    except NotImplementedError:
        return _Probe(not_done("backward.stub", "backward.stub.hint", name=name))
    except Exception as error:
        return _Probe(error=error, layer=layer)
    now = list(getattr(layer, "grads", []))
    if [id(g) for g in now] != ids:
        return _Probe(wrong("backprop.replaced_grads", "backward.replaced_grads.hint", name=name))
    if not np.array_equal(before, dout):
        return _Probe(wrong("backprop.changed_dout", "backward.changed_dout.hint", name=name))
    if any(not np.array_equal(p, q) for p, q in zip(getattr(layer, "params", []), params)):
        return _Probe(wrong("backprop.changed_params", "backward.changed_params.hint", name=name))
    if dx is None:
        if any(np.any(g != 0) for g in now):
            return _Probe(wrong("backprop.filled_no_return", "backprop.return.hint", name=name))
        return _Probe(not_done("backward.no_return", "backprop.return.hint", slip="backprop.return.hint", name=name))
    return np.array(dx, dtype=np.float64, copy=True), [np.array(g, dtype=np.float64, copy=True) for g in now]


def _probe(layer, name, probes):
    """Run every (inputs, dout, t) probe on the same instance, in order."""
    for i, g in enumerate(getattr(layer, "grads", [])):
        if isinstance(g, np.ndarray):
            layer.grads[i] = g.view(_Recording)
    runs = []
    for inputs, dout, t in probes:
        run = _run_once(layer, name, [a.copy() for a in inputs], np.copy(dout) if isinstance(dout, np.ndarray) else dout,
                        None if t is None else t.copy())
        if isinstance(run, _Probe):
            return run
        runs.append(run)
    return _Probe(runs=runs, layer=layer)


def _close(got, expected):
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and np.allclose(got, expected, rtol=1e-6, atol=1e-9)


def _start(layer_class, default_name, probes, *, args=(), error_hint):
    """Make the learner's layer and run the probes on it.

    Returns ``(name, probe, None)``, or ``(name, None, verdict)`` when the class is still
    a placeholder, cannot be made, or its forward or backward raised (``error_hint`` is
    the hint code for a backward that raised; a callable gets the probe's layer).
    """
    name = _name(layer_class, default_name)
    layer = _make(layer_class, name, *args)
    if not hasattr(layer, "backward"):  # a Verdict: no class yet, or it could not be made
        return name, None, layer
    probe = _probe(layer, name, probes)
    if probe.verdict is not None:
        return name, None, probe.verdict
    if probe.error is not None:
        hint = error_hint(probe.layer) if callable(error_hint) else error_hint
        return name, None, wrong("backprop.backward_raised", hint, name=name, error=type(probe.error).__name__,
                                 detail=str(probe.error)[:200])
    return name, probe, None


def _judge(name, probe, expected_runs, mistakes, check, why, name_hints):
    """Compare each probe run with its expected gradients, name a recognised slip, else run the full check.

    Args:
        expected_runs: one dict per probe run from a gradient's name ("x", "W", "b") to its right value.
        mistakes: a function of the run's index giving (gradient name, wrong value, hint code) triples,
            tried in order on the gradients that are off.
        check: a function that makes a fresh layer and returns ``judge_backward``'s Verdict.
        name_hints: a dict from a gradient's name to the hint code when it is off for an unknown reason.
    """
    for index, ((dx, grads), expected) in enumerate(zip(probe.runs, expected_runs)):
        got = {"x": dx}
        for key, grad in zip([k for k in expected if k != "x"], grads):
            got[key] = grad
        off = [key for key in expected if not _close(got.get(key), expected[key])]
        if not off:
            continue
        for key, value, hint in mistakes(index):
            if key in off and _close(got.get(key), value):
                return wrong("backprop.gradient_off", hint, name=name, grad=key)
        if "x" in off and np.shape(dx) != np.shape(expected["x"]):
            return wrong("backprop.dx_shape", "backprop.dx_shape.hint", name=name, got=np.shape(dx),
                         expected=np.shape(expected["x"]))
        if index > 0:
            first_dx, first_grads = probe.runs[0]
            if any(_close(g, expected[k] + f) for k, g, f in zip([k for k in expected if k != "x"], grads, first_grads)):
                return wrong("backprop.accumulates", "backprop.accumulates.hint", name=name)
            return wrong("backprop.second_probe_off", "backward.second_call.hint", name=name, grad=off[0])
        return wrong("backprop.gradient_off", name_hints.get(off[0], "backward.generic.hint"),
                     generic=off[0] not in name_hints, name=name, grad=off[0])
    verdict = check()
    if verdict.passed:
        return right(why)
    return verdict


# ----- ReLU ---------------------------------------------------------------------------------

_RELU_X = np.array([[1.0, -0.5], [-2.0, 3.0]])
_RELU_DOUT = np.array([[0.5, -1.5], [2.0, -0.7]])
# The second probe: other signs where the first had them, so a mask kept from the first
# forward, or one overwritten by the first backward, gives other numbers.
_RELU_X2 = np.array([[-1.5, 2.0], [0.5, -0.25]])
_RELU_DOUT2 = np.array([[1.2, 0.4], [-0.9, 2.5]])


def _relu_mistakes(x, dout):
    mask = x <= 0
    return [
        ("x", dout, "backprop.relu.no_mask"),
        ("x", np.where(mask, dout, 0.0), "backprop.relu.mask_reversed"),
        ("x", np.maximum(dout, 0.0), "backprop.relu.mask_from_dout"),
        ("x", dout * np.maximum(x, 0.0), "backprop.relu.times_output"),
        ("x", -np.where(mask, 0.0, dout), "backprop.relu.sign"),
        ("x", np.where(mask, 0.0, 1.0), "backprop.relu.no_dout"),
        ("x", np.where(x < 0, 0.0, dout), "backprop.relu.mask_reversed"),
    ]


def check_relu_backward(layer_class):
    """Check a ReLU class whose forward stores ``self.mask = x <= 0``; the learner wrote backward."""
    probes = [([_RELU_X], _RELU_DOUT, None), ([_RELU_X2], _RELU_DOUT2, None)]
    name, probe, verdict = _start(layer_class, "MyReLU", probes, error_hint="backprop.relu.raised.hint")
    if verdict is not None:
        return verdict
    cases = [(_RELU_X, _RELU_DOUT), (_RELU_X2, _RELU_DOUT2)]
    x = np.array([[0.8, -1.3, 2.1], [-0.4, 1.7, -2.2], [1.1, -0.9, 0.6], [-1.6, 0.3, -0.7]])
    stale = ("x", np.where(_RELU_X <= 0, 0.0, _RELU_DOUT2), "backprop.stale.hint")  # the first probe's mask
    return _judge(
        name, probe, [{"x": np.where(xi <= 0, 0.0, d)} for xi, d in cases],
        lambda i: ([stale] if i else []) + _relu_mistakes(*cases[i]),
        lambda: judge_backward(_make(layer_class, name), x, name=name),
        why="backprop.relu.right",
        name_hints={"x": "backprop.relu.formula"},
    )


# ----- Sigmoid ------------------------------------------------------------------------------

_SIG_X = np.array([[-1.0, 0.5], [2.0, -3.0]])
_SIG_DOUT = np.array([[0.3, -1.2], [0.8, 0.5]])
_SIG_X2 = np.array([[1.5, -0.5], [0.25, 2.5]])
_SIG_DOUT2 = np.array([[-0.6, 0.9], [1.4, -0.2]])


def _sigmoid_mistakes(x, dout):
    y = 1.0 / (1.0 + np.exp(-x))
    return [
        ("x", dout * x * (1 - x), "backprop.sigmoid.from_x"),
        ("x", y * (1 - y), "backprop.sigmoid.no_dout"),
        ("x", dout * y, "backprop.sigmoid.one_factor"),
        ("x", dout * (1 - y), "backprop.sigmoid.one_factor"),
        ("x", -dout * y * (1 - y), "backprop.sigmoid.sign"),
        ("x", dout * y * y, "backprop.sigmoid.y_squared"),
        ("x", dout * (1 - y * y), "backprop.sigmoid.tanh"),
        ("x", dout * np.exp(-x) * y, "backprop.sigmoid.half_way"),
        ("x", dout * y * (1 - y) * y, "backprop.sigmoid.extra_y"),
    ]


def check_sigmoid_backward(layer_class):
    """Check a Sigmoid class whose forward stores its output ``self.y``; the learner wrote backward."""
    probes = [([_SIG_X], _SIG_DOUT, None), ([_SIG_X2], _SIG_DOUT2, None)]
    name, probe, verdict = _start(layer_class, "MySigmoid", probes, error_hint="backprop.sigmoid.raised.hint")
    if verdict is not None:
        return verdict
    cases = [(_SIG_X, _SIG_DOUT), (_SIG_X2, _SIG_DOUT2)]

    def expected(x, dout):
        y = 1.0 / (1.0 + np.exp(-x))
        return {"x": dout * y * (1 - y)}

    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 3)) * 2
    stale = ("x", expected(_SIG_X, _SIG_DOUT2)["x"], "backprop.stale.hint")  # the first probe's y
    return _judge(
        name, probe, [expected(*c) for c in cases], lambda i: ([stale] if i else []) + _sigmoid_mistakes(*cases[i]),
        lambda: judge_backward(_make(layer_class, name), x, name=name),
        why="backprop.sigmoid.right",
        name_hints={"x": "backprop.sigmoid.formula"},
    )


# ----- Affine -------------------------------------------------------------------------------

# A square W on the probe, so a transposed dW still fits into grads and can be recognised.
_AFF_W = np.array([[1.0, -2.0], [0.5, 3.0]])
_AFF_B = np.array([0.1, -0.2])
_AFF_X = np.array([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]])
_AFF_DOUT = np.array([[0.5, -1.0], [2.0, 0.3], [-1.5, 1.0]])
_AFF_X2 = np.array([[0.5, -1.0], [2.0, 1.5], [-0.5, 1.0]])
_AFF_DOUT2 = np.array([[-1.0, 0.5], [0.25, 1.5], [2.0, -0.5]])


def _affine_error_hint(layer):
    """The hint for a backward that raised, from the shape the learner tried to write into db."""
    grads = getattr(layer, "grads", [])
    written = getattr(grads[1], "assigned", None) if len(grads) > 1 else None
    n, h = _AFF_DOUT.shape
    if written == (n, h):
        return "backprop.affine.db_not_summed"
    if written == (n,):
        return "backprop.affine.db_wrong_axis"
    return "backprop.affine.shapes"


def _affine_mistakes(x, dout):
    n = len(x)
    dW = x.T @ dout
    return [
        ("b", dout.mean(axis=0), "backprop.affine.db_mean"),
        ("b", dout[0], "backprop.affine.db_first_row"),
        ("W", dW.T, "backprop.affine.dW_transposed"),
        ("W", dW / n, "backprop.affine.dW_over_n"),
        ("x", dout @ _AFF_W, "backprop.affine.dx_no_transpose"),
        ("W", x.T @ dout @ _AFF_W, "backprop.affine.dW_times_W"),
        ("W", dout.T @ x, "backprop.affine.dW_transposed"),
        ("x", _AFF_W.T @ dout.T, "backprop.affine.dx_order"),
        ("x", (dout @ _AFF_W.T) / n, "backprop.affine.dx_over_n"),
        ("b", np.zeros_like(_AFF_B), "backprop.affine.db_missing"),
    ]


def check_affine_backward(layer_class):
    """Check an Affine class ``MyAffine(W, b)`` whose forward stores ``self.x``; the learner wrote backward."""
    probes = [([_AFF_X], _AFF_DOUT, None), ([_AFF_X2], _AFF_DOUT2, None)]
    name, probe, verdict = _start(layer_class, "MyAffine", probes, args=(_AFF_W, _AFF_B),
                                  error_hint=_affine_error_hint)
    if verdict is not None:
        return verdict
    cases = [(_AFF_X, _AFF_DOUT), (_AFF_X2, _AFF_DOUT2)]
    expected = [{"x": d @ _AFF_W.T, "W": x.T @ d, "b": d.sum(axis=0)} for x, d in cases]
    rng = np.random.default_rng(4)
    W, b, x = rng.standard_normal((3, 4)), rng.standard_normal(4), rng.standard_normal((5, 3))
    stale = ("W", _AFF_X.T @ _AFF_DOUT2, "backprop.stale.hint")  # the first probe's x
    return _judge(
        name, probe, expected, lambda i: ([stale] if i else []) + _affine_mistakes(*cases[i]),
        lambda: judge_backward(_make(layer_class, name, W, b), x, name=name,
                               hints={"x": "backprop.affine.dx", "W": "backprop.affine.dW", "b": "backprop.affine.db"}),
        why="backprop.affine.right",
        name_hints={"x": "backprop.affine.dx", "W": "backprop.affine.dW_in_place", "b": "backprop.affine.db_in_place"},
    )


# ----- Softmax with loss --------------------------------------------------------------------

_SWL_X = np.array([[2.0, 1.0, -1.0], [0.5, -0.5, 1.5], [-1.0, 2.5, 0.0], [1.0, 1.0, 3.0]])
_SWL_T = np.array([0, 2, 1, 0])
_SWL_X2 = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-2.0, 1.0, 1.0], [0.0, 2.0, -1.0]])
_SWL_T2 = np.array([2, 0, 1, 1])
#: The second probe's dout: not 1, so a backward that ignores dout is seen.
_SWL_DOUT2 = 2.0


def _swl_mistakes(x, labels, dout):
    y = softmax(x)
    t = np.eye(3)[labels]
    n, k = x.shape
    return [
        ("x", dout * (y - t), "backprop.swl.not_over_n"),
        ("x", dout * (t - y) / n, "backprop.swl.sign"),
        ("x", dout * (t - y), "backprop.swl.sign"),
        ("x", dout * (y - t) / k, "backprop.swl.over_k"),
        ("x", dout * y / n, "backprop.swl.no_target"),
        ("x", -dout * t / y / n, "backprop.swl.dy"),
        ("x", (y - t) / n, "backprop.swl.ignores_dout"),
        ("x", y - t, "backprop.swl.not_over_n"),
        ("x", dout * (y - t) / n / n, "backprop.swl.twice_over_n"),
    ]


def check_softmax_with_loss_backward(layer_class):
    """Check a softmax-with-loss class whose forward stores ``self.y`` and one-hot ``self.t``."""
    probes = [([_SWL_X], 1.0, _SWL_T), ([_SWL_X2], _SWL_DOUT2, _SWL_T2)]
    name, probe, verdict = _start(layer_class, "MySoftmaxWithLoss", probes, error_hint="backprop.swl.raised.hint")
    if verdict is not None:
        return verdict
    cases = [(_SWL_X, _SWL_T, 1.0), (_SWL_X2, _SWL_T2, _SWL_DOUT2)]
    expected = [{"x": d * (softmax(x) - np.eye(3)[t]) / len(x)} for x, t, d in cases]
    rng = np.random.default_rng(6)
    x = rng.standard_normal((5, 4))
    labels = np.array([3, 0, 1, 1, 2])
    return _judge(
        name, probe, expected, lambda i: _swl_mistakes(*cases[i]),
        lambda: judge_backward(_make(layer_class, name), x, t=labels, name=name),
        why="backprop.swl.right",
        name_hints={"x": "backprop.swl.formula"},
    )
