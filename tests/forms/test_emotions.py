"""Step 5 without a browser: participants score each stage; the room's curve and disagreements."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from journeylab import edit
from journeylab.i18n import _, language
from journeylab.analysis import discussion_prompts, emotion_by_stage
from journeylab.forms.session import Session
from journeylab.forms.emotions import EmotionScoring, emotion_scoring
from journeylab.store import WorkshopFile, load_workshop

ROOT = Path(__file__).parents[2]


@pytest.fixture
def form(folder: Path) -> EmotionScoring:
    return emotion_scoring(Session.open(folder))


def plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def saved_score(folder: Path, participant: str, persona: str, stage: str):
    found = [s for s in load_workshop(folder).emotions
             if (s.participant, s.persona, s.stage, s.touchpoint)
             == (participant, persona, stage, None)]
    assert len(found) <= 1
    return (found[0].score, found[0].comment) if found else None


@pytest.fixture
def small(tmp_path: Path) -> Session:
    """Three participants, two personas, five stages, no scores."""
    workshop = edit.new_workshop("Scores", framework="five-stages-research")
    for name in ("Ann", "Ben", "Cleo"):
        workshop = edit.add(workshop, "participant", {"name": name})
    for name in ("Pat", "Sam"):
        workshop = edit.add(workshop, "persona", {"name": name})
    return Session(WorkshopFile.create(tmp_path / "small", workshop))


# -- scoring ------------------------------------------------------------------------------

def test_a_click_saves_the_score_and_highlights_the_face(small) -> None:
    form = emotion_scoring(small)
    assert (form.participant.value, form.persona.value) == ("ann", "pat")
    form.rows["offer"].buttons[-2].click()
    folder = small.file.path.parent
    assert saved_score(folder, "ann", "pat", "offer") == (-2, "")
    assert form.rows["offer"].message.text.startswith("✓ Saved ")  # beside the faces
    styles = {score: b.button_style for score, b in form.rows["offer"].buttons.items()}
    assert styles == {s: ("primary" if s == -2 else "") for s in range(-3, 4)}
    assert form.rows["offer"].buttons[-2].layout.border != \
        form.rows["offer"].buttons[1].layout.border  # chosen is not told by colour alone
    assert "Ann has scored 1 of 5 stages" in plain(form.progress.value)


def test_another_face_replaces_and_the_chosen_face_again_clears(small) -> None:
    form = emotion_scoring(small)
    folder = small.file.path.parent
    form.rows["usage"].buttons[1].click()
    form.rows["usage"].buttons[3].click()
    assert saved_score(folder, "ann", "pat", "usage") == (3, "")
    form.rows["usage"].buttons[3].click()
    assert saved_score(folder, "ann", "pat", "usage") is None
    assert all(b.button_style == "" for b in form.rows["usage"].buttons.values())


def test_faces_carry_their_numbers_and_words(small) -> None:
    form = emotion_scoring(small)
    labels = [b.description for b in form.rows["research"].buttons.values()]
    assert labels == ["😡 −3 Furious", "😠 −2 Frustrated", "😟 −1 Uneasy", "😐 0 Neutral",
                      "☺\ufe0f +1 Content", "😊 +2 Pleased", "😄 +3 Delighted"]
    assert "-" not in "".join(labels)  # a true minus sign, not a hyphen
    assert "Frustrated (−2)" in form.rows["research"].buttons[-2].tooltip
    # no width of their own to cut the words at: they take the room their words need
    assert all(b.layout.width == "auto" for b in form.rows["research"].buttons.values())


def test_each_participant_and_persona_has_their_own_scores(small) -> None:
    form = emotion_scoring(small)
    folder = small.file.path.parent
    form.rows["offer"].buttons[2].click()
    form.next_participant.click()
    assert form.participant.value == "ben"
    assert all(b.button_style == "" for b in form.rows["offer"].buttons.values())
    form.rows["offer"].buttons[-1].click()
    form.persona.value = "sam"
    form.rows["offer"].buttons[0].click()
    assert saved_score(folder, "ann", "pat", "offer") == (2, "")
    assert saved_score(folder, "ben", "pat", "offer") == (-1, "")
    assert saved_score(folder, "ben", "sam", "offer") == (0, "")
    form.persona.value = "pat"
    assert form.rows["offer"].buttons[-1].button_style == "primary"


def test_next_participant_goes_round_the_room(small) -> None:
    form = emotion_scoring(small)
    seen = [form.participant.value]
    for _turn in range(3):
        form.next_participant.click()
        seen.append(form.participant.value)
    assert seen == ["ann", "ben", "cleo", "ann"]


def test_a_comment_is_saved_with_the_score(small) -> None:
    form = emotion_scoring(small)
    folder = small.file.path.parent
    row = form.rows["conversion"]
    row.comment.value = "The valuation took three weeks"
    assert saved_score(folder, "ann", "pat", "conversion") is None
    assert "choose a face" in plain(row.message.value)
    form.rows["research"].buttons[1].click()  # scoring another stage keeps the typed comment
    assert row.comment.value == "The valuation took three weeks"
    row.buttons[-3].click()
    assert saved_score(folder, "ann", "pat", "conversion") == (
        -3, "The valuation took three weeks")
    row.comment.value = "Three weeks for a valuation"
    assert saved_score(folder, "ann", "pat", "conversion") == (
        -3, "Three weeks for a valuation")
    row.buttons[-3].click()  # cleared: the comment waits for the next face
    assert saved_score(folder, "ann", "pat", "conversion") is None
    row.buttons[-2].click()
    assert saved_score(folder, "ann", "pat", "conversion") == (
        -2, "Three weeks for a valuation")


def test_a_refused_comment_is_explained_beside_it(small) -> None:
    form = emotion_scoring(small)
    folder = small.file.path.parent
    form.rows["loyalty"].buttons[2].click()
    form.rows["loyalty"].comment.value = "Bell\x07"
    assert "invisible control character (U+0007)" in plain(form.rows["loyalty"].message.value)
    assert saved_score(folder, "ann", "pat", "loyalty") == (2, "")


def test_someone_new_is_added_and_chosen_at_once(small) -> None:
    form = emotion_scoring(small)
    form.new_participant.value = "Зоя Петрова"
    workshop = load_workshop(small.file.path.parent)
    added = [p for p in workshop.participants if p.name == "Зоя Петрова"]
    assert len(added) == 1
    assert form.participant.value == added[0].id
    assert form.new_participant.value == ""
    form.new_participant.value = "x" * 201
    assert "at most 200 characters" in plain(form.participant_message.value)
    assert len(load_workshop(small.file.path.parent).participants) == 4


# -- what the room sees ------------------------------------------------------------------------

def table_rows(markup: str) -> dict[str, dict[str, str]]:
    """The rows of an HTML table by their first cell, each as ``{header: text}``."""
    headers = [plain(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", markup)]
    rows = {}
    for body in re.findall(r"<tr>(.*?)</tr>", markup.split("<tbody>")[1]):
        cells = [plain(c) for c in re.findall(r"<td>(.*?)</td>", body)]
        rows[cells[0]] = dict(zip(headers, cells, strict=True))
    return rows


def score_all(form: EmotionScoring, stage: str, scores: list[int]) -> None:
    form.participant.value = form.participant.options[0][1]
    for score in scores:
        form.rows[stage].buttons[score].click()
        form.next_participant.click()


def test_table_shows_mean_spread_and_count_per_stage(small) -> None:
    form = emotion_scoring(small)
    score_all(form, "offer", [-2, 0, 2])
    score_all(form, "usage", [1, 1, 2])
    rows = table_rows(form.table.value)
    assert rows["⚑ Offer"] == {"Stage": "⚑ Offer", "Mean": "0", "Feeling": "Neutral",
                             "Lowest to highest": "−2 to +2", "Standard deviation": "2",
                             "Scores": "3", "Discussion": "discuss: 4 points apart"}
    assert rows["Usage"]["Mean"] == "1.3" and rows["Usage"]["Feeling"] == "Content"
    assert rows["Usage"]["Discussion"] == ""
    assert rows["Research"]["Scores"] == "0" and rows["Research"]["Mean"] == "—"
    prompts = plain(form.prompts.value)
    assert "Offer: scores 4 points apart, from Frustrated to Pleased" in prompts
    assert "Usage" not in prompts


def test_chart_marks_the_disagreement_and_follows_each_click(small) -> None:
    form = emotion_scoring(small)
    score_all(form, "offer", [-2, 0, 2])
    figure = form._curve.figure
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "discuss: 4 points apart" in texts
    line = next(a for a in figure.axes[0].lines if a.get_gid() == "pat")
    assert line.get_ydata()[1] == pytest.approx(0.0)
    form.participant.value = "ann"
    form.rows["offer"].buttons[-2].click()  # clears Ann's −2: the mean becomes +1
    line = next(a for a in form._curve.figure.axes[0].lines if a.get_gid() == "pat")
    assert line.get_ydata()[1] == pytest.approx(1.0)
    assert "discuss: 4 points apart" not in [t.get_text() for t in figure.axes[0].texts]


def test_a_click_redraws_only_the_chart_data_and_keeps_the_form(small) -> None:
    form = emotion_scoring(small)
    rows = dict(form.rows)
    figure = form._curve.figure
    form.rows["offer"].buttons[0].click()
    form.next_participant.click()
    form.rows["usage"].buttons[1].click()
    assert form.rows == rows and all(a is b for a, b in zip(form.rows_box.children,
                                                             rows.values(), strict=True))
    assert form._curve.figure is figure  # the chart's frame is kept, only its data redrawn


def test_all_personas_can_be_overlaid(small) -> None:
    form = emotion_scoring(small)
    score_all(form, "offer", [1, 2, 3])
    form.persona.value = "sam"
    score_all(form, "offer", [-1, -1, 0])
    form.overlay.value = True
    gids = {a.get_gid() for a in form._curve.figure.axes[0].lines if a.get_gid()}
    assert gids == {"pat", "sam"}
    form.overlay.value = False
    gids = {a.get_gid() for a in form._curve.figure.axes[0].lines if a.get_gid()}
    assert gids == {"sam"}


def test_demo_workshop_prompts_match_the_analysis(form, folder) -> None:
    workshop = load_workshop(folder)
    table = emotion_by_stage(workshop)
    expected = discussion_prompts(table[table["persona"] == form.persona.value])
    names = {s.id: s.name for s in workshop.stages}
    prompts = plain(form.prompts.value)
    assert not expected.empty
    for row in expected.itertuples():
        assert f"{names[row.stage]}: scores {int(row.spread)} points apart" in prompts


def test_discussion_prompts_need_two_scores_and_a_real_gap() -> None:
    table = pd.DataFrame({
        "stage": ["a", "b", "c", "d"], "persona": ["p"] * 4, "n": [1, 5, 5, 5],
        "mean": [0.0] * 4, "std": [0.0, 1.0, 2.0, 1.5], "min": [-3, -1, -3, -3],
        "max": [3, 1, 3, 1], "spread": [6, 2, 6, 4]})
    assert list(discussion_prompts(table)["stage"]) == ["c", "d"]
    assert list(discussion_prompts(table, top=1)["stage"]) == ["c"]
    assert list(discussion_prompts(table, min_spread=2)["stage"]) == ["c", "d", "b"]


# -- a workshop that starts empty ------------------------------------------------------------

def test_a_new_workshop_starts_with_the_first_participant(tmp_path: Path) -> None:
    workshop = edit.add(edit.new_workshop("Karte", "lv", framework="five-stages-research"),
                        "persona", {"name": "Līga"})
    session = Session(WorkshopFile.create(tmp_path / "new", workshop))
    form = emotion_scoring(session)
    with language("lv"):  # the workshop's language
        nobody = _("Nobody is scoring yet: type the first participant's name above and press "
                   "Enter.")
    assert nobody in plain(form.notice.value)
    assert form.body.layout.display == "none"
    assert form.next_participant.disabled
    form.new_participant.value = "Jānis"
    assert form.body.layout.display == ""
    persona = session.workshop.personas[0].id
    participant = session.workshop.participants[0].id
    form.rows["research"].buttons[3].click()
    assert saved_score(tmp_path / "new", participant, persona, "research") == (3, "")
