"""Person names: the capitalised runs of the text and the names they may hold, found once.

A name is 2 to 4 capitalised syllables ("Huỳnh Bài", "Nguyễn Thị Minh Khai"). The genre gives
it in three ways, and each is a candidate in the ``names`` layer:

- after an honorific ("ông", "bà", "đồng chí"), whatever its first word (cue ``honorific``);
- starting with a family name (``data/surnames.tsv``) where nothing introduces it (``surname``);
- at the end of a run that begins with an organisation, role first ("Chủ tịch UBND tỉnh Đắk Lắk
  Phạm Ngọc Nghị": the longest suffix that starts with a family name, ``trailing``).

A run stops before a word that starts a title or an organisation ("Nguyễn Văn An Giám đốc ...").
Places are never names: the ``places`` layer says where they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg import gazetteer
from kg.data import load_table
from kg.extraction import orgs
from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer
from kg.extraction.titles import find_honorifics, surnames, title_at
from kg.text import UPPER

_WORD = re.compile(r"[^\s,;:.()\"“”]+")


@cache
def _not_names() -> tuple[frozenset[str], frozenset[str]]:
    """Runs that are never names, and words that never belong to one (``data/not_names.tsv``)."""
    rows = load_table("not_names", ("text", "kind"))
    return (
        frozenset(r["text"] for r in rows if r["kind"] == "phrase"),
        frozenset(r["text"] for r in rows if r["kind"] == "word"),
    )


@dataclass(frozen=True, slots=True)
class Run:
    """Capitalised words separated by single spaces; ``words`` are their spans."""

    start: int
    end: int
    words: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    cue: str  # "honorific" | "surname" | "trailing"


def clause_openers() -> frozenset[str]:
    """Capitalised words that open a clause and never belong to a name ("Trong", "Theo", "Sáng")."""
    return _not_names()[1]


def is_capital(word: str) -> bool:
    """Capitalised, and not an acronym ("UBND", "HTX") unless it has an apostrophe ("K'Ho")."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper() and "'" not in word)


def starts_role_or_org(doc: Doc, pos: int) -> bool:
    """A title or an organisation begins at ``pos``, so a name before it ends there. A one-word
    head followed by a capitalised word is a given name as often ("Hứa Trường Sơn", "Lê Hội An")."""
    if title_at(doc.folded, pos):
        return True
    head = orgs.head_at(doc.text, pos)
    if head is None:
        return False
    after = pos + len(head.head)
    one_word = " " not in head.head
    return not (
        one_word and after + 1 < len(doc.text) and doc.text[after] == " " and doc.text[after + 1].isupper()
    )


# Capitalised words joined by single spaces; the words themselves are checked after (acronyms
# and the start of a title or organisation end a run).
_RUN = re.compile(rf"(?<![^\s,;:.()\"“”])[{UPPER}][^\s,;:.()\"“”]*(?: [{UPPER}][^\s,;:.()\"“”]*)*")


def _runs(doc: Doc) -> list[Run]:
    text = doc.text
    runs: list[Run] = []
    for m in _RUN.finditer(text):
        words: list[tuple[int, int]] = []
        pos = m.start()
        _, never = _not_names()
        for word in m.group(0).split(" "):
            end = pos + len(word)
            capital = is_capital(word) and word not in never
            if not capital or (words and starts_role_or_org(doc, pos)):
                if words:
                    runs.append(Run(words[0][0], words[-1][1], tuple(words)))
                words = [(pos, end)] if capital else []
            else:
                words.append((pos, end))
            pos = end + 1
        if words:
            runs.append(Run(words[0][0], words[-1][1], tuple(words)))
    return runs


def is_place(doc: Doc, start: int, end: int) -> bool:
    """Whether a capitalised run is a place ("Lâm Đồng", "TP Hồ Chí Minh"), not a person."""
    if doc.places.overlapping(max(0, start - 15), end) and any(
        p.start < end and start < p.end for p in doc.places.overlapping(start, end)
    ):
        return True
    words = doc.text[start:end].split()
    return any(gazetteer.province(" ".join(words[:n])) is not None for n in (2, 3) if n <= len(words))


def _valid(doc: Doc, start: int, end: int) -> bool:
    return doc.text[start:end] not in _not_names()[0] and not is_place(doc, start, end)


def _from(doc: Doc, run: Run, i: int) -> tuple[int, int] | None:
    """The name of up to four words that starts at word ``i`` of ``run``."""
    words = run.words[i : i + 4]
    if len(words) < 2:
        return None
    return (words[0][0], words[-1][1]) if _valid(doc, words[0][0], words[-1][1]) else None


def _trailing(doc: Doc, run: Run) -> tuple[int, int] | None:
    """The longest suffix of two to four words that starts with a family name."""
    text, family = doc.text, surnames()
    n = len(run.words)
    for i in range(max(0, n - 4), n - 1):
        s, _ = run.words[i]
        if text[s : run.words[i][1]] not in family:
            continue
        second = run.words[i + 1]
        if i > 0 and n - i == 4 and text[second[0] : second[1]] in family:
            continue  # "Tỉnh ủy Hải Dương Nguyễn Mạnh Hiển": the name starts at the second family name
        if n - i < 3 and starts_role_or_org(doc, s):
            continue
        if _valid(doc, s, run.end):
            return s, run.end
    return None


@component("names", reads=["places"], adds=["runs", "names"])
def add_names(doc: Doc) -> None:
    """Capitalised runs, and every name candidate they hold."""
    text, family = doc.text, surnames()
    runs = Layer(_runs(doc))
    doc.add("runs", runs)
    found: list[NameMention] = []
    for run in runs:
        for i, (s, e) in enumerate(run.words):
            if text[s:e] in family:
                span = _from(doc, run, i)
                if span:
                    found.append(NameMention(*span, "surname"))
        tail = _trailing(doc, run)
        if tail:
            found.append(NameMention(*tail, "trailing"))
    for h in find_honorifics(text, doc.folded):
        run = runs.last_before(h.end() + 1) or None
        run = next((r for r in runs.overlapping(h.end(), h.end() + 1)), None)
        if run is None:
            continue
        i = next((k for k, (s, _) in enumerate(run.words) if s == h.end()), None)
        span = _from(doc, run, i) if i is not None else None
        if span:
            found.append(NameMention(*span, "honorific"))
    doc.add("names", Layer(found))


def name_at(doc: Doc, pos: int, cue: str) -> tuple[int, int] | None:
    """The name of the given cue that starts at ``pos``, if any."""
    for m in doc.names.starting(pos, pos + 1):
        if m.cue == cue:
            return m.start, m.end
    return None


def trailing_name(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The person named after an organisation within ``[start, end)``, role first."""
    for m in doc.names.within(start, end):
        if m.cue == "trailing":
            return m.start, m.end
    return None
