"""Short forms (short cites, supra, name-only references, Id.) tied to what they stand for.

eyecite resolves short forms too, but binds an Id. to a case cited inside a
parenthetical (eyecite #348) or to the last case after a record cite (#349), and guesses
a short cite's name from the wrong words when citations follow each other closely.
"""

from __future__ import annotations

import re
from typing import Any

from .found import Found
from .names import first_word, name_words


def resolve_short_forms(items: list[Found], resource_of: dict[int, Any]) -> None:
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
    first_full = _first_full_of_resource(items, resource_of)
    seen: list[Found] = []
    for f in items:
        rec = f.rec
        if rec.form == "short":
            stem = f"{rec.volume} {rec.reporter}"
            f.target = _only(
                [p for p in seen if any(_stem(c) == stem for c in p.rec.cites)], rec.short_name
            )
        elif rec.form == "supra":
            if rec.short_name:
                f.target = _only(_named(seen, rec.short_name), None)
        elif rec.form == "reference":
            for o in f.objs:
                res = resource_of.get(id(o))
                if res is not None and id(res) in first_full:
                    f.target = first_full[id(res)]
                    break
        if rec.form == "full" and rec.kind == "case":
            seen.append(f)


def _first_full_of_resource(items: list[Found], resource_of: dict[int, Any]) -> dict[int, Found]:
    """The first full case citation of each of eyecite's resources (by the resource's id)."""
    first_full: dict[int, Found] = {}
    for f in items:
        if f.rec.form == "full" and f.rec.kind == "case":
            for o in f.objs:
                res = resource_of.get(id(o))
                if res is not None:
                    first_full.setdefault(id(res), f)
    return first_full


def _named(candidates: list[Found], name: str) -> list[Found]:
    """The candidates whose case name holds the first word of `name`."""
    word = first_word(name)
    return [c for c in candidates if c.rec.name and word in name_words(c.rec.name)]


def _only(candidates: list[Found], name: str | None) -> Found | None:
    """The one case among `candidates` (repeated citations of it count once)."""
    cases: dict[str, Found] = {}
    for c in candidates:
        key = c.rec.cites[0] if c.rec.notes != "slip" else f"{c.rec.cites[0]}#{id(c)}"
        for other in list(cases):
            if key != other and set(cases[other].rec.cites) & set(c.rec.cites):
                key = other
        cases.setdefault(key, c)
    if len(cases) == 1:
        return next(iter(cases.values()))
    if len(cases) > 1 and name:
        named = _named(list(cases.values()), name)
        if len(named) == 1:
            return named[0]
    return None


def _stem(cite: str) -> str:
    return re.sub(r"\s+\S+$", "", cite)


def resolve_ids(items: list[Found], resource_of: dict[int, Any], text: str = "") -> None:
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
        target: Found | None = prev
        while target is not None and target.rec.form != "full" and target.target is not None:
            target = target.target
        if target is None or (target.rec.form == "id" and target.target is None):
            continue
        if not climbed and not _pin_fits(f.rec.pin, target):
            continue
        if _paged(f, text) and not _has_pages(target):
            continue  # "Id. at 5" after "Local Rule 7-3": a page of something else
        f.target = target


def _container(items: list[Found], inner: Found, before: int) -> Found | None:
    """The citation whose parentheticals hold `inner` but not the offset `before`."""
    for g in items:
        if g is inner or g.rec.end > inner.rec.start:
            continue
        if g.rec.end <= inner.rec.start < g.tail and not (g.rec.end <= before < g.tail):
            return g
    return None


# laws cited by page: session laws, the Federal Register, legislative history, books
_PAGED_LAW = re.compile(r"Stat\.|Fed\. Reg\.|Cong\.|Rep\. No\.|Doc\. No\.|Pub\. L\.")
_AT_PAGE = re.compile(r",?\s*at\s+\*?\d")


def _paged(f: Found, text: str) -> bool:
    """Whether an Id. is pinned to a page ("Id. at 5", "Id. 2"), not to a section."""
    pin = f.rec.pin or ""
    return bool(re.match(r"\*?\d", pin)) or bool(_AT_PAGE.match(text, f.rec.end))


def _has_pages(target: Found) -> bool:
    """Whether the authority `target` cites has pages an Id. can pin."""
    rec = target.rec
    if rec.kind in ("case", "journal") or rec.subkind in ("treatise", "dictionary", "legislative"):
        return True
    if rec.subkind == "agency_decision" and rec.volume:
        return True
    return bool(rec.cites and _PAGED_LAW.search(rec.cites[0]))


# a public-domain (neutral) citation, numbered by paragraph: "2014 WI 69", "2010-Ohio-1234"
_NEUTRAL = re.compile(r"(?:19|20)\d\d(?: [A-Z][A-Za-z.]*(?: [A-Za-z.()0-9]+)?|-[A-Za-z]+-) ?\d+")


def _pin_fits(pin: str | None, target: Found) -> bool:
    """Whether an Id. pin can be to `target`: within some parallel's page range."""
    from eyecite.resolve import MAX_OPINION_PAGE_COUNT

    if not pin or target.rec.kind != "case" or target.rec.form != "full":
        return True
    if target.rec.notes == "slip":
        return False  # the pages of a slip opinion are not known yet
    if pin.startswith("¶"):  # "Id. ¶ 31": a paragraph of a public-domain citation
        return any(_NEUTRAL.fullmatch(c) for c in target.rec.cites)
    m = re.match(r"\*|(\d+)", pin)
    if not m:
        return False  # "Id. at § 10" cannot be to a case
    if not m.group(1):
        return True  # a star pin of a WL or LEXIS document
    page = int(m.group(1))
    firsts = [int(c.split()[-1]) for c in target.rec.cites if c.split()[-1].isdigit()]
    return not firsts or any(p <= page <= p + MAX_OPINION_PAGE_COUNT for p in firsts)
