"""Charts redrawn many times a minute: the frame is drawn once, only the data again.

Drawing a whole figure costs tens of milliseconds, most of it in laying out and drawing
text (tick labels, titles) that does not change while a room scores or adds cards. A
:class:`LiveFigure` draws the frame once, keeps its pixels, and for each refresh draws only
the data artists on top of them before encoding the PNG: a few milliseconds.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Iterable

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .style import FORM_DPI


class LiveFigure:
    """A figure whose frame is kept as pixels and whose data is drawn anew on each refresh.

    Parameters
    ----------
    make_figure
        Called with no arguments for a new, empty figure.
    dpi
        Pixels per inch of the PNG: that of :func:`~journeylab.forms.show.figure_png`, so a
        live chart looks like the same chart saved.
    """

    def __init__(self, make_figure: Callable[[], Figure], dpi: float = FORM_DPI) -> None:
        self._make_figure, self._dpi = make_figure, dpi
        self.figure: Figure | None = None
        self.frame_key: Hashable = None
        self._canvas: FigureCanvasAgg | None = None
        self._background = None
        self._artists: list[Artist] = []

    def frame(self, key: Hashable, draw: Callable[[Figure], None]) -> bool:
        """Make sure the frame drawn by ``draw(figure)`` for ``key`` is the one kept.

        ``draw`` runs (and the figure is laid out and drawn) only when ``key`` differs from
        the last one: the key says what the frame depends on (stage names, legend entries).
        Returns whether the frame was drawn anew.
        """
        if self.figure is not None and key == self.frame_key:
            return False
        self.figure = self._make_figure()
        self.figure.set_dpi(self._dpi)
        self._canvas = FigureCanvasAgg(self.figure)
        self._artists = []
        draw(self.figure)
        self._canvas.draw()  # lays the frame out once; later refreshes keep its positions
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)
        self.frame_key = key
        return True

    def data(self, artists: Iterable[Artist]) -> None:
        """Replace the data artists (already added to the figure's axes) with ``artists``."""
        for artist in self._artists:
            artist.remove()
        self._artists = list(artists)
        for artist in self._artists:
            artist.set_animated(True)  # kept out of the frame, drawn only in png()

    @property
    def artists(self) -> list[Artist]:
        """The data artists drawn on top of the frame."""
        return list(self._artists)

    def image(self, only: Iterable[Artist] | None = None) -> Image.Image:
        """The frame with the data artists on it (or just ``only`` drawn again over the last
        image), as an RGBA image; :meth:`png` is it as PNG bytes."""
        if self.figure is None or self._canvas is None:
            raise RuntimeError("LiveFigure.frame() must be called before an image")
        if only is None:
            self._canvas.restore_region(self._background)
            only = self._artists
        for artist in only:
            self.figure.draw_artist(artist)
        width, height = self._canvas.get_width_height()
        return Image.frombuffer("RGBA", (width, height), self._canvas.buffer_rgba(), "raw",
                                "RGBA", 0, 1)

    def png(self, only: Iterable[Artist] | None = None) -> bytes:
        """The frame with the data artists on it, as PNG bytes.

        With ``only``, just those artists are drawn again over the last image: cheaper when
        a change touches a few opaque artists that cover what they showed before (the cells
        of a grid).
        """
        image = self.image(only)
        out = io.BytesIO()
        # a projected chart refreshed after every click: fast compression beats small files
        image.convert("RGB").save(out, format="png", compress_level=1)
        return out.getvalue()
