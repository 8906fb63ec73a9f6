"""kg serve: a real Oxigraph server on loopback, queried over HTTP with the SPARQL protocol."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
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


# -- what the server allows, tried as a hostile client would ---------------------------------------


@pytest.fixture
def guarded(seed_store):
    """kg serve on the seeds store, read-only, with a one-second query timeout."""
    try:
        server_binary()
    except Exception:
        pytest.skip("the Oxigraph server (coop-kg[server]) is not installed")
    from processes import kg, serving

    port = free_port()
    proc = kg("serve", "--store", seed_store, "--port", port, "--timeout", 1)
    yield proc, port, serving(proc, port)
    proc.terminate()
    proc.wait(timeout=30)


def _ask(port: int, method: str, path: str, body: str = "", **headers: str) -> tuple[int, bytes]:
    """One HTTP request with exactly the headers given (Host, Origin, ...)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": f"127.0.0.1:{port}", **{k.replace("_", "-"): v for k, v in headers.items()}}
    if body:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    connection.request(method, path, body=body.encode("utf-8") or None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def test_the_server_refuses_service_foreign_hosts_and_runs_no_request_for_a_web_page(guarded):
    from processes import EMPTY_RESULTS, Recorder

    _, port, _ = guarded
    other = Recorder(EMPTY_RESULTS)
    try:
        service = f"SELECT * WHERE {{ SERVICE <{other.url}/sparql> {{ ?s ?p ?o }} }}"
        # what a web page can make a browser send: a GET to /query, a form POST
        status, body = _ask(port, "GET", "/query?" + urllib.parse.urlencode({"query": service}))
        assert status == 403 and b"SERVICE" in body
        status, _ = _ask(port, "POST", "/query", urllib.parse.urlencode({"query": service}))
        assert status == 403
        assert other.requests == []  # the server sent nothing anywhere
    finally:
        other.close()
    query = "/query?" + urllib.parse.urlencode({"query": "ASK { GRAPH ?g { ?s ?p ?o } }"})
    assert _ask(port, "GET", query, Accept="application/sparql-results+json")[0] == 200
    assert _ask(port, "GET", query, Host=f"localhost:{port}")[0] == 200
    status, body = _ask(port, "GET", query, Host=f"attacker.example:{port}")  # DNS rebinding
    assert status == 403 and b"Host" in body


@pytest.fixture
def writable_guarded(tmp_path):
    try:
        server_binary()
    except Exception:
        pytest.skip("the Oxigraph server (coop-kg[server]) is not installed")
    from conftest import SEEDS
    from processes import kg, serving

    store = tmp_path / "store"
    run("build", SEEDS / "000_18207d1d6100cecb.txt", "--store", store, "-q")
    port = free_port()
    proc = kg("serve", "--store", store, "--port", port, "--writable")
    yield proc, port, serving(proc, port)
    proc.terminate()
    proc.wait(timeout=30)


def _count(port: int) -> int:
    query = "/query?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}
    )
    status, body = _ask(port, "GET", query, Accept="application/sparql-results+json")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_a_writable_server_refuses_cross_origin_updates_and_load(writable_guarded):
    from processes import Recorder

    _, port, base = writable_guarded
    before = _count(port)
    clear = urllib.parse.urlencode({"update": "CLEAR ALL"})
    # a form on another site, posted by the browser of someone who can reach the server (CSRF)
    assert _ask(port, "POST", "/update", clear, Origin="https://attacker.example")[0] == 403
    assert _ask(port, "POST", "/update", clear, Sec_Fetch_Site="cross-site")[0] == 403
    assert _count(port) == before
    other = Recorder(b"<urn:a> <urn:b> <urn:c> .\n", "application/n-triples")
    try:
        status, body = _ask(
            port, "POST", "/update", urllib.parse.urlencode({"update": f"LOAD <{other.url}/x.nt>"})
        )
        assert status == 403 and b"LOAD" in body and other.requests == []
    finally:
        other.close()
    insert = urllib.parse.urlencode({"update": "INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> <urn:o> } }"})
    assert _ask(port, "POST", "/update", insert, Origin=base)[0] in (200, 204)  # its own query page
    assert _ask(port, "POST", "/update", insert)[0] in (200, 204)  # kg build --store URL, curl
    assert _count(port) == before + 1


def test_a_query_is_stopped_when_its_client_has_gone(guarded):
    from processes import children, cpu_ticks, wait_until

    proc, port, _ = guarded
    (child,) = children(proc.pid)
    cross = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?t ?q ?r } GRAPH ?c { ?u ?v ?w } }"
    )
    started = cpu_ticks(child)
    connection = socket.create_connection(("127.0.0.1", port))
    body = urllib.parse.urlencode({"query": cross}).encode()
    connection.sendall(
        b"POST /query HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (port, len(body), body)
    )
    wait_until(lambda: cpu_ticks(child) - started >= 5)  # the cross product is running
    connection.close()  # the client leaves

    def idle() -> bool:
        before = cpu_ticks(child)
        time.sleep(1.0)
        return cpu_ticks(child) - before < 20  # under a fifth of a core

    wait_until(idle, deadline=30)
    assert _count(port) > 0  # and the server still answers


def test_a_query_past_the_server_s_time_limit_is_one_line_for_kg_query(guarded, tmp_path):
    _, port, _ = guarded
    cross = tmp_path / "cross.rq"
    cross.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?t ?q ?r } GRAPH ?c { ?u ?v ?w } }",
        encoding="utf-8",
    )
    result = run("query", cross, "--store", f"http://127.0.0.1:{port}", ok=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "time limit" in lines[0], result.output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_the_oxigraph_child_ends_with_kg_serve(guarded, sig):
    from processes import alive, children, wait_until

    proc, _, _ = guarded
    (child,) = children(proc.pid)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    wait_until(lambda: not alive(child), deadline=30)


def test_writable_on_a_public_address_warns(tmp_path):
    res = run("serve", "--store", tmp_path / "none", "--host", "0.0.0.0", "--writable", ok=False)
    assert res.output.startswith("warning: --writable on 0.0.0.0: anyone who can reach this address")
    assert res.output.splitlines()[-1].startswith("Error: no store at")
