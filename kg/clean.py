"""From a scraped page's lines to the article: title, publication stamp, authors, clean body.

Scraped Vietnamese news pages carry site menus, page-view clocks, view counters, rating
widgets, related-article teasers, ads glued to sentences and captions printed twice.
The body keeps every sentence of the article (captions included, since they often name
people and their posts) but each only once, so a caption that repeats a sentence does
not produce a duplicate fact. The page furniture is described in ``data/boilerplate.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.data import load_table
from kg.text import LOWER, UPPER, fold, parse_stamp

_NAME_WORD = rf"[{UPPER}][{LOWER}]+"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
# A byline alone on its line: "Ngân Huyền", "Minh Chi – Phương Thảo", "Hồng Phúc (TTXVN)".
_BYLINE = re.compile(rf"^({_NAME}(?:\s*[–\-,&]\s*{_NAME})*)\s*(?:\([^)]{{1,40}}\))?\.?$")
_BYLINE_LABEL = re.compile(
    r"^(?:tác giả(?: bài viết)?|bài(?: và ảnh)?|bài, ảnh|thực hiện|theo)\s*:\s*(.+)$", re.I
)
_SPLIT_NAMES = re.compile(r"\s*[–\-,&]\s*")


@dataclass
class Page:
    """What cleaning finds in a page; ``body`` paragraphs are joined with newlines into the text."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    dropped: int = 0
    tail: str = ""  # the page after the article (teasers, comments): never facts, but a hint of the site

    @property
    def text(self) -> str:
        return "\n".join(self.body)


@cache
def _rules() -> dict[str, list[re.Pattern[str]]]:
    rules: dict[str, list[re.Pattern[str]]] = {"tail": [], "line": [], "strip": [], "credit": []}
    for row in load_table("boilerplate", ("kind", "pattern")):
        rules[row["kind"]].append(re.compile(row["pattern"], re.I))
    return rules


def _key(line: str) -> str:
    return re.sub(r"[\W_]+", " ", fold(line)).strip()


def _is_title(line: str) -> bool:
    """A headline: short, and not a sentence of the lede (which ends with a full stop)."""
    return 8 <= len(line) <= 250 and not line.rstrip().endswith((".", ":", "…")) and len(line.split()) >= 3


def clean_lines(lines: list[str], title: str | None = None) -> Page:
    """Split a page into metadata and body. ``title`` is given when the source has one (JSON, HTML)."""
    rules = _rules()
    page = Page(title=title)
    stamps: list[tuple[int, str]] = []
    body_started = False
    title_at = -1 if title else None
    seen: set[str] = {_key(title)} if title else set()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        for pattern in rules["strip"]:
            line = pattern.sub("", line).strip()
        line = strip_credits(line, rules["credit"])
        if not line:
            continue
        if body_started and any(p.search(line) for p in rules["tail"]):
            page.tail = "\n".join(x.strip() for x in lines[i:] if x.strip())
            break
        if any(p.search(line) for p in rules["line"]):
            page.dropped += 1
            continue
        stamp = parse_stamp(line) if not body_started else None
        if stamp:
            stamps.append((i, stamp))
            continue
        if title_at is None:
            title_at = i
            if _is_title(line):
                page.title = line
                seen.add(_key(line))
                continue
        label = _BYLINE_LABEL.match(line)
        if label:
            page.authors += _names(label.group(1))
            continue
        key = _key(line)
        if key in seen:
            page.dropped += 1
            continue
        seen.add(key)
        page.body.append(line)
        body_started = True
    _take_final_byline(page)
    page.published = _choose_stamp(stamps, title_at)
    return page


_CREDIT_TOKEN = re.compile(rf"[{UPPER}][^\s()]*|/[^\s()]*|&|(?:internet|sưu tầm|tổng hợp)\b")


def strip_credits(line: str, labels: list[re.Pattern[str]]) -> str:
    """Remove credits glued into a paragraph ("... Ảnh: VGP/Thành Chung Năm nay, ...").

    A credit is the run of capitalised tokens after its label, up to a full stop or a
    closing bracket; where the run runs into the next sentence, its last capitalised word
    begins that sentence ("TTXVN Năm nay" -> the credit is "TTXVN")."""
    for label in labels:
        while m := label.search(line):
            pos, tokens = m.end(), []
            while (t := _CREDIT_TOKEN.match(line, pos)) and len(tokens) < 6:
                if (
                    tokens
                    and tokens[-1].group(0).isupper()
                    and not t.group(0).isupper()
                    and t.group(0)[:1].isupper()
                ):
                    break  # "MINH QUÂN Hơn 50%": the credit is in capitals, "Hơn" begins the sentence
                tokens.append(t)
                pos = t.end()
                if line[pos : pos + 1] != " " or t.group(0).endswith((".", ")", ",", ";", ":")):
                    break
                pos += 1
            end = tokens[-1].end() if tokens else m.end()
            if tokens and not tokens[-1].group(0).endswith((".", ")")) and len(tokens) > 1:
                after = line[tokens[-1].end() :].lstrip()
                if after[:1].islower() or after[:1].isdigit():  # "TTXVN Năm nay": "Năm" begins the sentence
                    end = tokens[-2].end()
            tail = line[end:]
            tail = re.sub(r"^\s*[.)]", "", tail)
            tail = tail.lstrip()
            joint = "" if tail[:1] in ".,;:)" else " "
            line = (line[: m.start()].rstrip() + joint + tail).strip()
    return line


def _names(value: str) -> list[str]:
    """Author names from a byline value: "Trần Hiền/Trung tâm ..." -> ["Trần Hiền"]."""
    value = re.split(r"\s*[/(]", value, maxsplit=1)[0]
    return [n.strip() for n in _SPLIT_NAMES.split(value) if re.fullmatch(_NAME, n.strip())]


def _take_final_byline(page: Page) -> None:
    if page.authors or not page.body:
        return
    last = page.body[-1]
    if len(last) <= 60 and _BYLINE.match(last):
        page.authors = _names(last)
        if page.authors:
            page.body.pop()


def _choose_stamp(stamps: list[tuple[int, str]], title_at: int | None) -> str | None:
    """The publication stamp: the first one printed after the headline, since a stamp above
    the headline is the site's clock (the day the page was viewed), not the article's date."""
    if not stamps:
        return None
    after = [s for i, s in stamps if title_at is not None and i > title_at]
    return (after or [stamps[0][1]])[0]
