"""The same input gives the same output in every process, whatever Python's hash seed.

eyecite's default tokenizer hands its regexes out as a set, whose order follows string
hashes (PYTHONHASHSEED, new in every process); where two regexes match the same span
the first run wins. "54 T.C. at 757" is a short cite of Golsen v. Commissioner or a
full cite whose reporter is "T.C. at"; "N.Y. Ins. Law § 3420" a citation of "N.Y.
Ins. Law" or of "N.Y.". citegraph's extraction runs the regexes in eyecite's list
order (loaders/extraction/citations.py `tokenizer`), with the speed-ups installed or
not: the order is no patch of eyecite.

The opinion is Forster v. New Hampshire (1st Cir. 1994, tests/fixtures/opinions_ca1/)
with a paragraph, before its closing one, that cites Golsen v. Commissioner, 54 T.C. 742
(1970), and New York's direct-action statute, N.Y. Ins. Law § 3420, as federal opinions
cite them: none of data/ or the fixtures has either form. Each process extracts it and
builds it with data/, with the speed-ups; eyecite as it is (the speed-ups held back, as
on an eyecite version they were not tested on) takes a second a court parenthetical, so
without them it is built alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
FORSTER = Path(__file__).resolve().parent / "fixtures" / "opinions_ca1" / "195124.txt"
CLOSING = "          For  the  reasons  stated"
PARAGRAPH = (
    "          Under Golsen v. Commissioner, 54 T.C. 742, 757 (1970), aff'd, 445 F.2d 985 "
    "(10th Cir. 1971), a court follows the law of the circuit to which an appeal lies. "
    "See 54 T.C. at 757. New York's direct-action statute, N.Y. Ins. Law § 3420(a)(2), "
    "lets an injured person sue the insurer once a judgment against the insured has gone "
    "unsatisfied for thirty days.\n\n"
)
SEEDS = ("0", "1", "2", "3")

# One process per seed does everything: extract and build with eyecite as it is, then
# with the speed-ups installed.
SCRIPT = """
import dataclasses, json, sys, tempfile, warnings
from pathlib import Path

import citegraph
from citegraph.loaders import extract, read
from citegraph.loaders.extraction import citations, speedups
from citegraph.loaders.extraction.speedups import patches

opinion_file, data = sys.argv[1], sys.argv[2]


def outputs(inputs):
    [opinion] = read(opinion_file)
    extracted = [dataclasses.asdict(c) for c in extract(opinion)]
    with tempfile.TemporaryDirectory() as out:
        citegraph.build(inputs).write(out)
        tables = {
            name.removesuffix(".jsonl"): Path(out, name).read_text(encoding="utf-8")
            for name in (
                "opinions.jsonl",
                "authorities.jsonl",
                "citations.jsonl",
                "graph.graphml",
                # the view's layout too: a subgraph view's node order followed the
                # hash seed, and so did every position in graph.html
                "graph.html",
            )
        }
    return {
        "extract": extracted,
        "build": tables,
        "speedups": speedups.installed(),
        "tokenizer": type(citations.tokenizer()).__name__,
    }


tested = patches.TESTED_VERSIONS
patches.TESTED_VERSIONS = {"eyecite": "not this one"}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    plain = outputs([opinion_file])
patches.TESTED_VERSIONS = tested
speedups.install()
fast = outputs([data, opinion_file])
print(json.dumps({"plain": plain, "fast": fast}))
"""


def _run(seed: str, opinion_file: Path) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed, "CITEGRAPH_TOKENIZER": "default"}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(opinion_file), str(DATA)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(out.stdout)


def test_extract_and_build_give_the_same_citations_under_every_hash_seed(tmp_path) -> None:
    text = FORSTER.read_text(encoding="utf-8")
    assert text.count(CLOSING) == 1
    opinion_file = tmp_path / "forster_citing_tax_court_and_ny_insurance_law.txt"
    opinion_file.write_text(text.replace(CLOSING, PARAGRAPH + CLOSING), encoding="utf-8")
    # two at a time: the machine has two cores
    with ThreadPoolExecutor(2) as pool:
        runs = dict(zip(SEEDS, pool.map(lambda s: _run(s, opinion_file), SEEDS), strict=True))

    first = runs[SEEDS[0]]
    assert first["plain"]["speedups"] is False
    assert first["fast"]["speedups"] is True
    assert first["plain"]["tokenizer"] == "ListOrderTokenizer"
    assert first["fast"]["tokenizer"] == "FastListOrderTokenizer"
    for seed, run in runs.items():
        assert run == first, seed
    # and the speed-ups change nothing
    assert first["fast"]["extract"] == first["plain"]["extract"]

    extracted = first["plain"]["extract"]
    by_text = {c["text"]: c for c in extracted}
    assert by_text["54 T.C. at 757"]["form"] == "short"
    assert by_text["54 T.C. at 757"]["antecedent"] == extracted.index(by_text["54 T.C. 742"])
    assert by_text["N.Y. Ins. Law § 3420"]["kind"] == "statute"
    for built in (first["plain"]["build"], first["fast"]["build"]):
        rows = [json.loads(line) for line in built["citations"].splitlines()]
        tax_court = [(r["text"], r["form"]) for r in rows if "T.C." in r["text"]]
        assert tax_court == [("54 T.C. 742", "full"), ("54 T.C. at 757", "short")]
        statutes = [r["text"] for r in rows if "Ins. Law" in r["text"]]
        assert statutes == ["N.Y. Ins. Law § 3420"]
