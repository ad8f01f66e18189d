"""Whether a scope states that it covers all of the holder's AI systems, products or services.

From the lexicon's `scope_coverage` section: a whole-organisation phrase ("organisation-wide", "toute
l'organisation"), or a quantifier ("all", "sämtliche", "tous les") followed by an offering ("AI systems",
"Produkte", "services") with only qualifiers between ("all of Acme's AI-enabled products"). Coverage an
exclusion cue governs is not coverage: "All AI systems are excluded except the HR assistant".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .cues import governed
from .phrases import folded, phrase_set
from .text import clauses

_TOKENS = re.compile(r"[\w'.]+")
_OFFERING_WITHIN = 8  # tokens after a quantifier in which its offering must stand
_NAME_WORDS = 3  # words a possessive name may take: "all of Acme Voice's products"


def covers_everything(scope: str) -> bool:
    """Return whether the scope states it covers all of the holder's AI systems, products or services."""
    for sentence in clauses(scope):
        excluded = governed(sentence)
        for start, end in _coverage(folded(sentence).text):
            if not any(part.start <= start and end <= part.end for part in excluded):
                return True
    return False


def _coverage(text: str) -> Iterator[tuple[int, int]]:
    """Yield the span of each statement of whole coverage in folded `text`."""
    for match in phrase_set("scope_coverage", "whole").finditer(text):
        yield match.span()
    for match in phrase_set("scope_coverage", "quantifiers").finditer(text):
        end = _offering_end(text, match.end())
        if end is not None:
            yield match.start(), end


def _offering_end(text: str, start: int) -> int | None:
    """Return where the offering a quantifier ends at `start` quantifies ends, or None if it has none."""
    offerings = phrase_set("scope_coverage", "offerings")
    qualifiers = phrase_set("scope_coverage", "qualifiers")
    tokens = list(_TOKENS.finditer(text, start))[:_OFFERING_WITHIN]
    i = 0
    while i < len(tokens):
        word = tokens[i].group().strip(".")
        if offerings.fullmatch(word):
            return tokens[i].end()
        if qualifiers.fullmatch(word):
            i += 1
            continue
        owner = next((j for j in range(i, min(i + _NAME_WORDS, len(tokens)))
                      if tokens[j].group().endswith("'s")), None)
        if owner is None:
            return None
        i = owner + 1
    return None
