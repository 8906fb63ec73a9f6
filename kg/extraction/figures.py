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
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.data import load_table
from kg.extraction.component import component
from kg.extraction.dates import DateMention
from kg.extraction.doc import Doc, Sentence
from kg.extraction.facts import Figure
from kg.extraction.numbers import Quantity, parse_number, qualifier_after, tidy
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


@dataclass
class _Sentence:
    """What the figures of one sentence share, found once: its text, dates, provinces and the
    positions of clause breaks and target cues (so that no number scans the text before it)."""

    sentence: Sentence
    text: str
    dates: list[DateMention]
    area: str | None
    cue_ends: list[int]
    clause_ends: list[tuple[int, bool]]  # (end, is a plain comma)
    semicolons: list[int]


def _context(doc: Doc, sentence: Sentence) -> _Sentence:
    text = doc.text[sentence.start : sentence.end]
    return _Sentence(
        sentence,
        text,
        doc.dates.starting(sentence.start, sentence.end),
        _area(doc, sentence),
        sorted(m.end() for m in _status_cues().finditer(text)),
        [(m.end(), m.group(0).strip() == ",") for m in _CLAUSE.finditer(text)],
        [m.start() for m in re.finditer(";", text)],
    )


@component("figures", reads=["sentences", "quantities", "dates", "places", "province"], adds=["figures"])
def extract_figures(doc: Doc) -> None:
    """A `Figure` for every reported number of every sentence."""
    seen: set[tuple[str, str, str | None, str]] = set()
    figures: list[Figure] = []
    paragraph_start = _paragraph_starts(doc)
    for sentence in doc.sentences:
        quantities = doc.quantities.starting(sentence.start, sentence.end)
        if not quantities and "/" not in doc.text[sentence.start : sentence.end]:
            continue
        ctx = _context(doc, sentence)
        figures.extend(_fractions(doc, ctx, paragraph_start))
        previous_end = 0
        for q in quantities:
            fig = _figure(doc, ctx, q, previous_end, paragraph_start)
            previous_end = q.end - sentence.start
            if fig is None:
                continue
            # a caption repeating a sentence reports the same figure again; two different things
            # counted alike ("80% ...", "80% ...") are two figures
            key = (fig.metric, str(fig.value), fig.period, fig.label if fig.metric == "other" else "")
            if key in seen:
                continue
            seen.add(key)
            figures.append(fig)
    doc.add("figures", tuple(sorted(figures, key=lambda f: f.start)))


def _paragraph_starts(doc: Doc) -> dict[int, int]:
    starts: dict[int, int] = {}
    for s in doc.sentences:
        starts.setdefault(s.paragraph, s.start)
    return starts


_FRACTION = re.compile(
    r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})*|\d+)(?![\d/])\s+(?=[^\W\d_])"
)


def _fractions(doc: Doc, ctx: _Sentence, paragraph_start: dict[int, int]) -> list[Figure]:
    """ "chuyển đổi được 179/196 HTX": the part and the whole are both reported. The part's span
    is the whole phrase ("179/196 HTX"), the whole's from its own number ("196 HTX")."""
    out = []
    sentence, base = ctx.sentence, ctx.sentence.start
    for m in _FRACTION.finditer(ctx.text):
        start, end = base + m.start(), base + m.end()
        if doc.dates.overlapping(start, end):
            continue
        part, whole = parse_number(m.group(1), whole=True), parse_number(m.group(2), whole=True)
        noun = _noun(ctx.text[m.end() :])
        if not noun or part >= whole or _not_counted().match(" " + noun):
            continue
        phrase_end = end + len(noun)
        period, resolution = _period(doc, ctx, start, paragraph_start)
        shared = dict(
            metric="other",
            label=noun,
            qualifier="exact",
            sentence=sentence.index,
            area=ctx.area,
            period=period,
            period_resolution=resolution,
            end=phrase_end,
        )
        if whole <= 10:  # "chiếm 1/3 kim ngạch": a proportion, reported as a percentage
            out.append(
                Figure(
                    **shared,
                    value=tidy(Decimal(100) * part / whole, 2),
                    unit="percent",
                    status="actual",
                    start=start,
                    rule="figures.proportion",
                )
            )
            continue
        status = "target" if _cue_before(ctx, m.start()) else "actual"
        for value, s in ((part, m.start(1)), (whole, m.start(2))):
            out.append(
                Figure(
                    **shared,
                    value=value,
                    unit="count",
                    status=status,
                    measure="target" if status == "target" else "level",
                    start=base + s,
                    rule="figures.fraction",
                )
            )
    return out


def _cue_before(ctx: _Sentence, pos: int) -> bool:
    """A target cue ("phấn đấu", "mục tiêu") ends before ``pos`` in the sentence."""
    return bool(ctx.cue_ends) and ctx.cue_ends[0] <= pos


# How far back from a number its cue words may stand; bounding it keeps time linear in the text.
_LOOKBACK = 240


def _window(ctx: _Sentence, q: Quantity, previous_end: int) -> str:
    """Where a cue for this number may stand: since the previous number for amounts
    ("doanh thu bình quân ... 2,5 tỷ đồng, thu nhập bình quân ... 60 triệu đồng"), since the
    last ";" for counts ("hỗ trợ xúc tiến thương mại, mở rộng thị trường cho 68 HTX")."""
    number_start = q.number_start - ctx.sentence.start
    if q.unit == "count":
        k = bisect_left(ctx.semicolons, number_start)
        start = ctx.semicolons[k - 1] + 1 if k else 0
    else:
        start = max(
            [previous_end]
            + [e for e, comma in ctx.clause_ends if e <= number_start and (not comma or previous_end == 0)]
        )
    return ctx.text[max(start, number_start - _LOOKBACK) : number_start]


def _figure(
    doc: Doc, ctx: _Sentence, q: Quantity, previous_end: int, paragraph_start: dict[int, int]
) -> Figure | None:
    text, base = ctx.text, ctx.sentence.start
    number_start, q_end = q.number_start - base, q.end - base
    if doc.dates.overlapping(q.number_start, q.end):
        return None
    before = text[max(0, number_start - _LOOKBACK) : number_start]
    if _NOT_FIGURE_BEFORE.search(before[-60:]):
        return None
    if q.unit == "count" and re.fullmatch(r"(?:19|20)\d{2}", text[number_start:q_end].strip()):
        return None  # a bare year ("Luật Hợp tác xã 2012", "Đinh Dậu 2017")
    after = text[q_end : q_end + _LOOKBACK]
    if q.unit == "count" and (_not_counted().match(after) or re.match(r"\s*[/.]\d|[^\W\d_]|-\d", after)):
        return None  # "3 năm", "3G", "14h", "6-2012"
    metric, label, noun_end = _metric(q, before, _window(ctx, q, previous_end), after)
    if metric is None:
        return None
    qualifier = q.qualifier
    end = q_end + noun_end
    late = qualifier_after(text, end)
    if late:
        qualifier, end = late[0], late[1]
    while end > q_end and text[end - 1].isspace():
        end -= 1
    period, resolution = _period(doc, ctx, q.number_start, paragraph_start)
    status = "target" if _cue_before(ctx, number_start) else "actual"
    return Figure(
        metric=metric,
        label=label,
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        qualifier=qualifier,
        status=status,
        measure="target" if status == "target" else "level",
        start=q.start,
        end=base + end,
        sentence=ctx.sentence.index,
        rule=f"figures.{metric if metric != 'other' else 'counted-noun'}",
        area=ctx.area,
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
    doc: Doc, ctx: _Sentence, pos: int, paragraph_start: dict[int, int]
) -> tuple[str | None, str | None]:
    def value(d: DateMention) -> str:
        return f"{d.value}/{d.until}" if d.until and d.kind == "period" else d.value

    usable = [d for d in ctx.dates if _may_be_period(doc, d)]
    earlier = [d for d in usable if d.start < pos]
    if earlier:
        return value(earlier[-1]), earlier[-1].resolution
    later = [d for d in usable if d.start >= pos]
    if later:
        return value(later[0]), later[0].resolution
    sentence = ctx.sentence
    para = [
        d
        for d in doc.dates.starting(paragraph_start[sentence.paragraph], sentence.start)
        if d.kind != "day" and _may_be_period(doc, d)
    ]
    if para:
        return value(para[-1]), "paragraph"
    if doc.article.published:
        return doc.article.published[:10], "publication-date"
    if doc.reference.year and re.search(r"hiện nay|hiện có|đến nay|hiện tại", ctx.text, re.I):
        return str(doc.reference.year), "year-of-article-from-content"
    return None, None


def _area(doc: Doc, sentence: Sentence) -> str | None:
    names = {p.name for p in doc.places.within(sentence.start, sentence.end) if p.kind == "province"}
    if len(names) == 1:
        return next(iter(names))
    if _NATIONAL.search(doc.text, sentence.start, sentence.end):
        return "Việt Nam"
    if doc.province and not names:
        return doc.province  # a figure in an article about a province describes it, unless said otherwise
    return None
