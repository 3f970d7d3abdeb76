"""How fast does nnkit train, next to the leanest plain numpy loop doing the same work?

TwoLayerNet (2-10-3, sigmoid), SGD lr 1.0, batch 30, 300 epochs on the 300-point spiral:
3,000 steps. ``fit`` records the loss of every step (their mean per epoch) and the
accuracy on the whole set after every epoch, so the comparison loop keeps the same
records, with the same maths (the log-softmax loss, the gradient (y - t)/N, SGD) and
nothing else: no classes, no checks, no needless copies (the row numbers are made once,
the softmax output is scaled into the gradient in one pass, the input's gradient is not
computed). nnkit keeps every check on: its inputs are checked once per fit, and every
SGD step is checked for NaN and inf before it is written.

The implementations take turns, round after round, and the table reports each one's best
round in CPU seconds of this process (``time.process_time``), which a busy machine
disturbs far less than wall time; compare the ratios within one run. Target: nnkit ≤ 1.05×
the plain loop with the same records, and the same accuracy (≥ 0.97).

Run: python benchmarks/train_spiral.py [rounds]
"""

import platform
import sys
import time

import numpy as np

import nnkit

EPOCHS, BATCH, HIDDEN, LR, SEED = 300, 30, 10, 1.0, 0
TARGET = 1.05


def plain_loop(x, t, records=True):
    """The same network, schedule and records as ``fit``, written as bare numpy.

    With ``records=False`` it skips the loss and the per-epoch accuracy, for reference.
    Returns (final accuracy, mean loss of the last epoch).
    """
    rng = np.random.default_rng(SEED)
    W1 = 0.01 * rng.standard_normal((2, HIDDEN))
    b1 = np.zeros(HIDDEN)
    W2 = 0.01 * rng.standard_normal((HIDDEN, 3))
    b2 = np.zeros(3)
    shuffle = np.random.default_rng(SEED)
    n = len(x)
    steps = n // BATCH
    rows = np.arange(BATCH)
    losses, accuracies = [], []
    for _ in range(EPOCHS):
        order = shuffle.permutation(n)
        xs, ts = x[order], t[order]
        total = 0.0
        for i in range(steps):
            xb, tb = xs[i * BATCH:(i + 1) * BATCH], ts[i * BATCH:(i + 1) * BATCH]
            h = 1 / (1 + np.exp(-(xb @ W1 + b1)))
            s = h @ W2 + b2
            s -= s.max(axis=1, keepdims=True)
            e = np.exp(s)
            e_sum = e.sum(axis=1, keepdims=True)
            if records:
                total += (np.log(e_sum).sum() - s[rows, tb].sum()) / BATCH
            ds = e / (e_sum * BATCH)  # (y - t) / N, without y of its own
            ds[rows, tb] -= 1 / BATCH
            dh = ds @ W2.T
            W2 -= LR * (h.T @ ds)
            b2 -= LR * ds.sum(axis=0)
            da = dh * h * (1 - h)
            W1 -= LR * (xb.T @ da)
            b1 -= LR * da.sum(axis=0)
        if records:
            losses.append(total / steps)
            h = 1 / (1 + np.exp(-(x @ W1 + b1)))
            accuracies.append(np.count_nonzero((h @ W2 + b2).argmax(axis=1) == t) / n)
    if not records:
        h = 1 / (1 + np.exp(-(x @ W1 + b1)))
        return np.count_nonzero((h @ W2 + b2).argmax(axis=1) == t) / n, float("nan")
    return accuracies[-1], losses[-1]


def plain_loop_without_records(x, t):
    return plain_loop(x, t, records=False)


def with_nnkit(x, t):
    model = nnkit.TwoLayerNet(2, HIDDEN, 3, activation="sigmoid", weight_scale=0.01, seed=SEED)
    history = nnkit.fit(model, nnkit.SGD(LR), x, t, epochs=EPOCHS, batch_size=BATCH, seed=SEED)
    return history.accuracy[-1], history.loss[-1]


def best_times(fns, x, t, rounds):
    """Run the implementations in turn, round after round; keep each one's best CPU time.

    Alternating them means a burst of load from elsewhere slows all of them, not just one.
    """
    best = [float("inf")] * len(fns)
    results = [None] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            start = time.process_time()
            results[i] = fn(x, t)
            best[i] = min(best[i], time.process_time() - start)
    return best, results


def main(rounds=15):
    x, t = nnkit.spiral(n_per_class=100, n_classes=3, seed=SEED)
    steps = EPOCHS * (len(x) // BATCH)
    runs = [("plain, same records", plain_loop), ("nnkit fit", with_nnkit),
            ("plain, no records", plain_loop_without_records)]
    times, results = best_times([fn for _, fn in runs], x, t, rounds)
    plain_s, kit_s = times[0], times[1]
    print(f"train_spiral: {steps} steps, 2-{HIDDEN}-3 sigmoid, SGD lr {LR}, batch {BATCH}, best of {rounds} "
          f"in CPU time ({platform.processor() or platform.machine()}, numpy {np.__version__})")
    print(f"| {'implementation':<19} | {'ms / 1,000 steps':>16} | {'total s':>7} | {'× plain':>7} | {'accuracy':>8} | {'last loss':>9} |")
    print(f"|{'-' * 21}|{'-' * 18}|{'-' * 9}|{'-' * 9}|{'-' * 10}|{'-' * 11}|")
    for (name, _), secs, (acc, loss) in zip(runs, times, results):
        print(f"| {name:<19} | {secs / steps * 1e6:>16.1f} | {secs:>7.3f} | {secs / plain_s:>7.3f} | {acc:>8.3f} | {loss:>9.4f} |")
    kit_acc = results[1][0]
    met = kit_s / plain_s <= TARGET and kit_acc >= 0.97
    print(f"nnkit {kit_s / plain_s:.3f}× the plain loop with the same records; target ≤ {TARGET:.2f}× and "
          f"accuracy ≥ 0.97: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
