"""How fast does nnkit train, next to a plain numpy loop doing the same arithmetic?

TwoLayerNet (2-10-3, sigmoid), SGD lr 1.0, batch 30, 300 epochs on the 300-point spiral:
3,000 steps. The plain loop below has no classes and no checks; nnkit keeps its input
checks on. ``fit`` also records the loss of every step and the accuracy on the whole set
after every epoch, which the bare loop does not; the "plain + bookkeeping" row adds that
to the bare loop, to show what the classes and checks themselves cost. All run in this
process, alternating round by round, and the table reports the best round of each, so a
busy machine slows them alike. Target: nnkit ≤ 1.3× the plain loop, accuracy ≥ 0.97.

Run: python benchmarks/train_spiral.py
"""

import platform
import time

import numpy as np

import nnkit

EPOCHS, BATCH, HIDDEN, LR, SEED = 300, 30, 10, 1.0, 0


def plain_loop(x, t, bookkeeping=False):
    """The same network and schedule written as bare numpy, nothing else.

    With ``bookkeeping`` it also does what ``fit`` records: the loss of every step and the
    accuracy on the whole set after every epoch.
    """
    rng = np.random.default_rng(SEED)
    W1 = 0.01 * rng.standard_normal((2, HIDDEN))
    b1 = np.zeros(HIDDEN)
    W2 = 0.01 * rng.standard_normal((HIDDEN, 3))
    b2 = np.zeros(3)
    shuffle = np.random.default_rng(SEED)
    n = len(x)
    losses, accuracies = [], []
    for _ in range(EPOCHS):
        order = shuffle.permutation(n)
        xs, ts = x[order], t[order]
        for i in range(n // BATCH):
            xb, tb = xs[i * BATCH:(i + 1) * BATCH], ts[i * BATCH:(i + 1) * BATCH]
            a = xb @ W1 + b1
            h = 1 / (1 + np.exp(-a))
            s = h @ W2 + b2
            e = np.exp(s - s.max(axis=1, keepdims=True))
            y = e / e.sum(axis=1, keepdims=True)
            if bookkeeping:
                losses.append(-np.log(y[np.arange(BATCH), tb]).mean())
            ds = y.copy()
            ds[np.arange(BATCH), tb] -= 1
            ds /= BATCH
            dW2 = h.T @ ds
            db2 = ds.sum(axis=0)
            dh = ds @ W2.T
            da = dh * h * (1 - h)
            dW1 = xb.T @ da
            db1 = da.sum(axis=0)
            W1 -= LR * dW1
            b1 -= LR * db1
            W2 -= LR * dW2
            b2 -= LR * db2
        if bookkeeping:
            h = 1 / (1 + np.exp(-(x @ W1 + b1)))
            accuracies.append(np.mean((h @ W2 + b2).argmax(axis=1) == t))
    h = 1 / (1 + np.exp(-(x @ W1 + b1)))
    return float(np.mean((h @ W2 + b2).argmax(axis=1) == t))


def plain_loop_with_bookkeeping(x, t):
    return plain_loop(x, t, bookkeeping=True)


def with_nnkit(x, t):
    model = nnkit.TwoLayerNet(2, HIDDEN, 3, activation="sigmoid", weight_scale=0.01, seed=SEED)
    history = nnkit.fit(model, nnkit.SGD(LR), x, t, epochs=EPOCHS, batch_size=BATCH, seed=SEED)
    return history.accuracy[-1], history.loss[-1]


def best_times(fns, x, t, rounds):
    """Run the implementations in turn, round after round; keep each one's best time.

    Alternating them means a burst of load from elsewhere slows both, not just one.
    """
    best = [float("inf")] * len(fns)
    results = [None] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            results[i] = fn(x, t)
            best[i] = min(best[i], time.perf_counter() - start)
    return best, results


def main(rounds=9):
    x, t = nnkit.spiral(n_per_class=100, n_classes=3, seed=SEED)
    steps = EPOCHS * (len(x) // BATCH)
    runs = [("plain numpy", plain_loop), ("plain + bookkeeping", plain_loop_with_bookkeeping), ("nnkit", with_nnkit)]
    times, results = best_times([fn for _, fn in runs], x, t, rounds)
    plain_s, kit_s = times[0], times[2]
    kit_acc, kit_loss = results[2]
    accuracies = [results[0], results[1], kit_acc]
    print(f"train_spiral: {steps} steps, 2-{HIDDEN}-3 sigmoid, SGD lr {LR}, batch {BATCH}, "
          f"best of {rounds} ({platform.processor() or platform.machine()}, numpy {np.__version__})")
    print(f"| {'implementation':<19} | {'s / 1,000 steps':>15} | {'total s':>7} | {'× plain':>7} | {'accuracy':>8} |")
    print(f"|{'-' * 21}|{'-' * 17}|{'-' * 9}|{'-' * 9}|{'-' * 10}|")
    for (name, _), secs, acc in zip(runs, times, accuracies):
        print(f"| {name:<19} | {secs / steps * 1000:>15.4f} | {secs:>7.3f} | {secs / plain_s:>7.2f} | {acc:>8.3f} |")
    print(f"nnkit final loss {kit_loss:.4f}; target ≤ 1.30× plain and accuracy ≥ 0.97: "
          f"{'met' if kit_s / plain_s <= 1.3 and kit_acc >= 0.97 else 'NOT met'}; "
          f"{kit_s / times[1]:.2f}× the plain loop that records what fit records")


if __name__ == "__main__":
    main()
