"""Overrulings against the citator's labelled pairs (issue 21).

../shared/corpus/citator/dataset.csv labels 732 citing -> cited pairs of Supreme Court
cases "overruled" yes or no. tests/fixtures/gold/citator_split.json holds a split chosen
before any treatment rule was written: rules are written on `develop`; `held_out` is
measured once, at the end.

A pair is predicted yes when a citation in the citing case's majority (`part` majority,
or an opinion whose type is not a separate opinion) names the cited case (one of its
parallel citations, from the citator's metadata) with treatment overruled or abrogated,
or the cited authority's `status` says the citing case overruled it.

    python eval/treatment_pairs.py BUILD_DIR [--split develop|held_out] [--show N] [--json]

BUILD_DIR is a build of the split's citing opinions; `--make CORPUS_DIR` first links the
split's files into CORPUS_DIR (build it with `citegraph build CORPUS_DIR --out BUILD_DIR`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

from citegraph.graph.status import separate_part
from nodes_per_case import norm  # eval/: one normal form of a citation for every eval

ROOT = Path(__file__).resolve().parent.parent
CITATOR = ROOT.parent / "shared" / "corpus" / "citator"
SPLIT = ROOT / "tests" / "fixtures" / "gold" / "citator_split.json"
OVERRULING = {"overruled", "abrogated", "disapproved"}


def pairs(split: str) -> list[dict[str, str]]:
    """The labelled pairs whose citing case is in `split`."""
    ids = set(json.loads(SPLIT.read_text())[split])
    with open(CITATOR / "dataset.csv", newline="", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["citing_cluster_id"] in ids]


def cited_cites() -> dict[str, set[str]]:
    """Cluster id -> the normalized parallel citations of the cited case."""
    meta = json.loads((CITATOR / "cited_opinions_metadata.json").read_text())
    out: dict[str, set[str]] = defaultdict(set)
    for row, cid in meta["cited_cluster_id"].items():
        for cite in meta["cited_citations"][row] or []:
            key = norm(cite)
            if key:
                out[str(cid)].add(key)
    return out


def make(split: str, folder: Path) -> None:
    """Link the split's citing opinions into `folder`."""
    ids = set(json.loads(SPLIT.read_text())[split])
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted((CITATOR / "raw_citing_opinions").glob("*.txt")):
        if f.name.split("_")[0] in ids and not (folder / f.name).exists():
            (folder / f.name).symlink_to(f)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predictions(build: Path) -> dict[tuple[str, str], list[str]]:
    """(citing cluster, normalized cite of the cited authority) -> the words that give an
    overruling by the citing case's majority."""
    opinions = {o["id"]: o for o in _rows(build / "opinions.jsonl")}
    cluster = {oid: Path(o["source"]).name.split("_")[0] for oid, o in opinions.items()}
    authorities = {a["id"]: a for a in _rows(build / "authorities.jsonl")}
    cites_of = {
        aid: {k for k in (norm(c) for c in a.get("citations") or []) if k}
        for aid, a in authorities.items()
    }
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in _rows(build / "citations.jsonl"):
        if c.get("treatment") not in OVERRULING or not c.get("authority"):
            continue
        op = opinions.get(c["opinion"], {})
        if separate_part(c.get("part") or op.get("type")):
            continue
        words = c.get("treatment_words") or c.get("treatment")
        for key in cites_of.get(c["authority"], ()):
            found[(cluster[c["opinion"]], key)].append(str(words))
    for aid, a in authorities.items():
        for s in a.get("treated_by") or []:
            if s.get("treatment") in OVERRULING and s.get("by") in cluster:
                for key in cites_of.get(aid, ()):
                    found[(cluster[s["by"]], key)].append(str(s.get("words")))
    return found


def measure(build: Path, split: str, show: int = 0) -> dict:
    """Precision and recall of overruled yes on the split's pairs."""
    found = predictions(build)
    cites = cited_cites()
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for row in pairs(split):
        keys = cites.get(row["cited_cluster_id"], set())
        hits = [w for k in keys for w in found.get((row["citing_cluster_id"], k), [])]
        truth = row["overruled"] == "yes"
        said = bool(hits)
        tp += truth and said
        fp += said and not truth
        fn += truth and not said
        tn += not truth and not said
        if truth != said:
            kind = "FP" if said else "FN"
            wrong.append(
                f"{kind} {row['citing_cluster_id']} {row['citing_decision_name']} -> "
                f"{row['cited_cluster_id']} {row['cited_decision_name']} {hits[:2]}"
            )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    for line in wrong[:show]:
        print(line)
    return {
        "split": split,
        "pairs": tp + fp + fn + tn,
        "yes": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 3),
        "recall": round(r, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=Path, nargs="?")
    ap.add_argument("--split", default="develop", choices=("develop", "held_out"))
    ap.add_argument("--make", type=Path, help="link the split's citing opinions here")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.make:
        make(args.split, args.make)
    if not args.build:
        return 0
    out = measure(args.build, args.split, args.show)
    print(json.dumps(out) if args.json else "  ".join(f"{k} {v}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
