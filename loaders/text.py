"""Plain text opinions: decoding, and the metadata an opinion's header states.

Court opinions arrive as UTF-8, UTF-16 or Windows code pages; a "§" must come out
as "§". The header of an opinion (caption, court, docket, date, the opinion's own
reporter citations) is read with rules that hold for US opinions in general.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date
from pathlib import Path

from ..errors import CitegraphError
from ..models import Opinion
from .pages import strip_star_pages

HEADER_CHARS = 4000

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_DATE = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b")
_DOCKET = re.compile(
    r"\b(?:No\.|NO\.|Nos\.|Docket No\.|CIVIL ACTION NO\.|Civil Action No\.|Case No\.)?\s*"
    r"(\d{1,2}[:\-]\d{2}-?(?:cv|CV|cr|CR|civ|Civ)-?\d{2,6})"
)
_APPEAL_DOCKET = re.compile(r"^\s*Nos?\.\s+(\d{2}-\d{3,5})", re.M)
_ROLE = re.compile(
    r",?\s*\b(?:et al\.?|Plaintiffs?|Defendants?|Appellants?|Appellees?|Petitioners?|"
    r"Respondents?|Cross-Appellants?|Cross-Appellees?|Intervenors?|"
    r"Plaintiffs?-Appellants?|Defendants?-Appellees?|Plaintiffs?-Appellees?|"
    r"Defendants?-Appellants?)\b[.,]?",
    re.I,
)
_ENTITY_WORDS = {
    "city",
    "county",
    "state",
    "states",
    "united",
    "america",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "company",
    "corporation",
    "bank",
    "department",
    "dep't",
    "board",
    "association",
    "union",
    "town",
    "village",
    "commonwealth",
    "people",
    "authority",
    "commission",
    "school",
    "district",
    "university",
    "llc",
    "l.l.c.",
    "ltd",
    "ltd.",
    "government",
    "trust",
    "services",
    "insurance",
    "of",
    "the",
}
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "del", "v."}


def decode(data: bytes, path: str) -> str:
    """Decode opinion bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else detected.

    Raises:
        CitegraphError: the bytes are binary or in no encoding we can detect.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise CitegraphError("binary file, not an opinion (is it a PDF or image?)", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CitegraphError("cannot tell the text encoding; save it as UTF-8", path)
    return str(best)


_LINE_END = re.compile(r"[.?!:;\"”’)\]]\s*$")


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs, one space between words.

    Printouts and scraped opinions wrap lines (often with blank lines between them),
    which splits case names and sentences. A line break is kept as a paragraph
    break only where a paragraph plausibly ends: the line ends a sentence and the
    next is indented, or either is a heading in capitals; otherwise it becomes a
    space. Runs of spaces and tabs inside a line become one space.
    """
    lines = text.splitlines()
    out: list[str] = []
    para: list[str] = []
    prev_blank = False
    for raw in lines:
        line = raw.strip()
        if not line:
            prev_blank = True
            continue
        if para:
            prev = para[-1]
            indented = bool(re.match(r"[ \t]{3,}|\t", raw))
            heading = _is_heading(prev) or _is_heading(line)
            ends = bool(_LINE_END.search(prev))
            if heading or (ends and (indented or prev_blank and not _continues(line))):
                out.append(" ".join(para))
                para = []
        para.append(re.sub(r"[ \t\u00a0]+", " ", line))
        prev_blank = False
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)


def _is_heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(line) < 100


def _continues(line: str) -> bool:
    """A line that cannot start a paragraph: lower case, or a citation continuing."""
    return bool(re.match(r"[a-z(,;]|\d+\s", line))


def title_case(words: str) -> str:
    """Title-case a caption written in capitals ("CITY OF HARTFORD" -> "City of Hartford")."""
    out = []
    for i, w in enumerate(words.split()):
        upper = sum(ch.isupper() for ch in w)
        letters = sum(ch.isalpha() for ch in w)
        if letters == 0 or upper * 2 <= letters:
            out.append(w)
        elif i and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append("-".join(_cap(p) for p in w.split("-")))
    return " ".join(out)


def _cap(part: str) -> str:
    m = re.match(r"(Ma?c)([A-Z].*)$", part)  # McANDREWS -> McAndrews
    if m:
        return m.group(1) + m.group(2)[:1] + m.group(2)[1:].lower()
    return part[:1].upper() + part[1:].lower()


def party_name(party: str) -> str:
    """The name a citation uses for a party: surname of a person, else the entity."""
    party = re.split(r",\s*(?:a/k/a|also known as|d/b/a|individually)\b", party, flags=re.I)[0]
    party = _ROLE.sub("", party).strip(" ,.;:")
    party = re.sub(r"\s+", " ", party)
    if re.fullmatch(r"UNITED STATES(?: OF AMERICA)?", party, re.I):
        return "United States"
    words = party.split()
    if 1 < len(words) <= 4 and not any(w.lower().strip(",") in _ENTITY_WORDS for w in words):
        tail = [w for w in words if w.strip(".,").upper() not in {"JR", "SR", "II", "III", "IV"}]
        if tail:
            return title_case(tail[-1].strip(","))
    return title_case(party.split(",")[0])


def caption_name(header: str) -> str | None:
    """Case name from the caption: "X, Plaintiff, v. Y, Defendant." -> "X v. Y"."""
    lines = [ln.strip() for ln in header.splitlines()]
    for i, ln in enumerate(lines[:80]):
        if re.fullmatch(r"(?:v\.?|vs\.?|-?against-?)", ln, re.I):
            before = _block(lines, i, -1)
            after = _block(lines, i, 1)
            if before and after:
                return f"{party_name(before)} v. {party_name(after)}"
    return None


def _block(lines: list[str], i: int, step: int) -> str:
    """The party named next to the "v." line at i: the nearest line that is not a role."""
    j = i + step
    seen = 0
    while 0 <= j < len(lines) and seen < 8:
        line = lines[j].strip(" :,")
        j += step
        if not line:
            continue
        seen += 1
        if _ROLE.sub("", line).strip(" ,.;:"):
            return line
    return ""


def header_name(header: str) -> str | None:
    """Case name stated in an opinion's header, if any."""
    for ln in header.splitlines()[:3]:
        m = re.match(r"\s*(.+?\s+v\.\s+.+?)(?:,?\s+et al\.?)?(?:\s+Doc\.\s*\d+)?\s*$", ln)
        if m and len(m.group(1)) < 120:
            return m.group(1).strip(" ,")
    return caption_name(header)


def header_date(header: str) -> str | None:
    """The decision date stated in the header, as YYYY-MM-DD.

    Only short lines count (a date stamp, not a date inside a sentence of the body);
    a line that says Decided / Filed wins over the first date found.
    """
    found: list[tuple[int, int, str]] = []
    for n, line in enumerate(header.splitlines()):
        if len(line.strip()) > 60:
            continue
        weight = 0 if re.search(r"decided|filed|dated|entered|argued", line, re.I) else 1
        if re.search(r"argued|submitted", line, re.I):
            weight = 2
        for m in _MONTH_DATE.finditer(line):
            month = _MONTHS.split("|").index(m.group(1)) + 1
            iso = _iso(int(m.group(3)), month, int(m.group(2)))
            if iso:
                found.append((weight, n, iso))
        for m in _NUMERIC_DATE.finditer(line):
            year = int(m.group(3))
            year += 2000 if year < 50 else (1900 if year < 100 else 0)
            iso = _iso(year, int(m.group(1)), int(m.group(2)))
            if iso and weight == 0:
                found.append((weight, n, iso))
    return min(found)[2] if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def header_docket(header: str) -> str | None:
    """The docket number stated in the header ("1:16-cv-01994", "93-1170")."""
    m = _DOCKET.search(header)
    if m:
        raw = m.group(1)
        parts = re.match(r"(\d{1,2})[:\-](\d{2})-?([A-Za-z]+)-?(\d+)", raw)
        if parts:
            return f"{parts[1]}:{parts[2]}-{parts[3].lower()}-{parts[4]}"
        return raw
    m = _APPEAL_DOCKET.search(header)
    return m.group(1) if m else None


def header_court(header: str) -> str | None:
    """The courts-db id of the court named in the header."""
    import courts_db

    lines = [
        ln.strip()
        for ln in header.splitlines()
        if re.search(r"\b(COURT|DISTRICT|CIRCUIT)\b", ln, re.I) and len(ln.strip()) < 160
    ]
    # Drop right-hand columns of slip-opinion headers ("DOC #", "DATE FILED").
    lines = [re.split(r"\s{2,}|\t|ELECTRONICALLY|DOC\s*#|DATE FILED", ln)[0] for ln in lines]
    joined = " ".join(ln for ln in lines if ln)[:400]
    if not joined:
        return None
    pairs = [f"{a} {b}" for a, b in zip(lines, lines[1:], strict=False)]
    generic = None
    for text in [joined, *pairs, *lines]:
        found = _plausible_courts(courts_db.find_court(text), text)
        if len(found) == 1:
            if found[0] != "usdistct":
                return found[0]
            generic = generic or found[0]
    return generic


def _plausible_courts(ids: list[str], text: str) -> list[str]:
    """Drop bankruptcy courts unless the text says bankruptcy, and the generic "usdistct"."""
    import courts_db

    kinds = {c["id"]: c.get("type") for c in courts_db.courts}
    bankruptcy = "bankruptcy" in text.lower()
    ids = [i for i in ids if bankruptcy or kinds.get(i) != "bankruptcy"]
    specific = [i for i in ids if i not in ("usdistct",)]
    return [str(i) for i in (specific or ids)]


def header_citations(header: str) -> list[str]:
    """The opinion's own citations: a header line that holds nothing but citations."""
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation

    own: list[str] = []
    for line in header.splitlines():
        if not re.search(r"\d", line) or len(line) > 200:
            continue
        cites = [c for c in get_citations(line) if isinstance(c, FullCaseCitation)]
        if not cites:
            continue
        rest = line
        for c in cites:
            rest = rest.replace(c.matched_text(), "")
        if re.fullmatch(r"[\s,;]*", rest):
            own.extend(c.corrected_citation() for c in cites)
    return own


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


def opinion_from_text(text: str, source: str, **known: object) -> Opinion:
    """Build an Opinion from its text, reading the header for what `known` lacks.

    Args:
        text: the opinion text (decoded).
        source: the file it came from.
        **known: metadata already known from structured fields (name, court, ...).

    Raises:
        CitegraphError: the text is empty.
    """
    if not text.strip():
        raise CitegraphError("empty opinion: the file holds no text", source)
    sha1 = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    header, _ = strip_star_pages(text[:HEADER_CHARS])
    text, pages = strip_star_pages(reflow(text))
    name = known.get("name") or header_name(header)
    court = known.get("court") or header_court(header)
    date = known.get("date") or header_date(header)
    docket = known.get("docket") or header_docket(header)
    citations = list(known.get("citations") or header_citations(header))  # type: ignore[call-overload]
    op = Opinion(
        id="",
        source=source,
        text=text,
        name=str(name) if name else None,
        court=str(court) if court else None,
        date=str(date) if date else None,
        docket=str(docket) if docket else None,
        judge=str(known["judge"]) if known.get("judge") else None,
        type=str(known["type"]) if known.get("type") else None,
        citations=citations,
        pages=pages,
        sha1=sha1,
    )
    op.id = opinion_id(op.citations, op.court, op.date, op.name, sha1)
    return op


def read_text(path: Path) -> list[Opinion]:
    """Read a plain-text opinion file."""
    return [opinion_from_text(decode(path.read_bytes(), str(path)), str(path))]
