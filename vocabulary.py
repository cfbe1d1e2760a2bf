"""The legal vocabulary citegraph reads, said once: signals, pins, dockets, Bluebook
abbreviations (T6), party and court words, history and treatment phrases, and the
accent fold every comparison uses.

Like eyecite's regexes.py, this module holds words and patterns, not procedures: the
readers (header and caption parsing), the extraction (citations, propositions) and the
graph (identity, search) import what they need from here, so that a word added to the
vocabulary is added everywhere it is read.
"""

from __future__ import annotations

import re
import unicodedata

# The head of an opinion: where its caption, its own citations and its docket stand.
# A citation found here that names the opinion itself is not a citation of another.
HEAD_CHARS = 3000
