"""People and the posts they hold, in every order the genre writes them.

A sentence is cut into segments at ",", ";", " - " and ":"; each segment is a *name*
("Đồng chí Huỳnh Bài"), a *role* ("Chủ tịch Liên minh HTX tỉnh", possibly ending with a
name: "Phó Bí thư Thường trực Tỉnh ủy Phạm Minh Tấn"), or *other*. One walk over the
segments assigns roles:

- name first: roles that follow a name belong to it until something else intervenes
  ("Đồng chí Nguyễn Quang Hưng, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch thường trực UBND tỉnh");
- role first: roles wait for the name that closes them ("Phó Chủ tịch UBND tỉnh, Trưởng Ban
  chỉ đạo ..., HTX tỉnh Nguyễn Thiên Văn"), and a ";" ends a list item either way.

Names come from the ``names`` layer, places from ``places``, and the posts of one sentence are
drafted during the walk and made facts once the sentence is read, so a later segment (the
location of a cooperative) completes a post before it exists rather than rewriting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from kg.data import load_table
from kg.extraction import orgs
from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer, Sentence
from kg.extraction.facts import Membership, Org, Person
from kg.extraction.names import clause_openers, name_at, trailing_name
from kg.extraction.titles import (
    canonical_title,
    find_honorifics,
    find_title,
    honorific_at,
    role_row,
    title_at,
)
from kg.text import LOWER, UPPER, fold, trie_regex

# Segment separators; a dash between two parts of a region's name ("miền Trung - Tây Nguyên",
# "Bắc - Nam") joins rather than separates.
_REGION_DASH = r"(?<!miền Trung)(?<!miền Bắc)(?<!miền Nam)(?<!Bắc)(?<!Nam)"
_SEP = re.compile(
    rf"\s*;\s*|,\s*|{_REGION_DASH}\s+[-–—]\s+(?!Tây Nguyên|Nam Bộ|Bắc Bộ|Trung Bộ|Nam Trung Bộ|Bắc Trung Bộ|Nam\b|Bắc\b)"
    r"|\s*:\s+|\s+và\s+(?=(?:ông|bà|đồng chí|anh|chị)\s)"
)
_LOCATION = re.compile(
    r"^(?:xã(?!\s+hội\b)|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|TP\.?|ấp|thôn|bản|tổ)\s", re.I
)  # "Xã hội" (society: "Ban Văn hóa - Xã hội") is no commune
_LEAD = re.compile(r"^(?:và|cùng|cùng với|với|có|gồm|là|của|bên cạnh)\s+", re.I)
# Words after which a list of attendees begins: "Tham dự hội nghị có Phó Bí thư ...".
_LEAD_IN = re.compile(
    rf"\b(?:có|gồm|cùng|cùng với|với sự tham dự của|sự tham dự của|theo|Theo|của|là)\s+(?=(?i:đồng chí\s+|ông\s+|bà\s+)?[{UPPER}])"
)
_KIEM = re.compile(r"\s+kiêm\s+")
# A post held before: "nguyên Chủ tịch", "cố Bí thư", "cựu Chủ tịch nước" (case-folded text).
_FORMER = re.compile(r"(?:nguyên|cố|cựu)\s+")
_ALSO = re.compile(rf"\s+(?:{trie_regex(r['verb'] for r in load_table('post_verbs', ('verb',)))})\s+")
# "Về phía Liên minh HTX Việt Nam có đồng chí ...": the people listed speak for that side.
_SIDE = re.compile(rf"\bphía\s+([{UPPER}][^,;:]*?)\s+(?:có|gồm)\b")


@dataclass
class _Role:
    """A post as read from a segment, before it becomes a fact: its title, the span of its
    organisation phrase (``org_start``..``org_end``, after ``prefix``), and a name if the segment
    ends with one."""

    title: str
    start: int
    end: int
    org_start: int
    org_end: int
    cut: bool
    prefix: str = ""
    former: str = ""  # "nguyên", "cố", "cựu": the post was held before
    location: str | None = None
    name: tuple[int, int] | None = None

    @property
    def has_org(self) -> bool:
        return self.org_end > self.org_start or bool(self.prefix)


@dataclass
class _Draft:
    """The posts of one sentence as the walk assigns them."""

    doc: Doc
    sentence: Sentence
    posts: list[tuple[tuple[int, int], _Role, str]] = field(default_factory=list)
    people: list[tuple[tuple[int, int], str]] = field(default_factory=list)


def _parse_roles(doc: Doc, start: int, end: int, after_name: bool = False) -> list[_Role]:
    """The roles of a segment: one, or two joined by "kiêm" with the organisation written once
    ("Chủ tịch HĐQT kiêm Giám đốc HTX Tân Phú": both posts are in HTX Tân Phú)."""
    joint = _KIEM.search(doc.text, start, end)
    if joint:
        left = _parse_role(doc, start, joint.start(), after_name)
        right = _parse_role(doc, joint.end(), end, after_name=True)
        if left and right and not left.name:
            if not left.has_org:
                left.org_start, left.org_end, left.prefix = right.org_start, right.org_end, right.prefix
            return [left, right]
    role = _parse_role(doc, start, end, after_name)
    if role is None:
        return []
    more = _ALSO.match(doc.text, role.org_end, end) if not role.name else None
    if more:  # "nguyên Phó Bí thư Đảng ủy khối ... giữ chức Chủ tịch Liên minh HTX tỉnh"
        then = _parse_role(doc, more.end(), end, after_name=True)
        if then and not then.name:
            return [role, then]
    return [role]


def _parse_role(doc: Doc, start: int, end: int, after_name: bool = False) -> _Role | None:
    """A role segment: title at the start, then organisation, maybe a name at the end.

    Titles are capitalised ("Phó Chủ tịch UBND tỉnh"), except right after a name, where the
    genre also writes them in lower case when an organisation follows ("kế toán HTX")."""
    text = doc.text
    lead = _LEAD.match(text, start, end)
    pos = lead.end() if lead else start
    hon = honorific_at(text, doc.folded, pos, end)
    if hon and hon.end() <= end:
        pos = hon.end()
    former = _FORMER.match(doc.folded, pos, end)
    m = title_at(doc.folded, former.end() if former else pos, end)
    if not m:
        lead_in = _LEAD_IN.search(text, pos, end)
        if lead_in:
            hon = honorific_at(text, doc.folded, lead_in.end(), end)
            at = hon.end() if hon else lead_in.end()
            former = _FORMER.match(doc.folded, at, end)
            m = title_at(doc.folded, former.end() if former else at, end)
    if not m:
        m = _object_title(doc, pos, end)
        former = None
    if not m:
        return None
    rest_start = m.end()
    while rest_start < end and text[rest_start] == " ":
        rest_start += 1
    name = trailing_name(doc, rest_start, end)
    if name and orgs.STOP.search(text, rest_start, name[0]):
        name = None  # "Phó Bí thư Thành ủy TP dìu bà Huỳnh Thị Thơ": the clause goes on to another
    if (
        not text[m.start()].isupper()
        and not (
            after_name and (orgs.head_at(text, rest_start) or orgs.named_lower_head(text, rest_start, end))
        )
        and not (name and name[0] == rest_start)  # "đại biểu Nguyễn Văn A": a name right after it
    ):
        return None
    title = canonical_title(text[m.start() : m.end()])
    org_end = orgs.phrase_end(text, rest_start, name[0] if name else end)
    segment_end = name[0] if name else end
    cut = org_end < _stripped_end(text, rest_start, segment_end) and not name
    unit = role_row(title)["unit"]
    prefix = ""
    if unit and org_end > rest_start and orgs.head_at(text, rest_start) is None:
        prefix = f"{unit} "
    return _Role(
        title,
        former.start() if former else m.start(),
        segment_end if name else org_end,
        rest_start,
        org_end,
        cut,
        prefix,
        former=text[former.start() : former.end()].strip().lower() if former else "",
        name=name,
    )


_CAPITAL_WORD = re.compile(rf"(?<=\s)[{UPPER}]")


def _object_title(doc: Doc, start: int, end: int) -> re.Match[str] | None:
    """A full "Title Organisation Name" inside a clause ("đại biểu chất vấn Giám đốc Sở Tài chính
    Nguyễn Văn A"): a capitalised title, an organisation's head right after it, and the
    segment ending in a name. Without the name and the head, a title mid-clause is not a post."""
    text = doc.text
    name = trailing_name(doc, start, end)
    if name is None:
        return None
    for c in _CAPITAL_WORD.finditer(text, start + 1, name[0]):
        if doc.names.overlapping(start, c.start()):
            return None  # the clause has a person of its own before the title
        m = title_at(doc.folded, c.start(), end)
        if m is None:
            continue
        rest = m.end() + 1 if m.end() < end and text[m.end()] == " " else m.end()
        if orgs.head_at(text, rest) and orgs.phrase_end(text, rest, name[0]) >= _stripped_end(
            text, rest, name[0]
        ):
            return m
        return None
    return None


def _stripped_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " .,:;-–":
        end -= 1
    return end


def _parse_name(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    hon = next(find_honorifics(doc.text, doc.folded, start, end), None)
    if hon:
        return name_at(doc, hon.end(), "honorific")
    lead = _LEAD.match(doc.text, start, end)
    return name_at(doc, lead.end() if lead else start, "surname")


def _segments(doc: Doc, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, after_semicolon) for each segment of ``text[start:end]``; a separator inside
    a place's name ("Bà Rịa - Vũng Tàu") separates nothing."""
    out: list[tuple[int, int, bool]] = []
    pos, hard = start, False
    for m in _separators(doc, start, end):
        if any(p.start < m[0] and m[1] < p.end for p in doc.places.overlapping(m[0], m[1])):
            continue
        if m[0] > pos:
            out.append((pos, m[0], hard))
        hard = ";" in doc.text[m[0] : m[1]]
        pos = m[1]
    if pos < end:
        out.append((pos, end, hard))
    return out


_AND = re.compile(r"\s+và\s+")


def _separators(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Where segments part: the separators of _SEP, and a "và" before a title, which joins two
    people ("Thủ tướng X và Chủ tịch Ủy ban Trung ương MTTQ Việt Nam Y")."""
    found = [m.span() for m in _SEP.finditer(doc.text, start, end)]
    found += [m.span() for m in _AND.finditer(doc.folded, start, end) if title_at(doc.folded, m.end(), end)]
    return sorted(found)


def _could_continue(segment: str) -> bool:
    """A segment that may still be part of an organisation's name ("phát triển KTTT")."""
    return len(segment.split()) <= 8 and bool(re.match(rf"[{LOWER}]|[{UPPER}]{{2,}}\b", segment.strip()))


def _without_name(role: _Role, text: str) -> _Role:
    """The same role with the run it took for a name put back into its organisation, where the
    run follows the organisation's phrase directly ("Chủ nhiệm HTX Hà Ninh")."""
    assert role.name is not None
    adjacent = not text[role.org_end : role.name[0]].strip()
    org_end = role.name[1] if adjacent else role.org_end
    return _Role(role.title, role.start, role.name[1], role.org_start, org_end, True, role.prefix)


@cache
def _org_name_words() -> re.Pattern[str]:
    words = (r["word"].casefold() for r in load_table("org_name_words", ("word",)))
    return re.compile(rf"(?:{trie_regex(words)})(?!\w)")


def _org_continuation(doc: Doc, start: int, end: int) -> int | None:
    """Where a segment that is still part of the organisation named before it ends, or None: a
    short noun phrase (up to a verb of the sentence), no person, title, place type or new
    organisation, either capitalised or opening with a word such lists are made of
    ("Thương mại", "Du lịch thành phố Hà Nội cho biết", "chế biến nông sản Thắng Cảnh")."""
    text = doc.text
    while start < end and text[start] == " ":
        start += 1
    phrase_end = orgs.phrase_end(text, start, end)
    segment = text[start:phrase_end]
    if not segment or len(segment.split()) > 7 or any(c.isdigit() for c in segment):
        return None
    if re.fullmatch(r"htx|hợp tác xã", doc.folded[start:phrase_end]) and re.search(
        r"(?:kinh tế tập thể|kttt)\W*$", doc.folded[max(0, start - 30) : start]
    ):
        return phrase_end  # "Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể, hợp tác xã"
    if (
        doc.names.starting(start, phrase_end)
        or title_at(doc.folded, start, end)
        or honorific_at(text, doc.folded, start, end)  # "Bộ Quốc phòng - Đại tướng ...": a rank
        or orgs.head_at(text, start)
        or _LOCATION.match(segment)
    ):
        return None
    if segment[0].isupper():
        # names capitalise the first syllable of each word ("Thương mại", "Du lịch"); a clause
        # opener ("Trong năm qua", "Theo ông") is the sentence going on, not the name
        ok = segment.split()[0] not in clause_openers()
    else:
        ok = bool(_org_name_words().match(doc.folded, start, end))
    return phrase_end if ok else None


def _extend(role: _Role, end: int) -> None:
    """A later segment continues the organisation of a role that has one ("Ban chỉ đạo đổi mới,
    phát triển KTTT, HTX tỉnh"); not one whose phrase already stopped at a verb."""
    if role.org_end > role.org_start and not role.cut:
        role.org_end = max(role.org_end, end)


# "các đại biểu X (Lạng Sơn), Y (Cần Thơ)": a title in the plural before a list of names.
_PLURAL_DELEGATES = re.compile(r"\b(?:các|những)\s+(?:vị\s+)?(đại biểu|ĐB)\s+(?=[A-ZĐ])")


def _walk(draft: _Draft) -> None:
    """Assign the roles of one sentence's segments to the names they belong to."""
    doc, sentence = draft.doc, draft.sentence
    text = doc.text
    current: tuple[int, int] | None = None
    weak: tuple[int, int] | None = None  # the last role-first name, for roles no later name claims
    pending: list[_Role] = []
    last_role: _Role | None = None
    open_org: _Role | None = None  # a post just given to a name, whose organisation may go on
    segments = _segments(doc, sentence.start, sentence.end)
    weak_end, weak_title = -1, ""  # where the segment that ended with the weak name ended, its title
    delegates: _Role | None = None  # "các đại biểu": the names listed after it are delegates

    def assign(span: tuple[int, int], found: list[_Role], rule: str, follow: bool = True) -> None:
        for r in found:
            draft.posts.append((span, r, rule))
        # "... Vương Đình Huệ làm Trưởng đoàn", "... Nguyễn Văn A kiêm Giám đốc HTX X"
        more = _ALSO.match(text, span[1], sentence.end) if follow else None
        if more:
            seg_end = next((e for s, e, _ in _segments(doc, more.end(), sentence.end)), sentence.end)
            extra = _parse_role(doc, more.end(), seg_end, after_name=True)
            if extra and not extra.name:
                assign(span, [extra], "people.name-then-also-role", follow=False)

    def person(span: tuple[int, int], rule: str) -> None:
        draft.people.append((span, rule))

    for seg_start, seg_end, hard in segments:
        if hard:
            current, pending, weak, delegates = None, [], None, None
        found = _parse_roles(doc, seg_start, seg_end, after_name=current is not None)
        role = found[-1] if found else None
        if (
            role
            and role.name
            and current
            and not pending
            and len(text[role.name[0] : role.name[1]].split()) == 2
        ):
            # "Ông Lê Văn Thanh, Chủ nhiệm HTX Hà Ninh thừa nhận": while a named person is open,
            # a two-word run after the organisation is the end of its name, not a new person.
            role = found[-1] = _without_name(role, text)
        if role:
            last_role = role
            open_org = None
            if role.name:
                person(role.name, "people.role-before-name")
                assign(role.name, [*pending, *found], "people.role-before-name")
                current, pending = None, []
                # "Chủ tịch MTTQ Nguyễn Thiện Nhân cho rằng, ..., Thủ tướng Chính phủ, ...": a name
                # that its clause goes on past takes no later roles of the sentence
                weak = role.name if not _stripped_end(text, role.name[1], seg_end) > role.name[1] else None
                weak_end, weak_title = seg_end, role.title
            elif current and not pending:
                assign(current, found, "people.name-then-role")
                if role.cut:
                    current = None
                else:
                    open_org = role
            elif not role.cut:
                pending.extend(found)
            elif (
                weak
                and not pending
                and not text[weak_end:seg_start].strip(" ,-–")
                and not text[seg_start : found[0].start].strip()
                and orgs.head_at(text, role.org_start)
                and role.title != weak_title  # "Thủ tướng X, Thủ tướng Lào Y": two people
            ):
                # "Phó Thủ tướng Trương Hòa Bình - Chủ tịch Ủy ban ATGT Quốc gia phát biểu": a
                # title opening the segment right after a role-first name, with an organisation of
                # its own and a verb after it, is that name's too
                assign(weak, found, "people.role-before-name-then-role")
                weak = None
            # else: a title that is the subject of a verb ("Phó Bí thư Thành ủy nhận định, ...")
            # names someone named before, not the next name of the sentence
            continue
        if pending and weak and not _could_continue(text[seg_start:seg_end]):
            # "Phó Thủ tướng Vương Đình Huệ, Trưởng Ban Chỉ đạo ..., chủ trì": no later name
            # claimed the roles, so they follow the role-first name before them.
            assign(weak, [r for r in pending if r.title != weak_title], "people.role-before-name-then-role")
            pending = []
        plural = _PLURAL_DELEGATES.search(text, seg_start, seg_end)
        listed = name_at(doc, plural.end(), "surname") if plural else None
        if plural and listed:  # "các đại biểu Triệu Tuấn Hải (Lạng Sơn), Nguyễn Thanh Phương (Cần Thơ)"
            delegates = _Role("Đại biểu", plural.start(1), plural.end(1), plural.end(1), plural.end(1), False)
        span = listed or _parse_name(doc, seg_start, seg_end)
        if span and delegates and not pending:
            person(span, "people.name")
            assign(span, [delegates], "people.delegate-list", follow=False)
            current = span  # "..., Trần Văn Bình, Chủ tịch UBND tỉnh": a post of their own may follow
            continue
        delegates = None
        if span:
            open_org = None
            person(span, "people.name")
            if pending:
                assign(span, pending, "people.role-before-name")
                pending = []
            current = span
            also = _ALSO.match(text, span[1], seg_end)
            if also:  # "Ông Trần Văn Nam được bầu làm Chủ nhiệm HTX Điện Quang"
                later = _parse_role(doc, also.end(), seg_end, after_name=True)
                if later and not later.name:
                    assign(span, [later], "people.name-then-also-role", follow=False)
            paren = re.compile(r"\s*\(([^)]*)\)").match(text, span[1], seg_end)
            if paren:
                inner = _parse_role(doc, paren.start(1), paren.end(1))
                if inner:
                    assign(span, [inner], "people.name-parenthesis-role")
            continue
        segment = text[seg_start:seg_end]
        also = _ALSO.search(text, seg_start, seg_end) if current else None
        if also and current:  # "ông Phan Văn Linh, sinh ngày 12/12/1960 giữ chức vụ Giám đốc Sở ..."
            later = _parse_role(doc, also.end(), seg_end, after_name=True)
            if later and not later.name:
                assign(current, [later], "people.name-then-also-role")
                continue
        more = _org_continuation(doc, seg_start, seg_end) if open_org is not None and not pending else None
        if open_org is not None and more is not None:
            _extend(open_org, more)
            if more < _stripped_end(text, seg_start, seg_end):
                open_org = None  # the name stopped at a verb: what follows is the sentence's
            continue
        open_org = None
        if last_role and _LOCATION.match(segment) and last_role.location is None:
            stop = orgs.STOP.search(segment)
            last_role.location = (segment[: stop.start()] if stop else segment).strip(" .,;")
            continue
        tail = trailing_name(doc, seg_start, seg_end) if pending else None
        if tail and (
            len(segment.split()) <= 8
            or (
                _org_continuation(doc, seg_start, tail[0]) is not None
                and not orgs.STOP.search(text, seg_start, tail[0])
            )
        ):
            # "Trưởng phòng Kinh tế, UBND huyện Nguyễn Văn A", and "Trưởng Ban Văn hóa - Xã hội HĐND TP
            # Hà Nội Trần Thế Cương cho biết": the name that ends the organisation's next part, up to
            # the verb, holds the title before it
            _extend(pending[-1], _stripped_end(text, seg_start, tail[0]))
            person(tail, "people.role-before-name")
            assign(tail, pending, "people.role-before-name")
            pending, current = [], None
            continue
        if pending and len(segment.split()) <= 8:
            if not re.match(rf"[{LOWER}]|[{UPPER}]{{2,}}\b", segment) or orgs.STOP.match(
                " " + segment.lstrip()
            ):
                # a capitalised clause, or one opening with a verb or joiner ("cùng nhiều lãnh
                # đạo ..."), is the sentence going on, not the organisation's name
                pending = []
            else:
                _extend(pending[-1], _stripped_end(text, seg_start, seg_end))
            continue
        current = None
    if pending and weak:  # not the same title again: "Thủ tướng X, Thủ tướng Lào Y" are two people
        assign(weak, [r for r in pending if r.title != weak_title], "people.role-before-name-then-role")


def _local_province(doc: Doc, sentence: Sentence, pos: int) -> str | None:
    """The province "tỉnh" means at ``pos``: the last one named earlier in the sentence, else in
    the sentence before it (articles that go province by province: "Quảng Trị: Ngày 10/7, Chủ tịch
    UBND tỉnh ..."), else the article's, else the last one the article named before ``pos``."""
    before = [p for p in doc.places.within(sentence.start, pos) if p.kind == "province"]
    if not before and sentence.index > 0:
        previous = doc.sentences[sentence.index - 1]
        if previous.paragraph == sentence.paragraph:
            before = [p for p in doc.places.within(previous.start, previous.end) if p.kind == "province"]
    if before:
        return before[-1].name
    if doc.province:
        return doc.province
    earlier = [p for p in doc.places.within(0, pos) if p.kind == "province"]
    return earlier[-1].name if earlier else None


def _national_side(doc: Doc, sentence: Sentence) -> int | None:
    """Where a national side's list begins in the sentence ("phía Liên minh HTX Việt Nam có ..."),
    if it has one: units named after it without a place are that side's, not the host province's."""
    m = _SIDE.search(doc.text, sentence.start, sentence.end)
    if not m:
        return None
    side = orgs.resolve(doc, m.start(1), m.end(1), doc.province)
    return m.start() if side is not None and side.scope == "vn" else None


# "ĐB Nguyễn Văn A (đoàn Hà Tĩnh)", "đại biểu Trần B (Bình Phước)": the delegation a delegate is of.
_DELEGATION = re.compile(
    r"\s*(?:\(\s*(?:đoàn\s+(?:ĐBQH\s+|đại biểu Quốc hội\s+)?)?([^()]{2,40})\)|[-–]\s+(?:đoàn\s+)?([^,;:.()]{2,30}))",
    re.I,
)
_DELEGATE_TITLES = frozenset({"Đại biểu", "Đại biểu Quốc hội"})
_PROVINCE_ONLY = re.compile(r"\s*(?:đoàn\s+)?(?:tỉnh|thành phố|TP\.?)?\s*", re.I)


def _delegation(doc: Doc, role: _Role, name: tuple[int, int]) -> tuple[str, Org | None] | None:
    """A delegate's post from the province in brackets after the name: a National Assembly
    delegate of that province's delegation. With no brackets, a delegate of the body the article
    reports on (the National Assembly, else the provincial council)."""
    if role.title not in _DELEGATE_TITLES:
        return None
    if role.has_org:
        # "Đại biểu Quốc hội tỉnh Vĩnh Long Nguyễn Thị Quyên Thanh": the province is the delegation
        own = [p for p in doc.places.within(role.org_start, role.org_end) if p.kind == "province"]
        phrase = doc.text[role.org_start : role.org_end].strip()
        if (
            role.title != "Đại biểu Quốc hội"
            or len(own) != 1
            or not _PROVINCE_ONLY.fullmatch(phrase[: own[0].start - role.org_start])
        ):
            return None
        return _national_assembly_delegate(own[0].name)
    m = _DELEGATION.match(doc.text, name[1])
    group = (1 if m.group(1) else 2) if m else 0
    places = (
        [p for p in doc.places.overlapping(m.start(group), m.end(group)) if p.kind == "province"] if m else []
    )
    if group == 2:  # "ĐB X - Bến Tre thẳng thắn ...": the province right after the dash only
        places = [p for p in places if p.start == m.start(2)]
    if places:
        return _national_assembly_delegate(places[0].name)
    if "quốc hội" in doc.folded:
        return "Đại biểu Quốc hội", orgs.resolve_name("Quốc hội", None)
    if "hđnd" in doc.folded or "hội đồng nhân dân" in doc.folded:
        if not doc.province:
            return None
        return "Đại biểu", orgs.resolve_name(f"HĐND {orgs.full_name(doc.province)}", None)
    return None


def _national_assembly_delegate(province: str) -> tuple[str, Org | None]:
    """The post of a delegate of ``province``'s delegation to the National Assembly."""
    return "Đại biểu Quốc hội", orgs.resolve_name(f"Đoàn đại biểu Quốc hội {orgs.full_name(province)}", None)


def _org(doc: Doc, sentence: Sentence, role: _Role, side: int | None, named: _Named) -> Org | None:
    province = _local_province(doc, sentence, role.start)
    if role.has_org:
        org = orgs.resolve(doc, role.org_start, role.org_end, province, prefix=role.prefix)
        if org is None:  # "kế toán HTX", "Giám đốc Hợp tác xã": the one the article named
            head = orgs.head_at(doc.text, role.org_start)
            org = named.before(role.start, head.kind) if head and head.level == "local" else None
        elif (
            side is not None
            and org.scope != "vn"
            and not doc.places.within(role.org_start, role.org_end)
            and not orgs.province_level(org)
        ):
            org = replace(org, scope="vn", province=None)
        elif org.scope != "vn":  # "HTX Hà Ninh" for "HTX dịch vụ nông nghiệp Hà Ninh" named before
            org = named.fuller(org)
        if org is not None:
            org = _local_unit(doc, sentence, role.start, org)
    else:
        default = role_row(role.title)["default_org"]
        if default == "" and _MADE_HEAD.search(doc.text, sentence.start, role.start):
            # "HTX Nông nghiệp 714, ..., do ông Vũ Xuân Thu làm Giám đốc": the subject's
            org = named.in_sentence(sentence, role.start)
        else:
            org = orgs.resolve_name(default, province) if default and default != "-" else None
    if org and role.location:
        org = replace(org, location=role.location)
    return org


_BARE_UNIT = re.compile(r"\b(xã|phường|thị trấn|huyện|quận|thị xã)$")
_UNIT_KIND = {"xã": "commune", "phường": "commune", "thị trấn": "commune"}


def _local_unit(doc: Doc, sentence: Sentence, pos: int, org: Org) -> Org:
    """ "Chủ tịch UBND xã Mai Khắc Tám" after "Về xã Khánh Lộc, ...": a commune's or district's
    body written without its name is that of the last one of its kind named, in this sentence
    or the one before."""
    bare = _BARE_UNIT.search(org.surface)
    if bare is None:
        return org
    kind = _UNIT_KIND.get(bare.group(1), "district")
    first = doc.sentences[sentence.index - 1].start if sentence.index > 0 else sentence.start
    named = [p for p in doc.places.within(first, pos) if p.kind == kind]
    if not named:
        return org
    name = f"{org.name} {named[-1].name}"
    return replace(org, name=name, key=orgs.org_key(name))


# "do ông X làm Giám đốc", "mà bà Y là Chủ nhiệm": a title whose body is the sentence's subject.
_MADE_HEAD = re.compile(r"\b(?:do|mà|nơi)\s+(?:ông|bà|anh|chị)\s+[^,;]{2,40}(?:làm|là)\s+$")


class _Named:
    """The specific organisations the article names, for posts that refer back to one ("kế toán
    HTX" after "HTX Tân Phú"); resolved once, when a post first needs them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._found: list[tuple[int, Org]] | None = None

    def found(self) -> list[tuple[int, Org]]:
        if self._found is None:
            doc, out = self.doc, []
            for m in doc.org_mentions:
                if m.head.level != "local":
                    continue
                org = orgs.resolve(doc, m.start, m.end, doc.province)
                if org is not None and fold(org.name) != fold(m.head.head):
                    out.append((m.start, org))
            self._found = out
        return self._found

    def before(self, pos: int, kind: str) -> Org | None:
        """The last organisation of this kind named before ``pos``, else the first after it."""
        same = [(start, org) for start, org in self.found() if org.kind == kind]
        earlier = [org for start, org in same if start < pos]
        if earlier:
            return earlier[-1]
        return same[0][1] if same else None

    def fuller(self, org: Org) -> Org:
        """The article's fuller name for an organisation it shortens: same kind, same proper
        name at the end ("HTX Hà Ninh", "HTX dịch vụ nông nghiệp Hà Ninh")."""
        tail = re.search(rf"(?:[{UPPER}][^\s]*\s*)+$", org.name)
        if not tail or tail.start() == 0:
            return org
        for _, other in self.found():
            if (
                other.kind == org.kind
                and len(other.name) > len(org.name)
                and other.name.endswith(tail.group(0))
                and other.scope == org.scope
            ):
                return other
        return org

    def in_sentence(self, sentence: Sentence, pos: int) -> Org | None:
        here = [org for start, org in self.found() if sentence.start <= start < pos]
        return here[-1] if here else None


def _shorter_twin(m: Membership, all_: list[Membership]) -> bool:
    """Whether a fuller name of the same post exists ("Mặt trận Tổ quốc" and "Ủy ban Trung ương Mặt
    trận Tổ quốc Việt Nam", "Quốc hội" and its delegation, for one person and title): the fuller
    one is kept."""
    if m.org is None:
        return False
    key = m.org.key
    return any(
        o is not m
        and o.person == m.person
        and o.role.casefold() == m.role.casefold()
        and o.org is not None
        and len(o.org.key) > len(key)
        and key in o.org.key  # "quốc hội" in "đoàn đại biểu quốc hội tỉnh bình định"
        for o in all_
    )


@component(
    "people",
    reads=["sentences", "places", "new_names", "names", "org_mentions", "province"],
    adds=["people", "memberships"],
)
def extract_people(doc: Doc) -> None:
    """`Person` and `Membership` facts for every sentence."""
    people: list[Person] = []
    drafted: list[Membership] = []
    named = _Named(doc)
    for sentence in doc.sentences:
        if not doc.names.overlapping(sentence.start, sentence.end) and not find_title(
            doc.folded, sentence.start, sentence.end
        ):
            continue  # no name and no title: no person and no post
        draft = _Draft(doc, sentence)
        _walk(draft)
        side = _national_side(doc, sentence) if draft.posts else None
        for span, rule in draft.people:
            people.append(
                Person(
                    name=doc.text[span[0] : span[1]],
                    start=span[0],
                    end=span[1],
                    sentence=sentence.index,
                    rule=rule,
                )
            )
        for span, role, rule in draft.posts:
            title = role.title
            org = _org(doc, sentence, role, side if side is not None and side < role.start else None, named)
            delegate = _delegation(doc, role, span)
            if delegate:
                title, org = delegate
            drafted.append(
                Membership(
                    person=doc.text[span[0] : span[1]],
                    role=f"{role.former} {title}" if role.former else title,
                    former=bool(role.former),
                    org=org,
                    start=min(span[0], role.start),
                    end=max(span[1], role.end),
                    sentence=sentence.index,
                    rule=rule,
                )
            )
    seen: set[tuple[str, str, str]] = set()
    with_org = {(m.person, m.role.casefold()) for m in drafted if m.org}
    unique = []
    for m in drafted:  # a caption repeating a sentence reports the same post once
        key = (m.person, m.role.casefold(), m.org.key if m.org else "")
        if key in seen:
            continue
        if m.org is None and (
            (m.person, m.role.casefold()) in with_org or role_row(m.role)["default_org"] != "-"
        ):
            continue  # a post with no organisation says little, unless the title stands alone
        seen.add(key)
        unique.append(m)
    doc.add("people", Layer(people))
    doc.add("memberships", tuple(m for m in unique if not _shorter_twin(m, unique)))
