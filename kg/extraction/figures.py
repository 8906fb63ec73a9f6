"""Reported figures: each number with what it measures becomes an observation.

For every number of a sentence (the ``quantities`` layer) the component decides, from tables in
``data/``:

- whether it is a figure at all: not a date, a document or unit number, an ordinal, a term, a
  duration, a distance or a frequency (``not_figure_before.tsv``, ``not_counted.tsv``), and for a
  count, a noun the economy counts (``counted.tsv``): "3 nhiệm vụ" or "7 km" are no figures;
- its metric: from the counted noun ("579 HTX", "64.000 thành viên", "250 gian hàng"), from the
  nearest cue before an amount ("doanh thu bình quân ... 2,5 tỷ đồng", ``metric_signals.tsv``), or
  from its unit (ha: area, tấn: output); finer metrics report as one of the 16 of the acceptance
  vocabulary through ``metrics.tsv``;
- its measure (a level, a change, a target or a requirement, ``measure_cues.tsv``), its status
  (target after "phấn đấu", "mục tiêu", ...), its period (the nearest date of the sentence, else
  of the paragraph, else the article's) and its area (a province written just before it, the
  country for "cả nước", the one province its sentence names, else the article's).

Patterns run on the case-folded text (`Doc.folded`); labels are taken from the text as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property

from kg.data import load_table
from kg.extraction.component import component
from kg.extraction.dates import DOCUMENTS, DateMention
from kg.extraction.doc import Doc, Layer, Sentence
from kg.extraction.facts import Figure
from kg.extraction.numbers import Quantity, parse_number, qualifier_after, tidy
from kg.gazetteer import PlaceMention
from kg.text import LOWER, UPPER, fold_pattern, trie_regex

_NATIONAL = re.compile(r"cả nước|toàn quốc|trên toàn quốc|toàn ngành|nước ta|(?:của|tại|ở) việt nam\b")
_CLAUSE = re.compile(rf"[;:]|,\s+(?=[{LOWER}])")
_STOP_NOUN = re.compile(
    r"[,;.:()\"“”]|\s\d|\s(?:và|với|cho|tại|trong|trên|đạt|được|là|có|của|thu hút|tạo|gồm|chiếm|tăng|giảm)\s"
)
# How far from a number its cue words may stand; bounding it keeps time linear in the text.
_LOOKBACK = 240
_AHEAD = 200  # how far after a number its noun and cues are read: a sentence may be a whole page
_AREA_UNITS = frozenset({"ha", "m2", "sào", "mẫu", "công"})
_OUTPUT_UNITS = frozenset({"tấn", "tạ", "kg", "lít", "m3"})
_LENGTH_UNITS = frozenset({"km", "m", "cm"})
_MONEY = ("VND", "USD", "EUR")
# Counts of the sector that a "newly founded" cue makes counts of new ones, which only
# cooperatives have a metric for.
_OF_THE_SECTOR = frozenset({"cooperative_groups", "unions_of_cooperatives", "members", "people_credit_funds"})
_NEW = re.compile(r"thành lập mới|thành lập thêm|thành lập được|mới thành lập|phát triển mới|kết nạp")
# What "N người" counts, from the subject before it in the clause.
_PEOPLE_SUBJECT = re.compile(
    r"(?P<workers>lao động|việc làm)|(?P<members>thành viên|xã viên)|(?P<trainees>học viên|tập huấn|đào tạo)"
)
# Metrics finer than the acceptance vocabulary's 16, which report as "other".
_FINER = frozenset(r["metric"] for r in load_table("metrics", ("metric", "base")) if r["base"] == "other")


@cache
def _counted() -> tuple[re.Pattern[str], list[str]]:
    rows = load_table("counted", ("metric", "pattern"))
    alternatives = "|".join(f"(?P<c{i}>(?:{fold_pattern(r['pattern'])})(?!\\w))" for i, r in enumerate(rows))
    return re.compile(rf"\s*(?:{alternatives})"), [r["metric"] for r in rows]


@cache
def _signals(applies: str) -> list[tuple[str, re.Pattern[str]]]:
    """Cues for counts, amounts of money, or percentages (which amount cues describe too)."""
    rows = load_table("metric_signals", ("metric", "applies", "pattern"))
    wanted = ("percent", "amount") if applies == "percent" else (applies,)
    return [(r["metric"], re.compile(fold_pattern(r["pattern"]))) for r in rows if r["applies"] in wanted]


@cache
def _measures(where: str) -> list[tuple[str, re.Pattern[str]]]:
    rows = load_table("measure_cues", ("measure", "where", "pattern"))
    return [(r["measure"], re.compile(fold_pattern(r["pattern"]))) for r in rows if r["where"] == where]


@cache
def _not_counted() -> re.Pattern[str]:
    words = (r["word"].casefold() for r in load_table("not_counted", ("word",)))
    return re.compile(rf"\s*(?:{trie_regex(words)})(?!\w)")


@cache
def _not_figure_before() -> re.Pattern[str]:
    patterns = "|".join(fold_pattern(r["pattern"]) for r in load_table("not_figure_before", ("pattern",)))
    return re.compile(rf"(?<!\w)(?:{patterns})\s*$")


@cache
def _status_cues() -> re.Pattern[str]:
    return re.compile("|".join(fold_pattern(r["pattern"]) for r in load_table("status_cues", ("pattern",))))


@dataclass
class _Sentence:
    """What the figures of one sentence share, found once: its text (as written and folded),
    dates, places, default area, and where its clause breaks and target cues are."""

    sentence: Sentence
    text: str
    folded: str
    periods: list[DateMention]  # the sentence's dates that may say when a figure holds
    paragraph_period: DateMention | None  # the last such date, not of a day, earlier in its paragraph
    provinces: list[PlaceMention]
    area: str | None
    cue_ends: list[int]
    clause_ends: list[tuple[int, bool]]  # (end, is a plain comma)
    semicolons: list[int]

    @cached_property
    def period_starts(self) -> list[int]:
        return [d.start for d in self.periods]

    @cached_property
    def all_clause_ends(self) -> list[int]:
        return [e for e, _ in self.clause_ends]

    @cached_property
    def hard_clause_ends(self) -> list[int]:
        return [e for e, comma in self.clause_ends if not comma]

    @cached_property
    def province_starts(self) -> list[int]:
        return [p.start for p in self.provinces]

    @cached_property
    def says_now(self) -> bool:
        """Whether the sentence reports how things stand now ("hiện nay", "đến nay")."""
        return re.search(r"hiện nay|hiện có|đến nay|hiện tại", self.folded) is not None


def _context(
    doc: Doc, sentence: Sentence, periods: list[DateMention], paragraph_period: DateMention | None
) -> _Sentence:
    text = doc.text[sentence.start : sentence.end]
    folded = doc.folded[sentence.start : sentence.end]
    named = [p for p in doc.places.within(sentence.start, sentence.end) if p.kind == "province"]
    provinces = [p for p in named if not _delegation(doc, p)]
    return _Sentence(
        sentence,
        text,
        folded,
        periods,
        paragraph_period,
        provinces,
        # a speaker's delegation says the figures are not the article's province's, nor whose they are
        _area(doc, sentence, provinces, folded) if len(provinces) == len(named) or provinces else None,
        sorted(m.end() for m in _status_cues().finditer(folded)),
        [(m.end(), m.group(0).strip() == ",") for m in _CLAUSE.finditer(text)],
        [m.start() for m in re.finditer(";", text)],
    )


_BRACKET_OPEN = re.compile(r"\(\s*(đoàn\s+(?:ĐBQH\s+)?)?(?:tỉnh\s+|thành phố\s+|TP\.?\s*)?$", re.I)


_SPEAKER = re.compile(
    rf"(?:[Đđ]ại biểu|ĐB|[Ôô]ng|[Bb]à|Thượng tọa|Hòa thượng|Hoà thượng)\s+(?:[{UPPER}]\S*\s+){{1,5}}$"
)


def _delegation(doc: Doc, p: PlaceMention) -> bool:
    """A province in brackets after a person ("ĐB Nguyễn Văn A (Bình Thuận)", "(đoàn Hà Tĩnh)")
    says whom the speaker represents, not where the figures of the sentence are."""
    m = _BRACKET_OPEN.search(doc.text, max(0, p.start - 30), p.start)
    if m is None or not re.match(r"\s*\)", doc.text[p.end : p.end + 3]):
        return False
    if m.group(1):
        return True
    person = doc.people.last_before(m.start())
    if person is not None and not doc.text[person.end : m.start()].strip():
        return True
    # a speaker whose name the rules do not know ("đại biểu Thích Thanh Quyết (Quảng Ninh)")
    return _SPEAKER.search(doc.text, max(0, m.start() - 60), m.start()) is not None


@component(
    "figures", reads=["sentences", "quantities", "dates", "places", "province", "people"], adds=["figures"]
)
def extract_figures(doc: Doc) -> None:
    """A `Figure` for every reported number of every sentence."""
    seen: set[tuple[str, str, str | None, str]] = set()
    figures: list[Figure] = []
    paragraph_start = _paragraph_starts(doc)
    # the dates that may say when a figure holds, found once and looked up by offset: a sentence's
    # own, and the last of those not of a day before it in its paragraph (a figure's fallback)
    usable = Layer([d for d in doc.dates if _may_be_period(doc, d)])
    periods = [d for d in usable if d.kind != "day"]
    period_starts = [d.start for d in periods]
    for sentence in doc.sentences:
        quantities = doc.quantities.starting(sentence.start, sentence.end)
        if not quantities and "/" not in doc.text[sentence.start : sentence.end]:
            continue
        i = bisect_left(period_starts, sentence.start)
        before = periods[i - 1] if i and periods[i - 1].start >= paragraph_start[sentence.paragraph] else None
        ctx = _context(doc, sentence, usable.starting(sentence.start, sentence.end), before)
        figures.extend(_fractions(doc, ctx))
        previous_end = 0
        for q in quantities:
            fig = _figure(doc, ctx, q, previous_end)
            previous_end = q.end - sentence.start
            if fig is None:
                continue
            # a caption repeating a sentence reports the same figure again; two different things
            # counted alike ("80% ...", "80% ...") are two figures
            key = (fig.metric, str(fig.value), fig.period, fig.label if fig.metric in _FINER else "")
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


def _fractions(doc: Doc, ctx: _Sentence) -> list[Figure]:
    """ "chuyển đổi được 179/196 HTX": the part and the whole are both reported. The part's span
    is the whole phrase ("179/196 HTX"), the whole's from its own number ("196 HTX"). A number
    and a year ("Nghị định 163/2006", "quý 1/2017") are no fraction."""
    out = []
    sentence, base = ctx.sentence, ctx.sentence.start
    for m in _FRACTION.finditer(ctx.text):
        start, end = base + m.start(), base + m.end()
        if doc.dates.overlapping(start, end) or _not_figure_before().search(
            ctx.folded[max(0, m.start() - 40) : m.start()]
        ):
            continue
        part, whole = parse_number(m.group(1), whole=True), parse_number(m.group(2), whole=True)
        if 1900 <= whole <= 2100:
            continue
        counted = _counted()[0].match(ctx.folded, m.end() - 1)
        noun = _noun(ctx.text[m.end() : m.end() + _AHEAD])
        if (
            not noun
            or part >= whole
            or (not counted and (whole > 10 or _not_counted().match(" " + noun.casefold())))
        ):
            continue
        metric = _counted()[1][int(counted.lastgroup[1:])] if counted and counted.lastgroup else "share"
        phrase_end = end + len(noun)
        period, resolution = _period(doc, ctx, start)
        shared = dict(
            metric="other" if metric in ("cooperatives", "members", "workers") else metric,
            label=noun,
            qualifier="exact",
            sentence=sentence.index,
            area=ctx.area,
            period=period,
            period_resolution=resolution,
            end=phrase_end,
        )
        if not counted:  # "chiếm 1/3 kim ngạch": a proportion, reported as a percentage
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


def _window(ctx: _Sentence, number_start: int, unit: str, previous_end: int) -> int:
    """Where a cue for this number may stand: since the previous number for amounts
    ("doanh thu bình quân ... 2,5 tỷ đồng, thu nhập bình quân ... 60 triệu đồng"), since the
    last ";" for counts ("hỗ trợ xúc tiến thương mại, mở rộng thị trường cho 68 HTX")."""
    if unit == "count":
        k = bisect_left(ctx.semicolons, number_start)
        start = ctx.semicolons[k - 1] + 1 if k else 0
    else:
        ends = ctx.all_clause_ends if previous_end == 0 else ctx.hard_clause_ends
        k = bisect_right(ends, number_start)
        start = max(previous_end, ends[k - 1] if k else 0)
    return max(start, number_start - _LOOKBACK)


def _figure(doc: Doc, ctx: _Sentence, q: Quantity, previous_end: int) -> Figure | None:
    text, folded, base = ctx.text, ctx.folded, ctx.sentence.start
    number_start, q_end = q.number_start - base, q.end - base
    if doc.dates.overlapping(q.number_start, q.end):
        return None
    if _not_figure_before().search(folded[max(0, number_start - 40) : number_start]):
        return None
    if q.unit == "count" and re.fullmatch(r"(?:19|20)\d{2}", text[number_start:q_end].strip()):
        return None  # a bare year ("Luật Hợp tác xã 2012", "Đinh Dậu 2017")
    after = text[q_end : q_end + _LOOKBACK]
    if q.unit == "count" and re.match(r"\s*[/.]\d|[^\W\d_]|-\d", after):
        return None  # "3G", "14h", "6-2012"
    clause_start = _window(ctx, number_start, q.unit, previous_end)
    found = _measured(q, ctx, clause_start, number_start, q_end)
    if found is None:
        return None
    metric, label, noun_end = found
    if metric == "localities" and _named_after(doc, base + q_end + noun_end):
        return None  # "hai tỉnh Cà Mau và Bạc Liêu", "8 tỉnh: Lai Châu, ...": which, not how many
    qualifier = q.qualifier
    end = q_end + noun_end
    late = qualifier_after(text, end)
    if late:
        qualifier, end = late[0], late[1]
    while end > q_end and text[end - 1].isspace():
        end -= 1
    period, resolution = _period(doc, ctx, q.number_start)
    status = "target" if _cue_before(ctx, number_start) else "actual"
    return Figure(
        metric=metric,
        label=label,
        value=q.value,
        value_max=q.value_max,
        unit=q.unit.removesuffix("/cooperative"),
        qualifier=qualifier,
        status=status,
        measure=_measure(ctx, q, number_start, end, status, qualifier),
        start=q.start,
        end=base + end,
        sentence=ctx.sentence.index,
        rule=f"figures.{metric}",
        area=_number_area(ctx, number_start, clause_start) or ctx.area,
        period=period,
        period_resolution=resolution,
    )


def _named_after(doc: Doc, pos: int) -> bool:
    """Whether the places counted are named right after their count."""
    gap = re.match(r"[\s:]*", doc.text[pos : pos + 4])
    return bool(doc.places.starting(pos, pos + (gap.end() if gap else 0) + 1))


def _measured(
    q: Quantity, ctx: _Sentence, clause_start: int, number_start: int, q_end: int
) -> tuple[str, str, int] | None:
    """(metric, label, length of the counted noun after the number), or None for no figure."""
    text, folded = ctx.text, ctx.folded
    if q.unit == "count":
        counted, metrics = _counted()
        m = counted.match(folded, q_end)
        if m and m.lastgroup:
            metric = metrics[int(m.lastgroup[1:])]
            noun_len = m.end() - q_end
            label = text[m.start(m.lastgroup) : m.end()]
            if metric == "cooperatives":
                return _cooperatives(ctx, clause_start, number_start, q_end, noun_len)
            near = max(clause_start, number_start - 50)
            if metric in _OF_THE_SECTOR and _NEW.search(folded, near, number_start):
                return "other", label, noun_len  # new groups, unions, members: no metric of their own
            if metric == "members" and re.search(r"liên minh[^\d]*$", folded[near:number_start]):
                return "other", label, noun_len  # an alliance's members are organisations
            if (
                metric == "other"
                and label.casefold() == "tổ"
                and re.search(r"tổ hợp tác|\btht\b", folded[max(0, number_start - 400) : number_start])
            ):
                return "cooperative_groups", label, noun_len  # "61 tổ" after "tổ hợp tác"
            if metric == "people":  # "lao động ... đạt 268.700 người"
                subject = _PEOPLE_SUBJECT.search(folded, max(clause_start, number_start - 80), number_start)
                if subject and subject.lastgroup:
                    return subject.lastgroup, label, noun_len
            if q.value <= 1 and metric in _FINER:
                return None  # "1 trang trại": a single thing is mentioned, not counted
            return metric, label, noun_len
        if q.spelled or q.value <= 1 or _not_counted().match(folded, q_end):
            return None  # "01 sổ tay": a single thing is mentioned, not counted; "3 năm", "7 km"
        subject = _subject_before(ctx, number_start)
        return subject if subject else None
    unit = q.unit.split("/")[0]
    if q.unit.endswith("/cooperative"):  # "2,14 tỷ đồng/HTX": an average per cooperative
        cue = _nearest_cue("amount", folded, clause_start, number_start)
        metric = {"profit": "avg_profit", "avg_profit": "avg_profit", "income": "avg_income_per_worker"}.get(
            cue[0] if cue else "", "avg_revenue_per_cooperative"
        )
        return metric, text[cue[1] : cue[2]] if cue else "bình quân một HTX", 0
    if unit in _LENGTH_UNITS:
        return None  # a distance or a length is no figure of the economy
    if unit in _AREA_UNITS:
        return "area", text[number_start:q_end].split()[-1], 0
    if unit in _OUTPUT_UNITS:
        return ("yield" if q.unit.endswith("/ha") else "output"), unit, 0
    if q.unit == "percent" and _RATIO.match(folded, q_end):  # "đạt 102% kế hoạch": of a plan
        return "other", text[q_end : q_end + 40].split(",")[0].strip(" .;:"), 0
    cue = _nearest_cue("percent" if q.unit == "percent" else "amount", folded, clause_start, number_start)
    if cue:
        metric, cue_start, cue_end = cue
        if (
            metric in ("income", "other")
            and folded[cue_start:cue_end] == "thu nhập"
            and q.unit.endswith(("/month", "/year"))
        ):
            metric = "avg_income_per_worker"  # "thu nhập 5 triệu đồng/người/tháng"
        return metric, text[cue_start:cue_end].strip(), 0
    if q.unit == "percent":
        noun = _noun(text[q_end : q_end + _AHEAD])
        return "share", noun or text[clause_start:number_start].strip()[-40:], 0
    if unit in _MONEY and "/" in q.unit:
        return "price", " ".join(text[clause_start:number_start].split()[-4:]), 0
    return "other", " ".join(text[clause_start:number_start].split()[-4:]), 0


# A percentage of a plan or of an earlier level ("đạt 102% kế hoạch", "bằng 189% so với cùng kỳ").
_RATIO = re.compile(r"\s*(?:so với|kế hoạch|chỉ tiêu|dự toán|cùng kỳ|nghị quyết|mục tiêu)")


def _nearest_cue(applies: str, folded: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The cue of ``metric_signals.tsv`` nearest before ``end`` (from ``start``), or None."""
    best: tuple[int, int, str, int] | None = None
    for rank, (metric, pattern) in enumerate(_signals(applies)):
        for m in pattern.finditer(folded, start, end):
            key = (m.end(), -rank)
            if best is None or key > (best[0], best[1]):
                best = (m.end(), -rank, metric, m.start())
    if best is None and applies in ("amount", "percent"):
        return _nearest_cue("weak", folded, start, end)
    return (best[2], best[3], best[0]) if best else None


# "tổng số thành viên là 851", "số HTX đang hoạt động đạt 120": the subject stands before the number.
_SUBJECT = re.compile(
    r"(?:tổng số|số lượng|số)\s+([^\s,;.]+(?:\s+[^\s,;.]+){0,2})[^,;.]{0,30}?\s+(?:là|đạt|lên|còn|có|gồm)\s+(?:\S+\s+)?$"
)


def _subject_before(ctx: _Sentence, number_start: int) -> tuple[str, str, int] | None:
    m = _SUBJECT.search(ctx.folded, max(0, number_start - 80), number_start)
    if not m:
        return None
    counted, metrics = _counted()
    noun = counted.match(ctx.folded, m.start(1) - 1 if m.start(1) else 0)
    if not noun or not noun.lastgroup:
        return None
    return metrics[int(noun.lastgroup[1:])], ctx.text[m.start() : m.end()].strip(), 0


def _measure(ctx: _Sentence, q: Quantity, number_start: int, end: int, status: str, qualifier: str) -> str:
    """Level, change, target or requirement (``measure_cues.tsv``)."""
    before = ctx.folded[max(0, q.start - ctx.sentence.start - 40) : q.start - ctx.sentence.start]
    for measure, pattern in _measures("before"):
        if pattern.search(before):
            return measure if measure != "level" or status != "target" else "target"
    after = ctx.folded[end : end + 60]
    for measure, pattern in _measures("after"):
        if pattern.search(after):
            return measure if measure != "level" or status != "target" else "target"
    # the number's own part of the sentence, which may be a whole page
    near = ctx.folded[max(0, number_start - _LOOKBACK) : end + _AHEAD]
    if qualifier in ("at_least", "at_most") and any(p.search(near) for _, p in _measures("sentence")):
        return "requirement"
    return "target" if status == "target" else "level"


def _noun(after: str) -> str:
    """The counted noun phrase right after a number: up to punctuation or a verb, 6 words at most."""
    m = _STOP_NOUN.search(after + " ")
    phrase = (after[: m.start()] if m else after).strip()
    return " ".join(phrase.split()[:6])


# What may follow "N HTX" when it counts the cooperatives themselves, not a subset of them.
_FOLLOW = re.compile(
    r"\s*(?:$|[,;.)(…]|và\b|thu hút\b|với\b|trên\b|trong\b|tại\b|thì\b|của\b|trở lên\b|nâng\b|tăng\b|giảm\b"
    r"|đang hoạt động\b|hoạt động\b|,?\s*liên hiệp\b)"
)
# A name after "N HTX" ("3 HTX Raiffeisen") still counts cooperatives.
_NAMED = re.compile(rf"\s+[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*)?")
# Words naming a kind of cooperative: "N HTX nông nghiệp" still counts cooperatives.
_SECTOR = re.compile(
    r"\s+(?:nông,\s*lâm(?:,\s*ngư)?\s+nghiệp|nông\s*-\s*lâm(?:\s*-\s*ngư)?\s+nghiệp|nông nghiệp|phi nông nghiệp|vận tải|kiểu mới|thủy sản|lâm nghiệp|dịch vụ|tín dụng"
    r"|công nghiệp|thương mại|xây dựng|môi trường|du lịch|tiểu thủ công nghiệp|chăn nuôi|trồng trọt)"
    r"(?=\s*(?:$|[,;.)(…]|và\b|thu hút\b|với\b|trên\b|trong\b|tại\b|thì\b|của\b|trở lên\b|đang hoạt động\b))"
)


# "Trong đó có 323 HTX nông nghiệp, 61 HTX phi nông nghiệp": the parts of a total, not the stock.
_SUBSET = re.compile(r"(?:trong đó|trong số (?:này|đó)|bao gồm|\bgồm)(?:\s+có)?\b[^.;]*$")


def _part_of_cooperatives(folded: str, number_start: int) -> bool:
    """Whether "N HTX" is one part of a total of cooperatives ("1.086 HTX, trong đó có 1.439
    ..."; "Trong số này, 248 HTX ..." after a sentence giving the total), not of a wider whole
    ("654 tổ chức kinh tế tập thể, gồm: 465 HTX, 3 quỹ tín dụng")."""
    cue = _SUBSET.search(folded, max(0, number_start - 200), number_start)
    if cue is None:
        return False
    before = folded[max(0, cue.start() - 120) : cue.start()]
    return not re.search(r"\d", before) or bool(re.search(r"\b(?:htx|hợp tác xã)\b", before))


def _cooperatives(
    ctx: _Sentence, clause_start: int, number_start: int, q_end: int, noun_len: int
) -> tuple[str, str, int]:
    """Decide what "N HTX" counts: the stock of cooperatives, new or supported ones, or a subset."""
    folded, text = ctx.folded, ctx.text
    # a cue counts near the number, or before the colon that opens the list the number is in
    colon = folded.rfind(":", clause_start, number_start)
    cue = _nearest_cue("count", folded, max(clause_start, number_start - 80), number_start)
    if cue is None and colon >= 0:
        cue = _nearest_cue("count", folded, max(clause_start, colon - 80), colon + 1)
    if cue and cue[0] != "cooperatives":  # a stock cue ("nâng tổng số ... lên") leaves the rest to decide
        metric, cue_start, cue_end = cue
        return metric, text[cue_start:cue_end], noun_len
    rest_at = q_end + noun_len
    if re.match(
        r"\s*,\s*(?:liên hiệp|doanh nghiệp|dn|tổ hợp tác|hộ|cá nhân)", folded[rest_at : rest_at + 40]
    ):
        return "other", text[q_end:rest_at].strip(), noun_len
    kind = _SECTOR.match(folded, rest_at) or _NAMED.match(text, rest_at)  # "HTX vận tải", "HTX Raiffeisen"
    if kind and not _FOLLOW.match(folded, kind.end()):
        kind = None
    if kind:
        rest_at = kind.end()
        noun_len = rest_at - q_end
    if _FOLLOW.match(folded, rest_at) and not _part_of_cooperatives(folded, number_start):
        return "cooperatives", text[q_end:rest_at].strip(), noun_len
    after = text[q_end : q_end + _AHEAD]
    noun = _noun(after)
    return "other", noun, after.find(noun) + len(noun)


def _number_area(ctx: _Sentence, number_start: int, clause_start: int) -> str | None:
    """A province written just before the number, in its own part of the clause: "Cà Mau
    155.890 ha, Kiên Giang 13.800 ha", "Yên Bái 120 HTX"."""
    base = ctx.sentence.start
    part_start = max(
        [clause_start]
        + [
            m.end()
            for m in re.finditer(r"[,;:(]", ctx.text[max(clause_start, number_start - 60) : number_start])
        ]
    )
    part_start = max(part_start, number_start - 60)
    k = bisect_right(ctx.province_starts, base + number_start)
    while k and ctx.provinces[k - 1].start - base >= part_start:
        p = ctx.provinces[k - 1]
        if p.end - base <= number_start:
            return p.name
        k -= 1
    return None


# Dates that are not when a figure holds: a term, the span of a plan it is measured against, the
# year it is compared with ("so với năm 2015"), a deadline, and a document's year ("Luật Giao thông
# đường bộ năm 2008", "Nghị định số 67/2014").
_NOT_PERIOD_BEFORE = re.compile(
    r"(?:nhiệm kỳ|khóa|khoá|kế hoạch(?: giai đoạn)?|so với(?: cùng kỳ)?(?: năm)?|trước ngày|hạn chót(?: là)?"
    r"|(?:thành lập|ra đời|thành lập từ|ra đời từ)(?: vào)?(?: tháng \d+)?(?: năm)?"
    rf"|(?<!\w)(?:bộ luật|{DOCUMENTS})(?!\w)[^,;.:]{{0,50}})"
    r"\s*$"
)
# The figure holds now, whatever date comes before it: "Từ tháng 12/2016 ... đến nay đã có 146 gian hàng"
_NOW = re.compile(
    r"\b(?:đến nay|tới nay|hiện nay|hiện có|hiện tại|đến thời điểm này|hiện đã|nay (?:có|đã|là))\b"
)


def _may_be_period(doc: Doc, d: DateMention) -> bool:
    """Whether a date may say when a figure holds (see ``_NOT_PERIOD_BEFORE``)."""
    return not _NOT_PERIOD_BEFORE.search(doc.folded, max(0, d.start - 70), d.start)


def _period(doc: Doc, ctx: _Sentence, pos: int) -> tuple[str | None, str | None]:
    """When the figure at ``pos`` holds: the nearest usable date of its sentence before it (unless
    the sentence says the figure holds now), else the first after it, else one of its paragraph,
    else the article's date."""

    def value(d: DateMention) -> str:
        return f"{d.value}/{d.until}" if d.until and d.kind == "period" else d.value

    i = bisect_left(ctx.period_starts, pos)
    earlier = ctx.periods[i - 1] if i else None
    if earlier and not _NOW.search(doc.folded, max(earlier.end, pos - _LOOKBACK), pos):
        return value(earlier), earlier.resolution
    if i < len(ctx.periods) and earlier is None:
        return value(ctx.periods[i]), ctx.periods[i].resolution
    para = ctx.paragraph_period
    if (
        para
        and earlier is None
        and not _NOW.search(doc.folded, max(ctx.sentence.start, pos - _LOOKBACK), pos)
    ):
        return value(para), "paragraph"
    if doc.article.published:
        return doc.article.published[:10], "publication-date"
    if doc.reference.year and ctx.says_now:
        return str(doc.reference.year), "year-of-article-from-content"
    return None, None


def _area(doc: Doc, sentence: Sentence, provinces: list[PlaceMention], folded: str) -> str | None:
    names = {p.name for p in provinces}
    if len(names) == 1:
        return next(iter(names))
    if _NATIONAL.search(folded):
        return "Việt Nam"
    if doc.province and not names:
        return doc.province  # a figure in an article about a province describes it, unless said otherwise
    return None
