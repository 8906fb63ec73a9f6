"""Reported figures: each number with what it counts becomes an observation.

For each number phrase (see `numbers`) the component decides, from the tables in
``data/``:

- whether it is a figure at all: not a date, a law's year, a term, an ordinal, a duration
  or a number that only modifies another ("08 sản phẩm của 7 HTX");
- its metric: from the counted noun right after it ("579 HTX", "64.000 thành viên"), or
  for amounts from the nearest cue earlier in the clause ("doanh thu bình quân ... 2,5 tỷ"),
  or "other" with the counted noun kept as label;
- its period (the nearest date or period of the sentence, else of the paragraph, else the
  article's date for "hiện nay"), its status (actual, or target after "phấn đấu",
  "mục tiêu", ...) and its area (a province the sentence names, the country for "cả
  nước", or else the province the article is about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg import gazetteer
from kg.data import load_table
from kg.extract.dates import DateMention
from kg.extract.model import Doc, Figure, Sentence
from kg.extract.numbers import Quantity, find_quantities, parse_number, qualifier_after, tidy
from kg.text import LOWER, UPPER

_NATIONAL = re.compile(r"cả nước|toàn quốc|trên toàn quốc", re.I)
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:lần thứ|thứ|khóa|khoá|số|nghị định|quyết định|luật[\w\s]{0,20}|chỉ thị|thông tư|nghị quyết|kết luận"
    r"|điều|khoản|mục|phần|top|tốp|lớp|giai đoạn|nhiệm kỳ|của|mã|hotline|điện thoại|đt|xuân|tết"
    r"|quận|phường|khu|tổ|thôn|ấp|xóm|đội|lô|quốc lộ|tỉnh lộ|ql|đường|km)\s*$",
    re.I,
)
_CLAUSE = re.compile(rf"[;:]|,\s+(?=[{LOWER}])")
_STOP_NOUN = re.compile(
    r"[,;.:()\"“”]|\s\d|\s(?:và|với|cho|tại|trong|trên|đạt|được|là|có|của|thu hút|tạo|gồm|chiếm|tăng|giảm)\s"
)


@dataclass(frozen=True)
class _Signal:
    metric: str
    where: str
    applies: str
    pattern: re.Pattern[str]


@cache
def _signals() -> list[_Signal]:
    rows = load_table("metric_signals", ("metric", "where", "applies", "pattern"))
    return [_Signal(r["metric"], r["where"], r["applies"], re.compile(r["pattern"], re.I)) for r in rows]


@cache
def _not_counted() -> re.Pattern[str]:
    words = sorted((r["word"] for r in load_table("not_counted", ("word",))), key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


@cache
def _status_cues() -> re.Pattern[str]:
    return re.compile("|".join(r["pattern"] for r in load_table("status_cues", ("pattern",))), re.I)


def extract_figures(doc: Doc) -> None:
    """Component: adds a `Figure` for every reported number of every sentence."""
    seen: set[tuple[str, str, str | None, str]] = set()
    for sentence in doc.sentences:
        doc.figures.extend(_fractions(doc, sentence))
        previous_end = 0
        for q in find_quantities(sentence.text):
            fig = _figure(doc, sentence, q, previous_end)
            previous_end = q.end
            if fig is None:
                continue
            # a caption repeating a sentence reports the same figure again; two different things
            # counted alike ("80% ...", "80% ...") are two figures
            key = (fig.metric, str(fig.value), fig.period, fig.label if fig.metric == "other" else "")
            if key in seen:
                continue
            seen.add(key)
            doc.figures.append(fig)
    doc.figures.sort(key=lambda f: f.start)


_FRACTION = re.compile(
    r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})*|\d+)(?![\d/])\s+(?=[^\W\d_])"
)


def _fractions(doc: Doc, sentence: Sentence) -> list[Figure]:
    """ "chuyển đổi được 179/196 HTX": the part and the whole are both reported."""
    out = []
    for m in _FRACTION.finditer(sentence.text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if _is_date(doc, start, end):
            continue
        part, whole = parse_number(m.group(1), whole=True), parse_number(m.group(2), whole=True)
        noun = _noun(sentence.text[m.end() :])
        if not noun or part >= whole or _not_counted().match(" " + noun):
            continue
        period, resolution = _period(
            doc, sentence, [d for d in doc.dates if sentence.start <= d.start < sentence.end], start
        )
        shared = dict(
            metric="other",
            label=noun,
            qualifier="exact",
            text=f"{m.group(0)}{noun}",
            sentence=sentence.index,
            area=_area(doc, sentence),
            period=period,
            period_resolution=resolution,
        )
        if whole <= 10:  # "chiếm 1/3 kim ngạch": a proportion, reported as a percentage
            out.append(
                Figure(
                    **shared,
                    value=tidy(Decimal(100) * part / whole, 2),
                    unit="percent",
                    status="actual",
                    start=start,
                    end=end,
                    rule="figures.proportion",
                )
            )
            continue
        status = "target" if _status_cues().search(sentence.text[: m.start()]) else "actual"
        for value, (s, e) in ((part, m.span(1)), (whole, m.span(2))):
            out.append(
                Figure(
                    **shared,
                    value=value,
                    unit="count",
                    status=status,
                    start=sentence.start + s,
                    end=sentence.start + e,
                    rule="figures.fraction",
                )
            )
    return out


def _is_date(doc: Doc, start: int, end: int) -> bool:
    return any(d.start < end and start < d.end for d in doc.dates)


def _window(text: str, q: Quantity, previous_end: int) -> str:
    """Where a cue for this number may stand: since the previous number for amounts
    ("doanh thu bình quân ... 2,5 tỷ đồng, thu nhập bình quân ... 60 triệu đồng"), since the
    last ";" for counts ("hỗ trợ xúc tiến thương mại, mở rộng thị trường cho 68 HTX")."""
    if q.unit == "count":
        start = text.rfind(";", 0, q.number_start) + 1
    else:
        start = max(
            [previous_end]
            + [
                m.end()
                for m in _CLAUSE.finditer(text[: q.number_start])
                if m.group(0).strip() != "," or previous_end == 0
            ]
        )
    return text[start : q.number_start]


def _figure(doc: Doc, sentence: Sentence, q: Quantity, previous_end: int = 0) -> Figure | None:
    text = sentence.text
    abs_start, abs_end = sentence.start + q.start, sentence.start + q.end
    if _is_date(doc, sentence.start + q.number_start, abs_end):
        return None
    before = text[: q.number_start]
    if _NOT_FIGURE_BEFORE.search(before):
        return None
    if q.unit == "count" and re.fullmatch(r"(?:19|20)\d{2}", text[q.number_start : q.end].strip()):
        return None  # a bare year ("Luật Hợp tác xã 2012", "Đinh Dậu 2017")
    after = text[q.end :]
    if q.unit == "count" and (_not_counted().match(after) or re.match(r"\s*[/.]\d|[^\W\d_]|-\d", after)):
        return None  # "3 năm", "3G", "14h", "6-2012"
    metric, label, noun_end = _metric(q, before, _window(text, q, previous_end), after)
    if metric is None:
        return None
    qualifier = q.qualifier
    end = q.end + noun_end
    late = qualifier_after(text, end)
    if late:
        qualifier, end = late[0], late[1]
    dates = [d for d in doc.dates if sentence.start <= d.start < sentence.end]
    period, resolution = _period(doc, sentence, dates, sentence.start + q.number_start)
    status = "target" if _status_cues().search(before) else "actual"
    return Figure(
        metric=metric,
        label=label,
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        qualifier=qualifier,
        status=status,
        text=text[q.start : end].strip(),
        start=abs_start,
        end=sentence.start + end,
        sentence=sentence.index,
        rule=f"figures.{metric if metric != 'other' else 'counted-noun'}",
        area=_area(doc, sentence),
        period=period,
        period_resolution=resolution,
    )


def _noun(after: str) -> str:
    """The counted noun phrase right after a number: up to punctuation or a verb, 6 words at most."""
    m = _STOP_NOUN.search(after + " ")
    phrase = (after[: m.start()] if m else after).strip()
    return " ".join(phrase.split()[:6])


def _metric(q: Quantity, before: str, clause: str, after: str) -> tuple[str | None, str, int]:
    """(metric, label, length of the counted noun after the number) or (None, ...) if not a figure."""
    kind = "count" if q.unit == "count" else "amount"
    if kind == "count":
        for s in _signals():
            if s.where != "after":
                continue
            m = s.pattern.match(after.lstrip())
            if not m:
                continue
            noun_len = len(after) - len(after.lstrip()) + m.end()
            if s.metric == "cooperatives":
                return _cooperatives(before, clause, after, noun_len)
            return s.metric, m.group(0), noun_len
        total = re.search(
            r"tổng số\s+(HTX|hợp tác xã|thành viên|lao động|tổ hợp tác)\b.{0,25}$", before, re.I
        )
        if total and not after.strip(" .,;"):
            return _metric(q, "", "", " " + total.group(1))[0], total.group(0), 0
        noun = _noun(after)
        if not noun or not re.match(r"\w", noun) or re.search(r"\bcủa\s*$", before):
            return None, "", 0
        if q.value <= 1:
            return None, "", 0  # "01 sổ tay": a single thing is mentioned, not counted
        return "other", noun, after.find(noun) + len(noun)
    cues = [
        (m.end(), s.metric, m.group(0))
        for s in _signals()
        if s.where == "before" and s.applies == "amount"
        for m in s.pattern.finditer(clause)
    ]
    if cues:  # the nearest cue before the amount says what it is
        _, metric, cue = max(cues, key=lambda c: c[0])
        if metric == "other" and cue.casefold() == "thu nhập" and q.unit.endswith(("/month", "/year")):
            metric = "avg_income_per_worker"  # "thu nhập 5 triệu đồng/người/tháng"
        return metric, cue, 0
    if q.unit == "percent":
        noun = _noun(after)
        return "other", noun or clause.strip()[-40:], 0
    return "other", " ".join(clause.split()[-4:]), 0


# What may follow "N HTX" when it counts the cooperatives themselves, not a subset of them.
_FOLLOW = (
    r"\s*(?:$|[,;.)(…]|và\b|thu hút\b|với\b|trên\b|trong\b|tại\b|thì\b|của\b|trở lên\b|nâng\b|tăng\b|giảm\b)"
)
# Words naming a kind of cooperative: "N HTX nông nghiệp" still counts cooperatives.
_SECTOR = re.compile(
    r"(?:\s+(?:nông nghiệp|phi nông nghiệp|vận tải|kiểu mới|thủy sản|thuỷ sản|lâm nghiệp|dịch vụ|tín dụng"
    r"|công nghiệp|thương mại|xây dựng|môi trường|du lịch|tiểu thủ công nghiệp|chăn nuôi|trồng trọt)"
    rf"|\s+[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)?)(?={_FOLLOW})"
)


def _cooperatives(before: str, clause: str, after: str, noun_len: int) -> tuple[str, str, int]:
    """Decide what "N HTX" counts: the stock of cooperatives, new or supported ones, or a subset."""
    for s in _signals():
        if s.where == "before" and s.applies == "count" and s.pattern.search(clause):
            return s.metric, s.pattern.search(clause).group(0), noun_len
    rest = after[noun_len:]
    if re.match(r"\s*,\s*[^\W\d_]", rest) and not re.match(r"\s*,\s*\d", rest):
        if re.match(r"\s*,\s*(?:liên hiệp|doanh nghiệp|DN|tổ hợp tác|hộ|cá nhân)", rest, re.I):
            return "other", f"{after[:noun_len].strip()}, {_noun(rest.lstrip(' ,'))}", noun_len
    kind = _SECTOR.match(rest)  # "HTX vận tải", "hợp tác xã nông nghiệp", "HTX Raiffeisen"
    if kind:
        rest = rest[kind.end() :]
        noun_len += kind.end()
    ok_follow = re.match(_FOLLOW, rest)
    if ok_follow:
        return "cooperatives", after[:noun_len].strip(), noun_len
    noun = _noun(after)
    return "other", noun, after.find(noun) + len(noun)


def _may_be_period(doc: Doc, d: DateMention) -> bool:
    """A term, or the span of a plan the figure is measured against, is not the figure's period."""
    return not re.search(
        r"(?:nhiệm kỳ|khóa|khoá|kế hoạch(?: giai đoạn)?)\s*$", doc.text[max(0, d.start - 22) : d.start]
    )


def _period(
    doc: Doc, sentence: Sentence, dates: list[DateMention], pos: int
) -> tuple[str | None, str | None]:
    def value(d: DateMention) -> str:
        return f"{d.value}/{d.until}" if d.until and d.kind == "period" else d.value

    usable = [d for d in dates if _may_be_period(doc, d)]
    earlier = [d for d in usable if d.start < pos]
    if earlier:
        return value(earlier[-1]), earlier[-1].resolution
    later = [d for d in usable if d.start >= pos]
    if later:
        return value(later[0]), later[0].resolution
    para = [
        d
        for d in doc.dates
        if d.start < sentence.start
        and doc.sentence_at(d.start).paragraph == sentence.paragraph
        and d.kind != "day"
        and _may_be_period(doc, d)
    ]
    if para:
        return value(para[-1]), "paragraph"
    if doc.article.published:
        return doc.article.published[:10], "publication-date"
    if doc.reference.year and re.search(r"hiện nay|hiện có|đến nay|hiện tại", sentence.text, re.I):
        return str(doc.reference.year), "year-of-article-from-content"
    return None, None


def _area(doc: Doc, sentence: Sentence) -> str | None:
    names = {p.name for p in gazetteer.find_places(sentence.text) if p.kind == "province"}
    if len(names) == 1:
        return next(iter(names))
    if _NATIONAL.search(sentence.text):
        return "Việt Nam"
    if doc.province and not names:
        return doc.province  # a figure in an article about a province describes it, unless said otherwise
    return None
