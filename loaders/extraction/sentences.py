"""Sentence boundaries in legal text.

General-purpose splitters (pysbd, punkt) cut legal text after "v.", "U.S.", "F. Supp.",
"Cir." or "No." and inside quotations and parentheticals. The rules here know the
abbreviations of case names, reporters, courts and record citations; they never cut
inside a span the caller protects (a citation with its parentheticals), inside
balanced parentheses or brackets, or inside a quotation that closes in the same
passage. A blank line ends a sentence unless the text plainly runs on (a page break
in the middle of a sentence: no closing punctuation before, a lowercase word after).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from ...models import Citation, Opinion
from ...vocabulary import ABBREVIATIONS, SIGNAL

__all__ = ["sentence_spans", "is_abbreviation", "quotation_spans", "ABBREVIATIONS"]


# a sentence end; a footnote number may stick to it ("lack merit.1 The")
_END = re.compile(r"[.?!]+[\"'”’)\]*_]*(?:(?<=[a-z]{3}\.)\d{1,2})?(?=\s)")
# what may open the next sentence; "n4" is a LEXIS footnote call-out left in the text
_NEXT_START = re.compile(r"\s+(?:n\d{1,3}\s+)?[\"'“‘(\[*_]*[A-Z0-9]")
_BLANK = re.compile(r"\n[ \t]*\n\s*")
_BRACKET = re.compile(r"[()\[\]]")
_QUOTE_OR_BREAK = re.compile(r"[\"“”]|\n[ \t]*\n")
_LIST_LABEL = re.compile(r"(?:^|\s)[0-9ivx]{1,4}$")
_INITIAL = re.compile(r"[a-z]")
_DOTTED = re.compile(r"(?:[a-z]{1,2}\.){2,}[a-z]{0,2}\.?")
_ROMAN = re.compile(r"[ivx]+")
_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")
_LAST_WORD = re.compile(r"\S+$")
_MAX_PAREN = 2000
_MAX_QUOTE = 2000


def word_start(text: str, end: int) -> int:
    """Where the run of non-space characters that ends at `end` begins (the start of
    what `\\S+$` finds in `text[:end]`, or `end` itself after a space)."""
    k = end
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return k


def is_abbreviation(word: str) -> bool:
    """True when `word` (ending in a period) is an abbreviation, not a sentence end.

    Args:
        word: the whitespace-delimited token that ends with the period.
    """
    token = word.lower().lstrip("(\"'“‘[*_").rstrip("*_")
    bare = token.rstrip(".")
    if bare in ABBREVIATIONS:
        return True
    if _INITIAL.fullmatch(bare):  # an initial: "John A. Smith"
        return True
    if _DOTTED.fullmatch(token):  # U.S., N.Y., e.g.
        return True
    return bool(_ROMAN.fullmatch(bare) and word[:1].isupper() and len(bare) <= 4)


def _listed(word: str) -> bool:
    """A listed abbreviation ("v.", "rel."), not an initial or a heading's numeral ("I.")."""
    return word.lower().lstrip("(\"'“‘[*_").rstrip("*_").rstrip(".") in ABBREVIATIONS


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """Balanced (...) and [...] spans, nested ones included."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    pairs = {")": "(", "]": "["}
    for m in _BRACKET.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "([":
            stack.append((ch, i))
        elif ch in ")]":
            # "1) the force used" labels a list item; it closes nothing.
            if (
                ch == ")"
                and _LIST_LABEL.search(text[max(0, i - 6) : i])
                and (not stack or stack[-1][0] != "(" or i - stack[-1][1] > 8)
            ):
                continue
            while stack and i - stack[0][1] > _MAX_PAREN:
                stack.pop(0)
            if stack and stack[-1][0] == pairs[ch]:
                spans.append((stack.pop()[1], i + 1))
    return spans


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of double-quoted passages that open and close within a passage.

    Straight quotes are told apart by position: one after whitespace or an opening
    bracket opens, any other closes. Openers never closed are dropped, so one stray
    mark cannot swallow the rest of an opinion.
    """
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _QUOTE_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()[0]
        if ch == "\n":
            stack.clear()  # a quotation that runs on past a paragraph is not tracked
        elif ch == "“":
            stack.append(i)
        elif ch == '"':
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if (prev.isspace() or prev in "([{—–-/'‘") and not nxt.isspace():
                stack.append(i)
            elif stack:
                spans.append((stack.pop(), i + 1))
        elif ch == "”" and stack:
            spans.append((stack.pop(), i + 1))
        while stack and i - stack[0] > _MAX_QUOTE:
            stack.pop(0)
    return spans


class _Blocks:
    """Membership test: is a position strictly inside one of many spans?"""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def inside(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos - 1) - 1
        return i >= 0 and self.starts[i] < pos < self.ends[i]


_AUTHOR_LINE = re.compile(
    r"\b(?:(?:Senior\s+|Chief\s+)?(?:Circuit|District|Bankruptcy|Magistrate)\s+Judge|Chief\s+Judge"
    r"|Associate\s+Justice|C\.\s?J\.|J\.|PER\s+CURIAM)\s*:[ \t]*(?=[A-Z\"“])"
)


def sentence_spans(
    text: str,
    protected: Iterable[tuple[int, int]] = (),
    hard: Iterable[int] = (),
) -> list[tuple[int, int]]:
    """Split `text` into sentences.

    Args:
        text: the opinion text.
        protected: (start, end) spans never cut (citations with their parentheticals).
        hard: offsets that always end a sentence (footnote boundaries).

    Returns:
        (start, end) offsets of each sentence in text order, trimmed of surrounding
        whitespace; together they cover every non-blank character.
    """
    blocks = _Blocks(list(protected) + _bracket_spans(text) + quotation_spans(text))
    cuts: set[int] = {p for p in hard if 0 < p < len(text)}
    # the author line opens the opinion: "E. GRADY JOLLY, Circuit Judge: This case ..."
    cuts |= {m.end() for m in _AUTHOR_LINE.finditer(text) if not blocks.inside(m.end())}
    for m in _END.finditer(text):
        cut = m.end()
        if not _NEXT_START.match(text, cut) or blocks.inside(cut):
            continue
        if _ELLIPSIS.match(m.group()) or text[max(0, m.start() - 3) : m.start()] == ". .":
            continue  # an ellipsis marks an omission, not the end of a sentence
        if m.group().startswith("."):
            word = _LAST_WORD.search(text[max(0, m.start() - 40) : m.start() + 1])
            if word and is_abbreviation(word.group()) and not _ends_id_sentence(text, m):
                continue
        cuts.add(cut)
    for m in _BLANK.finditer(text):
        cut = m.start()
        if blocks.inside(cut):
            continue
        before = text[max(0, cut - 200) : cut].rstrip()
        after = text[m.end() : m.end() + 1]
        if before and before[-1] not in ".?!:;\"”’')]" and (after.islower() or after.isdigit()):
            continue  # a page break in mid-sentence
        last = _LAST_WORD.search(before)
        if last and last.group().endswith(".") and _listed(last.group()):
            continue  # "Plaintiff v." / "Jimenez ex rel." before a page break
        cuts.add(cut)
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut in sorted(cuts) + [len(text)]:
        a, b = pos, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        pos = cut
    return spans


def _ends_id_sentence(text: str, m: re.Match[str]) -> bool:
    """ "Id." followed by a capitalised word is a whole citation sentence ("Id. On July")."""
    word = text[max(0, m.start() - 3) : m.start() + 1]
    return bool(re.search(r"(?:^|[\s(\"“*_])(?:Id|id|Ibid|ibid)\.$", word)) and bool(
        re.match(r"\s+[\"“(]*[A-Z]", text[m.end() : m.end() + 4])
    )


SENTENCE_ON = re.compile(r"\s+[\"“(]*[A-Z]")


PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


def closing_paren(text: str, open_at: int, limit: int) -> int | None:
    """Index of the ")" closing the "(" at `open_at`, or None.

    A missing ")" is a common slip ("(quoting A (quoting B (2015)); see also C"): a
    signal after "); " at depth one ends the outer parenthetical there, so the next
    citation of the string is not swallowed into it.
    """
    depth = 0
    for j in range(open_at, min(len(text), limit)):
        ch = text[j]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        elif ch == "." and depth == 1 and text[j - 1] == ")" and SENTENCE_ON.match(text, j + 1):
            return j  # "(quoting X (2006). Accordingly": the ")" was left out
        elif (
            ch == "\n"
            and depth >= 1
            and PARAGRAPH_END.match(text, j)
            and ends_sentence(text[open_at:j])
        ):
            return j  # never closed before the paragraph ended: a slip of the pen
        elif (
            ch == ";"
            and depth == 1
            and text[j - 1] == ")"
            and SIGNAL.match(text, skip_space(text, j + 1))
        ):
            return j - 1
    return None


def ends_sentence(s: str) -> bool:
    """Whether `s` ends with a full stop that ends a sentence (not an abbreviation)."""
    word = re.search(r"\S+$", s)
    if word is None:
        return False
    # ". . ." before a page break is an ellipsis, not the end of a sentence
    w = word.group()
    return w.endswith(".") and re.search(r"[A-Za-z]{2}", w) is not None and not is_abbreviation(w)


def skip_space(text: str, i: int) -> int:
    """The first offset at or after `i` that is not whitespace."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def bare_subject(text: str, c: Citation, tail: int, signal: str | None) -> bool:
    """Whether `c` is a bare section or rule a sentence goes on about ("Rule 8(a)(2)
    requires"): a short form of a law, with no signal, followed by a word in lower case."""
    return (
        c.form == "short"
        and c.kind != "case"
        and signal is None
        and re.match(r"\s+[a-z]", text[tail : tail + 3]) is not None
    )


def paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding `pos` starts (at most 5,000 characters back)."""
    ends = [m.end() for m in PARAGRAPH_END.finditer(text, max(0, pos - 5000), pos + 1)]
    return skip_space(text, ends[-1]) if ends else max(0, pos - 5000)


def is_heading(s: str) -> bool:
    """A caption or heading line ("DISCUSSION", "FOR THE DISTRICT OF CONNECTICUT")."""
    s = s.strip()
    if not s:
        return True
    if len(re.findall(r"\b[a-z]{3,}\b", s)) < 3:
        return True
    return s[-1] not in ".?!:;\"”’')" and len(s) < 120


def note_regions(opinion: Opinion) -> list[tuple[int, int]]:
    """Body and footnote spans: a proposition never crosses from one into another."""
    return sorted((a, b) for a, b, _ in opinion.footnotes)


def home_region(regions: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The footnote that holds `pos`, or the whole text for the body."""
    for a, b in regions:
        if a <= pos < b:
            return (a, b)
    return (0, 10**12)


def region_of(regions: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The footnote that holds `pos`, or the stretch of body text around it."""
    for a, b in regions:
        if a <= pos < b:
            return (a, b)
    # the body: from the end of the footnote before pos to the start of the next
    lo = max([b for a, b in regions if b <= pos] or [0])
    return (lo, 10**12)
