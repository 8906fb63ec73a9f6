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
from dataclasses import dataclass, field, replace
from functools import cache

from kg import gazetteer
from kg.data import load_table
from kg.extract import orgs
from kg.extract.model import Doc, Membership, Org, Person, Sentence
from kg.text import LOWER, UPPER

# Segment separators; a dash between two parts of a region's name ("miền Trung - Tây Nguyên",
# "Bắc - Nam") joins rather than separates.
_REGION_DASH = r"(?<!miền Trung)(?<!miền Bắc)(?<!miền Nam)(?<!Bắc)(?<!Nam)"
_SEP = re.compile(
    rf"\s*;\s*|,\s*|{_REGION_DASH}\s+[-–—]\s+(?!Tây Nguyên|Nam Bộ|Bắc Bộ|Trung Bộ|Nam Trung Bộ|Bắc Trung Bộ|Nam\b|Bắc\b)"
    r"|\s*:\s+|\s+và\s+(?=(?:ông|bà|đồng chí|anh|chị)\s)"
)
_WORD = re.compile(r"[^\s,;:.()\"“”]+")
_LOCATION = re.compile(
    r"^(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?|ấp|thôn|bản|tổ)\s", re.I
)
_LEAD = re.compile(r"^(?:và|cùng|cùng với|với|có|gồm|là|của|bên cạnh)\s+", re.I)
# Words after which a list of attendees begins: "Tham dự hội nghị có Phó Bí thư ...".
_LEAD_IN = re.compile(
    rf"\b(?:có|gồm|cùng|cùng với|với sự tham dự của|sự tham dự của|theo|Theo|của|là)\s+(?=(?i:đồng chí\s+|ông\s+|bà\s+)?[{UPPER}])"
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
    rows = sorted(
        load_table("roles", ("title", "default_org", "unit", "canonical")), key=lambda r: -len(r["title"])
    )
    alternation = "|".join(re.escape(r["title"]) for r in rows)
    return rows, re.compile(rf"(?:Quyền\s+)?(?:{alternation})(?!\w)", re.I)


@cache
def _honorifics() -> re.Pattern[str]:
    words = sorted((r["honorific"] for r in load_table("honorifics", ("honorific",))), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?i:{alternation})(?:\s+|(?<=\.))(?=[{UPPER}])")


@cache
def _surnames() -> frozenset[str]:
    return frozenset(r["surname"] for r in load_table("surnames", ("surname",)))


def _canonical_title(written: str) -> str:
    """The title as the table spells it where the text abbreviates ("Phó GĐ" -> "Phó Giám đốc"),
    else as written, with a capital first letter."""
    title = _role_row(written)["canonical"] or written
    return title[0].upper() + title[1:]


def _role_row(title: str) -> dict[str, str]:
    rows, _ = _roles()
    key = re.sub(r"^quyền\s+", "", title.casefold())
    return next(r for r in rows if r["title"].casefold() == key or (r["canonical"] or "").casefold() == key)


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


def _runs(text: str, start: int, end: int) -> list[list[re.Match[str]]]:
    """Maximal runs of capitalised words (separated by single spaces) in ``text[start:end]``."""
    runs: list[list[re.Match[str]]] = []
    for m in _WORD.finditer(text, start, end):
        if not _is_capital(m.group(0)):
            continue
        if runs and text[runs[-1][-1].end() : m.start()] == " ":
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def trailing_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The person named after an organisation (role first: "Chủ tịch UBND tỉnh Đắk Lắk Phạm Ngọc
    Nghị"): in the first capitalised run that holds one, the longest suffix of two to four words
    that starts with a family name and is not a place ("Đắk Lắk Phạm Ngọc Nghị" -> "Phạm Ngọc Nghị")."""
    surnames = _surnames()
    for run in _runs(text, start, end):
        for i in range(max(0, len(run) - 4), len(run) - 1):
            if run[i].group(0) not in surnames:
                continue
            if i > 0 and len(run) - i == 4 and run[i + 1].group(0) in surnames:
                continue  # "Tỉnh ủy Hải Dương Nguyễn Mạnh Hiển": the name starts at the second family name
            if len(run) - i < 3 and _starts_role_or_org(text[run[i].start() :]):
                continue
            s, e = run[i].start(), run[-1].end()
            if text[s:e] not in _NOT_NAMES and not _is_place(text, s, e):
                return s, e
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


_KIEM = re.compile(r"\s+kiêm\s+")


def _parse_roles(text: str, start: int, end: int, after_name: bool = False) -> list[_Role]:
    """The roles of a segment: one, or two joined by "kiêm" with the organisation written once
    ("Chủ tịch HĐQT kiêm Giám đốc HTX Tân Phú": both posts are in HTX Tân Phú)."""
    joint = _KIEM.search(text, start, end)
    if joint:
        left = _parse_role(text, start, joint.start(), after_name)
        right = _parse_role(text, joint.end(), end, after_name=True)
        if left and right and not left.name:
            if not left.org_text:
                left.org_text = right.org_text
            return [left, right]
    role = _parse_role(text, start, end, after_name)
    return [role] if role else []


def _parse_role(text: str, start: int, end: int, after_name: bool = False) -> _Role | None:
    """A role segment: title at the start, then organisation, maybe a name at the end.

    Titles are capitalised ("Phó Chủ tịch UBND tỉnh"), except right after a name, where the
    genre also writes them in lower case when an organisation follows ("kế toán HTX")."""
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
    if not m:
        return None
    if not text[m.start()].isupper():
        rest = text[m.end() :].lstrip()
        if not (after_name and orgs.head_at(rest)):
            return None
    title = _canonical_title(m.group(0))
    rest_start = m.end()
    while rest_start < end and text[rest_start] == " ":
        rest_start += 1
    name = trailing_name(text, rest_start, end)
    org_end = name[0] if name else end
    segment = text[rest_start:org_end]
    org_text = orgs.cut_phrase(segment)
    cut = len(org_text) < len(segment.strip(" .,:;-–")) and not name
    unit = _role_row(title)["unit"]
    if unit and org_text and orgs.head_at(org_text) is None:
        org_text = f"{unit} {org_text}"
    return _Role(title, org_text, m.start(), org_end if name else rest_start + len(org_text), cut, name=name)


def _parse_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    hon = _honorifics().search(text, start, end)
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


# "Về phía Liên minh HTX Việt Nam có đồng chí ...": the people listed speak for that side.
_SIDE = re.compile(rf"\bphía\s+([{UPPER}][^,;:]*?)\s+(?:có|gồm)\b")


def extract_people(doc: Doc) -> None:
    """Component: adds `Person` and `Membership` facts for every sentence."""
    for sentence in doc.sentences:
        first = len(doc.memberships)
        _sentence(doc, sentence)
        _side(doc, sentence, first)
    seen: set[tuple[str, str, str]] = set()
    with_org = {(m.person, m.role.casefold()) for m in doc.memberships if m.org}
    unique = []
    for m in doc.memberships:  # a caption repeating a sentence reports the same post once
        key = (m.person, m.role.casefold(), m.org.name if m.org else "")
        if key in seen:
            continue
        if m.org is None and (
            (m.person, m.role.casefold()) in with_org or _role_row(m.role)["default_org"] != "-"
        ):
            continue  # a post with no organisation says little, unless the title stands alone
        seen.add(key)
        unique.append(m)
    doc.memberships = [m for m in unique if not _shorter_twin(m, unique)]


def _sentence(doc: Doc, sentence: Sentence) -> None:
    text = doc.text
    current: tuple[int, int] | None = None
    weak: tuple[int, int] | None = None  # the last role-first name, for roles no later name claims
    pending: list[_Role] = []
    last_role: _Role | None = None

    def assign(span: tuple[int, int], roles: list[_Role], rule: str, follow: bool = True) -> None:
        name = text[span[0] : span[1]]
        for r in roles:
            org = _org(r, _local_province(doc, sentence, r.start))
            doc.memberships.append(
                Membership(
                    name, r.title, org, min(span[0], r.start), max(span[1], r.end), sentence.index, rule
                )
            )
        # "... Vương Đình Huệ làm Trưởng đoàn", "... Nguyễn Văn A kiêm Giám đốc HTX X"
        more = _ALSO.match(text, span[1], sentence.end) if follow else None
        if more:
            seg_end = next((e for s, e, _ in _segments(text, more.end(), sentence.end)), sentence.end)
            extra = _parse_role(text, more.end(), seg_end, after_name=True)
            if extra and not extra.name:
                assign(span, [extra], "people.name-then-also-role", follow=False)

    for seg_start, seg_end, hard in _segments(text, sentence.start, sentence.end):
        if hard:
            current, pending, weak = None, [], None
        roles = _parse_roles(text, seg_start, seg_end, after_name=current is not None)
        role = roles[-1] if roles else None
        if (
            role
            and role.name
            and current
            and not pending
            and len(text[role.name[0] : role.name[1]].split()) == 2
        ):
            # "Ông Lê Văn Thanh, Chủ nhiệm HTX Hà Ninh thừa nhận": while a named person is open,
            # a two-word run after the organisation is the end of its name, not a new person.
            role = roles[-1] = _without_name(role, text)
        if role:
            last_role = role
            if role.name:
                _person(doc, sentence, role.name, "people.role-before-name")
                assign(role.name, [*pending, *roles], "people.role-before-name")
                current, pending = None, []
                weak = role.name
            elif current and not pending:
                assign(current, roles, "people.name-then-role")
                if role.cut:
                    current = None
            else:
                pending.extend(roles)
            continue
        if pending and weak and not _could_continue(text[seg_start:seg_end]):
            # "Phó Thủ tướng Vương Đình Huệ, Trưởng Ban Chỉ đạo ..., chủ trì": no later name
            # claimed the roles, so they follow the role-first name before them.
            assign(weak, pending, "people.role-before-name-then-role")
            pending = []
        span = _parse_name(text, seg_start, seg_end)
        if span:
            _person(doc, sentence, span, "people.name")
            if pending:
                assign(span, pending, "people.role-before-name")
                pending = []
            current = span
            also = _ALSO.match(text, span[1], seg_end)
            if also:  # "Ông Trần Văn Nam được bầu làm Chủ nhiệm HTX Điện Quang"
                later = _parse_role(text, also.end(), seg_end, after_name=True)
                if later and not later.name:
                    assign(span, [later], "people.name-then-also-role", follow=False)
            paren = re.match(r"\s*\(([^)]*)\)", text[span[1] : seg_end])
            if paren:
                inner = _parse_role(text, span[1] + paren.start(1), span[1] + paren.end(1))
                if inner:
                    assign(span, [inner], "people.name-parenthesis-role")
            continue
        segment = text[seg_start:seg_end]
        also = _ALSO.search(text, seg_start, seg_end) if current else None
        if also:  # "ông Phan Văn Linh, sinh ngày 12/12/1960 giữ chức vụ Giám đốc Sở ..."
            later = _parse_role(text, also.end(), seg_end, after_name=True)
            if later and not later.name:
                assign(current, [later], "people.name-then-also-role")
                continue
        if last_role and _LOCATION.match(segment) and last_role.location is None:
            stop = orgs.STOP.search(segment)
            last_role.location = (segment[: stop.start()] if stop else segment).strip(" .,;")
            last = doc.memberships[-1] if doc.memberships else None
            if last and last.org and last.sentence == sentence.index and last.role == last_role.title:
                org = replace(last.org, location=last_role.location)
                doc.memberships[-1] = replace(last, org=org)
            continue
        if pending and len(segment.split()) <= 8:
            tail = trailing_name(text, seg_start, seg_end)
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
    if pending and weak:
        assign(weak, pending, "people.role-before-name-then-role")


def _shorter_twin(m: Membership, all_: list[Membership]) -> bool:
    """Whether a longer spelling of the same post exists ("Ủy ban Trung ương Mặt trận Tổ quốc" and
    "... Tổ quốc Việt Nam" for one person and title): the longer one is kept."""
    if m.org is None:
        return False
    key = orgs.org_key(m.org.name)
    return any(
        o is not m
        and o.person == m.person
        and o.role.casefold() == m.role.casefold()
        and o.org is not None
        and len(orgs.org_key(o.org.name)) > len(key)
        and orgs.org_key(o.org.name).startswith(key)
        for o in all_
    )


def _side(doc: Doc, sentence: Sentence, first: int) -> None:
    """Units named without a place in a national side's list are that side's, not the host
    province's: "phía Liên minh HTX Việt Nam có ... Tổng Giám đốc Trung tâm Khoa học Công nghệ"."""
    m = _SIDE.search(sentence.text)
    side = orgs.resolve(m.group(1), doc.province) if m else None
    if side is None or side.scope != "vn":
        return
    for i in range(first, len(doc.memberships)):
        member = doc.memberships[i]
        org = member.org
        if (
            org
            and org.scope != "vn"
            and not gazetteer.find_places(org.surface)
            and not orgs.province_level(org)
        ):
            doc.memberships[i] = replace(member, org=replace(org, scope="vn", province=None))


def _could_continue(segment: str) -> bool:
    """A segment that may still be part of an organisation's name ("phát triển KTTT")."""
    return len(segment.split()) <= 8 and bool(re.match(rf"[{LOWER}]|[{UPPER}]{{2,}}\b", segment.strip()))


_ALSO = re.compile(r"\s+(?:làm|kiêm|giữ chức(?: vụ)?|được bổ nhiệm(?: giữ chức(?: vụ)?)?|được bầu làm)\s+")


def _without_name(role: _Role, text: str) -> _Role:
    """The same role with the run it took for a name put back into its organisation."""
    assert role.name is not None
    org_text = orgs.cut_phrase(
        text[role.end : role.name[1]]
        if not role.org_text
        else f"{role.org_text} {text[role.name[0] : role.name[1]]}"
    )
    return _Role(role.title, org_text, role.start, role.name[1], cut=True, location=role.location)


def _local_province(doc: Doc, sentence: Sentence, pos: int) -> str | None:
    """The province "tỉnh" means at ``pos``: the last one named earlier in the sentence, else in
    the sentence before it (articles that go province by province: "Quảng Trị: Ngày 10/7, Chủ tịch
    UBND tỉnh ..."), else the article's."""
    before = [p for p in gazetteer.find_places(doc.text[sentence.start : pos]) if p.kind == "province"]
    if not before and sentence.index > 0:
        previous = doc.sentences[sentence.index - 1]
        if previous.paragraph == sentence.paragraph:
            before = [p for p in gazetteer.find_places(previous.text) if p.kind == "province"]
    return before[-1].name if before else doc.province


def _org(role: _Role, province: str | None) -> Org | None:
    text = role.org_text
    if role.extra and text:
        text = ", ".join([text, *[e for e in role.extra if e]])
    org = orgs.resolve(text, province) if text else None
    if org is None and not text:
        default = _role_row(role.title)["default_org"]
        org = orgs.resolve(default, province) if default and default != "-" else None
    if org and role.location:
        org = Org(org.name, org.surface, org.kind, org.scope, org.province, role.location)
    return org


def _person(doc: Doc, sentence: Sentence, span: tuple[int, int], rule: str) -> None:
    doc.people.append(Person(doc.text[span[0] : span[1]], span[0], span[1], sentence.index, rule))
