"""Archives and compressed files: .zip, .tar(.gz/.bz2/.xz), and single .gz / .bz2 / .xz files.

Members are yielded one by one as inputs of their own (nested archives are opened
too), so a bad member costs only itself. Archives are bounded: at most
MAX_MEMBERS members, MAX_TOTAL_BYTES uncompressed in all, MAX_DEPTH levels of
nesting, and each member at most the per-file limit. A member whose path is
absolute or climbs out of the archive ("../../etc/passwd") is never read: it is
reported and skipped. Nothing is ever extracted to disk.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from ...errors import CitegraphError
from .registry import Member, container_format, expand_input, formats, name_suffix, too_big
from .unsupported import UNSUPPORTED_EXTENSIONS

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_DEPTH = 3

_ARCHIVE_EXTS = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".gz", ".bz2", ".xz")


def unsafe(name: str) -> bool:
    """Whether an archive member's path is absolute or climbs out of the archive."""
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return True
    return ".." in PurePosixPath(path).parts


def _skip(name: str) -> bool:
    """Members that are not opinions: OS metadata, hidden files, unknown extensions.
    A Word file or an image is not skipped: reading it gives its own error."""

    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return True
    exts = {e for fmt in formats().values() for e in fmt.extensions} | set(_ARCHIVE_EXTS)
    exts |= UNSUPPORTED_EXTENSIONS
    return name_suffix(name) not in exts


class _Budget:
    def __init__(self, archive: str) -> None:
        self.archive = archive
        self.members = 0
        self.total = 0

    def check(self, size: int) -> CitegraphError | None:
        self.members += 1
        self.total += size
        if self.members > MAX_MEMBERS:
            return CitegraphError(
                f"archive has more than {MAX_MEMBERS} members; the rest are not read "
                "(unpack it and give the folder)",
                self.archive,
            )
        if self.total > MAX_TOTAL_BYTES:
            return CitegraphError(
                f"archive unpacks to more than {MAX_TOTAL_BYTES // 1024**3} GB; the rest is not "
                "read (a zip bomb?)",
                self.archive,
            )
        return None


def _source(inp: Any) -> tuple[str, Any, int]:
    """(name, something zipfile/tarfile can open, nesting depth) of an input."""

    if isinstance(inp, Member):
        return inp.name, inp.open(), inp.depth
    return str(inp), str(inp), 0


def _nested(member: Any, max_bytes: int) -> Iterator[Any]:
    """`member` itself, or its members if it is an archive too (within MAX_DEPTH)."""

    if member.error is None and member.suffix in _ARCHIVE_EXTS and member.depth >= MAX_DEPTH:
        err = CitegraphError(f"archive nested more than {MAX_DEPTH} deep; not read", member.name)
        yield Member(member.name, error=err)
        return
    yield from expand_input(member, max_bytes) if member.error is None else [member]


def _admitted(
    name: str, files: Iterator[tuple[str, int, Any]], max_bytes: int
) -> Iterator[Member | tuple[str, Any]]:
    """The members of archive `name` to read, as (label, entry), from its files given as
    (path, size, entry); in place of a member not read, a Member that says why (a path
    that climbs out, a member over `max_bytes`); over the archive's budget, one Member
    that says so, and no more. Hidden and unknown files are left out without a word."""
    budget = _Budget(name)
    for path, size, entry in files:
        label = f"{name}!{path}"
        if unsafe(path):
            yield Member(
                label, error=CitegraphError("path climbs out of the archive; ignored", label)
            )
            continue
        if _skip(path):
            continue
        over = budget.check(size)
        if over:
            yield Member(name, error=over)
            return
        if size > max_bytes:
            yield Member(label, error=CitegraphError(too_big(size, max_bytes), label))
            continue
        yield label, entry


def zip_members(inp: Any, max_bytes: int) -> Iterator[Any]:
    """The members of a zip archive, as Members (read lazily)."""

    name, src, depth = _source(inp)
    try:
        zf = zipfile.ZipFile(src)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        yield Member(name, error=CitegraphError(f"damaged zip archive ({e})", name))
        return
    files = ((i.filename, i.file_size, i) for i in infos if not i.is_dir())
    for item in _admitted(name, files, max_bytes):
        if isinstance(item, Member):
            yield item
            continue
        label, info = item

        def load(info: zipfile.ZipInfo = info, label: str = label) -> bytes:
            try:
                with zf.open(info) as fh:
                    return fh.read(max_bytes + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
                raise CitegraphError(f"damaged archive member ({e})", label) from e

        yield from _nested(Member(label, load, depth=depth + 1, limit=max_bytes), max_bytes)


def tar_members(inp: Any, max_bytes: int) -> Iterator[Any]:
    """The members of a tar archive (any compression), read in one pass."""

    name, src, depth = _source(inp)
    try:
        tf = tarfile.open(  # noqa: SIM115 - closed by the `with tf` below
            **({"name": src} if isinstance(src, str) else {"fileobj": src}), mode="r|*"
        )
    except (tarfile.TarError, OSError, EOFError) as e:
        yield Member(name, error=CitegraphError(f"damaged tar archive ({e})", name))
        return
    with tf:
        try:
            # links and devices are never followed
            files = ((i.name, i.size, i) for i in tf if i.isfile())
            for item in _admitted(name, files, max_bytes):
                if isinstance(item, Member):
                    yield item
                    continue
                label, info = item
                fh = tf.extractfile(info)
                data = fh.read(max_bytes + 1) if fh else b""
                yield from _nested(Member(label, data, depth=depth + 1, limit=max_bytes), max_bytes)
        except (tarfile.TarError, OSError, EOFError, zlib_error()) as e:
            yield Member(name, error=CitegraphError(f"damaged tar archive ({e})", name))


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def compressed_members(inp: Any, max_bytes: int) -> Iterator[Any]:
    """The one file inside a .gz / .bz2 / .xz (a tarball is read as an archive)."""

    name = str(inp)
    depth = getattr(inp, "depth", 0)
    if depth >= MAX_DEPTH:
        err = CitegraphError(f"compressed more than {MAX_DEPTH} times over; not read", name)
        yield Member(name, error=err)
        return
    opener = _decompressor(inp)
    inner = getattr(inp, "hint", name)
    for ext in (".gz", ".bz2", ".xz"):
        if inner.lower().endswith(ext):
            inner = inner[: -len(ext)]
    try:
        with opener() as fh:
            head = fh.read(512)
    except (OSError, EOFError, lzma.LZMAError) as e:
        yield Member(name, error=CitegraphError(f"damaged compressed file ({e})", name))
        return
    if _is_tar(head):
        yield from tar_members(inp, max_bytes)
        return
    member = Member(name, depth=depth + 1, opener=opener, limit=max_bytes, hint=inner)
    yield from expand_input(member, max_bytes)


def _decompressor(inp: Any) -> Any:

    def raw() -> IO[bytes]:
        return inp.open() if isinstance(inp, Member) else open(inp, "rb")

    def opener() -> IO[bytes]:
        fh = raw()
        magic = fh.read(6)
        fh.seek(0) if fh.seekable() else None
        if not fh.seekable():
            fh = io.BufferedReader(_Prefixed(magic, fh))  # type: ignore[arg-type]
        if magic[:2] == b"\x1f\x8b":
            return gzip.GzipFile(fileobj=fh)  # type: ignore[return-value]
        if magic[:3] == b"BZh":
            return bz2.BZ2File(fh)  # type: ignore[return-value]
        return lzma.LZMAFile(fh)  # type: ignore[return-value]

    return opener


class _Prefixed(io.RawIOBase):
    def __init__(self, prefix: bytes, fh: IO[bytes]) -> None:
        self.prefix = prefix
        self.fh = fh

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.prefix:
            n = min(len(b), len(self.prefix))
            b[:n] = self.prefix[:n]
            self.prefix = self.prefix[n:]
            return n
        data = self.fh.read(len(b))
        b[: len(data)] = data
        return len(data)


def _is_tar(head: bytes) -> bool:
    return len(head) >= 262 and head[257:262] == b"ustar"


def _archive_bytes(data: bytes) -> int:
    """The most bytes a member may hold when an archive is read whole from `data`."""
    return len(data) + 1


FORMAT_ZIP = container_format(
    "zip", zip_members, (".zip",), lambda head: head[:4] == b"PK\x03\x04", _archive_bytes
)
FORMAT_TAR = container_format(
    "tar",
    tar_members,
    (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"),
    _is_tar,
    _archive_bytes,
)
FORMAT_COMPRESSED = container_format(
    "compressed",
    compressed_members,
    (".gz", ".bz2", ".xz"),
    lambda head: head[:2] == b"\x1f\x8b" or head[:3] == b"BZh" or head[:6] == b"\xfd7zXZ\x00",
    _archive_bytes,
)
