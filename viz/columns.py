"""The flat, typed columns every tabular export carries (GraphML, GEXF, CSV).

Gephi, igraph and spreadsheets hold one scalar per cell, so a node's or an edge's
attributes are flattened here once, and every writer renders the same values:

- nodes: label (the display label), name (the node's unique id), case_name (the
  authority's or opinion's own name), kind, court, year (an int), citations (the
  authority's reporter citations joined with " | ") and n_citations, in_corpus,
  cited_by (occurrences citing it), pagerank, hub and authority_score (HITS,
  graph.metrics). `name` is the id because igraph's Graph.Read_GraphML makes the
  attribute `name` the vertex name it looks vertices up by (the node id it keeps
  only as attribute `id`), and case names repeat ("United States v. Smith"); Gephi
  names a node by its id and shows `label`.
- edges: weight (occurrences, > 0), source ("text", or "parenthetical" for an edge
  learned second-hand), propositions and parentheticals (distinct ones joined with
  " || ", each cut at ITEM_CAP and the whole at PROPOSITION_CAP characters, "…" marking
  a cut), signals, pins and treatments (distinct ones joined with " | "), first_page
  (page of the citing opinion where the first occurrence stands).

A value that is None, NaN or infinite is left out (the cell stays empty); text loses
the characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone
surrogates), so the same strings are valid in every format.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..graph.outputs import open_output

__all__ = [
    "PROPOSITION_CAP",
    "ITEM_CAP",
    "xml_safe",
    "node_attributes",
    "edge_attributes",
    "export_ids",
    "column_types",
    "type_of",
    "export_rows",
]

PROPOSITION_CAP = 2000  # characters of joined propositions (or parentheticals) kept on an edge
ITEM_CAP = 500  # characters of any one proposition, so one long passage cannot hide the rest
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without characters XML 1.0 forbids."""
    return _ILLEGAL_XML.sub("", text)


def _text(value: Any) -> str | None:
    return None if value is None else xml_safe(str(value))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def node_attributes(data: dict[str, Any], node_id: str | None = None) -> dict[str, Any]:
    """The flat, typed attributes a node carries in exports (None: no value).

    Args:
        data: the node's attributes in the graph.
        node_id: its export id (export_ids), written as `name`.
    """
    cites = data.get("citations") or []
    if isinstance(cites, str):
        cites = [cites]
    cites = [xml_safe(str(c)) for c in cites]
    return {
        "label": _text(data.get("label")),
        "name": node_id,
        "case_name": _text(data.get("name")),
        "kind": _text(data.get("kind")) or "other",
        "court": _text(data.get("court")),
        "year": _year(data.get("year")),
        "citations": " | ".join(cites) if cites else None,
        "n_citations": len(cites),
        "in_corpus": bool(data.get("in_corpus")),
        "joined_by": "; ".join(data.get("joined_by") or []) or None,
        "unresolved": bool(data.get("unresolved")),
        # is it still good law (graph.status): overruled, abrogated ... by which node
        "status": _text(data.get("status")),
        "status_by": _text(data.get("status_by")),
        "status_passage": _text(data.get("status_passage")),
        "cited_by": int(_number(data.get("cited_by")) or 0),
        "pagerank": _number(data.get("pagerank")),
        "hub": _number(data.get("hub")),
        "authority_score": _number(data.get("authority_score")),
    }


def _cut(text: str, cap: int) -> str:
    return text if len(text) <= cap else text[: cap - 1] + "…"


def _join(values: Iterable[Any], sep: str, item_cap: int | None = None) -> str | None:
    seen: dict[str, None] = {}
    for v in values:
        if v is None:
            continue
        text = " ".join(xml_safe(str(v)).split())  # one line: spreadsheets split on newlines
        if text:
            seen[_cut(text, item_cap) if item_cap else text] = None
    if not seen:
        return None
    joined = sep.join(seen)
    return _cut(joined, PROPOSITION_CAP) if item_cap else joined


def edge_attributes(data: dict[str, Any]) -> dict[str, Any]:
    """The flat, typed attributes an edge carries in exports (None: no value)."""
    occ = [o for o in data.get("occurrences") or [] if isinstance(o, dict)]
    pages = [o.get("page") for o in occ if o.get("page") not in (None, "")]
    weight = _number(data.get("weight"))
    return {
        "weight": weight if weight and weight > 0 else float(max(len(occ), 1)),
        "source": _text(data.get("source")) or "text",
        "propositions": _join((o.get("proposition") for o in occ), " || ", ITEM_CAP),
        "parentheticals": _join((o.get("parenthetical") for o in occ), " || ", ITEM_CAP),
        "signals": _join((o.get("signal") for o in occ), " | "),
        "pins": _join((o.get("pin") for o in occ), " | "),
        "treatments": _join((o.get("treatment") for o in occ), " | "),
        "first_page": _text(pages[0]) if pages else None,
    }


def export_ids(g: nx.DiGraph) -> dict[Hashable, str]:
    """A unique, non-empty, XML-safe id for every node of `g`.

    A node whose id is already all of that keeps it (e.g. "436 U.S. 658"); any other
    loses the characters XML forbids and, only where that leaves it empty or equal to
    another's, gets a "~2"-style suffix.
    """
    ids: dict[Hashable, str] = {}
    taken: set[str] = set()
    for n in g.nodes:
        nid = str(n)
        if nid and nid == xml_safe(nid) and nid not in taken:
            ids[n] = nid
            taken.add(nid)
    for n in g.nodes:
        if n in ids:
            continue
        base = xml_safe(str(n)) or "node"
        nid, k = base, 2
        while nid in taken:
            nid = f"{base}~{k}"
            k += 1
        taken.add(nid)
        ids[n] = nid
    return {n: ids[n] for n in g.nodes}


_PLAIN_TYPES = {bool: "boolean", int: "long", str: "string"}
# Whole-number columns declared "int" rather than "long": Gephi then offers a year to
# its ranking and timeline as an Integer, and the type says there is no fraction.
_INT_COLUMNS = {"year"}


def type_of(value: Any) -> str | None:
    """The GraphML type of a flat value (None: not written)."""
    plain = _PLAIN_TYPES.get(type(value))
    if plain is not None:
        return plain
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double" if math.isfinite(value) else None
    if isinstance(value, str):
        return "string"
    return None


def column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One type per column over all `rows`: long and double meet in double, else string.

    Columns keep the order in which the rows name them (with a value or not); a column
    with no value in any row is left out.
    """
    order: dict[str, None] = {}
    types: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            order.setdefault(name)
            if value is None:
                continue
            t = type_of(value)
            if t is None:
                continue
            prev = types.get(name)
            if prev is None:
                types[name] = t
            elif prev != t:
                types[name] = "double" if {prev, t} <= {"long", "double"} else "string"
    return {
        name: "int" if name in _INT_COLUMNS and types[name] == "long" else types[name]
        for name in order
        if name in types
    }


def render(value: Any, t: str) -> str:
    """The text of `value` in a column of type `t` (the value has a type, see type_of)."""
    if t == "boolean":
        return "true" if value else "false"
    if t == "double":
        return repr(float(value))
    if t in ("long", "int"):
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


NodeRow = tuple[str, dict[str, Any]]
EdgeRow = tuple[str, str, dict[str, Any]]


def export_rows(
    g: nx.DiGraph,
) -> tuple[list[NodeRow], list[EdgeRow], dict[str, dict[str, str]]]:
    """Nodes and edges as flat typed rows under export ids, and each column's type.

    Shared by the XML writers (GraphML, GEXF) so both carry the same attributes.

    Returns:
        (node rows, edge rows, {"node": types, "edge": types}); a node without a
        label is labelled by its id.
    """
    ids = export_ids(g)
    nodes: list[NodeRow] = []
    for n, d in g.nodes(data=True):
        attrs = node_attributes(d, ids[n])
        if attrs["label"] is None:
            attrs["label"] = ids[n]
        nodes.append((ids[n], attrs))
    edges: list[EdgeRow] = [(ids[u], ids[v], edge_attributes(d)) for u, v, d in g.edges(data=True)]
    types = {
        "node": column_types(a for _, a in nodes),
        "edge": column_types(a for *_, a in edges),
    }
    return nodes, edges, types


XmlBody = Callable[[IO[str], list[NodeRow], list[EdgeRow], dict[str, dict[str, str]]], None]


def write_xml(g: nx.DiGraph, path: str | Path | IO[str], body: XmlBody) -> None:
    """Write an XML export of `g`: the XML declaration, then `body(f, *export_rows(g))`.

    Args:
        g: the citation graph (graph.build).
        path: a file path (written atomically) or an open text file.
        body: writes the document's element from the rows (viz.graphml, viz.gexf).
    """
    rows = export_rows(g)
    with open_output(path) as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        body(f, *rows)
