"""``journeylab start``: one Jupyter server for the facilitator, and the browser on the app.

The server carries JupyterLab, Voila (the app mode) and JourneyLab's own routes, with
Jupyter's safety on: a token in the address the browser opens, bound to this machine only,
``Host`` and ``Origin`` checked, a cap on running kernels and idle ones shut down. The
browser lands on the facilitator's app (``--lab``: on the guided notebooks in JupyterLab),
in the language last used.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from pathlib import Path

from .i18n import _

#: Voila's page template of the app, and whatever else the app brings for Jupyter.
SHARE_DIR = Path(__file__).parent / "app" / "share"


def project_root() -> Path:
    """The folder with ``notebooks/`` and ``workshops/``: this checkout's, or the current one."""
    here = Path(__file__).resolve().parents[1]
    return here if (here / "notebooks").is_dir() else Path.cwd()


def server_command(root: Path, port: int, lab: bool = False,
                   open_browser: bool = True) -> list[str]:
    """The command that starts the facilitator's server over ``root``."""
    from .server.settings import server_arguments

    landing = "/journeylab/lab" if lab else "/journeylab/"
    command = [sys.executable, "-m", "jupyter_server", *server_arguments(port, root),
               f"--ServerApp.default_url={landing}",
               "--VoilaConfiguration.template=journeylab",
               f"--ServerApp.open_browser={open_browser}",
               # the facilitator's terminal shows the address and problems, not a server log
               "--ServerApp.log_level=WARN"]
    if os.geteuid() == 0:  # containers and Binder often run as root
        command.append("--allow-root")
    return command


def free_port(wanted: int, tries: int = 50) -> int:
    """``wanted`` if nothing listens there on this machine, else the next free port."""
    for port in range(wanted, wanted + tries):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return wanted  # the server then says the port is taken


def server_environment(token: str) -> dict[str, str]:
    """The server's environment: its token, and the app's template on Jupyter's data path.

    The token travels in the environment, never on the command line, where every user of
    the machine could read it in the list of processes.
    """
    from .server.settings import TOKEN_ENV

    environment = {**os.environ, TOKEN_ENV: token}
    paths = [str(SHARE_DIR), *filter(None, environment.get("JUPYTER_PATH", "").split(os.pathsep))]
    environment["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    return environment


def start(root: Path | None = None, port: int = 8888, lab: bool = False,
          open_browser: bool = True) -> int:
    """Run the server until it is stopped (Ctrl+C); return its exit code."""
    from .server.settings import TOKEN_ENV

    root = (root or project_root()).resolve()
    port = free_port(port)
    token = os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(24)
    command = server_command(root, port, lab=lab, open_browser=open_browser)
    landing = "journeylab/lab" if lab else "journeylab/"
    print(_("JourneyLab is ready at {address}", address=f"http://127.0.0.1:{port}/{landing}"
            f"?token={token}"), flush=True)
    print(_("Open it in a browser if none opened. Keep this window open during the "
            "workshop; Ctrl+C stops JourneyLab."), flush=True)
    os.chdir(root)
    os.execve(command[0], command, server_environment(token))
    return 0  # not reached: the server replaces this process
