"""Organisation phrases: where one starts and ends, what kind it is, and where its name is unique.

"Liên minh HTX tỉnh" in an article about Đắk Lắk is Đắk Lắk's cooperative alliance, so it
becomes "Liên minh HTX tỉnh Đắk Lắk"; where the article's province is unknown it stays as
written, scoped to the article, and is never merged with another province's alliance.
Heads ("Sở", "UBND", "Liên minh HTX", ...) and abbreviations are in ``data/org_heads.tsv``
and ``data/org_aliases.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg import gazetteer
from kg.data import load_table
from kg.extract.model import Org
from kg.text import LOWER, fold

# Where an organisation phrase stops: a verb of the sentence, a list joiner, a preposition.
STOP = re.compile(
    r"\s+(?:phát biểu|cho biết|nhấn mạnh|chia sẻ|khẳng định|trao|tặng|dự|tham dự|cùng|đã|đang|sẽ|đến|tại"
    r"|về|chủ trì|chúc mừng|nói|thông tin|kiêm|nêu|đề nghị|yêu cầu|báo cáo|trình bày|giới thiệu|khai mạc"
    r"|bế mạc|phát động|tiếp|làm việc|thăm|kiểm tra|đánh giá|ghi nhận|trả lời|đồng thời|cũng|là|được|bị"
    r"|cho rằng|cho hay|thông báo|nhận|trong|với|khi|để|vì|do|nhằm|theo|như|này|đó|lên|ra|vào|quyết định"
    r"|tổ chức|bao gồm|gồm|làm|giữ chức|kiêm|thừa nhận|ký|phụ trách|điều hành|chỉ đạo việc|chúc|gửi|thay mặt|và (?=["
    + LOWER
    + r"])|và$)\b",
)
_PAREN_ABBREV = re.compile(r"\s*\((?:[A-ZĐ][A-ZĐ&0-9\-]{1,12})\)")
_GENERIC = re.compile(r"^(?:các|những|mọi|nhiều|một số)\b", re.I)
_PROVINCE_TAIL = re.compile(r"\b(tỉnh|thành phố|TP\.?)$", re.I)


@dataclass(frozen=True)
class Head:
    head: str
    kind: str
    level: str
    unit_of: str = ""


@cache
def _heads() -> tuple[list[Head], re.Pattern[str]]:
    rows = [
        Head(r["head"], r["kind"], r["level"], r["unit_of"])
        for r in load_table("org_heads", ("head", "kind", "level", "unit_of"))
    ]
    rows.sort(key=lambda h: -len(h.head))
    alternation = "|".join(re.escape(h.head) for h in rows)
    return rows, re.compile(rf"(?:{alternation})(?!\w)")


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
    rows, pattern = _heads()
    m = pattern.match(text, pos)
    if not m:
        return None
    return next(h for h in rows if h.head == m.group(0))


def org_key(name: str) -> str:
    """One matching key however the name is written: "Liên minh Hợp tác xã tỉnh Đăk Lăk"
    and "Liên minh HTX tỉnh Đắk Lắk" share it."""
    whole, words = _aliases()
    key = fold(name)
    key = fold(whole.get(key, key))
    for pattern, short in words:
        key = pattern.sub(short, key)
    for mention in reversed(gazetteer.find_places(key)):
        if mention.kind == "province":
            key = key[: mention.start] + fold(mention.name) + key[mention.end :]
    return re.sub(r"[^\w&' ]+", " ", key).replace("  ", " ").strip()


def cut_phrase(text: str) -> str:
    """The organisation phrase at the start of ``text``: up to the first stop word, without
    a parenthesised abbreviation ("Liên minh Hợp tác xã (HTX) tỉnh" -> "Liên minh Hợp tác xã tỉnh")."""
    text = _PAREN_ABBREV.sub("", text)
    m = STOP.search(text)
    phrase = text[: m.start()] if m else text
    phrase = re.split(r"\s*[(\"“”]", phrase, maxsplit=1)[0]
    return phrase.strip(" .,:;-–")


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


def display_name(name: str) -> str:
    """The label of an organisation: common abbreviations, provinces spelled canonically."""
    for pattern, short in _SHORT:
        name = pattern.sub(short, name)
    for pattern, full in _expansions():
        name = pattern.sub(full, name)
    for mention in reversed(gazetteer.find_places(name)):
        if mention.kind == "province":
            name = name[: mention.start] + mention.name + name[mention.end :]
    return " ".join(name.split())


def _resolve(surface: str, article_province: str | None) -> Org | None:
    """An `Org` for a phrase that names one, or None for a generic one ("các HTX", "tỉnh")."""
    phrase = surface.strip()
    if not phrase or _GENERIC.match(phrase):
        return None
    whole, _ = _aliases()
    if fold(phrase) in whole:
        phrase = whole[fold(phrase)]
    head = head_at(phrase)
    if head is None:
        if not re.match(r"[A-ZĐ]", phrase) or len(phrase) < 2:
            return None
        if any(p.start == 0 for p in gazetteer.find_places(phrase)) or gazetteer.province(phrase):
            return None  # "Chủ tịch Hồ Chí Minh": a title before a place names no organisation
        head = Head("", "Organization", "local")
    elif fold(phrase) == fold(head.head) and head.level == "local":
        return None  # "Công ty", "HTX" alone name no particular one
    places = [p for p in gazetteer.find_places(phrase) if p.kind in ("province", "district", "commune")]
    place_provinces = {pv for p in places for pv in p.provinces}
    province: str | None = None
    name = phrase
    if len(place_provinces) == 1:
        province = next(iter(place_provinces))
    elif re.search(r"\bViệt Nam\b|\bTrung ương\b|\bquốc gia\b", phrase) or head.level == "national":
        return Org(name=display_name(name), surface=surface, kind=head.kind, scope="vn")
    elif article_province and (_PROVINCE_TAIL.search(phrase) or head.level == "province"):
        province = article_province
        if _PROVINCE_TAIL.search(phrase):
            name = f"{phrase} {article_province}"
        elif re.fullmatch(r"(Tỉnh ủy|Thành ủy)", phrase):
            name = f"{phrase} {article_province}"
        else:
            name = f"{phrase} tỉnh {article_province}"
    elif head.level == "local" and article_province:
        province = article_province
    return Org(
        name=display_name(name), surface=surface, kind=head.kind, scope=province or "", province=province
    )


def resolve(surface: str, article_province: str | None) -> Org | None:
    """An `Org` for a phrase that names one, or None for a generic one ("các HTX", "tỉnh").

    A unit named with the body it belongs to ("Ban Tuyên giáo Tỉnh ủy Kon Tum", "Ban chấp hành
    Liên minh HTX tỉnh") gets that body as its parent, and the body's scope where it has none."""
    org = _resolve(surface, article_province)
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
            parent = _resolve(org.surface[m.start() :], article_province)
            if parent is not None:
                scope = org.scope if org.scope and org.scope != article_province else parent.scope
                province = org.province if org.province and org.scope == scope else parent.province
                name = display_name(
                    org.surface[: m.start()] + parent.name
                )  # "Ban Tuyên giáo Tỉnh ủy Kon Tum"
                return replace(org, name=name, parent=parent, scope=scope, province=province)
            break
    return org
