"""RDF to the graph a reader expects: typed, labelled nodes and posts as edges.

The store holds RDF in which a post is an ``org:Membership`` node and every fact points to
its article; drawn as is, that is a hairball of blank hubs. `to_networkx` turns triples (a
CONSTRUCT result) into people, organisations, provinces, events, articles and figures as
typed, labelled nodes, and a post into one person→organisation edge labelled with its title
("Chủ tịch"), with the sentence that reports it kept on the edge. It reads nothing but the
triples it is given, so any CONSTRUCT can be drawn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

import networkx as nx
from pyoxigraph import BlankNode, Literal

from kg import vocab
from kg.vocab import COOPT as C
from kg.vocab import ORG, PROV, QB, RDF, RDFS, SCHEMA, SKOS

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
