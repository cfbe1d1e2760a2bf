"""First-look figure: citegraph's propositions against the issue-20 hand labels.

Reads tests/fixtures/gold/propositions_firstlook_a.json and _b.json (359 labelled
citation occurrences in 14 opinions of /work/shared/corpus, labelled by reading the
opinions before any rule was written for them), builds those 14 files with
`citegraph.build` (one build, one worker, no store) and matches every labelled
occurrence to a citations row of its opinion:

1. locate it in citegraph's own opinion text: the labelled `cite` is searched with
   whitespace removed and dashes / quotes folded (so PDF line joins, tag stripping and
   spacing do not matter), case-sensitively first, then case-insensitively; the
   labelled occurrences of one cite in one file are aligned in order to the places
   found (a monotone alignment that scores each pair by how many words of the
   labelled proposition / quote / parenthetical stand within 800 characters before
   and 400 after the place, plus a bonus when the place's rank equals the labelled
   `occurrence`): the labeler's text and citegraph's can differ in what they hold
   (head matter, dissent, footnote placement), so the rank alone is not trusted;
2. the row is the citations row whose [start, end) overlaps the located cite (the
   nearest start wins); where the cite is not found in the text at all, the fallback
   is the rows whose `text` matches the cite loosely (letters, digits and section
   signs only), aligned the same way;
3. no row: a miss of the citation, counted apart from proposition quality.

Figures, per source (the corpus folder) and overall:

- labelled, read (citegraph read the file), located, matched (to a row);
- proposition token F1: eval/propositions.py's definition (lower-cased word tokens,
  bag-of-words F1; a row with no proposition scores 0 against a labelled one), mean
  over matched rows and over every labelled occurrence (a miss scores 0);
- signal exact (case, trailing comma and the space in "e. g." folded; null == null)
  and parenthetical exact (whitespace folded; null == null), over matched rows;
- role: citations.jsonl has no role field (not available); the nearest, reported as
  a proxy only: a row that is subsequent history (`source` == "history") against the
  labelled role "history";
- none: share of matched rows whose label has a proposition and citegraph gives none;
- a baseline, "the sentence before the citation", scored the same way on the same
  located places (the text of the citation's sentence before it; where the citation
  opens its sentence, the sentence before).

It lists the worst propositions with the pattern each stands in and writes nothing
unless --markdown is given.

    CITEGRAPH_TOKENIZER=default python eval/firstlook_propositions.py [--worst 25]
        [--corpus /work/shared/corpus] [--markdown eval/FIRSTLOOK_PROPOSITIONS.md]
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
LABEL_FILES = ("propositions_firstlook_a.json", "propositions_firstlook_b.json")
CORPUS = Path("/work/shared/corpus")
SOURCES = ("courtlistener_ca1", "cap_xml", "citator", "bva", "pdf")

# the older evaluator's token F1 (lower-cased word tokens), reused as is
_spec = importlib.util.spec_from_file_location(
    "_propositions", Path(__file__).with_name("propositions.py")
)
assert _spec and _spec.loader
_prop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_prop)
token_f1 = _prop.token_f1
tokens = _prop.tokens

FOLD = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u00a0": " ",
    }
)


def load_labels(names: tuple[str, ...] = LABEL_FILES) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in names:
        data = json.loads((GOLD / name).read_text("utf-8"))
        for k, occ in enumerate(data["occurrences"]):
            out.append({**occ, "_set": name, "_k": k})
    return out


def source_of(file: str) -> str:
    return file.split("/", 1)[0]


def squeeze(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, dashes and quotes folded, with each char's offset."""
    chars: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(text.translate(FOLD)):
        if not ch.isspace():
            chars.append(ch)
            at.append(i)
    return "".join(chars), at


def loose(text: str) -> str:
    return re.sub(r"[^a-z0-9§]", "", text.lower())


def places(text: str, cite: str) -> list[tuple[int, int]]:
    """Where `cite` stands in `text`: (start, end) offsets, in text order."""
    sq, at = squeeze(text)
    needle, _ = squeeze(cite)
    if not needle:
        return []
    for hay, pin in ((sq, needle), (sq.lower(), needle.lower())):
        found: list[tuple[int, int]] = []
        pos = hay.find(pin)
        while pos >= 0:
            start = at[pos]
            # a cite that begins with a word character must begin a word
            if not (pin[0].isalnum() and start > 0 and text[start - 1].isalnum()):
                found.append((start, at[pos + len(pin) - 1] + 1))
            pos = hay.find(pin, pos + len(pin))
        if found:
            return found
    return []


def context_score(text: str, start: int, end: int, lab: dict[str, Any]) -> float:
    """Share of the label's words (3+ letters) found near the place."""
    words = {
        t
        for f in ("proposition", "quote", "parenthetical")
        for t in tokens(lab.get(f))
        if len(t) > 2
    }
    if not words:
        return 0.0
    near = set(tokens(text[max(0, start - 800) : end + 400]))
    return len(words & near) / len(words)


def align(scores: list[list[float]]) -> list[int | None]:
    """Monotone assignment of labels (rows of `scores`) to places maximising the sum."""
    n = len(scores)
    m = len(scores[0]) if n else 0
    # best[i][j]: best total for labels i.. with places j..
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1]
            best[i][j] = max(take, best[i][j + 1], best[i + 1][j])
    out: list[int | None] = [None] * n
    i = j = 0
    while i < n and j < m:
        if best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            out[i] = j
            i += 1
            j += 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            i += 1
    return out


SENT_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"(\[]?[A-Z])")
NOT_END = re.compile(
    r"(?:\b[A-Z]|\bv|\bvs|\bNo|\bNos|\bCo|\bCorp|\bInc|\bLtd|\bCir|\bSupp|\bApp|\bStat|"
    r"\bF|\bS|\bU|\be\.g|\bi\.e|\bcf|\bCf|\bId|\bid|\bSec|\bArt|\bal|\bJ|\bJJ|\bMr|\bMs|"
    r"\bDr|\bSt|\bRev|\bReg|\bCode|\bAnn|\bGov|\bCt|\bEd|\bd|\b2d|\b3d|\b4th|\bL|\bDist|"
    r"\bDiv|\bPa|\bMass|\bConn|\bCal|\bN\.Y|\bFed|\bVet|\bC\.F\.R|\bU\.S\.C|\bU\.S|\bp|"
    r"\bpp|\bn|\bnn|\bch|\bcl)\.$"
)
SIGNAL_TAIL = re.compile(
    r"(?:(?:see|See|Cf|cf|But|but|also|Accord|accord|Compare|compare|with|Contra|"
    r"e\.\s?g|generally|See,|and)[.,]?\s*)+$"
)


CASE_NAME_TAIL = re.compile(
    r"(?:\b[A-Z][^.;:!?()]{0,120}?\bv\.\s+[^;:!?()]{0,120}?"
    r"|\b(?:In re|Ex parte)\s[^;:!?()]{0,80}?),\s*$"
)


def sentence_starts(text: str) -> list[int]:
    starts = {0}
    for m in SENT_END.finditer(text):
        if NOT_END.search(text[max(0, m.start() - 12) : m.start() + 1]):
            continue
        starts.add(m.end())
    for m in re.finditer(r"\n\s*\n\s*", text):  # paragraph breaks and headings
        starts.add(m.end())
    return sorted(starts)


def sentence_before(text: str, starts: list[int], at: int) -> str | None:
    """The baseline: the citation's sentence up to it, or the sentence before it."""
    k = bisect.bisect_right(starts, at) - 1
    head = CASE_NAME_TAIL.sub("", text[starts[k] : at])  # the cite begins at its name
    head = SIGNAL_TAIL.sub("", head.rstrip()).strip()
    if len(tokens(head)) >= 3:
        return head
    if k == 0:
        return head or None
    return text[starts[k - 1] : starts[k]].strip() or None


def norm_signal(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s).strip().rstrip(",").strip().lower()
    s = re.sub(r"e\.\s+g\.", "e.g.", s)
    return s or None


def norm_paren(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s).strip()
    return s or None


def patterns(lab: dict[str, Any], text: str | None, at: int | None) -> list[str]:
    """The situations a labelled occurrence stands in (several may hold)."""
    out: list[str] = []
    before = ""
    if text is not None and at is not None:
        before = text[max(0, at - 200) : at].translate(FOLD)
    b = CASE_NAME_TAIL.sub("", before)
    b = SIGNAL_TAIL.sub("", b.rstrip()).rstrip()
    relation = lab.get("relation") in ("citing", "quoting") or lab.get("role") == "quoting"
    if relation or re.search(r"\((?:citing|quoting|cited in|quoted in)[^()]*$", before):
        out.append("citing/quoting parenthetical")
    if lab.get("footnote") is not None:
        out.append("footnote")
    if b.endswith(";"):
        out.append("string cite member")
    if lab.get("quote") or re.search(r"[\"'][.,]?$", b) or re.search(r"[.,][\"']$", b):
        out.append("quote then cite")
    if b and not re.search(r"[.!?;:\"')\]]$", b):
        out.append("citation inside its sentence")
    prop = (lab.get("proposition") or "").strip()
    if len(tokens(prop)) < 6 or not re.search(r"[.!?\"'”’)]$", prop):
        out.append("fragment/heading")
    if lab.get("role") == "history":
        out.append("history")
    if not out:
        out.append("citation sentence after its proposition")
    return out


PRIORITY = (
    "citing/quoting parenthetical",
    "footnote",
    "string cite member",
    "quote then cite",
    "citation inside its sentence",
    "fragment/heading",
    "history",
    "citation sentence after its proposition",
)


def evaluate(
    corpus_dir: Path, names: tuple[str, ...] = LABEL_FILES
) -> tuple[list[dict[str, Any]], list[str], str]:
    import citegraph

    labels = load_labels(names)
    files = list(dict.fromkeys(lab["file"] for lab in labels))
    errors: list[str] = []
    corpus = citegraph.build(
        [str(corpus_dir / f) for f in files],
        on_error=lambda e: errors.append(str(e)),
        workers=1,
    )
    rel = {str(corpus_dir / f): f for f in files}
    texts: dict[str, str] = {}
    opinion_of: dict[str, str] = {}
    for op in corpus.opinions:
        f = rel.get(str(op.source))
        if f is None or f in texts:  # one opinion per labelled file here
            continue
        texts[f] = op.text
        opinion_of[op.id] = f
    rows: dict[str, list[Any]] = defaultdict(list)
    for c in corpus.citations:
        if c.opinion in opinion_of:
            rows[opinion_of[c.opinion]].append(c)
    for f in rows:
        rows[f].sort(key=lambda c: c.start)

    results: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for lab in labels:
        groups[(lab["file"], lab["cite"])].append(lab)
    where: dict[int, tuple[int, int, str] | None] = {}
    for (f, cite), labs in groups.items():
        labs.sort(key=lambda x: x["occurrence"])
        text = texts.get(f)
        if text is None:
            for lab in labs:
                where[id(lab)] = None
            continue
        found = [(s, e, "text") for s, e in places(text, cite)]
        if not found:
            key = loose(cite)
            found = [
                (c.start, c.end, "row text")
                for c in rows[f]
                if key and (key in loose(c.text) or loose(c.text) in key) and loose(c.text)
            ]
        if not found:
            for lab in labs:
                where[id(lab)] = None
            continue
        scores = [
            [
                context_score(text, s, e, lab) + (0.25 if j == lab["occurrence"] else 0.0) + 0.01
                for j, (s, e, _) in enumerate(found)
            ]
            for lab in labs
        ]
        for lab, j in zip(labs, align(scores), strict=True):
            where[id(lab)] = found[j] if j is not None else None

    starts_of = {f: sentence_starts(t) for f, t in texts.items()}
    for lab in labels:
        f = lab["file"]
        text = texts.get(f)
        loc = where[id(lab)]
        row = None
        if loc is not None:
            s, e, _ = loc
            hit = [c for c in rows[f] if c.start < e and s < c.end]
            if hit:
                row = min(hit, key=lambda c: abs(c.start - s))
        base = sentence_before(text, starts_of[f], loc[0]) if text and loc else None
        gold = lab.get("proposition")
        got = row.proposition if row is not None else None
        res = {
            "label": lab,
            "source": source_of(f),
            "read": text is not None,
            "located": loc is not None,
            "located_by": loc[2] if loc else None,
            "at": loc[0] if loc else None,
            "row": row.row() if row is not None else None,
            "f1": token_f1(gold, got) if row is not None else 0.0,
            "base": base,
            "base_f1": token_f1(gold, base) if loc is not None else 0.0,
            "patterns": patterns(lab, text, loc[0] if loc else None),
        }
        if row is not None:
            res["signal_ok"] = norm_signal(lab.get("signal")) == norm_signal(row.signal)
            res["paren_ok"] = norm_paren(lab.get("parenthetical")) == norm_paren(row.parenthetical)
            res["none"] = bool(tokens(gold)) and not tokens(got)
            res["hist_label"] = lab.get("role") == "history"
            res["hist_got"] = row.source == "history"
            res["role_label"] = lab.get("role") or "support"
            res["role_got"] = getattr(row, "role", None) or "support"
        results.append(res)
    return results, errors, sorted(set(files) - set(texts))


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(results)
    matched = [r for r in results if r["row"] is not None]
    m = len(matched)
    hist = [r for r in matched if r["hist_label"]]

    def mean(xs: list[float]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    return {
        "labelled": n,
        "read": sum(r["read"] for r in results),
        "located": sum(r["located"] for r in results),
        "matched": m,
        "f1_matched": mean([r["f1"] for r in matched]),
        "f1_all": mean([r["f1"] for r in results]),
        "base_matched": mean([r["base_f1"] for r in matched]),
        "base_all": mean([r["base_f1"] for r in results]),
        "signal": mean([float(r["signal_ok"]) for r in matched]),
        "paren": mean([float(r["paren_ok"]) for r in matched]),
        "none": mean([float(r["none"]) for r in matched]),
        "hist_recall": (sum(r["hist_got"] for r in hist), len(hist)),
        "hist_false": sum(r["hist_got"] and not r["hist_label"] for r in matched),
        "role": mean([float(r["role_label"] == r["role_got"]) for r in matched]),
        "role_all_support": mean([float(r["role_label"] == "support") for r in matched]),
    }


def fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "-"
    return f"{x:.1%}" if pct else f"{x:.3f}"


def table(results: list[dict[str, Any]]) -> list[str]:
    head = (
        "| source | labelled | read | located | matched | prop F1 (matched) | prop F1 (all) "
        "| baseline F1 (matched) | baseline F1 (all) | signal exact | parenthetical exact "
        "| label has prop, got none | role |"
    )
    lines = [head, "|" + "---|" * 13]
    for src in (*SOURCES, "overall"):
        rs = results if src == "overall" else [r for r in results if r["source"] == src]
        if not rs:
            continue
        s = summary(rs)
        hr, hn = s["hist_recall"]
        lines.append(
            f"| {src} | {s['labelled']} | {s['read']} | {s['located']} | {s['matched']} "
            f"| {fmt(s['f1_matched'])} | {fmt(s['f1_all'])} | {fmt(s['base_matched'])} "
            f"| {fmt(s['base_all'])} | {fmt(s['signal'], True)} | {fmt(s['paren'], True)} "
            f"| {fmt(s['none'], True)} | {fmt(s['role'], True)} (all support: "
            f"{fmt(s['role_all_support'], True)}; history {hr}/{hn}, +{s['hist_false']}) |"
        )
    return lines


def file_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| file | labelled | matched | prop F1 (matched) | baseline F1 (matched) | got none |",
        "|---|---|---|---|---|---|",
    ]
    for f in dict.fromkeys(r["label"]["file"] for r in results):
        s = summary([r for r in results if r["label"]["file"] == f])
        got_none = round((s["none"] or 0) * s["matched"])
        lines.append(
            f"| {f} | {s['labelled']} | {s['matched']} | {fmt(s['f1_matched'])} "
            f"| {fmt(s['base_matched'])} | {got_none} |"
        )
    return lines


def pattern_table(results: list[dict[str, Any]]) -> list[str]:
    matched = [r for r in results if r["row"] is not None]
    lines = [
        "| pattern (first that applies) | matched | prop F1 | baseline F1 | got none |",
        "|---|---|---|---|---|",
    ]
    for p in PRIORITY:
        rs = [r for r in matched if first_pattern(r) == p]
        if not rs:
            continue
        n = len(rs)
        lines.append(
            f"| {p} | {n} | {sum(r['f1'] for r in rs) / n:.3f} "
            f"| {sum(r['base_f1'] for r in rs) / n:.3f} "
            f"| {sum(r['none'] for r in rs)} |"
        )
    return lines


def first_pattern(r: dict[str, Any]) -> str:
    return next(p for p in PRIORITY if p in r["patterns"])


def worst(results: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    """The k lowest F1 among matched rows; ties spread over the files in turn."""
    matched = [r for r in results if r["row"] is not None]
    rank: dict[int, int] = {}
    seen: dict[str, int] = defaultdict(int)
    for r in matched:
        rank[id(r)] = seen[r["label"]["file"]]
        seen[r["label"]["file"]] += 1
    matched.sort(key=lambda r: (round(r["f1"], 3), rank[id(r)], r["label"]["file"]))
    return matched[:k]


def clip(s: str | None, n: int = 220) -> str:
    if s is None:
        return "None"
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= n else s[: n - 3] + "..."


def worst_lines(results: list[dict[str, Any]], k: int) -> list[str]:
    ws = worst(results, k)
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in ws:
        by[first_pattern(r)].append(r)
    lines: list[str] = []
    for p in PRIORITY:
        if p not in by:
            continue
        lines.append(f"\n### {p} ({len(by[p])})\n")
        for r in by[p]:
            lab = r["label"]
            lines.append(
                f"- `{lab['file']}` `{lab['cite']}` #{lab['occurrence']} "
                f"(F1 {r['f1']:.2f}; also: {', '.join(x for x in r['patterns'] if x != p) or '-'})"
            )
            lines.append(f"  - label: {clip(lab.get('proposition'))}")
            lines.append(f"  - got:   {clip(r['row']['proposition'])}")
    return lines


def misses(results: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for r in results:
        if r["row"] is not None or not r["read"]:
            continue
        lab = r["label"]
        why = "located in the text, no row there" if r["located"] else "not found in the text"
        lines.append(f"- `{lab['file']}` `{lab['cite']}` #{lab['occurrence']}: {why}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--worst", type=int, default=25)
    ap.add_argument("--markdown", type=Path, help="also write the report's tables here")
    ap.add_argument(
        "--labels",
        nargs="+",
        default=list(LABEL_FILES),
        help="label files in tests/fixtures/gold (the blind set: propositions_final_a.json "
        "propositions_final_b.json)",
    )
    args = ap.parse_args(argv)
    results, errors, unread = evaluate(args.corpus, tuple(args.labels))
    out = ["## Per source", "", *table(results), ""]
    if unread:
        out += ["Files citegraph could not read (every occurrence in them is a miss):", ""]
        out += [f"- {e}" for e in errors] or [f"- {f}" for f in unread]
        out.append("")
    located_by = defaultdict(int)
    for r in results:
        if r["located"]:
            located_by[r["located_by"]] += 1
    out += [f"Located via: {dict(located_by)}", ""]
    out += ["## Per file", "", *file_table(results), ""]
    out += ["## Matched rows by pattern", "", *pattern_table(results), ""]
    out += [
        f"## The {args.worst} worst propositions, by pattern",
        *worst_lines(results, args.worst),
    ]
    out += ["", "## Read but not matched to a row", "", *misses(results)]
    text = "\n".join(out)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
