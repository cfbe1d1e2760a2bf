"""Plain text opinions (.txt): any common encoding, hard-wrapped or not, star paging
("[*219]") and LEXIS endnotes kept as page and footnote maps."""

from __future__ import annotations

from ...models import Opinion
from .decoding import decode
from .header import opinion_from_text
from .registry import Format


def read_text(data: bytes, source: str) -> list[Opinion]:
    """Read a plain-text opinion (any common encoding)."""
    return [opinion_from_text(decode(data, source), source)]


FORMAT = Format("text", read_text, extensions=(".txt", ".text", ".asc"))
