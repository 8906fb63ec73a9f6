"""The province an article is about, from the places it names."""

from __future__ import annotations

from collections import Counter

from kg.gazetteer import find_places


def infer_province(text: str) -> tuple[str | None, str]:
    """The old-era province an article is about, with a short reason.

    Each naming of a province counts one, and so does each district that lies in one province only
    (an article about Hòa Bình names its districts more often than the province, and names other
    provinces in passing: "hội nghị tại các TP: Hòa Bình, Hà Nội, Hải Phòng"). The highest count wins,
    ties going to the first named. With no province or district, the one province that all communes
    can lie in; else None.
    """
    mentions = find_places(text)
    named: Counter[str] = Counter()
    by_district: dict[str, list[str]] = {}
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.kind == "province":
            named[m.provinces[0]] += 1
        elif m.kind == "district" and len(m.provinces) == 1:
            by_district.setdefault(m.provinces[0], []).append(m.name)
        else:
            continue
        first_seen.setdefault(m.provinces[0], m.start)
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
