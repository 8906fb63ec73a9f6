"""Serving the store as a standard SPARQL 1.1 endpoint: the Oxigraph server, behind a guard.

The endpoint is Oxigraph's own server (the ``oxigraph`` package: ``pip install 'coop-kg[server]'``),
so it speaks the SPARQL 1.1 protocol and has a query page in the browser. It runs as a child
process on a private loopback port; ``kg serve`` listens on the address asked and passes each
request on after checking it, because whoever can reach the port (or a web page open in a
browser on this machine) should not be able to do more than read the graph:

- the ``Host`` header must name the address served, so a page on another name that resolves
  to this machine (DNS rebinding) gets nothing;
- ``SERVICE`` (in a query or an update) and ``LOAD`` (in an update) are refused unless
  ``allow_service``: both make the server send requests to any URL;
- it is read-only unless ``writable``, and even then an update sent from another origin (a form
  on some web page: cross-site request forgery) is refused;
- every query stops after ``timeout`` seconds (Oxigraph's own timeout, which cancels it).

The child ends with ``kg serve`` however that ends (Ctrl-C, SIGTERM, killed). A read-only
server holds a read lock on the store, so a build cannot start writing under it, and it does
not start while a build is writing (Oxigraph calls a reader beside a writer undefined).
"""

from __future__ import annotations

import collections
import functools
import http.client
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg import store as kgstore
from kg.errors import KgError, QueryError, StoreError
from kg.lifeline import before_exec
from kg.sparql import check_update, uses_service

SERVICE_REFUSED = "SERVICE (a federated query) is refused by this server (kg serve --allow-service allows it)"
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-connection",
}
MAX_BODY = 256 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    writable: bool = False
    timeout: float = 30.0
    allow_service: bool = False
    allow_hosts: tuple[str, ...] = ()


def server_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise KgError("kg serve needs the Oxigraph server: pip install 'coop-kg[server]'")
    return found


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    address = _ip(host)
    return host.lower() == "localhost" or (address is not None and address.is_loopback)


def warnings(host: str, writable: bool) -> list[str]:
    """What a user should know before the server starts."""
    if writable and not is_loopback(host):
        return [
            f"warning: --writable on {host}: anyone who can reach this address can change or erase the "
            "graph; serve it read-only, or on 127.0.0.1 behind an authenticating proxy"
        ]
    return []


def check(store: Path | str) -> Path:
    """The store folder to serve, or a one-line error (before anything starts)."""
    store = Path(store)
    if not kgstore.is_store(store):
        raise KgError(f"no store at {store} (build one with: kg build ARTICLES --store {store})")
    server_binary()
    return store


def child_command(settings: Settings, port: int) -> list[str]:
    """The Oxigraph server's command line, on a private loopback port."""
    mode = "serve" if settings.writable else "serve-read-only"
    return [
        server_binary(),
        mode,
        "--location",
        str(settings.store),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout-s",
        str(max(1, round(settings.timeout))),
    ]


class _Hosts:
    """The names a request may give in its Host header (or Origin) to reach this server."""

    def __init__(self, host: str, port: int, extra: tuple[str, ...]):
        self.port = port
        self.wildcard = host in ("", "0.0.0.0", "::")
        names = {host.lower().strip("[]"), *(h.lower() for h in extra)}
        if is_loopback(host) or self.wildcard:
            names |= {"localhost", "127.0.0.1", "::1"}
        if self.wildcard:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        self.names = names

    def accepts(self, authority: str) -> bool:
        authority = authority.strip().lower()
        if authority.startswith("["):
            name, _, rest = authority[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else ""
        else:
            name, _, port = authority.partition(":")
        if (int(port) if port.isdigit() else 80 if not port else -1) != self.port:
            return False
        return name in self.names or (self.wildcard and _ip(name) is not None)


class _Guard(BaseHTTPRequestHandler):
    """Checks each request (see the module docstring) and passes it on to the Oxigraph child."""

    server: _GuardServer
    protocol_version = "HTTP/1.0"
    server_version = "coop-kg"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for the one line saying where the server is."""

    def do_GET(self) -> None:
        self._handle()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _cross_origin(self) -> bool:
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        if site and site not in ("same-origin", "none"):
            return True
        origin = self.headers.get("Origin")
        if origin is None:
            return False
        parts = urllib.parse.urlsplit(origin)
        return parts.scheme != "http" or not self.server.hosts.accepts(parts.netloc)

    def _operation(self, path: str, query: str, body: bytes) -> str | None:
        """The SPARQL text of a /query or /update request, or None if it cannot be told."""
        field = "update" if path.startswith("/update") else "query"
        if self.command in ("GET", "HEAD"):
            values = urllib.parse.parse_qs(query).get(field)
            return values[0] if values else ""
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            values = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get(field)
            return values[0] if values else ""
        if kind in ("application/sparql-query", "application/sparql-update"):
            return body.decode("utf-8", "replace")
        return None

    def _handle(self) -> None:
        settings = self.server.settings
        if not self.server.hosts.accepts(self.headers.get("Host") or ""):
            return self._refuse(
                403,
                f"refused: this server answers to {settings.host}:{settings.port}, not to the Host "
                f"{self.headers.get('Host')!r} (protection against DNS rebinding)",
            )
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._refuse(400, "refused: a malformed Content-Length")
        if length > MAX_BODY:
            return self._refuse(413, f"refused: a request body of more than {MAX_BODY:,} bytes")
        body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        write = path.startswith("/update") or (
            path.startswith("/store") and self.command not in ("GET", "HEAD", "OPTIONS")
        )
        if write and not settings.writable:
            return self._refuse(
                403, "refused: this server is read-only (kg serve --writable accepts updates)"
            )
        if write and self._cross_origin():
            return self._refuse(403, "refused: an update sent from another origin (cross-site request)")
        if path.startswith(("/query", "/update")) and self.command not in ("OPTIONS",):
            text = self._operation(path, query, body)
            if text is None:
                return self._refuse(415, "refused: send SPARQL as a form field or as application/sparql-*")
            if path.startswith("/update"):
                try:
                    check_update(text, allow_service=settings.allow_service)
                except QueryError as e:
                    return self._refuse(403, str(e))
            elif not settings.allow_service and uses_service(text):
                return self._refuse(403, SERVICE_REFUSED)
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.server.upstream, timeout=self.server.settings.timeout + 30
        )
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type")}
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.end_headers()
            while self.command != "HEAD":
                chunk = response.read1(65536)
                if not chunk:
                    break
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException):
            self.close_connection = (
                True  # the client left, or the child did: the child's timeout ends the work
            )
        finally:
            connection.close()


class _GuardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, settings: Settings):
        self.settings = settings
        self.hosts = _Hosts(settings.host, settings.port, settings.allow_hosts)
        self.upstream = 0
        if ":" in settings.host:
            self.address_family = socket.AF_INET6
        # bound now (a port in use is an error before anything starts), listening once ready
        super().__init__((settings.host.strip("[]"), settings.port), _Guard, bind_and_activate=False)
        try:
            self.server_bind()
        except OSError:
            self.server_close()
            raise


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_child(settings: Settings) -> tuple[subprocess.Popen, int]:
    """The Oxigraph server on a free loopback port, answering; its last words if it will not."""
    port = _free_port()
    child = subprocess.Popen(
        child_command(settings, port),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=functools.partial(before_exec, os.getpid()),
    )
    try:
        return child, _wait_for(child, port, settings)
    except BaseException:
        child.kill()
        raise


def _wait_for(child: subprocess.Popen, port: int, settings: Settings) -> int:
    said: collections.deque[str] = collections.deque(maxlen=20)
    threading.Thread(
        target=lambda: said.extend(x.decode("utf-8", "replace") for x in child.stderr), daemon=True
    ).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if child.poll() is not None:
            time.sleep(0.1)
            words = " ".join(" ".join(said).split())
            if "lock" in words.lower() or "temporarily unavailable" in words.lower():
                raise StoreError(
                    f"the store at {settings.store} is in use by another kg process; "
                    "wait for it to finish and run again"
                )
            raise KgError(
                f"the Oxigraph server did not start: {words[-300:] or f'exit code {child.returncode}'}"
            )
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return port
        except OSError:
            time.sleep(0.05)
    raise KgError("the Oxigraph server did not start within 60 s")


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def serve(settings: Settings, ready: Callable[[str], None] | None = None) -> int:
    """Run the guarded server in the foreground until it is stopped (Ctrl-C or SIGTERM); ``ready``
    is called with its URL once it answers."""
    check(settings.store)
    if not settings.writable:
        kgstore.hold_for_reading(settings.store)
    try:
        server = _GuardServer(settings)
    except OSError as e:
        raise KgError(f"cannot listen on {settings.host}:{settings.port}: {e.strerror or e}") from None
    child = None
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # SIGTERM ends it as Ctrl-C does: the child with it
    try:
        child, server.upstream = _start_child(settings)
        server.server_activate()
        if ready:
            ready(f"http://{settings.host}:{settings.port}/")
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if child is not None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0
