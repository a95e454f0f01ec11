"""Who is in the room: participants per department, so a missing department shows at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from matplotlib.figure import Figure

from ..i18n import _
from ..model import Participant
from .style import FONT_SIZE, INK, MUTED, PALETTE, new_figure, tidy, wrap

_NO_DEPARTMENT = "#999999"


def department_counts(participants: Iterable[Participant]) -> list[tuple[str, int]]:
    """``(department, participants)``, largest first, then by name; no department: ``""``."""
    counts = Counter(p.department.strip() for p in participants)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def participants_by_department(counts: list[tuple[str, int]]) -> Figure:
    """Horizontal bars of participants per department, the count written on each bar.

    ``counts`` is what :func:`department_counts` returns; an empty department is labelled
    "No department" in the current language. The counts on the bars replace a value axis.
    """
    labels = [wrap(name or _("No department"), width=22) for name, _n in counts]
    lines = sum(label.count("\n") + 1 for label in labels) or 1
    longest = max((len(line) for label in labels for line in label.splitlines()), default=0)
    # margins in inches, fixed from the labels: a layout engine would triple the drawing time
    left, right, top, bottom = 0.2 + 0.09 * longest, 0.45, 0.4, 0.1
    width, height = 5.2, top + bottom + 0.12 * lines + 0.2 * max(len(counts), 1)
    figure = new_figure(width, height)
    figure.set_layout_engine("none")
    axes = figure.add_axes((left / width, bottom / height, 1 - (left + right) / width,
                            1 - (top + bottom) / height))
    axes.set_title(_("Participants by department"), color=INK, fontsize=FONT_SIZE + 1,
                   loc="left")
    if not counts:
        axes.set_axis_off()
        axes.text(0.5, 0.5, _("No participants yet"), ha="center", va="center",
                  color=MUTED, fontsize=FONT_SIZE, transform=axes.transAxes)
        return figure
    values = [count for _name, count in counts]
    positions = list(range(len(counts)))
    # people without a department are drawn grey: a gap to fill, not a department
    colours = [PALETTE[0] if name else _NO_DEPARTMENT for name, _n in counts]
    bars = axes.barh(positions, values, color=colours, height=0.7)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()  # largest department on top, as read
    axes.set_xlim(0, max(values))
    axes.bar_label(bars, labels=[str(v) for v in values], padding=4, color=INK,
                   fontsize=FONT_SIZE)
    tidy(axes)
    axes.grid(visible=False)
    axes.xaxis.set_visible(False)
    axes.spines["bottom"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    return figure
