"""The proposition each citation supports, with its signal, quotation and parenthetical.

Bluebook practice: a citation sentence supports the textual sentence before it; a
citation clause supports the clause it stands in; a string of citations joined by
";" shares one proposition. Sentences are split with rules that know legal
abbreviations ("v.", "U.S.", "F. Supp. 2d", "Id.", "Cir.") and never inside a citation.
"""

from __future__ import annotations

import re

from ..models import Citation, Opinion

ABBREVIATIONS = {
    "v",
    "vs",
    "u.s",
    "id",
    "ibid",
    "cir",
    "ct",
    "no",
    "nos",
    "e.g",
    "i.e",
    "inc",
    "co",
    "corp",
    "dep't",
    "dept",
    "supp",
    "f",
    "s",
    "l",
    "ed",
    "2d",
    "3d",
    "4th",
    "app",
    "dist",
    "n",
    "nn",
    "p",
    "pp",
    "para",
    "sec",
    "art",
    "amend",
    "cl",
    "ch",
    "cf",
    "al",
    "mr",
    "mrs",
    "ms",
    "dr",
    "jr",
    "sr",
    "st",
    "ave",
    "u.s.c",
    "c.f.r",
    "r",
    "fed",
    "civ",
    "crim",
    "evid",
    "proc",
    "stat",
    "gen",
    "ann",
    "rev",
    "super",
    "div",
    "ass'n",
    "assn",
    "univ",
    "int'l",
    "nat'l",
    "gov't",
    "comm'n",
    "bd",
    "educ",
    "hosp",
    "mun",
    "twp",
    "cnty",
    "prods",
    "servs",
    "sys",
    "tr",
    "ex",
    "dkt",
    "ecf",
    "op",
    "opp",
    "mem",
    "decl",
    "aff",
    "pl",
    "pls",
    "def",
    "defs",
    "br",
    "rep",
    "j",
    "jj",
    "c.j",
    "hon",
    "etc",
    "seq",
    "viz",
    "cert",
    "reh'g",
    "aff'd",
    "rev'd",
    "vacated",
    "ltd",
    "llc",
    "bros",
    "mfg",
    "ins",
    "sec'y",
    "admin",
}
_BOUNDARY = re.compile(r"[.?!][\"'”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
SIGNALS = (
    "see, e.g.,",
    "see also",
    "see generally",
    "see",
    "but see",
    "but cf.",
    "but cf",
    "cf.",
    "cf",
    "compare",
    "contra",
    "accord",
    "e.g.,",
    "e.g.",
)
_SIGNAL = re.compile(
    r"(?:^|[\s;(])\*?_?((?:but\s+)?(?:see(?:,?\s+e\.g\.,?|\s+also|\s+generally)?|cf\.?(?:,?\s+e\.g\.,?)?"
    r"|compare|contra|accord|e\.g\.,?))\*?_?[,]?\s+(?=\S)",
    re.I,
)
_SOURCING = re.compile(
    r"^(?:internal\s+)?(?:quotation|citation|alteration|emphasis|footnote|brackets)s?\b"
    r"|^(?:citations?|quotations?|alterations?)\s+omitted|^cleaned up|^per curiam|^en banc"
    r"|^emphasis (?:added|in original)|^footnote omitted",
    re.I,
)


def sentence_spans(
    text: str, protected: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Split `text` into sentences, never inside a protected span (a citation).

    Returns:
        (start, end) offsets of each sentence, covering the text.
    """
    protected = sorted(protected or [])
    spans: list[tuple[int, int]] = []
    start = 0
    pi = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start() + 1
        while pi < len(protected) and protected[pi][1] <= cut:
            pi += 1
        if pi < len(protected) and protected[pi][0] < cut < protected[pi][1]:
            continue
        word = re.search(r"(\S+)$", text[start : m.start() + 1])
        if word:
            token = word.group(1).lower().strip("(\"'“[*_")
            bare = token.rstrip(".")
            if (
                bare in ABBREVIATIONS
                or re.fullmatch(r"[a-z]", bare)
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", token)
            ):
                continue
        # a paragraph break is always a boundary; within a line, require a real end
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    # paragraph breaks split too
    out: list[tuple[int, int]] = []
    for s, e in spans:
        for piece in _split_paragraphs(text, s, e, protected):
            out.append(piece)
    return out


def _split_paragraphs(text: str, s: int, e: int, protected: list[tuple[int, int]]):
    pos = s
    for m in re.finditer(r"\n[ \t]*\n", text[s:e]):
        cut = s + m.end()
        if any(a < cut < b for a, b in protected):
            continue
        if text[pos:cut].strip():
            yield (pos, cut)
        pos = cut
    if text[pos:e].strip():
        yield (pos, e)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _mask(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    """The text from lo to hi with citation spans (and their parentheticals) removed."""
    out = []
    pos = lo
    for a, b in spans:
        if b <= lo or a >= hi:
            continue
        out.append(text[pos : max(a, lo)])
        pos = min(b, hi)
    out.append(text[pos:hi])
    return "".join(out)


def _cite_span_with_name(text: str, c: Citation, lo: int) -> int:
    """Where a citation's clause starts: its case name, back to the last ; or sentence start."""
    seg = text[lo : c.start]
    cut = max(seg.rfind(";"), seg.rfind(". "), seg.rfind(": "), seg.rfind("\n\n"))
    return lo + cut + 1 if cut >= 0 else lo


def _paren_after(text: str, end: int) -> list[tuple[int, int]]:
    """Balanced parentheticals that follow position `end` (after pin and year)."""
    out = []
    pos = end
    while True:
        m = re.match(r"[\s,]*(?:at\s+)?[\d*\-–, n.]*\s*\(", text[pos : pos + 60])
        if not m:
            break
        open_at = pos + m.end() - 1
        depth = 0
        close = None
        for j in range(open_at, min(len(text), open_at + 3000)):
            ch = text[j]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    close = j
                    break
        if close is None:
            break
        out.append((open_at + 1, close))
        pos = close + 1
    return out


def attach_propositions(opinion: Opinion, citations: list[Citation]) -> None:
    """Set proposition, signal, parenthetical, quote and treatment on each citation."""
    text = opinion.text
    clauses: list[tuple[int, int]] = []
    parens_of: dict[int, list[tuple[int, int]]] = {}
    for i, c in enumerate(citations):
        parens = _paren_after(text, c.end)
        parens_of[i] = parens
        end = parens[-1][1] + 1 if parens else c.end
        clauses.append((c.start, end))
    # citations inside another's parenthetical are second-hand
    for i, c in enumerate(citations):
        for j in range(i - 1, -1, -1):
            if any(pa <= c.start < pb for pa, pb in parens_of[j]):
                c.parent = j
                c.source = "parenthetical"
                lead = text[max(0, c.start - 200) : c.start]
                m = re.search(r"\b(quoting|citing|cited in|quoted in)\b[^()]*$", lead)
                c.treatment = m.group(1) if m else "citing"
                break
    spans = sentence_spans(text, clauses)
    starts = [s for s, _ in spans]
    import bisect

    for i, c in enumerate(citations):
        if c.parent is not None:
            parent = citations[c.parent]
            c.proposition = parent.proposition
            continue
        k = max(0, bisect.bisect_right(starts, c.start) - 1)
        s, e = spans[k]
        clause_start = _cite_span_with_name(text, c, s)
        lead = text[clause_start : c.start]
        m = _SIGNAL.search(" " + lead)
        if m:
            c.signal = _signal_form(m.group(1))
        own = _clean(_mask(text, clauses, s, e))
        own_words = re.findall(r"[A-Za-z]{2,}", own)
        if len(own_words) >= 4 and not _is_citation_sentence(text, s, clauses):
            c.proposition = (
                _clean(_mask(text, clauses, s, clause_start if clause_start > s else e)) or own
            )
        else:
            # a citation sentence: the textual sentence before it
            kk = k - 1
            while kk >= 0 and _is_citation_sentence(text, spans[kk][0], clauses):
                kk -= 1
            if kk >= 0:
                c.proposition = _clean(_mask(text, clauses, *spans[kk]))
        for a, b in parens_of[i]:
            inner = _clean(text[a:b])
            if re.fullmatch(r"[^()]*\d{4}", inner) and len(inner) < 60:
                continue  # court and year
            low = inner.lower()
            if low.startswith(("quoting", "citing", "cited in", "quoted in")):
                c.treatment = c.treatment or low.split()[0]
                continue
            if _SOURCING.search(inner):
                c.notes = inner if c.notes is None else f"{c.notes}; {inner}"
                continue
            if c.parenthetical is None:
                c.parenthetical = inner
        q = re.findall(r"[\"“]([^\"”]{3,})[\"”]", c.proposition or "")
        if q:
            c.quote = max(q, key=len)


def _is_citation_sentence(text: str, s: int, clauses: list[tuple[int, int]]) -> bool:
    """A sentence that begins with a citation (or a signal then a citation)."""
    for a, _b in clauses:
        if a >= s:
            lead = text[s:a]
            return len(
                re.findall(r"[A-Za-z]{2,}", _SIGNAL.sub(" ", " " + lead))
            ) <= 8 and not re.search(
                r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", _strip_names(lead)
            )
    return False


def _strip_names(lead: str) -> str:
    return re.sub(
        r"[A-Z][\w.'&-]*(?:\s+(?:of|the|and|for|v\.|ex rel\.)\s+[A-Z][\w.'&-]*)*", " ", lead
    )


def _signal_form(raw: str) -> str:
    s = re.sub(r"\s+", " ", raw.strip(" ,")).lower()
    words = {
        "see": "See",
        "see also": "See also",
        "see generally": "See generally",
        "cf.": "Cf.",
        "cf": "Cf.",
        "but see": "But see",
        "but cf.": "But cf.",
        "but cf": "But cf.",
        "compare": "Compare",
        "contra": "Contra",
        "accord": "Accord",
        "e.g.": "E.g.",
    }
    if s in words:
        return words[s]
    s = s.replace(",", "").replace("  ", " ")
    if s.startswith("see e.g."):
        return "See, e.g.,"
    if s.startswith("cf. e.g."):
        return "Cf., e.g.,"
    return s[:1].upper() + s[1:]
