"""Synthetic workshops of any size, for trying JourneyLab at scale and measuring it.

The content is generated (``"Touchpoint 17"``), reproducible for a given seed, and valid.
"""

from __future__ import annotations

import random

from .model import Lane, Workshop, validate_workshop
from .presets import CHANNELS


def large_workshop(stages: int = 12, touchpoints: int = 200, personas: int = 8,
                   participants: int = 30, cards_per_lane: int = 2, seed: int = 7) -> Workshop:
    """A workshop where every participant scores every persona at every stage."""
    rng = random.Random(seed)
    channels = list(CHANNELS)
    stage_ids = [f"stage-{i + 1}" for i in range(stages)]
    persona_ids = [f"persona-{i + 1}" for i in range(personas)]
    participant_ids = [f"participant-{i + 1}" for i in range(participants)]
    point_ids = [f"touchpoint-{i + 1}" for i in range(touchpoints)]
    data = {
        "title": "Large workshop", "organisation": "Example Ltd", "framework": "custom",
        "participants": [{"id": p, "name": f"Participant {i + 1}",
                          "department": rng.choice(["Sales", "Support", "IT", "Marketing"])}
                         for i, p in enumerate(participant_ids)],
        "stages": [{"id": s, "name": f"Stage {i + 1}", "description": "What happens here."}
                   for i, s in enumerate(stage_ids)],
        "touchpoints": [{"id": t, "name": f"Touchpoint {i + 1}",
                         "channel": (channel := rng.choice(channels)),
                         "online": CHANNELS[channel].online, "owner": "Customer service",
                         "stages": sorted(rng.sample(stage_ids, 2), key=stage_ids.index),
                         "description": "Where the customer meets us."}
                        for i, t in enumerate(point_ids)],
        "personas": [{"id": p, "name": f"Persona {i + 1}", "story": "A typical customer.",
                      "goals": ["Get it done quickly"], "channels": rng.sample(channels, 4)}
                     for i, p in enumerate(persona_ids)],
        "journey": [{"stage": s, "persona": p,
                     **{lane.value: [{"text": f"{lane.value} card {k + 1}"}
                                     for k in range(cards_per_lane)] for lane in Lane}}
                    for s in stage_ids for p in persona_ids],
        "emotions": [{"participant": who, "persona": p, "stage": s,
                      "score": rng.randint(-3, 3)}
                     for who in participant_ids for p in persona_ids for s in stage_ids],
        "insights": [{"id": f"insight-{i + 1}", "kind": rng.choice(["pain_point", "opportunity"]),
                      "title": f"Insight {i + 1}", "stage": rng.choice(stage_ids),
                      "votes": rng.randint(0, 9), "impact": rng.randint(1, 5),
                      "effort": rng.randint(1, 5)} for i in range(40)],
        "actions": [{"id": f"action-{i + 1}", "title": f"Action {i + 1}", "owner": "Team",
                     "kpi": "NPS", "baseline": 10.0, "target": 30.0, "unit": "points",
                     "insights": [f"insight-{i + 1}"]} for i in range(20)],
    }
    return validate_workshop(data)
