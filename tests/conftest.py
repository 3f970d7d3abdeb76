"""Shared test settings: a modest hypothesis profile, and Agg for every matplotlib figure."""

import os

import matplotlib
from hypothesis import HealthCheck, settings

os.environ.setdefault("MPLBACKEND", "Agg")
matplotlib.use("Agg")

settings.register_profile(
    "nnkit",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples every run: a red test is red on every machine
)
settings.load_profile("nnkit")
