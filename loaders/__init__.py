"""Loaders: files -> Opinion (text + metadata) -> Citation records.

`read` turns one input into Opinions, choosing the format by content as well as by
extension (a .txt that holds HTML is read as HTML; a .json may be CourtListener,
the Caselaw Access Project or JSON Lines). `input_files` expands what a user names
(files, directories, globs, "-" for standard input, .zip / .tar.gz archives, JSON
Lines and CSV bulk files) into single inputs, so that one bad member or record costs
only itself. `extract` finds every citation in an Opinion and the proposition each
supports. This room never imports networkx.

A format is one module and one `register(Format(...))` line; other packages add
formats through the entry point group ``citegraph.loaders`` (the entry point names
a Format, or a function that returns one).
"""

from __future__ import annotations

import glob
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import CitegraphError
from ..models import Citation, Opinion

__all__ = [
    "read",
    "extract",
    "input_files",
    "detect",
    "unsupported",
    "supported",
    "register",
    "formats",
    "Format",
    "Member",
    "Unsupported",
    "UNSUPPORTED",
    "FORMATS",
    "MAX_BYTES",
    "ENTRY_POINT_GROUP",
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
        return _suffix(self.hint)

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
        _plugins_loaded = True
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
    return FORMATS


@dataclass(frozen=True)
class Unsupported:
    """A kind of file people hand citegraph that it does not read (a Word document, an
    image): named in a one-line error instead of being misread (a .docx is a zip
    archive) or skipped without a word.

    Args:
        name: what the file is ("a Word document").
        extensions: file name endings of it, lower case.
        sniff: given the first bytes, whether the file is one.
        advice: what to do with it instead.
    """

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    advice: str = "save it as PDF, HTML or plain text"


def _zip_member_names(head: bytes) -> list[str]:
    """The names of a zip's first members, walking its local file headers (so the
    bytes of a member stored inside, a .docx in an archive of filings, are skipped)."""
    names: list[str] = []
    pos = 0
    while head[pos : pos + 4] == b"PK\x03\x04" and pos + 30 <= len(head):
        flags = int.from_bytes(head[pos + 6 : pos + 8], "little")
        size = int.from_bytes(head[pos + 18 : pos + 22], "little")
        name_len = int.from_bytes(head[pos + 26 : pos + 28], "little")
        extra_len = int.from_bytes(head[pos + 28 : pos + 30], "little")
        names.append(head[pos + 30 : pos + 30 + name_len].decode("utf-8", "replace"))
        if flags & 0x08:  # sizes follow the data: the next header cannot be found
            break
        pos += 30 + name_len + extra_len + size
    return names


def _office_zip(head: bytes) -> bool:
    # OOXML (.docx, .xlsx, .pptx) is a zip holding [Content_Types].xml, OpenDocument
    # one whose first member is "mimetype"; an archive of opinions holds neither
    names = _zip_member_names(head)
    return "[Content_Types].xml" in names or names[:1] == ["mimetype"]


UNSUPPORTED: tuple[Unsupported, ...] = (
    Unsupported(
        "an office document (Word, Excel, PowerPoint, OpenDocument)",
        (".docx", ".docm", ".dotx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"),
        _office_zip,
    ),
    Unsupported(
        "an old-style Office document (.doc, .xls, .ppt)",
        (".doc", ".xls", ".ppt", ".wpd"),
        lambda head: head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ),
    Unsupported("a rich-text document (.rtf)", (".rtf",), lambda head: head[:5] == b"{\\rtf"),
    Unsupported(
        "an image",
        (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic"),
        lambda head: (
            head[:8] == b"\x89PNG\r\n\x1a\n"
            or head[:3] == b"\xff\xd8\xff"
            or head[:6] in (b"GIF87a", b"GIF89a")
            or head[:4] in (b"II*\x00", b"MM\x00*")
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        ),
        "a scanned page needs OCR first (e.g. img2pdf, then ocrmypdf)",
    ),
)
UNSUPPORTED_EXTENSIONS = {e for u in UNSUPPORTED for e in u.extensions}


def supported() -> str:
    """The formats citegraph reads, said for an error message."""
    # the first extension of each registered format, so a plugin's shows too
    exts = dict.fromkeys(fmt.extensions[0] for fmt in formats().values() if fmt.extensions)
    return (
        "plain text, HTML, PDF with a text layer, CourtListener and Caselaw Access "
        "Project JSON / HTML / XML, JSON Lines and CSV bulk files, and archives of "
        "them (" + " ".join(exts) + ")"
    )


def unsupported(head: bytes, name: str, hint: str | None = None) -> CitegraphError | None:
    """The error for a file of a kind citegraph does not read, by content first and
    then by extension; None for anything else.

    Args:
        head: the file's first bytes.
        name: the name the error gives (a path, "cases.zip!brief.docx").
        hint: the file name to take the extension from, if not `name`.
    """
    suffix = _suffix(hint or name)
    kind = next((u for u in UNSUPPORTED if u.sniff(head)), None) or next(
        (u for u in UNSUPPORTED if suffix in u.extensions), None
    )
    if kind is None:
        return None
    return CitegraphError(
        f"{kind.name}, which citegraph does not read; {kind.advice}. citegraph reads {supported()}",
        name,
    )


def _suffix(name: str) -> str:
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
    suffix = _suffix(name)
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
                raise CitegraphError(_too_big(size, max_bytes), name)
            with open(inp, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as e:
            raise CitegraphError(f"cannot read: {e.strerror or e}", name) from e
    if len(data) > max_bytes:
        raise CitegraphError(_too_big(len(data), max_bytes), name)
    return data


def _too_big(size: int, max_bytes: int) -> str:
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
                # (by _expand), not left out without a word
                if (
                    f.is_file()
                    and _suffix(f.name) in exts | UNSUPPORTED_EXTENSIONS
                    and not any(x.startswith(".") for x in rel)
                ):
                    yield from _expand(f, max_bytes)
        elif path.is_file():
            yield from _expand(path, max_bytes)
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
        return Member("-", error=CitegraphError(_too_big(len(data), max_bytes), "-"))
    return Member("-", data)


def _expand(inp: Input, max_bytes: int) -> Iterator[Input]:
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
    import json

    from .text import decode

    try:
        obj = json.loads(decode(data, source))
    except json.JSONDecodeError as e:
        raise CitegraphError(f"malformed JSON ({e}); is the file complete?", source) from e
    return opinions_from_json(obj, source)


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
        f"JSON is not an opinion citegraph knows (CourtListener, Caselaw Access Project); "
        f"found {keys}",
        source,
    )


def extract(opinion: Opinion) -> list[Citation]:
    """Every citation in `opinion`, with the proposition each supports."""
    from .citations import find_citations
    from .propositions import attach_propositions

    citations = find_citations(opinion)
    attach_propositions(opinion, citations)
    return citations


def _register_builtins() -> None:
    from . import archive, bulk, cap, courtlistener, html, pdf, text

    register(archive.FORMAT_ZIP)
    register(archive.FORMAT_TAR)
    register(archive.FORMAT_COMPRESSED)
    register(pdf.FORMAT)
    register(bulk.FORMAT_JSONL)
    register(bulk.FORMAT_CSV)
    register(cap.FORMAT_JSON)
    register(courtlistener.FORMAT)
    register(
        Format(
            "json",
            read_json,
            extensions=(".json",),
            sniff=lambda head: head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["),
        )
    )
    register(cap.FORMAT_HTML)
    register(cap.FORMAT_XML)
    register(html.FORMAT)
    register(text.FORMAT)


_register_builtins()
