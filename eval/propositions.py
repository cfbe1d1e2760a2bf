"""How well citegraph finds what each citation is offered for, against hand labels.

Reads tests/fixtures/propositions_labelled.json (the two seed opinions and three First
Circuit opinions, labelled by reading them), runs the extractor on each opinion and
prints, over the labelled occurrences:

- signal exact (See, Cf., See, e.g., ...), parenthetical exact (explanatory only),
  treatment exact, quote exact, parent exact (the citation a second-hand one stands in);
- proposition token F1 (words of the labelled proposition against the found one),
  averaged over occurrences; an occurrence with no proposition on either side counts
  1 when both are empty and 0 otherwise.

A labelled occurrence the extractor does not find counts as wrong on every measure.

It also prints the same figures for a held-out opinion (propositions_heldout.json).

    python eval/propositions.py [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "fixtures" / "propositions_labelled.json"
# labelled after the rules were written and never used to tune them
HELD_OUT = ROOT / "tests" / "fixtures" / "propositions_heldout.json"
FIELDS = ("signal", "parenthetical", "treatment", "quote", "parent")


def norm(value: str | None) -> str | None:
    """Compare text loosely on spacing, curly quotes and trailing punctuation only."""
    if value is None:
        return None
    s = value.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*\.\s*\.\s*\.", "...", s)
    s = s.strip(" .,;:")
    return s or None


def tokens(value: str | None) -> list[str]:
    return re.findall(r"[a-z0-9]+", (value or "").lower())


def token_f1(gold: str | None, found: str | None) -> float:
    """Bag-of-words F1 between two propositions."""
    g, f = tokens(gold), tokens(found)
    if not g and not f:
        return 1.0
    if not g or not f:
        return 0.0
    pool: dict[str, int] = defaultdict(int)
    for t in g:
        pool[t] += 1
    common = 0
    for t in f:
        if pool[t] > 0:
            common += 1
            pool[t] -= 1
    if not common:
        return 0.0
    p, r = common / len(f), common / len(g)
    return 2 * p * r / (p + r)


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text("utf-8"))["occurrences"])


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def predictions(labels: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """For each labelled occurrence, what the extractor says (None if it finds nothing)."""
    from citegraph.loaders import extract, read

    by_file: dict[str, list[int]] = defaultdict(list)
    for k, lab in enumerate(labels):
        by_file[lab["file"]].append(k)
    out: list[dict[str, Any] | None] = [None] * len(labels)
    for file, ks in by_file.items():
        opinion = read(ROOT / file)[0]
        found = extract(opinion)
        text = opinion.text
        for k in ks:
            lab = labels[k]
            at = _nth(text, lab["cite"], lab["occurrence"])
            if at < 0:
                continue
            hit = [
                c for c in found if c.start <= at < c.end or at <= c.start < at + len(lab["cite"])
            ]
            if not hit:
                continue
            c = hit[0]
            parent = found[c.parent] if c.parent is not None else None
            out[k] = {
                "proposition": c.proposition,
                "signal": c.signal,
                "parenthetical": c.parenthetical,
                "treatment": c.treatment,
                "quote": c.quote,
                "parent": text[parent.start : parent.end].strip() if parent else None,
            }
    return out


def figures(
    labels: list[dict[str, Any]],
    preds: list[dict[str, Any] | None],
    over_found: bool = False,
) -> dict[str, float]:
    """Exact-match rates per field, mean proposition F1 and coverage.

    Args:
        labels: the labelled occurrences.
        preds: what the extractor says for each (None where it finds no citation).
        over_found: divide by the occurrences the extractor finds (what this step is
            responsible for) instead of by every labelled one.
    """
    found_n = sum(1 for p in preds if p is not None)
    n = max(1, found_n) if over_found else len(labels)
    exact = {f: 0 for f in FIELDS}
    f1_sum = 0.0
    found = 0
    for lab, pred in zip(labels, preds, strict=True):
        if pred is None:
            continue
        found += 1
        for f in FIELDS:
            if norm(lab.get(f)) == norm(pred.get(f)):
                exact[f] += 1
        f1_sum += token_f1(lab.get("proposition"), pred.get("proposition"))
    result = {f"{f}_exact": exact[f] / n for f in FIELDS}
    result["proposition_f1"] = f1_sum / n
    result["found"] = found / len(labels)
    result["occurrences"] = float(len(labels))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show-misses", action="store_true", help="print each disagreement")
    args = ap.parse_args(argv)
    labels = load_labels()
    preds = predictions(labels)
    figs = figures(labels, preds)
    found_figs = figures(labels, preds, over_found=True)
    files = sorted({lab["file"] for lab in labels})
    print(f"labelled occurrences: {len(labels)} in {len(files)} opinions")
    for f in files:
        print(f"  {f}: {sum(1 for lab in labels if lab['file'] == f)}")
    print(f"found by the extractor: {figs['found']:.1%}")
    print(f"{'':29}{'all labelled':>14}{'found ones':>12}")
    for name, key in (
        ("signal exact", "signal_exact"),
        ("parenthetical exact", "parenthetical_exact"),
        ("treatment exact", "treatment_exact"),
        ("quote exact", "quote_exact"),
        ("parent exact", "parent_exact"),
    ):
        print(f"{name:29}{figs[key]:>14.1%}{found_figs[key]:>12.1%}")
    print(
        f"{'proposition token F1 (mean)':29}{figs['proposition_f1']:>14.3f}"
        f"{found_figs['proposition_f1']:>12.3f}"
    )
    if HELD_OUT.exists():
        held = load_labels(HELD_OUT)
        hf = figures(held, predictions(held))
        print(
            f"held-out ({len(held)} occurrences, {HELD_OUT.name}): "
            f"signal {hf['signal_exact']:.1%}, parenthetical {hf['parenthetical_exact']:.1%}, "
            f"treatment {hf['treatment_exact']:.1%}, quote {hf['quote_exact']:.1%}, "
            f"parent {hf['parent_exact']:.1%}, proposition F1 {hf['proposition_f1']:.3f}"
        )
    if args.show_misses:
        for lab, pred in zip(labels, preds, strict=True):
            if pred is None:
                print(f"\nNOT FOUND {lab['file']} {lab['cite']!r} #{lab['occurrence']}")
                continue
            bad = [f for f in FIELDS if norm(lab.get(f)) != norm(pred.get(f))]
            f1 = token_f1(lab.get("proposition"), pred.get("proposition"))
            if bad or f1 < 0.85:
                print(f"\n{lab['file']} {lab['cite']!r} #{lab['occurrence']}  F1={f1:.2f}")
                for f in bad + (["proposition"] if f1 < 0.85 else []):
                    print(f"  {f}: label={lab.get(f)!r}\n  {' ' * len(f)}  found={pred.get(f)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
