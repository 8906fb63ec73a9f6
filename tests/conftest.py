"""Shared fixtures: a real Oxigraph store on disk, built from seeds/ through the real CLI, and
real servers on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, Store

from kg.cli import cli
from kg.serve import server_binary
from kg.vocab import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/ (the browser helper), however pytest is started
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "baomoi-5k.jsonl"


def run(*args: str, ok: bool = True):
    """Run the kg CLI in-process; by default fail the test if it exits non-zero."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built once from seeds/ for the whole session; tests must not write to it."""
    path = tmp_path_factory.mktemp("seed") / "store"
    run("build", SEEDS, "--store", path, "--quiet")
    return path


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "store"


# Markup that runs script if it is ever parsed as HTML, and mathtext that stops matplotlib if it
# is ever read as a formula.
HOSTILE = '<img src=x onerror="window.kgPwned=1"><script>window.kgPwned=2</script> $\\frac{1$'
HOSTILE_NAME = f"Huỳnh Bài {HOSTILE}"


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory) -> Path:
    """The seeds with hostile text wherever a user's data can put text: a headline (000), an
    article id taken from a file name (002), and the name of Huỳnh Bài. The name is written
    into the store directly, as a store loaded from elsewhere could hold it: no article gives
    the extractor such a name."""
    folder = tmp_path_factory.mktemp("hostile")
    pages = folder / "seeds"
    pages.mkdir()
    for page in sorted(SEEDS.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        name = page.name
        if name.startswith("000_"):
            headline, rest = text.split("\n", 1)
            text = f"{headline} {HOSTILE}\n{rest}"
        if name.startswith("002_"):
            name = "002_$\\frac{1$.txt"
        (pages / name).write_text(text, encoding="utf-8")
    path = folder / "store"
    run("build", pages, "--store", path, "--quiet")
    store = Store(str(path))
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?p <{SCHEMA.name.value}> ?old }} }} "
        f"INSERT {{ GRAPH ?g {{ ?p <{SCHEMA.name.value}> {Literal(HOSTILE_NAME)} }} }} "
        f'WHERE {{ GRAPH ?g {{ ?p <{SCHEMA.name.value}> ?old FILTER(STR(?old) = "Huỳnh Bài") }} }}'
    )
    store.flush()
    del store
    return path


def unavailable(message: str):
    """Skip a test that needs what this machine lacks; on CI (which installs it all) fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test: {message}")
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def running(proc: subprocess.Popen, port: int):
    """Wait until the server answers, hand its base URL to the test, then stop it."""
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield base
    if os.getpgid(proc.pid) == proc.pid:  # its own session: stop the server child of `kg serve` too
        os.killpg(proc.pid, signal.SIGTERM)
    else:
        proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def server(seed_store):
    """`kg serve` on the seeds store (read-only, as by default), on a free loopback port."""
    try:
        server_binary()
    except Exception:
        pytest.skip("the Oxigraph server (coop-kg[server]) is not installed")
    port = free_port()
    proc = subprocess.Popen(  # the output is not read: a pipe would fill and stop the server
        [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,
    )
    yield from running(proc, port)
