"""Star paging and footnote markers: taken out of the text, kept as maps.

LEXIS and Westlaw printouts interleave page breaks of the official report ("[*219]",
"*219") and footnote call-outs ("n1") with the text. Left in place they split
citations and sentences, so they are removed before extraction; where they stood
is kept so every citation can name the page on which it stands, and the footnote
(or endnote) it stands in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

# "[*219]" (LEXIS), "[**12]" (LEXIS second reporter); page labels may carry a
# reporter prefix in Westlaw style ("*219").
_STAR_PAGE = re.compile(r"\[\*{1,2}(\d+)\]")

# The heading of a block of endnotes at the end of an opinion.
# Reflowed text may join the heading to the first note ("Notes 1. Russo also filed").
_NOTES_HEADING = re.compile(
    r"(?:^|(?<=\s))(?:Notes|NOTES|Footnotes|FOOTNOTES|Endnotes|ENDNOTES)[ \t]*:?"
    r"(?=\s*$|\s+(?:1\.|n1|\[1\]|FN\s?1\.?)\s)",
    re.M,
)
# One endnote: "1. text", "n1 text", "[1] text", "FN1. text" at the start of a paragraph.
_NOTE_LABEL = re.compile(
    r"^[ \t]*(?:\[(\d{1,3})\]|FN\s?(\d{1,3})\.?|n(\d{1,3})|(\d{1,3})\.)[ \t]+", re.M
)
# A call-out in the body: " n1 " (LEXIS), after a word, a period or a quote.
_NOTE_CALL = re.compile(r"(?<=[\w.,;:)\"”’'])[ \t]+n(\d{1,3})(?=[\s.,;:)]|$)")
# Emphasis markup around words ("*Usavage* v. Port Authority", "_Id._"); the star of a
# Westlaw pin ("at *3") stands before a digit and is kept.
_EMPHASIS = re.compile(
    r"\*+(?=[A-Za-z\[])|(?<=[A-Za-z.,\]])\*+|(?<![\w])_+(?=[A-Za-z])|(?<=[A-Za-z.])_+(?![\w])"
)
# Where each can start, for sub_at_candidates: a star or underscore; blanks before "n1".
_EMPHASIS_CANDIDATE = re.compile(r"[*_]")
_NOTE_CALL_CANDIDATE = re.compile(r"[ \t]+n\d")


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


def endnotes(text: str) -> list[tuple[int, int, str]]:
    """Spans of the endnotes at the end of an opinion: (start, end, label).

    Endnotes are recognised only under a "Notes" / "Footnotes" heading in the last
    part of the text, each starting a paragraph with its label ("1.", "n1", "[1]").
    """
    heading = None
    for m in _NOTES_HEADING.finditer(text):
        if m.start() > len(text) // 3:
            heading = m
    if heading is None:
        return []
    first = re.match(r"\s*", text[heading.end() :])
    body = heading.end() + (first.end() if first else 0)
    labels = [
        (body + m.start(), next(g for g in m.groups() if g))
        for m in _NOTE_LABEL.finditer(text[body:])
    ]
    # labels must count up from 1: a numbered list inside a note is not a new note
    spans: list[tuple[int, int, str]] = []
    expected = 1
    starts: list[tuple[int, str]] = []
    for start, label in labels:
        if int(label) == expected:
            starts.append((start, label))
            expected += 1
    for i, (start, label) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        spans.append((start, end, label))
    return spans


def mask_markers(text: str, notes: list[tuple[int, int, str]] | None = None) -> str:
    """`text` with footnote call-outs and emphasis markup blanked, offsets unchanged.

    Call-outs ("consolidated for discovery. n1 Pending") are blanked only when the
    opinion has an endnote of that number, so "n1" in ordinary text survives.
    Each removed character becomes a space, so offsets into the masked text are
    offsets into `text`.
    """
    labels = {label for _, _, label in (notes if notes is not None else endnotes(text))}

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    if labels:
        text = sub_at_candidates(
            _NOTE_CALL_CANDIDATE,
            _NOTE_CALL,
            lambda m: blank(m) if m.group(1) in labels else m.group(0),
            text,
        )
    return sub_at_candidates(_EMPHASIS_CANDIDATE, _EMPHASIS, blank, text)


def sub_at_candidates(
    candidate: re.Pattern[str],
    pattern: re.Pattern[str],
    repl: Callable[[re.Match[str]], str],
    text: str,
) -> str:
    """`pattern.sub(repl, text)`, trying `pattern` only where `candidate` matches.

    `re` cannot skip ahead to a pattern that opens with a lookbehind and tries it at
    every offset; a literal-led `candidate` can. `candidate` must match (by `search`)
    at every offset where `pattern` matches, and `pattern` must never match empty.
    """
    out: list[str] = []
    copied = 0  # text before this is in `out`
    for m in finditer_at_candidates(candidate, pattern, text):
        out.append(text[copied : m.start()])
        out.append(repl(m))
        copied = m.end()
    if not out:
        return text
    out.append(text[copied:])
    return "".join(out)


def finditer_at_candidates(
    candidate: re.Pattern[str], pattern: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying `pattern` only where `candidate` matches.

    Same contract as sub_at_candidates: `candidate` matches (by `search`) at every
    offset where `pattern` matches, and `pattern` never matches empty.
    """
    pos = 0  # where the next search starts
    while True:
        c = candidate.search(text, pos)
        if c is None:
            return
        m = pattern.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, given (in order) every offset where a match can start.

    Offsets may repeat or fall inside an earlier match; `pattern` must never match empty.
    """
    end = 0  # finditer goes on after the end of each match
    for s in starts:
        if s < end:
            continue
        m = pattern.match(text, s)
        if m is not None:
            yield m
            end = m.end()


def finditer_near(
    anchor: re.Pattern[str], pattern: re.Pattern[str], text: str, reach: int
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying `pattern` only up to `reach` characters before
    (or at) the start of a match of `anchor` ("Const" of "U.S. Const. amend. XIV").

    `anchor` must match, within every match of `pattern` starting at s, at an offset
    in [s, s + reach], and its matches must not overlap one another; `pattern` must
    never match empty.
    """

    def starts() -> Iterator[int]:
        tried = 0  # offsets below this have been given
        for a in anchor.finditer(text):
            yield from range(max(a.start() - reach, tried), a.start() + 1)
            tried = a.start() + 1

    return matches_at(pattern, text, starts())


def finditer_before_sign(
    sign: str, run: re.Pattern[str], first: re.Pattern[str], pattern: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying `pattern` only in the runs that lead up to `sign`.

    For patterns of the form "words ... §" ("Conn. Gen. Stat. § 52-584"): `run`
    matches (at the start) the reversed characters such a lead-up may hold, and
    `first` (one character) the character a match starts with. Each match of
    `pattern` must hold `sign`, with only characters of `run` (and never `sign`)
    between its start and the first `sign` in it; `pattern` must never match empty.
    """

    def starts() -> Iterator[int]:
        backwards = text[::-1]
        n = len(text)
        p = text.find(sign)
        while p >= 0:
            lead = run.match(backwards, n - p)  # the run of characters just before `sign`
            for c in first.finditer(text, p - (lead.end() - lead.start()) if lead else p, p):
                yield c.start()
            p = text.find(sign, p + 1)

    return matches_at(pattern, text, starts())
