"""The format registry: which reader reads an input, and the inputs a user names.

`read` turns one input into Opinions, choosing the format by content as well as by
extension (a .txt that holds HTML is read as HTML; a .json may be CourtListener,
the Caselaw Access Project or JSON Lines). `input_files` expands what a user names
(files, directories, globs, "-" for standard input, .zip / .tar.gz archives, JSON
Lines and CSV bulk files) into single inputs, so that one bad member or record costs
only itself.

A format is one module and one `register(Format(...))` line; other packages add
formats through the entry point group ``citegraph.loaders`` (the entry point names
a Format, or a function that returns one). This module imports no format: the
formats import it, and the package registers them.
"""

from __future__ import annotations

import glob
import io
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ...errors import CitegraphError
from ...models import Opinion
from .decoding import load_json
from .unsupported import UNSUPPORTED_EXTENSIONS, unsupported_kind

__all__ = [
    "read",
    "input_files",
    "detect",
    "register",
    "formats",
    "Format",
    "Member",
    "FORMATS",
    "MAX_BYTES",
    "ENTRY_POINT_GROUP",
    "opinions_from_json",
    "read_json",
    "supported",
    "unsupported",
]

# per file (per record in bulk files); --max-file-mb. The longest opinions are a few MB
# of text (a CourtListener JSON holds it up to four times, as text and HTML); a record
# appendix of 40 MB is not an opinion and would cost minutes of extraction.
MAX_BYTES = 20 * 1024 * 1024
ENTRY_POINT_GROUP = "citegraph.loaders"
SNIFF_BYTES = 65536


@dataclass(frozen=True)
class Format:
    """A format citegraph reads.

    Args:
        name: short name ("text", "cap-json").
        read: bytes of one input and its name -> Opinions.
        extensions: file name endings that suggest it (".txt"), lower case.
        sniff: given the first 64 KiB, whether the bytes are of this format; a
            format with a sniffer wins over one chosen by extension.
        json_shape: given a parsed JSON object, whether it is of this format.
        from_json: a parsed JSON object of this format and its name -> Opinions.
        container: the input holds many inputs (archive, bulk file): `members`
            yields them and `read` reads them all.
        members: for a container, (path or Member, max_bytes) -> Members.
    """

    name: str
    read: Callable[[bytes, str], list[Opinion]]
    extensions: tuple[str, ...] = ()
    sniff: Callable[[bytes], bool] | None = None
    json_shape: Callable[[Any], bool] | None = None
    from_json: Callable[[Any, str], list[Opinion]] | None = None
    container: bool = False
    members: Callable[[Any, int], Iterator[Member]] | None = field(default=None, repr=False)


def container_format(
    name: str,
    members: Callable[[Any, int], Iterator[Member]],
    extensions: tuple[str, ...],
    sniff: Callable[[bytes], bool],
    member_bytes: Callable[[bytes], int] = lambda data: sys.maxsize,
) -> Format:
    """A Format whose inputs hold many inputs (archives, bulk files).

    `read` finds its members in the bytes it is given (each member at most
    `member_bytes(data)` bytes) and reads them all; `registry.read` and
    `input_files` go through `members` instead, one member at a time.
    """

    def read_all(data: bytes, source: str) -> list[Opinion]:
        return [op for m in members(Member(source, data), member_bytes(data)) for op in read(m)]

    return Format(
        name, read_all, extensions=extensions, sniff=sniff, container=True, members=members
    )


class Member:
    """An input that is not a plain file: standard input, an archive member, a record
    of a bulk file. `str(member)` is the name errors and Opinion.source show
    ("cases.zip!2001/russo.txt", "opinions.jsonl:17").

    Args:
        name: that name.
        data: its bytes, or a function that returns them.
        error: why it cannot be read (raised when it is read, so that listing the
            members of an archive never stops a build).
        depth: how deep in nested archives it lies.
        opener: a function that opens it as a stream (decompressed files).
        limit: the most bytes `read_bytes` reads from `opener`.
        hint: the file name its format is guessed from, if not `name`
            ("opinions.csv" for "opinions.csv.bz2").
    """

    def __init__(
        self,
        name: str,
        data: bytes | Callable[[], bytes] | None = None,
        error: CitegraphError | None = None,
        depth: int = 0,
        opener: Callable[[], IO[bytes]] | None = None,
        limit: int = MAX_BYTES,
        hint: str | None = None,
    ) -> None:
        self.name = name
        self._data = data
        self.error = error
        self.depth = depth
        self._opener = opener
        self.limit = limit
        self.hint = hint or name

    @property
    def suffix(self) -> str:
        """The member's extension, lower case."""
        return name_suffix(self.hint)

    def read_bytes(self) -> bytes:
        """The member's bytes (at most `limit` + 1 of a stream).

        Raises:
            CitegraphError: the member could not be read (kept from listing).
        """
        if self.error is not None:
            raise self.error
        if self._opener is not None:
            try:
                with self._opener() as fh:
                    return fh.read(self.limit + 1)
            except (OSError, EOFError, ValueError) as e:
                raise CitegraphError(f"cannot decompress: {e}", self.name) from e
        data = self._data() if callable(self._data) else self._data
        return data or b""

    def open(self) -> IO[bytes]:
        """The member as a binary stream."""
        if self.error is not None:
            raise self.error
        if self._opener is not None:
            return self._opener()
        return io.BytesIO(self.read_bytes())

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Member({self.name!r})"


Input = Path | Member

# name -> Format, in the order detection tries them (plugins first).
FORMATS: dict[str, Format] = {}
_plugins_loaded = False
# Plugins load once, while other threads wait: FORMATS changes as they register.
_PLUGINS_LOCK = threading.RLock()
_LOADING = {"now": False}  # set while this lock's holder loads (a plugin may ask again)


def register(fmt: Format, first: bool = False) -> Format:
    """Add a format (or replace one of the same name).

    Args:
        fmt: the format.
        first: try it before the formats already registered.
    """
    FORMATS.pop(fmt.name, None)
    if first:
        items = list(FORMATS.items())
        FORMATS.clear()
        FORMATS[fmt.name] = fmt
        FORMATS.update(items)
    else:
        FORMATS[fmt.name] = fmt
    return fmt


def formats() -> dict[str, Format]:
    """Every registered format, third-party entry points included."""
    global _plugins_loaded
    if not _plugins_loaded:
        with _PLUGINS_LOCK:
            if not _plugins_loaded and not _LOADING["now"]:
                _LOADING["now"] = True
                try:
                    _load_plugins()
                finally:
                    _LOADING["now"] = False
                _plugins_loaded = True
    return FORMATS


def _load_plugins() -> None:
    """Register the formats of the entry point group, first."""
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            fmt = obj() if callable(obj) and not isinstance(obj, Format) else obj
        except Exception as e:  # a broken plugin must not break the built-in formats
            print(f"citegraph: loader plugin {ep.name!r} failed: {e}", file=sys.stderr)
            continue
        if isinstance(fmt, Format):
            register(fmt, first=True)


def supported() -> str:
    """The formats citegraph reads, said for an error message."""
    # the first extension of each registered format, so a plugin's shows too
    exts = dict.fromkeys(fmt.extensions[0] for fmt in formats().values() if fmt.extensions)
    return (
        "plain text, HTML, PDF with a text layer, CourtListener and Caselaw Access "
        "Project JSON / HTML / XML, JSON objects with the text under a common key, JSON "
        "Lines and CSV bulk files, and archives of "
        "them (" + " ".join(exts) + ")"
    )


def unsupported(head: bytes, name: str, hint: str | None = None) -> CitegraphError | None:
    """The error for a file of a kind citegraph does not read (loaders.readers.
    unsupported), by content first and then by extension; None for anything else.

    Args:
        head: the file's first bytes.
        name: the name the error gives (a path, "cases.zip!brief.docx").
        hint: the file name to take the extension from, if not `name`.
    """
    kind = unsupported_kind(head, name_suffix(hint or name))
    if kind is None:
        return None
    return CitegraphError(
        f"{kind.name}, which citegraph does not read; {kind.advice}. citegraph reads {supported()}",
        name,
    )


def name_suffix(name: str) -> str:
    lower = name.lower()
    for double in (".tar.gz", ".tar.bz2", ".tar.xz", ".jsonl.gz", ".csv.gz", ".csv.bz2"):
        if lower.endswith(double):
            return double
    return Path(lower).suffix


def detect(head: bytes, name: str) -> Format:
    """The format of an input, from its first bytes and its name.

    Sniffers decide first (content wins over a misleading extension); the extension
    decides among what content cannot tell apart; plain text is the fallback.
    """
    fmts = formats()
    for fmt in fmts.values():
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt
    suffix = name_suffix(name)
    for fmt in fmts.values():
        if suffix in fmt.extensions:
            return fmt
    return fmts["text"]


def _open_input(inp: Input, max_bytes: int) -> bytes:
    name = str(inp)
    if isinstance(inp, Member):
        data = inp.read_bytes()
    else:
        try:
            size = inp.stat().st_size
            if size > max_bytes:
                raise CitegraphError(too_big(size, max_bytes), name)
            with open(inp, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as e:
            raise CitegraphError(f"cannot read: {e.strerror or e}", name) from e
    if len(data) > max_bytes:
        raise CitegraphError(too_big(len(data), max_bytes), name)
    return data


def too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit per file; "
        "raise it with --max-file-mb if the file is really one opinion"
    )


def input_files(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Input]:
    """Every single input under `paths`, one per opinion file, member or record.

    Directories are walked recursively (files of a known extension only, hidden
    ones skipped); globs are expanded; "-" is standard input; archives and bulk
    files are opened and their members or records yielded one by one, each a
    Member whose problems (too big, unsafe path, archive limits) surface as a
    CitegraphError when it is read.

    Raises:
        CitegraphError: a path does not exist and matches nothing.
    """
    exts = {e for fmt in formats().values() for e in fmt.extensions}
    for p in paths:
        if str(p) == "-":
            yield _stdin(max_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path).parts
                # a Word file or a scan as an image among the opinions is reported
                # (by expand_input), not left out without a word
                if (
                    f.is_file()
                    and name_suffix(f.name) in exts | UNSUPPORTED_EXTENSIONS
                    and not any(x.startswith(".") for x in rel)
                ):
                    yield from expand_input(f, max_bytes)
        elif path.is_file():
            yield from expand_input(path, max_bytes)
        elif glob.has_magic(str(p)):
            matches = sorted(glob.glob(str(p), recursive=True))
            if not matches:
                raise CitegraphError("no file matches this pattern", str(p))
            yield from input_files(matches, max_bytes)
        else:
            raise CitegraphError("no such file or directory", str(path))


def _stdin(max_bytes: int) -> Member:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Member("-", error=CitegraphError(too_big(len(data), max_bytes), "-"))
    return Member("-", data)


def expand_input(inp: Input, max_bytes: int) -> Iterator[Input]:
    """`inp` itself, or the members of `inp` if it is a container."""
    try:
        head = _head(inp)
    except CitegraphError as e:
        yield Member(str(inp), error=e)
        return
    wrong = unsupported(head, str(inp), _hint(inp))
    if wrong is not None:
        yield Member(str(inp), error=wrong)
        return
    fmt = detect(head, _hint(inp))
    if fmt.container and fmt.members is not None:
        yield from fmt.members(inp, max_bytes)
    else:
        yield inp


def _hint(inp: Input) -> str:
    return inp.hint if isinstance(inp, Member) else str(inp)


def _head(inp: Input) -> bytes:
    if isinstance(inp, Member):
        if inp._opener is not None:
            try:
                with inp.open() as fh:
                    return fh.read(SNIFF_BYTES)
            except (OSError, EOFError, ValueError) as e:
                raise CitegraphError(f"cannot decompress: {e}", inp.name) from e
        return inp.read_bytes()[:SNIFF_BYTES]
    try:
        with open(inp, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError as e:
        raise CitegraphError(f"cannot read: {e.strerror or e}", str(inp)) from e


def read(path: str | Path | Member, max_bytes: int = MAX_BYTES) -> list[Opinion]:
    """Read one input into Opinions.

    Args:
        path: a file, a Member from `input_files`, or "-" for standard input. An
            archive or bulk file is read whole (use `input_files` to read its
            members one by one and keep going past a bad one).
        max_bytes: refuse a file (or archive member, or bulk record) larger than this.

    Raises:
        CitegraphError: the input cannot be read or is not an opinion; the message
            names the input.
    """
    if isinstance(path, Member):
        inp: Input = path
    elif str(path) == "-":
        inp = _stdin(max_bytes)
    else:
        inp = Path(path)
    name = str(inp)
    head = _head(inp)
    wrong = unsupported(head, name, _hint(inp))
    if wrong is not None:
        raise wrong
    fmt = detect(head, _hint(inp))
    if fmt.container and fmt.members is not None:
        return [op for m in fmt.members(inp, max_bytes) for op in read(m, max_bytes)]
    data = _open_input(inp, max_bytes)
    try:
        return fmt.read(data, name)
    except CitegraphError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as e:
        # A malformed file of a known format: say which, never a traceback.
        raise CitegraphError(f"cannot read as {fmt.name}: {e}", name) from e


def read_json(data: bytes, source: str) -> list[Opinion]:
    """Read a JSON document: one opinion, a list of them, or an API page of them."""
    return opinions_from_json(load_json(data, source, "; is the file complete?"), source)


def opinions_from_json(obj: Any, source: str) -> list[Opinion]:
    """Opinions from a parsed JSON value, by its shape.

    Raises:
        CitegraphError: no registered format knows the shape.
    """
    if isinstance(obj, dict) and isinstance(obj.get("results"), list):
        obj = obj["results"]  # a page of a REST API listing
    if isinstance(obj, list):
        return [op for item in obj for op in opinions_from_json(item, source)]
    for fmt in formats().values():
        if fmt.json_shape is not None and fmt.from_json is not None and fmt.json_shape(obj):
            return fmt.from_json(obj, source)
    keys = ", ".join(sorted(obj)[:8]) if isinstance(obj, dict) else type(obj).__name__
    raise CitegraphError(
        "JSON is not an opinion citegraph knows (CourtListener, Caselaw Access Project, or an "
        "object with the text under text, plain_text, body, opinion, content or html); "
        f"found {keys}",
        source,
    )
