"""Nodes per case and merged cases: is every case one authority of a build?

Another tool's citation markup ties citation strings to cases: CourtListener's
``html_with_citations`` links each full cite to one cluster (``data-id``), and the
citator metadata lists every cluster's parallel citations. For each case whose strings
the build holds, count the citegraph authorities holding them (ideal 1.0); for each
authority holding strings of known cases, whether it holds two cases' strings (ideal 0).
The markup is not ground truth: the disagreements are listed to be read.

Also counted: case authorities without a page (volume-only or reporter-only nodes)
and history-only nodes among the most cited.

Usage:
    python eval/nodes_per_case.py BUILD_DIR [--courtlistener DIR] [--citator DIR]
        [--show N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

_SPAN = re.compile(
    r'<span class="citation" data-id="(\d+)">\s*<a [^>]*>\s*'
    r'<span class="volume">(\d+)</span>\s*<span class="reporter">([^<]+)</span>\s*'
    r'<span class="page">([^<]+)</span>'
)
_CITE = re.compile(r"^(\d+)\s+(.+?)\s+(\S+)$")


def norm(cite: str) -> str | None:
    """Volume|reporter letters|page: "556 U. S. 662" and "556 U.S. 662" alike."""
    m = _CITE.match(" ".join(cite.split()))
    if not m:
        return None
    vol, rep, page = m.groups()
    if not page[0].isdigit():
        return None
    return f"{vol}|{re.sub(r'[^a-z0-9]', '', rep.lower())}|{page}"


def markup_truth(texts: list[str]) -> dict[str, set[str]]:
    """Citation string -> the clusters CourtListener's markup links it to."""
    truth: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for cid, vol, rep, page in _SPAN.findall(text):
            key = norm(f"{vol} {rep} {page}")
            if key:
                truth[key].add(cid)
    return truth


def courtlistener_texts(folder: Path) -> list[str]:
    out = []
    for f in sorted(folder.glob("*.json")):
        try:
            obj = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append(obj.get("html_with_citations") or "")
    return out


def citator_truth(folder: Path) -> dict[str, set[str]]:
    """The citator's metadata (parallel citations of each cluster) and its markup."""
    truth: dict[str, set[str]] = defaultdict(set)
    for side in ("citing", "cited"):
        meta = json.loads((folder / f"{side}_opinions_metadata.json").read_text())
        for row, cid in meta[f"{side}_cluster_id"].items():
            for cite in meta[f"{side}_citations"][row] or []:
                key = norm(cite)
                if key:
                    truth[key].add(str(cid))
    texts = [
        f.read_text(encoding="utf-8", errors="replace")
        for sub in ("raw_citing_opinions", "raw_cited_opinions")
        for f in sorted((folder / sub).glob("*.txt"))
    ]
    for key, ids in markup_truth(texts).items():
        truth[key] |= ids
    return truth


# volume-only or reporter-only; a slip cite ("562 U.S. ___") is a cite of its own
_PAGELESS = re.compile(r"^\d+\s+[^\d_]+$|^[^\d_]+$")


def measure(build: Path, truth: dict[str, set[str]], show: int = 20) -> dict:
    """The figures of one build against one truth mapping."""
    # a string the markup ties to two clusters tells nothing
    single = {k: next(iter(v)) for k, v in truth.items() if len(v) == 1}
    strings_of: dict[str, set[str]] = defaultdict(set)
    for k, cid in single.items():
        strings_of[cid].add(k)
    authorities = [
        json.loads(line) for line in (build / "authorities.jsonl").read_text().splitlines()
    ]
    holders: dict[str, set[str]] = defaultdict(set)  # cluster -> authority ids
    clusters_of: dict[str, set[str]] = defaultdict(set)  # authority -> clusters
    label = {}
    for a in authorities:
        label[a["id"]] = a.get("label") or a["id"]
        for cite in a.get("citations") or []:
            key = norm(cite)
            if key in single:
                holders[single[key]].add(a["id"])
                clusters_of[a["id"]].add(single[key])
    several = [cid for cid in holders if len(strings_of[cid]) >= 2]
    nodes = [len(holders[cid]) for cid in several]
    split = sorted((c for c in several if len(holders[c]) > 1), key=lambda c: -len(holders[c]))
    merged = [aid for aid, cs in clusters_of.items() if len(cs) > 1]
    pageless = [
        a["id"]
        for a in authorities
        if a.get("kind") == "case"
        and not a.get("unresolved")  # an explicit unresolved short form
        and a.get("citations")
        and all(_PAGELESS.match(" ".join(c.split())) for c in a["citations"])
    ]
    out = {
        "cases": len(several),
        "nodes_per_case": round(sum(nodes) / len(nodes), 4) if nodes else None,
        "split_cases": len(split),
        "authorities_with_known_strings": len(clusters_of),
        "merged": len(merged),
        "merged_share": round(len(merged) / len(clusters_of), 4) if clusters_of else None,
        "pageless_case_authorities": len(pageless),
    }
    print(json.dumps(out, indent=1))
    print(f"\nsplit cases (first {show}):")
    for cid in split[:show]:
        print(f"  cluster {cid}: " + " | ".join(sorted(label[a] for a in holders[cid])))
    print(f"\nmerged authorities (first {show}):")
    for aid in merged[:show]:
        print(f"  {label[aid]}: clusters {sorted(clusters_of[aid])}")
    print(f"\npage-less case authorities (first {show}):")
    for aid in pageless[:show]:
        print(f"  {label[aid]}")
    out["split"] = {c: sorted(holders[c]) for c in split}
    out["merged_list"] = {a: sorted(clusters_of[a]) for a in merged}
    out["pageless"] = pageless
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=Path)
    ap.add_argument("--courtlistener", type=Path)
    ap.add_argument("--citator", type=Path)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    truth: dict[str, set[str]] = defaultdict(set)
    if args.courtlistener:
        for k, v in markup_truth(courtlistener_texts(args.courtlistener)).items():
            truth[k] |= v
    if args.citator:
        for k, v in citator_truth(args.citator).items():
            truth[k] |= v
    if not truth:
        ap.error("give --courtlistener or --citator")
    out = measure(args.build, truth, args.show)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
