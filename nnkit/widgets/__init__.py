"""Slider explorers: live figures where every number a learner moves redraws at once.

Each ``*_explorer(...)`` function returns one widget (sliders, a line of live numbers
and a figure) ready to display as the last expression of a cell::

    from nnkit.widgets import sigmoid_explorer
    sigmoid_explorer()

How they work (the house rule "one figure, updated, never rebuilt"): every explorer
is an ``Explorer`` (``base``), an ``ipywidgets.VBox`` that owns one matplotlib
``Figure`` made without pyplot (so nothing else is shown inline and no global figure
state leaks). The figure is drawn once; the artists that move are registered as
*dynamic*. On a slider move the explorer updates their data (``set_data``,
``set_text`` …) and the renderer (``_blit``) restores the saved background only where
a dynamic artist changed, redraws the artists there and returns a PNG, which goes to
an ``ipywidgets.Image``. The image lives in the widget's model, so a saved notebook
keeps what the learner last saw. The presenter sizes and the CSS are in ``_look``.

One module a lesson's explorer, named after its concept: ``neuron`` (01), ``softmax``
(02), ``tangent`` and ``descent`` (03), ``backprop`` (04), ``training`` (06),
``initialization`` and ``optimizers`` (07), ``playground`` (07 and the classroom gallery:
live training with Play, Pause, Step, Reset).

For tests and notebooks every explorer has ``.image``, ``.readout``, ``.controls`` and
``.sliders`` (by description), ``.set_value(description, value)``, ``.render_count``
and a short ``repr`` that Jupyter shows as the output's text.

An explorer speaks the language current when it is built (``nnkit.set_language``) and
keeps it (``_words``). Its controls keep their English names in every language:
``.controls``, ``.sliders`` and ``set_value`` go by the name the control was made with
("learning rate", "dog score"), while the learner reads the description in the
explorer's language ("학습률", "개 점수").

Only the ipywidgets API that versions 7 and 8 share is used (Colab ships 7).
"""

from ._look import SIZES
from .backprop import GraphExplorer, graph_explorer
from .base import Explorer
from .descent import GradientDescentExplorer, gradient_descent_explorer
from .neuron import SigmoidExplorer, sigmoid_explorer
from .playground import Playground, playground
from .softmax import SoftmaxExplorer, softmax_explorer
from .tangent import TangentExplorer, tangent_explorer
from .training import TrainingExplorer, training_explorer
from .initialization import InitializationExplorer, initialization_explorer
from .optimizers import OptimizerExplorer, optimizer_explorer

__all__ = [
    "Explorer",
    "SigmoidExplorer",
    "TangentExplorer",
    "SoftmaxExplorer",
    "GradientDescentExplorer",
    "TrainingExplorer",
    "sigmoid_explorer",
    "tangent_explorer",
    "softmax_explorer",
    "gradient_descent_explorer",
    "training_explorer",
    "GraphExplorer",
    "graph_explorer",
    "SIZES",
    "InitializationExplorer",
    "initialization_explorer",
    "OptimizerExplorer",
    "optimizer_explorer",
    "Playground",
    "playground",
]
