"""Holding up under faults: a build killed at any moment, two builds on one store, parallel builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, run

from kg.store import open_store


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """240 distinct articles made from the samples (ids and numbers varied): a build of several
    seconds, so that a kill lands in the middle of it."""
    folder = tmp_path_factory.mktemp("many")
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(48):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8").replace("579", str(579 + i)).replace("746", str(746 + i))
            (folder / f"{seed.stem}-{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _quads(store: Path) -> dict[str, set[str]]:
    by_graph: dict[str, set[str]] = {}
    for q in open_store(store, read_only=True):
        by_graph.setdefault(q.graph_name.value, set()).add(str(q))
    return by_graph


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory) -> dict[str, set[str]]:
    store = tmp_path_factory.mktemp("ref") / "store"
    run("build", articles, "--store", store, "-q")
    return _quads(store)


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )


@pytest.mark.parametrize("after", [1.0, 2.0, 3.5])
def test_a_build_killed_at_any_moment_leaves_whole_articles_and_completes_on_rerun(
    articles, reference, tmp_path, after
):
    store = tmp_path / "store"
    proc = _kg("build", str(articles), "--store", str(store), "-q")
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the build finished before it could be killed"
    partial = _quads(store) if store.exists() else {}
    for graph, quads in partial.items():  # every article present is whole: exactly as built uninterrupted
        assert quads == reference[graph], graph
    out = run("build", articles, "--store", store, "-q").output
    assert f"skipped {len(partial)}" in out
    assert _quads(store) == reference


def test_two_builds_on_one_store_the_second_stops_with_a_clear_message(articles, tmp_path):
    store = tmp_path / "store"
    first = _kg("build", str(articles), "--store", str(store), "-q")
    time.sleep(0.8)
    second = _kg("build", str(articles), "--store", str(store), "-q")
    _, err = second.communicate(timeout=60)
    first.wait(timeout=120)
    assert second.returncode == 1
    assert err.strip().splitlines()[-1] == (
        f"Error: the store at {store} is in use by another kg process; wait for it to finish and run again"
    )
    assert first.returncode == 0


def test_parallel_extraction_builds_the_same_graph(articles, reference, tmp_path):
    store = tmp_path / "store"
    run("build", articles, "--store", store, "--workers", "2", "-q")
    assert _quads(store) == reference


def test_killing_a_parallel_build_ends_its_worker_processes(articles, tmp_path):
    from processes import alive, children, kg, wait_until

    proc = kg("build", articles, "--store", tmp_path / "store", "--workers", 2, "-q")
    workers = wait_until(lambda: len(children(proc.pid)) >= 2 and children(proc.pid))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    wait_until(lambda: not any(alive(w) for w in workers), deadline=30)


def test_a_folder_of_other_files_is_not_made_a_store(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    res = run("build", SEEDS, "--store", folder, "-q", ok=False)
    assert res.exit_code == 1
    assert (
        res.output
        == f"Error: {folder} holds other files and is not a store; give a new or empty folder to --store\n"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_no_reader_beside_a_writing_build_and_no_build_under_a_server(articles, tmp_path):
    """Oxigraph calls a read-only store beside a writer undefined: such a reader is refused, and a
    build does not start on a store a read-only server is serving."""
    from processes import free_port, kg, serving, wait_until

    from kg.serve import server_binary
    from kg.store import being_written, is_store

    store = tmp_path / "store"
    build = kg("build", articles, "--store", store, "-q")
    wait_until(lambda: is_store(store) and being_written(store))
    res = run("query", "people-roles", "--store", store, ok=False)
    assert res.exit_code == 1
    assert res.output.startswith(f"Error: the store at {store} is being written by another kg process"), (
        res.output
    )
    try:
        server_binary()
    except Exception:
        build.wait(timeout=300)
        return
    port = free_port()
    serve = kg("serve", "--store", store, "--port", port)
    _, err = serve.communicate(timeout=60)
    assert serve.returncode == 1
    assert err.splitlines()[-1].startswith(
        f"Error: the store at {store} is being written by another kg process"
    )
    assert build.wait(timeout=300) == 0
    serve = kg("serve", "--store", store, "--port", port)
    serving(serve, port)
    try:
        second = kg("build", articles, "--store", store, "-q", "--force")
        _, err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert err.strip().splitlines()[-1] == (
            f"Error: the store at {store} is in use by another kg process; wait for it to finish and run again"
        )
    finally:
        serve.terminate()
        serve.wait(timeout=30)
