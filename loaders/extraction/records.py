"""Citation records from eyecite's citations: parallels grouped, pins and names kept.

eyecite treats each parallel citation ("436 U.S. 658, 98 S. Ct. 2018") as a case of its
own; here a group of parallels is one occurrence, with the pin of each, the name,
year and court read from its own words, and the end of its parentheticals.
"""

from __future__ import annotations

import re
from typing import Any

from ...models import Citation
from ...vocabulary import BRACKETED_DATE, PIN
from .found import Found
from .laws import law_key, law_kind, law_pin, law_subkind
from .names import (
    case_name,
    clean_party,
    court_of,
    name_before,
    own_year,
    short_name_before,
    to_int,
    year_and_court,
    year_from_cites,
)
from .sentences import closing_paren

# between parallels: pins, a public-domain cite's paragraph ("2014 WI 69, ¶ 22, 355 Wis.
# 2d 668"), a bracket that opens the parallels ("505 U.S. 437, 446 [112 S. Ct. 2572]")
# (a pin may add a note: "837-39 & n. 17")
_GAP_PIN = rf"(?:{PIN}|¶¶?\s*\d+(?:\s*[-–]\s*\d+)?)(?:\s*&\s*nn?\.\s*\d+)?"
_PARALLEL_GAP = re.compile(rf"^(?:\s*,\s*{_GAP_PIN})*(?:\s*,\s*|\s*\[\s*)$")
# older and OCR'd reporters: "184 N.Y. 126, 131; 76 N.E. 1032", "250 U.S. 525, 538 40
# S.Ct. 2": full cites only, each reporter once
_LOOSE_PARALLEL_GAP = re.compile(rf"^(?:\s*,\s*{_GAP_PIN})*(?:\s+|\s*;\s*)$")
# after a semicolon only a reporter that parallels the one before: a regional reporter
# after a state's own, or one Supreme Court reporter after another ("459 F. Supp. 1020,
# 1079; 520 F.2d 676" are two cases)
_REGIONAL = re.compile(r"^(?:A\.|N\.E\.|N\.W\.|P\.|S\.E\.|S\.W\.|So\.)\s?(?:[23]d)?$")
_FEDERAL = re.compile(r"^(?:F\.|B\.R\.|Fed\.|T\.C\.|Ct\.|M\.J\.|Vet\.|WL|U\.S\.|S\.\s?Ct|L\.\s?Ed)")


# the federal reporters by the court level they report: cites of two levels are two
# decisions ("aff'd, 183 F.2d 201, 341 U.S. 494"), never parallels
_FEDERAL_LEVEL = (
    (re.compile(r"^(?:U\.\s?S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?)$"), "supreme"),
    (re.compile(r"^(?:F\.(?:\s?(?:2d|3d|4th))?|F\.\s?App'x|Fed\.\s?Appx\.?)$"), "circuit"),
    (re.compile(r"^(?:F\.\s?Supp\.(?:\s?[23]d)?|F\.R\.D\.|B\.R\.)$"), "district"),
)


def federal_level(reporter: str) -> str | None:
    """The level of the federal courts a reporter reports ("supreme" for "S. Ct.",
    "circuit" for "F.3d", "district" for "F. Supp. 2d"), None for any other."""
    for pattern, level in _FEDERAL_LEVEL:
        if pattern.match(reporter.strip()):
            return level
    return None


def _two_levels(a: str, b: str) -> bool:
    """Whether reporters `a` and `b` report federal courts of two levels."""
    la, lb = federal_level(a), federal_level(b)
    return la is not None and lb is not None and la != lb


def _parallel_reporters(a: str, b: str) -> bool:
    """Whether cites in reporters `a` and `b` may be parallels of one case."""
    if federal_level(a) == federal_level(b) == "supreme":
        return True
    regional = [r for r in (a, b) if _REGIONAL.match(r)]
    return len(regional) == 1 and not any(_FEDERAL.match(r) for r in (a, b))


_PIN_AFTER = re.compile(rf"^\s*,?\s*({PIN}(?:\s*[,&]\s*{PIN})*)(?=[\s,;.)]|$)")
# A parenthetical after a citation: at most this long (a quoted paragraph), else unclosed.
PARENTHETICAL_REACH = 3000
_PAREN_AHEAD = re.compile(r"[\s,]*\(")


def group_parallels(text: str, cites: list[Any]) -> list[list[int]]:
    """Indices of eyecite citations, grouped so that parallel cites share a group.

    A case cite joins the group before it when only pins and commas stand between
    them and it has no case name of its own ("Liberty Lobby, 477 U.S. at 255, 106
    S.Ct. 2505": the S. Ct. cite is a parallel of the short cite; "Id. 334 U.S. at
    740, 68 S.Ct. at 1255" is one short cite in two reporters). Older
    and OCR'd texts part parallels by a semicolon or a space ("Silz v. Hesterberg, 184
    N.Y. 126, 131; 76 N.E. 1032"): a full cite without a name of its own then joins a
    full group that has no cite of its reporter yet.
    """
    from eyecite.models import FullCaseCitation, ShortCaseCitation

    groups: list[list[int]] = []
    prev_end = -1
    for i, c in enumerate(cites):
        start, end = c.span()
        prev = cites[groups[-1][-1]] if groups else None
        case_like = (FullCaseCitation, ShortCaseCitation)
        gap = text[prev_end:start]
        if (
            prev is not None
            and isinstance(c, case_like)
            and isinstance(prev, case_like)
            and _PARALLEL_GAP.match(gap)
            and str(c.groups.get("reporter")) != str(prev.groups.get("reporter"))
            and not _two_levels(str(c.groups.get("reporter")), str(prev.groups.get("reporter")))
        ) or (
            prev is not None
            and isinstance(c, FullCaseCitation)
            and all(isinstance(cites[j], FullCaseCitation) for j in groups[-1])
            and _LOOSE_PARALLEL_GAP.match(gap)
            and not _two_levels(str(c.groups.get("reporter")), str(prev.groups.get("reporter")))
            and str(c.groups.get("reporter"))
            not in {str(cites[j].groups.get("reporter")) for j in groups[-1]}
            and (
                ";" not in gap
                or _parallel_reporters(
                    str(prev.groups.get("reporter")).strip(), str(c.groups.get("reporter")).strip()
                )
            )
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
        prev_end = end
    return groups


def record(opinion_id: str, text: str, group: list[Any], limit: int) -> Found:
    """One occurrence from a group of eyecite citations; `limit` is where the next starts."""
    from eyecite.models import (
        FullCaseCitation,
        FullJournalCitation,
        FullLawCitation,
        ShortCaseCitation,
    )

    first = group[0]
    span = (first.span()[0], group[-1].span()[1])
    fulls = [c for c in group if isinstance(c, FullCaseCitation)]
    shorts = [c for c in group if isinstance(c, ShortCaseCitation)]
    if fulls and not (shorts and isinstance(first, ShortCaseCitation)):
        rec = _case_record(opinion_id, text, span, fulls, shorts, limit)
    elif isinstance(first, FullLawCitation):
        key = law_key(first)
        reporter = str(first.groups.get("reporter") or "")
        kind = law_kind(reporter, key)
        rec = _full(opinion_id, text, span, kind, [key], name=key, pin=law_pin(first))
        rec.subkind = law_subkind(reporter)
    elif isinstance(first, FullJournalCitation):
        pin = clean_pin(first.metadata.pin_cite)
        year = to_int(getattr(first.metadata, "year", None))
        rec = _full(
            opinion_id, text, span, "journal", [first.corrected_citation()], pin=pin, year=year
        )
    else:
        rec = _short_record(opinion_id, text, span, first, fulls)
    return Found(rec=rec, objs=list(group))


def _full(
    opinion_id: str, text: str, span: tuple[int, int], kind: str, cites: list[str], **fields: Any
) -> Citation:
    """A full citation of `kind` over `span` of `text`."""
    start, end = span
    return Citation(
        opinion=opinion_id,
        form="full",
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        cites=cites,
        **fields,
    )


def _case_record(
    opinion_id: str,
    text: str,
    span: tuple[int, int],
    fulls: list[Any],
    shorts: list[Any],
    limit: int,
) -> Citation:
    """A full case citation (its parallels, a short cite among them): name, year, court."""
    start, end = span
    head = fulls[0]
    pin_end = _pin_end(text, end)
    cites, pin, pins = _cites_and_pins(text, fulls, shorts)
    year, court_text, _ = year_and_court(text, pin_end)
    name = name_before(text, start) or case_name(head.metadata)
    if year is None:
        year = year_from_cites(fulls) or own_year(text, fulls, start, pin_end, limit)
    rec = _full(
        opinion_id,
        text,
        span,
        "case",
        cites,
        name=name,
        short_name=name if name and not re.search(r"\sv\.?\s", name) else None,
        year=year,
        court=court_of(fulls, court_text),
        volume=str(head.groups.get("volume")),
        reporter=head.corrected_reporter(),
        pin=pin,
        pins=pins,
    )
    if not head.groups.get("page"):
        rec.notes = "slip"
    return rec


def _cites_and_pins(
    text: str, fulls: list[Any], shorts: list[Any]
) -> tuple[list[str], str | None, list[str | None]]:
    """The cites of a case citation's parallels, its pin, and the pin of each parallel."""
    head = fulls[0]
    paged = [c for c in fulls if c.groups.get("page")]
    pins = [_pin_after(text, c.span()[1]) for c in paged]
    if paged and pins and pins[0] is None and paged[0] is head:
        pins[0] = clean_pin(head.metadata.pin_cite)
    pin = next((p for p in pins if p), None)
    if shorts:  # "Saucier, 150 L. Ed. 2d 272, 121 S. Ct. at 2156"
        pin = str(shorts[-1].groups.get("page") or "") or pin
    cites = [case_cite(c) for c in paged]
    if not cites:  # slip opinion: "571 U. S. ___, ___ (2014)": the page is not yet known
        cites = [case_cite(head)]
        m = re.search(r"_+\s*,\s*(\d+)", text[head.span()[0] : head.span()[1] + 20])
        pin = pin or (m.group(1) if m else None)
        pins = [pin]
    return cites, pin, pins


def _short_record(
    opinion_id: str, text: str, span: tuple[int, int], first: Any, fulls: list[Any]
) -> Citation:
    """A short cite, Id., supra or name-only reference, with the name it uses."""
    from eyecite.models import IdCitation, ShortCaseCitation

    start, end = span
    form = "short" if isinstance(first, ShortCaseCitation) else "id"
    if not isinstance(first, ShortCaseCitation | IdCitation):
        form = "supra" if type(first).__name__ == "SupraCitation" else "reference"
    meta = first.metadata
    pin = clean_pin(meta.pin_cite)
    if isinstance(first, ShortCaseCitation):
        m = re.search(
            r"\bat\s+(\*?\d+(?:\s*[-–]\s*\d+)?(?:\s*nn?\.\s*\d+)?)", text[start : end + 15]
        )
        pin = (m.group(1) if m else None) or str(first.groups.get("page") or "") or pin
        name = short_name_before(text, start)
    else:
        guess = getattr(meta, "antecedent_guess", None) or getattr(meta, "plaintiff", None)
        name = clean_party(guess or "") or None
        # eyecite guesses the last word before "supra": "States" in "Toledo Newspaper Co.
        # v. United States, supra"; the whole name before it is the better guide
        if form == "supra":
            before = short_name_before(text, start)
            if not (before and re.search(r"\sv\.?\s", before)):
                before = name_before(text, start)  # "X Co. v. Y Research, Inc., supra"
            if before and re.search(r"\sv\.?\s", before):
                name = before
    return Citation(
        opinion=opinion_id,
        form=form,
        kind="case",
        text=text[start:end],
        start=start,
        end=end,
        cites=[case_cite(c) for c in fulls],
        short_name=name or None,
        volume=str(first.groups["volume"]) if first.groups.get("volume") else None,
        reporter=first.corrected_reporter() if first.groups.get("reporter") else None,
        pin=pin or None,
    )


def case_cite(c: Any) -> str:
    """ "436 U.S. 658": volume, eyecite's corrected reporter, page ("___" if not yet known)."""
    try:
        reporter = c.corrected_reporter()
    except Exception:  # a reporter eyecite cannot correct
        reporter = c.groups.get("reporter")
    page = c.groups.get("page")
    corrected = str(c.corrected_citation())
    if page and ", " not in corrected and "(" not in corrected:  # "2006-Ohio-2095"
        return corrected
    volume = c.groups.get("volume")
    return " ".join(str(p) for p in (volume, reporter, page or "___") if p)


# ---------------------------------------------------------------- pins and parentheticals


def _pin_end(text: str, end: int) -> int:
    m = _PIN_AFTER.match(text[end : end + 240])
    return end + m.end() if m else end


def _pin_after(text: str, end: int) -> str | None:
    m = _PIN_AFTER.match(text[end : end + 240])
    return clean_pin(m.group(1)) if m else None


def clean_pin(pin: str | None) -> str | None:
    if not pin:
        return None
    pin = re.sub(r"^[,\s]*(?:at\s+)?", "", pin).strip(" ,;)")
    return pin or None


def parentheticals_end(text: str, end: int) -> int:
    """End of the parentheticals that follow a citation: "(2d Cir. 2001) (quoting X)".

    A parenthetical left open by a typo ends with its sentence: "(citing X, 460 U.S.
    1 (1983). Next sentence" closes at the period (`closing_paren`'s slips).
    """
    pos = _pin_end(text, end)
    while True:
        bracket = BRACKETED_DATE.match(text, pos)
        if bracket:  # New York's "[1st Dept 2012]", "[2012]"
            pos = bracket.end()
            continue
        m = _PAREN_AHEAD.match(text[pos : pos + 20])
        if not m:
            return pos
        open_at = pos + m.end() - 1
        close = closing_paren(text, open_at, open_at + PARENTHETICAL_REACH)
        if close is None:
            return pos
        if text[close] != ")":
            return close
        pos = close + 1
