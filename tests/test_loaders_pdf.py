"""PDF opinions: the text layer with its page map and metadata; a scan asks for OCR."""

from __future__ import annotations

from pathlib import Path

import pytest
from citegraph.errors import CitegraphError
from citegraph.loaders import read

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
PDF = FORMATS / "ali_v_annucci_sdny_2020.pdf"


def test_pdf_text_layer_gives_ali_v_annucci_its_metadata() -> None:
    (op,) = read(PDF)
    assert op.name == "Ali v. Annucci"
    assert op.court == "nysd"
    assert op.date == "2020-09-30"
    assert op.docket == "1:16-cv-01994"
    assert op.judge == "Andrew L. Carter, Jr."
    assert "pursuant to 42 U.S.C. § 1983" in op.text


def test_pdf_pages_become_the_page_map_and_running_heads_are_dropped() -> None:
    (op,) = read(PDF)
    assert [p for _, p in op.pages] == ["1", "2", "3", "4"]
    assert "Document 123 Filed" not in op.text
    assert op.page_at(0) == "1"
    assert op.page_at(len(op.text) - 1) == "4"


def test_lines_wrapped_by_the_pdf_are_joined() -> None:
    (op,) = read(PDF)
    assert "Local Rule 56.1 requires the party moving for summary judgment to file a" in op.text


def test_pdf_without_text_layer_asks_for_ocr() -> None:
    scan = FORMATS / "scanned_without_text.pdf"
    with pytest.raises(CitegraphError) as e:
        read(scan)
    assert str(e.value).startswith(f"{scan}: ")
    assert "OCR" in str(e.value)


def test_truncated_pdf_is_a_clear_error(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(PDF.read_bytes()[:4000])
    with pytest.raises(CitegraphError, match=r"cut\.pdf: "):
        read(cut)
