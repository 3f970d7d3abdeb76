"""Checkers for notebook 07 · When training goes wrong.

Which layer of a deep sigmoid stack gets the smallest gradient, which initialization
keeps a deep ReLU stack healthy, and which learning rate walks down the bowl fastest
without diverging. Each checker computes its verdict from the lesson's own numbers
(``nnkit.diagnostics``, ``nnkit.surfaces``) when it is called: the answer is never
stored, and the hints come from what the learner's choice actually does.
"""

import functools

import numpy as np

from .._validation import is_real
from ._verdict import is_stub, not_done, read_number, right, shown, wrong

__all__ = ["check_smallest_gradient", "check_relu_init", "check_fastest_lr", "STACK", "LR_TARGET"]

#: The deep stack of the exercises: spiral in, 8 hidden layers of 50, 3 classes out.
STACK = {"hidden": 50, "depth": 8, "seed": 0}

#: The fastest-lr exercise: SGD on the bowl until the loss is below this.
LR_TARGET = 1e-6
_LR_STEPS = 500  # at most this many steps; a slower walk counts as a crawl
_LR_GRID = np.round(np.arange(0.01, 1.2001, 0.01), 2)  # the learning rates the best is sought among
_LR_SLACK = 1.15  # right when at most this many times the fewest steps (lr 0.74 to 0.84)


def _stats(activation, init):
    from ..data import spiral
    from ..diagnostics import deep_stack, layer_statistics

    x, t = spiral()
    model = deep_stack(2, STACK["hidden"], 3, STACK["depth"], activation, init, seed=STACK["seed"])
    return layer_statistics(model, x, t)


def check_smallest_gradient(layer):
    """Which Affine layer (1 next to the input … 9 next to the loss) of the sigmoid stack at scale 0.01 has the smallest dW."""
    sizes = _stats("sigmoid", "0.01").grad_sizes
    count = len(sizes)
    smallest, largest = int(np.argmin(sizes)) + 1, int(np.argmax(sizes)) + 1
    if is_stub(layer):
        return not_done("pitfalls.layer.placeholder", "pitfalls.layer.placeholder.hint", count=count)
    if isinstance(layer, (bool, np.bool_)) or not is_real(layer) or float(layer) != int(layer):
        return wrong("pitfalls.layer.not_a_layer", "pitfalls.layer.not_a_layer.hint", got=repr(layer)[:30],
                     count=count)
    layer = int(layer)
    said = {"layer": layer, "count": count, "smallest": smallest, "size": f"{sizes[smallest - 1]:.0e}",
            "largest": largest, "top": f"{sizes[largest - 1]:.0e}"}
    if layer == smallest:
        return right("pitfalls.layer.right", **said)
    if not 1 <= layer <= count:
        return wrong("pitfalls.layer.out_of_range", "pitfalls.layer.out_of_range.hint", **said)
    if layer == largest:
        return wrong("pitfalls.layer.wrong", "pitfalls.layer.largest", **said)
    return wrong("pitfalls.layer.wrong", "pitfalls.layer.between", **said)


def check_relu_init(init):
    """An initialization ("0.01", "1.0", "xavier" or "he") that keeps the 8-layer ReLU stack's activations the same size."""
    from ..diagnostics import INITS

    if is_stub(init):
        return not_done("pitfalls.init.placeholder", "pitfalls.init.placeholder.hint", inits=list(INITS))
    if is_real(init) and not isinstance(init, (bool, np.bool_)):
        init = format(float(init), "g") if float(init) not in (0.01, 1.0) else str(float(init))
    if not isinstance(init, str) or init.strip().lower() not in INITS:
        return wrong("pitfalls.init.unknown", "pitfalls.init.unknown.hint", got=repr(init)[:30], inits=list(INITS))
    init = init.strip().lower()
    stats = _stats("relu", init)
    kind = stats.kind("relu")
    stds = stats.activation_stds
    said = {"init": init, "first": f"{stds[0]:.2g}", "last": f"{stds[-1]:.2g}", "depth": STACK["depth"]}
    if kind == "healthy":
        return right("pitfalls.init.right", **said)
    return wrong("pitfalls.init.said", f"pitfalls.init.{kind}", **said)


@functools.lru_cache(maxsize=1)
def _best():
    """(fewest steps, its learning rate) over the grid: computed once, from the walks themselves."""
    return min((s, float(g)) for g in _LR_GRID for d, s in [_steps(float(g))] if not d and s is not None)


def _steps(lr):
    from ..optim import SGD
    from ..surfaces import BOWL, optimizer_path

    path = optimizer_path(BOWL, SGD(lr), _LR_STEPS)
    return path.diverged, path.steps_to(LR_TARGET)


def check_fastest_lr(lr):
    """A learning rate with which SGD gets the bowl's loss below 1e-6 in close to the fewest steps, without diverging."""
    lr, problem = read_number(lr, "lr", example="0.5")
    if problem is not None:
        return problem
    if lr <= 0:
        return wrong("pitfalls.lr.not_positive", "pitfalls.lr.not_positive.hint", lr=shown(lr))
    best_steps, best_lr = _best()
    diverged, steps = _steps(lr)
    said = {"lr": shown(lr), "steps": steps, "best": best_steps, "best_lr": f"{best_lr:.2f}", "limit": _LR_STEPS}
    if diverged:
        return wrong("pitfalls.lr.diverged", "pitfalls.lr.diverged.hint", **said)
    if steps is not None and steps <= _LR_SLACK * best_steps:
        return right("pitfalls.lr.right", **said)
    head = "pitfalls.lr.slow" if steps is not None else "pitfalls.lr.never"
    return wrong(head, "pitfalls.lr.crawls" if lr < best_lr else "pitfalls.lr.zigzags", **said)
