"""The fonts a language needs in figures: Hangul for Korean, nothing for English.

matplotlib's default font, DejaVu Sans, has no Hangul: a Korean title would come out as
boxes with a "Glyph … missing from font" warning. The NanumGothic that the
``koreanize-matplotlib`` package ships (SIL Open Font License) fills the gap. We never
import ``koreanize_matplotlib`` itself: its import rewrites global rcParams for every
figure and imports ``distutils``, which Python 3.12 removed. We only find its folder and
register its .ttf files (regular, bold and extra bold) with matplotlib's font manager.

For Korean the font family becomes the English one plus NanumGothic
(``["sans-serif", "NanumGothic"]`` by default, sans-serif being DejaVu Sans): matplotlib (3.6 and
later) falls back glyph by glyph along that list, so Latin letters, Greek letters, the
minus sign and mathtext still come from DejaVu Sans, as in the English figures, and only
Hangul comes from NanumGothic. Switching back to English restores exactly the rcParams
that were there before; an English session never touches rcParams at all.
"""

import importlib.util
import os

import matplotlib
from matplotlib import font_manager

from ._text import text

__all__ = ["use_fonts_for"]

#: The family matplotlib knows the bundled font by, and the file it comes in.
HANGUL_FAMILY = "NanumGothic"
HANGUL_FILE = "NanumGothic.ttf"
#: Its heavier faces, for bold titles (registered beside it when the package ships them).
#: matplotlib reads NanumGothicBold as weight 600 and NanumGothicExtraBold as 700 ("bold"):
#: with only the first, every bold Hangul title logs "Failed to find font weight bold".
HANGUL_BOLD_FILES = ("NanumGothicBold.ttf", "NanumGothicExtraBold.ttf")
#: The package that ships the file (a dependency of nnkit).
FONT_PACKAGE = "koreanize_matplotlib"

#: The rcParams a language's fonts may change; restored exactly when English comes back.
_KEYS = ("font.family",)
_saved = None  # the rcParams values before a language changed them (None: nothing changed)
_registered = None  # the path of the font file once registered
_warned = False


def hangul_font_path():
    """The path of NanumGothic.ttf inside the installed ``koreanize_matplotlib``, or None."""
    try:
        spec = importlib.util.find_spec(FONT_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for sub in ("fonts", ""):
            path = os.path.join(folder, sub, HANGUL_FILE)
            if os.path.isfile(path):
                return path
    return None


def _register_hangul():
    """Register the bundled Hangul font with matplotlib once; True when it is there."""
    global _registered
    if _registered:
        return True
    path = hangul_font_path()
    if path is None:
        return False
    font_manager.fontManager.addfont(path)
    for name in HANGUL_BOLD_FILES:
        bold = os.path.join(os.path.dirname(path), name)
        if os.path.isfile(bold):
            font_manager.fontManager.addfont(bold)
    _registered = path
    return True


def use_fonts_for(language):
    """Set the figure fonts ``language`` needs; English puts back what was there before."""
    global _saved, _warned
    if language != "ko":
        if _saved is not None:
            for key, value in _saved.items():
                matplotlib.rcParams[key] = value
            _saved = None
        return
    if not _register_hangul():
        if not _warned:
            _warned = True
            # imported here: _validation does not import matplotlib, and this is the rare path
            from ._validation import warn
            warn(text("fonts.hangul_missing"), FontWarning)
        return
    if _saved is None:
        _saved = {key: _copy(matplotlib.rcParams[key]) for key in _KEYS}
    family = [name for name in _as_list(_saved["font.family"]) if name != HANGUL_FAMILY]
    # the English font first (DejaVu Sans by default, through "sans-serif"), so every
    # non-Hangul glyph looks as it does in English; NanumGothic only for what it lacks
    matplotlib.rcParams["font.family"] = family + [HANGUL_FAMILY]


def _as_list(value):
    return [value] if isinstance(value, str) else list(value)


def _copy(value):
    return list(value) if isinstance(value, list) else value

class FontWarning(UserWarning):
    """The font a language's figures need is not installed; its text will show as boxes."""
