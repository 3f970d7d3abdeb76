"""Checkers for the notebooks' exercises: each returns a one-line Verdict, never a traceback.

The checkers of each notebook live in their own module (``forward``, ``loss``,
``derivatives``, ``chain_rule``, ``backprop``, ``training``) and are re-exported here.
The reference solutions are in ``nnkit.solutions``, out of sight until a learner asks:
``nnkit.solutions.show("relu_backward")``.
"""

from ._verdict import Verdict

__all__ = ["Verdict"]
