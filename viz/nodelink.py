"""graph.json: the whole graph as networkx node-link JSON, for programs.

The format of `networkx.node_link_data` (networkx 3.4 and later): {"directed": true,
"multigraph": false, "graph": {...}, "nodes": [{"id": ..., attributes}], "edges":
[{"source": ..., "target": ..., attributes}]}. Unlike the GraphML it loses nothing:
lists stay lists (a node's `citations`) and every edge keeps its `occurrences` (each
with its proposition, pin, signal, parenthetical, page...) in full. Two differences
from the in-memory graph: the edge attribute `source` would collide with the link's
own `source` key, so it is written as `edge_source` (`read_json` puts it back); and
what JSON cannot hold becomes something it can (NaN and infinities null, a lone
surrogate U+FFFD, tuples lists). UTF-8; read it back with `read_json` or
`nx.node_link_graph(json.load(f), edges="edges")`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..graph.outputs import open_output

__all__ = ["write_json", "read_json", "node_link"]

EDGE_SOURCE = "edge_source"


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def node_link(g: nx.DiGraph) -> dict[str, Any]:
    """The node-link dict of `g` (plain JSON values only)."""
    nodes = [{**_plain(d), "id": _plain(n)} for n, d in g.nodes(data=True)]
    edges = []
    for u, v, d in g.edges(data=True):
        attrs = _plain(d)
        if "source" in attrs:
            attrs[EDGE_SOURCE] = attrs.pop("source")
        attrs.pop("target", None)
        edges.append({**attrs, "source": _plain(u), "target": _plain(v)})
    return {
        "directed": True,
        "multigraph": False,
        "graph": _plain(dict(g.graph)),
        "nodes": nodes,
        "edges": edges,
    }


def write_json(g: nx.DiGraph, path: str | Path | IO[str]) -> None:
    """Write `g` as node-link JSON.

    Args:
        g: the citation graph (graph.build).
        path: a file path (written atomically) or an open text file.
    """
    text = json.dumps(node_link(g), ensure_ascii=False, allow_nan=False)
    with open_output(path) as f:
        f.write(text + "\n")


def read_json(path: str | Path) -> nx.DiGraph:
    """Read a graph.json written by `write_json` (edge `source` restored)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    try:
        g = nx.node_link_graph(data, directed=True, multigraph=False, edges="edges")
    except TypeError:  # networkx < 3.4 names the key argument `link`
        g = nx.node_link_graph(data, directed=True, multigraph=False, link="edges")
    for _, _, d in g.edges(data=True):
        if EDGE_SOURCE in d:
            d["source"] = d.pop(EDGE_SOURCE)
    return g
