"""Extraction to shards without a store, then loading: the same graph as one build."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import CORPUS, SEEDS, run

from kg.store import open_store


def _nquads(store) -> list[str]:
    return sorted(str(q) for q in open_store(store, read_only=True))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The samples plus 60 real articles in JSON Lines (two partitions of 50 lines), or the samples
    alone where the corpus is not beside the project."""
    folder = tmp_path_factory.mktemp("in")
    shutil.copytree(SEEDS, folder / "seeds")
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as src, (folder / "real.jsonl").open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= 60:
                    break
                dst.write(line)
        (folder / "real.jsonl").open("a", encoding="utf-8").write("{broken\n")
    return folder


def test_shards_loaded_make_the_graph_one_build_makes(sample, tmp_path):
    run("build", sample, "--store", tmp_path / "s1", "-q")
    out = run("extract", sample, "--out", tmp_path / "shards", "--workers", "2").output
    assert "skipped 0" in out
    again = run("extract", sample, "--out", tmp_path / "shards").output
    assert "extracted 0" in again
    assert "loaded 0" not in run("load", tmp_path / "shards", "--store", tmp_path / "s2").output
    assert "loaded 0 articles" in run("load", tmp_path / "shards", "--store", tmp_path / "s2").output
    assert _nquads(tmp_path / "s2") == _nquads(tmp_path / "s1")
    manifest = [
        json.loads(x)
        for x in (tmp_path / "shards" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert all({"partition", "version"} <= set(r) for r in manifest)
    assert all(("error" in r) or {"article", "hash", "shard", "triples"} <= set(r) for r in manifest)
    if CORPUS.exists():
        assert [r["error"] for r in manifest if "error" in r][-1].startswith("malformed JSON")


def test_dask_engine_makes_the_same_shards(sample, tmp_path):
    pytest.importorskip("distributed")
    run("extract", sample, "--out", tmp_path / "local")
    run("extract", sample, "--out", tmp_path / "dask", "--engine", "dask", "--workers", "2")
    for shard in (tmp_path / "local").glob("shard-*.nq"):
        assert sorted((tmp_path / "dask" / shard.name).read_text(encoding="utf-8").splitlines()) == sorted(
            shard.read_text(encoding="utf-8").splitlines()
        )


def test_load_without_a_manifest_is_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    res = run("load", tmp_path / "empty", "--store", tmp_path / "s", ok=False)
    assert res.exit_code == 1 and res.output.startswith("Error: no manifest.jsonl in")


def test_extract_reads_fsspec_urls_like_local_paths(tmp_path):
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    for seed in sorted(SEEDS.glob("*.txt")):
        fs.pipe(f"/corpus/{seed.name}", seed.read_bytes())
    fs.pipe(
        "/corpus/more.jsonl",
        json.dumps(
            {"id": "m1", "text": "Toàn tỉnh Nghệ An có 500 HTX. Tỉnh Nghệ An có 12.000 thành viên."},
            ensure_ascii=False,
        ).encode("utf-8"),
    )
    out = run("extract", "memory://corpus", "--out", tmp_path / "remote").output
    assert "6 articles" in out
    run("load", tmp_path / "remote", "--store", tmp_path / "s_remote")
    run("build", SEEDS, "--store", tmp_path / "s_local", "-q")
    local = {
        q for q in _nquads(tmp_path / "s_local") if "000_18207d1d6100cecb" in q and "sourceFile" not in q
    }
    remote = {
        q for q in _nquads(tmp_path / "s_remote") if "000_18207d1d6100cecb" in q and "sourceFile" not in q
    }
    assert local == remote  # the same article, read from a URL, gives the same facts
    res = run("extract", "memory://nowhere", "--out", tmp_path / "x", ok=False)
    assert res.output == "Error: memory://nowhere: no such file or folder\n"
