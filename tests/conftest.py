"""Shared fixtures: one build of the bundled sample (data/) for the whole session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ALI = DATA / "ali_v_annucci_sdny_2020.txt"
RUSSO = DATA / "russo_v_city_of_hartford_dconn_2001.txt"
# the files every build writes (the output contract)
CONTRACT = [
    "opinions.jsonl",
    "authorities.jsonl",
    "citations.jsonl",
    "texts.jsonl",
    "graph.html",
    "graph.graphml",
]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run `citegraph build data/ --out OUT` once and return OUT."""
    from citegraph.cli import main

    out = tmp_path_factory.mktemp("sample") / "out"
    result = CliRunner().invoke(main, ["build", str(DATA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def tables(sample_out: Path) -> dict[str, list[dict]]:
    return {
        name: read_jsonl(sample_out / f"{name}.jsonl")
        for name in ("opinions", "authorities", "citations")
    }
