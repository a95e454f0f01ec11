"""Where the facilitator's server offers a workshop's handout as a download.

JourneyLab's server extension (:mod:`journeylab.server`) puts its base URL and its root
folder in the environment the kernels inherit; a form reads them here to link to
``<base_url>journeylab/handout/<workshop folder>.html``, which
:mod:`journeylab.server.downloads` answers. In a kernel of a plain Jupyter, or in a test,
the variables are absent and there is no address.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, urlencode

#: Environment the kernels inherit from the server.
BASE_URL_ENV = "JOURNEYLAB_BASE_URL"
ROOT_ENV = "JOURNEYLAB_SERVER_ROOT"
#: The route of downloads, under the server's base URL.
ROUTE = "journeylab/handout/"
#: What a handout downloads as.
KINDS = ("html", "pdf")


def download_address(folder: Path, kind: str, language: str, persona: str | None = None,
                     environ: Mapping[str, str] = os.environ) -> str | None:
    """The address of the handout of the workshop in ``folder`` as ``kind`` (html or pdf),
    or ``None`` outside JourneyLab's server or for a folder outside the server's root."""
    base, root = environ.get(BASE_URL_ENV), environ.get(ROOT_ENV)
    if not base or not root:
        return None
    try:
        relative = Path(folder).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None
    if not relative.parts:
        return None
    query = urlencode({"lang": language, **({"persona": persona} if persona else {})})
    return f"{base.rstrip('/')}/{ROUTE}{quote(relative.as_posix())}.{kind}?{query}"
