"""Fixtures for the explorer tests: every explorer factory in turn (tests/conftest.py's settings apply here too)."""

import pytest

from nnkit import widgets as W

FACTORIES = {
    "sigmoid": W.sigmoid_explorer,
    "softmax": W.softmax_explorer,
    "tangent": W.tangent_explorer,
    "gradient_descent": W.gradient_descent_explorer,
    "graph": W.graph_explorer,
    "training": W.training_explorer,
    "initialization": W.initialization_explorer,
    "optimizer": W.optimizer_explorer,
    "playground": W.playground,
}


@pytest.fixture(params=sorted(FACTORIES))
def name(request):
    """Each explorer's name in turn."""
    return request.param


@pytest.fixture
def factory(name):
    """Each explorer's factory function in turn (the one a notebook calls)."""
    return FACTORIES[name]
