"""``00_start_here`` in a real JupyterLab and a real browser, as the facilitator meets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeylab.forms.session import find_workshop
from journeylab.forms.start import menu_label, menu_options, workshop_folders
from journeylab.i18n import _, language

from .helpers import forget_workshop, journey, poll

pytestmark = pytest.mark.browser

TITLE = "Klientu ceļš: ātrāka pieteikšanās"
PERSON = "Jūlija Žagare-Bērziņa"
ORGANISATION = "SIA Ātrums un Ķīmiķu Ģilde"  # with the title: ā ē ī ū š ž ņ ļ ķ ģ
FOLDER = "klientu-cels-atraka-pieteiksanas"


def current(workshops: Path) -> str:
    """The workshop the other notebooks will open: the kernel shares the tests' preferences
    folder, where it remembers this person's choice."""
    return find_workshop(workshops).name


def test_facilitator_creates_a_latvian_workshop_fills_it_and_opens_a_demo(lab, page) -> None:
    workshops = lab.root / "workshops"
    (workshops / ".current").unlink(missing_ok=True)
    forget_workshop(workshops)
    lab.run_notebook(page, "notebooks/00_start_here.ipynb")
    title = page.locator(".journeylab-create-title input")
    title.wait_for(timeout=60_000)

    # create: type a title with Latvian letters, choose Latvian and a framework
    title.press_sequentially(TITLE)
    page.locator(".journeylab-create-language select").select_option(label="Latviešu")
    page.locator(".journeylab-create-framework select").select_option(
        label="Five stages, from research to loyalty")
    page.locator("button.journeylab-create-button").click()
    created = workshops / FOLDER
    data = poll(lambda: journey(created), lambda d: d["title"] == TITLE)
    assert data is not None, f"no workshop was created in {created}"
    assert (data["title"], data["language"], data["framework"]) == (
        TITLE, "lv", "five-stages-research")
    assert [s["id"] for s in data["stages"]] == ["research", "offer", "conversion", "usage",
                                                 "loyalty"]
    page.locator(".widget-html h2", has_text=TITLE).wait_for(timeout=30_000)
    assert current(workshops) == FOLDER

    # the form now speaks the workshop's language: Latvian
    with language("lv"):
        new_name = _("New: type a name and press Enter")
        saved = _("Saved {time}", time="").strip()

    # a participant: type the name and press Enter
    new_person = page.locator(f".journeylab-participants input[placeholder='{new_name}']")
    new_person.fill(PERSON)
    new_person.press("Enter")
    data = poll(lambda: journey(created), lambda d: d["participants"])
    assert [p["name"] for p in data["participants"]] == [PERSON]
    page.locator(".journeylab-participants select option", has_text=PERSON) \
        .wait_for(timeout=10_000)

    # the organisation: typed, then Tab to leave the field
    organisation = page.locator(".journeylab-field-organisation input")
    organisation.fill(ORGANISATION)
    organisation.press("Tab")
    data = poll(lambda: journey(created), lambda d: d["organisation"] == ORGANISATION)
    assert data["organisation"] == ORGANISATION
    assert [p["name"] for p in data["participants"]] == [PERSON]
    page.locator(".journeylab-save-mark", has_text=saved).wait_for(timeout=10_000)
    page.locator(".journeylab-setup td", has_text=ORGANISATION).wait_for(timeout=10_000)

    # open the mortgage demo from the menu
    mortgage = journey(workshops / "mortgage-journey")["title"]
    # other tests' copies of the demo share its title: the menu numbers them apart
    label = dict((value, label) for label, value in menu_options(
        [(menu_label(folder), folder.name) for folder in workshop_folders(workshops)]))
    page.locator(".journeylab-menu select").select_option(label=label["mortgage-journey"])
    page.locator(".widget-html h2", has_text=mortgage).wait_for(timeout=30_000)
    assert page.locator(".journeylab-field-title input").input_value() == mortgage
    assert poll(lambda: current(workshops), lambda name: name == "mortgage-journey") == \
        "mortgage-journey"
    assert page.locator(".journeylab-setup").count() == 1  # replaced, not added below
    assert journey(created)["organisation"] == ORGANISATION

    # the guidance is shown, the code is not
    assert page.get_by_text("Start here").count() >= 1
    assert page.locator(".jp-InputArea-editor:visible", has_text="start_here").count() == 0
