"""A static picture beside every explorer, for the viewers that have no live kernel.

An explorer is an ipywidgets widget: its output is a widget view (a model id) and a line of
text. Only a front end with a live kernel (or a widget state it can load and trusts) can
draw the view; everywhere else the learner got the text line or nothing: a stored notebook
opened in JupyterLab or Notebook 7 (an untrusted notebook shows a widget view as its text),
``jupyter nbconvert --to html`` opened offline, GitHub's notebook viewer.

So an explorer is displayed as two outputs, one after the other:

1. its current figure as a plain ``image/png`` output, which every viewer shows;
2. the widget view with its text line, as ipywidgets displays it.

With a live kernel the learner must see the figure once, in the live widget. The explorer's
style block carries ``HIDE_PICTURE_CSS``: the output area right before a rendered explorer,
when it holds a picture, is hidden. The rule is in the widget, so it exists only where the
widget really rendered; where the widget does not render (no kernel, no widget manager, a
model that is not found) nothing hides the picture. It is written for the output areas of
JupyterLab 4, Notebook 7 and Voilà (``.jp-OutputArea-child``) and of the classic Notebook 6
(``.output_area``), with CSS ``:has()`` (Chromium 105, Safari 15.4, Firefox 121). Only the
output *right before* an explorer is hidden, and only if it is an image, so a learner's own
figures and prints in the same cell stay.

Strict nbval does not compare ``image/png`` (its pixels may differ by machine), so the
picture adds nothing machine-dependent to the stored outputs; the widget's text line is
still compared.

Colab draws outputs in a front end of its own, where the rule above is not known to match;
a live Colab kernel (``google.colab`` imported) gets the widget view alone, so the learner
there sees one figure too (a notebook saved from Colab then holds no picture).

Works with ipywidgets 7 (``Widget._ipython_display_``) and 8 (``Widget._repr_mimebundle_``).
"""

import base64
import sys

import ipywidgets as widgets
from IPython.display import display

__all__ = ["HIDE_PICTURE_CSS", "PICTURE_MIME", "display_with_picture", "picture_bundle", "wants_picture"]

PICTURE_MIME = "image/png"

#: Hides the static picture output right before a live explorer (see the module docstring).
HIDE_PICTURE_CSS = """<style>
.jp-OutputArea-child:has(> .jp-RenderedImage):has(+ .jp-OutputArea-child .nnkit-explorer),
.output_area:has(> .output_png):has(+ .output_area .nnkit-explorer) { display: none; }
</style>"""


def picture_bundle(explorer):
    """The static picture of ``explorer``'s current figure, as a (data, metadata) display bundle.

    The PNG is the one the live widget shows now (``explorer.render_png()``): no second
    rendering, and what a viewer without a kernel shows is what the learner saw.
    """
    png = explorer.render_png()
    return {PICTURE_MIME: base64.b64encode(png).decode("ascii")}, {}


def wants_picture():
    """False in a Colab kernel: the hiding rule is not known to reach Colab's output frames."""
    return "google.colab" not in sys.modules


def display_with_picture(explorer):
    """Display ``explorer`` as its static picture, then its widget view (ipywidgets 7 and 8).

    A closed explorer (its comm gone) has no view any more: only its text line is shown. In
    Colab (``wants_picture()`` is False) the widget view comes alone.
    """
    if getattr(explorer, "comm", None) is None:
        display({"text/plain": repr(explorer)}, raw=True)
        return
    if wants_picture():
        data, metadata = picture_bundle(explorer)
        display(data, metadata=metadata, raw=True)
    if hasattr(widgets.Widget, "_ipython_display_"):  # ipywidgets 7 displays itself
        widgets.Widget._ipython_display_(explorer)
    else:  # ipywidgets 8: the view's bundle (text/plain and the widget view)
        display(widgets.Widget._repr_mimebundle_(explorer), raw=True)
