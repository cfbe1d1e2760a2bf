"""Readers: files -> Opinion (clean text, page map, footnotes, metadata).

One module per format (text, html, pdf, courtlistener, cap, bulk, archive), each with
its `FORMAT` (or several) registered here; `registry` chooses the reader of an input
and expands what a user names into single inputs; `header` reads the metadata an
opinion's header states; `caption` turns captions into case names. No reader imports
a citation rule: extraction reads the Opinions they make.
"""

from __future__ import annotations

from . import archive, bulk, cap, courtlistener, html, pdf, text
from .registry import (
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
    read_json,
    register,
    supported,
    unsupported,
)

__all__ = [
    "read",
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


def _register_builtins() -> None:
    register(archive.FORMAT_ZIP)
    register(archive.FORMAT_TAR)
    register(archive.FORMAT_COMPRESSED)
    register(pdf.FORMAT)
    register(bulk.FORMAT_JSONL)
    register(bulk.FORMAT_CSV)
    register(cap.FORMAT_JSON)
    register(courtlistener.FORMAT)
    register(
        Format(
            "json",
            read_json,
            extensions=(".json",),
            sniff=lambda head: head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["),
        )
    )
    register(cap.FORMAT_HTML)
    register(cap.FORMAT_XML)
    register(html.FORMAT)
    register(text.FORMAT)


_register_builtins()
