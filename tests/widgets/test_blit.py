"""Tests for nnkit.widgets._blit: the renderer, on bare matplotlib Figures (no widgets)."""

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from nnkit.widgets._blit import Blitter, png_bytes


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def scene():
    """A figure with a static curve, a moving line, a moving title and a moving scatter."""
    fig = Figure(figsize=(4, 3), dpi=80)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color="0.7")  # static
    ax.set_xlim(-1, 2)
    ax.set_ylim(-1, 2)
    blitter = Blitter(fig)
    line = blitter.add(ax.plot([0, 1], [1, 0], color="C0")[0])
    title = blitter.add(ax.set_title("start"))
    dots = blitter.add(ax.scatter([0.2, 0.8], [0.5, 0.5], s=40))
    return fig, blitter, line, title, dots


def full_draw(fig, blitter):
    """What a full draw of the same state gives."""
    blitter.invalidate()
    return blitter.render()


class TestBlitter:
    def test_gives_an_agg_canvas_and_png(self):
        """A figure without a canvas gets an Agg one; render returns PNG bytes of the figure's size."""
        fig, blitter, *_ = scene()
        png = blitter.render()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert pixels(png).shape == (240, 320, 3)

    @pytest.mark.parametrize("move", ["line", "title", "dots", "hide", "all"])
    def test_a_partial_render_equals_a_full_draw(self, move):
        """After a dynamic artist moves (or hides), the partly redrawn picture equals a full draw pixel for pixel."""
        fig, blitter, line, title, dots = scene()
        blitter.render()
        if move in ("line", "all"):
            line.set_ydata([0.2, 1.7])
        if move in ("title", "all"):
            title.set_text("a much longer title than before")
        if move in ("dots", "all"):
            dots.set_offsets([[1.5, 1.5], [-0.5, 0.0]])
        if move == "hide":
            line.set_visible(False)
        partial = blitter.render()
        assert np.array_equal(pixels(partial), pixels(full_draw(fig, blitter)))

    def test_nothing_changed_means_the_same_picture(self):
        """Rendering twice with nothing moved gives the same bytes."""
        fig, blitter, *_ = scene()
        assert blitter.render() == blitter.render()

    def test_only_what_changed_is_drawn_again(self, monkeypatch):
        """Moving the title redraws the title (and what touches it), not the line far below it."""
        fig, blitter, line, title, dots = scene()
        blitter.render()
        drawn = []
        for artist in (line, title, dots):
            original = artist.draw
            monkeypatch.setattr(artist, "draw", lambda renderer, a=artist, o=original: (drawn.append(a), o(renderer)))
        title.set_text("moved")
        blitter.render()
        assert title in drawn and line not in drawn

    def test_invalidate_draws_the_static_part_again(self):
        """A static change (axis limits) shows after invalidate(), as a full draw."""
        fig, blitter, *_ = scene()
        before = blitter.render()
        fig.axes[0].set_xlim(-5, 5)
        blitter.invalidate()
        assert blitter.render() != before

    def test_png_bytes_of_a_canvas(self):
        """png_bytes encodes the canvas as drawn, RGB."""
        fig = Figure(figsize=(1, 1), dpi=10)
        fig.set_facecolor("red")
        blitter = Blitter(fig)
        blitter.render()
        image = pixels(png_bytes(fig.canvas))
        assert image.shape == (10, 10, 3) and (image == [255, 0, 0]).all()

    def test_png_bytes_are_lossless(self):
        """png_bytes gives back exactly the canvas's RGB pixels (a drawn scene, antialiased edges and all)."""
        fig, blitter, *_ = scene()
        blitter.render()
        rgba = np.asarray(fig.canvas.buffer_rgba())
        assert np.array_equal(pixels(png_bytes(fig.canvas)), rgba[:, :, :3])

    def test_a_kept_background_equals_a_full_draw(self):
        """Coming back to a static picture by its key puts its background back: the same pixels as drawing it."""
        fig, blitter, line, title, dots = scene()
        ax = fig.axes[0]
        blitter.invalidate(key="narrow")
        blitter.render()
        ax.set_xlim(-5, 5)
        blitter.invalidate(key="wide")
        blitter.render()
        ax.set_xlim(-1, 2)
        blitter.invalidate(key="narrow")
        line.set_ydata([0.3, 1.2])
        kept = blitter.render()
        assert np.array_equal(pixels(kept), pixels(full_draw(fig, blitter)))

    def test_a_kept_background_skips_the_draw(self, monkeypatch):
        """A key drawn before is not drawn again; an unkeyed invalidate always draws."""
        fig, blitter, *_ = scene()
        draws = []
        original = fig.canvas.draw
        monkeypatch.setattr(fig.canvas, "draw", lambda: (draws.append(1), original())[1])
        for key in ("a", "b", "a", "b", None):
            blitter.invalidate(key=key)
            blitter.render()
        assert len(draws) == 3

    def test_adding_an_artist_forgets_kept_backgrounds(self):
        """A new dynamic artist was part of the kept backgrounds' static picture: they are drawn again."""
        fig, blitter, line, title, dots = scene()
        blitter.invalidate(key="a")
        blitter.render()
        extra = blitter.add(fig.axes[0].plot([0, 1], [0.5, 0.5], color="C2")[0])
        blitter.invalidate(key="a")
        blitter.render()
        extra.set_ydata([1.5, 1.5])
        assert np.array_equal(pixels(blitter.render()), pixels(full_draw(fig, blitter)))

    def test_a_kept_background_puts_an_aspect_axes_box_back(self):
        """An equal-aspect axes' box depends on its limits; coming back to a key puts the box back too."""
        fig = Figure(figsize=(4, 3), dpi=80)
        ax = fig.add_subplot()
        ax.set_aspect("equal")
        blitter = Blitter(fig)
        line = blitter.add(ax.plot([0, 1], [1, 0], color="C0")[0])
        for limits in ((0, 1, 0, 1), (0, 4, 0, 1), (0, 1, 0, 1)):
            ax.set_xlim(*limits[:2])
            ax.set_ylim(*limits[2:])
            blitter.invalidate(key=limits)
            line.set_ydata([limits[3], 0])
            kept = blitter.render()
        assert np.array_equal(pixels(kept), pixels(full_draw(fig, blitter)))
