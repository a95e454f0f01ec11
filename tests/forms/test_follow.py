"""Several screens on one workshop: each follows the others, and typed text is never lost."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from journeylab import edit
from journeylab.forms.session import Session
from journeylab.forms.touchpoints import touchpoints
from journeylab.store import load_workshop

from ..browser.app_server import run_async
from .conftest import editor_row


def _point(session: Session, point_id: str):
    return next(t for t in session.workshop.touchpoints if t.id == point_id)


def test_each_session_sees_what_the_other_saved(folder: Path) -> None:
    mine, theirs = Session.open(folder), Session.open(folder)
    assert not mine.check_for_changes()  # nothing changed: one look at the file, nothing more
    theirs.apply(lambda w: edit.add(w, "touchpoint", {"name": "Welcome desk",
                                                      "channel": "store"}))
    theirs.apply(lambda w: edit.update(w, "persona", "ellie", story="Buys her first flat."))
    seen = []
    mine.on_change(seen.append)
    assert mine.check_for_changes()
    assert "Welcome desk" in {t.name for t in mine.workshop.touchpoints}
    assert seen == [mine.workshop]
    assert mine.status.text.startswith("Changed on another screen · ")
    assert "touchpoints: 1 added" in mine.status.text
    assert "personas: 1 changed" in mine.status.text
    assert not mine.check_for_changes()
    mine.apply(lambda w: edit.update(w, "touchpoint", "ftb-hub", owner="Mortgage marketing"))
    assert theirs.check_for_changes() and _point(theirs, "ftb-hub").owner == "Mortgage marketing"
    assert not mine.check_for_changes()  # its own save is not news to itself


def test_a_change_is_made_on_top_of_the_other_screens_and_both_are_kept(folder: Path) -> None:
    mine, theirs = Session.open(folder), Session.open(folder)
    theirs.apply(lambda w: edit.update(w, "touchpoint", "ftb-hub",
                                       owner="Mortgage marketing"))
    assert mine.apply(lambda w: edit.update(w, "touchpoint", "rates-table",
                                            owner="Pricing")) == []
    saved = {t.id: t.owner for t in load_workshop(folder).touchpoints}
    assert (saved["ftb-hub"], saved["rates-table"]) == ("Mortgage marketing", "Pricing")
    assert "touchpoints: 1 changed" in mine.status.text  # it says what came in


def test_the_list_shows_a_new_item_from_another_screen_and_keeps_the_one_chosen(
        folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.choice.value = "rates-table"
    other = Session.open(folder)
    other.apply(lambda w: edit.add(w, "touchpoint", {"name": "Welcome desk",
                                                     "channel": "store"}))
    assert form.session.check_for_changes()
    assert "welcome-desk" in [value for _label, value in form.editor.choice.options]
    assert form.editor.choice.value == "rates-table"
    assert "Welcome desk" in form.table.value


def test_the_same_field_saved_elsewhere_is_shown_with_a_note(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.choice.value = "rates-table"
    owner = editor_row(form, "owner")
    other = Session.open(folder)
    other.apply(lambda w: edit.update(w, "touchpoint", "rates-table", owner="Pricing team"))
    form.session.check_for_changes()
    assert owner.input.value == "Pricing team"
    assert owner.message.text == "Changed on another screen"
    assert editor_row(form, "name").message.text == ""  # the fields that did not change


def test_editing_an_item_deleted_elsewhere_keeps_the_text_and_can_add_it_back(
        folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.choice.value = "rates-table"
    name = _point(form.session, "rates-table").name
    other = Session.open(folder)
    other.apply(lambda w: edit.remove(w, "touchpoint", "rates-table", cascade=True))
    # this screen has not looked yet: the change is refused in words, the text stays
    editor_row(form, "description").input.value = "Rates shown before the calculator"
    described = editor_row(form, "description")
    assert described.input.value == "Rates shown before the calculator"
    assert described.message.text == f"The touchpoint '{name}' was deleted on another screen."
    assert "rates-table" not in described.message.text
    assert form.editor.message.text == ("This touchpoint was deleted on another screen. "
                                        "Your text is kept.")
    assert form.editor.add_back.layout.display == ""
    assert form.editor.add_back.description == "Add it back as a new touchpoint"
    assert form.editor.choice.value is None  # no other touchpoint took its place
    editor_row(form, "owner").input.value = "Pricing"  # more typing is kept too
    assert editor_row(form, "owner").input.value == "Pricing"
    form.editor.add_back.click()
    added = next(t for t in load_workshop(folder).touchpoints if t.name == name)
    assert (added.description, added.owner) == ("Rates shown before the calculator",
                                                "Pricing")
    assert form.editor.choice.value == added.id
    assert form.editor.add_back.layout.display == "none"


def test_a_delete_seen_while_following_keeps_the_typed_fields(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.choice.value = "rates-table"
    other = Session.open(folder)
    other.apply(lambda w: edit.remove(w, "touchpoint", "rates-table", cascade=True))
    form.session.check_for_changes()
    assert form.editor.choice.value is None and form.editor.orphan is not None
    assert editor_row(form, "name").input.value == form.editor.orphan.name
    assert not editor_row(form, "name").input.disabled  # the text can still be sent
    assert "Your text is kept" in form.editor.message.text


def test_deleting_on_this_screen_is_not_taken_for_a_delete_elsewhere(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.choice.value = "rates-table"
    form.editor.delete.click()
    if form.editor.delete.description == "Confirm delete":
        form.editor.delete.click()
    assert form.editor.orphan is None and form.editor.add_back.layout.display == "none"
    assert form.editor.message.text.startswith("✓ Deleted ")


def test_adding_after_another_screens_add_selects_this_screens_item(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    other = Session.open(folder)
    other.apply(lambda w: edit.add(w, "touchpoint", {"name": "Queue ticket machine",
                                                     "channel": "store"}))
    form.editor.new_name.value = "Welcome desk"  # meets the newer file, made on top of it
    names = [t.name for t in load_workshop(folder).touchpoints]
    assert names[-2:] == ["Queue ticket machine", "Welcome desk"]
    assert form.editor.selected().name == "Welcome desk"
    assert form.editor.message.text.startswith("✓ Added 'Welcome desk'.")


def test_a_session_follows_by_itself_on_a_running_loop_and_stops_when_dropped(
        folder: Path, monkeypatch) -> None:
    from journeylab.forms import session as session_module
    from journeylab.forms import ticker

    async def run() -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(ticker, "kernel_loop", lambda: loop)
        monkeypatch.setattr(session_module, "FOLLOW_SECONDS", 0.05)
        mine = Session.open(folder)
        task = mine._follower._task
        assert task is not None and not task.done()
        Session.open(folder).apply(lambda w: edit.update(w, "persona", "ellie", story="New"))
        for _ in range(40):
            await asyncio.sleep(0.05)
            if mine.workshop.personas[0].story == "New":
                break
        assert mine.workshop.personas[0].story == "New"
        assert mine.status.text.startswith("Changed on another screen")
        del mine
        gc.collect()
        await asyncio.sleep(0.1)
        assert task.done()  # dropped: it stops, and leaves nothing pending

    # on a loop of its own thread: after a browser test, Playwright's loop holds this one
    run_async(run())


def test_a_file_broken_elsewhere_is_said_not_raised(folder: Path) -> None:
    mine = Session.open(folder)
    (folder / "journey.json").write_text('{"title": "Half a fi', encoding="utf-8")
    assert mine.check_for_changes() is False
    assert "not valid JSON" in mine.status.text
    assert mine.check_for_changes() is False  # said once, not at every look


def test_a_change_elsewhere_sets_nothing_in_the_fields_being_typed_in(folder: Path) -> None:
    form = touchpoints(Session.open(folder))
    form.editor.choice.value = "rates-table"
    sent = []
    for row in form.editor.rows:
        row.input.observe(lambda change, name=row.spec.name: sent.append(name), names="value")
    other = Session.open(folder)
    other.apply(lambda w: edit.update(w, "touchpoint", "ftb-hub", owner="Mortgage marketing"))
    other.apply(lambda w: edit.add(w, "touchpoint", {"name": "Welcome desk",
                                                     "channel": "store"}))
    assert form.session.check_for_changes()
    assert sent == []  # the browser keeps what is typed and not yet sent


def test_the_set_up_shows_a_title_changed_elsewhere_and_says_so(folder: Path) -> None:
    from journeylab.forms.setup import setup

    form = setup(Session.open(folder))
    Session.open(folder).apply(lambda w: edit.set_fields(w, title="Mortgage journey 2027"))
    assert form.session.check_for_changes()
    title = form.fields["title"]
    assert title.input.value == "Mortgage journey 2027"
    assert title.message.text == "Changed on another screen"
    assert form.fields["goal"].message.text == ""
    assert "set-up: Workshop title" in form.session.status.text
