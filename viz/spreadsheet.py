"""nodes.csv and edges.csv in the columns of Gephi's spreadsheet import (and for pandas).

Gephi's Import Spreadsheet reads a nodes table whose first columns are `Id` and
`Label`, and an edges table with `Source`, `Target`, `Type` (Directed), `Id` and
`Weight`; every other column becomes an attribute. Gephi matches those names without
regard to case, so the edge attribute `source` (text | parenthetical) is written as
`edge_source` here. The cells are the flat values of viz.columns: booleans as
true/false, numbers in Python's shortest round-trip form, an empty cell for no value.
UTF-8 without a byte-order mark, comma-separated, fields quoted where needed
(RFC 4180); text is on one line and has no NUL, so every CSV reader splits it alike.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph.outputs import atomic_write
from .columns import column_types, edge_attributes, export_ids, node_attributes, render

__all__ = ["write_csv", "NODE_COLUMNS", "EDGE_COLUMNS"]

NODE_COLUMNS = ["Id", "Label"]
EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Weight"]
_RENAMED = {"source": "edge_source"}


def write_csv(g: nx.DiGraph, directory: str | Path) -> list[Path]:
    """Write DIRECTORY/nodes.csv and DIRECTORY/edges.csv (atomically).

    Args:
        g: the citation graph (graph.build).
        directory: where the two files go.

    Returns:
        The two paths.
    """
    directory = Path(directory)
    ids = export_ids(g)
    node_rows = []
    for n, d in g.nodes(data=True):
        attrs = node_attributes(d, ids[n])
        label = attrs.pop("label")
        node_rows.append({"Id": ids[n], "Label": ids[n] if label is None else label, **attrs})
    edge_rows = []
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        attrs = edge_attributes(d)
        weight = attrs.pop("weight")
        row: dict[str, Any] = {
            "Source": ids[u],
            "Target": ids[v],
            "Type": "Directed",
            "Id": f"e{i}",
            "Weight": weight,
        }
        row.update({_RENAMED.get(k, k): value for k, value in attrs.items()})
        edge_rows.append(row)
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    _write(node_rows, NODE_COLUMNS, nodes_path)
    _write(edge_rows, EDGE_COLUMNS, edges_path)
    return [nodes_path, edges_path]


def _write(rows: list[dict[str, Any]], first: list[str], path: Path) -> None:
    types = column_types(rows)
    columns = first + [c for c in types if c not in first]
    with atomic_write(path) as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(columns)
        for row in rows:
            out.writerow([_cell(row.get(c), types.get(c)) for c in columns])


def _cell(value: Any, t: str | None) -> str:
    if value is None or t is None:
        return ""
    text = render(value, t)
    # a cell on one line (Gephi's and many spreadsheet readers' rows are lines)
    return " ".join(text.split()) if t == "string" and ("\n" in text or "\r" in text) else text
