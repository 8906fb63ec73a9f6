"""Building the graph: read articles, extract facts, map them to RDF, write them to the store.

Extraction can run in several processes (``workers``); writing is always done by this
one, article by article, each in its own transaction. An article whose content and
extractor are unchanged since it was stored is skipped after reading and hashing it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from kg import store as kgstore
from kg import vocab
from kg.article import Article, read_paths
from kg.errors import InputError
from kg.extract.pipeline import extract
from kg.mapping import doc_to_quads


@cache
def extractor_version() -> str:
    """A digest of the code and tables that decide what is extracted: changing any of them
    makes the next build re-extract every article, and nothing else does."""
    h = hashlib.sha256()
    root = resources.files("kg")
    parts = [root / "article.py", root / "clean.py", root / "mapping.py", root / "vocab.py", root / "text.py"]
    parts += sorted((root / "extract").iterdir(), key=lambda p: p.name)
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


def article_body(article: Article) -> str:
    """Extract and map one article; returns the INSERT DATA body (picklable, for worker processes)."""
    return kgstore.insert_data(doc_to_quads(extract(article), extractor_version()))


def _safe_body(article: Article) -> str | InputError:
    try:
        return article_body(article)
    except Exception as e:  # one article's extraction bug must not stop a batch of thousands
        return InputError(article.source, f"extraction failed: {type(e).__name__}: {e}")


def build(
    paths: Iterable[Path], store_path: Path, workers: int = 1, progress: bool = True, force: bool = False
) -> BuildReport:
    """Build (or update) the store at ``store_path`` from the articles under ``paths``."""
    from tqdm import tqdm

    store = kgstore.open_store(store_path)
    report = BuildReport()
    version = extractor_version()
    seen: dict[str, str] = {}
    bar = tqdm(desc="building", unit=" articles", disable=None if progress else True, leave=False)

    def todo() -> Iterator[Article]:
        for item in read_paths(list(paths)):
            report.read += 1
            bar.update(1)
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
            if not force and kgstore.article_state(store, item.id) == (item.content_hash, version):
                report.skipped += 1
                continue
            yield item

    def write(article: Article, body: str | InputError) -> None:
        if isinstance(body, InputError):
            report.failed.append(body)
            return
        kgstore.replace_graph(store, vocab.graph(article.id), body)
        report.built += 1
        if report.built % kgstore.FLUSH_EVERY == 0:
            store.flush()

    try:
        if workers <= 1:
            for article in todo():
                write(article, _safe_body(article))
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                pending: list[tuple[Article, object]] = []
                for article in todo():
                    pending.append((article, pool.submit(_safe_body, article)))
                    if len(pending) >= workers * 8:
                        a, fut = pending.pop(0)
                        write(a, fut.result())
                for a, fut in pending:
                    write(a, fut.result())
    finally:
        bar.close()
        store.flush()
    report.triples = kgstore.count_triples(store)
    report.articles = len(kgstore.graph_names(store))
    return report
