"""Extraction to shards without a store, then loading: the same graph as one build."""

from __future__ import annotations

import hashlib
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
    shards = [r for r in manifest if "shard_sha256" in r]
    assert shards and all({"input", "shard", "shard_bytes", "articles", "failed"} <= set(r) for r in shards)
    assert all(
        ("error" in r) or {"article", "hash", "shard", "triples"} <= set(r)
        for r in manifest
        if "shard_sha256" not in r
    )
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


# -- shards are checked before anything is written ---------------------------------------------------


@pytest.fixture
def made(tmp_path):
    """Two pages extracted to shards (one shard each) and loaded once into a store."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("000_18207d1d6100cecb", "002_e3927b8fa14f11b9"):
        shutil.copy(SEEDS / f"{name}.txt", pages / f"{name}.txt")
    shards, store = tmp_path / "shards", tmp_path / "store"
    run("extract", pages, "--out", shards)
    run("load", shards, "--store", store)
    return pages, shards, store


def _manifest(shards):
    return [json.loads(x) for x in (shards / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def _shard_of(shards, article: str):
    return shards / next(r["shard"] for r in _manifest(shards) if r.get("article", "").startswith(article))


def _refused(shards, store, starts: str):
    before = _nquads(store)
    res = run("load", shards, "--store", store, ok=False)
    assert res.exit_code == 1 and res.output.startswith(f"Error: {starts}"), res.output
    assert res.output.count("\n") == 1
    assert _nquads(store) == before  # nothing written
    return res.output


def _rehash(shards, shard):
    """Make the manifest agree with a changed shard, as a careful forger would."""
    data = shard.read_bytes()
    records = _manifest(shards)
    for r in records:
        if r.get("shard_sha256") and r["shard"] == shard.name:
            r.update(shard_bytes=len(data), shard_sha256=hashlib.sha256(data).hexdigest())
    (shards / "manifest.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )


def test_a_shard_cut_at_a_line_boundary_is_refused_and_the_store_left_unchanged(made):
    _, shards, store = made
    run("build", SEEDS / "004_f61154e481df3f8c.txt", "--store", store, "-q")  # something else stored too
    shard = _shard_of(shards, "000_")
    lines = shard.read_bytes().splitlines(keepends=True)
    shard.write_bytes(b"".join(lines[: len(lines) // 2]))
    _refused(shards, store, f"{shard} does not match manifest.jsonl:")
    _rehash(shards, shard)  # the manifest made to agree: the quad count still tells
    _refused(shards, store, f"{shard}: article 000_18207d1d6100cecb has")


def test_a_shard_carrying_another_articles_graph_is_refused(made):
    _, shards, store = made
    shard = _shard_of(shards, "000_")
    other = _shard_of(shards, "002_").read_text(encoding="utf-8").replace("783", "1")
    shard.write_text(shard.read_text(encoding="utf-8") + other, encoding="utf-8")
    _refused(shards, store, f"{shard} does not match manifest.jsonl:")
    _rehash(shards, shard)
    _refused(
        shards, store, f"{shard}: holds the graph https://w3id.org/coop-kg/id/graph/002_e3927b8fa14f11b9"
    )


def test_shards_and_manifests_that_are_not_what_kg_extract_wrote_are_one_line(made):
    _, shards, store = made
    shard = _shard_of(shards, "000_")
    good, manifest = shard.read_bytes(), (shards / "manifest.jsonl").read_text(encoding="utf-8")
    shard.write_bytes(bytes(range(256)) * 4)
    _refused(shards, store, f"{shard} does not match")
    _rehash(shards, shard)
    _refused(shards, store, f"{shard}: not valid N-Quads")
    shard.write_bytes(b"<urn:s> <urn:p> <urn:o> .\n")  # the default graph
    _rehash(shards, shard)
    _refused(shards, store, f"{shard}: holds a triple outside any article graph")
    shard.write_bytes(good)
    (shards / "manifest.jsonl").write_text(manifest + '{"partition": \n', encoding="utf-8")
    _refused(shards, store, f"{shards / 'manifest.jsonl'}:")
    (shards / "manifest.jsonl").write_text(manifest.replace(shard.name, "../../outside.nq"), encoding="utf-8")
    _refused(shards, store, f"{shards / 'manifest.jsonl'}: ")


def test_a_changed_input_is_extracted_again(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    page = pages / "002_e3927b8fa14f11b9.txt"
    shutil.copy(SEEDS / page.name, page)
    batch = pages / "batch.jsonl"
    record = {"id": "j1", "text": "Toàn tỉnh Nghệ An có 500 HTX. Tỉnh Nghệ An có 12.000 thành viên."}
    batch.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    shards, loaded, built = tmp_path / "shards", tmp_path / "loaded", tmp_path / "built"
    run("extract", pages, "--out", shards)
    run("load", shards, "--store", loaded)
    page.write_text(page.read_text(encoding="utf-8").replace("783", "790"), encoding="utf-8")  # same size
    with batch.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({**record, "id": "j2", "text": record["text"].replace("500", "510")}) + "\n")
    assert "extracted 2, skipped 0" in run("extract", pages, "--out", shards).output
    assert "loaded 2 articles" in run("load", shards, "--store", loaded).output
    run("build", pages, "--store", built, "-q")
    assert _nquads(loaded) == _nquads(built)
    assert "extracted 0, skipped 2" in run("extract", pages, "--out", shards).output


def test_one_bad_record_is_reported_and_the_rest_extracted_and_loaded(tmp_path):
    batch = tmp_path / "batch.jsonl"
    good = {"id": "g", "text": "Toàn tỉnh Nghệ An có 500 HTX."}
    batch.write_text(
        "\n".join(json.dumps({**good, "id": f"g{i}"}) for i in range(3))
        + "\n"
        + json.dumps({**good, "id": "bad", "title": 12})
        + "\n"
        + json.dumps({**good, "id": "g9"})
        + "\n",
        encoding="utf-8",
    )
    res = run("extract", batch, "--out", tmp_path / "shards")
    assert f"failed: {batch}:4: record's title is a number, not text" in res.output
    assert "4 articles in" in res.output and "1 failed" in res.output
    out = run("load", tmp_path / "shards", "--store", tmp_path / "store").output
    assert "loaded 4 articles" in out and "1 failed at extraction" in out
