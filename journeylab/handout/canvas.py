"""A blank journey-map canvas to print on A3 for workshops held with paper and sticky notes.

One self-contained HTML page: the stages of a framework as columns, the lanes of the map as
empty rows to write or stick notes on, an emotion scale to draw the curve on. No scripts,
nothing fetched; the browser's print dialog gives A3 landscape.
"""

from __future__ import annotations

import html
from pathlib import Path

from ..errors import JourneyLabError
from ..i18n import N_, _, language
from ..model import LANE_LABELS, Lane
from ..presets import EMOTIONS, FRAMEWORKS
from ..store import write_atomically

LANES = (Lane.GOALS, Lane.ACTIONS, Lane.THOUGHTS, Lane.PAIN_POINTS, Lane.OPPORTUNITIES)
TOUCHPOINTS = N_("Touchpoints")
EMOTION = N_("Emotion")

_STYLE = """
@page { size: A3 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #222;
       font-size: 11pt; }
header { display: flex; justify-content: space-between; align-items: baseline;
         border-bottom: 2px solid #0072B2; padding: 4mm 0 2mm; margin-bottom: 3mm; }
h1 { font-size: 18pt; margin: 0; }
.fill { color: #666; font-size: 10pt; }
.fill span { display: inline-block; min-width: 60mm; border-bottom: 1px solid #999;
             margin-left: 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #999; vertical-align: top; padding: 2mm; }
thead th { background: #0072B2; color: #fff; font-size: 12pt; text-align: left; }
tbody th { width: 32mm; background: #f2f2f2; text-align: left; font-size: 10pt; }
td { height: 30mm; }
tr.emotion td { height: 42mm; padding: 0; }
.scale { display: flex; flex-direction: column; justify-content: space-between; height: 42mm;
         font-size: 8pt; color: #666; padding: 1mm 2mm; }
.scale span { border-top: 1px dotted #bbb; }
.scale span.neutral { border-top: 1px solid #666; }
footer { margin-top: 2mm; font-size: 8pt; color: #666; }
@media screen { body { margin: 8mm; } }
"""


def canvas_html(framework: str, language_code: str = "en") -> str:
    """The blank canvas of ``framework`` in ``language_code``, as one HTML page."""
    if framework not in FRAMEWORKS:
        raise JourneyLabError(_("unknown stage framework '{id}'; choose one of: {choices}",
                                id=framework, choices=", ".join(FRAMEWORKS)))
    with language(language_code):
        chosen = FRAMEWORKS[framework]
        stages = [name for _id, name in chosen.stage_names()] or ["", "", "", "", ""]
        esc = html.escape
        head = "".join(f"<th scope='col'>{esc(name)}</th>" for name in stages)
        blank = "<td></td>" * len(stages)
        scale = "".join(
            f"<span>{esc(_(EMOTIONS[score]))} ({score:+d})</span>" if score else
            f"<span class='neutral'>{esc(_(EMOTIONS[score]))} (0)</span>"
            for score in sorted(EMOTIONS, reverse=True))
        emotion_cells = f"<td><div class='scale'>{scale}</div></td>" + \
            "<td></td>" * (len(stages) - 1)
        rows = [f"<tr><th scope='row'>{esc(_(TOUCHPOINTS))}</th>{blank}</tr>"]
        rows += [f"<tr><th scope='row'>{esc(_(LANE_LABELS[lane]))}</th>{blank}</tr>"
                 for lane in LANES[:3]]
        rows.append(f"<tr class='emotion'><th scope='row'>{esc(_(EMOTION))}</th>"
                    f"{emotion_cells}</tr>")
        rows += [f"<tr><th scope='row'>{esc(_(LANE_LABELS[lane]))}</th>{blank}</tr>"
                 for lane in LANES[3:]]
        title, stage_word = _("Customer journey map"), _("Stage")
        fill = (f"<div class='fill'>{esc(_('Persona'))}<span></span> "
                f"{esc(_('Scenario'))}<span></span></div>")
        footer = esc(_("Stage framework: {name}. Write one idea per sticky note; mark "
                       "each note A (assumption), W (workshop), I (interview), S (survey) or "
                       "D (analytics).", name=chosen.label()))
    return (
        f"<!DOCTYPE html><html lang='{esc(language_code)}'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{esc(title)}</h1>{fill}</header>"
        f"<table><thead><tr><th scope='col'>{esc(stage_word)}</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><footer>{footer}</footer></body></html>\n")


def write_canvas(framework: str, language_code: str, out: str | Path) -> Path:
    """Write the blank canvas to ``out``; return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out, canvas_html(framework, language_code).encode("utf-8"))
    return out
