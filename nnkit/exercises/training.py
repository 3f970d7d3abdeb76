"""Checkers for notebook 06 · Training a network.

One SGD step by hand on the MSE example, a learning rate that trains the spiral (the
checker trains a small network for a moment), the shape of dW1, and the slip in the
source's chain for ∂L/∂W1. The hints name the classic slips: a step uphill, a step
without the learning rate, a gradient shaped like the batch, a factor taken with
respect to the wrong weight.
"""

import warnings

import numpy as np

from ..functions import sigmoid
from .._text import Text
from ._verdict import is_stub, judge_array, not_done, read_number, right, shown, wrong

__all__ = [
    "check_sgd_step",
    "check_learning_rate",
    "check_dW1_shape",
    "check_slip",
    "MSE_EXAMPLE",
    "SGD_STEP_LR",
]

#: The CS231n MSE example of notebook 06, in nnkit's row form: h = σ(x W1), ŷ = h W2, L = (ŷ - y)².
MSE_EXAMPLE = {
    "x": np.array([[1.0, 2.0]]),
    "W1": np.array([[0.1, -0.2], [0.3, 0.4]]),
    "W2": np.array([[0.5], [-0.5]]),
    "y": np.array([[1.0]]),
}

#: The learning rate of the one-step exercise.
SGD_STEP_LR = 0.1


def _mse_example(W2=None):
    """(h, ŷ, L, dW2) of the MSE example, with another W2 when given."""
    ex = MSE_EXAMPLE
    W2 = ex["W2"] if W2 is None else W2
    h = sigmoid(ex["x"] @ ex["W1"])
    y_hat = h @ W2
    loss = float(np.sum((y_hat - ex["y"]) ** 2))
    return h, y_hat, loss, h.T @ (2 * (y_hat - ex["y"]))


def check_sgd_step(W2_new):
    """W2 after one SGD step w ← w - α ∂L/∂w on the MSE example, with α = 0.1."""
    W2 = MSE_EXAMPLE["W2"]
    _, _, loss, dW2 = _mse_example()
    expected = W2 - SGD_STEP_LR * dW2
    if not is_stub(W2_new):
        try:
            value = np.asarray(W2_new, dtype=np.float64)
        except (TypeError, ValueError):
            value = None
        if value is not None and value.shape == (1, 2) and np.allclose(value.T, expected, atol=1e-6):
            return wrong("training.sgd.row", "training.sgd.row.hint")
    return judge_array(
        W2_new, expected, name=Text("training.name.W2_new"), tol=1e-4,
        why=("training.sgd.right", {"w0": f"{expected[0, 0]:.4f}", "w1": f"{expected[1, 0]:.4f}",
                                    "before": f"{loss:.3f}", "after": f"{_mse_example(expected)[2]:.3f}"}),
        hints=[
            (W2 + SGD_STEP_LR * dW2, "training.sgd.uphill"),
            (W2 - dW2, "training.sgd.no_lr"),
            (-SGD_STEP_LR * dW2, "training.sgd.step_alone"),
            (SGD_STEP_LR * dW2, "training.sgd.lr_times_grad"),
            (W2 - SGD_STEP_LR * dW2 / 2, "training.sgd.no_two"),
            (dW2, "training.sgd.gradient"),
            (W2 - SGD_STEP_LR * dW2 * 2, "training.sgd.two_twice"),
            (W2, "training.sgd.unchanged"),
        ],
        generic_hint="training.sgd.generic",
    )


#: The run the learning-rate checker makes: small and quick (about 0.1 s).
LR_CHECK = {"hidden": 10, "epochs": 150, "batch_size": 30, "seed": 0, "target_accuracy": 0.9}


def check_learning_rate(lr):
    """Train a 2-10-3 sigmoid TwoLayerNet on the spiral with SGD(lr) for 150 epochs; ✓ at accuracy ≥ 0.9."""
    lr, problem = read_number(lr, "lr", example="0.01")
    if problem is not None:  # a Verdict is falsy when it did not pass
        return problem
    if lr <= 0:
        return wrong("training.lr.not_positive", "training.lr.not_positive.hint", lr=shown(lr))
    from ..data import spiral
    from ..models import TwoLayerNet
    from ..optim import SGD
    from ..train import DivergenceWarning, fit

    c = LR_CHECK
    x, t = spiral()
    model = TwoLayerNet(2, c["hidden"], 3, activation="sigmoid", seed=c["seed"])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", DivergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        history = fit(model, SGD(lr), x, t, epochs=c["epochs"], batch_size=c["batch_size"], seed=c["seed"])
    if history.diverged_at is not None:
        return wrong("training.lr.diverged", "training.lr.diverged.hint", lr=shown(lr), epoch=history.diverged_at)
    first, last, accuracy = history.loss[0], history.loss[-1], history.accuracy[-1]
    said = {"lr": shown(lr), "first": shown(first), "last": shown(last), "accuracy": f"{accuracy:.2f}",
            "epochs": c["epochs"]}
    if accuracy >= c["target_accuracy"]:
        return right("training.lr.right", **said)
    if first > 1.3:
        # Guessing gives log 3 = 1.10; a first epoch well above it means the steps overshoot.
        return wrong("training.lr.said", "training.lr.too_large", **said)
    if accuracy >= 0.8:
        return wrong("training.lr.said", "training.lr.nearly", **said)
    return wrong("training.lr.said", "training.lr.too_small", **said)


def check_dW1_shape(shape):
    """The shape of dW1 (``model.grads[0]``) of TwoLayerNet(2, 10, 3) on minibatches of 30 rows."""
    if is_stub(shape):
        return not_done("training.shape.placeholder", "training.shape.placeholder.hint")
    if isinstance(shape, np.ndarray) and shape.size > 3:
        return wrong("training.shape.array", "training.shape.array.hint", shape=shape.shape)
    try:
        got = tuple(int(s) for s in shape)
        if any(g != s for g, s in zip(got, shape)):
            raise ValueError
    except (TypeError, ValueError):
        text = repr(shape)
        return wrong("training.shape.not_a_shape", "training.shape.not_a_shape.hint",
                     got=text if len(text) <= 30 else type(shape).__name__)
    if got == (2, 10):
        return right("training.shape.right")
    hints = {
        (30, 10): "training.shape.hidden_output",
        (30, 2): "training.shape.batch",
        (10, 2): "training.shape.pytorch",
        (10, 3): "training.shape.W2",
        (2, 3): "training.shape.to_classes",
        (30, 3): "training.shape.scores",
        (2,): "training.shape.one_axis",
        (10,): "training.shape.b1",
        (20,): "training.shape.count",
        (2, 10, 30): "training.shape.batch_axis",
        (30, 2, 10): "training.shape.batch_axis",
    }
    hint = hints.get(got)
    return wrong("training.shape.wrong", hint or "training.shape.generic", generic=hint is None, got=got)


def _normalise(answer):
    text = str(answer).lower()
    for old, new in (("\\partial", "d"), ("∂", "d"), ("ŷ", "yhat"), ("y_hat", "yhat"), ("\\hat{y}", "yhat")):
        text = text.replace(old, new)
    return "".join(ch for ch in text if ch not in " _(){}\\$")


def check_slip(corrected_factor):
    """The last factor of the source's ∂L/∂W1 = ∂L/∂ŷ · ∂ŷ/∂h · ∂h/∂W2: it should be ∂h/∂W1."""
    if is_stub(corrected_factor):
        return not_done("training.slip.placeholder", "training.slip.placeholder.hint")
    if not isinstance(corrected_factor, str):
        return wrong("training.slip.not_text", "training.slip.not_text.hint")
    got = _normalise(corrected_factor)
    if got in ("dh/dw1",):
        return right("training.slip.right")
    hints = {
        "dh/dw2": "training.slip.as_written",
        "dl/dyhat": "training.slip.first",
        "dyhat/dh": "training.slip.middle",
        "dh/da": "training.slip.half",
        "dyhat/dw1": "training.slip.through_h",
        "dl/dw1": "training.slip.whole",
        "dl/dw2": "training.slip.whole",
        "dw1/dh": "training.slip.upside_down",
        "dh/dx": "training.slip.x",
        "dyhat/dw2": "training.slip.W2_path",
    }
    hint = hints.get(got)
    shown_text = corrected_factor if len(corrected_factor) <= 40 else corrected_factor[:37] + "..."
    return wrong("training.slip.wrong", hint or "training.slip.generic", generic=hint is None, got=repr(shown_text))
