"""Tests for nnkit.diagrams: the computational-graph and network drawings."""

import io
import itertools
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnkit.diagrams import HIGHLIGHT, GraphDrawing, NetworkDrawing, draw_graph, draw_network  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from nnkit._format import format_value  # noqa: E402
from nnkit.graph import Value, maximum  # noqa: E402
from strategies import expressions, run_program  # noqa: E402


# ----- the seed graphs ----------------------------------------------------------------


def x_plus_y_times_z():
    """f = (x + y)·z at (-2, 5, -4), with q and f labelled."""
    x, y, z = Value(-2, "x"), Value(5, "y"), Value(-4, "z")
    q = x + y
    q.label = "q"
    f = q * z
    f.label = "f"
    return f


def two_sums_times():
    """j = (a + b)·(c + d)."""
    a, b, c, d = (Value(v, n) for v, n in [(1, "a"), (2, "b"), (3, "c"), (4, "d")])
    e, f = a + b, c + d
    e.label, f.label = "e", "f"
    return e * f


def neuron_inputs(values=(2, -1, -3, -2, -3)):
    return [Value(v, n) for v, n in zip(values, ["w0", "x0", "w1", "x1", "w2"])]


def sigmoid_neuron(values=(2, -1, -3, -2, -3)):
    """σ(w0·x0 + w1·x1 + w2) with σ as one node."""
    w0, x0, w1, x1, w2 = neuron_inputs(values)
    return (w0 * x0 + w1 * x1 + w2).sigmoid()


def decomposed_neuron(values=(2, -1, -3, -2, -3)):
    """The same neuron as ×(-1), exp, +1, 1/x."""
    w0, x0, w1, x1, w2 = neuron_inputs(values)
    return 1 / (1 + (-(w0 * x0 + w1 * x1 + w2)).exp())


def shared_values():
    """A graph where x and y are each used more than once (copy gates) and a max gate."""
    x, y = Value(1.5, "x"), Value(-0.5, "y")
    return (x * x + maximum(x, y) * y).tanh()


def many_shared():
    """Three inputs used three or four times each, through nine different gates."""
    a, b, c = Value(0.5, "a"), Value(-1.2, "b"), Value(2.0, "c")
    f = (a * b + b * c).tanh() * maximum(a, c) + (a - c).exp() / b
    f.label = "f"
    return f


def small_network():
    """A 2-3-1 tanh network written in Values: about 25 nodes."""
    x = [Value(0.5, "x1"), Value(-1.2, "x2")]
    hidden = []
    for j, (wa, wb, b) in enumerate([(0.3, -0.8, 0.1), (1.1, 0.4, -0.2), (-0.6, 0.9, 0.05)]):
        h = (x[0] * Value(wa, f"w1{j + 1}") + x[1] * Value(wb, f"w2{j + 1}") + Value(b, f"b{j + 1}")).tanh()
        hidden.append(h)
    out = hidden[0] * Value(0.7, "v1") + hidden[1] * Value(-0.5, "v2") + hidden[2] * Value(0.2, "v3")
    return out.sigmoid()


SEEDS = {
    "x_plus_y_times_z": (x_plus_y_times_z, (6, 3)),
    "two_sums_times": (two_sums_times, (6, 3)),
    "sigmoid_neuron": (sigmoid_neuron, (8, 3.5)),
    "decomposed_neuron": (decomposed_neuron, (10, 4)),
    "shared_values": (shared_values, (8, 4)),
    "many_shared": (many_shared, (10, 5)),
    "small_network": (small_network, (12, 6)),
}


def new_axes(size=(10, 4)):
    fig = Figure(figsize=size, dpi=80)
    FigureCanvasAgg(fig)
    return fig.add_axes((0, 0, 1, 1))


def texts(ax):
    """The non-empty strings of the axes' text artists."""
    return [t.get_text() for t in ax.texts if t.get_text()]


def overlaps(fig, tolerance=0.5):
    """Pairs of non-empty texts whose bounding boxes meet, and texts leaving the figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(matplotlib.text.Text)
             if t.get_text() and t.get_visible()]
    clashes = []
    for (s1, b1), (s2, b2) in itertools.combinations(boxes, 2):
        if b1.x0 + tolerance < b2.x1 and b2.x0 + tolerance < b1.x1 and b1.y0 + tolerance < b2.y1 and b2.y0 + tolerance < b1.y1:
            clashes.append((s1, s2))
    outside = [s for s, b in boxes if b.x0 < -tolerance or b.y0 < -tolerance
               or b.x1 > fig.bbox.x1 + tolerance or b.y1 > fig.bbox.y1 + tolerance]
    return clashes, outside


def segments_cross(p1, p2, q1, q2):
    """Whether two segments cross at a point inside both (touching ends do not count)."""
    d = (p2[0] - p1[0]) * (q2[1] - q1[1]) - (p2[1] - p1[1]) * (q2[0] - q1[0])
    if abs(d) < 1e-12:
        return False
    t = ((q1[0] - p1[0]) * (q2[1] - q1[1]) - (q1[1] - p1[1]) * (q2[0] - q1[0])) / d
    u = ((q1[0] - p1[0]) * (p2[1] - p1[1]) - (q1[1] - p1[1]) * (p2[0] - p1[0])) / d
    return 1e-6 < t < 1 - 1e-6 and 1e-6 < u < 1 - 1e-6


def count_crossings(drawing):
    paths = list(drawing.edge_points.values())
    total = 0
    for a, b in itertools.combinations(paths, 2):
        for p1, p2 in zip(a, a[1:]):
            for q1, q2 in zip(b, b[1:]):
                total += segments_cross(p1, p2, q1, q2)
    return total


def png_bytes(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=72)
    return buffer.getvalue()


# ----- the tests ----------------------------------------------------------------------


class TestDrawGraph:
    @pytest.mark.parametrize("name", list(SEEDS))
    def test_renders_to_png(self, name):
        """Every seed graph renders to PNG bytes."""
        build, size = SEEDS[name]
        ax = new_axes(size)
        draw_graph(build(), ax=ax)
        assert png_bytes(ax.figure).startswith(b"\x89PNG")

    def test_decomposed_neuron_labels(self):
        """The decomposed neuron shows its gates, its inputs and the CS231n numbers."""
        ax = new_axes()
        draw_graph(decomposed_neuron(), ax=ax)
        shown = texts(ax)
        for expected in ["×", "+", "×(-1)", "exp", "+1", "1/x", "w0", "x0", "w1", "x1", "w2",
                         "1.00", "-1.00", "0.37", "1.37", "0.73", "-0.53", "-0.20", "0.20", "0.39", "-0.39", "-0.59"]:
            assert expected in shown, expected
        assert "1" not in shown  # the constant 1 is folded into the +1 gate

    def test_x_plus_y_times_z_labels(self):
        """(x + y)·z shows q = 3, f = -12 and the gradients -4, -4, 3 and 1."""
        ax = new_axes((6, 3))
        draw_graph(x_plus_y_times_z(), ax=ax)
        shown = texts(ax)
        for expected in ["x", "y", "z", "q", "f", "+", "×", "3.00", "-12.00", "-4.00", "1.00", "-2.00", "5.00"]:
            assert expected in shown, expected
        assert shown.count("-4.00") == 4  # ∂x, ∂y, ∂q and the value of z

    def test_sigmoid_node_labels(self):
        """The one-node neuron shows σ, 0.73 and the five input gradients."""
        ax = new_axes((8, 3.5))
        draw_graph(sigmoid_neuron(), ax=ax)
        shown = texts(ax)
        for expected in ["σ", "0.73", "1.00", "-0.20", "0.39", "-0.39", "-0.59", "0.20"]:
            assert expected in shown, expected

    def test_copy_gate_shows_the_sum(self):
        """A value used twice splits at a copy point: each branch brings 3, the stem shows 6."""
        x = Value(3.0, "x")
        f = x * x
        drawing = draw_graph(f, ax=new_axes((6, 3)))
        assert list(drawing.copy_dots) == [x]
        stem, branches = (x, None, 0), [(x, f, 0), (x, f, 1)]
        assert drawing.grad_texts[stem].get_text() == "6.00"
        assert drawing.value_texts[stem].get_text() == "3.00"
        assert [drawing.grad_texts[b].get_text() for b in branches] == ["3.00", "3.00"]
        assert all(b not in drawing.value_texts for b in branches)  # the value is on the stem

    def test_copy_stem_waits_for_every_branch(self):
        """At a step where only one use has sent its gradient, the stem's sum is not shown yet."""
        x = Value(2.0, "x")
        y = x * 3
        f = y + x.exp()
        drawing = draw_graph(f, ax=new_axes((6, 3)), step=0)
        sums = []
        for k in range(len(drawing.steps) + 1):
            drawing.update(step=k)
            sums.append(drawing.grad_texts[(x, None, 0)].get_text())
        assert sums[-1] == format_value(3 + math.exp(2.0))
        assert sums[:-1] == [""] * (len(sums) - 1)

    @pytest.mark.parametrize("name", list(SEEDS))
    @pytest.mark.parametrize("size", [None, (6.4, 4.8), (5, 2.5)])
    def test_no_text_overlaps_or_leaves_the_figure(self, name, size):
        """No two labels meet and none leaves the figure, at the intended and at other sizes."""
        build, intended = SEEDS[name]
        ax = new_axes(size or intended)
        draw_graph(build(), ax=ax)
        clashes, outside = overlaps(ax.figure)
        assert clashes == [] and outside == []

    @settings(max_examples=25, deadline=None)
    @given(expressions())
    def test_random_graphs_have_no_overlaps(self, expression):
        """Random expressions (shared inputs, constants, every gate) draw with no label meeting another."""
        xs, program = expression
        nodes = run_program([Value(x, f"x{i}") for i, x in enumerate(xs)], program)
        ax = new_axes((8, 4))
        draw_graph(nodes[-1], ax=ax, step=len(nodes[-1].backward_steps()) // 2)
        assert overlaps(ax.figure) == ([], [])

    @pytest.mark.parametrize("step", [0, 3, 8])
    def test_no_overlaps_at_a_step(self, step):
        """Bold fresh gradients at a step still leave room for every label."""
        ax = new_axes()
        draw_graph(decomposed_neuron(), ax=ax, step=step)
        assert overlaps(ax.figure) == ([], [])

    def test_labels_stay_clear_of_nodes(self):
        """No edge label sits on a node's circle or box."""
        ax = new_axes()
        drawing = draw_graph(decomposed_neuron(), ax=ax)
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        for text in list(drawing.value_texts.values()) + list(drawing.grad_texts.values()):
            box = text.get_window_extent(renderer)
            for patch in drawing.node_patches.values():
                other = patch.get_window_extent(renderer)
                assert not (box.x0 < other.x1 - 1 and other.x0 < box.x1 - 1
                            and box.y0 < other.y1 - 1 and other.y0 < box.y1 - 1), text.get_text()

    @pytest.mark.parametrize("name", ["x_plus_y_times_z", "two_sums_times", "sigmoid_neuron", "decomposed_neuron"])
    def test_no_crossing_edges(self, name):
        """The seed graphs (trees) are laid out without crossing edges."""
        drawing = draw_graph(SEEDS[name][0](), ax=new_axes())
        assert count_crossings(drawing) == 0

    def test_inputs_left_output_right(self):
        """Every edge runs left to right, and the root is the rightmost node."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        for points in drawing.edge_points.values():
            xs = [p[0] for p in points]
            assert xs == sorted(xs)
        centers = {node: patch.get_center() if hasattr(patch, "get_center") else None
                   for node, patch in drawing.node_patches.items() if node.op}
        assert max(centers, key=lambda n: centers[n][0]) is drawing.root

    def test_inputs_keep_their_order(self):
        """The first input of a gate is drawn above the second (w0 above x0)."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        y = {n.label: drawing.node_texts[n].get_position()[1] for n in drawing.nodes if n.label}
        assert y["w0"] > y["x0"] > y["w1"] > y["x1"]

    def test_step_zero_shows_only_the_output_gradient(self):
        """At step 0 the only gradient known is the output's 1.00, and nothing is highlighted."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=0)
        grads = [t.get_text() for t in drawing.grad_texts.values() if t.get_text()]
        assert grads == ["1.00"]
        assert highlighted(drawing) == []

    def test_step_k_shows_what_k_steps_sent(self):
        """After step 3 (the exp node) the gradients 1.00, -0.53, -0.53 and -0.20 are shown."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=3)
        grads = sorted(t.get_text() for t in drawing.grad_texts.values() if t.get_text())
        assert grads == sorted(["1.00", "-0.53", "-0.53", "-0.20"])
        assert highlighted(drawing) == [drawing.steps[2].node]
        assert drawing.steps[2].node.op == "exp"

    def test_step_highlights_one_node_and_bolds_its_gradients(self):
        """Each step k ≥ 1 highlights exactly its node and bolds the gradients it just sent."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=1)
        for k in range(1, len(drawing.steps) + 1):
            drawing.update(step=k)
            node = drawing.steps[k - 1].node
            assert highlighted(drawing) == [node]
            bold = [e for e, t in drawing.grad_texts.items() if t.get_fontweight() == "bold"]
            assert bold and all(e[1] is node for e in bold)

    def test_last_step_equals_the_full_pass(self):
        """At the last step every gradient is shown, as with step=None."""
        full = draw_graph(decomposed_neuron(), ax=new_axes())
        last = draw_graph(decomposed_neuron(), ax=new_axes(), step=8)
        assert texts(full.ax) == texts(last.ax)
        assert highlighted(full) == []

    def test_show_choices(self):
        """show="values" hides gradients, "grads" hides values and "none" hides both."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), show="values")
        assert all(t.get_text() == "" for t in drawing.grad_texts.values())
        assert all(t.get_text() for t in drawing.value_texts.values())
        drawing.update(show="grads")
        assert all(t.get_text() == "" for t in drawing.value_texts.values())
        assert all(t.get_text() for t in drawing.grad_texts.values())
        drawing.update(show="none")
        assert all(t.get_text() == "" for t in list(drawing.value_texts.values()) + list(drawing.grad_texts.values()))

    def test_drawing_leaves_the_grads_alone(self):
        """Drawing computes its gradients aside: the graph's grad attributes stay 0."""
        f = decomposed_neuron()
        draw_graph(f, ax=new_axes())
        assert all(n.grad == 0.0 for n in f.topological_order())

    def test_default_axes_is_gca(self):
        """With ax=None it draws on plt.gca() and leaves rcParams as they were."""
        before = dict(matplotlib.rcParams)
        fig = plt.figure(figsize=(6, 3))
        try:
            drawing = draw_graph(x_plus_y_times_z())
            assert drawing.ax is fig.axes[0]
        finally:
            plt.close(fig)
        assert dict(matplotlib.rcParams) == before

    def test_a_leaf_alone(self):
        """A single leaf is drawn as its box with an output edge, and has no steps."""
        drawing = draw_graph(Value(2.0, "x"), ax=new_axes((4, 2)))
        assert drawing.steps == [] and "x" in texts(drawing.ax) and "2.00" in texts(drawing.ax)

    def test_deep_chain(self):
        """A chain of 60 gates draws without trouble (small text, but drawn)."""
        x = Value(0.1, "x")
        y = x
        for _ in range(30):
            y = (y * 1.01).tanh()
        drawing = draw_graph(y, ax=new_axes((12, 3)))
        assert len(drawing.nodes) == 61 and count_crossings(drawing) == 0

    def test_rejects_a_non_value(self):
        """A root that is not a Value is a TypeError naming what came."""
        with pytest.raises(TypeError, match=r"draw_graph expects a Value as the root \(got float 3.0\)"):
            draw_graph(3.0, ax=new_axes())

    @pytest.mark.parametrize("step, message", [
        (-1, r"step from 0 to 8, the number of backward steps of this graph \(got -1\)"),
        (9, r"step from 0 to 8, .* \(got 9\)"),
        (2.5, r"step to be a whole number from 0 to 8 \(got float 2.5\)"),
        ("3", r"step to be a whole number from 0 to 8 \(got the string '3'\)"),
        (True, r"step to be a whole number"),
    ])
    def test_rejects_a_bad_step(self, step, message):
        """A step out of range or not a whole number is a ValueError saying the range."""
        with pytest.raises(ValueError, match=message):
            draw_graph(decomposed_neuron(), ax=new_axes(), step=step)

    def test_accepts_numpy_integer_steps(self):
        """A numpy integer (as a slider may give) is a fine step."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=np.int64(2))
        assert drawing.step == 2

    def test_rejects_a_bad_show(self):
        """An unknown show choice lists the choices."""
        with pytest.raises(ValueError, match=r"show to be one of 'both', 'values', 'grads', 'none' \(got 'all'\)"):
            draw_graph(decomposed_neuron(), ax=new_axes(), show="all")

    def test_rejects_a_cycle(self):
        """A cycle made by hand is one ValueError sentence."""
        a = Value(1.0, "a")
        b = a * 2
        a.inputs, a._local = (b,), (1.0,)
        with pytest.raises(ValueError, match="has a cycle through"):
            draw_graph(b, ax=new_axes())

    def test_unfolded_constants(self):
        """With fold_constants=False the constant 1 is its own leaf and the gate reads +."""
        ax = new_axes()
        draw_graph(decomposed_neuron(), ax=ax, fold_constants=False)
        assert "1" in texts(ax) and "+1" not in texts(ax)


def highlighted(drawing):
    return [n for n, p in drawing.node_patches.items() if p.get_facecolor() == to_rgba(HIGHLIGHT)]


class TestGraphDrawing:
    def test_update_step_matches_a_fresh_drawing(self):
        """update(step=k) shows exactly what draw_graph(step=k) draws."""
        moving = draw_graph(decomposed_neuron(), ax=new_axes(), step=0)
        for k in [5, 2, 8, 0]:
            moving.update(step=k)
            fresh = draw_graph(decomposed_neuron(), ax=new_axes(), step=k)
            assert texts(moving.ax) == texts(fresh.ax)

    def test_update_step_none_shows_all(self):
        """update(step=None) shows the whole pass again."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=2)
        drawing.update(step=None)
        assert drawing.step is None and all(t.get_text() for t in drawing.grad_texts.values())

    def test_update_keeps_what_is_left_out(self):
        """update() without arguments keeps the step and the show choice."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=3, show="grads")
        drawing.update()
        assert (drawing.step, drawing.show) == (3, "grads")

    def test_update_with_a_rebuilt_graph(self):
        """update(root=...) with other inputs shows the new numbers on the same artists."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        artists = drawing.artists()
        new = decomposed_neuron((1, 1, 1, 1, 1))
        drawing.update(root=new)
        assert drawing.artists() == artists or sorted(map(id, drawing.artists())) == sorted(map(id, artists))
        fresh = draw_graph(decomposed_neuron((1, 1, 1, 1, 1)), ax=new_axes())
        assert texts(drawing.ax) == texts(fresh.ax)
        assert drawing.root is new and (new, None, 0) in drawing.value_texts

    def test_update_keys_follow_the_new_graph(self):
        """After update(root=...) the dicts are keyed by the new Values."""
        drawing = draw_graph(x_plus_y_times_z(), ax=new_axes((6, 3)))
        new = x_plus_y_times_z()
        drawing.update(root=new)
        assert set(drawing.node_patches) == set(new.topological_order())

    def test_update_rejects_another_structure(self):
        """A graph of another structure is refused with a ValueError that says so."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        with pytest.raises(ValueError, match="same structure"):
            drawing.update(root=sigmoid_neuron())

    def test_update_rejects_a_bad_step(self):
        """update checks its step as draw_graph does."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        with pytest.raises(ValueError, match=r"GraphDrawing.update expects step from 0 to 8"):
            drawing.update(step=12)

    def test_artists_are_all_on_the_axes(self):
        """artists() lists patches and texts that live on the drawing's axes."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        assert all(a.axes is drawing.ax for a in drawing.artists())
        assert len(drawing.node_patches) == 13 and len(drawing.edge_lines) == 13

    def test_repr(self):
        """The repr tells the size, the step and the show choice."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes(), step=4)
        assert repr(drawing) == "GraphDrawing(13 nodes, 13 edges, step 4 of 8, show='both')"
        assert isinstance(drawing, GraphDrawing)


class TestDrawNetwork:
    def test_counts_circles_and_arrows(self):
        """A 2-4-3 network has 9 circles and 2·4 + 4·3 = 20 arrows."""
        drawing = draw_network([2, 4, 3], ax=new_axes((6, 4)))
        assert [len(layer) for layer in drawing.neurons] == [2, 4, 3]
        assert sum(len(row) for layer in drawing.edges for row in layer) == 20
        assert len(drawing.ax.patches) == 29
        assert isinstance(drawing, NetworkDrawing)

    def test_captions(self):
        """Layers are captioned input, hidden, output with their sizes; weights name their shapes."""
        ax = new_axes((6, 4))
        draw_network([2, 4, 3], ax=ax)
        shown = texts(ax)
        assert "input\n2 neurons" in shown and "hidden\n4 neurons" in shown and "output\n3 neurons" in shown
        assert "$W_{1}$: 2×4" in shown and "$W_{2}$: 4×3" in shown

    def test_deeper_network_numbers_its_hidden_layers(self):
        """With two hidden layers the captions read hidden 1 and hidden 2."""
        ax = new_axes((8, 4))
        draw_network([3, 5, 5, 2], ax=ax)
        assert "hidden 1\n5 neurons" in texts(ax) and "hidden 2\n5 neurons" in texts(ax)

    def test_weights_set_colour_and_width(self):
        """Positive weights are blue, negative red, and a larger magnitude draws a wider arrow."""
        W1 = np.array([[1.0, -2.0, 0.5, 0.0], [-0.1, 3.0, -1.0, 2.0]])
        W2 = np.ones((4, 3))
        drawing = draw_network([2, 4, 3], ax=new_axes((6, 4)), weights=[W1, W2])
        e = drawing.edges[0]
        assert e[0][0].get_edgecolor() == to_rgba("#1565c0")
        assert e[0][1].get_edgecolor() == to_rgba("#c62828")
        assert e[1][1].get_linewidth() > e[0][1].get_linewidth() > e[0][0].get_linewidth()
        assert drawing.key_text is not None

    def test_update_recolours(self):
        """update(weights) recolours the same arrows."""
        drawing = draw_network([2, 3], ax=new_axes((5, 3)))
        drawing.update([-np.ones((2, 3))])
        assert drawing.edges[0][1][2].get_edgecolor() == to_rgba("#c62828")

    @pytest.mark.parametrize("sizes", [[2, 4, 3], [3, 8, 8, 2], [1, 1]])
    def test_no_text_overlaps(self, sizes):
        """Neuron names, captions and weight names never meet."""
        ax = new_axes((6, 4))
        draw_network(sizes, ax=ax, weights=[np.ones((a, b)) for a, b in zip(sizes, sizes[1:])])
        assert overlaps(ax.figure) == ([], [])

    def test_renders_to_png(self):
        """The network renders to PNG bytes."""
        ax = new_axes((6, 4))
        draw_network([2, 4, 3], ax=ax)
        assert png_bytes(ax.figure).startswith(b"\x89PNG")

    def test_rejects_one_layer(self):
        """Fewer than two layers is a ValueError."""
        with pytest.raises(ValueError, match=r"at least 2 layers, an input and an output \(got 1\)"):
            draw_network([3], ax=new_axes())

    def test_rejects_a_bad_size(self):
        """A size that is not a positive whole number names its layer."""
        with pytest.raises(ValueError, match=r"positive whole number \(got 0 for layer 1\)"):
            draw_network([2, 0, 3], ax=new_axes())
        with pytest.raises(ValueError, match=r"got 2.5 for layer 0"):
            draw_network([2.5, 3], ax=new_axes())

    def test_rejects_mismatched_weights(self):
        """A weight matrix of the wrong shape names the layer and both shapes."""
        with pytest.raises(ValueError, match=r"weights\[1\] of shape \(4, 3\) to connect layer 1 \(4 neurons\) "
                                             r"to layer 2 \(3 neurons\) \(got shape \(4, 2\)\)"):
            draw_network([2, 4, 3], ax=new_axes(), weights=[np.ones((2, 4)), np.ones((4, 2))])

    def test_transposed_weights_get_a_hint(self):
        """A transposed (PyTorch-style) matrix gets a hint to pass W.T."""
        with pytest.raises(ValueError, match=r"\(got shape \(4, 2\)\) \(that is the transpose"):
            draw_network([2, 4, 3], ax=new_axes(), weights=[np.ones((4, 2)), np.ones((4, 3))])

    def test_rejects_a_wrong_number_of_matrices(self):
        """One matrix for three layers is refused with the count expected."""
        with pytest.raises(ValueError, match=r"expects 2 weight matrices for 3 layers \(got 1\)"):
            draw_network([2, 4, 3], ax=new_axes(), weights=[np.ones((2, 4))])
