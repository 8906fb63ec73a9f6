"""Sentence splitting for Vietnamese news text, keeping character offsets.

Paragraphs are lines. Within a line a sentence ends at ".", "!", "?" or "…" followed by
space and a capital, and also where a scraper glued two sentences ("năm 2024.Hội nghị")
— but not inside abbreviations ("TP.HCM", "TS.", "Th.S") or numbers ("64.000").
"""

from __future__ import annotations

import re

from kg.extraction.component import component
from kg.extraction.doc import Doc, Layer, Sentence
from kg.text import LOWER, UPPER

_END = re.compile(r"(?:[.!?]+|…+)(?:[\"”’)]*)(?=\s+\S|(?=[" + UPPER + "][" + LOWER + "]))")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|Th\.S|GS|PGS|BS|KS|Ths|St|Mr|Ms|Dr|tr|vs|Q|P|TT|No)|\b[A-ZĐ])$")


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for pindex, line in enumerate(text.split("\n")):
        start = pos
        for m in _END.finditer(line):
            lo = max(start - pos, m.start() - 12)  # abbreviations are short: look back a little only
            before = line[lo : m.start()]
            abbrev = _ABBREV.search(before)
            if abbrev and abbrev.start() == 0 and lo > start - pos and line[lo - 1].isalnum():
                abbrev = None  # the window cut a longer word
            if abbrev or (
                m.group(0) == "." and before[-1:].isdigit() and line[m.end() : m.end() + 1].isdigit()
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
        out.append(Sentence(len(out), start, end, paragraph))


@component("sentences", adds=["sentences"])
def add_sentences(doc: Doc) -> None:
    """Sentences with offsets, and the paragraph (line) each is in."""
    doc.add("sentences", Layer(split_sentences(doc.text)))
