"""People and the posts they hold, in every order the genre writes them.

A sentence is cut into segments at ",", ";", " - " and ":"; each segment is a *name*
("Đồng chí Huỳnh Bài"), a *role* ("Chủ tịch Liên minh HTX tỉnh", possibly ending with a
name: "Phó Bí thư Thường trực Tỉnh ủy Phạm Minh Tấn"), or *other*. One walk over the
segments assigns roles:

- name first: roles that follow a name belong to it until something else intervenes
  ("Đồng chí Nguyễn Quang Hưng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch thường trực UBND tỉnh");
- role first: roles wait for the name that closes them ("Phó Chủ tịch UBND tỉnh, Trưởng Ban
  chỉ đạo ..., HTX tỉnh Nguyễn Thiên Văn"), and a ";" ends a list item either way.

Names are runs of capitalised syllables introduced by an honorific, or starting with a
family name (``data/surnames.tsv``) where nothing introduces them; never a place name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.data import load_table
from kg.extract import gazetteer, orgs
from kg.extract.model import Doc, Membership, Org, Person, Sentence
from kg.extract.normalize import LOWER, UPPER

_SEP = re.compile(r"\s*;\s*|,\s*|\s+[-–—]\s+|\s*:\s+|\s+và\s+(?=(?:ông|bà|đồng chí|anh|chị)\s)")
_WORD = re.compile(r"[^\s,;:.()\"“”]+")
_LOCATION = re.compile(
    r"^(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?|ấp|thôn|bản|tổ)\s", re.I
)
_LEAD = re.compile(r"^(?:và|cùng|cùng với|với|có|gồm|là|của|bên cạnh)\s+", re.I)
# Words after which a list of attendees begins: "Tham dự hội nghị có Phó Bí thư ...".
_LEAD_IN = re.compile(
    rf"\b(?:có|gồm|cùng|cùng với|với sự tham dự của|sự tham dự của)\s+(?=(?i:đồng chí\s+|ông\s+|bà\s+)?[{UPPER}])"
)
_NOT_NAMES = {
    "Việt Nam",
    "Nhà Nước",
    "Nhà nước",
    "Bác Hồ",
    "Chính Phủ",
    "Trung Quốc",
    "Hoa Kỳ",
    "Nông Thôn Mới",
}


@cache
def _roles() -> tuple[list[dict[str, str]], re.Pattern[str]]:
    rows = sorted(load_table("roles", ("title", "default_org", "unit")), key=lambda r: -len(r["title"]))
    alternation = "|".join(re.escape(r["title"]) for r in rows)
    return rows, re.compile(rf"(?:{alternation})(?!\w)", re.I)


@cache
def _honorifics() -> re.Pattern[str]:
    words = sorted((r["honorific"] for r in load_table("honorifics", ("honorific",))), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:^|(?<=\s))(?i:{alternation})(?:\s+|(?<=\.))(?=[{UPPER}])")


@cache
def _surnames() -> frozenset[str]:
    return frozenset(r["surname"] for r in load_table("surnames", ("surname",)))


def _role_row(title: str) -> dict[str, str]:
    rows, _ = _roles()
    return next(r for r in rows if r["title"].casefold() == title.casefold())


def _is_capital(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper() and "'" not in word)


def _starts_role_or_org(text: str) -> bool:
    _, role_pattern = _roles()
    return bool(role_pattern.match(text)) or orgs.head_at(text) is not None


def name_at(text: str, pos: int, need_surname: bool) -> tuple[int, int] | None:
    """The span of a personal name starting at ``pos`` (2 to 4 capitalised words), or None."""
    words = []
    for m in _WORD.finditer(text, pos):
        if m.start() != pos and text[pos : m.start()].strip():
            break
        w = m.group(0)
        if not _is_capital(w) or (words and _starts_role_or_org(text[m.start() :])):
            break
        words.append(m)
        pos = m.end()
        if len(words) == 4:
            break
    if len(words) < 2:
        return None
    start, end = words[0].start(), words[-1].end()
    name = text[start:end]
    if need_surname and words[0].group(0) not in _surnames():
        return None
    if name in _NOT_NAMES or _is_place(text, start, end):
        return None
    return start, end


def _is_place(text: str, start: int, end: int) -> bool:
    """Whether a capitalised run is a place ("Lâm Đồng", "TP Hồ Chí Minh"), not a person."""
    window = max(0, start - 15)
    for place in gazetteer.find_places(text[window:end]):
        if window + place.start < end and start < window + place.end:
            return True
    words = text[start:end].split()
    return any(gazetteer.province(" ".join(words[:n])) is not None for n in (2, 3) if n <= len(words))


def _trailing_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A family-name-led name inside ``text[start:end]``, the first one found (B-pattern)."""
    for m in _WORD.finditer(text, start, end):
        if m.group(0) in _surnames():
            span = name_at(text, m.start(), need_surname=True)
            if span:
                return span
    return None


@dataclass
class _Role:
    title: str
    org_text: str
    start: int
    end: int
    cut: bool
    location: str | None = None
    name: tuple[int, int] | None = None
    extra: list[str] = field(default_factory=list)


def _parse_role(text: str, start: int, end: int) -> _Role | None:
    """A role segment: title at the start, then organisation, maybe a name at the end."""
    lead = _LEAD.match(text[start:end])
    pos = start + (lead.end() if lead else 0)
    hon = _honorifics().match(text, pos)
    if hon and hon.end() <= end:
        pos = hon.end()
    _, role_pattern = _roles()
    m = role_pattern.match(text, pos, end)
    if not m:
        lead_in = _LEAD_IN.search(text, pos, end)
        if lead_in:
            hon = _honorifics().match(text, lead_in.end())
            m = role_pattern.match(text, hon.end() if hon else lead_in.end(), end)
    if not m or not text[m.start()].isupper():
        return None
    title = m.group(0)
    rest_start = m.end()
    while rest_start < end and text[rest_start] == " ":
        rest_start += 1
    name = _trailing_name(text, rest_start, end)
    org_end = name[0] if name else end
    segment = text[rest_start:org_end]
    org_text = orgs.cut_phrase(segment)
    cut = len(org_text) < len(segment.strip(" .,:;-–")) and not name
    unit = _role_row(title)["unit"]
    if unit and org_text and orgs.head_at(org_text) is None:
        org_text = f"{unit} {org_text}"
    return _Role(title, org_text, m.start(), org_end if name else rest_start + len(org_text), cut, name=name)


def _parse_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    hon = None
    for h in _honorifics().finditer(text, start, end):
        hon = h
        break
    if hon:
        return name_at(text, hon.end(), need_surname=False)
    lead = _LEAD.match(text[start:end])
    return name_at(text, start + (lead.end() if lead else 0), need_surname=True)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, after_semicolon) for each segment of ``text[start:end]``."""
    out: list[tuple[int, int, bool]] = []
    pos, hard = start, False
    for m in _SEP.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start(), hard))
        hard = ";" in m.group(0)
        pos = m.end()
    if pos < end:
        out.append((pos, end, hard))
    return out


def extract_people(doc: Doc) -> None:
    """Component: adds `Person` and `Membership` facts for every sentence."""
    for sentence in doc.sentences:
        _sentence(doc, sentence)
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for m in doc.memberships:  # a caption repeating a sentence reports the same post once
        key = (m.person, m.role.casefold(), m.org.name if m.org else "")
        if key not in seen:
            seen.add(key)
            unique.append(m)
    doc.memberships = unique


def _sentence(doc: Doc, sentence: Sentence) -> None:
    text = doc.text
    current: tuple[int, int] | None = None
    pending: list[_Role] = []
    last_role: _Role | None = None

    def assign(span: tuple[int, int], roles: list[_Role], rule: str) -> None:
        name = text[span[0] : span[1]]
        for r in roles:
            org = _org(r, doc.province)
            doc.memberships.append(
                Membership(
                    name, r.title, org, min(span[0], r.start), max(span[1], r.end), sentence.index, rule
                )
            )

    for seg_start, seg_end, hard in _segments(text, sentence.start, sentence.end):
        if hard:
            current, pending = None, []
        role = _parse_role(text, seg_start, seg_end)
        if role:
            last_role = role
            if role.name:
                _person(doc, sentence, role.name, "people.role-before-name")
                assign(role.name, [*pending, role], "people.role-before-name")
                current, pending = None, []
            elif current and not pending:
                assign(current, [role], "people.name-then-role")
                if role.cut:
                    current = None
            else:
                pending.append(role)
            continue
        span = _parse_name(text, seg_start, seg_end)
        if span:
            _person(doc, sentence, span, "people.name")
            if pending:
                assign(span, pending, "people.role-before-name")
                pending = []
            current = span
            paren = re.match(r"\s*\(([^)]*)\)", text[span[1] : seg_end])
            if paren:
                inner = _parse_role(text, span[1] + paren.start(1), span[1] + paren.end(1))
                if inner:
                    assign(span, [inner], "people.name-parenthesis-role")
            continue
        segment = text[seg_start:seg_end]
        if last_role and _LOCATION.match(segment) and last_role.location is None:
            last_role.location = segment.strip()
            continue
        if pending and len(segment.split()) <= 8:
            tail = _trailing_name(text, seg_start, seg_end)
            if tail:
                pending[-1].extra.append(text[seg_start : tail[0]].strip())
                _person(doc, sentence, tail, "people.role-before-name")
                assign(tail, pending, "people.role-before-name")
                pending, current = [], None
                continue
            if not re.match(rf"[{LOWER}]|[{UPPER}]{{2,}}\b", segment):
                pending = []
            else:
                pending[-1].extra.append(segment.strip())
            continue
        current = None


def _org(role: _Role, province: str | None) -> Org | None:
    text = role.org_text
    if role.extra and text:
        text = ", ".join([text, *[e for e in role.extra if e]])
    org = orgs.resolve(text, province) if text else None
    if org is None and not text:
        default = _role_row(role.title)["default_org"]
        org = orgs.resolve(default, province) if default else None
    if org and role.location:
        org = Org(org.name, org.surface, org.kind, org.scope, org.province, role.location)
    return org


def _person(doc: Doc, sentence: Sentence, span: tuple[int, int], rule: str) -> None:
    doc.people.append(Person(doc.text[span[0] : span[1]], span[0], span[1], sentence.index, rule))
