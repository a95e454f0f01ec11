"""A facilitator who picks Bulgarian, Russian, Latvian or Macedonian meets no English word:
not in a form, a message, an error, a chart, a handout or on the command line.

The workshops here keep the demos' structure with every free text replaced by a neutral
token, so whatever English a page shows can only come from JourneyLab itself.
"""

from __future__ import annotations

import html
import itertools
import re
import warnings
from pathlib import Path

import ipywidgets as widgets
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from journeylab.cli import build_parser, main
from journeylab.errors import JourneyLabError
from journeylab.i18n import LANGUAGES, language
from journeylab.model import Workshop, validate_workshop
from journeylab.store import WorkshopFile, load_workshop

ROOT = Path(__file__).parents[1]
TRANSLATED = [code for code in LANGUAGES if code != "en"]
#: Words that give English away; a language's own words spelled alike are allowed below.
ENGLISH = set("""
the and with from for this that your you not yet are has have was were will can
stage stages touchpoint touchpoints persona personas emotion emotions insight insights
action actions evidence survey assumption workshop customer customers room save saved
delete add owner target baseline pain point points opportunity opportunities goal goals
need needs thought thoughts feeling feelings channel channels online offline name
description score mean handout contents participant participants date scope journey
map rating ratings comment comments respondent file read rows column columns label labels
choose nothing none missing open new edit remove undo import export settings language
""".split())
ALLOWED = {"lv": {"persona", "personas"}, "bg": set(), "ru": set(), "mk": set()}
NOT_TEXT = {"id", "stage", "persona", "participant", "touchpoint", "channel", "stages",
            "channels", "insights", "language", "framework", "state", "kind", "status",
            "evidence", "date", "due", "schema_version", "online", "score", "votes", "impact",
            "effort", "baseline", "target", "fingerprint", "imported", "settings", "scale",
            "month", "respondent", "skipped", "redacted", "columns"}
#: A word as written: a notebook name such as ``02_personas`` or a file name is one token,
#: and only tokens of letters alone are words.
TOKEN = re.compile(r"[\w./-]+")
#: Places in the workshop file, as ``emotions[0].score``: the file's own keys, like a line
#: number, not words of the page.
FILE_PLACE = re.compile(r"\b[a-z_]+(?:\[\d+\])+(?:\.[a-z_]+(?:\[\d+\])*)*")


COMMANDS = set(next(a for a in build_parser()._actions if a.dest == "command").choices)


def neutral(name: str, code: str) -> Workshop:
    """The demo ``name`` in language ``code`` with every free text a neutral token."""
    counter = itertools.count(1)

    def walk(value, key=None):
        if key and key.endswith("_labels"):
            return {f"Ж{next(counter)}": target for target in value.values()}
        if isinstance(value, dict):
            return {k: walk(v, k) if k not in NOT_TEXT or _holds_items(v) else v
                    for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str):
            return f"Ж{next(counter)}"
        return value

    data = walk(load_workshop(ROOT / "workshops" / name).model_dump(mode="json"))
    data["language"] = code
    return validate_workshop(data)


def _holds_items(value) -> bool:
    """A list of parts (``stages``, ``insights``…), not a list of ids of the same name."""
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def english_words(text: str, code: str) -> set[str]:
    """The English words in ``text`` (case ignored), but for the language's own."""
    text = FILE_PLACE.sub(" ", text)
    return {word for word in (t.lower() for t in TOKEN.findall(text) if t.isalpha())
            if word in ENGLISH and word not in ALLOWED[code]}


def visible(markup: str) -> str:
    """What a reader sees of a page: no tags, no style or script, entities decoded."""
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


# -- handouts -------------------------------------------------------------------------------

@pytest.mark.parametrize("demo", ["elektronika-online", "mortgage-journey"])
@pytest.mark.parametrize("code", TRANSLATED)
def test_the_handout_has_no_english_word(code, demo, tmp_path) -> None:
    from journeylab.handout.export import export_handout

    page = export_handout(neutral(demo, code), tmp_path / "h.html").read_text("utf-8")
    text = visible(page)
    alts = " ".join(re.findall(r'alt="([^"]*)"', page))
    assert english_words(text, code) == set()
    assert english_words(html.unescape(alts), code) == set()


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_blank_canvas_has_no_english_word(code) -> None:
    from journeylab.handout.canvas import canvas_html
    from journeylab.presets import FRAMEWORKS

    for framework in FRAMEWORKS:
        assert english_words(visible(canvas_html(framework, code)), code) == set(), framework


# -- charts ---------------------------------------------------------------------------------

def chart_labels(figure) -> str:
    """Every text a figure draws, with warnings (a missing glyph warns) as errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        FigureCanvasAgg(figure).draw()
    return " ".join(t.get_text() for t in figure.findobj(
        lambda artist: hasattr(artist, "get_text") and artist.get_visible()))


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_chart_draws_its_words_with_every_glyph(code) -> None:
    from journeylab.analysis import discussion_prompts, emotion_by_stage
    from journeylab.charts.emotions import emotion_curve
    from journeylab.charts.journey import journey_map
    from journeylab.charts.personas import persona_channel_chart, persona_channels
    from journeylab.charts.priorities import kpi_rows, kpi_targets, priority_matrix
    from journeylab.charts.touchpoints import stage_channel_chart, stage_channel_counts

    workshop = neutral("elektronika-online", code)
    with language(code):
        table = emotion_by_stage(workshop)
        stages = [(s.id, s.name) for s in workshop.stages]
        personas = [(p.id, p.name) for p in workshop.personas]
        figures = [journey_map(workshop),
                   emotion_curve(table, stages, personas, discuss=discussion_prompts(table)),
                   stage_channel_chart(stage_channel_counts(workshop)),
                   persona_channel_chart(persona_channels(workshop)),
                   priority_matrix(workshop.insights), kpi_targets(kpi_rows(workshop.actions))]
        for figure in figures:
            assert english_words(chart_labels(figure), code) == set()


# -- forms ----------------------------------------------------------------------------------

def widget_text(widget) -> str:
    """Everything a facilitator reads on a widget and its children."""
    parts = []
    typed = isinstance(widget, (widgets.Text, widgets.Textarea))
    chosen = hasattr(widget, "options")  # its value is an id; its options' labels show
    for name in ("description", "placeholder", "tooltip", "value", "title"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and not (name == "value" and (typed or chosen)):
            parts.append(visible(value))
    parts += [str(label) for label, *_rest in getattr(widget, "options", ()) or ()
              if isinstance(label, str)] if isinstance(getattr(widget, "options", None),
                                                        tuple) else []
    parts += list(getattr(widget, "titles", ()) or ())
    for child in getattr(widget, "children", ()) or ():
        parts.append(widget_text(child))
    return " ".join(parts)


FORMS = ["setup", "touchpoints", "personas", "stage_mapping", "emotion_scoring", "evidence",
         "insights_actions", "handout"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("code", TRANSLATED)
def test_every_form_speaks_the_workshops_language(code, form, tmp_path) -> None:
    import journeylab.forms as forms

    session = forms.Session(WorkshopFile.create(tmp_path / "w", neutral(
        "elektronika-online", code)))
    shown = getattr(forms, form)(session)
    assert english_words(widget_text(shown), code) == set()


# -- errors and the command line ------------------------------------------------------------

@pytest.mark.parametrize("code", TRANSLATED)
def test_errors_are_in_the_language(code, tmp_path, capsys) -> None:
    broken = neutral("mortgage-journey", code).model_dump(mode="json")
    broken["touchpoints"][0]["channel"] = "no-such-channel"
    broken["emotions"][0]["score"] = 9
    broken["stages"].append(dict(broken["stages"][0]))
    with language(code):
        with pytest.raises(JourneyLabError) as caught:
            validate_workshop(broken)
        said = [str(caught.value)]
    (tmp_path / "binary.csv").write_bytes(b"\0\1\2" * 50)
    folder = tmp_path / "w"
    WorkshopFile.create(folder, neutral("mortgage-journey", code))
    for args in (["validate", str(tmp_path / "absent")],
                 ["evidence", str(folder), str(tmp_path / "binary.csv")],
                 ["handout", str(folder), "--persona", "nobody", "-o",
                  str(tmp_path / "x.html")],
                 ["evidence", "--help"], ["summary", str(folder)]):
        try:
            main(["--lang", code, *args])
        except SystemExit:
            pass
        out, err = capsys.readouterr()
        said.append(out + err)
    commands = {"journeylab", *COMMANDS}  # names typed as they are, like the options
    for text in said:
        hidden = text.replace(str(tmp_path), "")
        assert english_words(hidden, code) <= commands, text
