"""Writers: the HTML view (pyvis), GraphML for Gephi, and flat tables.

This room never parses opinions: it renders what loaders and graph produced.
"""

from .graphml import write_graphml
from .html import write_html
from .tables import read_jsonl, write_jsonl

__all__ = ["write_html", "write_graphml", "write_jsonl", "read_jsonl"]
