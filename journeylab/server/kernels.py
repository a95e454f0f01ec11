"""A cap on the kernels of the facilitator's server.

Every page of the app and every open notebook runs a kernel of its own, some 150 to 200 MB
each; a day of opened tabs on a facilitator's laptop would pile them up until the machine
swaps in front of the room. :class:`CappedKernelManager` starts at most
:attr:`~CappedKernelManager.max_kernels` and refuses one more with a message in words
(HTTP 503), in the facilitator's language. Idle kernels that no page is connected to are
shut down by Jupyter's own culling, configured in :mod:`journeylab.server.settings`.

Voila's server extension starts its kernels through this same manager (``/voila/render/…``
calls the server's ``kernel_manager.start_kernel``), so the cap holds for the app's pages
as for JupyterLab's notebooks: a page over the cap shows the message instead of the app.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.base.call_context import CallContext
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

from .. import preferences
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language
from .settings import IDLE_TIMEOUT, MAX_KERNELS


def _browser_language(accept_language: str) -> str | None:
    """The language JourneyLab speaks that a browser's ``Accept-Language`` ranks first."""
    ranked = []
    for place, part in enumerate(accept_language.split(",")):
        tag, _sep, parameters = part.partition(";")
        name, _eq, value = parameters.partition("=")
        try:
            weight = float(value) if name.strip() == "q" else 1.0
        except ValueError:
            weight = 0.0
        code = tag.strip().split("-")[0].lower()
        if code in LANGUAGES and weight > 0:
            ranked.append((-weight, place, code))
    return min(ranked)[2] if ranked else None


def facilitator_language() -> str:
    """The language of a message from the server: the one chosen in the app, else the
    browser's of the request being answered, else English."""
    chosen = preferences.load()["language"]
    if chosen in LANGUAGES:
        return chosen
    handler = CallContext.get(CallContext.JUPYTER_HANDLER)
    header = handler.request.headers.get("Accept-Language", "") if handler else ""
    return _browser_language(header) or DEFAULT_LANGUAGE


class KernelLimitReached(web.HTTPError):
    """Starting one more kernel would go over the cap: HTTP 503, with the message in words.

    The words are the reason as well as the message: Voila's error page shows the reason
    only, JupyterLab the message.
    """

    def __init__(self, limit: int) -> None:
        with language(facilitator_language()):
            words = _("Too many workshop pages are open: JourneyLab runs at most {limit} at "
                      "once on this computer, so that it stays quick. Close a page or "
                      "notebook you no longer need, then load this page again. (Pages closed "
                      "in the browser are let go by themselves within {minutes} minutes.)",
                      limit=limit, minutes=max(1, round(IDLE_TIMEOUT / 60)))
        # the message is a %-format of tornado's; the reason is shown as it is
        super().__init__(503, words.replace("%", "%%"), reason=words)
        self.words = words

    def __str__(self) -> str:
        # the text of the sessions API's refusal, which JupyterLab shows in a dialog that does
        # not wrap lines: one sentence a line
        return self.words.replace(". ", ".\n")


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, starting no more than :attr:`max_kernels` kernels."""

    max_kernels = Integer(MAX_KERNELS, config=True,
                          help="How many kernels may run at once; 0 for no limit.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # kernels asked for and not yet running: two pages loaded at the same moment must
        # not both pass the check and go over the cap together
        self._starting: set[str] = set()

    async def start_kernel(self, *, kernel_id: str | None = None, **kwargs: Any) -> str:
        """Start a kernel, or raise :class:`KernelLimitReached` when the cap is reached.

        Asking for a kernel that already runs (a session reconnecting) is not a new one.
        """
        if kernel_id is not None and kernel_id in self:
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        running = set(self.list_kernel_ids()) | self._starting
        if self.max_kernels > 0 and len(running) >= self.max_kernels:
            self.log.warning("Refused to start kernel %d of at most %d", len(running) + 1,
                             self.max_kernels)
            raise KernelLimitReached(self.max_kernels)
        kernel_id = kernel_id or self.new_kernel_id()
        self._starting.add(kernel_id)
        try:
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        finally:
            self._starting.discard(kernel_id)
