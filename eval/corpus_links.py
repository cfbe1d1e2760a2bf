"""Corpus links of a build against CourtListener's `opinions_cited`.

A corpus link is a citing opinion -> cited opinion pair where both are opinions of the
corpus. CourtListener lists, for each opinion, the opinions it resolved as cited
(`opinions_cited`); restricted to the corpus, that is the other tool's set of links.
Prints precision, recall and F1 of the build's links against it, and every
disagreement (to be read: the markup is not ground truth).

With --citator, a build of the citator's `<cluster>_<type>.txt` files is compared, by
cluster, with the clusters the CourtListener markup inside them links to.

Usage:
    python eval/corpus_links.py BUILD_DIR CORPUS_DIR [--citator] [--judged FILE] [--show N]
        [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def _cl_id(uri: str) -> str:
    m = re.search(r"/opinions/(\d+)/", uri)
    return m.group(1) if m else uri


def build_links(build: Path, key_of: dict[str, str]) -> set[tuple[str, str]]:
    """The build's corpus links, as (citing, cited) pairs of `key_of` its opinion ids
    (subsequent history is no citation of its own)."""
    out = set()
    for line in (build / "citations.jsonl").read_text().splitlines():
        c = json.loads(line)
        if c.get("source") == "history" and c.get("via"):
            continue
        cited = key_of.get(c.get("authority"))
        citing = key_of.get(c["opinion"])
        if cited and citing and cited != citing:
            out.add((citing, cited))
    return out


def links(build: Path, corpus: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]], dict]:
    """(ours, theirs, names): the corpus links of the build and of CourtListener, as
    pairs of CourtListener ids (the files' stems), and each id's name."""
    stem_of: dict[str, str] = {}
    names: dict[str, str] = {}
    for line in (build / "opinions.jsonl").read_text().splitlines():
        op = json.loads(line)
        stem = Path(op["source"]).stem
        stem_of[op["id"]] = stem
        names[stem] = op.get("name") or stem
    corpus_ids = set(stem_of.values())
    ours = build_links(build, stem_of)
    theirs = set()
    for f in sorted(corpus.glob("*.json")):
        if f.stem not in corpus_ids:
            continue
        obj = json.loads(f.read_text(encoding="utf-8"))
        for uri in obj.get("opinions_cited") or []:
            cited = _cl_id(uri)
            if cited in corpus_ids and cited != f.stem:
                theirs.add((f.stem, cited))
    return ours, theirs, names


_DATA_ID = re.compile(r'<span class="citation" data-id="(\d+)"')


def citator_links(
    build: Path, folder: Path
) -> tuple[set[tuple[str, str]], set[tuple[str, str]], dict]:
    """(ours, theirs, names) for a build of citator files (`<cluster>_<type>.txt`), as
    pairs of clusters. Theirs: the clusters the CourtListener markup of a citing file
    links to (`data-id`), among the clusters of the build; only citing clusters whose
    files carry such markup are counted, on both sides."""
    cluster_of: dict[str, str] = {}
    names: dict[str, str] = {}
    files: dict[str, list[Path]] = {}
    for line in (build / "opinions.jsonl").read_text().splitlines():
        op = json.loads(line)
        path = Path(op["source"])
        cluster = path.name.split("_")[0]
        cluster_of[op["id"]] = cluster
        names.setdefault(cluster, op.get("name") or cluster)
        files.setdefault(cluster, []).append(path)
    corpus = set(cluster_of.values())
    theirs = set()
    marked = set()
    for cluster, paths in files.items():
        for path in paths:
            ids = set(_DATA_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
            if ids:
                marked.add(cluster)
            theirs |= {(cluster, c) for c in ids if c in corpus and c != cluster}
    ours = {(a, b) for a, b in build_links(build, cluster_of) if a in marked}
    return ours, theirs, names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--citator", action="store_true", help="a build of citator/ files")
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument(
        "--judged", type=Path, help="pairs read by hand (eval/corpus_links_judged.json)"
    )
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if args.citator:
        ours, theirs, names = citator_links(args.build, args.corpus)
    else:
        ours, theirs, names = links(args.build, args.corpus)
    judged_note = None
    if args.judged:
        # read by hand where they disagreed: a pair read as cited is in the truth, a pair
        # read as not cited is out; a pair nobody read stays as CourtListener has it
        judged = json.loads(args.judged.read_text())
        yes = {tuple(k.split("->")) for k, v in judged.items() if v.get("cites") is True}
        no = {tuple(k.split("->")) for k, v in judged.items() if v.get("cites") is False}
        unread = (ours ^ theirs) - yes - no
        theirs = (theirs | (yes & ours)) - no
        judged_note = {"read": len(judged), "disagreements_unread": len(unread)}
    both = ours & theirs
    p = len(both) / len(ours) if ours else 0.0
    r = len(both) / len(theirs) if theirs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    out = {
        "ours": len(ours),
        "theirs": len(theirs),
        "both": len(both),
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "only_ours": sorted(ours - theirs),
        "only_theirs": sorted(theirs - ours),
    }
    if judged_note:
        out["judged"] = judged_note
    print(json.dumps({k: v for k, v in out.items() if not k.startswith("only")}, indent=1))
    for key in ("only_theirs", "only_ours"):
        print(f"\n{key} ({len(out[key])}, first {args.show}):")
        for a, b in out[key][: args.show]:
            print(f"  {a} {names[a][:40]!r} -> {b} {names[b][:50]!r}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
