"""The union-find over citation strings, and the joins that span opinions.

`identify` unites the strings each opinion writes together (parallels, a corpus
opinion's own citations); the joins here unite what no one opinion wrote together: a
slip cite with the reporter cite of the same case, and the full citations of one name,
court and year whose citations never disagree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..loaders.extraction.records import federal_level
from ..models import Citation
from .names import distinctive_words, is_full_name, names_match, short_name


class UnionFind:
    """Disjoint sets of hashable keys (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.why: dict[str, str] = {}  # a key joined to another set: what joined it

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

    def union(self, keys: Iterable[str], why: str | None = None) -> None:
        """Put all `keys` in one set; `why`, if given, is kept for each key that was
        in another set (`self.why`)."""
        keys = list(keys)
        if not keys:
            return
        root = self.find(keys[0])
        for k in keys[1:]:
            other = self.find(k)
            if other == root:
                continue
            if why:
                self.why.setdefault(k, why)
                self.why.setdefault(keys[0], why)
            if self.size[other] > self.size[root]:
                root, other = other, root
            self.parent[other] = root
            self.size[root] += self.size[other]


_LAST_WORD = re.compile(r"\s+\S+$")


def stem(cite: str) -> str:
    """A citation without its page: its volume and reporter ("556 U.S." of "556 U.S. 662")."""
    return _LAST_WORD.sub("", cite)


# The early volumes of the United States Reports were first published under their
# reporters' names, page for page (Bluebook T1): "21 Wall. 558" is "88 U.S. 558".
# Reporter: (U.S. volume of its volume 1, less one; its last volume).
_NOMINATIVE = {
    "Dall.": (0, 4),
    "Cranch": (4, 9),
    "Wheat.": (13, 12),
    "Pet.": (25, 16),
    "How.": (41, 24),
    "Black": (65, 2),
    "Wall.": (67, 23),
}
_NOMINATIVE_CITE = re.compile(r"^(\d+) (Dall\.|Cranch|Wheat\.|Pet\.|How\.|Black|Wall\.) (\d+)$")
_US_WITH_NOMINATIVE = re.compile(r"^(\d+ U\.S\.) ?\(\d+ [A-Za-z.]+\) (\d+)$")


def us_reports(cite: str) -> str | None:
    """The United States Reports cite of an early Supreme Court cite written by its
    nominative reporter ("9 Wheat. 738" -> "22 U.S. 738", "5 U.S. (1 Cranch) 137" ->
    "5 U.S. 137"), else None."""
    m = _NOMINATIVE_CITE.match(cite)
    if m:
        volume, (offset, last), page = int(m.group(1)), _NOMINATIVE[m.group(2)], m.group(3)
        return f"{volume + offset} U.S. {page}" if 1 <= volume <= last else None
    m = _US_WITH_NOMINATIVE.match(cite)
    return f"{m.group(1)} {m.group(2)}" if m else None


def court_of(c: Citation) -> str | None:
    """The court of a case citation: as found, else "scotus" for a cite in a reporter of
    the Supreme Court's decisions only (eyecite leaves "111 S. Ct. 403" without one)."""
    if c.court:
        return c.court
    return "scotus" if any(federal_level(series(x)) == "supreme" for x in c.cites) else None


def slip_key(c: Citation) -> str:
    """A slip cite ("571 U. S. ___") is told apart from others of its volume by name."""
    return f"{c.volume} {c.reporter} ___ ({(short_name(c.name) or '').lower()})"


def join_slip_opinions(uf: UnionFind, citations: list[Citation]) -> None:
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
                by_stem[stem(x)].append(c)
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
            uf.union([hits.pop(), slip_key(s)], "slip opinion of the same name")


def join_same_case(uf: UnionFind, citations: list[Citation]) -> None:
    """Full citations of one name, court and year whose citations never disagree are
    one case: "Ashcroft v. Iqbal, 556 U.S. 662 (2009)" in one opinion and "Ashcroft v.
    Iqbal, 129 S. Ct. 1937 (2009)" in another, though no opinion wrote both.

    The guard against two cases of one name and year: every set of citations whose
    names match (see `names_match`) is joined only when, all together, they give each
    reporter one page at most. "United States v. Smith, 1 F.3d 1 (1st Cir. 1993)" and
    "United States v. Smith, 5 F.3d 9 (1st Cir. 1993)" are two cases, so a "1993 WL 7"
    of that name joins neither. A citation written without its year joins the one
    case of its name and court, if there is exactly one.
    """
    named: dict[str, list[Citation]] = defaultdict(list)
    strings: dict[str, set[str]] = defaultdict(set)
    for c in citations:
        if (
            c.form == "full"
            and c.kind == "case"
            and c.notes != "slip"
            and c.cites
            and court_of(c)
            and c.name
            and is_full_name(c.name)
        ):
            root = uf.find(c.cites[0])
            named[root].append(c)
            # a nominative cite is also its U.S. Reports page: "3 How. 197" is "44 U.S.
            # 197", which "286 U.S. 1" of the same name contradicts
            strings[root].update(c.cites, (us for x in c.cites if (us := us_reports(x))))
    dated: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    by_court: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[str, set[str]] = {}
    for root, recs in named.items():
        names[root] = {c.name for c in recs if c.name}
        for c in recs:
            for w in distinctive_words(c.name):
                by_court[(court_of(c), w)].add(root)  # type: ignore[index]
                if c.year:
                    dated[(court_of(c), c.year, w)].add(root)  # type: ignore[index]

    def same_name(a: str, b: str) -> bool:
        return any(names_match(x, y) for x in names[a] for y in names[b])

    links = UnionFind()
    for bucket in dated.values():
        ordered = sorted(bucket)
        for i, a in enumerate(ordered):
            links.add(a)
            for b in ordered[i + 1 :]:
                if links.find(a) != links.find(b) and same_name(a, b):
                    links.union([a, b])
    cases = {g: roots for g, roots in _groups(links).items() if _one_page(roots, strings)}
    for roots in cases.values():
        uf.union(roots, "same name, court and year")
    # a citation without a year: with the citations of its name and court, dated (of
    # one year) or not, when all together give each reporter one page
    loose = UnionFind()
    for root, recs in named.items():
        if root in links.parent:
            continue
        loose.add(root)
        for c in recs:
            for w in distinctive_words(c.name):
                for other in by_court.get((court_of(c), w), ()):  # type: ignore[arg-type]
                    if other != root and same_name(root, other):
                        loose.union(
                            [root, f"year:{links.find(other)}" if other in links.parent else other]
                        )
    for members in _groups(loose).values():
        years = [m[5:] for m in members if m.startswith("year:")]
        roots = [
            r for m in members for r in (cases.get(m[5:], []) if m.startswith("year:") else [m])
        ]
        if (
            len(roots) > 1
            and len(years) <= 1
            and (not years or years[0] in cases)
            and _one_page(roots, strings)
        ):
            uf.union(roots, "same name and court")


def _groups(links: UnionFind) -> dict[str, list[str]]:
    """The sets of `links`, by their representative."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in links.parent:
        groups[links.find(key)].append(key)
    return groups


def _one_page(roots: list[str], strings: dict[str, set[str]]) -> bool:
    """Whether the citations of `roots`, all together, give each reporter one page."""
    seen: dict[str, str] = {}
    return all(seen.setdefault(series(x), x) == x for r in roots for x in strings[r])


def series(cite: str) -> str:
    """The reporter of a citation ("F.3d" of "1 F.3d 46"; "No." of a docket number)."""
    if cite.startswith("No. "):
        return "No."  # a case has one docket number here: two are two cases
    parts = cite.split()
    return " ".join(parts[1:-1]) if len(parts) > 2 else cite
