"""Which workshops there are: the menu of ``00_start_here`` and a read-only picker."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from ..errors import JourneyLabError
from ..i18n import _
from ..store import JOURNEY_FILE, WorkshopFile
from ..summary import summarise


def workshop_folders(root: str | Path) -> list[Path]:
    """The workshop folders under ``root``, sorted by name."""
    root = Path(root)
    return sorted(p.parent for p in root.glob(f"*/{JOURNEY_FILE}")) if root.is_dir() else []


def menu_label(folder: Path, title: str | None = None) -> str:
    """``Title (folder)`` for a menu; the folder alone if the file cannot be read.

    ``title`` saves reading the file when the caller knows it.
    """
    if title is None:
        try:
            title = WorkshopFile.open(folder).workshop.title
        except JourneyLabError:
            return folder.name
    return f"{title} ({folder.name})"


class WorkshopPicker(widgets.VBox):
    """A list of the workshops under a folder and the summary of the chosen one."""

    def __init__(self, root: str | Path, selected: str | None = None) -> None:
        self.root = Path(root)
        self.opened: WorkshopFile | None = None
        folders = workshop_folders(self.root)
        self.choice = widgets.Dropdown(
            options=[(menu_label(folder), str(folder)) for folder in folders],
            value=str(self.root / selected) if selected else None,
            description=_("Workshop"), layout=widgets.Layout(width="32em"))
        self.message = widgets.HTML()
        self.summary = widgets.HTML()
        self.choice.observe(self._show, names="value")
        super().__init__([self.choice, self.message, self.summary])
        if not folders:
            self.message.value = _("There are no workshops in {root} yet.", root=self.root)
        elif self.choice.value is None:
            self.choice.value = str(folders[0])
        else:
            self._show()

    def _show(self, _change: object = None) -> None:
        try:
            self.opened = WorkshopFile.open(self.choice.value)
        except JourneyLabError as error:
            self.opened, self.summary.value = None, ""
            self.message.value = f"<pre class='journeylab-error'>{html.escape(str(error))}</pre>"
            return
        self.message.value = ""
        self.summary.value = summarise(self.opened.workshop)._repr_html_()


def open_workshop(root: str | Path = "../workshops", selected: str | None = None) -> WorkshopPicker:
    """A read-only picker: choose a workshop, see its summary (nothing is changed or remembered).

    ``00_start_here`` shows :func:`~journeylab.forms.setup.start_here`, which also creates
    workshops and edits their set-up.
    """
    return WorkshopPicker(root, selected)
