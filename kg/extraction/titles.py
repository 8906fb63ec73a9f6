"""Titles of posts, honorifics and family names: the tables people and names are read with.

The tables are data (``data/roles.tsv``, ``honorifics.tsv``, ``surnames.tsv``); this module
only compiles them once into the patterns the components use.
"""

from __future__ import annotations

import re
from functools import cache

from kg.data import load_table
from kg.text import UPPER


@cache
def roles() -> tuple[list[dict[str, str]], re.Pattern[str]]:
    """The role table, longest title first, and one pattern for any title ("Quyền" may precede)."""
    rows = sorted(
        load_table("roles", ("title", "default_org", "unit", "canonical")), key=lambda r: -len(r["title"])
    )
    alternation = "|".join(re.escape(r["title"]) for r in rows)
    return rows, re.compile(rf"(?:Quyền\s+)?(?:{alternation})(?!\w)", re.I)


@cache
def _role_index() -> dict[str, dict[str, str]]:
    rows, _ = roles()
    index: dict[str, dict[str, str]] = {}
    for r in reversed(rows):  # the first row of a key wins, as in the table's order
        for key in (r["title"].casefold(), (r["canonical"] or "").casefold()):
            if key:
                index[key] = r
    return index


def role_row(title: str) -> dict[str, str]:
    """The table row of a title as written or as spelled out ("Phó GĐ", "Phó Giám đốc")."""
    return _role_index()[re.sub(r"^quyền\s+", "", title.casefold())]


def canonical_title(written: str) -> str:
    """The title as the table spells it where the text abbreviates ("Phó GĐ" -> "Phó Giám đốc"),
    else as written, with a capital first letter."""
    title = role_row(written)["canonical"] or written
    return title[0].upper() + title[1:]


@cache
def honorifics() -> re.Pattern[str]:
    """An honorific before a capitalised word ("ông ", "Đồng chí ", "đ/c ")."""
    words = sorted((r["honorific"] for r in load_table("honorifics", ("honorific",))), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?i:{alternation})(?:\s+|(?<=\.))(?=[{UPPER}])")


@cache
def surnames() -> frozenset[str]:
    return frozenset(r["surname"] for r in load_table("surnames", ("surname",)))
