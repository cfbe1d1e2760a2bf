"""What a new user meets in the first hour (issue 15), each pinned on real opinions:
the ambiguity list of `show`, `--open` without a browser, one set of counts, files of
a format citegraph does not read, the Hyperscan compile and the ETA, a PDF with a damaged header,
`export --out`, and GraphML as igraph reads it."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from citegraph.cli import main
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
SUMMARY = re.compile(r"(\d+) opinions, (\d+) citations, (\d+) authorities, (\d+) edges in ")


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _from_the_store(sample_out: Path, out: Path) -> Path:
    """An --out directory holding the session build's store: building data/ there again
    takes every extraction from it, so the build is quick and prints its summary."""
    out.mkdir(parents=True)
    shutil.copy(sample_out / "citegraph.sqlite", out / "citegraph.sqlite")
    return out


# --- 1. show: an ambiguous name lists the candidates, one per line ----------------------


def test_ambiguous_name_lists_each_candidate_on_its_own_line(sample_out: Path) -> None:
    result = _run("show", "hartford", "--out", str(sample_out))
    assert result.exit_code == 1
    assert "\\n" not in result.stderr  # was one line with a literal backslash-n
    assert result.stderr.splitlines() == [
        'error: "hartford" matches 2 authorities or opinions; ask for one by its citation or id:',
        "  Daley, 215 Conn. 14 (1990)  (case, cited 1x)",
        "  Russo v. City of Hartford, 158 F. Supp. 2d 214 (2001)  (case, corpus opinion, cited 0x)",
    ]


# --- 2. --open without a browser -----------------------------------------------------------


@pytest.mark.parametrize("no_browser", ["returns False", "raises"])
def test_open_without_a_browser_says_where_the_page_is_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_browser: str
) -> None:
    import webbrowser

    def fail(url: str, *args: object, **kwargs: object) -> bool:
        if no_browser == "raises":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    monkeypatch.setattr(webbrowser, "open", fail)
    out = tmp_path / "out"
    result = _run("build", str(DATA / "195083.json"), "--out", str(out), "--open", "-q")
    assert result.exit_code == 0, result.output
    page = (out / "graph.html").resolve()
    assert page.exists()
    assert result.stderr.splitlines() == [
        f"citegraph: no browser could be opened; open {page} by hand"
    ]


# --- 3. one definition of the counts -----------------------------------------------------


def test_build_summary_stats_and_view_header_give_the_same_counts(
    sample_out: Path, tmp_path: Path
) -> None:
    # data/: 8 opinions citing 196 authorities, 3 of them First Circuit opinions of the
    # corpus (the view's header said 193: it left out the authorities that are opinions)
    out = _from_the_store(sample_out, tmp_path / "out")
    result = _run("build", str(DATA), "--out", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    (summary,) = [m for x in result.stdout.splitlines() if (m := SUMMARY.match(x))]
    opinions, citations, authorities, edges = map(int, summary.groups())
    # (subsequent history adds no edge of its own: "cert. denied, 113 S. Ct. 224" is a
    # history edge to Amparo; Brandon is cited by its docket number, "No. 92-1447"; and
    # "Hence, Yesil is inapposite" names Yesil without a cite: one reference citation)
    want = {"opinions": 8, "authorities": 228, "citations": 491, "edges": 302}
    assert (
        dict(opinions=opinions, authorities=authorities, citations=citations, edges=edges) == want
    )

    stats = json.loads(_run("stats", "--out", str(out), "--json").stdout)["counts"]
    assert {k: stats[k] for k in want} == want

    page = (out / "graph.html").read_text(encoding="utf-8")
    header = json.loads(re.search(r'"counts":(\{[^}]*\})', page).group(1))  # type: ignore[union-attr]
    assert header == want

    rows = {
        name: len((out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())
        for name in ("opinions", "authorities", "citations")
    }
    assert rows == {k: want[k] for k in rows}  # each count is a row of its table


def test_a_second_hand_occurrence_on_a_cited_edge_is_not_a_citation() -> None:
    # "X, 1 F.3d 1 (quoting Y)" and Y cited in X's text too: the edge X -> Y weighs
    # the text citation and the parenthetical, but only the first is a citation (the
    # view's header summed edge weights: 34,293 for the CourtListener corpus, 34,268 rows)
    from citegraph.graph.metrics import counts

    g = nx.DiGraph()
    g.add_node("op", in_corpus=True, cited_by=0)
    g.add_node("x", in_corpus=False, cited_by=1)
    g.add_node("y", in_corpus=False, cited_by=1)
    g.add_edge("op", "x", weight=1, source="text")
    g.add_edge("op", "y", weight=1, source="text")
    g.add_edge("x", "y", weight=1, source="parenthetical")
    g.edges["op", "y"]["weight"] += 1  # a second-hand occurrence merged into a text edge
    assert counts(g) == {"opinions": 1, "authorities": 2, "citations": 2, "edges": 3}


# --- 4. formats citegraph does not read ---------------------------------------------------


def _docx(path: Path, text: str) -> Path:
    """A real (minimal) Word document: a zip with [Content_Types].xml and word/document.xml."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return path


def _png(path: Path) -> Path:
    """A real 1x1 PNG: the signature, IHDR, IDAT and IEND chunks."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )
    return path


MONELL = "Monell v. Department of Social Services, 436 U.S. 658, 691 (1978)."


def test_a_word_file_and_an_image_each_get_a_line_naming_what_citegraph_reads(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    docx = _docx(folder / "brief.docx", MONELL)
    png = _png(folder / "page1.png")
    result = _run("build", str(folder), "--out", str(tmp_path / "out"), "-q", "-j", "1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"error: {docx}: an office document (Word")
    assert lines[1].startswith(f"error: {png}: an image, which citegraph does not read")
    for line in lines[:2]:
        assert "citegraph reads plain text, HTML, PDF" in line
        assert ".pdf" in line and ".json" in line and ".txt" in line
    assert lines[2] == "error: no opinion could be read from the inputs"


def test_a_word_file_beside_an_opinion_is_no_opinion_of_the_build(tmp_path: Path) -> None:
    # a .docx is a zip: it was read as an archive, its word/document.xml as a CAP case
    docx = _docx(tmp_path / "brief.docx", MONELL)
    out = tmp_path / "out"
    result = _run("build", str(docx), str(DATA / "195083.json"), "--out", str(out), "-j", "1")
    assert result.exit_code == 1
    (error,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert error.startswith(f"error: {docx}: an office document")
    assert "CAP case" not in result.stderr
    assert SUMMARY.search(result.stdout).group(1) == "1"  # type: ignore[union-attr]
    sources = [json.loads(x)["source"] for x in (out / "opinions.jsonl").open()]
    assert sources == [str(DATA / "195083.json")]


def test_a_word_file_inside_an_archive_is_named_as_its_member(tmp_path: Path) -> None:
    archive = tmp_path / "filing.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(_docx(tmp_path / "brief.docx", MONELL), "filing/brief.docx")
        z.write(DATA / "195083.json", "filing/195083.json")
    out = tmp_path / "out"
    result = _run("build", str(archive), "--out", str(out), "-q", "-j", "1")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {archive}!filing/brief.docx: an office document")


# --- 5. the Hyperscan compile is said once; the ETA waits for enough work -------------------


def test_compiling_the_prefilter_is_said_once_before_extraction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citegraph import corpus
    from citegraph.loaders.extraction import speedups

    # a first large build on a machine without the database: hyperscan is chosen and
    # not yet compiled (the tokenizer itself stays the default one: no minute-long compile)
    monkeypatch.setattr(corpus, "_choose_tokenizer", lambda tokenizer, pending: "hyperscan")
    monkeypatch.setattr(speedups, "prefilter_cached", lambda: False)
    install = speedups.install
    monkeypatch.setattr(speedups, "install", lambda tokenizer=None: install("default"))
    monkeypatch.setattr(corpus, "_WORKER_STATE", {})
    inputs = [str(DATA / "195083.json"), str(DATA / "195338.json")]
    result = _run("build", *inputs, "--out", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    said = [x for x in lines if "Hyperscan" in x]
    assert said == ["citegraph: compiling the Hyperscan prefilter (once per machine, ~1 min)..."]
    assert lines[0] == said[0]  # before any progress line


def test_no_eta_from_the_first_file_after_a_long_compile() -> None:
    from citegraph.cli import _progress

    # 1,070 opinions; the first finishes 35 s after the start (the compile), then one
    # every 0.5 s: the old estimate from the start said "ETA 37415 s" for the first
    now = [0.0]
    runner = CliRunner()
    with runner.isolation() as (_, err, _):
        with _progress(quiet=False, clock=lambda: now[0]) as reporter:
            assert reporter.progress is not None and reporter.stage is not None
            reporter.stage("compiling the Hyperscan prefilter (once per machine, ~1 min)...")
            now[0] = 35.0
            reporter.progress(1, 1070)
            for done in range(2, 101):
                now[0] += 0.5
                reporter.progress(done, 1070)
        lines = err.getvalue().decode().splitlines()
    assert lines[0] == "citegraph: compiling the Hyperscan prefilter (once per machine, ~1 min)..."
    assert lines[1] == "citegraph: 1/1070 files"  # nothing to estimate from yet
    etas = [int(m.group(1)) for x in lines if (m := re.search(r"ETA (\d+) s", x))]
    assert etas, lines
    assert all(480 <= eta <= 540 for eta in etas), etas  # (1070 - done) / 2 files/s


# --- 6. a PDF with a damaged header is read quietly ------------------------------------


def test_a_pdf_with_a_damaged_header_is_read_without_noise(tmp_path: Path) -> None:
    # Ali v. Annucci as a court website serves it, two blank lines before "%PDF-".
    pdf = tmp_path / "ali_v_annucci.pdf"
    pdf.write_bytes(b"\r\n\r\n" + (FORMATS / "ali_v_annucci_sdny_2020.pdf").read_bytes())
    out = tmp_path / "out"
    quiet = _run("build", str(pdf), "--out", str(out), "-q", "-j", "1", "--no-cache")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""
    texts = {json.loads(line)["text"] for line in (out / "citations.jsonl").open()}
    assert "42 U.S.C. § 1983" in texts


# --- 7. export takes --out like every other command -------------------------------------


def test_export_takes_the_build_as_out_or_as_an_argument(sample_out: Path, tmp_path: Path) -> None:
    spellings = {
        "option": ["export", "--out", str(sample_out)],
        "argument": ["export", str(sample_out)],
    }
    for spelling, args in spellings.items():
        to = tmp_path / spelling
        result = _run(*args, "--format", "gexf", "--to", str(to))
        assert result.exit_code == 0, result.output
        assert result.stdout == f"233 nodes, 302 edges -> {to / 'graph.gexf'}\n"
    both = _run("export", str(sample_out), "--out", str(tmp_path), "--format", "gexf")
    assert both.exit_code == 2
    assert "give the build directory once" in both.stderr


# --- 8. GraphML as igraph reads it ------------------------------------------------------


def test_igraph_names_vertices_by_the_unique_node_id_and_years_are_whole(
    sample_out: Path,
) -> None:
    import igraph

    graphml = sample_out / "graph.graphml"
    g = nx.read_graphml(graphml)
    ig = igraph.Graph.Read_GraphML(str(graphml))
    names = ig.vs["name"]
    assert len(set(names)) == len(names) == g.number_of_nodes() == 233
    assert set(names) == set(g.nodes)
    # case names repeat ("United States v. ..."): they are `case_name`, the display `label`
    assert len(set(ig.vs["case_name"])) < len([n for n in ig.vs["case_name"] if n])
    monell = ig.vs.find(name="436 U.S. 658")
    assert monell["label"] == "Monell, 436 U.S. 658 (1978)"
    assert monell["case_name"] == g.nodes["436 U.S. 658"]["case_name"]
    # igraph holds every number as a float; the file says int and each is whole
    assert '<key id="node_year" for="node" attr.name="year" attr.type="int"/>' in (
        graphml.read_text(encoding="utf-8")
    )
    years = {v["name"]: v["year"] for v in ig.vs if v["year"] == v["year"]}  # NaN: no year
    assert years and all(float(y).is_integer() for y in years.values())
    assert {n: int(y) for n, y in years.items()} == {
        n: d["year"] for n, d in g.nodes(data=True) if "year" in d
    }
    assert all(isinstance(d["year"], int) for _, d in g.nodes(data=True) if "year" in d)


def test_the_checkouts_init_imports_under_any_folder_name() -> None:
    # pytest imports the checkout's __init__.py under its folder's name; in a clone called
    # "citegraph-main" that is no package, and relative imports there failed every test
    import importlib.util

    import citegraph

    root_init = Path(__file__).resolve().parent.parent / "__init__.py"
    spec = importlib.util.spec_from_file_location("citegraph-main", root_init)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.CitegraphError is citegraph.CitegraphError
    assert module.load is not None and module.__version__ == citegraph.__version__
