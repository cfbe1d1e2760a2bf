"""HTML opinions: court websites, CourtListener's HTML fields, saved web pages.

The visible text is kept with paragraphs as blank-line breaks; scripts, styles and
forms are dropped (opinion text is untrusted and never becomes markup again).
Publisher markup that carries meaning is read, not printed: page markers become the
Opinion's page map, footnotes move to the end of the opinion with their spans
recorded, footnote call-outs are dropped. `<pre>` blocks (CourtListener keeps
typewritten slip opinions in them) are reflowed like plain text.

The same walker reads the Caselaw Access Project's HTML and XML (cap.py).
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from typing import Any

from ...models import Opinion
from .caption import bluebook
from .decoding import decode, peek, reflow
from .header import opinion_from_text
from .pages import strip_star_pages
from .registry import Format

SKIP_TAGS = {
    "script", "style", "head", "noscript", "template", "iframe", "object", "embed", "svg",
    "button", "form", "input", "select", "textarea", "nav", "canvas", "audio", "video",
}  # fmt: skip
BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre", "blockquote",
    "section", "article", "aside", "table", "ul", "ol", "dd", "dt", "center", "hr", "body",
    "header", "footer", "main", "address", "figure", "figcaption", "title",
    # Caselaw Access Project casebody XML
    "parties", "docketnumber", "court", "decisiondate", "otherdate", "citation", "author",
    "attorneys", "judges", "syllabus", "summary", "headnotes", "disposition", "opinion",
    "history", "seealso", "correction", "casebody", "footnote", "bracketnum", "key",
}  # fmt: skip
_WS = re.compile(r"\s+")
# An entity left in text after the parser's one decoding ("&amp;amp;" -> "&amp;"): only
# named or numbered references closed by ";", so "AT&T" or "&para" stay as written.
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# A text node that is nothing but style rules (".c1 { font-weight: bold }"): markup
# broken around a <style> element leaves its rules as text.
_CSS_TEXT = re.compile(r"^\s*(?:[@.#\w*][^{}<>]{0,200}\{[^{}]*:[^{}]*\}\s*)+$")
# A headnote number set at the head of a paragraph of the body ("[6] The court ...").
_HEADNOTE = re.compile(r"^\[\d{1,2}\]\s+")
# A block whose whole text heads the footnotes ("NOTES", "Footnotes:").
_NOTES_TITLE = re.compile(r"^\s*(?:foot|end)?notes\s*:?\s*$", re.I)
# The text of a footnote call-out or back link: "1", "[12]", "*", "[*]", "(3)".
_NOTE_MARK = re.compile(r"^\s*[\[(]?(?:\d{1,3}|\*{1,3}|[a-z])[\])]?\s*$")


def unescape(text: str) -> str:
    """`text` with every character reference decoded, however often it was escaped."""
    for _ in range(4):
        if "&" not in text or not ENTITY.search(text):
            break
        text = ENTITY.sub(lambda m: _html.unescape(m.group(0)), text)
    return text


def local(el: Any) -> str:
    """An element's tag without its XML namespace, lower case ("" for comments)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def classes(el: Any) -> set[str]:
    """The element's HTML classes."""
    return set((el.get("class") or "").split())


@dataclass
class Layout:
    """Text built from a tree, with the page map and footnote spans that refer to it."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    pages: list[tuple[int, str]] = field(default_factory=list)
    footnotes: list[tuple[int, int, str]] = field(default_factory=list)
    pending_notes: list[tuple[str, Any]] = field(default_factory=list)
    glue: bool = False  # the next paragraph break is skipped (after a footnote's label)
    in_notes: bool = False  # past a "NOTES" heading: "[1]" labels a note, not a headnote

    @property
    def last(self) -> str:
        return self.parts[-1][-1:] if self.parts else "\n"

    def emit(self, text: str) -> None:
        """Append inline text, spaces collapsed, character references decoded."""
        text = _WS.sub(" ", unescape(text))
        if self.last in (" ", "\n"):
            text = text.lstrip(" ")
            if self.last == "\n" and not self.in_notes:
                text = _HEADNOTE.sub("", text)
        if text:
            self.parts.append(text)
            self.pos += len(text)
            self.glue = False

    def emit_raw(self, text: str) -> None:
        """Append text as is (a reflowed <pre> block)."""
        if text:
            self.parts.append(text)
            self.pos += len(text)
            self.glue = False

    def paragraph(self) -> None:
        """End the current paragraph."""
        if not self.parts or self.glue:
            return
        while self.parts and self.parts[-1].endswith(" "):
            stripped = self.parts[-1].rstrip(" ")
            self.pos -= len(self.parts[-1]) - len(stripped)
            self.parts[-1] = stripped
            if not stripped:
                self.parts.pop()
        if self.parts and not self.parts[-1].endswith("\n\n"):
            sep = "\n" if self.parts[-1].endswith("\n") else "\n\n"
            self.parts.append(sep)
            self.pos += len(sep)

    def text(self) -> str:
        return "".join(self.parts).strip()


def page_label(el: Any) -> str | None:
    """The page of the official report a page marker starts ("*428" -> "428")."""
    name = local(el)
    cls = classes(el)
    if name == "page-number" or "page-label" in cls or "star-pagination" in cls:
        index = el.get("citation-index") or el.get("data-citation-index") or "1"
        if index != "1":
            return ""  # a page of a parallel reporter ("**480"): not this report's page
        label = el.get("label") or el.get("data-label") or "".join(el.itertext())
        label = label.strip().lstrip("*").strip()
        return label or None
    return None


def note_label(el: Any) -> str | None:
    """The label of a footnote element, or None if `el` is not a footnote."""
    name = local(el)
    cls = classes(el)
    if name == "footnote" or (name in ("aside", "div") and "footnote" in cls):
        label = el.get("label") or el.get("data-label") or ""
        if not label:
            m = re.search(r"(\d+)\D*$", el.get("id") or "")
            label = m.group(1) if m else "*"  # "fn-s": a note of the star kind
        return label.strip().rstrip(".")
    return None


def is_mark(el: Any) -> bool:
    """A footnote call-out in the text ("<footnotemark>1</footnotemark>")."""
    name = local(el)
    if name == "footnotemark" or "footnotemark" in classes(el):
        return True
    text = "".join(el.itertext())
    if name == "sup":
        links = [a for a in el.iter() if local(a) == "a" and (a.get("href") or "").startswith("#")]
        # "<sup>[1]</sup>", "<sup>*</sup>": a bare label is a call-out too
        return (bool(links) and len(text.strip()) <= 4) or bool(_NOTE_MARK.match(text))
    if name == "a" and (el.get("href") or "").startswith("#"):
        # "<a class="footnote" href="#fn1">1</a>" in the body, "#fn1_ref" back in the note
        return "footnote" in classes(el) and bool(_NOTE_MARK.match(text))
    return False


def is_paragraph_number(el: Any) -> bool:
    """A paragraph number set apart from the text ("<span class="num">12</span>")."""
    return local(el) == "span" and "num" in classes(el) and "".join(el.itertext()).strip().isdigit()


def walk(el: Any, out: Layout, notes_to_end: bool = True) -> None:
    """Lay out `el` and its descendants into `out`."""
    name = local(el)
    if not name or name in SKIP_TAGS:
        _tail(el, out)
        return
    label = page_label(el)
    if label is not None:
        if label:
            out.pages.append((out.pos, label))
        _tail(el, out)
        return
    if is_mark(el) or is_paragraph_number(el):
        _tail(el, out)
        return
    note = note_label(el)
    if note is not None and notes_to_end:
        out.pending_notes.append((note, el))
        _tail(el, out)
        return
    if name == "a" and (el.get("href") or "").startswith("#ref"):
        _tail(el, out)  # a footnote's link back to its call-out
        return
    block = name in BLOCK_TAGS
    if block:
        out.paragraph()
        if not out.in_notes and _NOTES_TITLE.match("".join(el.itertext())):
            out.in_notes = True
    if name == "pre":
        out.emit_raw(reflow("".join(el.itertext())))
    else:
        if el.text and not _CSS_TEXT.match(el.text):
            out.emit(el.text)
        for child in el:
            walk(child, out, notes_to_end)
    if block:
        out.paragraph()
    _tail(el, out)


def _tail(el: Any, out: Layout) -> None:
    tail = el.tail
    if not tail or _CSS_TEXT.match(tail):
        return
    # "<a>11 NY3d 1 </a>05": the link ends inside a number, whose digits join
    joins = local(el) in ("a", "span") and tail[0].isdigit() and out.parts
    if joins and out.parts[-1].endswith(" ") and out.parts[-1].rstrip(" ")[-1:].isdigit():
        kept = out.parts[-1].rstrip(" ")
        out.pos -= len(out.parts[-1]) - len(kept)
        out.parts[-1] = kept
    out.emit(tail)


def flush_notes(out: Layout) -> None:
    """Write the footnotes met so far at the end of the text, recording their spans."""
    notes, out.pending_notes = out.pending_notes, []
    for label, el in notes:
        out.paragraph()
        start = out.pos
        out.emit(f"{label}. " if label and label[-1].isdigit() else f"{label} ")
        out.glue = True
        if el.text:
            out.emit(el.text)
        for child in el:
            walk(child, out)
        out.paragraph()
        end = out.pos
        while end > start and out_text_char(out, end - 1).isspace():
            end -= 1
        out.footnotes.append((start, end, label))
        flush_notes(out)  # footnotes inside footnotes


def out_text_char(out: Layout, i: int) -> str:
    """Character `i` of the text laid out so far."""
    n = 0
    for part in out.parts:
        if i < n + len(part):
            return part[i - n]
        n += len(part)
    return ""


def layout(root: Any) -> Layout:
    """Lay out a whole tree, footnotes at the end."""
    out = Layout()
    walk(root, out)
    flush_notes(out)
    return out


def finish(out: Layout) -> tuple[str, list[tuple[int, str]], list[tuple[int, int, str]]]:
    """The laid-out text with leading whitespace removed and offsets shifted to match."""
    raw = "".join(out.parts)
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    n = len(text)
    pages = [(max(0, min(o - lead, n)), p) for o, p in out.pages]
    notes = [(max(0, s - lead), max(0, min(e - lead, n)), lb) for s, e, lb in out.footnotes]
    return text, pages, notes


def html_to_text(html: str) -> str:
    """Visible text of an opinion's HTML, paragraphs kept as blank-line breaks."""
    text, _, _ = finish(layout(parse_html(html)))
    return text


def parse_html(html: str) -> Any:
    """Parse HTML leniently (broken markup is common in scraped opinions)."""
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    html = _one_document(html)
    if not html.strip():
        return lxml.html.fromstring("<div></div>")
    return (
        lxml.html.document_fromstring(html)
        if re.search(r"<html", html[:2000], re.I)
        else (lxml.html.fromstring(f"<div>{html}</div>"))
    )


_DOC_TAG = re.compile(r"</?(?:html|body)\b[^>]*>|<!doctype[^>]*>", re.I)
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.I | re.S)


def _one_document(html: str) -> str:
    """Pages pasted one after another ("</html><html>", a second <body>) as one document.

    A parser stops at the first document's end, so the later ones would be lost: the
    document tags are dropped, the first head kept and the others (styles, titles) removed.
    """
    if len(re.findall(r"<(?:html|body)\b", html, re.I)) <= 2:
        return html
    heads = list(_HEAD.finditer(html))
    head = heads[0].group(0) if heads else ""
    body = _DOC_TAG.sub("", _HEAD.sub("", html))
    return f"<html>{head}<body>{body}</body></html>"


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of an input are HTML (whatever its extension)."""
    start = peek(head).lstrip()[:2000].lower()
    if start.startswith(("<!doctype html", "<html")):
        return True
    if not start.startswith("<"):
        return False
    return bool(re.search(r"<(?:p|div|body|pre|table|span|br|h[1-6]|section|article)\b", start))


def read_html(data: bytes, source: str) -> list[Opinion]:
    """Read an HTML opinion."""
    tree = parse_html(decode(data, source))
    title = tree.findtext(".//title") if hasattr(tree, "findtext") else None
    text, pages, notes = finish(layout(tree))
    if not pages:
        # Star paging typed into the text ("[*219]") rather than marked up.
        stripped, star = strip_star_pages(text)
        if star:
            text, pages, notes = stripped, star, []
    known: dict[str, Any] = {}
    if title and re.search(r"\sv\.?\s", title):
        known["name"] = bluebook(re.split(r"\s+[|:\-–]\s+|,\s+\d", title.strip())[0])
    return [opinion_from_text(text, source, prepared=True, pages=pages, footnotes=notes, **known)]


FORMAT = Format("html", read_html, extensions=(".html", ".htm", ".xhtml"), sniff=looks_like_html)
