"""Loaders: files -> Opinion -> Citation records, in two rooms with one arrow between.

`readers` turns inputs into Opinions (text, page map, footnotes, metadata);
`extraction` turns an Opinion into Citation records (citations, propositions,
treatment). A reader never imports a citation rule; neither room imports networkx.
This package re-exports the entry points of both.
"""

from __future__ import annotations

from .extraction import extract
from .readers import (
    ENTRY_POINT_GROUP,
    FORMATS,
    MAX_BYTES,
    Format,
    Member,
    detect,
    formats,
    input_files,
    opinions_from_json,
    read,
    register,
    supported,
    unsupported,
)

__all__ = [
    "read",
    "extract",
    "input_files",
    "detect",
    "register",
    "formats",
    "Format",
    "Member",
    "FORMATS",
    "MAX_BYTES",
    "ENTRY_POINT_GROUP",
    "opinions_from_json",
    "supported",
    "unsupported",
]
