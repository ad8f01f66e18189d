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
_DATE_INTRO = re.compile(r"(?:dated|date|of|from|vom|du|del|issued|\(|,)\s*:?\s*$", re.I)
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
    """Return the version and the date that belong to the SoA in text following its mention.

    A date counts only when introduced as the SoA's ("dated", "of", "(") or right after the version,
    so "... Statement of Applicability and is valid until 11 March 2027" gives no SoA date.
    """
    text = first_clause_keep_dates(text)
    v = _VERSION.search(text) or _BARE_VERSION.match(text)
    dates = [m for m in find_dates(text, order) if m.value]
    if v and dates and dates[0].start <= v.start("v") < dates[0].end:
        v = None  # the "version" was the day of a date
    after = v.end() if v else 0
    own = [m for m in dates if m.start >= after and (_DATE_INTRO.search(text[max(0, m.start - 12):m.start])
                                                     or (v and m.start - after <= 20))]
    return (v.group("v") if v else None), (own[0].value if own else None)


def first_clause_keep_dates(text: str) -> str:
    """Return text up to its first sentence end that is not inside a date or version number."""
    m = re.search(r"\.\s+(?=[A-Z])|;", text)
    return text[: m.start()] if m else text
