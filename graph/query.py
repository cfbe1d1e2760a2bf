"""Questions asked of a finished build: which authority or opinion a name means, the
passages that cite it, what a corpus opinion cites, and the corpus's statistics.

Everything here reads the three tables a build writes (opinions.jsonl,
authorities.jsonl, citations.jsonl; `graph.tables.read_tables`), or the same rows
taken from a build in memory (a Corpus; `tables_of`), so `citegraph show` and `citegraph
stats` answer without reading the opinions again. Results are plain rows and small
dataclasses, ready for JSON.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import CitegraphError
from ..models import Authority
from ..vocabulary import PIN_TAIL, fold
from .identity import short_name
from .metrics import counts, hits
from .status import SEVERITY
from .tables import Records, Tables, from_tables, tables_of

if TYPE_CHECKING:
    import networkx as nx

Row = dict[str, Any]
AMBIGUOUS_SHOWN = 10  # close matches listed when a name is ambiguous
FUZZY_CUTOFF = 0.8  # difflib ratio a misspelt word must reach ("monnel" -> "monell")
HINT_CUTOFF = 0.6  # ... to be suggested when nothing matches


class _Index:
    """Lookups by id over a build's tables."""

    def __init__(self, tables: Tables) -> None:
        self.opinion_by_id = {o["id"]: o for o in tables.opinions}
        self.authority_by_id = {a["id"]: a for a in tables.authorities}

    def label(self, node: str) -> str:
        """How an opinion or authority is shown: its label, else its name, else its id."""
        if node in self.opinion_by_id:
            return opinion_label(self.opinion_by_id[node])
        a = self.authority_by_id.get(node)
        return str((a.get("label") or a.get("name") or node) if a else node)


def opinion_label(row: Row) -> str:
    """The label of a corpus opinion as the graph has it: "Name, citation (year)"."""
    label = row.get("name") or row["id"]
    if row.get("citations"):
        label = f"{label}, {row['citations'][0]}"
    if row.get("date"):
        label = f"{label} ({row['date'][:4]})"
    return str(label)


@dataclass
class Match(Authority):
    """What a query named: an authority, a corpus opinion, or both (a cited corpus
    opinion), with the Authority's fields (`opinion`: the corpus opinion it is)."""

    in_corpus: bool = False
    cited: int = 0  # occurrences citing it


@dataclass
class Group:
    """The passages of one citing opinion that cite an authority, in text order."""

    opinion: str
    label: str
    date: str | None
    passages: list[Row]


# --- finding an authority or opinion by name or citation -------------------------------

_TOKEN = re.compile(r"§|[a-z0-9]+")


def _compact(text: str) -> str:
    """Case, spacing and punctuation folded: "436 U. S. 658", "436 US 658" agree, and
    "42 USC 1983" finds "42 U.S.C. § 1983"."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


_SHORT = re.compile(r"^(\d+)\s+(.+?)\s+at\s+(\d+)\b")
_CITE = re.compile(r"^(\d+)\s+(.+?)(?:\s+(\d+))?$")


def _short_form_hits(query: str, cands: list[_Candidate]) -> list[_Candidate]:
    """A short form ("135 S. Ct. at 2473") means the case of that volume and reporter
    that starts on the nearest page at or before the pin."""
    m = _SHORT.match(query.strip())
    if not m:
        return []
    volume, reporter, pin = m.group(1), _compact(m.group(2)), int(m.group(3))
    best: dict[str, tuple[int, _Candidate]] = {}
    for cand in cands:
        for cite in cand.match.citations:
            c = _CITE.match(cite)
            if not c or c.group(1) != volume or _compact(c.group(2)) != reporter:
                continue
            page = int(c.group(3)) if c.group(3) else 0  # a stem: "371 F. Supp. 2d"
            if page <= pin:
                best[cand.match.id] = max(
                    best.get(cand.match.id, (-1, cand)), (page, cand), key=lambda pc: pc[0]
                )
    if not best:
        return []
    top = max(page for page, _ in best.values())
    return [cand for page, cand in best.values() if page == top]


@dataclass
class _Candidate:
    match: Match
    keys: set[str]  # compact ids, citations and labels
    names: set[str]  # compact names and short names
    tokens: set[str]
    cites: set[tuple[str, ...]]  # each citation as words: ("436", "u", "s", "658")


def _candidates(tables: Tables) -> list[_Candidate]:
    cited = Counter(c["authority"] for c in tables.citations)
    out: dict[str, _Candidate] = {}

    def add(row: Row, kind: str, label: str, in_corpus: bool) -> None:
        node = row["id"]
        cites = list(row.get("citations") or [])
        name = row.get("name")
        if node in out:  # a corpus opinion that is also cited: one node, both views
            cand = out[node]
            cand.match.in_corpus = cand.match.in_corpus or in_corpus
            cand.match.opinion = cand.match.opinion or (node if in_corpus else None)
            cand.match.citations = sorted(set(cand.match.citations) | set(cites))
            cand.match.name = cand.match.name or name
        else:
            year = row.get("year") or (int(row["date"][:4]) if row.get("date") else None)
            match = Match(
                id=node,
                label=label,
                kind=kind,
                name=name,
                citations=cites,
                court=row.get("court"),
                year=year,
                opinion=node if in_corpus else row.get("opinion"),
                in_corpus=in_corpus,
                cited=cited.get(node, 0),
            )
            cand = _Candidate(match, set(), set(), set(), set())
            out[node] = cand
        for text in [node, label, *cites]:
            cand.keys.add(_compact(text))
        for text in (name, short_name(name)):
            if text:
                cand.names.add(_compact(text))
        for text in [node, label, name or "", *cites]:
            cand.tokens.update(_TOKEN.findall(fold(text)))
        for cite in cites:
            words = tuple(_TOKEN.findall(fold(cite)))
            if len(words) >= 3 and words[0].isdigit():
                cand.cites.add(words)

    corpus = {o["id"] for o in tables.opinions}
    for o in tables.opinions:
        add(o, "case", opinion_label(o), True)
    for a in tables.authorities:
        add(a, a.get("kind") or "other", a.get("label") or a["id"], a["id"] in corpus)
    cands = list(out.values())
    for cand in cands:
        cand.keys.discard("")
    return cands


def _embedded_citation_hits(words: list[str], cands: list[_Candidate]) -> list[_Candidate]:
    """Candidates whose citation stands, word for word, inside the query: a whole
    citation pasted from a brief ("Monell v. Dep't of Soc. Servs., 436 U.S. 658, 690
    (1978)") finds its case, and "12 F.3d 34" never finds "12 F.3d 3"."""
    by_cite: dict[tuple[str, ...], list[_Candidate]] = defaultdict(list)
    for cand in cands:
        for cite in cand.cites:
            by_cite[cite].append(cand)
    hits: dict[str, _Candidate] = {}
    for i, word in enumerate(words):
        if not word.isdigit():
            continue
        for j in range(i + 3, min(i + 9, len(words)) + 1):
            for cand in by_cite.get(tuple(words[i:j]), []):
                hits[cand.match.id] = cand
    return list(hits.values())


def _word_hits(query: list[str], tokens: set[str]) -> bool:
    """Every word of the query is a word of the candidate (a word of 3+ letters may be
    the start of one: "kings" finds Kingsley); numbers and § must agree exactly."""
    for q in query:
        if q in tokens:
            continue
        if q.isalpha() and len(q) >= 3 and any(t.startswith(q) for t in tokens):
            continue
        return False
    return True


def _likeness(query: list[str], vocabulary: list[str]) -> list[dict[str, float]]:
    """For each query word, the words of the corpus spelt like it and how alike (difflib
    ratio); numbers and § only match themselves."""
    out = []
    for q in query:
        if not q.isalpha():
            out.append({q: 1.0})
            continue
        close = difflib.get_close_matches(q, vocabulary, n=200, cutoff=HINT_CUTOFF)
        out.append({t: difflib.SequenceMatcher(None, q, t).ratio() for t in close})
    return out


def _fuzzy_score(likeness: list[dict[str, float]], tokens: set[str]) -> float:
    """The worst of the query words' best likeness to a candidate's word."""
    score = 1.0
    for like in likeness:
        score = min(score, max((like.get(t, 0.0) for t in tokens), default=0.0))
    return score


def find(tables: Tables | Records, query: str) -> Match:
    """The authority or corpus opinion a name or citation means.

    Tried in order, the first rule that matches anything decides: an exact id,
    citation or label ("436 U.S. 658"); the same without a pin or parenthetical
    ("436 U.S. 658, 691 (1978)"); a short form ("436 U.S. at 694": the case of that
    volume and reporter starting nearest before the pin); a citation inside a longer
    query (a whole citation pasted from a brief); the case's name or short name
    ("monell"); every word of the query in the name or citations ("hartford russo");
    a close spelling ("monnel").

    Args:
        tables: the build: its tables (graph.tables.read_tables) or a build in memory (a Corpus).
        query: a name, a citation or an id.

    Returns:
        The one match.

    Raises:
        CitegraphError: nothing matches, or several do (the message lists them).
    """
    query = query.strip()
    cands = _candidates(tables_of(tables))
    as_written, without_pin = _compact(query), _compact(PIN_TAIL.sub("", query))
    words = [w for w in _TOKEN.findall(fold(query)) if w not in {"v", "vs"}]
    if not as_written and not words:
        raise CitegraphError("give a name or a citation to look for")
    tiers: list[Callable[[], list[_Candidate]]] = [
        lambda: [c for c in cands if as_written in c.keys],
        lambda: [c for c in cands if without_pin in c.keys],
        lambda: _short_form_hits(query, cands),
        lambda: _embedded_citation_hits(words, cands),
        lambda: [c for c in cands if c.names & {as_written, without_pin}],
        lambda: [c for c in cands if words and _word_hits(words, c.tokens)],
    ]
    for rule in tiers:
        tier = rule()
        if len(tier) == 1:
            return tier[0].match
        if tier:
            _ambiguous(query, [c.match for c in tier])
    vocabulary = sorted({t for c in cands for t in c.tokens if t.isalpha()})
    likeness = _likeness(words, vocabulary)
    scored = sorted(
        ((_fuzzy_score(likeness, c.tokens), c) for c in cands),
        key=lambda sc: (-sc[0], -sc[1].match.cited, sc[1].match.label),
    )
    close = [c for s, c in scored if s >= FUZZY_CUTOFF]
    if len(close) == 1:
        return close[0].match
    if close:
        _ambiguous(query, [c.match for c in close], by_likeness=True)
    hint = "; the closest: " + "; ".join(_printable(c.match.label) for s, c in scored[:3] if s > 0)
    raise CitegraphError(
        f'no authority or opinion matches "{_printable(query)}"'
        + (hint if scored and scored[0][0] > 0 else ": try a citation such as 436 U.S. 658")
    )


def _printable(text: str) -> str:
    """Labels come from opinion text: no control character reaches the terminal."""
    return " ".join(re.sub("[\x00-\x1f\x7f-\x9f]", " ", text).split())


def _ambiguous(query: str, matches: list[Match], by_likeness: bool = False) -> None:
    if not by_likeness:  # else they come closest spelling first
        matches = sorted(matches, key=lambda m: (-m.cited, m.label))
    lines = []
    for m in matches[:AMBIGUOUS_SHOWN]:
        what = f"{m.kind}, corpus opinion" if m.in_corpus else m.kind
        ask = "" if m.id in m.label else f"  [{_printable(m.id)}]"
        lines.append(f"  {_printable(m.label)}{ask}  ({_printable(what)}, cited {m.cited}x)")
    more = len(matches) - AMBIGUOUS_SHOWN
    if more > 0:
        lines.append(f"  ... and {more} more")
    raise CitegraphError(
        f'"{_printable(query)}" matches {len(matches)} authorities or opinions; '
        "ask for one by its citation or id:\n" + "\n".join(lines)
    )


# --- passages ---------------------------------------------------------------------------


def citing(tables: Tables | Records, node: str) -> list[Group]:
    """Every passage that cites `node`, grouped by citing opinion.

    Groups are in date order (undated last), passages in text order.

    Args:
        tables: the build: its tables or a build in memory (a Corpus).
        node: an authority id (or the id of a corpus opinion).

    Returns:
        One Group per citing opinion; a passage inside another authority's
        parenthetical ("Y (quoting X)") carries `via_label`, Y's label.
    """
    tables = tables_of(tables)
    index = _Index(tables)
    by_opinion: dict[str, list[Row]] = defaultdict(list)
    for c in tables.citations:
        if c["authority"] == node:
            by_opinion[c["opinion"]].append(_with_via_label(c, index))
    opinions = {o["id"]: o for o in tables.opinions}
    groups = []
    for op, rows in by_opinion.items():
        row = opinions.get(op, {"id": op})
        rows.sort(key=lambda c: c.get("start") or 0)
        groups.append(Group(op, opinion_label(row), row.get("date"), rows))
    groups.sort(key=lambda g: (g.date is None, g.date or "", g.label))
    return groups


def _with_via_label(row: Row, index: _Index) -> Row:
    """The row, plus `via_label` when it stands in another authority's parenthetical
    ("Y (quoting X)": the row for X has via = Y)."""
    return {**row, "via_label": index.label(row["via"])} if row.get("via") else row


def cites(tables: Tables | Records, opinion: str) -> list[Row]:
    """What a corpus opinion cites, in text order: its citation rows, each with the
    label of the authority it points at under `label`.

    Args:
        tables: the build: its tables or a build in memory (a Corpus).
        opinion: the id of a corpus opinion.
    """
    tables = tables_of(tables)
    index = _Index(tables)
    rows = [
        {**_with_via_label(c, index), "label": index.label(c["authority"])}
        for c in tables.citations
        if c["opinion"] == opinion
    ]
    rows.sort(key=lambda c: c.get("start") or 0)
    return rows


# --- the graph and its statistics ------------------------------------------------------


def stats(
    tables: Tables | Records, top: int = 10, graph: nx.DiGraph | None = None
) -> dict[str, Any]:
    """The corpus in numbers.

    Args:
        tables: the build: its tables or a build in memory (a Corpus).
        top: how many rows each ranking keeps.
        graph: the build's graph if at hand (a Corpus brings its own; else it is
            rebuilt from the tables).

    Returns:
        A JSON-ready dict: `counts` (opinions, authorities, citations, edges),
        `kinds` (authorities and citations of each kind), `forms` (citations of each
        form), `most_cited` (by citing opinions, then occurrences), `pagerank`,
        `hits` (authority and hub scores), `citing_most` (opinions with the most
        citations), `joined` (authorities that hold several citation strings: how
        many, what joined them, the most cited of them), `status` (authorities the
        corpus overrules or weakens: counts by status and the flagged ones, graph.status)
        and `unresolved` (authorities
        reached only through short forms whose full citation appears nowhere in the
        corpus).
    """
    if graph is None and not isinstance(tables, Tables):
        graph = tables.graph
    tables = tables_of(tables)
    g = graph if graph is not None else from_tables(tables)
    index = _Index(tables)
    tally = _Tally.of(tables)
    pagerank, hub, auth = _centrality(g)
    unresolved = _unresolved(tables, tally, index)

    def node(n: str) -> Row:
        return {"id": n, "label": index.label(n)}

    def centrality(n: str) -> Row:
        return {**node(n), "pagerank": pagerank[n], "authority": auth[n], "hub": hub[n]}

    def ranked(scores: dict[str, float]) -> list[str]:
        return sorted(scores, key=lambda n: (-scores[n], n))[:top]

    return {
        "counts": {**counts(g), "unresolved": len(unresolved)},
        "kinds": _kinds(tables),
        "forms": dict(Counter(c.get("form") or "full" for c in tables.citations).most_common()),
        "most_cited": [
            {
                **node(n),
                "kind": _kind(index, n),
                "opinions": len(tally.citing_ops[n]),
                "citations": tally.occurrences[n],
                "citing": sorted(tally.citing_ops[n]),
            }
            for n in tally.most_cited()[:top]
        ],
        "pagerank": [centrality(n) for n in ranked(pagerank)],
        "hits": [centrality(n) for n in ranked(auth)],
        "citing_most": [
            {
                **node(op),
                "citations": tally.per_opinion[op],
                "authorities": len(tally.authorities_of[op]),
            }
            for op in sorted(tally.per_opinion, key=lambda n: (-tally.per_opinion[n], n))[:top]
        ],
        "joined": _joined(tables, tally, top),
        "status": _statuses(tables, index, top),
        "unresolved": [
            {
                **node(n),
                "written": tally.written[n],
                "citations": tally.occurrences[n],
                "opinions": len(tally.citing_ops[n]),
            }
            for n in sorted(unresolved, key=lambda n: (-tally.occurrences[n], n))[:top]
        ],
    }


@dataclass
class _Tally:
    """What the citation rows say of each authority and each citing opinion."""

    occurrences: Counter[str] = field(default_factory=Counter)  # rows citing an authority
    citing_ops: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    forms_of: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    written: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    per_opinion: Counter[str] = field(default_factory=Counter)  # rows of a citing opinion
    authorities_of: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, tables: Tables) -> _Tally:
        """Count the citation rows of `tables`."""
        tally = cls()
        for c in tables.citations:
            a, op = c["authority"], c["opinion"]
            tally.per_opinion[op] += 1
            tally.authorities_of[op].add(a)
            if c.get("source") == "history" and c.get("via"):
                continue  # what became of the case cited, not a citation of its own
            tally.occurrences[a] += 1
            tally.citing_ops[a].add(op)
            tally.forms_of[a][c.get("form") or "full"] += 1
            if c.get("text") and c["text"] not in tally.written[a]:
                tally.written[a].append(c["text"])
        return tally

    def most_cited(self) -> list[str]:
        """Authorities by citing opinions, then occurrences, then id."""
        return sorted(
            self.occurrences, key=lambda n: (-len(self.citing_ops[n]), -self.occurrences[n], n)
        )


def _joined(tables: Tables, tally: _Tally, top: int) -> dict[str, Any]:
    """The authorities that are one node for several citation strings (graph.identity)."""
    several = [a for a in tables.authorities if len(a.get("citations") or []) > 1]
    by = Counter(why for a in several for why in a.get("joined_by") or [])
    several.sort(key=lambda a: (-len(tally.citing_ops[a["id"]]), a["id"]))
    return {
        "authorities": len(several),
        "by": dict(by.most_common()),
        "examples": [
            {
                "id": a["id"],
                "label": a.get("label") or a["id"],
                "citations": list(a["citations"]),
                "joined_by": list(a.get("joined_by") or []),
                "opinions": len(tally.citing_ops[a["id"]]),
            }
            for a in several[:top]
        ],
    }


def status_of(tables: Tables | Records, node: str) -> list[Row]:
    """Every treatment that flags `node` (graph.status): what, by whom (`by_label`), the
    words, the most severe first; empty for an authority nobody overruled or weakened."""
    tables = tables_of(tables)
    index = _Index(tables)
    for a in tables.authorities:
        if a["id"] == node:
            rows = [{**t, "by_label": index.label(t["by"])} for t in a.get("treated_by") or []]
            return sorted(rows, key=lambda t: SEVERITY.index(t["treatment"]))
    return []


def _statuses(tables: Tables, index: _Index, top: int) -> dict[str, Any]:
    """How many authorities carry each status, and the flagged ones, the most severe and
    most cited first."""
    flagged = [a for a in tables.authorities if a.get("status")]
    cited = Counter(c.get("authority") for c in tables.citations)
    flagged.sort(key=lambda a: (SEVERITY.index(a["status"]), -cited[a["id"]], a["id"]))
    return {
        "counts": dict(Counter(a["status"] for a in flagged).most_common()),
        "flagged": [
            {
                "id": a["id"],
                "label": index.label(a["id"]),
                "status": a["status"],
                "by": a.get("status_by"),
                "by_label": index.label(a["status_by"]) if a.get("status_by") else None,
                "passage": a.get("status_passage"),
            }
            for a in flagged[:top]
        ],
    }


def _kinds(tables: Tables) -> dict[str, dict[str, int]]:
    """Authorities and citations of each kind, the kind with the most authorities first."""
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: {"authorities": 0, "citations": 0})
    for a in tables.authorities:
        kinds[a.get("kind") or "other"]["authorities"] += 1
    for c in tables.citations:
        kinds[c.get("kind") or "other"]["citations"] += 1
    return dict(sorted(kinds.items(), key=lambda kv: -kv[1]["authorities"]))


def _kind(index: _Index, n: str) -> str:
    a = index.authority_by_id.get(n)
    return (a.get("kind") if a else None) or "case"


def _centrality(
    g: nx.DiGraph,
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """PageRank, hub and authority scores of every node: the graph's own when the build
    computed them, else HITS computed here."""
    pagerank = {n: float(d.get("pagerank") or 0.0) for n, d in g.nodes(data=True)}
    if all("authority_score" in d for _, d in g.nodes(data=True)):
        hub = {n: float(d.get("hub") or 0.0) for n, d in g.nodes(data=True)}
        auth = {n: float(d["authority_score"]) for n, d in g.nodes(data=True)}
    else:
        hub, auth = hits(g)
    return pagerank, hub, auth


def _unresolved(tables: Tables, tally: _Tally, index: _Index) -> list[str]:
    """Authorities cited only by short forms whose full citation appears nowhere in the
    corpus (and that are no corpus opinion)."""
    return [
        a["id"]
        for a in tables.authorities
        if tally.occurrences[a["id"]]
        and not tally.forms_of[a["id"]]["full"]
        and a["id"] not in index.opinion_by_id
    ]
