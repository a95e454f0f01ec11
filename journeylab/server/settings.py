"""How the facilitator's server is started: every setting that keeps it safe, in one place.

``journeylab start`` runs ``python -m jupyter_server *server_arguments(port, root)``. What
each setting closes, as found with real requests against jupyter_server 2 (the tests in
``tests/browser/test_app_security.py`` send them):

* **Only this machine.** The server listens on ``127.0.0.1`` and takes no other port if
  that one is taken (the browser is sent to the port asked for). A request whose ``Host``
  is not ``localhost`` or a loopback address is refused (403): a web page cannot reach the
  server through a name of its own that resolves to 127.0.0.1 (DNS rebinding). Jupyter
  does this by itself only while ``allow_remote_access`` is left to its default and the
  address is a loopback one; here both are set.
* **A token.** Jupyter makes a random one and opens the browser with it; it sets a login
  cookie, so later pages and bookmarks need no token. A request with neither is refused or
  sent to the login page. The token is never put on the command line, where other users
  of the machine could read it in the list of processes: to choose one (tests do), set
  :data:`TOKEN_ENV` in the server's environment. An empty token is replaced by a random one
  (:mod:`journeylab.server.identity`). Every route needs the login, unless it is marked
  otherwise by the code that adds it (JupyterLab's and Voila's static files, the login
  page): a route added without ``@authenticated`` is closed, not open.
* **Other sites' pages.** A ``POST``, ``PUT``, ``DELETE`` or a websocket from a page of
  another origin is refused, with the token or without: Jupyter skips that check for
  requests that carry the token, this server does not. No origin is allowed across sites
  (no CORS), the login cookie is ``SameSite=Lax`` (not sent with another site's images,
  frames or scripts, in any browser), and forms need Jupyter's XSRF token.
* **No terminal, no password changes.** The facilitator never needs a shell in the
  browser, and the login page does not offer to set a password.
* **A cap on kernels, idle ones shut down.** At most :data:`MAX_KERNELS` kernels
  (:mod:`journeylab.server.kernels`); a kernel no page is connected to is shut down after
  :data:`IDLE_TIMEOUT` seconds without activity. A page left open is never cut off in
  the middle of a workshop, however long the room talks.
* **Nothing from the network.** The app's page would fetch MathJax from a public CDN; the
  server gives it no address, so a room without internet gets the same page.
* **JourneyLab's routes.** The ``journeylab.server`` extension is enabled; JupyterLab and
  Voila are enabled by their own installed configuration.

Not covered by these checks: the static files JupyterLab and Voila serve under
``/static/`` and ``/voila/static/`` (their own JavaScript and styles, the same for every
installation) answer any ``Host``; nothing of a workshop is among them.
"""

from __future__ import annotations

from pathlib import Path

#: Kernels that may run at once: the app's page, a few notebooks, a second tab.
MAX_KERNELS = 4
#: Seconds without activity after which a kernel no page is connected to is shut down.
IDLE_TIMEOUT = 600
#: Seconds between two looks for such kernels.
CULL_INTERVAL = 60
#: The environment variable that names the token, when the launcher chooses it.
TOKEN_ENV = "JUPYTER_TOKEN"
#: The only address the server listens on.
ADDRESS = "127.0.0.1"

_PACKAGE = "journeylab.server"


def server_config(port: int, root: Path, max_kernels: int = MAX_KERNELS,
                  idle_timeout: int = IDLE_TIMEOUT,
                  cull_interval: int = CULL_INTERVAL) -> dict[str, dict[str, object]]:
    """The traitlets configuration of the facilitator's server, by class and trait.

    Parameters
    ----------
    port
        The port to listen on, on ``127.0.0.1`` only.
    root
        The folder the server serves: the project, with ``notebooks/`` and ``workshops/``.
    max_kernels
        How many kernels may run at once (0: no limit).
    idle_timeout
        Seconds without activity after which a kernel no page is connected to is shut down.
    cull_interval
        Seconds between two looks for such kernels.
    """
    return {
        "ServerApp": {
            "ip": ADDRESS,
            "port": port,
            "port_retries": 0,
            "root_dir": str(Path(root).resolve()),
            "allow_remote_access": False,
            "local_hostnames": ["localhost"],
            "allow_origin": "",
            "allow_origin_pat": "",
            "allow_credentials": False,
            "disable_check_xsrf": False,
            "allow_unauthenticated_access": False,
            "terminals_enabled": False,
            "identity_provider_class": f"{_PACKAGE}.identity.FacilitatorIdentityProvider",
            "kernel_manager_class": f"{_PACKAGE}.kernels.CappedKernelManager",
            "jpserver_extensions": {_PACKAGE: True},
            # the app's page would otherwise fetch MathJax from a public CDN on every load
            "tornado_settings": {"mathjax_url": ""},
        },
        "IdentityProvider": {"cookie_options": {"samesite": "Lax"}},
        "PasswordIdentityProvider": {"allow_password_change": False},
        "CappedKernelManager": {"max_kernels": max_kernels},
        "MappingKernelManager": {
            "cull_idle_timeout": idle_timeout,
            "cull_interval": cull_interval,
            "cull_connected": False,
            "cull_busy": False,
        },
    }


def _command_line(section: str, name: str, value: object) -> list[str]:
    """``--Class.trait=value`` as traitlets reads it: a dict one ``key=value`` at a time,
    lists, numbers and ``True``/``False`` as Python literals."""
    if isinstance(value, dict):
        return [f"--{section}.{name}={key}={item}" for key, item in value.items()]
    return [f"--{section}.{name}={value if isinstance(value, str) else repr(value)}"]


def server_arguments(port: int, root: Path, **options: int) -> list[str]:
    """:func:`server_config` as command-line arguments of ``jupyter server``/``jupyter lab``.

    ``options`` are those of :func:`server_config`. A setting named twice on the command
    line is an error for most settings, so change one here, not by adding an argument.
    The token is not among them (see :data:`TOKEN_ENV`).
    """
    config = server_config(port, root, **options)
    return [argument for section, traits in config.items() for name, value in traits.items()
            for argument in _command_line(section, name, value)]
