"""The Statement of Applicability a certificate cites: version and date."""

from __future__ import annotations

import datetime as dt
import re

from .cert_text import line_with
from .dates import Order, find_dates
from .model import Evidence
from .pages import Page

_SOA = re.compile(r"(?:statement\s+of\s+applicability|\bSoA\b|erkl[äa]rung\s+zur\s+anwendbarkeit)"
                  r"(?P<tail>.{0,120})", re.I | re.S)
_VERSION = re.compile(r"(?:\bversion|\bver\.?|\brev(?:ision)?\.?|\bissue|\bv\.?|\bAusgabe|\bStand)\s*:?\s*"
                      r"(?P<v>\d+(?:\.\d+)*[a-z]?)\b", re.I)
_BARE_VERSION = re.compile(r"\s*[:,(]?\s*(?P<v>\d+(?:\.\d+)*[a-z]?)(?![\d/-])", re.I)


def soa_reference(pages: list[Page], labelled: list[str],
                  order: Order | None) -> tuple[str | None, dt.date | None, Evidence] | None:
    """Return the SoA version and date a certificate cites (label value first, then running text)."""
    for text in labelled:
        found = _version_and_date(text, order)
        if found[0] or found[1]:
            line = line_with(pages, text[:30])
            return found[0], found[1], line or Evidence(1, text)
    joined = " ".join(line.text for page in pages for line in page.lines)
    for m in _SOA.finditer(joined):
        version, date = _version_and_date(m.group("tail"), order)
        if version or date:
            line = line_with(pages, m.group(0)[:40]) or line_with(pages, "Applicability")
            return version, date, line or Evidence(1, m.group(0))
    return None


def _version_and_date(text: str, order: Order | None) -> tuple[str | None, dt.date | None]:
    text = first_clause_keep_dates(text)
    v = _VERSION.search(text) or _BARE_VERSION.match(text)
    dates = [m for m in find_dates(text, order) if m.value]
    version = v.group("v") if v and not (dates and dates[0].start <= v.start("v") < dates[0].end) else None
    return version, (dates[0].value if dates else None)


def first_clause_keep_dates(text: str) -> str:
    """Return text up to its first sentence end that is not inside a date or version number."""
    m = re.search(r"\.\s+(?=[A-Z])|;", text)
    return text[: m.start()] if m else text
