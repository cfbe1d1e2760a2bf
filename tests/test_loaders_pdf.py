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


# --- real court PDFs (tests/fixtures/pdf, copied from ../shared/corpus/pdf) -------------

from collections import Counter  # noqa: E402

from citegraph.loaders.extraction import extract  # noqa: E402

REAL = Path(__file__).resolve().parent / "fixtures" / "pdf"


def _full(op: object) -> list[str]:
    return [c for cit in extract(op) if cit.form == "full" for c in cit.cites]  # type: ignore[arg-type]


def test_slip_opinion_running_heads_are_no_citation_and_real_ones_are_found() -> None:
    (op,) = read(REAL / "scotus-bound-volumes_scotus_glebe-v-frost_2014.pdf")
    cites = _full(op)
    # "Cite as: 574 U. S. ____ (2014)" heads every page but the first
    assert "Cite as" not in op.text
    assert cites.count("574 U.S. ___") == 1  # Lopez v. Smith, 574 U. S. ___ (2014), cited once
    for real in ("338 F.3d 995", "198 F.3d 734", "757 F.3d 910", "527 U.S. 1", "499 U.S. 279"):
        assert real in cites
    assert [p for _, p in op.pages] == ["1", "2", "3", "4", "5"]


def test_slip_opinion_words_are_whole_and_section_heads_gone() -> None:
    (op,) = read(REAL / "chansooligans_scotus_snyder-v-phelps_2011.pdf")
    assert "Cite as: 562 U. S." not in op.text
    assert "Marine Lance Corporal Matthew Snyder was killed in Iraq" in op.text
    cites = _full(op)
    assert "397 U.S. 728" in cites  # Rowan v. Post Office Dept.
    assert "580 F.3d 206" in cites
    assert not [c for c in cites if c.startswith("562 U.S.")]


def test_pleading_line_numbers_and_ecf_stamps_are_dropped_and_the_note_kept() -> None:
    (op,) = read(REAL / "xray_caed_still-v-commissioner_2021.pdf")
    assert "Document 30 Filed" not in op.text
    assert " 1 2 3 4 5 " not in op.text
    assert "42 U.S.C. § 406" in _full(op)
    start, end, label = op.footnotes[0]
    assert label == "1"
    assert op.text[start:end] == "1. The exact date is unreadable. (ECF No. 26-3 at 1)."


def test_page_foot_footnote_leaves_the_body_and_keeps_its_number() -> None:
    (op,) = read(REAL / "courtlistener_ca11_robinson-v-tyson-foods_2010.pdf")
    notes = {c.cites[0]: c.footnote for c in extract(op) if c.form == "full" and c.cites}
    assert notes["11 U.S.C. § 1328"] == "1"  # "§ 1328 refers to 11 U.S.C. § 1328, ..."
    assert notes["245 F.3d 1321"] is None
    body_end = op.footnotes[0][0]
    assert "refers to 11 U.S.C." not in op.text[:body_end]


def test_chromium_printed_opinion_gives_the_citations_of_its_text() -> None:
    (text,) = read(REAL / "ali_v_annucci_sdny_2020.txt")
    (pdf,) = read(REAL / "ali_v_annucci_chromium.pdf")
    want, got = Counter(_full(text)), Counter(_full(pdf))
    assert sum(want.values()) == 39
    assert sum((want & got).values()) / sum(want.values()) >= 0.98
    assert not got - want
    # the printed running head ("Ali v. Annucci — No. ...") and "- 3 -" feet are gone
    assert "- 3 -" not in pdf.text
    assert len(pdf.pages) == 8
