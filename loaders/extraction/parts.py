"""The opinions of one text (`Citation.part`): majority, concurrence, dissent.

A combined text (CourtListener's "combined" opinions, a CAP opinion with more than one
author) holds the opinion of the court and then its separate opinions; it is cut at their
headings ("MR. JUSTICE BLACK, with whom ..., dissenting.", "KORMAN, District Judge,
concurring in part and dissenting in part:", or a separate opinion headed only by its
author after the judgment: "Mr. Justice Butler."). Only the majority speaks for the court.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...models import Opinion

__all__ = ["opinion_parts", "part_at"]


_JUSTICE = (
    r"(?:(?:MR\.?|Mr\.?|MS\.?|Ms\.?)\s+)?(?:(?:CHIEF|Chief|ASSOCIATE|Associate)\s+)?"
    r"(?:JUSTICE|Justice|JUDGE|Judge)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s+(?:(?:Chief|Circuit|Senior|District)\s+)?"
    r"(?:J|C\.\s?J|JJ|Judge|Justice)\.?"
)
_SEPARATE = re.compile(
    rf"^\s*(?:{_JUSTICE})(?:[^\n]{{0,300}}?)[,(]?\s*\(?"
    r"(concurring\s+in\s+part\s+and\s+dissenting\s+in\s+part|dissenting\s+in\s+part|"
    r"concurring\s+in\s+(?:the\s+)?(?:judgment|result)(?:\s+in\s+part)?|"
    r"concurring|dissenting)\b[^\n]{0,40}$",
)
_MAJORITY = re.compile(
    rf"^\s*(?:(?:{_JUSTICE})[^\n]{{0,120}}?delivered\s+the\s+opinion\s+of\s+the\s+[Cc]ourt|"
    r"PER\s+CURIAM|Per\s+Curiam|OPINION\s+OF\s+THE\s+COURT|Opinion\s+of\s+the\s+Court)\b"
)
_SEPARATE_TYPE = re.compile(r"dissent|concur", re.I)
# a separate opinion headed only by its author ("Mr. Justice Butler."), after the majority's
_BARE_AUTHOR = re.compile(
    r"^\s*[•*]?\s*(?:MR\.?|Mr\.?|MS\.?|Ms\.?)?\s*(?:CHIEF\s+|Chief\s+)?(?:JUSTICE|Justice)\s+"
    r"[A-Z][\w'’.-]+\.?\s*$"
)
_SAYS_DISSENT = re.compile(r"\bdissent|\bI\s+(?:am\s+unable|cannot|can\s+not)\s+agree\b", re.I)
_SAYS_CONCUR = re.compile(r"\bconcur", re.I)


def opinion_parts(opinion: Opinion) -> list[tuple[int, str]]:
    """Where each opinion of the text starts and its type: (offset, part), in order.

    A text the source already typed as a separate opinion (a dissent, a concurrence) is
    one part; otherwise the majority runs until a separate opinion's heading.
    """
    kind = (opinion.type or "").lower()
    if _SEPARATE_TYPE.search(kind):
        return [(0, _part_name(kind))]
    parts = [(0, "majority")]
    text = opinion.text
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if len(line) > 420:
            continue
        sep = _SEPARATE.match(line)
        if sep:
            part = _part_name(sep.group(1))
        elif _BARE_AUTHOR.match(line) and m.start() > 2000:
            after = text[m.end() : m.end() + 3000]
            part = (
                "dissent"
                if _SAYS_DISSENT.search(after)
                else "concurrence"
                if _SAYS_CONCUR.search(after)
                else "separate opinion"
            )
        elif _MAJORITY.match(line) and len(parts) > 1:
            part = "majority"
        else:
            continue
        if parts[-1][1] != part:
            parts.append((m.start(), part))
    return parts


def _part_name(words: str) -> str:
    words = re.sub(r"\s+", " ", words.lower())
    if "dissent" in words and "concur" in words:
        return "concurrence in part, dissent in part"
    if "dissent" in words:
        return "dissent"
    if "judgment" in words or "result" in words:
        return "concurrence in the judgment"
    return "concurrence"


def part_at(parts: list[tuple[int, str]], offset: int) -> str:
    """The part of the opinion in which `offset` stands."""
    i = bisect_right([p[0] for p in parts], offset) - 1
    return parts[max(i, 0)][1]
