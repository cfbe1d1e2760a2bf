"""The metadata an opinion's header states, and the Opinion built from text and header.

The header of an opinion (caption, court, docket, date, judge, the opinion's own
reporter citations) is read with rules that hold for US opinions in general; every
reader builds its Opinions with `opinion_from_text`, giving what its structured
fields already know so that the header is read only for the rest.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from datetime import date as Date
from typing import Any

from ...errors import CitegraphError
from ...models import Opinion
from ...vocabulary import DOCKET, JUDGE_TITLES, MONTH_ABBREVIATIONS, MONTHS
from ..tokenizer import list_order_tokenizer
from .caption import bluebook, caption_name, party_name, sovereign, title_case
from .decoding import reflow
from .furniture import Paged
from .pages import strip_star_pages

HEADER_CHARS = 4000


_MONTH_DATE = re.compile(
    rf"\b({MONTHS}|{MONTH_ABBREVIATIONS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)


# cells of a header line that each state one date: columns, and "Argued September 19,
# 2016 Decided October 19, 2016" run together on one line
_DATE_CELL = re.compile(
    r"\s{3,}|\t|(?<=\S)(?:\s+|\s*[\u2014\u2013]\s*)(?=(?:Decided|DECIDED|Argued|ARGUED|Submitted|"
    r"SUBMITTED|Filed|FILED|Heard|HEARD|Reargued|Released|Dated|Issued)\b)"
)


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b")


# "ANDREW L. CARTER, JR., United States District Judge:" / "SPINA, J." / "BOUDIN, Circuit Judge."
_AUTHOR_LINE = re.compile(
    rf"^\s*(?:Hon\.\s+)?([A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]*)*(?:,?\s+(?:JR|SR|II|III|IV)\.?)?)"
    rf",?\s+(?:{JUDGE_TITLES}|(?:C\.\s?J|P\.\s?J|J\.\s?S\.\s?C|J\.\s?A\.\s?D|J)\.)"
    r"\s*(?:[.:,]|\(|$|\s{2,}|\s+[A-Z][a-z])",
    re.M,
)


_JUSTICE_LINE = re.compile(
    r"^\s*(?:Mr\.|Madam|Madame|Ms\.)?\s*(?:Chief\s+)?Justice\s+([A-Z][A-Za-z'\-]+)"
    r"(?:\s+delivered|,?\s*$|[.,:])",
    re.M,
)


_SIGNATURE_TITLE = re.compile(rf"^\s*{JUDGE_TITLES}\s*$", re.I)


_NOTES_HEADING = re.compile(
    r"^\s*(?:FOOTNOTES|Footnotes|ENDNOTES|Endnotes|NOTES|Notes)\s*:?\s*$", re.M
)


_NOTE_START = re.compile(r"^\s*(?:n|\[|FN|Footnote\s*)?(\d{1,3})(?:\]|\.|\s)\s*(?=\S)")


def header_date(header: str) -> str | None:
    """The decision date stated in the header, as YYYY-MM-DD.

    Only short lines count (a date stamp, not a date inside a sentence of the body);
    a line that says Decided / Filed wins over the first date found, and a date of
    argument or submission loses to any other. An errata sheet gives the date the
    amended opinion was issued.
    """
    found: list[tuple[int, int, str]] = []
    months = [m.lower()[:3] for m in MONTHS.split("|")]
    # Slip opinions set dates in columns beside line numbers:
    # " 7   (Argued: January 14, 2010          Decided: January 28, 2010)"
    cells = [
        (cell, len(line.strip()))
        for line in header.splitlines()
        for cell in _DATE_CELL.split(_date_first(line))
    ]
    prev = ""
    stamp = -9  # the cell of a clerk's "FILED" stamp
    for n, (line, whole) in enumerate(cells):
        before, prev = prev, (line.strip() or prev)
        if re.fullmatch(r"\s*FILED\s*", line):
            stamp = n
        issued = re.search(
            r"opinion\b.{0,30}\b(?:issued|filed|entered)\s+on\s|"
            r"\bFiled:?\s+\d{1,2}/\d{1,2}/\d{2,4}",  # an ECF stamp: "Date Filed: 12/22/2020"
            line,
            re.I,
        )
        if len(line.strip()) > 60 and not issued:
            continue
        rest = _MONTH_DATE.sub("", re.sub(r"\[.*?\]", "", line))
        alone = bool(_MONTH_DATE.search(line)) and not re.search(r"[A-Za-z]", rest)
        labelled = re.search(r"decided|decision date|filed|dated|entered|issued", line, re.I)
        # a "FILED" stamp sets the court and then the date under it
        weight = 0 if labelled or (alone and n - stamp <= 6) else 2
        if weight and alone and re.search(r"[a-z,]$", before):
            continue  # "Judgment entered on / May 28, 1991." continues a sentence
        if weight and alone:
            weight = 1  # a date on a line of its own, as slip opinions print it
        elif weight and whole > 40:
            continue  # a date inside a wrapped line of prose is an event, not the decision
        if re.search(r"argued|submitted|heard", line, re.I):
            weight = 3
        for m in _MONTH_DATE.finditer(line):
            month = months.index(m.group(1).lower()[:3]) + 1
            iso = _iso(int(m.group(3)), month, int(m.group(2)))
            if iso:
                found.append((weight, n, iso))
        for m in _NUMERIC_DATE.finditer(line):
            year = int(m.group(3))
            year += 2000 if year < 50 else (1900 if year < 100 else 0)
            iso = _iso(year, int(m.group(1)), int(m.group(2)))
            if iso and weight == 0:
                found.append((weight, n, iso))
    return min(found)[2] if found else term_date(header)


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_TERM_DATE = re.compile(
    rf"\bAt\s+a\s+(?:stated\s+|special\s+|regular\s+)?[Tt]erm\b[^\n]{{0,400}}?\bon\s+the\s+"
    rf"(\d{{1,2}})\s*(?:st|nd|rd|th)?\s+day\s+of\s+({MONTHS}),?\s+"
    r"(\d{4}|two\s+thousand(?:\s+and)?(?:[\s\-]+[a-z]+){0,2})",
    re.I,
)


def term_date(header: str) -> str | None:
    """The date of a summary order's formula: "At a stated term of the United States Court
    of Appeals for the Second Circuit, ... on the 6th day of April, two thousand ten."."""
    m = _TERM_DATE.search(re.sub(r"\s+", " ", header))
    if not m:
        return None
    year = _year_in_words(m.group(3))
    months = [x.lower() for x in MONTHS.split("|")]
    return _iso(year, months.index(m.group(2).lower()) + 1, int(m.group(1))) if year else None


def _year_in_words(text: str) -> int | None:
    """ "2010" or "two thousand ten" / "two thousand and nine" / "two thousand twenty-one"."""
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s\-]+", text.lower()) if w not in ("two", "thousand", "and")]
    n = 0
    for w in words:
        if w in _TENS_WORDS:
            n += _TENS_WORDS[w]
        elif w in _NUMBER_WORDS:
            n += _NUMBER_WORDS[w]
        else:
            break  # the sentence goes on after the year
    return 2000 + n


# how far from the end of an order its "Dated: July 9, 2021" may stand (footnotes follow it)
SIGNATURE_CHARS = 6000

_SIGNED = re.compile(
    rf"\b(?:Dated|DATED|Signed|SIGNED|Entered|ENTERED|Ordered|ORDERED)\b[^\n]{{0,25}}?[:,]?\s*"
    rf"(?:(?:this\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+({MONTHS}),?\s+(\d{{4}})|"
    rf"(?=(?:{MONTHS}|{MONTH_ABBREVIATIONS})\.?\s+\d)|(?=\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))"
)


def signed_date(tail: str) -> str | None:
    """The date an order or opinion was signed, stated at its end ("Dated: July 9, 2021",
    "SO ORDERED this 9th day of July, 2021"): the decision date of a district court order
    whose header states none. The last such date counts."""
    found = None
    months = [m.lower() for m in MONTHS.split("|")]
    for m in _SIGNED.finditer(tail):
        if m.group(1):
            found = _iso(int(m.group(3)), months.index(m.group(2).lower()) + 1, int(m.group(1)))
            continue
        line = tail[m.end() : m.end() + 40].split("\n")[0]
        found = header_date("Dated " + line) or found
    return found


def _date_first(line: str) -> str:
    """A header line without its line number, a leading date set off in a column of its
    own ("February 4, 1993  UNITED STATES COURT OF APPEALS")."""
    line = re.sub(r"^\s*\d{1,2}(?:\s{2,}|\t)", "", line)
    m = _MONTH_DATE.match(line.strip())
    if m and re.match(r"\s{2}", line.strip()[m.end() :]):
        return line.strip()[: m.end()] + "   " + line.strip()[m.end() :]
    return line


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def header_dockets(header: str) -> list[str]:
    """Docket numbers stated in the header, this court's lead case first.

    District court numbers are normalised ("3-97-CV-2380" -> "3:97-cv-2380"); other
    numbers are kept as written ("93-1170", "S-17-812", "09-25 944"). A number given for
    the court below ("D.C. No.", "Appeal from ... No.", "Trial Court No.") is not this
    court's docket.
    """
    found: list[tuple[int, str]] = []
    for m in DOCKET.finditer(header):
        if not _court_below(header, m.start()):
            found.append((m.start(1), _district_docket(m.group(1))))
    for m in _SUFFIXED_DOCKET.finditer(header):
        found.append((m.start(1), m.group(1)))
    for m in _LABELLED_DOCKET.finditer(header):
        if _court_below(header, m.start()):
            continue
        for num in _DOCKET_LIST_SPLIT.split(m.group("nums")):
            num = num.strip(" .,;:])")
            if re.search(r"\d", num) and not _DATE_LIKE.fullmatch(num):
                found.append((m.start("nums") + m.group("nums").find(num), _district_docket(num)))
    out: list[str] = []
    for _, num in sorted(found):
        if num not in out and not any(num in o for o in out):
            out.append(num)
    return out


def _district_docket(raw: str) -> str:
    """A district court number in one form ("3-97-CV-2380" -> "3:97-cv-2380")."""
    parts = re.fullmatch(r"(\d{1,2})[:\-](\d{2})-?([A-Za-z]+)-?(\d+)", raw)
    return f"{parts[1]}:{parts[2]}-{parts[3].lower()}-{parts[4]}" if parts else raw


def _court_below(header: str, at: int) -> bool:
    """Whether the docket number at `at` is labelled as the court below's."""
    line_start = header.rfind("\n", 0, at) + 1
    before = header[max(line_start, at - 80) : at]
    return bool(_BELOW.search(before))


# "No. 15384", "Nos. 93-1170, 93-1171", "Docket No. S-17-812", "DOCKET NO. 09-25 944",
# "Case No. 19-cv-07043-VC", "No. 21–5726": a docket label at the start of a header line
# (after a line number or a bracket), or a named label anywhere in a line.
_DOCKET_NUMBER = r"(?:\d{2}-\d{2}\s\d{3,4}[A-Z]?\b|[A-Z]{0,4}[-\s]?\d[\w.:\-\u2010-\u2015/]*)"
_LABELLED_DOCKET = re.compile(
    r"(?:^[ \t]*(?:\d{1,2}[ \t]+)?[\[(]?[ \t]*(?:Docket|DOCKET|Case|CASE|Appeal|APPEAL)?[ \t]*"
    r"|\b(?:Docket|DOCKET|Case|CASE|Civil\s+Action|CIVIL\s+ACTION|Civ\.\s+(?:A\.\s+)?|"
    r"Index|INDEX|Cause|CAUSE|Record|RECORD|Appeal|APPEAL|Supreme\s+Court|SUPREME\s+COURT)\s+)"
    r"(?:Nos?|NOS?|Numbers?|NUMBERS?)(?:\.|\b)[ \t]*:?[ \t]*"
    rf"(?P<nums>{_DOCKET_NUMBER}(?:(?:,|,?\s+(?:and|&))\s*{_DOCKET_NUMBER})*)",
    re.M,
)
# an appellate number with its case-type suffix, first on its line ("08-4882-cr (L)",
# "09-1645-ag"; the Second Circuit's form)
_SUFFIXED_DOCKET = re.compile(r"^[ \t]*(\d{2}-\d{3,5}-[a-z]{2,3})\b", re.M)
_DOCKET_LIST_SPLIT = re.compile(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
_DATE_LIKE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")
_BELOW = re.compile(
    r"(?:\bD\.\s?C\.|\b(?:Trial\s+Court|Lower\s+Court|Agency|BIA|Tax\s+Court|District\s+Court|"
    r"Superior\s+Court|Appeal(?:ed)?\s+from|APPEAL\s+FROM|below)\b)[^\n]{0,60}$",
    re.I,
)


def header_judge(header: str, tail: str = "") -> str | None:
    """The judge who wrote the opinion: the author line that opens it, else the signature.

    "ANDREW L. CARTER, JR., United States District Judge:" -> "Andrew L. Carter, Jr.";
    "BOUDIN, Circuit Judge." -> "Boudin"; a signature block ("Janet C. Hall" over
    "United States District Judge") at the end of `tail`.
    """
    for line in header.splitlines():
        if re.match(r"\s*(?:\[|Before|Present|Hon\.|Honorable|\(|Judge\b)", line, re.I):
            continue
        m = _AUTHOR_LINE.match(line)
        if m and not re.search(
            r"\b(?:COURT|DISTRICT|STATES|OPINION|ORDER|MEMORANDUM)\b", m.group(1)
        ):
            return judge_name(m.group(1))
        m = _JUSTICE_LINE.match(line)
        if m:
            return judge_name(m.group(1))
    lines = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    for i in range(len(lines) - 1, 0, -1):
        line = lines[i]
        if _SIGNATURE_TITLE.match(line):
            name = lines[i - 1].strip(" ,")
            if re.fullmatch(
                r"(?:/s/\s*)?[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]*){1,4}(?:,?\s+(?:Jr|Sr|JR|SR|II|III)\.?)?",
                name,
            ):
                return judge_name(name.removeprefix("/s/").strip())
        m = re.match(rf"([A-Z][A-Z.'\- ]+?(?:,?\s+(?:JR|SR)\.?)?),?\s+{JUDGE_TITLES}\s*$", line)
        if m:
            return judge_name(m.group(1))
    return None


def judge_name(raw: str) -> str:
    """A judge's name as printed in an author line, in ordinary capitals."""
    raw = re.sub(r"\s+", " ", raw).strip(" ,.:")
    name = title_case(raw) if raw.upper() == raw else raw
    return re.sub(r",?\s+(JR|SR|Jr|Sr)\.?$", lambda m: f", {m.group(1).title()}.", name)


def header_notes(text: str) -> list[tuple[int, int, str]]:
    """Footnote spans of endnotes printed after the opinion ("Notes", then "1. ...").

    Returns:
        (start, end, label) for each note found after a notes heading in the last
        half of `text`; an empty list if there is none.
    """
    heads = [m for m in _NOTES_HEADING.finditer(text) if m.start() > len(text) // 2]
    if not heads:
        return []
    pos = heads[-1].end()
    spans: list[tuple[int, int, str]] = []
    expected = 1
    for m in re.finditer(r"[^\n]+", text[pos:]):
        line = m.group(0)
        start = pos + m.start()
        note = _NOTE_START.match(line)
        if note and int(note.group(1)) == expected:
            if spans:
                spans[-1] = (spans[-1][0], _rstrip_at(text, start), spans[-1][2])
            spans.append((start, start + len(line), note.group(1)))
            expected += 1
        elif spans:
            spans[-1] = (spans[-1][0], start + len(line), spans[-1][2])
    return spans


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def header_court(header: str) -> str | None:
    """The courts-db id of the court named in the header."""
    import courts_db

    header = re.split(
        r"\b(?:APPEALS? FROM|ON APPEAL|ON PETITION|PETITION FOR REVIEW|CERTIORARI TO|"
        r"ON WRIT OF)\b",
        header,
        flags=re.I,
    )[0]
    lines = [
        ln.strip()
        for ln in header.splitlines()
        if re.search(r"\b(COURT|DISTRICT|CIRCUIT|APPELLATE DIVISION)\b", ln, re.I)
        and len(ln.strip()) < 160
    ]
    # Drop right-hand columns of slip-opinion headers ("DOC #", "DATE FILED").
    lines = [re.split(r"\s{2,}|\t|ELECTRONICALLY|DOC\s*#|DATE FILED", ln)[0] for ln in lines]
    lines = [ln.rstrip(" .,;:_-") for ln in lines]
    joined = " ".join(ln for ln in lines if ln)[:400]
    if not joined:
        return None
    pairs = [f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False)]
    generic = None
    for text in [joined, *pairs, *lines]:
        for variant in _court_names(text):
            found = _plausible_courts(courts_db.find_court(variant), variant)
            if found:
                break
        if len(found) == 1:
            if found[0] != "usdistct":
                return found[0]
            generic = generic or found[0]
    return generic


def _court_names(text: str) -> Iterator[str]:
    """`text`, then the forms of it courts-db's patterns know: "IN THE SUPREME COURT OF
    NORTH CAROLINA" -> "SUPREME COURT OF NORTH CAROLINA", "COURT OF APPEALS OF THE STATE OF
    WASHINGTON" -> "... OF WASHINGTON", "SUPERIOR COURT OF NEW JERSEY APPELLATE DIVISION"
    -> "..., APPELLATE DIVISION", and without a district or division of the court
    ("Appellate Court of Illinois, First District" -> "Appellate Court of Illinois")."""
    yield text
    plain = re.sub(r"^\s*IN\s+THE\s+", "", text, flags=re.I)
    plain = re.sub(r"\bOF\s+THE\s+(?:STATE|COMMONWEALTH)\s+OF\b", "of", plain, flags=re.I)
    plain = re.sub(r"(?<=[A-Za-z])\s+(?=Appellate\s+Division\b)", ", ", plain, flags=re.I)
    if plain != text:
        yield plain
    bare = re.sub(
        r",?\s+(?:(?:\w+\s+)?(?:APPELLATE\s+)?(?:DISTRICT|DIVISION|DEPARTMENT)(?:\s+\w+)?)\s*$",
        "",
        plain,
        flags=re.I,
    )
    if bare not in (plain, text) and re.search(r"\bCOURT\b", bare, re.I):
        yield bare


def citations_court(citations: list[str]) -> str | None:
    """The court an opinion's own citations name by their reporter: the United States
    Reports and its parallel reporters publish only the Supreme Court."""
    for cite in citations:
        if re.fullmatch(r"\d+ (?:U\.S\.|S\. ?Ct\.|L\. ?Ed\.(?: 2d)?) \d+", cite):
            return "scotus"
    return None


def court_state(court: str | None) -> str | None:
    """The state whose courts `court` (a courts-db id) belongs to; None for a federal,
    tribal or unknown court."""
    return _court_states().get(court or "")


@functools.cache
def _court_states() -> dict[str, str]:
    import courts_db

    return {
        str(c["id"]): str(c["location"])
        for c in courts_db.courts
        if c.get("system") == "state" and c.get("location")
    }


def _plausible_courts(ids: list[str], text: str) -> list[str]:
    """Drop bankruptcy courts unless the text says bankruptcy, and the generic "usdistct"."""
    import courts_db

    kinds = {c["id"]: c.get("type") for c in courts_db.courts}
    bankruptcy = "bankruptcy" in text.lower()
    ids = [i for i in ids if bankruptcy or kinds.get(i) != "bankruptcy"]
    specific = [i for i in ids if i not in ("usdistct",)]
    return [str(i) for i in (specific or ids)]


def header_citations(header: str) -> list[str]:
    """The opinion's own citations: a header line that holds nothing but citations (and
    the year of the decision after them)."""
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation

    # eyecite's regexes in list order: the same tokens under every hash seed
    tokenizer = list_order_tokenizer()
    own: list[str] = []
    for line in header.splitlines():
        if not re.search(r"\d", line) or len(line) > 200:
            continue
        # a running head that names the opinion's own page: "Cite as: 596 U. S. 528 (2022)"
        line = re.sub(r"^\s*Cite\s+as:?\s*(.+?)\s*\(\d{4}\)(?:\s+\d+)?\s*$", r"\1", line)
        public = _PUBLIC_CITE.fullmatch(line.strip())
        if public:  # "2021-NCSC-57", "Citation Nr: 1431031" (Board of Veterans' Appeals)
            own.append(public.group(1) or f"Citation Nr: {public.group(2)}")
            continue
        found = get_citations(line, tokenizer=tokenizer)
        # "596 U. S. ____": a slip opinion's page not yet known is no citation
        cites = [
            c
            for c in found
            if isinstance(c, FullCaseCitation) and str(c.groups.get("page") or "").isdigit()
        ]
        if not cites:
            continue
        rest = line
        for c in cites:
            rest = rest.replace(c.matched_text(), "")
        # "258 U.S. 549 (1922)": CourtListener's header of an opinion, with its year
        if re.fullmatch(r"[\s,;]*(?:\((?:1[6-9]|20)\d{2}\))?[\s,;]*", rest):
            own.extend(c.corrected_citation() for c in cites)
    return own


# A line that is only a public-domain citation eyecite's reporters lack: a year-court-number
# cite ("2021-NCSC-57", "2019-NMCA-012") or an agency's citation number.
_PUBLIC_CITE = re.compile(
    r"((?:19|20)\d{2}-[A-Z][A-Za-z]{1,6}-\d{1,6})\.?|Citation\s+N(?:r|o)\.?:?\s*(\d{5,})"
)


def slug(text: str) -> str:
    """A readable id fragment: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def opinion_id(
    citations: list[str], court: str | None, date: str | None, name: str | None, sha1: str
) -> str:
    """A stable readable id: the opinion's own citation, else court + date + name."""
    if citations:
        return citations[0]
    parts = [p for p in (court, date, slug(name) if name else None) if p]
    return "-".join(parts) if parts else sha1[:12]


def opinion_from_text(
    text: str,
    source: str,
    *,
    prepared: bool = False,
    pages: list[tuple[int, str]] | None = None,
    footnotes: list[tuple[int, int, str]] | None = None,
    header: str | None = None,
    **known: Any,
) -> Opinion:
    """Build an Opinion from its text, reading the header for what `known` lacks.

    Args:
        text: the opinion text (decoded).
        source: the file it came from.
        prepared: the text is final (from HTML or XML): no reflow, no star paging;
            `pages` and `footnotes` already refer to it.
        pages: (offset, page) pairs, for prepared text.
        footnotes: (start, end, label) spans, for prepared text.
        header: the text to read metadata from, if not the opinion's own start.
        **known: metadata from structured fields: name, court, date, docket,
            dockets, judge, type, citations.

    Raises:
        CitegraphError: the text is empty.
    """
    if not text.strip():
        raise CitegraphError("empty opinion: the file holds no text", source)
    sha1 = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    date_header = header
    if header is None:
        header, _ = strip_star_pages(text[:HEADER_CHARS])
        # long captions (consolidated appeals) push the date past the header
        date_header, _ = strip_star_pages(text[: HEADER_CHARS * 3])
    if not prepared:
        text, pages = strip_star_pages(reflow(text))
        footnotes = header_notes(text)
    if not text.strip():  # nothing but page markers ("[*219]")
        raise CitegraphError("empty opinion: the file holds only page numbers, no text", source)
    name = known.get("name") or header_name(header)
    citations = [str(c) for c in known.get("citations") or []] or header_citations(header)
    court = known.get("court") or header_court(header) or citations_court(citations)
    date = (
        known.get("date")
        or header_date(header)
        or header_date(date_header or "")
        or signed_date(text[-SIGNATURE_CHARS:])
    )
    dockets = [str(d) for d in known.get("dockets") or []] or (
        [str(known["docket"])] if known.get("docket") else header_dockets(header)
    )
    body_end = footnotes[0][0] if footnotes and not prepared else len(text)
    if name:
        name = sovereign(str(name), court_state(court))
    judge = known.get("judge") or header_judge(
        date_header if date_header is not None and not prepared else header,
        text[:body_end][-3000:],
    )
    op = Opinion(
        id="",
        source=source,
        text=text,
        name=str(name) if name else None,
        court=str(court) if court else None,
        date=str(date) if date else None,
        docket=dockets[0] if dockets else None,
        judge=str(judge) if judge else None,
        type=str(known["type"]) if known.get("type") else None,
        citations=citations,
        pages=list(pages or []),
        footnotes=list(footnotes or []),
        sha1=sha1,
    )
    op.dockets = dockets
    op.id = opinion_id(op.citations, op.court, op.date, op.name, sha1)
    return op


def opinion_from_paged(paged: Paged, pages: list[list[str]], source: str) -> Opinion:
    """An Opinion from text assembled page by page (`furniture.assemble`), its metadata
    read from the lines of `pages` as printed: the first page, and the heads of the next
    two (a print's cover comes first, and a running head names the opinion's own
    citation: "Cite as: 596 U. S. 528 (2022)")."""
    header = "\n".join(
        line for n, page in enumerate(pages[:3]) for line in page[: 120 if n == 0 else 12]
    )
    return opinion_from_text(
        paged.text,
        source,
        prepared=True,
        pages=paged.pages,
        footnotes=paged.footnotes,
        header=header,
    )


def header_name(header: str) -> str | None:
    """Case name stated in an opinion's header: a title line, the caption, else a
    name line in capitals ("KEMP v. UNITED STATES", as the Supreme Court prints it)."""
    for ln in header.splitlines()[:3]:
        m = re.match(r"\s*(.+?\s+v\.\s+.+?)(?:,?\s+et al\.?)?(?:\s+Doc\.\s*\d+)?\s*$", ln)
        if m and len(m.group(1)) < 120:
            title = m.group(1).strip(" ,")
            if title.isupper() or _CAPITALS_NAME.fullmatch(title):
                a, b = re.split(r"\s+v\.\s+", title, maxsplit=1)
                title = f"{party_name(a)} v. {party_name(b)}"
            return bluebook(title)
    name = caption_name(header)
    if name and plausible_name(name):
        return name
    for ln in header.splitlines()[:200]:
        m = _CAPITALS_NAME.fullmatch(ln.strip())
        if m:
            return bluebook(f"{party_name(m.group(1))} v. {party_name(m.group(2))}")
    return None


def plausible_name(name: str) -> bool:
    """Whether a name read from a caption can be a case name, not prose that held a
    "v." ("After allegedly burning a cross on a black family's lawn v. was charged")."""
    return len(name) <= 160 and not re.search(r"[“”\"]|\b(?:was|were|is|are|the Court)\b", name)


# "KEMP v. UNITED STATES", "NEW YORK STATE RIFLE & PISTOL ASSN., INC., ET AL. v. BRUEN"
_CAPITALS_NAME = re.compile(r"([A-Z][A-Z0-9.,'&\- ]{1,100}?) v\. ([A-Z][A-Z0-9.,'&\- ]{1,100})")
