"""The attributes of eyecite and courts-db the speed-ups replace: one table, one gate.

Verdict, attribute by attribute, on the 13 that `install()` used to replace (eyecite
2.7.8, courts-db 0.10.27). (a) marks an attribute eyecite has an extension point for,
and the speed-up now goes through it. (b) marks one with no extension point, kept as a
patch in PATCHES below.

 1. eyecite.get_citations, 2. eyecite.find.get_citations (a wrapper that passed the
    Hyperscan tokenizer): (a) get_citations takes a `tokenizer` argument;
    loaders/extraction/citations.py passes `citations.tokenizer()`, which is
    `speedups.active_tokenizer()` when the speed-ups are installed. Wrapper removed.
 3. eyecite.tokenizers.AhocorasickTokenizer.extract_tokens (each regex tried only where
    it can match): (a) a Tokenizer's `extract_tokens` is its extension point;
    `tokenizer.fast_tokenizer_class` overrides it, in a subclass of citations'
    list-order tokenizer.
 4. eyecite.tokenizers._strip_ws (faster whitespace strip for the prefilter): (a) it is
    called by AhocorasickTokenizer.get_extractors, the prefilter, which the same
    subclass overrides with `tokenizer.strip_ws`.
 5. eyecite.models.TokenExtractor.__hash__ (hash of a 300-character repr, cached): (a)
    it is called only by the set the prefilter builds; the subclass gathers the
    extractors by identity, in list order, and hashes none of them.
 6. eyecite.helpers.get_court_by_paren: (b) called by eyecite.helpers'
    add_post_citation, which get_citations reaches with no hook. `courts.court_by_paren`.
 7. eyecite.find.extract_pincited_reference_citations: (b) called by
    extract_reference_citations inside get_citations, no hook.
    `references.pincited_references`.
 8. eyecite.helpers.match_on_tokens, 9. eyecite.find.match_on_tokens (one function,
    imported by name into two modules): (b) called by eyecite's citation builders, no
    hook. `words.match_on_tokens`.
10. eyecite.helpers._scan_for_case_boundaries: (b) called by find_case_name, no hook.
    `words.scan_for_case_boundaries`.
11. eyecite.helpers.re (the `regex` module eyecite.helpers calls with pattern strings):
    (b) no hook. `cached.CachedRegex`.
12. eyecite.models.Resource.__hash__ (SHA-256 of a JSON dump on every lookup): (a)
    resolve_citations takes `resolve_full_citation`; loaders/extraction/citations.py
    passes a Resource subclass that hashes once (`citations._resource_class`).
13. courts_db.find_court_ids_by_name: (b) courts_db.find_court calls it by its module
    name and takes no finder; the callers (loaders/readers/header.py and cap.py) may
    not import extraction. `courts.court_ids_by_name`.

So 7 patches remain (6-11 and 13), each below with why it has no extension point and the test
of tests/test_speedups.py that proves it equivalent on real opinions. Every one is
applied only on TESTED_VERSIONS: on any other version of eyecite or courts-db `apply()`
patches nothing and warns once. The order in which eyecite's regexes run (which settles
ties between tokens of one span, and so makes every process give the same tokens) is
no patch: it is citations' list-order tokenizer, with or without these.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import cached, courts, references, words

__all__ = ["Patch", "PATCHES", "TESTED_VERSIONS", "apply", "restore", "applied"]

# The versions tests/test_speedups.py proved the patches equivalent on. The patches
# copy and replace private functions of these exact releases; on any other, eyecite
# runs as it is.
TESTED_VERSIONS = {"eyecite": "2.7.8", "courts-db": "0.10.27"}


@dataclass(frozen=True)
class Patch:
    """One attribute of eyecite or courts-db replaced: where, by what, why, proved where.

    Attributes:
        module: the module that holds the attribute (or its class).
        owner: the class in `module` that holds it, or "" for the module itself.
        attribute: the attribute's name.
        replacement: given eyecite's original, the replacement.
        why: what is faster, and why no extension point of the library serves.
        test: the test of tests/test_speedups.py that proves it equivalent.
    """

    module: str
    owner: str
    attribute: str
    replacement: Callable[[Any], Any]
    why: str
    test: str

    def target(self) -> Any:
        """The module or class whose attribute is replaced."""
        found = importlib.import_module(self.module)
        return getattr(found, self.owner) if self.owner else found

    @property
    def name(self) -> str:
        """The attribute's dotted name, e.g. "eyecite.helpers.get_court_by_paren"."""
        return ".".join(p for p in (self.module, self.owner, self.attribute) if p)


def _same(new: Any) -> Callable[[Any], Any]:
    return lambda _original: new


_NO_HOOK = "get_citations reaches it with no hook"

PATCHES: tuple[Patch, ...] = (
    Patch(
        "eyecite.helpers",
        "",
        "get_court_by_paren",
        _same(courts.court_by_paren),
        f"an index of courts-db's court strings instead of 3,000 regex substitutions; {_NO_HOOK}",
        "test_court_parenthetical_resolves_like_eyecite_across_courts_db",
    ),
    Patch(
        "eyecite.find",
        "",
        "extract_pincited_reference_citations",
        _same(references.pincited_references),
        f"one pass per document instead of one per full citation (eyecite #290); {_NO_HOOK}",
        "test_reference_by_either_party_name_and_pin_cite_matches_eyecite",
    ),
    Patch(
        "eyecite.helpers",
        "",
        "match_on_tokens",
        _same(words.match_on_tokens),
        f"words joined in C, token questions asked of tokens only; {_NO_HOOK}",
        "test_word_scans_match_eyecites_at_every_word_of_real_opinions",
    ),
    Patch(
        "eyecite.find",
        "",
        "match_on_tokens",
        _same(words.match_on_tokens),
        "eyecite.find imports match_on_tokens by name: the same replacement, its second home",
        "test_word_scans_match_eyecites_at_every_word_of_real_opinions",
    ),
    Patch(
        "eyecite.helpers",
        "",
        "_scan_for_case_boundaries",
        _same(words.scan_for_case_boundaries),
        f"token questions asked of tokens only; find_case_name calls it, {_NO_HOOK}",
        "test_case_name_scan_matches_eyecites_before_every_citation_of_real_opinions",
    ),
    Patch(
        "eyecite.helpers",
        "",
        "re",
        cached.CachedRegex,
        "each pattern string eyecite.helpers passes to `regex` compiled once; no hook",
        "test_cached_regex_gives_the_regex_modules_results_on_eyecites_patterns",
    ),
    Patch(
        "courts_db",
        "",
        "find_court_ids_by_name",
        _same(courts.court_ids_by_name),
        "only the court regexes whose words stand in the string; courts_db.find_court "
        "takes no finder and its callers (readers/) may not import extraction",
        "test_court_names_resolve_like_courts_db_without_compiling_every_regex",
    ),
)

# (module, owner, attribute) -> (the object patched, eyecite's original)
_ORIGINALS: dict[tuple[str, str, str], tuple[Any, Any]] = {}
_WARNED: dict[str, bool] = {"untested": False}
# apply() and restore() one at a time: two threads applying at once would record a
# replacement as eyecite's original, and restore() could not give it back.
_LOCK = threading.Lock()


def untested_versions() -> list[str]:
    """The dependencies the patches replace parts of that are not at a tested version.

    Returns:
        "name version" for each, e.g. ["eyecite 2.8.0"]; empty when all are tested.
    """
    untested = []
    for dist, tested in TESTED_VERSIONS.items():
        try:
            found = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found = "(not installed)"
        if found != tested:
            untested.append(f"{dist} {found}")
    return untested


def apply() -> bool:
    """Apply every patch of PATCHES (idempotent), on the tested versions only.

    Returns:
        Whether the patches are in place; False, with a warning once per process,
        on an untested version of eyecite or courts-db.
    """
    untested = untested_versions()
    if untested:
        if not _WARNED["untested"]:
            _WARNED["untested"] = True
            tested = ", ".join(f"{d} {v}" for d, v in TESTED_VERSIONS.items())
            warnings.warn(
                f"citegraph's eyecite speed-ups are tested on {tested}; found "
                f"{', '.join(untested)}: running plain eyecite (same citations, slower)",
                stacklevel=3,
            )
        return False
    with _LOCK:
        for patch in PATCHES:
            key = (patch.module, patch.owner, patch.attribute)
            if key in _ORIGINALS:
                continue
            target = patch.target()
            original = getattr(target, patch.attribute)
            _ORIGINALS[key] = (target, original)
            setattr(target, patch.attribute, patch.replacement(original))
    return True


def restore() -> None:
    """Give eyecite and courts-db back their own attributes."""
    with _LOCK:
        for (_, _, attribute), (target, original) in _ORIGINALS.items():
            setattr(target, attribute, original)
        _ORIGINALS.clear()


def applied() -> bool:
    """Whether the patches are in place."""
    return len(_ORIGINALS) == len(PATCHES)
