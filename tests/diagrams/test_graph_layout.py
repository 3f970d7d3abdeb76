"""Tests for nnkit.diagrams._layout: where a computational graph's nodes, edges and labels go."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnkit.diagrams._layout import GraphLayout, _pava_decreasing, gate_size, node_text, structure
from nnkit.diagrams._look import BASE_PT
from nnkit.graph import Value
from seed_graphs import SEEDS, decomposed_neuron, many_shared, sum_of, values_reachable_from, x_plus_y_times_z
from strategies import expressions, run_program


def layout_of(root, fold_constants=True, rows=1):
    return GraphLayout(root.topological_order(), fold_constants, rows)


TREES = {"x_plus_y_times_z": SEEDS["x_plus_y_times_z"][0], "two_sums_times": SEEDS["two_sums_times"][0],
         "sigmoid_neuron": SEEDS["sigmoid_neuron"][0], "decomposed_neuron": decomposed_neuron, "sum_of_12": sum_of}


def segments_cross(p1, p2, q1, q2):
    """Whether two segments cross at a point inside both (touching ends do not count)."""
    d = (p2[0] - p1[0]) * (q2[1] - q1[1]) - (p2[1] - p1[1]) * (q2[0] - q1[0])
    if abs(d) < 1e-12:
        return False
    t = ((q1[0] - p1[0]) * (q2[1] - q1[1]) - (q1[1] - p1[1]) * (q2[0] - q1[0])) / d
    u = ((q1[0] - p1[0]) * (p2[1] - p1[1]) - (q1[1] - p1[1]) * (p2[0] - p1[0])) / d
    return 1e-6 < t < 1 - 1e-6 and 1e-6 < u < 1 - 1e-6


def count_crossings(paths):
    total = 0
    for a, b in itertools.combinations(paths, 2):
        for p1, p2 in zip(a, a[1:]):
            for q1, q2 in zip(b, b[1:]):
                total += segments_cross(p1, p2, q1, q2)
    return total


class TestStructure:
    def test_rebuilt_graph_has_the_same_structure(self):
        """The same expression with other numbers has the same structure."""
        old, new = decomposed_neuron(), decomposed_neuron((1, 1, 1, 1, 1))
        assert structure(old.topological_order()) == structure(new.topological_order())

    def test_another_operation_or_wiring_differs(self):
        """Another gate, or the same gates wired to other inputs, is another structure."""
        x, y = Value(1.0, "x"), Value(2.0, "y")
        base = structure((x + y).topological_order())
        assert structure((x * y).topological_order()) != base
        assert structure((x + x).topological_order()) != base

    def test_it_is_made_of_positions(self):
        """A structure names inputs by position, so it holds no Value."""
        assert values_reachable_from(structure(x_plus_y_times_z().topological_order())) == []


class TestNodeText:
    def test_texts(self):
        """A folded gate reads +1, an unfolded one +, a leaf its label or its number."""
        x = Value(2.5)
        node = x + 1
        assert node_text(node, folded=True) == "+1"
        assert node_text(node, folded=False) == "+"
        assert node_text(Value(2.0, "w0"), folded=False) == "w0"
        assert node_text(x, folded=False) == "2.5"

    def test_negative_constant_in_brackets(self):
        """A negative folded constant is bracketed: ×(-1)."""
        assert node_text(-Value(2.0, "x"), folded=True) == "×(-1)"


class TestGateSize:
    def test_symbols_large_long_texts_small(self):
        """A lone symbol is drawn larger than a word, a long text smaller still but never tiny."""
        assert gate_size("+") > gate_size("exp") >= gate_size("×(-123.5)") >= BASE_PT * 0.7


class TestPava:
    @settings(max_examples=60)
    @given(st.lists(st.tuples(st.floats(-5, 5), st.floats(0, 2)), min_size=1, max_size=8))
    def test_keeps_every_gap(self, pairs):
        """Each y sits at least its gap below the one before."""
        targets, gaps = [t for t, _ in pairs], [g for _, g in pairs]
        ys = _pava_decreasing(targets, gaps)
        assert all(ys[i] <= ys[i - 1] - gaps[i] + 1e-9 for i in range(1, len(ys)))

    def test_targets_that_keep_the_gaps_stay(self):
        """Targets already far enough apart are returned as they are."""
        assert _pava_decreasing([3.0, 1.0, -2.0], [0.0, 1.0, 1.0]) == pytest.approx([3.0, 1.0, -2.0])

    def test_least_squares_for_two_that_clash(self):
        """Two targets too close move apart symmetrically, as least squares wants."""
        assert _pava_decreasing([0.0, 0.0], [0.0, 1.0]) == pytest.approx([0.5, -0.5])


class TestGraphLayout:
    @pytest.mark.parametrize("name", list(SEEDS))
    def test_holds_no_value(self, name):
        """The layout is keyed by node positions: it keeps no Value of the graph it was made from."""
        assert values_reachable_from(layout_of(SEEDS[name][0]())) == []

    @settings(max_examples=25, deadline=None)
    @given(expressions())
    def test_random_graphs_hold_no_value(self, expression):
        """Random expressions (shared inputs, constants, every gate) give layouts without a Value."""
        xs, program = expression
        nodes = run_program([Value(x, f"x{i}") for i, x in enumerate(xs)], program)
        assert values_reachable_from(layout_of(nodes[-1])) == []

    def test_every_edge_has_a_path_and_an_anchor(self):
        """Every edge gets a polyline and a place for its labels, inside the bounds."""
        lay = layout_of(many_shared())
        assert set(lay.paths) == set(lay.edges) == set(lay.anchors)
        x0, x1, y0, y1 = lay.bounds
        for path in lay.paths.values():
            assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in path)

    def test_folded_constants_are_not_nodes(self):
        """The 1 of 1 + v is folded into its gate: it is no drawn node, and no edge leaves it."""
        order = decomposed_neuron().topological_order()
        lay = GraphLayout(order, fold_constants=True)
        constants = {i for i, n in enumerate(order) if n.is_constant}
        assert constants and constants == set(lay.folded.values())
        assert not constants & set(lay.nodes)
        assert not constants & {source for source, _, _ in lay.edges}
        unfolded = GraphLayout(order, fold_constants=False)
        assert constants <= set(unfolded.nodes) and unfolded.folded == {}

    def test_shared_values_get_copy_points(self):
        """In x·x the input x is used twice: one stem to a copy point, two branches."""
        x = Value(3.0, "x")
        lay = layout_of(x * x)
        assert lay.shared == [0] and list(lay.copy_center) == [0]
        assert lay.branches == {(0, 1, 0), (0, 1, 1)}
        assert (0, None, 0) in lay.edges and (1, None, 0) in lay.edges

    @pytest.mark.parametrize("name", ["x_plus_y_times_z", "two_sums_times", "sigmoid_neuron", "decomposed_neuron"])
    def test_no_crossing_edges(self, name):
        """The seed graphs (trees) are laid out without crossing edges."""
        assert count_crossings(list(layout_of(SEEDS[name][0]()).paths.values())) == 0

    def test_deep_chain(self):
        """A chain of 60 gates is laid out in a row without crossings."""
        y = Value(0.1, "x")
        for _ in range(30):
            y = (y * 1.01).tanh()
        lay = layout_of(y)
        assert len(lay.nodes) == 61 and count_crossings(list(lay.paths.values())) == 0

    def test_inputs_left_output_right(self):
        """Every edge runs left to right, and the root is the rightmost node."""
        lay = layout_of(decomposed_neuron())
        for points in lay.paths.values():
            xs = [p[0] for p in points]
            assert xs == sorted(xs)
        root = lay.nodes[-1]
        assert max(lay.center, key=lambda i: lay.center[i][0]) == root

    def test_inputs_keep_their_order(self):
        """The first input of a gate is drawn above the second (w0 above x0)."""
        order = decomposed_neuron().topological_order()
        lay = GraphLayout(order, True)
        y = {order[i].label: lay.center[i][1] for i in lay.nodes if order[i].label}
        assert y["w0"] > y["x0"] > y["w1"] > y["x1"]


class TestBands:
    """GraphLayout(order, fold_constants, rows): a long graph cut into bands stacked top to bottom."""

    def test_one_row_is_one_band(self):
        """rows=1 (the default) puts every column in band 0, with no lane between bands."""
        lay = layout_of(decomposed_neuron())
        assert set(lay.band_of) == {0} and lay.connectors == {}

    def test_two_rows_make_the_neuron_narrower(self):
        """The logistic neuron in two bands is at most 60 % as wide as in one, and taller."""
        one, two = layout_of(decomposed_neuron()), layout_of(decomposed_neuron(), rows=2)
        width = lambda lay: lay.bounds[1] - lay.bounds[0]
        height = lambda lay: lay.bounds[3] - lay.bounds[2]
        assert set(two.band_of) == {0, 1}
        assert width(two) <= 0.6 * width(one)
        assert height(two) > height(one)

    @pytest.mark.parametrize("rows", [2, 3])
    @pytest.mark.parametrize("name", list(TREES))
    def test_trees_in_bands_have_no_crossing_edges(self, name, rows):
        """The lanes between bands cross no edge and no other lane: a tree stays crossing-free."""
        assert count_crossings(list(layout_of(TREES[name](), rows=rows).paths.values())) == 0

    @pytest.mark.parametrize("rows", [2, 3])
    def test_each_band_lies_under_the_one_before(self, rows):
        """Every node of a band sits lower than every node of the band above, and each band starts at the left."""
        lay = layout_of(sum_of(12), rows=rows)
        band = {i: lay.band_of[lay.item_of[i].layer] for i in lay.nodes}
        assert set(band.values()) == set(range(rows))
        for b in range(1, rows):
            above = min(lay.center[i][1] for i in lay.nodes if band[i] == b - 1)
            below = max(lay.center[i][1] for i in lay.nodes if band[i] == b)
            assert below < above - 2 * lay.radius
            left = min(lay.center[i][0] for i in lay.nodes if band[i] == b)
            assert left < lay.bounds[0] + lay.dx

    @pytest.mark.parametrize("name", list(TREES))
    def test_lanes_run_straight_inside_the_bounds(self, name):
        """An edge cut between bands goes right, down, left and up in straight runs, inside the bounds."""
        lay = layout_of(TREES[name](), rows=2)
        x0, x1, y0, y1 = lay.bounds
        assert lay.connectors
        for edge, lanes in lay.connectors.items():
            path = lay.paths[edge]
            for down_x, lane_y, up_x in lanes:
                assert (down_x, lane_y) in path and (up_x, lane_y) in path
                k = path.index((down_x, lane_y))
                for (ax_, ay), (bx, by) in zip(path[k - 1 : k + 3], path[k : k + 3]):
                    assert ax_ == bx or ay == by  # horizontal or vertical
            assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in path)

    def test_an_edge_can_cross_two_cuts(self):
        """A value used at the start and at the end of a long chain has one lane per cut its branch crosses."""
        x = Value(0.5, "x")
        y = x * 1.5
        for _ in range(8):
            y = (y * 1.01).tanh()
        f = y * x
        lay = layout_of(f, rows=3)
        assert max(len(lanes) for lanes in lay.connectors.values()) == 2
        x0, x1, y0, y1 = lay.bounds
        for path in lay.paths.values():
            assert all(x0 <= px <= x1 and y0 <= py <= y1 for px, py in path)

    @settings(max_examples=20, deadline=None)
    @given(expressions(), st.sampled_from([2, 3]))
    def test_random_graphs_in_bands(self, expression, rows):
        """Random expressions in bands: every edge has a path inside the bounds, and the layout keeps no Value."""
        xs, program = expression
        nodes = run_program([Value(x, f"x{i}") for i, x in enumerate(xs)], program)
        lay = layout_of(nodes[-1], rows=rows)
        x0, x1, y0, y1 = lay.bounds
        for path in lay.paths.values():
            assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in path)
        assert values_reachable_from(lay) == []
