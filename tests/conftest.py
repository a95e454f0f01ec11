"""Set-up shared by every test: headless matplotlib, Hypothesis profiles, English."""

import os

# Before anything imports matplotlib, so no test can open a window or need a display.
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest
from hypothesis import settings

# "ci" replays the same examples on every run, so a red build is reproducible from its log;
# "dev" (the default) explores new examples and remembers failures in .hypothesis/.
settings.register_profile("ci", deadline=None, derandomize=True, database=None,
                          print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def _folder_of_the_run(tmp_path_factory, variable: str, name: str):
    """A folder of the test run, named to the product by ``variable`` while the run lasts."""
    folder = tmp_path_factory.mktemp(name)
    os.environ[variable] = str(folder)
    yield folder
    del os.environ[variable]


@pytest.fixture(scope="session", autouse=True)
def chart_folder(tmp_path_factory):
    """Chart images kept on disk go to a folder of the test run, not the user's cache."""
    yield from _folder_of_the_run(tmp_path_factory, "JOURNEYLAB_CACHE", "charts")


@pytest.fixture(scope="session", autouse=True)
def preferences_folder(tmp_path_factory):
    """What the app remembers per user goes to a folder of the test run, not the user's."""
    yield from _folder_of_the_run(tmp_path_factory, "JOURNEYLAB_CONFIG_DIR", "preferences")


@pytest.fixture(scope="session")
def browser():
    """The run's one headless Chromium (see :mod:`tests.chromium`)."""
    from .chromium import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(autouse=True)
def english():
    """Opening a workshop sets the process's language: every test starts and ends in English."""
    from journeylab.i18n import set_language

    set_language("en")
    yield
    set_language("en")
