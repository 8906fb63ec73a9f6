"""kg serve: a real Oxigraph server on loopback, queried over HTTP with the SPARQL protocol."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, run, running

from kg.serve import server_binary


def test_served_store_answers_sparql_protocol_queries_and_refuses_updates(server):
    query = (Path(__file__).parent.parent / "queries" / "people-roles.rq").read_text(encoding="utf-8")
    request = urllib.request.Request(
        server + "/query?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"},
    )
    data = json.load(urllib.request.urlopen(request, timeout=10))
    names = {b["name"]["value"] for b in data["results"]["bindings"]}
    assert "Huỳnh Bài" in names
    update = urllib.request.Request(
        server + "/update",
        data=b"update=CLEAR ALL",
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(update, timeout=10)


def test_serve_on_a_missing_store_is_one_line(tmp_path):
    res = run("serve", "--store", tmp_path / "nothing", ok=False)
    assert res.exit_code == 1 and res.output.startswith("Error: no store at")


@pytest.fixture
def writable_server(tmp_path):
    """An empty Oxigraph server, read-write, on a free loopback port."""
    try:
        binary = server_binary()
    except Exception:
        pytest.skip("the Oxigraph server (coop-kg[server]) is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "srv"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield from running(proc, port)


def test_every_command_works_the_same_against_a_sparql_endpoint(writable_server, seed_store, tmp_path):
    from conftest import SEEDS

    url = writable_server
    assert "built 5" in run("build", SEEDS, "--store", url, "-q").output
    assert "built 0, skipped 5" in run("build", SEEDS, "--store", url, "-q").output
    local = run("query", "people-roles", "--store", seed_store, "--format", "csv").output
    remote = run("query", "people-roles", "--store", url, "--format", "csv").output
    assert sorted(remote.splitlines()) == sorted(local.splitlines())
    timeline = run("query", "province-timeline", "--store", url, "--param", "province=Đắk Lắk").output
    assert "579" in timeline and "783" in timeline
    assert "Huỳnh Bài" in run("show", "000_18207d1d6100cecb", "--store", url).output
    assert run("stats", "--store", url).output == run("stats", "--store", seed_store).output
    exported = tmp_path / "remote.nq"
    run("export", "--store", url, "--format", "nquads", "-o", exported)
    local_nq = tmp_path / "local.nq"
    run("export", "--store", seed_store, "--format", "nquads", "-o", local_nq)
    assert sorted(exported.read_text(encoding="utf-8").splitlines()) == sorted(
        local_nq.read_text(encoding="utf-8").splitlines()
    )
    picture = tmp_path / "hb.svg"
    run("viz", "Huỳnh Bài", "--store", url, "-o", picture)
    assert "Huỳnh Bài" in picture.read_text(encoding="utf-8")


def test_an_unreachable_endpoint_is_one_line():
    res = run("query", "people-roles", "--store", f"http://127.0.0.1:{free_port()}", ok=False)
    assert res.exit_code == 1 and res.output.startswith("Error: cannot reach the SPARQL endpoint")
