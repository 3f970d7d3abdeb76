"""Checkers for the notebooks' exercises: each returns a one-line Verdict, never a traceback.

A Verdict is data (its outcome, the codes of its message and hint, the slip it named);
its sentences come from ``nnkit._text`` when it is shown, in the language chosen with
``nnkit.set_language``.

Each notebook's checkers live in a module of their own, imported from there::

    from nnkit.exercises.forward import check_h2          # 01 · Forward propagation
    from nnkit.exercises.loss import check_cross_entropy  # 02 · Loss
    # derivatives (03), chain_rule (04), backprop (05), training (06)

(Two notebooks each have a ``check_learning_rate``, so the names are not gathered here.)
The reference solutions are in ``nnkit.solutions``, out of sight until a learner asks:
``nnkit.solutions.show("relu_backward")``.
"""

from ._verdict import Outcome, Verdict

__all__ = ["Outcome", "Verdict"]
