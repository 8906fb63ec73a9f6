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
# "Thứ 6, 22/01/2021 | 15:34:48") and ISO values.

WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn)"
_DMY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_TIME = r"(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*(\d{2}))?"
_STAMP = re.compile(rf"{_DMY}(?:\D{{0,6}}?{_TIME})?|{_TIME}\D{{0,6}}?{_DMY}", re.I)
# What may stand beside a date on a stamp line and still make it a stamp line.
_STAMP_NOISE = re.compile(
    rf"{WEEKDAY}|\[?gmt\s*[+-]\s*\d+\]?|cập nhật|ngày đăng|đăng ngày|lúc|[\s,|\-–—:()\[\]]", re.I
)

def iso_date(y: int, m: int, d: int) -> str | None:
    """The ISO form of a day, or None where it does not exist (31/02)."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_stamp(line: str) -> str | None:
    """ISO date or date-time of a publication stamp line, or None if the line is more than a stamp.

    >>> parse_stamp("Thứ 6, 22/01/2021 | 15:34:48")
    '2021-01-22T15:34:48'
    """
    m = _STAMP.search(line)
    if not m:
        return None
    rest = _STAMP_NOISE.sub("", line[: m.start()] + line[m.end() :])
    if rest:
        return None
    if m.group(1):
        d, mo, y, hh, mm, ss = m.group(1, 2, 3, 4, 5, 6)
    else:
        hh, mm, ss, d, mo, y = m.group(7, 8, 9, 10, 11, 12)
    day = iso_date(int(y), int(mo), int(d))
    if day is None:
        return None
    if hh is None:
        return day
    if int(hh) > 23 or int(mm) > 59:
        return day
    return f"{day}T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")


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
    return re.sub(r"\\.|[^\\]+", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).casefold(), pattern)
