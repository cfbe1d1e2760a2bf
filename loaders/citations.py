"""Citations in an opinion: eyecite finds them, the rules here make them right.

eyecite (get_citations, resolve_citations) finds reporter citations, Id., supra and
statutes. On its own it treats each parallel citation as a separate case and may
take a year from a neighbouring citation; this module groups parallel citations
into one occurrence, reads the year and court from the citation's own
parenthetical, and ties each short form to the occurrence it stands for.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..models import Citation, Opinion

# eyecite logs "Unknown overlap case" at warning level for ordinary text.
logging.getLogger("eyecite").setLevel(logging.ERROR)

# Between two parallel citations only a pin cite and a comma may stand:
# "436 U.S. 658, 691, 56 L. Ed. 2d 611".
_PARALLEL_GAP = re.compile(
    r"^(?:\s*,\s*(?:at\s+)?\*?\d+(?:\s*[-–—]\s*\*?\d+)?(?:\s*n\.\s*\d+)?)*\s*,\s*$"
)
_PIN_AFTER = re.compile(r"^\s*,\s*((?:at\s+)?\*?\d+(?:\s*[-–—&,]\s*\*?\d+)*(?:\s*n\.\s*\d+)?)")
_SIGNAL_WORDS = re.compile(
    r"^(?:(?:see|also|e\.g\.|cf\.|but|accord|compare|with|contra|generally|and|quoting|"
    r"citing|in)\b[,.]?\s*)+",
    re.I,
)
_SCOTUS_REPORTERS = {"U.S.", "S. Ct.", "L. Ed.", "L. Ed. 2d", "U. S."}


def _case_name(meta: Any) -> str | None:
    plaintiff = _clean_party(getattr(meta, "plaintiff", None) or "")
    defendant = _clean_party(getattr(meta, "defendant", None) or "")
    if plaintiff and defendant:
        return f"{plaintiff} v. {defendant}"
    return plaintiff or defendant or None


def _clean_party(party: str) -> str:
    party = party.replace("*", "").replace("_", "").strip()
    # a sentence that ends just before the case name: "Fourth Amendment. Gerstein"
    party = re.split(r"(?<=[a-z]{5})\.\s+(?=[A-Z])", party)[-1]
    party = _SIGNAL_WORDS.sub("", party)
    party = re.split(r",?\s+No\.\s", party)[0]
    return party.strip(" ,;:")


def _year_and_court(text: str, end: int) -> tuple[int | None, str | None, int]:
    """The "(1st Cir. 1993)" parenthetical right after a citation: year, court, its end."""
    m = re.match(r"\s*\(([^()]{0,200}?)\s*(\d{4})\)", text[end : end + 260])
    if not m:
        return None, None, end
    court = re.sub(r"\s+", " ", m.group(1)).strip() or None
    return int(m.group(2)), court, end + m.end()


def circuit_court(court_text: str | None) -> str | None:
    """courts-db id of a federal court of appeals named in a parenthetical ("1st Cir.")."""
    if not court_text:
        return None
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|d)\s*Cir\.", court_text)
    if m:
        return f"ca{int(m.group(1))}"
    if re.search(r"D\.\s*C\.\s*Cir\.", court_text):
        return "cadc"
    if re.search(r"Fed\.\s*Cir\.", court_text):
        return "cafc"
    return None


def _group_parallels(text: str, cites: list[Any]) -> list[list[int]]:
    """Indices of eyecite citations, grouped so that parallel full case cites share a group."""
    from eyecite.models import FullCaseCitation

    groups: list[list[int]] = []
    prev_end = -1
    for i, c in enumerate(cites):
        start, end = c.span()
        if (
            isinstance(c, FullCaseCitation)
            and groups
            and isinstance(cites[groups[-1][-1]], FullCaseCitation)
            and _PARALLEL_GAP.match(text[prev_end:start])
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
        prev_end = end
    return groups


def _law_kind(reporter: str, corrected: str) -> str:
    if "C.F.R." in reporter or "Fed. Reg." in reporter:
        return "regulation"
    if "Const" in corrected:
        return "constitution"
    if re.search(r"\bR\.", reporter):
        return "rule"
    return "statute"


def _law_key(c: Any) -> str:
    """One node per section: subsections ("1983(a)(1)") become pins."""
    groups = c.groups
    section = str(groups.get("section") or "")
    base = re.split(r"[(\s]", section, maxsplit=1)[0]
    title = groups.get("title") or groups.get("chapter") or ""
    reporter = groups.get("reporter") or ""
    return " ".join(p for p in (str(title), str(reporter), f"§ {base}" if base else "") if p)


def find_citations(opinion: Opinion) -> list[Citation]:
    """Find every citation in `opinion`.

    Args:
        opinion: the opinion to read.

    Returns:
        Citation records in text order; short forms carry `antecedent`, the index
        of the full citation they stand for.
    """
    from eyecite import get_citations, resolve_citations
    from eyecite.models import (
        FullCaseCitation,
        FullJournalCitation,
        FullLawCitation,
        IdCitation,
        ShortCaseCitation,
        SupraCitation,
    )

    text = opinion.text
    found: list[Any] = [
        c
        for c in get_citations(text)
        if isinstance(
            c,
            FullCaseCitation
            | FullLawCitation
            | FullJournalCitation
            | ShortCaseCitation
            | IdCitation
            | SupraCitation,
        )
    ]
    try:
        resolutions = resolve_citations(found)
    except Exception:  # eyecite's resolver must never sink an opinion
        resolutions = {}
    resource_of: dict[int, Any] = {}
    for resource, members in resolutions.items():
        for m in members:
            resource_of[id(m)] = resource

    records: list[Citation] = []
    index_of_eyecite: dict[int, int] = {}
    for group in _group_parallels(text, found):
        first = found[group[0]]
        last = found[group[-1]]
        start, _ = first.span()
        _, end = last.span()
        rec: Citation
        if isinstance(first, FullCaseCitation):
            pin = first.metadata.pin_cite
            year, court_text, paren_end = _year_and_court(text, _pin_end(text, end))
            court = (last.metadata.court or circuit_court(court_text)) if court_text else None
            if court is None and any(
                str(found[i].groups.get("reporter")) in _SCOTUS_REPORTERS for i in group
            ):
                court = "scotus"
            rec = Citation(
                opinion=opinion.id,
                form="full",
                kind="case",
                text=text[start:end],
                start=start,
                end=end,
                cites=[found[i].corrected_citation() for i in group],
                name=_case_name(first.metadata),
                year=year,
                court=court,
                volume=str(first.groups.get("volume")),
                reporter=str(first.groups.get("reporter")),
                pin=_clean_pin(pin),
            )
        elif isinstance(first, FullLawCitation):
            corrected = first.corrected_citation()
            rec = Citation(
                opinion=opinion.id,
                form="full",
                kind=_law_kind(str(first.groups.get("reporter") or ""), corrected),
                text=text[start:end],
                start=start,
                end=end,
                cites=[_law_key(first)],
                name=_law_key(first),
                pin=_law_pin(first),
            )
        elif isinstance(first, FullJournalCitation):
            rec = Citation(
                opinion=opinion.id,
                form="full",
                kind="journal",
                text=text[start:end],
                start=start,
                end=end,
                cites=[first.corrected_citation()],
                pin=_clean_pin(first.metadata.pin_cite),
            )
        else:
            form = {ShortCaseCitation: "short", IdCitation: "id", SupraCitation: "supra"}[
                type(first)
            ]
            meta = first.metadata
            rec = Citation(
                opinion=opinion.id,
                form=form,
                kind="case",
                text=text[start:end],
                start=start,
                end=end,
                short_name=_clean_party(getattr(meta, "antecedent_guess", None) or "") or None,
                volume=str(first.groups.get("volume")) if first.groups.get("volume") else None,
                reporter=str(first.groups.get("reporter"))
                if first.groups.get("reporter")
                else None,
                pin=_clean_pin(meta.pin_cite),
            )
        for i in group:
            index_of_eyecite[id(found[i])] = len(records)
        records.append(rec)

    # Tie short forms to the record of the full citation they resolve to.
    first_record_of_resource: dict[int, int] = {}
    for c in found:
        res = resource_of.get(id(c))
        if res is None:
            continue
        idx = index_of_eyecite[id(c)]
        if records[idx].form == "full":
            first_record_of_resource.setdefault(id(res), idx)
    for c in found:
        idx = index_of_eyecite[id(c)]
        rec = records[idx]
        if rec.form == "full":
            continue
        res = resource_of.get(id(c))
        if res is not None and id(res) in first_record_of_resource:
            rec.antecedent = first_record_of_resource[id(res)]
            rec.kind = records[rec.antecedent].kind

    for rec in records:
        rec.page = opinion.page_at(rec.start)
        rec.footnote = opinion.footnote_at(rec.start)
    return records


def _pin_end(text: str, end: int) -> int:
    m = _PIN_AFTER.match(text[end : end + 40])
    return end + m.end() if m else end


def _clean_pin(pin: str | None) -> str | None:
    if not pin:
        return None
    pin = re.sub(r"^[,\s]*(?:at\s+)?", "", pin).strip(" ,;)")
    return pin or None


def _law_pin(c: Any) -> str | None:
    section = str(c.groups.get("section") or "")
    m = re.search(r"(\(.*)$", section)
    return m.group(1) if m else None
