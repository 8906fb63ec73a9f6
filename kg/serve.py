"""Serving the store as a standard SPARQL 1.1 endpoint, with the Oxigraph server.

The server is Oxigraph's own (the ``oxigraph`` package: ``pip install 'coop-kg[server]'``),
so the endpoint speaks the SPARQL 1.1 protocol and has a query page in the browser. It is
bound to 127.0.0.1 and read-only unless asked otherwise: a shared graph should not be
writable by whoever can reach the port.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import KgError


def server_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise KgError("kg serve needs the Oxigraph server: pip install 'coop-kg[server]'")
    return found


def command(
    store: Path | str, host: str = "127.0.0.1", port: int = 7878, writable: bool = False
) -> list[str]:
    """The server command line for a store folder."""
    store = Path(store)
    if not (store / "CURRENT").exists():
        raise KgError(f"no store at {store} (build one with: kg build ARTICLES --store {store})")
    mode = "serve" if writable else "serve-read-only"
    return [server_binary(), mode, "--location", str(store), "--bind", f"{host}:{port}"]


def serve(store: Path | str, host: str = "127.0.0.1", port: int = 7878, writable: bool = False) -> int:
    """Run the server in the foreground until it is stopped (Ctrl-C); returns its exit code."""
    try:
        return subprocess.run(command(store, host, port, writable)).returncode
    except KeyboardInterrupt:
        return 0
