"""The drawing of a computational graph: ``draw_graph`` and the ``GraphDrawing`` it returns.

Where things go is ``GraphLayout``'s work (``_layout.py``); this module puts circles,
boxes, arrows and numbers there, and writes other numbers on them when a slider moves.
"""

import math
import numbers

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from .._format import format_value
from .._validation import describe
from ..graph import Value, _backward_pass, _make_steps
from ._layout import GraphLayout, gate_size, node_text, structure
from ._look import (
    BASE_PT, EDGE_COLOR, GRAD_COLOR, HIGHLIGHT, LEAF_FACE, NAME_COLOR, NODE_FACE, TEXT_COLOR, VALUE_COLOR,
    MIN_PT, WIDE_INCHES, fit_with_floor,  # noqa: F401 (MIN_PT, WIDE_INCHES: named in the docs and tests)
)

__all__ = ["draw_graph", "GraphDrawing", "SHOW_CHOICES"]

SHOW_CHOICES = ("both", "values", "grads", "none")
MAX_ROWS = 3
_UNCHANGED = object()

# Patches go in with add_artist: add_patch would also grow the data limits, which the
# drawing sets itself, and that bookkeeping is most of the cost of a redraw.


def _order_and_steps(root):
    """The graph's topological order and its backward pass as ``BackwardStep``s, worked
    out aside: the graph's own ``grad``s are left alone."""
    order, _, raw = _backward_pass(root, record=True)
    return order, _make_steps(raw)


class GraphDrawing:
    """What ``draw_graph`` drew, and a fast way to show other numbers on it.

    Edges are keyed by ``(source, target, k)``: the Value sent along the edge, the node
    it goes into and its input position there. ``(node, None, 0)`` is a stem: the output
    edge out of the root, or the edge from a value used more than once to its copy
    point (the dot where it splits), which carries the value and the sum of the
    gradients its branches bring back. A branch shows only its own gradient.

    Attributes:
        ax: the axes drawn on.
        root: the graph's output Value.
        steps: the backward pass as ``BackwardStep``s (computed without touching the
            graph's ``grad``s).
        step: the step shown (None: the whole backward pass).
        show: which numbers are shown: "both", "values", "grads" or "none".
        nodes: the drawn Values in topological order (folded constants are left out).
        edges: the edge keys.
        node_patches: Value -> the circle (operation) or box (leaf) patch.
        node_texts: Value -> the text inside it (``"exp"``, ``"+1"``, ``"w0"`` …).
        name_texts: Value -> the label above a labelled operation node (``"q"``).
        copy_dots: Value -> the copy point of a value used more than once.
        edge_lines: edge key -> its arrow patch.
        edge_points: edge key -> the edge's polyline, a list of (x, y) in data units.
        value_texts: edge key -> the green forward value above the edge (every edge
            but the branches).
        grad_texts: edge key -> the red gradient below the edge ("" while unknown).

    Every dict above is keyed by the Values of the graph shown now: after
    ``update(root=new_root)`` by the new graph's Values, and by nothing of the old one.

    A slider should not redraw: call ``update(step=k)`` (or ``update(root=new_root)``
    after rebuilding the graph with other input numbers, same structure) and re-render
    the figure. ``update`` only calls ``set_text``, ``set_fontweight`` and
    ``set_facecolor`` on the texts and node patches above; the layout, lines and
    circles stay.

    Example:
        >>> fig = Figure(figsize=(10, 4)); ax = fig.add_axes((0, 0, 1, 1))
        >>> drawing = draw_graph(build(2.0, -1.0), ax=ax, step=0)
        >>> drawing.update(step=3)                         # the step slider moved
        >>> drawing.update(root=build(1.5, -1.0))         # an input slider moved
        >>> fig.savefig(buffer, format="png", dpi=72)      # re-render the one figure
    """

    def __init__(self, ax, layout, order, steps, *, step=None, show="both"):
        """Draw ``layout`` on ``ax`` with the numbers of ``order`` (made by ``draw_graph``,
        which checks the arguments: use it rather than this)."""
        self.ax = ax
        self._layout = layout
        self.step, self.show = step, show
        scale = fit_with_floor(ax, layout.bounds, layout.smallest_pt, "draw_graph",
                               "pass rows=2 (or 3) to draw the graph in bands")
        self._draw(fontsize=BASE_PT * scale)
        self._bind(order, steps)
        self._refresh()

    # -- building -------------------------------------------------------------------

    def _draw(self, fontsize):
        """Every artist, keyed by the layout's node positions and edges (texts left empty)."""
        ax, lay, fs = self.ax, self._layout, fontsize
        self._scale = scale = fs / BASE_PT  # line widths and gate texts grow with the drawing
        self._patch_at, self._text_at, self._name_at, self._dot_at = {}, {}, {}, {}
        self._line_at, self._value_at, self._grad_at = {}, {}, {}
        for i in lay.nodes:
            x, y = lay.center[i]
            if lay.is_op[i]:
                patch = Circle((x, y), lay.radius, facecolor=NODE_FACE, edgecolor=EDGE_COLOR,
                               linewidth=1.4 * scale, zorder=3)
                size = fs  # _bind sets a gate's size with its text, which a rebuilt graph may change
            else:
                w, h = lay.leaf_size[i]
                patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.06",
                                       facecolor=LEAF_FACE, edgecolor=EDGE_COLOR, linewidth=1.0 * scale, zorder=3)
                size = fs * 1.1
            ax.add_artist(patch)
            self._patch_at[i] = patch
            self._text_at[i] = ax.text(x, y, "", ha="center", va="center", fontsize=size,
                                       fontweight="bold", color=TEXT_COLOR, zorder=4)
            if i in lay.named:
                self._name_at[i] = ax.text(x, y + lay.radius + lay.pad, "", ha="center", va="bottom",
                                           fontsize=fs, fontstyle="italic", color=NAME_COLOR, zorder=4)
        for i, center in lay.copy_center.items():
            dot = Circle(center, lay.dot, facecolor=EDGE_COLOR, edgecolor="none", zorder=3)
            ax.add_artist(dot)
            self._dot_at[i] = dot
        for edge in lay.edges:
            to_dot = edge[1] is None and edge[0] in lay.copy_center
            arrow = FancyArrowPatch(path=Path(lay.paths[edge]), arrowstyle="-" if to_dot else "-|>",
                                    mutation_scale=9 * scale, color=EDGE_COLOR, linewidth=1.1 * scale,
                                    shrinkA=0, shrinkB=0, capstyle="round", zorder=2)
            ax.add_artist(arrow)
            self._line_at[edge] = arrow
            x, y = lay.anchors[edge]
            if edge not in lay.branches:
                self._value_at[edge] = ax.text(x, y + lay.pad, "", ha="center", va="bottom", fontsize=fs,
                                               color=VALUE_COLOR, zorder=4)
            self._grad_at[edge] = ax.text(x, y - lay.pad, "", ha="center", va="top", fontsize=fs,
                                          color=GRAD_COLOR, zorder=4)

    def _bind(self, order, steps):
        """Show the graph ``order`` (the layout's structure): pair its Values with the
        artists, build every public dict afresh from them, write the node texts."""
        lay = self._layout
        self._order = order
        self.root = order[-1]
        self.steps = steps
        position = {node: i for i, node in enumerate(order)}
        self._step_at = [position[s.node] for s in steps]  # the node position each step works on

        def key(edge):
            source, target, k = edge
            return order[source], None if target is None else order[target], k

        self.nodes = [order[i] for i in lay.nodes]
        self.edges = [key(e) for e in lay.edges]
        self.node_patches = {order[i]: a for i, a in self._patch_at.items()}
        self.node_texts = {order[i]: a for i, a in self._text_at.items()}
        self.name_texts = {order[i]: a for i, a in self._name_at.items()}
        self.copy_dots = {order[i]: a for i, a in self._dot_at.items()}
        self.edge_lines = {key(e): a for e, a in self._line_at.items()}
        self.edge_points = {key(e): list(lay.paths[e]) for e in lay.edges}
        self.value_texts = {key(e): a for e, a in self._value_at.items()}
        self.grad_texts = {key(e): a for e, a in self._grad_at.items()}
        for i, text in self._text_at.items():
            label = node_text(order[i], i in lay.folded)
            text.set_text(label)
            if lay.is_op[i]:
                text.set_fontsize(gate_size(label) * self._scale)
        for i, text in self._name_at.items():
            text.set_text(order[i].label)

    # -- updating ---------------------------------------------------------------------

    def update(self, root=None, *, step=_UNCHANGED, show=_UNCHANGED):
        """Show another step, other numbers or another choice of labels, without redrawing.

        Args:
            root: a rebuilt graph with the same structure (the same operations wired the
                same way, other numbers); None keeps the current one.
            step: the backward step to show (0 to ``len(steps)``, None for all); leave
                it out to keep the current one.
            show: "both", "values", "grads" or "none"; leave it out to keep it.

        Returns:
            self, so ``drawing.update(step=3).ax.figure`` reads in one line.
        """
        # check everything before changing anything, so a refused update changes nothing
        order, steps = (self._order, self.steps) if root is None else self._check_root(root)
        if step is not _UNCHANGED:
            step = _check_step(step, len(steps), "GraphDrawing.update")
        if show is not _UNCHANGED:
            show = _check_show(show, "GraphDrawing.update")
        if root is not None:
            self._bind(order, steps)
        if step is not _UNCHANGED:
            self.step = step
        if show is not _UNCHANGED:
            self.show = show
        self._refresh()
        return self

    def _check_root(self, root):
        """The order and steps of ``root``, or one sentence why it cannot replace the graph."""
        if not isinstance(root, Value):
            raise TypeError(f"GraphDrawing.update expects a Value as the root (got {describe(root)}).")
        order, steps = _order_and_steps(root)
        drawn = self._layout.structure
        if structure(order) != drawn:
            raise ValueError(
                f"GraphDrawing.update expects a graph of the same structure as the one drawn "
                f"({len(drawn)} nodes with the same operations and wiring); got a different one "
                f"({len(order)} nodes); draw it with draw_graph instead."
            )
        return order, steps

    def _refresh(self):
        """Write every number and the highlight for the current root, step and show."""
        lay, order = self._layout, self._order
        k = len(self.steps) if self.step is None else self.step
        done = {self._step_at[j]: self.steps[j] for j in range(k)}  # node position -> its step
        current = self._step_at[k - 1] if self.step is not None and k > 0 else None
        values = self.show in ("both", "values")
        grads = self.show in ("both", "grads")
        back = {}  # a shared node -> the gradients its branches brought back so far
        fresh = set()  # shared nodes whose last branch came back at this very step
        known_grad = {}
        for edge in lay.edges:
            source, target, i = edge
            if target is not None and target in done:
                known_grad[edge] = done[target].downstream[i]
                if edge in lay.branches:
                    back.setdefault(source, []).append(known_grad[edge])
                    if target == current:
                        fresh.add(source)
        for edge in lay.edges:
            source, target, _ = edge
            if target is None:
                if source in lay.copy_center:  # a stem: the sum once every branch is back
                    got = back.get(source, [])
                    if len(got) == lay.uses[source]:
                        known_grad[edge] = math.fsum(got)
                else:
                    known_grad[edge] = 1.0  # d root / d root
            if edge in self._value_at:
                self._value_at[edge].set_text(format_value(order[source].data) if values else "")
            text = self._grad_at[edge]
            grad = known_grad.get(edge)
            text.set_text(format_value(grad) if grads and grad is not None else "")
            bold = target is not None and target == current or target is None and source in fresh
            text.set_fontweight("bold" if bold else "normal")
        for i, patch in self._patch_at.items():
            if i == current:
                patch.set_facecolor(HIGHLIGHT)
            else:
                patch.set_facecolor(NODE_FACE if lay.is_op[i] else LEAF_FACE)

    def artists(self):
        """Every artist drawn, for blitting or removal."""
        groups = (self._patch_at, self._text_at, self._name_at, self._dot_at,
                  self._line_at, self._value_at, self._grad_at)
        return [a for group in groups for a in group.values()]

    def __repr__(self):
        step = "all" if self.step is None else f"{self.step} of {len(self.steps)}"
        return f"GraphDrawing({len(self.nodes)} nodes, {len(self.edges)} edges, step {step}, show={self.show!r})"


def _check_rows(rows, who):
    if isinstance(rows, bool) or not isinstance(rows, numbers.Integral) or not 1 <= rows <= MAX_ROWS:
        raise ValueError(f"{who} expects rows to be a whole number from 1 to {MAX_ROWS} (got {describe(rows)}).")
    return int(rows)


def _check_step(step, n, who):
    if step is None:
        return None
    if not isinstance(step, numbers.Integral) or isinstance(step, bool):
        raise ValueError(f"{who} expects step to be a whole number from 0 to {n} (got {describe(step)}).")
    if not 0 <= step <= n:
        raise ValueError(
            f"{who} expects step from 0 to {n}, the number of backward steps of this graph (got {step})."
        )
    return int(step)


def _check_show(show, who):
    if show not in SHOW_CHOICES:
        raise ValueError(f"{who} expects show to be one of {', '.join(map(repr, SHOW_CHOICES))} (got {show!r}).")
    return show


def draw_graph(root, *, ax=None, step=None, show="both", fold_constants=True, rows=1):
    """Draw the computational graph of ``root``: values in green above, gradients in red below.

    Inputs sit at the left, the output at the right; each operation is a circle labelled
    with its gate (``+ × max exp 1/x σ …``). A number mixed into a ``+`` or ``×`` is
    folded into the gate (``+1``, ``×2``), as in the CS231n pictures. The gradients are
    those of a backward pass from ``root``, worked out aside: the graph's own ``grad``
    attributes are left alone. A value used more than once (the copy gate) goes to a
    dot first: the stem into the dot carries its value and the sum of the gradients
    its branches bring back, each branch the gradient of that one use.

    Args:
        root: the Value whose graph to draw.
        ax: the axes to draw on; ``plt.gca()`` when None. Text is sized to fit it, so
            choose the figure size before drawing (10×4 inches suits ~15 nodes). Text
            never goes under 10 pt (``MIN_PT``): when the axes are too small for that, the
            figure grows, and a warning says so if it grows wider than 16 inches.
        step: show the backward pass after this many steps (0 to the number of
            operation nodes). Step 0 shows only the output's gradient 1; step k adds
            what the k-th node of the pass (``root.backward_steps()[k-1]``) sends to
            its inputs, and that node is highlighted in sky blue with its new gradients
            in bold. None shows the whole pass without a highlight.
        show: "both", "values" (forward only), "grads" or "none".
        fold_constants: draw ``v + 1`` as one ``+1`` gate instead of a ``+`` with a
            constant input 1.
        rows: draw a long graph in this many bands (1 to 3), stacked top to bottom,
            each read left to right; an edge cut between two bands runs under its band
            and back to the next one's start. Two rows make a long graph about half as
            wide, so its text can be twice as big on a page or a projector.

    Returns:
        A GraphDrawing: the artists by role, and ``update(step=..., root=..., show=...)``
        to change the numbers without drawing again.

    Raises:
        TypeError: when ``root`` is not a Value.
        ValueError: for a step out of range, an unknown ``show``, ``rows`` not 1 to 3 or
            a graph with a cycle.
    """
    if not isinstance(root, Value):
        raise TypeError(f"draw_graph expects a Value as the root (got {describe(root)}).")
    show = _check_show(show, "draw_graph")
    order, steps = _order_and_steps(root)  # raises the cycle ValueError
    step = _check_step(step, len(steps), "draw_graph")
    rows = _check_rows(rows, "draw_graph")
    layout = GraphLayout(order, fold_constants, rows)
    ax = ax if ax is not None else plt.gca()
    return GraphDrawing(ax, layout, order, steps, step=step, show=show)
