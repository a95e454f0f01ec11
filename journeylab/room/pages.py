"""The HTML the room serves: the phone page, the join page, and the pages that say no.

Only the page's own words go into the HTML, escaped; everything that comes from the
workshop (stage names, insights, participants' names) reaches the phone as JSON and is put
on the screen by ``room.js`` as text. No inline script or style: the page's policy forbids
both, and the words travel in a JSON data block, which a browser never runs.
"""

from __future__ import annotations

import json
from html import escape

from ..i18n import _

#: Headers on every answer of the room: nothing from elsewhere may load, frame or run.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def json_block(data: object) -> str:
    """``data`` as JSON that cannot end the ``<script>`` element it is put in."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(title: str, language: str, body: str, prefix: str, script: bool = False) -> str:
    scripts = f'<script src="{prefix}static/room.js" defer></script>' if script else ""
    return ("<!DOCTYPE html>\n"
            f'<html lang="{escape(language)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{prefix}static/room.css">{scripts}</head>'
            f"<body>{body}</body></html>\n")


def phone_page(words: dict, prefix: str) -> str:
    """The participant's page: empty until ``room.js`` draws the round into it."""
    body = ('<main id="room" class="room" aria-live="off">'
            f'<h1 class="room-title">{escape(words["title"])}</h1>'
            f'<p class="room-status" id="room-status" role="status">'
            f'{escape(words["waiting"])}</p></main>'
            f'<script type="application/json" id="room-words">{json_block(words)}</script>')
    return _page(words["title"], words["language"], body, prefix, script=True)


def join_page(words: dict, language: str, prefix: str, problem: str = "") -> str:
    """The page where a participant types the room code."""
    said = (f'<p class="room-problem" id="join-problem" role="alert">{escape(problem)}</p>'
            if problem else "")
    described = "join-hint join-problem" if problem else "join-hint"
    body = (f'<main class="room room-join"><h1 class="room-title">{escape(words["title"])}</h1>'
            f'<form method="post" action="{prefix}join" class="join-form">'
            f'<label for="join-code" class="join-label">{escape(words["code"])}</label>'
            f'<p class="room-hint" id="join-hint">{escape(words["hint"])}</p>'
            '<input id="join-code" name="code" class="join-code" inputmode="numeric" '
            'autocomplete="off" maxlength="6" pattern="[0-9]{6}" required '
            f'aria-describedby="{described}">'
            f'{said}<button type="submit" class="room-button join-button">'
            f'{escape(words["join"])}</button></form></main>')
    return _page(words["title"], language, body, prefix)


def message_page(title: str, detail: str, language: str, prefix: str) -> str:
    """A page that only says something: the room is full, there is nothing here."""
    body = (f'<main class="room"><h1 class="room-title">{escape(title)}</h1>'
            f'<p class="room-hint">{escape(detail)}</p>'
            f'<p><a class="room-link" href="{prefix}">{escape(_("Join with the room code"))}'
            "</a></p></main>")
    return _page(title, language, body, prefix)
