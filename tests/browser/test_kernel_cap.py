"""The facilitator's server runs a few kernels at most, and lets go of the ones left behind.

Real Voila pages (each starts a kernel through the server's kernel manager), a real
JupyterLab session request, and Chromium showing the page the facilitator gets once the
cap is reached.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import nbformat
import pytest
from tornado import httpclient, websocket

from .app_server import AppServer, app_server, run_async
from .conftest import ARTIFACTS
from .helpers import poll

pytestmark = pytest.mark.slow

NOTEBOOK = "small.ipynb"
PAGE = f"/voila/render/{NOTEBOOK}"
CAP = 2
REFUSAL = "Too many workshop pages are open: JourneyLab runs at most 2 at once"


def small_project(root: Path) -> Path:
    """A folder with one small notebook: its page is quick to run, as a kernel is a kernel."""
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]),
                   root / NOTEBOOK)
    return root


@pytest.fixture(scope="module")
def capped(tmp_path_factory) -> AppServer:
    root = small_project(tmp_path_factory.mktemp("kernel-cap"))
    with app_server(root, max_kernels=CAP) as running:
        yield running


def page_load(server: AppServer):
    return server.request("GET", PAGE, server.authorized())


def test_pages_over_the_cap_are_refused_in_words_until_one_is_let_go(capped) -> None:
    assert [page_load(capped).status for _page in range(CAP)] == [200] * CAP
    assert len(capped.kernel_ids()) == CAP

    refused = page_load(capped)
    assert refused.status == 503
    assert REFUSAL in refused.body.decode("utf-8")
    assert len(capped.kernel_ids()) == CAP  # no kernel was started for it

    # JupyterLab asks for a kernel when it opens a notebook: the same words come back
    opened = capped.request("POST", "/api/sessions", capped.authorized(), json.dumps(
        {"path": "small.ipynb", "type": "notebook", "name": "", "kernel": {"name": "python3"}}))
    assert opened.status == 500 and opened.json()["message"].startswith(REFUSAL)
    asked = capped.request("POST", "/api/kernels", capped.authorized())
    assert asked.status == 503 and asked.json()["message"].startswith(REFUSAL)

    first = capped.kernel_ids()[0]
    assert capped.request("DELETE", f"/api/kernels/{first}", capped.authorized()).status == 204
    assert page_load(capped).status == 200
    assert len(capped.kernel_ids()) == CAP


@pytest.mark.browser
def test_the_facilitator_sees_why_the_page_does_not_open(capped, page) -> None:
    while len(capped.kernel_ids()) < CAP:
        assert page_load(capped).status == 200
    page.goto(f"{capped.origin}/api/status?token={capped.token}")  # logs in, as the launcher
    page.goto(f"{capped.origin}{PAGE}")
    shown = page.get_by_text(REFUSAL)
    shown.wait_for(timeout=30_000)
    assert shown.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1440, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(ARTIFACTS / f"kernel-cap-refused-{width}.png"))


# -- culling ---------------------------------------------------------------------------------

async def _connected(url: str, headers: dict[str, str], until) -> bool:
    """Hold a websocket to a kernel open while ``until()`` runs; whether it stayed open."""
    connection = await websocket.websocket_connect(httpclient.HTTPRequest(
        url, headers=headers, connect_timeout=20, request_timeout=20))
    try:
        await asyncio.get_running_loop().run_in_executor(None, until)
        return connection.protocol is not None
    finally:
        connection.close()


def test_an_idle_kernel_no_page_holds_is_shut_down_and_an_open_page_is_kept(tmp_path) -> None:
    root = small_project(tmp_path)
    with app_server(root, idle_timeout=2, cull_interval=1) as quick:
        kept = quick.request("POST", "/api/kernels", quick.authorized()).json()["id"]
        channels = f"ws://127.0.0.1:{quick.port}/api/kernels/{kept}/channels"

        def a_page_is_left_behind() -> None:
            assert page_load(quick).status == 200
            left = set(quick.kernel_ids()) - {kept}
            assert len(left) == 1
            poll(quick.kernel_ids, lambda ids: not left & set(ids), seconds=60)

        held = run_async(_connected(channels, quick.authorized(Origin=quick.origin),
                                      a_page_is_left_behind))
        assert held
        assert quick.kernel_ids() == [kept]
