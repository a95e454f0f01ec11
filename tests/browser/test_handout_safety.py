"""A handout full of hostile text, opened in a real Chromium: nothing runs, nothing is fetched.

Every text field of a workshop gets one of the known attack strings in
``tests/files/xss_payloads.txt``. The handout must show them as text: no dialog, no script
element, no event-handler attribute, no request to any network, with the page's
Content-Security-Policy on and, to prove the escaping itself, with it bypassed.
An accessibility audit with axe-core must find no serious or critical violation.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from journeylab.model import validate_workshop
from journeylab.store import load_workshop

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
PAYLOADS = (ROOT / "tests" / "files" / "xss_payloads.txt").read_text("utf-8").splitlines()
NOT_TEXT = {"id", "stage", "persona", "participant", "touchpoint", "channel", "stages",
            "channels", "insights", "language", "framework", "state", "kind", "status",
            "evidence", "date", "due", "schema_version", "online", "score", "votes", "impact",
            "effort", "baseline", "target", "fingerprint", "imported", "settings", "scale",
            "month", "respondent", "skipped", "redacted"}
LABEL_MAPS = {"stage_labels", "touchpoint_labels", "persona_labels"}
DEMOS = sorted(p.parent.name for p in (ROOT / "workshops").glob("*/journey.json"))


def poisoned(name: str):
    """The demo ``name`` with an attack string in every text field."""
    payloads = itertools.cycle(PAYLOADS)

    def walk(value, key=None):
        if key in LABEL_MAPS:  # the file's own labels are text; what they map to are ids
            return {next(payloads)[:200]: target for target in value.values()}
        if isinstance(value, dict):
            return {k: walk(v, k) if k not in NOT_TEXT or k == "evidence" and isinstance(
                v, list) else v for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str):
            return next(payloads)[:200]
        return value

    data = walk(load_workshop(ROOT / "workshops" / name).model_dump(mode="json"))
    return validate_workshop(data)


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> dict[str, Path]:
    from journeylab.handout.export import export_handout

    folder = tmp_path_factory.mktemp("handouts")
    return {name: export_handout(poisoned(name), folder / f"{name}.html") for name in DEMOS}


def test_every_payload_is_in_use() -> None:
    assert len(PAYLOADS) >= 30 and len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
@pytest.mark.parametrize("name", DEMOS)
def test_hostile_text_never_runs_or_fetches(browser, handouts, name, bypass_csp) -> None:
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(handouts[name].as_uri(), wait_until="load")
        page.wait_for_timeout(500)  # let onerror / onload handlers fire if any exist
        found = page.evaluate("""() => ({
            scripts: document.querySelectorAll('script').length,
            handlers: [...document.querySelectorAll('*')].flatMap(e =>
                [...e.attributes].map(a => a.name).filter(n => n.startsWith('on'))),
            javascriptUrls: [...document.querySelectorAll('[href],[src],[action],[data]')]
                .map(e => e.getAttribute('href') || e.getAttribute('src') ||
                          e.getAttribute('action') || e.getAttribute('data'))
                .filter(u => /^\\s*javascript:/i.test(u || '')),
            flag: window.__xss || null,
            text: document.body.innerText,
        })""")
    finally:
        context.close()
    assert dialogs == []
    assert found["flag"] is None
    assert found["scripts"] == 0 and found["handlers"] == [] and found["javascriptUrls"] == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert "<script>alert(1)</script>" in found["text"]  # shown as the text it is


@pytest.mark.parametrize("name", DEMOS)
def test_no_serious_accessibility_violation(browser, tmp_path, name) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from journeylab.handout.export import export_handout

    html = export_handout(load_workshop(ROOT / "workshops" / name), tmp_path / "h.html")
    context = browser.new_context(bypass_csp=True)  # the audit itself is a script
    page = context.new_page()
    try:
        page.goto(html.as_uri(), wait_until="load")
        results = Axe().run(page)
    finally:
        context.close()
    serious = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:3]]}
               for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)
