"""Loader for the language tables shipped in this folder (role titles, metric words, ...).

Tables are tab-separated, one row a line, ``#`` starts a comment line, and the first
non-comment line names the columns. Every cell is NFC-normalised with the traditional
tone placement, so code compares like with like. A table that lacks a declared column
fails loudly with its file name and line, instead of silently matching nothing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from kg.text import normalize_text


class TableError(ValueError):
    """A data table is malformed; the message names the file and line."""


@cache
def load_table(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of ``kg/data/<name>.tsv`` as dicts; ``columns`` must all be present in the header."""
    text = resources.files("kg.data").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [normalize_text(c.strip()) for c in line.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in columns if c not in header]
            if missing:
                raise TableError(f"{name}.tsv:{lineno}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise TableError(f"{name}.tsv:{lineno}: {len(cells)} cells, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    if header is None:
        raise TableError(f"{name}.tsv: empty table")
    return tuple(rows)
