"""Text as every layer of coop-kg needs it: Unicode normalisation, matching keys, and the
parsing of dates as sites print them.

Normalisation.

Vietnamese text arrives in NFC or NFD, with the tone mark of the clusters *oa*, *oe* and
*uy* placed either on the first vowel ("Hòa", "Thủy", the traditional placement) or on
the second ("Hoà", "Thuỷ", the newer one). `normalize_text` puts every text in NFC with
the traditional placement, which is what the country's gazetteers use. The rewrite swaps
two characters in place, so character offsets in the normalised text are offsets in the
NFC input as well.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

# Tone marks as combining characters (after NFD): grave, acute, hook, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_PAIRS = {"o": "aeAE", "O": "aeAE", "u": "yY", "U": "yY"}

# A word-final cluster with the tone on its second vowel (the newer placement) -> the same
# cluster with the tone on the first: "oà" -> "òa", "uỷ" -> "ủy". Only a second vowel that
# carries the tone alone is moved: in "hoàn", "khuyến" or "hoặc" the tone stays where it is in
# both placements. Built on NFC text, where each such pair is two characters and keeps its length.
_SWAP = {
    first + unicodedata.normalize("NFC", second + tone): unicodedata.normalize("NFC", first + tone) + second
    for first, seconds in _PAIRS.items()
    for second in seconds
    for tone in _TONES
}
_CLUSTER = re.compile(
    r"(?<![qQ])[oOuU][" + "".join(sorted({k[1] for k in _SWAP})) + r"](?![^\W\d_]|[\u0300-\u036f])"
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """NFC with the traditional tone placement; same length as ``unicodedata.normalize('NFC', text)``."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _CLUSTER.sub(lambda m: _SWAP.get(m.group(0), m.group(0)), text)


def fold(text: str) -> str:
    """A matching key: normalised tones, case folded, one kind of apostrophe, dash and space.

    "Hoà Bình", "HÒA BÌNH" and "Hòa  Bình" share a key; "M’Đrắk" and "M'Đrắk" too.
    """
    text = normalize_text(text).casefold().translate(_APOSTROPHES).translate(_DASHES)
    text = re.sub(r"\s*'\s*", "'", text)
    return _SPACES.sub(" ", text).strip()


def ascii_fold(text: str) -> str:
    """A looser key with no diacritics at all ("Đăk Lăk", "Dak Lak" -> "dak lak").

    Used only as a fallback for place names, where romanised spellings are common.
    """
    text = fold(text).replace("đ", "d")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9' ]+", " ", stripped).strip()


def _letters(predicate) -> str:
    return "".join(
        chr(c)
        for c in range(0xC0, 0x1EFA)
        if chr(c).isalpha() and predicate(chr(c)) and "LATIN" in unicodedata.name(chr(c), "")
    )


# Character classes for regular expressions. Unicode interleaves capitals and small letters
# in the Vietnamese block (Ạ ạ Ả ả ...), so a range such as "À-Ỹ" matches both cases.
UPPER = "A-Z" + _letters(str.isupper)
LOWER = "a-z" + _letters(str.islower)


# ---------------------------------------------------------------------------------------------
# Dates as sites print them: publication stamps ("Thứ hai - 12/04/2021 04:03", "14:12, 20/09/2023",
# "Cập nhật lúc 10:15 ngày 02/11/2022", "Thứ hai, ngày 14 tháng 03 năm 2024", "14-03-2024 08:30:12",
# "12/02/2026 16:05 | Lê Hoà | Lượt xem: 846") and ISO values.

WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])"
_DATE = re.compile(
    r"(?<![\d/.-])(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)"  # 14/03/2024, 14-03-2024
    r"|(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*((?:19|20)\d\d)"  # ngày 14 tháng 03 năm 2024
    r"|((?:19|20)\d\d)-(\d\d)-(\d\d))(?![\d/])",  # 2024-03-14
    re.I,
)
_TIME = re.compile(
    r"(?<![\d/.,])(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?:\s*(?::|phút)\s*(\d{2}))?(?:\s*(am|pm|sa|ch)\b)?(?![\d/])",
    re.I,
)
# Words that stand beside the date and time on a stamp line: weekday, "cập nhật lúc", time zone.
_STAMP_WORDS = re.compile(
    rf"\b(?:{WEEKDAY}|(?:ngày\s+)?(?:cập nhật|(?<!người\s)đăng(?!\s+bởi)|xuất bản)(?:\s+(?:lúc|ngày|vào))?|thời gian(?:\s+đăng)?"
    r"|ngày(?:\s+đăng)?|vào\s+lúc|lúc|(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?00)?|giờ|phút)(?![^\W\d_])",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:[|•·/]|\s[-–—]\s|\s{2,})\s*|^\s*[-–—]\s*|\s*[-–—]\s*$")
# What else a stamp line may carry: a view or comment count, a labelled poster or author, a short
# name (the byline, the section, the agency): "| Lượt xem: 846", "| Người đăng: Ban Biên tập".
_COUNTER = re.compile(
    r"(?:(?:số\s+)?lượt\s+(?:xem|đọc|truy cập|thích)|views?|bình luận|comments?|đánh giá)\s*[:(]?\s*\d[\d.,]*\s*\)?"
    r"|(?<![\w.,])\d[\d.,]*\s*(?:lượt\s+(?:xem|đọc|thích)|views?|bình luận|comments?)(?![^\W\d_])",
    re.I,
)
_LABELLED = re.compile(
    r"^(?:người\s+(?:đăng|viết)|đăng bởi|tác giả|biên tập|bởi|by|nguồn|chuyên mục)\s*:?\s*([^\d:]{1,40})$",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w.\'’]*")


class Stamp(NamedTuple):
    """A publication stamp: the ISO date or date-time, and what else its line says (bylines,
    sections, counters), segment by segment."""

    iso: str
    rest: tuple[str, ...]


def iso_date(y: int, m: int, d: int) -> str | None:
    """The ISO form of a day, or None where it does not exist (31/02)."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day(m: re.Match[str]) -> str | None:
    if m.group(1):
        d, mo, y = m.group(1, 2, 3)
    elif m.group(4):
        d, mo, y = m.group(4, 5, 6)
    else:
        y, mo, d = m.group(7, 8, 9)
    return iso_date(int(y), int(mo), int(d))


def _segment_ok(segment: str) -> bool:
    """A piece of a stamp line that is not a sentence: a counter, a labelled name, or a short name."""
    if _COUNTER.fullmatch(segment) or _LABELLED.match(segment):
        return True
    if any(c.isdigit() for c in segment) or segment.rstrip()[-1:] in ".;!?:" or len(segment) > 40:
        return False
    words = segment.split()
    # "Kinh tế", "admin", "Thanh Hà", "ĐOÀN KIÊN", "Ban Biên Tập": up to three words, or a name
    return len(words) <= 3 or (len(words) <= 5 and all(w[:1].isupper() for w in words))


def read_stamp(line: str) -> Stamp | None:
    """The publication stamp a line prints, or None where the line is more than a stamp.

    Of two dates on one line the one said to be posted ("đăng", "xuất bản") is taken, else the
    first; the time is the one printed next to it. A stamp line may also carry a byline, a
    section name or a view counter, but no sentence.

    >>> read_stamp("12/02/2026 16:05 | Lê Hoà | Lượt xem: 846")
    Stamp(iso='2026-02-12T16:05', rest=('Lê Hoà', 'Lượt xem: 846'))
    """
    if len(line) > 160:
        return None
    dates = [m for m in _DATE.finditer(line)]
    if not dates:
        return None
    date_m = dates[0]
    if len(dates) > 1:
        posted = [
            m
            for m in dates
            if re.search(r"(?:đăng|xuất bản)\W{0,3}(?:\w+\W{1,3}){0,3}$", line[: m.start()], re.I)
        ]
        date_m = (posted or dates)[0]
    day = _day(date_m)
    if day is None:
        return None
    spans = [(m.start(), m.end()) for m in dates]
    times = [t for t in _TIME.finditer(line) if not any(a <= t.start() < b for a, b in spans)]
    time_m = min(
        times, key=lambda t: min(abs(t.start() - date_m.end()), abs(date_m.start() - t.end())), default=None
    )
    cut, pos = [], 0
    for a, b in sorted(spans + [(t.start(), t.end()) for t in times]):
        cut.append(line[pos:a])
        pos = b
    cut.append(line[pos:])
    rest = _STAMP_WORDS.sub(" ", "\x00".join(cut)).replace("\x00", " | ")
    rest = _COUNTER.sub(lambda m: f" | {m.group(0).strip('()')} | ", rest)
    rest = re.sub(r"[()\[\],]", " ", rest)
    segments = tuple(s for s in (x.strip(" :") for x in _SEPARATORS.split(rest)) if s and _WORD.search(s))
    if len(segments) > 4 or not all(_segment_ok(s) for s in segments):
        return None
    if time_m is None:
        return Stamp(day, segments)
    hh, mm, ss, half = (
        int(time_m.group(1)),
        int(time_m.group(2)),
        time_m.group(3),
        (time_m.group(4) or "").lower(),
    )
    if half in ("pm", "ch") and hh < 12:
        hh += 12
    elif half in ("am", "sa") and hh == 12:
        hh = 0
    if hh > 23 or mm > 59:
        return Stamp(day, segments)
    return Stamp(f"{day}T{hh:02d}:{mm:02d}" + (f":{ss}" if ss else ""), segments)


def parse_stamp(line: str) -> str | None:
    """ISO date or date-time of a publication stamp line, or None if the line is more than a stamp.

    >>> parse_stamp("Thứ 6, 22/01/2021 | 15:34:48")
    '2021-01-22T15:34:48'
    """
    stamp = read_stamp(line)
    return stamp.iso if stamp else None


def parse_published(value: str) -> str | None:
    """A publication date given as metadata (ISO or a Vietnamese stamp), as ISO, or None."""
    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?.*)?", value)
    if m:
        day = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day and m.group(4):
            return f"{day}T{m.group(4)}:{m.group(5)}" + (f":{m.group(6)}" if m.group(6) else "")
        return day
    return parse_stamp(value)


def period_end(period: str) -> str | None:
    """The last day a period covers, for ordering figures in time: "2023" -> "2023-12-31",
    "2023-09" -> "2023-09-30", "2021/2023" -> "2023-12-31", "2021-04-12" -> itself."""
    last = period.split("/")[-1]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", last)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        return last
    mo = int(m.group(2) or 12)
    return f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"


# ---------------------------------------------------------------------------------------------
# Word lists as regular expressions. Python's re tries the alternatives of "a|b|c" one by one at
# every position, and with IGNORECASE it cannot skip ahead on a literal prefix: a list of a hundred
# titles costs milliseconds per article. A list folded into a trie ("phó (?:chủ tịch|giám đốc)")
# and matched against case-folded text does the same work in a twentieth of the time. (A package
# could build the trie, but it is twenty lines, and we need it to prefer the longest word.)


def trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest where several match."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(root)


def _trie(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
    return body


def fold_case(text: str) -> str:
    """``text`` in lower case, letter for letter (so offsets into it are offsets into ``text``):
    the few letters whose case-folded form is longer ("ß") are kept as they are."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c.casefold()) != 1 else c.casefold() for c in text)


def fold_pattern(pattern: str) -> str:
    """A regular expression written for text as it comes, made to match `fold_case`d text: its
    letters lower-cased, its escapes (``\\S``, ``\\d``) left alone."""
    return re.sub(
        r"\\.|[^\\]+", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).casefold(), pattern
    )
