"""Tests for nnkit.diagrams.computational_graph: draw_graph and the GraphDrawing it returns."""

import math
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text

from figures import axes_texts, layout_problems, new_axes, png_bytes
from nnkit._format import format_value
from nnkit.diagrams import HIGHLIGHT, GraphDrawing, draw_graph
from nnkit.diagrams.computational_graph import MIN_PT, WIDE_INCHES
from nnkit.diagrams._layout import GraphLayout
from nnkit.graph import Value
from seed_graphs import SEEDS, decomposed_neuron, sigmoid_neuron, sum_of, values_reachable_from, x_plus_y_times_z
from strategies import expressions, run_program


def highlighted(drawing):
    return [n for n, p in drawing.node_patches.items() if p.get_facecolor() == to_rgba(HIGHLIGHT)]


def smallest_pt(drawing):
    """The smallest font size, in points, of the drawing's non-empty texts."""
    return min(a.get_fontsize() for a in drawing.artists() if isinstance(a, Text) and a.get_text())


def assert_keyed_by(drawing, root):
    """Every public lookup of ``drawing`` is keyed by the Values of ``root``'s graph, and works."""
    order = root.topological_order()
    assert drawing.root is root
    assert set(drawing.nodes) <= set(order) and drawing.nodes[-1] is root
    assert set(drawing.node_patches) == set(drawing.node_texts) == set(drawing.nodes)
    assert set(drawing.name_texts) == {n for n in drawing.nodes if n.op and n.label}
    assert set(drawing.copy_dots) <= set(drawing.nodes)
    assert set(drawing.edge_lines) == set(drawing.edge_points) == set(drawing.grad_texts) == set(drawing.edges)
    assert set(drawing.value_texts) <= set(drawing.edges)
    for source, target, k in drawing.edges:
        assert source in order
        assert target is None or target.inputs[k] is source
    assert [s.node for s in drawing.steps] == [s.node for s in root.backward_steps()]


class TestDrawGraph:
    @pytest.mark.parametrize("name", list(SEEDS))
    def test_renders_to_png(self, name):
        """Every seed graph renders to PNG bytes."""
        build, size, _ = SEEDS[name]
        ax = new_axes(size)
        draw_graph(build(), ax=ax)
        assert png_bytes(ax.figure).startswith(b"\x89PNG")

    def test_decomposed_neuron_labels(self):
        """The decomposed neuron shows its gates, its inputs and the CS231n numbers."""
        ax = new_axes()
        draw_graph(decomposed_neuron(), ax=ax)
        shown = axes_texts(ax)
        for expected in ["×", "+", "×(-1)", "exp", "+1", "1/x", "w0", "x0", "w1", "x1", "w2",
                         "1.00", "-1.00", "0.37", "1.37", "0.73", "-0.53", "-0.20", "0.20", "0.39", "-0.39", "-0.59"]:
            assert expected in shown, expected
        assert "1" not in shown  # the constant 1 is folded into the +1 gate

    def test_x_plus_y_times_z_labels(self):
        """(x + y)·z shows q = 3, f = -12 and the gradients -4, -4, 3 and 1."""
        ax = new_axes((6, 3))
        draw_graph(x_plus_y_times_z(), ax=ax)
        shown = axes_texts(ax)
        for expected in ["x", "y", "z", "q", "f", "+", "×", "3.00", "-12.00", "-4.00", "1.00", "-2.00", "5.00"]:
            assert expected in shown, expected
        assert shown.count("-4.00") == 4  # ∂x, ∂y, ∂q and the value of z

    def test_sigmoid_node_labels(self):
        """The one-node neuron shows σ, 0.73 and the five input gradients."""
        ax = new_axes((8, 3.5))
        draw_graph(sigmoid_neuron(), ax=ax)
        shown = axes_texts(ax)
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
        build, intended, _ = SEEDS[name]
        ax = new_axes(size or intended)
        draw_graph(build(), ax=ax)
        assert layout_problems(ax.figure, slack=0.5) == []

    @settings(max_examples=25, deadline=None)
    @given(expressions())
    def test_random_graphs_have_no_overlaps(self, expression):
        """Random expressions (shared inputs, constants, every gate) draw with no label meeting another."""
        xs, program = expression
        nodes = run_program([Value(x, f"x{i}") for i, x in enumerate(xs)], program)
        ax = new_axes((8, 4))
        draw_graph(nodes[-1], ax=ax, step=len(nodes[-1].backward_steps()) // 2)
        assert layout_problems(ax.figure, slack=0.5) == []

    @pytest.mark.parametrize("step", [0, 3, 8])
    def test_no_overlaps_at_a_step(self, step):
        """Bold fresh gradients at a step still leave room for every label."""
        ax = new_axes()
        draw_graph(decomposed_neuron(), ax=ax, step=step)
        assert layout_problems(ax.figure, slack=0.5) == []

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

    def test_drawn_where_the_layout_says(self):
        """The public edge polylines are the layout's paths, and the root's circle is rightmost."""
        root = decomposed_neuron()
        drawing = draw_graph(root, ax=new_axes())
        lay = GraphLayout(root.topological_order(), True)
        assert list(drawing.edge_points.values()) == list(lay.paths.values())
        centers = {node: patch.get_center() for node, patch in drawing.node_patches.items() if node.op}
        assert max(centers, key=lambda n: centers[n][0]) is drawing.root

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
        assert axes_texts(full.ax) == axes_texts(last.ax)
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
        assert drawing.steps == [] and "x" in axes_texts(drawing.ax) and "2.00" in axes_texts(drawing.ax)

    def test_deep_chain(self):
        """A chain of 60 gates draws with its text at the floor, and a warning that its figure grew past a page."""
        y = Value(0.1, "x")
        for _ in range(30):
            y = (y * 1.01).tanh()
        with pytest.warns(UserWarning, match=r"draw_graph grew the figure from 12\.0×3\.0 to .* pass rows=2"):
            drawing = draw_graph(y, ax=new_axes((12, 3)))
        assert len(drawing.nodes) == 61 and png_bytes(drawing.ax.figure).startswith(b"\x89PNG")
        assert smallest_pt(drawing) >= MIN_PT - 1e-9

    def test_text_never_goes_under_the_floor(self):
        """A sum of 12 terms on a default pyplot-sized axes grows its figure's width until the text is 10 pt, and says so."""
        fig = Figure(figsize=(6.4, 4.8))
        ax = fig.add_subplot()
        with pytest.warns(UserWarning, match="to keep its text at least 10 pt"):
            drawing = draw_graph(sum_of(12), ax=ax)
        assert MIN_PT <= smallest_pt(drawing) < MIN_PT * 1.05
        width, height = fig.get_size_inches()
        assert width > WIDE_INCHES and height == 4.8  # only the short side grew

    def test_a_small_figure_grows_quietly(self):
        """The neuron on a 5×2.5 figure gets a bigger figure (under a page wide, so no warning) and 10-pt text."""
        ax = new_axes((5, 2.5))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            drawing = draw_graph(decomposed_neuron(), ax=ax)
        assert smallest_pt(drawing) >= MIN_PT - 1e-9
        width, height = ax.figure.get_size_inches()
        assert width > 5 and width * 2 == int(width * 2) and height == 2.5  # grown to a half inch
        assert layout_problems(ax.figure, slack=0.5) == []

    def test_a_roomy_figure_is_left_as_it_is(self):
        """A figure with room for 10-pt text keeps its size."""
        ax = new_axes((10, 4))
        draw_graph(x_plus_y_times_z(), ax=ax)
        assert tuple(ax.figure.get_size_inches()) == (10, 4)

    @pytest.mark.parametrize("rows", [2, 3])
    def test_rows_draw_a_long_sum_on_a_page(self, rows):
        """In 2 or 3 rows the 12-term sum fits a page at 10-pt text: no warning, no overlap, under 16 inches wide."""
        ax = new_axes((6.4, 4.8))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            drawing = draw_graph(sum_of(12), ax=ax, rows=rows)
        assert smallest_pt(drawing) >= MIN_PT - 1e-9
        assert ax.figure.get_size_inches()[0] < WIDE_INCHES
        assert layout_problems(ax.figure, slack=0.5) == []

    @pytest.mark.parametrize("rows", [2, 3])
    def test_rows_show_the_same_numbers(self, rows):
        """Bands move the labels, never change them: the same strings as in one row, at every step."""
        for step in (0, 4, None):
            one = draw_graph(decomposed_neuron(), ax=new_axes(), step=step)
            bands = draw_graph(decomposed_neuron(), ax=new_axes(), step=step, rows=rows)
            assert sorted(axes_texts(bands.ax)) == sorted(axes_texts(one.ax))

    @pytest.mark.parametrize("name", list(SEEDS))
    def test_bands_have_no_overlaps(self, name):
        """Every seed graph in two rows keeps its labels apart and inside the figure."""
        build, intended, _ = SEEDS[name]
        ax = new_axes(intended)
        draw_graph(build(), ax=ax, rows=2)
        assert layout_problems(ax.figure, slack=0.5) == []

    @settings(max_examples=20, deadline=None)
    @given(expressions())
    def test_random_graphs_in_bands_have_no_overlaps(self, expression):
        """Random expressions in two rows draw with no label meeting another."""
        xs, program = expression
        nodes = run_program([Value(x, f"x{i}") for i, x in enumerate(xs)], program)
        ax = new_axes((8, 4))
        draw_graph(nodes[-1], ax=ax, step=len(nodes[-1].backward_steps()) // 2, rows=2)
        assert layout_problems(ax.figure, slack=0.5) == []

    @pytest.mark.parametrize("rows", [0, 4, 1.5, True, "2", None])
    def test_rejects_bad_rows(self, rows):
        """rows must be a whole number from 1 to 3, and the message says what came."""
        with pytest.raises(ValueError, match=r"draw_graph expects rows to be a whole number from 1 to 3 \(got "):
            draw_graph(decomposed_neuron(), ax=new_axes(), rows=rows)

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
        assert "1" in axes_texts(ax) and "+1" not in axes_texts(ax)


class TestGraphDrawing:
    def test_one_constructor_makes_it_whole(self):
        """GraphDrawing(ax, layout, order, steps) draws and fills in everything draw_graph's does."""
        root = decomposed_neuron()
        order = root.topological_order()
        made = GraphDrawing(new_axes(), GraphLayout(order, True), order, root.backward_steps(), step=3)
        drawn = draw_graph(root, ax=new_axes(), step=3)
        assert axes_texts(made.ax) == axes_texts(drawn.ax)
        assert repr(made) == repr(drawn)
        assert_keyed_by(made, root)

    def test_update_step_matches_a_fresh_drawing(self):
        """update(step=k) shows exactly what draw_graph(step=k) draws."""
        moving = draw_graph(decomposed_neuron(), ax=new_axes(), step=0)
        for k in [5, 2, 8, 0]:
            moving.update(step=k)
            fresh = draw_graph(decomposed_neuron(), ax=new_axes(), step=k)
            assert axes_texts(moving.ax) == axes_texts(fresh.ax)

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
        assert drawing.artists() == artists
        fresh = draw_graph(decomposed_neuron((1, 1, 1, 1, 1)), ax=new_axes())
        assert axes_texts(drawing.ax) == axes_texts(fresh.ax)
        assert drawing.root is new and (new, None, 0) in drawing.value_texts

    @pytest.mark.parametrize("name", list(SEEDS))
    def test_rebinding_leaves_nothing_of_the_old_graph(self, name):
        """After update(root=rebuilt) every lookup is keyed by the new Values, nothing holds an
        old one, and a further update and step work as on a fresh drawing."""
        build, size, other = SEEDS[name]
        old = build()
        old_nodes = old.topological_order()  # kept alive, so no id is reused
        drawing = draw_graph(old, ax=new_axes(size), step=1)
        new = build(other)
        drawing.update(root=new, step=2)
        assert_keyed_by(drawing, new)
        old_ids = {id(n) for n in old_nodes}
        assert not [v for v in values_reachable_from(drawing) if id(v) in old_ids]
        third = build()
        last = len(third.backward_steps())
        drawing.update(root=third, step=last)
        assert_keyed_by(drawing, third)
        assert axes_texts(drawing.ax) == axes_texts(draw_graph(build(), ax=new_axes(size), step=last).ax)

    @settings(max_examples=25, deadline=None)
    @given(expressions())
    def test_rebinding_random_graphs(self, expression):
        """For random expressions, a rebuilt graph's drawing reads as a fresh one and holds no old Value."""
        xs, program = expression
        names = [f"x{i}" for i in range(len(xs))]
        old = run_program([Value(x, n) for x, n in zip(xs, names)], program)
        drawing = draw_graph(old[-1], ax=new_axes((8, 4)), step=0)
        new = run_program([Value(x, n) for x, n in zip(xs, names)], program)[-1]
        step = len(new.backward_steps()) // 2
        drawing.update(root=new, step=step)
        assert_keyed_by(drawing, new)
        assert not [v for v in values_reachable_from(drawing) if any(v is n for n in old)]
        assert axes_texts(drawing.ax) == axes_texts(draw_graph(new, ax=new_axes((8, 4)), step=step).ax)

    def test_rebinding_rewrites_a_changed_gate(self):
        """A rebuilt graph whose folded constant changed (×2 to ×(-1.5)) shows the new gate,
        in a smaller font so that it stays inside its circle."""
        drawing = draw_graph(Value(1.0, "x") * 2, ax=new_axes((6, 3)))
        gate = drawing.node_texts[drawing.root]
        before = gate.get_fontsize()
        drawing.update(root=Value(1.0, "x") * -1.5)
        gate = drawing.node_texts[drawing.root]
        assert gate.get_text() == "×(-1.5)" and gate.get_fontsize() < before
        renderer = drawing.ax.figure.canvas.get_renderer()
        box, circle = gate.get_window_extent(renderer), drawing.node_patches[drawing.root].get_window_extent(renderer)
        assert circle.x0 <= box.x0 and box.x1 <= circle.x1

    def test_update_rejects_another_structure(self):
        """A graph of another structure is refused with a ValueError that says so, and nothing changes."""
        root = decomposed_neuron()
        drawing = draw_graph(root, ax=new_axes(), step=2)
        before = axes_texts(drawing.ax)
        with pytest.raises(ValueError, match="same structure"):
            drawing.update(root=sigmoid_neuron(), step=3)
        assert axes_texts(drawing.ax) == before and drawing.root is root and drawing.step == 2

    def test_update_rejects_a_non_value_in_its_own_name(self):
        """A root that is not a Value is refused by GraphDrawing.update, even with a step."""
        drawing = draw_graph(decomposed_neuron(), ax=new_axes())
        with pytest.raises(TypeError, match=r"GraphDrawing.update expects a Value as the root \(got float 3.0\)"):
            drawing.update(root=3.0, step=2)

    def test_update_rejects_a_bad_step(self):
        """update checks its step as draw_graph does, and a refused new root is not taken."""
        root = decomposed_neuron()
        drawing = draw_graph(root, ax=new_axes())
        with pytest.raises(ValueError, match=r"GraphDrawing.update expects step from 0 to 8"):
            drawing.update(step=12)
        with pytest.raises(ValueError, match=r"GraphDrawing.update expects step from 0 to 8"):
            drawing.update(root=decomposed_neuron((1, 1, 1, 1, 1)), step=12)
        assert drawing.root is root

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
