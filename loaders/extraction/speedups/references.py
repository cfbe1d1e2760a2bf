"""Reference citations ("Smith at 123"): one pass per document.

`eyecite.find.extract_pincited_reference_citations` compiles a regex of the case names
of each full citation and scans the rest of the document with it, so time grows with
(citations x text) (eyecite #290). Here one pass per document finds every place where a
pin cite follows whitespace ("... at 1234"); each full citation then checks only those
places for its names, with the same leftmost-first, first-name-first rules as eyecite's
regex, so the reference citations are the same. Installed by `patches`: get_citations
calls eyecite's function by its module name, with no hook.
"""

from __future__ import annotations

import bisect
import re
import threading
from typing import Any

__all__ = ["pincited_references", "forget_document"]

_WORD = re.compile(r"\w")
_BOUNDARY = re.compile(r"\b")
# eyecite's reference regex is `\b(?:NAMES)\s+PIN_CITE`: after a name, this must match.
_AFTER_NAME: re.Pattern[str] | None = None
_NO_SITE: tuple[int, dict[str, Any]] = (-1, {})


class _Document:
    """What one pass over a document found: each name's places before a pin cite."""

    def __init__(self, text: str) -> None:
        global _AFTER_NAME
        if _AFTER_NAME is None:
            from eyecite.regexes import PIN_CITE_REGEX

            _AFTER_NAME = re.compile(rf"\s+{PIN_CITE_REGEX}", re.VERBOSE)
        # Holding `text` keeps its id from being reused by another document.
        self.text = text
        self.sites: dict[int, tuple[int, dict[str, Any]]] = {}
        self.places: dict[str, tuple[list[int], list[tuple[int, int, dict[str, Any]]]]] = {}

    def site(self, offset: int) -> tuple[int, dict[str, Any]]:
        """End and groups of `\\s+PIN_CITE` matched at `offset`, or (-1, {})."""
        found = self.sites.get(offset)
        if found is None:
            assert _AFTER_NAME is not None
            m = _AFTER_NAME.match(self.text, offset)
            found = self.sites[offset] = (m.end(), m.groupdict()) if m else _NO_SITE
        return found

    def name_places(self, name: str) -> tuple[list[int], list[tuple[int, int, dict[str, Any]]]]:
        """Offsets where `name` stands right before a pin cite, with the match's end."""
        found = self.places.get(name)
        if found is None:
            starts, hits = [], []
            text, n = self.text, len(name)
            p = text.find(name)
            while p >= 0:
                end, groups = self.site(p + n)
                if end >= 0:
                    starts.append(p)
                    hits.append((p, end, groups))
                p = text.find(name, p + 1)
            found = self.places[name] = (starts, hits)
        return found


# The last document of each thread: threads extracting at once (a Dask worker's) each
# keep their own, so that one never reads what another found in a different text.
_LAST = threading.local()


def _document(text: str) -> _Document:
    doc: _Document | None = getattr(_LAST, "document", None)
    if doc is None or doc.text is not text:
        doc = _LAST.document = _Document(text)
    return doc


def pincited_references(citation: Any, plain_text: str) -> list[Any]:
    """Reference citations ("Roe at 240") to `citation` after it, as eyecite finds them.

    A drop-in for eyecite.find.extract_pincited_reference_citations that reads the
    document once instead of once per full citation.

    Args:
        citation: an eyecite FullCaseCitation.
        plain_text: the document's plain text.

    Returns:
        eyecite ReferenceCitations, in text order.
    """
    from eyecite.models import CaseReferenceToken, ReferenceCitation
    from eyecite.utils import is_valid_name

    names = [
        (key, value)
        for key in ReferenceCitation.name_fields
        if (value := getattr(citation.metadata, key, None)) and is_valid_name(value)
    ]
    if not names:
        return []
    offset = citation.span()[-1]
    doc = _document(plain_text)
    candidates = []
    for alt, (_, value) in enumerate(names):
        starts, hits = doc.name_places(value)
        for p, end, groups in hits[bisect.bisect_left(starts, offset) :]:
            # eyecite searches the slice plain_text[offset:], where \b holds at its
            # start whenever the first character is a word character.
            if p == offset:
                if not _WORD.match(plain_text, p):
                    continue
            elif not _BOUNDARY.match(plain_text, p):
                continue
            candidates.append((p, alt, end, groups))
    # eyecite's finditer: leftmost match first, the first name of the alternation
    # wins at one offset, and the search goes on after the end of each match.
    candidates.sort(key=lambda c: (c[0], c[1]))
    references = []
    last_end = offset
    for p, alt, end, groups in candidates:
        if p < last_end:
            continue
        metadata: dict[str, Any] = {key: None for key, _ in names}
        metadata[names[alt][0]] = names[alt][1]
        metadata.update(groups)
        references.append(
            ReferenceCitation(
                token=CaseReferenceToken(data=plain_text[p:end], start=p, end=end),
                span_start=p,
                span_end=end,
                full_span_start=p,
                full_span_end=end,
                index=0,
                metadata=metadata,
            )
        )
        last_end = end
    return references


def forget_document() -> None:
    """Drop the document this thread kept between calls (its text and what was found in it)."""
    _LAST.document = None
