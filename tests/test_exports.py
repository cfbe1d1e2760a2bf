"""Every export opens in a reader someone else wrote: networkx (GraphML, GEXF,
node-link), python-igraph, lxml, the csv module, and graphology-graphml /
graphology-gexf in Node (the parsers Gephi Lite uses), on the sample build and on
hostile text (control characters, a lone surrogate, NUL, "]]>", a 100 kB proposition)
that reaches the writers through the real pipeline.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from citegraph.cli import main
from click.testing import CliRunner
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NODE_SCRIPT = Path(__file__).resolve().parent / "node" / "graphology_read.js"
RUSSO = "158 F. Supp. 2d 214"
MONELL = "436 U.S. 658"
SECTION_1983 = "42 U.S.C. § 1983"
GEXF_NS = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
HOSTILE = "\x00\x01\x0b\ud800 ]]> <![CDATA[ ]]> \ufffe "


# ---------------------------------------------------------------- helpers


def _export(build_dir: Path, to: Path, *formats: str) -> None:
    args = ["export", str(build_dir), "--to", str(to), "-q"]
    for f in formats:
        args += ["--format", f]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def _graph_of(build_dir: Path) -> nx.DiGraph:
    from citegraph.graph import from_tables, read_tables

    return from_tables(read_tables(build_dir))


def _expected(g: nx.DiGraph) -> tuple[dict[str, dict], dict[tuple[str, str], dict]]:
    """What a reader should find: the flat columns of every node and edge, None left out."""
    from citegraph.viz.columns import edge_attributes, export_ids, node_attributes

    ids = export_ids(g)
    nodes = {}
    for n, d in g.nodes(data=True):
        attrs = node_attributes(d, ids[n])
        if attrs["label"] is None:
            attrs["label"] = ids[n]
        nodes[ids[n]] = {k: v for k, v in attrs.items() if v is not None}
    edges = {
        (ids[u], ids[v]): {k: v for k, v in edge_attributes(d).items() if v is not None}
        for u, v, d in g.edges(data=True)
    }
    return nodes, edges


def _graphology(*paths: Path) -> dict[str, Any]:
    """Parse GraphML / GEXF files with graphology in Node; skip only off CI without node."""
    node = shutil.which("node")
    installed = (ROOT / "node_modules" / "graphology-gexf").is_dir()
    if not (node and installed):
        if os.environ.get("CI"):
            pytest.fail("node and `npm ci` are part of CI (.ci/run): graphology must run here")
        pytest.skip("node or its packages missing (run `npm ci` at the repository root)")
    done = subprocess.run(
        [node, str(NODE_SCRIPT), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, rows


def _assert_same_values(got: dict[str, Any], want: dict[str, Any], where: str) -> None:
    assert set(got) == set(want), where
    for k, v in want.items():
        if isinstance(v, float):
            assert math.isclose(got[k], v, rel_tol=1e-12, abs_tol=1e-300), (where, k)
        else:
            assert got[k] == v, (where, k)


# ---------------------------------------------------------------- the sample build


@pytest.fixture(scope="module")
def exported(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`citegraph export` of the sample build, every format, in a directory of its own."""
    out = tmp_path_factory.mktemp("exported")
    _export(sample_out, out, "graphml", "gexf", "csv", "json")
    return out


@pytest.fixture(scope="module")
def sample_graph(sample_out: Path) -> nx.DiGraph:
    return _graph_of(sample_out)


def test_export_from_tables_rewrites_the_build_graphml_byte_for_byte(
    sample_out: Path, exported: Path
) -> None:
    assert (exported / "graph.graphml").read_bytes() == (sample_out / "graph.graphml").read_bytes()
    assert sorted(p.name for p in exported.iterdir()) == [
        "edges.csv",
        "graph.gexf",
        "graph.graphml",
        "graph.json",
        "nodes.csv",
    ]


def test_graphml_reads_back_in_networkx_with_every_value(exported: Path, sample_graph) -> None:
    nodes, edges = _expected(sample_graph)
    back = nx.read_graphml(exported / "graph.graphml")
    assert set(back.nodes) == set(nodes)
    assert {(u, v) for u, v in back.edges} == set(edges)
    for n, want in nodes.items():
        _assert_same_values(back.nodes[n], want, n)
    for (u, v), want in edges.items():
        got = {k: x for k, x in back.edges[u, v].items() if k != "id"}
        _assert_same_values(got, want, f"{u} -> {v}")


def test_monell_node_and_the_russo_edge_carry_pins_pages_and_propositions(
    exported: Path, tables
) -> None:
    back = nx.read_graphml(exported / "graph.graphml")
    monell = back.nodes[MONELL]
    assert monell["label"] == "Monell, 436 U.S. 658 (1978)"
    assert monell["kind"] == "case" and monell["court"] == "scotus" and monell["year"] == 1978
    assert set(monell["citations"].split(" | ")) == {MONELL, "98 S. Ct. 2018", "56 L. Ed. 2d 611"}
    assert monell["n_citations"] == 3 and monell["in_corpus"] is False
    edge = back.edges[RUSSO, MONELL]
    rows = [r for r in tables["citations"] if (r["opinion"], r["authority"]) == (RUSSO, MONELL)]
    assert edge["weight"] == len(rows) >= 1 and edge["source"] == "text"
    # "Monell ..., 436 U.S. 658, 691, ... (1978)" stands on page 222 of the report
    assert edge["pins"].split(" | ")[0] == "691" and edge["first_page"] == "222"
    assert edge["propositions"].startswith(
        "A municipality cannot be held liable in a § 1983 action under a theory of respon"
    )
    assert back.nodes[RUSSO]["in_corpus"] is True and back.nodes[RUSSO]["court"] == "ctd"


def test_graphml_keys_are_gephi_safe(exported: Path) -> None:
    doc = etree.parse(str(exported / "graph.graphml"))  # well-formed XML 1.0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = doc.findall("g:key", ns)
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert len(types) == len(keys)  # one type per name and domain
    assert set(types.values()) <= {"boolean", "int", "long", "float", "double", "string"}
    assert all(k.get("id") == f"{k.get('for')}_{k.get('attr.name')}" for k in keys)
    assert types[("node", "label")] == "string" and types[("edge", "weight")] == "double"
    for name in ("pagerank", "hub", "authority_score"):
        assert types[("node", name)] == "double"
    (graph,) = doc.findall("g:graph", ns)
    assert graph.get("edgedefault") == "directed"
    node_ids = [n.get("id") for n in graph.findall("g:node", ns)]
    edge_ids = [e.get("id") for e in graph.findall("g:edge", ns)]
    assert all(node_ids) and len(set(node_ids)) == len(node_ids)
    assert all(edge_ids) and len(set(edge_ids)) == len(edge_ids)
    values = [d.text or "" for d in doc.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert not [v for v in values if v.lower() in ("nan", "inf", "-inf", "none", "null")]


def test_igraph_reads_graphml_with_labels_weights_and_scores(exported: Path, sample_graph) -> None:
    import igraph

    ig = igraph.Graph.Read_GraphML(str(exported / "graph.graphml"))
    assert ig.is_directed()
    assert (ig.vcount(), ig.ecount()) == (
        sample_graph.number_of_nodes(),
        sample_graph.number_of_edges(),
    )
    by_id = {v["id"]: v for v in ig.vs}
    assert by_id[MONELL]["label"] == "Monell, 436 U.S. 658 (1978)"
    assert math.isclose(sum(ig.vs["pagerank"]), 1.0, rel_tol=1e-9)
    assert math.isclose(sum(ig.vs["authority_score"]), 1.0, rel_tol=1e-9)
    assert min(ig.es["weight"]) >= 1.0


def test_hits_ranks_section_1983_the_top_authority_and_russo_the_top_hub(sample_graph) -> None:
    scores = sample_graph.nodes
    # both seeds rely on § 1983 again and again; Russo cites the most, and strong, authorities
    assert max(sample_graph, key=lambda n: scores[n]["authority_score"]) == SECTION_1983
    assert max(sample_graph, key=lambda n: scores[n]["hub"]) == RUSSO
    # Kingsley is cited by Ali (and the cases Ali quotes), not by Russo: a weaker authority
    kingsley = "135 S. Ct. 2466"
    assert RUSSO not in set(sample_graph.predecessors(kingsley))
    assert scores[SECTION_1983]["authority_score"] > scores[kingsley]["authority_score"]
    # an authority cites nothing on its own: no hub score unless a parenthetical says it did
    assert scores[SECTION_1983]["hub"] == 0.0


def test_hits_and_pagerank_agree_with_networkx(sample_graph) -> None:
    hubs, authorities = nx.hits(sample_graph, max_iter=1000, tol=1e-12)  # weighted, too
    pagerank = nx.pagerank(sample_graph, weight="weight")
    for n, d in sample_graph.nodes(data=True):
        assert math.isclose(d["hub"], hubs[n], abs_tol=1e-8), n
        assert math.isclose(d["authority_score"], authorities[n], abs_tol=1e-8), n
        assert math.isclose(d["pagerank"], pagerank[n], abs_tol=1e-8), n


def test_gexf_colours_every_kind_and_sizes_by_citations(exported: Path, sample_graph) -> None:
    from citegraph.viz.html import KIND_COLOURS

    doc = etree.parse(str(exported / "graph.gexf"))
    colours: dict[str, set[str]] = {}
    sizes: dict[str, float] = {}
    for node in doc.iterfind(".//g:node", GEXF_NS):
        kind = node.find("g:attvalues/g:attvalue[@for='kind']", GEXF_NS).get("value")
        c = node.find("viz:color", GEXF_NS)
        colours.setdefault(kind, set()).add(
            "#{:02X}{:02X}{:02X}".format(*(int(c.get(x)) for x in "rgb"))
        )
        sizes[node.get("id")] = float(node.find("viz:size", GEXF_NS).get("value"))
    assert {k: {KIND_COLOURS[k]} for k in colours} == colours
    assert {"case", "statute", "rule", "constitution"} <= set(colours)
    most_cited = max(sample_graph, key=lambda n: sample_graph.nodes[n]["cited_by"])
    assert sizes[most_cited] == max(sizes.values()) == 40.0
    assert min(sizes.values()) >= 10.0


def test_gexf_reads_back_in_networkx_with_every_value(exported: Path, sample_graph) -> None:
    # GEXF 1.2: networkx 3.4, the last for Python 3.10, finds no <graph> in a GEXF 1.3
    root = etree.parse(str(exported / "graph.gexf")).getroot()
    assert (root.tag, root.get("version")) == ("{http://www.gexf.net/1.2draft}gexf", "1.2")
    assert "1.2draft" in nx.readwrite.gexf.GEXF.versions
    nodes, edges = _expected(sample_graph)
    back = nx.read_gexf(exported / "graph.gexf")
    assert set(back.nodes) == set(nodes) and set(back.edges) == set(edges)
    for n, want in nodes.items():
        got = dict(back.nodes[n])
        assert set(got.pop("viz")) == {"color", "size"}
        _assert_same_values(got, want, n)
    for (u, v), want in edges.items():
        got = {k: x for k, x in back.edges[u, v].items() if k != "id"}
        _assert_same_values(got, want, f"{u} -> {v}")


def test_graphology_reads_graphml_and_gexf_with_the_same_values(
    exported: Path, sample_graph
) -> None:
    nodes, edges = _expected(sample_graph)
    graphml, gexf = exported / "graph.graphml", exported / "graph.gexf"
    read = _graphology(graphml, gexf)
    for path in (graphml, gexf):
        got = read[str(path)]
        assert got["type"] == "directed"
        assert (got["order"], got["size"]) == (len(nodes), len(edges))
        for n in got["nodes"]:
            attrs = dict(n["attributes"])
            if path == gexf:
                assert attrs.pop("color").startswith("rgb(") and attrs.pop("size") >= 10
            _assert_same_values(attrs, nodes[n["key"]], n["key"])
        for e in got["edges"]:
            _assert_same_values(e["attributes"], edges[e["source"], e["target"]], e["key"])


def test_csv_has_gephi_spreadsheet_columns_and_every_row(exported: Path, sample_graph) -> None:
    nodes, edges = _expected(sample_graph)
    header, rows = _read_csv(exported / "nodes.csv")
    assert header[:2] == ["Id", "Label"]
    assert "label" not in header and {"kind", "pagerank", "hub", "authority_score"} <= set(header)
    table = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert set(table) == set(nodes)
    assert table[MONELL]["Label"] == "Monell, 436 U.S. 658 (1978)"
    assert table[MONELL]["in_corpus"] == "false" and table[RUSSO]["in_corpus"] == "true"
    assert float(table[MONELL]["pagerank"]) == nodes[MONELL]["pagerank"]
    header, rows = _read_csv(exported / "edges.csv")
    assert header[:5] == ["Source", "Target", "Type", "Id", "Weight"]
    assert "edge_source" in header and "source" not in header
    assert len(rows) == len(edges)
    table = {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in rows}
    assert set(table) == set(edges)
    russo_monell = table[RUSSO, MONELL]
    assert russo_monell["Type"] == "Directed"
    assert float(russo_monell["Weight"]) == edges[RUSSO, MONELL]["weight"]
    assert russo_monell["pins"] == edges[RUSSO, MONELL]["pins"]
    assert russo_monell["edge_source"] == "text"
    assert Counter(r["edge_source"] for r in table.values()) == Counter(
        e["source"] for e in edges.values()
    )


def test_json_node_link_reads_back_in_networkx_with_every_occurrence(
    exported: Path, sample_graph
) -> None:
    from citegraph.viz.nodelink import read_json

    back = read_json(exported / "graph.json")
    assert list(back.nodes) == list(sample_graph.nodes)
    assert set(back.edges) == set(sample_graph.edges)
    for n, d in sample_graph.nodes(data=True):
        assert back.nodes[n] == d, n
    for u, v, d in sample_graph.edges(data=True):
        assert back.edges[u, v] == d, (u, v)
    plain = nx.node_link_graph(
        json.loads((exported / "graph.json").read_text(encoding="utf-8")), edges="edges"
    )
    assert plain.edges[RUSSO, MONELL]["edge_source"] == "text"
    assert [o["pin"] for o in plain.edges[RUSSO, MONELL]["occurrences"]][0] == "691"


def test_export_names_the_directory_when_it_holds_no_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--format", "gexf"])
    assert result.exit_code == 1
    hint = f"run `citegraph build ... --out {tmp_path}` first"
    assert result.output.strip().splitlines() == [
        f"error: {tmp_path}: no opinions.jsonl here: {hint}"
    ]


def test_export_rejects_an_unknown_format_and_the_cli_offers_every_format() -> None:
    from citegraph.errors import CitegraphError
    from citegraph.viz.export import write_formats

    build_help = CliRunner().invoke(main, ["build", "--help"]).output
    export_help = CliRunner().invoke(main, ["export", "--help"]).output
    assert "--format [graphml|gexf|csv|json]" in build_help
    assert "--format [graphml|gexf|csv|json|html]" in export_help
    with pytest.raises(CitegraphError, match="unknown export format 'pajek'"):
        write_formats(nx.DiGraph(), ".", ["pajek"])
    result = CliRunner().invoke(main, ["export", "--format", "pajek"])
    assert result.exit_code == 2
    assert "'pajek' is not one of 'graphml', 'gexf', 'csv', 'json', 'html'" in result.output


def write_toy(g: nx.DiGraph, path: Path) -> None:
    """A toy format: one line per edge, "citing -> cited (weight)"."""
    lines = [f"{u} -> {v} ({d['weight']})\n" for u, v, d in g.edges(data=True)]
    path.write_text("".join(sorted(lines)), encoding="utf-8")


def test_a_new_format_is_one_row_of_the_registry(
    sample_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One row (name, files, writer) and both commands offer and write it."""
    from citegraph.viz.export import EXPORTS, Format

    monkeypatch.setitem(EXPORTS, "toy", Format("toy", ("graph.toy",), f"{__name__}:write_toy"))
    _export(sample_out, tmp_path / "export", "toy")
    toy = (tmp_path / "export" / "graph.toy").read_text(encoding="utf-8").splitlines()
    assert f"{RUSSO} -> {MONELL} (2)" in toy  # Russo cites Monell twice
    assert len(toy) == _graph_of(sample_out).number_of_edges()
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == ["graph.toy"]
    result = CliRunner().invoke(
        main,
        ["build", str(DATA / "ali_v_annucci_sdny_2020.txt"), "--out", str(tmp_path / "b")]
        + ["--format", "toy", "-q"],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "graph.toy").read_text(encoding="utf-8").count(" -> ") > 10


def test_the_command_line_loads_no_networkx_until_a_command_runs() -> None:
    """`citegraph --help` lists every format from the registry without loading a writer."""
    code = (
        "import sys, citegraph.cli\n"
        "from click.testing import CliRunner\n"
        "out = CliRunner().invoke(citegraph.cli.main, ['export', '--help']).output\n"
        "assert '--format [graphml|gexf|csv|json|html]' in out, out\n"
        "heavy = sorted({'networkx', 'eyecite', 'pyvis'} & set(sys.modules))\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT.parent)


# ---------------------------------------------------------------- hostile text


def _hostile_opinion(directory: Path) -> Path:
    """Soltero-Lopez (1st Cir. 1993) as CourtListener serves it, its Tucker / Romolo
    sentence carrying control characters, NUL, a lone surrogate, "]]>" and 100 kB."""
    record = json.loads((DATA / "195083.json").read_text(encoding="utf-8"))
    filler = "as the text, history and structure of the statute confirm, " * 1700
    anchor = "provision ordinarily does not give"
    assert anchor in record["plain_text"]
    record["plain_text"] = record["plain_text"].replace(
        anchor, f"provision {HOSTILE}ordinarily, {filler}does not give", 1
    )
    path = directory / "hostile_195083.json"
    path.write_text(json.dumps(record), encoding="ascii")  # the surrogate as "\ud800"
    return path


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`citegraph build --format gexf --format csv --format json` of the hostile opinion."""
    base = tmp_path_factory.mktemp("hostile")
    out = base / "out"
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(_hostile_opinion(base)),
            "--out",
            str(out),
            "-q",
            "--format",
            "gexf",
            "--format",
            "csv",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def _hostile_tables(directory: Path) -> Path:
    """A build's tables as a hand-edited or foreign file may hold them: every string hostile."""
    long_proposition = "The court held \x00 that ]]> " + "x" * 100_000 + " \ud800."
    tables = {
        "opinions": [
            {
                "id": "hostile-1",
                "source": "hostile.txt",
                "name": "Doe\x01 v. Roe\x00 ]]> <b>",
                "court": "ca1",
                "date": "2001-02-03",
                "citations": ["1 F.4th 1\ud800"],
            }
        ],
        "authorities": [
            {
                "id": MONELL,
                "kind": "case",
                "label": "Monell, 436 U.S. 658 (1978)",
                "name": "Monell v. Department of Social Services",
                "citations": [MONELL, "98 S. Ct. 2018"],
                "court": "scotus",
                "year": 1978,
            },
            {"id": "Smith\x00", "kind": "case", "label": "Smith ]]> \ud800", "year": "1999"},
            {"id": "Smith", "kind": "case", "label": "Smith", "year": 2001},
            {"id": "\x01\x02", "kind": "statute", "label": "\x0c"},
        ],
        "citations": [
            {
                "opinion": "hostile-1",
                "authority": MONELL,
                "form": "full",
                "kind": "case",
                "text": "436 U.S. 658, 691",
                "start": 10,
                "end": 27,
                "pin": "691\x0b",
                "signal": "See\x1f",
                "parenthetical": "quoting \ud800 Smith ]]>",
                "proposition": long_proposition,
                "page": "219",
            },
            {
                "opinion": "hostile-1",
                "authority": "Smith\x00",
                "form": "full",
                "kind": "case",
                "text": "Smith",
                "start": 40,
                "end": 45,
                "via": MONELL,
                "proposition": "Second-hand \r\n\t holding.",
            },
            {"opinion": "hostile-1", "authority": "Smith", "text": "Smith", "form": "short"},
            {"opinion": "hostile-1", "authority": "\x01\x02", "text": "\x01\x02"},
        ],
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(directory / f"{name}.jsonl", "w", encoding="ascii") as f:
            f.writelines(json.dumps(row) + "\n" for row in rows)  # "\ud800" stays an escape
    return directory


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = _hostile_tables(tmp_path_factory.mktemp("hostile_tables"))
    out = tmp_path_factory.mktemp("hostile_export")
    _export(tables, out)  # no --format: graphml, gexf, csv and json
    return out


def test_hostile_opinion_reaches_every_export_and_every_reader_reads_it(
    hostile_build: Path,
) -> None:
    from citegraph.viz.columns import PROPOSITION_CAP
    from citegraph.viz.nodelink import read_json

    g = read_json(hostile_build / "graph.json")
    tucker = g.edges["11 F.3d 18", "892 F.2d 8"]
    (passage,) = [o["proposition"] for o in tucker["occurrences"]]
    assert len(passage) > 100_000 and "]]>" in passage  # the pipeline carried it whole
    _all_readers_read(hostile_build, g.number_of_nodes(), g.number_of_edges())
    back = nx.read_graphml(hostile_build / "graph.graphml")
    propositions = back.edges["11 F.3d 18", "892 F.2d 8"]["propositions"]
    assert len(propositions) <= PROPOSITION_CAP and propositions.endswith("…")
    assert "We have specifically held, however, that this provision" in propositions
    assert "\x00" not in propositions and "]]>" in propositions


def test_hostile_tables_export_to_files_every_reader_reads(hostile_export: Path) -> None:
    _all_readers_read(hostile_export, 5, 5)
    back = nx.read_graphml(hostile_export / "graph.graphml")
    # an id already safe keeps it; "Smith\0" loses the NUL and yields; "\1\2" is left empty
    assert set(back.nodes) == {"hostile-1", MONELL, "Smith", "Smith~2", "node"}
    assert back.nodes["hostile-1"]["case_name"] == "Doe v. Roe ]]> <b>"
    assert back.nodes["hostile-1"]["citations"] == "1 F.4th 1"
    assert back.nodes["Smith~2"]["label"] == "Smith ]]> " and back.nodes["Smith~2"]["year"] == 1999
    assert back.nodes["node"]["label"] == "" and back.nodes["node"]["kind"] == "statute"
    edge = back.edges["hostile-1", MONELL]
    assert edge["pins"] == "691" and edge["signals"] == "See" and edge["first_page"] == "219"
    assert edge["propositions"].startswith("The court held that ]]> xxx")
    assert len(edge["propositions"]) == 500  # ITEM_CAP: one passage cut, "…" at its end
    assert back.edges[MONELL, "Smith~2"]["source"] == "parenthetical"
    assert back.edges[MONELL, "Smith~2"]["propositions"] == "Second-hand holding."


def test_hostile_json_keeps_every_character_json_can_hold(hostile_export: Path) -> None:
    from citegraph.viz.nodelink import read_json

    g = read_json(hostile_export / "graph.json")
    (occ,) = g.edges["hostile-1", MONELL]["occurrences"]
    assert occ["proposition"].startswith("The court held \x00 that ]]> xxx")
    assert occ["proposition"].endswith(" \ufffd.")  # a lone surrogate cannot be UTF-8
    assert len(occ["proposition"]) == len("The court held \x00 that ]]> ") + 100_000 + 3
    assert g.nodes["Smith\x00"]["label"] == "Smith ]]> \ufffd"


def _all_readers_read(directory: Path, n_nodes: int, n_edges: int) -> None:
    import igraph
    from citegraph.viz.nodelink import read_json

    graphml, gexf = directory / "graph.graphml", directory / "graph.gexf"
    for path in (graphml, gexf):
        etree.parse(str(path))  # lxml: well-formed XML 1.0, or it raises
    back = nx.read_graphml(graphml)
    assert (back.number_of_nodes(), back.number_of_edges()) == (n_nodes, n_edges)
    ig = igraph.Graph.Read_GraphML(str(graphml))
    assert (ig.vcount(), ig.ecount()) == (n_nodes, n_edges)
    from_gexf = nx.read_gexf(gexf)
    assert (from_gexf.number_of_nodes(), from_gexf.number_of_edges()) == (n_nodes, n_edges)
    nodes_header, node_rows = _read_csv(directory / "nodes.csv")
    edges_header, edge_rows = _read_csv(directory / "edges.csv")
    assert len(node_rows) == n_nodes and len(edge_rows) == n_edges
    assert all(len(r) == len(nodes_header) for r in node_rows)
    assert all(len(r) == len(edges_header) for r in edge_rows)
    assert "\x00" not in (directory / "edges.csv").read_text(encoding="utf-8")
    js = read_json(directory / "graph.json")
    assert (js.number_of_nodes(), js.number_of_edges()) == (n_nodes, n_edges)
    read = _graphology(graphml, gexf)
    for path in (graphml, gexf):
        assert (read[str(path)]["order"], read[str(path)]["size"]) == (n_nodes, n_edges)
    labels = {n["key"]: n["attributes"].get("label") for n in read[str(graphml)]["nodes"]}
    assert labels == {n: d.get("label") for n, d in back.nodes(data=True)}
