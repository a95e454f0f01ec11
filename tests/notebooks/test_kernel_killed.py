"""A kernel killed right after a form change: the change is already on disk."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

from jupyter_client.manager import start_new_kernel

from journeylab.store import load_workshop

ROOT = Path(__file__).parents[2]

FORM_CHANGE = """
from journeylab.forms.fields import FieldSpec
from journeylab.forms.items import ItemEditor, ListSpec
from journeylab.forms.session import Session
session = Session.open({folder!r})
editor = ItemEditor(session, ListSpec("participant", "participants", "Participants",
                                      [FieldSpec("name", "Name", required=True)]))
editor.new_name.value = "Inga Ozoliņa"
print(editor.message.text)  # "Saved", beside the list that changed
"""


def test_change_survives_a_killed_kernel(tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    shutil.copytree(ROOT / "workshops" / "mortgage-journey", folder)
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        printed = []
        reply = client.execute_interactive(
            FORM_CHANGE.format(folder=str(folder)), timeout=60,
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
        assert reply["content"]["status"] == "ok"
        assert any("Saved" in text for text in printed)
    finally:
        client.stop_channels()
        manager.signal_kernel(signal.SIGKILL)  # no clean shutdown, nothing flushed on exit
        manager.shutdown_kernel(now=True)
    names = [p.name for p in load_workshop(folder).participants]
    assert names[-1] == "Inga Ozoliņa"
