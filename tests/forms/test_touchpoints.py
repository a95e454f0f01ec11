"""``01_touchpoints`` without a browser: the facilitator lists touchpoints as the room talks."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from journeylab import edit
from journeylab.i18n import _, language
from journeylab.forms.session import Session
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
    file = form.session.file
    original = file.apply

    def apply(change):
        theirs = original(change)
        calls.append(len(file.workshop.touchpoints))
        return theirs

    monkeypatch.setattr(file, "apply", apply)
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
    assert form.editor.message.text.startswith("✓ Added 'Mortgage podcast'. Saved ")


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
    assert form.session.status.text == ""  # said once, beside the field
    row(form, "name").input.value = "Calculator"
    assert row(form, "name").message.text.startswith("✓ Saved")
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
    form.paste.channel.value = "store"
    form.paste.text.value = ("Welcome desk\n\n  Queue ticket machine  \nwelcome desk\n"
                             f"{before[0]}\nBrochure rack\n")
    form.paste.add.click()
    saved = load_workshop(folder).touchpoints
    assert [t.name for t in saved] == [*before, "Welcome desk", "Queue ticket machine",
                                       "Brochure rack"]
    assert all(t.channel == "store" and t.online is False for t in saved[-3:])
    assert saves == [len(before) + 3]
    message = plain(form.paste.message.value)
    assert "Added: 3." in message
    assert "already in the list: 2" in message and before[0] in message
    assert form.paste.text.value == ""


def test_pasted_names_get_the_owner_and_stages_ticked_beside_them(
        form: TouchpointsForm, folder: Path, monkeypatch) -> None:
    saves = count_saves(form, monkeypatch)
    assert ("Research", "research") in form.paste.stages.options
    form.paste.channel.value = "phone"
    form.paste.owner.value = "Contact centre"
    form.paste.stages.value = ("offer", "research")  # ticked in another order than the map's
    form.paste.text.value = "Callback line\nRate-lock reminder call"
    form.paste.add.click()
    points = load_workshop(folder).touchpoints[-2:]
    assert [p.name for p in points] == ["Callback line", "Rate-lock reminder call"]
    for point in points:
        assert (point.channel, point.online, point.owner) == ("phone", False,
                                                              "Contact centre")
        assert sorted(point.stages) == ["offer", "research"]
    assert len(saves) == 1
    cells = re.findall(r"<td>(.*?)</td>", form.table.value)
    index = cells.index("Callback line")
    assert cells[index + 3] == "Contact centre" and "Research" in cells[index + 4]


def test_pasting_nothing_says_what_to_do(form: TouchpointsForm, folder: Path,
                                         monkeypatch) -> None:
    saves = count_saves(form, monkeypatch)
    form.paste.text.value = "\n  \n"
    form.paste.add.click()
    assert saves == []
    assert "one per line" in plain(form.paste.message.value)
    form.paste.text.value = "Welcome desk"  # the message spoke of the empty box
    assert form.paste.message.value == ""


def test_a_bad_pasted_line_is_named_and_the_rest_added(form: TouchpointsForm,
                                                       folder: Path) -> None:
    form.paste.text.value = ("Good one\nName\twith a spreadsheet tab\n" + "Long " * 50
                             + "\nAnother")
    form.paste.add.click()
    names = [t.name for t in load_workshop(folder).touchpoints]
    assert names[-2:] == ["Good one", "Another"]
    message = plain(form.paste.message.value)
    assert "Line 2 skipped: must fit on one line" in message
    assert "Line 3 skipped" in message and "200" in message
    assert "Good one" in form.paste.text.value  # kept, so the bad lines can be fixed


def test_only_duplicates_pasted_adds_nothing(form: TouchpointsForm, folder: Path,
                                             monkeypatch) -> None:
    existing = load_workshop(folder).touchpoints[3].name
    saves = count_saves(form, monkeypatch)
    form.paste.text.value = existing.upper()
    form.paste.add.click()
    assert saves == []
    assert "Added: 0." in plain(form.paste.message.value)


def test_several_touchpoints_are_put_in_stages_at_once(form: TouchpointsForm, folder: Path,
                                                       monkeypatch) -> None:
    form.paste.text.value = "Welcome desk\nQueue ticket\nBrochure rack"
    form.paste.add.click()
    ids = [t.id for t in load_workshop(folder).touchpoints[-3:]]
    placer = form.placer
    assert {value for _label, value in placer.touchpoints.options} >= set(ids)
    assert placer.put.disabled  # nothing ticked yet
    saves = count_saves(form, monkeypatch)
    placer.touchpoints.value = (ids[0], ids[2])
    placer.stages.value = ("offer", "research")
    assert not placer.put.disabled
    placer.put.click()
    saved = {t.id: t.stages for t in load_workshop(folder).touchpoints}
    order = [s.id for s in load_workshop(folder).stages]
    assert saved[ids[0]] == saved[ids[2]] == sorted(["offer", "research"], key=order.index)
    assert saved[ids[1]] == []
    assert len(saves) == 1
    assert plain(placer.message.value) == "Touchpoints put in Research, Offer: 2."
    # the ticks stay, so the same touchpoints can be taken out of one stage again
    placer.stages.value = ("offer",)
    assert placer.message.value == ""
    placer.take.click()
    saved = {t.id: t.stages for t in load_workshop(folder).touchpoints}
    assert saved[ids[0]] == saved[ids[2]] == ["research"]


def test_placing_keeps_stages_a_touchpoint_already_had(form: TouchpointsForm,
                                                       folder: Path) -> None:
    point = next(t for t in load_workshop(folder).touchpoints if t.stages)
    new = next(s.id for s in load_workshop(folder).stages if s.id not in point.stages)
    form.placer.touchpoints.value = (point.id,)
    form.placer.stages.value = (new,)
    form.placer.put.click()
    assert set(saved_point(folder, point.name).stages) == {*point.stages, new}


def test_tick_all_and_untick_all(form: TouchpointsForm, folder: Path) -> None:
    form.placer.all.click()
    assert len(form.placer.touchpoints.value) == len(load_workshop(folder).touchpoints)
    form.placer.none.click()
    assert form.placer.touchpoints.value == ()


# -- channels of the workshop's own ------------------------------------------------------------

def enter(box) -> None:
    """What pressing Enter in a text box sends from the browser."""
    box._handle_custom_msg({"event": "submit"}, [])


def test_an_offline_channel_is_chosen_before_it_is_saved(form: TouchpointsForm,
                                                         folder: Path) -> None:
    before = load_workshop(folder).channels
    own = form.own_channels
    own.name.value = "Doorstep flyer"  # typed, then the box loses focus: nothing is saved
    assert load_workshop(folder).channels == before
    own.online.value = False
    own.add.click()
    saved = {c.name: c for c in load_workshop(folder).channels}
    assert saved["Doorstep flyer"].online is False
    assert own.name.value == ""
    assert "Doorstep flyer" in plain(own.message.value)
    assert "first" not in plain(own.message.value)  # no "type the name first" after a save
    assert "Doorstep flyer" in dict(row(form, "channel").input.options)
    assert "Doorstep flyer" in dict(form.paste.channel.options)
    add(form, "Leaflet drop")
    row(form, "channel").input.value = saved["Doorstep flyer"].id
    assert saved_point(folder, "Leaflet drop").online is False


def test_enter_in_the_name_box_adds_the_channel(form: TouchpointsForm, folder: Path) -> None:
    form.own_channels.name.value = "Home visit"
    enter(form.own_channels.name)
    saved = {c.name: c for c in load_workshop(folder).channels}
    assert saved["Home visit"].online is True
    assert form.own_channels.name.value == ""


def test_an_own_channel_can_be_switched_offline_later(form: TouchpointsForm,
                                                      folder: Path) -> None:
    form.own_channels.name.value = "Comparison site"
    form.own_channels.add.click()  # online, as the choice above the name says
    channel = next(c for c in load_workshop(folder).channels if c.name == "Comparison site")
    assert channel.online is True
    add(form, "Price table")
    row(form, "channel").input.value = channel.id
    add(form, "Rate alert")  # keeps the channel in use
    assert saved_point(folder, "Rate alert").online is True
    choice = form.own_channels.choices[channel.id]
    assert choice.value is True
    choice.value = False  # the room meant a printed comparison table
    saved = next(c for c in load_workshop(folder).channels if c.id == channel.id)
    assert saved.online is False
    assert saved_point(folder, "Price table").online is False
    assert saved_point(folder, "Rate alert").online is False
    assert row(form, "online").input.value is False  # the open touchpoint shows it
    add(form, "Shelf leaflet")  # new touchpoints in the channel are offline now
    assert saved_point(folder, "Shelf leaflet").online is False
    assert "offline" in plain(form.table.value)


def test_a_channel_already_there_is_refused(form: TouchpointsForm, folder: Path) -> None:
    before = load_workshop(folder).channels
    for name in ("phone", "Broker Portal"):
        form.own_channels.name.value = name
        form.own_channels.add.click()
        assert "already a channel" in plain(form.own_channels.message.value)
    assert load_workshop(folder).channels == before
    form.own_channels.name.value = "Broker Portal 2"  # the message spoke of the old name
    assert form.own_channels.message.value == ""


def test_a_channel_whose_id_is_in_the_catalogue_gets_another(form: TouchpointsForm,
                                                             folder: Path) -> None:
    form.own_channels.name.value = "Mobile"  # "mobile" is the catalogue's "Mobile app"
    form.own_channels.add.click()
    added = load_workshop(folder).channels[-1]
    assert added.name == "Mobile" and added.id not in ("mobile", "")
    assert form.session.status.text.startswith("✓")


def test_add_channel_with_an_empty_name_asks_for_one(form: TouchpointsForm,
                                                     folder: Path) -> None:
    before = load_workshop(folder).channels
    form.own_channels.add.click()
    assert "name" in plain(form.own_channels.message.value)
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
