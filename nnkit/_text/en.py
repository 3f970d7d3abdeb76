"""The English sentences of nnkit: every checker verdict, hint and gradient-check line.

A template is keyed by a code; code decides on the code, never on the words, so a
sentence here can be reworded (or translated in a sibling module) without changing a
verdict. Fields in braces are filled in when the sentence is shown.
"""

TEXTS = {
    # ----- gradcheck: the report of check_layer -----------------------------------------
    "gradcheck.title": "gradient check of {layer}",
    "gradcheck.col.name": "name",
    "gradcheck.col.shape": "shape",
    "gradcheck.col.error": "max rel. error",
    "gradcheck.worst": "{name}: worst at index {index}: backward gives {analytic}, the numerical gradient {numerical}",
    "gradcheck.look_closer": ("look closer at {names}: an error between 1e-7 and 1e-4 is usually round-off on "
                              "extreme inputs or a tiny δ inside a log; a slip gives errors near 1"),
    "gradcheck.passed": "passed (fine below {fine}, wrong above {tol})",
    "gradcheck.failed": "FAILED (fine below {fine}, wrong above {tol})",
    "gradcheck.problem.backward_raised": "backward raised {error}: {message}",
    "gradcheck.problem.returned_none": "backward returned None instead of a gradient; end it with return dx.",
    "gradcheck.problem.changed_dout": "backward changed the dout it was given; it must leave dout as it is.",
    "gradcheck.problem.replaced_grads": "backward replaced the arrays in grads; write into them with grads[i][...] = ...",
    "gradcheck.problem.changed_params": ("backward changed the parameters; it only computes gradients "
                                         "(the optimizer takes the step)."),
    "gradcheck.problem.changed_output": ("backward changed the output forward returned; the layer above "
                                         "still holds that array: compute into a new one."),
    "gradcheck.problem.second_call_differs": ("a second backward with the same dout gave other numbers: "
                                              "backward must not add into grads (+=) or change what forward stored."),
    "gradcheck.problem.wrong_shape": "the gradient for {name} has shape {got} but {name} has shape {expected}.",
    "gradcheck.problem.wrong_count": "backward returned {got} gradient(s) for {expected} input(s).",
}
