"""The facilitator's server refuses what a web page or another program must not do.

Real requests to a real server, started as ``journeylab start`` starts it, on 127.0.0.1:
another site's name in ``Host`` (DNS rebinding), no token, another site's ``Origin`` on a
``POST`` and on the kernel websocket. Each refusal has an allowed twin, so a check that
refused everything would fail too.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from tornado import httpclient, websocket

from .app_server import AppServer, app_server, run_async, copy_project

pytestmark = pytest.mark.slow

EVIL = "evil.example"
NOTEBOOK = "hello.ipynb"
WORKSHOP = "workshops/mortgage-journey"
#: Every kind of route the facilitator's browser uses, with how it answers a visitor
#: without the token: a page sends to the login, an API refuses.
ROUTES = {
    "JupyterLab": ("GET", "/lab", 302),
    "contents": ("GET", "/api/contents", 403),
    "new kernel": ("POST", "/api/kernels", 403),
    "Voila page": ("GET", f"/voila/render/{NOTEBOOK}", 302),
    "handout download": ("GET", f"/journeylab/handout/{WORKSHOP}.html", 302),
    "app entry": ("GET", "/journeylab/", 302),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> AppServer:
    root = copy_project(tmp_path_factory.mktemp("app-security"))
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]),
                   root / NOTEBOOK)
    with app_server(root) as running:
        yield running


@pytest.fixture(scope="module")
def cookies(server: AppServer) -> dict[str, str]:
    """What a browser holds after opening the address with the token: the login and XSRF
    cookies, as ``Cookie`` and ``X-XSRFToken`` headers."""
    reply = server.request("GET", f"/lab?token={server.token}")
    assert reply.status == 200
    jar = dict(line.split(";", 1)[0].split("=", 1) for line in reply.headers.get_all("Set-Cookie"))
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()), "X-XSRFToken": jar["_xsrf"]}


def without_kernel(server: AppServer, reply) -> None:
    """Shut down the kernel a request started, so the test leaves the cap as it found it."""
    if reply.status == 201:
        server.request("DELETE", f"/api/kernels/{reply.json()['id']}", server.authorized())


@pytest.mark.parametrize("route", ROUTES)
def test_a_foreign_host_name_is_refused_and_the_own_one_served(server, route) -> None:
    method, path, _anonymous = ROUTES[route]
    rebound = server.request(method, path, server.authorized(Host=f"{EVIL}:{server.port}"))
    assert rebound.status == 403, rebound.body[:300]
    own = server.request(method, path, server.authorized())
    without_kernel(server, own)
    assert own.status in (200, 201, 302), own.body[:300]
    if own.status == 302:  # the app entry sends on to the app itself, not to a login
        assert not own.headers["Location"].startswith("/login")


@pytest.mark.parametrize("route", ROUTES)
def test_without_the_token_a_page_asks_for_it_and_an_api_refuses(server, route) -> None:
    method, path, expected = ROUTES[route]
    reply = server.request(method, path)
    without_kernel(server, reply)
    assert reply.status == expected, reply.body[:300]
    if expected == 302:
        assert reply.headers["Location"].startswith("/login?next=")


def test_a_wrong_token_is_no_token(server) -> None:
    reply = server.request("GET", "/api/contents", {"Authorization": "token not-the-token"})
    assert reply.status == 403


def test_another_sites_page_cannot_post_even_with_the_token(server) -> None:
    foreign = server.request("POST", "/api/kernels", server.authorized(Origin=f"http://{EVIL}"))
    without_kernel(server, foreign)
    assert foreign.status == 404  # Jupyter's answer to a cross-origin API request
    own = server.request("POST", "/api/kernels", server.authorized(Origin=server.origin))
    without_kernel(server, own)
    assert own.status == 201


def test_another_sites_page_cannot_write_a_file(server) -> None:
    body = json.dumps({"type": "file", "format": "text", "content": "planted"})
    foreign = server.request("PUT", "/api/contents/planted.txt",
                             server.authorized(Origin=f"http://{EVIL}"), body)
    assert foreign.status == 404 and not (server.root / "planted.txt").exists()


def test_a_logged_in_browser_posts_only_from_the_servers_own_pages(server, cookies) -> None:
    foreign = server.request("POST", "/api/kernels", {**cookies, "Origin": f"http://{EVIL}"})
    without_kernel(server, foreign)
    assert foreign.status == 404
    forged = server.request("POST", "/api/kernels", {"Cookie": cookies["Cookie"],
                                                     "Origin": server.origin})
    assert forged.status == 403  # without the XSRF token a form of another site could send
    own = server.request("POST", "/api/kernels", {**cookies, "Origin": server.origin})
    without_kernel(server, own)
    assert own.status == 201


def test_the_login_cookie_stays_with_the_servers_own_pages(cookies, server) -> None:
    reply = server.request("GET", f"/lab?token={server.token}")
    login = next(c for c in reply.headers.get_all("Set-Cookie") if c.startswith("username-"))
    assert "SameSite=Lax" in login and "HttpOnly" in login


def test_there_is_no_terminal(server) -> None:
    assert server.request("POST", "/api/terminals", server.authorized()).status == 404
    assert server.request("GET", "/api/terminals", server.authorized()).status == 404


def test_another_site_cannot_ask_for_a_handout(server) -> None:
    path = f"/journeylab/handout/{WORKSHOP}.html"
    asked = server.request("GET", path, server.authorized(**{"Sec-Fetch-Site": "cross-site"}))
    assert asked.status == 403
    clicked = server.request("GET", path, server.authorized(**{"Sec-Fetch-Site": "same-origin"}))
    assert clicked.status == 200


@pytest.fixture(scope="module")
def linked_out(server: AppServer, tmp_path_factory) -> Path:
    """A link in the served workshops folder to a workshop outside the server's root."""
    outside = copy_project(tmp_path_factory.mktemp("outside")) / "workshops" / "mortgage-journey"
    link = server.root / "workshops" / "linked-out"
    link.symlink_to(outside, target_is_directory=True)
    return link


@pytest.mark.parametrize("address", [
    "..%2F..%2Fetc", "workshops%2F..%2F..%2Foutside", "%2Fetc", "workshops/.current",
    "workshops/linked-out", "workshops/nowhere", "notebooks",
])
def test_a_handout_is_made_only_of_a_workshop_inside_the_root(server, linked_out,
                                                              address) -> None:
    reply = server.request("GET", f"/journeylab/handout/{address}.html", server.authorized())
    assert reply.status == 404, reply.body[:300]
    assert "Content-Disposition" not in reply.headers


# -- the kernel websocket ----------------------------------------------------------------------

async def _upgrade(url: str, headers: dict[str, str]) -> int:
    """101 if the websocket opens, else the HTTP status it was refused with."""
    request = httpclient.HTTPRequest(url, headers=headers, connect_timeout=20,
                                     request_timeout=20)
    try:
        connection = await websocket.websocket_connect(request)
    except httpclient.HTTPClientError as error:
        return error.code
    connection.close()
    return 101


@pytest.fixture(scope="module")
def channels(server: AppServer) -> str:
    """The websocket address of a kernel of the test's own."""
    started = server.request("POST", "/api/kernels", server.authorized())
    assert started.status == 201
    kernel = started.json()["id"]
    yield f"ws://127.0.0.1:{server.port}/api/kernels/{kernel}/channels"
    server.request("DELETE", f"/api/kernels/{kernel}", server.authorized())


def test_the_kernel_websocket_opens_only_for_the_servers_own_pages(server, cookies,
                                                                    channels) -> None:
    own, foreign = server.origin, f"http://{EVIL}"
    rebound = f"{EVIL}:{server.port}"
    cases = {
        "token, own page": (server.authorized(Origin=own), 101),
        "login cookie, own page": ({"Cookie": cookies["Cookie"], "Origin": own}, 101),
        "token, another site's page": (server.authorized(Origin=foreign), 403),
        "login cookie, another site's page": ({"Cookie": cookies["Cookie"],
                                               "Origin": foreign}, 403),
        "no token": ({"Origin": own}, 403),
        "rebound name": (server.authorized(Host=rebound, Origin=f"http://{rebound}"), 403),
    }

    async def answers() -> dict[str, int]:
        return {name: await _upgrade(channels, headers)
                for name, (headers, _expected) in cases.items()}

    assert run_async(answers()) == {name: expected for name, (_h, expected) in cases.items()}


# -- a config that would turn the login off ---------------------------------------------------

def test_an_empty_token_from_a_config_does_not_open_the_server(tmp_path: Path) -> None:
    with app_server(tmp_path, "--IdentityProvider.token=", token="") as open_server:
        assert open_server.request("GET", "/api/contents").status == 403
        assert open_server.request("GET", "/lab").headers["Location"].startswith("/login")
        assert "a random token is used instead" in open_server.log()
