"""Numbers as Vietnamese writes them: "64.000", "2,5 tỷ đồng", "3,9% - 4,07%", "hơn 400".

Vietnamese groups thousands with "." and writes decimals with ",". English-style
figures from widgets ("7,726 lượt xem") use the opposite convention, so a comma followed
by exactly three digits is read as grouping only where the quantity must be a whole
count, and as a decimal comma where a scale word, currency or "%" follows
("7,726 tỷ" is 7.726 billion). Scale words, currencies, rates and qualifiers come from
the tables ``units.tsv``, ``rates.tsv`` and ``qualifiers.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.data import load_table
from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer
from kg.text import fold_case

# "64.000", "2,5"; a decimal point written the English way only before a unit ("6.2 ha", "4.5%"),
# since "4.0" alone is a version ("công nghệ 4.0") and "6.7" a date
_NUM = (
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"
    r"|\d+\.\d{1,2}(?![.,]?\d)(?=\s*(?:%|ha\b|tấn|tỷ|tỉ|triệu|nghìn|ngàn|km|kg|m2|USD|usd|đồng))"
    r"|\d+(?:,\d+)?(?![.,]?\d)"
)
NUMBER = re.compile(rf"(?<![\d.,/\w])(?:{_NUM})(?!\s*/\s*\d)")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|đến|tới)\s*")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text with its scale, unit and qualifier.

    ``start``/``end`` cover the whole phrase (qualifier to unit), ``number_start`` the number
    itself; offsets are in the article's text.
    """

    start: int
    end: int
    number_start: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    qualifier: str
    has_scale: bool
    spelled: bool = False  # written as a word ("hai"): a figure only before a noun the economy counts


# Words that make a unit word part of another word: "21 đồng chí" (comrades), "đồng bào", "3 mẫu
# nước" (samples, not the land measure).
_NOT_UNIT = {
    "đồng": r"(?!\s+(?:chí|bào|hương|nghiệp|đội|minh|phục|lòng|thời|ruộng|tình|ý|hành|loạt)(?!\w))",
    "mẫu": r"(?!\s+(?:nước|xét nghiệm|máu|thử|phân tích|kiểm|cá|tôm|sản phẩm|hàng|bệnh phẩm|vật|giống|mã|đơn|thiết kế)(?!\w))",
}


@cache
def _units() -> tuple[re.Pattern[str], list[tuple[Decimal, str]], re.Pattern[str]]:
    """One pattern for every scale word and unit (a group per table row, longest first), its rows'
    (multiplier, unit), and one for the currencies a bare scale may be followed by; all for
    case-folded text."""
    rows = sorted(load_table("units", ("phrase", "multiplier", "unit")), key=lambda r: -len(r["phrase"]))

    def phrase(r: dict[str, str]) -> str:
        words = re.escape(r["phrase"].casefold()).replace(r"\ ", r"\s+")
        # "2 đ/c" is two comrades (đồng chí), not two đồng
        guard = _NOT_UNIT.get(r["phrase"].casefold(), "")
        return words if r["phrase"] == "%" else words + r"(?!\w)(?!/c(?!\w))" + guard

    every = "|".join(f"(?P<u{i}>{phrase(r)})" for i, r in enumerate(rows))
    currency = "|".join(
        f"(?P<u{i}>{phrase(r)})"
        for i, r in enumerate(rows)
        if Decimal(r["multiplier"]) == 1 and r["unit"] and r["unit"] != "percent"
    )
    values = [(Decimal(r["multiplier"]), r["unit"]) for r in rows]
    return re.compile(rf"\s*(?:{every})"), values, re.compile(rf"\s*(?:{currency})")


@cache
def _rates() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(r["pattern"], re.I), r["suffix"]) for r in load_table("rates", ("pattern", "suffix"))]


@cache
def _qualifiers(position: str) -> list[tuple[re.Pattern[str], str]]:
    rows = [
        r for r in load_table("qualifiers", ("phrase", "qualifier", "position")) if r["position"] == position
    ]
    rows.sort(key=lambda r: -len(r["phrase"]))
    return [(re.compile(r"\s*" + re.escape(r["phrase"]) + r"(?!\w)", re.I), r["qualifier"]) for r in rows]


@cache
def _qualifier_before() -> tuple[re.Pattern[str], list[str]]:
    """One pattern for every qualifier that stands before a number ("hơn", "khoảng", "gần"), for
    case-folded text, ending where the number begins; its groups name the qualifiers."""
    rows = [
        r for r in load_table("qualifiers", ("phrase", "qualifier", "position")) if r["position"] == "before"
    ]
    rows.sort(key=lambda r: -len(r["phrase"]))
    alternatives = "|".join(f"(?P<q{i}>{re.escape(r['phrase'].casefold())})" for i, r in enumerate(rows))
    return re.compile(rf"(?:^|(?<=[\s(]))(?:{alternatives})\s+$"), [r["qualifier"] for r in rows]


def tidy(value: Decimal, places: int | None = None) -> Decimal:
    """2100000000.0 -> 2100000000, 3.90 -> 3.9: one written form per value (rounded to ``places``)."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def parse_number(token: str, whole: bool = False) -> Decimal:
    """The value of one number token. ``whole``: the token counts things, so "7,726" is 7726.

    >>> parse_number("64.000"), parse_number("2,5"), parse_number("7,726", whole=True)
    (Decimal('64000'), Decimal('2.5'), Decimal('7726'))
    """
    if whole and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return Decimal(token.replace(",", ""))
    if re.fullmatch(r"\d+\.\d{1,2}", token):  # "6.2 ha": a decimal point (see NUMBER)
        return Decimal(token)
    try:
        return Decimal(token.replace(".", "").replace(",", "."))
    except InvalidOperation as e:
        raise ValueError(f"not a number: {token!r}") from e


def _scale(folded: str, pos: int) -> tuple[int, Decimal, str | None]:
    """Scale word or unit right after ``pos`` of a case-folded text: (end, multiplier, unit or None)."""
    every, values, currency = _units()
    m = every.match(folded, pos)
    if not m or not m.lastgroup:
        return pos, Decimal(1), None
    mult, unit = values[int(m.lastgroup[1:])]
    end, unit_out = m.end(), unit or None
    if unit_out is None:  # a bare scale ("17 nghìn", "2 triệu") may be followed by a currency
        after = currency.match(folded, end)
        if after and after.lastgroup:
            end, unit_out = after.end(), values[int(after.lastgroup[1:])][1]
    return end, mult, unit_out


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number phrase in ``text`` (a sentence starting at ``offset`` in the article), with
    ranges folded into one quantity; numbers written as words ("hai đơn vị") too, marked."""
    out: list[Quantity] = []
    matches = list(NUMBER.finditer(text))
    folded = fold_case(text)
    words, values = _number_words()
    for w in words.finditer(folded):
        out.append(
            Quantity(
                offset + w.start(),
                offset + w.end(),
                offset + w.start(),
                values[w.group(1)],
                None,
                "count",
                "exact",
                False,
                spelled=True,
            )
        )
    if not matches:
        return out
    i = 0
    while i < len(matches):
        m = matches[i]
        end, mult, unit = _scale(folded, m.end())
        value_max = None
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if nxt:
            sep = _RANGE_SEP.fullmatch(text, end, nxt.start())
            if sep:
                end2, mult2, unit2 = _scale(folded, nxt.end())
                if unit is None or unit2 is None or unit == unit2:
                    if unit is None and unit2 is not None:  # "30 – 40 tỷ đồng": the scale is shared
                        mult, unit = mult2, unit2
                    value_max = parse_number(nxt.group(0), whole=unit is None) * mult2
                    end = end2
                    i += 1
        scaled = unit is not None or mult != 1
        value = parse_number(m.group(0), whole=not scaled) * mult
        if (
            unit is None
            and mult >= 1000
            and nxt
            and value_max is None
            and re.fullmatch(r"\s+", text[end : nxt.start()])
        ):
            # "566 tỷ 384 triệu đồng", "17 tỷ 792 triệu": one amount written in two parts
            end2, mult2, unit2 = _scale(folded, nxt.end())
            if 1 < mult2 < mult:
                value += parse_number(nxt.group(0)) * mult2
                end, unit = end2, unit2
                i += 1
        if value_max is not None and unit is not None and mult != 1 and value_max < value:
            value_max = None
        unit = unit or "count"
        if unit not in ("count", "percent"):  # "đồng/kg", "tấn/ha", "đồng/ha/năm"
            for _ in range(2):
                rate = next(
                    ((p.match(text, end), suffix) for p, suffix in _rates() if p.match(text, end)), None
                )
                if rate is None:
                    break
                unit, end = unit + rate[0].expand(rate[1]), rate[0].end()
        start, qualifier = m.start(), "exact"
        before, names = _qualifier_before()
        qm = before.search(folded, max(0, start - 20), start)
        if qm and qm.lastgroup:
            start, qualifier = qm.start(), names[int(qm.lastgroup[1:])]
        out.append(
            Quantity(
                offset + start,
                offset + end,
                offset + m.start(),
                tidy(value),
                tidy(value_max) if value_max is not None else None,
                unit,
                qualifier,
                scaled,
            )
        )
        i += 1
    return sorted(out, key=lambda q: q.start)


@cache
def _number_words() -> tuple[re.Pattern[str], dict[str, Decimal]]:
    """Numbers written as words before a noun ("hai loại gạo", "Bốn nhóm sản phẩm"); "một" and
    "năm" are left out, being "a" and "year" far more often than one and five."""
    rows = load_table("number_words", ("word", "value"))
    values = {r["word"]: Decimal(r["value"]) for r in rows}
    alternation = "|".join(sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternation})(?=\s+[^\W\d_])"), values


def qualifier_after(text: str, pos: int, limit: int = 60) -> tuple[str, int] | None:
    """A qualifier standing after the counted noun ("từ 60 HTX trở lên"): (qualifier, end)."""
    window = text[pos : pos + limit]
    for pattern, q in _qualifiers("after"):
        m = pattern.search(window)
        if m and not re.search(r"[,;.]", window[: m.start()]):
            return q, pos + m.end()
    return None


@component("quantities", reads=["sentences"], adds=["quantities"])
def add_quantities(doc: Doc) -> None:
    """Every number phrase of every sentence (a range never crosses a sentence)."""
    found: list[Quantity] = []
    for s in doc.sentences:
        found.extend(find_quantities(doc.text[s.start : s.end], s.start))
    doc.add("quantities", Layer(found))
