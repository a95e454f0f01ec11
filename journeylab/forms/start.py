"""The page of ``00_start_here``: which workshops there are, open or create one, set it up.

:func:`start_here` shows a menu of the workshops, a form to create one, and, once a workshop
is open, the :func:`~journeylab.forms.setup.setup` form below them. The workshop chosen or
created is remembered, so the other notebooks open it. :func:`open_workshop` is a read-only
picker.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from .. import edit
from ..errors import JourneyLabError, WorkshopInvalid
from ..i18n import _, current_language, set_language
from ..model import Workshop
from ..store import JOURNEY_FILE, WorkshopFile, new_workshop_folder
from ..summary import summarise
from .fields import FieldSpec, problems_for
from .live import Quiet
from .parts import section
from .session import Session, find_workshop, remember_workshop
from .setup import SetupForm, field_row, framework_options, language_options


def workshop_folders(root: str | Path) -> list[Path]:
    """The workshop folders under ``root``, sorted by name."""
    root = Path(root)
    return sorted(p.parent for p in root.glob(f"*/{JOURNEY_FILE}")) if root.is_dir() else []


def menu_label(folder: Path, title: str | None = None) -> str:
    """The workshop's title for a menu; the folder alone if the file cannot be read.

    ``title`` saves reading the file when the caller knows it.
    """
    if title is None:
        try:
            title = WorkshopFile.open(folder).workshop.title
        except JourneyLabError:
            return folder.name
    return title


def menu_options(labels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(label, value)`` pairs with every label told apart: a title that two workshops
    share is numbered ("Onboarding", "Onboarding (2)"), in the order given."""
    seen: dict[str, int] = {}
    options = []
    for label, value in labels:
        seen[label] = seen.get(label, 0) + 1
        options.append((label if seen[label] == 1 else f"{label} ({seen[label]})", value))
    return options


class WorkshopPicker(widgets.VBox):
    """A list of the workshops under a folder and the summary of the chosen one."""

    def __init__(self, root: str | Path, selected: str | None = None) -> None:
        self.root = Path(root)
        self.opened: WorkshopFile | None = None
        folders = workshop_folders(self.root)
        self.choice = widgets.Dropdown(
            options=menu_options([(menu_label(folder), str(folder)) for folder in folders]),
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

    ``00_start_here`` shows :func:`start_here`, which also creates
    workshops and edits their set-up.
    """
    return WorkshopPicker(root, selected)


class StartHere(Quiet, widgets.VBox):
    """Open a workshop from the menu, or create one; then set it up below.

    Parts: :attr:`choice` (the menu of workshops, by folder name), :attr:`title`,
    :attr:`language` and :attr:`framework` rows with :attr:`create` for a new workshop,
    :attr:`session` and :attr:`form` for the workshop open now (``None`` before).
    """

    def __init__(self, root: str | Path = "../workshops") -> None:
        super().__init__()
        self.add_class("journeylab-start")
        self.add_class("journeylab-page")
        self.root = Path(root)
        self.session: Session | None = None
        self.form: SetupForm | None = None
        self.body = widgets.VBox()
        self._render(selected=None, typed="")
        remembered = self._remembered()
        if remembered is None:
            return
        if self._inside(remembered):
            self.choice.value = remembered.name  # opens it
        else:  # named by JOURNEYLAB_WORKSHOP, outside the menu's folder
            self.open_folder(remembered)

    def _render(self, selected: str | None, typed: str) -> None:
        """Build the menu and the create form in the current language."""
        self._language = current_language()
        self.choice = widgets.Dropdown(options=[], value=None, layout=widgets.Layout(
            width="100%", max_width="36em", min_width="0"))
        self.choice.add_class("journeylab-menu")
        self.open_message = widgets.HTML()
        self._fill_menu(selected)
        self.choice.observe(self._chosen, names="value")
        self.title = field_row(FieldSpec("title", _("Workshop title"), required=True), None,
                          _("e.g. Online shop: from search to repeat purchase"), "12em")
        self.title.input.continuous_update = True  # the message follows the typing
        self.title.input.value = typed
        self.title.input.observe(self._title_typed, names="value")
        self.language = field_row(FieldSpec("language", _("Language"), "choice",
                                       options=language_options), None, message_width="12em")
        self.language.input.value = current_language()
        self.framework = field_row(FieldSpec("framework", _("Stage framework"), "choice",
                                        options=lambda _w: framework_options(True)),
                              None, message_width="12em")
        self.framework.input.value = "six-phases"
        self.create = widgets.Button(description=_("Create workshop"), icon="plus",
                                     button_style="primary")
        self.create.on_click(lambda _b: self._create())
        for part, name in ((self.title, "title"), (self.language, "language"),
                           (self.framework, "framework"), (self.create, "button")):
            part.add_class(f"journeylab-create-{name}")
        self.create_message = widgets.HTML()
        menu_row = widgets.HBox([widgets.HTML(html.escape(_("Workshop")),
                                              layout=widgets.Layout(min_width="8em")),
                                 self.choice], layout=widgets.Layout(align_items="center"))
        opening = widgets.VBox([
            section(_("Open a workshop"), _("Choose one to continue where the room left "
                                             "off; the other notebooks then open it too.")),
            menu_row, self.open_message], layout=widgets.Layout(flex="1 1 0",
                                                                 min_width="min(30em, 100%)"))
        creating = widgets.VBox([
            section(_("Create a workshop"), _("A new folder under {root}, with the stages "
                                               "of the framework you choose.",
                                               root=self.root.name or str(self.root))),
            self.title, self.language, self.framework,
            widgets.HBox([self.create, self.create_message],
                         layout=widgets.Layout(align_items="center", margin="0 0 0 12em"))],
            layout=widgets.Layout(flex="1 1 0", min_width="min(40em, 100%)"))
        self.children = [widgets.HBox([opening, creating],
                                      layout=widgets.Layout(flex_flow="row wrap",
                                                            width="100%")),
                         self.body]

    def _fill_menu(self, selected: str | None) -> None:
        folders = workshop_folders(self.root)
        with self.quietly():
            self._titles = {folder.name: menu_label(folder) for folder in folders}
            self.choice.options = menu_options([(t, n) for n, t in self._titles.items()])
            self.choice.value = selected if selected in {f.name for f in folders} else None
        if not folders:
            self.open_message.value = html.escape(
                _("There are no workshops in {root} yet: create one.", root=self.root))

    def _remembered(self) -> Path | None:
        try:
            return find_workshop(self.root)
        except JourneyLabError:
            return None

    def _inside(self, folder: Path) -> bool:
        return folder.parent.resolve() == self.root.resolve()

    # what the facilitator does
    def _chosen(self, change: dict) -> None:
        if self.quiet or change["new"] is None:
            return
        self.open_folder(self.root / change["new"])

    def open_folder(self, folder: Path) -> None:
        """Open the workshop in ``folder``, remember it, and show its set-up form."""
        try:
            session = Session.open(folder)
        except JourneyLabError as error:
            self.session, self.form, self.body.children = None, None, ()
            self.open_message.value = ("<pre class='journeylab-error' style='color:#b00020;"
                                       "white-space:pre-wrap'>{}</pre>").format(
                                           html.escape(str(error)))
            return
        self.create_message.value = ""  # it spoke of the workshop created before, if any
        if self.session is not None:  # its forms are no longer shown: stop following it
            self.session.close()
        if self._inside(session.file.path.parent):
            remember_workshop(session.file.path.parent)
        self.session = session
        self.form = SetupForm(session)
        session.on_change(self._session_changed)
        self.body.children = (self.form,)
        self._session_changed(session.workshop)
        self.open_message.value = html.escape(_("Open: {title}. The other notebooks now "
                                                "open this workshop.",
                                                title=session.workshop.title))

    def _session_changed(self, workshop: Workshop) -> None:
        """Follow the open workshop's language, and its new title in the menu."""
        folder = self.session.file.path.parent if self.session else None
        selected = folder.name if folder is not None and self._inside(folder) else None
        if current_language() != self._language:
            self._render(selected, self.title.input.value)
            return
        if selected is None:
            return
        # only the open workshop's title can have changed here: reading every other
        # workshop file again would make each change slower
        self._titles[selected] = workshop.title
        options = menu_options([(self._titles.get(value, old), value)
                                for old, value in self.choice.options])
        if options != list(self.choice.options):
            with self.quietly():
                self.choice.options = options
                self.choice.value = selected

    def _new_workshop(self) -> Workshop | None:
        """The workshop the create form describes, or ``None`` with the reason shown."""
        try:
            workshop = edit.new_workshop(self.title.input.value, self.language.input.value,
                                         self.framework.input.value)
        except WorkshopInvalid as invalid:
            self.title.complain(problems_for(invalid.problems, "title") or str(invalid))
            return None
        self.title.complain("")
        return workshop

    def _title_typed(self, _change: dict) -> None:
        if not self.quiet:
            self.create_message.value = ""  # it spoke of the workshop created before
            self._new_workshop()

    def _create(self) -> None:
        workshop = self._new_workshop()
        if workshop is None:
            return
        try:
            created = WorkshopFile.create(new_workshop_folder(self.root, workshop.title),
                                          workshop)
        except (JourneyLabError, OSError) as error:
            self.create_message.value = ("<span style='color:#b00020' role='alert'>{}"
                                         "</span>").format(html.escape(str(error)))
            return
        folder = created.path.parent
        with self.quietly():
            self.title.input.value = ""
        self._fill_menu(folder.name)
        self.open_folder(folder)  # may draw this form again, in the new workshop's language
        self.create_message.value = html.escape(_("Created: {title}.", title=workshop.title))


def start_here(root: str | Path = "../workshops", language_code: str | None = None) -> StartHere:
    """The page of ``00_start_here``: open or create a workshop, then set it up.

    ``language_code`` is the notebook's language: the page and a new workshop start in it.
    """
    if language_code:
        set_language(language_code)
    return StartHere(root)

