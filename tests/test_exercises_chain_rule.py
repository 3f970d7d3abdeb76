"""The checkers of notebook 04: the reference passes, each classic slip gets its own hint (a table), a stub is not done."""

import pytest

from nnkit import solutions
from nnkit.exercises.chain_rule import (
    COPY_INPUTS,
    NEURON,
    check_add_gate,
    check_copy_gate,
    check_max_gate,
    check_mul_gate,
    check_neuron_grad,
)
from nnkit.graph import Value, maximum
from checks import assert_not_done

PAIRS = {
    check_mul_gate: [
        (15, -10, "chain.mul.own_value"), (5, 5, "chain.mul.add_rule"), (-2, 3, "chain.mul.local_only"),
        (-30, -30, "chain.mul.output"), (10, -15, "chain.mul.signs"), (3, 8, "chain.mul.added"),
        (3, -2, "chain.mul.own_local"), (-12, 15, "chain.mul.dx"), (-10, 3, "chain.mul.dy"),
        ("-10", "15", "number.quoted.hint"),
    ],
    check_add_gate: [
        (-10, 15, "chain.add.mul_swap"), (15, -10, "chain.add.values"), (1, 1, "chain.add.local_only"),
        (2.5, 2.5, "chain.add.split"), (5, 0, "chain.add.only_x"), (0, 5, "chain.add.only_y"),
        (5, -5, "chain.add.minus"), (5, 4, "chain.add.dy"),
    ],
    check_max_gate: [
        (5, 5, "chain.max.both"), (5, 0, "chain.max.loser"), (2.5, 2.5, "chain.max.split"),
        (0, 1, "chain.max.local_only"), (0, 7, "chain.max.value"), (0, 0, "chain.max.none"),
        (10 / 9, 35 / 9, "chain.max.share"), (0, 35, "chain.max.times_value"), (1, 5, "chain.max.dx"),
    ],
}


@pytest.mark.parametrize("checker", list(PAIRS), ids=lambda c: c.__name__)
def test_pair_reference_passes(checker):
    """The reference pair of each gate passes."""
    name = {check_mul_gate: "mul_gate_grads", check_add_gate: "add_gate_grads", check_max_gate: "max_gate_grads"}
    assert checker(*solutions.get(name[checker])()).passed


@pytest.mark.parametrize("checker, dx, dy, slip", [(c, *row) for c, rows in PAIRS.items() for row in rows],
                         ids=lambda v: getattr(v, "__name__", None))
def test_pair_slip_gets_its_hint(checker, dx, dy, slip):
    """Each slip of the add, mul and max gates is recognised: the verdict's slip code says which."""
    verdict = checker(dx, dy)
    assert not verdict.passed and verdict.slip == slip, repr(verdict)


def test_one_right_one_wrong_says_which():
    """A right dx with a wrong dy says dx is right."""
    assert "dx is right" in check_mul_gate(-10, 3).message


@pytest.mark.parametrize("checker", list(PAIRS), ids=lambda c: c.__name__)
@pytest.mark.parametrize("dx, dy", [(..., ...), (-10, ...)])
def test_pair_stub(checker, dx, dy):
    """A placeholder left in either answer is not done yet."""
    assert_not_done(checker(dx, dy))


class TestCopyGate:
    def test_reference(self):
        """The reference -1 passes, and it is what the graph engine finds."""
        assert check_copy_gate(solutions.get("copy_gate_grad")()).passed
        x, y, z = (Value(COPY_INPUTS[k]) for k in "xyz")
        (x * y + maximum(x, z)).backward()
        assert check_copy_gate(x.grad).passed

    @pytest.mark.parametrize("answer, slip", [
        (-2, "chain.copy.mul_only"), (1, "chain.copy.max_only"), (-0.5, "chain.copy.average"), (4, "chain.copy.own_value"),
(-3, "chain.copy.sign"), ("-1", "number.quoted.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_copy_gate(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_copy_gate(...))


class TestNeuronGrad:
    @pytest.mark.parametrize("answer", [solutions.get("neuron_grad_w0")(), 0.39, 0.393, 0.3932])
    def test_right_answers_pass(self, answer):
        """The reference, and the value to two or more decimals, pass."""
        assert check_neuron_grad(answer).passed

    def test_the_engine_agrees(self):
        """The graph engine's df/dw0 passes."""
        w0, x0, w1, x1, w2 = (Value(NEURON[k]) for k in ("w0", "x0", "w1", "x1", "w2"))
        (w0 * x0 + w1 * x1 + w2).sigmoid().backward()
        assert check_neuron_grad(w0.grad).passed

    @pytest.mark.parametrize("answer, slip", [
        (1.5 * 0.19661, "chain.neuron.times_w0"), (0.19661, "chain.neuron.stopped"), (0.7311, "chain.neuron.forward_value"),
        (2 * 0.73106, "chain.neuron.y"), (2 * 0.26894, "chain.neuron.one_minus_y"), (-0.393, "chain.neuron.sign"),
        (2.0, "chain.neuron.no_sigmoid"), (-0.20, "chain.neuron.lesson"), (0.4, "number.too_coarse.hint"),
    ])
    def test_slip_gets_its_hint(self, answer, slip):
        """Each slip is recognised: the verdict's slip code says which."""
        verdict = check_neuron_grad(answer)
        assert not verdict.passed and verdict.slip == slip, repr(verdict)

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_neuron_grad(...))
