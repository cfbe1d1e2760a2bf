"""Citation extraction (loaders/extraction/): each rule pinned by the real sentence it
comes from, and the hand-checked gold of both seed opinions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from citegraph.loaders.extraction.citations import find_citations
from citegraph.loaders.extraction.notes import endnotes, mask_markers
from citegraph.models import Citation, Opinion

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _find(text: str, **known: object) -> list[Citation]:
    return find_citations(Opinion(id="op", source="test", text=text, **known))  # type: ignore[arg-type]


def _one(records: list[Citation], text: str) -> Citation:
    (rec,) = [r for r in records if r.text == text]
    return rec


# Russo v. City of Hartford, 158 F. Supp. 2d 214, 222 (D. Conn. 2001)
MONELL = (
    "A municipality cannot be held liable in a § 1983 action under a theory of respondeat "
    "superior merely because it employs a tortfeasor.  Monell v. Dept. of Soc. Services of "
    "the City of New York, 436 U.S. 658, 691, 56 L. Ed. 2d 611, 98 S. Ct. 2018 (1978). It is "
    "only when the execution of a municipality's \"policy or custom, whether made by its "
    "lawmakers or by those whose edicts or acts may fairly be said to represent official "
    "policy, inflicts the injury that the [municipality] as an entity is responsible under "
    '§ 1983." Id. at 694.'
)


def test_parallel_citations_are_one_occurrence_with_the_pin_kept() -> None:
    records = _find(MONELL)
    (monell,) = [r for r in records if r.kind == "case" and r.form == "full"]
    assert monell.cites == ["436 U.S. 658", "56 L. Ed. 2d 611", "98 S. Ct. 2018"]
    assert monell.pin == "691"
    assert monell.pins == ["691", None, None]
    assert monell.name == "Monell v. Dept. of Soc. Services of the City of New York"
    assert (monell.year, monell.court) == (1978, "scotus")


def test_id_pin_checked_against_every_parallel_not_the_last() -> None:
    # eyecite checks "at 694" against 98 S. Ct. 2018 only and leaves the Id. unresolved
    records = _find(MONELL)
    id_at_694 = _one(records, "Id. at 694")
    assert records[id_at_694.antecedent].cites[0] == "436 U.S. 658"  # type: ignore[index]


def test_pin_is_not_taken_from_the_next_parallel_volume() -> None:
    text = (
        'relief." Conley v. Gibson, 355 U.S. 41, 45-46, 2 L. Ed. 2d 80, 78 S. Ct. 99 (1957). '
        "In considering"
    )
    (conley,) = _find(text)
    assert conley.pin == "45-46"
    assert conley.cites == ["355 U.S. 41", "2 L. Ed. 2d 80", "78 S. Ct. 99"]


def test_lexis_and_westlaw_cites_beside_each_other_are_one_occurrence() -> None:
    text = (
        "A person does not have a property interest in the insubstantial aspects or "
        "discretionary benefits of their employment.  Boyd v. Schembri, 1997 U.S. Dist. LEXIS "
        "11965, 1997 WL 466539, at *3 (S.D.N.Y. Aug. 13, 1997); McNill v. New York City Dep't "
        "of Correction, 950 F. Supp. 564, 572 (S.D.N.Y. 1996)."
    )
    boyd, mcnill = _find(text)
    assert boyd.cites == ["1997 U.S. Dist. LEXIS 11965", "1997 WL 466539"]
    assert (boyd.name, boyd.pin, boyd.year, boyd.court) == ("Boyd v. Schembri", "*3", 1997, "nysd")
    assert mcnill.name == "McNill v. New York City Dep't of Correction"


# Ali v. Annucci, No. 1:16-cv-01994 (S.D.N.Y. Sept. 30, 2020)
ALI_QUALIFIED_IMMUNITY = (
    "\"[e]ven where the plaintiff's federal rights and the scope of the official's "
    "permissible conduct are clearly established, the qualified immunity defense protects a "
    "government actor if it was 'objectively reasonable' for him to believe that his actions "
    'were lawful at the time of the challenged act." Usavage, 932 F. Supp. 2d at 593 (quoting '
    "Lennon v. Miller, 66 F.3d 416, 420 (2d Cir. 1995)) (citations omitted).\n\n"
    "Summary judgment on qualified immunity grounds is improper where there are genuine "
    "factual disputes material as to \"whether defendant officers' actions violated clearly "
    "established law and as to whether 'officers of reasonable competence could disagree on "
    "the legality of the defendant[s'] actions.\" Id. (quoting Toliver v. City of New York, "
    "No. 10 Civ. 5803, 2012 WL 6013098, at *8 (S.D.N.Y. Dec. 3, 2012); see also Lloyd, 246 F. "
    "Supp. 3d at 723."
)


def test_id_after_quoting_parenthetical_resolves_to_outer_case() -> None:
    # eyecite #348: the Id. is Usavage's, not Lennon's (cited inside Usavage's parenthetical)
    records = _find(ALI_QUALIFIED_IMMUNITY)
    usavage = _one(records, "932 F. Supp. 2d at ")
    id_ = _one(records, "Id.")
    assert id_.antecedent == records.index(usavage)
    assert usavage.short_name == "Usavage" and usavage.pin == "593"


def test_docket_number_is_not_part_of_the_case_name() -> None:
    toliver = _one(_find(ALI_QUALIFIED_IMMUNITY), "2012 WL 6013098")
    assert toliver.name == "Toliver v. City of New York"
    assert (toliver.pin, toliver.year, toliver.court) == ("*8", 2012, "nysd")


def test_id_after_record_cite_refers_to_the_record_not_the_last_case() -> None:
    # eyecite #349: "(Pl.'s 56.1 at § A). ... Id." is the 56.1 statement again
    text = (
        "Headley v. Fisher, No. 06 Civ. 6331, 2010 WL 1427585, at *4 (S.D.N.Y. Apr. 7, 2010) "
        "(quoting Holz, 258 F.3d at 73) (internal citations and quotation mark omitted).\n\n"
        "BACKGROUND\n\nI. Factual Background\n\nIn early 2015, Ali was indicted for "
        "second-degree burglary and other related charges. (Pl.'s 56.1 at § A). Ali pleaded "
        "not guilty to the charges and was incarcerated pending trial. Id. On July 21, 2015"
    )
    records = _find(text)
    assert [r.text for r in records] == ["2010 WL 1427585", "258 F.3d at 73"]


@pytest.mark.parametrize(
    "record_cite",
    ["(ECF No. 118-2 at 27:17–22).", "(Pl. Tr. at 82:5–15).", "(Defs. 56.1 at ¶ 30)."],
)
def test_id_after_ecf_transcript_or_56_1_cite_is_a_record_cite(record_cite: str) -> None:
    text = (
        '"The injury requirement is particularly important[.]" Morocho v. New York City, No. '
        f"13 Civ. 4585, 2015 WL 4619517, at *8 (S.D.N.Y. July 31, 2015). {record_cite} Ali "
        "testified he felt light-headed throughout this first court proceeding. (Id. at 92:11–25)."
    )
    assert [r.form for r in _find(text)] == ["full"]


def test_year_is_never_taken_from_a_neighbouring_citation() -> None:
    # eyecite #321: eyecite gives Reeves, 530 U.S. 133 the year 2505 (from "106 S.Ct. 2505")
    text = (
        "'Credibility determinations ... [is a] jury function[], not [that] of a judge.' "
        '"Reeves v. Sanderson Plumbing Prods., Inc., 530 U.S. 133, 150 (2000) (quoting Liberty '
        'Lobby, 477 U.S. at 255, 106 S.Ct. 2505). "However'
    )
    reeves = _one(_find(text), "530 U.S. 133")
    assert (reeves.name, reeves.year, reeves.pin) == (
        "Reeves v. Sanderson Plumbing Prods., Inc.",
        2000,
        "150",
    )


def test_year_of_a_westlaw_cite_without_parenthetical_is_its_volume() -> None:
    text = (
        "Campbell v. Hanson, No. 17-cv-1024, 2019 WL 2717691, at *3 (S.D.N.Y. June 28, 2019) "
        "(quoting Portillo v. Webb, No. 16 Civ. 4731, 2017 WL 4570374, *4 (quoting Kingsley v. "
        "Hendrickson, 135 S. Ct. 2466, 2473 (2015))"
    )
    campbell, portillo, kingsley = _find(text)
    assert (portillo.name, portillo.year, portillo.pin) == ("Portillo v. Webb", 2017, "*4")
    assert (campbell.year, kingsley.year) == (2019, 2015)


def test_short_cite_with_a_parallel_is_one_short_form_carrying_the_parallel() -> None:
    text = (
        '"Reeves v. Sanderson Plumbing Prods., Inc., 530 U.S. 133, 150 (2000) (quoting Liberty '
        "Lobby, 477 U.S. at 255, 106 S.Ct. 2505)."
    )
    lobby = _one(_find(text), "477 U.S. at 255, 106 S.Ct. 2505")
    assert (lobby.form, lobby.short_name, lobby.pin) == ("short", "Liberty Lobby", "255")
    assert lobby.cites == ["106 S. Ct. 2505"]


def test_name_only_westlaw_cite_with_another_number_is_a_full_cite_of_its_own_document() -> None:
    # two Westlaw numbers a digit apart are two documents, whatever name they share
    smith, other = _find("Smith v. Jones, 2019 WL 1234567. Smith, 2019 WL 1234568.")
    assert (smith.form, smith.cites) == ("full", ["2019 WL 1234567"])
    assert (other.form, other.kind, other.cites) == ("full", "case", ["2019 WL 1234568"])
    assert (other.short_name, other.antecedent) == ("Smith", None)
    # Ali v. Annucci (S.D.N.Y. 2020), data/ali_v_annucci_sdny_2020.txt: the number as written
    text = (
        "Campbell v. Hanson, No. 17-cv-1024, 2019 WL 2717691, at *3 (S.D.N.Y. June 28, 2019). "
        'Courts may rely on "factors such as (1) the force used in relation to the need for '
        'force." Campbell, 2019 WL 271717691, at *4.'
    )
    typo = _one(_find(text), "2019 WL 271717691")
    assert (typo.form, typo.antecedent, typo.cites, typo.pin) == (
        "full",
        None,
        ["2019 WL 271717691"],
        "*4",
    )


def test_short_forms_of_a_case_still_stand_for_it() -> None:
    # Ali v. Annucci (S.D.N.Y. 2020), data/ali_v_annucci_sdny_2020.txt
    text = (
        "Rolkiewicz v. City of New York, 2020 WL 1033792, at *3 (S.D.N.Y. March 3, 2020) "
        "(quoting Kingsley v. Hendrickson, 135 S. Ct. 2466, 2473 (2015)). Objective "
        'reasonableness hinges on the "facts and circumstances of each particular case." '
        'Kingsley, 135 S. Ct. at 2473. "The doctrine of qualified immunity shields public '
        'officials." Rolkiewicz, 2020 WL 1033792 at *9.'
    )
    rolkiewicz, kingsley, short, again = _find(text)
    assert (short.form, short.antecedent, short.short_name, short.pin) == (
        "short",
        1,
        "Kingsley",
        "2473",
    )
    assert kingsley.name == "Kingsley v. Hendrickson"
    # the same Westlaw number under the short name: the same document
    assert (again.form, again.cites, again.pin) == ("full", rolkiewicz.cites, "*9")


def test_case_name_starts_after_the_sentence_before_it() -> None:
    text = (
        "The right not to be arrested or prosecuted without probable cause has long been a "
        "clearly established constitutional right cognizable under the explicit language of "
        "the Fourth Amendment.  Gerstein v. Pugh, 420 U.S. 103, 114, 43 L. Ed. 2d 54, 95 S. Ct. "
        "854 (1975); Brown v. D'Amico, 35 F.3d 97, 99 (2d Cir. 1994)."
    )
    gerstein, brown = _find(text)
    assert gerstein.name == "Gerstein v. Pugh"
    assert (brown.name, brown.court) == ("Brown v. D'Amico", "ca2")


def test_emphasis_markup_is_not_part_of_the_case_name() -> None:
    text = (
        "the evidence must be such that a reasonable jury could *return a verdict for the "
        'nonmoving party.*" *Usavage* v. Port Authority of New York and New Jersey, 932 F. '
        "Supp. 2d 575, 589 (S.D.N.Y. 2013) (internal citations and quotation marks omitted)."
    )
    (usavage,) = _find(text)
    assert usavage.name == "Usavage v. Port Authority of New York and New Jersey"
    assert (usavage.pin, usavage.year, usavage.court) == ("589", 2013, "nysd")


def test_ex_rel_name_broken_over_lines_is_one_name() -> None:
    text = (
        "See Jimenez ex rel.\n\nJimenez v. KFRC of California, No. 02 Civ. 2826, 2003 WL "
        "22244673, at *3 (S.D.N.Y. Sept. 30,\n\n2003)."
    )
    (jimenez,) = _find(text)
    assert jimenez.name == "Jimenez ex rel. Jimenez v. KFRC of California"


def test_citation_broken_over_a_blank_line_is_found() -> None:
    # First Circuit, CourtListener 1036108: "131 S. Ct.\n\n2541"
    text = (
        "See Wal-Mart Stores, Inc., v. Dukes, 131 S. Ct.\n\n2541, 2551 (2011) (holding that "
        'common issue of fact "must be'
    )
    (dukes,) = _find(text)
    assert (dukes.cites, dukes.pin, dukes.year) == (["131 S. Ct. 2541"], "2551", 2011)


def test_unclosed_parenthetical_ends_with_its_sentence() -> None:
    # The "(citing Moses H. Cone ..." parenthetical is never closed; the Id. is Pikna's
    text = (
        "United States v. Pikna, 880 F.2d 1578, 1582 (2d Cir. 1989) (citing Moses H. Cone "
        "Memorial Hospital v. Mercury Construction Corp., 460 U.S. 1, 74 L. Ed. 2d 765, 103 S. "
        "Ct. 927 (1983); Colorado River Water Conservation District v. United States, 424 U.S. "
        '800, 47 L. Ed. 2d 483, 96 S. Ct. 1236 (1976). "In determining whether or not to grant '
        "such a stay, the district court should consider such factors as (1) whether the "
        'controversy involved a res." Id. No one factor is determinative'
    )
    records = _find(text)
    assert records[-1].form == "id" and records[-1].antecedent == 0


def test_short_cite_whose_full_citation_never_appears_stays_unresolved_with_its_name() -> None:
    text = (
        '"defendants ignored the detainee\'s pleas that the handcuffs were too tight." Id. '
        "(quoting Esmont, 371 F. Supp. 2d at 115)."
    )
    esmont = _one(_find(text), "371 F. Supp. 2d at 115")
    assert (esmont.short_name, esmont.volume, esmont.reporter, esmont.pin) == (
        "Esmont",
        "371",
        "F. Supp. 2d",
        "115",
    )
    assert esmont.antecedent is None


def test_rules_constitutions_and_state_codes_are_authorities_with_their_kind() -> None:
    text = (
        'Rule 8(a)(2) requires that a complaint include only "a short and plain statement of '
        'the claim showing that the pleader is entitled to relief." Fed. R. Civ. P. 8(a)(2). '
        'no state shall "deny to any person within its jurisdiction the equal protection of the '
        'laws." U.S. Const. Amend. XIV, § 1. Conn. Gen. Stat. § 21a-265. Because of the statute'
        " Local Civ. Rule 56.1(a). The nonmoving party"
    )
    found = [(r.kind, r.cites, r.pin) for r in _find(text)]
    assert found == [
        ("rule", ["Fed. R. Civ. P. 8"], "(a)(2)"),  # "Rule 8(a)(2)": its short form
        ("rule", ["Fed. R. Civ. P. 8"], "(a)(2)"),
        ("constitution", ["U.S. Const. amend. XIV, § 1"], None),
        ("statute", ["Conn. Gen. Stat. § 21a-265"], None),
        ("rule", ["Local Civ. R. 56.1"], "(a)"),
    ]


def test_statute_subsection_is_a_pin_of_one_node_per_section() -> None:
    # First Circuit, CourtListener 147681
    text = (
        "Chapter 93A permits recovery by one who has been injured by an unfair or deceptive "
        "practice, Mass. Gen. Laws ch. 93A, § 9(1); and a Massachusetts Supreme Judicial Court"
    )
    (law,) = _find(text)
    assert (law.kind, law.cites, law.pin) == ("statute", ["Mass. Gen. Laws ch. 93A, § 9"], "(1)")


def test_massachusetts_general_laws_as_its_courts_cite_them_are_one_authority_per_section() -> None:
    # Commonwealth v. Brown, 1 N.E.3d 259 (Mass. 2013) (cap_html/1ne3d259.html) and First
    # Circuit, United States v. Maldonado (CourtListener 151563)
    text = (
        "the judge planned to impose on Brown as much of the sentencing scheme set forth in "
        "G.L. c. 265, § 2, and G.L. c. 127, § 133A, as would be permissible in light of Miller "
        "'s prohibition. The attaching plates offense--which is the focus of this appeal--was "
        "for affixing license plates owned by another individual to Maldonado's own car. "
        "M.G.L. ch. 90, § 23 (2009). This offense was detected after Maldonado was pulled "
        "over in a routine traffic stop"
    )
    found = [(r.kind, r.text, r.cites, r.pin) for r in _find(text)]
    assert found == [
        ("statute", "G.L. c. 265, § 2", ["Mass. Gen. Laws ch. 265, § 2"], None),
        ("statute", "G.L. c. 127, § 133A", ["Mass. Gen. Laws ch. 127, § 133A"], None),
        ("statute", "M.G.L. ch. 90, § 23", ["Mass. Gen. Laws ch. 90, § 23"], None),
    ]
    # Fallon v. Darney, 300 Mass. 365 (1938) (cap_xml/mass.300.365.864339.json); the key
    # is the one the full name gives (as in First Circuit, CourtListener 147681)
    (ter,) = _find("the manner of its operation. G. L. (Ter. Ed.) c. 231, § 85A. If there was")
    assert (ter.text, ter.cites) == (
        "G. L. (Ter. Ed.) c. 231, § 85A",
        ["Mass. Gen. Laws ch. 231, § 85A"],
    )
    (full,) = _find("deceptive practice, Mass. Gen. Laws ch. 231, § 85A; and a Massachusetts")
    assert full.cites == ter.cites


def test_slip_opinion_cite_is_a_case_citation_with_the_page_unknown() -> None:
    # First Circuit, CourtListener 182273
    text = (
        "Cf. Los Angeles Cnty. v. Humphries, 562 U.S. ___, slip op. at 2 (2010) (addressing "
        "42 U.S.C. § 1983 claim brought"
    )
    slip, statute = _find(text)
    assert (slip.kind, slip.cites, slip.notes) == ("case", ["562 U.S. ___"], "slip")
    assert (slip.name, slip.year, slip.court) == ("Los Angeles Cnty. v. Humphries", 2010, "scotus")
    assert statute.cites == ["42 U.S.C. § 1983"]


def test_treatise_section_is_an_authority_and_an_id_after_it_is_its() -> None:
    text = (
        "2 James Wm. Moore et al., Moore's Federal Practice § 12.30[4] (3d ed. 2001). When a "
        "court reviews a complaint under a factual attack for lack of subject matter "
        "jurisdiction, it must determine whether the factual predicate for subject matter "
        "exists or not. Id.; United Transp. Unions 385 & 77 v. Metro North Commuter, 862 F. "
        "Supp. 55, 57 (S.D.N.Y. 1994)."
    )
    moore, id_, unions = _find(text)
    assert (moore.kind, moore.cites, moore.pin, moore.year) == (
        "other",
        ["2 Moore's Federal Practice § 12.30"],
        "[4]",
        2001,
    )
    assert id_.antecedent == 0
    assert unions.name == "United Transp. Unions 385 & 77 v. Metro North Commuter"


def test_opinions_own_header_citation_is_its_identity_not_a_citation() -> None:
    header = "21 F.3d 420\n\nNOTICE: First Circuit Local Rule 36.2(b)6 states unpublished "
    body = "opinions may be cited only in related cases. " * 60
    assert [r.kind for r in _find(header + body)] == ["rule"]  # only the Local Rule 36.2


def test_star_pages_and_endnotes_give_page_and_footnote(russo: Opinion) -> None:
    records = find_citations(russo)
    monell = next(r for r in records if r.cites and r.cites[0] == "436 U.S. 658")
    assert (monell.page, monell.footnote) == ("222", None)
    cvs = next(r for r in records if r.cites == ["201 F.R.D. 291"])
    assert (cvs.name, cvs.page, cvs.footnote) == ("Russo v. CVS Pharmacies, Inc.", "242", "1")


def test_footnote_call_outs_are_masked_only_where_an_endnote_exists(russo: Opinion) -> None:
    notes = endnotes(russo.text)
    assert [label for _, _, label in notes] == [str(n) for n in range(1, 12)]
    masked = mask_markers(russo.text, notes)
    assert len(masked) == len(russo.text)
    assert "discovery. n1 Pending" in russo.text.replace("\n", " ")
    assert " n1 " not in masked
    assert mask_markers("Exhibit n1 is a pump.") == "Exhibit n1 is a pump."


@pytest.fixture(scope="module")
def russo() -> Opinion:
    from citegraph.loaders import read

    (op,) = read(ROOT / "data" / "russo_v_city_of_hartford_dconn_2001.txt")
    return op


def _eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_citations", ROOT / "eval" / "citations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "entry",
    json.loads((FIXTURES / "seeds_gold.json").read_text(encoding="utf-8"))["opinions"],
    ids=lambda e: e["file"],
)
def test_seed_opinion_finds_every_authority_and_invents_none(entry: dict) -> None:
    from citegraph.graph.identity import identify
    from citegraph.loaders import extract, read

    (op,) = read(ROOT / "data" / entry["file"])
    authorities, resolved = identify([op], extract(op))
    report = _eval_module().compare_seed(entry, op.text, authorities, resolved)
    assert report["missing"] == []
    assert report["invented"] == []
    assert report["wrong"] == []
    assert report["short_form_errors"] == []
    assert report["extra_short_forms"] == []
    assert report["found"] == len(entry["authorities"])


def test_sentencing_guidelines_and_state_codes_with_initials_are_found() -> None:
    """Real sentences of First Circuit opinions (CourtListener 150887 and 148956)."""
    from citegraph.loaders.extraction.found import Taken
    from citegraph.loaders.extraction.laws import find_laws

    text = (
        "Sentencing Guidelines sentence up to\na mandatory life sentence, under "
        "U.S.S.G. § 5G1.1(c)(2). See R.I. Gen. Laws § 42-73-7.3      The Child Advocate "
        "claims that due\n\nto widespread and serious deficiencies"
    )
    found = [(c.text, c.cites, c.pin, c.kind) for c in find_laws("x", text, Taken())]
    assert found == [
        ("R.I. Gen. Laws § 42-73-7.3", ["R.I. Gen. Laws § 42-73-7.3"], None, "statute"),
        ("U.S.S.G. § 5G1.1(c)(2)", ["U.S.S.G. § 5G1.1"], "(c)(2)", "other"),
    ]


def test_sections_listed_after_a_code_and_bare_sections_that_cite_it() -> None:
    """Real sentences: United States v. Soltero-Lopez and United States v. McAndrews (1st
    Cir. 1993, data/), a Seventh Amendment opinion's parenthesis (1st Cir.)."""
    from citegraph.loaders import extract
    from citegraph.models import Opinion

    text = (
        "in prison. See 18 U.S.C. Sec. 2; 21 U.S.C. Secs. 841(a)(1), 952, 960, 963; U.S.S.G. "
        "Sec. 2D1.1. Willie Wilson, guilty of violating 21 U.S.C. Secs. 841(a)(1), "
        "841(b)(1)(A), and 846. Under 18 U.S.C. § 2119, the rule shifts the issue from a causal "
        "analysis of whether serious bodily injury (§ 2119(2)) or death (§ 2119(3)) results; "
        "liable under § 2119 alone; § 504 of the Rehabilitation Act, 29 U.S.C. § 794."
    )
    found = [
        (c.text, c.form, c.cites, c.pin)
        for c in extract(Opinion(id="x", source="x", text=text))
        if c.kind in ("statute", "other")
    ]
    assert found == [
        ("18 U.S.C. Sec. 2", "full", ["18 U.S.C. § 2"], None),
        ("21 U.S.C. Secs. 841", "full", ["21 U.S.C. § 841"], "(a)(1)"),
        ("952", "full", ["21 U.S.C. § 952"], None),
        ("960", "full", ["21 U.S.C. § 960"], None),
        ("963", "full", ["21 U.S.C. § 963"], None),
        ("U.S.S.G. Sec. 2D1.1", "full", ["U.S.S.G. § 2D1.1"], None),
        ("21 U.S.C. Secs. 841", "full", ["21 U.S.C. § 841"], "(a)(1)"),
        ("841(b)(1)(A)", "full", ["21 U.S.C. § 841"], "(b)(1)(A)"),
        ("846", "full", ["21 U.S.C. § 846"], None),
        ("18 U.S.C. § 2119", "full", ["18 U.S.C. § 2119"], None),
        ("§ 2119(2)", "short", ["18 U.S.C. § 2119"], "(2)"),
        ("§ 2119(3)", "short", ["18 U.S.C. § 2119"], "(3)"),
        ("§ 2119", "short", ["18 U.S.C. § 2119"], None),  # in prose, a short form too
        # a named Act's section and its code section: one citation, parallel keys
        (
            "§ 504 of the Rehabilitation Act, 29 U.S.C. § 794",
            "full",
            ["29 U.S.C. § 794", "Rehabilitation Act § 504"],
            None,
        ),
    ]


def test_federal_code_forms_eyecite_misses() -> None:
    """Real citations of First Circuit opinions (CourtListener) and a Board of Veterans'
    Appeals decision: a range, sections with a letter and a hyphen, C.F.R. parts and a
    C.F.R. section written without its sign."""
    from citegraph.loaders import extract
    from citegraph.models import Opinion

    text = (
        "the Fair Debt Collection Practices Act, 15 U.S.C. §§ 1692-1692o. Title VII, 42 U.S.C. "
        "§§ 2000e-2, 2000e-3. The regulations, 20 C.F.R. Part 404, and 40 C.F.R. pt. 271 "
        "apply; see 38 C.F.R. 3.103(c). See 15 U.S.C. §§ 34-36."
    )
    found = [(c.text, c.kind, c.cites, c.pin) for c in extract(Opinion("x", "x", text))]
    assert found == [
        ("15 U.S.C. §§ 1692", "statute", ["15 U.S.C. § 1692"], None),
        ("1692o", "statute", ["15 U.S.C. § 1692o"], None),
        ("42 U.S.C. §§ 2000e-2", "statute", ["42 U.S.C. § 2000e-2"], None),
        ("2000e-3", "statute", ["42 U.S.C. § 2000e-3"], None),
        ("20 C.F.R. Part 404", "regulation", ["20 C.F.R. pt. 404"], None),
        ("40 C.F.R. pt. 271", "regulation", ["40 C.F.R. pt. 271"], None),
        ("38 C.F.R. 3.103(c)", "regulation", ["38 C.F.R. § 3.103"], "(c)"),
        ("15 U.S.C. §§ 34", "statute", ["15 U.S.C. § 34"], None),
        ("36", "statute", ["15 U.S.C. § 36"], None),
    ]


def test_id_with_a_section_lists_abbreviated_ranges_and_codes_by_subject() -> None:
    """Real citations: Moor v. County of Alameda (U.S. 1973, footnotes 41-43 and 50),
    United States v. Aluko (1st Cir. 1993), a Board of Veterans' Appeals decision."""
    from citegraph.loaders import extract
    from citegraph.models import Opinion

    text = (
        "[41]  See Cal. Govt. Code § 23000.\n[42]  See id., § 23003.\n[43]  See id., §§ 945, "
        "23004 (a).\n[50]  See id., §§ 25690-26224.\nfraud in violation of 18 U.S.C. § 371, "
        "1341-42 (1984) and 42 U.S.C. § 408(a)(7)(B) (1991). See 38 U.S.C.A. § 5121A. The "
        "new statute. Conn. Gen. Stat. §§ 52-584, 52-577."
    )
    found = [(c.text, c.form, c.cites) for c in extract(Opinion("x", "x", text))]
    assert found == [
        ("Cal. Govt. Code § 23000", "full", ["Cal. Gov't Code § 23000"]),
        ("id., § 23003", "id", ["Cal. Gov't Code § 23003"]),
        ("id., §§ 945", "id", ["Cal. Gov't Code § 945"]),
        ("23004 (a)", "short", ["Cal. Gov't Code § 23004"]),
        ("id., §§ 25690", "id", ["Cal. Gov't Code § 25690"]),
        ("26224", "short", ["Cal. Gov't Code § 26224"]),
        ("18 U.S.C. § 371", "full", ["18 U.S.C. § 371"]),
        ("1341", "full", ["18 U.S.C. § 1341"]),
        ("42", "full", ["18 U.S.C. § 1342"]),
        ("42 U.S.C. § 408", "full", ["42 U.S.C. § 408"]),
        ("38 U.S.C.A. § 5121A", "full", ["38 U.S.C. § 5121A"]),
        ("Conn. Gen. Stat. §§ 52-584", "full", ["Conn. Gen. Stat. § 52-584"]),  # no range
        ("52-577", "full", ["Conn. Gen. Stat. § 52-577"]),
    ]


def test_bare_rules_and_sections_resolve_to_the_code_the_opinion_cites() -> None:
    """Real sentences of Russo v. City of Hartford (D. Conn. 2001, data/) and an order of
    the C.D. Cal. (2019): "Rule 12(b)(6)", "section 1983", "§ 1988" after "§ 1983"; a
    section of a named Act is that Act's; a section with no code in reach gives nothing."""
    from citegraph.loaders import extract
    from citegraph.models import Opinion

    text = (
        "Plaintiff brings this action under 42 U.S.C. § 1983. A motion to dismiss filed "
        "pursuant to Rule 12(b)(6) of the Federal Rules of Civil Procedure tests the complaint; "
        "see Fed. R. Civ. P. 12(b)(1). As discussed above, a plaintiff in a section 1983 action "
        "may recover fees under § 1988. Rules 26 and 37 apply. Under § 504 of the "
        "Rehabilitation Act, relief differs; see § 2 above."
    )
    found = [(c.text, c.form, c.cites, c.pin) for c in extract(Opinion("x", "x", text))]
    assert found == [
        ("42 U.S.C. § 1983", "full", ["42 U.S.C. § 1983"], None),
        ("Rule 12(b)(6) of the Federal Rules of Civil Procedure", "full",
         ["Fed. R. Civ. P. 12"], "(b)(6)"),
        ("Fed. R. Civ. P. 12(b)(1)", "full", ["Fed. R. Civ. P. 12"], "(b)(1)"),
        ("section 1983", "short", ["42 U.S.C. § 1983"], None),
        ("§ 1988", "short", ["42 U.S.C. § 1988"], None),
        ("Rules 26", "short", ["Fed. R. Civ. P. 26"], None),
        ("37", "short", ["Fed. R. Civ. P. 37"], None),
        ("§ 504 of the Rehabilitation Act", "full", ["Rehabilitation Act § 504"], None),
    ]  # fmt: skip
