"""Case names, years and courts, read from the words around a citation.

eyecite guesses a case name from the words before a citation and a year from the
next parenthetical it sees, which may belong to another citation (eyecite #321);
these read the name from the citation's own clause, and the year and court only
from its own parenthetical.
"""

from __future__ import annotations

import re
from typing import Any

from ...vocabulary import (
    ABBREVIATION_IN_NAME,
    DOCKET_AFTER_NAME,
    GOVERNMENT,
    IN_RE,
    LEAD_WORDS,
    NAME_CONNECTORS,
    SCOTUS_REPORTERS,
    VERSUS,
)
from .sentences import word_start

_SHORT_NAME_BEFORE = re.compile(
    r"(?:^|[\s(;,\"“])((?:[A-Z][\w'’.&-]*|of|the|and|v\.)(?:\s+(?:[A-Z][\w'’.&-]*|of|the|and|&|v\.))*)"
    r",?\s*$"
)


def case_name(meta: Any) -> str | None:
    plaintiff = clean_party(getattr(meta, "plaintiff", None) or "")
    defendant = clean_party(getattr(meta, "defendant", None) or "")
    if plaintiff and defendant:
        return f"{plaintiff} v. {defendant}"
    return plaintiff or defendant or None


def clean_party(party: str) -> str:
    party = re.sub(r"\s+", " ", party.replace("*", "").replace("_", "")).strip()
    # a sentence that ends just before the case name: "Fourth Amendment. Gerstein"
    party = re.split(r"(?<=[a-z]{5})\.\s+(?=[A-Z])", party)[-1]
    party = LEAD_WORDS.sub("", party)
    party = re.split(r",?\s+No\.\s", party)[0]
    return party.strip(" ,;:")


# the patterns name_before applies to the 300 characters before every citation
_SPACES = re.compile(r"\s+")
_TRAILING_COMMA = re.compile(r",\s*$")
_ET_AL_AT_END = re.compile(r",?\s*et\s+al\.?$")
_SLIP_VOLUME = re.compile(r"(?:,\s*(?:\d+|_+)\s+[A-Z][\w. ]{0,15}?\s+_+(?:\s*,\s*_+)?)+$")
_SLIP_US = re.compile(r",\s*(?:_+|-+)?\s*U\.\s?S\.\s*(?:_+|-+)?$")


def name_before(text: str, start: int) -> str | None:
    """The case name written just before a citation ("Monell v. Dep't of Soc. Servs., ").

    Reads back from the citation to the start of its clause (a sentence end, a
    semicolon, an opening parenthesis or quotation mark, a signal), drops docket
    numbers ("No. 02 Civ. 2826,") and "et al.", and keeps the parties.
    """
    seg = text[max(0, start - 300) : start]
    seg = _SPACES.sub(" ", seg)
    m = _TRAILING_COMMA.search(seg)
    if not m:
        return None
    seg = seg[: m.start()]
    # docket numbers and dates between the name and the citation
    seg = DOCKET_AFTER_NAME.sub("", seg)
    seg = _ET_AL_AT_END.sub("", seg)
    # the unknown volume and page of a slip opinion: "Humphries, ___ U.S. ___, "
    seg = _SLIP_VOLUME.sub("", seg)
    seg = _SLIP_US.sub("", seg)
    seg = _last_clause(seg)
    if not seg or len(seg) > 220:
        return None
    parts = VERSUS.split(seg, maxsplit=1)
    if len(parts) == 2:
        plaintiff = _party_backwards(parts[0])
        defendant = parts[1].strip(" ,")
        if not plaintiff or not defendant:
            return None
        return f"{plaintiff} v. {defendant}"
    m2 = IN_RE.match(seg)
    if m2:
        return m2.group(0)
    words = seg.split()
    if words and words[0][:1].isupper() and len(words) <= 5:
        return seg
    return None


def _last_clause(seg: str) -> str:
    """What follows the last sentence end, semicolon, parenthesis or quotation mark."""
    cut = 0
    for b in re.finditer(r"[;()\[\]\"“”]|(?<=\.)\s+(?=[A-Z(])|—|:\s", seg):
        if b.group(0).strip() == "" and ends_with_abbreviation(seg, b.start()):
            continue
        cut = b.end()
    seg = seg[cut:].strip(" ,'’‘")
    return LEAD_WORDS.sub("", seg).strip()


def ends_with_abbreviation(seg: str, end: int) -> bool:
    """`ABBREVIATION_IN_NAME.search(seg[:end])` for a `seg[:end]` that ends with a period.

    Every match is one word without whitespace running to `end`, after whitespace
    or at the start: it can start only at the last whitespace before `end`. Searching
    the whole prefix at each sentence-like break made long clauses quadratic.
    """
    return ABBREVIATION_IN_NAME.match(seg, max(word_start(seg, end) - 1, 0), end) is not None


def _party_backwards(words_before_v: str) -> str:
    """The plaintiff: capitalised words (and connectors) read back from "v."."""
    words = words_before_v.split()
    keep: list[str] = []
    for w in reversed(words):
        bare = w.strip(",")
        if bare[:1].isupper() or bare[:1].isdigit() or bare.lower() in NAME_CONNECTORS:
            keep.append(w)
            continue
        if len(bare) <= 2 and keep:  # "CECOS Int l, Inc.": OCR noise inside a name
            keep.append(w)
            continue
        break
    keep.reverse()
    # connectors, and page numbers of a printout ("-17- 17 Domegan v. Ponte"), lead no name
    while keep and (
        keep[0].lower() in NAME_CONNECTORS
        or keep[0][:1].islower()
        or re.fullmatch(r"-?\d+-?", keep[0])
    ):
        keep.pop(0)
    name = " ".join(keep)
    return LEAD_WORDS.sub("", name).strip(" ,")


def short_name_before(text: str, start: int) -> str | None:
    """The name a short cite uses: "Vaca" in "Vaca, 386 U.S. at 185"."""
    seg = re.sub(r"\s+", " ", text[max(0, start - 80) : start])
    # the unknown page of a slip parallel: "Farrar, ___ U.S. at ___, 113 S. Ct. at 574"
    seg = re.sub(r",?\s*(?:\d+|_+|-+)?\s*U\.\s?S\.\s*,?\s*(?:at\s*)?(?:_+|-+)?\s*,\s*$", ", ", seg)
    if not re.search(r",\s*$", seg):
        return None
    m = _SHORT_NAME_BEFORE.search(seg)
    if not m:
        return None
    name = _last_clause(m.group(1)).strip(" ,")
    if not name or name.lower() in {"id", "id.", "see", "supra"}:
        return None
    if re.search(r"[a-z]\.$", name) and not ABBREVIATION_IN_NAME.search(" " + name):
        return None
    return name


def year_and_court(text: str, end: int) -> tuple[int | None, str | None, int]:
    """The "(1st Cir. 1993)" parenthetical right after a citation: year, court, its end.

    Only a parenthetical of court abbreviations and a date counts: "(holding that
    ... in 1997)" is an explanation, and a year is never taken from a citation
    further on (eyecite #321).
    """
    m = re.match(r"\s*\(([^()]{0,80}?)\s*(\d{4})\)", text[end : end + 140])
    if not m:
        return None, None, end
    inside = m.group(1)
    if re.search(r"\b(?!banc\b|curiam\b)[a-z]{3,}\b", inside.replace("ed.", "")):
        return None, None, end
    court = re.sub(r"\s+", " ", inside).strip(" ,") or None
    return int(m.group(2)), court, end + m.end()


def own_year(text: str, fulls: list[Any], start: int, end: int, limit: int) -> int | None:
    """eyecite's year, only where it stands in the citation's own words.

    eyecite reads "(2022)" before "_ U.S. _ [213 L.Ed.2d 179]" and "[1983]" in New
    York style, but also takes years from the next citation (#321): its year counts
    only when written between the case name and the start of the next citation.
    """
    for c in reversed(fulls):
        year = to_int(c.metadata.year)
        if year is None or not 1600 <= year <= 2100:
            continue
        window = text[max(0, start - 120) : min(limit, end + 120)]
        if re.search(rf"[(\[]{year}[)\]]|\b{year}\)|\b{year}\]", window):
            return year
    return None


def year_from_cites(cites: list[Any]) -> int | None:
    """A WL or LEXIS cite carries its year as its volume ("2017 WL 4570374")."""
    for c in cites:
        reporter = str(c.groups.get("reporter") or "")
        volume = str(c.groups.get("volume") or "")
        if ("WL" in reporter or "LEXIS" in reporter) and re.fullmatch(r"(?:1[89]|20)\d\d", volume):
            return int(volume)
    return None


def court_of(fulls: list[Any], court_text: str | None) -> str | None:
    if court_text:
        for c in fulls:
            if c.metadata.court:
                return str(c.metadata.court)
        found = circuit_court(court_text)
        if found:
            return found
    if any(str(c.groups.get("reporter")) in SCOTUS_REPORTERS for c in fulls):
        return "scotus"
    return None


def circuit_court(court_text: str | None) -> str | None:
    """courts-db id of a federal court of appeals named in a parenthetical ("1st Cir.")."""
    if not court_text:
        return None
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|d)\.?\s*Cir\.", court_text)
    if m:
        return f"ca{int(m.group(1))}"
    if re.search(r"D\.\s*C\.\s*Cir\.", court_text):
        return "cadc"
    if re.search(r"Fed\.\s*Cir\.", court_text):
        return "cafc"
    return None


def to_int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def name_words(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", name.lower()))


def first_word(name: str) -> str:
    """The first word of the name a short form uses ("monell"; "united states" skipped)."""
    parties = re.split(r"\s+v\.?\s+", name, maxsplit=1)
    first = parties[0]
    if len(parties) > 1 and first.lower().strip(" .") in GOVERNMENT:
        first = parties[1]
    first = re.sub(r"^(?:In re|Ex parte|In the Matter of)\s+", "", first.strip(), flags=re.I)
    words = first.split(",")[0].split()
    return words[0].lower().strip(",.") if words else ""
