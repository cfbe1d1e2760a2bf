"""One node per case across the corpus (graph/identity.py, graph/joins.py): parallels no
opinion wrote together, nominative reporters, history, page-less short cites, Id. with a
parallel, docket-number citations and the corpus opinion they name, on real sentences of
First Circuit and Supreme Court opinions."""

from __future__ import annotations

from citegraph.graph import build as build_graph
from citegraph.graph.identity import identify
from citegraph.graph.joins import us_reports
from citegraph.graph.query import stats
from citegraph.loaders.extraction import extract
from citegraph.loaders.extraction.citations import find_citations
from citegraph.models import Authority, Citation, Opinion


def _build(*opinions: Opinion) -> tuple[list[Authority], list[Citation]]:
    records = [r for op in opinions for r in extract(op)]
    return identify(list(opinions), records)


def _op(oid: str, text: str, **meta: object) -> Opinion:
    return Opinion(id=oid, source=f"{oid}.txt", text=text, **meta)  # type: ignore[arg-type]


# Sullivan v. U.S. Dep't of Justice (1st Cir. 1993) cites FMC v. Holliday by S. Ct. only
SULLIVAN = (
    "or when the legislature has otherwise blown an uncertain trumpet. See Morales v. Trans "
    "World Airlines, Inc., 112 S. Ct. 2031, 2036 (1992); FMC Corp. v. Holliday, 111 S. Ct.\n\n"
    "403, 407 (1990); see also United States v. Aversa, 984 F.2d 493, 499 n.8 (1st Cir. 1993)."
)
# Combined Mgmt. v. Bureau of Ins. (1st Cir. 1994) by U.S. only
COMBINED = (
    "As CMI points out, Travelers cites FMC Corp. v. Holliday, 498 U.S. 52, 58-60 (1990), for "
    "the proposition that state laws that increase plan costs"
)


def test_one_case_cited_in_two_reporters_by_two_opinions_is_one_node() -> None:
    authorities, citations = _build(_op("sullivan", SULLIVAN), _op("combined", COMBINED))
    (fmc,) = [a for a in authorities if a.name == "FMC Corp. v. Holliday"]
    assert fmc.citations == ["498 U.S. 52", "111 S. Ct. 403"]
    assert fmc.joined_by == ["same name, court and year"]
    assert fmc.label == "FMC Corp., 498 U.S. 52 (1990)"
    assert {c.opinion for c in citations if c.authority == fmc.id} == {"sullivan", "combined"}


def test_two_cases_of_one_name_and_year_stay_two() -> None:
    # United States v. Wilson, 420 U.S. 332 (1975) and 421 U.S. 309 (1975) are two
    # decisions: one name, court and year, two pages of the U.S. Reports
    dixon = _op(
        "dixon",
        "possesses old roots in the Court's cases. See United States v. Wilson, 421 U. S. 309 "
        "(1975); Cammer v. United States, 350 U. S. 399 (1956).",
    )
    lee = _op(
        "lee",
        "When two Terms ago the Court decided Jenkins v. United States, 420 U.S. 358 (1975), and "
        "United States v. Wilson, 420 U.S. 332 (1975), I had thought that a presidential "
        "foundation had been laid",
    )
    authorities, _ = _build(dixon, lee)
    wilson = sorted(a.citations for a in authorities if a.name == "United States v. Wilson")
    assert wilson == [["420 U.S. 332"], ["421 U.S. 309"]]


def test_nominative_reporters_are_the_united_states_reports_page_for_page() -> None:
    assert us_reports("6 Wheat. 264") == "19 U.S. 264"
    assert us_reports("21 Wall. 558") == "88 U.S. 558"
    assert us_reports("1 Cranch 137") == "5 U.S. 137"
    assert us_reports("30 Wall. 1") is None  # Wallace ran to 23 volumes
    igartua = _op(
        "igartua",
        'lly debated." Cent. Va. Cmty. Coll. v. Katz, 546 U.S. 356, 363 (2006) (quoting Cohens v. '
        'Virgina, 6 Wheat. 264, 399 (1821) ("It is a maxim not to be disregarded").',
    )
    roman = _op(
        "roman-cancel",
        "Generally speaking, the United States enjoys immunity from suit. See McCloskey v. "
        "Mueller, 446 F.3d 262, 266 (1st Cir. 2006); see also Cohens v. Virginia, 19 U.S. 264, "
        "413 (1821).",
    )
    authorities, citations = _build(igartua, roman)
    (cohens,) = [a for a in authorities if a.name and "Cohens" in a.name]
    assert (cohens.id, cohens.citations) == ("19 U.S. 264", ["19 U.S. 264", "6 Wheat. 264"])
    assert {c.opinion for c in citations if c.authority == cohens.id} == {"igartua", "roman-cancel"}


def test_history_stays_with_the_case_it_follows() -> None:
    # data/195338: "United States v. Amparo, 961 F.2d 288, 292 (1st Cir.), cert. denied, 113
    # S. Ct. 224 (1992)": the denial is named for Amparo, joined to it by a history edge,
    # and is no citation of its own in the most cited
    op = _op(
        "mariano",
        "from the court's misapprehension of the rules governing departure. See, e.g., United "
        "States v. McAndrews, 12 F.3d 273, 276 n. 2 (1st Cir. 1993); United States v. Amparo, 961 "
        "F.2d 288, 292 (1st Cir.), cert. denied, 113 S. Ct. 224 (1992). Appellant attempts",
    )
    authorities, citations = _build(op)
    g = build_graph([op], authorities, citations)
    denied = g.nodes["113 S. Ct. 224"]
    assert denied["label"] == "Amparo, 113 S. Ct. 224 (1992)"
    assert (denied["cited_by"], denied["history_cites"]) == (0, 1)
    assert not g.has_edge("mariano", "113 S. Ct. 224")
    assert g.edges["113 S. Ct. 224", "961 F.2d 288"]["source"] == "history"
    most = [r["id"] for r in stats_of(op, authorities, citations)["most_cited"]]
    assert most == ["12 F.3d 273", "961 F.2d 288"]


def stats_of(op: Opinion, authorities: list[Authority], citations: list[Citation]) -> dict:
    from citegraph.graph.tables import Tables

    tables = Tables(
        opinions=[{"id": op.id, "source": op.source, "name": None}],
        authorities=[a.row() for a in authorities],
        citations=[c.row() for c in citations],
    )
    return stats(tables)


# United States v. Sanchez (1st Cir. 1994, 15 F.3d 5): the full cite, then "Id." with both
# reporters' pins
TOWNSEND = (
    "4. Townsend v. Burke, 334 U.S. 736, 740-41, 68 S. Ct. 1252, 1255, 92 L. Ed. 1690 (1948) "
    '(due process violated). "it is evident that this uncounseled defendant was either '
    "overreached by the prosecutor's submission of misinformation to the court or was "
    "prejudiced by the court's own misreading of the record.\" Id. 334 U.S. at 740, 68 S.Ct. at "
    "1255."
)


def test_id_with_a_parallel_short_cite_is_one_occurrence() -> None:
    records = find_citations(_op("sanchez", TOWNSEND))
    assert [(r.form, r.text, r.pin) for r in records] == [
        ("full", "334 U.S. 736, 740-41, 68 S. Ct. 1252, 1255, 92 L. Ed. 1690", "740-41"),
        ("short", "334 U.S. at 740, 68 S.Ct. at 1255", "740"),
    ]
    assert records[1].antecedent == 0


def test_a_short_cite_resolves_by_its_parallel_and_never_makes_a_volume_node() -> None:
    # Gonzalez-Fuentes v. Molina (1st Cir. 2010): Preiser and Hensley, two cases of 411
    # U.S.; note 8 cites "(citing Hensley, 411 U.S. at 352, 93 S. Ct. 1571)"
    text = (
        'The Supreme Court has explained that it would "wholly frustrate explicit congressional '
        "intent\" to allow plaintiffs to circumvent the federal habeas statute's narrow "
        "prerequisites simply by invoking § 1983. Preiser v. Rodriguez, 411 U.S. 475, 489-90, 93 "
        "S. Ct. 1827, 36 L. Ed. 2d 439 (1973).\n\nWe recognize that a future restraint on "
        "liberty may provide a basis for habeas jurisdiction if it is imminent and inevitable. "
        "See, e.g., Hensley v. Mun. Court, 411 U.S. 345, 351-52, 93 S. Ct. 1571, 36 L. Ed. 2d 294 "
        "(1973); Fernos-Lopez v. Figarella Lopez, 929 F.2d 20, 24 (1st Cir.1991) (per curiam); "
        "Roba v. United States, 604 F.2d 215, 219 (2d Cir.1979). But custody is not considered "
        'imminent and inevitable for habeas purposes if it would depend on "contingencies" '
        'which may "render the entire controversy academic." Fernos-Lopez, 929 F.2d at 24 '
        "(citing Hensley, 411 U.S. at 352, 93 S. Ct. 1571)."
    )
    # Drew v. MacEachern (1st Cir. 2010): Saffold's full cite is nowhere in the corpus
    manning = _op(
        "drew",
        "“[I]t is the State’s interests that the tolling provision seeks to protect, and the "
        "State, through its supreme court decisions or legislation, can explicate timing "
        "requirements . . . .” Saffold, 536 U.S. at 223. In Massachusetts,",
    )
    authorities, citations = _build(_op("gonzalez", text), manning)
    hensley = [c.authority for c in citations if c.text.startswith("411 U.S. at 352")]
    assert hensley == ["411 U.S. 345"]
    by_id = {a.id: a for a in authorities}
    saffold = by_id["Saffold, 536 U.S."]
    assert (saffold.label, saffold.unresolved) == ("Saffold, 536 U.S. at 223", True)
    assert not [a for a in authorities if a.id in ("411 U.S.", "536 U.S.")]


# United States v. Lacroix (1st Cir. 1994) cites United States v. Limberopoulos by its
# docket number before 26 F.3d 245 was printed
LACROIX = (
    "Moreover, the method of the guidelines is to leave to the sentencing judge, not the jury, "
    'the determination of what "conduct" is "relevant" to the fashioning of a defendant\'s '
    "sentence. See United States v. Limberopoulos, F.3d , (1st Cir. 1994) [No. 92-1954, slip op. "
    "at 15]; see also U.S.S.G.\n\n6A1.3."
)


def test_a_slip_opinion_cited_by_docket_number_links_to_the_corpus_opinion() -> None:
    limberopoulos = _op(
        "limberopoulos",
        "UNITED STATES, Appellee,\n\nv.\n\nNicholas LIMBEROPOULOS, Defendant, Appellant.",
        name="United States v. Limberopoulos",
        court="ca1",
        date="1994-06-14",
        docket="92-1954",
        dockets=["92-1954", "92-1955", "92-2075", "92-2076"],
    )
    records = find_citations(_op("lacroix", LACROIX))
    (docket,) = [r for r in records if r.kind == "case"]
    assert (docket.cites, docket.name, docket.year, docket.court, docket.pin) == (
        ["No. 92-1954 (ca1)"],
        "United States v. Limberopoulos",
        1994,
        "ca1",
        "15",
    )
    authorities, citations = _build(_op("lacroix", LACROIX), limberopoulos)
    (link,) = [c for c in citations if c.kind == "case"]
    assert link.authority == "limberopoulos"
    (a,) = [a for a in authorities if a.id == "limberopoulos"]
    assert a.joined_by == ["corpus opinion of the same docket number"]


def test_a_corpus_opinion_and_its_errata_sheet_are_one_case() -> None:
    # United States v. Matos (1st Cir. 2010) is in the corpus twice: the opinion and its
    # errata sheet, one docket and date; United States v. Maldonado cites it
    maldonado = _op(
        "maldonado",
        "this court recently held that no plain error occurred where the district court without "
        "objection assigned a criminal history point to the same attaching plates offense, United "
        "States v. Matos, 611 F.3d 31, 40 (1st Cir.2010), but the court reserved the merits.",
    )
    meta = dict(name="United States v. Matos", court="ca1", date="2010-07-07", dockets=["09-1178"])
    # the head of each as CourtListener has it (150187 and 152282)
    opinion = _op(
        "matos",
        "611 F.3d 31 (2010)\n\nUNITED STATES of America, Appellee,\n\nv.\n\nAnthony MATOS, "
        "Defendant, Appellant.\n\nNo. 09-1178.\n\nUnited States Court of Appeals, First "
        "Circuit.\n\nHeard February 1, 2010.\n\nDecided July 7, 2010.\n\nEdward J. O'Brien, by "
        "Appointment of the Court, for appellant.\n\nMark T. Quinlivan, Assistant U.S. Attorney, "
        "with whom Carmen M. Ortiz, United States Attorney, was on brief for appellee.",
        **meta,
    )
    errata = _op(
        "matos-2",
        "United States Court of Appeals For the First Circuit\n\nNo. 09-1178\n\nUNITED STATES "
        "OF AMERICA,\n\nAppellee, v.\n\nANTHONY MATOS,\n\nDefendant, Appellant.\n\nErrata "
        "Sheet\n\nThe opinion of this Court issued on July 7, 2010, is amended as follows:\n\n"
        'On page 24, line 14, should be corrected to read: "the sale of 22 Burr Street"',
        **meta,
    )
    _, citations = _build(maldonado, opinion, errata)
    assert [c.authority for c in citations if c.opinion == "maldonado"] == ["matos"]


def test_parallels_in_older_and_ocr_styles_are_one_citation() -> None:
    def cites(text: str) -> list[list[str]]:
        return [r.cites for r in find_citations(_op("x", text)) if r.kind == "case"]

    # Baldwin v. G.A.F. Seelig (1935): a semicolon between a state reporter and its regional
    assert cites(
        "Foster Packing Co. v. Haydel, 278 U.S. 1, 11; Silz v. Hesterberg, 184 N.Y. 126, 131; "
        "76 N.E. 1032. None of these statutes"
    ) == [["278 U.S. 1"], ["184 N.Y. 126", "76 N.E. 1032"]]
    # Washington v. Fishing Vessel Ass'n (1979): two federal cases, not parallels
    assert cites(
        "determined the movements of the largely nomadic tribes. 384 F. Supp., at 343, 351, 382; "
        "459 F. Supp. 1020, 1079; 520 F.2d 676, 682. Fish constituted"
    ) == [[], ["459 F. Supp. 1020"], ["520 F.2d 676"]]
    # an OCR'd comma lost before a parallel (1939), a bracketed parallel (Tevlin v. Spencer,
    # 1st Cir. 2010), a pin with a note (Vieira-Candelario, 1st Cir. 1993)
    assert cites("Maxwell v. Bugbee, 250 U.S. 525, 538 40 S.Ct. 2,5, 63 L. Ed. 1124; Hamilton") == [
        ["250 U.S. 525", "40 S. Ct. 2", "63 L. Ed. 1124"]
    ]
    assert cites(
        "Medina v. California, 505 U.S. 437, 446, 448 [112 S. Ct. 2572, 120 L. Ed. 2d 353] (1992)"
    ) == [["505 U.S. 437", "112 S. Ct. 2572", "120 L. Ed. 2d 353"]]
    assert cites(
        "(quoting United States v. Mendoza- Lopez, 481 U.S. 828, 837-39 & n. 17, 107 S. Ct. 2148, "
        "2155-56 & n. 17, 95 L. Ed. 2d 772 (1987))."
    ) == [["481 U.S. 828", "107 S. Ct. 2148", "95 L. Ed. 2d 772"]]


def test_a_case_is_labelled_by_the_short_name_its_citers_use() -> None:
    # Manning v. Boston Med. Ctr. (1st Cir. 2013): "Bell Atlantic Corp. v. Twombly" is
    # "Twombly" and "Ashcroft v. Iqbal" is "Iqbal" in the short forms
    manning = _op(
        "manning",
        "Such a statement \"needs only enough detail to provide a defendant with 'fair notice "
        "of what the . . . claim is and the grounds upon which it rests.'\" Ocasio-Hernández v.\n\n"
        "Fortuño-Burset, 640 F.3d 1, 12 (1st Cir. 2011) (quoting Bell Atlantic Corp. v. Twombly, "
        "550 U.S. 544, 555 (2007)) (internal quotation marks omitted).\n\nThe allegations must be "
        'enough to render the claim plausible: "[w]here a complaint pleads facts that are '
        "'merely consistent with' a defendant's liability, it 'stops short of the line between "
        "[mere] possibility and plausibility of entitlement to relief.'\" Ashcroft v. Iqbal, 556 "
        "U.S. 662, 678 (2009) (quoting Twombly, 550 U.S. at 557) (quotation marks omitted). And "
        'Twombly and Iqbal make clear that a claim is not plausible when the "complaint pleads '
        "facts that are 'merely consistent with' a defendant's liability.\" Iqbal, 556 U.S. at "
        "678 (quoting Twombly, 550 U.S. at 557).",
    )
    authorities, _ = _build(manning)
    labels = {a.id: a.label for a in authorities}
    assert labels["550 U.S. 544"] == "Twombly, 550 U.S. 544 (2007)"
    assert labels["556 U.S. 662"] == "Iqbal, 556 U.S. 662 (2009)"
    assert labels["640 F.3d 1"] == "Ocasio-Hernández, 640 F.3d 1 (2011)"


def test_a_mistyped_docket_number_links_no_other_case() -> None:
    # United States v. Akinola (1st Cir. 1993) cites Lilly by a docket number that is, in
    # the corpus, Niemela v. United States's: the names share no word, so no link
    akinola = _op(
        "akinola",
        "We review any such violation for harmless error.\n\nUnited States v. Hasting, 461 U.S. "
        "499, 508-12 (1983);\n\nUnited States v. Cox, 752 F.2d 741, 746 (1st Cir. 1985). See "
        "generally United States v. Lilly, No. 92-2192, slip op. at 14-16 (1st Cir. Dec. 4, 1992).",
    )
    niemela = _op(
        "niemela",
        "No. 92-2192\n\nDAVID & ANN MARIE NIEMELA,\n\nPlaintiffs, Appellants, v.\n\nUNITED STATES "
        "OF AMERICA,\n\nDefendant, Appellee.",
        name="Niemela v. U.S. of Am.",
        court="ca1",
        date="1993-06-11",
        dockets=["92-2192"],
    )
    _, citations = _build(akinola, niemela)
    (lilly,) = [c for c in citations if c.name == "United States v. Lilly"]
    assert (lilly.authority, lilly.cites) == ("No. 92-2192 (ca1)", ["No. 92-2192 (ca1)"])


def test_corpus_links_survive_abbreviated_states_and_impossible_dates() -> None:
    # Correia v. Feeney (1st Cir.) writes "Mass." for Massachusetts; Barsoum v. Holder cites
    # Ahmed v. Holder (2010), which CourtListener dates 2007 though its docket is 09-2085
    correia = _op(
        "correia",
        "which he failed to do. See Booker v. Mass. Dep't of Pub. Health, 612 F.3d 34, 42 (1st "
        "Cir.2010). Regardless, even if reviewed as preserved objections",
    )
    barsoum = _op(
        "barsoum",
        "does not seriously develop the argument in this court. See Ahmed v. Holder, 611 F.3d "
        '90, 98 (1st Cir. 2010) ("[A]ppellate arguments advanced in a perfunctory manner").',
    )
    booker = _op(
        "booker",
        "Althea BOOKER, Plaintiff, Appellant,\n\nv.\n\nMASSACHUSETTS DEPARTMENT OF PUBLIC HEALTH "
        "(The Lemuel Shattuck Hospital)",
        name="Booker v. Massachusetts Dep't of Pub. Health",
        court="ca1",
        date="2010-07-15",
        dockets=["09-1082"],
    )
    ahmed = _op(
        "ahmed",
        "Usman AHMED and Afsheen Iqbal Butt, Petitioners,\n\nv.\n\nEric H. HOLDER, Jr., Attorney "
        "General, Respondent.\n\nNo. 09-2085.",
        name="Ahmed v. Holder",
        court="ca1",
        date="2007-10-16",
        dockets=["09-2085"],
    )
    _, citations = _build(correia, barsoum, booker, ahmed)
    links = {(c.opinion, c.authority) for c in citations if c.kind == "case"}
    assert links == {("correia", "booker"), ("barsoum", "ahmed")}


def test_the_parallel_after_an_id_is_the_ids_own() -> None:
    # Gonzalez-Fuentes v. Molina (1st Cir. 2010): "Id. at 438-39, 117 S. Ct. 891" is one
    # occurrence of Lynce v. Mathis (eyecite reads "Id. at 438-39" as the S. Ct. cite's name)
    text = (
        "the Puerto Rico court's interpretation of the Ex Post Facto Clause was contrary to the "
        "United States Supreme Court's decision in Lynce v. Mathis, 519 U.S. 433, 117 S. Ct. 891, "
        "137 L. Ed. 2d 63 (1997), a case concerning the revocation of early release credits. His "
        "accelerated credits were voided, and he was subsequently rearrested and reimprisoned to "
        "serve the balance of his sentence. Id. at 438-39, 117 S. Ct. 891.\n\nThe Court held that "
        "the retroactive cancellation was invalid."
    )
    authorities, citations = _build(_op("gonzalez", text))
    assert [(c.form, c.text, c.pin, c.authority) for c in citations] == [
        ("full", "519 U.S. 433, 117 S. Ct. 891, 137 L. Ed. 2d 63", None, "519 U.S. 433"),
        ("id", "Id. at 438-39, 117 S. Ct. 891", "438-39", "519 U.S. 433"),
    ]
    assert [a.id for a in authorities] == ["519 U.S. 433"]


def test_a_short_parallel_after_an_id_is_the_ids_own() -> None:
    # 13 F.3d 432 (1st Cir. 1993) quotes Halper, then "Id. at 448, 109 S.Ct. at 1901-02."
    text = (
        "Petitioner relies primarily on two recent Supreme Court cases, Austin v. United States, "
        "--- U.S. ----, 113 S. Ct. 2801, 125 L. Ed. 2d 488 (1993) and United States v. Halper, "
        "490 U.S. 435, 109 S. Ct. 1892, 104 L. Ed. 2d 487 (1989).\n\nSimply put, a civil as well "
        "as a criminal sanction constitutes punishment when the sanction as applied in the "
        "individual case serves the goals of punishment.\n\nId. at 448, 109 S.Ct. at 1901-02.\n\n"
        "We recognize that the language"
    )
    _, citations = _build(_op("13 F.3d 432", text))
    assert [(c.form, c.text, c.authority) for c in citations][-1] == (
        "id",
        "Id. at 448, 109 S.Ct. at 1901-02",
        "490 U.S. 435",
    )
    assert len(citations) == 3


def test_a_nominative_cite_without_a_year_is_not_a_later_case_of_its_name() -> None:
    # Supreme Court opinions cite two Taylor v. United States: 3 How. 197 (1845), without a
    # year, and 286 U.S. 1 (1932). "3 How. 197" is "44 U.S. 197": two U.S. pages, two cases
    old = _op(
        "267 U.S. 132",
        "Wood v. United States, 16 Pet. 342, 10 L. Ed. 987; Taylor v. United States, 3 How. "
        "197, 205, 11 L. Ed. 559. They turned upon express provisions of applicable Acts",
    )
    new = _op(
        "374 U.S. 23",
        "Jones v. United States, 342 U.S. 48, 52 (1951); Taylor v. United States, 286 U.S. 1, 5 "
        "(1932).",
    )
    authorities, _ = _build(old, new)
    taylor = sorted(a.citations for a in authorities if a.name == "Taylor v. United States")
    assert taylor == [["286 U.S. 1"], ["44 U.S. 197", "11 L. Ed. 559", "3 How. 197"]]


def test_cites_of_two_federal_court_levels_are_never_parallels() -> None:
    # 354 U.S. 298 (Yates v. United States, 1957), citing Dennis's
    # history "aff'd, 183 F.2d 201, 341 U.S. 494": the Second Circuit and the Supreme Court
    text = (
        "see also United States v. Dennis, unreported (D. C. S. D. N. Y.), No. C. 128-87, aff'd, "
        "183 F.2d 201, 341 U.S. 494. We too think this statute should be read"
    )
    assert [r.cites for r in find_citations(_op("yates", text)) if r.kind == "case"] == [
        ["183 F.2d 201"],
        ["341 U.S. 494"],
    ]
