"""Small HTML builders for the handout: every piece of workshop text goes through :func:`esc`.

The handout's markdown cells hold HTML blocks, not markdown: a card that reads
``*urgent* [call us](javascript:…)`` must show exactly that, and only an HTML block is left
alone by both nbconvert's and JupyterLab's markdown renderers. Such a block ends at the first
blank line, so no builder here ever produces one (:func:`block` makes sure of it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence


class Html(str):
    """Text that is already safe HTML: builders pass it through instead of escaping it."""

    __slots__ = ()


def esc(value: object) -> Html:
    """``value`` as HTML text: markup characters escaped, ``$`` too.

    A ``$`` would start a formula in JupyterLab's markdown renderer (MathJax), so it is
    written as a character reference, which no renderer takes for a delimiter.
    """
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True).replace("$", "&#36;"))


def tag(name: str, content: object = "", /, **attributes: object) -> Html:
    """``<name attributes>content</name>``.

    ``class_`` gives ``class`` and ``aria_label`` gives ``aria-label``; ``None`` values are
    left out.
    """
    attrs = "".join(f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"'
                    for key, value in attributes.items() if value is not None)
    return Html(f"<{name}{attrs}>{esc(content)}</{name}>")


def join(parts: Iterable[object], separator: str = "") -> Html:
    """The parts, escaped where they are plain text, joined by ``separator`` (trusted)."""
    return Html(separator.join(esc(part) for part in parts))


def paragraphs(text: str, class_: str | None = None) -> Html:
    """Free text as paragraphs: a blank line starts a new one, a line break stays a ``<br>``."""
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    return join(tag("p", join((esc(line) for line in chunk.split("\n")), "<br>"),
                    class_=class_) for chunk in chunks)


def items(values: Iterable[object], class_: str | None = None) -> Html:
    """An unordered list; nothing at all for no values."""
    values = list(values)
    if not values:
        return Html("")
    return tag("ul", join(tag("li", value) for value in values), class_=class_)


def table(headers: Sequence[object], rows: Iterable[Sequence[object]], caption: str = "",
          class_: str = "", row_headers: bool = False,
          numeric: Iterable[int] = ()) -> Html:
    """A table with ``<th scope="col">`` headers; with ``row_headers`` each row's first cell
    is a ``<th scope="row">``. Columns in ``numeric`` are aligned for comparing numbers."""
    numeric = set(numeric)

    def cell(index: int, value: object) -> Html:
        number = "jl-num" if index in numeric else None
        if row_headers and index == 0:
            return tag("th", value, scope="row", class_=number)
        return tag("td", value, class_=number)

    head = join(tag("th", header, scope="col", class_="jl-num" if i in numeric else None)
                for i, header in enumerate(headers))
    body = join(tag("tr", join(cell(i, value) for i, value in enumerate(row))) for row in rows)
    parts = [tag("caption", caption) if caption else "", tag("thead", tag("tr", head)),
             tag("tbody", body)]
    return tag("table", join(parts), class_=f"jl-table {class_}".strip())


def block(*parts: object) -> str:
    """Markdown cell source: the parts as one HTML block, one element per line, no blank line."""
    text = "\n".join(str(esc(part)) for part in parts if part)
    return re.sub(r"\n\s*\n+", "\n", text)
