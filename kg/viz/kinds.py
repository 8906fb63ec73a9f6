"""The kinds of node a picture shows, and how each is drawn in every output.

One table, so the PNG marker, the SVG shape of the page, the Graphviz shape and the Gephi
colour of a kind cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.errors import KgError


@dataclass(frozen=True)
class Kind:
    name: str
    colour: str
    marker: str  # matplotlib marker
    dot: str  # Graphviz shape
    size: float  # matplotlib marker area


KINDS = {
    k.name: k
    for k in (
        Kind("person", "#4c72b0", "o", "ellipse", 520),
        Kind("organization", "#dd8452", "s", "box", 480),
        Kind("province", "#55a868", "h", "hexagon", 620),
        Kind("country", "#2e7d4f", "H", "doubleoctagon", 620),
        Kind("event", "#c44e52", "D", "diamond", 420),
        Kind("article", "#8172b3", "p", "note", 520),
        Kind("figure", "#937860", "v", "invtriangle", 300),
        Kind("role", "#da8bc3", "^", "triangle", 360),
    )
}
KIND_ALIASES = {"observation": "figure", "organisation": "organization", "org": "organization"}


def parse_kinds(kinds: Iterable[str]) -> set[str]:
    """The kinds a user asked for (``--kind``), with the aliases resolved; an unknown one is an error."""
    out = set()
    for k in kinds:
        k = KIND_ALIASES.get(k.lower(), k.lower())
        if k not in KINDS:
            raise KgError(f"unknown kind {k!r}; kinds are: {', '.join(KINDS)} (observation = figure)")
        out.add(k)
    return out
