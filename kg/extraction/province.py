"""The province an article is about, from the places it names (never guessed).

Each naming of a province counts one, and so does each district that lies in one province only
(an article about Hòa Bình names its districts more often than the province, and names other
provinces in passing: "hội nghị tại các TP: Hòa Bình, Hà Nội, Hải Phòng"). The highest count wins,
ties going to the first named. With no province or district, the one province that all communes
can lie in. A regional or national story, or one whose province is named in passing only, has none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from kg.extraction.component import component
from kg.extraction.doc import Doc
from kg.gazetteer import PlaceMention, find_places

# An article that speaks for a region or several provinces is about none of them alone.
_REGIONAL = re.compile(
    r"toàn vùng|các tỉnh trong vùng|các tỉnh, thành phố trong vùng|\b\d+\s+tỉnh,\s*thành(?: phố)?\b"
    r"|vùng (?:Đồng bằng|đồng bằng|Trung du|trung du|Tây Nguyên|Đông Nam Bộ|Tây Bắc|Đông Bắc|Bắc Trung Bộ|duyên hải)",
)


# A headline about several provinces: "Liên minh HTX 8 tỉnh miền núi phía Bắc ...", "các tỉnh ĐBSCL".
_REGIONAL_HEADLINE = re.compile(r"\b(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các)\s+tỉnh\b", re.I)


def rank_provinces(mentions: Iterable[PlaceMention]) -> tuple[str | None, str]:
    """The old-era province that a sequence of place mentions is about, with a short reason."""
    mentions = list(mentions)
    named: Counter[str] = Counter()
    by_district: dict[str, list[str]] = {}
    first_seen: dict[str, int] = {}
    for order, m in enumerate(mentions):
        if m.kind == "province":
            named[m.provinces[0]] += 1
        elif m.kind == "district" and len(m.provinces) == 1:
            by_district.setdefault(m.provinces[0], []).append(m.name)
        else:
            continue
        first_seen.setdefault(m.provinces[0], order)
    if first_seen:
        best = min(first_seen, key=lambda p: (-(named[p] + len(by_district.get(p, []))), first_seen[p]))
        parts = []
        if named[best]:
            parts.append("named once" if named[best] == 1 else f"named {named[best]} times")
        if by_district.get(best):
            parts.append("districts " + ", ".join(dict.fromkeys(by_district[best])))
        return best, "; ".join(parts)
    candidates: set[str] | None = None
    places = [m for m in mentions if m.kind in ("district", "commune")]
    for m in places:
        candidates = set(m.provinces) if candidates is None else candidates & set(m.provinces)
    if candidates is not None and len(candidates) == 1:
        kinds = {m.kind for m in places}
        label = "districts and communes" if len(kinds) == 2 else f"{places[0].kind}s"
        return next(iter(candidates)), f"{label} " + ", ".join(dict.fromkeys(m.name for m in places))
    if places:
        return None, "no province named; its districts and communes do not agree on one"
    return None, "no province named"


def infer_province(text: str) -> tuple[str | None, str]:
    """The province a text is about (see `rank_provinces`)."""
    return rank_provinces(find_places(text))


_OWN = re.compile(
    r"(?:Liên minh (?:HTX|Hợp tác xã)|UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân|toàn|trên địa bàn)"
    r"\s+(?:tỉnh|thành phố)(?![\w.])(?!\s+[A-ZĐÂĂÊÔƠƯ])"
)
_NATIONAL = re.compile(r"cả nước|toàn quốc|trên toàn quốc|các tỉnh, thành phố|các địa phương trên cả nước")


def _supported(doc: Doc, province: str, reason: str) -> bool:
    """Whether the text's evidence for ``province`` makes it the article's province: not a
    regional or national story; named (or its districts and communes named) in the headline or
    the lead and again in the body; and a province that dominates the others named."""
    lead = _lead_end(doc)
    in_head = any(p.provinces[0] == province for p in doc.title_places if p.kind in ("province", "district"))
    if not in_head and (_REGIONAL.search(doc.text) or _REGIONAL_HEADLINE.search(doc.article.title or "")):
        return False  # a regional story, unless its headline names the province ("... tại Cần Thơ")
    in_lead = any(
        p.provinces[0] == province
        for p in doc.places.within(0, lead)
        if p.kind in ("province", "district", "commune")
    )
    if _NATIONAL.search(doc.folded, 0, lead) and not in_head:
        return False  # a national round-up that names provinces on its way
    if "district" in reason or "commune" in reason:
        return in_head or in_lead or "named" not in reason
    counts = Counter(p.name for p in doc.places if p.kind == "province")
    # "Liên minh HTX tỉnh", "toàn tỉnh" with no name: the article's own province, spoken of again
    again = 1 if (in_head or in_lead) and _OWN.search(doc.text) else 0
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[1][1] >= counts[province] + again:
        return False
    # named in the headline or lead and again; or, the only province the article names, in its
    # lead (the rest of it says "tỉnh")
    alone = len(counts) == 1 and in_lead
    return (in_head or in_lead) and (counts[province] + (1 if in_head else 0) + again >= 2 or alone)


def _lead_end(doc: Doc) -> int:
    """Where the lead ends: after the first two sentences of ten words or more (a page's menus
    and breadcrumbs, short lines, are not its lead)."""
    real = [s for s in doc.sentences if len(doc.text[s.start : s.end].split()) >= 10][:2]
    return real[-1].end if real else (doc.sentences[0].end if doc.sentences else 0)


@component("province", reads=["places", "title_places"], adds=["province", "province_reason"])
def add_province(doc: Doc) -> None:
    """The article's province, from the places its headline and text name.

    Where the article names no place at all, the page's related-article teasers may still
    point to one province: provincial papers link to their own province's news. That is
    weaker evidence, used only then, and the reason says so.
    """
    province, reason = rank_provinces([*doc.title_places, *doc.places])
    if province and not _supported(doc, province, reason):
        province, reason = None, f"not the article's own province ({reason})"
    if province is None and doc.article.page_tail and not doc.places:
        tail, tail_reason = infer_province(doc.article.page_tail)
        if tail:
            province, reason = tail, f"the page's related articles: {tail_reason}"
    doc.add("province", province)
    doc.add("province_reason", reason)
