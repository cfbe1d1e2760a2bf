"""Plain text opinions (.txt): any common encoding, hard-wrapped or not, star paging
("[*219]") and LEXIS endnotes kept as page and footnote maps. A text paged by form
feeds (as pdftotext writes a PDF) loses its page furniture as a PDF does
(loaders.readers.furniture): running heads, page and line numbers out, page-foot
notes after the body."""

from __future__ import annotations

from ...models import Opinion
from .decoding import decode
from .furniture import clean_pages
from .header import opinion_from_paged, opinion_from_text
from .registry import Format

# a text is paged when form feeds split it into at least this many pages
MIN_PAGES = 3


def read_text(data: bytes, source: str) -> list[Opinion]:
    """Read a plain-text opinion (any common encoding)."""
    text = decode(data, source)
    pages = [p for p in text.split("\f") if p.strip()]
    if len(pages) < MIN_PAGES:
        return [opinion_from_text(text, source)]
    lines = [page.splitlines() for page in pages]
    return [opinion_from_paged(clean_pages(pages), lines, source)]


FORMAT = Format("text", read_text, extensions=(".txt", ".text", ".asc"))
