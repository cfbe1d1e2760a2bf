"""Caselaw Access Project case JSON and case HTML: one Opinion per opinion of the case,
each with its author, type, footnotes and page map; the case's metadata from CAP's
fields."""

from __future__ import annotations

from pathlib import Path

from citegraph.loaders import read
from citegraph.loaders.readers.cap import author_name

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


def test_majority_and_dissent_of_one_cap_case_are_two_opinions_with_their_authors() -> None:
    majority, dissent = read(FORMATS / "cap_pierce_v_united_states.json")
    assert (majority.type, majority.judge) == ("majority", "Miller")
    assert (dissent.type, dissent.judge) == ("dissent", "Nelson")
    assert majority.text.startswith("Mr. Justice Miller")
    assert dissent.text.startswith("Mr. Justice Nelson")
    assert "I am unable to concur in tbe opinion just delivered." in dissent.text
    assert "I am unable to concur" not in majority.text
    assert majority.id == "7 Ct. Cl. 65" and dissent.id == "7 Ct. Cl. 65 (dissent)"
    for op in (majority, dissent):
        assert op.name == "Pierce v. United States"
        assert op.date == "1871-12"
        # the malformed parallel "1 Ct. Cls. R., p. 270, 3 id., p. 10; ..." is not a citation
        assert op.citations == ["7 Ct. Cl. 65"]


def test_cap_page_numbers_become_the_page_map_not_text() -> None:
    majority, dissent = read(FORMATS / "cap_pierce_v_united_states.json")
    assert majority.pages[0] == (0, "66")
    assert dissent.pages[0] == (0, "76")
    assert "*67" not in majority.text


def test_page_break_inside_a_sentence_is_located_where_it_falls() -> None:
    (op,) = read(FORMATS / "cap_dlm_v_tjs.json")
    offset = dict((p, o) for o, p in op.pages)["676"]
    assert op.text[offset:].startswith("in 1993.")
    assert op.page_at(op.text.index("In 1997, mother married")) == "676"


def test_cap_json_docket_court_and_author_with_suffix() -> None:
    (op,) = read(FORMATS / "cap_dlm_v_tjs.json")
    assert op.name == "D.L.M. v. T.J.S."
    assert op.court == "moctapp"
    assert op.date == "2004-03-23"
    assert op.docket == "ED 83155"
    assert op.judge == "William H. Crandall, Jr."
    assert op.citations == ["134 S.W.3d 673"]


def test_cap_html_case_metadata_citation_anchors_and_footnotes() -> None:
    (op,) = read(FORMATS / "cap_commonwealth_v_brown.html")
    assert op.name == "Commonwealth v. Brown"
    assert op.court == "mass"
    assert op.date == "2013-12-24"  # "Submitted Sept. 4, 2013. Decided Dec. 24, 2013."
    assert op.judge == "Spina"
    assert op.citations == ["1 N.E.3d 259"]  # from the case id FC:NE3d/1/1ne3d259.xml
    # citation anchors keep their text in place
    assert "Miller v. Alabama, --- U.S. ----, 132 S.Ct. 2455, 183 L.Ed.2d 407 (2012)" in op.text
    assert len(op.footnotes) == 11
    start, end, label = op.footnotes[0]
    assert label == "1"
    assert op.text[start:end] == (
        '1. We use the term "juvenile defendants" here to refer to defendants who were under '
        "the age of eighteen on the date of their crimes."
    )
    assert op.footnote_at(op.text.index("We use the term")) == "1"
    assert op.footnote_at(op.text.index("This case is before us")) is None


def test_cap_author_lines_name_the_judge() -> None:
    assert author_name("WAUTERS, J.S.C.") == "Wauters"
    assert author_name("SPINA, J.") == "Spina"
    assert author_name("Mr. Justice Nelson,") == "Nelson"
    assert author_name("WILLIAM H. CRANDALL, JR., Judge.") == "William H. Crandall, Jr."
    assert author_name("PER CURIAM.") is None


def test_pages_of_the_parallel_reporter_stay_out_of_the_page_map() -> None:
    # an A.3d case (pages 1004-1013) also marks the Conn. App. pages (*267, *268 ...)
    (op,) = read(FORMATS / "cap_connecticut_v_dyous.html")
    labels = [p for _, p in op.pages]
    assert labels[:4] == ["1005", "1006", "1007", "1008"]
    assert all(1004 <= int(p) <= 1013 for p in labels)
    assert (op.name, op.court, op.date, op.docket) == (
        "State v. Dyous",  # a Connecticut court's own case: "State" (Bluebook 10.2.1(f))
        "connappct",
        "2014-09-30",
        "35670",
    )


def test_decision_date_filed_under_docketnumber_is_read_as_the_date() -> None:
    # CAP's head matter: <p class="docketnumber">Feb. 15</p><p class="docketnumber">2011.</p>
    (op,) = read(FORMATS / "cap_rivera_v_kleinman.html")
    assert op.date == "2011-02-15"
    assert op.dockets == []
    assert (op.name, op.court) == ("Rivera v. Kleinman", "ny")
    assert op.pages == [(0, "1119")]  # "**480" and "***758" belong to other reporters


def test_in_re_caption_keeps_the_initials_of_the_party() -> None:
    (op,) = read(FORMATS / "cap_in_re_jw.html")
    assert op.name == "In re J.W."
    assert (op.court, op.docket, op.judge) == ("dc", "12-FS-1771", "Fisher")


def test_cap_casebody_xml_alone_is_read_from_its_head_matter() -> None:
    # the casebody of cap_dlm_v_tjs.json saved as a file of its own: no JSON fields
    (op,) = read(FORMATS / "cap_dlm_v_tjs_casebody.xml")
    # "In the matter of S.J.S., a minor child. D.L.M. and D.E.M., Petitioners/Respondents,
    #  v. T.J.S., Respondent/Appellant."
    assert op.name == "D.L.M. v. T.J.S."
    assert (op.court, op.date, op.docket) == ("moctapp", "2004-03-23", "ED 83155")
    assert op.judge == "William H. Crandall, Jr."
    assert op.pages[:2] == [(0, "675"), (306, "676")]


# CAP bulk casebody files ({"casebody": {"data": "<casebody ...>", "status": "ok"}}), copied
# from the corpus's cap_xml/: every field comes from the XML head matter.


def test_cap_bulk_casebody_classic_department_court_from_the_state_it_cites() -> None:
    # "[No. 21022." "Department One." "October 17, 1893.]" "THE PEOPLE, Respondent, v.
    # NATHANIEL GREENE, Appellant." - the court line names only a department; the case
    # cites California's reports (41 Cal. 219, 44 Cal. 34, ...)
    (op,) = read(FORMATS / "capxml_cal_people_v_greene.json")
    assert (op.name, op.court, op.date, op.docket) == (
        "People v. Greene",
        "cal",
        "1893-10-17",
        "21022",
    )
    assert op.judge == "Paterson"
    assert op.text.startswith("Paterson, J.\n\nThe defendant was tried upon an information")


def test_cap_bulk_casebody_county_line_and_vs_caption() -> None:
    # "C. Edward Rowe, receiver, vs. Edward K. Bragg & another." "Worcester." "May 25, 1938."
    (op,) = read(FORMATS / "capxml_mass_rowe_v_bragg.json")
    assert (op.name, op.court, op.date, op.docket) == ("Rowe v. Bragg", "mass", "1938-05-25", None)


def test_cap_bulk_casebody_matter_with_adversary_case_is_named_by_its_parties() -> None:
    # "In re POMOC OIL CO. SASSO v. GOLDMAN." "No. 8888." "Circuit Court of Appeals, Ninth Circuit."
    (op,) = read(FORMATS / "capxml_f2d_sasso_v_goldman.json")
    assert (op.name, op.court, op.date, op.docket) == (
        "Sasso v. Goldman",
        "ca9",
        "1938-12-09",
        "8888",
    )


def test_cap_bulk_casebody_single_line_pgmap_with_dissent() -> None:
    # <?xml ...?> and the whole casebody on one line; "Third District" of the Illinois
    # Appellate Court; "Opinion filed September 30,1981." (no space after the comma)
    majority, dissent = read(FORMATS / "capxml_pgmap_people_v_reimolds.json")
    for op in (majority, dissent):
        assert (op.name, op.court, op.date, op.docket) == (
            "People v. Reimolds",
            "illappct",
            "1981-09-30",
            "80-296",
        )
    assert (majority.type, majority.judge) == ("majority", "Alloy")
    assert (dissent.type, dissent.judge) == ("dissent", "Barry")
    assert dissent.id == "illappct-1981-09-30-people-v-reimolds (dissent)"


def test_cap_bulk_casebody_pretty_printed_order_in_opinion_fragments_is_one_opinion() -> None:
    # indented XML, "status" before "data"; three <opinion> elements, two without a type
    (op,) = read(FORMATS / "capxml_pretty_fla_bar_bal.json")
    assert (op.name, op.court, op.date, op.docket) == (
        "Florida Bd. of Bar Examiners re B.A.L.",
        "fla",
        "2018-03-27",
        "SC18-361",
    )
    assert op.text.startswith("Upon consideration of the Report and Recommendation")
    assert "\n\n1. The applicant's license to practice law shall be placed on probation" in op.text
    assert "(a) abstain from the consumption of alcoholic beverages;" in op.text


def test_cap_bulk_casebody_without_court_line_writ_of_error_from_a_territory() -> None:
    # no <court>, no date; "Error to the Supreme Court of tlie Territory of Colorado."
    (op,) = read(FORMATS / "capxml_us_railway_v_twombly.json")
    assert (op.name, op.court, op.date) == ("Ry. Co. v. Twombly", "scotus", None)
    assert op.judge == "Waite"


def test_cap_opinion_element_without_casebody_is_cap_xml() -> None:
    # CourtListener's xml_harvard: <?xml ...?><opinion type="majority"> with its author
    # and star paging, no head matter (citator/raw_citing_opinions/101750_010combined.txt)
    from citegraph.loaders import detect

    path = FORMATS / "cap_opinion_only_101750.txt"
    assert detect(path.read_bytes()[:65536], str(path)).name == "cap-xml"
    (op,) = read(path)
    assert (op.type, op.judge) == ("majority", "Butler")
    assert op.text.startswith("Mr. Justice Butler\n\ndelivered the opinion of the Court.")
    assert [p for _, p in op.pages][:3] == ["468", "469", "470"]
    assert "*468" not in op.text
    assert op.court is None  # nothing in an opinion alone says which court


def test_parties_lines_become_case_names_as_cited() -> None:
    from citegraph.loaders.readers.caphead import parties_name

    assert parties_name(
        "Lawrence W. PLUNKETT et al., Applicants, v. John W. GILL, Respondent."
    ) == ("Plunkett v. Gill")
    assert (
        parties_name(
            "Joyce Elaine WHEELER, Appellant, v. UNITED STATES, Appellee. Jeannette Beatrice "
            "WAINWRIGHT, Appellant, v. UNITED STATES, Appellee."
        )
        == "Wheeler v. United States"
    )
    assert (
        parties_name(
            "The People of the State of New York, Respondent, v Akehaton Bradford, Also Known as "
            "Johnny Bradford, Appellant."
        )
        == "People v. Bradford"
    )
    assert parties_name("In the Matter of the Estate of LUCY WERINGER, Deceased.") == (
        "In re Estate of Weringer"
    )
    assert parties_name("Adams, Treasurer, v. Walker & Co.") == "Adams v. Walker & Co."
    # a state as party: "State" in its own courts, its name in a federal court
    assert parties_name("STATE OF TEXAS, Plaintiff, v. John DOE, Defendant.") == "State v. Doe"
    assert parties_name("STATE OF TEXAS, Plaintiff, v. John DOE.", federal=True) == "Texas v. Doe"
