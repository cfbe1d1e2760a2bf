"""PDF opinions with a text layer (slip opinions from court websites).

The text layer is read with pypdf, page by page; each PDF page starts a page of the
Opinion's page map (the slip opinion's own pagination, "1", "2", ...). Running
headers and page numbers that repeat on every page are dropped. A PDF without a
text layer (a scan) gets a clear error: it needs OCR first.

pypdf's own warnings about a file's form ("invalid pdf header", "Token exceeds maximum
length") are silenced unless the "pypdf" logger is set to WARNING or lower
(`citegraph build --debug` does that): pypdf repairs what it warns about, or fails
and citegraph reports the file, so the bare lines only alarm without naming a file.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter

from ...errors import CitegraphError
from ...models import Opinion
from .decoding import reflow
from .header import opinion_from_text
from .registry import Format

MIN_CHARS_PER_PAGE = 20

_PYPDF_LOG = logging.getLogger("pypdf")
if _PYPDF_LOG.level == logging.NOTSET:  # a level set by the caller (--debug) stands
    _PYPDF_LOG.setLevel(logging.ERROR)


def read_pdf(data: bytes, source: str) -> list[Opinion]:
    """Read a PDF opinion from its text layer.

    Raises:
        CitegraphError: the PDF is damaged, encrypted, or has no text layer.
    """
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as e:  # pragma: no cover - pypdf is a dependency
        raise CitegraphError("reading PDF needs pypdf: pip install pypdf", source) from e
    with warnings.catch_warnings():
        if not _PYPDF_LOG.isEnabledFor(logging.WARNING):
            warnings.simplefilter("ignore")  # pypdf warns through both channels
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    reader.decrypt("")
                except Exception as e:
                    raise CitegraphError("PDF is encrypted; save an unlocked copy", source) from e
            pages = [page.extract_text() or "" for page in reader.pages]
        except CitegraphError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
            raise CitegraphError(f"damaged PDF ({e}); is the download complete?", source) from e
    if sum(len(p.strip()) for p in pages) < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise CitegraphError(
            "PDF has no text layer (a scanned image): run OCR on it first "
            "(e.g. ocrmypdf in.pdf out.pdf), then read the result",
            source,
        )
    pages = _drop_running_lines(pages)
    parts: list[str] = []
    page_map: list[tuple[int, str]] = []
    pos = 0
    for n, page in enumerate(pages, 1):
        flowed = reflow(page)
        if not flowed:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        page_map.append((pos, str(n)))
        parts.append(flowed)
        pos += len(flowed)
    text = "".join(parts)
    header = "\n".join(pages[0].splitlines()[:120]) if pages else ""
    return [opinion_from_text(text, source, prepared=True, pages=page_map, header=header)]


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove lines that repeat at the top or bottom of most pages (running heads,
    "Case 1:16-cv-01994 Document 123 Filed 09/30/20 Page 3 of 12", page numbers)."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    edges: Counter[str] = Counter()
    for p in pages:
        lines = [ln for ln in p.splitlines() if ln.strip()]
        edges.update({key(ln) for ln in lines[:2] + lines[-2:]})
    running = {k for k, n in edges.items() if n >= len(pages) * 0.6 and k}
    out = []
    for p in pages:
        lines = p.splitlines()
        keep = [
            ln for i, ln in enumerate(lines) if key(ln) not in running or 2 < i < len(lines) - 2
        ]
        out.append("\n".join(keep))
    return out


FORMAT = Format(
    "pdf",
    read_pdf,
    extensions=(".pdf",),
    sniff=lambda head: head.lstrip()[:5] == b"%PDF-",
)
