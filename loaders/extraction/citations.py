"""Citations in an opinion: eyecite finds them, the rules here make them right.

eyecite (get_citations, resolve_citations) finds reporter citations, Id., supra and
some statutes. On real opinions it treats each parallel citation as a separate case,
takes a year from a neighbouring citation (eyecite #321), binds "Id." to a case cited
inside a parenthetical (#348) or to the last case after a record cite (#349), and
misses court rules, constitutions and many state codes. This module:

- groups parallel citations (reporter, WL, LEXIS) into one occurrence, pin kept;
- reads name, year and court from the citation's own words and parenthetical;
- finds rules, constitutions, state codes and treatises with patterns of its own;
- finds record cites (ECF No., Tr., Decl., 56.1 statements) so an Id. after them
  refers to the record, not to a case;
- ties each short form to the occurrence it stands for (`antecedent`).
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...models import Citation, Opinion
from ...vocabulary import (
    ABBREVIATION_IN_NAME,
    DOCKET_AFTER_NAME,
    GOVERNMENT,
    HEAD_CHARS,
    IN_RE,
    LEAD_WORDS,
    NAME_CONNECTORS,
    PIN,
    SCOTUS_REPORTERS,
    VERSUS,
)
from .laws import find_laws
from .notes import endnotes, mask_markers
from .scan import finditer_at_candidates
from .sentences import closing_paren, word_start

# eyecite logs "Unknown overlap case" at warning level for ordinary text.
logging.getLogger("eyecite").setLevel(logging.ERROR)

_PARALLEL_GAP = re.compile(rf"^(?:\s*,\s*{PIN})*\s*,\s*$")
_PIN_AFTER = re.compile(rf"^\s*,?\s*({PIN}(?:\s*[,&]\s*{PIN})*)(?=[\s,;.)]|$)")
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
_SHORT_NAME_BEFORE = re.compile(
    r"(?:^|[\s(;,\"“])((?:[A-Z][\w'’.&-]*|of|the|and|v\.)(?:\s+(?:[A-Z][\w'’.&-]*|of|the|and|&|v\.))*)"
    r",?\s*$"
)


# A parenthetical after a citation: at most this long (a quoted paragraph), else unclosed.
PARENTHETICAL_REACH = 3000
_PAREN_AHEAD = re.compile(r"[\s,]*\(")


@dataclass
class _Found:
    """A citation record in the making, with what is needed to resolve it."""

    rec: Citation
    objs: list[Any] = field(default_factory=list)  # eyecite citations it came from
    tail: int = 0  # end of its parentheticals
    target: _Found | None = None  # what a short form stands for
    record: bool = False  # a record cite (ECF No. ...), anchors Id. only


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
    from eyecite import get_citations, resolve_citations
    from eyecite.models import (
        FullCaseCitation,
        FullJournalCitation,
        FullLawCitation,
        IdCitation,
        ReferenceCitation,
        ShortCaseCitation,
        SupraCitation,
    )

    notes = opinion.footnotes or [(s, e, label) for s, e, label in endnotes(opinion.text)]
    text = mask_markers(opinion.text, notes)
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
    found: list[Any] = [c for c in every if isinstance(c, kinds)]
    unknown = [c for c in every if type(c).__name__ == "UnknownCitation"]
    try:
        resolutions = resolve_citations(found)
    except Exception:  # eyecite's resolver must never sink an opinion
        resolutions = {}
    resource_of: dict[int, Any] = {}
    for resource, members in resolutions.items():
        for m in members:
            resource_of[id(m)] = resource

    items: list[_Found] = []
    groups = _group_parallels(text, found)
    for n, group in enumerate(groups):
        limit = found[groups[n + 1][0]].span()[0] if n + 1 < len(groups) else len(text)
        items.append(_record(opinion.id, text, [found[i] for i in group], limit))
    taken = _Taken((f.rec.start, f.rec.end) for f in items)
    for rec in find_laws(opinion.id, text, taken):  # which adds their spans to `taken`
        items.append(_Found(rec=rec))
    # eyecite misses an Id. right after another
    for hit in finditer_at_candidates(_ID_CANDIDATE, _ID, text):
        if not taken.overlaps(hit.start(), hit.end()):
            rec = Citation(
                opinion.id, "id", "case", hit.group(0), hit.start(), hit.end(), pin=hit.group(1)
            )
            items.append(_Found(rec=rec))
            taken.append((hit.start(), hit.end()))
    # record cites do not take their spans: an unknown citation inside one still counts
    for hit in _RECORD.finditer(text):
        if not taken.overlaps(hit.start(), hit.end()):
            rec = Citation(
                opinion.id, "full", "record", hit.group(0), hit.start(), hit.end(), source="record"
            )
            items.append(_Found(rec=rec, record=True))
    for c in unknown:  # "Blah § 2." with no code: an Id. after it cannot be placed
        start, end = c.span()
        # "liable under § 1983" names a statute in prose; it is no citation an Id. follows
        prose = re.search(r"\b[a-z]+[,]?\s*$", text[max(0, start - 30) : start])
        if not prose and not taken.overlaps(start, end):
            rec = Citation(opinion.id, "full", "unknown", c.matched_text(), start, end)
            items.append(_Found(rec=rec, record=True))
    items.sort(key=lambda f: (f.rec.start, f.rec.end))
    for f in items:
        f.tail = _parentheticals_end(text, f.rec.end)

    items = [f for f in items if not _own_header_cite(text, f, opinion)]
    _resolve_short_forms(items, resource_of)
    _resolve_ids(items, resource_of)

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
            rec.kind = target.rec.kind
        rec.page = opinion.page_at(rec.start)
        rec.footnote = _footnote(notes, rec.start)
        records.append(rec)
    return records


def tokenizer() -> Any:
    """The eyecite tokenizer `find_citations` runs: its regexes in eyecite's list order.

    The speed-ups' tokenizer where they installed one (Hyperscan), else eyecite's
    default tokenizer in list order, built once per process.
    """
    from . import speedups

    return speedups.active_tokenizer() or _list_order_tokenizer()


@functools.lru_cache(maxsize=1)
def _list_order_tokenizer() -> Any:
    return list_order_tokenizer_class()()


@functools.lru_cache(maxsize=1)
def list_order_tokenizer_class() -> Any:
    """eyecite's default tokenizer class, its regexes run in the order of their list.

    eyecite's AhocorasickTokenizer hands its regexes out as a set, whose order follows
    string hashes, which Python seeds anew in every process. Where two regexes match the
    same span, the first run wins: "87 T.C. at 900" came out a short cite or a full cite
    whose reporter is "T.C. at", "N.Y. Ins. Law § 3212" a citation of "N.Y." or of "N.Y.
    Ins. Law", from one run to the next (PYTHONHASHSEED). In the list's order every
    process gives the same tokens. A class made on first use: eyecite's tokenizer module
    takes seconds to import.
    """
    from eyecite.tokenizers import AhocorasickTokenizer

    class ListOrderTokenizer(AhocorasickTokenizer):  # type: ignore[misc]
        """eyecite's default tokenizer, its regexes run in the order of its list."""

        def __post_init__(self) -> None:
            super().__post_init__()
            self._rank = {id(e): i for i, e in enumerate(self.extractors)}

        def get_extractors(self, text: str) -> Any:
            last = len(self._rank)
            return sorted(super().get_extractors(text), key=lambda e: self._rank.get(id(e), last))

    return ListOrderTokenizer


def _own_header_cite(text: str, f: _Found, opinion: Opinion) -> bool:
    """A citation of the opinion itself, in its header: its identity, not a citation.

    A header line that holds nothing but citations ("158 F. Supp. 2d 214, 2001 U.S.
    Dist. LEXIS 14297"; a table's "21 F.3d 420") names the opinion at hand.
    """
    rec = f.rec
    # a header stands before a body: a text of a few lines has none
    if rec.form != "full" or rec.kind != "case" or len(text) < 2000:
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


class _Taken:
    """The spans of text citations already hold; overlap tests in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self._widest = 0
        for start, end in spans:
            self.append((start, end))

    def append(self, span: tuple[int, int]) -> None:
        k = bisect.bisect_right(self._starts, span[0])
        self._starts.insert(k, span[0])
        self._spans.insert(k, span)
        self._widest = max(self._widest, span[1] - span[0])

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span taken."""
        # a span that does begins before `end`, and no further before `start` than
        # the widest span is long
        lo = bisect.bisect_right(self._starts, start - self._widest)
        hi = bisect.bisect_left(self._starts, end)
        return any(start < e for _, e in self._spans[lo:hi])


def _footnote(notes: list[tuple[int, int, str]], offset: int) -> str | None:
    for start, end, label in notes:
        if start <= offset < end:
            return label
    return None


# ---------------------------------------------------------------- grouping


def _group_parallels(text: str, cites: list[Any]) -> list[list[int]]:
    """Indices of eyecite citations, grouped so that parallel cites share a group.

    A full case cite joins the group before it when only pins and commas stand
    between them and it has no case name of its own ("Liberty Lobby, 477 U.S. at
    255, 106 S.Ct. 2505": the S. Ct. cite is a parallel of the short cite).
    """
    from eyecite.models import FullCaseCitation, ShortCaseCitation

    groups: list[list[int]] = []
    prev_end = -1
    for i, c in enumerate(cites):
        start, end = c.span()
        prev = cites[groups[-1][-1]] if groups else None
        case_like = (FullCaseCitation, ShortCaseCitation)
        if (
            prev is not None
            and isinstance(c, case_like)
            and isinstance(prev, case_like)
            and _PARALLEL_GAP.match(text[prev_end:start])
            and (isinstance(c, FullCaseCitation) or isinstance(prev, FullCaseCitation))
            and str(c.groups.get("reporter")) != str(prev.groups.get("reporter"))
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
        prev_end = end
    return groups


def _record(opinion_id: str, text: str, group: list[Any], limit: int) -> _Found:
    """One occurrence from a group of eyecite citations; `limit` is where the next starts."""
    from eyecite.models import (
        FullCaseCitation,
        FullJournalCitation,
        FullLawCitation,
        IdCitation,
        ShortCaseCitation,
    )

    first, last = group[0], group[-1]
    start, end = first.span()[0], last.span()[1]
    fulls = [c for c in group if isinstance(c, FullCaseCitation)]
    shorts = [c for c in group if isinstance(c, ShortCaseCitation)]
    rec: Citation
    if fulls and not (shorts and isinstance(first, ShortCaseCitation)):
        head = fulls[0]
        pin_end = _pin_end(text, end)
        paged = [c for c in fulls if c.groups.get("page")]
        pins = [_pin_after(text, c.span()[1]) for c in paged]
        if paged and pins and pins[0] is None and paged[0] is head:
            pins[0] = _clean_pin(head.metadata.pin_cite)
        pin = next((p for p in pins if p), None)
        if shorts:  # "Saucier, 150 L. Ed. 2d 272, 121 S. Ct. at 2156"
            pin = str(shorts[-1].groups.get("page") or "") or pin
        year, court_text, _ = _year_and_court(text, pin_end)
        cites = [_case_cite(c) for c in paged]
        if not cites:  # slip opinion: "571 U. S. ___, ___ (2014)": the page is not yet known
            cites = [_case_cite(head)]
            m = re.search(r"_+\s*,\s*(\d+)", text[head.span()[0] : head.span()[1] + 20])
            pin = pin or (m.group(1) if m else None)
            pins = [pin]
        name = _name_before(text, start) or _case_name(head.metadata)
        court = _court(fulls, court_text)
        if year is None:
            year = _year_from_cites(fulls) or _own_year(text, fulls, start, pin_end, limit)
        rec = Citation(
            opinion=opinion_id,
            form="full",
            kind="case",
            text=text[start:end],
            start=start,
            end=end,
            cites=cites,
            name=name,
            short_name=name if name and not re.search(r"\sv\.?\s", name) else None,
            year=year,
            court=court,
            volume=str(head.groups.get("volume")),
            reporter=head.corrected_reporter(),
            pin=pin,
            pins=pins,
        )
        if not head.groups.get("page"):
            rec.notes = "slip"
        return _Found(rec=rec, objs=list(group))
    if isinstance(first, FullLawCitation):
        key = _law_key(first)
        return _Found(
            rec=Citation(
                opinion=opinion_id,
                form="full",
                kind=_law_kind(str(first.groups.get("reporter") or ""), key),
                text=text[start:end],
                start=start,
                end=end,
                cites=[key],
                name=key,
                pin=_law_pin(first),
            ),
            objs=list(group),
        )
    if isinstance(first, FullJournalCitation):
        return _Found(
            rec=Citation(
                opinion=opinion_id,
                form="full",
                kind="journal",
                text=text[start:end],
                start=start,
                end=end,
                cites=[first.corrected_citation()],
                pin=_clean_pin(first.metadata.pin_cite),
                year=_int(getattr(first.metadata, "year", None)),
            ),
            objs=list(group),
        )
    form = "short" if isinstance(first, ShortCaseCitation) else "id"
    if not isinstance(first, ShortCaseCitation | IdCitation):
        form = "supra" if type(first).__name__ == "SupraCitation" else "reference"
    meta = first.metadata
    pin = _clean_pin(meta.pin_cite)
    if isinstance(first, ShortCaseCitation):
        m = re.search(
            r"\bat\s+(\*?\d+(?:\s*[-–]\s*\d+)?(?:\s*nn?\.\s*\d+)?)", text[start : end + 15]
        )
        pin = (m.group(1) if m else None) or str(first.groups.get("page") or "") or pin
        name = _short_name_before(text, start)
    else:
        guess = getattr(meta, "antecedent_guess", None) or getattr(meta, "plaintiff", None)
        name = _clean_party(guess or "") or None
    rec = Citation(
        opinion=opinion_id,
        form=form,
        kind="case",
        text=text[start:end],
        start=start,
        end=end,
        cites=[_case_cite(c) for c in fulls],
        short_name=name or None,
        volume=str(first.groups["volume"]) if first.groups.get("volume") else None,
        reporter=first.corrected_reporter() if first.groups.get("reporter") else None,
        pin=pin or None,
    )
    return _Found(rec=rec, objs=list(group))


# ---------------------------------------------------------------- names, years, courts


def _case_cite(c: Any) -> str:
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


def _case_name(meta: Any) -> str | None:
    plaintiff = _clean_party(getattr(meta, "plaintiff", None) or "")
    defendant = _clean_party(getattr(meta, "defendant", None) or "")
    if plaintiff and defendant:
        return f"{plaintiff} v. {defendant}"
    return plaintiff or defendant or None


def _clean_party(party: str) -> str:
    party = re.sub(r"\s+", " ", party.replace("*", "").replace("_", "")).strip()
    # a sentence that ends just before the case name: "Fourth Amendment. Gerstein"
    party = re.split(r"(?<=[a-z]{5})\.\s+(?=[A-Z])", party)[-1]
    party = LEAD_WORDS.sub("", party)
    party = re.split(r",?\s+No\.\s", party)[0]
    return party.strip(" ,;:")


# the patterns _name_before applies to the 300 characters before every citation
_SPACES = re.compile(r"\s+")
_TRAILING_COMMA = re.compile(r",\s*$")
_ET_AL_AT_END = re.compile(r",?\s*et\s+al\.?$")
_SLIP_VOLUME = re.compile(r"(?:,\s*(?:\d+|_+)\s+[A-Z][\w. ]{0,15}?\s+_+(?:\s*,\s*_+)?)+$")
_SLIP_US = re.compile(r",\s*(?:_+|-+)?\s*U\.\s?S\.\s*(?:_+|-+)?$")


def _name_before(text: str, start: int) -> str | None:
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
        if b.group(0).strip() == "" and _ends_with_abbreviation(seg, b.start()):
            continue
        cut = b.end()
    seg = seg[cut:].strip(" ,'’‘")
    return LEAD_WORDS.sub("", seg).strip()


def _ends_with_abbreviation(seg: str, end: int) -> bool:
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


def _short_name_before(text: str, start: int) -> str | None:
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


def _year_and_court(text: str, end: int) -> tuple[int | None, str | None, int]:
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


def _own_year(text: str, fulls: list[Any], start: int, end: int, limit: int) -> int | None:
    """eyecite's year, only where it stands in the citation's own words.

    eyecite reads "(2022)" before "_ U.S. _ [213 L.Ed.2d 179]" and "[1983]" in New
    York style, but also takes years from the next citation (#321): its year counts
    only when written between the case name and the start of the next citation.
    """
    for c in reversed(fulls):
        year = _int(c.metadata.year)
        if year is None or not 1600 <= year <= 2100:
            continue
        window = text[max(0, start - 120) : min(limit, end + 120)]
        if re.search(rf"[(\[]{year}[)\]]|\b{year}\)|\b{year}\]", window):
            return year
    return None


def _year_from_cites(cites: list[Any]) -> int | None:
    """A WL or LEXIS cite carries its year as its volume ("2017 WL 4570374")."""
    for c in cites:
        reporter = str(c.groups.get("reporter") or "")
        volume = str(c.groups.get("volume") or "")
        if ("WL" in reporter or "LEXIS" in reporter) and re.fullmatch(r"(?:1[89]|20)\d\d", volume):
            return int(volume)
    return None


def _court(fulls: list[Any], court_text: str | None) -> str | None:
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


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- pins and parentheticals


def _pin_end(text: str, end: int) -> int:
    m = _PIN_AFTER.match(text[end : end + 240])
    return end + m.end() if m else end


def _pin_after(text: str, end: int) -> str | None:
    m = _PIN_AFTER.match(text[end : end + 240])
    return _clean_pin(m.group(1)) if m else None


def _clean_pin(pin: str | None) -> str | None:
    if not pin:
        return None
    pin = re.sub(r"^[,\s]*(?:at\s+)?", "", pin).strip(" ,;)")
    return pin or None


def _parentheticals_end(text: str, end: int) -> int:
    """End of the parentheticals that follow a citation: "(2d Cir. 2001) (quoting X)".

    A parenthetical left open by a typo ends with its sentence: "(citing X, 460 U.S.
    1 (1983). Next sentence" closes at the period (`closing_paren`'s slips).
    """
    pos = _pin_end(text, end)
    while True:
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


# ---------------------------------------------------------------- short forms


def _resolve_short_forms(items: list[_Found], resource_of: dict[int, Any]) -> None:
    """Short cites and supra take the earlier full citation they can only mean.

    A short cite ("Vaca, 386 U.S. at 185") means the earlier full citation with its
    volume and reporter (any of a string of parallels); when several cases share
    them, its name decides, and if it cannot, it stays unresolved. A supra means the
    earlier case of its name. eyecite's own resolution is kept for name-only
    references ("Foo at 2"): eyecite guesses a short cite's name from the wrong
    words when citations follow each other closely.

    A cite with a name but no "v." and a WL or LEXIS number of its own ("Campbell, 2019
    WL 271717691, at *4" after "Campbell v. Hanson, 2019 WL 2717691") is a full citation
    of the document it numbers: a number is never read as a typo of another.
    """
    first_full: dict[int, _Found] = {}
    for f in items:
        if f.rec.form == "full" and f.rec.kind == "case":
            for o in f.objs:
                res = resource_of.get(id(o))
                if res is not None:
                    first_full.setdefault(id(res), f)
    seen: list[_Found] = []
    for f in items:
        rec = f.rec
        if rec.form == "short":
            stem = f"{rec.volume} {rec.reporter}"
            f.target = _only(
                [p for p in seen if any(_stem(c) == stem for c in p.rec.cites)], rec.short_name
            )
        elif rec.form == "supra":
            if rec.short_name:
                word = _first_word(rec.short_name)
                named = [p for p in seen if p.rec.name and word in _name_words(p.rec.name)]
                f.target = _only(named, None)
        elif rec.form == "reference":
            for o in f.objs:
                res = resource_of.get(id(o))
                if res is not None and id(res) in first_full:
                    f.target = first_full[id(res)]
                    break
        if rec.form == "full" and rec.kind == "case":
            seen.append(f)


def _only(candidates: list[_Found], name: str | None) -> _Found | None:
    """The one case among `candidates` (repeated citations of it count once)."""
    cases: dict[str, _Found] = {}
    for c in candidates:
        key = c.rec.cites[0] if c.rec.notes != "slip" else f"{c.rec.cites[0]}#{id(c)}"
        for other in list(cases):
            if key != other and set(cases[other].rec.cites) & set(c.rec.cites):
                key = other
        cases.setdefault(key, c)
    if len(cases) == 1:
        return next(iter(cases.values()))
    if len(cases) > 1 and name:
        word = _first_word(name)
        named = [c for c in cases.values() if c.rec.name and word in _name_words(c.rec.name)]
        if len(named) == 1:
            return named[0]
    return None


def _stem(cite: str) -> str:
    return re.sub(r"\s+\S+$", "", cite)


def _name_words(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", name.lower()))


def _first_word(name: str) -> str:
    """The first word of the name a short form uses ("monell"; "united states" skipped)."""
    parties = re.split(r"\s+v\.?\s+", name, maxsplit=1)
    first = parties[0]
    if len(parties) > 1 and first.lower().strip(" .") in GOVERNMENT:
        first = parties[1]
    first = re.sub(r"^(?:In re|Ex parte|In the Matter of)\s+", "", first.strip(), flags=re.I)
    words = first.split(",")[0].split()
    return words[0].lower().strip(",.") if words else ""


def _resolve_ids(items: list[_Found], resource_of: dict[int, Any]) -> None:
    """Id. refers to the citation just before it, at its own level.

    The citation before an Id. may stand inside a parenthetical of another ("X
    (quoting Y)"): an Id. outside that parenthetical refers to X (eyecite #348). A
    record cite just before an Id. makes the Id. a record cite (#349); after a
    section sign eyecite cannot place ("§ 2") or an Id. that stayed unresolved, an
    Id. stays unresolved. A pin the cited case cannot have (below its first page,
    past its last, a paragraph) leaves the Id. unresolved, as eyecite does.
    """
    for n, f in enumerate(items):
        if f.rec.form != "id" or n == 0:
            continue
        prev = items[n - 1]
        climbed = False
        while True:
            outer = _container(items, prev, f.rec.start)
            if outer is None:
                break
            prev = outer
            climbed = True
        if prev.record:
            f.record = prev.rec.kind == "record"
            continue
        target: _Found | None = prev
        while target is not None and target.rec.form != "full" and target.target is not None:
            target = target.target
        if target is None or (target.rec.form == "id" and target.target is None):
            continue
        if not climbed and not _pin_fits(f.rec.pin, target):
            continue
        f.target = target


def _container(items: list[_Found], inner: _Found, before: int) -> _Found | None:
    """The citation whose parentheticals hold `inner` but not the offset `before`."""
    for g in items:
        if g is inner or g.rec.end > inner.rec.start:
            continue
        if g.rec.end <= inner.rec.start < g.tail and not (g.rec.end <= before < g.tail):
            return g
    return None


def _pin_fits(pin: str | None, target: _Found) -> bool:
    """Whether an Id. pin can be to `target`: within some parallel's page range."""
    from eyecite.resolve import MAX_OPINION_PAGE_COUNT

    if not pin or target.rec.kind != "case" or target.rec.form != "full":
        return True
    if target.rec.notes == "slip":
        return False  # the pages of a slip opinion are not known yet
    m = re.match(r"\*|(\d+)", pin)
    if not m:
        return False  # "Id. at ¶ 10" cannot be to a case
    if not m.group(1):
        return True  # a star pin of a WL or LEXIS document
    page = int(m.group(1))
    firsts = [int(c.split()[-1]) for c in target.rec.cites if c.split()[-1].isdigit()]
    return not firsts or any(p <= page <= p + MAX_OPINION_PAGE_COUNT for p in firsts)


# ---------------------------------------------------------------- law beyond eyecite


def _law_kind(reporter: str, key: str) -> str:
    if "C.F.R." in reporter or "Fed. Reg." in reporter:
        return "regulation"
    if "Const" in key:
        return "constitution"
    if re.search(r"\bR\.", reporter):
        return "rule"
    return "statute"


def _law_key(c: Any) -> str:
    """One node per section: subsections ("1983(a)(1)") become pins."""
    groups = c.groups
    section = str(groups.get("section") or "")
    base = re.split(r"[(\s]", section, maxsplit=1)[0]
    try:
        reporter = str(c.corrected_reporter())
    except Exception:  # a reporter eyecite cannot correct
        reporter = str(groups.get("reporter") or "")
    if not base:
        return str(c.corrected_citation())
    chapter = groups.get("chapter")
    title = groups.get("title")
    if chapter and not title and not c.matched_text().lstrip().startswith(str(chapter)):
        return f"{reporter} ch. {chapter}, § {base}"  # "Mass. Gen. Laws ch. 93A, § 9"
    lead = title or chapter or ""
    return " ".join(p for p in (str(lead), reporter, f"§ {base}") if p)


def _law_pin(c: Any) -> str | None:
    section = str(c.groups.get("section") or "")
    m = re.search(r"(\(.*)$", section)
    return m.group(1) if m else None
