"""How the explorers look at each presenter size: figure scale, fonts, control sizes, CSS.

One dict a size in ``SIZES``; ``style_html(size)`` is the style block an explorer of that
size puts above its controls, and ``check_size`` refuses a size that is not one of them.
"""

__all__ = ["SIZES", "check_size", "style_html"]

#: The kit-wide presenter sizes. ``scale`` multiplies every explorer's figure size (its
#: ``figsize`` is in inches at "normal"); the fonts are points in the figure; the rest
#: sizes the controls. "large" is for a projector at 1280×720: the figure is up to
#: ~1100 px wide (JupyterLab's output area there, sidebar closed), no text in it is
#: smaller than 16 pt, and two sliders fit a row. A figure wider than ``max_px`` pixels
#: gets a lower dpi so that it fits (the fonts keep their size in points).
SIZES = {
    "normal": {
        "scale": 1.0, "dpi": 80, "text": 11, "small": 10, "title": 12,
        "slider_width": "340px", "description_width": "100px", "css_font": "13px", "css_height": "28px",
        "button_width": "44px", "max_px": 900,
    },
    "large": {
        "scale": 1.6, "dpi": 90, "text": 16, "small": 16, "title": 17,
        "slider_width": "400px", "description_width": "150px", "css_font": "20px", "css_height": "36px",
        "button_width": "70px", "max_px": 1100,
    },
}

# One style block an explorer: the CSS variables are the ones the widgets of ipywidgets
# 7 and 8 read, so setting them on the explorer's root resizes its sliders' labels,
# handles and readouts without touching the rest of the notebook. ipywidgets 8 puts a
# ToggleButtons' label above its buttons and cuts long button labels ("hams…"): the
# toggle rules keep label and buttons on one line, each button as wide as its label.
_CSS = """<style>
.nnkit-explorer.nnkit-{size} {{
  --jp-widgets-font-size: {css_font};
  --jp-widgets-inline-height: {css_height};
  --jp-widgets-inline-label-width: {description_width};
}}
.nnkit-explorer.nnkit-{size} .widget-label, .nnkit-explorer.nnkit-{size} .widget-readout,
.nnkit-explorer.nnkit-{size} button, .nnkit-explorer.nnkit-{size} select,
.nnkit-explorer.nnkit-{size} .nnkit-readout {{ font-size: {css_font}; }}
.nnkit-explorer .nnkit-readout {{ line-height: 1.5; }}
.nnkit-explorer.nnkit-{size} .widget-toggle-buttons {{ display: flex; align-items: center; }}
.nnkit-explorer.nnkit-{size} .widget-toggle-buttons > .widget-label {{
  display: inline-block; flex: none; width: {description_width}; text-align: right; margin-right: 8px;
}}
.nnkit-explorer.nnkit-{size} .widget-toggle-buttons > div {{ display: flex; flex-wrap: nowrap; }}
.nnkit-explorer.nnkit-{size} .widget-toggle-button {{
  width: auto !important; min-width: {button_width}; padding: 0 10px;
}}
</style>"""


def check_size(size, who):
    """``size`` when it is a key of ``SIZES``, or a ValueError listing the sizes."""
    if not isinstance(size, str) or size not in SIZES:
        raise ValueError(f"{who} expects size to be one of {sorted(SIZES)} (got {size!r}).")
    return size


def style_html(size):
    """The ``<style>`` block of an explorer of this size, scoped to ``.nnkit-explorer.nnkit-<size>``."""
    return _CSS.format(size=size, **SIZES[size])
