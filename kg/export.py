"""Writing the graph out: Turtle (default), N-Triples, N-Quads or TriG, all of it or one article.

Turtle and N-Triples hold triples only, so a whole-store export in them is the union of
the article graphs, each triple once; N-Quads and TriG keep the article graphs apart.
"""

from __future__ import annotations

from typing import BinaryIO

from pyoxigraph import RdfFormat, Store, Triple, serialize

from kg import vocab
from kg.errors import KgError

FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
}
_USED_PREFIXES = ("coop", "kgid", "org", "schema", "prov", "qb", "skos", "rdfs", "xsd")


def export(store: Store, output: BinaryIO, fmt: str = "turtle", article_id: str | None = None) -> None:
    """Serialise the store, or one article's graph, to ``output``."""
    rdf_format = FORMATS[fmt]
    prefixes = {p: vocab.PREFIXES[p] for p in _USED_PREFIXES}
    if article_id is not None:
        graph = vocab.graph(article_id)
        if not store.contains_named_graph(graph):
            raise KgError(f"no article {article_id!r} in the store (kg query articles lists them)")
        if rdf_format.supports_datasets:
            serialize(store.quads_for_pattern(None, None, None, graph), output, rdf_format, prefixes=prefixes)
        else:
            store.dump(output, rdf_format, from_graph=graph, prefixes=prefixes)
        return
    if rdf_format.supports_datasets:
        store.dump(output, rdf_format, prefixes=prefixes)
        return
    triples = sorted({Triple(q.subject, q.predicate, q.object) for q in store}, key=str)
    serialize(triples, output, rdf_format, prefixes=prefixes)
