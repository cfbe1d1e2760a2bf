"""Non-case authorities found by citegraph against the issue-18 first-look hand labels.

    CITEGRAPH_TOKENIZER=default python eval/firstlook_authorities.py [LABELS] [--judged FILE]

LABELS defaults to the development labels; tests/fixtures/gold/authorities_final.json
holds the blind ones of the final first look.

Builds the labelled opinions (tests/fixtures/gold/authorities_firstlook.json, files
under ../shared/corpus) with citegraph.build in one build, then per opinion:

- locates every labelled occurrence in citegraph's clean text of the opinion (by its
  context, compared on letters and digits only, so whitespace, tags
  and star-page markers do not matter) and calls it found when a citegraph citation
  whose authority is not a case (or a case with a neutral cite) overlaps it;
- recall: labelled distinct authorities with at least one occurrence found / all
  labelled; occurrence recall likewise; "consistent" also asks that the citegraph
  authority's label and the labelled key share their numbers (one contains the
  other's), so "17 Stat. 13" for "Civil Rights Act of 1871, ch. 22, § 1, 17 Stat. 13"
  counts, "17 Stat. 13" for a "Cong. Globe" occurrence does not;
- precision: citegraph non-case authorities (distinct per opinion) with a citation
  overlapping some labelled occurrence / all of that opinion's; the rest are listed
  with their context; so is every citegraph citation overlapping no labelled
  occurrence ("stray"), and the human reading of those (--judged, default
  eval/firstlook_judged.json, a JSON list of {"file", "text", "context", "verdict":
  "labeler missed" | "false positive", "why"}) gives the precision after reading;
- key equivalence: labelled authorities whose found occurrences sit in more than one
  citegraph authority (split), and citegraph authorities covering several labelled
  keys (merged).

A file citegraph cannot read leaves its labelled authorities unfound (reported).
Reads ../shared/corpus at run time: an evaluation, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import citegraph
from citegraph.errors import CitegraphError

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "fixtures" / "gold" / "authorities_firstlook.json"
JUDGED = Path(__file__).resolve().parent / "firstlook_judged.json"
SOURCES = ("citator", "cap_xml", "bva", "pdf", "courtlistener_ca1", "cap_html")
NEUTRAL = re.compile(r"^(?:19|20)\d\d (?!WL\b|U\.S\. (?:Dist|App)\.)[A-Z][\w.' ]*? \d+$")


def source_of(file: str) -> str:
    return file.split("/", 1)[0]


def squeeze(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits, lower-cased, with their offsets (a section sign
    is left out too: CourtListener's plain text, which labellers read, loses it where
    the HTML citegraph reads keeps it)."""
    keep, where = [], []
    for i, ch in enumerate(text):
        if ch.isalnum():
            keep.append(ch.lower())
            where.append(i)
    return "".join(keep), where


def locate(
    text: str, sq: tuple[str, list[int]], occ: dict[str, Any], nth: int
) -> tuple[int, int] | None:
    """(start, end) of a labelled occurrence in the opinion text, or None."""
    s, where = sq
    target, _ = squeeze(occ["text"])
    if not target:
        return None
    ctx, _ = squeeze(occ.get("context") or "")
    tries = []
    if ctx and target in ctx:
        k = ctx.index(target)
        tries = [(ctx, k), (ctx[: k + len(target)], k), (ctx[k:], 0)]
        # star-page markers ("*705") are in the label's text but may not be in ours
        if re.search(r"\*\d+", occ.get("context") or ""):
            raw = re.sub(r"\*\d+", "", occ["context"])
            rt, _ = squeeze(re.sub(r"\*\d+", "", occ["text"]))
            rc, _ = squeeze(raw)
            if rt and rt in rc:
                target = rt
                k = rc.index(rt)
                tries.insert(0, (rc, k))
    for probe, k in tries:
        hits = [m.start() for m in re.finditer(re.escape(probe), s)]
        if hits:
            at = hits[min(nth, len(hits) - 1)] + k
            return where[at], where[at + len(target) - 1] + 1
    hits = [m.start() for m in re.finditer(re.escape(target), s)]
    if len(hits) == 1 or (hits and len(target) >= 8):
        at = hits[min(nth, len(hits) - 1)]
        return where[at], where[at + len(target) - 1] + 1
    return None


PATTERNS = [
    (r"^[Ii]d\.|^ibid", "Id./id. short form"),
    (r"^\d[\w.\-()]*(?: ?\([\w.]+\))?$", "bare section number (list member, range end, lost §)"),
    (r"^(?:§§?|[Ss]ection) ?\d", "bare § N / Section N short form"),
    (r"^Rule\s", "bare Rule N short form"),
    (r"U\.S\.S\.G|^Section \d[A-Z]|Application", "Sentencing Guidelines"),
    (r"E\.A\.D\.|M21-1", "agency decision / manual"),
    (
        r"Local Rule|L\.R\.|RPC|Professional Conduct|Advisory|Federal .*Rule|Rule of",
        "rule in words / local rule",
    ),
    (
        r"Cong\. Globe|Journal|Session Laws|Act\b|\bStat\.|Revised Statutes",
        "session law / act / legislative",
    ),
    (r"U\. ?S\. ?C|C\.F\.R|Fed\. Reg", "U.S.C. / C.F.R. / Fed. Reg. full form"),
    (r"Code|Stats|Gen\. Laws|G\. L\.", "state code"),
    (r"Const", "constitution"),
]


def pattern_of(text: str, family: str) -> str:
    for rx, name in PATTERNS:
        if re.search(rx, text):
            return name
    return f"other ({family})"


def numbers(s: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", re.sub(r"(?<=\d),(?=\d{3})", "", s)))


def consistent(key: str, label: str) -> bool:
    a, b = numbers(key), numbers(label)
    return bool(a and b) and (a <= b or b <= a)


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return re.sub(r"\s+", " ", f"{left}[[{text[start:end]}]]{right}")


def pct(a: int, b: int) -> str:
    return f"{a:4d} / {b:<4d} = {100 * a / b:5.1f}%" if b else f"{a:4d} / {b:<4d} =    - "


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("labels", nargs="?", default=str(LABELS), help="labels (default: dev set)")
    ap.add_argument("--judged", default=str(JUDGED), help="JSON list of human verdicts")
    ap.add_argument("--show", type=int, default=1000)
    ap.add_argument("--unjudged", help="write the unjudged strays here, as --judged entries")
    args = ap.parse_args()
    os.environ.setdefault("CITEGRAPH_TOKENIZER", "default")
    labels = Path(args.labels).resolve()
    gold = json.loads(labels.read_text(encoding="utf-8"))["opinions"]
    paths = [str(SHARED / o["file"]) for o in gold]
    errors: list[CitegraphError] = []
    corpus = citegraph.build(paths, on_error=errors.append, workers=1)
    auth = {a.id: a for a in corpus.authorities}
    by_source: dict[str, list[Any]] = defaultdict(list)
    for op in corpus.opinions:
        by_source[str(Path(op.source).resolve())].append(op)
    cites_of: dict[str, list[Any]] = defaultdict(list)
    for c in corpus.citations:
        a = auth.get(c.authority or "")
        if a is None:
            continue
        if a.kind != "case" or any(NEUTRAL.match(x) for x in a.citations):
            cites_of[c.opinion].append(c)
    judged = {}
    if args.judged and Path(args.judged).exists():
        for j in json.loads(Path(args.judged).read_text(encoding="utf-8")):
            judged[(j["file"], j["text"], j["context"])] = j["verdict"]

    print(
        f"labels: {labels.relative_to(ROOT) if labels.is_relative_to(ROOT) else labels}; "
        f"{len(gold)} opinions; built in {corpus.seconds:.1f} s"
    )
    print(f"commit {os.popen(f'git -C {ROOT} rev-parse --short HEAD').read().strip()}")
    for e in errors:
        print("UNREADABLE", e)

    tot: Counter[str] = Counter()
    fam: dict[str, Counter[str]] = defaultdict(Counter)
    src: dict[str, Counter[str]] = defaultdict(Counter)
    form: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    missed: list[tuple[str, str, str, str, str]] = []
    unmatched: list[tuple[str, str, str, str, str]] = []
    unlocated: list[tuple[str, str]] = []
    split: list[str] = []
    global_ids: dict[str, set[str]] = defaultdict(set)
    ckind: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[tuple[str, str, str, str, str]] = []
    stray: list[tuple[str, str, str, str, str]] = []
    to_judge: list[dict[str, str]] = []
    merged: list[str] = []
    for o in gold:
        file, s = o["file"], source_of(o["file"])
        ops = by_source.get(str((SHARED / file).resolve()), [])
        text = "\n".join(op.text for op in ops)
        offset = 0
        spans: list[tuple[int, int, Any]] = []
        for op in ops:
            spans += [(c.start + offset, c.end + offset, c) for c in cites_of[op.id]]
            offset += len(op.text) + 1
        sq = squeeze(text)
        seen: Counter[tuple[str, str]] = Counter()
        matched_auth: set[str] = set()
        labels_of_auth: dict[str, set[str]] = defaultdict(set)
        placed: list[tuple[dict[str, Any], tuple[int, int]]] = []
        for a in o["authorities"]:
            f = a["family"]
            found_any = found_cons = False
            ids: set[str] = set()
            for occ in a["occurrences"]:
                nth = seen[(occ["text"], occ.get("context", ""))]
                seen[(occ["text"], occ.get("context", ""))] += 1
                where = locate(text, sq, occ, nth) if ops else None
                if ops and where is None:
                    unlocated.append((file, occ["text"]))
                if where:
                    placed.append((a, where))
                hit = [c for b, e, c in spans if where and b < where[1] and where[0] < e]
                ok = bool(hit)
                cons = any(consistent(a["key"], auth[c.authority].label) for c in hit)
                for c in hit:
                    matched_auth.add(c.authority)
                    labels_of_auth[c.authority].add(a["key"])
                    if consistent(a["key"], auth[c.authority].label):
                        ids.add(c.authority)
                tot["occ"] += 1
                tot["occ_found"] += ok
                tot["occ_cons"] += cons
                fam[f]["occ"] += 1
                fam[f]["occ_found"] += ok
                src[s]["occ"] += 1
                src[s]["occ_found"] += ok
                form[occ["form"]]["occ"] += 1
                form[occ["form"]]["occ_found"] += ok
                found_any |= ok
                found_cons |= cons
                if not ok:
                    why = (
                        "unreadable file"
                        if not ops
                        else ("not located" if where is None else "no citation")
                    )
                    missed.append((s, f, occ["form"], occ["text"].replace("\n", "\\n"), why))
            for bucket in (tot, fam[f], src[s]):
                bucket["auth"] += 1
                bucket["auth_found"] += found_any
                bucket["auth_cons"] += found_cons
            global_ids[a["key"]] |= ids
            if len(ids) > 1:
                split.append(
                    f"{file}: {a['key']} -> " + " | ".join(auth[i].label for i in sorted(ids))
                )
        # citation-level precision: each citegraph citation against the labelled occurrences
        for b, e, c in spans:
            over = [a["key"] for a, w in placed if b < w[1] and w[0] < e]
            tot["cit_n"] += 1
            ckind[c.kind]["n"] += 1
            if over:
                tot["cit_ok"] += 1
                ckind[c.kind]["ok"] += 1
                if any(consistent(k, auth[c.authority].label) for k in over):
                    tot["cit_cons"] += 1
                    ckind[c.kind]["cons"] += 1
                else:
                    wrong.append((file, c.form, c.text, auth[c.authority].label, " | ".join(over)))
            else:
                ctx = context(text, b, e)
                verdict = judged.get((file, c.text, ctx), "unjudged")
                tot["cit_" + verdict] += 1
                ckind[c.kind][verdict] += 1
                stray.append((file, c.form, auth[c.authority].label, ctx, verdict))
                if verdict == "unjudged":
                    to_judge.append({"file": file, "text": c.text, "context": ctx, "verdict": "",
                                     "why": auth[c.authority].label})  # fmt: skip
        for aid, keys in labels_of_auth.items():
            if len(keys) > 1:
                merged.append(f"{file}: {auth[aid].label} covers " + " | ".join(sorted(keys)))
        # precision over citegraph's distinct non-case authorities of this opinion
        mine: dict[str, list[Any]] = defaultdict(list)
        for b, e, c in spans:
            mine[c.authority].append((b, e, c))
        for aid, occs in mine.items():
            k = auth[aid].kind
            kinds[k]["n"] += 1
            src[s]["prec_n"] += 1
            tot["prec_n"] += 1
            if aid in matched_auth:
                kinds[k]["ok"] += 1
                src[s]["prec_ok"] += 1
                tot["prec_ok"] += 1
                continue
            b, e, c = occs[0]
            ctx = context(text, b, e)
            verdict = judged.get((file, c.text, ctx), "unjudged")
            kinds[k][verdict] += 1
            tot[verdict] += 1
            src[s][verdict] += 1
            unmatched.append((file, auth[aid].label, c.text.replace("\n", "\\n"), ctx, verdict))
            if verdict == "unjudged":
                to_judge.append({"file": file, "text": c.text, "context": ctx, "verdict": "",
                                 "why": auth[aid].label})  # fmt: skip

    print("\nRECALL of labelled non-case authorities (distinct per opinion) and occurrences")
    print(
        f"  {'':18} {'authorities found':24} {'found, key consistent':24} {'occurrences found':24}"
    )

    def row(name: str, c: Counter[str]) -> None:
        print(
            f"  {name:18} {pct(c['auth_found'], c['auth']):24} {pct(c['auth_cons'], c['auth']):24} "
            f"{pct(c['occ_found'], c['occ']):24}"
        )

    row("ALL", tot)
    print("  by family (label):")
    for f in sorted(fam, key=lambda k: -fam[k]["auth"]):
        row("  " + f, fam[f])
    print("  by source:")
    for s in SOURCES:
        if s in src:
            row("  " + s, src[s])
    print("  occurrences by form (label):")
    for f, c in form.items():
        print(f"    {f:16} {pct(c['occ_found'], c['occ'])}")
    readable = [o for o in gold if by_source.get(str((SHARED / o["file"]).resolve()))]
    n_auth_r = sum(len(o["authorities"]) for o in readable)
    print(f"  (labelled authorities in files citegraph could read: {n_auth_r} of {tot['auth']})")

    print("\nPRECISION of citegraph non-case authorities (distinct per opinion)")
    lm, fp = tot["labeler missed"], tot["false positive"]
    print(f"  raw: {pct(tot['prec_ok'], tot['prec_n'])}")
    print(f"  after reading the unmatched: {pct(tot['prec_ok'] + lm, tot['prec_n'])}")
    print(f"  (unmatched: {lm} labeler missed, {fp} false positive, {tot['unjudged']} unjudged)")
    print("  by citegraph kind:        raw                      after reading")
    for k, c in sorted(kinds.items()):
        print(f"    {k:14} {pct(c['ok'], c['n']):24} {pct(c['ok'] + c['labeler missed'], c['n'])}")
    print("  by source:")
    for s in SOURCES:
        c = src.get(s)
        if c and c["prec_n"]:
            print(
                f"    {s:20} {pct(c['prec_ok'], c['prec_n']):24} "
                f"{pct(c['prec_ok'] + c['labeler missed'], c['prec_n'])}"
            )

    print("\nPRECISION of citegraph non-case citations (occurrences, neutral case cites included)")
    print(f"  overlapping a labelled occurrence:          {pct(tot['cit_ok'], tot['cit_n'])}")
    print(f"  ... of an authority with a consistent key:  {pct(tot['cit_cons'], tot['cit_n'])}")
    ok_read = tot["cit_ok"] + tot["cit_labeler missed"]
    print(f"  after reading the stray ones:               {pct(ok_read, tot['cit_n'])}")
    print(
        f"  (stray: {tot['cit_labeler missed']} labeler missed,"
        f" {tot['cit_false positive']} false positive,"
        f" {tot['cit_unjudged']} unjudged)"
    )
    print("  by citegraph kind:  overlapping              consistent key           after reading")
    for k, c in sorted(ckind.items()):
        print(
            f"    {k:14} {pct(c['ok'], c['n']):24} {pct(c['cons'], c['n']):24} "
            f"{pct(c['ok'] + c['labeler missed'], c['n'])}"
        )
    for file, form_, t, label, keys in wrong:
        print(f"  WRONG AUTHORITY {file} {form_} {t!r} -> {label} (labelled: {keys})")
    for file, form_, label, ctx, verdict in stray:
        print(f"  STRAY [{verdict}] {file} {form_} -> {label} | {ctx}")

    print(f"\nKEY EQUIVALENCE: {len(split)} labelled authorities split over several citegraph ids")
    for line in split:
        print("  SPLIT", line)
    across = {k: v for k, v in global_ids.items() if len(v) > 1}
    shared = sum(1 for v in global_ids.values() if v)
    print(f"  across opinions: {len(across)} of {shared} found labelled keys sit in several ids")
    for k, v in across.items():
        print(f"  SPLIT ACROSS OPINIONS {k} -> " + " | ".join(auth[i].label for i in sorted(v)))
    print(f"  {len(merged)} citegraph authorities covering several labelled keys")
    for line in merged:
        print("  MERGED", line)

    print(f"\nUNLOCATED labelled occurrences (not placed in citegraph's text): {len(unlocated)}")
    for file, t in unlocated[: args.show]:
        print("  UNLOCATED", file, repr(t))
    print(f"\nUNMATCHED citegraph authorities: {len(unmatched)}")
    for file, label, t, ctx, verdict in unmatched[: args.show]:
        print(f"  UNMATCHED [{verdict}] {file} | {label} | {t!r} | {ctx}")
    print(f"\nMISSED labelled occurrences: {len(missed)}")
    pattern = Counter((s, f, form_, why) for s, f, form_, _, why in missed)
    for (s, f, form_, why), n in pattern.most_common():
        print(f"  {n:4d}  {s:18} {f:16} {form_:6} {why}")
    print("  by pattern of the text as written (readable files only):")
    pat = Counter(
        pattern_of(t.replace("\\n", " "), f)
        for _, f, _, t, why in missed
        if why != "unreadable file"
    )
    for name, n in pat.most_common():
        print(f"  {n:4d}  {name}")
    for s, f, form_, t, why in missed[: args.show]:
        print(f"  MISS {s} {f} {form_} {t!r} ({why})")
    if args.unjudged:
        Path(args.unjudged).write_text(json.dumps(to_judge, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
