"""Set-up shared by every test: headless matplotlib and Hypothesis profiles."""

import os

# Before anything imports matplotlib, so no test can open a window or need a display.
os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import settings  # noqa: E402

# "ci" replays the same examples on every run, so a red build is reproducible from its log;
# "dev" (the default) explores new examples and remembers failures in .hypothesis/.
settings.register_profile("ci", deadline=None, derandomize=True, database=None,
                          print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
