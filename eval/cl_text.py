"""How clean the text of CourtListener opinions is, seen through the citations built on it.

    python eval/cl_text.py [--before CL_DIR DATA_DIR] [--after CL_DIR DATA_DIR]

Each DIR is a build (`citegraph build <in> --out DIR`) of the CourtListener corpus
(CL_DIR, ../shared/corpus/courtlistener_ca1) or of data/ (DATA_DIR); a DIR that does not
exist is built first. Without arguments: before = /work/ref16/cl and /work/ref16/data,
after = fresh builds of this checkout in /tmp. Counts, for each side:

- propositions holding a page head ("-7-"), a page number left after one ("-7- 7"), a
  bare number between two lower-case words that is no count, pin or section (a page
  number spliced into a sentence), a raw character reference ("&amp;", "&#167;");
- propositions starting mid-sentence: a lower-case first letter that is no signal;
- citation rows with `footnote` set; opinions whose source marks footnotes (HTML
  footnote markup or a NOTES heading), those of them with a footnote row, and those
  whose marked footnotes hold a reporter citation but got no footnote row;
- U.S.C. citations found in the CourtListener opinions of data/.

Reads ../shared/corpus at run time: an evaluation, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from citegraph.vocabulary import SIGNALS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "courtlistener_ca1"
DATA = ROOT / "data"

PAGE_HEAD = re.compile(r"(?<![\w\-–—])-\s?\d{1,4}\s?-(?![\w\-–—])")
PAGE_NUMBER_AFTER_HEAD = re.compile(r"(?<![\w\-–—])-\s?\d{1,4}\s?-\s+\d{1,4}\b")
ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|sect|para|#\d+|#x[0-9a-f]+);", re.I)
# a number between lower-case words ("must carry 13 an entry-level burden"), unless the
# word before makes it a count, pin, section or date, or the word after a unit
_BARE = re.compile(r"(?<=[a-z,]) (\d{1,3}) (?=[a-z])")
_COUNTING = re.compile(
    r"(?:at|of|to|and|or|than|count|counts|section|sections|rule|rules|page|pages|step|"
    r"ch|chapter|title|part|no|nos|n|p|pp|para|art|amend|cl|the|all|over|about|under|by|"
    r"in|with|for|from|into|on|only|some|those|these|each|within|after|before|nearly|"
    r"approximately|almost|least|most|some|were|was|are|is|be|been|had|has|have|group|"
    r"level|levels|category|points|offense|class|item|exhibit|claim|claims|paragraph|"
    r"footnote|note|schedule|form|phase|round|stage|day|days|year|years|month|months|"
    r"another|first|last|next|other|ward|lot|unit|route|building|floor|room|apartment|"
    r"docket|volume|vol|book|times|plus|minus|between|among|out|every|per|than|exactly)"
    r"[.,]?$"
)
_SIGNAL_START = re.compile(r"^(?:" + "|".join(re.escape(s.lower()) for s in SIGNALS) + r")\b", re.I)
_SOURCE_NOTES = re.compile(
    r'class="[^"]*\bfootnote\b|<footnote\b|<sup>\s*\[?\d+\]?\s*</sup>|'
    r"<sup>\s*<a\s[^>]*href=\"#|>\s*(?:NOTES|Notes|FOOTNOTES|Footnotes)\s*<"
)
_NOTES_START = re.compile(r'<div class="footnotes?"|<footnote\b|>\s*(?:NOTES|FOOTNOTES)\s*<')
_REPORTER_CITE = re.compile(r"\b\d{1,4} (?:U\.S\.|F\.[234]d|F\. Supp\.|S\. ?Ct\.|F\.)\s?\d{1,4}\b")
_HTML_FIELDS = ("html_with_citations", "html_lawbox", "html_columbia", "html", "xml_harvard")


def build(folder: Path, out: Path) -> None:
    """Build `folder` into `out` with this checkout, unless `out` holds a build."""
    if (out / "citations.jsonl").exists():
        return
    env_cmd = [sys.executable, "-m", "citegraph", "build", str(folder), "--out", str(out), "-q"]
    subprocess.run(
        env_cmd, check=True, env={**__import__("os").environ, "CITEGRAPH_TOKENIZER": "default"}
    )


def rows(out: Path, name: str) -> list[dict]:
    with open(out / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def page_number_between_words(prop: str) -> bool:
    """A bare number set between two lower-case words that no word before explains."""
    for m in _BARE.finditer(prop):
        before = prop[: m.start()].rsplit(" ", 1)[-1].lower()
        if not _COUNTING.match(before):
            return True
    return False


def source_footnotes(path: Path) -> tuple[bool, bool]:
    """Whether the source marks footnotes, and whether its marked notes cite a reporter."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, False
    marks, cites = False, False
    for key in _HTML_FIELDS:
        html = obj.get(key) or ""
        if not html or "<pre" in html[:400] or not _SOURCE_NOTES.search(html):
            continue
        marks = True
        start = _NOTES_START.search(html)
        if start:
            notes = re.sub(r"<[^>]+>", "", html[start.start() :])
            cites = cites or bool(_REPORTER_CITE.search(notes))
    return marks, cites


def measure(cl: Path, data: Path) -> Counter[str]:
    """The counts of one side."""
    n: Counter[str] = Counter()
    cites = rows(cl, "citations.jsonl")
    ops = rows(cl, "opinions.jsonl")
    source = {o["id"]: Path(o["source"]).name for o in ops}
    n["opinions"] = len(ops)
    n["citation rows"] = len(cites)
    with_note_row: set[str] = set()
    for r in cites:
        if r.get("footnote"):
            n["rows with footnote"] += 1
            with_note_row.add(source.get(r["opinion"], ""))
        prop = r.get("proposition")
        if not prop:
            continue
        n["propositions"] += 1
        n["prop: page head"] += bool(PAGE_HEAD.search(prop))
        n["prop: page number after head"] += bool(PAGE_NUMBER_AFTER_HEAD.search(prop))
        n["prop: bare number between words"] += page_number_between_words(prop)
        n["prop: raw entity"] += bool(ENTITY.search(prop))
        first = prop.lstrip("\"“'‘([ ")
        if first[:1].islower() and not _SIGNAL_START.match(first):
            n["prop: starts mid-sentence"] += 1
    for name in sorted(set(source.values())):
        marks, noted_cites = source_footnotes(CORPUS / name)
        n["opinions: source marks footnotes"] += marks
        n["  of them with a footnote row"] += marks and name in with_note_row
        missed = marks and noted_cites and name not in with_note_row
        n["  notes cite a reporter, no footnote row"] += missed
    data_ops = {o["id"] for o in rows(data, "opinions.jsonl") if o["source"].endswith(".json")}
    n["data/ CL opinions"] = len(data_ops)
    n["data/ CL: U.S.C. citations"] = sum(
        1
        for r in rows(data, "citations.jsonl")
        if r["opinion"] in data_ops and "U.S.C." in " ".join(r.get("cites") or [r["text"]])
    )
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", nargs=2, default=["/work/ref16/cl", "/work/ref16/data"])
    ap.add_argument("--after", nargs=2, default=["/tmp/cl_text_cl", "/tmp/cl_text_data"])
    args = ap.parse_args()
    sides = {}
    for side, (cl, data) in (("before", args.before), ("after", args.after)):
        build(CORPUS, Path(cl))
        build(DATA, Path(data))
        sides[side] = measure(Path(cl), Path(data))
    keys = list(dict.fromkeys([*sides["before"], *sides["after"]]))
    print(f"{'':44} {'before':>9} {'after':>9}")
    for k in keys:
        b, a = sides["before"][k], sides["after"][k]
        pct = ""
        if k.startswith("prop:"):
            pb = 100 * b / max(sides["before"]["propositions"], 1)
            pa = 100 * a / max(sides["after"]["propositions"], 1)
            pct = f"   ({pb:.1f}% -> {pa:.1f}%)"
        print(f"{k:44} {b:9d} {a:9d}{pct}")


if __name__ == "__main__":
    main()
