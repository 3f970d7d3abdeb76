"""Helpers for the Korean-edition tests: English words left in what a learner reads, and Hangul in figures.

``english_words(strings)`` finds runs of three or more ASCII letters that are not in
``ALLOWED``: the names that stay as they are in the Korean edition, because they are code,
maths or the proper name of a method (each one justified below).
"""

import contextlib
import html
import re

import ipywidgets

import nnkit

#: Words a Korean figure or readout may keep, lower-cased, with why.
ALLOWED = {
    # functions and layers written as code or maths: σ's name, softmax(s), log, exp, max,
    # the activations' option values, the layer a readout names
    "sigmoid", "relu", "tanh", "softmax", "log", "exp", "max", "softmaxwithloss", "cross_entropy_error",
    # optimizers' proper names (the playground's options are its code values, lower case)
    "sgd", "adam",
    # initializations named after people, and the XOR data set's name
    "xavier", "xor",
    # a number that is not one
    "nan",
}

_WORD = re.compile(r"[A-Za-z_]+")
_TAG = re.compile(r"<[^>]+>")


def readable(value):
    """An HTML readout as the text a learner reads (tags dropped, entities decoded)."""
    return html.unescape(_TAG.sub(" ", value))


def english_words(strings):
    """The words of three or more ASCII letters in ``strings`` that are not in ``ALLOWED``, with where they came from."""
    found = []
    for s in strings:
        for word in _WORD.findall(s):
            if sum(c.isalpha() for c in word) >= 3 and word.lower() not in ALLOWED:
                found.append(f"{word!r} in {s!r}")
    return found


def widget_strings(widget):
    """The words a widget shows: its description, tooltip, option labels and, for HTML, its text (children too)."""
    out = []
    for attr in ("description", "tooltip"):
        value = getattr(widget, attr, None)
        if isinstance(value, str) and value:
            out.append(value)
    if isinstance(widget, (ipywidgets.ToggleButtons, ipywidgets.Dropdown)):
        out += [label for label, _ in widget.options] if isinstance(widget.options[0], tuple) else []
    if isinstance(widget, ipywidgets.HTML) and "nnkit-code-line" not in widget._dom_classes \
            and not widget.value.lstrip().startswith("<style"):
        out.append(readable(widget.value))
    for child in getattr(widget, "children", ()):
        out += widget_strings(child)
    return out


@contextlib.contextmanager
def korean():
    """Within the block nnkit speaks Korean and figures draw Hangul (set_language registers the font); English after."""
    nnkit.set_language("ko")
    try:
        yield
    finally:
        nnkit.set_language("en")
