"""Sentence templates over running text, built from the lexicon: where a field's phrase stands in prose.

"X hereby certifies that Y has ...", "... valid until 11 March 2027", "remains the property of X":
each template is a lexicon phrase list compiled once; readers run them over paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon
from .cert_structures import Paragraph
from .labels import FIELDS, fold, vocabulary

_GAP = r"[\s,\-]+"  # between a phrase's words: spaces, hyphens, or a comma ("bescheinigt, dass")


@cache
def phrase_pattern(*section: str, case: bool = False) -> re.Pattern[str]:
    """Return a whole-word pattern for a lexicon phrase list (case-insensitive unless `case`)."""
    body = lexicon.alternation(lexicon.phrases(*section), gap=_GAP)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", 0 if case else re.I)


@dataclass(frozen=True)
class PhraseHit:
    """A field's label phrase found inside running text."""

    field: str
    paragraph: Paragraph
    start: int
    end: int

    @property
    def after(self) -> str:
        """Return the paragraph text after the phrase."""
        return self.paragraph.text[self.end:]


@cache
def _all_labels() -> tuple[re.Pattern[str], dict[str, str]]:
    """Return one pattern of every multi-word label phrase of every field, and each phrase's field.

    One pattern, longest phrase first, so "next surveillance audit" is one phrase (next audit), never
    "surveillance audit" inside it; and "first issued on" never holds "issued on".
    """
    owner: dict[str, str] = {}
    for name in FIELDS:
        for phrase in vocabulary()[name]:
            if " " in phrase or phrase in _SINGLE_WORD_PHRASES or name in _SINGLE_WORD_FIELDS:
                owner.setdefault(fold(phrase), name)
    body = lexicon.alternation(_phrases_of(owner), gap=_GAP)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I), owner


_SINGLE_WORD_PHRASES = frozenset({"expires", "expiry", "issued"})  # read as labels mid-sentence too
# Fields whose one-word phrases are read mid-sentence too: "geldig van X tot Y", "valable du X au Y" (the
# validity reader takes only a period, two dates joined by a range word, from such a phrase).
_SINGLE_WORD_FIELDS = frozenset({"validity"})


def _phrases_of(owner: dict[str, str]) -> list[str]:
    return [p for name in FIELDS for p in vocabulary()[name] if fold(p) in owner]


def label_phrases(paragraph: Paragraph) -> list[PhraseHit]:
    """Return every label phrase in a paragraph's running text, left to right (found once per paragraph)."""
    cached = paragraph.cache.get("label_phrases")
    if cached is None:
        cached = paragraph.cache["label_phrases"] = _find_label_phrases(paragraph)
    return list(cached)


def _find_label_phrases(paragraph: Paragraph) -> list[PhraseHit]:
    pattern, owner = _all_labels()
    out = []
    for m in pattern.finditer(paragraph.text):
        name = owner.get(fold(m.group(0)))
        if name is not None:
            out.append(PhraseHit(name, paragraph, m.start(), m.end()))
    return out


def closer_pattern() -> re.Pattern[str]:
    """Return the words that end a holder's name in a sentence ("has", "hat", "a", ...), as printed."""
    return phrase_pattern("holder_closers", case=True)


def first_match(pattern: re.Pattern[str], text: str, start: int = 0) -> re.Match[str] | None:
    """Return the first match of `pattern` in `text` at or after `start`."""
    return pattern.search(text, start)
