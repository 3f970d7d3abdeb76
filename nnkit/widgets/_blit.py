"""The renderer behind every explorer: one Agg figure, redrawn only where something moved.

A ``Blitter`` holds a matplotlib ``Figure`` on an Agg canvas and the artists registered
as *dynamic* (the ones a slider moves). A full draw renders everything else once and
keeps those pixels as the background; after that ``render()`` finds the dynamic artists
whose look changed, restores the background under where they were and where they are,
draws them (and every dynamic artist touching those boxes) again and returns the figure
as PNG bytes. Nothing here knows about widgets, so it is tested on a bare Figure.
"""

import math
import struct
import zlib
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

__all__ = ["Blitter", "png_bytes"]

PNG_COMPRESS_LEVEL = 1  # zlib level 1: ~1.5 ms a frame at 512×248; level 6 adds ~40 % for 10 % fewer bytes
_BACKGROUNDS_KEPT = 8  # static pictures kept by key (see Blitter.invalidate), ~0.5–1.7 MB each
_PAD = 3  # pixels around an artist's box: antialiasing, line widths, marker edges
_BOX_CACHE_SIZE = 4000  # window extents kept per renderer (a few hundred bytes each)


def png_bytes(canvas):
    """The canvas's pixels as PNG bytes: 8-bit RGB (the figure is opaque), no row filter, zlib level 1.

    Written here rather than by Pillow: Pillow tries five row filters on every row, which
    is most of its time on a figure (8 ms of a 923×469 frame); an explorer's figure is
    mostly flat colour, which deflate packs as well without a filter (62 kB against 76 kB
    for that frame) in about half the time. Lossless: the same pixels come back.
    """
    rgba = np.asarray(canvas.buffer_rgba())
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (None) for every row
    rows[:, 1:].reshape(height, width, 3)[...] = rgba[:, :, :3]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, deflate, no interlace
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header),
                     _chunk(b"IDAT", zlib.compress(rows, PNG_COMPRESS_LEVEL)), _chunk(b"IEND", b"")))


def _chunk(kind, data):
    """One PNG chunk: length, type, data, CRC of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


class Blitter:
    """Renders one figure to PNG again and again, drawing only the dynamic artists that changed.

    Example:
        >>> from matplotlib.figure import Figure
        >>> fig = Figure(figsize=(4, 3), dpi=80)
        >>> (line,) = fig.add_subplot().plot([0, 1], [0, 1])
        >>> blitter = Blitter(fig)
        >>> line = blitter.add(line)          # add returns the artist
        >>> first = blitter.render()          # a full draw
        >>> line.set_ydata([1, 0])
        >>> second = blitter.render()         # only the line's boxes are redrawn

    Attributes:
        figure: the figure rendered (given an Agg canvas if it has none).
        dynamic: the artists registered with ``add``, in registration order.
    """

    def __init__(self, figure):
        if not isinstance(figure.canvas, FigureCanvasAgg):
            FigureCanvasAgg(figure)
        self.figure = figure
        self.dynamic = []
        self._background = None
        self._needs_full = True
        self._boxes = {}  # (id, geometry) -> window extent, valid until the next full draw
        self._drawn = []
        self._static_key = None
        self._backgrounds = OrderedDict()  # static key -> (background pixels, dynamic texts' positions)

    def add(self, artist):
        """Register an artist that changes on a slider move; it is drawn on top of the background."""
        self.dynamic.append(artist)
        self._needs_full = True
        self._backgrounds.clear()  # they were drawn without this artist in the dynamic set
        return artist

    def invalidate(self, key=None):
        """Make the next ``render`` a full draw: something static (axis limits, a curve) changed.

        Args:
            key: a hashable name for the static picture as it is now, such as
                ``("range", "relu")``. A background drawn under the same key before is put
                back instead of drawing the figure again (the last few keys are kept), so
                switching between a few static states costs a frame, not a full draw. The
                caller promises that one key always means the same static picture; None
                (the default) always draws.
        """
        self._needs_full = True
        self._static_key = key

    def render(self):
        """Bring the canvas up to date and return it as PNG bytes.

        A full draw renders the static artists once and keeps the pixels as the
        background. After that only the dynamic artists that changed are redrawn: the
        boxes they covered before and cover now are restored from the background, and
        every dynamic artist touching a restored box is drawn again, its own box
        restored too (so nothing is drawn twice over itself). Moving one step of a
        backward pass thus redraws a few numbers, not all forty.
        """
        canvas = self.figure.canvas
        if self._needs_full or self._background is None:
            kept = self._backgrounds.get(self._static_key) if self._static_key is not None else None
            if kept is not None and self._background is not None:
                self._background, positions, boxes = kept
                self._backgrounds.move_to_end(self._static_key)
                np.asarray(canvas.buffer_rgba())[...] = self._background
                # A full draw also places things the dynamic artists are drawn by: an axes
                # with an aspect shrinks its box to the data's shape, and axes titles (dynamic
                # texts) sit above what is under them. Put them where that draw put them.
                for ax, box in boxes:
                    in_layout = ax.get_in_layout()
                    ax.set_position(box, which="active")
                    ax.set_in_layout(in_layout)
                for artist, position in positions:
                    artist.set_position(position)
            else:
                # Animated artists are left out of a plain draw (hiding them instead would
                # move an axes title: matplotlib places titles by their drawn extent).
                for artist in self.dynamic:
                    artist.set_animated(True)
                canvas.draw()
                for artist in self.dynamic:
                    artist.set_animated(False)
                self._background = np.array(canvas.buffer_rgba())  # a copy: the static picture
                if self._static_key is not None:
                    positions = [(a, a.get_position()) for a in self.dynamic if isinstance(a, Text)]
                    boxes = [(ax, ax.get_position(original=False).frozen()) for ax in self.figure.axes]
                    self._backgrounds[self._static_key] = (self._background, positions, boxes)
                    while len(self._backgrounds) > _BACKGROUNDS_KEPT:
                        self._backgrounds.popitem(last=False)
            self._static_key = None
            self._needs_full = False
            self._boxes = {}
            renderer = canvas.get_renderer()
            now = [self._state(artist, renderer) for artist in self.dynamic]
            redraw = list(range(len(self.dynamic)))
        else:
            renderer = canvas.get_renderer()
            now = [self._state(artist, renderer) for artist in self.dynamic]
            redraw = self._restore_dirty(np.asarray(canvas.buffer_rgba()), now)
        for i in sorted(redraw, key=lambda i: self.dynamic[i].get_zorder()):
            self.dynamic[i].draw(renderer)  # an invisible artist draws nothing
        self._drawn = now
        return png_bytes(canvas)

    def _state(self, artist, renderer):
        """(what the artist looks like, the pixel box it covers) for change detection."""
        if not artist.get_visible():
            return None, None
        look, geometry = _signature(artist)
        key = (id(artist), geometry)
        box = self._boxes.get(key) if geometry is not None else None
        if box is None:
            box = _window_box(artist, renderer)
            if geometry is not None:
                if len(self._boxes) >= _BOX_CACHE_SIZE:  # a long session of drags: start afresh
                    self._boxes.clear()
                self._boxes[key] = box
        return (look, tuple(np.round(box.bounds, 2))), box

    def _restore_dirty(self, pixels, now):
        """Restore the background under what changed; return the indices of the artists to draw again."""
        before = self._drawn
        n = len(self.dynamic)
        # each artist's box: the union of where it is and where it was (either may be None)
        boxes = np.full((n, 4), np.nan)
        for i in range(n):
            shown = [b for b in (now[i][1], before[i][1]) if b is not None]
            if shown:
                boxes[i] = (min(b.x0 for b in shown), min(b.y0 for b in shown),
                            max(b.x1 for b in shown), max(b.y1 for b in shown))
        changed = [i for i in range(n) if now[i][0] != before[i][0]]
        if not changed:
            return []
        pad = 2 * _PAD
        with np.errstate(invalid="ignore"):  # NaN rows (never shown) touch nothing
            touch = ((boxes[:, None, 0] - pad <= boxes[None, :, 2]) & (boxes[None, :, 0] - pad <= boxes[:, None, 2])
                     & (boxes[:, None, 1] - pad <= boxes[None, :, 3]) & (boxes[None, :, 1] - pad <= boxes[:, None, 3]))
        # whatever touches a box being redrawn is redrawn whole: follow the touches
        redraw = np.zeros(n, dtype=bool)
        redraw[changed] = True
        frontier = redraw.copy()
        while frontier.any():
            reached = touch[frontier].any(axis=0) & ~redraw
            redraw |= reached
            frontier = reached
        height, width = pixels.shape[:2]
        for i in np.flatnonzero(redraw):
            if not np.isnan(boxes[i, 0]):
                x0, x1, top, bottom = _pixel_rect(boxes[i], width, height)
                pixels[top:bottom, x0:x1] = self._background[top:bottom, x0:x1]
        return list(np.flatnonzero(redraw))


def _pixel_rect(box, width, height):
    """A display box (x0, y0, x1, y1), origin at the bottom, as array slices (x0, x1, top row, bottom row)."""
    bx0, by0, bx1, by1 = box
    x0 = max(0, int(math.floor(bx0)) - _PAD)
    x1 = min(width, int(math.ceil(bx1)) + _PAD)
    top = max(0, height - int(math.ceil(by1)) - _PAD)
    bottom = min(height, height - int(math.floor(by0)) + _PAD)
    return x0, x1, top, bottom


def _window_box(artist, renderer):
    """The display box an artist draws in; conservative (its axes, or the figure) when unknown."""
    if isinstance(artist, Collection) and len(artist.get_offsets()):
        # a scatter's own extent is empty (its paths are in points): use the offsets
        # plus the largest marker's radius
        points = artist.get_offset_transform().transform(artist.get_offsets())
        sizes = artist.get_sizes()
        radius = (math.sqrt(float(np.max(sizes))) if len(sizes) else 0.0) * renderer.dpi / 72 / 2 + 1
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        box = Bbox([[x0 - radius, y0 - radius], [x1 + radius, y1 + radius]])
    else:
        box = artist.get_window_extent(renderer)
    if not np.isfinite(box.get_points()).all():
        box = artist.axes.bbox if artist.axes is not None else artist.figure.bbox
    return box


def _signature(artist):
    """(look, geometry): what decides the pixels of a dynamic artist.

    ``look`` compares equal when the artist would draw the same pixels; ``geometry``
    (None: unknown) keys a cache of the artist's window extent, which is slow to
    compute for texts and curved patches and does not change between full draws
    unless the geometry does.
    """
    common = (artist.get_alpha(), artist.get_zorder())
    if isinstance(artist, Text):
        geometry = (artist.get_text(), artist.get_fontsize(), artist.get_fontweight(), artist.get_fontstyle(),
                    artist.get_rotation(), artist.get_horizontalalignment(), artist.get_verticalalignment(),
                    tuple(artist.get_position()))
        return common + geometry + (str(artist.get_color()),), geometry
    if isinstance(artist, Line2D):
        # no geometry key: a line's extent is quick to compute, and its data would make
        # big keys (a 400-point curve is 6 kB)
        x, y = artist.get_data()
        return common + (np.asarray(x, dtype=float).tobytes(), np.asarray(y, dtype=float).tobytes(),
                         str(artist.get_marker()), artist.get_markersize(), artist.get_linewidth(),
                         str(artist.get_color()), artist.get_linestyle(), str(artist.get_markerfacecolor())), None
    if isinstance(artist, Patch):
        geometry = (artist.get_path().vertices.tobytes(), artist.get_patch_transform().get_matrix().tobytes(),
                    artist.get_linewidth())
        return common + geometry + (tuple(artist.get_facecolor()), tuple(artist.get_edgecolor())), geometry
    if isinstance(artist, AxesImage):
        return common + (np.asarray(artist.get_array()).tobytes(), tuple(artist.get_extent())), None
    if isinstance(artist, Collection):
        return common + (np.asarray(artist.get_offsets()).tobytes(), np.asarray(artist.get_sizes()).tobytes(),
                         np.asarray(artist.get_facecolor()).tobytes()), None
    return object(), None  # an unknown kind: always redrawn
