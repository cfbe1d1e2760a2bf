"""Page furniture out of paged text; line-end hyphens (loaders/readers/furniture.py).

The pages are lines of real opinions as their PDFs print them: Snyder v. Phelps, 562
U.S. 443 (2011, slip opinion), Still v. Commissioner (E.D. Cal. 2021, pleading paper),
Travelers Indemnity v. Dammann (3d Cir. 2010).
"""

from __future__ import annotations

from citegraph.loaders.readers.furniture import (
    Line,
    assemble,
    clean_text,
    dehyphenate,
    furniture,
    vocabulary,
)

from .conftest import FIXTURES

SNYDER = [
    "Cite as: 562 U. S. ____ (2011) 3\nOpinion of the Court\nThe picketing took place "
    "within a 10- by\n25-foot plot of public land adjacent to a public street. See Rowan v.\n"
    "Post Office Dept., 397 U. S.",
    "4 SNYDER v. PHELPS\nOpinion of the Court\n728, 736 (1970). That plot was approximately "
    "1,000 feet from the church\nwhere the funeral was held.",
    "Cite as: 562 U. S. ____ (2011) 5\nOpinion of the Court\nSeveral buildings separated the "
    "picket site from the church. The West-\nboro picketers displayed their signs.",
    "6 SNYDER v. PHELPS\nOpinion of the Court\nNone of the picketers entered church "
    "property or went to the cemetery.",
]


def test_running_heads_of_a_slip_opinion_are_furniture() -> None:
    pages = [p.splitlines() for p in SNYDER]
    drops = furniture(pages)
    assert drops == [{0, 1}, {0, 1}, {0, 1}, {0, 1}]


def test_body_reads_on_across_the_page_break_and_the_page_map_follows() -> None:
    paged = clean_text("\f".join(SNYDER))
    assert "Cite as" not in paged.text and "Opinion of the Court" not in paged.text
    assert "See Rowan v. Post Office Dept., 397 U. S. 728, 736 (1970)." in paged.text
    assert "10- by 25-foot plot" in paged.text
    assert "The Westboro picketers" in paged.text
    assert [p for _, p in paged.pages] == ["1", "2", "3", "4"]
    start, page = paged.pages[1]
    assert page == "2" and paged.text[start:].startswith("728, 736 (1970)")


def test_pleading_line_numbers_and_filing_stamps_go() -> None:
    stamp = "Case 1:11-cv-00637-NONE-EPG Document 30 Filed 03/23/21 Page {} of 5"
    numbers = "\n".join(str(n) for n in range(1, 29))
    pages = [
        f"{numbers}\nCounsel received $5,500 in EAJA fees previously.\n////\n{stamp.format(2)}",
        f"{numbers}\nSee 28 U.S.C. § 2412; Gisbrecht, 535 U.S. at 796.\n{stamp.format(3)}",
        f"{numbers}\nthe § 406(b) award will be offset by $5,500.\n{stamp.format(4)}",
    ]
    paged = clean_text("\f".join(pages))
    assert paged.text == (
        "Counsel received $5,500 in EAJA fees previously. See 28 U.S.C. § 2412; "
        "Gisbrecht, 535 U.S. at 796. the § 406(b) award will be offset by $5,500."
    )


def test_a_stamp_glued_to_a_body_line_is_cut_off() -> None:
    stamp = "Case 1:11-cv-00637-NONE-EPG Document 30 Filed 03/23/21 Page {} of 5"
    pages = [
        f"{stamp.format(1)}\nUnder Federal Rule of Civil Procedure 5.2(a), only the last",
        f"{stamp.format(2)}\nfour digits may be visible in filings. It contains an social-"
        f"{stamp.format(2)}\nsecurity number . . . the filing may include only the last four.",
        f"{stamp.format(3)}\nPlaintiff’s full Social-Security number is shown on every page.",
    ]
    text = clean_text("\f".join(pages)).text
    assert "Document 30" not in text
    assert "an social-security number" in text


def test_page_foot_notes_in_smaller_type_follow_the_body_with_their_number() -> None:
    body = [
        Line(t, 12.0)
        for t in (
            "not vest in the Debtor until a discharge is",
            "granted",
            "under § 1328 or the case is dismissed.”",
        )
    ]
    notes = [
        Line("1", 8.0),
        Line(" § 1328 refers to 11 U.S.C. § 1328, which outlines", 11.0),
        Line("the requirements for discharge.", 11.0),
    ]
    nxt = [Line("In September 2005, Robinson resigned her employment with Tyson Foods", 12.0)]
    paged = assemble([body + notes + [Line("2", 12.0)], nxt])
    assert paged.text.startswith(
        "not vest in the Debtor until a discharge is granted under § 1328 or the case is "
        "dismissed.” In September 2005, Robinson resigned"
    )
    ((start, end, label),) = paged.footnotes
    assert label == "1"
    assert paged.text[start:end] == (
        "1. § 1328 refers to 11 U.S.C. § 1328, which outlines the requirements for discharge."
    )


def test_plain_text_notes_after_a_rule_are_footnotes() -> None:
    page = (
        "We have unwaveringly applied an abuse of discretion standard to the denial\n"
        "of a request for leave to amend. See, e.g., Saltiel, 788 A.2d at 276-77.\n"
        "A third line of the body.\nAnd a fourth one.\n"
        "__________\n"
        "3 The District Court did not reach the question. Cox v. RKA Corp., 894 F.2d\n"
        "1072 (3d Cir. 1990)."
    )
    paged = clean_text(page + "\fThe next page of the body.")
    assert "894 F.2d 1072" in paged.text
    ((start, end, label),) = paged.footnotes
    assert label == "3" and paged.text[start:].startswith("3. The District Court")
    assert "And a fourth one. The next page of the body." in paged.text


def test_line_end_hyphens_join_broken_words_and_keep_real_ones() -> None:
    lines = [
        "interest of the Govern-",
        "ment in regulating speech under Cen-",
        "tral Hudson; see § 1.752-",
        "1(a)(1) and Tenn. Code Ann. § 14-",
        "306.4; State v. Smith, 2021-NCSC-",
        "57; the Court applied an abuse-of-",
        "discretion standard to a non-",
        "Muslim applicant; Saltiel, 788 A.2d at 276-",
        "77.",
    ]
    words = vocabulary(lines)
    assert dehyphenate(lines, words) == [
        "interest of the Government in regulating speech under Central Hudson; see § "
        "1.752-1(a)(1) and Tenn. Code Ann. § 14-306.4; State v. Smith, 2021-NCSC-57; "
        "the Court applied an abuse-of-discretion standard to a non-Muslim applicant; "
        "Saltiel, 788 A.2d at 276-77."
    ]


def test_a_compound_seen_elsewhere_in_the_opinion_keeps_its_hyphen() -> None:
    lines = ["it was caught off-", "guard by the denial", "a party caught off-guard here"]
    assert dehyphenate(lines, vocabulary(lines))[0] == "it was caught off-guard by the denial"


def test_a_text_paged_by_form_feeds_loses_its_running_heads_as_the_pdf_does() -> None:
    """Snyder v. Phelps (2011) slip opinion, and the same PDF as `pdftotext -layout`
    writes it (pages split by form feeds): the running head "Cite as: 562 U. S. ____
    (2011)" gave 18 citations to a blank page before; now both give the same citations."""
    from collections import Counter

    from citegraph.loaders.extraction import extract
    from citegraph.loaders.readers.registry import read

    pdf = FIXTURES / "pdf"
    (from_pdf,) = read(str(pdf / "chansooligans_scotus_snyder-v-phelps_2011.pdf"))
    (from_text,) = read(str(pdf / "snyder_v_phelps_pdftotext.txt"))
    cites = [Counter(c.text for c in extract(op)) for op in (from_pdf, from_text)]
    assert cites[0] == cites[1]
    assert "562 U. S. ____" not in cites[1]
    assert sum(cites[1].values()) > 100
    assert (from_text.name, from_text.court, from_text.date) == (
        "Snyder v. Phelps",
        "scotus",
        "2011-03-02",
    )
