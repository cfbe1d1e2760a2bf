"""Opinion metadata read by citegraph against the issue-17 first-look hand labels.

    CITEGRAPH_TOKENIZER=default python eval/firstlook_metadata.py [LABELS.json]

(default labels: the development set; the final, blind set is
tests/fixtures/gold/metadata_final.json)

Reads each labelled file (tests/fixtures/gold/metadata_firstlook.json, files under
../shared/corpus) with citegraph.load and compares, field by field:

- name: exact; normalised (case, punctuation and whitespace folded) counts right;
  so does "T6 form": equal once both are put in Bluebook citation form by
  citegraph's own T6 table ("Lynn Public Schools" = "Lynn Pub. Schs.", the form a
  citation writes), which is the same name, not a different one; a near miss
  (only Bluebook abbreviations or entity words such as Inc./Co./LLC
  differ) is reported apart and not counted right;
- court (courts-db id) and date (YYYY-MM-DD): equal;
- docket: (all of them, against the opinion's `dockets`, where the label lists several
  joined by "; ") equal after dropping a "No."/"Nos." prefix and a final period and folding
  dash kinds and whitespace;
- citations (the opinion's own): set equality after folding whitespace ("596 U. S.
  528" = "596 U.S. 528"), and the recall of the labelled citations.

A null label (the file truly lacks the value) is right when citegraph also gives
null; a value there is counted wrong and listed as invented. A label the annotator
inferred rather than read (notes say "inferred") is flagged in the miss list. A file
citegraph cannot read is wrong on every field. Prints the share right per field,
overall and per source, then every miss (file, field, label, got).
Reads ../shared/corpus at run time: an evaluation, not a test.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import citegraph
from citegraph.errors import CitegraphError
from citegraph.loaders.readers.caption import bluebook

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "fixtures" / "gold" / "metadata_firstlook.json"
SOURCES = ("citator", "cap_xml", "bva", "pdf", "courtlistener_ca1", "cap_html", "cap_json")
FIELDS = ("name", "court", "date", "docket", "citations")

# words a Bluebook name may abbreviate (T6) or drop (entity words, Rule 10.2.1)
ABBREV = {
    "laboratories": "lab",
    "labys": "lab",
    "labs": "lab",
    "public": "pub",
    "schools": "sch",
    "schs": "sch",
    "development": "dev",
    "capital": "cap",
    "company": "co",
    "corporation": "corp",
    "incorporated": "inc",
    "department": "dep",
    "dept": "dep",
    "association": "ass",
    "assn": "ass",
    "international": "intl",
    "national": "nat",
    "natl": "nat",
    "services": "serv",
    "servs": "serv",
    "united": "united",
}
ENTITY = {"inc", "co", "corp", "llc", "ltd", "lp", "gp", "et", "al"}


def norm_name(s: str) -> str:
    s = s.replace("&", " and ").replace("’", "'")
    return " ".join(re.findall(r"[a-z0-9]+", s.lower().replace("'", "")))


def near_name(s: str) -> str:
    words = [ABBREV.get(w, w) for w in norm_name(s).split()]
    return " ".join(w for w in words if w not in ENTITY)


def norm_docket(s: str) -> str:
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"^\s*\[?\s*(?:Case\s+)?Nos?\.?\s*", "", s, flags=re.I)
    return re.sub(r"\s+", " ", s).strip(" .]").lower()


def norm_cite(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def judge(field: str, want: Any, got: Any) -> tuple[bool, str]:
    """(right, how): how is exact | normalised | near miss | invented | missing | wrong."""
    if field == "citations":
        w, g = {norm_cite(x) for x in want or []}, {norm_cite(x) for x in got or []}
        if w == g:
            return True, "exact" if list(want or []) == list(got or []) else "normalised"
        return False, "invented" if not w else ("missing" if not g else "wrong")
    if want is None:
        return (got is None), ("exact" if got is None else "invented")
    if got is None:
        return False, "missing"
    if want == got:
        return True, "exact"
    if field == "name":
        if norm_name(want) == norm_name(got):
            return True, "normalised"
        if norm_name(bluebook(want)) == norm_name(bluebook(got)):
            return True, "T6 form"
        if near_name(want) == near_name(got):
            return False, "near miss"
    if field == "docket" and norm_docket(want) == norm_docket(got):
        return True, "normalised"
    return False, "wrong"


def pct(a: int, b: int) -> str:
    return f"{a:3d}/{b:<3d} {100 * a / b:5.1f}%" if b else "   -     "


def main() -> None:
    os.environ.setdefault("CITEGRAPH_TOKENIZER", "default")
    labels = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else LABELS
    gold = json.loads(labels.read_text(encoding="utf-8"))["opinions"]
    right: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    hows: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    unreadable: list[str] = []
    cite_want = cite_found = 0
    print(f"labels: {labels.relative_to(ROOT)}; {len(gold)} opinions")
    print(f"commit {os.popen(f'git -C {ROOT} rev-parse --short HEAD').read().strip()}")
    for o in gold:
        file, src = o["file"], o["source"]
        total[src] += 1
        total["ALL"] += 1
        inferred = "inferred" in (o.get("notes") or "")
        try:
            ops = citegraph.load(str(SHARED / file))
        except CitegraphError as err:
            unreadable.append(f"{file}: {err}")
            ops = []
        op = ops[0] if ops else None
        if len(ops) > 1:
            misses.append(f"{file}: {len(ops)} opinions read; the first compared")
        for field in FIELDS:
            want = o[field]
            if op is None:
                ok, how = False, "unreadable"
            elif field == "docket" and want and ";" in want:  # consolidated: every docket
                w = {norm_docket(x) for x in want.split(";")}
                ok = w == {norm_docket(x) for x in op.dockets}
                how = "normalised" if ok else ("missing" if not op.dockets else "wrong")
            else:
                ok, how = judge(field, want, getattr(op, field))
            hows[field][how] += 1
            if op is not None:
                right[field]["readable_n"] += 1
                right[field]["readable"] += ok
            if field == "court" and inferred:
                right[field]["inferred_n"] += 1
                right[field]["inferred"] += ok
            if ok:
                right[field][src] += 1
                right[field]["ALL"] += 1
            else:
                got = getattr(op, field) if op else "<unreadable>"
                flag = " (label inferred, not printed)" if field == "court" and inferred else ""
                misses.append(f"{file} | {field} | {how} | label {want!r} | got {got!r}{flag}")
        want_c = {norm_cite(x) for x in o["citations"]}
        got_c = {norm_cite(x) for x in (op.citations if op else [])}
        cite_want += len(want_c)
        cite_found += len(want_c & got_c)

    print(
        f"\nshare right per field ({len(unreadable)} of {len(gold)} files unreadable:"
        " wrong on every field)"
    )
    cols = ["ALL", *[s for s in SOURCES if total[s]]]
    print(f"  {'field':10}" + "".join(f"{c + f' (n={total[c]})':>24}" for c in cols))
    for field in FIELDS:
        print(f"  {field:10}" + "".join(f"{pct(right[field][c], total[c]):>24}" for c in cols))
    print("  on the files citegraph could read:")
    for field in FIELDS:
        print(f"    {field:10} {pct(right[field]['readable'], right[field]['readable_n'])}")
    c = right["court"]
    print(
        f"  court leaving out the {c['inferred_n']} labels the annotator inferred (not printed): "
        f"{pct(c['ALL'] - c['inferred'], total['ALL'] - c['inferred_n'])}"
    )
    every = sum(right[f]["ALL"] for f in FIELDS)
    print(f"  all fields: {pct(every, len(FIELDS) * total['ALL'])}")
    print(f"  labelled own citations found (recall): {pct(cite_found, cite_want)}")
    print("\nhow each field came out (exact / normalised are right)")
    for field in FIELDS:
        print(f"  {field:10} " + ", ".join(f"{k} {v}" for k, v in hows[field].most_common()))
    print("\nUNREADABLE")
    for line in unreadable:
        print("  " + line)
    print(f"\nMISSES ({len(misses)})")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
