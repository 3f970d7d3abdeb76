"""nnkit: see every number of a neural network move.

The layers, losses, models and optimizers are re-exported here; the gates, the scalar
graph engine, the plots and the explorers live in their own modules
(``nnkit.gates``, ``nnkit.graph``, ``nnkit.plotting``, ``nnkit.widgets`` …).
"""

from ._text import get_language, set_language
from .data import circles, moons, spiral, xor
from .functions import cross_entropy_error, mean_squared_error, one_hot, relu, sigmoid, softmax, tanh
from .gradcheck import GradCheckReport, check_layer, numerical_derivative, numerical_gradient
from .layers import Affine, MatMul, MeanSquaredError, ReLU, Sigmoid, Softmax, SoftmaxWithLoss, Tanh
from .models import Sequential, TwoLayerNet
from .optim import SGD, Adam, DivergenceError, Momentum
from .train import DivergenceWarning, History, fit

__version__ = "0.1.0"

__all__ = [
    "Affine", "MatMul", "Sigmoid", "ReLU", "Tanh", "Softmax", "SoftmaxWithLoss", "MeanSquaredError",
    "sigmoid", "relu", "tanh", "softmax", "cross_entropy_error", "mean_squared_error", "one_hot",
    "numerical_derivative", "numerical_gradient", "check_layer", "GradCheckReport",
    "Sequential", "TwoLayerNet", "SGD", "Momentum", "Adam",
    "spiral", "xor", "moons", "circles", "fit", "History", "DivergenceWarning", "DivergenceError",
    "set_language", "get_language",
]
