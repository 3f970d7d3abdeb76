"""Computational-graph and network drawings, with matplotlib alone.

``draw_graph`` draws a ``nnkit.graph.Value`` and everything it depends on the way the
CS231n notes do: inputs at the left, the output at the right, operations as circles,
forward values in green above each edge and gradients in red below it. A value used
more than once splits at a copy point, where the gradients coming back add up. With
``step=k`` it shows the backward pass after k of its steps, so a slider can walk
through it, and the returned ``GraphDrawing`` updates its numbers without a redraw.

``draw_network`` draws the neurons-and-arrows picture of a multilayer perceptron.

Both take ``ax=None`` (then ``plt.gca()``), draw on it and return what they drew. They
size their text from the room the axes offer, so pick the figure size first:
about 10×4 inches suits the logistic neuron (14 nodes). Their text never goes under
10 pt: on axes too small for that, the figure grows. A long graph reads better in
bands: ``draw_graph(root, rows=2)`` is about half as wide.

The modules: ``_look`` (colours, text measuring, fitting a drawing to its axes, shared
by both drawings), ``_layout`` (where a graph's nodes, edges and labels go),
``computational_graph`` (``draw_graph``, ``GraphDrawing``) and ``network``
(``draw_network``, ``NetworkDrawing``).
"""

from ._look import EDGE_COLOR, GRAD_COLOR, HIGHLIGHT, LEAF_FACE, NODE_FACE, VALUE_COLOR
from .computational_graph import SHOW_CHOICES, GraphDrawing, draw_graph
from .network import NetworkDrawing, draw_network

__all__ = ["draw_graph", "GraphDrawing", "draw_network", "NetworkDrawing"]
