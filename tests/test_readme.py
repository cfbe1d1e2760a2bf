"""The README is the newcomer's guide: its Python example runs, its set-up commands are
the ones CI runs, and it tours every command."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from citegraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
INSTALL_AND_BUILD = "pip install -e . && citegraph build data/ --out out/"
INSTALL_AND_TEST = "bash tests/run.sh"


def _commands(text: str) -> list[str]:
    """The indented shell commands of the README, in order."""
    pattern = r"^ {4}((?:pip|citegraph|python|bash) .*)$"
    return [m.group(1) for m in re.finditer(pattern, text, re.M)]


def test_readme_python_example_runs_as_a_doctest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the example reads data/ like a newcomer at the repository root
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 15
    assert result.failed == 0


def test_the_first_two_commands_are_install_and_build_then_install_and_test() -> None:
    first_two = _commands(README.read_text(encoding="utf-8"))[:2]
    assert first_two == [INSTALL_AND_BUILD, INSTALL_AND_TEST]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    # the README's command installs what the tests need itself: CI runs it and nothing else
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [x.strip() for x in lines if x.strip() and not x.lstrip().startswith("#")]
    assert commands[-1] == INSTALL_AND_TEST
    assert [c for c in commands if not c.startswith(("set ", "cd "))] == [INSTALL_AND_TEST]


def test_readme_tours_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    for name in main.commands:
        assert f"citegraph {name} " in text, name
