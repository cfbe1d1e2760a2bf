"""Measure citation extraction and identity against outside expectations.

Prints, with the command that produced them:

1. eyecite's own find expectations (../shared/corpus/gold/eyecite_find_tests.json):
   cases passed by the pipeline and by bare eyecite, judged by one comparator;
2. eyecite's resolve expectations (eyecite_resolve_tests.json): cases passed;
3. the seeds gold (tests/fixtures/seeds_gold.json): exact match of authorities and
   short-form targets;
4. on CourtListener opinions (../shared/corpus/courtlistener_ca1): recall of the full
   case citations CourtListener marked in html_with_citations, each miss listed;
5. precision and recall of corpus links against CourtListener's `opinions_cited`.

Usage:
    python eval/citations.py [--corpus DIR] [--limit N] [--misses FILE]
        [--only find,resolve,seeds,corpus]

This script reads ../shared (tests never do).
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "fixtures" / "gold"
SEEDS_GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.json"


# ---------------------------------------------------------------- eyecite find gold


def _norm_pin(pin: Any) -> str | None:
    if not pin:
        return None
    pin = re.sub(r"^[,\s]*(?:at\s+)?", "", str(pin)).strip(" ,;)")
    return pin or None


def _expected_rows(case: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for e in case["expected"]:
        t = e["type"]
        g = e.get("groups") or {}
        m = e.get("metadata") or {}
        if t == "FullCaseCitation":
            # a page not yet known is serialized as "None"; eyecite writes "___"
            cite = re.sub(r" None$", " ___", str(e.get("corrected_citation")))
            rows.append(("case", cite, _norm_pin(m.get("pin_cite"))))
        elif t == "ShortCaseCitation":
            rows.append(("short", g.get("volume"), _norm_pin(m.get("pin_cite") or g.get("page"))))
        elif t == "IdCitation":
            rows.append(("id", None, _norm_pin(m.get("pin_cite"))))
        elif t == "SupraCitation":
            rows.append(("supra", None, _norm_pin(m.get("pin_cite"))))
        elif t == "FullLawCitation":
            rows.append(("law", _law_base(e.get("corrected_citation")), None))
        elif t == "FullJournalCitation":
            rows.append(("journal", e.get("corrected_citation"), _norm_pin(m.get("pin_cite"))))
        else:  # ReferenceCitation, UnknownCitation: not authorities of their own
            continue
    return sorted(rows, key=str)


def _expected_years(case: dict[str, Any]) -> dict[str, int]:
    out = {}
    for e in case["expected"]:
        if e["type"] == "FullCaseCitation" and e.get("year"):
            out[e["corrected_citation"]] = int(e["year"])
    return out


def _law_base(cite: str | None) -> str | None:
    if not cite:
        return None
    return re.split(r"[(]", re.sub(r"§§", "§", cite), maxsplit=1)[0].strip()


def _eyecite_cite(c: Any) -> str:
    corrected = str(c.corrected_citation())
    if c.groups.get("page") and ", " not in corrected and "(" not in corrected:
        return corrected
    return " ".join(
        str(p)
        for p in (c.groups.get("volume"), c.corrected_reporter(), c.groups.get("page") or "___")
        if p
    )


def _eyecite_rows(cites: list[Any]) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
    rows: list[tuple[Any, ...]] = []
    years: dict[str, int] = {}
    for c in cites:
        t = type(c).__name__
        m = c.metadata
        if t == "FullCaseCitation":
            rows.append(("case", _eyecite_cite(c), _norm_pin(m.pin_cite)))
            if c.year:
                years[_eyecite_cite(c)] = int(c.year)
        elif t == "ShortCaseCitation":
            pin = m.pin_cite or c.groups.get("page")
            rows.append(("short", c.groups.get("volume"), _norm_pin(pin)))
        elif t == "IdCitation":
            rows.append(("id", None, _norm_pin(m.pin_cite)))
        elif t == "SupraCitation":
            rows.append(("supra", None, _norm_pin(m.pin_cite)))
        elif t == "FullLawCitation":
            rows.append(("law", _law_base(c.corrected_citation()), None))
        elif t == "FullJournalCitation":
            rows.append(("journal", c.corrected_citation(), _norm_pin(m.pin_cite)))
    return sorted(rows, key=str), years


def _pipeline_rows(records: list[Any]) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
    rows: list[tuple[Any, ...]] = []
    years: dict[str, int] = {}
    for r in records:
        if r.form == "full" and r.kind == "case":
            for i, cite in enumerate(r.cites):
                # the pin of a string of parallels belongs to its first cite
                pin = r.pins[i] if i < len(r.pins) else (r.pin if i == 0 else None)
                rows.append(("case", cite, pin))
                if r.year:
                    years[cite] = r.year
        elif r.form == "full" and r.kind == "journal":
            rows.append(("journal", r.cites[0], r.pin))
        elif r.form == "full":
            rows.append(("law", r.cites[0] if r.cites else None, None))
        elif r.form == "short":
            rows.append(("short", r.volume, r.pin))
            for cite in r.cites:
                rows.append(("case", cite, None))
        elif r.form in ("id", "supra"):
            rows.append((r.form, None, r.pin))
    return sorted(rows, key=str), years


def _pipeline_records(text: str, remove_ambiguous: bool = False) -> list[Any]:
    from citegraph.loaders.extraction.citations import find_citations
    from citegraph.models import Opinion

    op = Opinion(id="gold", source="gold", text=text)
    return find_citations(op, remove_ambiguous=remove_ambiguous)


def _pipeline_text(case: dict[str, Any]) -> str:
    """What the loaders hand to extraction: markup turned into text, as eyecite cleans it."""
    from eyecite import clean_text

    steps = case["get_citations_kwargs"].get("clean_steps")
    return clean_text(case["input"], steps) if steps else case["input"]


def _rows_match(
    got: list[tuple[Any, ...]],
    got_years: dict[str, int],
    want: list[tuple[Any, ...]],
    want_years: dict[str, int],
) -> bool:
    if got != want:
        return False
    return all(got_years.get(k) == v for k, v in want_years.items())


def eval_find(path: Path = GOLD / "eyecite_find_tests.json") -> dict[str, Any]:
    """eyecite's find expectations: cases passed by the pipeline and by bare eyecite."""
    from eyecite import get_citations

    cases = json.loads(path.read_text(encoding="utf-8"))
    passed = {"pipeline": 0, "eyecite": 0}
    fails: dict[str, list[int]] = {"pipeline": [], "eyecite": []}
    for case in cases:
        want = _expected_rows(case)
        want_years = _expected_years(case)
        kwargs = dict(case["get_citations_kwargs"])
        try:
            bare, bare_years = _eyecite_rows(get_citations(case["input"], **kwargs))
        except Exception:
            bare, bare_years = [], {}
        ambiguous = bool(kwargs.get("remove_ambiguous"))
        got, got_years = _pipeline_rows(_pipeline_records(_pipeline_text(case), ambiguous))
        for who, rows, years in (
            ("eyecite", bare, bare_years),
            ("pipeline", got, got_years),
        ):
            if _rows_match(rows, years, want, want_years):
                passed[who] += 1
            else:
                fails[who].append(case["id"])
    return {"cases": len(cases), "passed": passed, "failed": fails}


# ---------------------------------------------------------------- eyecite resolve gold


def eval_resolve(path: Path = GOLD / "eyecite_resolve_tests.json") -> dict[str, Any]:
    """eyecite's resolution expectations, judged on the pipeline's `antecedent`."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    passed = 0
    failed = []
    for case in cases:
        if case["kind"] == "checkReferenceResolution":
            if _reference_case_ok(case):
                passed += 1
            else:
                failed.append(case["test"])
            continue
        text = ""
        spans = []
        for seg in case["segments"]:
            if text:
                text += " "
            spans.append((len(text), len(text) + len(seg["text"]), seg["resource_index"]))
            text += seg["text"]
        records = _pipeline_records(text)
        targets: list[Any] = []
        for start, end, _ in spans:
            inside = [i for i, r in enumerate(records) if start <= r.start < end]
            if not inside:
                targets.append("missing")
                continue
            targets.append(_resolved_to(records, inside[0]))
        ok = True
        seen: dict[int, Any] = {}
        for (_, _, want), got in zip(spans, targets, strict=True):
            if want is None:  # unresolved; a "§ 2" we do not emit is unresolved too
                ok &= got is None or got == "missing"
            elif got is None or got == "missing":
                ok = False
            elif want in seen:
                ok &= seen[want] == got
            else:
                ok &= got not in seen.values()
                seen[want] = got
        if ok:
            passed += 1
        else:
            failed.append(case["test"])
    return {"cases": len(cases), "passed": passed, "failed": failed}


def _resolved_to(records: list[Any], i: int) -> Any:
    """The full citation record `i` resolves to, as a key: its citations (a slip
    citation, page unknown, is only itself); None when it resolves to none."""
    seen = set()
    while records[i].form != "full":
        if records[i].antecedent is None or i in seen:
            return None
        seen.add(i)
        i = records[i].antecedent
    r = records[i]
    return f"#{i}" if r.notes == "slip" else r.cites[0]


def _reference_case_ok(case: dict[str, Any]) -> bool:
    """Citations of one expected group resolve to one occurrence; groups differ."""
    records = _pipeline_records(case["input"])
    targets = [_resolved_to(records, i) for i in range(len(records))]
    seen = []
    for group in case["expected_groups_of_citation_indices"]:
        if any(i >= len(targets) for i in group):
            return False
        got = {targets[i] for i in group}
        if len(got) != 1 or None in got:
            return False
        seen.append(got.pop())
    return len(seen) == len(set(seen))


# ---------------------------------------------------------------- seeds gold


def eval_seeds(path: Path = SEEDS_GOLD) -> dict[str, Any]:
    """The hand-made gold of both seed opinions: authorities and short-form targets."""
    from citegraph.graph.identity import identify
    from citegraph.loaders import extract, read

    gold = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    for entry in gold["opinions"]:
        (op,) = read(ROOT / "data" / entry["file"])
        records = extract(op)
        authorities, resolved = identify([op], records)
        report = compare_seed(entry, op.text, authorities, resolved)
        out[entry["file"]] = report
    return out


def seed_before(text: str, start: int) -> str:
    """The 40 characters before a citation, spaces folded: how the gold names a short form."""
    return re.sub(r"\s+", " ", text[max(0, start - 60) : start]).strip()[-40:]


def compare_seed(
    entry: dict[str, Any], text: str, authorities: list[Any], resolved: list[Any]
) -> dict[str, Any]:
    """Compare a seed's gold with what the pipeline found.

    Returns missing / invented authorities, field disagreements and wrong short-form
    targets (a gold target of null: the short form refers to the record and must not
    resolve to any authority).
    """
    by_cite: dict[str, Any] = {}
    for a in authorities:
        for c in a.citations:
            by_cite[c] = a
    found_ids = {a.id for a in authorities}
    matched: set[str] = set()
    missing, wrong = [], []
    for g in entry["authorities"]:
        a = next((by_cite[c] for c in g["citations"] if c in by_cite), None)
        if a is None:
            missing.append(g["citations"][0])
            continue
        matched.add(a.id)
        for fld in ("kind", "name", "year"):
            if fld in g and g[fld] != getattr(a, fld):
                wrong.append((g["citations"][0], fld, g[fld], getattr(a, fld)))
        if set(g["citations"]) != set(a.citations):
            wrong.append((g["citations"][0], "citations", g["citations"], a.citations))
    invented = sorted(found_ids - matched)
    by_id = {a.id: a for a in authorities}
    got: dict[tuple[str, str], Any] = {}
    for c in resolved:
        if c.form != "full":
            a = by_id.get(c.authority or "")
            got[(c.text, seed_before(text, c.start))] = a.citations[0] if a else c.authority
    errors = []
    for g in entry["short_forms"]:
        key = (g["text"], g["before"])
        target = got.pop(key, None)
        if target != g["target"]:
            errors.append((g["text"], g["before"], target, g["target"]))
    # the seeds' gold lists no bare short forms of laws ("Rule 12(b)(1)", "§ 1983" once
    # the rule or code is cited in full), which issue 18 counts: reported apart
    laws = {
        (c.text, seed_before(text, c.start))
        for c in resolved
        if c.form == "short" and c.kind != "case"
    }
    law_short = sorted((k, got.pop(k)) for k in list(got) if k in laws)
    return {
        "authorities": len(entry["authorities"]),
        "found": len(authorities),
        "missing": missing,
        "invented": invented,
        "wrong": wrong,
        "short_forms": len(entry["short_forms"]),
        "short_form_errors": errors,
        "extra_short_forms": sorted(got),
        "law_short_forms": law_short,
    }


# ---------------------------------------------------------------- CourtListener corpus


_CL_CITE = re.compile(
    r'<span class="citation[^"]*"[^>]*>(?:(?!</span></span>|</a></span>).)*?'
    r'<span class="volume">([^<]*)</span>\s*<span class="reporter">([^<]*)</span>\s*'
    r'<span class="page">([^<]*)</span>',
    re.S,
)


def courtlistener_citations(html: str) -> list[str]:
    """The full case citations CourtListener marked in html_with_citations, corrected."""
    from eyecite import get_citations

    out = []
    for m in _CL_CITE.finditer(html):
        raw = " ".join(htmllib.unescape(x).strip() for x in m.groups())
        found = [c for c in get_citations(raw) if type(c).__name__ == "FullCaseCitation"]
        out.append(found[0].corrected_citation() if found else raw)
    return out


def not_a_full_case_citation(cite: str) -> bool:
    """A CourtListener anchor that is no full case citation: its page is not a page
    ("532 F. Supp. 2d" from "532 F. Supp. 2d at 183") or its reporter is no case
    reporter ("45 Ariz. L" from "45 Ariz. L. Rev. 1")."""
    return not re.search(r"\s\d+$", cite)


def _read_anchored(path: Path, obj: dict[str, Any], read: Any) -> Any:
    """The opinion as the text CourtListener's anchors stand in.

    html_with_citations is often another version of the opinion than plain_text (a
    reporter's, with parallel citations the slip opinion lacks), so recall is measured
    on the text of html_with_citations where there is one, read by our own loader.
    """
    if not obj.get("html_with_citations"):
        (op,) = read(path)
        return op
    import tempfile

    anchored = {k: v for k, v in obj.items() if k != "plain_text"}
    anchored["plain_text"] = ""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(json.dumps(anchored), encoding="utf-8")
        (op,) = read(copy)
    op.source = str(path)
    return op


def _cl_id(uri: str) -> str:
    m = re.search(r"/opinions/(\d+)/", uri)
    return m.group(1) if m else uri


def eval_corpus(corpus: Path, limit: int | None, misses_path: Path | None) -> dict[str, Any]:
    """Recall of CourtListener's full case citations, and corpus links vs opinions_cited."""
    from citegraph.graph.identity import identify
    from citegraph.loaders import extract, read

    files = sorted(corpus.glob("*.json"))
    if limit:
        files = files[:limit]
    opinions = []
    records = []
    cl_cites: dict[str, list[str]] = {}
    cl_links: dict[str, set[str]] = {}
    stem_of: dict[str, str] = {}
    t0 = time.perf_counter()
    chars = 0
    for n, f in enumerate(files):
        obj = json.loads(f.read_text(encoding="utf-8"))
        try:
            op = _read_anchored(f, obj, read)
        except Exception as e:  # a bad file is reported and skipped
            print(f"skip {f.name}: {e}", file=sys.stderr)
            continue
        op.id = f.stem  # CourtListener's id: unique, and what opinions_cited names
        recs = extract(op)
        chars += len(op.text)
        opinions.append(op)
        records.extend(recs)
        stem_of[op.id] = f.stem
        cl_cites[f.stem] = courtlistener_citations(obj.get("html_with_citations") or "")
        cl_links[f.stem] = {_cl_id(u) for u in obj.get("opinions_cited") or []}
        if (n + 1) % 50 == 0:
            rate = chars / (time.perf_counter() - t0) / 1e6
            print(f"  {n + 1}/{len(files)} opinions, {rate:.3f} MB/s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0

    # recall of CourtListener's full case citations
    ours: dict[str, set[str]] = defaultdict(set)
    texts = {stem_of[op.id]: op.text for op in opinions}
    for r in records:
        if r.kind == "case" and r.cites:
            ours[stem_of.get(r.opinion, r.opinion)].update(r.cites)
    total = hit = own = not_full = 0
    missed: list[tuple[str, str, str]] = []
    for stem, cites in cl_cites.items():
        for c in cites:
            total += 1
            if c in ours[stem]:
                hit += 1
            elif not_a_full_case_citation(c):
                not_full += 1  # CourtListener's parse of a short cite or a journal
            elif _in_header(texts.get(stem, ""), c):
                own += 1  # the opinion's own citation in its header: identity, not a citation
            else:
                missed.append((stem, c, _miss_context(texts.get(stem, ""), c)))

    # corpus links
    authorities, resolved = identify(opinions, records)
    corpus_ids = set(stem_of.values())
    ours_links = {
        (stem_of[c.opinion], stem_of[c.authority])
        for c in resolved
        if c.authority in stem_of and c.opinion in stem_of
    }
    cl_pairs = {(s, t) for s, ts in cl_links.items() for t in ts if t in corpus_ids and t != s}
    tp = len(ours_links & cl_pairs)
    result = {
        "opinions": len(opinions),
        "seconds": round(seconds, 1),
        "mb_per_s": round(chars / seconds / 1e6, 3) if seconds else None,
        "cl_full_case_citations": total,
        "found": hit,
        "own_header_citations": own,
        "recall": round(hit / total, 4) if total else None,
        "not_full_case_citations": not_full,
        "recall_without_own": round(hit / (total - own), 4) if total - own else None,
        "recall_of_full_case_citations": round(hit / (total - own - not_full), 4)
        if total - own - not_full
        else None,
        "misses": len(missed),
        "links_ours": len(ours_links),
        "links_courtlistener_in_corpus": len(cl_pairs),
        "links_agree": tp,
        "link_precision": round(tp / len(ours_links), 4) if ours_links else None,
        "link_recall": round(tp / len(cl_pairs), 4) if cl_pairs else None,
        "authorities": len(authorities),
        "citations": len(records),
    }
    if misses_path:
        with misses_path.open("w", encoding="utf-8") as fh:
            for stem, c, ctx in missed:
                fh.write(json.dumps({"opinion": stem, "cite": c, "context": ctx}) + "\n")
            for s, t in sorted(ours_links - cl_pairs):
                fh.write(json.dumps({"extra_link": [s, t]}) + "\n")
            for s, t in sorted(cl_pairs - ours_links):
                fh.write(json.dumps({"missed_link": [s, t]}) + "\n")
    return result


def _in_header(text: str, cite: str) -> bool:
    """Whether `cite` stands in the opinion's header (its first lines, before the body)."""
    head = re.sub(r"\s+", " ", text[:400])
    parts = cite.split()
    return bool(parts) and re.search(r"\s*".join(re.escape(p) for p in parts), head) is not None


def _miss_context(text: str, cite: str) -> str:
    parts = cite.split()
    if len(parts) < 3:
        return ""
    vol, page = parts[0], parts[-1]
    m = re.search(rf"\b{re.escape(vol)}\b.{{0,25}}?\b{re.escape(page)}\b", text)
    if not m:
        return "(not in our text)"
    return text[max(0, m.start() - 60) : m.end() + 40].replace("\n", " ")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "courtlistener_ca1")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--misses", type=Path, default=None)
    ap.add_argument("--only", default="find,resolve,seeds,corpus")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    cmd = "python eval/citations.py " + " ".join(argv or sys.argv[1:])
    print(f"$ {cmd}")
    if "find" in only:
        r = eval_find()
        print(
            f"eyecite find gold: pipeline {r['passed']['pipeline']}/{r['cases']}, "
            f"bare eyecite {r['passed']['eyecite']}/{r['cases']}"
        )
        print(f"  pipeline fails: {r['failed']['pipeline']}")
        print(f"  eyecite fails:  {r['failed']['eyecite']}")
    if "resolve" in only:
        r = eval_resolve()
        print(f"eyecite resolve gold: pipeline {r['passed']}/{r['cases']}; fails {r['failed']}")
    if "seeds" in only:
        for name, rep in eval_seeds().items():
            exact = not (
                rep["missing"] or rep["invented"] or rep["wrong"] or rep["short_form_errors"]
            )
            print(
                f"seeds gold {name}: {rep['authorities']} authorities, {rep['found']} found, "
                f"missing {len(rep['missing'])}, invented {len(rep['invented'])}, "
                f"field errors {len(rep['wrong'])}, short forms {rep['short_forms']} "
                f"(errors {len(rep['short_form_errors'])}, extra {len(rep['extra_short_forms'])})"
                f" -> {'EXACT' if exact else 'NOT EXACT'}"
            )
            for key in ("missing", "invented", "wrong", "short_form_errors", "extra_short_forms"):
                for item in rep[key]:
                    print(f"    {key}: {item}")
    if "corpus" in only:
        r = eval_corpus(args.corpus, args.limit, args.misses)
        print(json.dumps(r, indent=1))
        counts: Counter[str] = Counter()
        if args.misses and args.misses.exists():
            for line in args.misses.read_text(encoding="utf-8").splitlines():
                counts[next(iter(json.loads(line)))] += 1
            print(f"  written to {args.misses}: {dict(counts)}")


if __name__ == "__main__":
    main()
