"""Query parameters as terms of the graph, resolved before a query runs.

A parameter a query declares (``# param: NAME ...``) is turned into the IRIs or typed literals
it means, and the query matches them as bound terms: the cost of the answer is then the cost
of what it returns, not of comparing a string with every label of the corpus.

- ``province``: any spelling of an old or new (2025) province name, through the gazetteer; a new
  name takes in the old provinces merged into it ("Gia Lai" is old Gia Lai and old Bình Định).
- ``name``, ``org``, ``role``: the nodes whose ``coop:nameKey`` is the value's key (case, tone
  marks and spacing folded; organisations also abbreviations, see `kg.vocab.org_name_key`). Where
  several nodes share a key and some are written exactly as the value, those are kept.
- ``metric``, ``status``, ``measure``, ``kind``: a concept of the ontology's scheme, by its id or label.
- ``from``, ``to``: a date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as the first (from) or last
  (to) day it covers.
- ``minConfidence``: a number from 0 to 1, as a decimal.

A value may also be an IRI (``<...>``, ``https://...`` or a prefixed name such as
``kgid:person/dak-lak/huynh-bai-1c3aee``), used as it is. A name that matches nothing binds no
value (so the query returns no rows at once), and a name that matches several nodes binds them
all; both say so in a `Note`.
"""

from __future__ import annotations

import calendar
import datetime
import re
import warnings
from dataclasses import dataclass
from functools import cache

from pyoxigraph import Literal, NamedNode

from kg import vocab
from kg.errors import Note, QueryError
from kg.text import fold, normalize_text

Term = NamedNode | Literal


warnings.simplefilter("always", Note)  # each answer's notes, not only the first time a line warns


@dataclass(frozen=True)
class Resolved:
    """A parameter's value as terms of the graph (none, one or several)."""

    name: str
    terms: tuple[Term, ...]


# parameter name -> (what it is, in messages, one and several; the IRI namespace of its nodes; their label)
_NAMED = {
    "name": ("person", "people", vocab.ID + "person/", vocab.SCHEMA.name),
    "org": ("organisation", "organisations", vocab.ID + "org/", vocab.SKOS.prefLabel),
    "role": ("post", "posts", vocab.ID + "role/", vocab.SKOS.prefLabel),
}
# parameter name -> the ontology's concept scheme it takes a concept of
_SCHEMES = {
    "metric": vocab.METRIC_NS,
    "status": vocab.STATUS_NS,
    "measure": vocab.MEASURE_NS,
    "kind": vocab.EVENT_KIND_NS,
}
KINDS = frozenset({"province", "from", "to", "minConfidence", *_NAMED, *_SCHEMES})


def resolve(store, name: str, value: str) -> Resolved:
    """The terms ``value`` means for the parameter ``name`` (one of `KINDS`); a `QueryError` where
    it cannot mean anything (an unknown province, metric or date)."""
    value = normalize_text(value.strip())
    iri = _iri(value)
    if iri is not None and name not in ("from", "to"):
        return Resolved(name, (iri,))
    if name == "province":
        return Resolved(name, tuple(province_iris(value)))
    if name in ("from", "to"):
        return Resolved(name, (date_bound(value, last=name == "to"),))
    if name == "minConfidence":
        return Resolved(name, (share(value, name),))
    if name in _SCHEMES:
        return Resolved(name, (concept(_SCHEMES[name], value, name),))
    return Resolved(name, tuple(named_nodes(store, name, value)))


def literal(name: str, value: str) -> Literal:
    """A parameter no query declares, bound as plain text (a province as its name in the graph)."""
    value = normalize_text(value.strip())
    if name == "province":
        from kg import gazetteer

        place = gazetteer.province(value)
        if place is None:
            raise QueryError(f"unknown province {value!r}")
        value = place.name
    return Literal(value)


def _iri(value: str) -> NamedNode | None:
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif re.fullmatch(r"[a-z][\w-]*:[^\s:]+", value) and value.split(":", 1)[0] in vocab.PREFIXES:
        prefix, local = value.split(":", 1)
        value = vocab.PREFIXES[prefix] + local
    if not re.fullmatch(r"https?://\S+", value):
        return None
    try:
        return NamedNode(value)
    except ValueError:
        raise QueryError(f"{value!r} is not a valid IRI") from None


def province_iris(value: str) -> list[NamedNode]:
    """The province nodes a name means: the old province of that name, and where the name is a
    new (2025) province's, that one and every old province merged into it."""
    from kg import gazetteer

    place = gazetteer.province(value)
    if place is None:
        raise QueryError(
            f"unknown province {value!r} (a province's name before or after 2025, in any spelling)"
        )
    name = place.name
    old = [p.name for p in gazetteer.provinces("old") if p.name == name or p.successor == name]
    iris = [vocab.province(n) for n in old]
    if any(p.name == name for p in gazetteer.provinces("new")):
        iris.append(vocab.province(name, "new"))
    return iris


def date_bound(value: str, last: bool) -> Literal:
    """``2020`` as 2020-01-01 (a lower bound) or 2020-12-31 (an upper one); ``2020-02`` likewise."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    try:
        if not m:
            raise ValueError(value)
        year = int(m.group(1))
        month = int(m.group(2) or (12 if last else 1))
        day = int(m.group(3) or (calendar.monthrange(year, month)[1] if last else 1))
        text = datetime.date(year, month, day).isoformat()
    except ValueError:  # calendar.IllegalMonthError is one too
        raise QueryError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return vocab.typed(text, "date")


def share(value: str, param: str) -> Literal:
    """A number from 0 to 1 (a rule's measured precision), as an xsd:decimal."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1 or not re.fullmatch(r"\d*\.?\d+", value):
        raise QueryError(f"{param} takes a number from 0 to 1, not {value!r}")
    return vocab.typed(value, "decimal")


@cache
def _concepts(scheme: str) -> dict[str, NamedNode]:
    """Every way of naming each concept of ``scheme`` in the ontology: its id, notation and labels."""
    from pyoxigraph import RdfFormat, parse

    from kg.resources import ontology_dir

    in_scheme, names = {}, {}
    notation, label = vocab.SKOS.notation, vocab.SKOS.prefLabel
    for t in parse(path=str(ontology_dir() / "coop.ttl"), format=RdfFormat.TURTLE):
        if t.predicate == vocab.SKOS.inScheme and t.object.value == scheme:
            in_scheme[t.subject] = t.subject.value.removeprefix(scheme)
        elif t.predicate in (notation, label):
            names.setdefault(t.subject, []).append(t.object.value)
    out = {}
    for node, local in in_scheme.items():
        labels = [part for label in names.get(node, []) for part in (label, *label.split(","))]
        for written in [local, local.replace("_", " "), *labels]:  # "hội nghị, hội thảo": either
            out.setdefault(vocab.name_key(written), node)
    return out


def concept(scheme: str, value: str, param: str) -> NamedNode:
    """The concept of ``scheme`` named ``value`` (its id, notation, Vietnamese or English label)."""
    found = _concepts(scheme).get(vocab.name_key(value.replace("_", " ")))
    if found is None:
        ids = sorted({n.value.removeprefix(scheme) for n in _concepts(scheme).values()})
        raise QueryError(f"unknown {param} {value!r}; it is one of: {', '.join(ids)}")
    return found


_CANDIDATES = """
SELECT DISTINCT ?node ?label WHERE {
  GRAPH ?g { ?node coop:nameKey %s ; %s ?label }
}"""


def named_nodes(store, param: str, value: str) -> list[NamedNode]:
    """The people, organisations or posts a name means, found by their name key; prefers the nodes
    written exactly as ``value`` where a key is shared by different names ("Hùng", "Hưng")."""
    what, whats, namespace, label = _NAMED[param]
    key = vocab.org_name_key(value) if param == "org" else vocab.name_key(value)
    rows = store.query(_CANDIDATES % (Literal(key), label), prefixes=vocab.PREFIXES)
    found: dict[str, set[str]] = {}
    for row in rows:
        node = row["node"]
        if isinstance(node, NamedNode) and node.value.startswith(namespace):
            found.setdefault(node.value, set()).add(row["label"].value)
    exact = {n for n, labels in found.items() if fold(value) in {fold(x) for x in labels}}
    nodes = sorted(exact or found)
    if not nodes:
        _note(f"no {what} named {value!r} in the store: the answer is empty")
    elif len(nodes) > 1:
        shown = ", ".join(_compact(n) for n in nodes[:8]) + (
            f" and {len(nodes) - 8} more" if len(nodes) > 8 else ""
        )
        _note(
            f"{value!r} names {len(nodes)} {whats}: {shown}; the answer covers all of them "
            f"(--param {param}=IRI picks one)"
        )
    return [NamedNode(n) for n in nodes]


def _compact(iri: str) -> str:
    return "kgid:" + iri.removeprefix(vocab.ID) if iri.startswith(vocab.ID) else f"<{iri}>"


def _note(message: str) -> None:
    warnings.warn(Note(message), stacklevel=4)
