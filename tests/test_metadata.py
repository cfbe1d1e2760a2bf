"""Opinion metadata read from headers of real opinions (issue 17): the decision date
among other dates, this court's docket in any form, public-domain and agency own
citations, and the case name as a citation writes it."""

from __future__ import annotations

from citegraph.loaders.readers.caption import caption_name
from citegraph.loaders.readers.header import header_citations, header_dockets, opinion_from_text
from citegraph.loaders.readers.registry import read as load

from .conftest import FIXTURES

HEADERS = FIXTURES / "headers"


def _header(name: str) -> str:
    return (HEADERS / name).read_text(encoding="utf-8")


def test_a_board_of_veterans_appeals_header_gives_date_docket_and_citation_number() -> None:
    op = opinion_from_text(_header("bva_1431031.txt"), "BVA1431031.txt")
    assert (op.date, op.docket, op.citations) == (
        "2014-07-10",  # "Decision Date: 07/10/14", not the archive date beside it
        "09-25 944",
        ["Citation Nr: 1431031"],
    )


def test_a_bracketed_note_after_a_party_is_not_part_of_the_name() -> None:
    # "CITY OF LYNN, ET AL., Defendants, Appellants. [Hon. Edward F. Harrington, ...]"
    assert caption_name(_header("ca1_warren_v_city_of_lynn.txt")) == "Warren v. City of Lynn"


def test_an_institution_in_capitals_is_not_read_as_a_persons_surname() -> None:
    # "LYNN PUBLIC SCHOOLS" is an entity: all of it, in T6 form, not "Schools"
    name = caption_name(_header("ca1_pustell_v_lynn_public_schools.txt"))
    assert name == "Pustell v. Lynn Pub. Schs."


def test_initials_in_capitals_stay_capitals_and_inc_keeps_its_period() -> None:
    name = caption_name(_header("ca1_lcm_enterprises_v_dartmouth.txt"))
    assert name == "LCM Enters., Inc. v. Town of Dartmouth"


def test_an_appellate_docket_comes_before_the_district_courts() -> None:
    header = _header("ca1_warren_v_city_of_lynn.txt")
    assert header_dockets(header) == ["93-1439"]
    assert header_dockets("No. 21-5726\nAppeal from D.C. No. 2:19-cv-01234\n") == ["21-5726"]


def test_dockets_of_many_courts() -> None:
    assert header_dockets("[No. 15384.\nDepartment One.") == ["15384"]
    assert header_dockets("No. S-17-812.\nFiled April 26, 2018.") == ["S-17-812"]
    assert header_dockets("Case No. 19-cv-07043-VC\n") == ["19-cv-07043-VC"]


def test_a_hyphenated_public_domain_citation_on_its_own_line_is_the_opinions_own() -> None:
    assert header_citations("IN THE SUPREME COURT OF NORTH CAROLINA\n2021-NCSC-57\n") == [
        "2021-NCSC-57"
    ]


def test_the_decided_date_wins_over_the_argued_date_on_the_same_line() -> None:
    # CAP HTML: <p class="decisiondate">Argued September 19, 2016<br> Decided October 19, 2016
    (op,) = load(FIXTURES / "formats" / "cap_petro_lubricant_v_adelman.html")
    assert op.date == "2016-10-19"
    assert op.court == "njsuperctappdiv"


def test_a_state_party_is_state_in_that_states_own_courts() -> None:
    # "Chaunsey L. FOX, Appellant-Defendant, v. STATE of Indiana, Appellee-Plaintiff."
    (op,) = load(FIXTURES / "formats" / "cap_fox_v_state.html")
    assert (op.name, op.court) == ("Fox v. State", "indctapp")


def test_captions_of_the_first_circuit_as_courtlistener_prints_them() -> None:
    """Real `parties` lines of CourtListener's HTML head (1,070 First Circuit opinions)."""
    cases = {
        "Abreu (Ramon A.)\nv.\nU.S.": "Abreu v. United States",
        "Jonathan C. HORSLEY, et al., Plaintiffs, Appellants,\nv.\n"
        "MOBIL OIL CORPORATION, Appellee.  (Two Cases)": "Horsley v. Mobil Oil Corp.",
        "NEW ENGLAND INDUSTRIES, INC., Petitioner,\nv.\n"
        "OCCUPATIONAL SAFETY AND HEALTH REVIEW COMMISSION, ET AL.,\n"
        "Respondents.  PETITIONS FOR REVIEW OF AN ORDER OF": (
            "New England Indus., Inc. v. Occupational Safety and Health Review Comm'n"
        ),
        "S. Burton SPIRT, Plaintiff-Appellant,\nv.\nS. D. BECHTEL et al., Defendants, and\n"
        "C. F. Bradley, John M. Franklin, V. J. Freeze, C. D. Gibbons,": "Spirt v. Bechtel",
    }
    for caption, name in cases.items():
        assert caption_name(caption) == name, caption


def test_parties_in_capitals_person_or_firm() -> None:
    from citegraph.loaders.readers.caption import party_name

    # a district court caption (N.D. Cal. 2021): four words in capitals name a company
    assert party_name("CHINA FORTUNE LAND DEVELOPMENT, et al.,") == (
        "China Fortune Land Development"
    )
    assert party_name("JANET T. MILLS, in her official capacity as Governor") == "Mills"
    # firms listed one after another: the first is the party a citation names
    assert party_name("MALDEN MILLS INDUSTRIES, INC., FORSTER MFG. CO., INC. AND FRASER") == (
        "Malden Mills Industries, Inc."
    )


def test_a_district_order_dated_at_its_end_and_a_circuit_opinions_ecf_stamp() -> None:
    from citegraph.loaders.readers.header import header_date, signed_date

    assert signed_date("IT IS SO ORDERED.\nDated: July 9, 2021\n______\nVINCE CHHABRIA") == (
        "2021-07-09"
    )
    assert signed_date("SO ORDERED this 9th day of July, 2021.") == "2021-07-09"
    stamp = "Case: 20-1507 Document: 00117684624 Page: 1 Date Filed: 12/22/2020 Entry ID: 6390389"
    assert header_date(stamp) == "2020-12-22"


def test_a_supreme_court_preliminary_print_names_itself() -> None:
    from citegraph.loaders.readers.header import citations_court, header_citations, header_name

    page = (
        "Page Proof Pending Publication\n528 OCTOBER TERM, 2021\nSyllabus\nKEMP v. UNITED STATES\n"
        "certiorari to the united states court of appeals for\nthe eleventh circuit\n"
        "No. 21–5726. Argued April 19, 2022—Decided June 13, 2022\n"
        "Page Proof Pending Publication\nCite as: 596 U. S. 528 (2022) 529\n"
    )
    assert header_name(page) == "Kemp v. United States"
    assert header_citations(page) == ["596 U.S. 528"]
    assert citations_court(["596 U.S. 528"]) == "scotus"
    assert header_dockets(page) == ["21–5726"]
    from citegraph.loaders.readers.header import header_date

    assert header_date(page) == "2022-06-13"
    # a slip opinion's running head has no page yet: no citation
    assert header_citations("Cite as: 596 U. S. ____ (2022)\n") == []


def test_a_second_circuit_summary_order_states_its_date_in_words_and_its_docket_bare() -> None:
    from citegraph.loaders.readers.header import header_date

    # the opening of a Second Circuit summary order (CourtListener 3520, 2010)
    head = (
        "09-1645-ag Islam v. Holder\n\nBIA\n\nVidela, IJ A093 451 270\n\n"
        "UNITED STATES COURT OF APPEALS\n\nFOR THE SECOND CIRCUIT\n\nSUMMARY ORDER\n\n"
        "1 At a stated term of the United States Court of Appeals 2 for the Second Circuit, "
        "held at the Daniel Patrick Moynihan 3 United States Courthouse, 500 Pearl Street, in "
        "the City of 4 New York, on the 6 th day of April, two thousand ten. 5\n"
    )
    assert header_dockets(head) == ["09-1645-ag"]
    assert header_date(head) == "2010-04-06"


def test_state_courts_named_the_way_their_opinions_print_them() -> None:
    from citegraph.loaders.readers.header import header_court

    assert header_court("IN THE SUPREME COURT OF NORTH CAROLINA\n\nNo. 263A20") == "nc"
    assert header_court("IN THE COURT OF APPEALS OF THE STATE OF WASHINGTON") == "washctapp"
    assert header_court("Appellate Court of Illinois, First District") == "illappct"
    assert header_court("SUPERIOR COURT OF NEW JERSEY\nAPPELLATE DIVISION") == "njsuperctappdiv"
    assert header_court("COURT OF APPEAL OF CALIFORNIA, SECOND APPELLATE DISTRICT") == "calctapp"


def test_captions_set_in_columns_of_court_pdfs() -> None:
    """Caption boxes of real slip opinions: an Eighth Circuit '*' column, a District of
    New Jersey ':' column, an Eleventh Circuit 'versus', a Tennessee ')' column under the
    tribunal's name in capitals."""
    eighth = (
        "United States Court of Appeals\nFOR THE EIGHTH CIRCUIT\n___________\nNo. 07-1306\n"
        "___________\nUnited States of America, *\n*\nAppellee, *\n"
        "* Appeal from the United States\nv. * District Court for the\n"
        "* Northern District of Iowa.\nRobert Wilson, Jr., *\n* [UNPUBLISHED]\nAppellant. *\n"
    )
    assert caption_name(eighth) == "United States v. Wilson"
    jersey = (
        "UNITED STATES DISTRICT COURT \nDISTRICT OF NEW JERSEY \n       : \n"
        "RASOOL McCRIMMON,    :   \n       :  \n  Plaintiff,    : Civ. No. 3:18-cv-16281 \n"
        "       :  \n v.      :   \n       :  \nSTEVE JOHNSON, et al.,    : OPINION   \n"
        "       : \n  Defendants.    : \n"
    )
    assert caption_name(jersey) == "McCrimmon v. Johnson"
    eleventh = (
        "No. 08-14991\n_______________________\nD. C. Docket No. 06-02274-CV-AR-S\n"
        "BRENDA ROBINSON, \nPlaintiff-Appellant, \n \nversus \n \nTYSON FOODS, INC., \n"
        "Defendant-Appellee. \n"
    )
    assert caption_name(eleventh) == "Robinson v. Tyson Foods, Inc."
    tennessee = (
        "TENNESSEE BUREAU OF WORKERS’ COMPENSATION\nWORKERS’ COMPENSATION APPEALS BOARD\n"
        "Ruben Diaz ) Docket No. 2019-06-0263\n)\nv. ) State File No. 9687-2019\n)\n"
        "Create and Construct, LLC )\n)\n"
    )
    assert caption_name(tennessee) == "Diaz v. Create and Construct, LLC"


def test_a_party_split_over_lines_in_capitals_is_read_whole() -> None:
    # N.D. Cal. 2021: "CHINA FORTUNE LAND / DEVELOPMENT, et al., / Petitioners, / v."
    caption = (
        "UNITED STATES DISTRICT COURT \nNORTHERN DISTRICT OF CALIFORNIA \n \n"
        "CHINA FORTUNE LAND \nDEVELOPMENT, et al., \nPetitioners, \nv. \n \n"
        "1955 CAPITAL FUND I GP LLC, et al., \nRespondents. \n \nCase No.  19-cv-07043-VC \n"
    )
    assert caption_name(caption) == "China Fortune Land Dev. v. 1955 Capital Fund I GP LLC"


def test_words_broken_at_a_line_end_are_rejoined_and_real_hyphens_kept() -> None:
    from citegraph.loaders.readers.decoding import reflow

    text = (
        "the Govern-\nment argues that Cen-\ntral Hudson applies under § 1.752-\n1(a)(1) and\n"
        "§ 14-\n306.4, as in 2021-NCSC-\n57, the well-\nknown rule of self-\ndefense; Lopez-\n"
        "Rivera; United States v. Carr, -4-\n4 932 F.2d 67"
    )
    assert reflow(text) == (
        "the Government argues that Central Hudson applies under § 1.752-1(a)(1) and "
        "§ 14-306.4, as in 2021-NCSC-57, the well-known rule of self-defense; Lopez-Rivera; "
        "United States v. Carr, -4- 4 932 F.2d 67"
    )


def test_circuit_pdfs_as_pypdfium2_reads_their_first_page() -> None:
    from citegraph.loaders.readers.header import header_court, header_date

    # Tenth Circuit order and judgment (2010): the clerk's stamp gives the date
    tenth = [
        "UNITED STATES COURT OF APPEALS ", "TENTH CIRCUIT ", "STEVEN MONTRAIL TRIPLET, ",
        " Petitioner - Appellant, ", " v. ", "ERIC FRANKLIN, Warden, ",
        " Respondent – Appellee. ", "No. 06-6247 ", "(W.D. Okla.) ",
        "(D.C. No. 5:06-CV-00376-C) ", "ORDER AND JUDGEMENT*",
        "appealability (COA) and now affirm. ", "FILED ", "United States Court of Appeals ",
        "Tenth Circuit ", "February 5, 2010 ", "Elisabeth A. Shumaker ", "Clerk of Court",
    ]  # fmt: skip
    head = "\n".join(tenth)
    assert caption_name(head) == "Triplet v. Franklin"
    assert header_date(head) == "2010-02-05"
    assert header_dockets(head) == ["06-6247"]
    # Sixth Circuit opinion (2010): a rule of underscores after the court's name
    sixth = [
        "RECOMMENDED FOR FULL-TEXT PUBLICATION", "Pursuant to Sixth Circuit Rule 206",
        "File Name: 10a0023p.06", "UNITED STATES COURT OF APPEALS",
        "FOR THE SIXTH CIRCUIT _________________", "MARIBEA BALMERT,",
        " Plaintiff-Appellant,", "v.", "RELIANCE STANDARD LIFE INSURANCE", "COMPANY,",
        " Defendant-Appellee.", "X", "-", "N", "No. 08-4433",
    ]  # fmt: skip
    head = "\n".join(sixth)
    assert caption_name(head) == "Balmert v. Reliance Standard Life Ins. Co."
    assert header_court(head) == "ca6"
    # S.D.N.Y. order (2021): "-against-" run into the next party
    sdny = "UNITED STATES DISTRICT COURT \nSOUTHERN DISTRICT OF NEW YORK \nD George Sweigert, \n"
    sdny += "Plaintiff, \n-against-Jason Goodman, \nDefendant. \n1:18-cv-08653 (VEC) (SDA) \n"
    assert caption_name(sdny) == "Sweigert v. Goodman"


def test_what_follows_the_parties_and_prose_with_a_v_are_no_name() -> None:
    from citegraph.loaders.readers.header import plausible_name

    caption = (
        "UNITED STATES COURT OF APPEALS\nFOR THE FIRST CIRCUIT\nNo. 20-1507\n"
        "CALVARY CHAPEL OF BANGOR,\nPlaintiff, Appellant,\nv.\n"
        "JANET T. MILLS, in her official capacity as Governor of the\nState of Maine,\n"
        "Defendant, Appellee.\nAPPEAL FROM THE UNITED STATES DISTRICT COURT\n"
    )
    assert caption_name(caption) == "Calvary Chapel of Bangor v. Mills"
    assert caption_name("JOHN DOE,\nPetitioner,\nv.\nRICHARD ROE ON PETITION FOR WRIT OF\n") == (
        "Doe v. Roe"
    )
    assert not plausible_name("After allegedly burning a cross on a lawn v. was charged under")
    assert plausible_name("Calvary Chapel of Bangor v. Mills")


def test_opinions_jsonl_lists_every_docket_of_consolidated_cases(
    tables: dict[str, list[dict]],
) -> None:
    russo = next(o for o in tables["opinions"] if "russo" in o["source"])
    assert russo["docket"] == "3:97-cv-2380"
    assert russo["dockets"] == ["3:97-cv-2380", "3:00-cv-2382", "3:00-cv-1794"]


def test_a_case_name_from_a_slug_cut_short_keeps_the_firms_last_word() -> None:
    from citegraph.loaders.readers.caption import name_from_slug

    # CourtListener 194664: the slug "alvira-v-f-w-woolworth" stops before "COMPANY"
    caption = (
        "No. 92-2255\n\n                      GLADYS ALVIRA, ET AL.,\n\n"
        "                      Plaintiffs, Appellees,\n\n                                v.\n\n"
        "                     F. W. WOOLWORTH COMPANY,\n\n                      Defendant, "
        "Appellant.\n"
    )
    assert name_from_slug("alvira-v-f-w-woolworth", caption) == "Alvira v. F. W. Woolworth Co."
