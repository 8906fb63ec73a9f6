"""The library: what the ``kg`` command does, callable from Python.

    import kg
    doc = kg.extract(open("seeds/000_18207d1d6100cecb.txt", encoding="utf-8").read())
    [(m.person, m.role, m.org.name) for m in doc.memberships]
    graph = kg.Graph(None)               # in memory; a folder or a SPARQL endpoint URL to keep it
    graph.build(["seeds/"])
    graph.query("people-roles")          # rows as dicts of plain Python values
    graph.export("graph.ttl")

Each function is one step of the flow (read, extract, map, store, query, export); the CLI calls
these and only formats what they return.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.article import Article
from kg.extraction.doc import Doc

_XSD = "http://www.w3.org/2001/XMLSchema#"


def extract(
    page: str | Article, *, article_id: str | None = None, published: str | None = None, url: str | None = None
) -> Doc:
    """Every fact of one page: ``page`` is the text of a page (read as a ``.txt`` page is read:
    headline, stamp, byline and page furniture handled, text normalised) or an `Article`.

    The Doc holds ``people``, ``memberships``, ``organizations``, ``events``, ``figures`` and
    ``province``; each fact has its ``sentence``, its span (``start``, ``end``) and its ``rule``,
    and ``doc.text_of(fact)`` gives the words it was read from."""
    from kg.article import page_article
    from kg.extraction.pipeline import extract as run_pipeline

    article = page if isinstance(page, Article) else page_article(
        page, article_id=article_id, published=published, url=url
    )
    return run_pipeline(article)


def to_quads(doc: Doc) -> list[Quad]:
    """The RDF of one extracted article: the quads of its own named graph."""
    from kg.build import extractor_version
    from kg.mapping import doc_to_quads

    return doc_to_quads(doc, extractor_version())


def _python(term: object) -> object:
    """A SPARQL result term as a plain Python value: IRIs and strings as str, numbers as int or
    Decimal, dates as datetime.date, booleans as bool."""
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        datatype = term.datatype.value.removeprefix(_XSD)
        value = term.value
        try:
            if datatype in ("integer", "int", "long", "nonNegativeInteger"):
                return int(value)
            if datatype in ("decimal", "double", "float"):
                return Decimal(value)
            if datatype == "boolean":
                return value == "true"
            if datatype == "date":
                return datetime.date.fromisoformat(value)
        except ValueError:
            return value
        return value
    return None if term is None else str(term)


class Graph:
    """A coop-kg graph in a store: a folder (the embedded Oxigraph store), the URL of a SPARQL
    1.1 endpoint, or ``None`` for one in memory."""

    def __init__(self, store: str | Path | None = None, *, read_only: bool = False) -> None:
        from kg import store as kgstore

        self.location = store
        self.store = Store() if store is None else kgstore.open_store(store, read_only=read_only)

    def __repr__(self) -> str:
        return f"Graph({self.location!r})"

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the store (an embedded store is unlocked for other processes)."""
        self.store.flush() if hasattr(self.store, "flush") else None
        self.store = None  # type: ignore[assignment]

    def build(
        self,
        sources: Iterable[str | Path | Article],
        *,
        workers: int = 1,
        progress=None,
        force: bool = False,
    ):
        """Read, extract and store articles: ``sources`` are files or folders of pages (.txt, .html,
        .jsonl) or `Article` objects. ``progress`` is called with the running `BuildReport` after
        each article read. Returns the `BuildReport` (read, built, skipped, failed)."""
        from kg.build import build

        return build(self.store, sources, workers=workers, progress=progress, force=force)

    def query(self, name_or_sparql: str, **params: str) -> list[dict[str, object]]:
        """Rows of a named query (``"people-roles"``), a ``.rq`` file or SPARQL text, with
        ``params`` bound as ``--param`` binds them; values are plain Python values."""
        from kg import query as q

        result = q.run(self.store, q.resolve(name_or_sparql), {k: str(v) for k, v in params.items()})
        names = [v.value for v in result.variables]
        return [{n: _python(solution[n]) for n in names if solution[n] is not None} for solution in result]

    def export(self, path: str | Path, format: str = "turtle", *, article: str | None = None) -> Path:
        """Write the graph (or one article's) as turtle, ntriples, nquads or trig."""
        from kg.export import export

        path = Path(path)
        with path.open("wb") as handle:
            export(self.store, handle, format, article)
        return path
