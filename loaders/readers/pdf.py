"""PDF opinions with a text layer (slip opinions from court websites).

The text layer is read with pypdfium2 (PDFium, the PDF engine of Chromium), page by
page, with each line's type size. Measured on 22 court PDFs and on opinions printed to
PDF (eval/PDF.md), it gives the right words where pypdf splits them ("589 F .3d 3 53"),
and it is about ten times faster. Page furniture (running heads, filing stamps, page and
line numbers) is left out and footnotes at a page foot go after the body
(furniture.py), so that the body reads on across page breaks; each PDF page starts a
page of the Opinion's page map ("1", "2", ...). A PDF without a text layer (a scan) gets
a clear error: it needs OCR first.
"""

from __future__ import annotations

import statistics
import threading
import unicodedata
from typing import Any

from ...errors import CitegraphError
from ...models import Opinion
from .furniture import Line, assemble
from .header import opinion_from_paged
from .registry import Format

MIN_CHARS_PER_PAGE = 20

# PDFium marks a hyphen it takes for a line-end hyphen with these instead of "-\n"
_PDFIUM_HYPHENS = ("\ufffe", "\x02")
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
# PDFium is not thread-safe, not even across documents (pypdfium2's documentation):
# one thread of a process calls it at a time.
_PDFIUM = threading.Lock()


def read_pdf(data: bytes, source: str) -> list[Opinion]:
    """Read a PDF opinion from its text layer.

    Raises:
        CitegraphError: the PDF is damaged, encrypted, or has no text layer.
    """
    return [opinion_from_pages(pdf_lines(data, source), source)]


def opinion_from_pages(pages: list[list[Line]], source: str) -> Opinion:
    """An Opinion from a PDF's lines, page by page (furniture out, footnotes after).

    Raises:
        CitegraphError: the pages hold no text layer (a scan).
    """
    chars = sum(len(ln.text.strip()) for p in pages for ln in p)
    if chars < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise CitegraphError(
            "PDF has no text layer (a scanned image): run OCR on it first "
            "(e.g. ocrmypdf in.pdf out.pdf), then read the result",
            source,
        )
    return opinion_from_paged(assemble(pages), [[ln.text for ln in p] for p in pages], source)


def pdf_lines(data: bytes, source: str) -> list[list[Line]]:
    """Each page's printed lines with their type size, from the PDF's text layer.

    Raises:
        CitegraphError: the PDF is damaged or encrypted.
    """
    try:
        import pypdfium2 as pdfium
    except ImportError as e:  # pragma: no cover - pypdfium2 is a dependency
        raise CitegraphError("reading PDF needs pypdfium2: pip install pypdfium2", source) from e
    with _PDFIUM:
        return _locked_pdf_lines(pdfium, data, source)


def _locked_pdf_lines(pdfium: Any, data: bytes, source: str) -> list[list[Line]]:
    """pdf_lines, holding the PDFium lock: every PDFium object is closed before it returns."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise CitegraphError("PDF is encrypted; save an unlocked copy", source) from e
        raise CitegraphError(f"damaged PDF ({e}); is the download complete?", source) from e
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                pages.append(_page_lines(textpage))
            finally:
                textpage.close()
                page.close()
        return pages
    except pdfium.PdfiumError as e:
        raise CitegraphError(f"damaged PDF ({e}); is the download complete?", source) from e
    finally:
        doc.close()


def _page_lines(textpage: object) -> list[Line]:
    """The lines of one PDFium text page; small digits in a line are footnote call-outs."""
    import pypdfium2.raw as raw

    text = textpage.get_text_range()  # type: ignore[attr-defined]
    handle = textpage.raw  # type: ignore[attr-defined]
    sized = len(text) == raw.FPDFText_CountChars(handle)
    box = raw.FS_RECTF()
    lines: list[Line] = []
    pos = 0
    for chunk in text.replace("\r\n", "\n").split("\n"):
        start = pos
        pos += len(chunk) + (
            2 if text[start + len(chunk) : start + len(chunk) + 2] == "\r\n" else 1
        )
        for mark in _PDFIUM_HYPHENS:
            chunk = chunk.replace(mark, "-")
        for lig, plain in _LIGATURES.items():
            chunk = chunk.replace(lig, plain)
        if not sized or not chunk.strip():
            lines.append(Line(chunk))
            continue
        # type size from a sample of the letters; each digit measured (call-outs)
        letters = [k for k, ch in enumerate(chunk) if ch.isalpha()]
        step = max(1, len(letters) // 8)
        sample = [_height(raw, handle, start + k, box) for k in letters[::step]]
        size = statistics.median(sample) if sample else _height(raw, handle, start, box)
        plain = "".join(
            ch
            for k, ch in enumerate(chunk)
            if not (ch.isdigit() and size and _height(raw, handle, start + k, box) < size * 0.8)
        )
        lines.append(Line(chunk, size, plain if plain != chunk else None))
    return lines


def _height(raw: Any, handle: Any, index: int, box: Any) -> float:
    """A character's type size: the height of its font box on the page (the font
    size PDFium reports is 1 where a text matrix scales the type)."""
    if not raw.FPDFText_GetLooseCharBox(handle, index, box):
        return 0.0
    return round(float(box.top - box.bottom), 1)


FORMAT = Format(
    "pdf",
    read_pdf,
    extensions=(".pdf",),
    sniff=lambda head: head.lstrip()[:5] == b"%PDF-",
)
