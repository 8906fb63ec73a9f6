"""Which writer makes which file: the output is chosen by the file's extension."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError
from kg.viz.draw import write_matplotlib
from kg.viz.exchange import write_dot, write_gexf, write_graphml
from kg.viz.page import write_html

WRITERS = {
    "png": write_matplotlib,
    "svg": write_matplotlib,
    "html": write_html,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "dot": write_dot,
}
FORMATS = tuple(WRITERS)


def output_format(out: Path, formats: tuple[str, ...]) -> str:
    """The format a file name asks for; anything else is a clear error before any work is done."""
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in formats:
        raise KgError(
            f"cannot write {out.name}: unsupported extension {out.suffix or '(none)'!r}; "
            f"use one of {', '.join('.' + f for f in formats)}"
        )
    return fmt
