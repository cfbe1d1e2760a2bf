"""Treatment (issue 21): overrulings read from Supreme Court opinions of the citator set
(tests/fixtures/treatment/, CourtListener's files), the part of a text a citation stands
in, each authority's status, and the status in show, stats, GraphML and the view."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from citegraph.cli import main
from citegraph.graph.identity import identify
from citegraph.graph.status import speaks_for_court
from citegraph.loaders.extraction import extract
from citegraph.loaders.readers.registry import read
from citegraph.models import Citation
from click.testing import CliRunner

HERE = Path(__file__).resolve().parent / "fixtures" / "treatment"
MARCHETTI = HERE / "107606_010combined.txt"  # Marchetti v. United States, 390 U.S. 39
MICHELIN = HERE / "109344_020lead.txt"  # Michelin Tire Corp. v. Wages, 423 U.S. 276
ERIE = HERE / "103012_020lead.txt"  # Erie R. Co. v. Tompkins, 304 U.S. 64
FIREARMS = HERE / "111103_010combined.txt"  # United States v. One Assortment of 89 Firearms
BRADEN = HERE / "108730_020lead.txt"  # Braden v. 30th Judicial Circuit Court


def _found(path: Path) -> list[Citation]:
    return extract(read(path)[0])


def _treated(found: list[Citation], cite: str) -> list[Citation]:
    """The citations of `cite` (or references to it) that carry a treatment."""
    return [c for c in found if cite in c.cites and c.treatment]


def test_kahriger_and_lewis_overruled_by_name_without_a_citation() -> None:
    found = _found(MARCHETTI)
    for cite, name in (("345 U.S. 22", "Kahriger"), ("348 U.S. 419", "Lewis")):
        (ref,) = _treated(found, cite)
        assert ref.form == "reference" and ref.text == name
        assert ref.treatment == "overruled"
        assert ref.treatment_words == "To this extent Kahriger and Lewis are overruled."
        assert found[ref.antecedent].form == "full" and cite in found[ref.antecedent].cites
        assert ref.part == "majority"


def test_insofar_as_low_v_austin_is_to_the_contrary_that_decision_is_overruled() -> None:
    found = _found(MICHELIN)
    low = [c for c in _treated(found, "13 Wall. 29") if c.form == "full"]
    assert [c.treatment for c in low] == ["overruled"]
    assert low[0].treatment_words.endswith("that decision is overruled.")


def test_hereby_disapproved_counts_and_a_wish_to_disapprove_does_not() -> None:
    found = _found(FIREARMS)
    (ref,) = _treated(found, "116 U.S. 436")
    assert ref.treatment == "disapproved"
    assert ref.treatment_words == (
        "To the extent that Coffey v. United States suggests otherwise, it is hereby disapproved."
    )
    # "this Court was urged to disapprove Coffey" is an argument, not the Court's act
    assert not any("urged to disapprove" in (c.treatment_words or "") for c in found)


def test_that_doctrine_looks_back_to_swift_v_tyson_and_butler_writes_apart() -> None:
    found = _found(ERIE)
    refs = [c for c in _treated(found, "16 Pet. 1") if c.part == "majority"]
    assert [c.treatment for c in refs] == ["disapproved"]
    assert refs[0].treatment_words.startswith("In disapproving that doctrine we do not hold")
    # Mr. Justice Butler's opinion follows the judgment, headed by his name only
    text = read(ERIE)[0].text
    butler = text.index("The case presented by the evidence is a simple one.")
    after = [c for c in found if c.start > butler]
    # it never says "dissenting": a separate opinion, which does not speak for the Court
    assert after and "majority" not in {c.part for c in after}
    assert not any(speaks_for_court(c) for c in after)
    assert {c.part for c in found if c.start < butler} == {"majority"}


def test_did_not_overrule_is_no_overruling_but_no_longer_view_that_decision_is() -> None:
    found = _found(BRADEN)
    assert not any("did not specifically overrule" in (c.treatment_words or "") for c in found)
    (ahrens,) = [c for c in found if c.treatment == "abrogated"]
    assert "335 U.S. 188" in ahrens.cites  # Ahrens v. Clark, named "in view of ... since" it
    assert ahrens.treatment_words.startswith(
        "In view of these developments since Ahrens v. Clark, we can no longer view that decision"
    )


def test_status_overruled_by_the_opinion_that_says_so() -> None:
    op = read(MARCHETTI)[0]
    authorities, _ = identify([op], extract(op))
    kahriger = next(a for a in authorities if "345 U.S. 22" in a.citations)
    assert kahriger.status == "overruled"
    assert kahriger.status_by == op.id
    assert kahriger.status_passage == "To this extent Kahriger and Lewis are overruled."
    assert kahriger.treated_by[0]["treatment"] == "overruled"


@pytest.fixture(scope="module")
def marchetti_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("treatment")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(MARCHETTI, corpus / MARCHETTI.name)
    out = root / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_show_and_stats_give_the_status(marchetti_out: Path) -> None:
    shown = CliRunner().invoke(main, ["show", "345 U.S. 22", "--out", str(marchetti_out), "--json"])
    assert shown.exit_code == 0, shown.output
    status = json.loads(shown.output)["status"]
    assert status[0]["treatment"] == "overruled"
    assert status[0]["words"] == "To this extent Kahriger and Lewis are overruled."
    text = CliRunner().invoke(main, ["show", "345 U.S. 22", "--out", str(marchetti_out)])
    assert "OVERRULED" in text.output
    stats = CliRunner().invoke(main, ["stats", "--out", str(marchetti_out), "--json"])
    flagged = json.loads(stats.output)["status"]
    assert flagged["counts"]["overruled"] >= 2
    assert any(
        f["status"] == "overruled" and "Kahriger" in f["passage"] for f in flagged["flagged"]
    )


def test_status_in_graphml_tables_and_the_view(marchetti_out: Path) -> None:
    rows = [
        json.loads(line)
        for line in (marchetti_out / "authorities.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    kahriger = next(r for r in rows if "345 U.S. 22" in r["citations"])
    assert kahriger["status"] == "overruled"
    graphml = (marchetti_out / "graph.graphml").read_text(encoding="utf-8")
    assert 'attr.name="status"' in graphml and ">overruled<" in graphml
    html = (marchetti_out / "graph.html").read_text(encoding="utf-8")
    assert '"flag":"red"' in html and '"status":"overruled"' in html


GUGLIETTI = HERE / "194574.json"  # First Circuit, CourtListener JSON
WAINWRIGHT = HERE / "195115.json"  # First Circuit, CourtListener JSON


def test_this_case_is_distinguishable_from_the_case_after_from() -> None:
    found = _found(GUGLIETTI)
    (ref,) = [c for c in found if c.treatment == "distinguished" and c.form == "reference"]
    assert ref.text == "Guglietti" and "900 F.2d 397" in ref.cites
    assert ref.treatment_words == "This case is clearly distinguishable from Guglietti, however."


def test_unlike_in_wainwright_opens_the_sentence() -> None:
    found = _found(WAINWRIGHT)
    hits = [c for c in found if c.treatment == "distinguished"]
    assert hits and {c.text for c in hits} == {"Wainwright"}
    assert all("237 So. 2d 154" in c.cites for c in hits)
    assert all(c.treatment_words.startswith("Unlike in Wainwright,") for c in hits)
