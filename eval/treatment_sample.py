"""A sample of negative treatments from a build, to be read by hand (issue 21).

Draws N citations whose treatment is negative (everything but "followed") with a fixed
seed, and writes each with its authority, its words and the text around it, for a reader
to judge: does the citing court give this authority this treatment?

    python eval/treatment_sample.py BUILD_DIR --n 50 --out sample.json
    python eval/treatment_sample.py --score sample_judged.json

A judged file holds the same rows with "right": true/false (and "why").
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from citegraph.graph.status import separate_part
from citegraph.loaders.extraction.treatment import TREATMENTS

NEGATIVE = set(TREATMENTS) - {"followed"}


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sample(build: Path, n: int, seed: int = 21, exclude: list[Path] | None = None) -> list[dict]:
    """N negative treatments of the build, with their context; rows of earlier samples
    (`exclude`: judged files, same opinion, citation and words) are not drawn again."""
    texts = {r["id"]: r["text"] for r in _rows(build / "texts.jsonl")}
    labels = {a["id"]: a.get("label") or a.get("name") for a in _rows(build / "authorities.jsonl")}
    sources = {o["id"]: Path(o["source"]).name for o in _rows(build / "opinions.jsonl")}
    seen = {
        (r["opinion"], r["citation"], r["treatment"])
        for path in exclude or []
        for r in json.loads(path.read_text(encoding="utf-8"))
    }
    found = [
        c
        for c in _rows(build / "citations.jsonl")
        if c.get("treatment") in NEGATIVE
        and not separate_part(c.get("part"))  # only the court's own words
        and (sources.get(c["opinion"]), c["text"], c["treatment"]) not in seen
    ]
    found.sort(key=lambda c: (c["opinion"], c["start"]))
    picked = random.Random(seed).sample(found, min(n, len(found)))
    out = []
    for c in picked:
        text = texts.get(c["opinion"], "")
        out.append(
            {
                "opinion": sources.get(c["opinion"], c["opinion"]),
                "authority": labels.get(c.get("authority"), c.get("authority")),
                "citation": c["text"],
                "treatment": c["treatment"],
                "words": c.get("treatment_words"),
                "part": c.get("part"),
                "context": " ".join(text[max(0, c["start"] - 600) : c["end"] + 400].split()),
            }
        )
    return out


def score(path: Path) -> dict:
    """Precision of a judged sample, overall and by treatment."""
    rows = json.loads(path.read_text())
    by: dict[str, list[bool]] = {}
    for r in rows:
        by.setdefault(r["treatment"], []).append(bool(r["right"]))
    right = sum(sum(v) for v in by.values())
    return {
        "judged": len(rows),
        "right": right,
        "precision": round(right / len(rows), 3) if rows else 0.0,
        "by_treatment": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=Path, nargs="?")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--score", type=Path)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--exclude", type=Path, nargs="*", help="earlier samples, not drawn again")
    args = ap.parse_args(argv)
    if args.score:
        print(json.dumps(score(args.score)))
        return 0
    rows = sample(args.build, args.n, args.seed, args.exclude)
    text = json.dumps(rows, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
