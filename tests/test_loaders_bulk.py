"""Bulk files: JSON Lines and CourtListener's bulk CSV, one input per record, streamed."""

from __future__ import annotations

from pathlib import Path

import pytest
from citegraph.errors import CitegraphError
from citegraph.loaders import input_files, read

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


def test_each_json_lines_record_is_an_input_and_a_bad_line_costs_only_itself() -> None:
    path = FORMATS / "errata.jsonl"
    members = list(input_files([path]))
    assert [str(m) for m in members] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    (gagnon,) = read(members[0])
    assert (gagnon.name, gagnon.court, gagnon.date) == (
        "United States v. Gagnon",
        "ca1",
        "2010-09-28",
    )
    with pytest.raises(CitegraphError) as e:
        read(members[1])
    assert str(e.value).startswith(f"{path}:2: malformed JSON")
    (rodriguez,) = read(members[2])
    assert rodriguez.docket == "09-1429"
    assert rodriguez.source == f"{path}:3"


def test_gzipped_json_lines_are_read_through() -> None:
    path = FORMATS / "errata_two.jsonl.gz"
    ops = [op for m in input_files([path]) for op in read(m)]
    assert [op.name for op in ops] == ["United States v. Gagnon", "United States v. Rodriguez"]
    assert ops[0].source == f"{path}:1"


def test_courtlistener_bulk_csv_rows_are_opinions() -> None:
    path = FORMATS / "opinions-bulk.csv"
    ops = [op for m in input_files([path]) for op in read(m)]
    assert [op.name for op in ops] == [
        "United States v. Gagnon",
        "United States v. Rodriguez",
        "Alexander v. Irving Trust Co.",
    ]
    # the third row has no plain_text: its text comes from the html column
    assert ops[2].citations == ["228 F.2d 221"] and ops[2].court == "ca2"
    assert ops[0].text.startswith("United States Court of Appeals For the First Circuit")


def test_record_over_the_size_cap_is_refused_and_the_rest_are_read() -> None:
    members = list(input_files([FORMATS / "errata.jsonl"], max_bytes=1000))
    with pytest.raises(CitegraphError, match="limit"):
        read(members[0], max_bytes=1000)
    with pytest.raises(CitegraphError, match="malformed JSON"):
        read(members[1], max_bytes=1000)


def test_reading_a_bulk_file_whole_raises_on_its_bad_record() -> None:
    with pytest.raises(CitegraphError, match=r"errata\.jsonl:2"):
        read(FORMATS / "errata.jsonl")
    assert len(read(FORMATS / "opinions-bulk.csv")) == 3
