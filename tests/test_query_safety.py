"""kg query reaches no other server unless asked, runs no update however it is written, and its
errors (a server that does not answer, or answers with a web page) are one line."""

from __future__ import annotations

import pytest
from conftest import run
from processes import EMPTY_RESULTS, Recorder, free_port


@pytest.fixture
def other():
    """Some other web server, which should hear from coop-kg only when the user says so."""
    server = Recorder(EMPTY_RESULTS)
    yield server
    server.close()


def test_kg_query_sends_no_request_for_service_unless_allowed(seed_store, other):
    query = f"SELECT * WHERE {{ SERVICE <{other.url}/sparql> {{ ?s ?p ?o }} }}"
    res = run("query", query, "--store", seed_store, ok=False)
    assert res.output == (
        "Error: SERVICE (a federated query) is refused: it would make this machine send requests to other "
        "servers; --allow-service allows it\n"
    )
    disguised = (
        f"PREFIX : <{other.url}/> SELECT * WHERE {{ # SERVICE? no...\n sErViCe:sparql {{ ?s ?p ?o }} }}"
    )
    assert run("query", disguised, "--store", seed_store, ok=False).exit_code == 1
    assert other.requests == []
    run("query", query, "--store", seed_store, "--allow-service")
    assert other.requests  # with the flag, it does what it says


@pytest.mark.parametrize(
    "update",
    [
        "PREFIX x: <urn:x:> # a comment\nDELETE WHERE { ?s ?p ?o }",
        "\ufeffDELETE WHERE { ?s ?p ?o }",
        "/* a comment in another dialect */ DELETE WHERE { ?s ?p ?o }",
        "PREFIX x: <urn:x:> PREFIX y: <urn:y:> # SELECT\nDROP ALL",
        "SELECT * WHERE { ?s ?p ?o } ; CLEAR ALL",
    ],
)
def test_an_update_is_never_posted_however_it_is_written(other, update):
    res = run("query", update, "--store", other.url, ok=False)
    assert (
        res.output == "Error: kg query is read-only: SPARQL updates (INSERT, DELETE, DROP, ...) are refused\n"
    )
    assert other.requests == []


def test_a_service_that_does_not_answer_is_one_line(seed_store):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}"
    res = run("query", query, "--store", seed_store, "--allow-service", ok=False)
    assert res.exit_code == 1 and res.output.startswith("Error: the query failed while running:")
    assert res.output.count("\n") == 1


def test_a_remote_store_that_answers_with_a_web_page_is_one_line():
    page = Recorder(
        b"<!doctype html><html><body>Welcome to our portal</body></html>", "text/html; charset=utf-8"
    )
    try:
        res = run("query", "people-roles", "--store", page.url, ok=False)
        assert res.output == (
            f"Error: {page.url}/query answered with text/html, not SPARQL results: is it a SPARQL endpoint?\n"
        )
        res = run("stats", "--store", page.url, ok=False)
        assert res.exit_code == 1 and res.output.count("\n") == 1
    finally:
        page.close()
