"""The explorers' words: each explorer speaks the language current when it was built.

An explorer asks for its words through ``say(explorer, code, **fields)``; the first
question (made while the explorer is built) fixes its language, so switching
``nnkit.set_language`` later leaves the explorers already on the page as they were,
readout refreshes included, and the next explorer built speaks the new language.
"""

from .. import _text

__all__ = ["language_of", "say", "label", "translated"]


def language_of(explorer):
    """The language ``explorer`` speaks: the one current when it first asked for a word."""
    language = explorer.__dict__.get("_nnkit_language")
    if language is None:
        language = explorer.__dict__["_nnkit_language"] = _text.get_language()
    return language


def say(explorer, code, /, **fields):
    """The words of ``code`` in ``explorer``'s language, their fields filled in."""
    return _text.template(code, language_of(explorer)).format(**fields)


def label(explorer, control, code):
    """Show ``control`` under the words of ``code``; it keeps its stable name in ``explorer.controls``.

    Code (``set_value("learning rate", ...)``, the browser tests) names a control by the
    English name it was made with, in every language; only what the learner reads changes.
    """
    control.description = say(explorer, code)
    return control


def translated(explorer, codes):
    """A dict of kind -> template in ``explorer``'s language (fields still in braces), from kind -> code."""
    return {kind: _text.template(code, language_of(explorer)) for kind, code in codes.items()}
