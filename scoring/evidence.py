"""Turn an extraction's provenance into flag evidence: document, page, quote."""

from __future__ import annotations

from collections.abc import Iterable

from parsers.model import Evidence

from .model import FlagEvidence
from .text import collapse

_SKIPPED = frozenset(" \t\r\n\u00ad-\u2010\u2011")  # whitespace and (soft) hyphens at line breaks


def from_evidence(document: str, evidence: Evidence) -> FlagEvidence:
    """Return flag evidence quoting a recorded value's source text."""
    return FlagEvidence(document, evidence.page, collapse(evidence.text), evidence.bbox)


def field_evidence(document: str, recorded: Iterable[Evidence], fallback: str | None) -> list[FlagEvidence]:
    """Quote where a field was read; without provenance, quote the value itself (page unknown)."""
    found = [from_evidence(document, e) for e in recorded]
    if found:
        return found
    return [FlagEvidence(document, None, collapse(fallback))] if fallback else []


def absence(document: str, looked_for: str) -> FlagEvidence:
    """Return evidence for something looked for and not found."""
    return FlagEvidence(document, None, f"Looked for {looked_for}: not found")


def context(quote: str) -> FlagEvidence:
    """Return evidence quoting the assessment context (the buyer's questionnaire and answers)."""
    return FlagEvidence("context", None, quote)


def locate(document: str, snippet: str, page_texts: list[str],
           prefer: Iterable[int] = ()) -> FlagEvidence | None:
    """Quote `snippet` exactly as it is printed on the page it is on (preferred pages first).

    The snippet may come from a field whose whitespace was collapsed and hyphenated line breaks
    joined, so the search ignores whitespace, hyphens and case, then quotes the page's own text.
    """
    order = list(dict.fromkeys([p for p in prefer if 1 <= p <= len(page_texts)]
                               + list(range(1, len(page_texts) + 1))))
    target = "".join(_lower(ch) for ch in snippet if ch not in _SKIPPED)
    for number in order:
        quote = _find(page_texts[number - 1], target)
        if quote:
            return FlagEvidence(document, number, quote)
    return None


def _lower(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch  # keep one char per char so indexes map back

def _find(page: str, target: str) -> str | None:
    """Return the page text spanning `target` (compared without whitespace/hyphens), or None."""
    if not target:
        return None
    kept: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(page):
        if ch not in _SKIPPED:
            kept.append(_lower(ch))
            index.append(i)
    at = "".join(kept).find(target)
    if at < 0:
        return None
    start, end = index[at], index[at + len(target) - 1] + 1
    return collapse(page[start:end])
