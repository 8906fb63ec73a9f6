"""Sentence splitting for Vietnamese news text, keeping character offsets.

Paragraphs are lines. Within a line a sentence ends at ".", "!", "?" or "…" followed by
space and a capital, and also where a scraper glued two sentences ("năm 2024.Hội nghị")
— but not inside abbreviations ("TP.HCM", "TS.", "Th.S") or numbers ("64.000").
"""

from __future__ import annotations

import re

from kg.extract.model import Sentence
from kg.text import LOWER, UPPER

_END = re.compile(r"(?:[.!?]+|…+)(?:[\"”’)]*)(?=\s+\S|(?=[" + UPPER + "][" + LOWER + "]))")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|Th\.S|GS|PGS|BS|KS|Ths|St|Mr|Ms|Dr|tr|vs|Q|P|TT|No)|\b[A-ZĐ])$")


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for pindex, line in enumerate(text.split("\n")):
        start = pos
        for m in _END.finditer(line):
            before = line[start - pos : m.start()]
            if _ABBREV.search(before) or (
                m.group(0) == "." and re.search(r"\d$", before) and re.match(r"\d", line[m.end() :])
            ):
                continue
            end = pos + m.end()
            _add(out, text, start, end, pindex)
            start = end
        _add(out, text, start, pos + len(line), pindex)
        pos += len(line) + 1
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], paragraph))
