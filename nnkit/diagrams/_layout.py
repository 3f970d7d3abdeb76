"""Where every node, edge and label of a computational graph goes, in natural inches.

The layout is keyed by position, not by Value: node ``i`` is ``order[i]`` of the graph's
topological order, and an edge is ``(source, target, k)`` in those positions. It keeps
no Value at all, so a drawing can show a rebuilt graph of the same structure (other
numbers) on the same layout by pairing the new graph's nodes with the positions.
"""

import itertools
import math

from ..graph import _folded_constant, gate_label
from ._look import BASE_PT, text_size

__all__ = ["GraphLayout", "gate_size", "node_text", "structure"]

MAX_RADIUS = 0.235  # a gate's circle, in natural inches
NUMBER_BUDGET = "-00.00"  # edge labels get at least this much room, so new numbers fit


def structure(order):
    """What a layout is made for: each node's operation, whether it is a constant, and
    the positions of its inputs. Two graphs with the same structure share a layout."""
    index = {node: i for i, node in enumerate(order)}
    return [(n.op, n.is_constant, tuple(index[c] for c in n.inputs)) for n in order]


def node_text(node, folded):
    """The text inside a node: its gate (``+1`` when a constant is ``folded`` in), or a
    leaf's label (its number when it has none)."""
    if node.op:
        return gate_label(node) if folded else node.op
    return node.label if node.label else f"{node.data:g}"


def gate_size(text):
    """Font size of a gate's text: a lone + × σ larger, as a symbol reads best; a long
    text such as ``×(-1)`` smaller, so that one gate does not widen every column."""
    if len(text) == 1:
        return BASE_PT * 1.5
    size = BASE_PT * 1.05
    width, _ = text_size(text, size, "bold")
    room = 2 * (MAX_RADIUS - 0.04)
    return size if width <= room else max(size * room / width, BASE_PT * 0.7)


class _Item:
    """One thing that takes vertical room in a column: a node, an edge's bend, the end."""

    __slots__ = ("kind", "layer", "node", "edge", "top", "bottom", "half_width", "y", "succ", "pred")

    def __init__(self, kind, layer, node=None, edge=None):
        self.kind = kind  # "node", "copy" (a copy point), "label" (an edge's labelled stretch), "pass" or "end"
        self.layer = layer
        self.node = node  # a node's position in the order
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


class GraphLayout:
    """Where every node, edge and label of a graph goes, in natural inches.

    A value used more than once gets a copy point (the copy gate): one stem from the
    node to a dot, carrying the value and the summed gradient, then one branch per use,
    carrying the gradient that use sends back.

    Every node is its position ``i`` in the topological order the layout was made from;
    every edge is ``(source, target, k)``: the node sent along it, the node it goes into
    and its input position there, or ``(node, None, 0)`` for a stem (out of the root, or
    from a shared node to its copy point).

    Attributes:
        structure: what the layout was made for (see ``structure``).
        nodes: the drawn nodes in order (folded constants are left out).
        is_op: ``is_op[i]``: whether node i is an operation (a circle) or a leaf (a box).
        named: the operation nodes with a label drawn above them.
        folded: node -> the constant folded into its gate (``+1``).
        uses: node -> how many drawn edges leave it.
        edges: every edge, inputs first, then the stems.
        branches: the edges out of a copy point (they show a gradient only).
        radius, dot, pad: a gate's radius, a copy point's radius, the gap between an
            edge and its labels.
        leaf_size: leaf node -> (width, height) of its box.
        center: node -> (x, y); copy_center: shared node -> its copy point's (x, y).
        paths: edge -> its polyline, a list of (x, y); anchors: edge -> where its labels go.
        bounds: (x0, x1, y0, y1) around everything.
        band_of: layer -> the band (row) it is drawn in, 0 at the top; all 0 for ``rows=1``.
        connectors: edge cut between bands -> a list, one per cut it crosses, of (x where
            it turns down, y of its lane under the band, x where it turns down into the
            next band).
        smallest_pt: the smallest text of the drawing at ``BASE_PT`` (a long gate's text
            is drawn smaller), so that a drawing can keep a floor under it.
    """

    def __init__(self, order, fold_constants, rows=1):
        index = {node: i for i, node in enumerate(order)}
        inputs = [tuple(index[c] for c in node.inputs) for node in order]
        self.structure = [(node.op, node.is_constant, inputs[i]) for i, node in enumerate(order)]
        consumers = [[] for _ in order]
        for i, ins in enumerate(inputs):
            for k, child in enumerate(ins):
                consumers[child].append((i, k))
        folded = {}
        if fold_constants:
            for i, node in enumerate(order):
                const = _folded_constant(node)
                if const is not None and len(consumers[index[const]]) == 1:
                    folded[i] = index[const]
        hidden = set(folded.values())
        self.is_op = [bool(node.op) for node in order]
        self.nodes = [i for i in range(len(order)) if i not in hidden]
        self.named = {i for i in self.nodes if self.is_op[i] and order[i].label}
        self.folded = folded
        self._inputs = inputs
        into = [(child, i, k) for i in self.nodes for k, child in enumerate(inputs[i]) if child != folded.get(i)]
        self.uses = {i: 0 for i in self.nodes}
        for source, _, _ in into:
            self.uses[source] += 1
        self.shared = [i for i in self.nodes if self.uses[i] > 1]
        root = len(order) - 1
        self.edges = into + [(i, None, 0) for i in self.shared] + [(root, None, 0)]
        self.branches = {e for e in into if self.uses[e[0]] > 1}

        # columns: an operation one right of its furthest input (two for a shared one,
        # which needs a column for its copy point); a leaf as close to its first
        # consumer as that allows, so its edge is short
        column = {}
        for i in self.nodes:
            if self.is_op[i]:
                column[i] = 1 + max(self._out_column(c, column) for c, _, _ in self._in_edges(i))
            else:
                column[i] = 0
        for i in self.nodes:
            if not self.is_op[i] and consumers[i]:
                first = min(column[t] for s, t, _ in into if s == i)
                column[i] = first - 1 - (1 if i in self.shared else 0)
        self.column = column
        self._texts = {i: node_text(order[i], i in folded) for i in self.nodes}
        self._measure(self._texts)
        self._build_items()
        self.layers = _order_layers(self.layers)
        _place_rows(self.layers, self.margin)
        self._shift_copy_points()
        self._wrap(rows)
        self._geometry()

    def _out_column(self, node, column):
        return column[node] + (1 if self.uses[node] > 1 else 0)

    def _in_edges(self, node):
        return [(c, node, k) for k, c in enumerate(self._inputs[node]) if c != self.folded.get(node)]

    def _measure(self, texts):
        """Sizes of circles, boxes and labels, from the texts they hold."""
        self.number_w, self.text_h = text_size(NUMBER_BUDGET)
        gate_w = max([text_size(texts[i], gate_size(texts[i]), "bold")[0] for i in self.nodes if self.is_op[i]] + [0])
        self.radius = min(max(0.2, gate_w / 2 + 0.05), MAX_RADIUS)
        self.leaf_size = {}
        for i in self.nodes:
            if not self.is_op[i]:
                w, h = text_size(texts[i], BASE_PT * 1.1, "bold")
                self.leaf_size[i] = (max(w + 0.16, 0.36), h + 0.1)
        widest = max([self.radius] + [w / 2 for w, _ in self.leaf_size.values()])
        self.pad = 0.03  # between an edge and its labels
        self.margin = 0.07  # between neighbours in a column
        self.label_half = self.number_w / 2 + 0.04  # the straight stretch under a label
        self.bend = 0.13  # the slanted stretch at each end of an edge
        self.dot = 0.045  # the copy point's radius
        self.widest = widest
        self.dx = 2 * widest + 2 * self.label_half + 2 * self.bend

    def _node_extent(self, node):
        if self.is_op[node]:
            top = bottom = self.radius
            if node in self.named:
                # a line's height is the same whatever its text (see text_size)
                top += self.pad + text_size("", BASE_PT, "normal")[1]
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
            item.half_width = self.radius if self.is_op[node] else self.leaf_size[node][0] / 2
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
                n_in = len(self._inputs[target]) if target is not None and b is final else 1
                port = (k + 1) / (n_in + 1) - 0.5 if n_in > 1 else 0.0
                a.succ.append((b, port))
                b.pred.append(a)
            self.chains[edge] = chain
        self.layers = layers

    def _x(self, item):
        x = item.layer / 2 * self.dx + self.band_offset[self.band_of[item.layer]][0]
        return x + self.copy_shift.get(item, 0.0) if item.kind == "copy" else x

    def _y(self, item):
        return item.y + self.band_offset[self.band_of[item.layer]][1]

    def _port(self, edge):
        """Where an edge comes into its node, from -0.5 (top) to 0.5 (bottom) of its inputs; 0 for one."""
        _, target, k = edge
        n_in = len(self._inputs[target]) if target is not None else 1
        return (k + 1) / (n_in + 1) - 0.5 if n_in > 1 else 0.0

    def _crossing(self, cut):
        """The edges whose chain runs from a layer at or left of ``cut`` to one right of it."""
        return [edge for edge, chain in self.chains.items() if chain[0].layer <= cut < chain[-1].layer]

    def _wrap(self, rows):
        """Cut the columns into ``rows`` bands stacked top to bottom, each read left to right.

        A long graph in one row is wide and flat: fitted to a page or a projector, its
        text shrinks. In bands it is as wide as its widest band. The cuts go where the
        bands are most even and the fewest edges cross; a crossing edge runs on from the
        end of its band, under it, and back to the start of the next one, in a lane of its own.
        """
        n_layers = len(self.layers)
        self.band_of = [0] * n_layers
        self.band_offset = [(0.0, 0.0)]
        self.connectors = {}  # edge -> one (x turning down, lane y, x turning down again) per cut it crosses
        if rows == 1:
            return
        indent = self.widest + 0.3  # room at a band's left for the lanes coming in
        lane = 0.09  # between two lanes

        def cost(cuts):
            starts, ends = [0] + [c + 1 for c in cuts], list(cuts) + [n_layers - 1]
            widest = max((e - s) / 2 * self.dx + (indent if s else 0.0) for s, e in zip(starts, ends))
            return widest + 0.6 * self.dx * sum(len(self._crossing(c)) - 1 for c in cuts)

        # cut after an odd layer (edges' labels and bends, no node): the lanes turn down
        # in the gap before the next column of nodes, clear of every box and circle
        candidates = [c for c in range(1, n_layers - 2, 2) if self.layers[c] and self._crossing(c)]
        cuts = min(itertools.combinations(candidates, rows - 1), key=cost, default=())
        band = 0
        for layer in range(n_layers):
            self.band_of[layer] = band
            if band < len(cuts) and layer == cuts[band]:
                band += 1
        # stack the bands: each starts at the left (after the indent), under the one above
        bottom = None
        for b, cut in enumerate((-1,) + tuple(cuts)):
            items = [item for l in range(n_layers) if self.band_of[l] == b for item in self.layers[l]]
            top = max(item.y + item.top for item in items)
            low = min(item.y - item.bottom for item in items)
            if b == 0:
                bottom = low
                continue
            # by the height each crossing edge reaches the cut at, top first
            crossing = sorted(self._crossing(cut), key=lambda e: -[it for it in self.chains[e] if it.layer <= cut][-1].y)
            prev_ox, prev_oy = self.band_offset[b - 1]
            ox = indent - (cut + 1) / 2 * self.dx
            first_lane = bottom - 0.12  # under the band above, in its coordinates
            lowest = first_lane - (len(crossing) - 1) * lane
            oy = prev_oy + lowest - 0.12 - top
            self.band_offset.append((ox, oy))
            cut_x = (cut + 0.5) / 2 * self.dx + prev_ox
            for j, edge in enumerate(crossing):
                # a ribbon that keeps its order: the topmost edge turns down furthest right,
                # runs lowest, turns down again furthest right and reaches the highest target
                lane_y = prev_oy + first_lane - (len(crossing) - 1 - j) * lane
                down_x = cut_x + (len(crossing) - 1 - j) * lane / 2 - (len(crossing) - 1) * lane / 4
                up_x = 0.15 + (len(crossing) - 1 - j) * lane / 2 - (len(crossing) - 1) * lane / 4
                self.connectors.setdefault(edge, []).append((down_x, lane_y, up_x))
            bottom = low  # in this band's own coordinates

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
        self.center = {node: (self._x(item), self._y(item)) for node, item in self.item_of.items()}
        self.copy_center = {node: (self._x(item), self._y(item)) for node, item in self.copy_of.items()}
        self.paths, self.anchors = {}, {}
        for edge, chain in self.chains.items():
            points, lanes = [], iter(self.connectors.get(edge, ()))
            for before, item in zip([None] + chain, chain):
                x, y = self._x(item), self._y(item)
                if before is not None and self.band_of[before.layer] != self.band_of[item.layer]:
                    # on from the end of the band above, under it, back to this band's start
                    down_x, lane_y, up_x = next(lanes)  # the cuts in order, left to right
                    if item.kind == "node":  # two inputs coming in this way meet it apart, in input order
                        y = self._y(item) - self._port(edge) * 2 * self.radius
                    points += [(down_x, points[-1][1]), (down_x, lane_y), (up_x, lane_y), (up_x, y)]
                    y = self._y(item)
                if item.kind == "label":
                    points += [(x - item.half_width, y), (x + item.half_width, y)]
                elif item.kind == "end":
                    points.append((x - self.dx / 2 + self.label_half + 0.35, y))
                else:
                    points.append((x, y))
            if chain[0].kind == "node":
                points[0] = self._leave(chain[0].node, points[1])
            if chain[-1].kind == "node":
                points[-1] = self._enter(chain[-1].node, points[-2])
            self.paths[edge] = points
            label = self.label_item[edge]
            self.anchors[edge] = (self._x(label), self._y(label))
        xs, ys = [], []
        for items in self.layers:
            for item in items:
                x, y = self._x(item), self._y(item)
                xs += [x - item.half_width, x + item.half_width]
                ys += [y + item.top, y - item.bottom]
        xs += [p[0] for path in self.paths.values() for p in path]
        ys += [p[1] for path in self.paths.values() for p in path]
        edge_room = 0.1
        self.bounds = (min(xs) - edge_room, max(xs) + edge_room, min(ys) - edge_room, max(ys) + edge_room)
        # the smallest text drawn at BASE_PT, so a drawing can keep a floor under it
        gates = [gate_size(t) for i, t in self._texts.items() if self.is_op[i]]
        self.smallest_pt = min([BASE_PT] + gates)

    def _leave(self, node, toward):
        """Where an edge leaves a node's outline, heading for ``toward``."""
        (cx, cy), (tx, ty) = self.center[node], toward
        dx, dy = tx - cx, ty - cy
        length = math.hypot(dx, dy)
        if self.is_op[node]:
            return cx + dx / length * self.radius, cy + dy / length * self.radius
        w, h = self.leaf_size[node]
        t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
        return cx + dx * t, cy + dy * t

    def _enter(self, node, came_from):
        (cx, cy), (fx, fy) = self.center[node], came_from
        dx, dy = fx - cx, fy - cy
        length = math.hypot(dx, dy)
        return cx + dx / length * self.radius, cy + dy / length * self.radius
