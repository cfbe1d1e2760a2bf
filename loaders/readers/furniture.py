"""Page furniture out of paged text: running heads and feet, page and line numbers, notes.

A PDF (or a text file with a form feed between pages) gives an opinion page by page.
Every page carries lines that are not the opinion: a running head ("Cite as: 562 U. S.
____ (2011)", "2 SNYDER v. PHELPS", "Opinion of the Court"), a filing stamp ("Case
1:19-cv-01234 Document 12 Filed 09/30/20 Page 3 of 20"), a page number ("- 17 -",
"Page 3 of 9"), pleading-paper line numbers 1-28, "(continued...)" marks. Left in place
they become false citations and split real ones across the page break.

They are found by where they stand and how they repeat, never by a list fitted to one
file: a line in the first or last lines of a page whose shape (digits masked) recurs at
the edge of several pages is furniture (a long one anywhere on the page: a stamp drawn
out of reading order lands mid-page); so is a bare page number at an edge, and a run
of consecutive small integers (a pleading paper's line numbers).

Footnotes printed at a page foot are taken out of the body so that the body reads on
across the page break; they follow the body, each as "N. text", with (start, end, label)
spans as the other readers record them. A footnote is recognised by its smaller type
(when the reader knows line sizes) or, in plain text, by the rule line ("____") that
opens the notes of a page. A line-end hyphen is resolved by the words around it:
"Govern-\\nment" becomes "Government", "§ 14-\\n306.4" keeps its hyphen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .decoding import reflow

EDGE = 3
"""How many lines at the top and at the bottom of a page can be furniture."""

PAGE_MARK = "\ue000"
"""Stands where a page starts while the text is reflowed; taken out after."""


@dataclass
class Line:
    """One printed line of a page.

    `size` is its type size (0 when unknown); `plain` is the line without footnote
    call-outs (small raised digits), when the reader could tell them.
    """

    text: str
    size: float = 0.0
    plain: str | None = None

    @property
    def body(self) -> str:
        """The line as body text (call-outs dropped)."""
        return self.text if self.plain is None else self.plain


@dataclass
class Paged:
    """Text assembled from pages: body then footnotes, with its page map and note spans."""

    text: str
    pages: list[tuple[int, str]]
    footnotes: list[tuple[int, int, str]]


# ---------------------------------------------------------------- furniture lines

_PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        [-–—]\s*\d{1,4}\s*[-–—]           # - 17 -
      | \d{1,4}                           # 17
      | (?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?   # Page 3 of 9
      | \d{1,4}\s*of\s*\d{1,4}            # 3 of 9
      | [ivxlc]{1,6}                      # roman folio
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_FOLIO = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r"|\d{1,4}\s*of\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
_CONTINUED = re.compile(r"^\s*[(\[]?\s*(?:continued|cont['’]?d)\b[^a-z]*$", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[_\-–—=*]\s*){5,}$")
_SLASHES = re.compile(r"^\s*/{2,}\s*$")


def shape(line: str) -> str:
    """A line's shape for spotting repeats: digits masked, case and spacing ignored."""
    s = re.sub(r"\d+", "#", line.strip().lower())
    s = re.sub(r"_+", "_", s)
    return re.sub(r"\s+", "", s)


def running_shapes(pages: list[list[str]]) -> set[str]:
    """Shapes of lines that recur at the top or bottom edge of several pages."""
    n = len(pages)
    if n < 2:
        return set()
    need = 2 if n <= 5 else 3  # short opinions: heads alternate between odd and even pages
    seen: Counter[str] = Counter()
    for lines in pages:
        text = [ln for ln in lines if ln.strip()]
        seen.update({shape(ln) for ln in text[:EDGE] + text[-EDGE:]})
    return {s for s, k in seen.items() if k >= need and len(s) >= 2 and len(s) <= 160}


def line_number_run(lines: list[str]) -> set[int]:
    """Indexes of pleading-paper line numbers: a run of 5+ bare integers counting up by one."""
    found: set[int] = set()
    run: list[int] = []
    last = 0
    for i, ln in enumerate(lines):
        s = ln.strip()
        if re.fullmatch(r"\d{1,2}", s) and (not run or int(s) == last + 1):
            run.append(i)
            last = int(s)
            continue
        if s and not (run and re.fullmatch(r"\d{1,2}", s)):
            if len(run) >= 5:
                found.update(run)
            run = [i] if re.fullmatch(r"\d{1,2}", s) else []
            last = int(s) if run else 0
        elif s:  # a bare number out of sequence ends the run and starts another
            if len(run) >= 5:
                found.update(run)
            run, last = [i], int(s)
    if len(run) >= 5:
        found.update(run)
    return found


def _pattern(line: str) -> re.Pattern[str]:
    """A regex for lines of `line`'s shape (any digits, any spacing)."""
    out = []
    for part in re.split(r"(\d+|\s+)", line.strip()):
        if part.isdigit():
            out.append(r"\d+")
        elif part.isspace() or not part:
            out.append(r"\s*")
        else:
            out.append(r"\s*".join(re.escape(ch) for ch in part))
    return re.compile("".join(out), re.IGNORECASE)


def glued_heads(pages: list[list[str]]) -> list[re.Pattern[str]]:
    """Long running heads (filing stamps) as patterns, to cut them where the text layer
    glued one to a line of the body ("Case ... Page 4 of 5 security number ...")."""
    running = {s for s in running_shapes(pages) if len(s) >= 24}
    examples: dict[str, str] = {}
    for lines in pages:
        for ln in lines:
            if shape(ln) in running:
                examples.setdefault(shape(ln), ln)
    return [_pattern(ex) for ex in examples.values()]


def cut_glued(line: str, heads: list[re.Pattern[str]]) -> str:
    """`line` without a long running head glued to its start or end."""
    text = line.strip()
    for head in heads:
        m = head.match(text)
        if m and m.end() < len(text):
            return text[m.end() :].strip()
        tail = re.compile(f"(?:{head.pattern})\\s*$", re.IGNORECASE).search(text)
        if tail and tail.start() > 0:
            return text[: tail.start()].rstrip()
    return line


def furniture(pages: list[list[str]]) -> list[set[int]]:
    """For each page, the indexes of its lines that are page furniture."""
    running = running_shapes(pages)
    out: list[set[int]] = []
    for lines in pages:
        drop = line_number_run(lines)
        filled = [i for i, ln in enumerate(lines) if ln.strip() and i not in drop]
        edges = set(filled[:EDGE] + filled[-EDGE:])
        for i in filled:
            ln = lines[i]
            at_edge = i in edges
            if (
                _SLASHES.match(ln)
                or _CONTINUED.match(ln)
                and at_edge
                or at_edge
                and (shape(ln) in running or _FOLIO.match(ln))
            ):
                drop.add(i)
            elif len(shape(ln)) >= 24 and shape(ln) in running:
                drop.add(i)  # a long repeated head drawn out of reading order
        # a bare number is a page number only as the page's first or last line
        rest = [i for i in filled if i not in drop]
        drop.update(i for i in rest[:1] + rest[-1:] if _PAGE_NUMBER.match(lines[i]))
        out.append(drop)
    return out


# ---------------------------------------------------------------- footnotes

_NOTE_LABEL = re.compile(r"^\s*(\d{1,3}|\*{1,3}|[†‡])(?=\s|$|[A-Z“\"(§])\s*")


def body_size(pages: Iterable[list[Line]]) -> float:
    """The type size most of the text is set in (0 when sizes are unknown)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            if ln.size:
                sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def split_notes(lines: list[Line], size: float) -> int:
    """Where the footnotes at the foot of a page start (len(lines) if there are none).

    With type sizes: the notes are the trailing lines set smaller than the body, below
    at least three lines of body type. Without them: the lines after a rule ("_____")
    in the lower part of the page, when a numbered note follows it.
    """
    n = len(lines)
    if size:
        i = n
        while i > 0 and 0 < lines[i - 1].size < size * 0.95:
            i -= 1
        above = [ln for ln in lines[:i] if ln.size >= size * 0.97 and ln.text.strip()]
        if i < n and len(above) >= 3:
            # the block starts at its first numbered line, or continues a note
            return i
        return n
    for i in range(n - 1, n // 3, -1):
        if _RULE.match(lines[i].text):
            rest = [ln for ln in lines[i + 1 :] if ln.text.strip()]
            if rest and _NOTE_LABEL.match(rest[0].text):
                return i
    return n


def gather_notes(lines: list[Line], notes: list[list[str]]) -> None:
    """Add a page's footnote lines to `notes` ([label, line, line...] per note)."""
    for ln in lines:
        text = ln.text.strip()
        if not text or _RULE.match(text):
            continue
        m = _NOTE_LABEL.match(text)
        if m and (not notes or _next_label(notes, m.group(1))):
            notes.append([m.group(1), text[m.end() :]])
        elif notes:
            notes[-1].append(text)
        else:  # the first note's text continues from a page we did not see
            notes.append(["", text])


def _next_label(notes: list[list[str]], label: str) -> bool:
    last = next((n[0] for n in reversed(notes) if n[0].isdigit()), "")
    if label.isdigit():
        return not last or int(last) < int(label) <= int(last) + 3
    return True


# ---------------------------------------------------------------- line-end hyphens

_MARKS = re.compile(PAGE_MARK + r"\d+" + PAGE_MARK)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased words (hyphenated compounds whole) of `texts`, with their counts."""
    words: Counter[str] = Counter()
    for t in texts:
        for w in _WORD.findall(t):
            words[w.lower()] += 1
            if "-" in w:
                words.update(p.lower() for p in w.split("-"))
    return words


def join_hyphen(before: str, after: str, words: Counter[str]) -> str:
    """The joint of a line that ends with a hyphen and the line that follows.

    A digit or capital after the hyphen, or a digit before it, is a real hyphen
    ("§ 14-306.4", "2021-NCSC-57", "non-Muslim"); between lower-case letters the
    word list of the opinion decides (the joined word seen elsewhere, or the
    hyphenated compound); otherwise a word broken by the printer is joined.
    """
    head = re.search(r"([A-Za-z]*)-$", before)
    tail = re.match(r"[A-Za-z]*", _MARKS.sub("", after))
    first = head.group(1) if head else ""
    rest = tail.group(0) if tail else ""
    nxt = after[:1]
    if not first or not rest or not nxt.islower():
        return before + after
    whole, compound = (first + rest).lower(), f"{first}-{rest}".lower()
    if words[compound] > words[whole] or re.search(r"[A-Za-z]-[A-Za-z]*-$", before):
        return before + after
    return before[:-1] + after


def dehyphenate(lines: list[str], words: Counter[str]) -> list[str]:
    """Lines with each line-end hyphen resolved against the next line (see join_hyphen)."""
    out: list[str] = []
    for raw in lines:
        line = raw.rstrip()
        if out and re.search(r"[A-Za-z0-9]-$", out[-1]) and line.strip():
            out[-1] = join_hyphen(out[-1], line.lstrip(), words)
            continue
        if out and out[-1].endswith("\u00ad") and line.strip():
            out[-1] = out[-1][:-1] + line.lstrip()
            continue
        out.append(line)
    return [ln.replace("\u00ad", "") for ln in out]


# ---------------------------------------------------------------- assembly


def assemble(pages: list[list[Line]], labels: list[str] | None = None) -> Paged:
    """Body text read on across pages, footnotes after it, furniture left out.

    Args:
        pages: each page's lines, in reading order.
        labels: each page's label for the page map ("1", "2", ...) if not its number.
    """
    texts = [[ln.text for ln in p] for p in pages]
    drops = furniture(texts)
    heads = glued_heads(texts)
    kept = [[ln for i, ln in enumerate(p) if i not in d] for p, d in zip(pages, drops, strict=True)]
    for lines in kept:
        for ln in lines:
            trimmed = cut_glued(ln.text, heads) if heads else ln.text
            if trimmed != ln.text:
                ln.text, ln.plain = trimmed, None
    size = body_size(kept)
    words = vocabulary(ln.text for p in kept for ln in p)
    body: list[str] = []
    notes: list[list[str]] = []
    for n, page in enumerate(kept):
        at_notes = split_notes(page, size)
        gather_notes(page[at_notes:], notes)
        own = [ln.body for ln in page[:at_notes] if ln.body.strip()]
        if own:  # the mark goes after the first letter: reflow reads line starts
            first = own[0]
            at = len(first) - len(first.lstrip()) + 1
            own[0] = first[:at] + PAGE_MARK + str(n) + PAGE_MARK + first[at:]
            body.extend(own)
    text = reflow("\n".join(dehyphenate(body, words)))
    text, marks = _take_marks(text)
    names = labels or [str(i + 1) for i in range(len(pages))]
    page_map = [(pos, names[int(k)]) for pos, k in marks]
    spans: list[tuple[int, int, str]] = []
    parts = [text]
    pos = len(text)
    for note in notes:
        label, note_lines = note[0], note[1:]
        flowed = " ".join(reflow("\n".join(dehyphenate(note_lines, words))).split())
        if not flowed:
            continue
        head = f"{label}. " if label[-1:].isdigit() else (f"{label} " if label else "")
        parts.append("\n\n" + head + flowed)
        spans.append((pos + 2, pos + 2 + len(head) + len(flowed), label))
        pos += 2 + len(head) + len(flowed)
    return Paged("".join(parts), page_map, spans)


def _take_marks(text: str) -> tuple[str, list[tuple[int, str]]]:
    out: list[str] = []
    marks: list[tuple[int, str]] = []
    length = 0
    for i, part in enumerate(text.split(PAGE_MARK)):
        if i % 2:  # the mark stood after the page's first letter
            marks.append((max(0, length - 1), part))
            continue
        out.append(part)
        length += len(part)
    return "".join(out), marks


def clean_pages(pages: list[str]) -> Paged:
    """`assemble` for pages of plain text (no type sizes)."""
    return assemble([[Line(ln) for ln in p.splitlines()] for p in pages])


def clean_text(text: str) -> Paged:
    """`clean_pages` for a text whose pages are split by form feeds."""
    return clean_pages(text.split("\f"))
