"""The names an opinion calls the cases it cites by ("Parratt", "Kahriger", "Union Gas"),
to find a case named without a citation in a sentence that treats it (extraction.treatment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...models import Citation, Opinion
from ...vocabulary import GENERIC_PARTY_WORDS, NAME_STOP_WORDS, VERSUS

__all__ = ["handles", "own_words", "nearest", "dedupe", "STATES"]


_CAP_WORD = re.compile(r"[A-Z][A-Za-z'’-]{2,}")
_NOT_HANDLES = frozenset(
    {"the", "in", "re", "ex", "parte", "matter", "estate", "united", "states", "state",
     "people", "commonwealth", "city", "county", "board", "town", "village", "department",
     "commissioner", "director", "secretary", "national", "american", "federal", "first",
     "new", "north", "south", "east", "west", "court", "this", "that", "mr", "co", "inc",
     "justice", "judge", "chief", "see", "also", "but", "and", "compare", "accord"}
)  # fmt: skip


def handles(opinion: Opinion, citations: list[Citation]) -> list[tuple[str, int]]:
    """(word, index of a full case citation) for the names a text calls cases by: the
    distinctive words of the first party ("Parratt", "Seagram" of Joseph E. Seagram &
    Sons), or of the second where the first is a government or a State ("Lynah" for
    United States v. Lynah, "Sanders" for Arkansas v. Sanders). A word two cited cases
    share names neither."""
    own = {w.lower() for w in _CAP_WORD.findall(opinion.name or "")}
    out: list[tuple[str, int]] = []
    for i, c in enumerate(citations):
        if c.form != "full" or c.kind != "case" or not c.name or not c.cites:
            continue
        name = _LEAD_WORDS.sub("", c.name)
        if (
            re.search(r"\d|\.\s+(?:See|Cf|But|Accord|Compare|And|The|In)\b", name)
            or len(VERSUS.findall(name)) > 1
            or len(name.split()) > 14
        ):
            continue  # a name that ran into the text before it
        for party in VERSUS.split(name)[:2]:
            if party.strip().lower() in STATES:
                continue
            words = [
                w
                for w in _CAP_WORD.findall(party)
                if w.lower() not in _NOT_HANDLES
                and w.lower() not in GENERIC_PARTY_WORDS
                and w.lower() not in NAME_STOP_WORDS
                and w.lower() not in own
            ]
            if words and len(party.split()) <= 7 and not re.search(r"\sand\s", party):
                out.extend((w, i) for w in words[:4])
            if words:
                break
    return [(w, i) for w, i in out if _one_case(w, out, citations)]


# words a name extraction may carry in front of a case name ("Thus, in Metro ...")
_LEAD_WORDS = re.compile(
    r"^(?:(?:thus|since|in|see|also|and|under|but|cf\.?|compare|accord|after|while|when|as)"
    r"[\s,]+)+",
    re.I,
)


def _one_case(word: str, handles: list[tuple[str, int]], citations: list[Citation]) -> bool:
    """Whether every citation a word names is one case: each shares a cite or a name with
    another ("13 Wall. 29" and "80 U.S. 29" of Low v. Austin are one case by name)."""
    owners = [citations[i] for w, i in handles if w == word]
    groups: list[tuple[set[str], set[str]]] = []
    for c in owners:
        cites, names = set(c.cites), {_LEAD_WORDS.sub("", c.name or "").lower()}
        joined = [g for g in groups if g[0] & cites or g[1] & names]
        for g in joined:
            cites |= g[0]
            names |= g[1]
            groups.remove(g)
        groups.append((cites, names))
    return len(groups) == 1


STATES = frozenset(
    {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
        "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
        "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
        "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio",
        "oklahoma", "oregon", "pennsylvania", "tennessee", "texas", "utah", "vermont",
        "virginia", "washington", "wisconsin", "wyoming", "new hampshire", "new jersey",
        "new mexico", "new york", "north carolina", "north dakota", "rhode island",
        "south carolina", "south dakota", "west virginia", "puerto rico", "district of columbia",
    }
)  # fmt: skip
_CASE_NOUNS = frozenset({"case", "cases", "decision", "decisions", "doctrine", "rule", "opinion"})
_NAME_RUN_WORD = re.compile(r"[A-Z][\w'’.-]*|&|of|the|de|v\.?")


def own_words(text: str, start: int, end: int, name: str) -> bool:
    """Whether the capitalized words next to a name all belong to the case's name: not
    "Bank" of "Bank Merger Act", nor "Edison" of "Southern California Edison"."""
    own = {w.lower().strip(".,") for w in re.findall(r"[\w'’.&-]+", name)}
    before = re.findall(r"[\w'’&-]+|[^\w\s]", text[max(0, start - 60) : start])
    after = re.findall(r"[\w'’&-]+|[^\w\s]", text[end : end + 60])
    for words in (reversed(before), after):
        for w in words:
            if not _NAME_RUN_WORD.fullmatch(w) or w in {"of", "the", "de"}:
                break
            if re.fullmatch(r"[IVX]+|Ill|[A-Z]", w):
                break  # a heading's number ("III", OCR's "Ill") or letter
            if w.lower().strip(".,") not in own and w.lower() not in _CASE_NOUNS:
                return False
    return True


def dedupe(handles: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for word, i in handles:
        seen.setdefault(word, i)
    return list(seen.items())


def nearest(
    handles: list[tuple[str, int]], word: str, at: int, citations: list[Citation]
) -> int | None:
    """The full citation a name stands for: the last one before it, else the first after."""
    owners = [i for w, i in handles if w == word]
    before = [i for i in owners if citations[i].start < at]
    if before:
        return max(before, key=lambda i: citations[i].start)
    return min(owners, key=lambda i: citations[i].start) if owners else None
