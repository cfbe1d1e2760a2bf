"""Archives: members read one by one, nested archives opened, paths that climb out
ignored and named, and the limits on members, size and nesting."""

from __future__ import annotations

from pathlib import Path

import pytest
from citegraph.errors import CitegraphError
from citegraph.loaders import input_files, read
from citegraph.loaders.readers import archive

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"
ZIP = FORMATS / "cases.zip"
TAR = FORMATS / "cases.tar.gz"


def outcomes(path: Path, **kw: int) -> list[tuple[str, str]]:
    out = []
    for m in input_files([path], **kw):
        try:
            out.extend(("ok", f"{op.source} {op.name}") for op in read(m, **kw))
        except CitegraphError as e:
            out.append(("error", str(e)))
    return out


def test_zip_members_and_nested_zip_are_read_and_climbing_path_is_named() -> None:
    assert outcomes(ZIP) == [
        ("ok", f"{ZIP}!cases/gagnon_errata.json United States v. Gagnon"),
        ("ok", f"{ZIP}!cases/inner.zip!nested/mount_v_smith.json Mount v. Smith"),
        ("error", f"{ZIP}!../../escaped_rodriguez.json: path climbs out of the archive; ignored"),
    ]


def test_tar_gz_members_are_read_and_climbing_path_is_named() -> None:
    assert outcomes(TAR) == [
        ("ok", f"{TAR}!cases/gagnon_errata.json United States v. Gagnon"),
        ("error", f"{TAR}!../escaped_rodriguez.json: path climbs out of the archive; ignored"),
        ("ok", f"{TAR}!cases/matos_errata.json United States v. Matos"),
    ]


@pytest.mark.parametrize(
    "name", ["../x.txt", "a/../../x.txt", "/etc/passwd", "C:\\x.txt", "a\\..\\..\\x.txt"]
)
def test_member_paths_that_leave_the_archive_are_unsafe(name: str) -> None:
    assert archive.unsafe(name)


def test_member_paths_inside_the_archive_are_safe() -> None:
    assert not archive.unsafe("cases/2001/russo..v..hartford.txt")


def test_archive_with_too_many_members_stops_with_the_archive_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 1)
    got = outcomes(TAR)
    assert got[0][0] == "ok"
    assert got[-1] == (
        "error",
        f"{TAR}: archive has more than 1 members; the rest are not read "
        "(unpack it and give the folder)",
    )


def test_archive_unpacking_past_the_total_limit_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1500)
    assert any("zip bomb" in msg for kind, msg in outcomes(ZIP) if kind == "error")


def test_archive_nested_too_deep_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_DEPTH", 1)
    got = outcomes(ZIP)
    assert ("error", f"{ZIP}!cases/inner.zip: archive nested more than 1 deep; not read") in got


def test_member_over_the_size_cap_is_refused_by_name() -> None:
    got = outcomes(ZIP, max_bytes=1000)
    assert got[0][0] == "error"
    assert got[0][1].startswith(f"{ZIP}!cases/gagnon_errata.json: file is ")
    assert "--max-file-mb" in got[0][1]


def test_reading_an_archive_whole_raises_on_its_climbing_member() -> None:
    with pytest.raises(CitegraphError, match="climbs out"):
        read(ZIP)


def test_damaged_zip_is_one_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "cut.zip"
    bad.write_bytes(ZIP.read_bytes()[:200])
    assert outcomes(bad) == [("error", f"{bad}: damaged zip archive (File is not a zip file)")]
