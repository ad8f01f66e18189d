"""Decide whether a document is a certificate, a Statement of Applicability, or neither."""

from __future__ import annotations

import re
from functools import cache

from . import lexicon
from .controls import leading_id, normalise_id, ocr_id
from .pages import Page

_ID_TOKEN = re.compile(r"(?:Annex\s*A\s*|A\s*\.?\s*)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?")
_STANDARD = re.compile(r"ISO\s*/?\s*IEC\s*\d{4,5}|ISO\s+\d{4,5}|\b42001\b", re.I)
_MIN_SOA_CONTROLS = 5


def classify(pages: list[Page]) -> str:
    """Return 'certificate', 'soa' or 'unknown'."""
    text = "\n".join(p.text for p in pages)
    if _is_soa(pages, text):
        return "soa"
    if _certificate_stems().search(text) and _STANDARD.search(text):
        return "certificate"  # attestation / readiness letters too: they are offered as one
    return "unknown"


@cache
def _certificate_stems() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.phrases("certificate_stems")), re.I)


def _is_soa(pages: list[Page], text: str) -> bool:
    """An SoA lists Annex A controls (at line starts or in table cells) and says what it is."""
    rows = {found[0] for p in pages for line in p.lines if (found := leading_id(line.text))}
    rows |= {cid for p in pages if p.ocr for line in p.lines if line.words
             and (cid := ocr_id(line.words[0].text, line.text))}  # "6.13": OCR dropped a dot
    cells = {cid for token in _ID_TOKEN.findall(text) if (cid := normalise_id(token))}
    if max(len(rows), len(cells)) < _MIN_SOA_CONTROLS:
        return False
    head = "\n".join(p.text for p in pages[:1])[:2000]
    titled = lexicon.pattern("soa", "titles").search(head)
    return bool(titled) or (len(rows) >= 2 * _MIN_SOA_CONTROLS and bool(_soa_columns().search(text)))


@cache
def _soa_columns() -> re.Pattern[str]:
    """Column headings and marks only an SoA table has: applicability, justification, exclusion."""
    words = [w for part in ("applicable", "justification") for w in lexicon.phrases("soa", "columns", part)]
    words += lexicon.phrases("soa", "does_not_apply")
    return re.compile(lexicon.alternation(w for w in words if len(w) > 5), re.I)


def title(pages: list[Page]) -> str | None:
    """Return the largest-font line of the first page, as a best-effort title."""
    lines = [line for p in pages[:1] for line in p.lines]
    if not lines:
        return None
    return max(lines, key=lambda line: line.size).text
