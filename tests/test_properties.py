"""Property tests: extraction never raises on any text, and every export stays valid on
any string that can reach it (control characters, lone surrogates, NUL, "]]>",
"</script>", line and paragraph separators).

Opinion text is untrusted: it arrives from scans, scrapes and JSON that may carry
"\\ud800" escapes, and every string a citation or proposition carries comes from it.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import networkx as nx
from citegraph.errors import CitegraphError
from citegraph.models import Opinion
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each example of an export draws a whole graph: fewer examples keep CI quick.
EXPORT_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of real citations from the seed opinions and the First Circuit sample: the
# forms eyecite and our rules react to, so that arbitrary text lands inside them.
FRAGMENTS = [
    "Monell v. Dep't of Soc. Servs., 436 U.S. 658, 691, 56 L. Ed. 2d 611, 98 S. Ct. 2018 (1978)",
    "Kingsley v. Hendrickson, 135 S. Ct. 2466, 2473 (2015)",
    "135 S. Ct. at 2473",
    "Id.",
    "Id. at 691.",
    "Ibid.",
    "supra",
    "Kingsley, supra, at 2473",
    "42 U.S.C. § 1983",
    "29 U.S.C. §§ 151-169",
    "Fed. R. Civ. P. 12(b)(6)",
    "U.S. Const. amend. XIV, § 1",
    "8 C.F.R. § 1003.1(d)(3)(i)",
    "United States v. McAndrews, 12 F.3d 273, 277 (1st Cir. 1993)",
    "(quoting ",
    "(citing ",
    "See, e.g., ",
    "But see ",
    "Cf. ",
    "[*219]",
    "[**12]",
    " n1 ",
    "(1st Cir.",
    "(2d Cir. 2001)",
    "F. Supp. 2d",
    " at ",
    ", ",
    "; ",
    ". ",
    "(",
    ")",
    '"',
    "“",
    "”",
    "\n",
    "\n\n",
    "\x0c",
    "    ",
    "v.",
]

text_with_citations = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=40
).map("".join)

# Strings as they may reach a writer: anything, with the hostile cases made likely.
HOSTILE = ["\x00", "\x0b", "\x1c", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\ud800", "\udfff",
           "\ufffe", "\uffff", "]]>", "</script>", "<!--", "&amp;", "'", '"', "\\", "\U0001f4da",
           "§", "\t", " "]  # fmt: skip
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=12).map(
    "".join
)


def _opinion(text: str) -> Opinion:
    return Opinion(id="op", source="property.txt", text=text)


@SETTINGS
@given(st.text(max_size=400))
def test_extraction_never_raises_on_arbitrary_text(text: str) -> None:
    from citegraph.loaders import extract

    for c in extract(_opinion(text)):
        assert 0 <= c.start <= c.end <= len(text)


@SETTINGS
@given(text_with_citations)
def test_extraction_never_raises_on_citation_fragments_mixed_with_noise(text: str) -> None:
    from citegraph.loaders import extract

    for c in extract(_opinion(text)):
        assert 0 <= c.start <= c.end <= len(text)
        assert c.text == text[c.start : c.end]


@SETTINGS
@given(text_with_citations)
def test_reading_arbitrary_text_gives_an_opinion_or_a_citegraph_error(text: str) -> None:
    from citegraph.loaders.readers.header import opinion_from_text

    try:
        op = opinion_from_text(text, "property.txt")
    except CitegraphError as e:
        assert str(e).startswith("property.txt: ")
        return
    assert op.id and op.text.strip()


# ---------------------------------------------------------------- exports


def _graph(draw: st.DrawFn) -> nx.DiGraph:
    """A citation graph as graph.build makes it, every string drawn from hostile text."""
    g = nx.DiGraph()
    n = draw(st.integers(min_value=1, max_value=4))
    ids: list[str] = []
    for i in range(n):
        # Ids come from citations as written ("436 U.S. 658", "42 U.S.C. § 1983") or
        # from names: keep them distinct and printable, the way identify makes them.
        nid = f"{i} {draw(hostile_text)}"
        ids.append(nid)
        g.add_node(
            nid,
            kind=draw(st.sampled_from(["case", "statute", "rule", "journal", "other"])),
            label=draw(hostile_text),
            name=draw(st.one_of(st.none(), hostile_text)),
            court=draw(st.one_of(st.none(), hostile_text)),
            year=draw(st.one_of(st.none(), st.integers(min_value=1600, max_value=2100))),
            citations=draw(st.lists(hostile_text, max_size=3)),
            in_corpus=draw(st.booleans()),
            cited_by=draw(st.integers(min_value=0, max_value=50)),
            pagerank=draw(st.floats(min_value=0, max_value=1)),
        )
    occurrence = st.fixed_dictionaries(
        {
            "opinion": hostile_text,
            "text": hostile_text,
            "form": st.sampled_from(["full", "short", "id", "supra", "reference"]),
            "proposition": st.one_of(st.none(), hostile_text),
            "pin": st.one_of(st.none(), hostile_text),
            "signal": st.one_of(st.none(), hostile_text),
            "parenthetical": st.one_of(st.none(), hostile_text),
            "quote": st.one_of(st.none(), hostile_text),
            "treatment": st.one_of(st.none(), hostile_text),
            "page": st.one_of(st.none(), hostile_text),
            "footnote": st.one_of(st.none(), hostile_text),
        }
    )
    for u in ids:
        for v in ids:
            if u != v and draw(st.booleans()):
                occ = draw(st.lists(occurrence, min_size=1, max_size=3))
                g.add_edge(
                    u,
                    v,
                    weight=len(occ),
                    source=draw(st.sampled_from(["text", "parenthetical"])),
                    occurrences=occ,
                )
    return g


graphs = st.composite(_graph)()


def _xml_text(s: str) -> str:
    """What an XML 1.0 reader gives back for `s` once the illegal characters are gone."""
    from citegraph.viz.graphml import xml_safe

    return xml_safe(s)


def _no_surrogates(s: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", s)


@EXPORT_SETTINGS
@given(graphs)
def test_graphml_reads_back_in_networkx_and_lxml_with_every_value(g: nx.DiGraph) -> None:
    from citegraph.viz import write_graphml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.graphml"
        write_graphml(g, path)
        etree.parse(str(path))  # well-formed XML 1.0
        back = nx.read_graphml(path)
    assert set(back.nodes) == {_xml_text(n) for n in g.nodes}
    assert back.number_of_edges() == g.number_of_edges()
    for n, d in g.nodes(data=True):
        got = back.nodes[_xml_text(n)]
        assert got["label"] == _xml_text(d["label"])
        assert got["name"] == _xml_text(n)  # the unique id: igraph's vertex name
        if d["name"]:
            assert got["case_name"] == _xml_text(d["name"])
        assert got["in_corpus"] is d["in_corpus"]
        assert got["cited_by"] == d["cited_by"]
    for u, v, d in g.edges(data=True):
        got = back.edges[_xml_text(u), _xml_text(v)]
        assert got["weight"] == d["weight"] > 0


@EXPORT_SETTINGS
@given(graphs)
def test_html_data_block_parses_and_hostile_text_adds_no_element(g: nx.DiGraph) -> None:
    from citegraph.viz import write_html

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        write_html(g, path)
        raw = path.read_bytes()
    page = raw.decode("utf-8")  # valid UTF-8, lone surrogates included
    doc = lxml_html.document_fromstring(page)
    scripts = doc.xpath("//script")
    # The template's own scripts, and nothing any string of the graph could open.
    assert [s.get("id") for s in scripts] == [s.get("id") for s in _empty_page_scripts()]
    (blob,) = doc.xpath('//script[@id="graph-data"]')
    data = json.loads(blob.text)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {_no_surrogates(str(n)) for n in g.nodes}
    for n, d in g.nodes(data=True):
        assert nodes[_no_surrogates(n)]["full_label"] == _no_surrogates(d["label"])
    assert len(data["edges"]) == g.number_of_edges()
    for tag in ("iframe", "img", "object", "embed"):
        assert not doc.xpath(f"//{tag}")


_EMPTY_SCRIPTS: list = []


def _empty_page_scripts() -> list:
    if not _EMPTY_SCRIPTS:
        from citegraph.viz.html import render_html

        g = nx.DiGraph()
        g.add_node("a", label="a", kind="case")
        _EMPTY_SCRIPTS.extend(lxml_html.document_fromstring(render_html(g)).xpath("//script"))
    return _EMPTY_SCRIPTS


@EXPORT_SETTINGS
@given(graphs)
def test_gexf_is_well_formed_and_keeps_every_node_and_label(g: nx.DiGraph) -> None:
    from citegraph.viz import write_gexf

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.gexf"
        write_gexf(g, path)
        root = etree.parse(str(path)).getroot()
    ns = {"g": root.nsmap[None]}
    nodes = root.findall(".//g:nodes/g:node", ns)
    assert len(nodes) == g.number_of_nodes()
    assert len({n.get("id") for n in nodes}) == g.number_of_nodes()
    assert sorted(n.get("label") for n in nodes) == sorted(
        _xml_text(d["label"]) for _, d in g.nodes(data=True)
    )
    edges = root.findall(".//g:edges/g:edge", ns)
    assert len(edges) == g.number_of_edges()
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)


@EXPORT_SETTINGS
@given(graphs)
def test_csv_tables_parse_to_one_row_per_node_and_edge(g: nx.DiGraph) -> None:
    import csv

    from citegraph.viz.spreadsheet import write_csv

    with tempfile.TemporaryDirectory() as tmp:
        nodes_path, edges_path = write_csv(g, tmp)
        with open(nodes_path, encoding="utf-8", newline="") as f:
            nodes = list(csv.reader(f))
        with open(edges_path, encoding="utf-8", newline="") as f:
            edges = list(csv.reader(f))
    assert nodes[0][:2] == ["Id", "Label"]
    assert edges[0][:5] == ["Source", "Target", "Type", "Id", "Weight"]
    assert len(nodes) == g.number_of_nodes() + 1
    assert len(edges) == g.number_of_edges() + 1
    assert {len(r) for r in nodes} == {len(nodes[0])}
    assert {len(r) for r in edges} == {len(edges[0])}
    ids = {r[0] for r in nodes[1:]}
    assert len(ids) == g.number_of_nodes()
    assert all(r[0] in ids and r[1] in ids and float(r[4]) > 0 for r in edges[1:])


@EXPORT_SETTINGS
@given(graphs)
def test_node_link_json_reads_back_every_node_and_label(g: nx.DiGraph) -> None:
    from citegraph.viz.nodelink import read_json, write_json

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        write_json(g, path)
        path.read_bytes().decode("utf-8")
        back = read_json(path)
    assert set(back.nodes) == {_no_surrogates(n) for n in g.nodes}
    assert back.number_of_edges() == g.number_of_edges()
    for n, d in g.nodes(data=True):
        assert back.nodes[_no_surrogates(n)]["label"] == _no_surrogates(d["label"])
    for u, v, d in g.edges(data=True):
        got = back.edges[_no_surrogates(u), _no_surrogates(v)]
        assert len(got["occurrences"]) == len(d["occurrences"])


row_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    hostile_text,
    st.lists(hostile_text, max_size=3),
)


@EXPORT_SETTINGS
@given(st.lists(st.dictionaries(hostile_text, row_values, max_size=5), max_size=6))
def test_jsonl_is_one_valid_utf8_json_object_per_line(rows: list[dict]) -> None:
    from citegraph.graph.jsonl import read_jsonl, write_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "citations.jsonl"
        assert write_jsonl(rows, path) == len(rows)
        raw = path.read_bytes()
        back = read_jsonl(path)
    text = raw.decode("utf-8")
    # Every line splitter agrees on the lines: Python's splitlines, JavaScript's, awk's.
    assert len(text.splitlines()) == len(rows) == text.count("\n")
    expected = json.loads(_no_surrogates(json.dumps(rows, ensure_ascii=False)))
    assert back == expected
    assert [json.loads(line) for line in text.splitlines()] == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(text_with_citations, min_size=1, max_size=3))
def test_whole_flow_writes_valid_outputs_for_any_opinion_text(texts: list[str]) -> None:
    from citegraph.corpus import build

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i, text in enumerate(texts):
            (src / f"{i}.txt").write_text(
                "UNITED STATES COURT OF APPEALS\n\n" + text, encoding="utf-8", errors="replace"
            )
        errors: list[CitegraphError] = []
        corpus = build([src], on_error=errors.append)
        out = Path(tmp) / "out"
        corpus.write(out)
        assert len(corpus.opinions) + len(errors) + len(corpus.duplicates) == len(texts)
        g = nx.read_graphml(out / "graph.graphml")
        assert g.number_of_nodes() == corpus.graph.number_of_nodes()
        tables = {
            name: [json.loads(x) for x in (out / f"{name}.jsonl").read_text("utf-8").splitlines()]
            for name in ("opinions", "authorities", "citations")
        }
        assert len(tables["opinions"]) == len(corpus.opinions)
        assert len(tables["citations"]) == len(corpus.citations)
        page = (out / "graph.html").read_text("utf-8")
        lxml_html.document_fromstring(page)
