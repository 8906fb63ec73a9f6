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

import dataclasses
import datetime
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.article import Article
from kg.extraction.doc import Doc

_XSD = "http://www.w3.org/2001/XMLSchema#"


def extract(
    page: str | Article,
    *,
    article_id: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Doc:
    """Every fact of one page: ``page`` is the text of a page (read as a ``.txt`` page is read:
    headline, stamp, byline and page furniture handled, text normalised) or an `Article`.

    The Doc holds ``people``, ``memberships``, ``organizations``, ``events``, ``figures`` and
    ``province``; each fact has its ``sentence``, its span (``start``, ``end``) and its ``rule``,
    and ``doc.text_of(fact)`` gives the words it was read from."""
    from kg.article import page_article
    from kg.extraction.pipeline import extract as run_pipeline

    article = (
        page
        if isinstance(page, Article)
        else page_article(page, article_id=article_id, published=published, url=url)
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
        self.read_only = read_only
        self.store = Store() if store is None else kgstore.open_store(store, read_only=read_only)

    def __repr__(self) -> str:
        return f"Graph({self.location!r})"

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the store (an embedded store is unlocked for other processes)."""
        if hasattr(self.store, "flush") and not self.read_only:  # a read-only store has nothing to flush
            self.store.flush()
        self.store = None  # type: ignore[assignment]

    def build(
        self,
        sources: Iterable[str | Path | Article],
        *,
        workers: int = 1,
        progress=None,
        force: bool = False,
        follow_links: bool = False,
    ):
        """Read, extract and store articles: ``sources`` are files or folders of pages (.txt, .html,
        .jsonl) or `Article` objects. ``progress`` is called with the running `BuildReport` after
        each article read; ``follow_links`` follows symbolic links in folders to files outside
        them. Returns the `BuildReport` (read, built, skipped, failed)."""
        from kg.build import build

        return build(
            self.store, sources, workers=workers, progress=progress, force=force, follow_links=follow_links
        )

    def query(
        self,
        name_or_sparql: str,
        *,
        limit: int | None = None,
        offset: int | None = None,
        allow_service: bool = False,
        **params: str,
    ) -> list[dict[str, object]]:
        """Rows of a named query (``"people-roles"``), a ``.rq`` file or SPARQL text, with
        ``params`` bound as ``--param`` binds them (``graph.query("figures", province="Gia Lai",
        metric="cooperatives", **{"from": "2020"})``); values are plain Python values. ``limit``
        and ``offset`` give one page of rows. A name that matches nothing or several nodes is
        said with a `kg.errors.Note` warning. A federated query (SERVICE) is refused unless
        ``allow_service``."""
        from kg import query as q

        result = q.run(
            self.store,
            q.resolve(name_or_sparql),
            {k: str(v) for k, v in params.items()},
            limit=limit,
            offset=offset,
            allow_service=allow_service,
        )
        names = [v.value for v in result.variables]
        with q.evaluating():
            return [
                {n: _python(solution[n]) for n in names if solution[n] is not None} for solution in result
            ]

    def export(
        self,
        target: str | Path | BinaryIO,
        format: str = "turtle",
        *,
        article: str | None = None,
        force: bool = False,
    ) -> str | Path | BinaryIO:
        """Write the graph (or one article's) as turtle, ntriples, nquads or trig, to a file (written
        whole or not at all; an existing one replaced only with ``force``), to a binary stream, or
        to standard output for ``"-"``."""
        from kg.export import export
        from kg.output import atomic_file

        if str(target) == "-":
            export(self.store, sys.stdout.buffer, format, article)
            sys.stdout.flush()
        elif hasattr(target, "write"):
            export(self.store, target, format, article)  # type: ignore[arg-type]
        else:
            with atomic_file(Path(target), force) as handle:  # type: ignore[arg-type]
                export(self.store, handle, format, article)
        return target

    def viz(
        self,
        output: str | Path,
        focus: str | None = None,
        *,
        query: str | None = None,
        depth: int = 2,
        limit: int = 40,
        kinds: Iterable[str] = (),
        force: bool = False,
        allow_service: bool = False,
    ):
        """Draw the graph around ``focus`` (or a query's result) to ``output`` (.png, .svg, .html,
        .graphml, .gexf, .dot); see `kg.viz.viz`. The file is written whole or not at all, and
        over an existing one only with ``force``; a query with SERVICE needs ``allow_service``."""
        from kg.output import atomic_path
        from kg.query import resolve
        from kg.sparql import check_query
        from kg.viz import viz

        if query:
            check_query(resolve(query).text, allow_service=allow_service)
        with atomic_path(output, force) as temporary:
            picture = viz(self.store, temporary, focus, query, depth, limit, kinds)
        return dataclasses.replace(picture, path=Path(output))

    def plot(self, metric: str, province: str, output: str | Path, *, force: bool = False):
        """Draw the timeline of ``metric`` in ``province`` to a .png or .svg file; see `kg.plot.plot`
        (written as `viz` writes)."""
        from kg.output import atomic_path
        from kg.plot import plot

        with atomic_path(output, force) as temporary:
            timeline = plot(self.store, metric, province, temporary)
        return dataclasses.replace(timeline, path=Path(output))
