"""Step 6, which file: an export in the workshop's folder, in the project's ``data/``, or an
upload.

The evidence step reads customer data, so it reads only from the two folders that hold the
workshop's exports, never from anywhere else the server's user can read: the menu lists
them, a typed path outside them (through ``..`` or a symbolic link as well) is refused in
words, and so is a hidden file there (a workshop's ``.respondent-key`` is one). A file from
elsewhere comes in as an upload: its bytes stay in the kernel's memory while the form shows
it, and each reading writes them to a private temporary file that is deleted as soon as it
is read. The raw file is never kept; the workshop keeps only what the form saves.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import _, format_number
from .parts import note, set_options
from .session import Session

#: Files the menu lists: what survey tools and Excel export.
MENU_SUFFIXES = (".csv", ".tsv", ".xlsx")
#: Files that can be read, typed or uploaded: also Excel's "Unicode text".
READABLE_SUFFIXES = (*MENU_SUFFIXES, ".txt")
DATA_FOLDER = "data"
#: The largest upload, in bytes. The browser sends an upload to the kernel in one message,
#: and Jupyter closes the connection on a message over 10 MiB; a larger file goes in the
#: workshop's folder or in data/, where the menu lists it.
UPLOAD_LIMIT = 8 * 1000 * 1000


def project_root(session: Session) -> Path:
    """The folder that holds ``workshops/``, ``data/`` and ``notebooks/``."""
    return session.file.path.parent.parent.parent


def readable_folders(session: Session) -> tuple[Path, Path]:
    """Where the evidence step reads from: the workshop's folder, the project's ``data/``."""
    return session.file.path.parent.resolve(), (project_root(session) / DATA_FOLDER).resolve()


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    """``path`` (resolved) lies in one of ``folders`` and in no hidden folder there."""
    for folder in folders:
        if path.is_relative_to(folder):
            return not any(part.startswith(".") for part in path.relative_to(folder).parts)
    return False


def table_files(session: Session) -> list[tuple[str, str]]:
    """The exports in the workshop's folder and in ``data/`` (and below), as ``(shown, path)``
    with ``shown`` relative to the project's folder."""
    root = project_root(session)
    folders = readable_folders(session)
    workshop, data = session.file.path.parent, root / DATA_FOLDER
    found: list[tuple[str, str]] = []
    for candidates in (workshop.glob("*"), data.rglob("*")):
        for path in sorted(candidates):
            resolved = path.resolve()
            if (path.suffix.lower() in MENU_SUFFIXES and resolved.is_file()
                    and _inside(resolved, folders)):
                found.append((Path(os.path.relpath(path, root)).as_posix(), str(resolved)))
    return found


def _readable_kind(name: str) -> None:
    if PurePath(name).suffix.lower() not in READABLE_SUFFIXES:
        raise JourneyLabError(_("Only CSV, TSV, TXT and XLSX files can be read: {file} is not "
                                "one. Save it from Excel or the survey tool as one of these.",
                                file=name))


def allowed_path(session: Session, typed: str) -> Path:
    """The file a typed path names (relative to the project's folder), resolved, if it lies
    in the workshop's folder or in ``data/``; else :class:`JourneyLabError` saying where
    files can be read from."""
    path = Path(typed).expanduser()
    resolved = (path if path.is_absolute() else project_root(session) / path).resolve()
    if not _inside(resolved, readable_folders(session)):
        raise JourneyLabError(_("{path} cannot be read here: only files in the workshop's "
                                "folder or in the project's data folder are. Put the file "
                                "there, or upload it.", path=typed))
    _readable_kind(resolved.name)
    return resolved


class LocalFile:
    """An export read where it lies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name

    @contextlib.contextmanager
    def opened(self) -> Iterator[Path]:
        """The path to read."""
        yield self.path

    def shown(self, message: str) -> str:
        """``message`` as the facilitator reads it."""
        return message


class UploadedFile:
    """An upload, held in memory; each reading gets a private file deleted right after."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name = PurePath(name.replace("\\", "/")).name or "upload.csv"
        self._content = content
        self._last: Path | None = None

    def __repr__(self) -> str:  # never the customers' data in a log or a traceback
        return f"UploadedFile({self.name!r}, {len(self._content)} bytes)"

    @contextlib.contextmanager
    def opened(self) -> Iterator[Path]:
        """A private copy to read, under the upload's name; gone when the block ends."""
        with tempfile.TemporaryDirectory(prefix="journeylab-upload-") as private:
            path = Path(private) / self.name
            try:
                path.write_bytes(self._content)
            except OSError as error:
                raise JourneyLabError(_("The uploaded file cannot be read: {reason}",
                                        reason=error.strerror or str(error))) from None
            self._last = path
            yield path

    def shown(self, message: str) -> str:
        """``message`` with the upload's name where it names the private copy."""
        return message.replace(str(self._last), self.name) if self._last else message


class FileChoice(widgets.VBox):
    """The menu of exports, a typed path, "Read the file", and an upload.

    ``read`` is called when the facilitator asks to read: after "Read the file", and as
    soon as a file is uploaded. :meth:`take` says which file that is (or why none is).
    """

    def __init__(self, session: Session, read: Callable[[], None]) -> None:
        self.session = session
        self.uploaded: UploadedFile | None = None
        self._use_upload = False
        self._refusal: JourneyLabError | None = None
        self._filling = False
        self.menu = widgets.Dropdown(description=_("File"), layout=widgets.Layout(width="36em"))
        self.look_again = widgets.Button(icon="refresh", tooltip=_("Look for new files"),
                                         layout=widgets.Layout(width="3em"))
        self.path = widgets.Text(description=_("Or a path"),
                                 placeholder=_("a file in the workshop's folder or in data/"),
                                 continuous_update=False, layout=widgets.Layout(width="36em"))
        self.read_button = widgets.Button(
            description=_("Read the file"), icon="folder-open", button_style="primary",
            layout=widgets.Layout(width="auto", align_self="flex-start",  # under the menus
                                  margin=".3em 0 0 var(--jp-widgets-inline-label-width)"))
        self.upload = widgets.FileUpload(accept=",".join(READABLE_SUFFIXES), multiple=False,
                                         description=_("Upload a file"),
                                         layout=widgets.Layout(width="auto", flex="none"))
        self.upload_note = widgets.HTML(note(_(
            "Or upload a file from elsewhere: CSV, TSV, TXT or XLSX, up to {size} MB. It is "
            "read, never kept.", size=format_number(UPLOAD_LIMIT / 1e6, 0))))
        for part, name in ((self.menu, "file-menu"), (self.path, "path"),
                           (self.read_button, "read"), (self.upload, "upload"),
                           (self.upload_note, "upload-note")):
            part.add_class(f"journeylab-evidence-{name}")
        self._read = read
        self.menu.observe(lambda _c: self._menu_chosen(), names="value")
        self.look_again.on_click(lambda _b: self.refresh())
        self.read_button.on_click(lambda _b: self._read_chosen())
        self.upload.observe(lambda _c: self._uploaded(), names="value")
        super().__init__([
            widgets.HBox([self.menu, self.look_again]), self.path, self.read_button,
            widgets.HBox([self.upload, self.upload_note], layout=widgets.Layout(
                align_items="center", flex_flow="row wrap", margin=".6em 0 0 0"))])

    def refresh(self) -> None:
        """List the exports there are now."""
        self._filling = True
        try:
            set_options(self.menu, table_files(self.session) or [(_("— no exports found —"),
                                                                  "")])
        finally:
            self._filling = False

    def take(self) -> LocalFile | UploadedFile | None:
        """The file to read: the upload just made, else the path typed, else the menu's;
        ``None`` if there is none. A typed path outside the two folders raises
        :class:`JourneyLabError`, and so does an upload that cannot be read."""
        if self._use_upload:
            if self._refusal is not None:
                raise self._refusal
            return self.uploaded
        self.uploaded = None  # another file chosen: the upload's bytes are let go
        typed = self.path.value.strip()
        if typed:
            return LocalFile(allowed_path(self.session, typed))
        if self.menu.value:
            return LocalFile(allowed_path(self.session, self.menu.value))
        return None

    def _read_chosen(self) -> None:
        self._use_upload = False
        self._read()

    def _menu_chosen(self) -> None:
        if not self._filling:
            self.path.value = ""

    def _uploaded(self) -> None:
        if not self.upload.value:
            return  # cleared below
        sent = self.upload.value[0]
        # the widget would keep the bytes (and send them back to the page) while it lives
        self.upload.value = ()
        self._use_upload, self.uploaded, self._refusal = True, None, None
        try:
            _readable_kind(sent["name"])
            if len(sent["content"]) > UPLOAD_LIMIT:
                raise JourneyLabError(_(
                    "{file} is larger than {size} MB: put it in the workshop's folder or in "
                    "the project's data folder, where the menu lists it.", file=sent["name"],
                    size=format_number(UPLOAD_LIMIT / 1e6, 0)))
        except JourneyLabError as refusal:
            self._refusal = refusal
        else:
            self.uploaded = UploadedFile(sent["name"], bytes(sent["content"]))
        self._read()
