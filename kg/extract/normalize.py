"""Unicode normalisation for Vietnamese text, and fold keys for matching names.

Vietnamese text arrives in NFC or NFD, with the tone mark of the clusters *oa*, *oe* and
*uy* placed either on the first vowel ("Hòa", "Thủy", the traditional placement) or on
the second ("Hoà", "Thuỷ", the newer one). `normalize_text` puts every text in NFC with
the traditional placement, which is what the country's gazetteers use. The rewrite swaps
two characters in place, so character offsets in the normalised text are offsets in the
NFC input as well.
"""

from __future__ import annotations

import re
import unicodedata

# Tone marks as combining characters (after NFD): grave, acute, hook, tilde, dot below.
_TONES = "\u0300\u0301\u0309\u0303\u0323"

# Second vowel carrying the tone in the newer placement -> (first vowel, toneless second).
# Only word-final clusters are moved: in "hoàn" or "khuyến" the tone sits on the second
# vowel in both placements.
_CLUSTER = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![^\W\d_])",
)
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = match.group(1), match.group(2), match.group(3)
    if (first.lower(), second.lower()) not in _PAIRS:
        return match.group(0)
    return first + tone + second


def normalize_text(text: str) -> str:
    """NFC with the traditional tone placement; same length as ``unicodedata.normalize('NFC', text)``."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _CLUSTER.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", moved)


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
