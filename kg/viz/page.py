"""The interactive page: one self-contained HTML file that works offline.

The picture is drawn here as inline SVG, with the same layout as the PNG; the page's markup,
style and script are files beside this module (``templates/``), filled in with
`string.Template`, so they can be read and edited as what they are. Every text from the graph
is escaped for HTML, and the data the script reads is JSON with ``<`` escaped, so a hostile
name or title stays text.
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

import networkx as nx

from kg.viz.kinds import KINDS
from kg.viz.labels import display_label, edge_pairs, shorten
from kg.viz.layout import HTML_SCALE, layout


@cache
def _template(name: str) -> str:
    return resources.files("kg.viz").joinpath("templates", name).read_text(encoding="utf-8")


def write_html(graph: nx.MultiDiGraph, path: Path) -> None:
    """One self-contained page: inline SVG, CSS and script, nothing fetched from the network.

    The SVG is drawn here, with the same layout as the PNG; the script only pans, zooms,
    moves nodes and shows details. The page holds labels, details and source sentences,
    not IRIs.
    """
    pos = layout(graph, HTML_SCALE)
    width, height = 1200.0, 820.0
    order = sorted(graph, key=lambda n: (not graph.nodes[n].get("focus"), n))
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        attrs = graph.nodes[n]
        x, y = pos[n]
        nodes.append(
            {
                "label": attrs["label"],
                "kind": attrs["kind"],
                "x": round(width / 2 + x * (width / 2 - 120), 1),
                "y": round(height / 2 - y * (height / 2 - 60), 1),
                "details": _details(attrs),
                "sentences": _sentences(graph, n),
            }
        )
    pairs = edge_pairs(graph)
    edges = []
    for pair in pairs:
        edges.append(
            {
                "u": index[pair.u],
                "v": index[pair.v],
                "facts": [
                    {k: e[k] for k in ("label", "article", "reported_on", "sentence") if e.get(k)}
                    for e in pair.edges
                ],
            }
        )
    esc = html.escape
    svg_edges = []
    for i, (pair, e) in enumerate(zip(pairs, edges, strict=True)):
        a, b = nodes[e["u"]], nodes[e["v"]]
        post = any(f["kind"] == "post" for f in pair.edges)
        ends = 'marker-end="url(#arrow)"' + (' marker-start="url(#arrow)"' if pair.both else "")
        coords = f'x1="{a["x"]}" y1="{a["y"]}" x2="{b["x"]}" y2="{b["y"]}"'
        svg_edges.append(
            f'<g class="edge{" post" if post else ""}" data-i="{i}"><line class="hit" {coords}/>'
            f"<line {coords} {ends}/>"
            f'<text x="{(a["x"] + b["x"]) / 2:.1f}" y="{(a["y"] + b["y"]) / 2:.1f}" text-anchor="middle" '
            f'dy="3">{esc(shorten(pair.label, 28))}</text></g>'
        )
    svg_nodes = []
    for i, n in enumerate(order):
        attrs = graph.nodes[n]
        lines = display_label(attrs, 26).split("\n")
        label = "".join(
            f'<tspan x="0" dy="{"0" if j == 0 else "1.15em"}">{esc(line)}</tspan>'
            for j, line in enumerate(lines)
        )
        focus = attrs.get("focus")
        svg_nodes.append(
            f'<g class="node{" focus" if focus else ""}" data-i="{i}" '
            f'transform="translate({nodes[i]["x"]},{nodes[i]["y"]})">'
            f'<g transform="scale({1.5 if focus else 1})">{_svg_shape(attrs["kind"])}</g>'
            f'<text y="{30 if focus else 24}" text-anchor="middle">{label}</text></g>'
        )
    keys = "".join(
        f'<span class="key"><svg width="18" height="18" viewBox="-14 -14 28 28">{_svg_shape(name)}</svg>'
        f"{esc(name)}</span>"
        for name in KINDS
        if any(n["kind"] == name for n in nodes)
    )
    note = f'<span class="note">{esc(graph.graph["note"])}</span>' if graph.graph.get("note") else ""
    payload = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False).replace("<", "\\u003c")
    title = esc(graph.graph.get("title", "coop-kg"))
    page = Template(_template("page.html")).substitute(
        title=title,
        sources=esc(graph.graph.get("sources", "")),
        note=note,
        keys=keys,
        width=f"{width:g}",
        height=f"{height:g}",
        edges="\n".join(svg_edges),
        nodes="\n".join(svg_nodes),
        data=payload,
        css=_template("page.css"),
        js=_template("page.js"),
    )
    path.write_text(page, encoding="utf-8")


def _svg_shape(kind: str) -> str:
    """The node's shape in SVG, matching the matplotlib marker of its kind."""
    colour = KINDS[kind].colour
    sides = {
        "province": (6, 13, 0),
        "country": (8, 13, 22.5),
        "event": (4, 12, 0),
        "article": (5, 12, -90),
        "figure": (3, 11, 90),
        "role": (3, 11, -90),
    }
    if kind == "person":
        return f'<circle class="shape" r="11" fill="{colour}"/>'
    if kind == "organization":
        return f'<rect class="shape" x="-10" y="-10" width="20" height="20" fill="{colour}"/>'
    n, r, turn = sides[kind]
    points = " ".join(
        f"{r * math.cos(math.radians(turn + 360 * i / n)):.1f},{r * math.sin(math.radians(turn + 360 * i / n)):.1f}"
        for i in range(n)
    )
    return f'<polygon class="shape" points="{points}" fill="{colour}"/>'


_DETAIL_NAMES = (
    ("article_id", "article"),
    ("title", "title"),
    ("published", "published"),
    ("event_kind", "kind of event"),
    ("date", "date"),
    ("end_date", "until"),
    ("metric", "metric"),
    ("value", "value"),
    ("value_max", "up to"),
    ("unit", "unit"),
    ("status", "status"),
    ("period", "period"),
    ("org_type", "type"),
    ("era", "era"),
    ("sources", "sources"),
)


def _details(attrs: dict) -> list[list[str]]:
    return [[name, str(attrs[key])] for key, name in _DETAIL_NAMES if attrs.get(key)]


def _sentences(graph: nx.MultiDiGraph, n: str) -> list[str]:
    """The sentences that say what a node is: its own, and for a person those of their posts."""
    out = [graph.nodes[n]["sentence"]] if graph.nodes[n].get("sentence") else []
    if graph.nodes[n]["kind"] == "person":
        out += [e["sentence"] for _, _, e in graph.out_edges(n, data=True) if e.get("sentence")]
    return list(dict.fromkeys(out))[:4]
