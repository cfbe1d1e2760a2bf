"""Speed-ups for eyecite 2.7.8 (and courts-db), installed around it in one place: `install()`.

eyecite finds the right citations but spends its time where these take over:

- `eyecite.helpers.get_court_by_paren` normalises every court of courts-db with a
  regex substitution for each court parenthetical it reads ("(1st Cir. 1993)"), about
  3,000 substitutions per citation. Here an index of the normalised court strings is
  built once; a lookup gives the same court (first exact match, else the last court
  whose string starts with the parenthetical, as eyecite's loop does).
- `eyecite.find.extract_pincited_reference_citations` compiles a regex of the case
  names of each full citation and scans the rest of the document with it, so time
  grows with (citations x text) (eyecite #290). Here one pass per document finds every
  place where a pin cite follows whitespace ("... at 1234"); each full citation then
  checks only those places for its names, with the same leftmost-first, first-name-
  first rules as eyecite's regex, so the reference citations are the same.
- The tokenizer runs each selected regex over the whole text. Here each is tried only
  at the offsets where a match of it can start (`_extract_tokens`), in eyecite's list
  order, so every process gives the same tokens; with `install(tokenizer="hyperscan")`
  (the `speed` extra) a Hyperscan prefilter, cached on disk, also skips the regexes
  that cannot match.
- eyecite.helpers' calls of the `regex` module with pattern strings compile each
  pattern once (`CachedRegex`).
- `courts_db.find_court` runs only the court regexes whose words stand in the string
  (`court_ids_by_name`), compiled when first needed.
- eyecite reads the words around each citation one at a time, asking each whether it
  is a token of several kinds (ABC isinstance checks): `match_on_tokens` joins the
  words in C and `_scan_for_case_boundaries` asks only of tokens, with the same results.
- eyecite's `Resource` (the key of resolve_citations' dict) hashes a JSON dump with
  SHA-256 on every lookup and comparison: its hash is computed once.

tests/test_speedups.py checks that eyecite's own citations, tokens and courts come out
identical with and without these speed-ups on real opinions, on the eyecite and courts-db
versions of TESTED_VERSIONS; on any other, `install()` patches nothing and warns once.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib.metadata
import itertools
import operator
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .scan import matches_at
from .sentences import word_start

__all__ = [
    "install",
    "uninstall",
    "installed",
    "untested_versions",
    "active_tokenizer",
    "TESTED_VERSIONS",
    "court_by_paren",
    "pincited_references",
    "CachedRegex",
]

# (id of module or class, attribute) -> (it, eyecite's original), for uninstall().
_ORIGINALS: dict[tuple[int, str], tuple[Any, Any]] = {}
_STATE: dict[str, Any] = {"tokenizer": None}

# The versions tests/test_speedups.py proved the speed-ups equivalent on. The patches
# copy and replace private functions of these exact releases; on any other, eyecite
# runs as it is.
TESTED_VERSIONS = {"eyecite": "2.7.8", "courts-db": "0.10.27"}


# --- courts: an index built once --------------------------------------------------


@functools.lru_cache(maxsize=1)
def _court_index() -> tuple[dict[str, str], dict[str, Any]]:
    """(exact, prefix) maps from a normalised court string to its courts-db id."""
    import regex
    from eyecite.helpers import courts

    exact: dict[str, str] = {}
    prefix: dict[str, Any] = {}
    for court in courts:
        s = regex.sub(r"[^\w]", "", court["citation_string"]).lower()
        # eyecite returns the first exact match...
        exact.setdefault(s, str(court["id"]))
        # ...else the last court whose string starts with the parenthetical.
        for k in range(1, len(s) + 1):
            prefix[s[:k]] = court["id"]
    return exact, prefix


def court_by_paren(paren_string: str) -> str | None:
    """The courts-db id for a court parenthetical ("2d Cir."), as eyecite finds it.

    Args:
        paren_string: the court part of a citation's parenthetical.

    Returns:
        The court id, or None.
    """
    import regex

    court_str = regex.sub(r"[^\w]", "", paren_string).lower()
    if not court_str:
        return None
    exact, prefix = _court_index()
    found = exact.get(court_str)
    if found is not None:
        return found
    return prefix.get(court_str)


# --- courts-db: court names read without compiling 8,000 regexes --------------------
#
# courts_db.find_court runs every court regex of courts-db (about 8,400, compiled on
# first use: a second or more per process) over the string, 25 ms a call. Each regex
# holds a run of plain letters that any match must contain ("court of appeals"); a
# regex runs only when its run stands in the string (compared in lower case, exact for
# ASCII text; any other string runs every regex), compiled when first needed. The
# courts found, and their order, are courts-db's.


@functools.lru_cache(maxsize=1)
def _court_table() -> list[tuple[str, str, tuple[Any, ...]]]:
    """(regex source, its required lower-case run or "", (court id, name, type, location,
    parent)) for each regex of courts-db, in courts-db's order."""
    from courts_db import courts

    # The regex parser is private: `re._parser` from 3.11 on, where `sre_parse` is a
    # deprecated alias; 3.10 has only `sre_parse`.
    if sys.version_info >= (3, 11):
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    else:
        import sre_constants as sre
        import sre_parse as _parser

    def runs(seq: Any, out: list[str], cur: list[str]) -> None:
        for op, av in seq:
            if op is sre.LITERAL:
                cur.append(chr(av))
            elif op is sre.SUBPATTERN and not av[1] and not av[2]:
                runs(av[3], out, cur)
            else:
                out.append("".join(cur))
                cur.clear()

    table = []
    for court in courts:
        info = (
            court["id"],
            court["name"],
            court["type"],
            court.get("location"),
            court.get("parent"),
        )
        for source in [*court["regex"], court["name"]]:
            source = source.replace("\\\\", "\\")  # as courts_db.utils.gather_regexes
            out: list[str] = []
            cur: list[str] = []
            runs(_parser.parse(source, re.I | re.U).data, out, cur)
            out.append("".join(cur))
            run = max(out, key=len)
            table.append((source, run.lower() if run.isascii() else "", info))
    return table


_COURT_REGEXES: dict[int, re.Pattern[str]] = {}


def court_ids_by_name(
    court_str: str, bankruptcy: bool | None, location: str | None, allow_partial_matches: bool
) -> list[str]:
    """courts_db.find_court_ids_by_name, running only the regexes that can match."""
    import courts_db
    from courts_db.text_utils import strip_punc

    lowered = court_str.lower() if court_str.isascii() else None
    matches = []
    for i, (source, run, info) in enumerate(_court_table()):
        court_id, _name, court_type, court_location, parent_court = info
        if lowered is not None and run not in lowered:
            continue
        if location and court_location != location:
            continue
        if bankruptcy is True:
            if court_type != "bankruptcy":
                continue
        elif bankruptcy is False and court_type == "bankruptcy":
            continue
        regex = _COURT_REGEXES.get(i)
        if regex is None:
            regex = _COURT_REGEXES[i] = re.compile(source, re.I | re.U)
        match = regex.search(court_str)
        if match:
            if not allow_partial_matches and len(court_str) != match.end() - match.start():
                continue
            matches.append((match.group(0), court_id, parent_court))
    if not matches:
        for court in courts_db.courts:
            # courts-db compares the location of the last regex here; kept as it is
            if location and court_location != location:
                continue
            if strip_punc(court_str.lower()) == strip_punc(court["name"].lower()):
                matches.append((court_str, court["id"], court.get("parent")))
    matches = list(set(matches))
    if len(matches) > 1:
        matches = courts_db.reduce_court_list(matches)
    matched_strings = [m[0] for m in matches]
    court_matches = set()
    for item in matched_strings:
        if [x for x in matched_strings if item in x and item != x]:
            continue
        for mat in matches:
            if item == mat[0]:
                court_matches.add(mat[1])
    return list(court_matches)


# --- reference citations ("Smith at 123"): one pass per document -------------------

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


_last_document: list[_Document] = []


def _document(text: str) -> _Document:
    if not _last_document or _last_document[0].text is not text:
        _last_document[:] = [_Document(text)]
    return _last_document[0]


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


# --- eyecite's scans over the word list ----------------------------------------------
#
# eyecite reads the words around each citation one by one: `match_on_tokens` (pin cite,
# court and year after a citation; the antecedent before "supra") and the backward scan
# for a case name. For each word it asks several isinstance() questions of eyecite's
# token classes, which derive from UserString and so go through the ABC machinery:
# a third of what is left of eyecite's time. Most words are plain strings, for which
# every answer is known; these copies of eyecite 2.7.8's functions ask only of tokens.


def _stops(chunk: list[Any], strings_only: bool) -> Iterator[int]:
    """Offsets in `chunk` of the words eyecite's match_on_tokens stops at, in order."""
    from eyecite.models import ParagraphToken

    # only words that are not plain strings can stop the scan
    for k in itertools.compress(
        itertools.count(), map(operator.is_not, map(type, chunk), itertools.repeat(str))
    ):
        token = chunk[k]
        if strings_only and not isinstance(token, str) or isinstance(token, ParagraphToken):
            yield k


def match_on_tokens(
    words: Any,
    start_index: int,
    regex: str,
    prefix: str = "",
    strings_only: bool = False,
    forward: bool = True,
    flags: int | None = None,
) -> Any:
    """eyecite.helpers.match_on_tokens, joining the words in C instead of one by one.

    Scans forward (or backward) from `start_index`, joining word texts until a
    paragraph token (or, with `strings_only`, any token) or eyecite's limit of
    MAX_MATCH_CHARS characters, and matches `regex` at the start (or end) of that
    text.
    """
    import eyecite.helpers as h

    text = _joined_words(words, start_index, prefix, strings_only, forward, h.MAX_MATCH_CHARS)
    if text is None:
        text = _joined_word_by_word(words, start_index, prefix, strings_only, forward)
    regex = rf"^(?:{regex})" if forward else rf"(?:{regex})$"
    return h.re.search(regex, text, flags=h.re.X if flags is None else flags)


def _joined_words(
    words: Any, start_index: int, prefix: str, strings_only: bool, forward: bool, limit: int
) -> str | None:
    """The text match_on_tokens matches, from slices of `words`; None where only the
    word-by-word loop gives it. Every word eyecite's tokenizer makes is a character or
    more, so `limit` words always reach the limit of characters; empty words or an
    index out of range are left to the loop."""
    n = len(words)
    if forward:
        lo = min(start_index, n)
        hi = min(n, lo + limit)
        if lo < 0:
            return None
        chunk = words[lo:hi]
        cut = next(_stops(chunk, strings_only), None)
        if cut is not None:
            chunk = chunk[:cut]
        text = prefix + "".join(map(str, chunk))
        if len(text) >= limit:
            return text[:limit] if chunk else text
        return text if cut is not None or hi == n else None
    top = max(start_index, -1)
    lo = max(0, top + 1 - limit)
    if top >= n:
        return None
    chunk = words[lo : top + 1]
    cut = max(_stops(chunk, strings_only), default=None)  # the nearest stop
    if cut is not None:
        chunk = chunk[cut + 1 :]
    text = "".join(map(str, chunk)) + prefix
    if len(text) >= limit:
        return text[-limit:] if chunk else text
    return text if cut is not None or lo == 0 else None


def _joined_word_by_word(
    words: Any, start_index: int, prefix: str, strings_only: bool, forward: bool
) -> str:
    """The text match_on_tokens matches, by eyecite 2.7.8's word loop."""
    import eyecite.helpers as h
    from eyecite.models import ParagraphToken

    limit = h.MAX_MATCH_CHARS
    text = prefix
    if forward:
        indexes = range(min(start_index, len(words)), len(words))
    else:
        indexes = range(max(start_index, -1), -1, -1)
    for index in indexes:
        token = words[index]
        if strings_only and not isinstance(token, str) or isinstance(token, ParagraphToken):
            break
        text = text + str(token) if forward else str(token) + text
        if len(text) >= limit:
            return text[:limit] if forward else text[-limit:]
    return text


def _scan_for_case_boundaries(document: Any, citation: Any, state: dict[str, Any]) -> Any:
    """eyecite.helpers._scan_for_case_boundaries (the backward scan from a citation for
    the case name's boundaries), asking its token questions only of tokens and keeping
    its search state in local variables until the end."""
    import eyecite.helpers as h
    from eyecite.models import (
        CitationToken,
        PlaceholderCitationToken,
        StopWordToken,
        SupraToken,
    )

    re_ = h.re
    words = document.words
    back_seek = citation.index - h.BACKWARD_SEEK
    extract_text = h._extract_text
    # eyecite's _is_lowercase_after_v_token, _is_capitalized_abbreviation and
    # _is_lowercase_without_v_token are written out below
    small = ("of", "the", "an", "and")

    offset = state["offset"]
    v_token = state["v_token"]
    start_index = state["start_index"]
    name = state["candidate_case_name"]
    year = state["pre_cite_year"]
    title_start = state["title_starting_index"]
    name_length = state["case_name_length"]
    plaintiff_length = state["plaintiff_length"]

    for index in range(citation.index - 1, max(back_seek, -1), -1):
        word = words[index]
        plain = type(word) is str
        word_str = word if plain else str(word)
        offset += len(word)

        if word == ",":
            continue

        name_length += 1

        if v_token is not None and word_str.strip() != "":
            plaintiff_length += 1

        if not plain and isinstance(word, CitationToken):
            title_start = index - 1
            continue

        if word_str.endswith(";") or word_str.endswith("”") or word_str.endswith('"'):
            start_index = index + 2
            name = extract_text(words, start_index, title_start)
            break

        if word_str.startswith("(") and re_.match(r"\(\d{4}\)", word_str):
            title_start = index - 1
            year = word_str[1:5]
            continue

        if word_str.startswith("(") and name_length > 3:
            start_index = index
            if word_str == "(" or word_str[1].isalpha() and word_str[1].islower():
                start_index = index + 2
            name = extract_text(words, start_index, title_start)
            break

        if (
            v_token is not None
            and not word_str[0].isupper()
            and bool(word_str.strip())
            and word_str not in small
        ):
            start_index = index + 2
            name = extract_text(words, start_index, title_start)
            name = re_.sub(r"^(of|the|an|and)\s+", "", name)
            break

        if not plain and isinstance(word, CitationToken | PlaceholderCitationToken):
            title_start = index - 1
            continue

        if not plain and h._is_v_token(word):
            v_token = word
            start_index = index - 2
            name = extract_text(words, start_index, title_start)
            continue

        elif (
            v_token is not None
            and word_str[0].isupper()
            and len(word_str) > 4
            and word_str.endswith(".")
            and plaintiff_length > 1
        ) or (not plain and isinstance(word, StopWordToken)):
            start_index = index + 2
            name = extract_text(words, start_index, title_start)
            break

        if (
            v_token is None
            and not word_str[0].isupper()
            and bool(word_str.strip())
            and word_str[0].isalpha()
            and word_str not in small
        ):
            if word_str in ["ex", "rel."]:
                continue
            if not plain and isinstance(word, SupraToken):
                title_start = index - 1
                continue
            start_index = index + 2
            name = extract_text(words, start_index, title_start)
            match = re_.search(r"\b([A-Z][a-zA-Z0-9]*)\b.*", name)
            name = name[match.start() :] if match else None
            break

        if index == 0:
            name = extract_text(words, index, title_start)
            start_index = 0
            name = re_.sub(r"^(of|the|an|and)\b", "", name, flags=re_.IGNORECASE)
            if re_.search(r"\b\d+\b$", name):
                name = None

    state["offset"] = offset
    state["v_token"] = v_token
    state["start_index"] = start_index
    state["candidate_case_name"] = name
    state["pre_cite_year"] = year
    state["title_starting_index"] = title_start
    state["case_name_length"] = name_length
    state["plaintiff_length"] = plaintiff_length
    return state


# --- eyecite.helpers' regular expressions: compiled once ---------------------------


class CachedRegex:
    """The `regex` module as eyecite.helpers calls it, each pattern compiled once.

    eyecite.helpers calls `regex.match(pattern, text)` and the like with pattern
    strings, thousands of times per opinion; each call looks the pattern up in the
    `regex` module's cache, which costs more than the match. Here the compiled
    pattern is kept in a dict, and the call is the one `regex` makes after its lookup,
    so the results are the same. Calls with options beyond flags go to `regex` itself.
    """

    _LIMIT = 2000  # patterns built from text would otherwise grow the dict forever

    def __init__(self, module: Any) -> None:
        self._module = module
        self._compiled: dict[tuple[Any, int], Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def _pattern(self, pattern: Any, flags: int) -> Any:
        key = (pattern, int(flags))
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) >= self._LIMIT:
                self._compiled.clear()
            compiled = self._compiled[key] = self._module.compile(pattern, flags)
        return compiled

    def match(self, pattern: Any, string: Any, flags: int = 0, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.match(pattern, string, flags, **kwargs)
        return self._pattern(pattern, flags).match(string)

    def search(self, pattern: Any, string: Any, flags: int = 0, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.search(pattern, string, flags, **kwargs)
        return self._pattern(pattern, flags).search(string)

    def fullmatch(self, pattern: Any, string: Any, flags: int = 0, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.fullmatch(pattern, string, flags, **kwargs)
        return self._pattern(pattern, flags).fullmatch(string)

    def sub(
        self, pattern: Any, repl: Any, string: Any, count: int = 0, flags: int = 0, **kwargs: Any
    ) -> Any:
        if kwargs:
            return self._module.sub(pattern, repl, string, count, flags, **kwargs)
        return self._pattern(pattern, flags).sub(repl, string, count)

    def split(
        self, pattern: Any, string: Any, maxsplit: int = 0, flags: int = 0, **kwargs: Any
    ) -> Any:
        if kwargs:
            return self._module.split(pattern, string, maxsplit, flags, **kwargs)
        return self._pattern(pattern, flags).split(string, maxsplit)


# --- tokenizer ----------------------------------------------------------------------
#
# eyecite's default tokenizer picks, with pyahocorasick, the reporter regexes whose
# reporter string occurs in the text (about 900 of 6,800 for an opinion) and runs each
# over the whole text; that is most of what is left of eyecite's time. eyecite's own
# HyperscanTokenizer is faster but not identical: it scans bytes, so "450 U.S. at 35-36"
# with an en dash loses its citation, and it re-runs each regex on the matched slice
# only. The "hyperscan" tokenizer here keeps the default tokenizer's work and order
# exactly and uses Hyperscan only to skip regexes that cannot match: one pass over the
# text with every regex compiled in prefilter mode, loosened where Python's Unicode
# classes are wider than Hyperscan's, so a regex Hyperscan rules out has no match.

# Python's case-insensitive ASCII letters also match these (re module documentation).
_CASE_SPECIALS = frozenset("\u0130\u0131\u017f\u212a")
# Hyperscan scans bytes; every non-ASCII character of the text becomes this one byte,
# and the patterns accept it wherever Python could accept a non-ASCII character.
_OTHER = "\\x80"
_NON_ASCII_TEXT = re.compile(r"[^\x00-\x7f]")
# \s, \d, \w in Python's Unicode sense, widened: (inside a class, standing alone).
_WIDER = {
    "s": (f"\\s\\x1c-\\x1f{_OTHER}", f"[\\s\\x1c-\\x1f{_OTHER}]"),
    "d": (f"0-9{_OTHER}", f"[0-9{_OTHER}]"),
    "w": (f"\\w{_OTHER}", f"[\\w{_OTHER}]"),
}


def widen_for_hyperscan(regex: str) -> str | None:
    """A Hyperscan pattern that matches wherever Python's `regex` matches.

    The pattern runs over the text with each non-ASCII character replaced by one
    byte, 0x80. Python's \\s, \\d and \\w take Unicode classes, so here they take
    that byte too; a non-ASCII character of the pattern becomes it; a negated class
    keeps it (Hyperscan's narrower \\s etc. already make a wider complement). `$`
    also accepts a newline, and `{,n}` is spelled `{0,n}`, which Hyperscan needs.

    Returns:
        The pattern, or None where this rewriting cannot promise a superset.
    """
    out = []
    i, in_class, negated = 0, False, False
    while i < len(regex):
        c = regex[i]
        if ord(c) > 127:
            if in_class and (regex[i - 1 : i] == "-" or regex[i + 1 : i + 2] == "-"):
                return None  # a range with a non-ASCII end
            if not negated:
                out.append(_OTHER)
            i += 1
            continue
        if c == "\\" and i + 1 < len(regex):
            nxt = regex[i + 1]
            if nxt in _WIDER and not negated:
                out.append(_WIDER[nxt][0 if in_class else 1])
            elif nxt.isalpha() and nxt not in "sdwSDWnrtfvx":
                return None  # \b, \A, \Z and the like: not rewritten
            else:
                out.append(regex[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = negated = False
            out.append(c)
        elif c == "[":
            in_class = True
            if regex.startswith("[^", i):
                negated = True
                out.append("[^")
                i += 2
                continue
            out.append(c)
        elif c == "$":
            out.append("(?:$|\\n)")
        elif c == "{" and regex.startswith("{,", i):
            out.append("{0,")
            i += 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


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


_RANKS: dict[int, int] = {}


def _rank(extractor: Any) -> int:
    """An extractor's place in eyecite's list of extractors.

    eyecite's tokenizer runs the extractors in the order of a set of them, and a set's
    order follows string hashes, which Python seeds anew in every process: where two
    regexes match the same span, which token wins ("87 T.C. at 900" as a short or a
    full cite, "N.Y. Ins. Law § 3212" under "N.Y." or "N.Y. Ins. Law") changed from run
    to run. Running them in the list's order makes every run give the same tokens.
    """
    if not _RANKS:
        from eyecite.tokenizers import EXTRACTORS

        _RANKS.update((id(e), i) for i, e in enumerate(EXTRACTORS))
    return _RANKS.get(id(extractor), len(_RANKS))


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


def _strip_ws(text: str) -> str:
    """eyecite.tokenizers._strip_ws (`re.sub(r"\\s+", "", text)`), three times faster:
    str.split splits on exactly the characters \\s matches (tests/test_speedups.py)."""
    return "".join(text.split())


def _extract_tokens(tokenizer: Any, text: str) -> Iterator[Any]:
    """eyecite's Tokenizer.extract_tokens, each reporter regex tried only where it can match."""
    places = _places(text)
    for extractor in sorted(tokenizer.get_extractors(text), key=_rank):
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


def _cache_dir() -> Path:
    base = os.environ.get("CITEGRAPH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "citegraph" / "hyperscan"


def _default_tokenizer_class() -> Any:
    from .citations import list_order_tokenizer_class

    class PrefilteredTokenizer(list_order_tokenizer_class()):  # type: ignore[misc]
        """eyecite's default tokenizer, skipping regexes Hyperscan proves cannot match."""

        def __post_init__(self) -> None:
            super().__post_init__()
            self._db: Any = None
            self._always: set[int] = set()

        def prepare(self) -> None:
            """Load the compiled database from the disk cache, or compile and cache it."""
            if self._db is None:
                self._db, self._always = _prefilter_database(self.extractors)

        def get_extractors(self, text: str) -> Any:
            extractors = super().get_extractors(text)
            self.prepare()
            hits = _prefilter_hits(self._db, self._always, self.extractors, text)
            keep = {id(self.extractors[i]) for i in hits}
            # In the list order of the tokenizer this one derives from: ties between
            # tokens of the same span are settled by this order, so it must not change.
            return [e for e in extractors if id(e) in keep]

    return PrefilteredTokenizer


def _prefilter_hits(db: Any, always: set[int], extractors: list[Any], text: str) -> set[int]:
    """Indices of the extractors that may match `text` (a superset of those that do)."""
    hits = set(always)
    if _CASE_SPECIALS.intersection(text):
        hits.update(i for i, e in enumerate(extractors) if e.flags & re.I)

    def on_match(index: int, start: int, end: int, flags: int, context: Any) -> None:
        hits.add(index)

    db.scan(_NON_ASCII_TEXT.sub("\x80", text).encode("latin-1"), match_event_handler=on_match)
    return hits


def _prefilter_path(extractors: list[Any]) -> Path:
    """Where the database for `extractors` is cached: named by the regexes, the rules
    that rewrite them and the Hyperscan version."""
    import hashlib
    import inspect

    import hyperscan

    h = hashlib.sha256(repr([(e.regex, e.flags) for e in extractors]).encode())
    for rules in (widen_for_hyperscan, _prefilter_database, _compile):
        h.update(inspect.getsource(rules).encode())
    h.update(str(getattr(hyperscan, "__version__", "")).encode())
    return _cache_dir() / f"prefilter-{h.hexdigest()[:32]}.hsdb"


def _prefilter_database(extractors: list[Any]) -> tuple[Any, set[int]]:
    """Hyperscan database of the widened regexes (cached on disk) and the always-run set."""
    import hyperscan

    cache = _prefilter_path(extractors)
    always_file = cache.with_suffix(".always")
    if cache.exists() and always_file.exists():
        try:
            db = hyperscan.loadb(cache.read_bytes(), mode=hyperscan.HS_MODE_BLOCK)
            db.scratch = hyperscan.Scratch(db)
            return db, {int(x) for x in always_file.read_text().split()}
        except Exception:  # a damaged cache is rebuilt
            pass
    expressions: list[bytes] = []
    flags: list[int] = []
    ids: list[int] = []
    always: set[int] = set()
    base = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH
    base |= hyperscan.HS_FLAG_ALLOWEMPTY
    for i, e in enumerate(extractors):
        widened = widen_for_hyperscan(e.regex)
        if (
            widened is None
            or e.flags & ~re.I
            or (e.flags & re.I and any(ord(c) > 127 for c in e.regex))
        ):
            always.add(i)  # e.g. Unicode case folding: leave to Python
            continue
        expressions.append(widened.encode("latin-1"))
        flags.append(base | (hyperscan.HS_FLAG_CASELESS if e.flags & re.I else 0))
        ids.append(i)
    db, failed = _compile(hyperscan, expressions, flags, ids)
    always |= failed
    cache.parent.mkdir(parents=True, exist_ok=True)
    # Written under temporary names and renamed: parallel builds may compile at once.
    tmp = cache.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(hyperscan.dumpb(db))
    tmp_always = always_file.with_suffix(f".tmpa{os.getpid()}")
    tmp_always.write_text(" ".join(map(str, sorted(always))))
    os.replace(tmp_always, always_file)
    os.replace(tmp, cache)
    return db, always


def hyperscan_available() -> bool:
    """Whether the hyperscan package (the `speed` extra) is installed."""
    import importlib.util

    return importlib.util.find_spec("hyperscan") is not None


def prefilter_cached() -> bool:
    """Whether the Hyperscan database for eyecite's tokenizer is compiled and on disk."""
    if not hyperscan_available():
        return False
    from eyecite.tokenizers import EXTRACTORS

    path = _prefilter_path(list(EXTRACTORS))
    return path.exists() and path.with_suffix(".always").exists()


def _compile(
    hyperscan: Any, expressions: list[bytes], flags: list[int], ids: list[int]
) -> tuple[Any, set[int]]:
    """Compile, leaving out (into the always-run set) any regex Hyperscan refuses."""
    failed: set[int] = set()
    while True:
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=expressions, ids=ids, flags=flags)
            return db, failed
        except hyperscan.error as e:
            # "Expression N ..." names the culprit by its position in the list.
            m = re.search(r"(\d+)", str(e))
            if not m or int(m.group(1)) >= len(ids):
                raise
            n = int(m.group(1))
            failed.add(ids[n])
            del expressions[n], flags[n], ids[n]


def make_tokenizer(name: str) -> Any:
    """An eyecite tokenizer by name: "default" (pyahocorasick) or "hyperscan".

    "hyperscan" is the default tokenizer with a Hyperscan prefilter: the same tokens,
    faster. Its compiled database is cached under ~/.cache/citegraph (or
    $CITEGRAPH_CACHE).

    Raises:
        ImportError: "hyperscan" without the hyperscan package (the `speed` extra).
    """
    from eyecite.tokenizers import default_tokenizer

    if name == "default":
        return default_tokenizer
    if name == "hyperscan":
        import hyperscan  # noqa: F401  (fail here, not on the first opinion)

        tokenizer = _default_tokenizer_class()()
        tokenizer.prepare()
        return tokenizer
    raise ValueError(f"unknown tokenizer {name!r}")


def active_tokenizer() -> Any:
    """The tokenizer `install(tokenizer=...)` put in place, or None for eyecite's default."""
    return _STATE["tokenizer"]


def _with_tokenizer(get_citations: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(get_citations)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if len(args) < 3 and "tokenizer" not in kwargs and _STATE["tokenizer"] is not None:
            kwargs["tokenizer"] = _STATE["tokenizer"]
        return get_citations(*args, **kwargs)

    return wrapper


# --- install ------------------------------------------------------------------------


def _cached_hash(self: Any) -> int:
    """eyecite's TokenExtractor hash (hash of its repr), computed once per extractor.

    The default tokenizer hashes each candidate extractor into a set for every
    reporter string it finds: the repr of a 300-character regex, thousands of times
    per opinion. The value is the same, so set order (which settles ties between
    tokens) is the same too.
    """
    h: int | None = self.__dict__.get("_citegraph_hash")
    if h is None:
        h = self.__dict__["_citegraph_hash"] = hash(repr(self))
    return h


def _resource_hash(self: Any) -> int:
    """eyecite's Resource hash (a SHA-256 of its citation's hash), computed once.

    resolve_citations keys its dict by Resource, whose __eq__ hashes both sides:
    thousands of JSON dumps and SHA-256 digests per opinion. A Resource is frozen and
    its citation's hash fields (groups, reporter, editions) are settled before the
    resolver runs, so the value is the same.
    """
    h: int | None = self.__dict__.get("_citegraph_hash")
    if h is None:
        from eyecite.models import Resource

        h = _ORIGINALS[(id(Resource), "__hash__")][1](self)
        object.__setattr__(self, "_citegraph_hash", h)
    return h


def _patch(target: Any, attr: str, new: Any) -> None:
    key = (id(target), attr)
    if key not in _ORIGINALS:
        _ORIGINALS[key] = (target, getattr(target, attr))
    setattr(target, attr, new)


def untested_versions() -> list[str]:
    """The dependencies the speed-ups patch that are not at a tested version.

    Returns:
        "name version" for each, e.g. ["eyecite 2.8.0"]; empty when all are tested.
    """
    untested = []
    for dist, tested in TESTED_VERSIONS.items():
        try:
            found = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found = "(not installed)"
        if found != tested:
            untested.append(f"{dist} {found}")
    return untested


def install(tokenizer: str | None = None) -> None:
    """Install the speed-ups into eyecite (idempotent; safe in every worker).

    Only on the versions in TESTED_VERSIONS: on any other, nothing is patched and a
    warning says so once per process.

    Args:
        tokenizer: None or "default" keeps eyecite's default tokenizer;
            "hyperscan" adds the Hyperscan prefilter (same tokens), its database
            compiled once and cached on disk.
    """
    untested = untested_versions()
    if untested:
        if not _STATE.get("warned"):
            _STATE["warned"] = True
            tested = ", ".join(f"{d} {v}" for d, v in TESTED_VERSIONS.items())
            warnings.warn(
                f"citegraph's eyecite speed-ups are tested on {tested}; found "
                f"{', '.join(untested)}: running plain eyecite (same citations, slower)",
                stacklevel=2,
            )
        return
    import eyecite
    import eyecite.find
    import eyecite.helpers
    import eyecite.tokenizers
    from eyecite.models import Resource, TokenExtractor
    from eyecite.tokenizers import AhocorasickTokenizer

    _patch(eyecite.helpers, "get_court_by_paren", court_by_paren)
    _patch(TokenExtractor, "__hash__", _cached_hash)
    _patch(eyecite.find, "extract_pincited_reference_citations", pincited_references)
    _patch(AhocorasickTokenizer, "extract_tokens", _extract_tokens)
    _patch(eyecite.tokenizers, "_strip_ws", _strip_ws)
    _patch(eyecite.helpers, "match_on_tokens", match_on_tokens)
    _patch(eyecite.find, "match_on_tokens", match_on_tokens)
    _patch(eyecite.helpers, "_scan_for_case_boundaries", _scan_for_case_boundaries)
    _patch(Resource, "__hash__", _resource_hash)
    with contextlib.suppress(ImportError):
        import courts_db

        _patch(courts_db, "find_court_ids_by_name", court_ids_by_name)
    if not isinstance(eyecite.helpers.re, CachedRegex):
        _patch(eyecite.helpers, "re", CachedRegex(eyecite.helpers.re))
    if not tokenizer or tokenizer == "default":
        _STATE["tokenizer"] = None
        _STATE["name"] = None
    else:
        if _STATE.get("name") != tokenizer:
            _STATE["tokenizer"] = make_tokenizer(tokenizer)
            _STATE["name"] = tokenizer
        original = _ORIGINALS.get((id(eyecite.find), "get_citations"), (None, None))[1]
        original = original or eyecite.find.get_citations
        wrapped = _with_tokenizer(original)
        _patch(eyecite.find, "get_citations", wrapped)
        _patch(eyecite, "get_citations", wrapped)


def uninstall() -> None:
    """Give eyecite back its own functions."""
    for (_, attr), (target, original) in _ORIGINALS.items():
        setattr(target, attr, original)
    _ORIGINALS.clear()
    _STATE["tokenizer"] = None
    _STATE["name"] = None
    _last_document.clear()


def installed() -> bool:
    """Whether the speed-ups are in place."""
    import eyecite.helpers

    return eyecite.helpers.get_court_by_paren is court_by_paren
