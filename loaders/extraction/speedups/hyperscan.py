"""The "hyperscan" tokenizer: the default tokenizer's work and order, with a prefilter.

eyecite's own HyperscanTokenizer is faster than its default but not identical: it scans
bytes, so "450 U.S. at 35-36" with an en dash loses its citation, and it re-runs each
regex on the matched slice only. The tokenizer here keeps the default tokenizer's work
and order exactly (it derives from `tokenizer.fast_tokenizer_class`) and uses Hyperscan
only to skip regexes that cannot match: one pass over the text with every regex
compiled in prefilter mode, loosened where Python's Unicode classes are wider than
Hyperscan's, so a regex Hyperscan rules out has no match. The compiled database is
cached on disk (~/.cache/citegraph or $CITEGRAPH_CACHE), named by the regexes, the
rules that rewrite them and the Hyperscan version. The `speed` extra installs hyperscan.

Thread safety: a Hyperscan scratch space serves one scan at a time (a second thread
scanning with it fails with "ScratchInUseError: error code -10"), so every thread scans
with a scratch of its own (`_thread_scratch`); the database is loaded under a lock.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from pathlib import Path
from typing import Any

__all__ = [
    "hyperscan_available",
    "prefilter_cached",
    "prefiltered_tokenizer_class",
    "widen_for_hyperscan",
]

# Python's case-insensitive ASCII letters also match these (re module documentation).
_CASE_SPECIALS = frozenset("\u0130\u0131\u017f\u212a")
# Hyperscan scans bytes; every non-ASCII character of the text becomes this one byte,
# and the patterns accept it wherever Python could accept a non-ASCII character.
_OTHER = "\\x80"
_NON_ASCII_TEXT = re.compile(r"[^\x00-\x7f]")
# Each thread's scratch spaces, by database; and the lock that loads a database once.
_SCRATCH = threading.local()
_PREPARE = threading.Lock()
# \s, \d, \w in Python's Unicode sense, widened: (inside a class, standing alone).
_WIDER = {
    "s": (f"\\s\\x1c-\\x1f{_OTHER}", f"[\\s\\x1c-\\x1f{_OTHER}]"),
    "d": (f"0-9{_OTHER}", f"[0-9{_OTHER}]"),
    "w": (f"\\w{_OTHER}", f"[\\w{_OTHER}]"),
}


def widen_for_hyperscan(regex: str) -> str | None:
    """A Hyperscan pattern that matches wherever Python's `regex` matches.

    The pattern runs over the text with each non-ASCII character replaced by one
    byte, 0x80. Python's \\s, \\d and \\w take Unicode classes, so here they take
    that byte too; a non-ASCII character of the pattern becomes it; a negated class
    keeps it (Hyperscan's narrower \\s etc. already make a wider complement). `$`
    also accepts a newline, and `{,n}` is spelled `{0,n}`, which Hyperscan needs.

    Returns:
        The pattern, or None where this rewriting cannot promise a superset.
    """
    out = []
    i, in_class, negated = 0, False, False
    while i < len(regex):
        c = regex[i]
        if ord(c) > 127:
            if in_class and (regex[i - 1 : i] == "-" or regex[i + 1 : i + 2] == "-"):
                return None  # a range with a non-ASCII end
            if not negated:
                out.append(_OTHER)
            i += 1
            continue
        if c == "\\" and i + 1 < len(regex):
            nxt = regex[i + 1]
            if nxt in _WIDER and not negated:
                out.append(_WIDER[nxt][0 if in_class else 1])
            elif nxt.isalpha() and nxt not in "sdwSDWnrtfvx":
                return None  # \b, \A, \Z and the like: not rewritten
            else:
                out.append(regex[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = negated = False
            out.append(c)
        elif c == "[":
            in_class = True
            if regex.startswith("[^", i):
                negated = True
                out.append("[^")
                i += 2
                continue
            out.append(c)
        elif c == "$":
            out.append("(?:$|\\n)")
        elif c == "{" and regex.startswith("{,", i):
            out.append("{0,")
            i += 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _cache_dir() -> Path:
    base = os.environ.get("CITEGRAPH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "citegraph" / "hyperscan"


@functools.lru_cache(maxsize=1)
def prefiltered_tokenizer_class() -> Any:
    """The fast list-order tokenizer with a Hyperscan prefilter (a class made on first use)."""
    from .tokenizer import fast_tokenizer_class

    class PrefilteredTokenizer(fast_tokenizer_class()):  # type: ignore[misc]
        """eyecite's default tokenizer, skipping regexes Hyperscan proves cannot match."""

        def __post_init__(self) -> None:
            super().__post_init__()
            self._db: Any = None
            self._always: set[int] = set()

        def prepare(self) -> None:
            """Load the compiled database from the disk cache, or compile and cache it."""
            if self._db is None:
                with _PREPARE:  # threads of one process load (or compile) it once
                    if self._db is None:
                        db, always = _prefilter_database(self.extractors)
                        self._always = always  # set before _db, which others test
                        self._db = db

        def get_extractors(self, text: str) -> Any:
            """The extractors eyecite's prefilter selects and Hyperscan keeps, in list order."""
            extractors = super().get_extractors(text)
            self.prepare()
            hits = _prefilter_hits(self._db, self._always, self.extractors, text)
            keep = {id(self.extractors[i]) for i in hits}
            # In the list order of the tokenizer this one derives from: ties between
            # tokens of the same span are settled by this order, so it must not change.
            return [e for e in extractors if id(e) in keep]

    return PrefilteredTokenizer


def _prefilter_hits(db: Any, always: set[int], extractors: list[Any], text: str) -> set[int]:
    """Indices of the extractors that may match `text` (a superset of those that do)."""
    hits = set(always)
    if _CASE_SPECIALS.intersection(text):
        hits.update(i for i, e in enumerate(extractors) if e.flags & re.I)

    def on_match(index: int, start: int, end: int, flags: int, context: Any) -> None:
        hits.add(index)

    data = _NON_ASCII_TEXT.sub("\x80", text).encode("latin-1")
    db.scan(data, match_event_handler=on_match, scratch=_thread_scratch(db))
    return hits


def _thread_scratch(db: Any) -> Any:
    """This thread's Hyperscan scratch space for `db`, allocated on its first scan.

    Hyperscan's scan needs a scratch space that no other scan is using; the one the
    database carries is shared by every thread of the process (a Dask worker runs
    several), so each thread allocates its own.
    """
    scratches: dict[int, tuple[Any, Any]] | None = getattr(_SCRATCH, "by_db", None)
    if scratches is None:
        scratches = _SCRATCH.by_db = {}
    found = scratches.get(id(db))
    if found is None or found[0] is not db:
        import hyperscan

        # Holding `db` keeps its id from being reused by another database.
        found = scratches[id(db)] = (db, hyperscan.Scratch(db))
    return found[1]


def _prefilter_path(extractors: list[Any]) -> Path:
    """Where the database for `extractors` is cached: named by the regexes, the rules
    that rewrite them and the Hyperscan version."""
    import hashlib
    import inspect

    import hyperscan

    h = hashlib.sha256(repr([(e.regex, e.flags) for e in extractors]).encode())
    for rules in (widen_for_hyperscan, _prefilter_database, _compile):
        h.update(inspect.getsource(rules).encode())
    h.update(str(getattr(hyperscan, "__version__", "")).encode())
    return _cache_dir() / f"prefilter-{h.hexdigest()[:32]}.hsdb"


def _prefilter_database(extractors: list[Any]) -> tuple[Any, set[int]]:
    """Hyperscan database of the widened regexes (cached on disk) and the always-run set."""
    import hyperscan

    cache = _prefilter_path(extractors)
    always_file = cache.with_suffix(".always")
    if cache.exists() and always_file.exists():
        try:
            db = hyperscan.loadb(cache.read_bytes(), mode=hyperscan.HS_MODE_BLOCK)
            db.scratch = hyperscan.Scratch(db)
            return db, {int(x) for x in always_file.read_text().split()}
        except Exception:  # a damaged cache is rebuilt
            pass
    expressions: list[bytes] = []
    flags: list[int] = []
    ids: list[int] = []
    always: set[int] = set()
    base = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH
    base |= hyperscan.HS_FLAG_ALLOWEMPTY
    for i, e in enumerate(extractors):
        widened = widen_for_hyperscan(e.regex)
        if (
            widened is None
            or e.flags & ~re.I
            or (e.flags & re.I and any(ord(c) > 127 for c in e.regex))
        ):
            always.add(i)  # e.g. Unicode case folding: leave to Python
            continue
        expressions.append(widened.encode("latin-1"))
        flags.append(base | (hyperscan.HS_FLAG_CASELESS if e.flags & re.I else 0))
        ids.append(i)
    db, failed = _compile(hyperscan, expressions, flags, ids)
    always |= failed
    cache.parent.mkdir(parents=True, exist_ok=True)
    # Written under temporary names and renamed: parallel builds may compile at once.
    tmp = cache.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(hyperscan.dumpb(db))
    tmp_always = always_file.with_suffix(f".tmpa{os.getpid()}")
    tmp_always.write_text(" ".join(map(str, sorted(always))))
    os.replace(tmp_always, always_file)
    os.replace(tmp, cache)
    return db, always


def hyperscan_available() -> bool:
    """Whether the hyperscan package (the `speed` extra) is installed."""
    import importlib.util

    return importlib.util.find_spec("hyperscan") is not None


def prefilter_cached() -> bool:
    """Whether the Hyperscan database for eyecite's tokenizer is compiled and on disk."""
    if not hyperscan_available():
        return False
    from eyecite.tokenizers import EXTRACTORS

    path = _prefilter_path(list(EXTRACTORS))
    return path.exists() and path.with_suffix(".always").exists()


def _compile(
    hyperscan: Any, expressions: list[bytes], flags: list[int], ids: list[int]
) -> tuple[Any, set[int]]:
    """Compile, leaving out (into the always-run set) any regex Hyperscan refuses."""
    failed: set[int] = set()
    while True:
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=expressions, ids=ids, flags=flags)
            return db, failed
        except hyperscan.error as e:
            # "Expression N ..." names the culprit by its position in the list.
            m = re.search(r"(\d+)", str(e))
            if not m or int(m.group(1)) >= len(ids):
                raise
            n = int(m.group(1))
            failed.add(ids[n])
            del expressions[n], flags[n], ids[n]
