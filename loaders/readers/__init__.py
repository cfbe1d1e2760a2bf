"""Readers: files -> Opinion (clean text, page map, footnotes, metadata).

One module per format (text, html, pdf, courtlistener, cap, textjson, bulk, archive), each with
its `FORMAT` (or several) registered here; `registry` chooses the reader of an input
and expands what a user names into single inputs; `header` reads the metadata an
opinion's header states; `caption` turns captions into case names. No reader imports
a citation rule: extraction reads the Opinions they make.
"""

from __future__ import annotations

from . import archive, bulk, cap, courtlistener, html, pdf, registry, text, textjson
from .registry import *  # noqa: F403

__all__ = list(registry.__all__)  # the registry's public names are the package's


def _register_builtins() -> None:
    register = registry.register
    register(archive.FORMAT_ZIP)
    register(archive.FORMAT_TAR)
    register(archive.FORMAT_COMPRESSED)
    register(pdf.FORMAT)
    register(bulk.FORMAT_JSONL)
    register(bulk.FORMAT_CSV)
    register(cap.FORMAT_JSON)
    register(courtlistener.FORMAT)
    register(textjson.FORMAT)  # after the formats of named publishers: it takes any text key
    register(
        registry.Format(
            "json",
            registry.read_json,
            extensions=(".json",),
            sniff=lambda head: head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["),
        )
    )
    register(cap.FORMAT_HTML)
    register(cap.FORMAT_XML)
    register(html.FORMAT)
    register(text.FORMAT)


_register_builtins()
