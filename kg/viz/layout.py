"""Where each node goes: the focus in the middle, neighbours near each other, no label on another.

One layout for every writer (PNG, SVG, the HTML page, Gephi's positions), deterministic, so
the same graph is always drawn the same way.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from kg.viz.labels import display_label
from kg.viz.subgraph import distances

# Pixels per layout unit of the PNG/SVG canvas (x, y), and the size of a label's line there.
PNG_SCALE = (668.0, 463.0)
HTML_SCALE = (460.0, 330.0)


def layout(graph: nx.MultiDiGraph, scale: tuple[float, float] = PNG_SCALE) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]²: the focus in the middle, rings by distance, a spring relaxation so
    that neighbours sit near each other, then labels pushed apart so that none overlaps
    another at ``scale`` pixels per unit. Parts not connected to each other (a CONSTRUCT
    result) are laid out apart and packed in rows. Deterministic."""
    if not graph:
        return {}
    focus = [n for n, a in graph.nodes(data=True) if a.get("focus")]
    simple = _sorted_graph(graph, graph)
    parts = sorted(nx.connected_components(simple), key=lambda c: (not set(focus) & c, -len(c), min(c)))
    radii = [math.sqrt(len(c)) for c in parts]
    width = 1.6 * math.sqrt(sum((2 * r) ** 2 for r in radii))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for part, r in zip(parts, radii, strict=True):
        if x and x + 2 * r > width:
            x, y, row = 0.0, y - row, 0.0
        for n, (px, py) in _part_layout(
            graph, _sorted_graph(simple, part), [f for f in focus if f in part]
        ).items():
            pos[n] = (x + r + r * px, y - r + r * py)
        x += 2 * r
        row = max(row, 2 * r)
    boxes = {n: _label_box(graph.nodes[n], scale) for n in graph}
    for _ in range(4):
        pos = _spread(_normalise(pos), boxes, set(focus))
    return _normalise(pos)


def _sorted_graph(graph: nx.Graph, nodes) -> nx.Graph:
    """The undirected graph on ``nodes``, nodes and edges in sorted order. The spring layout
    sums forces in node order, and networkx orders a small subgraph by hashing, which Python
    seeds anew in each process: without this the picture moves a little from run to run."""
    nodes = sorted(nodes)
    out = nx.Graph()
    out.add_nodes_from(nodes)
    out.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in graph.subgraph(nodes).edges()}))
    return out


def _part_layout(graph: nx.MultiDiGraph, part: nx.Graph, focus: list[str]) -> dict[str, tuple[float, float]]:
    """One connected part in [-1, 1]², its shape kept."""
    dist = distances(graph.subgraph(part), focus) if focus else {}
    rings: dict[float, list[str]] = defaultdict(list)
    for n in sorted(part, key=lambda n: (graph.nodes[n]["kind"], graph.nodes[n]["label"], n)):
        rings[dist.get(n, math.inf)].append(n)
    init = {}
    for r, (d, nodes) in enumerate(sorted(rings.items())):
        radius = 0.0 if d == 0 and len(nodes) == 1 else (r + 0.4 if d != 0 else 0.3)
        for i, n in enumerate(nodes):
            angle = 2 * math.pi * i / len(nodes) + r * 0.5
            init[n] = (radius * math.cos(angle), radius * math.sin(angle))
    fixed = focus if len(focus) == 1 and len(part) > 1 else None
    k = 2.0 / math.sqrt(len(part))
    pos = nx.spring_layout(part, pos=init, fixed=fixed, k=k, iterations=300, seed=7)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((p[0] - cx) / half, (p[1] - cy) / half) for n, p in pos.items()}


def _normalise(pos: dict) -> dict[str, tuple[float, float]]:
    """Stretch to fill [-1, 1] on each axis (the canvas is wider than high, the layout round)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    hx, hy = max((max(xs) - min(xs)) / 2, 1e-9), max((max(ys) - min(ys)) / 2, 1e-9)
    return {n: ((p[0] - cx) / hx, (p[1] - cy) / hy) for n, p in pos.items()}


def _label_box(attrs: dict, scale: tuple[float, float]) -> tuple[float, float, float]:
    """Width, height above and height below a node with its label, in layout units."""
    lines = display_label(attrs).split("\n")
    focus = 1.35 if attrs.get("focus") else 1.0
    width = max(30.0, 7.4 * focus * max(len(line) for line in lines)) + 8
    return width / scale[0], 16 * focus / scale[1], (22 * focus + 13 * focus * len(lines)) / scale[1]


def _spread(pos: dict, boxes: dict, fixed: set[str], rounds: int = 60) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose label boxes overlap, along the axis where they overlap least."""
    pos = {n: list(p) for n, p in pos.items()}
    nodes = sorted(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                (wa, ua, da), (wb, ub, db) = boxes[a], boxes[b]
                dx = pos[b][0] - pos[a][0]
                over_x = (wa + wb) / 2 - abs(dx)
                over_y = min(pos[a][1] + ua, pos[b][1] + ub) - max(pos[a][1] - da, pos[b][1] - db)
                if over_x <= 0 or over_y <= 0:
                    continue
                moved = True
                share_a = 0.0 if a in fixed else (1.0 if b in fixed else 0.5)
                if over_x / (wa + wb) < over_y / (ua + da + ub + db):
                    step = (over_x + 1e-3) * (1 if dx >= 0 else -1)
                    pos[a][0] -= step * share_a
                    pos[b][0] += step * (1 - share_a)
                else:
                    dy = pos[b][1] - pos[a][1]
                    step = (over_y + 1e-3) * (1 if dy >= 0 else -1)
                    pos[a][1] -= step * share_a
                    pos[b][1] += step * (1 - share_a)
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pos.items()}
