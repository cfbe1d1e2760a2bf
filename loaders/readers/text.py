"""Plain text opinions (.txt): any common encoding, hard-wrapped or not, star paging
("[*219]") and LEXIS endnotes kept as page and footnote maps. A text paged by form
feeds (as pdftotext writes a PDF) loses its page furniture as a PDF does
(loaders.readers.furniture): running heads, page and line numbers out, page-foot
notes after the body."""

from __future__ import annotations

from ...models import Opinion
from .decoding import decode
from .furniture import clean_pages
from .header import opinion_from_text
from .registry import Format

# a text is paged when form feeds split it into at least this many pages
MIN_PAGES = 3


def read_text(data: bytes, source: str) -> list[Opinion]:
    """Read a plain-text opinion (any common encoding)."""
    text = decode(data, source)
    pages = [p for p in text.split("\f") if p.strip()]
    if len(pages) < MIN_PAGES:
        return [opinion_from_text(text, source)]
    paged = clean_pages(pages)
    # the first page and the heads of the next two, as a PDF's header
    header = "\n".join(
        line
        for n, page in enumerate(pages[:3])
        for line in page.splitlines()[: 120 if n == 0 else 12]
    )
    return [
        opinion_from_text(
            paged.text,
            source,
            prepared=True,
            pages=paged.pages,
            footnotes=paged.footnotes,
            header=header,
        )
    ]


FORMAT = Format("text", read_text, extensions=(".txt", ".text", ".asc"))
