"""How the backward pass reads: the op names, a node's name in a sentence, and ``BackwardStep``.

Nothing here computes: these functions read a node's ``op``, ``label`` and inputs, so the
engine (``value``), the diagrams and the explorers name things the same way.
"""

from dataclasses import dataclass

from .._format import format_value
from .._text import template

__all__ = ["ADD", "MUL", "NEG", "MAX", "EXP", "LOG", "RECIPROCAL", "SIGMOID", "TANH", "RELU",
           "BackwardStep", "gate_label"]

# The op names a learner sees in diagrams and step texts.
ADD, MUL, NEG, MAX = "+", "×", "×(-1)", "max"
EXP, LOG, RECIPROCAL = "exp", "log", "1/x"
SIGMOID, TANH, RELU = "σ", "tanh", "relu"


def _folded_constant(node):
    """The constant input a diagram folds into a ``+``/``×`` gate (``+1``, ``×2``), or None."""
    if node.op in (ADD, MUL) and len(node.inputs) == 2:
        a, b = node.inputs
        if b._constant and not a._constant:
            return b
        if a._constant and not b._constant:
            return a
    return None


def gate_label(node):
    """The text inside a node's circle: its op, with a folded constant (``+1``, ``×(-1)``)."""
    const = _folded_constant(node)
    if const is None:
        return node.op
    c = const.label
    return node.op + (f"({c})" if const.data < 0 else c)


def _say(language, code, **fields):
    return template(code, language).format(**fields)


def _name(node, language=None):
    """A node as a step names it: ``exp node``, ``q (+ node)``, ``w0``, ``constant 1``.

    In ``language`` (the current one when None), as every text of this module.
    """
    if node.op:
        gate = _say(language, "steps.node", gate=gate_label(node))
        return _say(language, "steps.named_node", label=node.label, gate=gate) if node.label else gate
    if node.label:
        return _say(language, "steps.constant", label=node.label) if node._constant else node.label
    return _say(language, "steps.leaf", value=format_value(node.data))


def _target(node, language=None):
    """A node as the object of a sentence: ``the exp node``, ``q``, ``w0``."""
    if node.label and not node._constant:
        return node.label
    return _say(language, "steps.target", name=_name(node, language))


@dataclass(frozen=True)
class BackwardStep:
    """One operation node's work in the backward pass.

    Attributes:
        index: the step's number, from 1.
        total: how many steps the pass has (the number of operation nodes).
        node: the Value being processed.
        name: a readable name for it, such as ``"exp node"``.
        upstream: the gradient arriving at the node, d(root)/d(node).
        inputs: the node's inputs.
        input_names: a readable name for each input.
        local: the local gradient d(node)/d(input) for each input.
        downstream: what the node sends to each input, upstream × local.
    """

    index: int
    total: int
    node: "Value"  # (nnkit.graph.value.Value: a name only, so this module needs no import of it)
    name: str
    upstream: float
    inputs: tuple
    input_names: tuple
    local: tuple
    downstream: tuple

    def __str__(self):
        return self.sentence()

    def sentence(self, language=None):
        """The step as one line, in ``language`` (the current one when None): what ``str`` gives.

        The names are made again in that language (``name`` and ``input_names`` hold the
        ones of the language current when the pass ran).
        """
        folded = _folded_constant(self.node)
        parts = [
            _say(language, "steps.part", upstream=format_value(self.upstream), local=format_value(local),
                 down=format_value(down), target=_target(child, language))
            for child, local, down in zip(self.inputs, self.local, self.downstream)
            if child is not folded  # the +1 gate's constant is part of the gate, not a target
        ]
        return _say(language, "steps.line", index=self.index, total=self.total,
                    name=_name(self.node, language)) + _say(language, "steps.separator").join(parts)


def _make_steps(raw):
    total = len(raw)
    return [
        BackwardStep(
            index=k,
            total=total,
            node=node,
            name=_name(node),
            upstream=upstream,
            inputs=node.inputs,
            input_names=tuple(_target(child) for child in node.inputs),
            local=local,
            downstream=downstream,
        )
        for k, (node, upstream, local, downstream) in enumerate(raw, start=1)
    ]
