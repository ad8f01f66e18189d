"""Find and read dates in every common written form (month names of every lexicon language too)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from . import lexicon

Order = Literal["dmy", "mdy"]


def _month_table() -> dict[str, int]:
    """Return every month name and abbreviation of every lexicon language, mapped to its number."""
    table: dict[str, int] = {}
    for names in lexicon.by_language("months").values():
        for number, variants in enumerate(names, start=1):
            for name in variants.split("/"):
                table.setdefault(name.strip().lower(), number)
                table.setdefault(_fold(name.strip().lower()), number)
    return table


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_MONTHS = _month_table()
_MONTH = "(?P<mon>" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM_YEAR = r"(?P<year>(?:19|20)?\d\d)"
_SEP = r"[\s\-/.,]*"
_SEP_DE = r"[\s\-/.,]*(?:del?\s+)?"  # "12 de marzo de 2025"

# Ordered: the first pattern that matches at a position wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<a>[01]?\d)[-/.](?P<b>[0-3]?\d)(?!\d)")),
    ("dmy_name", re.compile(r"(?<![\w])" + _DAY + r"\s*(?:of\s+|de\s+)?[-/ ]?\s*" + _MONTH + _SEP_DE + _YEAR
                            + r"(?!\d)", re.I)),
    ("mdy_name", re.compile(r"(?<![\w])" + _MONTH + r"\s*[-/ ]?\s*" + _DAY + r",?" + _SEP + _YEAR + r"(?!\d)",
                            re.I)),
    ("dmy_name", re.compile(r"(?<![\w])(?P<day>[0-3]?\d)-" + _MONTH + r"-(?P<year>\d\d)(?![\d])", re.I)),
    ("numeric", re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)\s?(?P<sep>[./-])\s?(?P<b>[01]?\d)\s?(?P=sep)\s?"
                           + _NUM_YEAR + r"(?![\d])")),
    ("numeric_loose", re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
                                 + _NUM_YEAR + r"(?!\d)")),
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: the value (None if unreadable), where it was, and why not."""

    value: dt.date | None
    start: int
    end: int
    text: str
    ambiguous: bool = False
    reason: str | None = None


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTHS.get(_fold(key))


def _make(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_Read = tuple[dt.date | None, bool, str | None]


def _numeric(a: int, b: int, year: int, sep: str, order: Order | None) -> _Read:
    """Read a.b.year with day/month order: unambiguous cases first, then the hint."""
    if a > 12 >= b:
        return _make(year, b, a), False, None
    if b > 12 >= a:
        return _make(year, a, b), False, None
    if a == b:
        return _make(year, a, b), False, None
    if sep == ".":
        return _make(year, b, a), False, None  # dotted dates are day-first wherever they are used
    if order == "dmy":
        return _make(year, b, a), True, None
    if order == "mdy":
        return _make(year, a, b), True, None
    return None, True, "day and month order cannot be told apart (both 12 or less) and nothing else says"


def _read(kind: str, m: re.Match[str], order: Order | None) -> _Read:
    g = m.groupdict()
    if kind == "iso":
        return _make(int(g["year"]), int(g["a"]), int(g["b"])), False, None
    if kind in ("dmy_name", "mdy_name"):
        month = _month(g["mon"])
        if month is None:
            return None, False, f"unknown month {g['mon']!r}"
        return _make(int(g["year"]), month, int(g["day"])), False, None
    return _numeric(int(g["a"]), int(g["b"]), int(g["year"]), g["sep"], order)


def find_dates(text: str, order: Order | None = None) -> list[DateMatch]:
    """Return every date in `text`, left to right; `order` resolves 03/04/2025-style dates."""
    text = _ocr_digits(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value, ambiguous, reason = _read(kind, m, order)
            if value is None and reason is None:
                continue  # not a real date (e.g. 31 February): most likely not a date at all
            taken.append((m.start(), m.end()))
            found.append(DateMatch(value, m.start(), m.end(), m.group(0), ambiguous, reason))
    return sorted(found, key=lambda d: d.start)


_OCR_ZERO = re.compile(r"(?<=\d)[Oo]|[Oo](?=\d)")
_OCR_ONE = re.compile(r"(?<=\d)[lI|]|[lI|](?=\d)")


def _ocr_digits(text: str) -> str:
    """Undo OCR's letter-for-digit swaps next to digits ("2O25", "l5"); same length, spans stay valid."""
    if not any(c in text for c in "OolI|"):
        return text
    return _OCR_ONE.sub("1", _OCR_ZERO.sub("0", text))


def parse_date(text: str, order: Order | None = None) -> dt.date | None:
    """Return the first readable date in `text`, or None."""
    for match in find_dates(text, order):
        if match.value:
            return match.value
    return None




MAX_CYCLE_YEARS = 9


def _cycle_order(text: str) -> Order | None:
    """Return the order in which two dates of the document are a cycle apart, when only one order does.

    A certificate runs from a date to the day before an anniversary of it (1 May 2025 - 30 April 2028):
    read both ways, 05/01/2025 - 04/30/2028 is a cycle month-first only. Same-day anniversaries decide
    nothing (they read alike both ways).
    """
    votes: dict[Order, int] = {}
    for order in ("dmy", "mdy"):
        dates = sorted({m.value for m in find_dates(text, order) if m.value})
        votes[order] = sum(1 for i, a in enumerate(dates) for b in dates[i + 1:] if _cycle_apart(a, b))
    if votes["dmy"] == votes["mdy"]:
        return None
    return "dmy" if votes["dmy"] > votes["mdy"] else "mdy"


def _cycle_apart(start: dt.date, end: dt.date) -> bool:
    years = end.year - start.year
    if not 1 <= years <= MAX_CYCLE_YEARS:
        return False
    try:
        anniversary = start.replace(year=end.year)
    except ValueError:  # 29 February
        anniversary = dt.date(end.year, 3, 1)
    return end == anniversary - dt.timedelta(days=1)


ORDER_FROM_DATES = "another date in the document has a day over 12"


def infer_order(text: str) -> tuple[Order | None, str]:
    """Decide day/month order for a whole document, returning the order and the reason.

    Evidence, strongest first: a numeric date whose first or second part exceeds 12, two dates a
    certification cycle apart in only one order, then dates written with full stops (day first).
    """
    votes = {"dmy": 0, "mdy": 0}
    numeric = next(p for kind, p in _PATTERNS if kind == "numeric_loose")
    for m in numeric.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            votes["dmy"] += 1
        elif b > 12 >= a:
            votes["mdy"] += 1
    if votes["dmy"] != votes["mdy"]:
        winner: Order = "dmy" if votes["dmy"] > votes["mdy"] else "mdy"
        return winner, ORDER_FROM_DATES
    cycle = _cycle_order(text)
    if cycle is not None:
        return cycle, "only in that order do its dates run a certification cycle (to an anniversary's eve)"
    if any(m.group("sep") == "." for m in numeric.finditer(text)):
        return "dmy", "its dates are written with full stops (dd.mm.yyyy), which put the day first"
    # The language or the countries a document names are no evidence: bodies print either order in
    # any language, and a date read the wrong way round is worse than one the supplier confirms.
    return None, "no date with a day over 12, no dotted date, no certification cycle to settle it"
