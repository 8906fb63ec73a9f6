"""Checking the store against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL.

The article graphs are validated together (their union), with the ontology as the
ontology graph, so class constraints see the types every article graph declares.
"""

from __future__ import annotations

import io

import rdflib
from pyoxigraph import RdfFormat, Store, Triple, serialize

from kg.resources import ontology_dir

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def union_graph(store: Store) -> rdflib.Graph:
    """The store's article graphs as one rdflib graph (each triple once)."""
    buf = io.BytesIO()
    serialize({Triple(q.subject, q.predicate, q.object) for q in store}, buf, RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    return graph


def validate(store: Store) -> list[str]:
    """One line per SHACL violation ("focus node, path: message"); empty when the store conforms."""
    import pyshacl

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    ontology = rdflib.Graph().parse(ontology_dir() / "coop.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(
        union_graph(store), shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    if conforms:
        return []
    lines = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        lines.append(f"{focus}, {path}: {message}")
    return sorted(lines)
