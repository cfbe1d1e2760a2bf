"""eyecite's default tokenizer, its regexes in list order, each tried only where it can match.

eyecite's `AhocorasickTokenizer` picks, with pyahocorasick, the regexes whose strings
occur in the text (about 900 of 6,800 for an opinion), hands them out as a set and runs
each over the whole text with finditer; that is most of what is left of eyecite's time.
`ListOrderTokenizer` (loaders/extraction/citations.py) runs them in the order of
eyecite's list, so that every process gives the same tokens. The tokenizer here derives
from it and takes over eyecite's two extension points, passed to get_citations as the
`tokenizer` argument (no patch):

- `get_extractors` (the prefilter): the same extractors in the same order, gathered by
  identity, so eyecite's TokenExtractor.__hash__ (the hash of a 300-character repr,
  thousands of times per opinion) is not called, and with whitespace stripped by
  `strip_ws`, three times faster than eyecite's `_strip_ws` and the same.
- `extract_tokens`: each regex is tried only at the offsets where a match of it can
  start (below); the matches are finditer's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ..scan import matches_at
from ..sentences import word_start

__all__ = ["fast_tokenizer_class", "strip_ws", "tokens"]


# Most of eyecite's regexes (5,800 of 6,800) are a case reporter's:
# `(?:^|[^a-zA-Z0-9])((?P<volume>[1-9]\d*) (?P<reporter>A|B|...)...`, and most codes'
# are `...((?P<title>\d+),?\s+(?P<reporter>...`. Run with finditer they try every offset
# of the text, and an opinion selects dozens of them. A match of one can only start
# just before a number ("123 ") that a reporter's first character follows, so those
# places are found once per text and each regex is tried only there, in order, with
# `match` (the same attempt `search` makes at that offset; `^` and the lookbehind-free
# prefix see the whole text either way). The matches are finditer's.
_HEADS = (
    # (how the regex begins, where such a match can begin: a number, then the
    # reporter's first character as group 1)
    ("(?:^|[^a-zA-Z0-9])((?P<volume>[1-9]\\d*) (?P<reporter>", re.compile(r"[1-9][0-9]* (?=(.))")),
    ("(?:^|[^a-zA-Z0-9])((?P<title>\\d+),?\\s+(?P<reporter>", re.compile(r"[0-9]+,?\s+(?=(.))")),
    ("(?:^|[^a-zA-Z0-9])((?P<title>\\d+) (?P<reporter>", re.compile(r"[0-9]+ (?=(.))")),
)
_NON_ASCII_DIGIT = re.compile(r"[^\x00-\x7f](?<=\d)")
_FIRST_CHARS: dict[str, tuple[int, frozenset[str]] | None] = {}


def _reporter_first_chars(regex: str) -> tuple[int, frozenset[str]] | None:
    """Which of _HEADS `regex` begins with, and the characters its reporter can begin with.

    None when the regex begins otherwise or an alternative of its reporter group does
    not begin with one literal character (then finditer runs).
    """
    head = next((i for i, (text, _) in enumerate(_HEADS) if regex.startswith(text)), None)
    if head is None:
        return None
    text = _HEADS[head][0]
    body = regex[len(text) :]
    alternatives, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                alternatives.append(body[start:i])
                break
            depth -= 1
        elif c == "|" and depth == 0:
            alternatives.append(body[start:i])
            start = i + 1
        i += 1
    else:
        return None
    first: set[str] = set()
    for alt in alternatives:
        if alt[:1] == "\\" and len(alt) >= 2 and not alt[1].isalnum():
            char, rest = alt[1], alt[2:]
        elif alt[:1].isalnum() and alt[:1].isascii():
            char, rest = alt[0], alt[1:]
        else:
            return None
        if rest[:1] in ("?", "*", "{"):
            return None  # the character may be absent
        first.add(char)
    return head, frozenset(first)


def _first_chars(extractor: Any) -> tuple[int, frozenset[str]] | None:
    regex: str = extractor.regex
    if regex not in _FIRST_CHARS:
        _FIRST_CHARS[regex] = _reporter_first_chars(regex) if extractor.flags == 0 else None
    return _FIRST_CHARS[regex]


class _Places:
    """Offsets of a text where a match of each head can start, by reporter's first character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[int, dict[str, list[int]]] = {}

    def starts(self, head: int, first: frozenset[str]) -> list[int]:
        places = self.found.get(head)
        if places is None:
            places = self.found[head] = {}
            for m in _HEADS[head][1].finditer(self.text):
                places.setdefault(m.group(1), []).append(max(0, m.start() - 1))
        return sorted(s for c in first for s in places.get(c, ()))


def _places(text: str) -> _Places | None:
    """The text's places, or None when it has a non-ASCII digit: `\\d` would then let a
    number start inside a run of digits, which the places do not cover."""
    if not text.isascii() and _NON_ASCII_DIGIT.search(text):
        return None
    return _Places(text)


# eyecite's regex for a bare section sign, `(\S*§\S*)`, backtracks over every run of
# non-space characters. A match of it is a whole run that holds a "§" (finditer starts
# each search where a run starts, and \S* takes the run to its end), so it is tried at
# the starts of those runs only.
_SECTION_REGEX = "(\\S*§\\S*)"
_SPACE = re.compile(r"\s")


def _section_run_starts(text: str) -> list[int]:
    starts: list[int] = []
    at = text.find("§")
    while at >= 0:
        starts.append(word_start(text, at))
        space = _SPACE.search(text, at)
        if space is None:
            break
        at = text.find("§", space.end())
    return starts


# "Id.", "supra" and the stop words: `(?:^|\s)REST`. Led by that alternation, `re` enters
# its matcher at every offset; led by `\s` it skips to the next whitespace in C. A match
# starts at 0 or at a whitespace character that REST follows, and `\s(?=REST)` (the same
# flags) finds every such character.
_SPACE_HEAD = "(?:^|\\s)"
_SPACE_LED: dict[tuple[str, int], re.Pattern[str]] = {}


def _space_led_starts(extractor: Any, text: str) -> list[int]:
    key = (extractor.regex, int(extractor.flags))
    finder = _SPACE_LED.get(key)
    if finder is None:
        rest = extractor.regex[len(_SPACE_HEAD) :]
        finder = _SPACE_LED[key] = re.compile(rf"\s(?={rest})", extractor.flags)
    starts = [m.start() for m in finder.finditer(text)]
    return starts if starts[:1] == [0] else [0, *starts]


def strip_ws(text: str) -> str:
    """eyecite.tokenizers._strip_ws (`re.sub(r"\\s+", "", text)`), three times faster:
    str.split splits on exactly the characters \\s matches (tests/test_speedups.py)."""
    return "".join(text.split())


def tokens(extractors: list[Any], text: str) -> Iterator[Any]:
    """eyecite's Tokenizer.extract_tokens over `extractors`, in their order, each
    reporter regex tried only where it can match."""
    places = _places(text)
    for extractor in extractors:
        form = _first_chars(extractor) if places is not None else None
        if extractor.regex == _SECTION_REGEX and not extractor.flags:
            pattern = extractor.compiled_regex
            matches: Iterator[Any] = matches_at(pattern, text, _section_run_starts(text))
        elif extractor.regex.startswith(_SPACE_HEAD):
            starts = _space_led_starts(extractor, text)
            matches = matches_at(extractor.compiled_regex, text, starts)
        elif form is None or places is None:
            matches = extractor.get_matches(text)
        else:
            starts = places.starts(*form)
            matches = matches_at(extractor.compiled_regex, text, starts)
        for m in matches:
            yield extractor.get_token(m)


@functools.lru_cache(maxsize=1)
def fast_tokenizer_class() -> Any:
    """eyecite's default tokenizer in list order, its prefilter and regex runs faster.

    A class made on first use, as its base is: eyecite's tokenizer module takes seconds
    to import.
    """
    from ...tokenizer import list_order_tokenizer_class

    class FastListOrderTokenizer(list_order_tokenizer_class()):  # type: ignore[misc]
        """The list-order tokenizer: the same extractors, tokens and order, faster."""

        def __post_init__(self) -> None:
            super().__post_init__()
            self._unfiltered = frozenset(map(id, self.unfiltered_extractors))

        def get_extractors(self, text: str) -> Any:
            """The extractors eyecite's prefilter selects for `text`, in list order."""
            picked = set(self._unfiltered)
            stripped = strip_ws(text)
            for _, found in self.case_sensitive_filter.iter(stripped):
                picked.update(map(id, found))
            for _, found in self.case_insensitive_filter.iter(stripped.lower()):
                picked.update(map(id, found))
            return [e for e in self.extractors if id(e) in picked]

        def extract_tokens(self, text: str) -> Iterator[Any]:
            """Every token of `text`, as eyecite's extract_tokens finds them."""
            return tokens(self.get_extractors(text), text)

    return FastListOrderTokenizer
