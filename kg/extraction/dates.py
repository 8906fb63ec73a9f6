"""Dates and periods in running text, resolved against the article's reference date.

Running text gives full and partial dates ("Chiều ngày 08/4", "tháng 9/2023", "giai đoạn
2021 – 2025", "từ ngày 05 đến ngày 07 tháng 4"). A partial date takes its year from the publication date, or, where the page
has none, from the years the article itself reports on; the `resolution` field records
which, so a query can tell a stated date from an inferred one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer
from kg.text import fold_case, iso_date

STATED = "stated"
FROM_PUBLICATION = "inferred-from-publication"
FROM_CONTENT = "inferred-from-content"


@dataclass(frozen=True)
class Reference:
    """What partial dates are resolved against: a publication date, or a year read from the content."""

    year: int | None
    month: int | None = None
    day: int | None = None
    resolution: str = FROM_PUBLICATION
    earliest: int | None = None  # for a year read from the content: the earliest it may be

    @classmethod
    def from_published(cls, published: str | None, text: str) -> Reference:
        if published:
            y, m, d = (int(x) for x in published[:10].split("-"))
            return cls(y, m, d, FROM_PUBLICATION)
        years = content_years(text)
        return cls(years[1] if years else None, resolution=FROM_CONTENT, earliest=years[0] if years else None)


_YEAR = re.compile(
    r"\bnăm\s+((?:19|20)\d{2})\b|(?<![\d/])\d{1,2}\s*([/.-])\s*\d{1,2}\s*\2\s*((?:19|20)\d{2})\b"
    r"|\btháng\s+\d{1,2}\s*[/-]\s*((?:19|20)\d{2})\b",
)
# The names of legal documents, whose years say when they were issued ("Luật HTX năm 2012"), not
# when anything reported happened.
DOCUMENTS = "luật|nghị định|nghị quyết|quyết định|thông tư|chỉ thị|hiến pháp"
_LAW_BEFORE = re.compile(rf"(?:{DOCUMENTS})[^.;,]{{0,30}}$")
_PLAN_BEFORE = re.compile(
    r"(?:phấn đấu|mục tiêu|kế hoạch|chỉ tiêu|dự kiến|nhiệm vụ|định hướng|tầm nhìn|hoàn thành|xong"
    r"|\bsẽ\b)[^.;]{0,40}$|(?<!tính )(?:đến|tới)\s+(?:cuối\s+)?$",
)
_PLAN_AFTER = re.compile(r"^[^.;]{0,40}\b(?<!đã )(?<!đều )(?:cần|phải|sẽ|hoàn thành|tiếp tục|phấn đấu)\b")


_SPAN = re.compile(r"(nhiệm kỳ\s+|giai đoạn\s+)?\(?((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?!\d)(\))?")


def content_years(text: str) -> tuple[int, int] | None:
    """The years an undated article may be written in, from the years it reports on.

    It reports on years up to its own and plans for its own year or the next, so its year
    lies between the latest year reported as done (one later where that year is summed up as
    complete: "tính đến hết năm 2016") and the earliest year planned for. Years of laws and
    decrees ("Luật HTX năm 2012") say nothing of the article's date.
    """
    text = fold_case(text)  # the patterns are lower case: faster than matching with IGNORECASE
    done: list[int] = []
    planned: list[int] = []
    windows = _around_digits(text)  # every year is written in digits
    for m in (m for start, end in windows for m in _YEAR.finditer(text, start, end)):
        year = int(m.group(1) or m.group(3) or m.group(4))
        before = text[max(0, m.start() - 60) : m.start()]
        if m.group(1) and _LAW_BEFORE.search(before):
            continue
        if m.group(1) and (_PLAN_BEFORE.search(before) or _PLAN_AFTER.search(text[m.end() : m.end() + 60])):
            planned.append(year)
        elif m.group(1) and re.search(r"(?:hết|cả|tổng kết|trong suốt)\s+$", before):
            done.append(year + 1)  # a year summed up as complete is over
        else:
            done.append(year)
    for m in (m for start, end in windows for m in _SPAN.finditer(text, start, end)):
        first, last = int(m.group(2)), int(m.group(3))
        if not first < last <= first + 50:
            continue
        if m.group(1) and _PLAN_BEFORE.search(text[max(0, m.start() - 60) : m.start()]):
            planned.append(first)  # "kế hoạch giai đoạn 2021 - 2025"
        elif m.group(1):  # "nhiệm kỳ 2020 - 2025": the term has begun
            done.append(first)
        elif m.group(4):  # "(1992 - 2022)", "kỷ niệm 30 năm (1992 - 2022)": a span looked back on
            done.append(last)
    if not done and not planned:
        return None
    low = max(done) if done else min(planned)
    high = max(low, min(planned)) if planned else low
    return low, high


def content_year(text: str) -> int | None:
    """The latest year an undated article may be written in (see `content_years`)."""
    years = content_years(text)
    return years[1] if years else None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period in the text: ``value`` is ISO of the precision stated ("2021-04-08",
    "2023-09", "2023"); ``until`` closes a range; ``kind`` is day, month, year or period."""

    start: int
    end: int
    value: str
    until: str | None
    kind: str
    resolution: str


_DAY_CUE = r"(?:sáng|chiều|tối|trưa|đêm|hôm|ngày|từ|đến|tới|vào)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "day_range",
        re.compile(
            r"từ\s+(?:ngày\s+)?(\d{1,2})(?:\s*/\s*(\d{1,2}))?\s+(?:đến|tới)\s+(?:ngày\s+)?(\d{1,2})"
            r"(?:\s*/\s*(\d{1,2})|\s+tháng\s+(\d{1,2}))(?:\s*(?:/|năm)\s*(\d{4}))?"
        ),
    ),
    # "ngày 8-10/2", "từ ngày 18 – 21/1", "27 - 28/10/2020", "hai ngày 11 và 12/2": days of a month
    (
        "day_range",
        re.compile(
            r"(?:(?:từ|ngày|trong|hai ngày|2 ngày|sáng|chiều)\s+|\(\s*)(?:ngày\s+)?(\d{1,2})()\s*(?:[-–]|và)\s*(\d{1,2})"
            r"\s*/\s*(\d{1,2})()(?:\s*/\s*(\d{4}))?(?![\d/])"
        ),
    ),
    ("dmy", re.compile(r"(?<![\d/.,-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")),
    ("dmy_words", re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")),
    ("dm", re.compile(rf"\b{_DAY_CUE}\s+(?:ngày\s+)?(\d{{1,2}})\s*/\s*(\d{{1,2}})(?![\d/])")),
    # "Sáng nay (25/9)", "chiều qua (24/12)": the lead's day in brackets
    ("dm", re.compile(r"\b(?:nay|qua|hôm nay|hôm qua)\s*\(\s*(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*\)")),
    # "ngày 7-2", "tối 30.10": a dash or dot date needs a day word, since "từ 3-4 triệu" is a range
    # (a dot followed by two digits is no Vietnamese number: thousands take three)
    (
        "dm",
        re.compile(
            r"\b(?:sáng|chiều|tối|trưa|đêm|hôm|ngày)\s+(?:ngày\s+)?(\d{1,2})[-.](\d{1,2})(?![\d/-]|\.\d)"
        ),
    ),
    ("my", re.compile(r"tháng\s+(\d{1,2})\s*(?:/|-|năm)\s*(\d{4})\b")),
    ("month", re.compile(r"\btháng\s+(\d{1,2})(?!\s*[/\-\d])(?!\s*(?:năm\s+)?\d)")),
    ("period", re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")),
    ("year", re.compile(r"\bnăm\s+((?:19|20)\d{2})\b")),
]


def _year_for(month: int, day: int, ref: Reference) -> tuple[int | None, str]:
    if ref.year is None:
        return None, ref.resolution
    year = ref.year
    if ref.month and (month, day) > (ref.month, ref.day or 31) and month - ref.month > 6:
        year -= 1  # "28/12" in an article of early January is last year's
    if ref.earliest is not None and month > 3:
        year = (
            ref.earliest
        )  # reviews of a year come early in the next; later meetings are in the earlier year
    return year, ref.resolution


def find_dates(text: str, ref: Reference) -> list[DateMention]:
    """Every date and period in ``text``, leftmost-longest, partial ones resolved against ``ref``.

    Patterns are tried most specific first; a character taken by one mention is not reused, which
    a mask of the text checks in time linear in the text."""
    text = fold_case(text)  # the patterns are lower case: matching folded text is faster than IGNORECASE
    found: list[DateMention] = []
    taken = bytearray(len(text))
    windows = _around_digits(text)
    for kind, pattern in _PATTERNS:
        for start, end in windows:
            for m in pattern.finditer(text, start, end):
                if any(taken[m.start() : m.end()]):
                    continue
                mention = _mention(kind, m, ref)
                if mention:
                    found.append(mention)
                    taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found, key=lambda d: d.start)


_DIGITS = re.compile(r"\d+")
_BEFORE, _AFTER = 48, 40  # the longest words a date pattern reads before its first digit, after its last


def _around_digits(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` a date can be in: every date has a digit, so the patterns need not
    read the prose between numbers (most of an article). Near digits share one stretch, so no
    date is cut in two and every lookahead sees what follows."""
    windows: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        start, end = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _mention(kind: str, m: re.Match[str], ref: Reference) -> DateMention | None:
    s, e = m.start(), m.end()
    if kind == "dmy":
        v = iso_date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        return DateMention(s, e, v, None, "day", STATED) if v else None
    if kind in ("dmy_words", "dm"):
        d, mo = int(m.group(1)), int(m.group(2))
        y = m.group(3) if kind == "dmy_words" else None
        year, how = (int(y), STATED) if y else _year_for(mo, d, ref)
        if year is None:
            return (
                DateMention(s, e, f"--{mo:02d}-{d:02d}", None, "day", "unresolved") if 1 <= mo <= 12 else None
            )
        v = iso_date(year, mo, d)
        return DateMention(s, e, v, None, "day", how) if v else None
    if kind == "day_range":
        d1, m1, d2, m2a, m2b, y = m.groups()
        mo2 = int(m2a or m2b)
        mo1 = int(m1) if m1 else mo2
        year, how = (int(y), STATED) if y else _year_for(mo2, int(d2), ref)
        if year is None:
            return None
        a, b = iso_date(year, mo1, int(d1)), iso_date(year, mo2, int(d2))
        return DateMention(s, e, a, b, "day", how) if a and b else None
    if kind == "my":
        mo, y = int(m.group(1)), int(m.group(2))
        return DateMention(s, e, f"{y}-{mo:02d}", None, "month", STATED) if 1 <= mo <= 12 else None
    if kind == "month":
        mo = int(m.group(1))
        if not 1 <= mo <= 12:
            return None
        if ref.year is None:  # still a date, so its number is no figure; its year is unknown
            return DateMention(s, e, f"--{mo:02d}", None, "month", "unresolved")
        year, how = _year_for(mo, 1, ref)
        return DateMention(s, e, f"{year}-{mo:02d}", None, "month", how)
    if kind == "period":
        a, b = int(m.group(1)), int(m.group(2))
        return DateMention(s, e, str(a), str(b), "period", STATED) if a < b <= a + 30 else None
    if kind == "year":
        return DateMention(s, e, m.group(1), None, "year", STATED)
    return None


@component("dates", adds=["reference", "dates"])
def add_dates(doc: Doc) -> None:
    """Every date and period, partial ones resolved against the article's date (or, where the
    page has none, against the years the article reports on)."""
    reference = Reference.from_published(doc.article.published, doc.text)
    doc.add("reference", reference)
    doc.add("dates", Layer(find_dates(doc.text, reference)))
