"""Which PDF text extractor gives citegraph the right words? (issue 17; figures in eval/PDF.md)

Two measurements, each extractor's page texts going through the same reader
(loaders/readers/furniture.py: furniture out, footnotes after, hyphens resolved):

1. Opinions whose text we have, printed to PDF by Chromium (Debian's /usr/bin/chromium
   driven by playwright; no browser is downloaded): the citations found in the PDF's text
   against those found in the text itself (exact "volume reporter page" of every full
   citation, counted as a multiset): share found, and citations the PDF text adds.
2. Real court PDFs (a folder, e.g. ../shared/corpus/pdf, without the files held out in
   tests/fixtures/gold/opened.txt): citations found (and the share of the union of all
   extractors' citations of that file), share of word tokens not in an English word list
   (split words: "s uffered", "W IS."), broken reporter abbreviations ("F .3d", "C ir."),
   and time per page.

    python eval/pdf_extractors.py print --out /tmp/printed        # makes the printed PDFs
    python eval/pdf_extractors.py measure --printed /tmp/printed --real ../shared/corpus/pdf

`pip install pdfplumber pdfminer.six english-words` first (measurement only).
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from citegraph.errors import CitegraphError
from citegraph.loaders import read
from citegraph.loaders.extraction import extract
from citegraph.loaders.readers.decoding import reflow
from citegraph.loaders.readers.furniture import Line
from citegraph.loaders.readers.header import opinion_from_text
from citegraph.loaders.readers.pdf import opinion_from_pages, pdf_lines
from citegraph.models import Opinion

ROOT = Path(__file__).resolve().parent.parent
OPENED = ROOT / "tests" / "fixtures" / "gold" / "opened.txt"
CA1 = ROOT.parent / "shared" / "corpus" / "courtlistener_ca1"
CHROMIUM = "/usr/bin/chromium"


# ------------------------------------------------------------------ extractors


def pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        out.append(tp.get_text_range().replace("\r\n", "\n").replace("\ufffe", "-\n"))
        tp.close()
    doc.close()
    return out


def plumber_pages(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def miner_pages(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        "".join(el.get_text() for el in page if isinstance(el, LTTextContainer))
        for page in extract_pages(io.BytesIO(data))
    ]


def _plain(pages: list[str], source: str) -> Opinion:
    return opinion_from_pages([[Line(ln) for ln in p.splitlines()] for p in pages], source)


def _old_reader(pages: list[str], source: str) -> Opinion:
    """The reader before issue 17: pypdf, edge lines repeated on 60% of pages, reflow."""
    if len(pages) >= 3:
        key = lambda ln: re.sub(r"\d+", "#", ln.strip())  # noqa: E731
        edges: Counter[str] = Counter()
        for p in pages:
            lines = [ln for ln in p.splitlines() if ln.strip()]
            edges.update({key(ln) for ln in lines[:2] + lines[-2:]})
        running = {k for k, n in edges.items() if n >= len(pages) * 0.6 and k}
        pages = [
            "\n".join(
                ln
                for i, ln in enumerate(p.splitlines())
                if key(ln) not in running or 2 < i < len(p.splitlines()) - 2
            )
            for p in pages
        ]
    text = "\n\n".join(f for f in (reflow(p) for p in pages) if f)
    return opinion_from_text(text, source, prepared=True, header=pages[0][:5000])


READERS: dict[str, tuple[Callable[[bytes], list[str]] | None, Callable[..., Opinion]]] = {
    "pypdf (old reader)": (pypdf_pages, _old_reader),
    "pypdf": (pypdf_pages, _plain),
    "pdfplumber": (plumber_pages, _plain),
    "pdfminer.six": (miner_pages, _plain),
    "pypdfium2": (pdfium_pages, _plain),
    "pypdfium2 + type sizes (shipped)": (
        None,
        lambda data, src: opinion_from_pages(pdf_lines(data, src), src),
    ),
}


def run(name: str, data: bytes, source: str) -> tuple[Opinion, float, int]:
    """An extractor's Opinion of a PDF, seconds taken to get the text, pages."""
    pages_of, build = READERS[name]
    t = time.perf_counter()
    if pages_of is None:
        lines = pdf_lines(data, source)
        secs = time.perf_counter() - t
        return opinion_from_pages(lines, source), secs, len(lines)
    pages = pages_of(data)
    secs = time.perf_counter() - t
    return build(pages, source), secs, len(pages)


def cites(op: Opinion) -> Counter[str]:
    """Every "volume reporter page" of the full citations found in an opinion."""
    return Counter(c for cit in extract(op) if cit.form == "full" for c in cit.cites)


# ------------------------------------------------------------------ printing


def held_out() -> set[str]:
    return {ln.strip() for ln in OPENED.read_text().splitlines() if ln.strip()}


def printed_sources(n_ca1: int) -> list[Path]:
    """data/'s opinions and the first n_ca1 CourtListener CA1 opinions not held out."""
    held = held_out()
    data = sorted(p for p in (ROOT / "data").iterdir() if p.suffix in (".json", ".txt"))
    ca1 = [p for p in sorted(CA1.glob("*.json")) if f"courtlistener_ca1/{p.name}" not in held]
    picked = []
    for p in ca1:
        if len(picked) >= n_ca1:
            break
        if p.stat().st_size > 30_000:  # opinions long enough to cite something
            picked.append(p)
    return data + picked


def page_html(op: Opinion) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in op.text.split("\n\n") if p.strip())
    return (
        "<html lang=en><head><meta charset=utf-8><style>body{font:12pt 'Times New Roman',"
        "serif;text-align:justify;hyphens:auto;margin:0}p{margin:0 0 .6em;text-indent:2em}"
        f"</style></head><body>{paras}</body></html>"
    )


def print_all(out: Path, n_ca1: int) -> None:
    """Print each opinion to out/<name>.pdf (a running head, a page foot) and its text."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        for src in printed_sources(n_ca1):
            (op,) = read(src)
            page.set_content(page_html(op))
            head = html.escape(f"{op.name or src.stem} — No. {op.docket or ''}")
            page.pdf(
                path=str(out / f"{src.stem}.pdf"),
                format="Letter",
                margin={"top": "1in", "bottom": "1in", "left": "1in", "right": "1in"},
                display_header_footer=True,
                header_template=f"<div style='font-size:9px;width:100%;text-align:center'>"
                f"{head}</div>",
                footer_template="<div style='font-size:9px;width:100%;text-align:center'>"
                "- <span class=pageNumber></span> -</div>",
            )
            (out / f"{src.stem}.source").write_text(str(src))
            print(src.name, file=sys.stderr)
        browser.close()


# ------------------------------------------------------------------ measuring


def measure_printed(folder: Path) -> dict[str, dict[str, float]]:
    rows: dict[str, Counter[str]] = {name: Counter() for name in READERS}
    per_file: dict[str, dict[str, float]] = {}
    for pdf in sorted(folder.glob("*.pdf")):
        src = Path((folder / f"{pdf.stem}.source").read_text())
        (op,) = read(src)
        want = cites(op)
        data = pdf.read_bytes()
        for name in READERS:
            got_op, secs, pages = run(name, data, str(pdf))
            got = cites(got_op)
            r = rows[name]
            r["want"] += sum(want.values())
            r["found"] += sum((want & got).values())
            r["extra"] += sum((got - want).values())
            r["secs"] += secs
            r["pages"] += pages
            per_file.setdefault(pdf.stem, {})[name] = sum((want & got).values()) / max(
                1, sum(want.values())
            )
    for name, r in rows.items():
        print(
            f"printed | {name} | {r['want']} | {r['found'] / max(1, r['want']):.1%} | "
            f"{r['extra']} | {1000 * r['secs'] / max(1, r['pages']):.0f}"
        )
    return per_file


_SPLIT_REPORTER = re.compile(
    r"\b[FS] \.\s?\d?d\b|\bF\.\s?\d d\b|\bC ir\.|\bS\. ?C t\.|\bSu pp\.|\bSupp \.|"
    r"\b\d \d{2,3}, \d \d{2,3}\b|\bL\. ?E d\."
)


def measure_real(folder: Path) -> None:
    from english_words import get_english_words_set

    english = get_english_words_set(["web2", "gcide"], lower=True)
    held = {h.split("/", 1)[1] for h in held_out() if h.startswith("pdf/")}
    files = [p for p in sorted(folder.glob("*.pdf")) if p.name not in held]
    found: dict[tuple[str, str], Counter[str]] = {}
    rows: dict[str, Counter[str]] = {name: Counter() for name in READERS}
    for pdf in files:
        data = pdf.read_bytes()
        for name in READERS:
            try:
                op, secs, pages = run(name, data, str(pdf))
            except CitegraphError as e:
                print(f"{name}: {e}", file=sys.stderr)
                continue
            got = cites(op)
            found[(name, pdf.name)] = got
            tokens = [w.lower() for w in re.findall(r"[A-Za-z]+", op.text)]
            r = rows[name]
            r["cites"] += sum(got.values())
            r["tokens"] += len(tokens)
            r["unknown"] += sum(1 for w in tokens if w not in english)
            r["broken"] += len(_SPLIT_REPORTER.findall(op.text))
            r["heads"] += sum(1 for c in got if "____" in c or "___" in c)
            r["secs"] += secs
            r["pages"] += pages
    for pdf in files:
        union = set().union(*(set(found.get((n, pdf.name), ())) for n in READERS))
        for name in READERS:
            rows[name]["union"] += len(union)
            rows[name]["in_union"] += len(set(found.get((name, pdf.name), ())) & union)
    print(f"real PDFs: {len(files)} files, {rows['pypdf']['pages']} pages")
    for name, r in rows.items():
        print(
            f"real | {name} | {r['cites']} | {r['in_union'] / max(1, r['union']):.1%} | "
            f"{r['unknown'] / max(1, r['tokens']):.2%} | {r['broken']} | "
            f"{1000 * r['secs'] / max(1, r['pages']):.0f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("print")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--ca1", type=int, default=12)
    m = sub.add_parser("measure")
    m.add_argument("--printed", type=Path)
    m.add_argument("--real", type=Path)
    m.add_argument("--per-file", type=Path, help="write per-file recall (JSON)")
    args = ap.parse_args()
    if args.cmd == "print":
        print_all(args.out, args.ca1)
        return
    if args.printed:
        per_file = measure_printed(args.printed)
        if args.per_file:
            args.per_file.write_text(json.dumps(per_file, indent=1))
    if args.real:
        measure_real(args.real)


if __name__ == "__main__":
    main()
