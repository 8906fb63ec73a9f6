"""What a picture writes by a node or an edge: short, wrapped labels, one label per pair of nodes.

Shared by every writer and by the layout (which makes room for the labels), so a label
measured is the label drawn.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import networkx as nx


def display_label(attrs: dict, width: int = 24) -> str:
    """A node's label as drawn: short, wrapped, with the date for events and articles."""
    kind = attrs["kind"]
    label = attrs["label"]
    if kind == "event":
        label = shorten(label, 44) + (f" ({attrs['date'][:10]})" if attrs.get("date") else "")
    elif kind == "article":
        label = label + (f" ({attrs['published'][:10]})" if attrs.get("published") else "")
    elif kind == "province" and attrs.get("era") == "new":
        label += " (since 2025)"
    elif kind == "figure":
        label = shorten(label, 30) + (f" ({attrs['period']})" if attrs.get("period") else "")
    lines = textwrap.wrap(label, width, break_long_words=True) or [label]
    if len(lines) > 3:
        lines = lines[:3]
        lines[-1] = shorten(lines[-1] + " …", width)
    return "\n".join(lines)


def shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@dataclass
class Pair:
    """All edges between two nodes, drawn as one line with one label."""

    u: str
    v: str
    label: str
    both: bool
    edges: list[dict]


def edge_pairs(graph: nx.MultiDiGraph) -> list[Pair]:
    """Edges grouped by the two nodes they join, in a stable order; a pair both ways is drawn with two heads."""
    pairs: dict[tuple[str, str], Pair] = {}
    for u, v, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        key = (u, v) if (u, v) in pairs or (v, u) not in pairs else (v, u)
        pair = pairs.setdefault(key, Pair(u, v, "", False, []))
        pair.both |= (u, v) != (pair.u, pair.v)
        pair.edges.append(attrs)
    for pair in pairs.values():
        pair.label = " / ".join(dict.fromkeys(e["label"] for e in pair.edges))
    return list(pairs.values())
