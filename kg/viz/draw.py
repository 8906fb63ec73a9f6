"""PNG and SVG pictures, drawn with matplotlib; also the figure settings `kg plot` shares.

The Agg backend through ``Figure`` (no pyplot, no display), a font with every Vietnamese
letter, and SVG text kept as text so a reader can search and copy the names.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.viz.kinds import KINDS
from kg.viz.labels import display_label, edge_pairs, shorten
from kg.viz.layout import layout

FIGSIZE = (16.0, 12.0)  # inches; with DPI, a PNG of 1600 x 1200 pixels
DPI = 100
FONT = "DejaVu Sans"  # ships with matplotlib and covers every Vietnamese letter


def as_text(text: str) -> str:
    """Text for matplotlib that is drawn as written. Between two dollar signs matplotlib reads
    mathtext: a name or title holding "$5 ... $10" would be drawn as a formula, and one
    holding "$\\frac{1$" would stop the picture with a parse error."""
    return str(text).replace("$", r"\$")


def mpl_figure(figsize: tuple[float, float] = FIGSIZE):
    """A matplotlib Figure rendered by the Agg backend (no pyplot, no display needed)."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=DPI)


def mpl_style() -> dict:
    """Settings for every picture: a font with Vietnamese letters, real text in SVG."""
    return {"font.family": FONT, "svg.fonttype": "none", "svg.hashsalt": "coop-kg"}


def save_figure(fig, path: Path) -> None:
    fmt = path.suffix.lower().lstrip(".")
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(path, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")


def write_matplotlib(graph: nx.MultiDiGraph, path: Path) -> None:
    import matplotlib as mpl
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    pos = layout(graph)
    with mpl.rc_context(mpl_style()):
        fig = mpl_figure()
        ax = fig.add_axes((0.02, 0.02, 0.96, 0.88))
        ax.set_axis_off()
        for pair in edge_pairs(graph):
            (x1, y1), (x2, y2) = pos[pair.u], pos[pair.v]
            post = any(e["kind"] == "post" for e in pair.edges)
            ax.add_patch(
                FancyArrowPatch(
                    (x1, y1),
                    (x2, y2),
                    arrowstyle="<|-|>" if pair.both else "-|>",
                    mutation_scale=11,
                    shrinkA=13,
                    shrinkB=13,
                    color="#555555" if post else "#b0b0b0",
                    linewidth=1.6 if post else 0.8,
                    zorder=1,
                )
            )
            ax.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                as_text(shorten(pair.label, 28)),
                fontsize=8 if post else 6.5,
                color="#222222" if post else "#777777",
                fontweight="bold" if post else "normal",
                ha="center",
                va="center",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        for name, kind in KINDS.items():
            nodes = [n for n in graph if graph.nodes[n]["kind"] == name]
            if not nodes:
                continue
            sizes = [kind.size * (2.2 if graph.nodes[n].get("focus") else 1) for n in nodes]
            ax.scatter(
                [pos[n][0] for n in nodes],
                [pos[n][1] for n in nodes],
                s=sizes,
                c=kind.colour,
                marker=kind.marker,
                edgecolors=["black" if graph.nodes[n].get("focus") else "white" for n in nodes],
                linewidths=[2.0 if graph.nodes[n].get("focus") else 1.0 for n in nodes],
                zorder=2,
            )
        for n, attrs in graph.nodes(data=True):
            focus = attrs.get("focus")
            ax.annotate(
                as_text(display_label(attrs)),
                pos[n],
                xytext=(0, -15 if focus else -11),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=11 if focus else 8.5,
                fontweight="bold" if focus else "normal",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6},
            )
        ax.set_xlim(-1.15, 1.15)
        ax.set_ylim(-1.18, 1.1)
        handles = [
            Line2D([], [], marker=k.marker, color=k.colour, linestyle="none", markersize=10, label=k.name)
            for name, k in KINDS.items()
            if any(a["kind"] == name for _, a in graph.nodes(data=True))
        ]
        fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.94),
            ncol=len(handles),
            fontsize=10,
            frameon=False,
        )
        fig.text(
            0.5,
            0.975,
            as_text(graph.graph.get("title", "")),
            ha="center",
            va="top",
            fontsize=16,
            fontweight="bold",
        )
        fig.text(
            0.5,
            0.945,
            as_text(graph.graph.get("sources", "")),
            ha="center",
            va="top",
            fontsize=10,
            color="#444444",
        )
        if graph.graph.get("note"):
            fig.text(
                0.98,
                0.02,
                as_text(graph.graph["note"]),
                ha="right",
                va="bottom",
                fontsize=10,
                color="#aa3333",
            )
        save_figure(fig, path)
