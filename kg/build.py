"""Building the graph: read articles, extract facts, map them to RDF, write them to the store.

Extraction can run in several processes (``workers``); writing is always done by this one,
article by article, each in its own transaction. An article whose content and extractor are
unchanged since it was stored is skipped after reading and hashing it. Progress is reported to
a callback, so the library draws nothing and any caller (the CLI's bar, a notebook) can show it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse, serialize

from kg import store as kgstore
from kg import vocab
from kg.article import Article, read_paths
from kg.errors import InputError
from kg.extraction.pipeline import extract
from kg.lifeline import die_with_parent
from kg.mapping import doc_to_quads


@cache
def extractor_version() -> str:
    """A digest of the code and tables that decide what is extracted: changing any of them
    makes the next build re-extract every article, and nothing else does."""
    h = hashlib.sha256()
    root = resources.files("kg")
    parts = [root / "article.py", root / "clean.py", root / "mapping.py", root / "vocab.py", root / "text.py"]
    parts += sorted((root / "extraction").iterdir(), key=lambda p: p.name)
    parts += sorted((root / "gazetteer").iterdir(), key=lambda p: p.name)
    parts += sorted((root / "data").iterdir(), key=lambda p: p.name)
    for part in parts:
        if part.name.endswith((".py", ".tsv")):
            h.update(part.name.encode())
            h.update(part.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class BuildReport:
    read: int = 0
    built: int = 0
    skipped: int = 0
    failed: list[InputError] = field(default_factory=list)
    triples: int = 0
    articles: int = 0


Progress = Callable[[BuildReport], None]


def article_quads(article: Article) -> list[Quad]:
    """Extract and map one article: the quads of its graph."""
    return doc_to_quads(extract(article), extractor_version())


def safe_quads(article: Article) -> list[Quad] | InputError:
    """`article_quads`, with an extraction bug in one article reported as that article's
    failure rather than the batch's."""
    try:
        return article_quads(article)
    except Exception as e:  # one article's extraction bug must not stop a batch of thousands
        return InputError(article.source, f"extraction failed: {type(e).__name__}: {e}")


def article_nquads(article: Article) -> bytes | InputError:
    """One article's graph as N-Quads: what a worker process sends back, and what a shard holds."""
    quads = safe_quads(article)
    return quads if isinstance(quads, InputError) else serialize(quads, format=RdfFormat.N_QUADS) or b""


def read_items(
    items: Iterable[Path | str | Article], follow_links: bool = False
) -> Iterator[Article | InputError]:
    """Articles given as objects, and the articles of files and folders given by path."""
    for item in items:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_paths([Path(item)], follow_links)


def build(
    store,
    items: Iterable[Path | str | Article],
    *,
    workers: int = 1,
    progress: Progress | None = None,
    force: bool = False,
    follow_links: bool = False,
) -> BuildReport:
    """Build (or update) ``store`` from ``items``: paths of files or folders, or `Article`s.
    ``follow_links`` follows symbolic links in folders to files outside them."""
    report = BuildReport()
    version = extractor_version()
    seen: dict[str, str] = {}

    def todo() -> Iterator[tuple[Article, bool]]:
        for item in read_items(items, follow_links):
            report.read += 1
            if progress:
                progress(report)
            if isinstance(item, InputError):
                report.failed.append(item)
                continue
            if item.id in seen:
                report.failed.append(
                    InputError(
                        item.source,
                        f"article id {item.id!r} was already read from {seen[item.id]}; kept the first",
                    )
                )
                continue
            seen[item.id] = item.source
            state = kgstore.article_state(store, item.id)
            if not force and state == (item.content_hash, version):
                report.skipped += 1
                continue
            yield item, state is not None or store.contains_named_graph(vocab.graph(item.id))

    def write(article: Article, stored: bool, quads: list[Quad] | bytes | InputError) -> None:
        if isinstance(quads, InputError):
            report.failed.append(quads)
            return
        if isinstance(quads, bytes):
            quads = list(parse(quads, format=RdfFormat.N_QUADS)) if quads else []
        kgstore.write_article(store, vocab.graph(article.id), quads, replace=stored)
        report.built += 1
        if report.built % kgstore.FLUSH_EVERY == 0:
            store.flush()

    try:
        if workers <= 1:
            for article, stored in todo():
                write(article, stored, safe_quads(article))
        else:
            # the workers end with this process, even when it is killed and cannot stop them
            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
                pending: list[tuple[Article, bool, object]] = []
                for article, stored in todo():
                    pending.append((article, stored, pool.submit(article_nquads, article)))
                    if len(pending) >= workers * 8:
                        a, s, fut = pending.pop(0)
                        write(a, s, fut.result())  # type: ignore[attr-defined]
                for a, s, fut in pending:
                    write(a, s, fut.result())  # type: ignore[attr-defined]
    finally:
        store.flush()
    report.triples = kgstore.count_triples(store)
    report.articles = len(kgstore.graph_names(store))
    return report
