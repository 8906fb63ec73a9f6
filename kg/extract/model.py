"""The facts extraction produces: plain dataclasses with character spans, no RDF.

Every fact records where it came from (``start``/``end`` in the article's clean text, the
index of its sentence) and the ``rule`` that produced it, so the graph can say, for each
fact, which sentence supports it and why the extractor believed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kg.article import Article
from kg.extract.dates import DateMention, Reference


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Org:
    """An organisation as named, resolved to a label and a scope.

    ``scope`` says where its name is unique: "vn" for national bodies, a province name for
    provincial ones, or "" when the province is unknown (then the org stays local to the
    article and is never merged with another province's body of the same name).
    """

    name: str
    surface: str
    kind: str
    scope: str
    province: str | None = None
    location: str | None = None
    parent: Org | None = None  # the body this one is a unit of ("Ban Tuyên giáo" of "Tỉnh ủy Kon Tum")


@dataclass(frozen=True)
class Membership:
    """A person holding a post ("Chủ tịch") in an organisation, as one sentence reports it."""

    person: str
    role: str
    org: Org | None
    start: int
    end: int
    sentence: int
    rule: str


@dataclass(frozen=True)
class Person:
    name: str
    start: int
    end: int
    sentence: int
    rule: str


@dataclass
class Event:
    kind: str
    label: str
    date: DateMention | None
    start: int
    end: int
    sentence: int
    rule: str
    place: str | None = None
    organizer: Org | None = None
    participants: list[str] = field(default_factory=list)
    awards: list[Figure] = field(default_factory=list)  # who was awarded, as counted ("6 tập thể")


@dataclass(frozen=True)
class Figure:
    """A reported number as a statistical observation (see ``data/metrics.tsv`` for metrics)."""

    metric: str
    label: str
    value: Decimal
    unit: str
    qualifier: str
    status: str
    text: str
    start: int
    end: int
    sentence: int
    rule: str
    value_max: Decimal | None = None
    area: str | None = None
    period: str | None = None
    period_resolution: str | None = None


@dataclass
class Doc:
    """One article going through the extraction pipeline; each component adds its facts."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    province: str | None = None
    province_reason: str = ""
    reference: Reference = field(default_factory=lambda: Reference(None))
    dates: list[DateMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_at(self, pos: int) -> Sentence:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return self.sentences[-1]
