"""Writers: the HTML view (pyvis), GraphML / GEXF / CSV / JSON exports, the terminal.

This room never parses opinions: it renders what loaders and graph produced. Its
names are imported when first used, so that `citegraph.viz.export` (the registry of
formats, which the command line reads for --help) loads no networkx and no writer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .export import write_formats
    from .gexf import write_gexf
    from .graphml import write_graphml
    from .html import write_html
    from .nodelink import read_json, write_json
    from .spreadsheet import write_csv
    from .tables import write_tables

_WHERE = {
    "write_html": ".html",
    "write_graphml": ".graphml",
    "write_gexf": ".gexf",
    "write_csv": ".spreadsheet",
    "write_json": ".nodelink",
    "read_json": ".nodelink",
    "write_formats": ".export",
    "write_tables": ".tables",
}

__all__ = [
    "write_html",
    "write_graphml",
    "write_gexf",
    "write_csv",
    "write_json",
    "read_json",
    "write_formats",
    "write_tables",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name], __name__), name)
