"""Authority identity (graph/identity.py): parallel citations united across the corpus,
short forms, slip opinions, self-citations and corpus opinions, on real sentences."""

from __future__ import annotations

import pytest
from citegraph.graph.identity import identify, names_match
from citegraph.loaders.extraction.citations import find_citations
from citegraph.loaders.extraction.propositions import attach_propositions
from citegraph.models import Authority, Citation, Opinion


def _build(*opinions: Opinion) -> tuple[list[Authority], list[Citation]]:
    records = [r for op in opinions for r in find_citations(op)]
    return identify(list(opinions), records)


def _op(oid: str, text: str, **meta: object) -> Opinion:
    return Opinion(id=oid, source=f"{oid}.txt", text=text, **meta)  # type: ignore[arg-type]


def test_citations_seen_together_anywhere_are_one_authority() -> None:
    # Russo (D. Conn. 2001) gives L. Ed. + S. Ct.; First Circuit opinions give U.S. + S. Ct.
    # + L. Ed., or U.S. alone: one authority, named by its official cite
    russo = _op(
        "russo",
        "\"Qualified immunity is 'an entitlement not to stand trial or face the other burdens "
        "of litigation.'\" Saucier v. Katz, 150 L. Ed. 2d 272, 121 S. Ct. 2151, 2155 (2001).",
    )
    ca1_a = _op(
        "ca1-a",
        "Saucier v. Katz, 533 U.S. 194, 201, 121 S.Ct. 2151, 150 L.Ed.2d 272 (2001) (holding "
        "that a court considering qualified immunity",
    )
    ca1_b = _op(
        "ca1-b",
        "See Saucier v. Katz, 533 U.S. 194, 201 (2001) (defendant is entitled to qualified "
        "immunity",
    )
    authorities, citations = _build(russo, ca1_a, ca1_b)
    (saucier,) = authorities
    assert saucier.id == "533 U.S. 194"
    assert saucier.citations == ["533 U.S. 194", "121 S. Ct. 2151", "150 L. Ed. 2d 272"]
    assert (saucier.name, saucier.year, saucier.court) == ("Saucier v. Katz", 2001, "scotus")
    assert saucier.label == "Saucier, 533 U.S. 194 (2001)"
    assert {c.opinion for c in citations} == {"russo", "ca1-a", "ca1-b"}


def test_short_cite_whose_full_citation_never_appears_is_an_authority_of_its_own() -> None:
    # Ali v. Annucci: Esmont is only ever cited short; it is neither dropped nor merged
    ali = _op(
        "ali",
        "*Usavage* v. Port Authority of New York and New Jersey, 932 F. Supp. 2d 575, 589 "
        "(S.D.N.Y. 2013). \"defendants ignored the detainee's pleas that the handcuffs were too "
        'tight." Id. (quoting Esmont, 371 F. Supp. 2d at 115). "The third question turns on the '
        "'degree of injury to [Plaintiff's] wrists.\" Usavage, 932 F. Supp. 2d at 596 (quoting "
        "Esmont, 371 F. Supp. 2d at 215).",
    )
    authorities, citations = _build(ali)
    by_id = {a.id: a for a in authorities}
    assert set(by_id) == {"932 F. Supp. 2d 575", "Esmont, 371 F. Supp. 2d"}
    esmont = by_id["Esmont, 371 F. Supp. 2d"]
    # an explicit unresolved short form, labelled as the text first writes it
    assert (esmont.kind, esmont.label, esmont.citations, esmont.unresolved) == (
        "case",
        "Esmont, 371 F. Supp. 2d at 115",
        ["371 F. Supp. 2d"],
        True,
    )
    pins = [c.pin for c in citations if c.authority == esmont.id]
    assert pins == ["115", "215"]
    assert [c.form for c in citations if c.authority == "932 F. Supp. 2d 575"] == [
        "full",
        "id",
        "short",
    ]


def test_identify_returns_new_records_and_leaves_the_given_ones_as_they_were() -> None:
    # Ali v. Annucci: Id. and the short form take Usavage's authority, the quoted
    # Esmont takes Usavage's as `via`; the records extraction made are not touched
    ali = _op(
        "ali",
        "*Usavage* v. Port Authority of New York and New Jersey, 932 F. Supp. 2d 575, 589 "
        "(S.D.N.Y. 2013). \"defendants ignored the detainee's pleas that the handcuffs were too "
        'tight." Id. (quoting Esmont, 371 F. Supp. 2d at 115).',
    )
    records = find_citations(ali)
    attach_propositions(ali, records)
    before = [r.to_dict() for r in records]
    _, resolved = identify([ali], records)
    assert [r.to_dict() for r in records] == before
    assert {r.authority for r in records} == {None}
    assert [(c.text, c.authority, c.via) for c in resolved] == [
        ("932 F. Supp. 2d 575", "932 F. Supp. 2d 575", None),
        ("Id.", "932 F. Supp. 2d 575", None),
        ("371 F. Supp. 2d at 115", "Esmont, 371 F. Supp. 2d", "932 F. Supp. 2d 575"),
    ]
    assert not any(c is r for c in resolved for r in records)


def test_opinions_references_to_itself_are_not_edges() -> None:
    # Russo's header names its own citations; the body cites the consolidated cases by them
    russo = _op(
        "158 F. Supp. 2d 214",
        "158 F. Supp. 2d 214, 2001 U.S. Dist. LEXIS 14297\n\nAugust 2, 2001, Decided\n\n"
        "Russo filed three related lawsuits, Russo v. City of Hartford, et al., 2001 U.S. Dist. "
        "LEXIS 14297, (3:97cv2380 (JCH)), Russo v. Bailey, et al., 2001 U.S. Dist. LEXIS 14297, "
        "(3:00cv1794 (JCH)), and Russo v. Marquis, et al., 2001 U.S. Dist. LEXIS 14297, "
        "(3:00cv2382 (JCH)), which have been consolidated for purposes of discovery.",
        citations=["158 F. Supp. 2d 214", "2001 U.S. Dist. LEXIS 14297"],
    )
    authorities, citations = _build(russo)
    assert (authorities, citations) == ([], [])


def test_corpus_opinion_without_reporter_cite_is_matched_by_name_court_and_year() -> None:
    # CourtListener 148835 cites 148334, a slip opinion whose caption names the parties
    # in full ("González-Fuentes v. Hon. Carlos Molina") and that has no reporter cite
    cited = _op(
        "148334",
        "EFRAÍN GONZÁLEZ-FUENTES, et al., Petitioners, Appellees, v. HON. CARLOS MOLINA",
        name="González-Fuentes v. Hon. Carlos Molina",
        court="ca1",
        date="2010-06-10",
    )
    citing = _op(
        "148835",
        "We held this in DePoutot and have consistently applied that test since. E.g., "
        "Gonzalez-Fuentes v. Molina, 607 F.3d 864, 880 (1st Cir.2010); Espinoza v. Sabol, 558 "
        "F.3d 83, 87 (1st Cir.2009).",
        name="Martinez v. Cui",
        court="ca1",
        date="2010-07-08",
    )
    authorities, citations = _build(cited, citing)
    linked = {c.text: c.authority for c in citations}
    assert linked == {"607 F.3d 864": "148334", "558 F.3d 83": "558 F.3d 83"}
    (gonzalez,) = [a for a in authorities if a.id == "148334"]
    assert (gonzalez.opinion, gonzalez.citations) == ("148334", ["607 F.3d 864"])


def test_same_name_with_another_reporter_cite_is_not_the_corpus_opinion() -> None:
    # First Circuit 1994: "United States v. Zapata, 1 F.3d 46" is not the corpus opinion
    # United States v. Zapata, 18 F.3d 971 (1994), however well the names agree
    zapata_1994 = _op(
        "195255",
        "18 F.3d 971\n\nUNITED STATES of America, Appellee, v. Luis ZAPATA, Defendant, Appellant.",
        name="United States v. Zapata",
        court="ca1",
        date="1994-03-24",
        citations=["18 F.3d 971"],
    )
    citing = _op(
        "195133",
        'Double counting in the sentencing context "is a phenomenon that is less sinister '
        'than the name implies."  United States v. Zapata, 1 F.3d 46, 47 (1st Cir.1993).',
        court="ca1",
        date="1994-01-04",
    )
    authorities, citations = _build(zapata_1994, citing)
    (zapata_1993,) = authorities
    assert (zapata_1993.id, zapata_1993.opinion) == ("1 F.3d 46", None)


def test_slip_cite_joins_the_reporter_cite_of_the_same_case() -> None:
    # CourtListener 182273 cites the slip opinion; 183309 gives S. Ct. and L. Ed.
    slip = _op(
        "182273",
        "Cf. Los Angeles Cnty. v. Humphries, 562 U.S. ___, slip op. at 2 (2010) (addressing "
        "42 U.S.C. § 1983 claim brought",
    )
    reporter = _op(
        "183309",
        'can extend through its logic beyond the specific facts of its case." Los Angeles '
        "County v. Humphries, ___ U.S. ___, 131 S. Ct. 447, 453, 178 L. Ed. 2d 460 (2010).",
    )
    authorities, citations = _build(slip, reporter)
    humphries = {c.authority for c in citations if c.kind == "case"}
    assert humphries == {"131 S. Ct. 447"}
    (a,) = [a for a in authorities if a.id == "131 S. Ct. 447"]
    assert a.citations == ["131 S. Ct. 447", "178 L. Ed. 2d 460", "562 U.S. ___"]


def test_citation_of_a_table_claimed_by_two_opinions_is_neither_ones_identity() -> None:
    # 1994 unpublished First Circuit decisions share the table page "23 F.3d 395"
    notice = "\n\nNOTICE: First Circuit Local Rule 36.2(b)6 states unpublished opinions may"
    plourde = _op("195336", "23 F.3d 395" + notice, citations=["23 F.3d 395"])
    president = _op("195371", "23 F.3d 395" + notice, citations=["23 F.3d 395"])
    authorities, citations = _build(plourde, president)
    # the header line is each opinion's own (the table's page), no citation: no link
    # between the two, nor to a "23 F.3d 395" authority (CourtListener 195161 "Grange v.
    # Butler" was linked to the table's other decision through it)
    assert [c for c in citations if c.kind == "case"] == []
    assert [a for a in authorities if a.id == "23 F.3d 395"] == []


def test_two_slip_cites_of_one_volume_stay_two_cases() -> None:
    text = (
        "Cf. Los Angeles Cnty. v. Humphries, 562 U.S. ___, slip op. at 2 (2010); Ashcroft v. "
        "Iqbal, 562 U.S. ___ (2010)."
    )
    authorities, _ = _build(_op("x", text))
    assert sorted(a.name for a in authorities if a.kind == "case") == [
        "Ashcroft v. Iqbal",
        "Los Angeles Cnty. v. Humphries",
    ]


@pytest.mark.parametrize(
    ("cited_as", "corpus_name", "same"),
    [
        ("Rosario v. Dept. of Army", "Rosario v. The Department of The Army", True),
        ("Gonzalez-Fuentes v. Molina", "González-Fuentes v. Hon. Carlos Molina", True),
        ("United States v. McAndrews", "United States v. Willie McAndrews", True),
        (
            "Gastronomical Workers Union Local 610 & Metro. Hotel Assoc. Pension Fund v. "
            "Dorado Beach Hotel Corp.",
            "Gastronomical Workers Union Local 610 v. Dorado Beach Hotel Corporation",
            True,
        ),
        ("United States v. Zapata", "United States v. Rivera-Martinez", False),
        # 962 F.2d 100 (1st Cir. 1992) is not the 1993 corpus opinion of Daniel Franco
        ("United States v. Daniel", "United States v. Daniel Franco", False),
        ("United States v. Cardosa", "United States v. Rivera-Martinez", False),
        ("Rosario v. Dept. of Army", "Rosario v. Dept. of Navy", False),
    ],
)
def test_names_match_threshold(cited_as: str, corpus_name: str, same: bool) -> None:
    assert names_match(cited_as, corpus_name) is same


def test_names_that_match_share_a_distinctive_word_on_real_citations() -> None:
    # the corpus index compares only opinions that share such a word with the cited name
    from pathlib import Path

    from citegraph.graph.names import distinctive_words as _distinctive_words

    fixtures = Path(__file__).resolve().parent / "fixtures" / "opinions_ca1"
    names: set[str] = set()
    for path in sorted(fixtures.glob("*.txt")):
        op = _op(path.stem, path.read_text(encoding="utf-8"))
        names.update(c.name for c in find_citations(op) if c.kind == "case" and c.name)
    names.update(
        (
            "United States v. McAndrews",
            "United States v. Willie McAndrews",
            "Rosario v. Dept. of Army",
            "Rosario v. The Department of The Army",
        )
    )
    ordered = sorted(names)
    assert len(ordered) > 200
    matched = 0
    for a in ordered:
        for b in ordered:
            if names_match(a, b):
                matched += a != b
                assert _distinctive_words(a) & _distinctive_words(b), (a, b)
    assert matched >= 4
    assert _distinctive_words("United States v. Zapata") == {"zapata"}
    assert _distinctive_words("In re Grand Jury") == frozenset()
