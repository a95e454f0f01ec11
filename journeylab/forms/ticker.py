"""Work a form does on its own every so often, on the kernel's event loop.

A form that follows something outside the kernel (the room's answers arriving) needs to look
again a few times a second, between the messages the kernel handles. In a kernel that is an
asyncio task on ipykernel's loop; outside one (plain Python, the tests) there is no loop to
run on, and the form's ``tick`` is called by whoever drives it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

_log = logging.getLogger(__name__)


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the kernel this code runs in, or ``None`` outside one."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    loop = getattr(getattr(kernel, "io_loop", None), "asyncio_loop", None)
    return loop if loop is not None and loop.is_running() else None


class Ticker:
    """Call ``tick()`` every ``seconds`` while started; an error in it is logged, never
    raised into the kernel, and the ticking goes on."""

    def __init__(self, seconds: float, tick: Callable[[], None]) -> None:
        self.seconds, self.tick = seconds, tick
        self._task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> bool:
        """Start ticking on the kernel's loop; whether there is one to tick on."""
        if self.running:
            return True
        loop = kernel_loop()
        if loop is None:
            return False
        self._task = loop.create_task(self._run())
        return True

    def stop(self) -> None:
        """Stop ticking."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        with contextlib.suppress(asyncio.CancelledError):
            while True:
                await asyncio.sleep(self.seconds)
                try:
                    self.tick()
                except Exception:  # noqa: BLE001 - a form keeps following, whatever one look met
                    _log.exception("a periodic update of a form failed")
