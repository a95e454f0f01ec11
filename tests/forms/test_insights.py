"""``06_insights_actions`` without a browser: insights from the map, votes, and the plan."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from journeylab import edit
from journeylab.forms.session import Session
from journeylab.forms.insights import InsightsActions, insights_actions, parse_number
from journeylab.i18n import language
from journeylab.model import InsightKind
from journeylab.priorities import by_priority, candidate_insights
from journeylab.store import WorkshopFile, load_workshop

from .conftest import plain

ROOT = Path(__file__).parents[2]


def copy_demo(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOT / "workshops" / name, target)
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return copy_demo(tmp_path, "mortgage-journey")


@pytest.fixture
def form(folder: Path) -> InsightsActions:
    return insights_actions(Session.open(folder))


def row(editor, name: str):
    return next(r for r in editor.rows if r.spec.name == name)


def table_rows(markup: str) -> list[list[str]]:
    body = markup.split("<tbody>", 1)[1]
    return [[plain(cell) for cell in re.findall(r"<td>(.*?)</td>", tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body)]


def saved_insight(folder: Path, title: str):
    return next(i for i in load_workshop(folder).insights if i.title == title)


# -- (a) from the map -------------------------------------------------------------------------

def test_one_click_makes_a_map_card_an_insight(form: InsightsActions, folder: Path) -> None:
    before = load_workshop(folder)
    first = form.candidates.rows[0]
    candidate = first.candidate
    assert candidate == candidate_insights(before)[0]
    assert candidate.text[:40] in plain(first.text.value)
    first.add_button.click()
    made = saved_insight(folder, candidate.title)
    assert (made.kind, made.stage, made.persona, made.votes) == (
        candidate.kind, candidate.stage, candidate.persona, 0)
    assert len(load_workshop(folder).insights) == len(before.insights) + 1
    assert first.mark.text.startswith("✓ Saved")
    # the row stays in place, marked, so the next click cannot hit a card that slid up
    assert first.add_button.disabled and first.add_button.description == "Added"
    assert form.candidates.rows[1].candidate == candidate_insights(before)[1]
    # and the new insight is selected, ready for votes
    assert form.insights.selected().id == made.id


def test_added_cards_leave_the_list_when_the_page_changes(form: InsightsActions,
                                                          folder: Path) -> None:
    title = form.candidates.rows[0].candidate.title
    form.candidates.rows[0].add_button.click()
    form.candidates.next.click()
    form.candidates.previous.click()
    assert title not in [c.title for c in form.candidates.shown]
    count = len(candidate_insights(load_workshop(folder)))
    assert plain(form.candidates.position.value).endswith(f"of {count}")


def test_candidates_filter_by_kind_stage_and_words(form: InsightsActions,
                                                   folder: Path) -> None:
    workshop = load_workshop(folder)
    everything = candidate_insights(workshop)
    form.candidates.kind.value = "opportunity"
    assert {c.kind for c in form.candidates.candidates()} == {InsightKind.OPPORTUNITY}
    stage = workshop.stages[1].id
    form.candidates.stage.value = stage
    expected = [c for c in everything if c.kind is InsightKind.OPPORTUNITY and c.stage == stage]
    assert form.candidates.candidates() == expected
    word = expected[0].text.split()[-1].upper()
    form.candidates.filter.value = word
    assert expected[0] in form.candidates.candidates()
    assert all(word.casefold() in c.text.casefold() for c in form.candidates.candidates())
    form.candidates.filter.value = "no card says this"
    assert plain(form.candidates.message.value) == "Nothing matches the filter."
    assert all(r.layout.display == "none" for r in form.candidates.rows)


def test_candidates_page_through_a_long_map(form: InsightsActions, folder: Path) -> None:
    everything = candidate_insights(load_workshop(folder))
    assert len(everything) > 2 * form.candidates.PAGE
    seen = []
    while True:
        seen += [r.candidate for r in form.candidates.rows if r.candidate is not None]
        if form.candidates.next.disabled:
            break
        form.candidates.next.click()
    assert seen == everything
    assert form.candidates.previous.disabled is False


# -- (b) insights and votes ---------------------------------------------------------------------

def test_each_insight_has_its_own_plus_and_minus(form: InsightsActions,
                                                  folder: Path) -> None:
    form.candidates.rows[0].add_button.click()
    insight = form.insights.selected()
    dots = form.dots.row(insight.id)
    assert plain(dots.title.value) == insight.title and plain(dots.count.value) == "0"
    assert dots.minus.description == "−" and dots.minus.disabled  # a real minus sign
    dots.plus.click()
    dots.plus.click()
    assert saved_insight(folder, insight.title).votes == 2
    assert plain(dots.count.value) == "2"
    assert form.insights.choice.label == f"▲2 {insight.title}"
    for _n in range(3):
        dots.minus.click()
    assert saved_insight(folder, insight.title).votes == 0
    assert dots.minus.disabled
    assert len(form.dots.rows) == len(load_workshop(folder).insights)


def test_five_insights_take_one_click_per_dot_not_per_selection(form: InsightsActions,
                                                               folder: Path) -> None:
    ids = [i.id for i in load_workshop(folder).insights][:5]
    wanted = {ids[0]: 5, ids[1]: 4, ids[2]: 3, ids[3]: 2, ids[4]: 0}
    before = {i.id: i.votes for i in load_workshop(folder).insights}
    clicks = 0
    for insight_id, votes in wanted.items():
        for _n in range(votes):
            form.dots.row(insight_id).plus.click()
            clicks += 1
    assert clicks == 14  # the dots called out, and nothing else
    saved = {i.id: i.votes for i in load_workshop(folder).insights}
    assert all(saved[i] == before[i] + wanted[i] for i in ids)


def test_the_total_counts_dots_used_against_the_room(form: InsightsActions,
                                                     folder: Path) -> None:
    workshop = load_workshop(folder)
    used, people = sum(i.votes for i in workshop.insights), len(workshop.participants)
    # enough for the dots the demo already has, so it opens without a false warning
    assert people and form.dots.per_participant.value == max(3, -(-used // people))
    assert "role='alert'" not in form.dots.total.value
    form.dots.per_participant.value = 10
    total = plain(form.dots.total.value)
    assert total.startswith(f"Dots used: {used} of {10 * people}")
    assert f"Left: {10 * people - used}." in total
    form.dots.row(workshop.insights[0].id).plus.click()
    assert f"Dots used: {used + 1} of {10 * people}" in plain(form.dots.total.value)
    form.dots.per_participant.value = 1  # fewer dots than are on the insights: said plainly
    total = plain(form.dots.total.value)
    assert f"{used + 1 - people} more than the room has" in total
    assert "role='alert'" in form.dots.total.value
    # the choice stays while the workshop is open: the form shown again keeps it
    assert insights_actions(form.session).dots.per_participant.value == 1


def test_dots_per_participant_is_at_least_one(form: InsightsActions) -> None:
    form.dots.per_participant.value = 0
    assert form.dots.per_participant.value == 1


def test_typing_a_title_and_enter_adds_an_insight(form: InsightsActions, folder: Path) -> None:
    form.insights.new_name.value = "Hidden delivery fee"
    made = saved_insight(folder, "Hidden delivery fee")
    assert made.kind is InsightKind.PAIN_POINT and made.stage is None
    assert form.insights.choice.label == "▲0 Hidden delivery fee"
    row(form.insights, "kind").input.value = "opportunity"
    row(form.insights, "impact").input.value = 5
    row(form.insights, "effort").input.value = 1
    workshop = load_workshop(folder)
    stage, persona = workshop.stages[2], workshop.personas[0]
    row(form.insights, "stage").input.value = stage.id
    row(form.insights, "persona").input.value = persona.id
    assert row(form.insights, "persona").message.text.startswith("✓ Saved")
    made = saved_insight(folder, "Hidden delivery fee")
    assert (made.kind, made.impact, made.effort, made.stage, made.persona) == (
        InsightKind.OPPORTUNITY, 5, 1, stage.id, persona.id)
    # the empty choice clears the stage again
    assert row(form.insights, "stage").input.options[0][1] == ""
    row(form.insights, "stage").input.value = ""
    assert saved_insight(folder, "Hidden delivery fee").stage is None


def test_an_insight_without_stage_shows_the_empty_choice(form: InsightsActions) -> None:
    form.insights.new_name.value = "Nowhere in particular"
    stage = row(form.insights, "stage").input
    assert stage.value == "" and stage.label == "— none —"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("impact", 9, "must be at most 5"), ("effort", 0, "must be at least 1"),
    ("title", "", "must not be empty")])
def test_wrong_insight_input_is_refused_beside_the_field(form: InsightsActions, folder: Path,
                                                         field, value, message) -> None:
    before = (folder / "journey.json").read_bytes()
    form.insights.choice.value = load_workshop(folder).insights[0].id
    target = row(form.insights, field)
    target.input.value = value
    assert message in plain(target.message.value)
    assert form.session.status.text == ""  # said once, beside the field
    assert (folder / "journey.json").read_bytes() == before
    assert target.input.value == value  # what was typed stays, to be corrected


def test_the_priority_table_and_matrix_follow_the_votes(form: InsightsActions,
                                                        folder: Path) -> None:
    first_png = bytes(form.matrix.value)
    assert first_png.startswith(b"\x89PNG")
    workshop = load_workshop(folder)
    table = table_rows(form.priority_table.value)
    assert [r[1] for r in table] == [r.insight.title for r in by_priority(workshop.insights)]
    # make the last insight a clear quick win with the most votes: it goes to the top
    last = by_priority(workshop.insights)[-1].insight
    form.insights.choice.value = last.id
    row(form.insights, "impact").input.value = 5
    row(form.insights, "effort").input.value = 1
    most = max(i.votes for i in workshop.insights)
    for _n in range(most + 1 - last.votes):
        form.dots.row(last.id).plus.click()
    top = table_rows(form.priority_table.value)[0]
    assert top[1] == last.title
    assert top[5] == str(most + 1)
    assert top[-1] == "Quick wins"
    assert bytes(form.matrix.value) != first_png


def test_editing_a_description_does_not_redraw_the_charts(form: InsightsActions,
                                                          monkeypatch) -> None:
    drawn: list[str] = []
    monkeypatch.setattr(form._matrix, "png", lambda *a: drawn.append("matrix") or b"")
    monkeypatch.setattr(form._kpis, "png", lambda *a: drawn.append("kpis") or b"")
    row(form.insights, "description").input.value = "Seen in 40 interviews."
    assert row(form.insights, "description").message.text.startswith("✓ Saved")
    assert drawn == []
    form.dots.row(form.insights.selected().id).plus.click()
    assert drawn == ["matrix"]


def test_deleting_an_insight_an_action_answers_asks_first(form: InsightsActions,
                                                          folder: Path) -> None:
    workshop = load_workshop(folder)
    answered = next(a for a in workshop.actions if a.insights).insights[0]
    form.insights.choice.value = answered
    form.insights.delete.click()
    assert "Confirm delete" == form.insights.delete.description
    assert any(i.id == answered for i in load_workshop(folder).insights)
    form.insights.delete.click()
    after = load_workshop(folder)
    assert all(i.id != answered for i in after.insights)
    assert all(answered not in a.insights for a in after.actions)
    form.insights.undo.click()
    assert any(i.id == answered for i in load_workshop(folder).insights)


# -- (d) the action plan ------------------------------------------------------------------------

def test_an_action_with_owner_kpi_baseline_target_and_insight(form: InsightsActions,
                                                              folder: Path) -> None:
    form.candidates.rows[0].add_button.click()
    insight = form.insights.selected()
    actions = form.actions
    actions.new_name.value = "Show the fee in the basket"
    row(actions, "owner").input.value = "Ana (E-commerce)"
    row(actions, "kpi").input.value = "Drop-off rate"
    row(actions, "baseline").input.value = "1,234.5"
    row(actions, "target").input.value = "900"
    row(actions, "unit").input.value = "€"
    row(actions, "due").input.value = dt.date(2027, 3, 31)
    row(actions, "status").input.value = "in_progress"
    row(actions, "insights").input.value = (insight.id,)
    saved = next(a for a in load_workshop(folder).actions
                 if a.title == "Show the fee in the basket")
    assert (saved.owner, saved.kpi, saved.baseline, saved.target, saved.unit) == (
        "Ana (E-commerce)", "Drop-off rate", 1234.5, 900.0, "€")
    assert (saved.due, saved.status.value, saved.insights) == (
        dt.date(2027, 3, 31), "in_progress", [insight.id])
    line = next(r for r in table_rows(form.actions_table.value)
                if r[0] == "Show the fee in the basket")
    assert line[1:] == ["Ana (E-commerce)", "Drop-off rate", "1,234.5 → 900 €",
                        "31 March 2027", "in progress", insight.title]
    # the number is shown back as the room's language writes it
    assert row(actions, "baseline").input.value == "1,234.5"


@pytest.mark.parametrize(("typed", "message"), [
    ("abc", "must be a number"), ("12 apples", "must be a number"),
    ("inf", "must be a finite number")])
def test_a_baseline_that_is_not_a_number_is_refused(form: InsightsActions, folder: Path,
                                                    typed, message) -> None:
    form.actions.choice.value = load_workshop(folder).actions[0].id
    before = (folder / "journey.json").read_bytes()
    baseline = row(form.actions, "baseline")
    baseline.input.value = typed
    assert message in plain(baseline.message.value)
    assert (folder / "journey.json").read_bytes() == before


def test_an_empty_baseline_clears_it_and_an_empty_title_is_refused(form: InsightsActions,
                                                                   folder: Path) -> None:
    first = load_workshop(folder).actions[0]
    form.actions.choice.value = first.id
    row(form.actions, "baseline").input.value = ""
    assert load_workshop(folder).actions[0].baseline is None
    title = row(form.actions, "title")
    title.input.value = "   "
    assert "must not be empty" in plain(title.message.value)
    assert load_workshop(folder).actions[0].title == first.title


@pytest.mark.parametrize(("typed", "code", "expected"), [
    ("3,4", "bg", 3.4), ("3.4", "bg", 3.4), ("1 234,5", "bg", 1234.5),
    ("1\u00a0234,5", "ru", 1234.5), ("1.234,5", "lv", 1234.5), ("1,234.5", "en", 1234.5),
    ("1,234", "en", 1234.0), ("1,25", "en", 1.25), ("−12", "mk", -12.0), ("", "en", None),
    ("  ", "bg", None)])
def test_numbers_are_read_as_the_room_types_them(typed, code, expected) -> None:
    with language(code):
        assert parse_number(typed) == expected


@pytest.mark.parametrize("typed", ["abc", "1_000", "1,2,3.4.5"])
def test_what_is_no_number_is_said_to_be_none(typed) -> None:
    with pytest.raises(ValueError):
        parse_number(typed)


def test_kpi_suggestions_offer_the_usual_kpis_and_those_in_use(form: InsightsActions,
                                                               folder: Path) -> None:
    kpi = row(form.actions, "kpi").input
    assert "Net Promoter Score (NPS)" in kpi.options
    used = {a.kpi for a in load_workshop(folder).actions if a.kpi}
    assert used <= set(kpi.options)
    kpi.value = "Calls per order"  # free text is fine
    assert load_workshop(folder).actions[0].kpi == "Calls per order"


def test_the_kpi_chart_redraws_when_a_target_changes(form: InsightsActions,
                                                     folder: Path) -> None:
    before = bytes(form.kpi_chart.value)
    assert before.startswith(b"\x89PNG")
    form.actions.choice.value = load_workshop(folder).actions[0].id
    row(form.actions, "target").input.value = "1"
    assert load_workshop(folder).actions[0].target == 1.0
    assert bytes(form.kpi_chart.value) != before


def test_bulgarian_numbers_and_dates_in_the_plan(tmp_path: Path) -> None:
    folder = copy_demo(tmp_path, "elektronika-online")
    form = insights_actions(Session.open(folder))
    first = load_workshop(folder).actions[0]
    form.actions.choice.value = first.id
    assert row(form.actions, "baseline").input.value == str(first.baseline).replace(".", ",")
    row(form.actions, "baseline").input.value = "3,1"
    assert load_workshop(folder).actions[0].baseline == 3.1
    line = table_rows(form.actions_table.value)[0]
    assert line[3].startswith("3,1 → ")
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", line[4])


# -- a workshop with nothing yet ----------------------------------------------------------------

def test_a_brand_new_workshop(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    WorkshopFile.create(folder, edit.new_workshop("New shop", "en", "five-stages-research"))
    form = insights_actions(Session.open(folder))
    assert "no pain points or opportunities yet" in plain(form.candidates.message.value)
    assert all(r.layout.display == "none" for r in form.candidates.rows)
    assert "<tbody>" not in form.priority_table.value
    assert "No insights yet" in plain(form.priority_table.value)
    assert bytes(form.matrix.value).startswith(b"\x89PNG")
    assert form.dots.rows == {}
    assert "No insights yet" in plain(form.dots.rows_box.children[0].value)
    assert "List the participants in the set-up" in plain(form.dots.total.value)
    assert form.dots.per_participant.value == 3
    form.insights.new_name.value = "Nobody calls back"
    form.dots.row(form.insights.selected().id).plus.click()
    form.actions.new_name.value = "Call back within a day"
    row(form.actions, "insights").input.value = (form.insights.selected().id,)
    saved = load_workshop(folder)
    assert [(i.title, i.votes) for i in saved.insights] == [("Nobody calls back", 1)]
    assert saved.actions[0].insights == [saved.insights[0].id]
    assert row(form.actions, "insights").input.options == (("Nobody calls back",
                                                             saved.insights[0].id),)


def test_cards_added_on_the_map_appear_as_candidates(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    workshop = edit.new_workshop("New shop", "en", "five-stages-research")
    workshop = edit.add(workshop, "persona", {"name": "Anna"})
    WorkshopFile.create(folder, workshop)
    session = Session.open(folder)
    form = insights_actions(session)
    stage = workshop.stages[0].id
    session.apply(lambda w: edit.set_cards(w, stage, "anna", "pain_points",
                                           [{"text": "The site is slow"}]))
    assert [r.candidate.title for r in form.candidates.rows if r.candidate] == [
        "The site is slow"]
    assert "Research · Anna" in plain(form.candidates.rows[0].text.value)
