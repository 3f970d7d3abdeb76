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
from ._verdict import check_array, is_stub, not_done, read_number, right, wrong

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
            shape = np.shape(np.asarray(W2_new, dtype=np.float64))
        except (TypeError, ValueError):
            shape = None
        if shape == (1, 2) and np.allclose(np.asarray(W2_new, dtype=np.float64).T, expected, atol=1e-6):
            return wrong("W2_new has shape (1, 2), not W2's (2, 1).",
                         "an update keeps the parameter's shape: W2 - lr * dW2, without a transpose.")
    verdict = check_array(
        W2_new, expected, name="W2_new", tol=1e-4,
        why=f"W2 - 0.1 · dW2 = [{expected[0, 0]:.4f}, {expected[1, 0]:.4f}]ᵀ, and the loss drops from "
            f"{loss:.3f} to {_mse_example(expected)[2]:.3f}.",
        hints=[
            (W2 + SGD_STEP_LR * dW2, "that step went uphill: subtract the gradient, w ← w - α ∂L/∂w."),
            (W2 - dW2, "the learning rate is missing: the step is α · ∂L/∂w with α = 0.1."),
            (-SGD_STEP_LR * dW2, "that is the step alone; the new weight is the old one plus the step: W2 - α · dW2."),
            (SGD_STEP_LR * dW2, "that is α · dW2 alone; the new weight is W2 - α · dW2."),
            (W2 - SGD_STEP_LR * dW2 / 2, "dL/dŷ = 2(ŷ - y): the factor 2 of the square is part of dW2."),
        ],
    )
    if verdict.hint == "compare your numbers with a small example worked by hand.":
        verdict.hint = "W2_new = W2 - 0.1 * dW2, with dW2 = hᵀ · 2(ŷ - y) from the cells above."
    return verdict


#: The run the learning-rate checker makes: small and quick (about 0.1 s).
LR_CHECK = {"hidden": 10, "epochs": 150, "batch_size": 30, "seed": 0, "target_accuracy": 0.9}


def check_learning_rate(lr):
    """Train a 2-10-3 sigmoid TwoLayerNet on the spiral with SGD(lr) for 150 epochs; ✓ at accuracy ≥ 0.9."""
    lr, problem = read_number(lr, "lr", example="0.01")
    if problem is not None:  # a Verdict is falsy when it did not pass
        return problem
    if lr <= 0:
        return wrong(f"lr = {lr:g} is not positive.",
                     "w ← w - α ∂L/∂w walks downhill only with α > 0; a negative α climbs the loss.")
    from ..data import spiral
    from ..models import TwoLayerNet
    from ..optim import SGD
    from ..train import DivergenceWarning, fit

    c = LR_CHECK
    x, t = spiral()
    model = TwoLayerNet(2, c["hidden"], 3, activation="sigmoid", seed=c["seed"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        history = fit(model, SGD(lr), x, t, epochs=c["epochs"], batch_size=c["batch_size"], seed=c["seed"])
    if history.diverged_at is not None:
        return wrong(f"lr = {lr:g}: the loss stopped being a number in epoch {history.diverged_at}.",
                     "far too large: the weights blew up. Divide the learning rate by 10 and try again.")
    first, last, accuracy = history.loss[0], history.loss[-1], history.accuracy[-1]
    said = f"lr = {lr:g}: loss {first:.2f} → {last:.2f}, accuracy {accuracy:.2f} after {c['epochs']} epochs"
    if accuracy >= c["target_accuracy"]:
        return right(f"{said}: the three arms are told apart.")
    if first > 1.3:
        # Guessing gives log 3 = 1.10; a first epoch well above it means the steps overshoot.
        return wrong(f"{said}.",
                     "too large: already in the first epoch the loss rose above log 3 = 1.10, the loss of guessing; "
                     "the steps overshoot. Try a smaller learning rate (÷3, or ÷10 when it is far off).")
    if accuracy >= 0.8:
        return wrong(f"{said}.", "nearly: the network is learning the arms but needs a little more speed. "
                                 "Try a somewhat larger learning rate (×1.5).")
    return wrong(f"{said}.",
                 "too small: the loss creeps down but the network is still far from the spiral after "
                 f"{c['epochs']} epochs. Try a larger learning rate (×10).")


def check_dW1_shape(shape):
    """The shape of dW1 (``model.grads[0]``) of TwoLayerNet(2, 10, 3) on minibatches of 30 rows."""
    if is_stub(shape):
        return not_done("the shape is still a placeholder.", "write it as a pair of whole numbers, such as (4, 5).")
    try:
        got = tuple(int(s) for s in shape)
        if any(g != s for g, s in zip(got, shape)):
            raise ValueError
    except (TypeError, ValueError):
        return wrong(f"the shape should be a pair of whole numbers (got {shape!r}).", "write it like (4, 5).")
    if got == (2, 10):
        return right("(2, 10): a gradient has the shape of its parameter, and W1 maps 2 inputs to 10 hidden neurons.")
    hints = {
        (30, 10): "that is the shape of the hidden layer's output for one minibatch; a gradient has the shape "
                  "of its parameter, whatever the batch size.",
        (30, 2): "that is the shape of the minibatch x; dW1 = xᵀ · dout sums over the 30 rows.",
        (10, 2): "nnkit computes h = xW1 with x as rows, so W1 is (inputs, hidden); (out, in) is PyTorch's "
                 "nn.Linear layout.",
        (10, 3): "that is W2's shape, from the 10 hidden neurons to the 3 classes; W1 comes first.",
        (2, 3): "W1 does not go straight to the classes: it maps the 2 inputs to the 10 hidden neurons.",
    }
    return wrong(f"{got} is not the shape of dW1.",
                 hints.get(got, "a gradient has the shape of its parameter: what shape does W1 have in h = xW1?"))


def _normalise(answer):
    text = str(answer).lower()
    for old, new in (("\\partial", "d"), ("∂", "d"), ("ŷ", "yhat"), ("y_hat", "yhat"), ("\\hat{y}", "yhat")):
        text = text.replace(old, new)
    return "".join(ch for ch in text if ch not in " _(){}\\$")


def check_slip(corrected_factor):
    """The last factor of the source's ∂L/∂W1 = ∂L/∂ŷ · ∂ŷ/∂h · ∂h/∂W2: it should be ∂h/∂W1."""
    if is_stub(corrected_factor):
        return not_done("the factor is still a placeholder.", 'write the corrected factor as text, such as "dy/dx".')
    if not isinstance(corrected_factor, str):
        return wrong("write the factor as text.", 'put it in quotes, such as "dy/dx".')
    got = _normalise(corrected_factor)
    if got in ("dh/dw1",):
        return right("h = σ(W1 x) depends on W1, not on W2 (∂h/∂W2 = 0): the last factor is ∂h/∂W1 = h(1 − h)·x.")
    hints = {
        "dh/dw2": "that is the slip as the source wrote it. Which weight does h = σ(W1 x) depend on?",
        "dl/dyhat": "∂L/∂ŷ = 2(ŷ − y) is the right first factor; the slip is in the last one.",
        "dyhat/dh": "∂ŷ/∂h = W2 is the right middle factor; the slip is in the last one.",
        "dh/da": "close: ∂h/∂a = h(1 − h) is half of it; the chain ends at the weight it differentiates by.",
        "dyhat/dw1": "ŷ depends on W1 only through h; the factor we need is h's own derivative.",
        "dl/dw1": "that is the whole left-hand side; name the one factor at the end of the chain.",
    }
    return wrong(f"{corrected_factor!r} is not the corrected factor.",
                 hints.get(got, "the chain runs L ← ŷ ← h ← W1: which link does the last factor stand for?"))
