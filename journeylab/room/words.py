"""Every word the phone page shows, in the round's language.

The page gets them from the server as one dictionary (in the page and in every state
message), so a phone switches language with the round and the translations stay in the
project's catalogues.
"""

from __future__ import annotations

from ..i18n import LANGUAGES, N_, _, language
from ..presets import EMOTION_FACES, EMOTIONS, emotion_words, score_number


def page_words(code: str) -> dict:
    """The phone page's words in ``code`` (English if JourneyLab does not speak it)."""
    with language(code if code in LANGUAGES else "en"):
        return {
            "language": code if code in LANGUAGES else "en",
            "title": _("JourneyLab live room"),
            "waiting": _("Waiting for the facilitator to open a round"),
            "closed": _("This round is closed. Thank you!"),
            "time_up": _("Time is up"),
            "time_left": _("Time left: {time}"),
            "saved": _("Saved"),
            "saving": _("Saving…"),
            "reconnecting": _("Reconnecting…"),
            "not_saved": _("Not saved: {message}"),
            "clear_hint": _("Tap the chosen face again to clear it."),
            "dots_left": _("{left} of {dots} dots left"),
            "dots_placed": _("Your dots: {count}"),
            "add_dot": _("Add a dot to {item}"),
            "remove_dot": _("Take a dot from {item}"),
            "who": _("Who are you?"),
            "not_you": _("Not {name}? Choose again"),
            "you_are": _("You answer as {name}."),
            "mean": _("Room average: {mean} from {count} answers"),
            "dots_total": _("Dots from the room: {count}"),
            "too_few": _("The results appear from 3 answers up."),
            "faces": [{"score": score, "face": EMOTION_FACES[score],
                       "number": score_number(score), "word": _(EMOTIONS[score]),
                       "label": emotion_words(score)} for score in sorted(EMOTIONS)],
        }


def join_words() -> dict:
    """The words of the join page, the full room and the missing page (current language)."""
    return {
        "title": _("Join the workshop room"),
        "code": _("Room code"),
        "hint": _("The 6 digits the facilitator shows"),
        "join": _("Join"),
        "wrong": _("That code is not right. Check it and try again."),
        "too_many": _("Too many wrong codes. Wait a few minutes and try again."),
        "full": _("The room is full"),
        "full_detail": _("Every place in this room is taken. Ask the facilitator."),
        "missing": _("There is nothing here"),
        "missing_detail": _("Check the address, or join with the room code."),
    }


def refusal(reason: str, code: str, **values: object) -> str:
    """The message a phone shows when its answer is refused, in the round's language."""
    with language(code if code in LANGUAGES else "en"):
        return _(_REFUSALS[reason], **values)


_REFUSALS = {
    "no_round": N_("No round is open right now."),
    "other_round": N_("This round has ended; the page now shows the current one."),
    "closed": N_("This round is closed."),
    "item": N_("This is not one of the choices of this round."),
    "value": N_("This answer is not one of the choices."),
    "dots": N_("You have no dots left. Take a dot from another insight first."),
    "name": N_("Choose your name first."),
    "fast": N_("Too many taps at once. Wait a moment and try again."),
    "disk": N_("The room could not save this answer. Tell the facilitator."),
    "bad": N_("The page sent something the room does not understand. Reload the page."),
}
