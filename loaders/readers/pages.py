"""Star paging: page breaks of the official report taken out of the text, kept as a map.

LEXIS and Westlaw printouts interleave page breaks of the official report ("[*219]",
"*219") with the text. Left in place they split citations and sentences, so they are
removed when the text is read; where they stood is kept so every citation can name
the page on which it stands.
"""

from __future__ import annotations

import re

# "[*219]" (LEXIS), "[**12]" (LEXIS second reporter); page labels may carry a
# reporter prefix in Westlaw style ("*219").
_STAR_PAGE = re.compile(r"\[\*{1,2}(\d+)\]")


def strip_star_pages(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Remove "[*219]" page markers from `text`.

    Args:
        text: opinion text as read.

    Returns:
        The text without the markers, and (offset, page) pairs: the page that
        starts at each offset of the returned text. Only single-star markers
        (the first reporter) count as pages; "[**12]" markers are dropped.
    """
    out: list[str] = []
    pages: list[tuple[int, str]] = []
    pos = 0
    length = 0
    for m in _STAR_PAGE.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        if not m.group(0).startswith("[**"):
            pages.append((length, m.group(1)))
        pos = m.end()
        # a marker between two words leaves one space, not two
        if out and out[-1].endswith((" ", "\n")) and text[pos : pos + 1] == " ":
            pos += 1
    out.append(text[pos:])
    return "".join(out), pages
