"""Footnote markers in the text: endnote spans, and call-outs and emphasis blanked.

LEXIS printouts end with a block of endnotes and call them from the body ("n1");
Markdown-ish sources wrap names in emphasis ("*Usavage* v. Port Authority"). Extraction
reads through both: the call-outs and the markup are blanked (offsets unchanged), and
the endnote spans say which footnote a citation stands in.
"""

from __future__ import annotations

import re

from .scan import sub_at_candidates

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
