"""Write the graph in any of the export formats: one entry point for build and export.

| format  | file(s)               | for                                            |
|---------|-----------------------|------------------------------------------------|
| graphml | graph.graphml         | Gephi, igraph, networkx, graphology (always)   |
| gexf    | graph.gexf            | Gephi and Gephi Lite, kinds coloured, sized    |
| csv     | nodes.csv, edges.csv  | Gephi's spreadsheet import, pandas, R          |
| json    | graph.json            | networkx node-link, every occurrence in full   |
| html    | graph.html            | the interactive view                           |
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from ..errors import CitegraphError

__all__ = ["FORMATS", "EXPORT_FORMATS", "write_formats", "files_of"]

# what `citegraph build --format` adds to the GraphML and HTML a build always writes
FORMATS = ("graphml", "gexf", "csv", "json")
# what `citegraph export --format` can write again from a build's tables
EXPORT_FORMATS = (*FORMATS, "html")

_FILES = {
    "graphml": ("graph.graphml",),
    "gexf": ("graph.gexf",),
    "csv": ("nodes.csv", "edges.csv"),
    "json": ("graph.json",),
    "html": ("graph.html",),
}


def files_of(fmt: str) -> tuple[str, ...]:
    """The file names a format writes."""
    return _FILES[fmt]


def write_formats(g: nx.DiGraph, out: str | Path, formats: Iterable[str]) -> list[Path]:
    """Write `g` into directory `out` in each of `formats`, each file atomically.

    Args:
        g: the citation graph.
        out: the directory (created if missing).
        formats: names from EXPORT_FORMATS; repeats are written once, in the given order.

    Returns:
        The paths written.

    Raises:
        CitegraphError: a format is unknown.
    """
    wanted = list(dict.fromkeys(f.lower() for f in formats))
    unknown = [f for f in wanted if f not in _FILES]
    if unknown:
        raise CitegraphError(
            f"unknown export format {unknown[0]!r}: choose from {', '.join(EXPORT_FORMATS)}"
        )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in wanted:
        if fmt == "graphml":
            from .graphml import write_graphml

            write_graphml(g, out / "graph.graphml")
        elif fmt == "gexf":
            from .gexf import write_gexf

            write_gexf(g, out / "graph.gexf")
        elif fmt == "csv":
            from .spreadsheet import write_csv

            write_csv(g, out)
        elif fmt == "json":
            from .nodelink import write_json

            write_json(g, out / "graph.json")
        else:
            from .html import write_html

            write_html(g, out / "graph.html")
        written.extend(out / name for name in _FILES[fmt])
    return written
