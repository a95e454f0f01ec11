"""Stage frameworks and the channel catalogue from the source articles.

Every name is an English message id marked with ``N_`` and translated when shown, so a
workshop created in Bulgarian gets its stage names in Bulgarian.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import N_, _


@dataclass(frozen=True)
class Framework:
    """An ordered list of journey stages a workshop can start from."""

    id: str
    name: str
    source: str
    stages: tuple[tuple[str, str], ...]

    def label(self) -> str:
        """The framework's name in the current language."""
        return _(self.name)

    def stage_names(self) -> list[tuple[str, str]]:
        """``(id, name)`` for each stage, names in the current language."""
        return [(stage_id, _(name)) for stage_id, name in self.stages]


@dataclass(frozen=True)
class ChannelPreset:
    """A channel from the catalogue: where customer and company meet."""

    id: str
    name: str
    online: bool

    def label(self) -> str:
        """The channel's name in the current language."""
        return _(self.name)


FRAMEWORKS: dict[str, Framework] = {
    framework.id: framework
    for framework in (
        Framework(
            "six-phases", N_("Six phases, from awareness to repeat purchase"),
            N_("Bulgarian guide"),
            (("awareness", N_("Awareness")),
             ("interest", N_("Interest & research")),
             ("decision", N_("Decision")),
             ("purchase", N_("Purchase")),
             ("usage", N_("Usage & support")),
             ("loyalty", N_("Loyalty & repeat purchase"))),
        ),
        Framework(
            "five-stages-service", N_("Five stages, from awareness to loyalty through service"),
            N_("Russian guide"),
            (("awareness", N_("Awareness")),
             ("consideration", N_("Consideration")),
             ("decision", N_("Purchase decision")),
             ("service", N_("Customer service")),
             ("loyalty", N_("Loyalty"))),
        ),
        Framework(
            "five-stages-research", N_("Five stages, from research to loyalty"),
            N_("Latvian guide"),
            (("research", N_("Research")),
             ("offer", N_("Offer")),
             ("conversion", N_("Conversion")),
             ("usage", N_("Usage")),
             ("loyalty", N_("Loyalty"))),
        ),
        Framework(
            "five-stages-post-purchase", N_("Five stages, from awareness to loyal customer"),
            N_("Macedonian guide"),
            (("awareness", N_("Awareness")),
             ("consideration", N_("Consideration")),
             ("purchase", N_("Purchase")),
             ("post-purchase", N_("Post-purchase")),
             ("loyal", N_("Loyal customer"))),
        ),
        Framework("custom", N_("Custom stages"), N_("your own"), ()),
    )
}

CHANNELS: dict[str, ChannelPreset] = {
    channel.id: channel
    for channel in (
        ChannelPreset("website", N_("Website"), True),
        ChannelPreset("social-media", N_("Social media"), True),
        ChannelPreset("organic-search", N_("Organic search"), True),
        ChannelPreset("paid-search", N_("Paid search"), True),
        ChannelPreset("email", N_("E-mail"), True),
        ChannelPreset("phone", N_("Phone"), False),
        ChannelPreset("chat", N_("Chat"), True),
        ChannelPreset("mobile", N_("Mobile app"), True),
        ChannelPreset("store", N_("Store or branch"), False),
        ChannelPreset("print", N_("Printed material"), False),
        ChannelPreset("events", N_("Events"), False),
        ChannelPreset("partners", N_("Partners"), False),
        ChannelPreset("word-of-mouth", N_("Word of mouth"), False),
    )
}

#: The signed emotion scale: score → words a participant recognises.
EMOTIONS: dict[int, str] = {
    -3: N_("Furious"),
    -2: N_("Frustrated"),
    -1: N_("Uneasy"),
    0: N_("Neutral"),
    1: N_("Content"),
    2: N_("Pleased"),
    3: N_("Delighted"),
}

#: A face for each score, so the scale reads at a glance from the back of the room and on a
#: phone. +1 is U+263A with the emoji selector: the slightly smiling face is missing from
#: common fallback fonts, and a blank box would hide the one face that says "fine".
EMOTION_FACES: dict[int, str] = {-3: "😡", -2: "😠", -1: "😟", 0: "😐", 1: "☺\ufe0f", 2: "😊",
                                 3: "😄"}


def score_number(score: int) -> str:
    """``+3``, ``0``, ``−2``: a whole score with its sign, and a true minus sign."""
    return "0" if score == 0 else f"{score:+d}".replace("-", "\u2212")


def emotion_words(score: int) -> str:
    """``😡 −3 Furious``: a score's face, its number with a true minus sign, and its word."""
    return _("{face} {score} {word}", face=EMOTION_FACES[score], score=score_number(score),
             word=_(EMOTIONS[score]))

#: Key performance indicators an action can be measured by (suggestions; any text is allowed).
KPIS: tuple[str, ...] = (
    N_("Customer satisfaction (CSAT)"),
    N_("Net Promoter Score (NPS)"),
    N_("Customer effort score (CES)"),
    N_("Conversion rate"),
    N_("Drop-off rate"),
    N_("Service time"),
    N_("Repeat purchase rate"),
)
