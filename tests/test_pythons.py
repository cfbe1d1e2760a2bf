"""The main job on every Python citegraph claims (pyproject's requires-python: 3.10-3.13).

For each of those interpreters found on this machine (on PATH, or under pyenv's
versions folder), a virtual environment is made once (cached under
~/.cache/citegraph-tests, keyed by pyproject.toml and this checkout), citegraph is
installed into it from this checkout, and `citegraph build data/` must write the same
three tables as the interpreter running the tests. A version whose interpreter is not
on the machine is skipped, and only that.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CLAIMED = ["3.10", "3.11", "3.12", "3.13"]
TABLES = ("opinions.jsonl", "authorities.jsonl", "citations.jsonl")
RUNNING = "{}.{}".format(*sys.version_info[:2])


def test_the_running_python_is_one_we_claim() -> None:
    assert RUNNING in CLAIMED


def test_the_versions_tested_are_the_versions_claimed() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.10"' in pyproject
    classifiers = re.findall(r"Programming Language :: Python :: (3\.\d+)", pyproject)
    assert classifiers == CLAIMED


def _interpreter(version: str) -> str | None:
    """A working python<version> on this machine, or None."""
    candidates = [shutil.which(f"python{version}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        candidates += [
            str(p / "bin" / f"python{version}")
            for p in sorted(pyenv.glob(f"{version}.*"), reverse=True)
        ]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            out = subprocess.run(
                [candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True,
                text=True,
                timeout=60,
            )
        except OSError:
            continue
        if out.returncode == 0 and out.stdout.strip() == version:
            return candidate
    return None


def _venv(version: str, python: str) -> Path:
    """A venv of `python` with this checkout installed, made once per pyproject."""
    key = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + str(ROOT).encode() + python.encode()
    ).hexdigest()[:12]
    home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    venv = home / "citegraph-tests" / f"py{version}-{key}"
    ready = venv / "installed"
    if not ready.exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=300)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True, timeout=600)
        subprocess.run([*pip, "-e", str(ROOT)], check=True, timeout=1800)
        ready.write_text(python, encoding="utf-8")
    return venv


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built by the interpreter running the tests."""
    from citegraph.cli import main

    out = tmp_path_factory.mktemp("reference") / "out"
    env = {"CITEGRAPH_TOKENIZER": "default"}
    result = CliRunner(env=env).invoke(main, ["build", str(ROOT / "data"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("version", [v for v in CLAIMED if v != RUNNING])
def test_the_sample_builds_the_same_on_every_claimed_python(
    version: str, reference: Path, tmp_path: Path
) -> None:
    python = _interpreter(version)
    if python is None:
        pytest.skip(f"no python{version} on this machine")
    venv = _venv(version, python)
    out = tmp_path / "out"
    env = {**os.environ, "CITEGRAPH_TOKENIZER": "default", "PYTHONHASHSEED": "random"}
    done = subprocess.run(
        [str(venv / "bin" / "citegraph"), "build", str(ROOT / "data"), "--out", str(out), "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for name in TABLES:
        ours = (out / name).read_text(encoding="utf-8")
        assert ours == (reference / name).read_text(encoding="utf-8"), f"{name} on {version}"
