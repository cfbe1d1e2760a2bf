"""eyecite's scans over the word list, asking their questions only of tokens.

eyecite reads the words around each citation one by one: `match_on_tokens` (pin cite,
court and year after a citation; the antecedent before "supra") and the backward scan
for a case name (`_scan_for_case_boundaries`). For each word it asks several
isinstance() questions of eyecite's token classes, which derive from UserString and so
go through the ABC machinery: a third of what is left of eyecite's time. Most words are
plain strings, for which every answer is known; these copies of eyecite 2.7.8's
functions ask only of tokens, and `match_on_tokens` joins the words in C. Installed by
`patches`: eyecite calls both by their module names, with no hook.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from typing import Any

__all__ = ["match_on_tokens", "scan_for_case_boundaries"]


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


# eyecite's _is_lowercase_after_v_token and _is_lowercase_without_v_token let these
# lower-case words stand inside a case name
_SMALL = ("of", "the", "an", "and")


def scan_for_case_boundaries(document: Any, citation: Any, state: dict[str, Any]) -> Any:
    """eyecite.helpers._scan_for_case_boundaries: the backward scan from a citation for
    the case name's boundaries, asking its token questions only of tokens and keeping
    its search state in attributes until the end.

    Args:
        document: eyecite's Document (its `words`).
        citation: the case citation whose name is sought.
        state: eyecite's search state (`_initialize_search_state`), updated.

    Returns:
        `state`, as eyecite's function leaves it.
    """
    import eyecite.helpers as h

    scan = _CaseNameScan(document.words, state)
    for index in range(citation.index - 1, max(citation.index - h.BACKWARD_SEEK, -1), -1):
        if scan.read(index):
            break
    return scan.save(state)


class _CaseNameScan:
    """eyecite 2.7.8's backward scan for a case name, one word at a time.

    Each step of eyecite's loop is a method, in eyecite's order; a step returns True
    where eyecite breaks, False where it continues and None where it goes on to the
    next step. eyecite's _is_lowercase_after_v_token, _is_capitalized_abbreviation and
    _is_lowercase_without_v_token are written out in them.
    """

    def __init__(self, words: Any, state: dict[str, Any]) -> None:
        import eyecite.helpers as h
        from eyecite import models

        self.words = words
        self.re = h.re
        self.extract_text = h._extract_text
        self.is_v_token = h._is_v_token
        self.models = models
        self.offset = state["offset"]
        self.v_token = state["v_token"]
        self.start_index = state["start_index"]
        self.name = state["candidate_case_name"]
        self.year = state["pre_cite_year"]
        self.title_start = state["title_starting_index"]
        self.name_length = state["case_name_length"]
        self.plaintiff_length = state["plaintiff_length"]

    def save(self, state: dict[str, Any]) -> dict[str, Any]:
        """Write the scan's findings into eyecite's search state."""
        state["offset"] = self.offset
        state["v_token"] = self.v_token
        state["start_index"] = self.start_index
        state["candidate_case_name"] = self.name
        state["pre_cite_year"] = self.year
        state["title_starting_index"] = self.title_start
        state["case_name_length"] = self.name_length
        state["plaintiff_length"] = self.plaintiff_length
        return state

    def read(self, index: int) -> bool:
        """Take the word at `index`; True where the scan stops."""
        word = self.words[index]
        plain = type(word) is str
        text = word if plain else str(word)
        self.offset += len(word)
        if word == ",":
            return False
        self.name_length += 1
        if self.v_token is not None and text.strip() != "":
            self.plaintiff_length += 1
        if not plain and isinstance(word, self.models.CitationToken):
            self.title_start = index - 1
            return False
        decided = self._punctuation(index, text)
        if decided is None:
            decided = self._around_v(index, word, text, plain)
        if decided is None:
            decided = self._lowercase(index, word, text, plain)
        if decided is not None:
            return decided
        if index == 0:
            self._text_start()
        return False

    def _name_from(self, start: int) -> str:
        self.start_index = start
        self.name = self.extract_text(self.words, start, self.title_start)
        return self.name

    def _punctuation(self, index: int, text: str) -> bool | None:
        """A quotation's or a clause's end, a year in parentheses, an opening parenthesis."""
        if text.endswith(";") or text.endswith("”") or text.endswith('"'):
            self._name_from(index + 2)
            return True
        if text.startswith("(") and self.re.match(r"\(\d{4}\)", text):
            self.title_start = index - 1
            self.year = text[1:5]
            return False
        if text.startswith("(") and self.name_length > 3:
            start = index
            if text == "(" or text[1].isalpha() and text[1].islower():
                start = index + 2
            self._name_from(start)
            return True
        return None

    def _around_v(self, index: int, word: Any, text: str, plain: bool) -> bool | None:
        """A lower-case word after "v.", a citation, "v." itself, a new sentence after it."""
        m = self.models
        if (
            self.v_token is not None
            and not text[0].isupper()
            and bool(text.strip())
            and text not in _SMALL
        ):
            name = self._name_from(index + 2)
            self.name = self.re.sub(r"^(of|the|an|and)\s+", "", name)
            return True
        if not plain and isinstance(word, m.CitationToken | m.PlaceholderCitationToken):
            self.title_start = index - 1
            return False
        if not plain and self.is_v_token(word):
            self.v_token = word
            self._name_from(index - 2)
            return False
        if (
            self.v_token is not None
            and text[0].isupper()
            and len(text) > 4
            and text.endswith(".")
            and self.plaintiff_length > 1
        ) or (not plain and isinstance(word, m.StopWordToken)):
            self._name_from(index + 2)
            return True
        return None

    def _lowercase(self, index: int, word: Any, text: str, plain: bool) -> bool | None:
        """A lower-case word with no "v." seen: the name starts at a capital after it."""
        if (
            self.v_token is None
            and not text[0].isupper()
            and bool(text.strip())
            and text[0].isalpha()
            and text not in _SMALL
        ):
            if text in ["ex", "rel."]:
                return False
            if not plain and isinstance(word, self.models.SupraToken):
                self.title_start = index - 1
                return False
            name = self._name_from(index + 2)
            match = self.re.search(r"\b([A-Z][a-zA-Z0-9]*)\b.*", name)
            self.name = name[match.start() :] if match else None
            return True
        return None

    def _text_start(self) -> None:
        """The scan reached the document's first word: the name starts there."""
        name = self._name_from(0)
        name = self.re.sub(r"^(of|the|an|and)\b", "", name, flags=self.re.IGNORECASE)
        self.name = None if self.re.search(r"\b\d+\b$", name) else name
