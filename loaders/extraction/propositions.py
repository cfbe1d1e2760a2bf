"""The proposition each citation supports, with its signal, quotation and parenthetical.

Bluebook practice, as a lawyer reads an opinion:

- A citation sentence ("Smith v. Jones, 1 F.3d 2 (1st Cir. 1993).") supports the
  textual sentence before it; a citation clause ("..., see Smith, 1 F.3d at 3, and
  ...") supports the clause it stands in; a citation the text talks about ("In
  Smith, 1 F.3d 2, the court held ...") supports its whole sentence.
- A string cite (citations joined by ";") shares one proposition, and a signal
  carries on to the citations after it until a new one. Id. and short forms get
  the proposition at their own position.
- A citation inside another's parenthetical ("Campbell (quoting Portillo (quoting
  Kingsley))") shares the outer proposition, records how it is used ("quoting",
  "citing") as its treatment and points at the citation that uses it (`parent`).
- Subsequent history ("aff'd, 522 U.S. 1 (1998)") belongs to the citation before it:
  that citation's `history` says what happened, and the later decision's record
  points back at it (`parent`, source "history").
- Parentheticals that report sourcing ("internal quotation marks omitted", "quoting
  X", "per curiam") go to `notes`; the explanatory one goes to `parenthetical`.
- A citation in a footnote takes its proposition from the footnote's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ...models import Citation, Opinion
from ...vocabulary import (
    BRACKETED_DATE,
    DOCKET_CLAUSE,
    HISTORY,
    MARKUP,
    NAME_JOINERS,
    PIN_CLAUSE,
    SECOND_HAND,
    SIGNAL,
    SIGNAL_WITH,
    SIGNALS,
    SOURCING,
    canonical_signal,
)
from .roles import assign_roles
from .sentences import (
    PARAGRAPH_END,
    bare_subject,
    closing_paren,
    home_region,
    is_abbreviation,
    is_heading,
    note_regions,
    paragraph_start,
    quotation_spans,
    region_of,
    sentence_spans,
    skip_space,
    word_start,
)
from .treatment import attach_treatments

__all__ = ["attach_propositions", "canonical_signal", "SIGNALS"]

# "..., Russo v. Bailey, 2001 U.S. Dist. LEXIS 14297, which have been consolidated":
# a citation named in the sentence, not a clause of support
_APPOSITIVE_GOES_ON = r"(?:which|who|whom|whose|where|when|stemming|involving|concerning)\b"
_PAREN_OPEN = re.compile(r",?\s*\(")
# "Torres, 893 F.2d at 409. ("[T]o state a claim ...") An actionable": a parenthetical
# set after the period still explains the citation before it
_PAREN_AFTER_PERIOD = re.compile(r"\.\s+\((?=[^()]*(?:\([^()]*\)[^()]*)*\)\.?\s+[A-Z\"“])")
_RECORD_WORDS = {"and", "the", "for", "see", "also", "inter", "alia", "with", "at", "supp", "opp"}


@dataclass
class _Cite:
    """Where one citation's clause stands: signal, name, pin, parentheticals, history."""

    index: int
    head: int  # first character of the signal, or of the case name
    name_start: int
    tail: int  # just past its last parenthetical (or history)
    signal: str | None = None
    parens: list[tuple[int, int]] = field(default_factory=list)  # inner spans
    history_of: int | None = None
    history: str | None = None


_SPACE_RUN = re.compile(r"\s+")
_SLIP_PAGE = re.compile(r"(?<=\w) -\d{1,3}- (?=\w)")
_SPACE_BEFORE_CLOSE = re.compile(r"\s+([,;:)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_EMPTY_PARENS = re.compile(r"\(\s*[,;]?\s*\)")
_PUNCT_RUN = re.compile(r"([,;:][\"”’']?)(?:\s*[,;:])+")
_PUNCT_BEFORE_END = re.compile(r"[,;:]+\s*(?=[.?!]$)")
_NOTE_CALL_LEAD = re.compile(r"^n\d{1,3}\s+(?=[A-Z])")


_BEFORE_CLOSE = (" ,", " ;", " :", " )", " ]")


def _clean(s: str) -> str:
    # _clean runs several times per citation: each regex runs only where the string
    # holds what it needs. str.split() splits on exactly the characters \s matches.
    s = " ".join(s.split())
    if " -" in s:
        s = _SLIP_PAGE.sub(" ", s)  # page numbers of a slip opinion
    # the only whitespace left is single spaces
    if any(pair in s for pair in _BEFORE_CLOSE):
        s = _SPACE_BEFORE_CLOSE.sub(r"\1", s)
    if "( " in s or "[ " in s:
        s = _SPACE_AFTER_OPEN.sub(r"\1", s)
    if "(" in s:
        s = _EMPTY_PARENS.sub("", s)
    s = _PUNCT_RUN.sub(r"\1", s)
    if s[-2:-1] in (",", ";", ":", " ") and s[-1:] in (".", "?", "!"):
        s = _PUNCT_BEFORE_END.sub("", s)
    s = s.strip(" ,;:").lstrip(".)]").rstrip("([").strip()
    return _NOTE_CALL_LEAD.sub("", s) if s.startswith("n") else s


def _name_start(text: str, lo: int, start: int) -> int:
    """Where the case name before a citation begins (start itself if there is none)."""
    seg = text[lo:start]
    m = DOCKET_CLAUSE.search(seg)
    if m and "v." in seg[: m.start()]:
        seg = seg[: m.start()] + ","
    stripped = seg.rstrip()
    if not stripped.endswith(","):
        return start
    body = stripped[:-1]
    tokens = list(re.finditer(r"\S+", body))
    begin = None
    for tok in reversed(tokens):
        word = tok.group().strip("*_")
        bare = word.rstrip(",")
        if bare[:1].isupper() or bare[:1].isdigit() or (bare[:1] in "'\"“‘(" and len(bare) > 1):
            begin = tok.start()
            continue
        if re.fullmatch(r"-\d{1,3}-", bare):  # a page number of a slip opinion
            continue
        if bare.lower() in NAME_JOINERS and begin is not None:
            continue
        if bare in ("et", "al.") or len(bare) == 1:  # "et al." ends names; "Int l" is OCR
            continue
        break
    if begin is None:
        return start
    # a name never opens with a number: "of section 10, Republic Steel, 362 U.S."
    while True:
        lead_tok = re.match(r"\S+\s*", body[begin:])
        if (
            not lead_tok
            or not re.match(r"[\d(]", lead_tok.group())
            or begin + lead_tok.end() >= len(body)
        ):
            break
        begin += lead_tok.end()
    # a signal is not part of the name: "See Jimenez ex rel. Jimenez v. KFRC"
    sig = SIGNAL.match(body, begin)
    if sig:
        begin = skip_space(body, sig.end())
    # "In Smith v. Jones": "In" opens the sentence, not the name
    first = re.match(r"\S+", body[begin:])
    if first and first.group().strip("*_") in ("In", "Under", "As", "Like", "Unlike", "Per"):
        nxt = re.match(r"\S+\s+(\S+)", body[begin:])
        if not (nxt and nxt.group(1).strip("*_") in ("re", "Re")):
            begin += first.end()
            begin = skip_space(body, begin)
    # trim a leading word that ends a sentence of its own ("Amendment. Gerstein")
    while True:
        m2 = re.search(r"[a-z)\]][.?!][\"”']?\s+(?=[A-Z*_])", body[begin:])
        if not m2:
            break
        last = re.search(r"\S+$", body[begin : begin + m2.start() + 2])
        if last and is_abbreviation(last.group()):
            break
        begin += m2.end()
    return lo + begin


def _scan_tail(text: str, c: Citation, limit: int) -> tuple[int, list[tuple[int, int]]]:
    """End of a citation's pin cites and parentheticals, and the parentheticals' spans."""
    pos = c.end
    parens: list[tuple[int, int]] = []
    while pos < limit:
        m = PIN_CLAUSE.match(text, pos, limit) or BRACKETED_DATE.match(text, pos, limit)
        if m and m.end() > pos:
            pos = m.end()
            continue
        m = _PAREN_OPEN.match(text, pos, limit) or _PAREN_AFTER_PERIOD.match(text, pos, limit)
        if m:
            close = closing_paren(text, m.end() - 1, m.end() + 4000)
            if close is None:
                break
            parens.append((m.end(), close))
            pos = close + 1
            continue
        break
    return pos, parens


def _classify(inner: str) -> str:
    """'court' (court and year), 'sourcing' or 'explanatory' for one parenthetical."""
    s = _clean(inner).rstrip(".")
    if SOURCING.match(s):
        return "sourcing"
    lower_words = re.findall(r"\b[a-z]{3,}\b", s)
    if re.search(r"\b(?:1[6-9]|20)\d{2}$", s) and len(s) < 70 and len(lower_words) <= 1:
        return "court"
    if len(lower_words) < 2 and not re.search(r"[\"“]", s):
        return "sourcing"  # docket numbers, "(Dkt. No. 69)", "(JCH)"
    return "explanatory"


def _holders(cites: dict[int, _Cite], starts: list[int]) -> dict[int, tuple[int, int]]:
    """For each citation standing inside another's parenthetical: (that citation, the
    parenthetical's start), the parenthetical opening last (on a tie, the first in the
    order of `cites`). One sweep over the parentheticals in text order."""
    spans = sorted(
        (a, seq, b, j)
        for seq, (j, a, b) in enumerate((j, a, b) for j, cj in cites.items() for a, b in cj.parens)
    )
    out: dict[int, tuple[int, int]] = {}
    if not spans:
        return out
    active: list[tuple[int, int, int, int]] = []
    k = 0
    for i in sorted(cites, key=lambda i: starts[i]):
        x = starts[i]
        while k < len(spans) and spans[k][0] <= x:
            active.append(spans[k])
            k += 1
        active = [span for span in active if span[2] > x]
        best: tuple[int, int, int, int] | None = None
        for span in active:
            if span[3] != i and (best is None or (span[0], -span[1]) > (best[0], -best[1])):
                best = span
        if best is not None:
            out[i] = (best[3], best[0])
    return out


def attach_propositions(opinion: Opinion, citations: list[Citation]) -> list[Citation]:
    """Set proposition, signal, parenthetical, quote, treatment, notes, history, parent,
    role, part; return the name-only references a treatment adds ("we overrule Parratt").

    Args:
        opinion: the opinion the citations were found in (offsets refer to its text).
        citations: its citations in text order, as loaders.citations finds them.
    """
    if not citations:
        return []
    text = opinion.text
    order = sorted(range(len(citations)), key=lambda i: citations[i].start)
    regions = note_regions(opinion)
    cites = _clauses(text, citations, order, regions)
    _nest(text, citations, cites)
    _attach_history(text, citations, cites, order)
    spans = _attach_sentences(opinion, citations, cites, order, regions)
    _share_outer_propositions(text, citations, cites, order)
    assign_roles(opinion, citations, {i: cites[i].head for i in cites}, [s for s, _ in spans])
    return attach_treatments(
        opinion, citations, spans, {i: (v.head, v.tail) for i, v in cites.items()}
    )


def _clauses(
    text: str, citations: list[Citation], order: list[int], regions: list[tuple[int, int]]
) -> dict[int, _Cite]:
    """Each citation's own clause: signal and name before, pin and parentheticals after."""
    cites: dict[int, _Cite] = {}
    prev_tail = 0
    for rank, i in enumerate(order):
        c = citations[i]
        nxt = citations[order[rank + 1]].start if rank + 1 < len(order) else len(text)
        lo = max(
            prev_tail if prev_tail <= c.start else 0, c.start - 400, region_of(regions, c.start)[0]
        )
        cites[i] = _clause(text, i, c, _last_stop(text, lo, c.start), nxt)
        prev_tail = max(prev_tail, cites[i].tail)
    return cites


def _clause(text: str, i: int, c: Citation, lo: int, nxt: int) -> _Cite:
    """The clause of citation `i`, which may begin at `lo`; the next citation starts at `nxt`."""
    tail, parens = _scan_tail(text, c, len(text))
    # a tail never runs into the next citation unless a parenthetical holds it
    if not parens and tail > nxt:
        tail = max(c.end, nxt)
    name_start = _name_start(text, lo, c.start) if c.form != "id" else c.start
    head = name_start
    own_signal: str | None = None
    lead = text[lo:name_start]
    sm = None
    for m in SIGNAL.finditer(lead):
        sm = m
    if sm and not lead[sm.end() :].strip(" ,*_"):
        own_signal = canonical_signal(sm.group(1))
        head = lo + sm.start()
    elif re.search(rf"(?<![\w.]){MARKUP}with{MARKUP}\s*$", lead):
        wm = list(SIGNAL_WITH.finditer(lead))[-1]
        own_signal = "with"
        head = lo + wm.start()
    return _Cite(i, head, name_start, tail, own_signal, parens)


def _nest(text: str, citations: list[Citation], cites: dict[int, _Cite]) -> None:
    """A citation inside another's parenthetical is used second-hand: its `parent` is
    that citation and its relation the word that introduces it ("quoting", "citing")."""
    holders = _holders(cites, [c.start for c in citations])
    for i in cites:
        best = holders.get(i)
        if best is None:
            continue
        c = citations[i]
        c.parent = best[0]
        c.source = "parenthetical"
        inner = text[best[1] : c.start]
        # the word that introduces it within the parenthetical ("quoting", "citing")
        segment = re.split(r"[;]", inner)[-1] if ";" in inner else inner
        how = SECOND_HAND.search(segment) or SECOND_HAND.search(inner)
        c.relation = re.sub(r"\s+", " ", how.group(1).lower()) if how else "citing"


def _attach_history(
    text: str, citations: list[Citation], cites: dict[int, _Cite], order: list[int]
) -> None:
    """Subsequent history: "X, 1 F.3d 2 (1st Cir. 1993), aff'd, 510 U.S. 3 (1994)"."""
    for i, j in zip(order, order[1:], strict=False):
        ci = cites[i]
        cj = cites[j]
        if citations[j].parent is not None and citations[j].parent != citations[i].parent:
            continue
        hm = HISTORY.match(text, ci.tail, cj.name_start + 1)
        if not hm:
            continue
        between = text[hm.end() : cj.name_start]
        if not _looks_like_name_or_empty(between) or cj.signal:
            continue
        root = i
        while cites[root].history_of is not None:
            root = cites[root].history_of  # type: ignore[assignment]
        cj.history_of = root
        cj.head = ci.head
        phrase = _clean(hm.group(1)).rstrip(",")
        cj.history = phrase
        later = citations[j]
        later.parent = root
        later.source = "history"
        later.history = phrase
        later.notes = _join(later.notes, f"subsequent history of {citations[root].text}: {phrase}")
        full = _clean(text[hm.start() : cj.tail]).lstrip(", ")
        citations[root].history = _join(citations[root].history, full)
        cites[root].tail = max(cites[root].tail, cj.tail)


@dataclass(frozen=True)
class _Sentences:
    """An opinion's sentences (every top-level citation clause kept whole) and the
    citation clauses that stand apart from the words of the text."""

    spans: list[tuple[int, int]]
    starts: list[int]
    clauses: list[tuple[int, int]]
    regions: list[tuple[int, int]]


def _attach_sentences(
    opinion: Opinion,
    citations: list[Citation],
    cites: dict[int, _Cite],
    order: list[int],
    regions: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The proposition of each top-level citation, from its sentence or clause; a string
    cite shares one, and a signal carries on to the citations after it. Returns the
    opinion's sentences."""
    text = opinion.text
    top = [i for i in order if citations[i].parent is None]
    protected = [(cites[i].head, cites[i].tail) for i in top]
    hard = [p for a, b, _ in opinion.footnotes for p in (a, b)]
    spans = sentence_spans(text, protected, hard)
    # citations the text talks about ("pursuant to 42 U.S.C. § 1983") stay in its words
    # and so do bare sections and rules a sentence opens with ("Section 1983 provides")
    clause_spans = sorted(
        (cites[i].head, cites[i].tail)
        for i in top
        if not re.search(
            r"[A-Za-z0-9]$", text[max(0, cites[i].head - 40) : cites[i].head].rstrip(" *_")
        )
        and not bare_subject(text, citations[i], cites[i].tail, cites[i].signal)
    )
    sentences = _Sentences(spans, [s for s, _ in spans], clause_spans, regions)
    for unit in _string_cites(text, cites, top):
        _attach_unit(text, [(citations[i], cites[i]) for i in unit], sentences)
    return spans


def _string_cites(text: str, cites: dict[int, _Cite], top: list[int]) -> list[list[int]]:
    """Consecutive top-level clauses joined by ";" (or ", and", ", with"): string cites."""
    units: list[list[int]] = []
    for i in top:
        if units:
            prev = cites[units[-1][-1]]
            gap = text[prev.tail : cites[i].head]
            if re.fullmatch(r"\s*;\s*|\s*,?\s*(?:and|&)\s+|\s*", gap) or (
                cites[i].signal == "with" and re.fullmatch(r"\s*,?\s*", gap)
            ):
                units[-1].append(i)
                continue
        units.append([i])
    return units


def _attach_unit(text: str, unit: list[tuple[Citation, _Cite]], sentences: _Sentences) -> None:
    """The proposition, signal, parentheticals, quote and treatment of one string cite."""
    first = unit[0][1]
    last = unit[-1][1]
    clause_spans, regions = sentences.clauses, sentences.regions
    k = max(0, bisect_right(sentences.starts, first.head) - 1)
    s, e = sentences.spans[k]
    region = home_region(regions, first.head)
    before = text[s : first.head]
    after = text[last.tail : e]
    textual = False
    block = False
    if _is_lead_in(before) and not _continues(after):
        prop, block = _preceding_proposition(
            text, sentences.spans, k, clause_spans, region, first.head, regions
        )
    else:
        after_words = _residue(text, last.tail, e, clause_spans)
        # the sentence talks about these citations: they stay in its words
        others = [(a, b) for a, b in clause_spans if not first.head <= a < last.tail]
        prop, textual = _clause_proposition(
            text, s, e, first.head, clause_spans, first.signal, after_words, others
        )
    signal: str | None = None
    for c, ci in unit:
        if ci.signal:
            signal = ci.signal
        c.signal = signal
        c.proposition = prop
        _parentheticals(text, c, ci)
        if c.signal is None and prop and not textual:
            c.quote = prop if block else _quote(prop)


def _share_outer_propositions(
    text: str, citations: list[Citation], cites: dict[int, _Cite], order: list[int]
) -> None:
    """Second-hand and history citations share their outer citation's proposition."""
    for i in order:
        c = citations[i]
        if c.parent is None:
            continue
        root = c.parent
        while citations[root].parent is not None and root != citations[root].parent:
            root = citations[root].parent  # type: ignore[assignment]
        c.proposition = citations[root].proposition
        _parentheticals(text, c, cites[i])
        if c.relation == "quoting":
            c.quote = citations[c.parent].quote
        if c.source == "history":
            c.signal = None


def _without_sourcing(inner: str) -> str:
    """An explanatory parenthetical without its own sourcing parentheticals.

    ("The act ... opinion." (alteration in original) (quoting Grava ...)) explains
    with the quotation; where the quotation came from is not part of it.
    """
    out = inner
    for m in reversed(list(re.finditer(r"\(", inner))):
        close = closing_paren(inner, m.start(), len(inner))
        if close is None:
            continue
        nested = inner[m.start() + 1 : close]
        if SOURCING.match(nested.strip()) and _clean(out[: m.start()]):
            out = out[: m.start()] + out[close + 1 :]
    return _clean(out)


def _join(old: str | None, new: str) -> str:
    return new if not old else f"{old}; {new}"


def _looks_like_name_or_empty(s: str) -> bool:
    s = s.strip(" ,")
    return not s or (s[:1].isupper() and ";" not in s and len(s) < 200)


_ENTITY = re.compile(r"&#?\w{1,8};")
_CLAUSE_STOP = re.compile(r"[;:()\]]")
_SENTENCE_STOP = re.compile(r"[.?!][\"”'’)]*\s+")
_BLANK_LINE = re.compile(r"[A-Za-z0-9][ \t]*\n[ \t]*\n\s*")


def _last_stop(text: str, lo: int, start: int) -> int:
    """The last point before `start` where a citation clause may begin."""
    # "&amp;" left by an HTML source is one character, not a semicolon
    seg = text[lo:start]
    if "&" in seg:
        seg = _ENTITY.sub(lambda m: "&" * len(m.group()), seg)
    cut = -1
    for m in _CLAUSE_STOP.finditer(seg):
        cut = max(cut, m.end())
    for m in _SENTENCE_STOP.finditer(seg):
        # the word the stop ends
        if is_abbreviation(seg[word_start(seg, m.start()) : m.start() + 1]):
            continue
        cut = max(cut, m.end())
    # a blank line after a heading ("DISCUSSION"); after "ex rel." it is a page break
    for m in _BLANK_LINE.finditer(seg):
        cut = max(cut, m.end())
    return lo + cut if cut >= 0 else lo


_SAME_EFFECT = re.compile(r"(?i)(?:and\s+)?(?:to\s+the\s+same\s+effect|similarly|likewise)")


def _is_lead_in(before: str) -> bool:
    """True when nothing but punctuation or a record cite precedes the citation clause.

    "Second Amended Complaint (Dkt. No. 96) at 17-21; see Vaca ..." is still a citation
    sentence: a textual sentence always has lowercase words of its own.
    """
    if _SAME_EFFECT.fullmatch(before.strip(" ,:;*_")):
        return True  # "To the same effect, see X; Y.": the sentence before, again
    words = [w for w in re.findall(r"\b[a-z]{3,}\b", before) if w not in _RECORD_WORDS]
    return not words


def _residue(text: str, s: int, e: int, clauses: list[tuple[int, int]]) -> str:
    """Sentence text with citation clauses cut out."""
    out = []
    pos = s
    for a, b in clauses:
        if b <= s or a >= e:
            continue
        out.append(text[pos : max(a, pos)])
        pos = max(pos, min(b, e))
    out.append(text[pos:e])
    return "".join(out)


def _is_citation_sentence(text: str, s: int, e: int, clauses: list[tuple[int, int]]) -> bool:
    """A sentence with no text of its own: citations, signals, record cites in parentheses."""
    residue = _clean(_residue(text, s, e, clauses))
    residue = SIGNAL.sub(" ", residue)
    words = re.findall(r"[A-Za-z]{2,}", residue)
    if len(words) < 3:
        return True
    whole = text[s:e].strip()
    # "(Pl. Tr. at 40:18-25)." or "(ECF No. 1)." report the record, not a proposition
    return whole.startswith("(") and whole.rstrip(".").endswith(")") and len(words) <= 20


def _preceding_proposition(
    text: str,
    spans: list[tuple[int, int]],
    k: int,
    clauses: list[tuple[int, int]],
    region: tuple[int, int],
    head: int,
    footnotes: list[tuple[int, int]] | None = None,
) -> tuple[str | None, bool]:
    """The textual sentence a citation sentence supports; True if it is a block quotation.

    A citation that opens a paragraph after a paragraph with no citation of its own
    follows a block quotation: the whole quoted paragraph is the proposition.
    """
    kk = k - 1
    if (
        kk >= 0
        and PARAGRAPH_END.search(text, spans[kk][1], head)
        and text[spans[kk][0]] not in "\"“'"
    ):
        para_start = paragraph_start(text, spans[kk][0])
        if para_start >= region[0] and not any(para_start <= a < spans[kk][1] for a, _ in clauses):
            para = _clean(text[para_start : spans[kk][1]])
            if len(re.findall(r"[.?!]", para)) > 1 and not is_heading(para):
                return para, True
    footnotes = footnotes or []
    in_body = region not in footnotes
    while kk >= 0 and spans[kk][0] >= region[0]:
        s, e = spans[kk]
        if in_body and any(a <= s < b for a, b in footnotes):
            kk -= 1  # a footnote set in the body's flow: the body's sentence is before it
            continue
        if not _is_citation_sentence(text, s, e, clauses) and not is_heading(text[s:e]):
            return _clean(_residue(text, s, e, clauses)) or None, False
        kk -= 1
    return None, False


def _continues(after: str) -> bool:
    """True when the sentence goes on in words after a citation that opens it."""
    rest = after.strip(" ,*_")
    return bool(re.match(r"[a-z]+\s+[a-z]+", rest)) and not SIGNAL.match(rest)


def _clause_proposition(
    text: str,
    s: int,
    e: int,
    head: int,
    clauses: list[tuple[int, int]],
    signal: str | None = None,
    after: str = "",
    others: list[tuple[int, int]] | None = None,
) -> tuple[str | None, bool]:
    """The clause a citation clause supports, or the whole sentence that talks about it.

    "..., see Smith, 1 F.3d 2." supports the words before it, back to the previous
    citation clause of the sentence; "pursuant to 42 U.S.C. § 1983" or "In Smith v.
    Jones, 1 F.3d 2, the court held" is part of the statement, so the whole sentence
    is its proposition.
    """
    lo = s
    for a, b in clauses:
        if a >= s and b <= head:
            lo = max(lo, b)
    before = text[lo:head].rstrip(" *_")
    textual = bool(before) and (before[-1].isalnum() or before[-1] in ".")
    # "Russo filed three lawsuits, Russo v. Bailey, 2001 ..., which have been consolidated"
    textual = textual or (
        not signal
        and not re.search(r"[,;][\"”]$", before)
        and bool(re.match(r"[\s,]*(?:and\s*,[\s,]*)?" + _APPOSITIVE_GOES_ON, after))
    )
    # "Certiorari was granted, 370 U.S. 902, to consider whether ...": the sentence goes
    # on past its one citation, which supports all of it
    # (not "X, see A, but Y" nor "Even if X, cf. A, Y": a signal gives the clause before)
    goes_on = (
        not signal
        and len(re.findall(r"[A-Za-z]{2,}", before)) >= 3
        and len(re.findall(r"\b[a-z]{2,}\b", after)) >= 3
        and not re.match(r"[\s,;]*(?:but|and|or|nor|yet|while|whereas)\b", after)
        and not any(head < a < e for a, _ in clauses)
    )
    if is_heading(text[s:e]):
        return None, True
    if goes_on and not textual:
        return _clean(_residue(text, s, e, clauses)) or None, False
    if textual or len(re.findall(r"[A-Za-z]{2,}", before)) < 3:
        return _clean(_residue(text, s, e, clauses if others is None else others)) or None, True
    return _clean(before) or None, False


def _parentheticals(text: str, c: Citation, ci: _Cite) -> None:
    for a, b in ci.parens:
        inner = _clean(text[a:b])
        kind = _classify(inner)
        if kind == "court":
            continue
        if kind == "sourcing":
            if c.notes is None or inner not in c.notes:
                c.notes = _join(c.notes, inner)
            continue
        if c.parenthetical is None:
            c.parenthetical = _without_sourcing(inner)


def _quote(prop: str) -> str | None:
    """The quoted language in a proposition (passages joined by " ... ")."""
    spans = quotation_spans(prop)
    outer: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if outer and a < outer[-1][1]:
            continue
        outer.append((a, b))
    if not outer:
        stray = re.search(r"[\"“]([^\"“”]{12,})$", prop)
        return _clean(stray.group(1)) if stray else None
    parts = [_clean(prop[a + 1 : b - 1]) for a, b in outer]
    parts = [p for p in parts if len(p) > 1]
    return " ... ".join(parts) if parts else None
