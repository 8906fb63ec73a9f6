"""Pictures of the graph: the neighbourhood of a person, organisation, province, event or article.

One job per module, in the order a picture is made:

- `kg.viz.convert`: RDF (a CONSTRUCT result) to a typed, labelled networkx graph
  (`to_networkx`), posts as person→organisation edges with their source sentence;
- `kg.viz.subgraph`: the node a name means and the neighbourhood around it, fetched hop by
  hop from the store, cut to what a picture holds;
- `kg.viz.layout` and `kg.viz.labels`: where each node goes, and what is written by it;
- the writers, picked by the file's extension (`kg.viz.writers`): ``.png`` and ``.svg``
  (`kg.viz.draw`, matplotlib), ``.html`` (`kg.viz.page`, one self-contained page from the
  files in ``templates/``), ``.graphml``, ``.gexf`` and ``.dot`` (`kg.viz.exchange`).

`viz` below is the one call behind ``kg viz``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from pyoxigraph import Store

from kg.errors import KgError
from kg.viz.convert import to_networkx
from kg.viz.draw import DPI, FIGSIZE, FONT, mpl_figure, mpl_style, save_figure, write_matplotlib
from kg.viz.exchange import write_dot, write_gexf, write_graphml
from kg.viz.kinds import KIND_ALIASES, KINDS, Kind, parse_kinds
from kg.viz.labels import display_label, edge_pairs
from kg.viz.layout import layout
from kg.viz.page import write_html
from kg.viz.subgraph import find_focus, from_query, in_order, keep_most_connected, neighbourhood, restrict
from kg.viz.writers import FORMATS, WRITERS, output_format

__all__ = [
    "DPI",
    "FIGSIZE",
    "FONT",
    "FORMATS",
    "KINDS",
    "KIND_ALIASES",
    "WRITERS",
    "Kind",
    "Picture",
    "display_label",
    "edge_pairs",
    "find_focus",
    "from_query",
    "keep_most_connected",
    "layout",
    "mpl_figure",
    "mpl_style",
    "neighbourhood",
    "output_format",
    "save_figure",
    "to_networkx",
    "viz",
    "write_dot",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_matplotlib",
]


@dataclass(frozen=True)
class Picture:
    path: Path
    nodes: int
    edges: int
    omitted: int


def viz(
    store: Store,
    out: Path,
    focus: str | None = None,
    query: str | None = None,
    depth: int = 2,
    limit: int = 40,
    kinds: Iterable[str] = (),
) -> Picture:
    """Draw the neighbourhood of ``focus`` (a name) or the result of ``query``, by ``out``'s extension."""
    fmt = output_format(out, FORMATS)
    kinds = tuple(kinds)
    if query:
        graph, focus_nodes = from_query(store, query)
        if focus_nodes:
            graph = neighbourhood(store, focus_nodes, depth, kinds)
        else:
            graph = restrict(graph, [], parse_kinds(kinds))
    elif focus:
        focus_nodes = find_focus(store, focus)
        graph = neighbourhood(store, focus_nodes, depth, kinds)
    else:
        raise KgError("give a FOCUS (a name) or --query")
    if not graph:
        raise KgError("nothing to draw: the query or the kinds asked for leave no nodes")
    graph, omitted = keep_most_connected(graph, focus_nodes, limit)
    graph = in_order(graph)
    _annotate(graph, focus_nodes, focus or "query", depth, omitted, limit)
    WRITERS[fmt](graph, out)
    return Picture(out, graph.number_of_nodes(), graph.number_of_edges(), omitted)


def _annotate(
    graph: nx.MultiDiGraph, focus: list[str], asked: str, depth: int, omitted: int, limit: int
) -> None:
    for n, attrs in graph.nodes(data=True):
        attrs["focus"] = n in focus
    named = [graph.nodes[f] for f in focus if f in graph]
    if named:
        who = " / ".join(dict.fromkeys(a["label"] for a in named))
        kind = named[0]["kind"]
        title = f"{who} ({kind}): {depth} hop{'s' if depth != 1 else ''} around"
    else:
        title = f"Result of {asked!r}" if asked != "query" else "Result of the query"
    articles = sorted(a["label"] for _, a in graph.nodes(data=True) if a["kind"] == "article")
    articles += sorted(
        {e["article"] for _, _, e in graph.edges(data=True) if e.get("article")} - set(articles)
    )
    sources = ", ".join(articles[:6]) + (f" and {len(articles) - 6} more" if len(articles) > 6 else "")
    graph.graph.update(
        title=title,
        sources=f"sources: {sources}" if sources else "sources: none",
        note=f"{omitted} more node{'s' if omitted != 1 else ''} not shown (--limit {limit})"
        if omitted
        else "",
    )
