"""`citegraph show`, `citegraph stats` and `citegraph build --open`, driven with click's
CliRunner on the session's build of the bundled sample (data/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from citegraph.cli import main
from click.testing import CliRunner, Result

DATA = Path(__file__).resolve().parent.parent / "data"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _flat(text: str) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(text.split())


def _opinion_id(sample_out: Path, source_name: str) -> str:
    for line in (sample_out / "opinions.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if Path(row["source"]).name == source_name:
            return str(row["id"])
    raise AssertionError(source_name)


def _citations(sample_out: Path) -> list[dict]:
    text = (sample_out / "citations.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


def test_show_monell_lists_russos_passages_with_their_propositions(sample_out: Path) -> None:
    result = _run("show", "monell", "--out", str(sample_out))
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert out.startswith("Monell, 436 U.S. 658 (1978) case · scotus · 1978")
    assert "Russo v. City of Hartford, 158 F. Supp. 2d 214 (2001)" in out
    assert "p. 222 436 U.S. 658, 691, 56 L. Ed. 2d 611, 98 S. Ct. 2018" in out
    # the proposition Russo cites Monell for (Monell, 436 U.S. at 691)
    assert (
        "municipality cannot be held liable in a § 1983 action under a theory of "
        "respondeat superior merely because it employs a tortfeasor" in out
    )
    for row in _citations(sample_out):
        if row["authority"] == "436 U.S. 658" and row["proposition"]:
            assert _flat(row["proposition"]) in out


def test_show_prints_brackets_in_opinion_text_as_written(sample_out: Path) -> None:
    # "[municipality]", "[the] court": alterations in quotations are not terminal markup
    rows = [r for r in _citations(sample_out) if "[" in (r["proposition"] or "")]
    assert rows
    for row in rows[:3]:
        result = _run("show", row["authority"], "--out", str(sample_out))
        assert result.exit_code == 0, result.output
        assert _flat(row["proposition"]) in _flat(result.output)


def test_show_takes_a_citation_without_quotes(sample_out: Path) -> None:
    result = _run("show", "436", "U.S.", "at", "694", "--out", str(sample_out), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["match"]["id"] == "436 U.S. 658"


def test_show_json_groups_passages_by_citing_opinion(sample_out: Path) -> None:
    result = _run("show", "436 U.S. 658", "--out", str(sample_out), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["match"]["id"] == "436 U.S. 658"
    assert data["match"]["citations"] == ["436 U.S. 658", "98 S. Ct. 2018", "56 L. Ed. 2d 611"]
    russo = _opinion_id(sample_out, "russo_v_city_of_hartford_dconn_2001.txt")
    assert [g["opinion"] for g in data["cited_by"]] == [russo]
    passages = data["cited_by"][0]["passages"]
    assert passages[0]["pin"] == "691" and passages[0]["page"] == "222"
    assert data["cites"] == []  # Monell is not an opinion of this corpus


def test_show_a_corpus_opinion_lists_what_it_cites_in_order(sample_out: Path) -> None:
    russo = _opinion_id(sample_out, "russo_v_city_of_hartford_dconn_2001.txt")
    rows = [r for r in _citations(sample_out) if r["opinion"] == russo]
    result = _run("show", "158 F. Supp. 2d 214", "--out", str(sample_out))
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    authorities = len({r["authority"] for r in rows})
    assert f"Cites {authorities} authorities in {len(rows)} passages, in order:" in out
    # the first thing Russo cites (p. 219) is the statute its claims are brought under
    assert "1. 42 U.S.C. § 1983 p. 219 42 U.S.C. § 1983" in out
    assert f"{len(rows)}. " in out

    data = json.loads(_run("show", russo, "--out", str(sample_out), "--json").output)
    assert data["match"]["in_corpus"] is True
    assert [r["start"] for r in data["cites"]] == sorted(r["start"] for r in rows)


def test_show_an_ambiguous_name_fails_listing_the_matches(sample_out: Path) -> None:
    result = _run("show", "hartford", "--out", str(sample_out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith('error: "hartford" matches ')
    assert "Russo v. City of Hartford, 158 F. Supp. 2d 214 (2001)" in result.stderr
    assert "Traceback" not in result.output


def test_show_without_a_build_names_the_directory(tmp_path: Path) -> None:
    result = _run("show", "monell", "--out", str(tmp_path / "nothing"))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and str(tmp_path / "nothing") in line
    assert "build" in line  # says what to give instead


def test_stats_in_a_directory_without_tables_says_to_build_first(tmp_path: Path) -> None:
    result = _run("stats", "--out", str(tmp_path))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "opinions.jsonl" in line and f"citegraph build ... --out {tmp_path}" in line


def test_stats_tables_show_the_most_cited_and_central_authorities(sample_out: Path) -> None:
    result = _run("stats", "--out", str(sample_out))
    assert result.exit_code == 0, result.output
    out = result.output
    for title in (
        "By kind",
        "Most cited",
        "PageRank",
        "HITS authority score",
        "Citing the most",
        "Unresolved short forms",
        "One node, several citations (69 authorities): 69 by parallel citations",
    ):
        assert title in out
    most_cited = out[out.index("Most cited") : out.index("PageRank")]
    (line,) = [x for x in most_cited.splitlines() if "42 U.S.C. § 1983" in x]
    assert line.split("│")[2].strip() == "statute"
    assert line.split("│")[3].strip() == "2"  # Ali and Russo
    assert "Lynch, 567 F. Supp. 2d" in out[out.index("Unresolved short forms") :]


def test_stats_json_for_scripts(sample_out: Path) -> None:
    result = _run("stats", "--out", str(sample_out), "--json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["counts"]["opinions"] == 8
    assert data["counts"]["citations"] == len(_citations(sample_out))
    for key in ("most_cited", "pagerank", "hits", "citing_most"):
        assert len(data[key]) == 3, key
    assert data["citing_most"][0]["label"] == (
        "Russo v. City of Hartford, 158 F. Supp. 2d 214 (2001)"
    )
    # the nodes that hold several citation strings, and what joined them
    authorities = [json.loads(x) for x in (sample_out / "authorities.jsonl").open()]
    several = [a for a in authorities if len(a["citations"]) > 1]
    assert data["joined"]["authorities"] == len(several) == 69
    assert data["joined"]["by"] == {"parallel citations": 69}
    assert data["joined"]["examples"][0]["citations"] == ["121 S. Ct. 2151", "150 L. Ed. 2d 272"]


def test_build_open_opens_the_html_view_in_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    out = tmp_path / "out"
    result = _run("build", str(DATA / "195083.json"), "--out", str(out), "--open", "-q")
    assert result.exit_code == 0, result.output
    assert opened == [(out / "graph.html").resolve().as_uri()]
    assert opened[0].startswith("file://")

    opened.clear()
    result = _run("build", str(DATA / "195083.json"), "--out", str(out), "-q")
    assert result.exit_code == 0 and opened == []


def test_control_characters_in_opinion_text_never_reach_the_terminal(
    sample_out: Path, tmp_path: Path
) -> None:
    # a hostile input: an escape sequence in a citation's proposition and in a label
    out = tmp_path / "hostile"
    out.mkdir()
    for name in ("opinions", "authorities", "citations"):
        lines = (sample_out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line]
        for row in rows:
            if name == "authorities" and row["id"] == "436 U.S. 658":
                row["label"] = "Monell\x1b[2J\x1b]0;owned\x07, 436 U.S. 658 (1978)"
            if name == "citations" and row["authority"] == "436 U.S. 658":
                row["proposition"] = "A municipality\x1b[31m cannot\x9b be held liable."
        (out / f"{name}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
        )
    for args in (["show", "436 U.S. 658"], ["stats"], ["show", "\x1b[31mzzqx"]):
        result = _run(*args, "--out", str(out))
        for text in (result.stdout, result.stderr):
            assert not any(ch in text for ch in "\x1b\x07\x9b"), args
    shown = _flat(_run("show", "436 U.S. 658", "--out", str(out)).output)
    assert "A municipality [31m cannot be held liable." in shown
