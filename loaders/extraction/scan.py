"""Regex scans that try a pattern only where a match can start.

`re` tries a pattern at every offset when it cannot skip ahead (a pattern that opens
with a lookbehind, or with a long alternation); these helpers give the same matches as
`finditer` / `sub` while trying the pattern only at candidate offsets that a cheaper
search finds. tests/test_extraction_speedups.py checks them against `finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator


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
