"""Files people hand citegraph that it does not read: office documents, images.

Each kind is one row of `UNSUPPORTED`; the registry names the file in a one-line
error instead of misreading it (a .docx is a zip archive) or skipping it without a
word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Unsupported", "UNSUPPORTED", "UNSUPPORTED_EXTENSIONS", "unsupported_kind"]


@dataclass(frozen=True)
class Unsupported:
    """A kind of file people hand citegraph that it does not read (a Word document, an
    image): named in a one-line error instead of being misread (a .docx is a zip
    archive) or skipped without a word.

    Args:
        name: what the file is ("a Word document").
        extensions: file name endings of it, lower case.
        sniff: given the first bytes, whether the file is one.
        advice: what to do with it instead.
    """

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    advice: str = "save it as PDF, HTML or plain text"


def _zip_member_names(head: bytes) -> list[str]:
    """The names of a zip's first members, walking its local file headers (so the
    bytes of a member stored inside, a .docx in an archive of filings, are skipped)."""
    names: list[str] = []
    pos = 0
    while head[pos : pos + 4] == b"PK\x03\x04" and pos + 30 <= len(head):
        flags = int.from_bytes(head[pos + 6 : pos + 8], "little")
        size = int.from_bytes(head[pos + 18 : pos + 22], "little")
        name_len = int.from_bytes(head[pos + 26 : pos + 28], "little")
        extra_len = int.from_bytes(head[pos + 28 : pos + 30], "little")
        names.append(head[pos + 30 : pos + 30 + name_len].decode("utf-8", "replace"))
        if flags & 0x08:  # sizes follow the data: the next header cannot be found
            break
        pos += 30 + name_len + extra_len + size
    return names


def _office_zip(head: bytes) -> bool:
    # OOXML (.docx, .xlsx, .pptx) is a zip holding [Content_Types].xml, OpenDocument
    # one whose first member is "mimetype"; an archive of opinions holds neither
    names = _zip_member_names(head)
    return "[Content_Types].xml" in names or names[:1] == ["mimetype"]


UNSUPPORTED: tuple[Unsupported, ...] = (
    Unsupported(
        "an office document (Word, Excel, PowerPoint, OpenDocument)",
        (".docx", ".docm", ".dotx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"),
        _office_zip,
    ),
    Unsupported(
        "an old-style Office document (.doc, .xls, .ppt)",
        (".doc", ".xls", ".ppt", ".wpd"),
        lambda head: head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ),
    Unsupported("a rich-text document (.rtf)", (".rtf",), lambda head: head[:5] == b"{\\rtf"),
    Unsupported(
        "an image",
        (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic"),
        lambda head: (
            head[:8] == b"\x89PNG\r\n\x1a\n"
            or head[:3] == b"\xff\xd8\xff"
            or head[:6] in (b"GIF87a", b"GIF89a")
            or head[:4] in (b"II*\x00", b"MM\x00*")
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        ),
        "a scanned page needs OCR first (e.g. img2pdf, then ocrmypdf)",
    ),
)
UNSUPPORTED_EXTENSIONS = {e for u in UNSUPPORTED for e in u.extensions}


def unsupported_kind(head: bytes, suffix: str) -> Unsupported | None:
    """The kind of unsupported file `head` (its first bytes) is, by content first
    and then by its extension `suffix`; None for anything else."""
    return next((u for u in UNSUPPORTED if u.sniff(head)), None) or next(
        (u for u in UNSUPPORTED if suffix in u.extensions), None
    )
