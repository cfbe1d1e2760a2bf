"""GraphML for Gephi, igraph, networkx and graphology.

Gephi-safe rules (DESIGN.md): attribute types only boolean, int (year), long, double
and string, one type per name; no None (the value is omitted), no NaN or inf; lists are joined
into a string with a count beside them (viz.columns); characters illegal in XML 1.0
are stripped; the node label is an attribute named `label` and the edge weight
`weight`; key ids are our own ("node_label", "edge_weight", never networkx's d0, d1,
which Gephi mistakes for labels); edgedefault="directed"; node and edge ids are
unique and non-empty.

igraph (Graph.Read_GraphML) keeps a node's id only as the vertex attribute `id` and
takes the attribute `name` as the vertex name, so `name` holds the unique node id and
the case name is `case_name` (viz.columns). igraph holds every number as a float:
`int(v["year"])`.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .columns import (
    PROPOSITION_CAP,
    EdgeRow,
    NodeRow,
    edge_attributes,
    node_attributes,
    render,
    type_of,
    write_xml,
    xml_safe,
)

__all__ = ["write_graphml", "xml_safe", "node_attributes", "edge_attributes", "PROPOSITION_CAP"]

_CR = {"\r": "&#13;"}  # as a reference: XML readers turn a raw "\r" into "\n"


def write_graphml(g: nx.DiGraph, path: str | Path | IO[str]) -> None:
    """Write `g` (graph.build) as Gephi-safe GraphML to `path`: a file path (written
    atomically) or an open text file."""
    write_xml(g, path, _write)


def _write(
    f: IO[str], nodes: list[NodeRow], edges: list[EdgeRow], keys: dict[str, dict[str, str]]
) -> None:
    f.write(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for domain, types in keys.items():
        for name, t in types.items():
            f.write(
                f'  <key id="{domain}_{name}" for="{domain}" attr.name="{name}" attr.type="{t}"/>\n'
            )
    f.write('  <graph id="citegraph" edgedefault="directed">\n')
    for nid, attrs in nodes:
        f.write(f"    <node id={quoteattr(nid)}>")
        _data(f, "node", attrs, keys["node"])
        f.write("</node>\n")
    for i, (u, v, attrs) in enumerate(edges):
        f.write(f'    <edge id="e{i}" source={quoteattr(u)} target={quoteattr(v)}>')
        _data(f, "edge", attrs, keys["edge"])
        f.write("</edge>\n")
    f.write("  </graph>\n</graphml>\n")


def _escape(text: str) -> str:
    """saxutils.escape with "\r" as a reference; most values hold nothing to escape."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        return escape(text, _CR)
    return text


def _data(f: IO[str], domain: str, attrs: dict[str, Any], types: dict[str, str]) -> None:
    parts = []
    for name, value in attrs.items():
        t = types.get(name)
        if t is None or value is None or type_of(value) is None:
            continue
        parts.append(f'<data key="{domain}_{name}">{_escape(render(value, t))}</data>')
    f.write("".join(parts))
