"""Decide whether a document is a certificate, a Statement of Applicability, or neither."""

from __future__ import annotations

import re

from .pages import Page

_SOA = re.compile(r"statement\s+of\s+applicability|\bSoA\b", re.I)
_CONTROL_ID = re.compile(r"\b(?:A\.?\s?)?(?:[2-9]|10)\.\d(?:\.\d)?\b")
_CERT = re.compile(r"certif|attest|assessment|ISO\s*/?\s*IEC\s*\d{4,5}|ISO\s+\d{4,5}", re.I)


def classify(pages: list[Page]) -> str:
    """Return 'certificate', 'soa' or 'unknown'."""
    text = "\n".join(p.text for p in pages)
    head = "\n".join(p.text for p in pages[:1])[:1500]
    if _SOA.search(head) and len(_CONTROL_ID.findall(text)) >= 5:
        return "soa"
    if _CERT.search(text) and re.search(r"ISO\s*/?\s*IEC|ISO\s+\d{4,5}", text, re.I):
        return "certificate"
    return "unknown"


def title(pages: list[Page]) -> str | None:
    """Return the largest-font line of the first page, as a best-effort title."""
    lines = [line for p in pages[:1] for line in p.lines]
    if not lines:
        return None
    return max(lines, key=lambda line: line.size).text
