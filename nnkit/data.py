"""Toy data sets made in code: nothing is downloaded.

Every function returns ``x`` of shape (N, 2), float64, and integer labels ``t`` of shape
(N,), and takes a ``seed`` so the same call gives the same points.
"""

import numpy as np

from ._text import text
from ._validation import check_count, is_real, make_rng

__all__ = ["spiral", "xor", "moons", "circles"]


def _noise(value, who):
    if not is_real(value) or not np.isfinite(value) or value < 0:
        raise ValueError(text("error.data.noise", who=who, value=repr(value)))
    return float(value)


def spiral(n_per_class=100, n_classes=3, seed=1984, noise=0.2):
    """Arms of a spiral, one class per arm (the data set of *Deep Learning from Scratch 2*).

    Point i of arm j sits at radius r = i / n and angle 4j + 4r plus Gaussian noise, so
    the arms wind around the origin and no straight line separates them.
    """
    n = check_count(n_per_class, "spiral", "n_per_class")
    k = check_count(n_classes, "spiral", "n_classes", minimum=2)
    noise = _noise(noise, "spiral")
    rng = make_rng(seed, "spiral")
    r = np.tile(np.arange(n) / n, k)
    t = np.repeat(np.arange(k), n)
    theta = 4.0 * t + 4.0 * r + noise * rng.standard_normal(n * k)
    x = np.column_stack([r * np.sin(theta), r * np.cos(theta)])
    return x, t


def xor(n_per_class=100, seed=0, noise=0.15):
    """Four clusters at the corners of a square; opposite corners share a class.

    Class 1 where exactly one coordinate is positive: the exclusive or of the signs.
    """
    n = check_count(n_per_class, "xor", "n_per_class", minimum=2)
    noise = _noise(noise, "xor")
    rng = make_rng(seed, "xor")
    corners = np.array([[-1, -1], [1, 1], [-1, 1], [1, -1]], dtype=np.float64) * 0.5
    labels = np.array([0, 0, 1, 1])
    which = np.concatenate([np.resize([0, 1], n), np.resize([2, 3], n)])
    x = corners[which] + noise * rng.standard_normal((2 * n, 2))
    return x, labels[which]


def moons(n_per_class=100, seed=0, noise=0.1):
    """Two interleaving half circles, one class each."""
    n = check_count(n_per_class, "moons", "n_per_class", minimum=2)
    noise = _noise(noise, "moons")
    rng = make_rng(seed, "moons")
    angle = np.linspace(0, np.pi, n)
    upper = np.column_stack([np.cos(angle), np.sin(angle)])
    lower = np.column_stack([1 - np.cos(angle), 0.5 - np.sin(angle)])
    x = np.vstack([upper, lower]) + noise * rng.standard_normal((2 * n, 2))
    return x, np.repeat([0, 1], n)


def circles(n_per_class=100, seed=0, noise=0.08, factor=0.5):
    """A small circle (class 1) inside a larger one (class 0)."""
    n = check_count(n_per_class, "circles", "n_per_class", minimum=2)
    noise = _noise(noise, "circles")
    if not is_real(factor) or not 0 < factor < 1:
        raise ValueError(text("error.data.factor", value=repr(factor)))
    rng = make_rng(seed, "circles")
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    ring = np.column_stack([np.cos(angle), np.sin(angle)])
    x = np.vstack([ring, factor * ring]) + noise * rng.standard_normal((2 * n, 2))
    return x, np.repeat([0, 1], n)
