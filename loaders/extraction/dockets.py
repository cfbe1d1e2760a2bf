"""Cases cited by docket number: slip opinions cited before their reporter cite exists.

"United States v. Rivera, ___ F.3d ___, No. 09-1234, slip op. at 5 (1st Cir. 2010)",
"United States v. Limberopoulos, F.3d , (1st Cir. 1994) [No. 92-1954, slip op. at 15]",
"Rivera v. Holder, No. 09-1234 (1st Cir. June 3, 2010)". eyecite finds none of them.
Each becomes a full case citation keyed by its docket number and court ("No. 92-1954
(ca1)"), which graph.identity links to the corpus opinion of that docket. A docket number
followed by a reporter or WL cite is that cite's, not a citation of its own, and a
docket number with nothing that marks it as cited (a slip opinion, a blank reporter, a
court and year) is left alone: it may be the caption's.
"""

from __future__ import annotations

import re

from ...models import Citation
from .found import Found, Taken
from .names import circuit_court, name_before, year_and_court

_BLANK = r"(?:_{2,}|-{2,})"
_REPORTER = r"(?:U\.\s?S\.|S\.\s?Ct\.|F\.\s?(?:2d|3d|4th)|F\.\s?Supp\.(?:\s?[23]d)?|F\.\s?App'x)"
DOCKET_NUMBER = r"\d{1,2}-\d{2,5}"
DOCKET_CITE = re.compile(
    rf",\s*(?P<blank>(?:{_BLANK}\s*)?(?P<reporter>{_REPORTER})\s*{_BLANK}?\s*,\s*"
    rf"(?:{_BLANK}\s*,\s*)?)?"
    r"(?:\((?P<before>[^()]{0,40}?\d{4})\)\s*)?"
    rf"(?:(?P<open>[\[(])?\s*Nos?\.\s*(?P<docket>{DOCKET_NUMBER})"
    rf"(?:\s*(?:,|&|and)\s*{DOCKET_NUMBER})*"
    r"(?P<slip>,?\s*slip\s+op\.(?:\s+at\s+(?P<pin>\d+(?:\s*[-–]\s*\d+)?))?)?"
    r"(?:,?\s*nn?\.\s*\d+)?"
    r"(?(open)\s*[\])])?)?"
    r"(?P<note>(?<=,\s)nn?\.\s*\d+|(?<=,)nn?\.\s*\d+)?"
)
_HAS_DOCKET = re.compile(rf"Nos?\.\s*{DOCKET_NUMBER}")


def docket_key(docket: str, court: str | None) -> str:
    """The citation string of a case cited by docket number: "No. 92-1954 (ca1)"."""
    return f"No. {docket} ({court})" if court else f"No. {docket}"


def docket_citations(opinion_id: str, text: str, taken: Taken) -> list[Found]:
    """The cases `text` cites by docket number alone; their spans taken."""
    if not _HAS_DOCKET.search(text):
        return []
    items: list[Found] = []
    for m in DOCKET_CITE.finditer(text):
        start = m.start() + len(m.group(0)) - len(m.group(0)[1:].lstrip())
        if taken.overlaps(start, m.end()) or taken.overlaps(m.end(), m.end() + 4):
            continue  # a reporter or WL cite after the docket number carries it
        year, court_text, end = year_and_court(text, m.end())
        if m.group("before"):
            before = year_and_court(text, m.start("before") - 1)
            year, court_text = before[0], before[1]
        if m.group("docket"):
            if not (m.group("slip") or m.group("blank") or year):
                continue
        elif not (m.group("blank") and year):
            continue  # a blank reporter and a date make a slip cite without its docket
        name = name_before(text, start)
        if not name or " v. " not in f" {name} " and not name.lower().startswith("in re"):
            continue
        court = circuit_court(court_text)
        rec = Citation(
            opinion_id,
            "full",
            "case",
            text[start:end].rstrip(" ,"),
            start,
            end,
            name=name,
            year=year,
            court=court,
            pin=m.group("pin"),
        )
        if m.group("docket"):
            rec.cites = [docket_key(m.group("docket"), court)]
            rec.notes = "cited by docket number"
        else:
            # "United States v. Johnson, F.3d, n. 7 (3d Cir. 1994)": keyed by its name
            # (graph.joins.slip_key), as eyecite's "562 U.S. ___"
            rec.volume, rec.reporter = "___", _canonical_reporter(m.group("reporter"))
            rec.cites = [f"___ {rec.reporter} ___"]
            rec.notes = "slip"
        items.append(Found(rec=rec))
        taken.append((start, end))
    return items


def _canonical_reporter(written: str) -> str:
    """The reporter as eyecite writes it ("S.Ct." -> "S. Ct.", "F. 3d" -> "F.3d")."""
    from reporters_db import VARIATIONS_ONLY

    written = " ".join(written.split())
    return VARIATIONS_ONLY.get(written, [written])[0]
