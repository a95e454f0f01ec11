"""Who may use the facilitator's server: Jupyter's own login, made stricter in two places.

* Jupyter skips the ``Origin`` check for a request that carries the token, on the grounds
  that another site cannot know it. A token does get out (a browser's history, a shared
  screen, an address pasted into a chat), and then any page the facilitator opens could
  start kernels with it. Here the ``Origin`` of every request is checked, token or not.
* An empty token turns Jupyter's login off. A leftover ``c.ServerApp.token = ''`` in a
  Jupyter config of the facilitator's (a common shortcut) would open the app to every other
  program and user on the machine; here an empty token, without a password, is replaced by
  a random one.
"""

from __future__ import annotations

import secrets
from typing import Any

from jupyter_server.auth.identity import PasswordIdentityProvider
from tornado import web
from traitlets import validate


class FacilitatorIdentityProvider(PasswordIdentityProvider):
    """Jupyter's token or password login, with the ``Origin`` always checked."""

    @validate("token")
    def _never_empty(self, proposal: dict[str, Any]) -> str:
        if proposal["value"] or self.hashed_password:
            return proposal["value"]
        self.token_generated = True  # so Jupyter prints the address with the token
        self.log.warning("An empty token would let anyone on this machine in: "
                         "a random token is used instead.")
        return secrets.token_hex(24)

    def should_check_origin(self, handler: web.RequestHandler) -> bool:
        """Always: a request from another site's page is refused even with the token."""
        return True
