"""Pictures of the graph: the neighbourhood of a person, organisation, province, event or article.

The store holds RDF in which a post is an ``org:Membership`` node and every fact points to
its article; drawn as is, that is a hairball of blank hubs. `to_networkx` turns triples into
what a reader expects to see: people, organisations, provinces, events, articles and figures
as typed, labelled nodes; a post as one person→organisation edge labelled with its title
("Chủ tịch"), with the sentence that reports it kept on the edge. The neighbourhood of a
focus is fetched hop by hop with SPARQL CONSTRUCT queries over the article graphs (never by
running extraction again), then written by file extension: ``.png`` and ``.svg``
(matplotlib), ``.html`` (one self-contained page that works offline: pan, zoom, hover for
the source sentence), ``.graphml`` and ``.gexf`` (for Gephi) and ``.dot`` (Graphviz).
"""

from __future__ import annotations

import html
import json
import math
import re
import textwrap
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Store

from kg import gazetteer, vocab
from kg.errors import KgError
from kg.text import ascii_fold, fold
from kg.vocab import COOPT as C
from kg.vocab import ORG, PROV, QB, RDF, RDFS, SCHEMA, SKOS

FORMATS = ("png", "svg", "html", "graphml", "gexf", "dot")
FIGSIZE = (16.0, 12.0)  # inches; with DPI, a PNG of 1600 x 1200 pixels
DPI = 100
FONT = "DejaVu Sans"  # ships with matplotlib and covers every Vietnamese letter


@dataclass(frozen=True)
class Kind:
    name: str
    colour: str
    marker: str  # matplotlib marker
    dot: str  # Graphviz shape
    size: float  # matplotlib marker area


KINDS = {
    k.name: k
    for k in (
        Kind("person", "#4c72b0", "o", "ellipse", 520),
        Kind("organization", "#dd8452", "s", "box", 480),
        Kind("province", "#55a868", "h", "hexagon", 620),
        Kind("country", "#2e7d4f", "H", "doubleoctagon", 620),
        Kind("event", "#c44e52", "D", "diamond", 420),
        Kind("article", "#8172b3", "p", "note", 520),
        Kind("figure", "#937860", "v", "invtriangle", 300),
        Kind("role", "#da8bc3", "^", "triangle", 360),
    )
}
KIND_ALIASES = {"observation": "figure", "organisation": "organization", "org": "organization"}

_TYPE_KIND = {
    SCHEMA.Person.value: "person",
    ORG.Organization.value: "organization",
    C.Province.value: "province",
    C.Country.value: "country",
    SCHEMA.Event.value: "event",
    SCHEMA.NewsArticle.value: "article",
    QB.Observation.value: "figure",
    ORG.Role.value: "role",
}


@dataclass(frozen=True)
class _Link:
    label: str
    subject: str | None  # the subject's kind when the triples do not type it
    object: str  # the object's kind when the triples do not type it
    reverse: bool = False  # drawn object -> subject ("person attended event" for schema:attendee)


_LINKS = {
    PROV.wasDerivedFrom.value: _Link("source", None, "article"),
    SCHEMA.attendee.value: _Link("attended", "event", "person", reverse=True),
    SCHEMA.organizer.value: _Link("organizer", "event", "organization"),
    SCHEMA.location.value: _Link("in province", "event", "province"),
    SCHEMA.contentLocation.value: _Link("in province", "article", "province"),
    C.province.value: _Link("in province", "organization", "province"),
    C.refArea.value: _Link("in province", "figure", "province"),
    C.successor.value: _Link("since 2025", "province", "province"),
}

# Literal (or vocabulary) values kept as node attributes, for tooltips and Gephi.
_ATTRS = {
    C.articleId.value: "article_id",
    SCHEMA.headline.value: "title",
    SCHEMA.datePublished.value: "published",
    SCHEMA.startDate.value: "date",
    SCHEMA.endDate.value: "end_date",
    C.eventKind.value: "event_kind",
    C.metric.value: "metric",
    C.value.value: "value",
    C.valueMax.value: "value_max",
    C.unit.value: "unit",
    C.status.value: "status",
    C.refPeriod.value: "period",
    C.phrase.value: "phrase",
    C.era.value: "era",
    C.sentenceText.value: "sentence",
}
_LABELS = (SCHEMA.name, SKOS.prefLabel, C.phrase, RDFS.label, C.articleId)
_MEMBERSHIP = ORG.Membership.value


# ---------------------------------------------------------------------------------------------------
# RDF -> networkx


def _key(term) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else term.value


def _spo(t) -> tuple:
    if hasattr(t, "subject"):
        return t.subject, t.predicate, t.object
    return tuple(t)[:3]


def _tail(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _text(term) -> str:
    """A literal's text, or a vocabulary IRI's last segment ("VND-per-year" -> "VND/year")."""
    if isinstance(term, Literal):
        return term.value
    return _tail(term.value).replace("-per-", "/")


def to_networkx(triples: Iterable) -> nx.MultiDiGraph:
    """A typed, labelled graph of the triples, for drawing and for Gephi.

    Nodes are keyed by IRI and carry ``kind`` (person, organization, province, country, event,
    article, figure, role), ``label``, ``iri`` and what else the triples say (title, date,
    sentence, metric, value, ...). Each ``org:Membership`` becomes one edge person →
    organisation labelled with the post's title, keeping ``sentence`` and ``article``; other
    links are labelled "source", "attended", "organizer", "in province", "since 2025". Triples
    may be pyoxigraph Triples or Quads (a CONSTRUCT result) or (s, p, o) tuples of terms.

    Example::

        from pyoxigraph import NamedNode, Literal
        from kg.vocab import RDF, SCHEMA
        bai = NamedNode("https://w3id.org/coop-kg/id/person/dak-lak/huynh-bai")
        g = to_networkx([(bai, RDF.type, SCHEMA.Person), (bai, SCHEMA.name, Literal("Huỳnh Bài"))])
        g.nodes[bai.value]  # {'kind': 'person', 'label': 'Huỳnh Bài', 'iri': ..., ...}
    """
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    terms: dict[str, object] = {}
    for t in triples:
        s, p, o = _spo(t)
        if isinstance(s, Literal):
            continue
        key = _key(s)
        terms[key] = s
        if o not in props[key][p.value]:
            props[key][p.value].append(o)
    graph = nx.MultiDiGraph()
    ids = {key: sorted(_text(o) for o in pm.get(C.articleId.value, [])) for key, pm in props.items()}

    def article_id(term) -> str:
        key = _key(term)
        return ids[key][0] if ids.get(key) else _tail(key)

    def kind_of(key: str) -> str | None:
        if key == vocab.country().value:
            return "country"
        types = {o.value for o in props.get(key, {}).get(RDF.type.value, [])}
        return next((_TYPE_KIND[t] for t in _TYPE_KIND if t in types), None)

    def ensure(key: str, hint: str | None) -> bool:
        if key in graph:
            return True
        kind = kind_of(key) or hint
        if kind is None:
            return False
        graph.add_node(key, **_node_attrs(key, kind, props.get(key, {}), article_id))
        return True

    for key in sorted(props):
        pmap = props[key]
        if _MEMBERSHIP in {o.value for o in pmap.get(RDF.type.value, [])} or ORG.member.value in pmap:
            _add_membership(graph, key, pmap, props, ensure, article_id)
            continue
        ensure(key, None)
        for pred in sorted(pmap):
            link = _LINKS.get(pred)
            if link is None:
                continue
            for obj in pmap[pred]:
                if isinstance(obj, Literal) or not ensure(key, link.subject):
                    continue
                target = _key(obj)
                if not ensure(target, link.object):
                    continue
                label = "in country" if graph.nodes[target]["kind"] == "country" else link.label
                u, v = (target, key) if link.reverse else (key, target)
                attrs = {"label": label, "kind": link.label}
                if link.label == "source":
                    attrs["article"] = article_id(obj)
                if link.reverse and "sentence" in graph.nodes[key]:
                    attrs["sentence"] = graph.nodes[key]["sentence"]
                graph.add_edge(u, v, key=f"{link.label}:{pred}", **attrs)
    return graph


def _node_attrs(key: str, kind: str, pmap: dict[str, list], article_id) -> dict[str, str]:
    attrs = {"kind": kind, "label": "", "iri": key}
    for pred in _LABELS:
        values = sorted(_text(o) for o in pmap.get(pred.value, []))
        if values:
            attrs["label"] = values[0]
            break
    if not attrs["label"]:
        attrs["label"] = "Việt Nam" if kind == "country" else _tail(key)
    for pred, name in _ATTRS.items():
        values = sorted({_text(o) for o in pmap.get(pred, [])})
        if values:
            attrs[name] = " | ".join(values)
    types = sorted(_tail(o.value) for o in pmap.get(RDF.type.value, []) if o.value.startswith(vocab.COOP))
    if kind == "organization" and types:
        attrs["org_type"] = types[0]
    sources = sorted({article_id(o) for o in pmap.get(PROV.wasDerivedFrom.value, [])})
    if sources and kind != "article":
        attrs["sources"] = ", ".join(sources)
    return attrs


def _add_membership(graph, key, pmap, props, ensure, article_id) -> None:
    """One post: person -> organisation (or -> the role, when the text names no organisation)."""
    members = pmap.get(ORG.member.value, [])
    if not members or not ensure(_key(members[0]), "person"):
        return
    person = _key(members[0])
    role = pmap.get(ORG.role.value, [])
    title = next(
        (_text(o) for o in pmap.get(C.roleTitle.value, [])),
        next((_text(o) for r in role for o in props.get(_key(r), {}).get(SKOS.prefLabel.value, [])), "post"),
    )
    attrs = {"label": title, "kind": "post"}
    for pred, name in ((C.sentenceText.value, "sentence"), (C.reportedOn.value, "reported_on")):
        if pmap.get(pred):
            attrs[name] = _text(pmap[pred][0])
    if pmap.get(PROV.wasDerivedFrom.value):
        attrs["article"] = article_id(pmap[PROV.wasDerivedFrom.value][0])
    orgs = pmap.get(ORG.organization.value, [])
    if orgs and ensure(_key(orgs[0]), "organization"):
        graph.add_edge(person, _key(orgs[0]), key=key, **attrs)
    else:
        target = _key(role[0]) if role else f"{key}#role"
        if target not in graph:
            graph.add_node(target, kind="role", label=title, iri=target)
        graph.add_edge(person, target, key=key, **{**attrs, "label": "holds"})


# ---------------------------------------------------------------------------------------------------
# Fetching a neighbourhood from the store

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
    rows = [
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
    allowed = _kinds(kinds)
    triples = _construct(store, _DESCRIBE, focus)
    described = set(focus)
    frontier = set(focus)
    graph = to_networkx(triples)
    for hop in range(depth):
        triples |= _construct(store, _HOP, frontier)
        new = _iris(triples) - described
        triples |= _construct(store, _DESCRIBE, new)
        described |= new
        graph = _restrict(to_networkx(triples), focus, allowed)
        dist = _distances(graph, focus)
        frontier = {n for n, d in dist.items() if d == hop + 1 and not n.startswith("_:")}
        if not frontier:
            break
    dist = _distances(graph, focus)
    return graph.subgraph(n for n, d in dist.items() if d <= depth).copy()


def _kinds(kinds: Iterable[str]) -> set[str]:
    out = set()
    for k in kinds:
        k = KIND_ALIASES.get(k.lower(), k.lower())
        if k not in KINDS:
            raise KgError(f"unknown kind {k!r}; kinds are: {', '.join(KINDS)} (observation = figure)")
        out.add(k)
    return out


def _restrict(graph: nx.MultiDiGraph, focus: list[str], allowed: set[str]) -> nx.MultiDiGraph:
    if not allowed:
        return graph
    return graph.subgraph(n for n, a in graph.nodes(data=True) if a["kind"] in allowed or n in focus).copy()


def _distances(graph: nx.MultiDiGraph, focus: list[str]) -> dict[str, int]:
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
    dist = _distances(graph, focus) if focus else {}
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


# ---------------------------------------------------------------------------------------------------
# The one call behind `kg viz`


@dataclass(frozen=True)
class Picture:
    path: Path
    nodes: int
    edges: int
    omitted: int


def viz(
    store: Store,
    out: Path,
    focus: str | None = None,
    query: str | None = None,
    depth: int = 2,
    limit: int = 40,
    kinds: Iterable[str] = (),
) -> Picture:
    """Draw the neighbourhood of ``focus`` (a name) or the result of ``query``, by ``out``'s extension."""
    fmt = output_format(out, FORMATS)
    kinds = tuple(kinds)
    if query:
        graph, focus_nodes = from_query(store, query)
        if focus_nodes:
            graph = neighbourhood(store, focus_nodes, depth, kinds)
        else:
            graph = _restrict(graph, [], _kinds(kinds))
    elif focus:
        focus_nodes = find_focus(store, focus)
        graph = neighbourhood(store, focus_nodes, depth, kinds)
    else:
        raise KgError("give a FOCUS (a name) or --query")
    if not graph:
        raise KgError("nothing to draw: the query or the kinds asked for leave no nodes")
    graph, omitted = keep_most_connected(graph, focus_nodes, limit)
    _annotate(graph, focus_nodes, focus or "query", depth, omitted, limit)
    WRITERS[fmt](graph, out)
    return Picture(out, graph.number_of_nodes(), graph.number_of_edges(), omitted)


def output_format(out: Path, formats: tuple[str, ...]) -> str:
    """The format a file name asks for; anything else is a clear error before any work is done."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in formats:
        raise KgError(
            f"cannot write {out.name}: unsupported extension {out.suffix or '(none)'!r}; "
            f"use one of {', '.join('.' + f for f in formats)}"
        )
    return fmt


def _annotate(
    graph: nx.MultiDiGraph, focus: list[str], asked: str, depth: int, omitted: int, limit: int
) -> None:
    for n, attrs in graph.nodes(data=True):
        attrs["focus"] = n in focus
    named = [graph.nodes[f] for f in focus if f in graph]
    if named:
        who = " / ".join(dict.fromkeys(a["label"] for a in named))
        kind = named[0]["kind"]
        title = f"{who} ({kind}): {depth} hop{'s' if depth != 1 else ''} around"
    else:
        title = f"Result of {asked!r}" if asked != "query" else "Result of the query"
    articles = sorted(a["label"] for _, a in graph.nodes(data=True) if a["kind"] == "article")
    articles += sorted(
        {e["article"] for _, _, e in graph.edges(data=True) if e.get("article")} - set(articles)
    )
    sources = ", ".join(articles[:6]) + (f" and {len(articles) - 6} more" if len(articles) > 6 else "")
    graph.graph.update(
        title=title,
        sources=f"sources: {sources}" if sources else "sources: none",
        note=f"{omitted} more node{'s' if omitted != 1 else ''} not shown (--limit {limit})"
        if omitted
        else "",
    )


# ---------------------------------------------------------------------------------------------------
# Layout and labels shared by every picture


# Pixels per layout unit of the PNG/SVG canvas (x, y), and the size of a label's line there.
_PNG_SCALE = (668.0, 463.0)
_HTML_SCALE = (460.0, 330.0)


def layout(graph: nx.MultiDiGraph, scale: tuple[float, float] = _PNG_SCALE) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]²: the focus in the middle, rings by distance, a spring relaxation so
    that neighbours sit near each other, then labels pushed apart so that none overlaps
    another at ``scale`` pixels per unit. Parts not connected to each other (a CONSTRUCT
    result) are laid out apart and packed in rows. Deterministic."""
    if not graph:
        return {}
    focus = [n for n, a in graph.nodes(data=True) if a.get("focus")]
    simple = nx.Graph(graph.to_undirected())
    parts = sorted(nx.connected_components(simple), key=lambda c: (not set(focus) & c, -len(c), min(c)))
    radii = [math.sqrt(len(c)) for c in parts]
    width = 1.6 * math.sqrt(sum((2 * r) ** 2 for r in radii))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for part, r in zip(parts, radii, strict=True):
        if x and x + 2 * r > width:
            x, y, row = 0.0, y - row, 0.0
        for n, (px, py) in _part_layout(
            graph, simple.subgraph(part), [f for f in focus if f in part]
        ).items():
            pos[n] = (x + r + r * px, y - r + r * py)
        x += 2 * r
        row = max(row, 2 * r)
    boxes = {n: _label_box(graph.nodes[n], scale) for n in graph}
    for _ in range(4):
        pos = _spread(_normalise(pos), boxes, set(focus))
    return _normalise(pos)


def _part_layout(graph: nx.MultiDiGraph, part: nx.Graph, focus: list[str]) -> dict[str, tuple[float, float]]:
    """One connected part in [-1, 1]², its shape kept."""
    dist = _distances(graph.subgraph(part), focus) if focus else {}
    rings: dict[float, list[str]] = defaultdict(list)
    for n in sorted(part, key=lambda n: (graph.nodes[n]["kind"], graph.nodes[n]["label"], n)):
        rings[dist.get(n, math.inf)].append(n)
    init = {}
    for r, (d, nodes) in enumerate(sorted(rings.items())):
        radius = 0.0 if d == 0 and len(nodes) == 1 else (r + 0.4 if d != 0 else 0.3)
        for i, n in enumerate(nodes):
            angle = 2 * math.pi * i / len(nodes) + r * 0.5
            init[n] = (radius * math.cos(angle), radius * math.sin(angle))
    fixed = focus if len(focus) == 1 and len(part) > 1 else None
    k = 2.0 / math.sqrt(len(part))
    pos = nx.spring_layout(part, pos=init, fixed=fixed, k=k, iterations=300, seed=7)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((p[0] - cx) / half, (p[1] - cy) / half) for n, p in pos.items()}


def _normalise(pos: dict) -> dict[str, tuple[float, float]]:
    """Stretch to fill [-1, 1] on each axis (the canvas is wider than high, the layout round)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    hx, hy = max((max(xs) - min(xs)) / 2, 1e-9), max((max(ys) - min(ys)) / 2, 1e-9)
    return {n: ((p[0] - cx) / hx, (p[1] - cy) / hy) for n, p in pos.items()}


def _label_box(attrs: dict, scale: tuple[float, float]) -> tuple[float, float, float]:
    """Width, height above and height below a node with its label, in layout units."""
    lines = display_label(attrs).split("\n")
    focus = 1.35 if attrs.get("focus") else 1.0
    width = max(30.0, 7.4 * focus * max(len(line) for line in lines)) + 8
    return width / scale[0], 16 * focus / scale[1], (22 * focus + 13 * focus * len(lines)) / scale[1]


def _spread(pos: dict, boxes: dict, fixed: set[str], rounds: int = 60) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose label boxes overlap, along the axis where they overlap least."""
    pos = {n: list(p) for n, p in pos.items()}
    nodes = sorted(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                (wa, ua, da), (wb, ub, db) = boxes[a], boxes[b]
                dx = pos[b][0] - pos[a][0]
                over_x = (wa + wb) / 2 - abs(dx)
                over_y = min(pos[a][1] + ua, pos[b][1] + ub) - max(pos[a][1] - da, pos[b][1] - db)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                share_a = 0.0 if a in fixed else (1.0 if b in fixed else 0.5)
                if over_x / (wa + wb) < over_y / (ua + da + ub + db):
                    step = (over_x + 1e-3) * (1 if dx >= 0 else -1)
                    pos[a][0] -= step * share_a
                    pos[b][0] += step * (1 - share_a)
                else:
                    dy = pos[b][1] - pos[a][1]
                    step = (over_y + 1e-3) * (1 if dy >= 0 else -1)
                    pos[a][1] -= step * share_a
                    pos[b][1] += step * (1 - share_a)
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pos.items()}


def display_label(attrs: dict, width: int = 24) -> str:
    """A node's label as drawn: short, wrapped, with the date for events and articles."""
    kind = attrs["kind"]
    label = attrs["label"]
    if kind == "event":
        label = _shorten(label, 44) + (f" ({attrs['date'][:10]})" if attrs.get("date") else "")
    elif kind == "article":
        label = label + (f" ({attrs['published'][:10]})" if attrs.get("published") else "")
    elif kind == "province" and attrs.get("era") == "new":
        label += " (since 2025)"
    elif kind == "figure":
        label = _shorten(label, 30) + (f" ({attrs['period']})" if attrs.get("period") else "")
    lines = textwrap.wrap(label, width, break_long_words=True) or [label]
    if len(lines) > 3:
        lines = lines[:3]
        lines[-1] = _shorten(lines[-1] + " …", width)
    return "\n".join(lines)


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@dataclass
class _Pair:
    """All edges between two nodes, drawn as one line with one label."""

    u: str
    v: str
    label: str
    both: bool
    edges: list[dict]


def edge_pairs(graph: nx.MultiDiGraph) -> list[_Pair]:
    pairs: dict[tuple[str, str], _Pair] = {}
    for u, v, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        key = (u, v) if (u, v) in pairs or (v, u) not in pairs else (v, u)
        pair = pairs.setdefault(key, _Pair(u, v, "", False, []))
        pair.both |= (u, v) != (pair.u, pair.v)
        pair.edges.append(attrs)
    for pair in pairs.values():
        pair.label = " / ".join(dict.fromkeys(e["label"] for e in pair.edges))
    return list(pairs.values())


# ---------------------------------------------------------------------------------------------------
# Writers


def mpl_figure(figsize: tuple[float, float] = FIGSIZE):
    """A matplotlib Figure rendered by the Agg backend (no pyplot, no display needed)."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=DPI)


def mpl_style() -> dict:
    """Settings for every picture: a font with Vietnamese letters, real text in SVG."""
    return {"font.family": FONT, "svg.fonttype": "none", "svg.hashsalt": "coop-kg"}


def save_figure(fig, path: Path) -> None:
    fmt = path.suffix.lower().lstrip(".")
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(path, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")


def write_matplotlib(graph: nx.MultiDiGraph, path: Path) -> None:
    import matplotlib as mpl
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    pos = layout(graph)
    with mpl.rc_context(mpl_style()):
        fig = mpl_figure()
        ax = fig.add_axes((0.02, 0.02, 0.96, 0.88))
        ax.set_axis_off()
        for pair in edge_pairs(graph):
            (x1, y1), (x2, y2) = pos[pair.u], pos[pair.v]
            post = any(e["kind"] == "post" for e in pair.edges)
            ax.add_patch(
                FancyArrowPatch(
                    (x1, y1),
                    (x2, y2),
                    arrowstyle="<|-|>" if pair.both else "-|>",
                    mutation_scale=11,
                    shrinkA=13,
                    shrinkB=13,
                    color="#555555" if post else "#b0b0b0",
                    linewidth=1.6 if post else 0.8,
                    zorder=1,
                )
            )
            ax.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                _shorten(pair.label, 28),
                fontsize=8 if post else 6.5,
                color="#222222" if post else "#777777",
                fontweight="bold" if post else "normal",
                ha="center",
                va="center",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        for name, kind in KINDS.items():
            nodes = [n for n in graph if graph.nodes[n]["kind"] == name]
            if not nodes:
                continue
            sizes = [kind.size * (2.2 if graph.nodes[n].get("focus") else 1) for n in nodes]
            ax.scatter(
                [pos[n][0] for n in nodes],
                [pos[n][1] for n in nodes],
                s=sizes,
                c=kind.colour,
                marker=kind.marker,
                edgecolors=["black" if graph.nodes[n].get("focus") else "white" for n in nodes],
                linewidths=[2.0 if graph.nodes[n].get("focus") else 1.0 for n in nodes],
                zorder=2,
            )
        for n, attrs in graph.nodes(data=True):
            focus = attrs.get("focus")
            ax.annotate(
                display_label(attrs),
                pos[n],
                xytext=(0, -15 if focus else -11),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=11 if focus else 8.5,
                fontweight="bold" if focus else "normal",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
            )
        ax.set_xlim(-1.15, 1.15)
        ax.set_ylim(-1.18, 1.1)
        handles = [
            Line2D([], [], marker=k.marker, color=k.colour, linestyle="none", markersize=10, label=k.name)
            for name, k in KINDS.items()
            if any(a["kind"] == name for _, a in graph.nodes(data=True))
        ]
        fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.94),
            ncol=len(handles),
            fontsize=10,
            frameon=False,
        )
        fig.text(
            0.5, 0.975, graph.graph.get("title", ""), ha="center", va="top", fontsize=16, fontweight="bold"
        )
        fig.text(
            0.5, 0.945, graph.graph.get("sources", ""), ha="center", va="top", fontsize=10, color="#444444"
        )
        if graph.graph.get("note"):
            fig.text(0.98, 0.02, graph.graph["note"], ha="right", va="bottom", fontsize=10, color="#aa3333")
        save_figure(fig, path)


def _scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML and GEXF can store (no None)."""
    out = nx.MultiDiGraph()
    out.graph.update({k: str(v) for k, v in graph.graph.items()})
    for n, attrs in graph.nodes(data=True):
        out.add_node(n, **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: val for k, val in attrs.items() if val is not None})
    return out


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(_scalar_graph(graph), path)


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """GEXF with colours, sizes and positions, so Gephi opens it looking like the PNG."""
    out = _scalar_graph(graph)
    pos = layout(graph)
    for n, attrs in out.nodes(data=True):
        rgb = KINDS[attrs["kind"]].colour.lstrip("#")
        r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
        attrs["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": 20.0 if attrs.get("focus") else 10.0,
            "position": {"x": pos[n][0] * 500, "y": pos[n][1] * 500, "z": 0.0},
        }
    out.graph = {}
    nx.write_gexf(out, path)


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_dot(graph: nx.MultiDiGraph, path: Path) -> None:
    """Graphviz DOT, written directly (no pydot or graphviz needed to make it)."""
    lines = [
        "digraph coop_kg {",
        f"  graph [label={_dot_quote(graph.graph.get('title', '') + chr(10) + graph.graph.get('sources', ''))}, "
        f'labelloc=t, fontname="{FONT}", overlap=false, splines=true];',
        f'  node [fontname="{FONT}", fontsize=10, style=filled, fontcolor=black];',
        f'  edge [fontname="{FONT}", fontsize=8, color="#777777"];',
    ]
    for n, attrs in sorted(graph.nodes(data=True)):
        kind = KINDS[attrs["kind"]]
        extra = ", penwidth=3" if attrs.get("focus") else ""
        lines.append(
            f"  {_dot_quote(n)} [label={_dot_quote(display_label(attrs))}, shape={kind.dot}, "
            f'fillcolor="{kind.colour}66", tooltip={_dot_quote(attrs["kind"])}{extra}];'
        )
    for u, v, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(attrs['label'])}];")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_html(graph: nx.MultiDiGraph, path: Path) -> None:
    """One self-contained page: inline SVG, CSS and script, nothing fetched from the network.

    The SVG is drawn here, with the same layout as the PNG; the script only pans, zooms,
    moves nodes and shows details. The page holds labels, details and source sentences,
    not IRIs.
    """
    pos = layout(graph, _HTML_SCALE)
    width, height = 1200.0, 820.0
    order = sorted(graph, key=lambda n: (not graph.nodes[n].get("focus"), n))
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        attrs = graph.nodes[n]
        x, y = pos[n]
        nodes.append(
            {
                "label": attrs["label"],
                "kind": attrs["kind"],
                "x": round(width / 2 + x * (width / 2 - 120), 1),
                "y": round(height / 2 - y * (height / 2 - 60), 1),
                "details": _details(attrs),
                "sentences": _sentences(graph, n),
            }
        )
    pairs = edge_pairs(graph)
    edges = []
    for pair in pairs:
        edges.append(
            {
                "u": index[pair.u],
                "v": index[pair.v],
                "facts": [
                    {k: e[k] for k in ("label", "article", "reported_on", "sentence") if e.get(k)}
                    for e in pair.edges
                ],
            }
        )
    esc = html.escape
    svg_edges = []
    for i, (pair, e) in enumerate(zip(pairs, edges, strict=True)):
        a, b = nodes[e["u"]], nodes[e["v"]]
        post = any(f["kind"] == "post" for f in pair.edges)
        ends = 'marker-end="url(#arrow)"' + (' marker-start="url(#arrow)"' if pair.both else "")
        coords = f'x1="{a["x"]}" y1="{a["y"]}" x2="{b["x"]}" y2="{b["y"]}"'
        svg_edges.append(
            f'<g class="edge{" post" if post else ""}" data-i="{i}"><line class="hit" {coords}/>'
            f"<line {coords} {ends}/>"
            f'<text x="{(a["x"] + b["x"]) / 2:.1f}" y="{(a["y"] + b["y"]) / 2:.1f}" text-anchor="middle" '
            f'dy="3">{esc(_shorten(pair.label, 28))}</text></g>'
        )
    svg_nodes = []
    for i, n in enumerate(order):
        attrs = graph.nodes[n]
        lines = display_label(attrs, 26).split("\n")
        label = "".join(
            f'<tspan x="0" dy="{"0" if j == 0 else "1.15em"}">{esc(line)}</tspan>'
            for j, line in enumerate(lines)
        )
        focus = attrs.get("focus")
        svg_nodes.append(
            f'<g class="node{" focus" if focus else ""}" data-i="{i}" '
            f'transform="translate({nodes[i]["x"]},{nodes[i]["y"]})">'
            f'<g transform="scale({1.5 if focus else 1})">{_svg_shape(attrs["kind"])}</g>'
            f'<text y="{30 if focus else 24}" text-anchor="middle">{label}</text></g>'
        )
    keys = "".join(
        f'<span class="key"><svg width="18" height="18" viewBox="-14 -14 28 28">{_svg_shape(name)}</svg>'
        f"{esc(name)}</span>"
        for name in KINDS
        if any(n["kind"] == name for n in nodes)
    )
    note = f'<span class="note">{esc(graph.graph["note"])}</span>' if graph.graph.get("note") else ""
    payload = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False).replace("<", "\\u003c")
    title = esc(graph.graph.get("title", "coop-kg"))
    page = _PAGE.format(
        title=title,
        sources=esc(graph.graph.get("sources", "")),
        note=note,
        keys=keys,
        width=f"{width:g}",
        height=f"{height:g}",
        edges="\n".join(svg_edges),
        nodes="\n".join(svg_nodes),
        data=payload,
        css=_CSS,
        js=_JS,
    )
    path.write_text(page, encoding="utf-8")


def _svg_shape(kind: str) -> str:
    """The node's shape in SVG, matching the matplotlib marker of its kind."""
    colour = KINDS[kind].colour
    sides = {
        "province": (6, 13, 0),
        "country": (8, 13, 22.5),
        "event": (4, 12, 0),
        "article": (5, 12, -90),
        "figure": (3, 11, 90),
        "role": (3, 11, -90),
    }
    if kind == "person":
        return f'<circle class="shape" r="11" fill="{colour}"/>'
    if kind == "organization":
        return f'<rect class="shape" x="-10" y="-10" width="20" height="20" fill="{colour}"/>'
    n, r, turn = sides[kind]
    points = " ".join(
        f"{r * math.cos(math.radians(turn + 360 * i / n)):.1f},{r * math.sin(math.radians(turn + 360 * i / n)):.1f}"
        for i in range(n)
    )
    return f'<polygon class="shape" points="{points}" fill="{colour}"/>'


_DETAIL_NAMES = (
    ("article_id", "article"),
    ("title", "title"),
    ("published", "published"),
    ("event_kind", "kind of event"),
    ("date", "date"),
    ("end_date", "until"),
    ("metric", "metric"),
    ("value", "value"),
    ("value_max", "up to"),
    ("unit", "unit"),
    ("status", "status"),
    ("period", "period"),
    ("org_type", "type"),
    ("era", "era"),
    ("sources", "sources"),
)


def _details(attrs: dict) -> list[list[str]]:
    return [[name, str(attrs[key])] for key, name in _DETAIL_NAMES if attrs.get(key)]


def _sentences(graph: nx.MultiDiGraph, n: str) -> list[str]:
    """The sentences that say what a node is: its own, and for a person those of their posts."""
    out = [graph.nodes[n]["sentence"]] if graph.nodes[n].get("sentence") else []
    if graph.nodes[n]["kind"] == "person":
        out += [e["sentence"] for _, _, e in graph.out_edges(n, data=True) if e.get("sentence")]
    return list(dict.fromkeys(out))[:4]


WRITERS = {
    "png": write_matplotlib,
    "svg": write_matplotlib,
    "html": write_html,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "dot": write_dot,
}


_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="sub">{sources} {note}</p>
<div id="bar">{keys}
<span class="help">drag to pan · wheel or +/− to zoom · hover for details · drag a node to move it</span>
<button id="zoom-in" type="button">+</button><button id="zoom-out" type="button">−</button>
<button id="fit" type="button">Fit</button><button id="labels" type="button">Edge labels</button>
</div>
</header>
<main>
<svg id="graph" viewBox="0 0 {width} {height}" role="img" aria-label="{title}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="27" refY="5" markerUnits="userSpaceOnUse"
 markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#888"/></marker></defs>
<g id="edges">
{edges}
</g>
<g id="nodes">
{nodes}
</g>
</svg>
<div id="tip"></div>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""

_CSS = """
html, body { margin: 0; height: 100%; font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #222; }
body { display: flex; flex-direction: column; background: #fff; }
header { padding: 8px 14px 6px; border-bottom: 1px solid #ddd; background: #f7f7f7; }
h1 { font-size: 18px; margin: 0 0 2px; }
.sub { font-size: 12px; color: #555; margin: 0; }
.note { color: #a33; margin-left: 12px; }
#bar { display: flex; gap: 12px; align-items: center; font-size: 12px; margin-top: 5px; flex-wrap: wrap; }
.key { display: inline-flex; align-items: center; gap: 3px; }
.help { color: #666; margin-left: 10px; }
button { font: inherit; font-size: 12px; padding: 1px 8px; cursor: pointer; }
main { flex: 1; position: relative; overflow: hidden; }
#graph { width: 100%; height: 100%; display: block; cursor: grab; touch-action: none; user-select: none; }
#graph.panning { cursor: grabbing; }
.edge line { stroke: #bbb; stroke-width: 1; }
.edge.post line { stroke: #555; stroke-width: 2; }
.edge line.hit { stroke: transparent; stroke-width: 12; }
.edge text { font-size: 9px; fill: #777; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.edge.post text { font-size: 11px; fill: #222; font-weight: bold; }
.node { cursor: pointer; }
.node text { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; pointer-events: none; }
.node.focus text { font-size: 14px; font-weight: bold; }
.shape { stroke: #fff; stroke-width: 1.5; }
.node.focus .shape { stroke: #000; stroke-width: 2; }
#graph.fade .node:not(.on), #graph.fade .edge:not(.on) { opacity: 0.15; }
#graph.nolabels .edge text { display: none; }
#tip { position: absolute; display: none; max-width: 440px; background: #fff; border: 1px solid #999;
  border-radius: 4px; padding: 8px 10px; font-size: 12px; box-shadow: 0 2px 8px rgba(0, 0, 0, .2);
  pointer-events: none; }
#tip h2 { font-size: 14px; margin: 0 0 4px; }
#tip .kind { color: #666; font-weight: normal; font-size: 12px; }
#tip table { border-collapse: collapse; }
#tip td { padding: 1px 8px 1px 0; vertical-align: top; }
#tip td:first-child { color: #666; white-space: nowrap; }
#tip blockquote { margin: 6px 0 0; padding-left: 8px; border-left: 3px solid #ccc; font-style: italic; }
"""

_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("graph");
  var tip = document.getElementById("tip");
  var main = svg.parentNode;
  var nodeEls = svg.querySelectorAll(".node");
  var edgeEls = svg.querySelectorAll(".edge");
  var full = svg.getAttribute("viewBox").split(" ").map(Number);
  var view = full.slice();
  var around = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, i) { around[e.u].push(i); around[e.v].push(i); });

  function show() { svg.setAttribute("viewBox", view.join(" ")); }
  function toUser(evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX; p.y = evt.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(f, p) {
    var w = view[2] * f;
    if (w < full[2] / 20 || w > full[2] * 4) { return; }
    p = p || { x: view[0] + view[2] / 2, y: view[1] + view[3] / 2 };
    view = [p.x - (p.x - view[0]) * f, p.y - (p.y - view[1]) * f, w, view[3] * f];
    show();
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    zoom(Math.exp(Math.max(-1, Math.min(1, evt.deltaY / 300))), toUser(evt));
  }, { passive: false });
  document.getElementById("zoom-in").onclick = function () { zoom(1 / 1.3); };
  document.getElementById("zoom-out").onclick = function () { zoom(1.3); };
  document.getElementById("fit").onclick = function () { view = full.slice(); show(); };
  document.getElementById("labels").onclick = function () { svg.classList.toggle("nolabels"); };

  function place(i) {
    var n = data.nodes[i];
    nodeEls[i].setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
    around[i].forEach(function (k) {
      var e = data.edges[k], a = data.nodes[e.u], b = data.nodes[e.v];
      edgeEls[k].querySelectorAll("line").forEach(function (l) {
        l.setAttribute("x1", a.x); l.setAttribute("y1", a.y); l.setAttribute("x2", b.x); l.setAttribute("y2", b.y);
      });
      var t = edgeEls[k].querySelector("text");
      t.setAttribute("x", (a.x + b.x) / 2); t.setAttribute("y", (a.y + b.y) / 2);
    });
  }

  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    var node = evt.target.closest(".node");
    drag = { node: node ? Number(node.dataset.i) : null, start: toUser(evt) };
    if (!node) { svg.classList.add("panning"); }
    svg.setPointerCapture(evt.pointerId);
    hide();
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var p = toUser(evt);
    if (drag.node === null) {
      view[0] -= p.x - drag.start.x; view[1] -= p.y - drag.start.y; show();
    } else {
      data.nodes[drag.node].x = p.x; data.nodes[drag.node].y = p.y; place(drag.node);
    }
  });
  function end() { drag = null; svg.classList.remove("panning"); }
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      var tr = el("tr"); tr.appendChild(el("td", r[0])); tr.appendChild(el("td", r[1])); t.appendChild(tr);
    });
    return t;
  }
  function hide() { tip.style.display = "none"; svg.classList.remove("fade"); }
  function highlight(nodes, edges) {
    svg.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
    nodes.forEach(function (i) { nodeEls[i].classList.add("on"); });
    edges.forEach(function (k) { edgeEls[k].classList.add("on"); });
    svg.classList.add("fade");
  }
  function move(evt) {
    var box = main.getBoundingClientRect();
    var x = evt.clientX - box.left + 16, y = evt.clientY - box.top + 16;
    if (x + tip.offsetWidth > box.width) { x = Math.max(0, x - tip.offsetWidth - 32); }
    if (y + tip.offsetHeight > box.height) { y = Math.max(0, y - tip.offsetHeight - 32); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function nodeTip(i) {
    var n = data.nodes[i], h = el("h2", n.label + " ");
    h.appendChild(el("span", "(" + n.kind + ")", "kind"));
    tip.replaceChildren(h, table(n.details));
    n.sentences.forEach(function (s) { tip.appendChild(el("blockquote", "“" + s + "”")); });
    var near = [i];
    around[i].forEach(function (k) { near.push(data.edges[k].u, data.edges[k].v); });
    highlight(near, around[i]);
  }
  function edgeTip(k) {
    var e = data.edges[k];
    tip.replaceChildren(el("h2", data.nodes[e.u].label + " → " + data.nodes[e.v].label));
    e.facts.forEach(function (f) {
      var rows = [["link", f.label]];
      if (f.article) { rows.push(["article", f.article]); }
      if (f.reported_on) { rows.push(["reported on", f.reported_on]); }
      tip.appendChild(table(rows));
      if (f.sentence) { tip.appendChild(el("blockquote", "“" + f.sentence + "”")); }
    });
    highlight([e.u, e.v], [k]);
  }
  svg.addEventListener("pointerover", function (evt) {
    if (drag) { return; }
    var node = evt.target.closest(".node"), edge = evt.target.closest(".edge");
    if (node) { nodeTip(Number(node.dataset.i)); } else if (edge) { edgeTip(Number(edge.dataset.i)); } else { hide(); return; }
    tip.style.display = "block";
    move(evt);
  });
  svg.addEventListener("pointermove", function (evt) { if (!drag && tip.style.display === "block") { move(evt); } });
  svg.addEventListener("pointerleave", hide);
})();
"""
