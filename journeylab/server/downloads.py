"""The handout as a download: ``<base_url>journeylab/handout/<workshop>.html`` (or ``.pdf``).

``<workshop>`` is the workshop's folder relative to the server's root
(``workshops/mortgage-journey``); ``?lang=bg`` writes the handout in another language and
``?persona=<id>`` follows one persona. The page of the handout step links here, so the
browser saves one file under a name made from the workshop's title. The handout is made
afresh from the saved workshop, the same way ``journeylab handout`` makes it, in a thread
of its own: the server keeps answering the room's pages meanwhile.

Only a folder inside the server's root that holds a ``journey.json`` is a workshop here:
``..``, an absolute path, a hidden folder or a symbolic link that leads out of the root is
answered with 404, as a folder that does not exist.
"""

from __future__ import annotations

import asyncio
import functools
import re
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from ..errors import JourneyLabError
from ..handout.links import KINDS, ROUTE
from ..handout.pdf import find_chromium, print_pdf
from ..i18n import LANGUAGES, _, language
from ..model import Workshop
from ..store import load_workshop
from .kernels import facilitator_language

#: What each kind of download is sent as.
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
#: Longest file name offered, in characters, before its extension.
NAME_LENGTH = 120
# characters that Windows, macOS or Linux refuse in a file name, and control characters
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


class NotAWorkshop(JourneyLabError):
    """The address names no workshop folder inside the server's root."""

    def __init__(self, relative: str) -> None:
        super().__init__(_("There is no workshop at {address}.", address=relative))


def workshop_folder(root: Path, relative: str) -> Path:
    """The workshop folder that ``relative`` (a ``/``-separated path) names inside ``root``.

    Raises :class:`NotAWorkshop` for anything else: an empty or absolute path, ``..`` or
    ``.``, a hidden folder, a backslash, a folder without ``journey.json``, and a path or a
    ``journey.json`` that a symbolic link leads out of ``root``.
    """
    parts = relative.split("/")
    if "\\" in relative or "\x00" in relative or any(
            part == "" or part.startswith(".") for part in parts):  # also "/…", "..", "."
        raise NotAWorkshop(relative)
    root = root.resolve()
    folder = root.joinpath(*parts).resolve()
    journey = (folder / "journey.json").resolve()
    if not (folder.is_relative_to(root) and journey.is_relative_to(root)
            and journey.is_file()):
        raise NotAWorkshop(relative)
    return folder


def file_name(workshop: Workshop, kind: str, language_code: str | None,
              persona: str | None) -> str:
    """A readable name for the download: the workshop's title, the persona followed, and
    the language when it is not the workshop's own (``Online shop – Maria (Latviešu).pdf``)."""
    persona_name = next((p.name for p in workshop.personas if p.id == persona), None)
    name = " – ".join(part for part in (workshop.title, persona_name) if part)
    if language_code and language_code != workshop.language:
        name += f" ({LANGUAGES[language_code]})"
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")[:NAME_LENGTH].strip(" .")
    return f"{name or 'handout'}.{kind}"


def content_disposition(name: str, fallback: str) -> str:
    """``attachment`` with ``name`` as UTF-8 (RFC 6266), and an ASCII name for old clients."""
    plain = unicodedata.normalize("NFKD", fallback).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9._ -]+", "_", plain).strip(" ._") or "handout"
    suffix = PurePosixPath(name).suffix
    return f"attachment; filename=\"{plain}{suffix}\"; filename*=UTF-8''{quote(name, safe='')}"


@dataclass(frozen=True)
class Download:
    """A handout ready to send: its bytes, the name to save it under, the folder's name."""

    content: bytes
    name: str
    folder: str


def make_handout(root: Path, relative: str, kind: str, language_code: str | None,
                 persona: str | None) -> Download:
    """The handout of the workshop at ``relative`` in ``root``, as HTML or printed to PDF.

    Raises :class:`JourneyLabError` with the reason in words (no such workshop, a persona
    it does not have, no Chromium to print with).
    """
    # on the first download, not when the server starts: these bring nbconvert and matplotlib
    from ..handout.build import handout_notebook
    from ..handout.export import notebook_html

    folder = workshop_folder(root, relative)
    workshop = load_workshop(folder)
    page = notebook_html(handout_notebook(workshop, language=language_code,
                                          persona=persona)).encode("utf-8")
    if kind == "pdf":
        with tempfile.TemporaryDirectory(prefix="journeylab-handout-") as private:
            html_file = Path(private) / "handout.html"
            html_file.write_bytes(page)
            page = print_pdf(html_file, Path(private) / "handout.pdf").read_bytes()
    return Download(page, file_name(workshop, kind, language_code, persona), folder.name)


@functools.cache
def _worker() -> ThreadPoolExecutor:
    # one at a time: a handout is made in a second or two, and the charts it draws share
    # one cache on disk
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeylab-handout")


def _made_in(speaks: str, *args: object) -> Download:
    with language(speaks):
        return make_handout(*args)


def _refusal(status: int, words: str) -> web.HTTPError:
    return web.HTTPError(status, words.replace("%", "%%"))  # tornado %-formats the message


class HandoutHandler(JupyterHandler):
    """``GET`` a workshop's handout as a file to save."""

    auth_resource = "contents"

    @web.authenticated
    @authorized
    async def get(self, relative: str, kind: str) -> None:
        """Send the handout of the workshop at ``relative`` as ``kind`` (html or pdf)."""
        speaks = facilitator_language()
        # another site's page may link here, but not make the server work on its behalf
        if self.request.headers.get("Sec-Fetch-Site", "none") not in ("none", "same-origin"):
            raise web.HTTPError(403, "Blocking a handout asked for by another site's page")
        code = self.get_query_argument("lang", "") or None
        persona = self.get_query_argument("persona", "") or None
        if code is not None and code not in LANGUAGES:
            with language(speaks):
                raise _refusal(400, _("JourneyLab does not speak '{code}'; choose one of: "
                                      "{choices}.", code=code, choices=", ".join(LANGUAGES)))
        root = Path(self.settings["server_root_dir"])
        try:
            download = await asyncio.get_running_loop().run_in_executor(
                _worker(), _made_in, code or speaks, root, relative, kind, code, persona)
        except NotAWorkshop as error:
            raise _refusal(404, str(error)) from error
        except JourneyLabError as error:
            unable = kind == "pdf" and find_chromium() is None
            raise _refusal(503 if unable else 400, str(error)) from error
        self.set_header("Content-Type", MEDIA_TYPES[kind])
        self.set_header("Content-Disposition", content_disposition(download.name,
                                                                   download.folder))
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(download.content)


def handlers(base_url: str) -> list[tuple[str, type]]:
    """The routes of this module under ``base_url``."""
    kinds = "|".join(KINDS)
    return [(url_path_join(base_url, rf"{ROUTE}(.+)\.({kinds})"), HandoutHandler)]
