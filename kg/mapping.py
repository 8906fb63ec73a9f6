"""Facts to RDF: one article's `Doc` becomes the quads of that article's named graph.

Vocabularies reused: W3C ORG for organisations, posts and memberships; schema.org for
articles, persons, events and places; PROV-O for provenance; the RDF Data Cube for
reported figures; SKOS for metrics, units, statuses and event kinds. Each article graph
is self-contained: it repeats the names and types of the people, organisations and
provinces it mentions, so one article can be exported, checked or replaced alone. Every
fact node carries its source: the article (``prov:wasDerivedFrom``), the sentence, the
character span in the clean text, and the rule that produced it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from kg import gazetteer
from kg import vocab as v
from kg.data import load_table
from kg.extraction.doc import Doc
from kg.extraction.facts import Fact, Org
from kg.text import period_end
from kg.vocab import COOPT as C
from kg.vocab import ORG, PROV, QB, RDF, RDFS, SCHEMA, SKOS


def doc_to_quads(doc: Doc, extractor_version: str) -> list[Quad]:
    """All quads of one article, in its own named graph; deterministic for the same input."""
    g = v.graph(doc.article.id)
    seen: set[tuple] = set()
    quads: list[Quad] = []
    for s, p, o in _triples(doc, extractor_version):
        key = (s, p, o)
        if key not in seen:
            seen.add(key)
            quads.append(Quad(s, p, o, g))
    return quads


def _triples(doc: Doc, version: str) -> Iterator[tuple]:
    a = doc.article
    art = v.article(a.id)
    yield art, RDF.type, SCHEMA.NewsArticle
    yield art, C.articleId, Literal(a.id)
    yield art, C.sourceFile, Literal(a.source)
    yield art, C.contentHash, Literal(a.content_hash)
    yield art, C.extractorVersion, Literal(version)
    if a.title:
        yield art, SCHEMA.headline, v.text(a.title)
    if a.published:
        yield art, SCHEMA.datePublished, v.date_literal(a.published)
    if a.url:
        yield art, SCHEMA.url, Literal(a.url)
    for name in a.authors:
        yield art, C.byline, Literal(name)
    if doc.province:
        yield art, SCHEMA.contentLocation, v.province(doc.province)
        yield from _province(doc.province)
    yield art, C.provinceReason, Literal(doc.province_reason or "no province named")

    people: dict[str, NamedNode] = {}
    for m in doc.memberships:
        org = _org_node(doc, m.org) if m.org else None
        person = _person_node(doc, m.person, people)
        node = v.membership(a.id, person, m.role, org[0] if org else None)
        yield from _person(person, m.person, art)
        yield node, RDF.type, ORG.Membership
        yield node, ORG.member, person
        yield node, ORG.role, v.role(m.role)
        yield v.role(m.role), RDF.type, ORG.Role
        yield v.role(m.role), SKOS.prefLabel, v.text(m.role)
        yield v.role(m.role), C.nameKey, Literal(v.name_key(m.role))
        yield node, C.roleTitle, v.text(m.role)
        if org:
            yield node, ORG.organization, org[0]
            yield from org[1]
        place = m.org.province if m.org and m.org.province else doc.province
        if place:  # the post's province: its organisation's, else its article's (the one a query filters on)
            yield node, C.province, v.province(place)
        yield from _provenance(doc, node, art, m)
        reported = doc.post_dates.get(m)
        if reported:
            yield node, C.reportedOn, v.date_literal(reported)
    for p in doc.people:
        if p.name not in people:
            node = _person_node(doc, p.name, people)
            yield from _person(node, p.name, art)

    for e in doc.events:
        node = v.event(a.id, e.kind, e.start)
        yield node, RDF.type, SCHEMA.Event
        yield node, C.eventKind, v.event_kind(e.kind)
        yield node, SCHEMA.name, v.text(e.label)
        if e.date:
            yield node, SCHEMA.startDate, v.date_literal(e.date.value)
            if e.date.until:
                yield node, SCHEMA.endDate, v.date_literal(e.date.until)
            yield node, C.dateResolution, Literal(e.date.resolution)
        if e.place:
            yield node, SCHEMA.location, v.province(e.place)
            yield from _province(e.place)
        if e.organizer:
            org_node, org_triples = _org_node(doc, e.organizer)
            yield node, SCHEMA.organizer, org_node
            yield from org_triples
        yield from _provenance(doc, node, art, e)
    for p in doc.participants:
        if p.person in people:
            yield v.event(a.id, p.event.kind, p.event.start), SCHEMA.attendee, people[p.person]
    for c in doc.award_counts:
        yield (
            v.event(a.id, c.event.kind, c.event.start),
            C.awards,
            v.observation(a.id, c.figure.start, c.figure.metric),
        )

    for f in doc.figures:
        node = v.observation(a.id, f.start, f.metric)
        yield node, RDF.type, QB.Observation
        yield node, QB.dataSet, C.figures
        yield node, C.metric, v.metric(f.metric)
        yield node, C.value, v.typed(str(f.value), "decimal")
        if f.value_max is not None:
            yield node, C.valueMax, v.typed(str(f.value_max), "decimal")
        yield node, C.unit, v.unit(f.unit)
        # units are an open set ("VND/kg", "tấn/ha"): each graph describes the ones it uses
        yield v.unit(f.unit), RDF.type, SKOS.Concept
        yield v.unit(f.unit), SKOS.notation, Literal(f.unit)
        yield v.unit(f.unit), SKOS.inScheme, NamedNode(v.UNIT_NS)
        yield node, C.qualifier, v.qualifier(f.qualifier)
        yield node, C.measure, v.measure(f.measure)
        yield node, C.status, v.status(f.status)
        yield node, RDFS.label, v.text(f.label)
        yield node, C.phrase, v.text(doc.text_of(f))
        if f.area == "Việt Nam":  # named, so that a national figure's area reads as a place does
            yield node, C.refArea, v.country()
            yield v.country(), RDF.type, C.Country
            yield v.country(), SCHEMA.name, v.text("Việt Nam")
        elif f.area:
            yield node, C.refArea, v.province(f.area)
            yield from _province(f.area)
        if f.period:
            yield node, C.refPeriod, Literal(f.period)
            end = period_end(f.period)
            if end:
                yield node, C.periodEnd, v.typed(end, "date")
            yield node, C.periodResolution, Literal(f.period_resolution or "stated")
        yield from _provenance(doc, node, art, f)


def _provenance(doc: Doc, node: NamedNode, art: NamedNode, fact: Fact) -> Iterator[tuple]:
    yield node, PROV.wasDerivedFrom, art
    yield node, C.sentenceText, v.text(_sentence_text(doc, fact))
    yield node, C.charStart, v.typed(str(fact.start), "integer")
    yield node, C.charEnd, v.typed(str(fact.end), "integer")
    yield node, C.rule, Literal(fact.rule)
    yield node, C.confidence, v.typed(confidence(fact.rule), "decimal")


# A sentence longer than this (a table or a list run together) is quoted around the fact only, so
# that what the graph stores grows with the text, not with the text times the facts found in it.
_QUOTE = 600


def _sentence_text(doc: Doc, fact: Fact) -> str:
    """The sentence a fact was read from, or for a very long one the part of it around the fact."""
    sentence = doc.sentences[fact.sentence]
    if sentence.end - sentence.start <= _QUOTE:
        return doc.sentence_text(sentence)
    start = max(sentence.start, fact.start - _QUOTE // 2)
    end = min(sentence.end, fact.end + _QUOTE // 2)
    return ("…" if start > sentence.start else "") + doc.text[start:end] + ("…" if end < sentence.end else "")


@lru_cache(maxsize=1)
def _confidences() -> dict[str, str]:
    return {r["rule"]: r["confidence"] for r in load_table("rule_confidence", ("rule", "confidence"))}


def confidence(rule: str) -> str:
    """How often the rule's facts were right on the development sets (data/rule_confidence.tsv);
    a rule not measured yet takes its kind's ("people.*")."""
    table = _confidences()
    return table.get(rule) or table.get(rule.split(".")[0] + ".*", "0.5")


def _person(node: NamedNode, name: str, art: NamedNode) -> Iterator[tuple]:
    yield node, RDF.type, SCHEMA.Person
    yield node, SCHEMA.name, Literal(name)
    yield node, C.nameKey, Literal(v.name_key(name))
    yield node, PROV.wasDerivedFrom, art


def _person_node(doc: Doc, name: str, people: dict[str, NamedNode]) -> NamedNode:
    """A person's IRI, scoped where the extractor decided their name is unique."""
    if name not in people:
        people[name] = v.person(name, doc.person_scopes.get(name, ""), doc.article.id)
    return people[name]


def _org_node(doc: Doc, org: Org) -> tuple[NamedNode, list[tuple]]:
    """An organisation's node, described as the article first names it: one label and one kind,
    however often and however it is written after that."""
    org = doc.first_named.get((org.key, org.scope), org)
    node = v.organization(org.key, org.scope, doc.article.id)
    kind = getattr(C, org.kind) if org.kind in C.terms else C.Organization
    triples: list[tuple] = [
        (node, RDF.type, ORG.Organization),
        (node, RDF.type, kind),
        (node, SKOS.prefLabel, v.text(org.name)),
        (node, C.nameKey, Literal(v.org_name_key(org.name))),
    ]
    if org.province:
        triples.append((node, C.province, v.province(org.province)))
        triples.extend(_province(org.province))
    if org.location:
        triples.append((node, C.location, v.text(org.location)))
    if org.parent is not None:
        parent, parent_triples = _org_node(doc, org.parent)
        triples.append((node, ORG.subOrganizationOf, parent))
        triples.extend(parent_triples)
    return node, triples


@lru_cache(maxsize=256)
def _province(name: str) -> tuple[tuple, ...]:
    """A province's name, era and successor: the same few triples wherever it is named."""
    node = v.province(name)
    triples = [(node, RDF.type, C.Province), (node, SCHEMA.name, v.text(name)), (node, C.era, Literal("old"))]
    new = gazetteer.successor(name)
    if new:
        succ = v.province(new.name, "new")
        triples += [
            (node, C.successor, succ),
            (succ, RDF.type, C.Province),
            (succ, SCHEMA.name, v.text(new.name)),
            (succ, C.era, Literal("new")),
        ]
    return tuple(triples)
