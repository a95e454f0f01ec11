"""Where the browser lands: the app, or the guided notebooks in the language last used."""

from __future__ import annotations


import pytest

from journeylab import preferences
from journeylab.server.entry import APP_PATH, lab_path
from tests.browser.app_server import app_server, copy_project

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("language", "path"), [
    (None, "notebooks/00_start_here.ipynb"), ("en", "notebooks/00_start_here.ipynb"),
    ("bg", "notebooks/bg/00_start_here.ipynb"), ("lv", "notebooks/lv/00_start_here.ipynb")])
def test_the_guided_notebooks_open_in_the_language_last_used(language, path) -> None:
    assert lab_path(language) == path


def test_the_landing_routes_redirect_behind_the_login(tmp_path, monkeypatch) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv(preferences.CONFIG_ENV, str(config))
    preferences.save(language="lv")
    root = copy_project(tmp_path / "project")
    with app_server(root) as server:
        app = server.request("GET", "/journeylab/", server.authorized())
        assert app.status == 302 and app.headers["Location"] == "/voila/render/" + APP_PATH
        lab = server.request("GET", "/journeylab/lab", server.authorized())
        assert lab.status == 302
        assert lab.headers["Location"] == "/lab/tree/notebooks/lv/00_start_here.ipynb"
        anonymous = server.request("GET", "/journeylab/")
        assert anonymous.status in (302, 403)
        assert "voila/render" not in anonymous.headers.get("Location", "")
