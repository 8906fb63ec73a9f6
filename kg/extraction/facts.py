"""The facts extraction produces: immutable spans with the rule that produced them, no RDF.

Every fact records where it came from (``start``/``end`` in the article's clean text, the
index of its sentence) and the ``rule`` that produced it. Its words are not stored: they are
``doc.text[start:end]`` (`Doc.text_of`), so a fact cannot claim a phrase its span does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kg.extraction.dates import DateMention


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    start: int
    end: int
    sentence: int
    rule: str


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation as named, resolved to a label, a matching key and a scope.

    ``scope`` says where its name is unique: "vn" for national bodies, a province name for
    provincial ones, or "" when the province is unknown (then the org stays local to the
    article and is never merged with another province's body of the same name). ``key`` is
    the name folded for matching (case, tone marks, abbreviations), from which IRIs are minted.
    """

    name: str
    key: str
    surface: str
    kind: str
    scope: str
    province: str | None = None
    location: str | None = None
    parent: Org | None = None  # the body this one is a unit of ("Ban Tuyên giáo" of "Tỉnh ủy Kon Tum")


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Fact):
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership(Fact):
    """A person holding a post ("Chủ tịch") in an organisation, as one sentence reports it;
    ``former`` for a post written as held before ("nguyên Chủ tịch")."""

    person: str
    role: str
    org: Org | None
    former: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Organization(Fact):
    """An organisation the article names (as a post's body, an event's organiser, ...)."""

    org: Org


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Fact):
    kind: str
    label: str
    date: DateMention | None
    place: str | None = None
    organizer: Org | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Participation(Fact):
    """A person taking part in an event (the span is the person's post or name)."""

    event: Event
    person: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Fact):
    """A reported number as a statistical observation (metrics in ``data/metrics.tsv``).

    ``measure`` says what kind of number it is: a ``level`` (how many, how much), a ``change``
    against an earlier level, a ``target`` or a ``requirement`` (a condition to meet)."""

    metric: str
    label: str
    value: Decimal
    unit: str
    qualifier: str
    status: str
    measure: str = "level"
    value_max: Decimal | None = None
    area: str | None = None
    period: str | None = None
    period_resolution: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AwardCount(Fact):
    """How many were awarded at an award event ("Bằng khen cho 6 tập thể")."""

    event: Event
    figure: Figure
