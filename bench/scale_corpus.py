"""Scale corpus: N realistic CourtListener opinions made from the real ones, and the build
measured on them (time and peak memory).

    python bench/scale_corpus.py run 1000 10000              # make what is missing, build each
    python bench/scale_corpus.py run 1000 10000 --workers 1  # the build in one process
    python bench/scale_corpus.py make 100000                 # only write the opinions

Reads ../shared/corpus/courtlistener_ca1 (a benchmark may read ../shared; tests may not)
and writes under --dir (default /tmp/citegraph-scale): `pool/` holds the opinions, one
CourtListener JSON file each, and `N/` the first N of them (hard links), so that the
corpus of 1,000 is part of the corpus of 10,000.

The opinions: first the 1,070 real ones as they are, then variants of them, round after
round. A variant keeps its real opinion's text, and so the citations it makes (many to
real opinions of the corpus, as a circuit's opinions cite each other), but takes an
identity of its own, so that the build merges nothing away (graph/identity.py unites
opinions by their own citations, docket numbers, and name + court + year; corpus.py
drops a text read twice): a case name whose distinctive words (graph/names.py) are
replaced by words of other real case names (none a party's word of a case some text
cites; two of them hyphenated once the single words run out); a docket number of the
real shape; a date drawn from the real dates (a real opinion's, moved by up to 30
days); and, where the real opinion has one, its own citation in the same reporter, a
volume drawn from the real ones and a page that no opinion of the corpus cites (so too
the citation that heads CourtListener's HTML, "607 F.3d 250 (2010)", where citegraph
does not read it as the opinion's own). Names, dockets and citations are never given
twice. The variant's text (header, HTML, parties) says the new name, docket and
citations, and an inline CourtListener `cluster` object carries them as metadata.
Nothing cites a variant: the corpus grows by new opinions citing the real ones and
what those cite.

`run` builds each corpus with `citegraph build DIR --out DIR/out-N-jW --no-cache` in a
fresh process and reports wall and CPU seconds (CPU is the fairer clock on a shared
machine), the peak RSS of the build's parent process and of its largest child
(getrusage: an extraction worker, or the writer viz/background.py forks at the end,
whose RSS counts the pages it shares with the parent), and the parent's growth per
opinion from one size to the next.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "courtlistener_ca1"
TEXT_FIELDS = ("plain_text", "html", "html_lawbox", "html_with_citations", "html_columbia")
SEED = 23


@dataclass
class Template:
    """A real opinion and what identifies it, as citegraph reads it."""

    file: str
    name: str | None
    date: str | None
    court: str | None
    dockets: list[str]
    citations: list[str]  # its own, as citegraph reads them
    header_cites: list[str] = field(default_factory=list)  # others its header lines hold


_HEADER_CITE = re.compile(r"^\s*(\d+ [A-Z][\w.' ]*? \d+)(?: \(\d{4}\))?\s*$", re.M)


def _header_cites(obj: dict[str, Any], known: list[str]) -> list[str]:
    """Citations on lines of their own in the first lines of any text of `obj` ("607
    F.3d 250 (2010)" heads CourtListener's HTML) that citegraph did not read as its own."""
    found: dict[str, None] = {}
    for key in TEXT_FIELDS:
        head = re.sub(r"<[^>]+>", "", str(obj.get(key) or "")[:3000])
        lines = "\n".join(head.splitlines()[:12])
        found.update(dict.fromkeys(m.group(1) for m in _HEADER_CITE.finditer(lines)))
    return [c for c in found if c not in known and _cite_parts(c)]


def read_templates(cache: Path) -> list[Template]:
    """The real opinions' identities, read with citegraph once and kept in `cache`."""
    if cache.exists():
        return [Template(**t) for t in json.loads(cache.read_text(encoding="utf-8"))]
    import logging

    from citegraph.errors import CitegraphError
    from citegraph.loaders import read

    logging.getLogger("eyecite").setLevel(logging.ERROR)
    templates = []
    for path in sorted(CORPUS.glob("*.json")):
        try:
            (op,) = read(path)
        except (CitegraphError, ValueError):
            continue
        dockets = op.dockets or ([op.docket] if op.docket else [])
        t = Template(path.name, op.name, op.date, op.court, dockets, op.citations)
        t.header_cites = _header_cites(json.loads(path.read_bytes()), op.citations)
        templates.append(t)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([t.__dict__ for t in templates]), encoding="utf-8")
    return templates


@dataclass
class Draws:
    """The real distributions the variants draw from, and what is already taken."""

    volumes: dict[str, list[int]]  # reporter -> the volumes of the real own citations
    dates: list[dt.date]
    words: list[str]  # distinctive words of the real case names
    taken_cites: set[str]
    taken_dockets: set[str]
    taken_names: set[str]
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))


def _cite_parts(cite: str) -> tuple[int, str, int] | None:
    m = re.fullmatch(r"(\d+) (.+?) (\d+)", cite)
    return (int(m.group(1)), m.group(2), int(m.group(3))) if m else None


def real_draws(templates: list[Template], texts: list[str]) -> Draws:
    """The distributions of the real opinions; every citation their texts make is taken."""
    from citegraph.graph.names import distinctive_words
    from citegraph.vocabulary import fold

    volumes: dict[str, list[int]] = defaultdict(list)
    for t in templates:
        for cite in (*t.citations, *t.header_cites):
            parts = _cite_parts(cite)
            if parts:
                volumes[parts[1]].append(parts[0])
    taken = {c for t in templates for c in (*t.citations, *t.header_cites)}
    for reporter in volumes:
        pattern = re.compile(rf"(\d+)\s+{re.escape(reporter)}\s+(\d+)")
        for text in texts:
            taken.update(f"{v} {reporter} {p}" for v, p in pattern.findall(text))
    # a party word of a case some text cites would give a variant that case's name
    # ("United States v. Lewis" of 1994, court and year matching 40 F.3d 1325)
    cited = {
        fold(w)
        for text in texts
        for v in re.finditer(r" v\. ", text)
        for w in re.findall(r"[A-Z][\w'’-]*", text[max(0, v.start() - 80) : v.end() + 80])
    }
    words = sorted({w for t in templates for w in distinctive_words(t.name) if w.isalpha()} - cited)
    return Draws(
        volumes=dict(volumes),
        dates=[dt.date.fromisoformat(t.date) for t in templates if t.date],
        words=[w.title() for w in words],
        taken_cites=taken,
        taken_dockets={d for t in templates for d in t.dockets},
        taken_names={t.name for t in templates if t.name},
    )


def _new_name(t: Template, draws: Draws) -> tuple[str, dict[str, str]]:
    """A case name never given, and the words of the real name it replaces."""
    from citegraph.graph.names import distinctive_words
    from citegraph.vocabulary import fold

    name = t.name or "Doe v. Roe"
    mine = distinctive_words(name)
    tokens = [w for w in re.findall(r"\w[\w'’-]*", name) if fold(w) in mine]
    if not tokens:  # "In re Grand Jury": give it a party of its own
        tokens, name = ["Doe"], f"{name} (Doe)"
    for tries in range(1_000_000):
        swap = {}
        for w in dict.fromkeys(tokens):
            swap[w] = draws.rng.choice(draws.words)
            if tries >= 10:  # the single words run out: "Ferreira-Lott"
                swap[w] += f"-{draws.rng.choice(draws.words)}"
        new = name
        for old, word in swap.items():
            new = re.sub(rf"(?<![A-Za-z]){re.escape(old)}(?![A-Za-z])", word, new)
        if new not in draws.taken_names:
            draws.taken_names.add(new)
            return new, swap
    raise RuntimeError(f"no new name for {name}")


def _new_docket(old: str, year: int, draws: Draws) -> str:
    """A docket number of the real one's shape ("93-1170"), its year two digits before."""
    while True:
        runs = re.split(r"(\d+)", old)  # text, digits, text, digits, ...
        for i in range(1, len(runs), 2):
            if i == 1 and len(runs[i]) == 2:
                runs[i] = f"{(year - 1) % 100:02d}"
            else:
                runs[i] = "".join(draws.rng.choice("0123456789") for _ in runs[i])
        new = "".join(runs)
        if new not in draws.taken_dockets:
            draws.taken_dockets.add(new)
            return new


def _new_cite(old: str, draws: Draws) -> str:
    """A citation in the real one's reporter, a real volume and a page no one cites."""
    parts = _cite_parts(old)
    if parts is None:
        return old
    _, reporter, _ = parts
    while True:
        volume = draws.rng.choice(draws.volumes.get(reporter) or [parts[0]])
        new = f"{volume} {reporter} {draws.rng.randint(1, 1500)}"
        if new not in draws.taken_cites:
            draws.taken_cites.add(new)
            return new


def _cite_pattern(cite: str) -> re.Pattern[str] | None:
    """`cite` in a text or in HTML, tags and spaces allowed between its parts; the
    volume and the page are groups 1 and 3."""
    parts = _cite_parts(cite)
    if parts is None:
        return None
    gap = r"(?:\s|<[^>]*>)*"
    reporter = gap.join(re.escape(c) for c in parts[1] if not c.isspace())
    return re.compile(rf"(?<!\d)({parts[0]})({gap}{reporter}{gap})({parts[2]})(?!\d)")


@dataclass
class Identity:
    """What a variant is called: name, date, dockets, own citations; and the rewrites
    that put them in its text (pattern, replacement)."""

    name: str
    date: dt.date
    dockets: list[str]
    citations: list[str]
    swaps: list[tuple[re.Pattern[str], str]]


def identity(t: Template, draws: Draws) -> Identity:
    """A new identity for a variant of `t`, drawn from the real distributions."""
    when = draws.rng.choice(draws.dates) + dt.timedelta(days=draws.rng.randint(-30, 30))
    name, words = _new_name(t, draws)
    dockets = [_new_docket(d, when.year, draws) for d in t.dockets]
    dockets = dockets or [_new_docket("00-0000", when.year, draws)]
    olds = [*t.citations, *t.header_cites]
    news = [_new_cite(c, draws) for c in olds]
    swaps: list[tuple[re.Pattern[str], str]] = []
    for old, new in zip(olds, news, strict=True):
        pattern, parts = _cite_pattern(old), _cite_parts(new)
        if pattern is not None and parts is not None:
            swaps.append((pattern, rf"{parts[0]}\g<2>{parts[2]}"))
    for old, new in zip(t.dockets, dockets, strict=False):
        if re.search(r"\d{3}", old):  # not "1", which stands everywhere
            swaps.append((re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])"), new))
    for old, new in words.items():  # as written and in capitals; "best" stays a word
        for a, b in ((old, new), (old.upper(), new.upper())):
            swaps.append((re.compile(rf"(?<![A-Za-z]){re.escape(a)}(?![a-z])"), b))
    return Identity(name, when, dockets, news[: len(t.citations)], swaps)


def variant(obj: dict[str, Any], t: Template, number: int, me: Identity) -> dict[str, Any]:
    """A new opinion from the real one `obj`: its text, the identity `me`."""
    out = dict(obj)
    for key in TEXT_FIELDS:
        text = out.get(key)
        if isinstance(text, str) and text.strip():
            for pattern, new in me.swaps:
                text = pattern.sub(new, text)
            if text == out[key]:  # nothing of the old identity in it: still not the same
                docket = me.dockets[0]
                text = (f"No. {docket}\n" if key == "plain_text" else f"<p>No. {docket}</p>") + text
            out[key] = text
    slug = re.sub(r"[^a-z0-9]+", "-", me.name.lower()).strip("-")
    out["absolute_url"] = f"/opinion/{9_000_000 + number}/{slug}/"
    out["resource_uri"] = f"synthetic:{number}"
    url = str(obj.get("download_url") or "")
    for pattern, new in me.swaps:
        url = pattern.sub(new, url)
    out["download_url"] = url
    out["cluster"] = {
        "case_name": me.name,
        "date_filed": me.date.isoformat(),
        "citations": me.citations,
        "docket": {"docket_number": me.dockets[0], "court_id": t.court or "ca1"},
    }
    return out


def make(n: int, base: Path) -> Path:
    """Write the first `n` opinions to base/pool (those missing) and link them into base/n."""
    pool = base / "pool"
    pool.mkdir(parents=True, exist_ok=True)
    templates = read_templates(base / "templates.json")
    objs = [json.loads((CORPUS / t.file).read_text(encoding="utf-8")) for t in templates]
    draws = real_draws(templates, [o.get("plain_text") or o.get("html") or "" for o in objs])
    for i in range(n):
        target = pool / f"{i:06d}.json"
        k = i % len(templates)
        if i < len(templates):
            if not target.exists():
                target.write_text(json.dumps(objs[k]), encoding="utf-8")
            continue
        # drawn whether or not the file exists, so that the i-th opinion is always the same
        me = identity(templates[k], draws)
        if not target.exists():
            target.write_text(json.dumps(variant(objs[k], templates[k], i, me)), encoding="utf-8")
    folder = base / str(n)
    folder.mkdir(exist_ok=True)
    for i in range(n):
        link = folder / f"{i:06d}.json"
        if not link.exists():
            os.link(pool / link.name, link)
    return folder


def measure(folder: Path, workers: int) -> dict[str, Any]:
    """`citegraph build` of `folder` in a fresh process: seconds and peak RSS."""
    out = folder.parent / f"out-{folder.name}-j{workers}"
    cmd = [sys.executable, __file__, "_build", str(folder), str(out), str(workers)]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wall_with_start"] = time.perf_counter() - started
    figures["inputs"] = sum(1 for _ in folder.iterdir())
    with open(out / "opinions.jsonl", encoding="utf-8") as f:
        figures["opinions"] = sum(1 for _ in f)
    return figures


def _build(folder: str, out: str, workers: str) -> None:
    """Run in the measured process: the build, then its own figures as JSON."""
    import resource

    from citegraph.cli import main

    started = time.perf_counter()
    args = ["build", folder, "--out", out, "--no-cache", "-q", "--workers", workers]
    main(args, standalone_mode=False)
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = {
        "wall": time.perf_counter() - started,
        "cpu_parent": me.ru_utime + me.ru_stime,
        "cpu_children": kids.ru_utime + kids.ru_stime,
        "parent_peak_mib": me.ru_maxrss / 1024,  # KiB on Linux
        "child_peak_mib": kids.ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def report(rows: list[dict[str, Any]]) -> None:
    """The figures, and the parent's growth per opinion from one size to the next."""
    print("opinions  inputs  wall s  cpu s (parent+children)  parent peak MiB  child peak MiB")
    for r in rows:
        cpu = r["cpu_parent"] + r["cpu_children"]
        print(
            f"{r['opinions']:8d}  {r['inputs']:6d}  {r['wall']:6.0f}  {cpu:8.0f} "
            f"({r['cpu_parent']:.0f}+{r['cpu_children']:.0f})  "
            f"{r['parent_peak_mib']:15.0f}  {r['child_peak_mib']:14.0f}"
        )
    for a, b in zip(rows, rows[1:], strict=False):
        grew = (
            (b["parent_peak_mib"] - a["parent_peak_mib"]) * 1024 / (b["opinions"] - a["opinions"])
        )
        cpu = sum(b[k] - a[k] for k in ("cpu_parent", "cpu_children"))
        per = (b["wall"] - a["wall"]) / (b["opinions"] - a["opinions"])
        print(
            f"{a['opinions']} -> {b['opinions']}: parent +{grew:.1f} KiB, +{per * 1000:.0f} ms "
            f"wall and +{cpu / (b['opinions'] - a['opinions']) * 1000:.0f} ms CPU per opinion"
        )


def main() -> None:
    """Command line: make N..., run N... (see the module docstring)."""
    if sys.argv[1:2] == ["_build"]:
        _build(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["make", "run"])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/citegraph-scale"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    rows = []
    for n in sorted(args.sizes):
        started = time.perf_counter()
        folder = make(n, args.dir)
        print(f"{n} opinions in {folder} ({time.perf_counter() - started:.0f} s)", flush=True)
        if args.command == "run":
            rows.append(measure(folder, args.workers))
            print(json.dumps(rows[-1]), flush=True)
    if rows:
        report(rows)


if __name__ == "__main__":
    main()
