"""Bad input never costs good work: every bad file gets one clear line, every good one
is in every output, and the exit status tells a script what happened.

The fixtures (tests/fixtures/bad, made by make.py there) put dirty files as real corpora
hold them beside real opinions: binary, empty, truncated and mis-shaped JSON, a scan
without a text layer, archives whose members climb out with ../, and good opinions in
UTF-16, latin-1 and HTML full of scripts. The oversized opinion is generated per test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from citegraph.cli import main
from click.testing import CliRunner

from .conftest import CONTRACT

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"

# bad file -> what its one-line message must say (a regex, case-insensitive)
BAD_FILES = {
    "binary.txt": r"an old-style Office document",  # an old Word file renamed .txt
    "empty.txt": r"empty|no text",
    "truncated.json": r"JSON",
    "wrong_shape.json": r"opinion",
    "wrong_types.json": r"plain_text",
    "scan_without_text.pdf": r"OCR",
}
OVERSIZED = "appendix_oversized.txt"

# good opinion -> (file or archive member named by its `source`, a citation it makes as written)
GOOD = {
    "soltero-lopez": ("good_195083.json", "892 F.2d 8"),
    "rivera-perez": ("good_195338.json", "12 F.3d 273"),
    "metro-mayaguez": ("latin1_metro_mayaguez.txt", "29 U.S.C. § 153"),
    "morales-de-jesus": ("utf16_morales_de_jesus.txt", "430 F.3d 66"),
    "selenski": ("html_with_scripts.html", "92 A.3d 766"),
    "godin": ("godin_v_schencks.txt", "458 U.S. 263"),
    "rector": ("rector_v_department_of_corrections.txt", "257 F.3d 31"),
}


def write_oversized(directory: Path) -> Path:
    """A 1.2 MB record appendix: a transcript, the way appendices swell a download."""
    path = directory / OVERSIZED
    lines = [
        "UNITED STATES DISTRICT COURT, DISTRICT OF MAINE",
        "JOINT APPENDIX, VOLUME III",
        "",
    ]
    n = 0
    while sum(len(x) + 1 for x in lines) < 1_200_000:
        n += 1
        lines.append(f"{n:>6}  Q. And where were you on the evening of March {n % 28 + 1}?")
        lines.append(f"{n:>6}  A. At home, with my family, as I said before.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: real stdout, stderr and exit status."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "citegraph", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env=env,
    )


def invoke(*args: str | Path) -> tuple[int, str, str]:
    """The command in this process (quicker): exit status, stdout, stderr."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def message_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if re.match(r"(error|warning): ", ln)]


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One build over the bad directory plus an oversized opinion, with a 1 MB cap."""
    tmp = tmp_path_factory.mktemp("bad")
    oversized = write_oversized(tmp)
    out = tmp / "out"
    # Run from an empty directory so that a member escaping with ../ would land in sight.
    cwd = tmp / "work" / "deep"
    cwd.mkdir(parents=True)
    proc = run_cli("build", BAD, oversized, "--out", out, "--max-file-mb", "1", cwd=cwd)
    return {"proc": proc, "out": out, "oversized": oversized, "tmp": tmp}


def test_bad_files_do_not_stop_the_build_and_exit_status_is_1(bad_build) -> None:
    proc = bad_build["proc"]
    assert proc.returncode == 1, proc.stderr
    for name in CONTRACT:
        assert (bad_build["out"] / name).stat().st_size > 0, name


def test_no_traceback_for_a_users_bad_file(bad_build) -> None:
    proc = bad_build["proc"]
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_gets_one_line_naming_it_and_what_is_wrong(bad_build, name: str) -> None:
    path = str(BAD / name)
    lines = [ln for ln in message_lines(bad_build["proc"].stderr) if path in ln]
    assert len(lines) == 1, bad_build["proc"].stderr
    (line,) = lines
    assert line.startswith(f"error: {path}: "), line
    what = line[len(f"error: {path}: ") :]
    assert re.search(BAD_FILES[name], what, re.I), line


def test_oversized_opinion_is_refused_with_the_option_that_lifts_the_cap(bad_build) -> None:
    path = str(bad_build["oversized"])
    lines = [ln for ln in message_lines(bad_build["proc"].stderr) if path in ln]
    assert len(lines) == 1, bad_build["proc"].stderr
    assert lines[0].startswith(f"error: {path}: ")
    assert "--max-file-mb" in lines[0], lines[0]
    opinions = read_jsonl(bad_build["out"] / "opinions.jsonl")
    assert not [o for o in opinions if OVERSIZED in o["source"]]


@pytest.mark.parametrize("archive", ["climb.zip", "climb.tar.gz"])
def test_archive_member_that_climbs_out_is_ignored_and_named(bad_build, archive: str) -> None:
    lines = [ln for ln in message_lines(bad_build["proc"].stderr) if archive in ln]
    assert len(lines) == 1, bad_build["proc"].stderr
    assert "../../citegraph_escaped_lesch.txt" in lines[0], lines[0]
    opinions = read_jsonl(bad_build["out"] / "opinions.jsonl")
    assert not [o for o in opinions if "escaped_lesch" in o["source"]]
    assert not [o for o in opinions if "Lesch" in (o["name"] or "")]
    # Nothing was unpacked outside the archive's place, above the working directory either.
    tmp = bad_build["tmp"]
    assert not list(tmp.rglob("citegraph_escaped_lesch.txt"))
    assert not list(BAD.parent.rglob("citegraph_escaped_lesch.txt"))


def test_summary_counts_the_failed_files(bad_build) -> None:
    proc = bad_build["proc"]
    failed = [ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]
    assert len(failed) >= len(BAD_FILES) + 1  # the oversized one too
    assert f"({len(failed)} files failed)" in proc.stdout + proc.stderr


def _good_ids(out: Path) -> dict[str, str]:
    opinions = read_jsonl(out / "opinions.jsonl")
    ids = {}
    for key, (source, _) in GOOD.items():
        rows = [o for o in opinions if source in o["source"]]
        assert len(rows) == 1, (key, [o["source"] for o in opinions])
        ids[key] = rows[0]["id"]
    return ids


def test_every_good_opinion_is_in_every_table(bad_build) -> None:
    out = bad_build["out"]
    ids = _good_ids(out)
    assert len(set(ids.values())) == len(GOOD)
    citations = read_jsonl(out / "citations.jsonl")
    for key, (_, cite) in GOOD.items():
        texts = [c["text"] for c in citations if c["opinion"] == ids[key]]
        assert any(cite in re.sub(r"\s+", " ", t) for t in texts), (key, texts)
    authorities = {a["id"] for a in read_jsonl(out / "authorities.jsonl")}
    assert {c["authority"] for c in citations} <= authorities | set(ids.values()) | {
        o["id"] for o in read_jsonl(out / "opinions.jsonl")
    }


def test_every_good_opinion_is_a_corpus_node_of_graphml_and_html(bad_build) -> None:
    out = bad_build["out"]
    ids = _good_ids(out)
    g = nx.read_graphml(out / "graph.graphml")
    html = (out / "graph.html").read_text("utf-8")
    from citegraph.viz.html import read_page_data

    html_nodes = {n["id"]: n for n in read_page_data(html)["nodes"]}
    for key, oid in ids.items():
        assert g.nodes[oid]["in_corpus"] is True, key
        assert g.out_degree(oid) > 0, key
        assert html_nodes[oid]["in_corpus"] is True, key


def test_latin1_and_utf16_opinions_keep_section_sign_and_accents(bad_build) -> None:
    out = bad_build["out"]
    ids = _good_ids(out)
    opinions = {o["id"]: o for o in read_jsonl(out / "opinions.jsonl")}
    assert "Mayagüez" in opinions[ids["metro-mayaguez"]]["name"]
    assert "Jesús" in opinions[ids["morales-de-jesus"]]["name"]
    citations = read_jsonl(out / "citations.jsonl")
    erisa = [
        c
        for c in citations
        if c["opinion"] == ids["morales-de-jesus"] and c["kind"] in ("statute", None)
    ]
    assert any("29 U.S.C. §§ 1001" in re.sub(r"\s+", " ", c["text"]) for c in erisa), erisa
    assert not [c for c in citations if "\ufffd" in c["text"] or "Â§" in c["text"]]


def test_scripts_in_an_html_opinion_never_reach_its_text_or_any_output(bad_build) -> None:
    from citegraph import load

    (selenski,) = load(str(BAD / "html_with_scripts.html"))
    assert "citegraph-planted" not in selenski.text
    assert "Commonwealth v. Walker" in selenski.text
    for name in CONTRACT:
        assert "citegraph-planted" not in (bad_build["out"] / name).read_text("utf-8"), name


def test_dirty_but_readable_files_are_not_failures_exit_0(tmp_path: Path) -> None:
    out = tmp_path / "out"
    status, stdout, stderr = invoke(
        "build",
        BAD / "latin1_metro_mayaguez.txt",
        BAD / "utf16_morales_de_jesus.txt",
        BAD / "html_with_scripts.html",
        "--out",
        out,
        "--workers",
        "1",
    )
    assert status == 0, stderr
    assert not message_lines(stderr)
    assert "files failed" not in stdout + stderr
    assert len(read_jsonl(out / "opinions.jsonl")) == 3


def test_strict_stops_at_the_first_failure_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("build", BAD, "--out", out, "--strict")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1, proc.stderr
    assert errors[0].startswith(f"error: {BAD}{os.sep}"), errors
    for name in CONTRACT:
        assert not (out / name).exists(), name


def test_debug_shows_the_traceback_of_a_bad_file(tmp_path: Path) -> None:
    status, _, stderr = invoke(
        "build", BAD / "truncated.json", BAD / "latin1_metro_mayaguez.txt", "--out", tmp_path,
        "--debug", "--workers", "1",
    )  # fmt: skip
    assert status == 1, stderr
    assert "Traceback (most recent call last)" in stderr
    assert "JSONDecodeError" in stderr
    assert f"error: {BAD / 'truncated.json'}: " in stderr


@pytest.mark.parametrize(
    "args",
    [
        ["build"],  # no input
        ["build", "data-that-does-not-exist/", "--out", "{tmp}"],
        ["build", str(BAD / "empty.txt"), "--no-such-option"],
        ["build", str(BAD / "empty.txt"), "--max-file-mb", "lots"],
        ["frobnicate"],
    ],
    ids=["no-input", "missing-path", "unknown-option", "bad-size", "unknown-command"],
)
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: list[str]) -> None:
    args = [a.replace("{tmp}", str(tmp_path / "out")) for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_input_path_is_named_in_the_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "no-such-opinions/", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no-such-opinions" in result.output


def test_a_file_that_crashes_extraction_is_one_error_and_the_build_goes_on(monkeypatch) -> None:
    """A bug of ours on one opinion (here a RecursionError) costs that file, not the build."""
    import citegraph.loaders
    from citegraph import CitegraphError, build

    real = citegraph.loaders.extract

    def extract(opinion):
        if "Mayagüez" in opinion.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(opinion)

    monkeypatch.setattr(citegraph.loaders, "extract", extract)
    latin1, utf16 = BAD / "latin1_metro_mayaguez.txt", BAD / "utf16_morales_de_jesus.txt"
    errors: list[CitegraphError] = []
    corpus = build([latin1, utf16], on_error=errors.append, workers=1)
    assert [e.path for e in errors] == [str(latin1)]
    assert str(errors[0]).startswith(f"{latin1}: ")
    assert "RecursionError" in str(errors[0])
    assert [Path(o.source).name for o in corpus.opinions] == [utf16.name]
    assert corpus.citations


def test_a_file_name_with_a_line_break_or_escape_still_gets_one_clean_line(tmp_path: Path) -> None:
    """File names are untrusted too: a newline or a terminal escape in one cannot split the
    message or drive the terminal."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "clear\x1b[2Jscreen\nempty.txt").write_bytes(b"")
    (inputs / "metro.txt").write_bytes((BAD / "latin1_metro_mayaguez.txt").read_bytes())
    status, stdout, stderr = invoke("build", inputs, "--out", tmp_path / "out", "--workers", "1")
    assert status == 1, stderr
    assert "\x1b" not in stderr + stdout
    lines = [ln for ln in stderr.splitlines() if "empty.txt" in ln or "clear" in ln]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"error: {inputs}{os.sep}clear\\x1b[2Jscreen\\nempty.txt: empty")


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{out}", "--format", "gexf"],
        ["stats", "--out", "{out}"],
        ["show", "Soltero", "--out", "{out}"],
    ],
    ids=["export", "stats", "show"],
)
def test_a_table_cut_short_is_one_line_naming_it_for_commands_that_read_a_build(
    bad_build, tmp_path: Path, command: list[str]
) -> None:
    """A build directory copied halfway (or from before atomic writes) is bad input too."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(bad_build["out"], out)
    table = out / "citations.jsonl"
    table.write_bytes(table.read_bytes()[:3000])
    result = CliRunner().invoke(main, [a.replace("{out}", str(out)) for a in command])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    (line,) = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert line.startswith(f"error: {table}: "), line


def test_a_40_mb_appendix_is_refused_by_default_and_costs_no_extraction(tmp_path: Path) -> None:
    """The issue's own example: a 40 MB record appendix among opinions, default options."""
    appendix = tmp_path / "joint_appendix.txt"
    line = b"  41  Q. And where were you on the evening of March 3?  A. At home.\n"
    appendix.write_bytes(line * (40 * 1024 * 1024 // len(line) + 1))
    out = tmp_path / "out"
    status, _, stderr = invoke(
        "build", appendix, BAD / "latin1_metro_mayaguez.txt", "--out", out, "--workers", "1"
    )
    assert status == 1, stderr
    (line_out,) = message_lines(stderr)
    assert line_out.startswith(f"error: {appendix}: ")
    assert "--max-file-mb" in line_out
    assert [Path(o["source"]).name for o in read_jsonl(out / "opinions.jsonl")] == [
        "latin1_metro_mayaguez.txt"
    ]


def test_when_every_file_fails_the_status_is_1_not_a_usage_error(tmp_path: Path) -> None:
    status, _, stderr = invoke(
        "build", BAD / "empty.txt", BAD / "scan_without_text.pdf", "--out", tmp_path / "out"
    )
    assert status == 1, stderr
    lines = message_lines(stderr)
    assert len(lines) == 3, stderr
    assert lines[-1] == "error: no opinion could be read from the inputs"
    assert not (tmp_path / "out" / "graph.html").exists()
