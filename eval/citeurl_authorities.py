"""citegraph's rules for statutes, regulations, rules and constitutions against CiteURL's.

    CITEGRAPH_TOKENIZER=default python eval/citeurl_authorities.py [--show]

Needs `pip install citeurl markdown` (CiteURL is not a citegraph dependency). Reads the
labelled opinions of tests/fixtures/gold/authorities_firstlook.json (files under
../shared/corpus) with citegraph's readers (the BVA JSON and CAP casebody files they
refuse as their plain text), and on the same text of each opinion runs

- citegraph: `find_citations`, every citation (full, short, Id.) whose kind is statute,
  regulation, rule or constitution (eyecite's law citations and loaders/extraction/laws.py);
- CiteURL: `Citator().list_cites` with its default templates, every citation (full,
  short, Id.) of a template that is not caselaw (its "U.S. Caselaw" and NLRB decisions).

Scored as eval/firstlook_authorities.py scores citegraph: a labelled occurrence is placed
in the text by its context (`locate`) and found when a citation overlaps it; "consistent"
also asks that the citation's key and the labelled key share their numbers. Only the
labelled families these rules are for count in recall (statutes, regulations, rules,
constitutions, session laws); precision is over every citation a system gives, against
every labelled occurrence (any family), raw (no reading of the unmatched ones).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from firstlook_authorities import LABELS, SHARED, consistent, locate, pct, squeeze  # noqa: E402

FAMILIES = {"federal_statute", "state_statute", "regulation", "rule", "constitution", "session_law"}
LAW_KINDS = {"statute", "regulation", "rule", "constitution"}
CASE_TEMPLATES = {
    "U.S. Caselaw",
    "National Labor Relations Board Decisions",
    "National Labor Relations Board Slip Opinions",
}

Span = tuple[int, int, str, str, bool]  # start, end, key, text, a full citation


def citegraph_spans(text: str, opinion: Any) -> list[Span]:
    from citegraph.loaders.extraction.citations import find_citations

    out = []
    for c in find_citations(opinion):
        if c.kind in LAW_KINDS:
            key = c.cites[0] if c.cites else c.name or c.text
            out.append((c.start, c.end, key, c.text, c.form == "full"))
    return out


def citeurl_spans(text: str, opinion: Any) -> list[Span]:
    from citeurl import Citator

    citator = _citator()
    assert isinstance(citator, Citator)
    return [
        (c.span[0], c.span[1], str(c.name), c.text, c.parent is None)
        for c in citator.list_cites(text)
        if c.template.name not in CASE_TEMPLATES
    ]


_CITATOR: list[Any] = []


def _citator() -> Any:
    from citeurl import Citator

    if not _CITATOR:
        _CITATOR.append(Citator())
    return _CITATOR[0]


def _plain_opinion(path: Path) -> Any:
    """A labelled file citegraph's readers refuse, read as the labeller read it: a BVA
    decision's "text", a CAP casebody's XML with its tags stripped."""
    import html
    import re

    from citegraph.models import Opinion

    obj = json.loads(path.read_text(encoding="utf-8"))
    if "casebody" in obj:
        text = html.unescape(re.sub(r"<[^>]+>", "", obj["casebody"]["data"]))
    else:
        text = obj["text"]
    return Opinion(id=path.name, source=str(path), text=text)


def score(
    gold: list[dict[str, Any]], finder: Callable[[str, Any], list[Span]], show: bool
) -> Counter[str]:
    from citegraph.errors import CitegraphError
    from citegraph.loaders.readers import read

    tot: Counter[str] = Counter()
    for o in gold:
        try:
            ops = read(SHARED / o["file"])
        except CitegraphError:
            ops = [_plain_opinion(SHARED / o["file"])]
            tot["unreadable"] += 1
        spans: list[Span] = []
        offset = 0
        for op in ops:
            spans += [(b + offset, e + offset, k, t, f) for b, e, k, t, f in finder(op.text, op)]
            offset += len(op.text) + 1
        text = "\n".join(op.text for op in ops)
        sq = squeeze(text)
        seen: Counter[tuple[str, str]] = Counter()
        placed: list[tuple[str, tuple[int, int]]] = []
        for a in o["authorities"]:
            found = cons = False
            for occ in a["occurrences"]:
                nth = seen[(occ["text"], occ.get("context", ""))]
                seen[(occ["text"], occ.get("context", ""))] += 1
                where = locate(text, sq, occ, nth)
                if where is None:
                    continue
                placed.append((a["key"], where))
                if a["family"] not in FAMILIES:
                    continue
                hit = [s for s in spans if s[0] < where[1] and where[0] < s[1]]
                ok = any(consistent(a["key"], s[2]) for s in hit)
                tot["occ"] += 1
                tot["occ_found"] += bool(hit)
                tot["occ_cons"] += ok
                tot[f"occ_{occ['form']}"] += 1
                tot[f"occ_{occ['form']}_found"] += bool(hit)
                found |= bool(hit)
                cons |= ok
                if show and not hit:
                    print(f"  MISS {o['file']} {occ['text']!r}")
            if a["family"] in FAMILIES:
                tot["auth"] += 1
                tot["auth_found"] += found
                tot["auth_cons"] += cons
        for b, e, key, t, full in spans:
            over = [k for k, w in placed if b < w[1] and w[0] < e]
            for bucket in ("cit", "cit_full" if full else "cit_short"):
                tot[f"{bucket}_n"] += 1
                tot[f"{bucket}_ok"] += bool(over)
                tot[f"{bucket}_cons"] += any(consistent(k, key) for k in over)
            if show and not over:
                print(f"  STRAY {o['file']} {t!r} -> {key}")
    return tot


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="list misses and stray citations")
    args = ap.parse_args()
    os.environ.setdefault("CITEGRAPH_TOKENIZER", "default")
    gold = json.loads(LABELS.read_text(encoding="utf-8"))["opinions"]
    print(f"labels: {len(gold)} opinions; families scored: {', '.join(sorted(FAMILIES))}")
    for name, finder in (("citegraph", citegraph_spans), ("CiteURL", citeurl_spans)):
        if args.show:
            print(name)
        t = score(gold, finder, args.show)
        print(f"\n{name} ({t['unreadable']} files read as plain text: readers refuse them)")
        print(f"  authorities found           {pct(t['auth_found'], t['auth'])}")
        print(f"  authorities, key consistent {pct(t['auth_cons'], t['auth'])}")
        print(f"  occurrences found           {pct(t['occ_found'], t['occ'])}")
        print(f"  occurrences, key consistent {pct(t['occ_cons'], t['occ'])}")
        for form in ("full", "short"):
            got, n = t[f"occ_{form}_found"], t[f"occ_{form}"]
            print(f"    {form + ' forms':25} {pct(got, n)}")
        print(f"  precision (citations overlapping a label) {pct(t['cit_ok'], t['cit_n'])}")
        print(f"  precision, key consistent                 {pct(t['cit_cons'], t['cit_n'])}")
        for b in ("cit_full", "cit_short"):
            name_ = "full citations" if b == "cit_full" else "short forms, Id."
            print(f"    {name_:18} overlapping {pct(t[b + '_ok'], t[b + '_n'])}")


if __name__ == "__main__":
    main()
