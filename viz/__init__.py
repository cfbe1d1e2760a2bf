"""Writers: the HTML view (pyvis), GraphML / GEXF / CSV / JSON exports, and flat tables.

This room never parses opinions: it renders what loaders and graph produced.
"""

from .export import EXPORT_FORMATS, FORMATS, write_formats
from .gexf import write_gexf
from .graphml import write_graphml
from .html import write_html
from .nodelink import read_json, write_json
from .spreadsheet import write_csv
from .tables import read_jsonl, write_jsonl

__all__ = [
    "write_html",
    "write_graphml",
    "write_gexf",
    "write_csv",
    "write_json",
    "read_json",
    "write_formats",
    "FORMATS",
    "EXPORT_FORMATS",
    "write_jsonl",
    "read_jsonl",
]
