"""Decide whether a document is a certificate, a Statement of Applicability, or neither."""

from __future__ import annotations

import re

from .controls import leading_id, normalise_id, ocr_id
from .pages import Page

_SOA = re.compile(r"statement\s+of\s+applicability|\bSoA\b|anwendbarkeitserkl[äa]rung", re.I)
_SOA_TABLE = re.compile(r"applicab|justification|rationale|included|excluded|begründung", re.I)
_ID_TOKEN = re.compile(r"(?:Annex\s*A\s*|A\s*\.?\s*)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?")
_CERT = re.compile(r"certif|attest|zertifi|assessment|conformity|readiness|alignment", re.I)
_STANDARD = re.compile(r"ISO\s*/?\s*IEC\s*\d{4,5}|ISO\s+\d{4,5}|\b42001\b", re.I)
_MIN_SOA_CONTROLS = 5


def classify(pages: list[Page]) -> str:
    """Return 'certificate', 'soa' or 'unknown'."""
    text = "\n".join(p.text for p in pages)
    if _is_soa(pages, text):
        return "soa"
    if _CERT.search(text) and _STANDARD.search(text):
        return "certificate"  # attestation / readiness letters too: they are offered as one
    return "unknown"


def _is_soa(pages: list[Page], text: str) -> bool:
    """An SoA lists Annex A controls (at line starts or in table cells) and says what it is."""
    rows = {found[0] for p in pages for line in p.lines if (found := leading_id(line.text))}
    rows |= {cid for p in pages if p.ocr for line in p.lines if line.words
             and (cid := ocr_id(line.words[0].text, line.text))}  # "6.13": OCR dropped a dot
    cells = {cid for token in _ID_TOKEN.findall(text) if (cid := normalise_id(token))}
    if max(len(rows), len(cells)) < _MIN_SOA_CONTROLS:
        return False
    head = "\n".join(p.text for p in pages[:1])[:2000]
    return bool(_SOA.search(head)) or (len(rows) >= 2 * _MIN_SOA_CONTROLS and bool(_SOA_TABLE.search(text)))


def title(pages: list[Page]) -> str | None:
    """Return the largest-font line of the first page, as a best-effort title."""
    lines = [line for p in pages[:1] for line in p.lines]
    if not lines:
        return None
    return max(lines, key=lambda line: line.size).text
