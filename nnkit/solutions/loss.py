"""Reference solutions of 02 · Loss, shown with ``solutions.show(name)``."""

import numpy as np

__all__ = ["softmax_favourite", "cross_entropy_by_hand", "dog_below_hamster", "mse_batch"]


def softmax_favourite():
    """The highest score wins, and its probability is e^{s_k} / Σ_i e^{s_i}."""
    labels = ["dog", "cat", "hamster"]
    s = np.array([2.0, 0.0, -1.0])
    y = np.exp(s) / np.exp(s).sum()  # [0.844, 0.114, 0.042]
    k = int(np.argmax(y))
    return labels[k], float(y[k])  # ("dog", 0.844)


def cross_entropy_by_hand():
    """L = −Σ_k t_k log y_k: with a one-hot t only the true class's term is left."""
    y = np.array([0.2, 0.7, 0.1])
    t = np.array([0, 1, 0])  # the true class is cat
    return float(-np.sum(t * np.log(y)))  # −log 0.7 ≈ 0.357 (np.log is the natural log)


def dog_below_hamster():
    """The target is still dog, so L = −log y_dog, now with dog's score under hamster's."""
    s = np.array([2.5, -4.4, 2.8])
    y = np.exp(s - s.max()) / np.exp(s - s.max()).sum()  # [0.425, 0.0004, 0.574]
    return float(-np.log(y[0]))  # ≈ 0.855: up from 0.55, the network now favours hamster


def mse_batch():
    """The batch MSE is the mean over the rows of (ŷ − y)²."""
    y_hat = np.array([2.5, 0.0, 1.0])
    y = np.array([4.0, 0.5, 1.0])
    return float(np.mean((y_hat - y) ** 2))  # (2.25 + 0.25 + 0) / 3 ≈ 0.833
