"""Keeping the translation catalogues in step with the code, for translators.

``python -m journeylab.catalogue`` extracts every ``_()`` and ``N_()`` message from the
package into ``locale/journeylab.pot`` and merges it into each language's ``.po`` file: new
messages appear untranslated, removed ones are dropped. English is the source language, so
its catalogue translates every message to itself.
"""

from __future__ import annotations

import ast
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from . import __version__
from .i18n import DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE_DIR = Path(__file__).parent
KEYWORDS = {"_": None, "N_": None}
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def _empty(language: str | None) -> Catalog:
    return Catalog(locale=language, domain=DOMAIN, project="JourneyLab", charset="utf-8",
                   copyright_holder="JourneyLab contributors", fuzzy=False,
                   version=__version__,
                   last_translator="JourneyLab contributors",
                   header_comment="# Messages of JourneyLab, the journey-mapping workshop "
                                  "toolkit.\n# Update with: make catalogue")


def _messages(source: str) -> list[tuple[int, str]]:
    """``(line, message)`` of every ``_("…")`` and ``N_("…")`` call in ``source``, in order.

    Read from the syntax tree, so a call inside an f-string is found too.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in KEYWORDS and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return sorted(found)


def extract() -> Catalog:
    """Every message the package's code asks to translate, with where it is used."""
    catalog = _empty(None)
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        name = path.relative_to(PACKAGE_DIR).as_posix()
        for lineno, message in _messages(path.read_text(encoding="utf-8")):
            catalog.add(message, locations=[(f"journeylab/{name}", lineno)])
    return catalog


def render(catalog: Catalog) -> bytes:
    """A catalogue as ``.po`` text, without dates, so unchanged catalogues stay unchanged."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    lines = [line for line in out.getvalue().split(b"\n")
             if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date',
                                     b'"Generated-By', b'"Report-Msgid-Bugs-To',
                                     b'"Language-Team'))]
    return b"\n".join(lines)


def catalogue_path(language: str) -> Path:
    """Where the ``.po`` file of ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def merged(template: Catalog, language: str) -> Catalog:
    """``language``'s catalogue holding exactly the template's messages, keeping translations."""
    path = catalogue_path(language)
    old: dict[str, str] = {}
    if path.exists():
        with path.open("rb") as handle:
            old = {m.id: m.string for m in read_po(handle, locale=language) if m.id}
    catalog = _empty(language)
    for message in template:
        if message.id:
            string = message.id if language == "en" else old.get(message.id, "")
            catalog.add(message.id, string, locations=message.locations)
    return catalog


def update() -> list[Path]:
    """Rewrite the template and every language's catalogue; return the files written."""
    template = extract()
    written = [TEMPLATE]
    TEMPLATE.write_bytes(render(template))
    for language in LANGUAGES:
        path = catalogue_path(language)
        if language != "en" and not path.exists():
            continue  # a language is added by a translator creating its folder
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(merged(template, language)))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in update():
        print(written_path.relative_to(PACKAGE_DIR.parent))
