"""Authorities other than cases, each family on real sentences (issue 18).

The sentences are copied from opinions of the corpus: First Circuit opinions from
CourtListener (147681, 183307, 150888, 194489, 152285, 148334, 148833, 150886), Moor v.
County of Alameda (U.S. 1973) and a C.D. Cal. order (2019).
"""

from __future__ import annotations

from citegraph.loaders import extract
from citegraph.models import Citation, Opinion


def _laws(text: str) -> list[Citation]:
    return [c for c in extract(Opinion("x", "x", text)) if c.kind != "case" or c.subkind]


def test_secondary_sources_legislative_history_and_tax() -> None:
    text = (
        "injury could exist even in the absence of actual harm. Id. at 1101 (Mass. 1985) "
        "(quoting Restatement (Second) of Torts § 7 (1965)). With this understanding in mind, "
        'Black\'s Law Dictionary defines "equipment" as "[t]he articles". See, e.g., H.R. '
        "Rep. No. 102-851, pt. 1, at 15 (1992) (\"In [an 'armed carjacking'], two\"); 138 "
        "Cong. Rec. S17,958-02 (daily ed. Oct. 8, 1992) (statement of Sen. Lautenberg). See "
        '30A C.J.S. Escrows 5(a) ("to constitute an instrument an escrow"); see also 73 Am. '
        "Jur. 2d Statutes § 250 (2010). A federal estate tax return was due on October 31, "
        "2002. I.R.C. § 6075. 30 Webster's Third New International Dictionary Unabridged 2329 "
        "(1976)."
    )
    found = [(c.text, c.kind, c.subkind, c.cites, c.pin) for c in _laws(text)]
    assert found == [
        ("Restatement (Second) of Torts § 7 (1965)", "other", "restatement",
         ["Restatement (Second) of Torts § 7"], None),
        ("Black's Law Dictionary", "other", "dictionary", ["Black's Law Dictionary"], None),
        ("H.R. Rep. No. 102-851, pt. 1, at 15 (1992)", "other", "legislative",
         ["H.R. Rep. No. 102-851"], "15"),
        ("138 Cong. Rec. S17,958-02 (daily ed. Oct. 8, 1992)", "other", "legislative",
         ["138 Cong. Rec."], "S17,958-02"),
        ("30A C.J.S. Escrows 5", "other", "treatise", ["30A C.J.S. Escrows 5"], None),
        ("73 Am. Jur. 2d Statutes § 250", "other", "treatise",
         ["73 Am. Jur. 2d Statutes § 250"], None),
        ("I.R.C. § 6075", "statute", None, ["26 U.S.C. § 6075"], None),
        ("Webster's Third New International Dictionary", "other", "dictionary",
         ["Webster's Third New International Dictionary"], None),
    ]  # fmt: skip


def test_session_laws_acts_by_name_and_agency_decisions() -> None:
    text = (
        "the Anti-Terrorism and Effective Death Penalty Act of 1996 (AEDPA), Pub. L. No. "
        "104-132, 110 Stat. 1214. Under AEDPA, once a state court has adjudicated a claim. "
        "See Act of May 31, 1870, c. 114, § 16, 16 Stat. 144. The permit was issued pursuant "
        "to section 402 of the Clean Water Act (CWA), 33 U.S.C. § 1342. Section 301(b)(1)(C) "
        "of the CWA requires limits. See In re Carlota Copper Co., 11 E.A.D. 692, 708, 2004 WL "
        "3214473 (EAB 2004). Carlota, 11 E.A.D. at 709. Cong. Globe, 42d Cong., 1st Sess., "
        "704-705 (1871)."
    )
    found = [(c.text, c.form, c.kind, c.subkind, c.cites, c.pin) for c in _laws(text)]
    assert found == [
        ("Pub. L. No. 104-132, 110 Stat. 1214", "full", "statute", "session_law",
         ["Pub. L. No. 104-132", "110 Stat. 1214"], None),
        ("Act of May 31, 1870, c. 114, § 16, 16 Stat. 144", "full", "statute", "session_law",
         ["Act of May 31, 1870, ch. 114, § 16"], None),
        ("section 402 of the Clean Water Act (CWA), 33 U.S.C. § 1342", "full", "statute", None,
         ["33 U.S.C. § 1342", "Clean Water Act § 402"], None),
        ("Section 301(b)(1)(C) of the CWA", "full", "statute", None, ["Clean Water Act § 301"],
         "(b)(1)(C)"),
        ("11 E.A.D. 692, 708, 2004 WL 3214473", "full", "other", "agency_decision",
         ["11 E.A.D. 692", "2004 WL 3214473"], "708"),
        ("11 E.A.D. at 709", "short", "other", "agency_decision", [], "709"),
        ("Cong. Globe, 42d Cong., 1st Sess., 704-705 (1871)", "full", "other", "legislative",
         ["Cong. Globe, 42d Cong., 1st Sess."], "704-705"),
    ]  # fmt: skip


def test_rules_named_in_words_local_rules_and_professional_conduct() -> None:
    """A C.D. Cal. order (2019) and United States v. Anderson (1st Cir.): rule sets named
    in words, local rules with dashes, California's Rules of Professional Conduct."""
    text = (
        "failed to meet and confer in violation of Local Rule 7–3. Opp'n 1 at 5. Id. at 3. "
        "failure to comply with L.R. 7–3. pursuant to Federal Civil Procedure Rule 37. "
        "Davis violated the California Rule of Professional Conduct 4.2 when Davis assumed "
        "the identity of a customer. Fed. R. Civ. Pro. 26(e)(1)(A). Federal Evidence Rule "
        "704(b) bars it."
    )
    found = [(c.text, c.form, c.cites, c.pin) for c in _laws(text)]
    assert found == [
        ("Local Rule 7–3", "full", ["Local R. 7-3"], None),
        ("L.R. 7–3", "full", ["Local R. 7-3"], None),
        ("Federal Civil Procedure Rule 37", "full", ["Fed. R. Civ. P. 37"], None),
        (
            "California Rule of Professional Conduct 4.2",
            "full",
            ["Cal. R. Prof. Conduct 4.2"],
            None,
        ),
        ("Fed. R. Civ. Pro. 26(e)(1)(A)", "full", ["Fed. R. Civ. P. 26"], "(e)(1)(A)"),
        ("Federal Evidence Rule 704(b)", "full", ["Fed. R. Evid. 704"], "(b)"),
    ]  # fmt: skip  ("Id. at 3" after a rule is a page of the record: no citation of it)


def test_statute_like_strings_that_are_no_citations_give_nothing() -> None:
    text = (
        "He paid $1,983 and 1,983 dollars in 1983-1988. Section 3 of this Act applies; see § "
        "above. The court in section III.C.3.a of its opinion. § 2 above. Restatement of the "
        "facts. Black's Law is a firm."
    )
    assert _laws(text) == []


def test_state_codes_in_every_form_meet_in_one_key() -> None:
    """Ingraham v. Wright (U.S. 1977, citator 109635), Russo v. City of Hartford (D. Conn.
    2001, data/), Moor v. County of Alameda (U.S. 1973) and New York's practice laws."""
    text = (
        "E. g., Ariz. Rev. Stat. Ann. § 13-246 (A) (1) (1956); Conn. Gen. Stat. § 53a-18 "
        "(1977); N. Y. Penal Law § 35.10 (McKinney 1975 and Supp. 1976). Under Connecticut "
        "General Statutes § 21a-265, federal, state, county officers. Conn. Gen. Stat. § "
        "21a-265. See Cal. Govt. Code § 23000. In view of Government Code section 23003, which "
        "provides. N.Y. Penal Law § 35.10. CPLR 5501(a)."
    )
    found = [(c.text, c.cites) for c in _laws(text)]
    assert found == [
        ("Ariz. Rev. Stat. Ann. § 13-246", ["Ariz. Rev. Stat. Ann. § 13-246"]),
        ("Conn. Gen. Stat. § 53a-18", ["Conn. Gen. Stat. § 53a-18"]),
        ("N. Y. Penal Law § 35.10", ["N.Y. Penal Law § 35.10"]),
        ("Connecticut General Statutes § 21a-265", ["Conn. Gen. Stat. § 21a-265"]),
        ("Conn. Gen. Stat. § 21a-265", ["Conn. Gen. Stat. § 21a-265"]),
        ("Cal. Govt. Code § 23000", ["Cal. Gov't Code § 23000"]),
        ("Government Code section 23003", ["Cal. Gov't Code § 23003"]),
        ("N.Y. Penal Law § 35.10", ["N.Y. Penal Law § 35.10"]),
        ("CPLR 5501(a)", ["N.Y. C.P.L.R. 5501"]),
    ]


def test_public_domain_citations_and_their_parallels_are_one_case() -> None:
    """The forms of issue 18: a neutral citation pinned by paragraph with its parallels,
    North Carolina's dashed form eyecite does not know, and an Id. to a paragraph."""
    from citegraph.graph.identity import identify

    text = (
        "State v. Brown, 2014 WI 69, ¶ 22, 355 Wis. 2d 668, 850 N.W.2d 66. Id. ¶ 31. State v. "
        "Lee, 2021-NCSC-57, ¶ 10, 378 N.C. 1, 859 S.E.2d 1."
    )
    op = Opinion("x", "x", text)
    records = extract(op)
    assert [(c.form, c.cites, c.pin) for c in records] == [
        ("full", ["2014 WI 69", "355 Wis. 2d 668", "850 N.W.2d 66"], "¶ 22"),
        ("id", [], "¶ 31"),
        ("full", ["2021-NCSC-57", "378 N.C. 1", "859 S.E.2d 1"], "¶ 10"),
    ]
    authorities, resolved = identify([op], records)
    assert [a.label for a in authorities] == ["Brown, 2014 WI 69", "Lee, 2021-NCSC-57"]
    assert [c.authority for c in resolved] == ["2014 WI 69", "2014 WI 69", "2021-NCSC-57"]


def test_chapter_lists_whole_chapters_and_sections_without_their_sign() -> None:
    """Walsh v. Commissioners of Civil Service (Mass. 1938) and a Board of Veterans'
    Appeals decision (1334312): a list of the General Laws' chapters, a chapter cited
    whole, a list after a code written without "§"."""
    text = (
        "appointments shall not be subject to the provisions of G. L. (Ter. Ed.) c. 31. See "
        "G. L. (Ter. Ed.) c. 8, § 4; c. 9, § 2; c. 17, §§ 6, 7; c. 19, §4. There are "
        "instances. 1. The criteria have not been met. 38 U.S.C.A. 1101, 1112, 1154(a), 5107 "
        "(West 2002 & Supp. 2013); 38 C.F.R. §§ 3.102, 3.303 (2013)."
    )
    found = [(c.text, c.cites, c.pin) for c in _laws(text)]
    assert found == [
        ("G. L. (Ter. Ed.) c. 31", ["Mass. Gen. Laws ch. 31"], None),
        ("G. L. (Ter. Ed.) c. 8, § 4", ["Mass. Gen. Laws ch. 8, § 4"], None),
        ("c. 9, § 2", ["Mass. Gen. Laws ch. 9, § 2"], None),
        ("c. 17, §§ 6", ["Mass. Gen. Laws ch. 17, § 6"], None),
        ("7", ["Mass. Gen. Laws ch. 17, § 7"], None),
        ("c. 19, §4", ["Mass. Gen. Laws ch. 19, § 4"], None),
        ("38 U.S.C.A. 1101", ["38 U.S.C. § 1101"], None),
        ("1112", ["38 U.S.C. § 1112"], None),
        ("1154(a)", ["38 U.S.C. § 1154"], "(a)"),
        ("5107", ["38 U.S.C. § 5107"], None),
        ("38 C.F.R. §§ 3.102", ["38 C.F.R. § 3.102"], None),
        ("3.303", ["38 C.F.R. § 3.303"], None),
    ]


def test_state_and_circuit_court_rules() -> None:
    """Two Tenth Circuit orders (700 F. App'x 877, 879), Beaudin v. Beaulieu (Me.), and
    the Bluebook forms of a state's rules; a bare rule then goes to the state's set."""
    text = (
        "It may be cited, however, for its persuasive value consistent with Fed. R. App. P. "
        "32.1 and 10th Cir. R. 32.1. See Fed. R. App. P. 34(a)(2); 10th Cir. R. 34.1(G). "
        "continuing obligation to supplement her response. M.R.Civ.P. 26(e)(1)(B). Mass. R. "
        "Civ. P. 56(c); N.H. R. Evid. 404(b). Then Rule 56(h) applies."
    )
    found = [(c.text, c.form, c.cites, c.pin) for c in _laws(text)]
    assert found == [
        ("Fed. R. App. P. 32.1", "full", ["Fed. R. App. P. 32.1"], None),
        ("10th Cir. R. 32.1", "full", ["10th Cir. R. 32.1"], None),
        ("Fed. R. App. P. 34(a)(2)", "full", ["Fed. R. App. P. 34"], "(a)(2)"),
        ("10th Cir. R. 34.1(G)", "full", ["10th Cir. R. 34.1"], "(G)"),
        ("M.R.Civ.P. 26(e)(1)(B)", "full", ["Me. R. Civ. P. 26"], "(e)(1)(B)"),
        ("Mass. R. Civ. P. 56(c)", "full", ["Mass. R. Civ. P. 56"], "(c)"),
        ("N.H. R. Evid. 404(b)", "full", ["N.H. R. Evid. 404"], "(b)"),
        ("Rule 56(h)", "short", ["Mass. R. Civ. P. 56"], "(h)"),
    ]
