"""Where the view places each node: by force, or on a time line.

`layout` places the best-connected nodes by networkx's spring layout and spirals the
rest around their neighbours; `timeline` puts each dated node at its decision year on
the x axis (the way CourtListener's citation maps and Westlaw's graphical history read a
line of precedent) and the undated ones (statutes, rules, the constitution) in a band of
their own under the years of the opinions that cite them.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

__all__ = ["BANDS", "Timeline", "layout", "timeline"]

# best-connected nodes laid out by force; the rest spiral around them. Below 500 nodes
# networkx uses its vectorised solver; from 500 on, a loop over the nodes 4x slower.
_CORE = 499
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
PX_PER_YEAR = 8.0  # on the time line, the width of each year elapsed
PX_PER_DATED_YEAR = 36.0  # and of each year that dates a node
_ROWS = 24  # the most rows a column of the time line has: then it grows lanes,
_LANE = 16.0  # this far apart; rows are
_ROW = 26.0  # this far apart
_BAND_GAP = 90.0  # between two bands of the time line


def layout(g: nx.DiGraph, seed: int = 1) -> dict[Any, tuple[float, float]]:
    """Positions for every node of `g`, in the view's pixel units.

    The best-connected nodes (at most 499) are placed by networkx's force-directed
    spring layout; every other node goes on a golden-angle spiral around the placed
    neighbour it is most linked to (an authority cited once sits beside the opinion
    that cites it). Linear in the edges beyond the core, so 20,000 nodes take seconds.
    """
    if not g.number_of_nodes():
        return {}
    und = g.to_undirected(as_view=True)
    # the undirected neighbours as plain sets: a view merges two dicts on every read
    near = {v: set(g.successors(v)).union(g.predecessors(v)) for v in g}
    degree = {v: len(ws) + (v in ws) for v, ws in near.items()}  # a loop counts twice
    order = sorted(g, key=lambda v: (-degree[v], str(v)))
    # one seat in the core for the head of each component, biggest first, so that an
    # opinion citing nothing the others cite lies beside the rest, not on a far ring
    components = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c))))
    heads = [min(c, key=lambda v: (-degree[v], str(v))) for c in components]
    seats = _CORE - min(len(heads), _CORE // 3)
    core = [v for v in order[:seats] if degree[v] > 1] or order[:1]
    in_core = set(core)
    for c, head in zip(components, heads, strict=True):
        if len(core) >= _CORE:
            break
        if in_core.isdisjoint(c):
            core.append(head)
            in_core.add(head)
    scale = max(300.0, 60.0 * math.sqrt(g.number_of_nodes()))
    # a plain graph in the core's order: a subgraph view iterates the set of its nodes,
    # whose order (and so the layout) would change with the hash seed of the process
    placed = nx.Graph()
    placed.add_nodes_from(core)
    placed.add_edges_from((v, w) for v in core for w in sorted(near[v] & in_core, key=str))
    raw = nx.spring_layout(placed, seed=seed, scale=scale, iterations=60)
    pos = {v: (float(p[0]), float(p[1])) for v, p in raw.items()}
    around: Counter[Any] = Counter()

    def place(v: Any, anchor: Any) -> None:
        k = around[anchor]
        around[anchor] += 1
        r = 22.0 * math.sqrt(k + 2)
        ax, ay = pos[anchor]
        pos[v] = (ax + r * math.cos(k * _GOLDEN_ANGLE), ay + r * math.sin(k * _GOLDEN_ANGLE))

    frontier = list(core)
    ring = 0
    unplaced = iter(order)
    while True:
        while frontier:
            nxt = []
            for u in frontier:
                for v in sorted(near[u], key=lambda w: (-degree[w], str(w))):
                    if v not in pos:
                        place(v, u)
                        nxt.append(v)
            frontier = nxt
        start = next((v for v in unplaced if v not in pos), None)
        if start is None:
            return pos
        # a component the core does not reach: start it on a ring outside the rest
        angle = ring * _GOLDEN_ANGLE
        radius = scale * (1.1 + 0.01 * ring)
        pos[start] = (radius * math.cos(angle), radius * math.sin(angle))
        frontier = [start]
        ring += 1


@dataclass
class Timeline:
    """The time line: `positions` of the nodes, `years` (the x of each year that dates a
    node, increasing) and `bands` (name, top and bottom y of each band of courts)."""

    positions: dict[Any, tuple[float, float]] = field(default_factory=dict)
    years: list[tuple[int, float]] = field(default_factory=list)
    bands: list[tuple[str, float, float]] = field(default_factory=list)


# the bands of the time line, top to bottom: precedent flows down the hierarchy
BANDS = (
    "Supreme Court of the United States",
    "Federal courts of appeals",
    "Other federal courts",
    "State courts",
    "Other or unknown court",
    "Undated (statutes, rules, …), under the years that cite them",
)


def timeline(g: nx.DiGraph, first: Collection[Any] | None = None) -> Timeline:
    """The decision year on the x axis, the court's place in the hierarchy on the y axis.

    Each band of courts (`BANDS`) holds a column per year. A column is at most
    `_ROWS` rows tall and as many lanes wide as its nodes need, and each year is as wide
    as its widest column, so x is ordered by year however many nodes a year holds, and
    the busy years open up while the empty ones do not stretch the line. In a column the
    most important nodes (PageRank, then times cited) sit nearest its middle, so a large
    view's first nodes form a compact map. Nodes without a year go in the last band,
    under the median year of the dated nodes they are linked to (a statute sits where
    the opinions citing it were decided), or at the middle of the span.

    `first`: the nodes a large view opens on. They alone size the columns and the years,
    so that the first view is compact; the others go in rows outside their column's
    grid, shown when a reader asks for them.
    """
    out = Timeline()
    years = _years(g)
    if not g.number_of_nodes():
        return out
    keep = None if first is None else set(first)
    columns = _columns(g, years, keep)
    # the nodes that size a column: all, or those of `first` (which come first in it)
    size = {
        (b, y): len(c) if keep is None else sum(1 for v in c if v in keep)
        for b, cs in columns.items()
        for y, c in cs.items()
    }
    rows = {b: min(_ROWS, max(1, -(-max(size[b, y] for y in c) // 2))) for b, c in columns.items()}
    lanes = {(b, y): max(1, -(-n // rows[b])) for (b, y), n in size.items()}
    width: dict[int, float] = defaultdict(lambda: PX_PER_YEAR)
    for (b, year), n in lanes.items():
        if size[b, year]:
            width[year] = max(width[year], PX_PER_DATED_YEAR, n * _LANE + _LANE)
    x = 0.0
    stops = sorted({y for _, y in size})
    for k, year in enumerate(stops):
        if k:
            x += (year - stops[k - 1]) * PX_PER_YEAR + width[stops[k - 1]]
        out.years.append((year, x))
    x_of = dict(out.years)
    top = 0.0
    for band in sorted(columns):
        height = rows[band] * _ROW
        for year, column in columns[band].items():
            grid = (lanes[band, year], rows[band], size[band, year])
            _fill(out.positions, column, x_of[year], top, grid)
        out.bands.append((BANDS[band], top - _BAND_GAP / 2, top + height + _BAND_GAP / 2))
        top += height + _BAND_GAP
    dated = set(years.values())
    out.years = [(y, x) for y, x in out.years if y in dated]
    return out


def _columns(
    g: nx.DiGraph, years: dict[Any, int], first: set[Any] | None
) -> dict[int, dict[int, list[Any]]]:
    """The nodes of each band and year, those of `first` first, then the most important
    first (an undated node under the median year of its dated neighbours, in the last
    band)."""
    columns: dict[int, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    level = _court_levels()
    dated = sorted(set(years.values()))
    middle = dated[len(dated) // 2] if dated else 0
    order = _by_importance(g)
    if first is not None:
        order = [v for v in order if v in first] + [v for v in order if v not in first]
    for v in order:
        if v in years:
            band = level.get(str(g.nodes[v].get("court") or ""), 4)
            columns[band][years[v]].append(v)
        else:
            near = sorted(years[w] for w in _neighbours(g, v) if w in years)
            columns[len(BANDS) - 1][near[len(near) // 2] if near else middle].append(v)
    return columns


def _fill(
    pos: dict[Any, tuple[float, float]],
    column: list[Any],
    x: float,
    top: float,
    grid: tuple[int, int, int],
) -> None:
    """Place the first `inside` nodes of `column` in a grid of `lanes` x `rows` slots
    whose left edge is `x` and top `top`, the first in the slots nearest its middle; the
    rest in rows outside it, below and above in turn (over the next band: they are only
    shown on demand, see `timeline`'s `first`)."""
    lanes, rows, inside = grid
    mid_lane, mid_row = (lanes - 1) / 2, (rows - 1) / 2
    slots = sorted(
        ((lane, row) for lane in range(lanes) for row in range(rows)),
        key=lambda s: (
            math.hypot((s[0] - mid_lane) * _LANE, (s[1] - mid_row) * _ROW),
            s[1],
            s[0],
        ),
    )
    for v, (lane, row) in zip(column[:inside], slots, strict=False):
        pos[v] = (x + lane * _LANE, top + row * _ROW)
    for k, v in enumerate(column[inside:]):
        ring, lane = divmod(k, lanes)
        row = rows + ring // 2 if ring % 2 == 0 else -1 - ring // 2
        pos[v] = (x + lane * _LANE, top + row * _ROW)


@functools.lru_cache(maxsize=1)
def _court_levels() -> dict[str, int]:
    """The band (index in BANDS) of each court of courts-db."""
    try:
        from courts_db import courts
    except ImportError:  # a dependency; without it every court is "other"
        return {}
    levels = {}
    for c in courts:
        system, kind = c.get("system"), c.get("type")
        if c["id"] == "scotus":
            levels[c["id"]] = 0
        elif system == "federal":
            levels[c["id"]] = 1 if kind == "appellate" else 2
        elif system == "state":
            levels[c["id"]] = 3
    return levels


def _years(g: nx.DiGraph) -> dict[Any, int]:
    return {v: y for v, y in g.nodes(data="year") if isinstance(y, int) and not isinstance(y, bool)}


def _by_importance(g: nx.DiGraph) -> list[Any]:
    return sorted(
        g,
        key=lambda v: (
            -(g.nodes[v].get("pagerank") or 0.0),
            -(g.nodes[v].get("cited_by") or 0),
            str(v),
        ),
    )


def _neighbours(g: nx.DiGraph, v: Any) -> set[Any]:
    return set(g.successors(v)).union(g.predecessors(v))
