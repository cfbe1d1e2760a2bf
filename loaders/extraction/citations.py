"""Citations in an opinion: eyecite finds them, the rules here make them right.

eyecite (get_citations, resolve_citations) finds reporter citations, Id., supra and
some statutes. On real opinions it treats each parallel citation as a separate case,
takes a year from a neighbouring citation (eyecite #321), binds "Id." to a case cited
inside a parenthetical (#348) or to the last case after a record cite (#349), and
misses court rules, constitutions and many state codes. Here, one phase each:

- records.py groups parallel citations (reporter, WL, LEXIS) into one occurrence,
  pin kept, and names.py reads name, year and court from the citation's own words
  and parenthetical;
- laws.py finds rules, constitutions, state codes and treatises, one table row per
  citation form;
- this module finds record cites (ECF No., Tr., Decl., 56.1 statements) so an Id.
  after them refers to the record, not to a case, and runs the phases;
- shortforms.py ties each short form to the occurrence it stands for (`antecedent`).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import replace
from typing import Any

from ...models import Citation, Opinion
from ...vocabulary import HEAD_CHARS
from ..tokenizer import list_order_tokenizer
from .dockets import docket_citations
from .found import Found, Taken
from .laws import LAW_RULES, find_laws
from .notes import endnotes, mask_markers
from .records import group_parallels, parentheticals_end, record
from .scan import finditer_at_candidates
from .secondary import (
    SECONDARY_RULES,
    agency_decisions,
    dashed_neutral_cites,
    join_parts,
    state_of_subject_codes,
)
from .sections import bare_rules, bare_sections, chapter_lists, section_lists
from .shortforms import resolve_ids, resolve_short_forms

# eyecite logs "Unknown overlap case" at warning level for ordinary text.
logging.getLogger("eyecite").setLevel(logging.ERROR)

_RECORD = re.compile(
    r"(?:\b(?:ECF|Dkt\.?|Docket|Doc\.|D\.E\.|R\.)\s*(?:Nos?\.?|#)?\s*\d+"
    r"|\b(?:Pls?|Defs?|Plaintiffs?|Defendants?|Resp|Pet|Gov't|Govt)(?:\.?(?:'s|’s)|s'|s’|\.)?\s+"
    r"(?:Local\s+Rule\s+)?(?:56\.1|Tr\.|Opp\.|Opp'n|Mem\.|Reply|Br\.|Decl\.|Aff\.|Ex\.|Exs\.|"
    r"Resp\.|Mot\.|Stmt\.|Statement|SUF|SOF|Dep\.)"
    r"|\b[A-Z][a-z]+\s+(?:Decl|Aff|Dep|Tr)\.(?=\s*(?:at|¶|,|\)|\d|Ex))"
    r"|\b(?:Tr|Compl|TAC|SAC|FAC|Am\.\s+Compl|Hr'g\s+Tr|J\.A|App|Add|R\.A|S\.A)\.?\s+(?:at\s+)?[\d¶P§]"
    r"|\b(?:(?:First|Second|Third|Fourth)\s+)?(?:Amended\s+)?Complaint(?=\s*(?:\(|P|¶|at\s+\d))"
    r"|\bTranscript\b|\bMem\.\s+(?:in|of)\s+(?:Supp|Opp|Law)|\bMotion\s+to\s+Dismiss\s+\(Dkt"
    r"|\bEx\.\s*[A-Z0-9]\b)",
)
_ID = re.compile(
    r"(?<![\w.])(?:Id|id|Ibid|ibid)\.(?:,?\s+at\s+(\*?[\d¶§P]+[\w.:]*(?:\s*[-–]\s*\d+[\w.:]*)?))?"
    r"(?=[\s,;:.)\]]|$)"
)
_ID_CANDIDATE = re.compile(r"[Ii](?:d|bid)\.")  # where an _ID can start
# "liable under § 1983" names a statute in prose; it is no citation an Id. follows
_PROSE_BEFORE = re.compile(r"\b[a-z]+[,]?\s*$")
_ID_BEFORE = re.compile(r"(?<![\w.])[Ii](?:d|bid)\.,?\s*(?:at\s+)?$")


def find_citations(opinion: Opinion, *, remove_ambiguous: bool = False) -> list[Citation]:
    """Find every citation in `opinion`.

    Args:
        opinion: the opinion to read.
        remove_ambiguous: drop citations whose reporter abbreviation names several
            reporters and that no year settles (eyecite's option of that name).

    Returns:
        Citation records in text order; short forms carry `antecedent`, the index
        of the citation they stand for. An Id. after a record cite is left out: it
        refers to the record, which is not an authority.
    """
    if not opinion.text:
        return []  # eyecite raises ValueError on an empty document
    notes = opinion.footnotes or [(s, e, label) for s, e, label in endnotes(opinion.text)]
    text = mask_markers(opinion.text, notes)
    found, unknown = _eyecite_citations(text, remove_ambiguous)
    resource_of = _resources(found)
    items = _eyecite_records(opinion.id, text, found)
    taken = Taken((f.rec.start, f.rec.end) for f in items)
    laws = find_laws(opinion.id, text, taken, LAW_RULES + SECONDARY_RULES)  # spans taken
    items += [Found(rec=rec) for rec in laws]
    items += _ids(opinion.id, text, taken)  # spans taken
    items += _record_cites(opinion.id, text, taken)
    items += docket_citations(opinion.id, text, taken)  # spans taken
    items += _unplaced_sections(opinion.id, text, unknown, taken)
    items.sort(key=lambda f: (f.rec.start, f.rec.end))
    items = join_parts(items, text, taken)
    items = dashed_neutral_cites(opinion.id, items, text, taken)
    state_of_subject_codes(items)
    for f in items:
        f.tail = parentheticals_end(text, f.rec.end)
    items = [f for f in items if not _own_header_cite(text, f, opinion)]
    resolve_short_forms(items, resource_of)
    resolve_ids(items, resource_of, text)
    items = _ids_with_their_cite(items, text)
    agency_decisions(items)
    items = _with_sections(items, text, taken)
    # footnotes read from endnotes are the opinion's footnotes here
    noted = opinion if opinion.footnotes else replace(opinion, footnotes=notes)
    return _citations(noted, items)


_JUST_SPACE = re.compile(r"[\s,]*")


def _nameless(rec: Citation) -> bool:
    """A citation without a case name of its own (eyecite may read "Id. at 438-39" as one)."""
    return not rec.name or rec.name.lower().startswith("id.")


def _ids_with_their_cite(items: list[Found], text: str) -> list[Found]:
    """An "Id." that a cite of its case follows is one occurrence with it: "Id., 458
    U.S. at 801, 102 S. Ct. 3368" is the short cite, not an Id. row besides (the cite
    keeps what it stands for, or takes the Id.'s when it found none); in "Id. at 438-39,
    117 S. Ct. 891" and "Id. at 52, 92 S.Ct. at 2363" the parallel is the Id.'s, not a
    row of its own."""
    kept: list[Found] = []
    skip: Found | None = None
    for i, f in enumerate(items):
        if f is skip:
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        if nxt is None or not _cite_of_the_id(f, nxt, text):
            kept.append(f)
        elif f.rec.pin:  # the cite is the Id.'s parallel
            f.rec.cites = list(nxt.rec.cites)
            f.rec.end = nxt.rec.end
            f.rec.text = text[f.rec.start : nxt.rec.end]
            f.tail = max(f.tail, nxt.tail)
            _retarget(items, nxt, f)
            skip = nxt
            kept.append(f)
        else:  # the Id. is the cite's
            if nxt.target is None and nxt.rec.form == "short":
                nxt.target = f.target
            _retarget(items, f, nxt)
    return kept


def _cite_of_the_id(f: Found, nxt: Found, text: str) -> bool:
    """Whether `nxt` is the case cite an "Id." `f` gives with it (only spaces and commas
    between, no case name of its own)."""
    r = nxt.rec
    if (
        f.rec.form != "id"
        or r.kind != "case"
        or not _JUST_SPACE.fullmatch(text, f.rec.end, r.start)
    ):
        return False
    if f.rec.pin:
        return _nameless(r) and (
            (r.form == "short" and not r.short_name) or (r.form == "full" and bool(r.cites))
        )
    return r.form == "short" or (r.form == "full" and _nameless(r))


def _retarget(items: list[Found], old: Found, new: Found) -> None:
    """Short forms that stood for `old` stand for `new`."""
    for other in items:
        if other.target is old:
            other.target = new


def _with_sections(items: list[Found], text: str, taken: Taken) -> list[Found]:
    """`items` with the sections listed after a full citation of a code and the bare
    sections that stand for one (loaders.extraction.sections); an unplaced "§ 922(g)"
    that now stands for a code is no longer unplaced."""
    extra = section_lists(items, text, taken)
    extra += chapter_lists(items, text, taken)
    extra += bare_sections(items + extra, text, taken)
    extra += bare_rules(items, text, taken)
    if not extra:
        return items
    spans = Taken((f.rec.start, f.rec.end) for f in extra)
    kept = [
        f
        for f in items
        if not (f.record and f.rec.kind == "unknown" and spans.overlaps(f.rec.start, f.rec.end))
    ]
    return sorted(kept + extra, key=lambda f: (f.rec.start, f.rec.end))


def _eyecite_citations(text: str, remove_ambiguous: bool) -> tuple[list[Any], list[Any]]:
    """eyecite's citations of the kinds used here, and its unknown ones ("§ 2")."""
    from eyecite import get_citations
    from eyecite.models import (
        FullCaseCitation,
        FullJournalCitation,
        FullLawCitation,
        IdCitation,
        ReferenceCitation,
        ShortCaseCitation,
        SupraCitation,
    )

    kinds = (
        FullCaseCitation,
        FullLawCitation,
        FullJournalCitation,
        ShortCaseCitation,
        IdCitation,
        SupraCitation,
        ReferenceCitation,
    )
    # a citation broken over lines ("131 S. Ct.\n\n2541") is one citation; offsets kept
    flat = re.sub(r"[\r\n\t\f\v]", " ", text)
    every = get_citations(flat, remove_ambiguous=remove_ambiguous, tokenizer=tokenizer())
    found = [c for c in every if isinstance(c, kinds)]
    unknown = [c for c in every if type(c).__name__ == "UnknownCitation"]
    return found, unknown


def _resources(found: list[Any]) -> dict[int, Any]:
    """eyecite's resolution: the resource (case) of each citation, by the citation's id."""
    from eyecite import resolve_citations

    try:
        resolutions = resolve_citations(found, resolve_full_citation=_resource_class())
    except Exception:  # eyecite's resolver must never sink an opinion
        resolutions = {}
    resource_of: dict[int, Any] = {}
    for resource, members in resolutions.items():
        for m in members:
            resource_of[id(m)] = resource
    return resource_of


@functools.lru_cache(maxsize=1)
def _resource_class() -> Any:
    """eyecite's Resource with its hash computed once, given to resolve_citations.

    resolve_citations keys its dict by Resource, whose __eq__ hashes both sides: a JSON
    dump and a SHA-256 digest on every lookup, thousands per opinion. A Resource is
    frozen and its citation's hash fields are settled before the resolver runs, so the
    value is the same; the class keeps eyecite's name, which goes into the hash. A
    class made on first use: eyecite is imported when the first opinion is read.
    """
    from eyecite.models import Resource as EyeciteResource

    class Resource(EyeciteResource):  # type: ignore[misc]
        """eyecite's Resource, hashed once."""

        def __hash__(self) -> int:
            h: int | None = self.__dict__.get("_hash")
            if h is None:
                h = super().__hash__()
                object.__setattr__(self, "_hash", h)
            return h

    return Resource


def _eyecite_records(opinion_id: str, text: str, found: list[Any]) -> list[Found]:
    """One record per group of parallel eyecite citations."""
    items: list[Found] = []
    groups = group_parallels(text, found)
    for n, group in enumerate(groups):
        limit = found[groups[n + 1][0]].span()[0] if n + 1 < len(groups) else len(text)
        items.append(record(opinion_id, text, [found[i] for i in group], limit))
    return items


def _ids(opinion_id: str, text: str, taken: Taken) -> list[Found]:
    """The Id. citations eyecite misses (an Id. right after another); their spans taken."""
    items: list[Found] = []
    for hit in finditer_at_candidates(_ID_CANDIDATE, _ID, text):
        if not taken.overlaps(hit.start(), hit.end()):
            rec = Citation(
                opinion_id, "id", "case", hit.group(0), hit.start(), hit.end(), pin=hit.group(1)
            )
            items.append(Found(rec=rec))
            taken.append((hit.start(), hit.end()))
    return items


def _record_cites(opinion_id: str, text: str, taken: Taken) -> list[Found]:
    """Cites of the record (ECF No. 12, Tr. 5): they anchor an Id., and are no authority.

    They do not take their spans: an unknown citation inside one still counts.
    """
    items: list[Found] = []
    for hit in _RECORD.finditer(text):
        if not taken.overlaps(hit.start(), hit.end()):
            rec = Citation(
                opinion_id, "full", "record", hit.group(0), hit.start(), hit.end(), source="record"
            )
            items.append(Found(rec=rec, record=True))
    return items


def _unplaced_sections(opinion_id: str, text: str, unknown: list[Any], taken: Taken) -> list[Found]:
    """eyecite's unknown citations ("Blah § 2.", no code): an Id. after one cannot be placed."""
    items: list[Found] = []
    for c in unknown:
        start, end = c.span()
        before = text[max(0, start - 30) : start]
        if _PROSE_BEFORE.search(before) or _ID_BEFORE.search(before):
            continue  # "under § 2" names; "id., § 23003" is the Id.'s section (sections.py)
        if not taken.overlaps(start, end):
            rec = Citation(opinion_id, "full", "unknown", c.matched_text(), start, end)
            items.append(Found(rec=rec, record=True))
    return items


def _citations(opinion: Opinion, items: list[Found]) -> list[Citation]:
    """The records kept, each short form pointing at the index of what it stands for.

    Record cites, and short forms of them, are left out.
    """
    out = [f for f in items if not f.record]
    out = [f for f in out if not (f.target is not None and f.target.record)]
    index = {id(f): i for i, f in enumerate(out)}
    records: list[Citation] = []
    for f in out:
        rec = f.rec
        target = f.target
        while target is not None and target.target is not None and target.rec.form != "full":
            target = target.target
        if target is not None and id(target) in index:
            rec.antecedent = index[id(target)]
            rec.kind, rec.subkind = target.rec.kind, target.rec.subkind
        rec.page = opinion.page_at(rec.start)
        rec.footnote = opinion.footnote_at(rec.start)
        records.append(rec)
    return records


def tokenizer() -> Any:
    """The eyecite tokenizer `find_citations` runs: its regexes in eyecite's list order.

    The speed-ups' tokenizer where they installed one (Hyperscan), else eyecite's
    default tokenizer in list order, built once per process.
    """
    from . import speedups

    return speedups.active_tokenizer() or list_order_tokenizer()


def _own_header_cite(text: str, f: Found, opinion: Opinion) -> bool:
    """A citation of the opinion itself, in its header: its identity, not a citation.

    A header line that holds nothing but citations ("158 F. Supp. 2d 214, 2001 U.S.
    Dist. LEXIS 14297"; a table's "21 F.3d 420") names the opinion at hand.
    """
    rec = f.rec
    # a header stands on its own line before a body: a text of one paragraph has none
    # (an unpublished opinion of a page has one: "16 F.3d 401\n\nNOTICE: ...")
    if rec.form != "full" or rec.kind != "case" or "\n" not in text[rec.end :]:
        return False
    if rec.start > min(HEAD_CHARS, len(text) // 5):
        return False
    named = rec.name is not None and re.search(r"\sv\.?\s", rec.name)
    if set(rec.cites) & set(own_citations(opinion)) and rec.start < HEAD_CHARS and not named:
        return True
    if rec.start < 200 and not named and "," not in text[: rec.start]:
        return True  # the first words of the text: "23 F.3d 395 NOTICE: ..."
    line_start = text.rfind("\n", 0, rec.start) + 1
    line_end = text.find("\n", rec.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    rest = line.replace(rec.text, " ")
    return re.fullmatch(r"[\s,;]*(?:\(Table\))?[\s,;]*", rest) is not None


def own_citations(opinion: Opinion) -> list[str]:
    """The opinion's own citations that can be trusted as its identity.

    Given by structured metadata they stand nowhere in the text and are kept. Read
    from the text they must stand in its header on a line of nothing but citations
    ("158 F. Supp. 2d 214, 2001 U.S. Dist. LEXIS 14297"): a header read from a printout
    can also yield the first citations of the body ("..., cert. denied, 488 U.S. 848").
    A citation near the top that no case name precedes counts too (a reflowed header
    joins its lines). An opinion has one citation per reporter; a reporter named twice
    means the list holds body citations, and its citations are not kept.
    """
    head = opinion.text[:HEAD_CHARS]
    patterns = [_loose(x) for x in opinion.citations]
    series: dict[str, int] = {}
    for cite in opinion.citations:
        series[_series(cite)] = series.get(_series(cite), 0) + 1
    polluted = any(n > 1 for n in series.values())
    kept = []
    for c in opinion.citations:
        m = _loose(c).search(opinion.text)
        if m is None:
            kept.append(c)  # structured metadata
        elif _citation_line(head, patterns, c):
            kept.append(c)
        elif not polluted and m.start() < 1500:
            before = opinion.text[max(0, m.start() - 160) : m.start()]
            history = r"(?:cert\.|denied|aff'd|rev'd|modified|vacated|overruled)[^;]{0,20},\s*$"
            if not re.search(r"\sv\.?\s[^;()]{1,150}?,\s*$|" + history, before):
                kept.append(c)  # in the header, and no case name before it
    return [c for c in kept if series[_series(c)] == 1 or _citation_line(head, patterns, c)]


def _loose(cite: str) -> re.Pattern[str]:
    """A citation as it may be written: "158 F. Supp. 2d 214" as "158 F.Supp.2d 214"."""
    parts = cite.split()
    if len(parts) < 3:
        return re.compile(re.escape(cite))
    reporter = r"\s*".join(re.escape(ch) for ch in "".join(parts[1:-1]))
    return re.compile(rf"\b{re.escape(parts[0])}\s+{reporter}\s+{re.escape(parts[-1])}\b")


def _citation_line(head: str, patterns: list[re.Pattern[str]], cite: str) -> bool:
    """Whether `cite` stands in `head` on a line that holds nothing but citations."""
    m = _loose(cite).search(head)
    if not m:
        return False
    line_start = head.rfind("\n", 0, m.start()) + 1
    line_end = head.find("\n", m.end())
    rest = head[line_start : line_end if line_end >= 0 else len(head)]
    for p in patterns:
        rest = p.sub(" ", rest)
    # nothing but citations: no pin, no parenthetical, no words
    return re.fullmatch(r"[\s,;]*(?:\(Table\))?[\s,;]*", rest) is not None


def _series(cite: str) -> str:
    """The reporter of a citation: "F.3d" of "1 F.3d 46"."""
    parts = cite.split()
    return " ".join(parts[1:-1]) if len(parts) > 2 else cite
