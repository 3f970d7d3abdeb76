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
about 10×4 inches suits the logistic neuron (14 nodes).
"""

import math
import numbers
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from ._validation import describe
from ._format import format_value
from .graph import Value, _backward_pass, _folded_constant, _make_steps, gate_label

__all__ = ["draw_graph", "GraphDrawing", "draw_network", "NetworkDrawing"]

VALUE_COLOR = "#1b7f3b"  # forward values: green, above the edge
GRAD_COLOR = "#c62828"  # gradients: red, below the edge
HIGHLIGHT = "#ffb74d"  # the node of the current backward step
NODE_FACE, LEAF_FACE, EDGE_COLOR = "white", "#eceff1", "#37474f"
SHOW_CHOICES = ("both", "values", "grads", "none")

# Patches go in with add_artist: add_patch would also grow the data limits, which the
# drawings set themselves, and that bookkeeping is most of the cost of a redraw.
#
# The layout is computed in "natural inches": the size everything would have with
# BASE_PT text. The drawing is then scaled to the axes, text included, so the picture
# keeps its proportions (and no label meets another) at any figure size.
BASE_PT = 10.0
MAX_RADIUS = 0.235  # a gate's circle, in natural inches
NUMBER_BUDGET = "-00.00"  # edge labels get at least this much room, so new numbers fit
_UNCHANGED = object()


@lru_cache(maxsize=1)
def _measuring_renderer():
    return RendererAgg(1, 1, 720)  # 720 dpi: 10 pixels a point, for sub-point precision


@lru_cache(maxsize=512)
def _text_size(text, size=BASE_PT, weight="normal"):
    """(width, height) in inches of one line of text, as matplotlib lays it out."""
    prop = FontProperties(size=size, weight=weight)
    renderer = _measuring_renderer()
    width, _, _ = renderer.get_text_width_height_descent(text or " ", prop, ismath=False)
    # a line is as tall as "lp" (ascent of l, descent of p), whatever its characters
    _, height, descent = renderer.get_text_width_height_descent("lp", prop, ismath=False)
    return width / 720, (height + descent) / 720 * 1.15


def _fit_axes(ax, x0, x1, y0, y1):
    """Set equal-aspect limits and return the scale: inches of axes per layout unit."""
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position(original=True)
    return min(box.width * fig_w / (x1 - x0), box.height * fig_h / (y1 - y0))


# ----- the graph layout ----------------------------------------------------------------


class _Item:
    """One thing that takes vertical room in a column: a node, an edge's bend, the end."""

    __slots__ = ("kind", "layer", "node", "edge", "top", "bottom", "half_width", "y", "succ", "pred")

    def __init__(self, kind, layer, node=None, edge=None):
        self.kind = kind  # "node", "label" (an edge's labelled stretch), "pass" or "end"
        self.layer = layer
        self.node = node
        self.edge = edge
        self.top = self.bottom = 0.05
        self.half_width = 0.0
        self.y = 0.0
        self.succ = []  # (item, port) pairs in the next layer
        self.pred = []


def _pava_decreasing(targets, gaps):
    """Closest y (least squares) to ``targets`` with y[i] ≤ y[i-1] - gaps[i], in order.

    Pool-adjacent-violators on y[i] + (gaps[0] + … + gaps[i]), which must not increase.
    Plain Python: the columns hold a handful of items, where numpy only adds overhead.
    """
    shifts, total = [], 0.0
    for g in gaps:
        total += g
        shifts.append(total)
    blocks = []  # [sum, count] of -(target + shift), fitted non-decreasing
    for t, shift in zip(targets, shifts):
        blocks.append([-(t + shift), 1])
        while len(blocks) > 1 and blocks[-2][0] * blocks[-1][1] > blocks[-1][0] * blocks[-2][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    fitted = [s / c for s, c in blocks for _ in range(c)]
    return [-f - shift for f, shift in zip(fitted, shifts)]


def _count_crossings(layers, pos):
    total = 0
    for items in layers[:-1]:
        links = [(pos[a], pos[b] + port) for a in items for b, port in a.succ]
        for i, (a1, b1) in enumerate(links):
            for a2, b2 in links[i + 1 :]:
                if (a1 - a2) * (b1 - b2) < 0:
                    total += 1
    return total


def _order_layers(layers):
    """Order each column so edges do not cross: barycenters, right to left, then refined."""
    pos = {item: i for items in layers for i, item in enumerate(items)}

    def sweep(indices, neighbours):
        for l in indices:
            keyed = []
            for i, item in enumerate(layers[l]):
                near = neighbours(item)
                key = sum(pos[n] + port for n, port in near) / len(near) if near else pos[item]
                keyed.append((key, i, item))
            keyed.sort(key=lambda t: (t[0], t[1]))
            layers[l] = [item for _, _, item in keyed]
            for i, item in enumerate(layers[l]):
                pos[item] = i

    # from the output back: each node's inputs line up in input order (trees never cross)
    sweep(range(len(layers) - 2, -1, -1), lambda item: item.succ)
    best, best_count = [list(items) for items in layers], _count_crossings(layers, pos)
    for _ in range(4):  # shared nodes can need a few more passes
        if best_count == 0:
            break
        sweep(range(1, len(layers)), lambda item: [(p, 0.0) for p in item.pred])
        sweep(range(len(layers) - 2, -1, -1), lambda item: item.succ)
        count = _count_crossings(layers, pos)
        if count < best_count:
            best, best_count = [list(items) for items in layers], count
    return best


def _place_rows(layers, margin):
    """Give every item a y: near the mean of its neighbours, never closer than its room."""
    all_gaps = [[0.0] + [a.bottom + b.top + margin for a, b in zip(items, items[1:])] for items in layers]
    for items, gaps in zip(layers, all_gaps):  # start stacked and centred
        ys = [-sum(gaps[: i + 1]) for i in range(len(items))]
        middle = sum(ys) / len(ys) if ys else 0.0
        for item, y in zip(items, ys):
            item.y = y - middle
    for sweep in range(60):  # alternate directions until nothing moves
        indices = range(len(layers)) if sweep % 2 == 0 else range(len(layers) - 1, -1, -1)
        moved = 0.0
        for l in indices:
            items = layers[l]
            targets = []
            for item in items:
                near = [n for n, _ in item.succ] + item.pred
                targets.append(sum(n.y for n in near) / len(near) if near else item.y)
            for item, y in zip(items, _pava_decreasing(targets, all_gaps[l])):
                moved = max(moved, abs(item.y - y))
                item.y = y
        if moved < 1e-4:
            break


class _GraphLayout:
    """Where every node, edge and label of a graph goes, in natural inches.

    A value used more than once gets a copy point (the copy gate): one stem from the
    node to a dot, carrying the value and the summed gradient, then one branch per use,
    carrying the gradient that use sends back.
    """

    def __init__(self, root, fold_constants):
        order = root.topological_order()  # raises the cycle ValueError
        consumers = {node: [] for node in order}
        for node in order:
            for k, child in enumerate(node.inputs):
                consumers[child].append((node, k))
        folded = {}
        if fold_constants:
            for node in order:
                const = _folded_constant(node)
                if const is not None and len(consumers[const]) == 1:
                    folded[node] = const
        hidden = set(folded.values())
        self.order = order
        self.nodes = [n for n in order if n not in hidden]
        self.folded = folded
        into = [(child, node, k) for node in self.nodes for k, child in enumerate(node.inputs)
                if child is not folded.get(node)]
        self.uses = {n: 0 for n in self.nodes}
        for source, _, _ in into:
            self.uses[source] += 1
        self.shared = [n for n in self.nodes if self.uses[n] > 1]
        # edge keys: (source, target, input index) into a node, and (node, None, 0) for
        # the stem out of the root or out of a shared node towards its copy point
        self.edges = into + [(n, None, 0) for n in self.shared] + [(root, None, 0)]
        self.branches = {e for e in into if self.uses[e[0]] > 1}

        # columns: an operation one right of its furthest input (two for a shared one,
        # which needs a column for its copy point); a leaf as close to its first
        # consumer as that allows, so its edge is short
        column = {}
        for node in self.nodes:
            if node.op:
                column[node] = 1 + max(self._out_column(c, column) for c, _, _ in self._in_edges(node))
            else:
                column[node] = 0
        for node in self.nodes:
            if not node.op and consumers[node]:
                first = min(column[t] for s, t, _ in into if s is node)
                column[node] = first - 1 - (1 if node in self.shared else 0)
        self.column = column
        self._measure()
        self._build_items()
        self.layers = _order_layers(self.layers)
        _place_rows(self.layers, self.margin)
        self._shift_copy_points()
        self._geometry()

    def _out_column(self, node, column):
        return column[node] + (1 if self.uses[node] > 1 else 0)

    def gate_text(self, node):
        """The text in an operation's circle: ``+1`` when a constant is folded in, else the op."""
        return gate_label(node) if node in self.folded else node.op

    def _in_edges(self, node):
        return [(c, node, k) for k, c in enumerate(node.inputs) if c is not self.folded.get(node)]

    def _measure(self):
        """Sizes of circles, boxes and labels, from the texts they hold."""
        self.number_w, self.text_h = _text_size(NUMBER_BUDGET)
        gate_w = max([_text_size(self.gate_text(n), _gate_size(self.gate_text(n)), "bold")[0]
                      for n in self.nodes if n.op] + [0])
        self.radius = min(max(0.2, gate_w / 2 + 0.05), MAX_RADIUS)
        self.leaf_size = {}
        for node in self.nodes:
            if not node.op:
                w, h = _text_size(_leaf_text(node), BASE_PT * 1.1, "bold")
                self.leaf_size[node] = (max(w + 0.16, 0.36), h + 0.1)
        widest = max([self.radius] + [w / 2 for w, _ in self.leaf_size.values()])
        self.pad = 0.03  # between an edge and its labels
        self.margin = 0.07  # between neighbours in a column
        self.label_half = self.number_w / 2 + 0.04  # the straight stretch under a label
        self.bend = 0.13  # the slanted stretch at each end of an edge
        self.dot = 0.045  # the copy point's radius
        self.widest = widest
        self.dx = 2 * widest + 2 * self.label_half + 2 * self.bend

    def _node_extent(self, node):
        if node.op:
            top = bottom = self.radius
            if node.label:
                top += self.pad + _text_size(node.label, BASE_PT, "normal")[1]
            return top, bottom
        half = self.leaf_size[node][1] / 2
        return half, half

    def _build_items(self):
        last = max(self.column.values())
        layers = [[] for _ in range(2 * last + 3)]
        self.item_of, self.copy_of = {}, {}
        for node in self.nodes:
            item = _Item("node", 2 * self.column[node], node=node)
            item.top, item.bottom = self._node_extent(node)
            item.half_width = self.radius if node.op else self.leaf_size[node][0] / 2
            layers[item.layer].append(item)
            self.item_of[node] = item
            if node in self.shared:
                dot = _Item("copy", item.layer + 2, node=node)
                # as tall as a leaf box, so the stem crosses its column in a lane of its own
                dot.top = dot.bottom = max([self.dot] + [h / 2 for _, h in self.leaf_size.values()])
                dot.half_width = self.dot
                layers[dot.layer].append(dot)
                self.copy_of[node] = dot
        self.chains, self.label_item = {}, {}
        for edge in self.edges:
            source, target, k = edge
            if target is None:
                first = self.item_of[source]
                if source in self.copy_of:
                    final = self.copy_of[source]
                else:
                    final = _Item("end", 2 * last + 2, edge=edge)
                    layers[final.layer].append(final)
            else:
                first = self.copy_of.get(source, self.item_of[source])
                final = self.item_of[target]
            chain = [first]
            for layer in range(first.layer + 1, final.layer):
                kind = "label" if layer == first.layer + 1 else "pass"
                item = _Item(kind, layer, edge=edge)
                if kind == "label":
                    # a branch of a copy point shows only its gradient, the value is the stem's
                    item.top = self.pad + (0.0 if edge in self.branches else self.text_h)
                    item.bottom = self.pad + self.text_h
                    item.half_width = self.label_half
                    self.label_item[edge] = item
                layers[layer].append(item)
                chain.append(item)
            chain.append(final)
            for a, b in zip(chain, chain[1:]):
                # the port keeps a node's inputs in input order, top to bottom
                n_in = len(target.inputs) if target is not None and b is final else 1
                port = (k + 1) / (n_in + 1) - 0.5 if n_in > 1 else 0.0
                a.succ.append((b, port))
                b.pred.append(a)
            self.chains[edge] = chain
        self.layers = layers

    def _x(self, item):
        x = item.layer / 2 * self.dx
        return x + self.copy_shift.get(item, 0.0) if item.kind == "copy" else x

    def _shift_copy_points(self):
        """Move copy points sideways within their column, so their fans stay apart.

        Beside boxes and circles a copy point sits at the column's right edge, so its
        branches fan out in the gap between columns instead of across its neighbours.
        In a column of copy points only, they spread over its width, top one left,
        so the fans of two shared values do not run along the same vertical line.
        """
        self.copy_shift = {}
        for items in self.layers:
            dots = [item for item in items if item.kind == "copy"]
            if not dots:
                continue
            crowded = any(item.kind == "node" for item in items)
            if crowded or len(dots) == 1:
                right = self.widest - self.dot if crowded else 0.0
                for dot in dots:
                    self.copy_shift[dot] = right
            else:
                span = 2 * (self.widest - self.dot)
                for j, dot in enumerate(dots):
                    self.copy_shift[dot] = -span / 2 + span * j / (len(dots) - 1)

    def _geometry(self):
        """Edge paths, label anchors and the bounding box."""
        self.center = {node: (self._x(item), item.y) for node, item in self.item_of.items()}
        self.copy_center = {node: (self._x(item), item.y) for node, item in self.copy_of.items()}
        self.paths, self.anchors = {}, {}
        for edge, chain in self.chains.items():
            points = []
            for item in chain:
                x = self._x(item)
                if item.kind == "label":
                    points += [(x - item.half_width, item.y), (x + item.half_width, item.y)]
                elif item.kind == "end":
                    points.append((x - self.dx / 2 + self.label_half + 0.35, item.y))
                else:
                    points.append((x, item.y))
            if chain[0].kind == "node":
                points[0] = self._leave(chain[0].node, points[1])
            if chain[-1].kind == "node":
                points[-1] = self._enter(chain[-1].node, points[-2])
            self.paths[edge] = points
            label = self.label_item[edge]
            self.anchors[edge] = (self._x(label), label.y)
        xs, ys = [], []
        for items in self.layers:
            for item in items:
                x = self._x(item)
                xs += [x - item.half_width, x + item.half_width]
                ys += [item.y + item.top, item.y - item.bottom]
        xs += [p[0] for path in self.paths.values() for p in path]
        edge_room = 0.1
        self.bounds = (min(xs) - edge_room, max(xs) + edge_room, min(ys) - edge_room, max(ys) + edge_room)

    def _leave(self, node, toward):
        """Where an edge leaves a node's outline, heading for ``toward``."""
        (cx, cy), (tx, ty) = self.center[node], toward
        dx, dy = tx - cx, ty - cy
        length = math.hypot(dx, dy)
        if node.op:
            return cx + dx / length * self.radius, cy + dy / length * self.radius
        w, h = self.leaf_size[node]
        t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
        return cx + dx * t, cy + dy * t

    def _enter(self, node, came_from):
        (cx, cy), (fx, fy) = self.center[node], came_from
        dx, dy = fx - cx, fy - cy
        length = math.hypot(dx, dy)
        return cx + dx / length * self.radius, cy + dy / length * self.radius


def _gate_size(text):
    """Font size of a gate's text: a lone + × σ larger, as a symbol reads best; a long
    text such as ``×(-1)`` smaller, so that one gate does not widen every column."""
    if len(text) == 1:
        return BASE_PT * 1.5
    size = BASE_PT * 1.05
    width, _ = _text_size(text, size, "bold")
    room = 2 * (MAX_RADIUS - 0.04)
    return size if width <= room else max(size * room / width, BASE_PT * 0.7)


def _leaf_text(node):
    return node.label if node.label else f"{node.data:g}"


# ----- the drawing ----------------------------------------------------------------------


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

    def __init__(self, ax, layout, fontsize):
        self.ax = ax
        self._layout = layout
        self.nodes = list(layout.nodes)
        self.edges = list(layout.edges)
        self.node_patches, self.node_texts, self.name_texts, self.copy_dots = {}, {}, {}, {}
        self.edge_lines, self.value_texts, self.grad_texts = {}, {}, {}
        self.edge_points = dict(layout.paths)
        self._fontsize = fontsize
        self.root = layout.order[-1]
        self.step, self.show, self.steps = None, "both", []

    # -- building -------------------------------------------------------------------

    def _draw(self):
        ax, lay, fs = self.ax, self._layout, self._fontsize
        scale = fs / BASE_PT
        for node in lay.nodes:
            x, y = lay.center[node]
            if node.op:
                patch = Circle((x, y), lay.radius, facecolor=NODE_FACE, edgecolor=EDGE_COLOR,
                               linewidth=1.4 * scale, zorder=3)
                text = lay.gate_text(node)
                size = _gate_size(text) * scale
            else:
                w, h = lay.leaf_size[node]
                patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.06",
                                       facecolor=LEAF_FACE, edgecolor=EDGE_COLOR, linewidth=1.0 * scale, zorder=3)
                text = _leaf_text(node)
                size = fs * 1.1
            ax.add_artist(patch)
            self.node_patches[node] = patch
            self.node_texts[node] = ax.text(x, y, text, ha="center", va="center", fontsize=size,
                                            fontweight="bold", color="#212121", zorder=4)
            if node.op and node.label:
                self.name_texts[node] = ax.text(x, y + lay.radius + lay.pad, node.label, ha="center",
                                                va="bottom", fontsize=fs, fontstyle="italic",
                                                color="#546e7a", zorder=4)
        for node, center in lay.copy_center.items():
            dot = Circle(center, lay.dot, facecolor=EDGE_COLOR, edgecolor="none", zorder=3)
            ax.add_artist(dot)
            self.copy_dots[node] = dot
        for edge in lay.edges:
            to_dot = edge[1] is None and edge[0] in lay.copy_of
            arrow = FancyArrowPatch(path=Path(lay.paths[edge]), arrowstyle="-" if to_dot else "-|>",
                                    mutation_scale=9 * scale, color=EDGE_COLOR, linewidth=1.1 * scale,
                                    shrinkA=0, shrinkB=0, capstyle="round", zorder=2)
            ax.add_artist(arrow)
            self.edge_lines[edge] = arrow
            x, y = lay.anchors[edge]
            if edge not in lay.branches:
                self.value_texts[edge] = ax.text(x, y + lay.pad, "", ha="center", va="bottom", fontsize=fs,
                                                 color=VALUE_COLOR, zorder=4)
            self.grad_texts[edge] = ax.text(x, y - lay.pad, "", ha="center", va="top", fontsize=fs,
                                            color=GRAD_COLOR, zorder=4)

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
        if step is not _UNCHANGED:
            n = len(self.steps) if root is None else len(self._compute_steps(root))
            step = _check_step(step, n, "GraphDrawing.update")
        if show is not _UNCHANGED:
            show = _check_show(show, "GraphDrawing.update")
        if root is not None:
            self._rebind(root)
        if step is not _UNCHANGED:
            self.step = step
        if show is not _UNCHANGED:
            self.show = show
        self._refresh()
        return self

    @staticmethod
    def _compute_steps(root):
        _, _, raw = _backward_pass(root, record=True)
        return _make_steps(raw)

    def _rebind(self, root):
        if not isinstance(root, Value):
            raise TypeError(f"GraphDrawing.update expects a Value as the root (got {describe(root)}).")
        old_order = self._layout.order
        new_order = root.topological_order()
        if _structure(old_order) != _structure(new_order):
            raise ValueError(
                f"GraphDrawing.update expects a graph of the same structure as the one drawn "
                f"({len(old_order)} nodes with the same operations and wiring); got a different one "
                f"({len(new_order)} nodes); draw it with draw_graph instead."
            )
        mapping = dict(zip(old_order, new_order))
        lay = self._layout
        lay.order = new_order
        lay.folded = {mapping[a]: mapping[b] for a, b in lay.folded.items()}
        lay.uses = {mapping[n]: u for n, u in lay.uses.items()}
        lay.copy_of = {mapping[n]: item for n, item in lay.copy_of.items()}
        self.nodes = [mapping[n] for n in self.nodes]

        def edge_key(e):
            return (mapping[e[0]], None if e[1] is None else mapping[e[1]], e[2])

        lay.branches = {edge_key(e) for e in lay.branches}
        self.edges = [edge_key(e) for e in self.edges]
        for name in ("edge_lines", "edge_points", "value_texts", "grad_texts"):
            setattr(self, name, {edge_key(e): a for e, a in getattr(self, name).items()})
        for name in ("node_patches", "node_texts", "name_texts", "copy_dots"):
            setattr(self, name, {mapping[n]: a for n, a in getattr(self, name).items()})
        for node, text in self.node_texts.items():
            text.set_text(lay.gate_text(node) if node.op else _leaf_text(node))
        for node, text in self.name_texts.items():
            text.set_text(node.label)
        self.root = root
        self.steps = self._compute_steps(root)

    def _refresh(self):
        """Write every number and the highlight for the current root, step and show."""
        lay = self._layout
        k = len(self.steps) if self.step is None else self.step
        done = {s.node: s for s in self.steps[:k]}
        current = self.steps[k - 1].node if self.step is not None and k > 0 else None
        values = self.show in ("both", "values")
        grads = self.show in ("both", "grads")
        back = {}  # a shared node -> the gradients its branches brought back so far
        fresh = set()  # shared nodes whose last branch came back at this very step
        known_grad = {}
        for edge in self.edges:
            source, target, i = edge
            if target is not None and target in done:
                known_grad[edge] = done[target].downstream[i]
                if edge in lay.branches:
                    back.setdefault(source, []).append(known_grad[edge])
                    if target is current:
                        fresh.add(source)
        for edge in self.edges:
            source, target, _ = edge
            if target is None:
                if source in lay.copy_of:  # a stem: the sum once every branch is back
                    got = back.get(source, [])
                    if len(got) == lay.uses[source]:
                        known_grad[edge] = math.fsum(got)
                else:
                    known_grad[edge] = 1.0  # d root / d root
            if edge in self.value_texts:
                self.value_texts[edge].set_text(format_value(source.data) if values else "")
            text = self.grad_texts[edge]
            grad = known_grad.get(edge)
            text.set_text(format_value(grad) if grads and grad is not None else "")
            bold = target is not None and target is current or target is None and source in fresh
            text.set_fontweight("bold" if bold else "normal")
        for node, patch in self.node_patches.items():
            if node is current:
                patch.set_facecolor(HIGHLIGHT)
            else:
                patch.set_facecolor(NODE_FACE if node.op else LEAF_FACE)

    def artists(self):
        """Every artist drawn, for blitting or removal."""
        groups = (self.node_patches, self.node_texts, self.name_texts, self.copy_dots,
                  self.edge_lines, self.value_texts, self.grad_texts)
        return [a for group in groups for a in group.values()]

    def __repr__(self):
        step = "all" if self.step is None else f"{self.step} of {len(self.steps)}"
        return f"GraphDrawing({len(self.nodes)} nodes, {len(self.edges)} edges, step {step}, show={self.show!r})"


def _structure(order):
    index = {node: i for i, node in enumerate(order)}
    return [(n.op, n._constant, tuple(index[c] for c in n.inputs)) for n in order]


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


def draw_graph(root, *, ax=None, step=None, show="both", fold_constants=True):
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
            choose the figure size before drawing (10×4 inches suits ~15 nodes).
        step: show the backward pass after this many steps (0 to the number of
            operation nodes). Step 0 shows only the output's gradient 1; step k adds
            what the k-th node of the pass (``root.backward_steps()[k-1]``) sends to
            its inputs, and that node is highlighted in orange with its new gradients
            in bold. None shows the whole pass without a highlight.
        show: "both", "values" (forward only), "grads" or "none".
        fold_constants: draw ``v + 1`` as one ``+1`` gate instead of a ``+`` with a
            constant input 1.

    Returns:
        A GraphDrawing: the artists by role, and ``update(step=..., root=..., show=...)``
        to change the numbers without drawing again.

    Raises:
        TypeError: when ``root`` is not a Value.
        ValueError: for a step out of range, an unknown ``show`` or a graph with a cycle.
    """
    if not isinstance(root, Value):
        raise TypeError(f"draw_graph expects a Value as the root (got {describe(root)}).")
    show = _check_show(show, "draw_graph")
    layout = _GraphLayout(root, fold_constants)
    steps = GraphDrawing._compute_steps(root)
    step = _check_step(step, len(steps), "draw_graph")
    ax = ax if ax is not None else plt.gca()
    scale = _fit_axes(ax, *layout.bounds)
    drawing = GraphDrawing(ax, layout, fontsize=BASE_PT * scale)
    drawing.steps, drawing.step, drawing.show = steps, step, show
    drawing._draw()
    drawing._refresh()
    return drawing


# ----- the network picture -------------------------------------------------------------


class NetworkDrawing:
    """What ``draw_network`` drew.

    Attributes:
        ax: the axes drawn on.
        neurons: one list of Circle patches per layer, top to bottom.
        edges: ``edges[l][i][j]`` is the arrow from neuron i of layer l to neuron j of
            layer l + 1, the picture of weight ``W[l][i, j]`` (the ``xW`` convention).
        layer_texts: the caption under each layer.
        neuron_texts: one list of Text per layer (empty lists when the layers are too
            big to name every neuron).
        weight_texts: the name and shape of each weight matrix, over its arrows.
        key_text: the colour key (None when drawn without weights).
    """

    def __init__(self, ax, neurons, edges, layer_texts, neuron_texts):
        self.ax = ax
        self.neurons = neurons
        self.edges = edges
        self.layer_texts = layer_texts
        self.neuron_texts = neuron_texts
        self.weight_texts = []
        self.key_text = None
        self._scale = 1.0

    def update(self, weights):
        """Recolour the arrows for other weights of the same shapes (blue +, red -)."""
        sizes = [len(layer) for layer in self.neurons]
        weights = _check_weights(weights, sizes, "NetworkDrawing.update")
        _style_edges(self.edges, weights, self._scale)
        return self

    def __repr__(self):
        sizes = "-".join(str(len(layer)) for layer in self.neurons)
        return f"NetworkDrawing({sizes})"


def _check_sizes(sizes):
    try:
        sizes = list(sizes)
    except TypeError:
        raise ValueError(f"draw_network expects a list of layer sizes such as [2, 4, 3] (got {describe(sizes)}).") from None
    if len(sizes) < 2:
        raise ValueError(f"draw_network expects at least 2 layers, an input and an output (got {len(sizes)}).")
    for l, n in enumerate(sizes):
        if not isinstance(n, numbers.Integral) or isinstance(n, bool) or n < 1:
            raise ValueError(f"draw_network expects every layer size to be a positive whole number (got {n!r} for layer {l}).")
    return [int(n) for n in sizes]


def _check_weights(weights, sizes, who):
    if weights is None:
        return None
    weights = list(weights)
    if len(weights) != len(sizes) - 1:
        raise ValueError(
            f"{who} expects {len(sizes) - 1} weight matrices for {len(sizes)} layers (got {len(weights)})."
        )
    checked = []
    for l, W in enumerate(weights):
        W = np.asarray(W, dtype=np.float64)
        expected = (sizes[l], sizes[l + 1])
        if W.shape != expected:
            hint = " (that is the transpose: PyTorch's nn.Linear stores (out, in); pass W.T)" if W.shape == expected[::-1] else ""
            raise ValueError(
                f"{who} expects weights[{l}] of shape {expected} to connect layer {l} "
                f"({sizes[l]} neurons) to layer {l + 1} ({sizes[l + 1]} neurons) (got shape {W.shape}){hint}."
            )
        checked.append(W)
    return checked


def _style_edges(edges, weights, scale):
    if weights is None:
        for layer in edges:
            for row in layer:
                for arrow in row:
                    arrow.set_color("#90a4ae")
                    arrow.set_linewidth(1.0 * scale)
        return
    biggest = max((float(np.abs(W).max()) for W in weights if W.size), default=0.0) or 1.0
    for layer, W in zip(edges, weights):
        for i, row in enumerate(layer):
            for j, arrow in enumerate(row):
                w = W[i, j]
                arrow.set_color("#1565c0" if w >= 0 else "#c62828")
                arrow.set_linewidth((0.4 + 3.2 * abs(w) / biggest) * scale)


def _layer_name(l, n_layers):
    if l == 0:
        return "input"
    if l == n_layers - 1:
        return "output"
    return "hidden" if n_layers == 3 else f"hidden {l}"


def _neuron_name(l, i, n_layers):
    if l == 0:
        return f"$x_{{{i + 1}}}$"
    if l == n_layers - 1:
        return f"$y_{{{i + 1}}}$"
    if n_layers == 3:
        return f"$h_{{{i + 1}}}$"
    return f"$h^{{({l})}}_{{{i + 1}}}$"


def draw_network(sizes, *, ax=None, weights=None):
    """Draw a multilayer perceptron as neurons in columns with an arrow for every weight.

    Args:
        sizes: the number of neurons per layer, input first, such as ``[2, 4, 3]``.
        ax: the axes to draw on; ``plt.gca()`` when None.
        weights: optional weight matrices, one per pair of adjacent layers, each of
            shape (n_in, n_out) as in ``h = xW + b``. The arrows are then blue for a
            positive and red for a negative weight, wider for a larger magnitude.

    Returns:
        A NetworkDrawing (the circles, the arrows by ``[layer][i][j]``, the captions).

    Raises:
        ValueError: for fewer than 2 layers, a size that is not a positive whole number
            or a weight matrix whose shape does not connect its two layers.
    """
    sizes = _check_sizes(sizes)
    weights = _check_weights(weights, sizes, "draw_network")
    ax = ax if ax is not None else plt.gca()
    n_layers = len(sizes)
    tallest = max(sizes)
    radius, row, dx = 0.22, 0.62, 1.9
    caption_h = 2 * _text_size("hidden")[1] + 0.1
    named = tallest <= 10

    def y_of(l, i):
        return ((sizes[l] - 1) / 2 - i) * row

    text_h = _text_size("hidden")[1]
    low = -(tallest - 1) / 2 * row - radius  # the bottom of the tallest column
    top = (tallest - 1) / 2 * row + radius + 0.12 + text_h + 0.1
    bottom = low - 0.15 - caption_h - (text_h + 0.15 if weights is not None else 0.0)
    scale = _fit_axes(ax, -radius - 0.35, (n_layers - 1) * dx + radius + 0.35, bottom, top)
    fs = BASE_PT * scale

    edges = []
    for l in range(n_layers - 1):
        layer = []
        for i in range(sizes[l]):
            row_arrows = []
            for j in range(sizes[l + 1]):
                x0, y0, x1, y1 = l * dx, y_of(l, i), (l + 1) * dx, y_of(l + 1, j)
                length = math.hypot(x1 - x0, y1 - y0)
                ux, uy = (x1 - x0) / length, (y1 - y0) / length
                arrow = FancyArrowPatch((x0 + ux * radius, y0 + uy * radius),
                                        (x1 - ux * (radius + 0.02), y1 - uy * (radius + 0.02)),
                                        arrowstyle="-|>", mutation_scale=7 * scale, shrinkA=0, shrinkB=0,
                                        zorder=1)
                ax.add_artist(arrow)
                row_arrows.append(arrow)
            layer.append(row_arrows)
        edges.append(layer)
    _style_edges(edges, weights, scale)

    neurons, neuron_texts, layer_texts = [], [], []
    for l, n in enumerate(sizes):
        face = {0: "#e3f2fd", n_layers - 1: "#fff3e0"}.get(l, "#f1f8e9")
        circles, texts = [], []
        for i in range(n):
            circle = Circle((l * dx, y_of(l, i)), radius, facecolor=face, edgecolor=EDGE_COLOR,
                            linewidth=1.2 * scale, zorder=3)
            ax.add_artist(circle)
            circles.append(circle)
            if named:
                texts.append(ax.text(l * dx, y_of(l, i), _neuron_name(l, i, n_layers), ha="center",
                                     va="center", fontsize=fs, zorder=4))
        neurons.append(circles)
        neuron_texts.append(texts)
        caption = f"{_layer_name(l, n_layers)}\n{n} neuron{'s' if n > 1 else ''}"
        layer_texts.append(ax.text(l * dx, low - 0.15, caption, ha="center",
                                   va="top", fontsize=fs, color="#37474f"))
    weight_texts = [
        ax.text((l + 0.5) * dx, top - 0.1, f"$W_{{{l + 1}}}$: {sizes[l]}×{sizes[l + 1]}", ha="center",
                va="top", fontsize=fs, color="#37474f")
        for l in range(n_layers - 1)
    ]
    key_text = None
    if weights is not None:
        key_text = ax.text((n_layers - 1) * dx / 2, bottom + 0.05, "blue: w > 0    red: w < 0    width: |w|",
                           ha="center", va="bottom", fontsize=fs * 0.9, color="#546e7a")
    drawing = NetworkDrawing(ax, neurons, edges, layer_texts, neuron_texts)
    drawing.weight_texts, drawing.key_text = weight_texts, key_text
    drawing._scale = scale
    return drawing
