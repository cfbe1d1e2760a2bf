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
from collections.abc import Iterable
from dataclasses import replace

from ..loaders.extraction.citations import own_citations
from ..models import Authority, Citation, Opinion
from ..vocabulary import GENERIC_PARTY_WORDS, GOVERNMENT, NAME_STOP_WORDS, T6_EXPANSIONS, fold

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


class UnionFind:
    """Disjoint sets of hashable keys (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def add(self, key: str) -> None:
        """Make `key` a set of its own if it is new."""
        if key not in self.parent:
            self.parent[key] = key
            self.size[key] = 1

    def find(self, key: str) -> str:
        """The representative of `key`'s set."""
        self.add(key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, keys: Iterable[str]) -> None:
        """Put all `keys` in one set."""
        keys = list(keys)
        if not keys:
            return
        root = self.find(keys[0])
        for k in keys[1:]:
            other = self.find(k)
            if other == root:
                continue
            if self.size[other] > self.size[root]:
                root, other = other, root
            self.parent[other] = root
            self.size[root] += self.size[other]


@functools.lru_cache(maxsize=1 << 16)  # a sort key: the same cites come back again and again
def citation_rank(cite: str) -> tuple[int, str]:
    """Sort key that puts official reporters first and WL / LEXIS last."""
    reporter = _VOLUME.sub("", cite)
    reporter = _PAGE.sub("", reporter)
    for i, pattern in enumerate(_REPORTER_RANK_RE):
        if pattern.search(reporter):
            return (i if i < 6 else 10 + i, cite)
    return (6, cite)


def short_name(name: str | None) -> str | None:
    """The name a short form uses: "Monell v. Dep't of Soc. Servs." -> "Monell"."""
    if not name:
        return None
    parties = re.split(r"\s+v\.?\s+", name, maxsplit=1)
    first = parties[0].strip()
    if first.lower().rstrip(".") in GOVERNMENT and len(parties) > 1:
        first = parties[1].strip()
    first = re.sub(r"^(?:In re|Ex parte|In the Matter of)\s+", "", first, flags=re.I)
    first = first.split(",")[0].strip()
    return first or None


# Corpus linking compares every cited name with every corpus opinion of the same
# court and year: the same names come back thousands of times, so their words are
# computed once.
@functools.lru_cache(maxsize=1 << 16)
def _party_tokens(name: str) -> tuple[frozenset[str], ...]:
    parties = re.split(r"\s+v\.?\s+", _folded(name), maxsplit=1)
    return tuple(
        frozenset(
            {T6_EXPANSIONS.get(w, w) for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", p)}
            - NAME_STOP_WORDS
        )
        for p in parties
    )


def _folded(name: str) -> str:
    """`name` in lower-case ASCII, accents folded, without honorifics ("Hon.", "Jr.")."""
    folded = fold(name).encode("ascii", "ignore").decode()
    return re.sub(r"\b(?:hon|honorable|dr|mr|mrs|ms|jr|sr)\.?\s", " ", folded)


def _distinctive_words(name: str | None) -> frozenset[str]:
    """The words of a two-party case name that names_match counts as shared evidence."""
    if not name:
        return frozenset()
    parties = _party_tokens(name)
    if len(parties) != 2:
        return frozenset()
    return frozenset(w for p in parties for w in p if len(w) > 2) - GENERIC_PARTY_WORDS


def names_match(a: str | None, b: str | None) -> bool:
    """Whether two case names name the same case: every party agrees on its words.

    The documented threshold: each party's words of the shorter name must all be in
    the other's party (so "United States v. McAndrews" matches "United States v.
    Willie McAndrews"), a one-word party against two or three words must be their last
    (the surname), and at least one distinctive word of three letters or more is
    shared. Words are compared after folding accents and Bluebook abbreviations
    ("Dep't" = "Department"); "Inc.", "Corp.", "the", "of" do not count.
    """
    if not a or not b:
        return False
    ta, tb = _party_tokens(a), _party_tokens(b)
    if len(ta) != 2 or len(tb) != 2:
        return False
    shared = 0
    for pa, pb, la, lb in zip(ta, tb, _last_words(a), _last_words(b), strict=False):
        if not pa or not pb:
            return False
        small, big = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
        if not small <= big:
            return False
        # one name against a person's two or three: it must be the surname, so
        # "United States v. Daniel" is not "United States v. Daniel Franco"
        if len(small) == 1 and 2 <= len(big) <= 3 and la != lb:
            return False
        shared += len({w for w in small if len(w) > 2} - GENERIC_PARTY_WORDS)
    return shared > 0


@functools.lru_cache(maxsize=1 << 16)
def _last_words(name: str | None) -> tuple[str, ...]:
    """The last significant word of each party: a surname ("Franco" of "Daniel Franco")."""
    out = []
    for party in name_parts(name):
        words = [w for w in party if w not in NAME_STOP_WORDS]
        out.append(words[-1] if words else "")
    return tuple(out)


def name_parts(name: str | None) -> list[list[str]]:
    """The significant words of each party, in order."""
    if not name:
        return []
    folded = re.sub(r",?\s+(?:et al|inc|corp|co|ltd|llc)\b\.?", " ", _folded(name))
    parties = re.split(r"\s+v\.?\s+", folded, maxsplit=1)
    return [
        [T6_EXPANSIONS.get(w, w) for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", p)] for p in parties
    ]


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
    authorities, id_of_root = _authorities(opinions, own, citations, uf)
    resolved = _resolved(by_opinion, authorities, id_of_root, uf)
    # authorities reached only through self-citations are not part of the graph
    used = {c.authority for c in resolved}
    return [a for a in authorities.values() if a.id in used], resolved


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
        uf.union(cites)
    for recs in by_opinion.values():
        for c in recs:
            if _names(c):
                uf.union(_keys(c))
            elif c.cites and c.antecedent is not None and recs[c.antecedent].cites:
                # a short cite that gives a parallel ("Liberty Lobby, 477 U.S. at 255,
                # 106 S.Ct. 2505") unites it with the case it stands for
                uf.union([recs[c.antecedent].cites[0], *c.cites])
    _join_slip_opinions(uf, citations)
    return uf


def _authorities(
    opinions: list[Opinion],
    own: dict[str, list[str]],
    citations: list[Citation],
    uf: UnionFind,
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
        a = _authority(recs, own_strings[root], opinion_of_root.get(root), corpus)
        id_of_root[root] = a.id
        if a.id in authorities:  # two sets matched to one corpus opinion
            known = authorities[a.id]
            known.citations = sorted(set(known.citations) | set(a.citations), key=citation_rank)
        else:
            authorities[a.id] = a
    return authorities, id_of_root


_CorpusIndex = dict[tuple[str | None, int | None], dict[str, list[Opinion]]]


def _corpus_by_court_year(opinions: list[Opinion]) -> _CorpusIndex:
    """Corpus opinions by court, year and each distinctive word of their names."""
    corpus: _CorpusIndex = defaultdict(lambda: defaultdict(list))
    for op in opinions:
        year = int(op.date[:4]) if op.date else None
        for word in _distinctive_words(op.name):
            corpus[(op.court, year)][word].append(op)
    return corpus


def _authority(
    recs: list[Citation], own_strings: set[str], opinion: str | None, corpus: _CorpusIndex
) -> Authority:
    """The authority a set of full citations names, by the mode of their metadata."""
    kind = Counter(r.kind for r in recs).most_common(1)[0][0]
    keyed = sorted({x for r in recs for x in _keys(r)} | own_strings, key=citation_rank)
    # a slip cite is shown as written ("562 U.S. ___"), without the name that keys it
    cites = list(dict.fromkeys(re.sub(r" \(.*\)$", "", x) if "___" in x else x for x in keyed))
    name = _mode([r.name for r in recs if r.name and _is_full_name(r.name)]) or _mode(
        [r.name for r in recs]
    )
    year = _mode([r.year for r in recs])
    court = _mode([r.court for r in recs])
    if opinion is None and kind == "case":
        opinion = _match_corpus(cites, name, court, year, corpus)
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
                by_stem[_stem(x)].append(a)
    resolved: list[Citation] = []
    for op_id, recs in by_opinion.items():
        ids = _authority_ids(recs, authorities, by_stem, id_of_root, uf)
        for c, aid in zip(recs, ids, strict=True):
            if aid and aid != op_id:
                via = ids[c.parent] if c.parent is not None else c.via
                resolved.append(replace(c, authority=aid, via=via))
    return resolved


def _authority_ids(
    recs: list[Citation],
    authorities: dict[str, Authority],
    by_stem: dict[str, list[Authority]],
    id_of_root: dict[str, str],
    uf: UnionFind,
) -> list[str | None]:
    """The authority of each of one opinion's citations: a full citation's set, a
    short form's antecedent, else a short cite's own (`_unresolved_short`)."""
    ids: list[str | None] = []
    for c in recs:
        aid: str | None
        if _names(c):
            aid = id_of_root[uf.find(_keys(c)[0])]
        elif c.antecedent is not None and c.antecedent < len(ids) and ids[c.antecedent]:
            aid = ids[c.antecedent]
        elif c.form == "short" and c.volume and c.reporter:
            aid = _unresolved_short(c, authorities, by_stem)
        else:
            aid = c.authority
        ids.append(aid)
    return ids


def _unresolved_short(
    c: Citation, authorities: dict[str, Authority], by_stem: dict[str, list[Authority]]
) -> str:
    """A short cite whose full citation never appears in its opinion.

    It goes to the authority of another opinion's full citation with the same volume
    and reporter and the same name; else it becomes an authority of its own, labelled
    by name, volume and reporter ("Esmont, 371 F. Supp. 2d"): not dropped, not merged.
    """
    stem = f"{c.volume} {c.reporter}"
    hits = {
        a.id
        for a in by_stem.get(stem, [])
        if c.short_name and a.name and _name_word(c.short_name) in _words(a.name)
    }
    if len(hits) == 1:
        return hits.pop()
    aid = f"{c.short_name}, {stem}" if c.short_name else stem
    if aid not in authorities:
        authorities[aid] = Authority(
            id=aid, kind="case", label=aid, name=c.short_name, citations=[stem]
        )
    return aid


_LAST_WORD = re.compile(r"\s+\S+$")


def _stem(cite: str) -> str:
    return _LAST_WORD.sub("", cite)


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9][a-z0-9'-]*", name.lower()))


def _name_word(name: str) -> str:
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", name.lower())
    return words[0] if words else ""


_FULL_NAME = re.compile(r"\sv\.?\s|^(?:in re|ex parte|matter of)\b", re.I)


def _is_full_name(name: str) -> bool:
    return bool(_FULL_NAME.search(name))


def _names(c: Citation) -> bool:
    """Whether `c` names its authority by its own cites: a full citation, or a short
    form of a law that carries its section ("§ 1988" after "42 U.S.C. § 1983", "Id.
    § 124.11") and stands for no earlier citation."""
    if not c.cites:
        return False
    return c.form == "full" or (c.kind != "case" and c.antecedent is None)


def _keys(c: Citation) -> list[str]:
    """The strings a full citation is united by: its cites, or its slip key."""
    return [_slip_key(c)] if c.notes == "slip" else c.cites


def _slip_key(c: Citation) -> str:
    """A slip cite ("571 U. S. ___") is told apart from others of its volume by name."""
    return f"{c.volume} {c.reporter} ___ ({(short_name(c.name) or '').lower()})"


def _join_slip_opinions(uf: UnionFind, citations: list[Citation]) -> None:
    """A slip cite ("562 U.S. ___") joins the reporter cites given for the same case.

    The same case is the one of the same name (see `names_match`) cited with the same
    volume of the same reporter, or, failing that, decided the same year in the same
    court ("Los Angeles Cnty. v. Humphries, 562 U.S. ___ (2010)" and "Los Angeles
    County v. Humphries, ___ U.S. ___, 131 S. Ct. 447 (2010)"). Several candidates:
    no join.
    """
    slips = [c for c in citations if c.form == "full" and c.notes == "slip"]
    if not slips:
        return
    by_stem: dict[str, list[Citation]] = defaultdict(list)
    by_year: dict[tuple[int | None, str | None], list[Citation]] = defaultdict(list)
    for c in citations:
        if c.form == "full" and c.kind == "case" and c.notes != "slip" and c.name and c.cites:
            for x in c.cites:
                by_stem[_stem(x)].append(c)
            by_year[(c.year, c.court)].append(c)
    for s in slips:
        hits = {
            uf.find(c.cites[0])
            for c in by_stem.get(f"{s.volume} {s.reporter}", [])
            if names_match(s.name, c.name)
        }
        if not hits and s.year:
            hits = {
                uf.find(c.cites[0])
                for c in by_year.get((s.year, s.court), [])
                if names_match(s.name, c.name)
            }
        if len(hits) == 1:
            uf.union([hits.pop(), _slip_key(s)])


def _match_corpus(
    cites: list[str],
    name: str | None,
    court: str | None,
    year: int | None,
    corpus: dict[tuple[str | None, int | None], dict[str, list[Opinion]]],
) -> str | None:
    if not name or year is None:
        return None
    # the parenthetical year is the decision year; names that match share a
    # distinctive word (names_match), so only opinions named with one are compared
    by_word = corpus.get((court, year))
    if not by_word:
        return None
    candidates = {id(op): op for w in _distinctive_words(name) for op in by_word.get(w, ())}
    hits = {
        op.id
        for op in candidates.values()
        if names_match(name, op.name) and not _cites_conflict(cites, own_citations(op))
    }
    return hits.pop() if len(hits) == 1 else None


def _cites_conflict(ours: list[str], theirs: list[str]) -> bool:
    """Two sets of citations that cannot be one case: the same reporter, another page.

    "United States v. Zapata, 1 F.3d 46" is not the corpus opinion "United States v.
    Zapata, 18 F.3d 971", however well the names agree.
    """
    series = {_series(c): c for c in theirs}
    return any(_series(c) in series and series[_series(c)] != c for c in ours)


def _series(cite: str) -> str:
    """The reporter of a citation ("F.3d" of "1 F.3d 46")."""
    parts = cite.split()
    return " ".join(parts[1:-1]) if len(parts) > 2 else cite


def _mode(values):  # type: ignore[no-untyped-def]
    vals = [v for v in values if v not in (None, "")]
    if len(vals) == 1:  # most authorities are cited once
        return vals[0]
    return Counter(vals).most_common(1)[0][0] if vals else None
