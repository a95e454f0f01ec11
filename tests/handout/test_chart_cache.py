"""Chart images kept on disk: a new process redraws only what changed, and a bad file or a
read-only folder is a chart drawn again, never an error."""

from pathlib import Path

import pytest

from journeylab.handout import chart_cache, figures
from journeylab.handout.build import handout_notebook
from journeylab.i18n import language
from journeylab.store import load_workshop

DEMOS = Path(__file__).parents[2] / "workshops"


@pytest.fixture(scope="module")
def workshops():
    return {name: load_workshop(DEMOS / name)
            for name in ("elektronika-online", "mortgage-journey")}


def images(notebook) -> list[str]:
    return [o["data"]["image/png"] for c in notebook.cells if c.cell_type == "code"
            for o in c.outputs if "image/png" in o["data"]]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty chart folder, and nothing kept in memory: like a new process."""
    monkeypatch.setenv("JOURNEYLAB_CACHE", str(tmp_path / "charts"))
    monkeypatch.setattr(figures, "_images", type(figures._images)())
    monkeypatch.setattr(figures, "_frames", type(figures._frames)())
    return tmp_path / "charts"


def refuse_to_draw(monkeypatch) -> None:
    def draw(*_args, **_kwargs):
        raise AssertionError("a chart was drawn although its image was kept")

    for name in ("journey_map", "stage_channel_chart", "touchpoint_emotion_chart",
                 "persona_channel_chart", "priority_matrix", "kpi_targets",
                 "monthly_chart"):
        monkeypatch.setattr(figures, name, draw)
    monkeypatch.setattr(figures._curve, "update", draw)
    monkeypatch.setattr(figures._versus, "update", draw)


def test_a_new_process_loads_every_chart_instead_of_drawing_it(cache, workshops,
                                                               monkeypatch) -> None:
    workshop = workshops["elektronika-online"]
    first = images(handout_notebook(workshop))
    assert len(list(cache.glob("*.png"))) == len(first) >= 6
    figures._images.clear()
    refuse_to_draw(monkeypatch)
    assert images(handout_notebook(workshop)) == first


def test_an_image_is_kept_per_language(cache, workshops) -> None:
    workshop = workshops["mortgage-journey"]
    english = images(handout_notebook(workshop))
    figures._images.clear()
    with language("bg"):
        other = images(handout_notebook(workshop, language="bg"))
    assert len(list(cache.glob("*.png"))) > len(english)
    assert other != english


def test_a_changed_workshop_draws_its_charts_anew(cache, workshops) -> None:
    workshop = workshops["mortgage-journey"]
    before = images(handout_notebook(workshop))
    renamed = workshop.model_copy(update={"stages": [
        workshop.stages[0].model_copy(update={"name": "Dreaming of a home"}),
        *workshop.stages[1:]]})
    figures._images.clear()
    after = images(handout_notebook(renamed))
    assert after[0] != before[0]  # the map names the stages


@pytest.mark.parametrize("damage", [b"", b"\0" * 8 + b"not a png", b"\1\0\0\0"])
def test_a_broken_file_is_drawn_again(cache, workshops, damage) -> None:
    workshop = workshops["mortgage-journey"]
    first = images(handout_notebook(workshop))
    for kept in cache.glob("*.png"):
        kept.write_bytes(damage)
    figures._images.clear()
    assert images(handout_notebook(workshop)) == first
    assert all(kept.read_bytes()[8:16] == b"\x89PNG\r\n\x1a\n" for kept in cache.glob("*.png"))


def test_a_folder_that_cannot_be_written_only_means_drawing(tmp_path, monkeypatch,
                                                            workshops) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JOURNEYLAB_CACHE", str(blocker / "charts"))
    monkeypatch.setattr(figures, "_images", type(figures._images)())
    assert images(handout_notebook(workshops["mortgage-journey"]))


def test_off_keeps_nothing_on_disk(tmp_path, monkeypatch, workshops) -> None:
    monkeypatch.setenv("JOURNEYLAB_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(figures, "_images", type(figures._images)())
    handout_notebook(workshops["mortgage-journey"])
    assert chart_cache.folder() is None
    assert not any(tmp_path.iterdir())


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("JOURNEYLAB_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert chart_cache.folder() == tmp_path / "journeylab" / "charts"


def test_only_the_newest_images_are_kept(cache, monkeypatch) -> None:
    import os

    monkeypatch.setattr(chart_cache, "KEPT", 3)
    png = b"\x89PNG\r\n\x1a\n" + b"x" * 10
    for number in range(5):
        chart_cache.keep(("chart", number), png, 10, 20)
        os.utime(chart_cache._path(("chart", number)), (number, number))
    chart_cache.keep(("chart", 5), png, 10, 20)
    kept = [key for key in range(6) if chart_cache.load(("chart", key))]
    assert kept == [3, 4, 5]
    assert chart_cache.load(("chart", 5)) == (png, 10, 20)
