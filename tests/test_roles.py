"""The role a citation plays in its sentence (loaders/extraction/roles.py), on real
sentences: support, mention, history, quoting."""

from __future__ import annotations

from citegraph.loaders.extraction import extract
from citegraph.loaders.extraction.roles import same_case
from citegraph.models import Opinion


def _roles(text: str, name: str | None = None) -> list[tuple[str, str | None]]:
    op = Opinion(id="x", source="x.txt", text=text, name=name)
    return [(c.text, c.role) for c in extract(op)]


def test_a_case_someone_relied_on_is_mentioned_not_offered() -> None:
    # Cartoon Network v. CSC Holdings (2d Cir. 2008), CourtListener 2599
    text = (
        "The district court also relied on a case from the Northern District of California, On "
        "Command Video Corp. v. Columbia Pictures Industries, 777 F. Supp. 787 (N.D.Cal.1991), "
        "which held that when the relationship between the transmitter and the audience of a "
        'performance is commercial, the transmission is "to the public."'
    )
    assert _roles(text) == [("777 F. Supp. 787", "mention")]


def test_a_statute_the_sentence_is_about_is_mentioned() -> None:
    # Martinez v. California, 444 U.S. 277 (1980)
    text = (
        "Conduct by persons acting under color of state law which is wrongful under 42 U.S. C. "
        "§ 1983 or § 1985 (3) cannot be immunized by state law."
    )
    assert _roles(text) == [("42 U.S. C. § 1983", "mention"), ("§ 1985 (3)", "mention")]


def test_history_and_second_hand_sources() -> None:
    # data/195338: subsequent history; Drew v. MacEachern (1st Cir. 2010): "(quoting ...)"
    text = (
        "See, e.g., United States v. McAndrews, 12 F.3d 273, 276 n. 2 (1st Cir. 1993); United "
        "States v. Amparo, 961 F.2d 288, 292 (1st Cir.), cert. denied, 113 S. Ct. 224 (1992). We "
        "must assume that counsel fulfilled his professional responsibility to communicate with "
        "his client and attribute counsel’s inaction to Mr. Drew, see Coleman v. Thompson, 501 "
        "U.S. 722, 753 (1991) (“[T]he attorney is the petitioner’s agent when acting, or failing "
        "to act, in furtherance of the litigation, and the petitioner must ‘bear the risk of "
        "attorney error.’” (quoting Murray v. Carrier, 477 U.S. 478, 488 (1986)))."
    )
    assert _roles(text) == [
        ("12 F.3d 273", "support"),
        ("961 F.2d 288", "support"),
        ("113 S. Ct. 224", "history"),
        ("501 U.S. 722", "support"),
        ("477 U.S. 478", "quoting"),
    ]


def test_a_decision_of_the_case_at_hand_is_its_history() -> None:
    # Haynes v. Washington, 373 U.S. 503 (1963): the order granting certiorari
    text = (
        "The Washington Supreme Court affirmed the conviction, with four of nine judges "
        "dissenting. 58 Wash. 2d 716, 364 P.2d 935. Certiorari was granted, 370 U.S. 902, to "
        "consider whether the admission of the petitioner's written and signed confession into "
        "evidence"
    )
    roles = dict(_roles(text, name="Haynes v. Washington"))
    assert roles["370 U.S. 902"] == "history"
    # the decision below, cited without a name after the story of its disposition
    assert roles["58 Wash. 2d 716, 364 P.2d 935"] == "history"
    # a decision cited by the case's own name: "State v. Haynes" in Haynes v. Washington
    assert same_case("State v. Haynes", "Haynes v. Washington")
    assert not same_case("Smith v. Jones", "United States v. Smith")


def test_new_york_leave_to_appeal_is_history_and_its_brackets_part_of_the_cite() -> None:
    # People v. Jones, 990 N.E.2d 139 (N.Y. 2012) (CAP HTML), the decision's footnote 1
    text = (
        "1. Denied, with leave to renew within 30 days after the Court of Appeals renders a "
        "decision in People v. Brown (90 A.D.3d 575, 936 N.Y.S.2d 537 [1st Dept 2011], lv. "
        "granted 19 N.Y.3d 958, 950 N.Y.S.2d 110, 973 N.E.2d 208 [2012])."
    )
    op = Opinion(id="x", source="x.html", text=text)
    brown, leave = extract(op)
    assert brown.history == "lv. granted 19 N.Y.3d 958, 950 N.Y.S.2d 110, 973 N.E.2d 208 [2012]"
    assert (leave.source, leave.history, leave.role) == ("history", "lv. granted", "history")


def test_see_e_g_with_a_space_is_a_signal() -> None:
    # Haynes v. Washington, 373 U.S. 503 (1963)
    text = (
        "And, of course, whether the confession was obtained by coercion or improper inducement "
        "can be determined only by an examination of all of the attendant circumstances. See, e. "
        "g., Leyra v. Denno, 347 U.S. 556, 558. Haynes' undisputed testimony"
    )
    (leyra,) = extract(Opinion(id="x", source="x.txt", text=text))
    assert leyra.signal == "See, e.g.,"
    assert leyra.proposition is not None and leyra.proposition.startswith("And, of course")


def test_to_the_same_effect_cites_support_the_sentence_before() -> None:
    # Haynes v. Washington, 373 U.S. 503 (1963)
    text = (
        'But, as declared in Ward v. Texas, 316 U.S. 547, 550, "when, as in this case, the '
        "question is properly raised as to whether a defendant has been denied the due process "
        "of law . . . we cannot be precluded by the verdict of a jury from determining whether "
        "the circumstances under which the confession was made were such that its admission in "
        'evidence amounts to a denial of due process." To the same effect, see, e. g., Spano v. '
        "New York, 360 U.S. 315; Thomas v. Arizona, 356 U.S. 390, 393."
    )
    ward, spano, thomas = extract(Opinion(id="x", source="x.txt", text=text))
    assert spano.proposition == thomas.proposition == ward.proposition
    assert spano.proposition is not None and spano.proposition.startswith("But, as declared")
    assert (spano.signal, thomas.signal) == ("See, e.g.,", "See, e.g.,")


def test_a_sentence_that_goes_on_past_its_one_citation_is_its_proposition() -> None:
    # Haynes v. Washington, 373 U.S. 503 (1963); Martinez v. California, 444 U.S. 277 (1980)
    haynes = (
        "The Washington Supreme Court affirmed the conviction, with four of nine judges "
        "dissenting. 58 Wash. 2d 716, 364 P.2d 935. Certiorari was granted, 370 U.S. 902, to "
        "consider whether the admission of the petitioner's written and signed confession into "
        "evidence against him at trial constituted a denial of due process of law."
    )
    granted = extract(Opinion(id="x", source="x.txt", text=haynes))[-1]
    assert granted.proposition == (
        "Certiorari was granted, to consider whether the admission of the petitioner's written "
        "and signed confession into evidence against him at trial constituted a denial of due "
        "process of law."
    )
    martinez = (
        'Although a § 1983 claim has been described as "a species of tort liability," Imbler v. '
        "Pachtman, 424 U.S. 409, 417, it is perfectly clear that not every injury in which a "
        "state official has played some part is actionable under that statute."
    )
    imbler = [
        c for c in extract(Opinion(id="y", source="y.txt", text=martinez)) if c.kind == "case"
    ]
    assert imbler[0].proposition == (
        'Although a § 1983 claim has been described as "a species of tort liability," it is '
        "perfectly clear that not every injury in which a state official has played some part is "
        "actionable under that statute."
    )


def test_the_author_line_ends_the_caption_before_the_first_sentence() -> None:
    # United States v. Martin (5th Cir. 2010), a slip opinion PDF: the reflowed caption
    # runs into the first sentence after "Circuit Judge:"
    text = (
        "UNITED STATES OF AMERICA,\n\nPlaintiff - Appellee v. JERROLD MARTIN, also known as Jay, "
        "Defendant - Appellant Appeals from the United States District Court for the Western "
        "District of Louisiana Before JOLLY and DENNIS, Circuit Judges, and JORDAN, District "
        "Judge. * E. GRADY JOLLY, Circuit Judge: This case presents a question of whether a "
        "district court has jurisdiction to modify a sentence under 18 U.S.C. § 3582(c)(2) while "
        "an appeal of the original sentence is pending before this court. We determine that in "
        "this case it does."
    )
    (statute,) = extract(Opinion(id="x", source="x.pdf", text=text))
    assert statute.proposition == (
        "This case presents a question of whether a district court has jurisdiction to modify a "
        "sentence under 18 U.S.C. § 3582(c)(2) while an appeal of the original sentence is "
        "pending before this court."
    )
    assert statute.role == "mention"
