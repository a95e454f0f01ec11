"""Showing what has been entered: tables and chart images inside a form."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..charts.style import FORM_DPI
from ..i18n import _


def figure_png(figure) -> bytes:
    """A chart as PNG bytes for a ``widgets.Image``."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=FORM_DPI)
    return buffer.getvalue()


def html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str = "",
               empty: str | None = None) -> str:
    """An HTML table with header cells; every value is escaped.

    With no rows it is no table: headers over nothing read as one run of words
    ("Name Channel Online/offline …"), so the caption and ``empty`` (by default "None
    yet.") say it in words instead.
    """
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    if not body:
        cap = f"<p><b>{html.escape(caption)}</b></p>" if caption else ""
        words = html.escape(_("None yet.") if empty is None else empty)
        return (f"<div class='journeylab-table journeylab-table-empty'>{cap}"
                f"<p role='status'>{words}</p></div>")
    head = "".join(f"<th scope='col'>{html.escape(str(h))}</th>" for h in headers)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"<table class='journeylab-table'>{cap}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")
