"""Extraction without a store, to N-Quads shards any machine can make, and loading them.

A corpus too large for one process is cut into partitions (a file, or a block of lines of
a JSON Lines file). Each partition is extracted on its own, anywhere, into one N-Quads
shard; a manifest (JSON Lines) records, per article, its content hash, shard, triple count
or error. Because every IRI is minted deterministically from what it names (the same
person of the same province is the same IRI in every shard), shards merge without a
separate resolution step, and loading all of them gives the graph a single ``kg build``
of the same input gives. Loading replaces each article's graph as a whole, so it is
idempotent and can be repeated or resumed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pyoxigraph import RdfFormat, parse

from kg import store as kgstore
from kg import vocab
from kg.article import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_BYTES,
    SUFFIXES,
    iter_files,
    open_binary,
    read_html_page,
    read_jsonl,
    read_paths,
    read_text_page,
)
from kg.build import article_nquads, extractor_version
from kg.errors import InputError, KgError

BLOCK = 1000  # JSON Lines records per partition
MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class Partition:
    """A unit of work: a whole file, or lines [start, stop) of a JSON Lines file."""

    path: str
    start: int = 0
    stop: int | None = None

    @property
    def key(self) -> str:
        return f"{self.path}#{self.start}" if self.stop is not None else self.path

    @property
    def shard(self) -> str:
        return "shard-" + hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:16] + ".nq"


def _files(location: str) -> list[str]:
    """The article files at a local path or an fsspec URL (a file, or every readable file below a folder)."""
    if "://" not in location:
        if not Path(location).exists():
            raise KgError(f"{location}: no such file or folder")
        return [str(p) for p in iter_files([Path(location)])]
    import fsspec

    fs, root = fsspec.core.url_to_fs(location)
    protocol = location.split("://", 1)[0]
    if not fs.exists(root):
        raise KgError(f"{location}: no such file or folder")
    found = sorted(fs.find(root)) if fs.isdir(root) else [root]
    return [
        f"{protocol}://{f.removeprefix(protocol + '://').lstrip('/') if protocol != 'file' else f}"
        for f in found
        if PurePosixPath(f).suffix.lower() in SUFFIXES
    ]


def partitions(paths: list[str | Path], block: int = BLOCK) -> list[Partition]:
    out = []
    for location in paths:
        for path in _files(str(location)):
            if PurePosixPath(path).suffix.lower() in JSONL_SUFFIXES:
                with open_binary(path) as handle:
                    lines = sum(1 for _ in handle)
                out += [Partition(path, i, min(i + block, lines)) for i in range(0, max(lines, 1), block)]
            else:
                out.append(Partition(path))
    return out


def _read(partition: Partition) -> Iterator:
    if partition.stop is not None:
        return read_jsonl(partition.path, partition.start, partition.stop)
    if "://" not in partition.path:
        return read_paths([Path(partition.path)])
    return iter([_read_url(partition.path)])


def _read_url(url: str):
    try:
        with open_binary(url) as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(url, f"file larger than {MAX_BYTES:,} bytes")
        reader = read_html_page if PurePosixPath(url).suffix.lower() in HTML_SUFFIXES else read_text_page
        return reader(url, data)
    except InputError as e:
        return e
    except (OSError, ValueError) as e:
        return InputError(url, str(e))


def extract_partition(partition: Partition, out: str) -> list[dict]:
    """Extract one partition into its shard; returns its manifest records. Runs anywhere
    (a worker process, a cluster node): it needs the package and the input, nothing else."""
    records: list[dict] = []
    chunks: list[bytes] = []
    for item in _read(partition):
        if isinstance(item, InputError):
            records.append({"partition": partition.key, "source": item.source, "error": item.reason})
            continue
        nquads = article_nquads(item)
        if isinstance(nquads, InputError):
            records.append(
                {"partition": partition.key, "article": item.id, "source": item.source, "error": nquads.reason}
            )
            continue
        chunks.append(nquads)
        records.append(
            {
                "partition": partition.key,
                "article": item.id,
                "hash": item.content_hash,
                "shard": partition.shard,
                "triples": nquads.count(b"\n"),
            }
        )
    (Path(out) / partition.shard).write_bytes(b"".join(chunks))
    version = extractor_version()
    return [{**r, "version": version} for r in records]


@dataclass
class ExtractReport:
    partitions: int = 0
    extracted: int = 0
    skipped: int = 0
    articles: int = 0
    failed: list[dict] = field(default_factory=list)


def _manifest(out: Path) -> dict[str, list[dict]]:
    by_partition: dict[str, list[dict]] = {}
    path = out / MANIFEST
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            by_partition.setdefault(record["partition"], []).append(record)
    return by_partition


def extract(
    paths: list[str | Path],
    out: Path,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    retry_failed: bool = False,
    block: int = BLOCK,
) -> ExtractReport:
    """Extract every partition not yet done (with this extractor) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    done = _manifest(out)
    version = extractor_version()
    report = ExtractReport()
    todo = []
    for p in partitions(paths, block):
        report.partitions += 1
        previous = done.get(p.key, [])
        ok = previous and all(r.get("version") == version for r in previous) and (out / p.shard).exists()
        failed_before = any("error" in r for r in previous)
        if ok and not (retry_failed and failed_before):
            report.skipped += 1
            continue
        todo.append(p)
    results = _run(todo, str(out), workers, engine, scheduler)
    for p, records in zip(todo, results, strict=True):
        done[p.key] = records
        report.extracted += 1
    with (out / MANIFEST).open("w", encoding="utf-8") as handle:
        for records in done.values():
            for r in records:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
                report.articles += "article" in r and "error" not in r
                if "error" in r:
                    report.failed.append(r)
    return report


def _run(
    todo: list[Partition], out: str, workers: int, engine: str, scheduler: str | None
) -> list[list[dict]]:
    if engine == "dask":
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise KgError("--engine dask needs the cluster extra: pip install 'coop-kg[cluster]'") from None
        cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        with Client(scheduler or cluster) as client:
            futures = client.map(extract_partition, todo, out=out, pure=False)
            results = client.gather(futures)
        if cluster is not None:
            cluster.close()
        return results
    if engine != "local":
        raise KgError(f"unknown engine {engine!r} (local or dask)")
    if workers <= 1:
        return [extract_partition(p, out) for p in todo]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(extract_partition, todo, [out] * len(todo)))


@dataclass
class LoadReport:
    shards: int = 0
    loaded: int = 0
    skipped: int = 0
    quads: int = 0


def load(shard_dir: Path, store_location: str | Path) -> LoadReport:
    """Load every shard of ``shard_dir`` into the store (a folder or an endpoint URL), one article
    graph per transaction; an article already stored with the same content and extractor is skipped."""
    manifest = _manifest(shard_dir)
    if not manifest:
        raise KgError(
            f"no {MANIFEST} in {shard_dir} (make shards with: kg extract ARTICLES --out {shard_dir})"
        )
    store = kgstore.open_store(store_location)
    report = LoadReport()
    state = {
        r["article"]: (r["hash"], r["version"])
        for records in manifest.values()
        for r in records
        if "article" in r and "error" not in r
    }
    for shard in sorted({r["shard"] for records in manifest.values() for r in records if "shard" in r}):
        report.shards += 1
        graphs: dict[str, list] = {}
        for quad in parse(path=str(shard_dir / shard), format=RdfFormat.N_QUADS):
            graphs.setdefault(quad.graph_name.value, []).append(quad)
        for quads in graphs.values():
            article_id = next((q.object.value for q in quads if q.predicate == vocab.COOPT.articleId), None)
            if article_id and kgstore.article_state(store, article_id) == state.get(article_id):
                report.skipped += 1
                continue
            kgstore.replace_graph(store, quads[0].graph_name, kgstore.insert_data(quads))
            report.loaded += 1
            if report.loaded % kgstore.FLUSH_EVERY == 0:
                store.flush()
    store.flush()
    report.quads = len(store)
    return report
