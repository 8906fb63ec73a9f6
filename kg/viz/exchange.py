"""Files for other tools: GraphML and GEXF (Gephi, with colours and positions) and DOT (Graphviz)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.viz.draw import FONT
from kg.viz.kinds import KINDS
from kg.viz.labels import display_label
from kg.viz.layout import layout


def _scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML and GEXF can store (no None)."""
    out = nx.MultiDiGraph()
    out.graph.update({k: str(v) for k, v in graph.graph.items()})
    for n, attrs in graph.nodes(data=True):
        out.add_node(n, **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **{k: val for k, val in attrs.items() if val is not None})
    return out


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(_scalar_graph(graph), path)


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """GEXF with colours, sizes and positions, so Gephi opens it looking like the PNG."""
    out = _scalar_graph(graph)
    pos = layout(graph)
    for n, attrs in out.nodes(data=True):
        rgb = KINDS[attrs["kind"]].colour.lstrip("#")
        r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
        attrs["viz"] = {
            "color": {"r": r, "g": g, "b": b, "a": 1.0},
            "size": 20.0 if attrs.get("focus") else 10.0,
            "position": {"x": pos[n][0] * 500, "y": pos[n][1] * 500, "z": 0.0},
        }
    out.graph = {}
    nx.write_gexf(out, path)


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_dot(graph: nx.MultiDiGraph, path: Path) -> None:
    """Graphviz DOT, written directly (no pydot or graphviz needed to make it)."""
    lines = [
        "digraph coop_kg {",
        f"  graph [label={_dot_quote(graph.graph.get('title', '') + chr(10) + graph.graph.get('sources', ''))}, "
        f'labelloc=t, fontname="{FONT}", overlap=false, splines=true];',
        f'  node [fontname="{FONT}", fontsize=10, style=filled, fontcolor=black];',
        f'  edge [fontname="{FONT}", fontsize=8, color="#777777"];',
    ]
    for n, attrs in sorted(graph.nodes(data=True)):
        kind = KINDS[attrs["kind"]]
        extra = ", penwidth=3" if attrs.get("focus") else ""
        lines.append(
            f"  {_dot_quote(n)} [label={_dot_quote(display_label(attrs))}, shape={kind.dot}, "
            f'fillcolor="{kind.colour}66", tooltip={_dot_quote(attrs["kind"])}{extra}];'
        )
    for u, v, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(attrs['label'])}];")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
