"""JSON that carries an opinion's text under a common key (text, plain_text, body, html
...) with a few metadata fields, as data sets do; the LLT VetClaims Board of Veterans'
Appeals JSON (text + metadm) is one of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from citegraph.errors import CitegraphError
from citegraph.loaders import input_files, read

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
MOUNT = json.loads((FORMATS / "cl_mount_v_smith.json").read_text(encoding="utf-8"))
# what the opinion's own header says: "March 11, 1994", "19 F.3d 7", No. 93-1818, First Circuit
FIELDS = {
    "case_name": "Mount v. Smith",
    "court": "ca1",
    "date_filed": "1994-03-11",
    "docket_number": "93-1818",
    "citation": "19 F.3d 7",
}


def test_bva_llt_json_text_and_metadm() -> None:
    # LLTLab/VetClaims-JSON BVA1710389-LLT-PTSD.json: text, sentences, metadm
    (op,) = read(FORMATS / "bva_1710389_llt.json")
    assert op.text.startswith("Citation Nr: 1710389 Decision Date: 03/28/17")
    assert op.date == "2017-03-28"
    assert op.docket == "12-12 279"
    assert op.citations == ["Citation Nr: 1710389"]  # as the Board prints it
    assert op.id == "Citation Nr: 1710389"
    assert op.judge == "Ryan T. Kessel"
    assert op.court is None  # courts-db has no Board of Veterans' Appeals
    assert "38 C.F.R." in op.text


def test_json_lines_rows_with_text_or_html_and_metadata(tmp_path: Path) -> None:
    rows = [
        {"text": MOUNT["plain_text"], **FIELDS},
        {"html": MOUNT["html_with_citations"], **FIELDS},
    ]
    path = tmp_path / "opinions.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    members = list(input_files([path]))
    assert [str(m) for m in members] == [f"{path}:1", f"{path}:2"]
    plain, html = (read(m)[0] for m in members)
    for op in (plain, html):
        assert (op.name, op.court, op.date, op.docket) == (
            "Mount v. Smith",
            "ca1",
            "1994-03-11",
            "93-1818",
        )
        assert op.citations == ["19 F.3d 7"]
        assert op.id == "19 F.3d 7"
    assert "<span" not in html.text and "<p" not in html.text  # HTML laid out, not kept
    assert "UNITED STATES COURT OF APPEALS" in plain.text


def test_json_object_with_court_name_and_printed_date(tmp_path: Path) -> None:
    obj = {
        "title": "Mount v. Smith",
        "court_name": "United States Court of Appeals for the First Circuit",
        "decision_date": "March 11, 1994",
        "docket": "93-1818",
        "body": MOUNT["plain_text"],
    }
    path = tmp_path / "mount.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    (op,) = read(path)
    assert (op.name, op.court, op.date, op.docket) == (
        "Mount v. Smith",
        "ca1",
        "1994-03-11",
        "93-1818",
    )


def test_json_without_a_text_field_is_still_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"case_name": "Mount v. Smith", "court": "ca1"}), encoding="utf-8")
    with pytest.raises(
        CitegraphError, match=r"JSON is not an opinion .*found case_name, court"
    ) as e:
        read(path)
    assert "\n" not in str(e.value)
