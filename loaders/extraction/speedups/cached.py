"""Work eyecite repeats with the same result each time, done once.

- `CachedRegex`: eyecite.helpers calls the `regex` module with pattern strings; each
  pattern is compiled once.

It is installed by `patches`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CachedRegex"]


class CachedRegex:
    """The `regex` module as eyecite.helpers calls it, each pattern compiled once.

    eyecite.helpers calls `regex.match(pattern, text)` and the like with pattern
    strings, thousands of times per opinion; each call looks the pattern up in the
    `regex` module's cache, which costs more than the match. Here the compiled
    pattern is kept in a dict, and the call is the one `regex` makes after its lookup,
    so the results are the same. Calls with options beyond flags go to `regex` itself.
    """

    _LIMIT = 2000  # patterns built from text would otherwise grow the dict forever

    def __init__(self, module: Any) -> None:
        self._module = module
        self._compiled: dict[tuple[Any, int], Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def _pattern(self, pattern: Any, flags: int) -> Any:
        key = (pattern, int(flags))
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) >= self._LIMIT:
                self._compiled.clear()
            compiled = self._compiled[key] = self._module.compile(pattern, flags)
        return compiled

    def match(self, pattern: Any, string: Any, flags: int = 0, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.match(pattern, string, flags, **kwargs)
        return self._pattern(pattern, flags).match(string)

    def search(self, pattern: Any, string: Any, flags: int = 0, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.search(pattern, string, flags, **kwargs)
        return self._pattern(pattern, flags).search(string)

    def fullmatch(self, pattern: Any, string: Any, flags: int = 0, **kwargs: Any) -> Any:
        if kwargs:
            return self._module.fullmatch(pattern, string, flags, **kwargs)
        return self._pattern(pattern, flags).fullmatch(string)

    def sub(
        self, pattern: Any, repl: Any, string: Any, count: int = 0, flags: int = 0, **kwargs: Any
    ) -> Any:
        if kwargs:
            return self._module.sub(pattern, repl, string, count, flags, **kwargs)
        return self._pattern(pattern, flags).sub(repl, string, count)

    def split(
        self, pattern: Any, string: Any, maxsplit: int = 0, flags: int = 0, **kwargs: Any
    ) -> Any:
        if kwargs:
            return self._module.split(pattern, string, maxsplit, flags, **kwargs)
        return self._pattern(pattern, flags).split(string, maxsplit)
