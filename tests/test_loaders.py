"""Reading opinions as they come: the seeds' own metadata, encodings, content sniffing,
CourtListener's quirks, the size cap, standard input, globs and loader plugins.

Formats with their own test files: test_loaders_cap.py (Caselaw Access Project),
test_loaders_pdf.py, test_loaders_bulk.py (JSON Lines, CSV), test_loaders_archive.py.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from citegraph.errors import CitegraphError
from citegraph.loaders import Format, formats, input_files, read, register
from citegraph.loaders.readers.decoding import reflow
from citegraph.loaders.readers.header import opinion_from_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
ALI = DATA / "ali_v_annucci_sdny_2020.txt"
RUSSO = DATA / "russo_v_city_of_hartford_dconn_2001.txt"


def one(path: Path | str) -> object:
    (op,) = read(path)
    return op


# --- the two seeds: metadata from the opinion's own header -------------------------


def test_slip_opinion_header_gives_ali_v_annucci_its_metadata() -> None:
    op = one(ALI)
    assert op.name == "Ali v. Annucci"
    assert op.court == "nysd"
    assert op.date == "2020-09-30"
    assert op.docket == "1:16-cv-01994"
    assert op.judge == "Andrew L. Carter, Jr."
    assert op.citations == []
    assert op.id == "nysd-2020-09-30-ali-v-annucci"


def test_lexis_header_gives_russo_its_metadata_and_own_citations() -> None:
    op = one(RUSSO)
    assert op.name == "Russo v. City of Hartford"
    assert op.court == "ctd"
    assert op.date == "2001-08-02"
    assert op.docket == "3:97-cv-2380"
    assert op.citations == ["158 F. Supp. 2d 214", "2001 U.S. Dist. LEXIS 14297"]
    assert op.id == "158 F. Supp. 2d 214"


def test_consolidated_dockets_are_all_kept_lead_case_first() -> None:
    assert one(RUSSO).dockets == ["3:97-cv-2380", "3:00-cv-2382", "3:00-cv-1794"]


def test_judge_from_the_signature_block_when_no_author_line_opens_the_opinion() -> None:
    assert one(RUSSO).judge == "Janet C. Hall"


def test_lexis_endnotes_become_footnote_spans() -> None:
    op = one(RUSSO)
    assert [label for _, _, label in op.footnotes] == [str(n) for n in range(1, 12)]
    start, end, _ = op.footnotes[0]
    assert op.text[start:end].startswith("1. Russo also filed a proposed class action")
    assert op.text[start:end].endswith("That action has not been consolidated.")
    # the signature is not swallowed by the notes
    assert op.footnote_at(op.text.index("Janet C. Hall")) is None


def test_ids_are_stable_across_reads() -> None:
    assert one(RUSSO).id == one(RUSSO).id
    assert one(ALI).sha1 == one(ALI).sha1


# --- encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["russo_utf8_bom.txt", "russo_utf16_bom.txt", "russo_utf16le_no_bom.txt", "russo_cp1252.txt"],
)
def test_section_sign_survives_every_common_encoding(name: str) -> None:
    op = one(FORMATS / name)
    assert "42 U.S.C. § 1983" in op.text
    assert "\ufeff" not in op.text
    assert op.name == "Russo v. City of Hartford"
    assert op.citations == ["158 F. Supp. 2d 214", "2001 U.S. Dist. LEXIS 14297"]


def test_binary_bytes_are_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(CitegraphError, match=r"scan\.txt: binary"):
        read(path)


# --- content sniffing --------------------------------------------------------------


def test_txt_file_holding_html_is_read_as_html() -> None:
    op = one(FORMATS / "mount_v_smith_html_saved_as.txt")
    assert "<p" not in op.text and "class=" not in op.text
    assert op.name == "Mount v. Smith"
    assert op.citations == ["19 F.3d 7"]
    assert op.date == "1994-03-11"


def test_every_builtin_format_is_registered_with_text_last() -> None:
    names = list(formats())
    for name in ("zip", "tar", "pdf", "jsonl", "courtlistener-csv", "cap-json", "cap-html"):
        assert name in names
    assert names[-1] == "text"


# --- CourtListener -----------------------------------------------------------------


def test_courtlistener_lawbox_head_gives_own_citation_court_and_decided_date() -> None:
    # html only (plain_text empty), Second Circuit 1955: argued Dec. 15, decided Dec. 20
    op = one(FORMATS / "cl_alexander_v_irving_trust.json")
    assert op.citations == ["228 F.2d 221"]
    assert op.court == "ca2"
    assert op.date == "1955-12-20"
    assert op.dockets == ["23789"]
    assert op.name == "Alexander v. Irving Trust Co."
    assert op.text.startswith("228 F.2d 221")
    assert "<p" not in op.text


def test_courtlistener_plain_text_that_is_a_converter_error_gives_way_to_the_html() -> None:
    op = one(FORMATS / "cl_mooney_wpd2html.json")
    assert "wpd2html" not in op.text
    assert "JAMES M. MOONEY" in op.text
    assert (op.court, op.date, op.docket) == ("ca1", "1993-05-25", "92-2409")


def test_courtlistener_author_line_names_the_judge_and_case_name_is_citation_style() -> None:
    op = one(DATA / "195083.json")
    assert op.judge == "Breyer"
    assert op.name == "United States v. Soltero-Lopez"
    assert op.citations == ["11 F.3d 18"]
    assert op.type == "combined"
    assert one(DATA / "195084.json").name == "United States v. McAndrews"


def test_hard_wrapped_courtlistener_text_is_reflowed_into_sentences() -> None:
    op = one(DATA / "195083.json")
    assert "Appellant Luis Soltero pled guilty to importing cocaine (and related charges)" in (
        op.text
    )
    raw = "the district court departed  downward from\n\nthe bottom of the range."
    assert reflow(raw) == "the district court departed downward from the bottom of the range."


def test_cluster_given_inline_supplies_name_date_and_citations() -> None:
    import json

    obj = json.loads((DATA / "195083.json").read_text("utf-8"))
    obj["cluster"] = {
        "case_name": "United States v. Soltero-Lopez",
        "date_filed": "1993-12-13",
        "citations": [{"volume": 11, "reporter": "F.3d", "page": "18", "type": 1}],
        "docket": {"docket_number": "93-1170", "court": "https://x/api/rest/v4/courts/ca1/"},
    }
    from citegraph.loaders.readers.courtlistener import opinion_from_courtlistener

    op = opinion_from_courtlistener(obj, "195083.json")
    assert (op.name, op.date, op.citations, op.docket, op.court) == (
        "United States v. Soltero-Lopez",
        "1993-12-13",
        ["11 F.3d 18"],
        "93-1170",
        "ca1",
    )


# --- the size cap, standard input, globs ---------------------------------------------


def test_file_over_the_size_cap_is_refused_naming_the_option_that_lifts_it() -> None:
    with pytest.raises(CitegraphError) as e:
        read(RUSSO, max_bytes=10_000)
    assert str(e.value).startswith(f"{RUSSO}: ")
    assert "--max-file-mb" in str(e.value)


def test_dash_reads_an_opinion_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(RUSSO.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    (member,) = list(input_files(["-"]))
    op = one(member)
    assert op.source == "-"
    assert op.name == "Russo v. City of Hartford"


def test_globs_expand_to_the_files_they_match() -> None:
    found = sorted(Path(str(p)).name for p in input_files([str(FORMATS / "russo_*.txt")]))
    assert found == [
        "russo_cp1252.txt",
        "russo_utf16_bom.txt",
        "russo_utf16le_no_bom.txt",
        "russo_utf8_bom.txt",
    ]


def test_a_glob_that_matches_nothing_is_an_error_naming_it() -> None:
    with pytest.raises(CitegraphError, match="no file matches"):
        list(input_files([str(FORMATS / "nothing_*.txt")]))


def test_directory_walk_skips_hidden_files_and_yields_unsupported_ones_to_be_named(
    tmp_path: Path,
) -> None:
    # A Word file in the folder is walked so that the build can name it in its own
    # one-line error (issue 15); a hidden file is not walked at all.
    (tmp_path / "a.txt").write_bytes(RUSSO.read_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.txt").write_bytes(RUSSO.read_bytes())
    assert [Path(str(p)).name for p in input_files([tmp_path])] == ["a.txt", "notes.docx"]


# --- a new format is one module and one registration; plugins use an entry point -------


def _lexis_delivery(data: bytes, source: str) -> list:
    # A made-up delivery format: a one-line banner, then the opinion text.
    text = data.decode("utf-8").split("\n", 1)[1]
    return [opinion_from_text(text, source)]


def test_registered_format_is_chosen_by_its_sniffer(tmp_path: Path) -> None:
    path = tmp_path / "russo.delivery"
    path.write_bytes(b"LEXIS-DELIVERY v1\n" + RUSSO.read_bytes())
    fmt = Format(
        "lexis-delivery",
        _lexis_delivery,
        extensions=(".delivery",),
        sniff=lambda head: head.startswith(b"LEXIS-DELIVERY"),
    )
    register(fmt, first=True)
    try:
        op = one(path)
        assert op.name == "Russo v. City of Hartford"
        assert "LEXIS-DELIVERY" not in op.text
    finally:
        formats().pop("lexis-delivery")


def test_entry_point_plugin_is_loaded_and_tried_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    from citegraph.loaders.readers import registry

    class EntryPoint:
        name = "lexis-delivery"

        def load(self) -> object:
            return lambda: Format(
                "lexis-delivery",
                _lexis_delivery,
                sniff=lambda head: head.startswith(b"LEXIS-DELIVERY"),
            )

    def entry_points(group: str) -> list:
        return [EntryPoint()] if group == "citegraph.loaders" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    path = tmp_path / "russo.txt"
    path.write_bytes(b"LEXIS-DELIVERY v1\n" + RUSSO.read_bytes())
    try:
        assert list(formats())[0] == "lexis-delivery"
        assert one(path).citations == ["158 F. Supp. 2d 214", "2001 U.S. Dist. LEXIS 14297"]
    finally:
        formats().pop("lexis-delivery")


# --- the same opinion twice is read once ---------------------------------------------


def test_same_opinion_in_two_encodings_is_read_once_and_reported_as_duplicate(
    tmp_path: Path,
) -> None:
    from citegraph.cli import main
    from click.testing import CliRunner

    inputs = [str(FORMATS / n) for n in ("russo_utf8_bom.txt", "russo_utf16_bom.txt")]
    result = CliRunner().invoke(main, ["build", *inputs, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "1 opinions" in result.output
    assert "(1 duplicates read once)" in result.output


# --- case names in citation form (graph/identity.py links corpus opinions by them) -----

# Captions as CourtListener's plain_text prints them (First Circuit, 2010 and 2013).
RODRIGUEZ_CAPTION = """
Nos. 08-2319, 08-2320

                      CARMEN L. RODRÍGUEZ-GARCÍA,

                 Plaintiff, Appellee, Cross-Appellant,

                                  v.

            WILLIAM MIRANDA-MARÍN, MUNICIPALITY OF CAGUAS,

               Defendants, Appellants, Cross-Appellees,
"""
MANNING_CAPTION = """
Nos. 12-1573, 12-1653

                    ELIZABETH MANNING ET AL.,

                        Plaintiffs, Appellants,

                                  v.

               BOSTON MEDICAL CENTER CORPORATION;
                  ELAINE ULLIAN; JAMES CANAVAN,

                        Defendants, Appellees,
"""


def test_caption_cites_first_party_each_side_person_by_surname_entity_abbreviated() -> None:
    from citegraph.loaders.readers.caption import caption_name

    assert caption_name(RODRIGUEZ_CAPTION) == "Rodríguez-García v. Miranda-Marín"
    assert caption_name(MANNING_CAPTION) == "Manning v. Boston Med. Ctr. Corp."


def test_slug_name_is_spelled_as_the_caption_spells_it() -> None:
    from citegraph.loaders.readers.caption import name_from_slug

    assert name_from_slug("rodriguez-garcia-v-miranda-marin", RODRIGUEZ_CAPTION) == (
        "Rodríguez-García v. Miranda-Marín"
    )
    # "dept" abbreviates Department; the slug left out "the"
    caption = "JOSÉ ROSARIO,\nPetitioner,\nv.\nTHE DEPARTMENT OF THE ARMY,\nRespondent."
    assert name_from_slug("rosario-v-dept-of-army", caption) == "Rosario v. Dep't of the Army"
    assert name_from_slug("nlrb-v-acme", "") == "NLRB v. Acme"


def test_bluebook_abbreviates_table_t6_words_and_a_state_party_follows_the_court() -> None:
    from citegraph.loaders.readers.caption import bluebook, sovereign

    # rule 10.2.1(f): the state's name in other courts, "Commonwealth" in its own
    name = bluebook("Camoscio v. Commonwealth of Massachusetts")
    assert sovereign(name, None) == "Camoscio v. Massachusetts"
    assert sovereign(name, "Massachusetts") == "Camoscio v. Commonwealth"
    people = bluebook("People of the State of New York v. Li")
    assert sovereign(people, "New York") == "People v. Li"
    assert sovereign(bluebook("State of New Jersey v. Li"), "Delaware") == "New Jersey v. Li"
    assert bluebook("Russo v. City of Hartford") == "Russo v. City of Hartford"
    assert bluebook("Latorraca v. Taniki Financial Corporation") == "Latorraca v. Taniki Fin. Corp."
    assert bluebook("United States v. McAndrews") == "United States v. McAndrews"


def test_cluster_json_with_its_opinions_expanded_gives_each_the_cluster_metadata() -> None:
    import json

    from citegraph.loaders import opinions_from_json

    opinion = json.loads((DATA / "195084.json").read_text("utf-8"))
    cluster = {
        "case_name": "United States v. McAndrews",
        "date_filed": "1993-12-13",
        "citations": ["12 F.3d 273"],
        "sub_opinions": [opinion],
    }
    (op,) = opinions_from_json(cluster, "cluster-195084.json")
    assert (op.name, op.date, op.citations) == (
        "United States v. McAndrews",
        "1993-12-13",
        ["12 F.3d 273"],
    )
    assert op.id == "12 F.3d 273"


def test_build_reads_an_opinion_piped_to_dash(tmp_path: Path) -> None:
    from citegraph.cli import main
    from click.testing import CliRunner

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "-", "--out", str(out)], input=RUSSO.read_bytes())
    assert result.exit_code == 0, result.output
    row = (out / "opinions.jsonl").read_text("utf-8").splitlines()[0]
    assert '"source": "-"' in row and '"name": "Russo v. City of Hartford"' in row
