"""The language the server's refusals speak: the facilitator's choice, then the browser's."""

from __future__ import annotations

import pytest

from journeylab import preferences
from journeylab.server.kernels import KernelLimitReached, _browser_language, facilitator_language


@pytest.mark.parametrize(("header", "expected"), [
    ("lv-LV,lv;q=0.9,en;q=0.5", "lv"),
    ("de-DE,de;q=0.9,ru;q=0.4", "ru"),
    ("en;q=0.2, bg;q=0.8", "bg"),
    ("mk", "mk"),
    ("de, fr;q=0", None),
    ("bg;q=0, de", None),
    ("bg;q=high", None),
    ("", None),
])
def test_the_browsers_first_language_that_journeylab_speaks(header, expected) -> None:
    assert _browser_language(header) == expected


def test_the_language_chosen_in_the_app_comes_first(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(preferences.CONFIG_ENV, str(tmp_path))  # this test's own choices
    assert facilitator_language() == "en"  # nothing chosen, no request being answered
    preferences.save(language="lv")
    assert facilitator_language() == "lv"


def test_the_refusal_is_http_503_with_the_words_as_its_text(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(preferences.CONFIG_ENV, str(tmp_path))  # nothing chosen: English
    refusal = KernelLimitReached(3)
    assert refusal.status_code == 503
    assert refusal.reason == refusal.log_message
    assert "at most 3 at once" in refusal.reason and "10 minutes" in refusal.reason
    assert str(refusal).splitlines() == [  # as JupyterLab's dialog shows it
        "Too many workshop pages are open: JourneyLab runs at most 3 at once on this "
        "computer, so that it stays quick.",
        "Close a page or notebook you no longer need, then load this page again.",
        "(Pages closed in the browser are let go by themselves within 10 minutes.)"]
