"""Real processes for the fault tests: kg run as a command, its children found in /proc, servers
on loopback, and waiting for something to become true (never a timed assertion: the deadline
only keeps a broken run from hanging)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import free_port

__all__ = ["free_port", "kg", "wait_until", "children", "alive", "cpu_ticks", "serving", "Recorder"]

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: object, **kwargs) -> subprocess.Popen:
    """``python -m kg ARGS`` from this checkout, as its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        **kwargs,
    )


def wait_until(condition: Callable[[], object], deadline: float = 60, every: float = 0.05) -> object:
    """The first true value of ``condition()``; fails the test if none comes before the deadline."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"still not true after {deadline} s: {condition}")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the state on; the name may hold spaces


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped is not)."""
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def cpu_ticks(pid: int) -> int:
    """User and system CPU time of a process so far, in clock ticks."""
    fields = _stat(pid) or []
    return int(fields[11]) + int(fields[12]) if len(fields) > 12 else 0


def serving(proc: subprocess.Popen, port: int, deadline: float = 60) -> str:
    """The base URL of a server process once it accepts connections (its error if it exits)."""

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_until(up, deadline)
    return f"http://127.0.0.1:{port}"


class Recorder:
    """A web server on loopback that notes every request it gets and answers with ``body``:
    the stand-in for "some other server" a SPARQL text might make coop-kg call."""

    def __init__(self, body: bytes = b"", content_type: str = "application/sparql-results+json"):
        self.requests: list[tuple[str, str, bytes]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                recorder.requests.append((self.command, self.path, self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


EMPTY_RESULTS = b'{"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": []}}'
