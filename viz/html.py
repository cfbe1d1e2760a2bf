"""The interactive HTML view: one self-contained file that works offline.

Node and edge data are assembled with pyvis, then rendered through citegraph's own
template: vis-network's script and stylesheet are inlined, nothing is requested
from any network host, and all opinion text travels as JSON data (with "<" escaped
so "</script>" cannot close the block) and is shown with textContent only.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .tables import atomic_write

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


def _vis_asset(name: str) -> str:
    import pyvis

    base = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (base / name).read_text(encoding="utf-8")


def graph_data(g: nx.DiGraph) -> dict[str, Any]:
    """Nodes and edges as the page's script reads them (pyvis builds the lists)."""
    from pyvis.network import Network

    net = Network(directed=True)
    max_cited = max([d.get("cited_by") or 0 for _, d in g.nodes(data=True)] or [1]) or 1
    for n, d in g.nodes(data=True):
        kind = d.get("kind") or "other"
        net.add_node(
            str(n),
            label=str(d.get("label") or n)[:60],
            color=KIND_COLOURS.get(kind, KIND_COLOURS["other"]),
            size=10 + 30 * ((d.get("cited_by") or 0) / max_cited) ** 0.5,
            shape="diamond" if d.get("in_corpus") else "dot",
            kind=kind,
            name=d.get("name"),
            full_label=d.get("label"),
            court=d.get("court"),
            year=d.get("year"),
            citations=d.get("citations") or [],
            in_corpus=bool(d.get("in_corpus")),
            cited_by=d.get("cited_by") or 0,
            pagerank=d.get("pagerank") or 0.0,
        )
    for u, v, d in g.edges(data=True):
        net.add_edge(
            str(u),
            str(v),
            value=d.get("weight", 1),
            source_kind=d.get("source", "text"),
            dashes=d.get("source") == "parenthetical",
            occurrences=d.get("occurrences") or [],
        )
    edges = []
    for e in net.edges:
        e = dict(e)
        e["from"], e["to"] = e.pop("from"), e.pop("to")
        edges.append(e)
    return {"nodes": net.nodes, "edges": edges, "colours": KIND_COLOURS}


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_html(g: nx.DiGraph, title: str = "citegraph") -> str:
    """The whole page for graph `g`, as a string."""
    template = resources.files("citegraph.viz").joinpath("template.html").read_text("utf-8")
    counts = {
        "opinions": sum(1 for _, d in g.nodes(data=True) if d.get("in_corpus")),
        "authorities": sum(1 for _, d in g.nodes(data=True) if not d.get("in_corpus")),
        "citations": sum(
            int(d.get("weight") or 0)
            for *_, d in g.edges(data=True)
            if d.get("source") != "parenthetical"
        ),
        "edges": g.number_of_edges(),
    }
    data = graph_data(g)
    data["counts"] = counts
    data["title"] = title
    return (
        template.replace("/*VIS_CSS*/", _vis_asset("vis-network.css"))
        .replace("/*VIS_JS*/", _vis_asset("vis-network.min.js").replace("</script", "<\\/script"))
        .replace("/*GRAPH_DATA*/", script_json(data))
    )


def write_html(g: nx.DiGraph, path: str | Path, title: str = "citegraph") -> None:
    """Write the interactive view of `g` to `path` (atomically)."""
    page = render_html(g, title)
    with atomic_write(path) as f:
        f.write(page)
