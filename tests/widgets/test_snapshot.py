"""Tests for nnkit.widgets._snapshot: an explorer is displayed as its static picture, then its widget view.

The CSS that hides the picture under a live explorer is checked where it acts, in the
browser tests (JupyterLab, Voilà, Notebook 6); here: what is published, in which order.
"""

import base64
import sys
import types

import ipywidgets
import pytest
from IPython.core.formatters import DisplayFormatter

from nnkit.widgets import _snapshot
from nnkit import widgets as W

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def published(monkeypatch):
    """The (data, metadata) of every display call _snapshot makes, in order (no kernel needed)."""
    calls = []

    def display(data, *, metadata=None, raw=False):
        assert raw, "a raw bundle is published, not an object to format"
        calls.append((data, metadata or {}))

    monkeypatch.setattr(_snapshot, "display", display)
    # ipywidgets 7 publishes the view itself, with the display its widget module imported
    if hasattr(ipywidgets.Widget, "_ipython_display_"):
        monkeypatch.setattr(ipywidgets.widgets.widget, "display", display)
    return calls


class TestDisplayWithPicture:
    def test_picture_then_widget_view(self, published):
        """Two outputs: the figure as image/png first, then the widget view with the explorer's text line."""
        explorer = W.sigmoid_explorer()
        _snapshot.display_with_picture(explorer)
        assert len(published) == 2
        (picture, _), (view, _) = published
        assert set(picture) == {"image/png"}
        assert base64.b64decode(picture["image/png"]) == explorer.render_png()
        assert view[WIDGET_VIEW]["model_id"] == explorer.model_id
        assert view["text/plain"] == repr(explorer)

    def test_picture_follows_the_controls(self, published):
        """The picture is the figure as it is now: after a move it is the new PNG."""
        explorer = W.sigmoid_explorer()
        before = explorer.render_png()
        explorer.set_value("w", 3.0)
        _snapshot.display_with_picture(explorer)
        png = base64.b64decode(published[0][0]["image/png"])
        assert png.startswith(PNG_SIGNATURE) and png == explorer.render_png() != before

    def test_no_picture_in_colab(self, published, monkeypatch):
        """In a Colab kernel (google.colab imported) the widget view is published alone."""
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
        explorer = W.sigmoid_explorer()
        _snapshot.display_with_picture(explorer)
        assert [set(data) for data, _ in published] == [{"text/plain", WIDGET_VIEW}]

    def test_closed_explorer_shows_only_its_text(self, published):
        """An explorer whose widget was closed has no view any more: only its text line is published."""
        explorer = W.tangent_explorer()
        text = repr(explorer)
        explorer.close()
        _snapshot.display_with_picture(explorer)
        assert published == [({"text/plain": text}, {})]


class TestExplorerHook:
    def test_ipython_display_goes_through_snapshot(self, published):
        """IPython's display of an explorer (a cell's last expression too) publishes the picture and the view."""
        explorer = W.softmax_explorer()
        format_dict, _ = DisplayFormatter().format(explorer)
        assert format_dict == {}  # the explorer displayed itself
        assert [set(data) for data, _ in published] == [{"image/png"}, {"text/plain", WIDGET_VIEW}]

    @pytest.mark.parametrize("make", [W.sigmoid_explorer, W.graph_explorer, W.training_explorer])
    def test_style_hides_the_picture_under_the_live_widget(self, make):
        """The explorer's own style block carries the rule that hides its picture where it renders live."""
        explorer = make()
        styles = [child.value for child in explorer.children if isinstance(child, ipywidgets.HTML)]
        assert any(_snapshot.HIDE_PICTURE_CSS in style for style in styles)

    def test_hide_rule_names_only_an_image_right_before_an_explorer(self):
        """The rule hides an output only when it is an image and the next output holds an explorer."""
        css = _snapshot.HIDE_PICTURE_CSS
        for selector in (".jp-OutputArea-child:has(> .jp-RenderedImage):has(+ .jp-OutputArea-child .nnkit-explorer)",
                         ".output_area:has(> .output_png):has(+ .output_area .nnkit-explorer)"):
            assert selector in css
