"""The checkers of notebook 04: the reference passes, each classic slip gets its own hint, a stub is not done."""

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
from checks import assert_not_done, assert_wrong


class TestMulGate:
    def test_reference(self):
        """The reference (-10, 15) passes."""
        assert check_mul_gate(*solutions.get("mul_gate_grads")()).passed

    def test_own_input(self):
        """Multiplying by the own input is told that the mul gate swaps."""
        assert_wrong(check_mul_gate(15, -10), "swaps")

    def test_add_rule(self):
        """Passing the upstream on unchanged is told that this is the add gate's rule."""
        assert_wrong(check_mul_gate(5, 5), "add gate's rule")

    def test_forgot_upstream(self):
        """The local gradients alone are told to multiply by the upstream."""
        assert_wrong(check_mul_gate(-2, 3), "multiply it by the upstream")

    def test_one_right(self):
        """A right dx with a wrong dy names dy."""
        verdict = check_mul_gate(-10, 3)
        assert_wrong(verdict, "dy = upstream × x")
        assert "dx is right" in verdict.message

    def test_stub(self):
        """The stubs ... are not done yet."""
        assert_not_done(check_mul_gate(..., ...))
        assert_not_done(check_mul_gate(-10, ...))


class TestAddGate:
    def test_reference(self):
        """The reference (5, 5) passes."""
        assert check_add_gate(*solutions.get("add_gate_grads")()).passed

    def test_mul_rule(self):
        """The mul gate's swap is told that add's local gradients are 1."""
        assert_wrong(check_add_gate(-10, 15), "mul gate's swap")

    def test_local_only(self):
        """(1, 1) is told to multiply by the upstream."""
        assert_wrong(check_add_gate(1, 1), "multiply it by the upstream")

    def test_split(self):
        """Splitting 5 into 2.5 + 2.5 is told that add does not split."""
        assert_wrong(check_add_gate(2.5, 2.5), "does not split")

    def test_stub(self):
        """The stubs ... are not done yet."""
        assert_not_done(check_add_gate(..., ...))


class TestMaxGate:
    def test_reference(self):
        """The reference (0, 5) passes."""
        assert check_max_gate(*solutions.get("max_gate_grads")()).passed

    def test_both_inputs(self):
        """Giving the gradient to both inputs is told that max routes to the winner."""
        assert_wrong(check_max_gate(5, 5), "gave the gradient to both inputs")

    def test_wrong_winner(self):
        """Routing to the smaller input is told which one won."""
        assert_wrong(check_max_gate(5, 0), "the larger input")

    def test_value_instead_of_gradient(self):
        """Sending y's value 7 is told that the winner gets the upstream."""
        assert_wrong(check_max_gate(0, 7), "7 is y's value")

    def test_stub(self):
        """The stubs ... are not done yet."""
        assert_not_done(check_max_gate(..., ...))


class TestCopyGate:
    def test_reference(self):
        """The reference -1 passes, and it is what the graph engine finds."""
        assert check_copy_gate(solutions.get("copy_gate_grad")()).passed
        x, y, z = (Value(COPY_INPUTS[k]) for k in "xyz")
        (x * y + maximum(x, z)).backward()
        assert check_copy_gate(x.grad).passed

    def test_only_mul_path(self):
        """Keeping only the mul path's -2 is told to add the max path."""
        assert_wrong(check_copy_gate(-2), "add what comes back from there")

    def test_only_max_path(self):
        """Keeping only the max path's 1 is told to add the mul path."""
        assert_wrong(check_copy_gate(1), "x also feeds x·y")

    def test_average(self):
        """Averaging the two is told to add them."""
        assert_wrong(check_copy_gate(-0.5), "does not average")

    def test_own_value(self):
        """Using x's own value on the mul path is told that mul swaps."""
        assert_wrong(check_copy_gate(4), "the mul gate swaps")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_copy_gate(...))


class TestNeuronGrad:
    def test_reference(self):
        """The reference 0.393 passes, as do the engine's number and a two-decimal answer."""
        assert check_neuron_grad(solutions.get("neuron_grad_w0")()).passed
        w0, x0, w1, x1, w2 = (Value(NEURON[k]) for k in ("w0", "x0", "w1", "x1", "w2"))
        (w0 * x0 + w1 * x1 + w2).sigmoid().backward()
        assert check_neuron_grad(w0.grad).passed
        assert check_neuron_grad(0.39).passed

    def test_own_input(self):
        """w0·σ' is told that the mul gate gives w0 the other input."""
        assert_wrong(check_neuron_grad(1.5 * 0.19661), "not × w0")

    def test_stopped_at_the_sum(self):
        """σ' alone is told that one node is left."""
        assert_wrong(check_neuron_grad(0.19661), "one node is left")

    def test_forward_value(self):
        """The forward value σ(1) is told apart from a gradient."""
        assert_wrong(check_neuron_grad(0.7311), "forward value")

    def test_y_instead_of_y_one_minus_y(self):
        """x0·y is told that the local gradient is y(1 - y)."""
        assert_wrong(check_neuron_grad(2 * 0.73106), "y(1 - y), not y")

    def test_stub(self):
        """The stub ... is not done yet."""
        assert_not_done(check_neuron_grad(...))
