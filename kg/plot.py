"""A figure's timeline: one metric in one province, as reported by the articles over time.

Each point is one reported figure (a ``qb:Observation``) at the end of the period it is
about (``coop:periodEnd``), labelled with its value and the article that reports it, so a
reader can check every point. Actual figures and targets are drawn apart: a target for
2025 is not a count of 2025. A province is named in any spelling, by its old or its new
(2025) name; a new name takes in the old provinces merged into it (``coop:successor``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib.dates as mdates
from pyoxigraph import Store

from kg import gazetteer, vocab
from kg.data import load_table
from kg.errors import KgError
from kg.params import province_iris
from kg.text import fold
from kg.viz.draw import DPI, as_text, mpl_figure, mpl_style, save_figure
from kg.viz.writers import output_format

_TIMELINE = """
SELECT ?value ?valueMax ?unit ?status ?period ?end ?articleId ?area WHERE {
  GRAPH ?g {
    VALUES ?place { %s }
    ?o coop:refArea ?place ; prov:wasDerivedFrom ?article .
    OPTIONAL { ?o coop:refPeriod ?period }
    OPTIONAL { ?o coop:periodEnd ?end }
    OPTIONAL { ?o coop:valueMax ?valueMax }
    ?o coop:metric %s ; coop:value ?value ; coop:unit ?u ; coop:status ?s .
    ?place schema:name ?area .
    ?article coop:articleId ?articleId .
  }
  BIND(REPLACE(STRAFTER(STR(?u), "/unit/"), "-per-", "/") AS ?unit)
  BIND(STRAFTER(STR(?s), "/status/") AS ?status)
}
ORDER BY ?end ?articleId ?value
"""

# status -> (marker, colour, line style, legend label)
_STYLES = {
    "actual": ("o", "#1f5fa8", "-", "actual (thực hiện)"),
    "target": ("^", "#c0392b", "--", "target (mục tiêu)"),
}


@dataclass(frozen=True)
class Point:
    when: date
    value: float
    value_max: float | None
    unit: str
    status: str
    period: str
    article: str
    area: str


@dataclass(frozen=True)
class Timeline:
    path: Path
    points: int
    undated: int


def metric_name(name: str) -> tuple[str, str, str]:
    """(metric, Vietnamese label, English label) for a metric's id or label, in any case."""
    rows = load_table("metrics", ("metric", "label_vi", "label_en"))
    key = fold(name).replace("-", " ").replace("_", " ")
    for row in rows:
        names = (row["metric"].replace("_", " "), row["label_vi"], row["label_en"])
        if key in {fold(n) for n in names}:
            return row["metric"], row["label_vi"], row["label_en"]
    raise KgError(f"unknown metric {name!r}; metrics are: {', '.join(r['metric'] for r in rows)}")


def timeline(store: Store, metric: str, province: str) -> tuple[list[Point], int, str]:
    """The points of a metric in a province, in time order; also how many had no period, and
    the province's name as written in the graph."""
    place = gazetteer.province(province)
    if place is None:
        raise KgError(f"unknown province {province!r}")
    # the province's nodes (a new name's take in the old provinces merged into it), matched as
    # bound terms rather than by comparing every observation's area name
    query = _TIMELINE % (" ".join(str(iri) for iri in province_iris(province)), vocab.metric(metric))
    points, undated = [], 0
    for row in store.query(query, prefixes=vocab.PREFIXES):
        if row["end"] is None:
            undated += 1
            continue
        points.append(
            Point(
                when=date.fromisoformat(row["end"].value),
                value=float(row["value"].value),
                value_max=float(row["valueMax"].value) if row["valueMax"] is not None else None,
                unit=row["unit"].value,
                status=row["status"].value,
                period=row["period"].value if row["period"] is not None else "",
                article=row["articleId"].value,
                area=row["area"].value,
            )
        )
    return points, undated, place.name


def plot(store: Store, metric: str, province: str, out: Path) -> Timeline:
    """Draw the timeline of ``metric`` in ``province`` to a .png or .svg file."""
    output_format(out, ("png", "svg"))
    metric, label_vi, label_en = metric_name(metric)
    points, undated, name = timeline(store, metric, province)
    if not points and undated:
        raise KgError(f"the {undated} figure(s) for {metric} in {name} have no period to place them in time")
    if not points:
        raise KgError(
            f"no figures for {metric} in {name} "
            f'(kg query province-timeline --param province="{name}" lists what there is)'
        )
    units = Counter(p.unit for p in points)
    unit = max(units, key=lambda u: (units[u], u == "count"))
    notes = [f"{undated} figure(s) without a period"] if undated else []
    if len(units) > 1:
        notes.append(
            f"{len(points) - units[unit]} figure(s) in other units ({', '.join(sorted(set(units) - {unit}))})"
        )
        points = [p for p in points if p.unit == unit]
    title = (f"{label_vi[:1].upper()}{label_vi[1:]}, {name}", label_en)
    _draw(points, f"not shown: {'; '.join(notes)}" if notes else "", title, out)
    return Timeline(out, len(points), undated)


def format_value(value: float, unit: str) -> str:
    """A value the way the articles write it: 64.000, 2,5 tỷ đồng, 3,9%."""
    money = unit.startswith("VND")
    per = unit.split("/", 1)[1] if "/" in unit else ""
    suffix = {"year": "/năm", "month": "/tháng"}.get(per, f"/{per}" if per else "")
    if money and abs(value) >= 1e9:
        text, word = f"{value / 1e9:.3g}", " tỷ đồng"
    elif money and abs(value) >= 1e6:
        text, word = f"{value / 1e6:.3g}", " triệu đồng"
    else:
        text = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
        word = " đồng" if money else ""
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if unit == "percent":
        return text + "%"
    return text + word + suffix


def _draw(points: list[Point], note: str, title: tuple[str, str], out: Path) -> None:
    import matplotlib as mpl
    from matplotlib.ticker import FuncFormatter

    areas = sorted({p.area for p in points})
    with mpl.rc_context(mpl_style()):
        fig = mpl_figure((12, 7))
        ax = fig.add_axes((0.1, 0.12, 0.86, 0.7))
        for status in sorted({p.status for p in points}, key=lambda s: (s not in _STYLES, s)):
            marker, colour, line, label = _STYLES.get(status, ("s", "#555555", ":", status))
            series = defaultdict(list)
            for p in points:
                if p.status == status:
                    series[p.area].append(p)
            for i, (area, pts) in enumerate(sorted(series.items())):
                ax.plot(
                    [p.when for p in pts],
                    [p.value for p in pts],
                    marker=marker,
                    markersize=9,
                    color=colour,
                    linestyle=line,
                    linewidth=1.5,
                    markerfacecolor="white" if status == "target" else colour,
                    markeredgewidth=2,
                    label=as_text(label if len(areas) == 1 else f"{label}, {area}"),
                    alpha=1.0 if i == 0 else 0.6,
                    zorder=3,
                )
                for p in pts:
                    if p.value_max is not None:
                        ax.vlines(p.when, p.value, p.value_max, colors=colour, linewidth=3, alpha=0.5)
        top = max(max(p.value, p.value_max or 0) for p in points)
        ax.set_ylim(min(0, min(p.value for p in points)), top * 1.3 if top > 0 else 1)
        dates = [p.when for p in points]
        span = max((max(dates) - min(dates)).days, 120)
        pad = span * 0.15
        ax.set_xlim(mdates.date2num(min(dates)) - pad, mdates.date2num(max(dates)) + pad)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        scale, axis_label = _axis_scale(points)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_value(v / scale, "count")))
        _label_points(ax, points, len(areas) > 1)
        ax.set_xlabel("end of the period the figure is about", fontsize=10)
        ax.set_ylabel(as_text(axis_label), fontsize=10)
        ax.grid(alpha=0.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="upper left", fontsize=10, framealpha=0.9)
        articles = sorted({p.article for p in points})
        fig.text(0.5, 0.96, as_text(title[0]), ha="center", va="top", fontsize=15, fontweight="bold")
        fig.text(
            0.5,
            0.905,
            as_text(f"{title[1]} · sources: {', '.join(articles)}"),
            ha="center",
            va="top",
            fontsize=9,
            color="#444444",
        )
        if note:
            fig.text(0.98, 0.015, as_text(note), ha="right", fontsize=9, color="#aa3333")
        save_figure(fig, out)


def _axis_scale(points: list[Point]) -> tuple[float, str]:
    """Ticks in the unit the articles use: "60" on an axis of "triệu đồng/năm", not 60000000."""
    unit = points[0].unit
    if unit == "percent":
        return 1.0, "%"
    if not unit.startswith("VND"):
        return 1.0, unit
    top = max(max(p.value, p.value_max or 0) for p in points)
    scale, word = (1e9, "tỷ đồng") if top >= 1e9 else (1e6, "triệu đồng") if top >= 1e6 else (1.0, "đồng")
    per = format_value(1, unit).split("/", 1)
    return scale, word + (f"/{per[1]}" if len(per) > 1 else "") + f" ({unit})"


def _label_points(ax, points: list[Point], with_area: bool) -> None:
    """Value, period and article id by each point, placed where no other label is: above, below,
    then further out (sizes estimated from the text, in pixels)."""
    frame = ax.bbox.extents
    placed = []
    for p in points:  # the markers themselves
        x, y = ax.transData.transform((mdates.date2num(p.when), p.value))
        placed.append((x - 8, y - 8, x + 8, y + 8))
    for p in sorted(points, key=lambda p: (p.when, -p.value)):
        value = format_value(p.value, p.unit)
        if p.value_max is not None:
            value += " – " + format_value(p.value_max, p.unit)
        period = f" ({p.period})" if p.period else ""
        text = f"{value}{period}\n{p.article}" + (f", {p.area}" if with_area else "")
        anchor = (p.when, p.value_max if p.value_max is not None else p.value)
        x, y = ax.transData.transform((mdates.date2num(anchor[0]), anchor[1]))
        width = 6.8 * max(len(line) for line in text.split("\n")) + 8
        height = 30.0
        for level in range(12):
            up = level % 2 == 0
            dy = 12 + 36 * (level // 2)
            bottom = y + dy * DPI / 72 if up else y - (dy + 2) * DPI / 72 - height
            box = (x - width / 2, bottom, x + width / 2, bottom + height)
            inside = frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]
            if inside and not any(_overlap(box, other) for other in placed):
                break
        placed.append(box)
        ax.annotate(
            as_text(text),
            anchor,
            xytext=(0, dy if up else -dy - 2),
            textcoords="offset points",
            ha="center",
            va="bottom" if up else "top",
            fontsize=9,
            color=_STYLES.get(p.status, ("", "#555555"))[1],
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=1.5,
            arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.6} if level > 1 else None,
        )


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
