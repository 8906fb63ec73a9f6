"""Choosing what to draw: the node a name means, and the neighbourhood around it.

The neighbourhood of a focus is fetched hop by hop with SPARQL CONSTRUCT queries over the
article graphs (never by running extraction again), so it works the same on a local store and
on a SPARQL endpoint; then it is cut to the nodes a picture can hold.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict, deque
from collections.abc import Iterable

import networkx as nx
from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Store

from kg import gazetteer, vocab
from kg.errors import KgError
from kg.text import ascii_fold, fold
from kg.viz.convert import to_networkx
from kg.viz.kinds import parse_kinds

_CANDIDATES = """
SELECT DISTINCT ?node ?label ?kind WHERE {
  GRAPH ?g {
    { ?node a schema:Person ; schema:name ?label BIND("person" AS ?kind) }
    UNION { ?node a org:Organization ; skos:prefLabel ?label BIND("organization" AS ?kind) }
    UNION { ?node a coop:Province ; schema:name ?label BIND("province" AS ?kind) }
    UNION { ?node a schema:Event ; schema:name ?label BIND("event" AS ?kind) }
    UNION { ?node a schema:NewsArticle ; coop:articleId ?label BIND("article" AS ?kind) }
  }
}
"""

_WHERE_SEEN = """
SELECT ?node (GROUP_CONCAT(DISTINCT ?id; separator=", ") AS ?ids) WHERE {
  VALUES ?node { %s }
  GRAPH ?g { ?node ?p ?o . ?article a schema:NewsArticle ; coop:articleId ?id }
} GROUP BY ?node
"""

# The links of a set of nodes, and whole posts (memberships) that touch them.
_HOP = """
CONSTRUCT { ?n ?p ?o . ?s ?q ?n . ?m ?mp ?mo }
WHERE {
  VALUES ?n { %s }
  GRAPH ?g {
    { ?n ?p ?o FILTER(isIRI(?o) && ?p != rdf:type) }
    UNION { ?s ?q ?n }
    UNION { ?m a org:Membership ; ?link ?n ; ?mp ?mo }
  }
}
"""

# What a node is and says about itself: its types, labels and literal values.
_DESCRIBE = """
CONSTRUCT { ?x ?p ?o }
WHERE {
  VALUES ?x { %s }
  GRAPH ?g {
    ?x ?p ?o
    FILTER(isLiteral(?o) || ?p IN (rdf:type, coop:metric, coop:unit, coop:status, coop:eventKind))
  }
}
"""


def _values(iris: Iterable[str]) -> str:
    return " ".join(str(NamedNode(i)) for i in sorted(iris) if not i.startswith("_:"))


def _construct(store: Store, template: str, iris: Iterable[str]) -> set:
    values = _values(iris)
    if not values:
        return set()
    return {
        (t.subject, t.predicate, t.object) for t in store.query(template % values, prefixes=vocab.PREFIXES)
    }


def _iris(triples: Iterable[tuple]) -> set[str]:
    out = set()
    for s, _, o in triples:
        for term in (s, o):
            if isinstance(term, NamedNode):
                out.add(term.value)
    return out


def find_focus(store: Store, name: str) -> list[str]:
    """The node(s) a name means: without regard to case, tone marks or diacritics.

    A province name gives its node of each era ("Đắk Lắk" before and after 2025); several
    different matches are an error that lists them, so the user can pick one (by a longer
    name or by IRI).
    """
    name = name.strip()
    if re.match(r"https?://", name):
        if not _construct(store, _DESCRIBE, [name]):
            raise KgError(f"no node {name} in the store")
        return [name]
    # the nodes written with this very name, by the keys they are stored with (what they cost is
    # what they return); only a looser name reads every label
    keyed = [r for r in _keyed(store, name) if fold(r[1]) == fold(name)]
    rows = keyed or [
        (r["node"].value, r["label"].value, r["kind"].value)
        for r in store.query(_CANDIDATES, prefixes=vocab.PREFIXES)
    ]
    matches = _match(rows, name)
    if not matches:
        raise KgError(
            f"no person, organisation, province, event or article named {name!r} in the store "
            "(kg query people-roles and kg query events list them)"
        )
    if len({(kind, fold(label)) for _, label, kind in matches}) == 1 and (
        len(matches) == 1 or matches[0][2] == "province"
    ):
        return sorted(node for node, _, _ in matches)
    raise KgError(_ambiguous(store, name, matches))


_KEYED = """
SELECT DISTINCT ?node ?label ?kind WHERE {
  GRAPH ?g {
    { ?node coop:nameKey %s ; a schema:Person ; schema:name ?label BIND("person" AS ?kind) }
    UNION { ?node coop:nameKey %s ; a org:Organization ; skos:prefLabel ?label BIND("organization" AS ?kind) }
    UNION { ?node a schema:NewsArticle ; coop:articleId ?label FILTER(?label = %s) BIND("article" AS ?kind) }
    %s
  }
}"""
_KEYED_PROVINCE = (
    'UNION { VALUES ?node { %s } ?node a coop:Province ; schema:name ?label BIND("province" AS ?kind) }'
)


def _keyed(store: Store, name: str) -> list[tuple[str, str, str]]:
    """People and organisations by their name key, an article by its id, a province through the
    gazetteer: the candidates a name written in full can mean."""
    place = gazetteer.province(name)
    provinces = ""
    if place is not None:
        nodes = [vocab.province(place.name)] + (
            [vocab.province(place.successor, "new")] if place.successor else []
        )
        provinces = _KEYED_PROVINCE % " ".join(str(n) for n in nodes)
    query = _KEYED % (
        Literal(vocab.name_key(name)),
        Literal(vocab.org_name_key(name)),
        Literal(name),
        provinces,
    )
    return [
        (r["node"].value, r["label"].value, r["kind"].value)
        for r in store.query(query, prefixes=vocab.PREFIXES)
    ]


def _match(rows: list[tuple[str, str, str]], name: str) -> list[tuple[str, str, str]]:
    """Exact match after folding, then without diacritics, then a gazetteer province, then words."""
    exact = [r for r in rows if fold(r[1]) == fold(name)]
    if exact:
        return exact
    loose = [r for r in rows if ascii_fold(r[1]) == ascii_fold(name)]
    if loose:
        return loose
    place = gazetteer.province(name)
    if place is not None:
        found = [
            r
            for r in rows
            if r[2] == "province" and fold(r[1]) in (fold(place.name), fold(place.successor or ""))
        ]
        if found:
            return [r for r in found if fold(r[1]) == fold(place.name)] or found
    words = ascii_fold(name).split()
    if not words:
        return []

    def contains(label: str) -> bool:
        have = ascii_fold(label).split()
        return any(have[i : i + len(words)] == words for i in range(len(have) - len(words) + 1))

    return [r for r in rows if contains(r[1])]


def _ambiguous(store: Store, name: str, matches: list[tuple[str, str, str]]) -> str:
    seen = {
        r["node"].value: ", ".join(sorted(r["ids"].value.split(", ")))
        for r in store.query(_WHERE_SEEN % _values(m[0] for m in matches), prefixes=vocab.PREFIXES)
    }
    labels = defaultdict(int)
    for _, label, _ in matches:
        labels[fold(label)] += 1
    shown = []
    for node, label, kind in sorted(matches, key=lambda m: (m[2], fold(m[1]), m[0]))[:12]:
        where = f", in {seen[node]}" if node in seen else ""
        iri = f" <{node}>" if labels[fold(label)] > 1 else ""
        shown.append(f'"{label}" ({kind}{where}){iri}')
    more = f"; and {len(matches) - 12} more" if len(matches) > 12 else ""
    return f"{name!r} matches {len(matches)} nodes, give one of: " + "; ".join(shown) + more


def neighbourhood(
    store: Store, focus: list[str], depth: int = 2, kinds: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """The nodes within ``depth`` hops of the focus, hop by hop; with ``kinds``, only nodes of those
    kinds are kept and walked through (the focus always stays)."""
    allowed = parse_kinds(kinds)
    triples = _construct(store, _DESCRIBE, focus)
    described = set(focus)
    frontier = set(focus)
    graph = to_networkx(triples)
    for hop in range(depth):
        triples |= _construct(store, _HOP, frontier)
        new = _iris(triples) - described
        triples |= _construct(store, _DESCRIBE, new)
        described |= new
        graph = restrict(to_networkx(triples), focus, allowed)
        dist = distances(graph, focus)
        frontier = {n for n, d in dist.items() if d == hop + 1 and not n.startswith("_:")}
        if not frontier:
            break
    dist = distances(graph, focus)
    return graph.subgraph(n for n, d in dist.items() if d <= depth).copy()


def restrict(graph: nx.MultiDiGraph, focus: list[str], allowed: set[str]) -> nx.MultiDiGraph:
    """Only the nodes of the kinds allowed (all when none are given), and the focus."""
    if not allowed:
        return graph
    return graph.subgraph(n for n, a in graph.nodes(data=True) if a["kind"] in allowed or n in focus).copy()


def distances(graph: nx.MultiDiGraph, focus: list[str]) -> dict[str, int]:
    """Hops from the focus. An article is a source, not a relation: it is reached but not walked
    through (unless it is the focus), or every node near a person would bring in all the
    figures of the articles that name them."""
    around = graph.to_undirected(as_view=True)
    dist = {f: 0 for f in focus if f in graph}
    queue = deque(dist)
    while queue:
        n = queue.popleft()
        if n not in dist or (dist[n] and graph.nodes[n]["kind"] == "article"):
            continue
        for m in around.neighbors(n):
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    return dist


def from_query(store: Store, text: str) -> tuple[nx.MultiDiGraph, list[str]]:
    """A CONSTRUCT is drawn as it is (its nodes' types and labels looked up); the IRIs a SELECT
    returns become the focus, for `neighbourhood` to grow."""
    from kg.query import resolve

    q = resolve(text)
    try:
        result = store.query(q.text, prefixes=vocab.PREFIXES)
    except (SyntaxError, OSError) as e:
        raise KgError(f"{q.name}: {getattr(e, 'msg', e)}") from None
    if isinstance(result, QuerySolutions):
        iris = sorted({t.value for row in result for t in row if isinstance(t, NamedNode)})
        if not iris:
            raise KgError(f"{q.name}: the SELECT returned no IRIs to draw around")
        return nx.MultiDiGraph(), iris
    if isinstance(result, QueryBoolean):
        raise KgError(f"{q.name}: an ASK query has nothing to draw; use CONSTRUCT or SELECT")
    triples = {(t.subject, t.predicate, t.object) for t in result}
    triples |= _construct(store, _DESCRIBE, _iris(triples))
    graph = to_networkx(triples)
    if not graph:
        raise KgError(f"{q.name}: the CONSTRUCT gave nothing to draw")
    return graph, []


def keep_most_connected(graph: nx.MultiDiGraph, focus: list[str], limit: int) -> tuple[nx.MultiDiGraph, int]:
    """At most ``limit`` nodes: the focus, then nearer nodes first and, among those as near, the
    most connected (figures last: a province reports dozens). Returns the graph and how many
    nodes were left out."""
    if len(graph) <= limit:
        return graph, 0
    dist = distances(graph, focus) if focus else {}
    simple = nx.Graph(graph)
    ranked = sorted(
        graph.nodes,
        key=lambda n: (
            n not in focus,
            dist.get(n, math.inf),
            graph.nodes[n]["kind"] == "figure",
            -simple.degree(n),
            graph.nodes[n]["label"],
        ),
    )
    kept = graph.subgraph(ranked[:limit]).copy()
    return kept, len(graph) - len(kept)


def in_order(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with nodes and edges in sorted order. A subgraph's order comes from hashing,
    which changes from process to process; writers draw in graph order, so without this the
    same picture could stack its labels differently from one run to the next."""
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    out.add_nodes_from(sorted(graph.nodes(data=True), key=lambda n: n[0]))
    out.add_edges_from(sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))))
    return out
