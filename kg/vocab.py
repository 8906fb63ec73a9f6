"""Every namespace, term and IRI of the graph, in one place.

IRIs are minted here and nowhere else, deterministically from what they identify, so
that a re-build gives the same graph and extraction shards made on different machines
merge without collisions. People and provincial bodies are scoped by province ("Huỳnh
Bài" of Đắk Lắk is one node across articles; a namesake in another province is another);
where the province is unknown the scope is the article, so nothing is merged on a guess.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from kg.text import ascii_fold, fold

BASE = "https://w3id.org/coop-kg/"
COOP = BASE + "ontology#"
ID = BASE + "id/"

PREFIXES = {
    "coop": COOP,
    "kgid": ID,
    "metric": BASE + "metric/",
    "unit": BASE + "unit/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
}


class _Namespace:
    """A closed set of terms: asking for one that is not declared is an error, not a new IRI."""

    def __init__(self, base: str, terms: str):
        self._base = base
        self._terms = frozenset(terms.split())
        for term in self._terms:  # each term is one NamedNode, made once
            object.__setattr__(self, term, NamedNode(base + term))

    def __getattr__(self, name: str) -> NamedNode:
        # only reached for names that are not declared terms
        raise AttributeError(f"term {name!r} is not declared in {self._base}")

    @property
    def terms(self) -> frozenset[str]:
        return self._terms


RDF = _Namespace(PREFIXES["rdf"], "type")
RDFS = _Namespace(PREFIXES["rdfs"], "label")
SKOS = _Namespace(PREFIXES["skos"], "prefLabel altLabel notation inScheme Concept")
XSD = PREFIXES["xsd"]
ORG = _Namespace(
    PREFIXES["org"],
    "Membership Organization FormalOrganization Role member organization role subOrganizationOf",
)
SCHEMA = _Namespace(
    PREFIXES["schema"],
    "NewsArticle Person Event name headline datePublished url startDate "
    "endDate location organizer attendee contentLocation",
)
PROV = _Namespace(PREFIXES["prov"], "wasDerivedFrom")
QB = _Namespace(PREFIXES["qb"], "Observation dataSet")
COOPT = _Namespace(
    COOP,
    (
        # classes
        "Province Country Author Cooperative CooperativeAlliance CooperativeUnion CooperativeGroup "
        "PeopleCreditFund PeoplesCommittee PeoplesCouncil PartyCommittee GovernmentAgency Association Company "
        "Institution Project Delegation Organization "
        # article
        "articleId sourceFile contentHash extractorVersion byline provinceReason provinceNow "
        # provenance of every fact
        "sentenceText charStart charEnd rule confidence phrase "
        # people and organisations
        "roleTitle reportedOn province location nameKey "
        # places
        "era successor "
        # events
        "eventKind dateResolution awards "
        # observations
        "metric measure value valueMax unit qualifier refArea refPeriod periodEnd periodResolution status figures"
    ),
)

METRIC_NS = PREFIXES["metric"]
UNIT_NS = PREFIXES["unit"]
EVENT_KIND_NS = BASE + "event-kind/"
STATUS_NS = BASE + "status/"
QUALIFIER_NS = BASE + "qualifier/"
MEASURE_NS = BASE + "measure/"


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable IRI segment: "Đắk Lắk" -> "dak-lak"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-") or "x"


@lru_cache(maxsize=65536)
def _tag(*parts: str) -> str:
    """Six hex digits that tell apart names whose slugs collide ("Hà" / "Hạ")."""
    return hashlib.sha1("\x1f".join(fold(p) for p in parts).encode("utf-8")).hexdigest()[:6]


def name_key(name: str) -> str:
    """The key a person's, post's or organisation's name is found by (``coop:nameKey``): case, tone
    marks and spacing folded, so "Huỳnh Bài", "HUỲNH  BÀI" and "huynh bai" share it. Queries match
    it as one bound triple instead of comparing every label."""
    return " ".join(ascii_fold(name).split())


@lru_cache(maxsize=1)
def _org_aliases() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    from kg.data import load_table  # on first use: a query that names no organisation never reads it

    rows = load_table("org_aliases", ("alias", "name", "kind"))
    whole = {name_key(r["alias"]): name_key(r["name"]) for r in rows if r["kind"] == "org"}
    words = []
    for kind in ("expand", "abbrev"):  # written out first, then shortened: one form for every spelling
        pairs = sorted(
            ((name_key(r["alias"]), name_key(r["name"])) for r in rows if r["kind"] == kind),
            key=lambda p: -len(p[0]),
        )
        words += [(re.compile(rf"\b{re.escape(alias)}\b"), name) for alias, name in pairs]
    return whole, tuple(words)


@lru_cache(maxsize=65536)
def org_name_key(name: str) -> str:
    """An organisation's `name_key`, with the abbreviations of ``kg/data/org_aliases.tsv`` applied, so
    "Liên minh Hợp tác xã tỉnh Đắk Lắk" and "Liên minh HTX tỉnh Đắk Lắk" share it, and "VCA" is
    "Liên minh HTX Việt Nam"."""
    whole, words = _org_aliases()
    key = name_key(name)
    key = whole.get(key, key)
    for pattern, short in words:
        key = pattern.sub(short, key)
    return key


def article(article_id: str) -> NamedNode:
    return NamedNode(f"{ID}article/{quote(article_id, safe='')}")


def graph(article_id: str) -> NamedNode:
    """The named graph that holds everything one article says."""
    return NamedNode(f"{ID}graph/{quote(article_id, safe='')}")


def scope_segment(scope: str, article_id: str) -> str:
    return slug(scope) if scope else f"a-{quote(article_id, safe='')}"


def person(name: str, scope: str, article_id: str) -> NamedNode:
    return NamedNode(f"{ID}person/{scope_segment(scope, article_id)}/{slug(name)}-{_tag(name)}")


def organization(key: str, scope: str, article_id: str) -> NamedNode:
    return NamedNode(f"{ID}org/{scope_segment(scope, article_id)}/{slug(key)[:80]}-{_tag(key)}")


def province(name: str, era: str = "old") -> NamedNode:
    return NamedNode(f"{ID}place/{'province' if era == 'old' else 'province-2025'}/{slug(name)}")


def country() -> NamedNode:
    return NamedNode(f"{ID}place/country/viet-nam")


def role(title: str) -> NamedNode:
    return NamedNode(f"{ID}role/{slug(title)}-{_tag(title)}")


def author(name: str) -> NamedNode:
    return NamedNode(f"{ID}author/{slug(name)}-{_tag(name)}")


def membership(article_id: str, person_iri: NamedNode, title: str, org_iri: NamedNode | None) -> NamedNode:
    tag = hashlib.sha1(
        f"{person_iri.value}|{fold(title)}|{org_iri.value if org_iri else ''}".encode()
    ).hexdigest()[:10]
    return NamedNode(f"{ID}membership/{quote(article_id, safe='')}/{tag}")


def observation(article_id: str, start: int, metric: str) -> NamedNode:
    return NamedNode(f"{ID}obs/{quote(article_id, safe='')}/{start}-{metric}")


def event(article_id: str, kind: str, start: int) -> NamedNode:
    return NamedNode(f"{ID}event/{quote(article_id, safe='')}/{kind}-{start}")


def metric(name: str) -> NamedNode:
    return NamedNode(METRIC_NS + name)


def unit(notation: str) -> NamedNode:
    return NamedNode(UNIT_NS + notation.replace("/", "-per-"))


def event_kind(kind: str) -> NamedNode:
    return NamedNode(EVENT_KIND_NS + kind)


def status(name: str) -> NamedNode:
    return NamedNode(STATUS_NS + name)


def qualifier(name: str) -> NamedNode:
    return NamedNode(QUALIFIER_NS + name)


def measure(name: str) -> NamedNode:
    return NamedNode(MEASURE_NS + name)


def text(value: str, lang: str | None = "vi") -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def date_literal(value: str) -> Literal:
    """An ISO date of the precision it has: 2021-04-08 (xsd:date), 2023-09 (gYearMonth), 2023 (gYear),
    2021-04-12T04:03 (xsd:dateTime)."""
    if "T" in value:
        return typed(value if value.count(":") == 2 else value + ":00", "dateTime")
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(value), "string")
    return typed(value, kind)
