"""Bytes to clean text: decoding in any common encoding, and reflowing hard-wrapped lines.

Court opinions arrive as UTF-8, UTF-16 or Windows code pages; a "§" must come out as
"§". Every reader decodes with `decode` (JSON with `load_json`); text laid out in
lines (plain text, PDF) is reflowed into paragraphs with `reflow`; `peek` reads the
first bytes for sniffing.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...errors import CitegraphError


def decode(data: bytes, path: str) -> str:
    """Decode opinion bytes: UTF-8 (BOM or not), UTF-16 (BOM or not), else detected.

    Raises:
        CitegraphError: the bytes are binary or in no encoding we can detect.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strip_controls(data.decode("utf-16", errors="replace"))
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2
        if odd > half * 0.6 and even < half * 0.1:
            return _strip_controls(data.decode("utf-16-le", errors="replace"))
        if even > half * 0.6 and odd < half * 0.1:
            return _strip_controls(data.decode("utf-16-be", errors="replace"))
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
        if even + odd > max(2, len(head) // 100) or controls > len(head) * 0.05:
            raise CitegraphError("binary file, not an opinion (is it a PDF or image?)", path)
        data = data.replace(b"\x00", b"")  # a stray NUL (padding) in a text file
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if len(data) > 200_000:
        # charset-normalizer is slow on long input; judge from a sample, then decode all.
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        encoding = best.encoding if best else None
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        encoding = best.encoding if best else None
    if encoding is None:
        raise CitegraphError("cannot tell the text encoding; save it as UTF-8", path)
    if encoding in ("ascii", "latin_1", "iso8859_1"):
        # Windows code page 1252 is a superset in practice: curly quotes, dashes.
        encoding = "cp1252"
    return data.decode(encoding, errors="replace")


def load_json(data: bytes, source: str, advice: str = "") -> Any:
    """The JSON value of opinion bytes, decoded with `decode`.

    Raises:
        CitegraphError: the bytes are not JSON ("malformed JSON (why)" and `advice`).
    """
    try:
        return json.loads(decode(data, source))
    except json.JSONDecodeError as e:
        raise CitegraphError(f"malformed JSON ({e}){advice}", source) from e


def _strip_controls(text: str) -> str:
    return text.lstrip("\ufeff")


_LINE_END = re.compile(r"[.?!:;\"”’)\]]\s*$")


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs, one space between words.

    Printouts and scraped opinions wrap lines (often with blank lines between them),
    which splits case names and sentences. A line break is kept as a paragraph
    break only where a paragraph plausibly ends: the line ends a sentence and the
    next is indented, or either is a heading in capitals; otherwise it becomes a
    space. Runs of spaces and tabs inside a line become one space.
    """
    lines = text.splitlines()
    out: list[str] = []
    para: list[str] = []
    prev_blank = False
    raw_prev = ""
    words = _Vocabulary(text)
    for raw in lines:
        line = raw.strip()
        if not line:
            prev_blank = True
            continue
        if para:
            prev = para[-1]
            indented = bool(re.match(r"[ \t]{3,}|\t", raw))
            heading = _is_heading(prev) or _is_heading(line)
            ends = bool(_LINE_END.search(prev))
            # A short line standing alone (a signature, "Notes", a caption line) ends
            # its paragraph: hard-wrapped prose fills its lines.
            short = prev_blank and len(raw_prev) < 40 and not _continues(line)
            if heading or short or (ends and (indented or prev_blank and not _continues(line))):
                out.append(" ".join(para))
                para = []
        line = re.sub(r"[ \t\u00a0]+", " ", line)
        if para and not prev_blank and _BROKEN.search(para[-1]) and not _PAGE_HEAD.search(para[-1]):
            para[-1] = words.rejoin(para[-1], line)
        else:
            para.append(line)
        raw_prev = line
        prev_blank = False
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)


# a line that ends in a hyphen right after a letter or digit: a word or a number broken
# across lines ("Govern-", "§ 1.752-", "2021-NCSC-")
_BROKEN = re.compile(r"[A-Za-z0-9]-$")
_PAGE_HEAD = re.compile(r"(?:^|\s)-\d{1,3}-$")  # "-4-": a page head, not a broken word
# words written with a hyphen whatever the line ("self-defense", "well-known")
_HYPHEN_PREFIXES = {"self", "well", "quasi", "cross", "half"}


class _Vocabulary:
    """The words of one text, to tell a word hyphenated at a line end ("Govern-" +
    "ment") from one written with a hyphen ("well-" + "known")."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None

    def known(self, word: str) -> bool:
        if self._words is None:
            self._words = {w.lower() for w in re.findall(r"[A-Za-z]+", self.text)}
        return word.lower() in self._words

    def rejoin(self, prev: str, line: str) -> str:
        """`prev` (ending in a hyphen) and the next line, as one."""
        head = re.search(r"([A-Za-z]+)-$", prev)
        tail = re.match(r"[a-z]+", line)
        if not head or not tail:
            return prev + line  # "§ 14-" + "306.4", "2021-NCSC-" + "57": a real hyphen
        left, right = head.group(1), tail.group(0)
        hyphenated = f"{left}-{right}".lower() in self.text.lower()
        if (self.known(left + right) and not hyphenated) or (
            not hyphenated and left.lower() not in _HYPHEN_PREFIXES
        ):
            return prev[:-1] + line  # "Govern-" + "ment" -> "Government"
        return prev + line


def _is_heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(line) < 100


def _continues(line: str) -> bool:
    """A line that cannot start a paragraph: lower case, or a citation continuing."""
    return bool(re.match(r"[a-z(,;]|\d+\s", line))


def peek(head: bytes) -> str:
    """The first bytes of an input as text, for sniffing formats (never raises)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if b"\x00" in head[:200] and head[1::2].count(0) > len(head) // 4:
        return head.decode("utf-16-le", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")
