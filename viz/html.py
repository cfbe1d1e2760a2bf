"""The interactive HTML view: one self-contained file that works offline.

Node and edge data are assembled with pyvis, then rendered through citegraph's own
template (pyvis 0.3.2's template loads Bootstrap from a CDN and switches tooltips to
innerHTML): vis-network's script and stylesheet are inlined, nothing is requested
from any network host, and all opinion text travels as JSON data (with "<" escaped
so "</script>" cannot close the block) and is shown with textContent only.

Large graphs: every node gets a position computed here (networkx); up to
`LAYOUT_THRESHOLD` nodes the browser's physics polishes it and stops once it
settles, above that physics stays off. `max_nodes` keeps the most important nodes
by PageRank and the page states what was left out.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph.metrics import counts
from ..graph.outputs import atomic_write
from ..graph.status import RED
from .layout import layout, timeline

# Colour-blind-safe palette (Okabe-Ito), one colour per kind of authority.
KIND_COLOURS = {
    "case": "#0072B2",
    "statute": "#E69F00",
    "regulation": "#CC79A7",
    "rule": "#009E73",
    "constitution": "#D55E00",
    "journal": "#56B4E9",
    "other": "#999999",
}
CORPUS_COLOUR = "#000000"
LAYOUT_THRESHOLD = 1000  # above this many nodes physics is off in the browser
LABEL_CHARS = 60
# a view of more nodes opens on an overview: the OVERVIEW_OPINIONS most important corpus
# opinions and the OVERVIEW_AUTHORITIES most important other authorities
OVERVIEW_ABOVE = 2000
OVERVIEW_OPINIONS = 300
OVERVIEW_AUTHORITIES = 300
NO_SIGNAL = "(no signal)"
UNKNOWN_COURT = "(unknown)"


def _vis_asset(name: str) -> str:
    import pyvis

    base = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (base / name).read_text(encoding="utf-8")


class _IdList(list):  # type: ignore[type-arg]
    """A list of node ids with set-speed membership.

    pyvis 0.3.2 keeps node ids in a list and tests membership on every add_node and
    twice on every add_edge, which is quadratic: 20,000 nodes take minutes.
    """

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def most_important(g: nx.DiGraph, max_nodes: int | None) -> list[Any]:
    """The `max_nodes` nodes of `g` with the highest PageRank (all nodes if None).

    Ties go to the more often cited node, then to the node id, so the choice is stable.
    """
    if max_nodes is None or max_nodes >= g.number_of_nodes():
        return list(g)
    return ranked(g)[: max(max_nodes, 0)]


def ranked(g: nx.DiGraph) -> list[Any]:
    """The nodes of `g`, most important first: PageRank, then times cited, then id."""
    order = sorted(
        g.nodes(data=True),
        key=lambda nd: (-(nd[1].get("pagerank") or 0.0), -(nd[1].get("cited_by") or 0), str(nd[0])),
    )
    return [n for n, _ in order]


def _sizes(values: dict[Any, float]) -> dict[Any, float]:
    lo = min(values.values(), default=0.0)
    hi = max(values.values(), default=0.0)
    span = (hi - lo) or 1.0
    return {n: round(8 + 24 * math.sqrt(max(v - lo, 0.0) / span), 2) for n, v in values.items()}


def _finite(value: Any) -> float | None:
    """A score the page can show, or None (HITS is only there when graph metrics ran)."""
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    return None


# what the page shows of a passage; the rest stays in the tables
_PASSAGE_KEYS = (
    "opinion",
    "text",
    "pin",
    "page",
    "footnote",
    "signal",
    "proposition",
    "parenthetical",
    "quote",
    "treatment",
    "form",
    "part",
)


def _occurrence(o: dict[str, Any]) -> dict[str, Any]:
    """The passage as the page shows it: empty values, a full form, the majority's
    part and a quotation already inside the proposition left out (the page's default)."""
    out = {k: o[k] for k in _PASSAGE_KEYS if o.get(k) or o.get(k) == 0}
    if out.get("form") == "full":
        del out["form"]
    if out.get("part") == "majority":
        del out["part"]
    if "quote" in out and str(out["quote"]) in str(out.get("proposition") or ""):
        del out["quote"]
    return out


def _court_names() -> dict[str, str]:
    try:
        from courts_db import courts
    except ImportError:  # courts-db is a dependency; the view still works without names
        return {}
    return {c["id"]: c["name"] for c in courts}


def graph_data(
    g: nx.DiGraph, max_nodes: int | None = None, layout_threshold: int = LAYOUT_THRESHOLD
) -> dict[str, Any]:
    """Everything the page's script reads, as one JSON-ready dict.

    Args:
        g: the citation graph (node and edge attributes as graph.build makes them).
        max_nodes: keep only this many nodes, the most important by PageRank.
        layout_threshold: above this many nodes, physics is off in the browser.

    Returns:
        A dict with `nodes` and `edges` (built with pyvis), `passages` (the citing
        passages of each edge, in the order of `edges`), `signals`, `counts`, `left_out`,
        `opinions` (label of every corpus opinion, for the passages), `courts`,
        `colours`, `physics`, `layout` (the one the page opens with: "time" when most
        nodes are cases), `years` and `bands` (the time line's axes) and
        `overview` (the ids a large view opens on, or None).
    """
    kept = most_important(g, max_nodes)
    sub = g if len(kept) == g.number_of_nodes() else g.subgraph(kept)
    first = _overview(sub)
    line = timeline(sub, first)
    nodes, edges, passages = _lean(_network(g, sub, line.positions))
    return {
        "nodes": nodes,
        "edges": edges,
        "passages": passages,
        "signals": _signal_counts(passages),
        "counts": counts(g),
        "shown": {"nodes": sub.number_of_nodes(), "edges": sub.number_of_edges()},
        "left_out": _left_out(g, set(kept)),
        "opinions": {
            str(n): str(d.get("label") or n) for n, d in g.nodes(data=True) if d.get("in_corpus")
        },
        "courts": _courts(sub),
        "colours": KIND_COLOURS,
        "physics": sub.number_of_nodes() <= layout_threshold,
        "max_nodes": max_nodes,
        "layout": "time" if _mostly_cases(sub) else "force",
        "overview": first,
        "label_chars": LABEL_CHARS,
        "years": line.years,
        "bands": line.bands,
    }


def _mostly_cases(g: nx.DiGraph) -> bool:
    """Whether most nodes are cases (then the view opens on the time line)."""
    cases = sum(1 for _, kind in g.nodes(data="kind") if kind == "case")
    return cases * 2 > g.number_of_nodes()


def _overview(sub: nx.DiGraph) -> list[str] | None:
    """The nodes a large view opens on: the corpus opinions and the most important
    authorities (None: a view of at most OVERVIEW_ABOVE nodes opens whole)."""
    if sub.number_of_nodes() <= OVERVIEW_ABOVE:
        return None
    order = ranked(sub)
    opinions = [n for n in order if sub.nodes[n].get("in_corpus")][:OVERVIEW_OPINIONS]
    others = [n for n in order if not sub.nodes[n].get("in_corpus")][:OVERVIEW_AUTHORITIES]
    return [str(n) for n in opinions + others]


def _network(g: nx.DiGraph, sub: nx.DiGraph, on_time: dict[Any, tuple[float, float]]) -> Any:
    """The pyvis Network of the nodes and edges of `sub` (the kept part of `g`)."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.node_ids = _IdList()
    _add_nodes(net, sub, {n: i + 1 for i, n in enumerate(ranked(g))}, on_time, g)
    for u, v, d in sub.edges(data=True):
        occurrences = [_occurrence(o) for o in d.get("occurrences") or []]
        signals = sorted({o.get("signal") or NO_SIGNAL for o in occurrences}) or [NO_SIGNAL]
        net.add_edge(
            str(u),
            str(v),
            value=d.get("weight", 1),
            source_kind=d.get("source", "text"),
            signals=signals,
            occurrences=occurrences,
        )
    return net


def _lean(net: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
    """The nodes and edges as the page reads them, without what it derives itself
    (pyvis's look, the short label, empty values) and with the passages apart: the
    page parses them when a panel first needs them, not before it draws the graph."""
    drop = {"color", "shape", "size", "label", "font", "title"}
    nodes = [
        {k: v for k, v in n.items() if k not in drop and not (v is None or v is False or v == [])}
        for n in net.nodes
    ]
    for n in nodes:
        for k in ("pagerank", "hub", "authority_score"):
            if isinstance(n.get(k), float):
                n[k] = float(f"{n[k]:.4g}")
    edges, passages = [], []
    for e in net.edges:
        edges.append({k: v for k, v in e.items() if k not in ("occurrences", "arrows", "width")})
        passages.append(e.get("occurrences") or [])
    return nodes, edges, passages


def _signal_counts(passages: list[list[dict[str, Any]]]) -> dict[str, int]:
    """How many passages carry each signal (an edge without any counts once, unsigned)."""
    out: Counter[str] = Counter()
    for occurrences in passages:
        for o in occurrences or [{}]:
            out[o.get("signal") or NO_SIGNAL] += 1
    return dict(out)


def _add_nodes(
    net: Any,
    sub: nx.DiGraph,
    rank_order: dict[Any, int],
    on_time: dict[Any, tuple[float, float]],
    whole: nx.DiGraph | None = None,
) -> None:
    """Every node of `sub`, placed (by force, and on the time line at `on_time`), sized
    by citations and by PageRank, and carrying what its panel shows; `rank_order`: its
    place by PageRank in the whole graph."""
    positions = layout(sub)
    by_cited = _sizes({n: float(d.get("cited_by") or 0) for n, d in sub.nodes(data=True)})
    by_rank = _sizes({n: float(d.get("pagerank") or 0.0) for n, d in sub.nodes(data=True)})
    for n, d in sub.nodes(data=True):
        kind = d.get("kind") or "other"
        full = str(d["label"]) if d.get("label") is not None else str(n)
        x, y = positions[n]
        # an opinion of the corpus is never drawn smaller than a mid-sized authority
        floor = 16.0 if d.get("in_corpus") else 0.0
        net.add_node(
            str(n),
            color=KIND_COLOURS.get(kind, KIND_COLOURS["other"]),
            shape="diamond" if d.get("in_corpus") else "dot",
            size=max(by_cited[n], floor),
            x=round(x, 1),
            y=round(y, 1),
            tx=round(on_time[n][0], 1),
            ty=round(on_time[n][1], 1),
            kind=kind,
            name=d.get("name"),
            full_label=full,
            court=d.get("court"),
            year=d.get("year"),
            citations=list(d.get("citations") or []),
            joined_by=list(d.get("joined_by") or []),
            in_corpus=bool(d.get("in_corpus")),
            cited_by=int(d.get("cited_by") or 0),
            pagerank=float(d.get("pagerank") or 0.0),
            hub=_finite(d.get("hub")),
            authority_score=_finite(d.get("authority_score")),
            rank=rank_order[n],
            size_cited=max(by_cited[n], floor),
            size_pagerank=max(by_rank[n], floor),
            **_flag(sub if whole is None else whole, d),
        )


def _flag(g: nx.DiGraph, d: dict[str, Any]) -> dict[str, Any]:
    """A node's citator flag: its status (graph.status), who gave it, and the words."""
    status = d.get("status")
    if not status:
        return {}
    by = d.get("status_by")
    by_label = g.nodes[by].get("label") if by in g else by
    return {
        "status": status,
        "flag": "red" if status in RED else "amber",
        "status_by_label": by_label,
        "status_passage": d.get("status_passage"),
    }


def _courts(sub: nx.DiGraph) -> dict[str, str]:
    """The name of each court of the shown nodes, by courts-db id (the id if unknown)."""
    court_names = _court_names()
    return {
        c: court_names.get(c, c)
        for c in sorted({str(d.get("court")) for _, d in sub.nodes(data=True) if d.get("court")})
    }


def _left_out(g: nx.DiGraph, kept: set[Any]) -> dict[str, Any] | None:
    """What --max-nodes left out: counts, the nodes' names, and the passages that
    cite a kept node from a left-out opinion (so a node's panel stays complete)."""
    dropped = [n for n in g if n not in kept]
    if not dropped:
        return None
    kinds: Counter[str] = Counter()
    for n in dropped:
        d = g.nodes[n]
        kinds["corpus opinion" if d.get("in_corpus") else str(d.get("kind") or "other")] += 1
    edges = citations = 0
    passages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        if u in kept and v in kept:
            continue
        edges += 1
        if d.get("source", "text") == "text":
            citations += int(d.get("weight") or 0)
        if v in kept:
            for o in d.get("occurrences") or []:
                passages[str(v)].append({**_occurrence(o), "citing": str(u)})
    return {
        "nodes": len(dropped),
        "kinds": dict(kinds.most_common()),
        "edges": edges,
        "citations": citations,
        "names": [
            [str(g.nodes[n].get("label") or n), " ".join(g.nodes[n].get("citations") or [])]
            for n in ranked(g.subgraph(dropped))
        ],
        "passages": dict(passages),
    }


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_PLACEHOLDER = re.compile(
    r"/\*(VIS_CSS|VIS_JS|GRAPH_ENCODING|GRAPH_DATA|PASSAGE_ENCODING|PASSAGE_DATA)\*/"
)
# a data block longer than this goes into the page as gzip (in base64): a fifth of the
# bytes for the browser to read before it can draw the graph
GZIP_ABOVE = 1_000_000


def _data_block(value: Any) -> tuple[str, str]:
    """A script block's encoding and text: JSON, or gzip of it in base64 when long
    (deterministic: no time stamp in the gzip header)."""
    text = script_json(value)
    if len(text) <= GZIP_ABOVE:
        return "json", text
    packed = gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)
    return "gzip-base64", base64.b64encode(packed).decode("ascii")


_BLOCK = re.compile(
    r'<script id="(graph|passage)-data" type="[^"]+" data-encoding="([a-z0-9-]+)">([^<]*)</script>'
)


def read_page_data(page: str) -> dict[str, Any]:
    """The data a graph.html page carries, as `graph_data` gave it (`passages` included),
    whether its blocks are JSON or gzip in base64: for a program that reads the view."""
    blocks = {name: (encoding, text) for name, encoding, text in _BLOCK.findall(page)}
    if set(blocks) != {"graph", "passage"}:
        raise ValueError("not a citegraph graph.html page: its data blocks are missing")

    def load(name: str) -> Any:
        encoding, text = blocks[name]
        if encoding == "gzip-base64":
            text = gzip.decompress(base64.b64decode(text)).decode("utf-8")
        return json.loads(text)

    return {**load("graph"), "passages": load("passage")}


def render_html(g: nx.DiGraph, title: str = "citegraph", max_nodes: int | None = None) -> str:
    """The whole page for graph `g`, as a string.

    Args:
        g: the citation graph.
        title: shown in the header and the browser tab.
        max_nodes: keep only the most important nodes by PageRank.
    """
    template = resources.files("citegraph.viz").joinpath("template.html").read_text("utf-8")
    data = graph_data(g, max_nodes=max_nodes)
    data["title"] = title
    passage_encoding, passages = _data_block(data.pop("passages"))
    graph_encoding, graph = _data_block(data)
    parts = {
        "VIS_CSS": _vis_asset("vis-network.css"),
        "VIS_JS": _vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        "GRAPH_ENCODING": graph_encoding,
        "GRAPH_DATA": graph,
        "PASSAGE_ENCODING": passage_encoding,
        "PASSAGE_DATA": passages,
    }
    # one pass: a placeholder's text inside what replaces another is left as it is
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def write_html(
    g: nx.DiGraph, path: str | Path, title: str = "citegraph", max_nodes: int | None = None
) -> None:
    """Write the interactive view of `g` to `path` (atomically).

    Args:
        g: the citation graph.
        path: the file to write.
        title: shown in the header and the browser tab.
        max_nodes: keep only the `max_nodes` most important nodes (PageRank); the page
            says what was left out.
    """
    page = render_html(g, title, max_nodes=max_nodes)
    with atomic_write(path) as f:
        f.write(page)
