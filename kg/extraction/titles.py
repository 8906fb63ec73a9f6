"""Titles of posts, honorifics and family names: the tables people and names are read with.

The tables are data (``data/roles.tsv``, ``honorifics.tsv``, ``surnames.tsv``); this module
only compiles them once into the patterns the components use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.data import load_table
from kg.text import trie_regex


@cache
def roles() -> list[dict[str, str]]:
    """The role table, longest title first."""
    return sorted(
        load_table("roles", ("title", "default_org", "unit", "canonical")), key=lambda r: -len(r["title"])
    )


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?:quyền\s+)?(?:{trie_regex(r['title'].casefold() for r in roles())})(?!\w)")


def title_at(folded: str, pos: int, end: int | None = None) -> re.Match[str] | None:
    """The title that begins at ``pos`` of a case-folded text (`Doc.folded`): its span is the
    title's span in the text."""
    return _title_pattern().match(folded, pos, len(folded) if end is None else end)


def find_title(folded: str, start: int, end: int) -> re.Match[str] | None:
    """The first title within ``[start, end)`` of a case-folded text."""
    return _title_pattern().search(folded, start, end)


@cache
def _role_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for r in reversed(roles()):  # the first row of a key wins, as in the table's order
        for key in (r["title"].casefold(), (r["canonical"] or "").casefold()):
            if key:
                index[key] = r
    return index


def role_row(title: str) -> dict[str, str]:
    """The table row of a title as written or as spelled out ("Phó GĐ", "Phó Giám đốc")."""
    return _role_index()[re.sub(r"^(?:quyền|nguyên|cố|cựu)\s+", "", title.casefold())]


def canonical_title(written: str) -> str:
    """The title as the table spells it where the text abbreviates ("Phó GĐ" -> "Phó Giám đốc"),
    else as written, with a capital first letter."""
    title = role_row(written)["canonical"] or written
    return title[0].upper() + title[1:]


@cache
def _honorific_pattern() -> re.Pattern[str]:
    words = (r["honorific"].casefold() for r in load_table("honorifics", ("honorific",)))
    return re.compile(rf"(?<!\w)(?:{trie_regex(words)})(?:\s+|(?<=\.))")


def _before_capital(text: str, m: re.Match[str] | None) -> bool:
    return m is not None and m.end() < len(text) and text[m.end()].isupper()


def honorific_at(text: str, folded: str, pos: int, end: int) -> re.Match[str] | None:
    """An honorific ("ông ", "Đồng chí ", "đ/c ") at ``pos``, before a capitalised word."""
    m = _honorific_pattern().match(folded, pos, end)
    return m if _before_capital(text, m) else None


def find_honorifics(
    text: str, folded: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """Every honorific before a capitalised word within ``[start, end)``."""
    for m in _honorific_pattern().finditer(folded, start, len(folded) if end is None else end):
        if _before_capital(text, m):
            yield m


@cache
def surnames() -> frozenset[str]:
    return frozenset(r["surname"] for r in load_table("surnames", ("surname",)))
