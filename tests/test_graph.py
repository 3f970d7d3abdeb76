"""Tests for nnkit.graph: the scalar autodiff engine behind the graph diagrams."""

import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings

from nnkit.gradcheck import numerical_derivative, relative_error
from nnkit.graph import BackwardStep, Value, logistic_neuron, maximum, rebuild

from strategies import BINARY, UNARY, expressions, is_smooth_at, run_program


def neuron_inputs():
    """The CS231n logistic neuron's inputs: w0=2, x0=-1, w1=-3, x1=-2, w2=-3."""
    return [Value(v, name) for v, name in [(2, "w0"), (-1, "x0"), (-3, "w1"), (-2, "x1"), (-3, "w2")]]


def decomposed_neuron():
    """σ(w0·x0 + w1·x1 + w2) written out as ×(-1), exp, +1 and 1/x; returns (f, inputs)."""
    w0, x0, w1, x1, w2 = inputs = neuron_inputs()
    return 1 / (1 + (-(w0 * x0 + w1 * x1 + w2)).exp()), inputs


# ----- random expressions for the gradient checks ------------------------------------
# An expression is a small program: each instruction applies one gate to earlier nodes
# (or to a constant). Guards chosen at the base point keep every gate away from its
# singularities and kinks by far more than the finite-difference step, and the same
# program is replayed for the nudged inputs, so f is smooth around the point checked.

H = 1e-5  # near the cube root of float64's epsilon: round-off and truncation balance


def check_against_differences(xs, program):
    """Compare every input's grad with the central difference of the replayed program."""
    nodes = run_program(xs, program)
    nodes[-1].backward()
    for k, x in enumerate(xs):

        def f(t, k=k):
            nudged = list(xs)
            nudged[k] = t
            return run_program(nudged, program)[-1].data

        analytic, numerical = nodes[k].grad, numerical_derivative(f, x, h=H)
        if abs(analytic) + abs(numerical) < 1e-6:  # a flat direction: no digits to compare
            assert abs(analytic - numerical) < 1e-8, (k, analytic, numerical, program)
        else:
            assert relative_error(analytic, numerical) < 1e-7, (k, analytic, numerical, program)


# ----- the tests ----------------------------------------------------------------------


class TestValue:
    def test_keeps_data_label_and_no_op(self):
        """A leaf stores its number as a float, its label, grad 0 and no operation."""
        v = Value(3, "x")
        assert (v.data, v.label, v.grad, v.op, v.inputs) == (3.0, "x", 0.0, "", ())
        assert isinstance(v.data, float)

    def test_accepts_numpy_scalars(self):
        """numpy scalars count as numbers, and numpy leaves ``np.float64 * v`` to the Value."""
        v = Value(np.float64(2.5))
        w = np.float64(2.0) * v
        assert isinstance(w, Value) and w.data == 5.0 and w.op == "×"

    def test_forward_of_every_gate(self):
        """Each gate computes the textbook value and records its op name."""
        x = Value(1.0)
        cases = [
            (x + 2, 3.0, "+"),
            (x * 3, 3.0, "×"),
            (-x, -1.0, "×(-1)"),
            (x.exp(), math.e, "exp"),
            (Value(math.e).log(), 1.0, "log"),
            (Value(4.0).reciprocal(), 0.25, "1/x"),
            (x.sigmoid(), 1 / (1 + math.exp(-1)), "σ"),
            (x.tanh(), math.tanh(1), "tanh"),
            (Value(-2.0).relu(), 0.0, "relu"),
            (Value(3.0) ** 2, 9.0, "**2"),
            (maximum(x, 4), 4.0, "max"),
        ]
        for v, data, op in cases:
            assert v.data == pytest.approx(data) and v.op == op

    def test_numbers_mix_in_on_either_side(self):
        """``2 * v``, ``1 + v``, ``1 / v`` and ``v - 3`` give the right numbers."""
        v = Value(4.0)
        assert [(2 * v).data, (1 + v).data, (1 / v).data, (v - 3).data] == [8.0, 5.0, 0.25, 1.0]
        assert [(v * 2).data, (v + 1).data, (v / 2).data, (3 - v).data] == [8.0, 5.0, 2.0, -1.0]

    def test_numbers_become_labelled_constant_leaves(self):
        """A mixed-in number becomes a leaf labelled with the number as the learner wrote it."""
        v = Value(1.0, "v")
        assert [c.label for c in (v + 1).inputs] == ["v", "1"]
        assert (v * 0.5).inputs[1].label == "0.5"
        assert (2 * v).inputs[0].label == "2"

    def test_subtraction_is_add_and_negation(self):
        """``a - b`` is ``a + (-b)``, and ``v - 3`` is one + gate with the constant -3."""
        a, b = Value(5.0, "a"), Value(2.0, "b")
        d = a - b
        assert d.op == "+" and d.inputs[0] is a and d.inputs[1].op == "×(-1)"
        e = a - 3
        assert e.op == "+" and e.inputs[1].data == -3.0 and e.data == 2.0

    def test_division_is_mul_and_reciprocal(self):
        """``a / b`` is ``a × (1/b)``, ``1 / v`` is the 1/x gate itself and ``v / 2`` is ``v × 0.5``."""
        a, b = Value(6.0, "a"), Value(3.0, "b")
        q = a / b
        assert q.op == "×" and q.inputs[1].op == "1/x" and q.data == 2.0
        r = 1 / b
        assert r.op == "1/x" and r.inputs == (b,)
        s = a / 2
        assert s.op == "×" and s.inputs[1].data == 0.5
        t = 3 / b
        assert t.op == "×" and t.inputs[0].data == 3.0 and t.inputs[1].op == "1/x"

    def test_decomposed_neuron_has_the_cs231n_gates(self):
        """``1 / (1 + (-(w0·x0 + w1·x1 + w2)).exp())`` makes exactly ×, ×, +, +, ×(-1), exp, +, 1/x."""
        f, _ = decomposed_neuron()
        ops = [n.op for n in f.topological_order() if n.op]
        assert sorted(ops) == sorted(["×", "×", "+", "+", "×(-1)", "exp", "+", "1/x"])
        plus_one = f.inputs[0]
        assert plus_one.op == "+" and any(c.label == "1" and c.data == 1.0 for c in plus_one.inputs)

    def test_decomposed_neuron_forward_chain(self):
        """The forward chain after the sum reads 1 → -1 → 0.37 → 1.37 → 0.73."""
        f, _ = decomposed_neuron()
        plus_one = f.inputs[0]
        exp_node = plus_one.inputs[1]
        neg = exp_node.inputs[0]
        total = neg.inputs[0]
        chain = [round(n.data, 2) for n in (total, neg, exp_node, plus_one, f)]
        assert chain == [1.0, -1.0, 0.37, 1.37, 0.73]

    def test_power_keeps_its_exponent_as_data(self):
        """``x ** p`` keeps p itself on the node; only its op text is rounded for the picture."""
        p = x = Value(2.0, "x") ** 0.1234567
        assert p.exponent == 0.1234567 and x.op == "**0.123457"
        assert Value(2.0).exponent is None and (Value(2.0) + 1).exponent is None

    def test_repr_tells_data_grad_op_and_label(self):
        """The repr shows the number, the gradient, the op and the label."""
        f = Value(1.0).sigmoid()
        f.label = "f"
        assert repr(f) == "Value(data=0.7311, grad=0.0, op='σ', label='f')"
        assert repr(Value(2, "w0")) == "Value(data=2.0, grad=0.0, label='w0')"

    def test_rejects_a_string(self):
        """``Value("abc")`` is a TypeError that names what came."""
        with pytest.raises(TypeError, match=r"Value expects one real number as data \(got the string 'abc'\)"):
            Value("abc")

    def test_rejects_arrays_and_bools(self):
        """An array or a bool is not one number."""
        with pytest.raises(TypeError, match="array of shape"):
            Value(np.array([1.0, 2.0]))
        with pytest.raises(TypeError, match="one real number"):
            Value(True)

    def test_rejects_nan(self):
        """A NaN is refused at the door with a ValueError."""
        with pytest.raises(ValueError, match="finite number"):
            Value(float("nan"))

    def test_rejects_an_unsupported_operand(self):
        """``v + "a"`` names the operator, what it expects and what came."""
        v = Value(1.0)
        with pytest.raises(TypeError, match=r"Value \+ expects a number or a Value \(got the string 'a'\)"):
            v + "a"
        with pytest.raises(TypeError, match="Value \\* expects a number or a Value"):
            v * [1, 2]

    def test_rejects_a_value_exponent(self):
        """``v ** v`` and ``2 ** v`` explain that only number exponents are gates."""
        v = Value(2.0)
        with pytest.raises(TypeError, match=r"plain number as the exponent \(got Value\)"):
            v**v
        with pytest.raises(TypeError, match="number \\*\\* Value is not a gate"):
            2**v

    def test_log_of_a_non_positive_number(self):
        """log of 0 or of a negative number is a ValueError naming the number."""
        with pytest.raises(ValueError, match=r"log expects a positive input \(got -1.0 from x\)"):
            Value(-1.0, "x").log()
        with pytest.raises(ValueError, match="log expects a positive input"):
            Value(0.0).log()

    def test_division_by_zero(self):
        """1/x of 0 and ``v / 0`` are ZeroDivisionErrors that say so."""
        with pytest.raises(ZeroDivisionError, match="1/x expects a nonzero input"):
            1 / Value(0.0)
        with pytest.raises(ZeroDivisionError, match="nonzero number to divide by"):
            Value(1.0) / 0

    def test_fractional_power_of_a_negative_number(self):
        """``x ** 0.5`` of a negative x is a ValueError rather than a complex number."""
        with pytest.raises(ValueError, match=r"x\*\*0.5 expects x ≥ 0"):
            Value(-4.0) ** 0.5

    def test_exp_overflow(self):
        """exp of a huge input says how large an input fits."""
        with pytest.raises(OverflowError, match="below 709"):
            Value(1000.0).exp()

    def test_sigmoid_does_not_overflow(self):
        """σ(-1000) is 0 and σ(1000) is 1, with no overflow."""
        assert Value(-1000.0).sigmoid().data == 0.0
        assert Value(1000.0).sigmoid().data == 1.0


class TestBackward:
    def test_seed_x_plus_y_times_z(self):
        """f = (x + y)·z at (-2, 5, -4): q = 3, f = -12, ∂x = ∂y = ∂q = -4, ∂z = 3."""
        x, y, z = Value(-2, "x"), Value(5, "y"), Value(-4, "z")
        q = x + y
        f = q * z
        f.backward()
        assert (q.data, f.data) == (3.0, -12.0)
        assert (x.grad, y.grad, z.grad, q.grad, f.grad) == (-4.0, -4.0, 3.0, -4.0, 1.0)

    def test_seed_two_sums_times(self):
        """j = (a + b)·(c + d): each of a, b gets c + d and each of c, d gets a + b."""
        a, b, c, d = (Value(v, n) for v, n in [(1, "a"), (2, "b"), (3, "c"), (4, "d")])
        e, f = a + b, c + d
        j = e * f
        j.backward()
        assert j.data == 21.0
        assert (a.grad, b.grad, c.grad, d.grad, e.grad, f.grad) == (7.0, 7.0, 3.0, 3.0, 7.0, 3.0)

    def test_seed_neuron_as_one_sigmoid_node(self):
        """σ(w0·x0 + w1·x1 + w2) gives 0.73 and ∂w0, ∂x0, ∂w1, ∂x1, ∂w2 = -0.20, 0.39, -0.39, -0.59, 0.20."""
        w0, x0, w1, x1, w2 = inputs = neuron_inputs()
        f = (w0 * x0 + w1 * x1 + w2).sigmoid()
        f.backward()
        assert round(f.data, 2) == 0.73
        assert [round(v.grad, 2) for v in inputs] == [-0.20, 0.39, -0.39, -0.59, 0.20]

    def test_seed_neuron_decomposed(self):
        """The ×(-1), exp, +1, 1/x version gives the same 0.73 and the same five gradients."""
        f, inputs = decomposed_neuron()
        f.backward()
        assert round(f.data, 2) == 0.73
        assert [round(v.grad, 2) for v in inputs] == [-0.20, 0.39, -0.39, -0.59, 0.20]

    def test_seed_neuron_decomposed_gradients_per_gate(self):
        """The gradients at 1/x, +1, exp and ×(-1) read -0.53, -0.53, -0.20, 0.20 as in CS231n."""
        f, _ = decomposed_neuron()
        f.backward()
        plus_one = f.inputs[0]
        exp_node = plus_one.inputs[1]
        neg = exp_node.inputs[0]
        total = neg.inputs[0]
        # the gradient on the edge into each gate: d f / d (that gate's input)
        assert [round(n.grad, 2) for n in (plus_one, exp_node, neg, total)] == [-0.53, -0.53, -0.20, 0.20]
        assert (exp_node.op, neg.op, total.op) == ("exp", "×(-1)", "+")

    def test_sigmoid_local_gradient(self):
        """The σ node's local gradient is y(1 - y): σ(1) = 0.731 and σ'(1) = 0.197."""
        x = Value(1.0)
        y = x.sigmoid()
        y.backward()
        assert round(y.data, 3) == 0.731 and round(x.grad, 3) == 0.197
        assert x.grad == pytest.approx(y.data * (1 - y.data))
        assert x.grad == pytest.approx(numerical_derivative(lambda t: Value(t).sigmoid().data, 1.0, h=H))

    def test_tanh_local_gradient(self):
        """The tanh node's local gradient is 1 - y²."""
        x = Value(0.5)
        y = x.tanh()
        y.backward()
        assert x.grad == pytest.approx(1 - y.data**2)

    def test_relu_gradient_is_zero_at_and_below_zero(self):
        """relu passes the gradient for x > 0 and blocks it for x ≤ 0."""
        grads = []
        for data in (2.0, 0.0, -1.0):
            x = Value(data)
            x.relu().backward()
            grads.append(x.grad)
        assert grads == [1.0, 0.0, 0.0]

    def test_value_used_twice_gets_both_contributions(self):
        """The copy gate: x·x gives 2x and x + x gives 2."""
        x = Value(3.0)
        (x * x).backward()
        assert x.grad == 6.0
        y = Value(3.0)
        (y + y).backward()
        assert y.grad == 2.0

    def test_value_used_in_two_branches(self):
        """A value feeding two different nodes sums what comes back: d(x·y + x)/dx = y + 1."""
        x, y = Value(2.0), Value(5.0)
        (x * y + x).backward()
        assert x.grad == 6.0

    def test_backward_twice_gives_the_same_grads(self):
        """Calling backward again resets the graph's grads first instead of adding to them."""
        f, inputs = decomposed_neuron()
        f.backward()
        first = [v.grad for v in f.topological_order()]
        f.backward()
        assert [v.grad for v in f.topological_order()] == first

    def test_backward_of_a_leaf(self):
        """A leaf's backward sets its own grad to 1 (dx/dx) and nothing else."""
        x = Value(2.0)
        x.backward()
        assert x.grad == 1.0

    def test_deep_graph_does_not_hit_the_recursion_limit(self):
        """A chain of several thousand nodes runs backward without recursion."""
        x = Value(0.5)
        y = x
        for _ in range(max(5000, sys.getrecursionlimit() + 100)):
            y = y * 1.0 + 0.0
        y.backward()
        assert x.grad == 1.0

    def test_cycle_is_refused(self):
        """A cycle made by editing inputs by hand is one clear ValueError."""
        a = Value(1.0, "a")
        b = a * 2
        b.label = "b"
        a.inputs = (b,)
        a._local = (1.0,)
        with pytest.raises(ValueError, match="has a cycle through"):
            b.backward()

    @settings(max_examples=50, deadline=None)
    @given(expressions())
    def test_random_expressions_match_central_differences(self, expression):
        """Every input's grad of a random expression matches the central difference to 1e-7."""
        check_against_differences(*expression)

    def test_gradient_check_of_every_gate(self):
        """Each gate on its own matches the central difference at a few ordinary points."""
        for op in UNARY + BINARY:
            for a, b in [(0.7, 1.3), (1.9, -0.6), (-1.2, 0.4)]:
                if is_smooth_at(op, a, b, 1.5):
                    check_against_differences([a, b], [(op, 0, 1, 1.5)])

    def test_max_routes_the_gradient_to_the_larger_input(self):
        """max(a, b) sends the whole upstream gradient to the larger input and 0 to the other."""
        a, b = Value(4.0), Value(2.0)
        m = maximum(a, b) * 3
        m.backward()
        assert (a.grad, b.grad) == (3.0, 0.0)
        a2, b2 = Value(1.0), Value(2.0)
        maximum(a2, b2).backward()
        assert (a2.grad, b2.grad) == (0.0, 1.0)


class TestTopologicalOrder:
    def test_inputs_come_before_their_consumers(self):
        """Every node comes after all of its inputs, and the root is last."""
        f, _ = decomposed_neuron()
        order = f.topological_order()
        position = {id(n): k for k, n in enumerate(order)}
        assert order[-1] is f and len(order) == 14
        assert all(position[id(c)] < position[id(n)] for n in order for c in n.inputs)

    def test_each_node_once(self):
        """A value used twice is listed once."""
        x = Value(2.0)
        order = (x * x + x).topological_order()
        assert len(order) == 3 and len({id(n) for n in order}) == 3


class TestBackwardSteps:
    def test_one_step_per_operation_node(self):
        """The decomposed neuron has 8 operation nodes, hence 8 steps numbered 1 to 8."""
        f, _ = decomposed_neuron()
        steps = f.backward_steps()
        assert [s.index for s in steps] == list(range(1, 9))
        assert all(s.total == 8 for s in steps)
        assert all(isinstance(s, BackwardStep) for s in steps)

    def test_steps_follow_the_cs231n_order(self):
        """The backward pass starts 1/x, +1, exp, ×(-1) with upstream 1, -0.53, -0.53, -0.20."""
        f, _ = decomposed_neuron()
        steps = f.backward_steps()
        assert [s.node.op for s in steps[:4]] == ["1/x", "+", "exp", "×(-1)"]
        assert [round(s.upstream, 2) for s in steps[:4]] == [1.0, -0.53, -0.53, -0.20]

    def test_downstream_is_upstream_times_local(self):
        """Each step's downstream gradient is its upstream gradient times the local one."""
        f, _ = decomposed_neuron()
        for s in f.backward_steps():
            assert len(s.inputs) == len(s.local) == len(s.downstream) == len(s.input_names)
            for local, down in zip(s.local, s.downstream):
                assert down == s.upstream * local

    def test_upstream_is_the_node_grad(self):
        """The gradient arriving at a step's node is that node's final grad."""
        f, _ = decomposed_neuron()
        for s in f.backward_steps():
            assert s.upstream == s.node.grad

    def test_same_grads_as_backward(self):
        """backward_steps leaves the same grads as backward."""
        f, _ = decomposed_neuron()
        f.backward()
        expected = [n.grad for n in f.topological_order()]
        for n in f.topological_order():
            n.grad = 123.0
        f.backward_steps()
        assert [n.grad for n in f.topological_order()] == expected

    def test_downstream_gradients_sum_to_the_grads(self):
        """Summing every step's downstream gradients per input gives each node's grad."""
        x = Value(1.5, "x")
        f = x * x + x.exp() * x
        totals = {}
        for s in f.backward_steps():
            for child, down in zip(s.inputs, s.downstream):
                totals[id(child)] = totals.get(id(child), 0.0) + down
        assert totals[id(x)] == pytest.approx(x.grad)

    def test_str_reads_as_a_sentence(self):
        """Step 3 reads 'step 3 of 8: exp node: upstream -0.53 × local 0.37 = -0.20 → to the ×(-1) node'."""
        f, _ = decomposed_neuron()
        steps = f.backward_steps()
        assert str(steps[2]) == "step 3 of 8: exp node: upstream -0.53 × local 0.37 = -0.20 → to the ×(-1) node"
        assert str(steps[1]) == "step 2 of 8: +1 node: upstream -0.53 × local 1.00 = -0.53 → to the exp node"

    def test_str_names_labelled_nodes(self):
        """Labelled nodes and inputs are named by their labels."""
        x, y, z = Value(-2, "x"), Value(5, "y"), Value(-4, "z")
        q = x + y
        q.label = "q"
        f = q * z
        f.label = "f"
        first, second = f.backward_steps()
        assert str(first) == (
            "step 1 of 2: f (× node): upstream 1.00 × local -4.00 = -4.00 → to q; "
            "upstream 1.00 × local 3.00 = 3.00 → to z"
        )
        assert second.name == "q (+ node)" and second.input_names == ("x", "y")

    def test_leaf_has_no_steps(self):
        """A leaf sends nothing, so its backward pass is an empty list (and its grad is 1)."""
        x = Value(2.0)
        assert x.backward_steps() == []
        assert x.grad == 1.0

    def test_steps_are_frozen(self):
        """A step cannot be changed after the fact."""
        step = (Value(1.0) * 2).backward_steps()[0]
        with pytest.raises(AttributeError):
            step.upstream = 5.0


class TestMaximum:
    def test_accepts_numbers_on_either_side(self):
        """``maximum(v, 0)`` and ``maximum(0, v)`` both work and label the constant."""
        v = Value(-1.0)
        assert maximum(v, 0).data == 0.0 and maximum(0, v).data == 0.0
        assert maximum(v, 0).inputs[1].label == "0"

    def test_tie_goes_to_the_first_input(self):
        """On a tie the first input gets the gradient."""
        a, b = Value(1.0), Value(1.0)
        maximum(a, b).backward()
        assert (a.grad, b.grad) == (1.0, 0.0)

    def test_rejects_a_string(self):
        """A string operand is a TypeError naming maximum."""
        with pytest.raises(TypeError, match="maximum expects a number or a Value"):
            maximum(Value(1.0), "2")


def _structure(root):
    """(op, label, exponent, constant, input positions) of every node, in topological order."""
    order = root.topological_order()
    index = {node: k for k, node in enumerate(order)}
    return [(n.op, n.label, n.exponent, n.is_constant, tuple(index[c] for c in n.inputs)) for n in order]


class TestRebuild:
    def test_new_numbers_in_the_same_graph(self):
        """x·y + x rebuilt at x = -1 gives -3, with the same gates, labels and wiring."""
        x, y = Value(3.0, "x"), Value(2.0, "y")
        f = x * y + x
        g = rebuild(f, {x: -1.0})
        assert g.data == -3.0
        assert _structure(g) == _structure(f)
        assert [n.data for n in g.topological_order()][:2] == [-1.0, 2.0]

    def test_shares_no_node_and_leaves_the_original_alone(self):
        """The new graph has new nodes only; the old one keeps its numbers and grads, even after a backward on the new."""
        x, y = Value(3.0, "x"), Value(2.0, "y")
        f = 2 * x * y + 1
        f.backward()
        before = [(n.data, n.grad) for n in f.topological_order()]
        g = rebuild(f, {y: 5.0})
        g.backward()
        assert not set(g.topological_order()) & set(f.topological_order())
        assert [(n.data, n.grad) for n in f.topological_order()] == before

    def test_a_power_keeps_every_digit_of_its_exponent(self):
        """x ** 0.1234567 rebuilt at x = 3 is 3 ** 0.1234567 exactly, not 3 ** 0.123457 from its op text."""
        x = Value(2.0, "x")
        g = rebuild(x**0.1234567, {x: 3.0})
        assert g.data == 3.0**0.1234567 and g.exponent == 0.1234567

    def test_logistic_neuron_at_other_numbers(self):
        """The lesson's neuron rebuilt with w0 = 0 is σ(0 + 6 - 3) = σ(3), the same as building it there."""
        f = logistic_neuron()
        (w0,) = [n for n in f.topological_order() if n.label == "w0"]
        g = rebuild(f, {w0: 0.0})
        assert g.data == logistic_neuron(w0=0.0).data == pytest.approx(1 / (1 + math.exp(-3)))

    @settings(max_examples=50, deadline=None)
    @given(expressions())
    def test_random_expressions_rebuild_as_replayed(self, expression):
        """A random expression rebuilt at its own inputs is the same graph; at nudged inputs it equals the replay there."""
        xs, program = expression
        nodes = run_program(xs, program)
        root = nodes[-1]
        same = rebuild(root, {})
        assert _structure(same) == _structure(root)
        assert [n.data for n in same.topological_order()] == [n.data for n in root.topological_order()]
        in_graph = set(root.topological_order())
        nudged = [x * 1.01 for x in xs]
        values = {node: v for node, v in zip(nodes, nudged) if node in in_graph}
        try:
            expected = run_program([v if n in in_graph else x for n, v, x in zip(nodes, nudged, xs)], program)[-1]
        except (ZeroDivisionError, ValueError, OverflowError):
            with pytest.raises((ZeroDivisionError, ValueError, OverflowError)):
                rebuild(root, values)
        else:
            assert rebuild(root, values).data == expected.data

    def test_a_gate_that_cannot_take_the_numbers_says_so(self):
        """1/x rebuilt at x = 0 raises the 1/x gate's own sentence."""
        x = Value(1.0, "x")
        with pytest.raises(ZeroDivisionError, match=r"1/x expects a nonzero input \(got 0.0 from x\)"):
            rebuild(1 / x, {x: 0.0})

    def test_refuses_what_is_not_an_input_of_the_graph(self):
        """A node of another graph, an operation node, a constant or a NaN is refused in one sentence."""
        x, other = Value(1.0, "x"), Value(2.0, "z")
        f = x * 3 + 1
        with pytest.raises(ValueError, match=r"rebuild expects the keys of values to be input leaves of this graph \(got z\)"):
            rebuild(f, {other: 1.0})
        with pytest.raises(ValueError, match="input leaves of this graph"):
            rebuild(f, {f.inputs[0]: 1.0})
        with pytest.raises(ValueError, match=r"got the constant 3"):
            rebuild(f, {f.inputs[0].inputs[1]: 1.0})
        with pytest.raises(ValueError, match=r"rebuild expects a finite number for x \(got float nan\)"):
            rebuild(f, {x: float("nan")})
        with pytest.raises(TypeError, match=r"rebuild expects values as a dict"):
            rebuild(f, [1.0])
        with pytest.raises(TypeError, match=r"rebuild expects a Value as the root \(got int 3\)"):
            rebuild(3, {})


class TestLogisticNeuron:
    def test_the_lesson_numbers(self):
        """At the lesson's numbers the neuron gives 0.73 and the backward pass the lesson's gradients."""
        f = logistic_neuron()
        f.backward()
        leaves = {n.label: n.grad for n in f.topological_order() if not n.inputs and not n.is_constant}
        assert round(f.data, 2) == 0.73
        assert {k: round(v, 2) for k, v in leaves.items()} == {"w0": -0.2, "x0": 0.39, "w1": -0.39, "x1": -0.59,
                                                               "w2": 0.2}

    def test_gates_and_names(self):
        """Eight steps from the output back: 1/x, +1, exp, ×(-1), then the sums and the products, the inner ones named."""
        steps = logistic_neuron().backward_steps()
        assert [s.name for s in steps] == ["1/x node", "+1 node", "exp node", "×(-1) node", "s (+ node)",
                                           "+ node", "w1x1 (× node)", "w0x0 (× node)"]
