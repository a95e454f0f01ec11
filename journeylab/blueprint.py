"""The service blueprint of a stage: what front-stage staff, back-stage teams and systems do.

A pure operation in the manner of :mod:`journeylab.edit`: it returns a new workshop and
writes nothing.
"""

from __future__ import annotations

from typing import Any

from .edit import _checked  # the one place that turns a refused value into field messages
from .model import BlueprintCell, BlueprintLane, Card, Workshop


def set_blueprint_cards(workshop: Workshop, stage: str, lane: BlueprintLane | str,
                        cards: list[dict[str, Any]]) -> Workshop:
    """``workshop`` with the cards of one blueprint lane of ``stage`` replaced.

    A stage without a blueprint gets one; the stage itself is checked when the workshop is
    saved, as every reference is.
    """
    lane = BlueprintLane(lane)
    blueprint = list(workshop.blueprint)
    index = next((i for i, cell in enumerate(blueprint) if cell.stage == stage), None)
    cell = blueprint[index] if index is not None else BlueprintCell(stage=stage)
    where = f"blueprint[{len(blueprint) if index is None else index}].{lane.value}"
    checked = [_checked(Card, card, f"{where}[{i}]") for i, card in enumerate(cards)]
    cell = cell.model_copy(update={lane.value: checked})
    if index is None:
        blueprint.append(cell)
    else:
        blueprint[index] = cell
    return workshop.model_copy(update={"blueprint": blueprint})
