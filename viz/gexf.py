"""GEXF 1.2 for Gephi and Gephi Lite, with the kinds already coloured.

GEXF 1.2 ("1.2draft", Gephi's own default for years) and not 1.3: every reader reads
it, Gephi, Gephi Lite (graphology-gexf) and networkx on every Python citegraph
supports; networkx reads 1.3 only from 3.5, which needs Python 3.11, so a GEXF 1.3
could not be read back by `nx.read_gexf` on Python 3.10. Nothing here needs 1.3.

Every node carries `viz:color` (one colour per kind of authority, the palette of the
HTML view) and `viz:size` (by occurrences citing it, as in the view), so Gephi shows
cases, statutes, rules and regulations apart on opening, before any layout or
partition. The node label is GEXF's own `label` and the edge weight its own `weight`;
every other column of viz.columns is a static attribute whose id is its name. The
same rules as the GraphML hold: one type per attribute, no empty values, no
characters illegal in XML 1.0, unique non-empty ids, directed edges.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

import networkx as nx

from .columns import EdgeRow, NodeRow, render, type_of, write_xml
from .html import KIND_COLOURS

__all__ = ["write_gexf", "node_colour", "node_size", "GEXF_NS"]

# GEXF's attribute type names for ours.
_GEXF_TYPES = {
    "boolean": "boolean",
    "int": "integer",
    "long": "long",
    "double": "double",
    "string": "string",
}
# Carried by GEXF itself (node label, edge weight), never as attributes: Gephi reserves them.
_BUILT_IN = {"node": {"label"}, "edge": {"weight"}}
MIN_SIZE, MAX_SIZE = 10.0, 40.0
GEXF_NS = "http://www.gexf.net/1.2draft"


def node_colour(kind: str | None) -> tuple[int, int, int]:
    """The (r, g, b) colour of a node of this kind, as in the HTML view."""
    hexa = KIND_COLOURS.get(kind or "other", KIND_COLOURS["other"]).lstrip("#")
    r, g, b = (int(hexa[i : i + 2], 16) for i in (0, 2, 4))
    return r, g, b


def node_size(cited_by: int, max_cited_by: int) -> float:
    """Node size: MIN_SIZE, growing with the square root of occurrences up to MAX_SIZE."""
    if max_cited_by <= 0 or cited_by <= 0:
        return MIN_SIZE
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(cited_by / max_cited_by), 3)


def write_gexf(g: nx.DiGraph, path: str | Path | IO[str]) -> None:
    """Write `g` (graph.build) as GEXF 1.2 with viz colour and size to `path`: a file
    path (written atomically) or an open text file."""
    write_xml(g, path, _write)


def _write(
    f: IO[str], nodes: list[NodeRow], edges: list[EdgeRow], types: dict[str, dict[str, str]]
) -> None:
    max_cited = max((a["cited_by"] for _, a in nodes), default=0)
    f.write(
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_NS}/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.2">\n'
    )
    f.write(
        "  <meta>\n    <creator>citegraph</creator>\n"
        "    <description>Citation graph: opinions and the authorities they cite"
        "</description>\n  </meta>\n"
    )
    f.write('  <graph defaultedgetype="directed" mode="static">\n')
    for domain, cols in types.items():
        f.write(f'    <attributes class="{domain}" mode="static">\n')
        for name, t in cols.items():
            if name not in _BUILT_IN[domain]:
                f.write(f'      <attribute id="{name}" title="{name}" type="{_GEXF_TYPES[t]}"/>\n')
        f.write("    </attributes>\n")
    f.write("    <nodes>\n")
    for nid, attrs in nodes:
        f.write(f"      <node id={quoteattr(nid)} label={_attr(attrs['label'])}>")
        _attvalues(f, "node", attrs, types["node"])
        r, gr, b = node_colour(attrs["kind"])
        f.write(f'<viz:color r="{r}" g="{gr}" b="{b}"/>')
        f.write(f'<viz:size value="{node_size(attrs["cited_by"], max_cited)!r}"/>')
        f.write("</node>\n")
    f.write("    </nodes>\n    <edges>\n")
    for i, (u, v, attrs) in enumerate(edges):
        f.write(
            f'      <edge id="e{i}" source={quoteattr(u)} target={quoteattr(v)} '
            f'type="directed" weight="{float(attrs["weight"])!r}">'
        )
        _attvalues(f, "edge", attrs, types["edge"])
        f.write("</edge>\n")
    f.write("    </edges>\n  </graph>\n</gexf>\n")


def _attr(value: str) -> str:
    # quoteattr writes tab, LF and CR as references, so readers keep them as they are
    return quoteattr(value)


def _attvalues(f: IO[str], domain: str, attrs: dict[str, Any], types: dict[str, str]) -> None:
    values = [
        (name, render(value, types[name]))
        for name, value in attrs.items()
        if name in types and name not in _BUILT_IN[domain] and type_of(value) is not None
    ]
    if not values:
        return
    f.write("<attvalues>")
    for name, text in values:
        f.write(f'<attvalue for="{name}" value={_attr(text)}/>')
    f.write("</attvalues>")
