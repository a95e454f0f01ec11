"""Showing what has been entered: tables and chart images inside a form."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from typing import Any


def figure_png(figure) -> bytes:
    """A chart as PNG bytes for a ``widgets.Image``."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


def html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "") -> str:
    """An HTML table with header cells; every value is escaped."""
    head = "".join(f"<th scope='col'>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"<table class='journeylab-table'>{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")
