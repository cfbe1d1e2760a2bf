"""texts.jsonl: every opinion's text as citegraph read it, so that each `start`/`end` of
citations.jsonl can be followed to its passage."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from .conftest import FIXTURES, read_jsonl


def _texts(out: Path) -> dict[str, str]:
    return {row["id"]: row["text"] for row in read_jsonl(out / "texts.jsonl")}


def _mismatches(out: Path) -> list[tuple[str, str]]:
    texts = _texts(out)
    return [
        (row["text"], texts[row["opinion"]][row["start"] : row["end"]])
        for row in read_jsonl(out / "citations.jsonl")
        if texts[row["opinion"]][row["start"] : row["end"]] != row["text"]
    ]


def test_every_offset_of_the_sample_slices_its_citation_out_of_texts_jsonl(
    sample_out: Path, tables: dict[str, list[dict]]
) -> None:
    texts = _texts(sample_out)
    assert sorted(texts) == sorted(o["id"] for o in tables["opinions"])
    for opinion in tables["opinions"]:
        assert opinion["text_file"] == "texts.jsonl"
        assert opinion["chars"] == len(texts[opinion["id"]])
    assert len(tables["citations"]) > 300
    assert _mismatches(sample_out) == []
    # a real passage: Russo's Monell citation, found where its offsets say
    russo = next(o["id"] for o in tables["opinions"] if "russo" in o["source"])
    monell = next(
        c
        for c in tables["citations"]
        if c["opinion"] == russo and c["text"].startswith("436 U.S. 658, 691")
    )
    assert "56 L. Ed. 2d 611" in texts[russo][monell["start"] : monell["end"]]
    assert "Monell" in texts[russo][monell["start"] - 60 : monell["start"]]


def test_every_offset_of_a_pdf_slices_its_citation_out_of_texts_jsonl(tmp_path: Path) -> None:
    from citegraph.cli import main

    out = tmp_path / "out"
    pdf = FIXTURES / "formats" / "ali_v_annucci_sdny_2020.pdf"
    result = CliRunner().invoke(main, ["build", str(pdf), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = read_jsonl(out / "citations.jsonl")
    assert "42 U.S.C. § 1983" in {r["text"] for r in rows}
    assert _mismatches(out) == []
