"""``01_touchpoints`` without a browser: the facilitator lists touchpoints as the room talks."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from journeylab import edit
from journeylab.i18n import _, language
from journeylab.forms.base import Session
from journeylab.forms.touchpoints import TouchpointsForm, touchpoints
from journeylab.sample import large_workshop
from journeylab.store import WorkshopFile, load_workshop

from .conftest import editor_row as row, plain

ROOT = Path(__file__).parents[2]


@pytest.fixture
def form(folder: Path) -> TouchpointsForm:
    return touchpoints(Session.open(folder))


def saved_point(folder: Path, name: str):
    return next(t for t in load_workshop(folder).touchpoints if t.name == name)


def add(form: TouchpointsForm, name: str) -> None:
    form.editor.new_name.value = name  # what pressing Enter in the box does


def count_saves(form: TouchpointsForm, monkeypatch) -> list[int]:
    calls: list[int] = []
    original = form.session.file.save

    def save(workshop):
        calls.append(len(workshop.touchpoints))
        return original(workshop)

    monkeypatch.setattr(form.session.file, "save", save)
    return calls


# -- one touchpoint at a time ------------------------------------------------------------------

def test_enter_adds_a_touchpoint_and_selects_it(form: TouchpointsForm, folder: Path) -> None:
    before = len(load_workshop(folder).touchpoints)
    add(form, "Mortgage podcast")
    saved = load_workshop(folder).touchpoints
    assert len(saved) == before + 1 and saved[-1].name == "Mortgage podcast"
    assert form.editor.selected().name == "Mortgage podcast"
    assert row(form, "name").input.value == "Mortgage podcast"
    assert form.editor.new_name.value == ""
    assert form.session.status.text.startswith("✓ Saved ")


def test_choosing_a_channel_sets_online_from_it(form: TouchpointsForm, folder: Path) -> None:
    add(form, "Callback request")
    assert saved_point(folder, "Callback request").channel == "website"
    assert saved_point(folder, "Callback request").online is True
    row(form, "channel").input.value = "phone"
    point = saved_point(folder, "Callback request")
    assert (point.channel, point.online) == ("phone", False)
    assert row(form, "online").input.value is False
    # the facilitator may still correct it: a phone touchpoint run over the internet
    row(form, "online").input.value = True
    assert saved_point(folder, "Callback request").online is True
    assert saved_point(folder, "Callback request").channel == "phone"


def test_the_channel_menu_offers_catalogue_and_own_channels(form: TouchpointsForm) -> None:
    options = dict(row(form, "channel").input.options)
    assert options["Phone"] == "phone" and options["Word of mouth"] == "word-of-mouth"
    assert options["Broker portal"] == "broker-portal"  # the workshop's own channel


def test_stages_owner_and_description_are_saved(form: TouchpointsForm, folder: Path) -> None:
    add(form, "Mortgage podcast")
    row(form, "stages").input.value = ("offer", "research")
    row(form, "owner").input.value = "Marketing"
    row(form, "description").input.value = "Weekly episode\nwith a broker"
    point = saved_point(folder, "Mortgage podcast")
    assert sorted(point.stages) == ["offer", "research"]
    assert point.owner == "Marketing"
    assert point.description == "Weekly episode\nwith a broker"


def test_a_new_touchpoint_keeps_the_channel_in_use(form: TouchpointsForm, folder: Path) -> None:
    add(form, "Out-of-hours line")
    row(form, "channel").input.value = "phone"
    add(form, "Complaints line")
    point = saved_point(folder, "Complaints line")
    assert (point.channel, point.online) == ("phone", False)


def test_an_empty_name_is_refused_beside_the_field(form: TouchpointsForm, folder: Path) -> None:
    first = load_workshop(folder).touchpoints[0]
    form.editor.choice.value = first.id
    row(form, "name").input.value = "   "
    assert plain(row(form, "name").message.value) == "must not be empty"
    assert load_workshop(folder).touchpoints[0].name == first.name
    assert form.session.status.text.startswith("⚠")
    row(form, "name").input.value = "Calculator"
    assert row(form, "name").message.value == ""
    assert load_workshop(folder).touchpoints[0].name == "Calculator"


def test_a_name_with_a_tab_is_refused_with_the_reason(form: TouchpointsForm,
                                                      folder: Path) -> None:
    first = load_workshop(folder).touchpoints[0]
    form.editor.choice.value = first.id
    row(form, "name").input.value = "Calculator\tweb"
    assert "must fit on one line" in plain(row(form, "name").message.value)
    assert load_workshop(folder).touchpoints[0].name == first.name


def test_delete_asks_first_when_scores_depend_on_it_and_can_be_undone(
        form: TouchpointsForm, folder: Path) -> None:
    scored = next(s.touchpoint for s in load_workshop(folder).emotions if s.touchpoint)
    form.editor.choice.value = scored
    form.editor.delete.click()
    assert scored in {t.id for t in load_workshop(folder).touchpoints}
    assert "emotion scores" in plain(form.editor.message.value)
    form.editor.delete.click()
    assert scored not in {t.id for t in load_workshop(folder).touchpoints}
    form.editor.undo.click()
    assert scored in {t.id for t in load_workshop(folder).touchpoints}


# -- many at once --------------------------------------------------------------------------------

def test_pasted_names_are_added_in_one_save(form: TouchpointsForm, folder: Path,
                                            monkeypatch) -> None:
    before = [t.name for t in load_workshop(folder).touchpoints]
    saves = count_saves(form, monkeypatch)
    form.paste_channel.value = "store"
    form.paste.value = ("Welcome desk\n\n  Queue ticket machine  \nwelcome desk\n"
                        f"{before[0]}\nBrochure rack\n")
    form.add_all.click()
    saved = load_workshop(folder).touchpoints
    assert [t.name for t in saved] == [*before, "Welcome desk", "Queue ticket machine",
                                       "Brochure rack"]
    assert all(t.channel == "store" and t.online is False for t in saved[-3:])
    assert saves == [len(before) + 3]
    message = plain(form.paste_message.value)
    assert "Added: 3." in message
    assert "already in the list: 2" in message and before[0] in message
    assert form.paste.value == ""


def test_pasting_nothing_says_what_to_do(form: TouchpointsForm, folder: Path,
                                         monkeypatch) -> None:
    saves = count_saves(form, monkeypatch)
    form.paste.value = "\n  \n"
    form.add_all.click()
    assert saves == []
    assert "one per line" in plain(form.paste_message.value)


def test_a_bad_pasted_line_is_named_and_the_rest_added(form: TouchpointsForm,
                                                       folder: Path) -> None:
    form.paste.value = "Good one\nName\twith a spreadsheet tab\n" + "Long " * 50 + "\nAnother"
    form.add_all.click()
    names = [t.name for t in load_workshop(folder).touchpoints]
    assert names[-2:] == ["Good one", "Another"]
    message = plain(form.paste_message.value)
    assert "Line 2 skipped: must fit on one line" in message
    assert "Line 3 skipped" in message and "200" in message
    assert "Good one" in form.paste.value  # kept, so the bad lines can be fixed


def test_only_duplicates_pasted_adds_nothing(form: TouchpointsForm, folder: Path,
                                             monkeypatch) -> None:
    existing = load_workshop(folder).touchpoints[3].name
    saves = count_saves(form, monkeypatch)
    form.paste.value = existing.upper()
    form.add_all.click()
    assert saves == []
    assert "Added: 0." in plain(form.paste_message.value)


# -- channels of the workshop's own ------------------------------------------------------------

def test_a_new_channel_is_saved_and_offered(form: TouchpointsForm, folder: Path) -> None:
    form.channel_name.value = "Home visit"  # Enter in the box
    assert form.channel_name.value == ""
    assert "Home visit" in plain(form.channel_message.value)
    form.channel_online.value = False
    form.channel_name.value = "Doorstep flyer"
    saved = {c.name: c for c in load_workshop(folder).channels}
    assert saved["Home visit"].online is True
    assert saved["Doorstep flyer"].online is False
    assert "Doorstep flyer" in dict(row(form, "channel").input.options)
    assert "Doorstep flyer" in dict(form.paste_channel.options)
    add(form, "Leaflet drop")
    row(form, "channel").input.value = saved["Doorstep flyer"].id
    assert saved_point(folder, "Leaflet drop").online is False


def test_a_channel_already_there_is_refused(form: TouchpointsForm, folder: Path) -> None:
    before = load_workshop(folder).channels
    for name in ("phone", "Broker Portal"):
        form.channel_name.value = name
        assert "already a channel" in plain(form.channel_message.value)
    assert load_workshop(folder).channels == before
    form.add_channel.click()  # the box still holds the refused name
    assert load_workshop(folder).channels == before


def test_a_channel_whose_id_is_in_the_catalogue_gets_another(form: TouchpointsForm,
                                                             folder: Path) -> None:
    form.channel_name.value = "Mobile"  # "mobile" is the catalogue's "Mobile app"
    added = load_workshop(folder).channels[-1]
    assert added.name == "Mobile" and added.id not in ("mobile", "")
    assert form.session.status.text.startswith("✓")


def test_add_channel_with_an_empty_name_asks_for_one(form: TouchpointsForm,
                                                     folder: Path) -> None:
    before = load_workshop(folder).channels
    form.add_channel.click()
    assert "name" in plain(form.channel_message.value)
    assert load_workshop(folder).channels == before


# -- the live table and chart ------------------------------------------------------------------

def test_table_lists_every_touchpoint_and_follows_the_filter(form: TouchpointsForm,
                                                             folder: Path) -> None:
    workshop = load_workshop(folder)
    text = plain(form.table.value)
    assert f"{len(workshop.touchpoints)} touchpoints" in text
    assert all(t.name in text for t in workshop.touchpoints)
    phone = [t for t in workshop.touchpoints if t.channel == "phone"]
    assert phone
    form.editor.filter.value = "phone"
    text = plain(form.table.value)
    assert f"{len(phone)} of {len(workshop.touchpoints)} touchpoints" in text
    assert all(t.name in text for t in phone)
    other = next(t for t in workshop.touchpoints if t.channel == "website")
    assert other.name not in text
    assert len(form.editor.choice.options) == len(phone)


def test_table_shows_channel_online_owner_and_stage_names(form: TouchpointsForm,
                                                          folder: Path) -> None:
    add(form, "Mortgage podcast")
    row(form, "stages").input.value = ("research", "conversion")
    row(form, "owner").input.value = "Brand team"
    row(form, "channel").input.value = "events"
    cells = re.findall(r"<td>(.*?)</td>", form.table.value)
    index = cells.index("Mortgage podcast")
    assert cells[index:index + 5] == ["Mortgage podcast", "Events", "offline", "Brand team",
                                      html.escape("Research, Conversion (application & "
                                                  "approval)")]


def test_chart_is_redrawn_only_when_its_counts_change(form: TouchpointsForm) -> None:
    first = form.chart.value
    assert bytes(first).startswith(b"\x89PNG")
    form.editor.choice.value = form.session.workshop.touchpoints[0].id
    row(form, "owner").input.value = "Somebody else"
    row(form, "description").input.value = "Changed"
    assert form.chart.value is first
    row(form, "channel").input.value = "events"
    assert bytes(form.chart.value) != bytes(first)


# -- any workshop ------------------------------------------------------------------------------

def test_a_brand_new_workshop_works(tmp_path: Path) -> None:
    workshop = edit.new_workshop("Новый магазин", "ru", "five-stages-service")
    session = Session(WorkshopFile.create(tmp_path / "new", workshop))
    form = touchpoints(session)
    assert form.editor.choice.options == ()
    assert all(r.input.disabled for r in form.editor.rows)
    with language("ru"):  # the workshop's language
        assert _("{count} touchpoints", count=0) in plain(form.table.value)
    add(form, "Сайт магазина")
    row(form, "stages").input.value = ("awareness", "consideration")
    point = load_workshop(tmp_path / "new").touchpoints[0]
    assert (point.name, point.channel, point.stages) == (
        "Сайт магазина", "website", ["awareness", "consideration"])


def test_two_hundred_touchpoints_can_be_filtered(tmp_path: Path) -> None:
    session = Session(WorkshopFile.create(tmp_path / "big", large_workshop()))
    form = touchpoints(session)
    assert len(form.editor.choice.options) == 200
    form.editor.filter.value = "Touchpoint 19"
    assert {label.split(" · ")[0] for label, _id in form.editor.choice.options} == {
        "Touchpoint 19", *(f"Touchpoint {n}" for n in range(190, 200))}
    assert "11 of 200 touchpoints" in plain(form.table.value)


def test_running_the_cell_again_leaves_only_the_new_form_listening(folder: Path) -> None:
    session = Session.open(folder)
    old = touchpoints(session)
    new = touchpoints(session)
    add(new, "Mortgage podcast")
    assert "Mortgage podcast" in plain(new.table.value)
    assert "Mortgage podcast" not in plain(old.table.value)
