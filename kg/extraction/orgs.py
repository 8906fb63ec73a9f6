"""Organisation phrases: where one starts and ends, what kind it is, and where its name is unique.

"Liên minh HTX tỉnh" in an article about Đắk Lắk is Đắk Lắk's cooperative alliance, so it
becomes "Liên minh HTX tỉnh Đắk Lắk"; where the article's province is unknown it stays as
written, scoped to the article, and is never merged with another province's alliance.
Heads ("Sở", "UBND", "Liên minh HTX", ...) and abbreviations are in ``data/org_heads.tsv``
and ``data/org_aliases.tsv``. The places inside a phrase come from the Doc's ``places``
layer: a phrase is never scanned for places again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg import gazetteer
from kg.data import load_table
from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer
from kg.extraction.facts import Org
from kg.extraction.places import is_new_name
from kg.extraction.titles import title_at
from kg.gazetteer import PlaceMention
from kg.text import LOWER, UPPER, fold

# Where an organisation phrase stops: a verb of the sentence, a list joiner, a preposition.
STOP = re.compile(
    r"\s+(?:phát biểu|cho biết|nhấn mạnh|chia sẻ|khẳng định|trao|tặng|dự|tham dự|cùng|đã|đang|sẽ|đến|tại"
    r"|về|chủ trì|chúc mừng|nói|thông tin|kiêm|nêu|đề nghị|yêu cầu|báo cáo|trình bày|giới thiệu|khai mạc"
    r"|bế mạc|phát động|tiếp|làm việc|thăm|kiểm tra|đánh giá|ghi nhận|trả lời|đồng thời|cũng|là|được|bị"
    r"|cho rằng|cho hay|cho|thông báo|nhận|trong|với|khi|để|vì|do|nhằm|theo|như|này|đó|lên|ra|vào|quyết định"
    r"|(?<!các )(?<!những )tổ chức|bao gồm|gồm|làm|giữ chức|kiêm|thừa nhận|(?<!đăng )(?<!thư )ký|phụ trách|điều hành|chỉ đạo việc|chúc|gửi|thay mặt|nhiệm kỳ|từ (?=ngày|tháng|năm|đầu|cuối|khi|nay|\d)|đọc|dìu|(?:ông|bà|đồng chí)(?=\s+[A-ZĐ])|và (?=["
    + LOWER
    + r"])|và$)\b",
)
_PAREN_ABBREV = re.compile(r"\s*\((?:[A-ZĐ][A-ZĐ&0-9\-]{1,12})\)")
_GENERIC = re.compile(r"^(?:các|những|mọi|nhiều|một số)\b", re.I)
_PROVINCE_TAIL = re.compile(r"\b(tỉnh|thành phố|TP\.?)$", re.I)
_NATIONAL = re.compile(r"\bViệt Nam\b|\bTrung ương\b|\bquốc gia\b")


@dataclass(frozen=True)
class Head:
    head: str
    kind: str
    level: str
    unit_of: str = ""


@dataclass(frozen=True, slots=True)
class OrgMention:
    """Where an organisation is named: its head ("UBND") and the phrase up to where it stops."""

    start: int
    end: int
    head: Head


@cache
def _heads() -> tuple[dict[str, Head], re.Pattern[str]]:
    rows = [
        Head(r["head"], r["kind"], r["level"], r["unit_of"])
        for r in load_table("org_heads", ("head", "kind", "level", "unit_of"))
    ]
    rows.sort(key=lambda h: -len(h.head))
    alternation = "|".join(re.escape(h.head) for h in rows)
    return {h.head: h for h in reversed(rows)}, re.compile(rf"(?:{alternation})(?!\w)")


@cache
def _aliases() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    whole: dict[str, str] = {}
    words: list[tuple[re.Pattern[str], str]] = []
    for r in load_table("org_aliases", ("alias", "name", "kind")):
        if r["kind"] == "org":
            whole[fold(r["alias"])] = r["name"]
        elif r["kind"] == "abbrev":
            words.append((re.compile(rf"\b{re.escape(fold(r['alias']))}\b"), fold(r["name"])))
    return whole, words


@cache
def _expansions() -> list[tuple[re.Pattern[str], str]]:
    rows = [r for r in load_table("org_aliases", ("alias", "name", "kind")) if r["kind"] == "expand"]
    rows.sort(key=lambda r: -len(r["alias"]))
    return [(re.compile(rf"(?<!\w){re.escape(r['alias'])}(?!\w)"), r["name"]) for r in rows]


def head_at(text: str, pos: int = 0) -> Head | None:
    """The organisation head that ``text`` starts with at ``pos``, if any (case-sensitive:
    "Sở" heads a department, "sở" is an ordinary word)."""
    index, pattern = _heads()
    m = pattern.match(text, pos)
    return index[m.group(0)] if m else None


# "Chủ tịch hợp tác xã cá sấu Đông Nam Bộ": the genre writes a cooperative's head in lower case
# too; with a proper name after it (a capitalised word), it names one cooperative.
_LOWER_HEAD = re.compile(
    rf"(?:liên hiệp hợp tác xã|hợp tác xã|quỹ tín dụng nhân dân|tổ hợp tác)(?=(?:\s+[{LOWER}]\S*){{0,4}}\s+[{UPPER}])"
)


def named_lower_head(text: str, pos: int = 0, end: int | None = None) -> bool:
    """Whether a lower-case cooperative head followed by a proper name starts at ``pos``."""
    return _LOWER_HEAD.match(text, pos, len(text) if end is None else end) is not None


def org_key(name: str) -> str:
    """One matching key however a label is written: "Liên minh Hợp tác xã tỉnh Đắk Lắk",
    "Liên minh HTX tỉnh Đắk Lắk" and "Thành ủy TP.Hồ Chí Minh", "Thành ủy Hồ Chí Minh" share
    theirs. The name given spells provinces canonically already."""
    whole, words = _aliases()
    key = fold(name)
    key = fold(whole.get(key, key))
    for pattern, short in words:
        key = pattern.sub(short, key)
    key = re.sub(r"[^\w&' ]+", " ", key)
    key = _TYPE_BEFORE_PROVINCE().sub("", key)  # "tp hồ chí minh" and "hồ chí minh" are one
    return " ".join(key.split())


@cache
def _TYPE_BEFORE_PROVINCE() -> re.Pattern[str]:
    names = {fold(p.name) for era in ("old", "new") for p in gazetteer.provinces(era)}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:tp|tỉnh|thành phố|thủ đô)\s+(?=(?:{alternation})\b)")


def cut_phrase(text: str) -> str:
    """The organisation phrase at the start of ``text``: up to the first stop word, without
    a parenthesised abbreviation ("Liên minh Hợp tác xã (HTX) tỉnh" -> "Liên minh Hợp tác xã tỉnh")."""
    text = _PAREN_ABBREV.sub("", text)
    m = STOP.search(text)
    phrase = text[: m.start()] if m else text
    phrase = re.split(r"\s*[(\"“”]", phrase, maxsplit=1)[0]
    return phrase.strip(" .,:;-–")


# "Dự án DGRV tại Việt Nam", "Văn phòng đại diện ... tại TP.HCM": "tại" and a place end a name.
_AT_PLACE = re.compile(r"\s+tại\s+(?:Việt Nam|TP\.?\s*HCM|TP\.?\s*Hồ Chí Minh|Hà Nội)(?=\s*(?:$|[,;.)]))")


def phrase_end(text: str, start: int, end: int) -> int:
    """Where the organisation phrase that starts at ``start`` ends (at most ``end``): the span
    whose text `cut_phrase` reads, abbreviations in brackets included."""
    stop = STOP.search(text, start, end)
    stop_at = stop.start() if stop else end
    at_place = _AT_PLACE.match(text, stop_at, end) if stop else None
    if at_place:
        stop = STOP.search(text, at_place.end(), end)
        stop_at = stop.start() if stop else end
    bracket = re.compile(r"\s*[(\"“”]")
    pos = start
    while True:
        b = bracket.search(text, pos, stop_at)
        if b is None:
            break
        abbrev = _PAREN_ABBREV.match(text, b.start(), stop_at)
        if abbrev is None:
            stop_at = b.start()
            break
        pos = abbrev.end()
    while stop_at > start and text[stop_at - 1] in " .,:;-–":
        stop_at -= 1
    return stop_at


# Written forms shortened in labels, so one organisation gets one label however it is written.
_SHORT = [
    (re.compile(r"\bHợp tác xã\b"), "HTX"),
    (re.compile(r"\b[ỦU]y ban nhân dân\b"), "UBND"),
    (re.compile(r"\bHội đồng nhân dân\b"), "HĐND"),
]


def province_level(org: Org) -> bool:
    """Whether an organisation is one a province has (its name may omit the province)."""
    head = head_at(org.surface)
    return bool(head and head.level == "province") or bool(_PROVINCE_TAIL.search(org.surface))


def display_name(name: str, places: list[tuple[str, PlaceMention]], canonical: bool = False) -> str:
    """The label of an organisation: common abbreviations, a province's spelling mended ("Đăk Lăk"
    -> "Đắk Lắk"). ``canonical``: every province by its gazetteer name ("TPHCM", "Huế" -> "Hồ Chí
    Minh", "Thừa Thiên Huế"), for the matching key; labels keep the name the article uses."""
    for pattern, short in _SHORT:
        name = pattern.sub(short, name)
    for pattern, full in _expansions():
        name = pattern.sub(full, name)
    name = re.sub(r"\s+&\s+", " và ", name)  # "Nông nghiệp & Phát triển nông thôn"
    name = _UNIT_ABBREV.sub(lambda m: _UNIT_WORDS[m.group(1)] + " ", name)  # "UBND H.Phong Điền"
    for surface, p in reversed(places):
        if p.kind != "province" or (not canonical and is_new_name(surface, p.name)):
            continue
        k = name.rfind(surface)
        if k >= 0:
            name = name[:k] + p.name + name[k + len(surface) :]
    return " ".join(name.split())


_UNIT_WORDS = {
    "H": "huyện",
    "Q": "quận",
    "P": "phường",
    "TX": "thị xã",
    "Tx": "thị xã",
    "X": "xã",
    "TT": "thị trấn",
}
_UNIT_ABBREV = re.compile(r"(?<!\w)(H|Q|P|TX|Tx|X|TT)\.\s*(?=[A-ZĐÀ-Ỹ])")


def _org(text: str, places: list[tuple[str, PlaceMention]], key_name: str | None = None, **fields) -> Org:
    """An Org labelled as written (spelling mended), keyed by its canonical name."""
    label = display_name(text, places)
    return Org(name=label, key=org_key(display_name(key_name or text, places, canonical=True)), **fields)


@dataclass(frozen=True)
class _Phrase:
    """A phrase to resolve, with the places the ``places`` layer found in it (offsets in ``text``)."""

    text: str
    places: tuple[tuple[int, int, PlaceMention], ...] = ()

    def tail(self, k: int) -> _Phrase:
        return _Phrase(self.text[k:], tuple((s - k, e - k, p) for s, e, p in self.places if s >= k))

    @property
    def mentions(self) -> list[PlaceMention]:
        return [p for _, _, p in self.places]

    @property
    def written(self) -> list[tuple[str, PlaceMention]]:
        """Each place as the phrase writes it, for the label to spell it canonically."""
        return [(self.text[s:e], p) for s, e, p in self.places]


def _phrase(doc: Doc, start: int, end: int, prefix: str = "") -> _Phrase:
    """The phrase ``[start, end)`` (after ``prefix``) with the places in it; a place the phrase
    cuts short ("UBND tỉnh Bà Rịa" of "Bà Rịa - Vũng Tàu") is still that place."""
    text = prefix + _PAREN_ABBREV.sub("", doc.text[start:end]).strip(" .,:;-–")
    found: list[tuple[int, int, PlaceMention]] = []
    pos = 0
    for p in doc.places.overlapping(start, end):
        surface = doc.text[max(p.start, start) : min(p.end, end)].strip(" .,:;-–")
        k = text.find(surface, pos) if surface else -1
        if k >= 0:
            found.append((k, k + len(surface), p))
            pos = k + len(surface)
    return _Phrase(text, tuple(found))


def full_name(province: str, written: str | None = None) -> str:
    """ "tỉnh Đắk Lắk", "thành phố Hà Nội": a province as an organisation's name ends with it (by
    its name since 2025 where the article writes that: "thành phố Huế")."""
    found = gazetteer.new_province(written) if written else None
    if found:
        return found.full_name
    found = gazetteer.province(province)
    return found.full_name if found else f"tỉnh {province}"


def _resolve(phrase: _Phrase, article_province: str | None, written: str | None = None) -> Org | None:
    """An `Org` for a phrase that names one, or None for a generic one ("các HTX", "tỉnh").
    ``written``: how the article writes its province when that is its name since 2025 ("Huế"),
    so that "Liên minh HTX thành phố" reads "Liên minh HTX thành phố Huế"."""
    text = phrase.text.strip()
    if not text or _GENERIC.match(text):
        return None
    whole, _ = _aliases()
    if fold(text) in whole:
        text = whole[fold(text)]
        phrase = _Phrase(text)
    if named_lower_head(text):
        text = text[0].upper() + text[1:]
        phrase = _Phrase(text, phrase.places)
    head = head_at(text)
    if head is None:
        if not re.match(r"[A-ZĐ]", text) or len(text) < 2:
            return None
        if any(s == 0 for s, _, _ in phrase.places) or gazetteer.province(text):
            return None  # "Chủ tịch Hồ Chí Minh": a title before a place names no organisation
        head = Head("", "Organization", "local")
    elif fold(text) == fold(head.head) and head.level == "local":
        return None  # "Công ty", "HTX" alone name no particular one
    places = [p for p in phrase.mentions if p.kind in ("province", "district", "commune")]
    place_provinces = {pv for p in places for pv in p.provinces}
    province: str | None = None
    name = text
    if len(place_provinces) == 1:
        province = next(iter(place_provinces))
    elif _NATIONAL.search(text) or head.level == "national":
        return _org(name, phrase.written, surface=text, kind=head.kind, scope="vn")
    elif article_province and (_PROVINCE_TAIL.search(text) or head.level == "province"):
        province = article_province
        if _PROVINCE_TAIL.search(text) or re.fullmatch(r"(Tỉnh ủy|Thành ủy)", text):
            # "UBND tỉnh" + "Đắk Lắk", "Thành ủy" + "Hà Nội"
            name, key_name = f"{text} {written or article_province}", f"{text} {article_province}"
        else:  # "Sở Tài chính" + "tỉnh Đắk Lắk"
            name = f"{text} {full_name(article_province, written)}"
            key_name = f"{text} {full_name(article_province)}"
        return _org(
            name,
            phrase.written,
            key_name=key_name,
            surface=text,
            kind=head.kind,
            scope=province,
            province=province,
        )
    elif head.level == "local" and article_province:
        province = article_province
    return _org(name, phrase.written, surface=text, kind=head.kind, scope=province or "", province=province)


def _with_parent(phrase: _Phrase, article_province: str | None, written: str | None = None) -> Org | None:
    """A unit named with the body it belongs to ("Ban Tuyên giáo Tỉnh ủy Kon Tum", "Ban chấp hành
    Liên minh HTX tỉnh") gets that body as its parent, and the body's scope where it has none."""
    org = _resolve(phrase, article_province, written)
    if org is None:
        return None
    head = head_at(org.surface)
    if head is None or "unit" not in head.unit_of:
        return org
    _, pattern = _heads()
    for m in pattern.finditer(org.surface, len(head.head)):
        if m.start() == 0 or org.surface[m.start() - 1] != " ":
            continue
        inner = head_at(org.surface, m.start())
        if inner and "body" in inner.unit_of:
            inner_phrase = (
                phrase.tail(m.start()) if org.surface == phrase.text else _Phrase(org.surface[m.start() :])
            )
            parent = _resolve(inner_phrase, article_province, written)
            if parent is not None and fold(parent.name).startswith(fold(org.surface[: m.start()].strip())):
                return parent  # the body's own name holds the unit: "Ban Chấp hành" + "Trung ương Đảng"
            if parent is not None:
                scope = org.scope if org.scope and org.scope != article_province else parent.scope
                province = org.province if org.province and org.scope == scope else parent.province
                # "Ban Tuyên giáo Tỉnh ủy Kon Tum"
                name = display_name(org.surface[: m.start()] + parent.name, [])
                return replace(
                    org, name=name, key=org_key(name), parent=parent, scope=scope, province=province
                )
            break
    return org


def resolve(doc: Doc, start: int, end: int, article_province: str | None, prefix: str = "") -> Org | None:
    """The organisation the text ``[start, end)`` names (after ``prefix``, a unit word the title
    implies: "Trưởng phòng Kinh tế" -> "Phòng Kinh tế"), or None for a generic phrase."""
    return _with_parent(
        _phrase(doc, start, end, prefix), article_province, doc.new_names.get(article_province or "")
    )


def resolve_name(name: str, article_province: str | None) -> Org | None:
    """The organisation a table names ("Chính phủ" for "Thủ tướng"): no places to look up."""
    return _with_parent(_Phrase(name), article_province)


@component("organisation mentions", reads=["sentences", "places"], adds=["org_mentions"])
def add_org_mentions(doc: Doc) -> None:
    """Every place an organisation head starts a phrase ("UBND tỉnh", "HTX Tân Phú"), with the
    phrase's extent: up to a list separator or a verb of the sentence."""
    _, pattern = _heads()
    index, _ = _heads()
    text = doc.text
    found: list[OrgMention] = []
    for s in doc.sentences:
        for m in pattern.finditer(text, s.start, s.end):
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue
            title = title_at(doc.folded, m.start(), s.end)
            if title and title.end() > m.end():
                continue  # "Viện trưởng", "Bộ trưởng": a title that starts like a body's name
            clause = re.compile(r"[,;]").search(text, m.start(), s.end)
            end = phrase_end(text, m.start(), clause.start() if clause else s.end)
            if end > m.start():
                found.append(OrgMention(m.start(), end, index[m.group(0)]))
    doc.add("org_mentions", Layer(found))
