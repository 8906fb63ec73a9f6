"""Extraction without a store, to N-Quads shards any machine can make, and loading them.

A corpus too large for one process is cut into partitions (a file, or a block of lines of
a JSON Lines file). Each partition is extracted on its own, anywhere, into one N-Quads
shard; a manifest (JSON Lines) records, per article, its content hash, shard, quad count or
error, and per partition a digest of the input it was made from and the size and digest of
its shard. Because every IRI is minted deterministically from what it names (the same
person of the same province is the same IRI in every shard), shards merge without a
separate resolution step, and loading all of them gives the graph a single ``kg build``
of the same input gives.

Nothing is trusted that can be checked. A partition is extracted again when the digest of its
input changes (an edited page, lines added to a JSON Lines file), whatever the names and times
say. Before anything is written to a store, every shard is checked against the manifest: its
size and digest, the article graphs it holds and their quad counts; a shard that was cut,
changed, or carries a graph the manifest does not list for it is refused and the store is left
as it was. Loading replaces each article's graph as a whole, so it can be repeated or resumed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from kg import store as kgstore
from kg import vocab
from kg.article import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_BYTES,
    SUFFIXES,
    iter_files,
    lines,
    open_binary,
    read_html_page,
    read_jsonl,
    read_regular,
    read_text_page,
)
from kg.build import article_nquads, extractor_version
from kg.errors import InputError, KgError
from kg.lifeline import die_with_parent

BLOCK = 1000  # JSON Lines records per partition
MANIFEST = "manifest.jsonl"
_SHARD_NAME = re.compile(r"shard-[0-9a-f]{16}\.nq")


@dataclass(frozen=True)
class Partition:
    """A unit of work: a whole file, or lines [start, stop) of a JSON Lines file, with the digest
    of the input bytes it covers (what decides whether it must be extracted again)."""

    path: str
    start: int = 0
    stop: int | None = None
    digest: str = field(default="", compare=False)

    @property
    def key(self) -> str:
        return f"{self.path}#{self.start}" if self.stop is not None else self.path

    @property
    def shard(self) -> str:
        return "shard-" + hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:16] + ".nq"


def _files(location: str, follow_links: bool = False) -> list[str | InputError]:
    """The article files at a local path or an fsspec URL (a file, or every readable file below a
    folder); what a local folder leaves out comes as an `InputError`."""
    if "://" not in location:
        if not Path(location).exists():
            raise KgError(f"{location}: no such file or folder")
        return [
            x if isinstance(x, InputError) else str(x) for x in iter_files([Path(location)], follow_links)
        ]
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


def _jsonl_partitions(path: str, block: int) -> list[Partition]:
    """Blocks of ``block`` lines, each with the digest of its bytes (lines counted as they are read)."""
    hashes: list[hashlib._Hash] = []

    def seen(lineno: int, data: bytes) -> None:
        index = (lineno - 1) // block
        while len(hashes) <= index:
            hashes.append(hashlib.sha256())
        hashes[index].update(data)

    with open_binary(path) as handle:
        count = sum(1 for _ in lines(handle, seen))
    return [
        Partition(path, i, min(i + block, count), hashes[i // block].hexdigest() if count else "")
        for i in range(0, max(count, 1), block)
    ]


def _file_digest(path: str) -> str:
    """The digest of a whole page; a file over the size limit is refused when read, whatever it holds."""
    if "://" not in path:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return f"size:{size}"
    digest = hashlib.sha256()
    with open_binary(path) as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def partitions(
    paths: list[str | Path], block: int = BLOCK, follow_links: bool = False
) -> tuple[list[Partition], list[InputError]]:
    """The partitions of the input, with their digests, and what could not be read at all."""
    out: list[Partition] = []
    unreadable: list[InputError] = []
    for location in paths:
        for path in _files(str(location), follow_links):
            if isinstance(path, InputError):
                unreadable.append(path)
                continue
            try:
                if PurePosixPath(path).suffix.lower() in JSONL_SUFFIXES:
                    out += _jsonl_partitions(path, block)
                else:
                    out.append(Partition(path, digest=_file_digest(path)))
            except InputError as e:
                unreadable.append(e)
            except (OSError, ValueError) as e:
                unreadable.append(InputError(path, getattr(e, "strerror", None) or str(e)))
    return out, unreadable


def _read(partition: Partition) -> Iterator:
    if partition.stop is not None:
        return read_jsonl(partition.path, partition.start, partition.stop)
    return iter([_read_page(partition.path)])


def _read_page(path: str):
    try:
        if "://" in path:
            with open_binary(path) as handle:
                data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(path, f"file larger than {MAX_BYTES:,} bytes")
        else:
            data = read_regular(path)
        reader = read_html_page if PurePosixPath(path).suffix.lower() in HTML_SUFFIXES else read_text_page
        return reader(path, data)
    except InputError as e:
        return e
    except (OSError, ValueError) as e:
        return InputError(path, getattr(e, "strerror", None) or str(e))


def _write_shard(partition: Partition, out: str, data: bytes) -> dict:
    """Write the shard whole (a temporary file renamed into place) and describe it for the manifest."""
    target = Path(out) / partition.shard
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return {
        "partition": partition.key,
        "input": partition.digest,
        "shard": partition.shard,
        "shard_bytes": len(data),
        "shard_sha256": hashlib.sha256(data).hexdigest(),
    }


def extract_partition(partition: Partition, out: str) -> list[dict]:
    """Extract one partition into its shard; returns its manifest records, the partition's own
    record last. Runs anywhere (a worker process, a cluster node): it needs the package and the
    input, nothing else. It never raises: whatever goes wrong is a record of this partition."""
    version = extractor_version()
    records: list[dict] = []
    chunks: list[bytes] = []
    try:
        seen: dict[str, str] = {}
        for item in _read(partition):
            if isinstance(item, InputError):
                records.append({"partition": partition.key, "source": item.source, "error": item.reason})
                continue
            if item.id in seen:
                records.append(
                    {
                        "partition": partition.key,
                        "article": item.id,
                        "source": item.source,
                        "error": f"article id {item.id!r} was already read from {seen[item.id]}; kept the first",
                    }
                )
                continue
            seen[item.id] = item.source
            nquads = article_nquads(item)
            if isinstance(nquads, InputError):
                records.append(
                    {
                        "partition": partition.key,
                        "article": item.id,
                        "source": item.source,
                        "error": nquads.reason,
                    }
                )
                continue
            chunks.append(nquads)
            records.append(
                {
                    "partition": partition.key,
                    "article": item.id,
                    "source": item.source,
                    "hash": item.content_hash,
                    "shard": partition.shard,
                    "triples": nquads.count(b"\n"),
                }
            )
    except Exception as e:  # a bug met in one partition: reported, and the others are kept
        records = [
            {
                "partition": partition.key,
                "source": partition.path,
                "error": f"extraction failed: {type(e).__name__}: {e}",
            }
        ]
        chunks = []
    meta = _write_shard(partition, out, b"".join(chunks))
    meta.update(articles=sum("hash" in r for r in records), failed=sum("error" in r for r in records))
    return [{**r, "version": version} for r in [*records, meta]]


@dataclass
class Block:
    """A partition as the manifest records it: its article and error records, then its own record."""

    records: list[dict]
    meta: dict

    @property
    def articles(self) -> list[dict]:
        return [r for r in self.records if "hash" in r and "error" not in r]

    def lines(self) -> list[dict]:
        return [*self.records, self.meta]


_FIELDS = {
    "partition": (str,),
    "article": (str,),
    "source": (str,),
    "hash": (str,),
    "shard": (str,),
    "triples": (int,),
    "version": (str,),
    "error": (str,),
    "input": (str,),
    "shard_bytes": (int,),
    "shard_sha256": (str,),
    "articles": (int,),
    "failed": (int,),
}


def _check(record: object, where: str) -> dict:
    if not isinstance(record, dict) or not isinstance(record.get("partition"), str):
        raise KgError(f"{where}: not a manifest record (no partition); run kg extract again to remake it")
    for name, value in record.items():
        if name in _FIELDS and (not isinstance(value, _FIELDS[name]) or isinstance(value, bool)):
            raise KgError(f"{where}: {name} is {type(value).__name__}, not {_FIELDS[name][0].__name__}")
    needed = (
        ("shard", "shard_bytes", "shard_sha256", "version")
        if "shard_sha256" in record
        else ("source", "error")
        if "error" in record
        else ("article", "hash", "shard", "triples", "version")
    )
    missing = [n for n in needed if n not in record]
    if missing:
        raise KgError(f"{where}: the record lacks {', '.join(missing)}; run kg extract again to remake it")
    return record


def read_manifest(folder: Path, strict: bool = True) -> dict[str, Block]:
    """The partitions a manifest records, in its order. ``strict`` (for loading) refuses any line
    that is not a whole, well-formed record; otherwise (for resuming an extraction) such lines,
    and a partition whose own record never came (an interrupted run), count as not done."""
    path = folder / MANIFEST
    blocks: dict[str, Block] = {}
    pending: dict[str, list[dict]] = {}
    if not path.exists():
        return blocks
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            where = f"{path}:{lineno}"
            try:
                record = _check(json.loads(raw), where)
            except (ValueError, RecursionError):
                if strict:
                    raise KgError(f"{where}: malformed JSON; run kg extract again to remake it") from None
                continue
            except KgError:
                if strict:
                    raise
                continue
            key = record["partition"]
            if "shard_sha256" in record:
                blocks.pop(key, None)
                blocks[key] = Block(pending.pop(key, []), record)
            else:
                pending.setdefault(key, []).append(record)
    if strict and pending:
        key = next(iter(pending))
        raise KgError(
            f"{path} lists articles of {key} without the record of its shard (an interrupted or older "
            "kg extract); run kg extract again"
        )
    return blocks


def _write_manifest(out: Path, blocks: dict[str, Block]) -> None:
    temporary = out / f".{MANIFEST}.{os.getpid()}.part"
    with temporary.open("w", encoding="utf-8") as handle:
        for block in blocks.values():
            for r in block.lines():
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, out / MANIFEST)


@dataclass
class ExtractReport:
    partitions: int = 0
    extracted: int = 0
    skipped: int = 0
    articles: int = 0
    failed: list[dict] = field(default_factory=list)


def _fresh(block: Block | None, partition: Partition, out: Path, version: str) -> bool:
    """Whether a partition's recorded shard was made by this extractor from the input as it is now."""
    if block is None or block.meta.get("version") != version or block.meta.get("input") != partition.digest:
        return False
    shard = out / block.meta["shard"]
    return shard.is_file() and shard.stat().st_size == block.meta["shard_bytes"]


def extract(
    paths: list[str | Path],
    out: Path,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    retry_failed: bool = False,
    block: int = BLOCK,
    follow_links: bool = False,
) -> ExtractReport:
    """Extract every partition not yet done (with this extractor, from this input) into ``out``."""
    store = kgstore.inside_store(out) if out.exists() else kgstore.inside_store(out.parent)
    if store is not None:
        raise KgError(f"will not write shards to {out}: it is inside the store folder {store}")
    out.mkdir(parents=True, exist_ok=True)
    done = read_manifest(out, strict=False)
    version = extractor_version()
    report = ExtractReport()
    current, unreadable = partitions(paths, block, follow_links)
    todo = []
    for p in current:
        report.partitions += 1
        previous = done.get(p.key)
        failed_before = previous is not None and any("error" in r for r in previous.records)
        if _fresh(previous, p, out, version) and not (retry_failed and failed_before):
            report.skipped += 1
            continue
        todo.append(p)
    try:
        with (out / MANIFEST).open("a", encoding="utf-8") as log:
            for p, records in _run(todo, str(out), workers, engine, scheduler):
                # appended as each partition ends, its own record last: a run stopped half-way
                # keeps what it finished, and a half-written partition counts as not done
                log.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
                log.flush()
                done[p.key] = Block(records[:-1], records[-1])
                report.extracted += 1
    finally:
        done = _ordered(done, current, out)
        _write_manifest(out, done)
    for b in done.values():
        report.articles += len(b.articles)
        report.failed += [r for r in b.records if "error" in r]
    report.failed += [{"partition": "", "source": e.source, "error": e.reason} for e in unreadable]
    return report


def _ordered(done: dict[str, Block], current: list[Partition], out: Path) -> dict[str, Block]:
    """The manifest's partitions: this input's in its order (so the first of two articles with one
    id is the one a build keeps), then those of other inputs. A partition of a file of this input
    that the file no longer has (it got shorter) is dropped, with its shard."""
    keys = [p.key for p in current]
    paths = {p.path for p in current}
    ordered = {k: done[k] for k in keys if k in done}
    for key, b in done.items():
        if key in ordered:
            continue
        if key.rsplit("#", 1)[0] in paths or key in paths:
            shard = out / b.meta["shard"]
            if _SHARD_NAME.fullmatch(b.meta["shard"]) and shard.is_file():
                shard.unlink()
            continue
        ordered[key] = b
    return ordered


def _run(
    todo: list[Partition], out: str, workers: int, engine: str, scheduler: str | None
) -> Iterator[tuple[Partition, list[dict]]]:
    """(partition, its records) as each partition is done."""
    if engine == "dask":
        try:
            from dask.distributed import Client, LocalCluster, as_completed
        except ImportError:
            raise KgError("--engine dask needs the cluster extra: pip install 'coop-kg[cluster]'") from None
        if not todo:
            return
        cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        try:
            with Client(scheduler or cluster) as client:
                futures = client.map(extract_partition, todo, out=out, pure=False)
                which = {f.key: p for f, p in zip(futures, todo, strict=True)}
                for future in as_completed(futures):
                    yield which[future.key], future.result()
        finally:
            if cluster is not None:
                cluster.close()
        return
    if engine != "local":
        raise KgError(f"unknown engine {engine!r} (local or dask)")
    if workers <= 1:
        for p in todo:
            yield p, extract_partition(p, out)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        futures = {pool.submit(extract_partition, p, out): p for p in todo}
        for future in as_completed(futures):
            yield futures[future], future.result()


@dataclass
class LoadReport:
    shards: int = 0
    loaded: int = 0
    skipped: int = 0
    quads: int = 0
    failed: int = 0
    duplicates: list[str] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def verify(shard_dir: Path, blocks: dict[str, Block]) -> None:
    """Check every shard against the manifest before anything is loaded; the first mismatch is an
    error naming the shard. Checked: the shard is a file of the folder named as kg extract names
    shards, of the recorded size and digest, holding exactly the article graphs the manifest lists
    for it, each with its recorded number of quads, and nothing outside them."""
    for key, b in blocks.items():
        name = b.meta["shard"]
        if not _SHARD_NAME.fullmatch(name) or any(r.get("shard", name) != name for r in b.records):
            raise KgError(
                f"{shard_dir / MANIFEST}: {key} names the shard {name!r}, not a shard file of {shard_dir}; "
                "refusing to load"
            )
        path = shard_dir / name
        try:
            info = path.lstat()
        except FileNotFoundError:
            raise KgError(f"{path} is missing; run kg extract again") from None
        if not stat.S_ISREG(info.st_mode):
            raise KgError(f"{path} is not a regular file; refusing to load")
        if info.st_size != b.meta["shard_bytes"]:
            raise KgError(
                f"{path} does not match {MANIFEST}: {info.st_size:,} bytes, {b.meta['shard_bytes']:,} "
                "recorded (changed or cut after kg extract); nothing loaded, run kg extract again"
            )
        if _sha256(path) != b.meta["shard_sha256"]:
            raise KgError(
                f"{path} does not match {MANIFEST}: its digest differs (changed after kg extract); "
                "nothing loaded, run kg extract again"
            )
        expected = {vocab.graph(r["article"]).value: r for r in b.articles}
        counts: Counter[str] = Counter()
        try:
            for quad in parse(path=str(path), format=RdfFormat.N_QUADS):
                graph = quad.graph_name
                if not isinstance(graph, NamedNode):
                    raise KgError(f"{path}: holds a triple outside any article graph; nothing loaded")
                if graph.value not in expected:
                    raise KgError(
                        f"{path}: holds the graph {graph.value}, which {MANIFEST} does not list for this "
                        "shard; nothing loaded"
                    )
                counts[graph.value] += 1
        except SyntaxError as e:
            raise KgError(f"{path}: not valid N-Quads ({e}); nothing loaded, run kg extract again") from None
        for graph, r in expected.items():
            if counts[graph] != r["triples"]:
                raise KgError(
                    f"{path}: article {r['article']} has {counts[graph]} quads, {MANIFEST} records "
                    f"{r['triples']}; nothing loaded"
                )


def load(shard_dir: Path, store_location: str | Path) -> LoadReport:
    """Load every shard of ``shard_dir`` into the store (a folder or an endpoint URL), one article
    graph per transaction, after `verify` has passed for all of them; an article already stored
    with the same content and extractor is skipped."""
    blocks = read_manifest(shard_dir, strict=True)
    if not blocks:
        raise KgError(
            f"no {MANIFEST} in {shard_dir} (make shards with: kg extract ARTICLES --out {shard_dir})"
        )
    verify(shard_dir, blocks)
    store = kgstore.open_store(store_location)
    report = LoadReport()
    first: dict[str, str] = {}
    for b in blocks.values():
        report.shards += 1
        report.failed += sum("error" in r for r in b.records)
        graphs: dict[str, list[Quad]] = {}
        for quad in parse(path=str(shard_dir / b.meta["shard"]), format=RdfFormat.N_QUADS):
            graphs.setdefault(quad.graph_name.value, []).append(quad)
        for r in b.articles:
            article_id = r["article"]
            if article_id in first:
                report.duplicates.append(
                    f"{r['source']}: article id {article_id!r} was already loaded from {first[article_id]}; "
                    "kept the first"
                )
                continue
            first[article_id] = r["source"]
            state = kgstore.article_state(store, article_id)
            if state == (r["hash"], r["version"]):
                report.skipped += 1
                continue
            graph = vocab.graph(article_id)
            stored = state is not None or store.contains_named_graph(graph)
            kgstore.write_article(store, graph, graphs.get(graph.value, []), replace=stored)
            report.loaded += 1
            if report.loaded % kgstore.FLUSH_EVERY == 0:
                store.flush()
    store.flush()
    report.quads = len(store)
    return report
