"""The learner-facing sentences, one module per language, looked up by a code.

Code never decides on a sentence: a checker or a report decides on data (a code, a
field) and asks this package for the sentence only when it is shown. Each language is a
module here (``en.py``, ``ko.py``) holding one dict, ``TEXTS``, from a code such as
``"gradcheck.passed"`` to a ``str.format`` template; its fields are filled in when the
text is shown, so switching the language changes every verdict and report on display::

    import nnkit
    nnkit.set_language("ko")   # English is the default

Why not gettext: gettext keys every translation by its English sentence, so rewording an
English hint would orphan its translations (the very coupling of code to English wording
this package removes), and it needs compiled ``.mo`` files shipped beside the code. A dict
keyed by a stable code needs neither, and a test can list the keys a language misses.

A key that a language lacks falls back to English with a ``MissingTextWarning`` (once per
key): a learner mid-exercise still reads a sentence instead of a traceback, and the test
suite fails loudly on the gap, because ``missing_keys(language)`` must be empty for every
language shipped.
"""

import importlib
import string
import sys
import warnings

__all__ = ["MissingTextWarning", "Text", "available_languages", "get_language", "missing_keys",
           "set_language", "text"]

DEFAULT = "en"
_LANGUAGES = ("en", "ko")
_tables = {}
_current = DEFAULT
_warned = set()


class MissingTextWarning(UserWarning):
    """A sentence is missing in the chosen language; the English one is shown instead."""


def _table(language):
    if language not in _tables:
        _tables[language] = importlib.import_module(f"{__name__}.{language}").TEXTS
    return _tables[language]


def available_languages():
    """The codes of the languages there are, English first."""
    return _LANGUAGES


def set_language(language):
    """Show every verdict, hint, report and figure in ``language`` (``"en"``, the default).

    Figures get the fonts the language needs (``nnkit._fonts``): Korean adds a Hangul font
    behind the English one; English puts back the rcParams that were there, and a session
    that never leaves English never changes rcParams at all.
    """
    global _current
    if language not in _LANGUAGES:
        raise ValueError(f"set_language expects one of {', '.join(map(repr, _LANGUAGES))} (got {language!r}).")
    _table(language)
    _current = language
    if language != DEFAULT or "nnkit._fonts" in sys.modules:
        # imported only when needed: English alone never imports matplotlib from here
        from .. import _fonts
        _fonts.use_fonts_for(language)


def get_language():
    """The code of the language sentences are shown in."""
    return _current


def template(key, language=None):
    """The template of ``key`` in ``language`` (the current one), English when it lacks the key."""
    language = language or _current
    table = _table(language)
    if key in table:
        return table[key]
    english = _table(DEFAULT)
    if key not in english:
        raise KeyError(f"nnkit._text has no sentence with the code {key!r}.")
    if (language, key) not in _warned:
        _warned.add((language, key))
        warnings.warn(f"no {language!r} sentence for {key!r}; showing the English one.", MissingTextWarning,
                      stacklevel=3)
    return english[key]


def text(key, /, **fields):
    """The sentence of ``key`` in the current language, its fields filled in."""
    return template(key).format(**fields)


def missing_keys(language):
    """The codes English has and ``language`` lacks (empty for a complete language)."""
    return sorted(set(_table(DEFAULT)) - set(_table(language)))


def fields_of(template_text):
    """The names of the fields a template fills in."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template_text) if name}


class Text:
    """A sentence by code, rendered when shown: a field of another sentence can be one.

    ``Text("name.slope")`` formats as "the slope" in English, in the language current at
    the time it is shown.
    """

    __slots__ = ("key", "fields")

    def __init__(self, key, /, **fields):
        self.key = key
        self.fields = fields

    def __str__(self):
        return text(self.key, **self.fields)

    def __format__(self, spec):
        return format(str(self), spec)

    def __repr__(self):
        return f"Text({self.key!r})"

    def __eq__(self, other):
        return isinstance(other, Text) and (self.key, self.fields) == (other.key, other.fields)

    def __hash__(self):
        return hash(self.key)
