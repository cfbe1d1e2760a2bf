"""Authority identity: which citations point at the same authority.

Parallel citations seen together anywhere in the corpus are united (union-find), so
an opinion that cites only "98 S. Ct. 2018" lands on the same authority as one that
cites "436 U.S. 658". Short forms take the authority of the full citation they stand
for. An authority that is an opinion of the corpus takes that opinion's id, matched by
the opinion's own citations or, failing those, by case name + court + year.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from ..loaders.extraction.citations import own_citations
from ..models import Authority, Citation, Opinion
from .joins import (
    UnionFind,
    court_of,
    join_same_case,
    join_slip_opinions,
    series,
    slip_key,
    stem,
    us_reports,
)
from .names import (
    distinctive_words,
    first_word,
    is_full_name,
    name_words,
    names_match,
    short_name,
)
from .status import apply_status

# Official reporters first: the id and label of a case use the best citation known.
_REPORTER_RANK = [
    r"U\.\s?S\.$",
    r"S\.\s?Ct\.",
    r"L\.\s?Ed",
    r"F\.\s?(?:2d|3d|4th)?$",
    r"F\.\s?Supp",
    r"F\.\s?App'x",
    r"WL$",
    r"LEXIS",
]
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_REPORTER_RANK_RE = [re.compile(p) for p in _REPORTER_RANK]
_VOLUME = re.compile(r"^\d+\s+")
_PAGE = re.compile(r"\s+[\d_]+$")


@functools.lru_cache(maxsize=1 << 16)  # a sort key: the same cites come back again and again
def citation_rank(cite: str) -> tuple[int, str]:
    """Sort key that puts official reporters first and WL / LEXIS last."""
    reporter = _VOLUME.sub("", cite)
    reporter = _PAGE.sub("", reporter)
    for i, pattern in enumerate(_REPORTER_RANK_RE):
        if pattern.search(reporter):
            return (i if i < 6 else 10 + i, cite)
    return (6, cite)


def _label(name: str | None, cite: str | None, year: int | None) -> str:
    short = short_name(name)
    parts = ", ".join(p for p in (short, cite) if p)
    return f"{parts} ({year})" if year else parts or "unknown"


def identify(
    opinions: list[Opinion], citations: list[Citation]
) -> tuple[list[Authority], list[Citation]]:
    """Give every citation its authority.

    Args:
        opinions: the corpus.
        citations: every citation of every opinion, each opinion's in text order
            (left as they are: the resolved ones are returned as new records).

    Returns:
        The authorities, and the citations that resolved to one (copies with
        `authority` and `via` set; citations of an opinion to itself left out).
    """
    own = _own_citations(opinions)
    by_opinion: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        by_opinion[c.opinion].append(c)
    uf = _united(own, by_opinion, citations)
    authorities, id_of_root = _authorities(opinions, own, citations, uf, _history_names(by_opinion))
    resolved = _resolved(by_opinion, authorities, id_of_root, uf)
    _label_by_short_forms(authorities, resolved)
    # authorities reached only through self-citations are not part of the graph
    used = {c.authority for c in resolved}
    kept = [a for a in authorities.values() if a.id in used]
    apply_status(kept, resolved)
    return kept, resolved


def _label_by_short_forms(authorities: dict[str, Authority], resolved: list[Citation]) -> None:
    """Label each case by the short name its citing opinions' short forms use most:
    "Ashcroft v. Iqbal" is "Iqbal, 556 U.S. 662 (2009)" where the corpus writes "Iqbal,
    556 U.S. at 678". A short name that is not a word of the case's name, or that ties
    with another, leaves the label of the Bluebook rule (`short_name`)."""
    used: dict[str, Counter[str]] = defaultdict(Counter)
    for c in resolved:
        if c.form in ("short", "supra") and c.short_name and c.authority:
            used[c.authority][c.short_name.strip()] += 1
    for aid, names in used.items():
        a = authorities.get(aid)
        if a is None or a.kind != "case" or not a.name or a.unresolved or not a.citations:
            continue
        (best, n), *rest = names.most_common(2)
        words = name_words(a.name)
        if (rest and rest[0][1] == n) or not name_words(best) <= words:
            continue
        if best != short_name(a.name):
            a.label = _label(best, a.citations[0], a.year)


def _own_citations(opinions: list[Opinion]) -> dict[str, list[str]]:
    """Each opinion's own citations; a citation claimed by several opinions is a table
    of decisions, no one's identity, and is left out."""
    own = {op.id: own_citations(op) for op in opinions}
    claims = Counter(c for cites in own.values() for c in set(cites))
    return {oid: [c for c in cites if claims[c] == 1] for oid, cites in own.items()}


def _united(
    own: dict[str, list[str]],
    by_opinion: dict[str, list[Citation]],
    citations: list[Citation],
) -> UnionFind:
    """The citation strings that name one case, united: an opinion's own citations,
    the parallels of a full citation or of a short one, and slip cites."""
    uf = UnionFind()
    for cites in own.values():
        uf.union(cites, "the opinion's own citations")
    for recs in by_opinion.values():
        for c in recs:
            if _names(c):
                uf.union(_keys(c), "parallel citations")
            elif c.cites and c.antecedent is not None and recs[c.antecedent].cites:
                # a short cite that gives a parallel ("Liberty Lobby, 477 U.S. at 255,
                # 106 S.Ct. 2505") unites it with the case it stands for, unless the case
                # was cited in that reporter: "Id., 457 U.S. at 819, 102 S. Ct. 2738"
                # after "102 S. Ct. 2727" gives the pin page, not another cite
                full = recs[c.antecedent].cites
                known = {series(x) for x in full}
                new = [x for x in c.cites if series(x) not in known]
                if new:
                    uf.union([full[0], *new], "a short form's parallel")
    for key in list(uf.parent):
        us = us_reports(key)
        if us:
            uf.union([us, key], "the same page of the United States Reports")
    join_slip_opinions(uf, citations)
    join_same_case(uf, citations)
    return uf


def _history_names(by_opinion: dict[str, list[Citation]]) -> dict[int, str]:
    """The name of the case a nameless history citation follows, by the citation's id():
    "Smith v. Jones, 1 F.3d 2, cert. denied, 510 U.S. 3" denied Smith v. Jones."""
    names = {}
    for recs in by_opinion.values():
        for c in recs:
            if c.source == "history" and not c.name and c.parent is not None:
                name = recs[c.parent].name
                if name:
                    names[id(c)] = name
    return names


def _authorities(
    opinions: list[Opinion],
    own: dict[str, list[str]],
    citations: list[Citation],
    uf: UnionFind,
    history_names: dict[int, str],
) -> tuple[dict[str, Authority], dict[str, str]]:
    """One Authority per set of united citations that full citations name (a corpus
    opinion's id where the set is one), and the authority id of each set's root."""
    opinion_of_root: dict[str, str] = {}
    own_strings: dict[str, set[str]] = defaultdict(set)
    for op in opinions:
        for cite in own[op.id]:
            opinion_of_root.setdefault(uf.find(cite), op.id)
            own_strings[uf.find(cite)].add(cite)
    # the full citations of each set of united citation strings
    members: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        if _names(c):
            members[uf.find(_keys(c)[0])].append(c)
    corpus = _corpus_by_court_year(opinions)
    authorities: dict[str, Authority] = {}
    id_of_root: dict[str, str] = {}
    for root, recs in members.items():
        inherited = [history_names[id(r)] for r in recs if id(r) in history_names]
        a = _authority(recs, own_strings[root], opinion_of_root.get(root), corpus, inherited, uf)
        if a.id in authorities and _cites_conflict(authorities[a.id].citations, a.citations):
            # two cases of one name, court and year matched one corpus opinion that
            # gives no citation of its own ("United States v. Wilson, 420 U.S. 332
            # (1975)" and "421 U.S. 309 (1975)"): the second keeps its own cite
            a = replace(a, id=a.citations[0], opinion=None, joined_by=[])
        id_of_root[root] = a.id
        if a.id in authorities:  # two sets matched to one corpus opinion
            known = authorities[a.id]
            known.citations = sorted(set(known.citations) | set(a.citations), key=citation_rank)
            known.joined_by = sorted(set(known.joined_by) | set(a.joined_by))
        else:
            authorities[a.id] = a
    return authorities, id_of_root


@dataclass
class _CorpusIndex:
    """Corpus opinions by court, year and each distinctive word of their names, and by
    each of their docket numbers."""

    by_name: dict[tuple[str | None, int | None], dict[str, list[Opinion]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    dockets: dict[str, list[Opinion]] = field(default_factory=lambda: defaultdict(list))


def _corpus_by_court_year(opinions: list[Opinion]) -> _CorpusIndex:
    """The index of the corpus opinions (`_CorpusIndex`)."""
    corpus = _CorpusIndex()
    for op in opinions:
        for year in _decision_years(op):
            for word in distinctive_words(op.name):
                corpus.by_name[(op.court, year)][word].append(op)
        for docket in dict.fromkeys(op.dockets or ([op.docket] if op.docket else [])):
            corpus.dockets[docket].append(op)
    return corpus


_DOCKET_YEAR = re.compile(r"^(\d{2})-\d")


def _decision_years(op: Opinion) -> list[int | None]:
    """The years an opinion may be cited by: its date's; and where the date comes before
    the year of its own docket number (metadata gone wrong: "Ahmed v. Holder", dated
    2007, docket 09-2085), the docket's year and the three after it."""
    year = int(op.date[:4]) if op.date else None
    filed = []
    for docket in op.dockets or ([op.docket] if op.docket else []):
        m = _DOCKET_YEAR.match(docket)
        if m:
            two = int(m.group(1))
            filed.append(1900 + two if two >= 50 else 2000 + two)
    if filed and (year is None or year < min(filed)):
        return list(dict.fromkeys([year, *range(min(filed), min(filed) + 4)]))
    return [year]


def _authority(
    recs: list[Citation],
    own_strings: set[str],
    opinion: str | None,
    corpus: _CorpusIndex,
    inherited: list[str],
    uf: UnionFind,
) -> Authority:
    """The authority a set of full citations names, by the mode of their metadata
    (`inherited`: names of the cases nameless history citations of it follow)."""
    kind = Counter(r.kind for r in recs).most_common(1)[0][0]
    written = {x for r in recs for x in _keys(r)} | own_strings
    written |= {us for x in written if (us := us_reports(x))}
    keyed = sorted(written, key=citation_rank)
    # a slip cite is shown as written ("562 U.S. ___"), without the name that keys it
    cites = list(dict.fromkeys(re.sub(r" \(.*\)$", "", x) if "___" in x else x for x in keyed))
    name = (
        _mode([r.name for r in recs if r.name and is_full_name(r.name)])
        or _mode([r.name for r in recs])
        or _mode(inherited)
    )
    year = _mode([r.year for r in recs])
    court = _mode([court_of(r) if r.kind == "case" else r.court for r in recs])
    joined_by = {uf.why[k] for k in keyed if k in uf.why}
    if opinion is None and kind == "case":
        opinion = _match_docket(keyed, name, court, corpus)
        if opinion:
            joined_by.add("corpus opinion of the same docket number")
    if opinion is None and kind == "case":
        opinion = _match_corpus(cites, name, court, year, corpus)
        if opinion:
            joined_by.add("corpus opinion of the same name, court and year")
    aid = opinion or keyed[0]
    decision = kind == "case" or any(r.subkind == "agency_decision" and r.volume for r in recs)
    label = _label(name, cites[0], year) if decision else name
    return Authority(
        id=aid,
        kind=kind,
        label=label or aid,
        name=name,
        citations=cites,
        court=court,
        year=year,
        opinion=opinion,
        subkind=_mode([r.subkind for r in recs if r.kind == kind]),
        joined_by=sorted(joined_by),
    )


def _resolved(
    by_opinion: dict[str, list[Citation]],
    authorities: dict[str, Authority],
    id_of_root: dict[str, str],
    uf: UnionFind,
) -> list[Citation]:
    """The citations that point at an authority other than their own opinion, as new
    records with `authority` and `via` (the authority of the citation that uses them)."""
    by_stem: dict[str, list[Authority]] = defaultdict(list)
    for a in authorities.values():
        if a.kind == "case":
            for x in a.citations:
                by_stem[stem(x)].append(a)
    ids_of = {op: _authority_ids(recs, id_of_root, uf) for op, recs in by_opinion.items()}
    reach = _reach(by_opinion, ids_of)
    resolved: list[Citation] = []
    for op_id, recs in by_opinion.items():
        ids = ids_of[op_id]
        for i, c in enumerate(recs):
            if ids[i] is not None:
                continue
            if c.form == "short" and c.volume and c.reporter:
                ids[i] = _short_authority(c, recs, ids, authorities, by_stem, reach, id_of_root, uf)
            elif c.antecedent is not None and c.antecedent < i:
                ids[i] = ids[c.antecedent]  # an Id. after a short cite resolved just now
        for c, aid in zip(recs, ids, strict=True):
            if aid and aid != op_id:
                via = ids[c.parent] if c.parent is not None else c.via
                resolved.append(replace(c, authority=aid, via=via))
    return resolved


def _authority_ids(
    recs: list[Citation], id_of_root: dict[str, str], uf: UnionFind
) -> list[str | None]:
    """The authority of each of one opinion's citations that full citations settle: a
    full citation's set, a short form's antecedent's; None for a short cite that stands
    for no full citation of its opinion (`_short_authority`)."""
    ids: list[str | None] = []
    for c in recs:
        aid: str | None
        if _names(c):
            aid = id_of_root[uf.find(_keys(c)[0])]
        elif c.antecedent is not None and c.antecedent < len(ids):
            aid = ids[c.antecedent]
        elif c.form == "short" and c.volume and c.reporter:
            aid = None
        else:
            aid = c.authority
        ids.append(aid)
    # a name that comes before its full citation ("we overrule Lewis" above "Lewis v.
    # United States, 348 U.S. 419" in a footnote) points forward
    for i, c in enumerate(recs):
        if ids[i] is None and c.antecedent is not None and c.antecedent > i:
            ids[i] = ids[c.antecedent]
    return ids


_FIRST_NUMBER = re.compile(r"\d+")


def _first_page(pin: str | None) -> int | None:
    m = _FIRST_NUMBER.search(pin or "")
    return int(m.group(0)) if m else None


def _reach(
    by_opinion: dict[str, list[Citation]], ids_of: dict[str, list[str | None]]
) -> dict[str, int]:
    """The furthest page of each authority that the corpus cites it at."""
    reach: dict[str, int] = {}
    for op, recs in by_opinion.items():
        for c, aid in zip(recs, ids_of[op], strict=True):
            page = _first_page(c.pin)
            if aid and page is not None and page > reach.get(aid, 0):
                reach[aid] = page
    return reach


def _short_authority(
    c: Citation,
    recs: list[Citation],
    ids: list[str | None],
    authorities: dict[str, Authority],
    by_stem: dict[str, list[Authority]],
    reach: dict[str, int],
    id_of_root: dict[str, str],
    uf: UnionFind,
) -> str:
    """A short cite that stands for no earlier full citation of its opinion.

    In order: the case of a parallel it gives ("411 U.S. at 352, 93 S. Ct. 1571"); the
    one full citation of its opinion with its volume and reporter (and its name, if it
    has one), before or after it; the one full citation anywhere in the corpus with its
    volume, reporter and name; for a short cite without a name, the one case of its
    volume and reporter whose pages, as the corpus cites them, reach its pin. Else it
    is an explicit unresolved short form, an authority of its own labelled as written
    ("Esmont, 371 F. Supp. 2d at 5"): not dropped, not merged, never a volume-only node.
    """
    for x in c.cites:
        if x in uf.parent and uf.find(x) in id_of_root:
            return id_of_root[uf.find(x)]
    vr = f"{c.volume} {c.reporter}"
    word = first_word(c.short_name) if c.short_name else None

    def named(a: Authority | None) -> bool:
        return word is None or bool(a and a.name and word in name_words(a.name))

    local = {
        aid
        for r, aid in zip(recs, ids, strict=True)
        if aid
        and r.form == "full"
        and r.kind == "case"
        and any(stem(x) == vr for x in r.cites)
        and named(authorities.get(aid))
    }
    if len(local) == 1:
        return local.pop()
    pin = _first_page(c.pin)

    def reaches(a: Authority) -> bool:
        """Whether the pages the corpus cites `a` at run from its first page to `pin`."""
        firsts = [_first_page(x.rsplit(" ", 1)[-1]) for x in a.citations if stem(x) == vr]
        return pin is not None and any(
            p is not None and p <= pin <= reach.get(a.id, 0) + 5 for p in firsts
        )

    if word:
        hits = {a.id for a in by_stem.get(vr, []) if named(a)}
    else:
        hits = {a.id for a in by_stem.get(vr, []) if reaches(a)}
    if len(hits) == 1:
        return hits.pop()
    written = f"{vr} at {pin}" if pin is not None else f"{vr} at ___"
    aid = f"{c.short_name}, {vr}" if c.short_name else written
    if aid not in authorities:
        authorities[aid] = Authority(
            id=aid,
            kind="case",
            label=f"{c.short_name}, {written}" if c.short_name else written,
            name=c.short_name,
            citations=[vr],
            unresolved=True,
        )
    return aid


def _names(c: Citation) -> bool:
    """Whether `c` names its authority by its own cites: a full citation, or a short
    form of a law that carries its section ("§ 1988" after "42 U.S.C. § 1983", "Id.
    § 124.11") and stands for no earlier citation."""
    if not c.cites:
        return False
    return c.form == "full" or (c.kind != "case" and c.antecedent is None)


def _keys(c: Citation) -> list[str]:
    """The strings a full citation is united by: its cites, or its slip key."""
    return [slip_key(c)] if c.notes == "slip" else c.cites


def _match_corpus(
    cites: list[str],
    name: str | None,
    court: str | None,
    year: int | None,
    corpus: _CorpusIndex,
) -> str | None:
    if not name or year is None:
        return None
    # the parenthetical year is the decision year; names that match share a
    # distinctive word (names_match), so only opinions named with one are compared
    by_word = corpus.by_name.get((court, year))
    if not by_word:
        return None
    candidates = {id(op): op for w in distinctive_words(name) for op in by_word.get(w, ())}
    hits = {
        op.id: op
        for op in candidates.values()
        if names_match(name, op.name) and not _cites_conflict(cites, own_citations(op))
    }
    if len(hits) == 1:
        return next(iter(hits))
    return _one_case(list(hits.values()))


_DOCKET_KEY = re.compile(r"^No\. (\S+)")


def _match_docket(
    keyed: list[str], name: str | None, court: str | None, corpus: _CorpusIndex
) -> str | None:
    """The corpus opinion of the docket number a case is cited by ("No. 92-1954 (ca1)"),
    in the same court when both courts are known, and named with a word of the name
    cited: a docket number mistyped ("United States v. Lilly, No. 92-2192", the docket
    of Niemela v. United States) links nothing."""
    words = distinctive_words(name)
    hits: dict[str, Opinion] = {}
    for key in keyed:
        m = _DOCKET_KEY.match(key)
        if m:
            for op in corpus.dockets.get(m.group(1), ()):
                if court and op.court and court != op.court:
                    continue
                if op.name and not words & distinctive_words(op.name):
                    continue
                hits[op.id] = op
    if len(hits) == 1:
        return next(iter(hits))
    return _one_case(list(hits.values()))


def _one_case(opinions: list[Opinion]) -> str | None:
    """Several corpus opinions of one name, court and year that are papers of one case
    (an opinion and its errata sheet, an amended opinion: one docket number and one
    date) stand for the opinion among them, the longest; else None (two cases)."""
    if not opinions:
        return None
    dockets = [set(op.dockets or ([op.docket] if op.docket else [])) for op in opinions]
    if not dockets[0] or any(not d or not d & dockets[0] for d in dockets[1:]):
        return None
    if len({op.date for op in opinions}) > 1:
        return None
    return max(opinions, key=lambda op: (len(op.text or ""), op.id)).id


def _cites_conflict(ours: list[str], theirs: list[str]) -> bool:
    """Two sets of citations that cannot be one case: the same reporter, another page.

    "United States v. Zapata, 1 F.3d 46" is not the corpus opinion "United States v.
    Zapata, 18 F.3d 971", however well the names agree.
    """
    by_series = {series(c): c for c in theirs}
    return any(series(c) in by_series and by_series[series(c)] != c for c in ours)


def _mode(values):  # type: ignore[no-untyped-def]
    vals = [v for v in values if v not in (None, "")]
    if len(vals) == 1:  # most authorities are cited once
        return vals[0]
    return Counter(vals).most_common(1)[0][0] if vals else None
