"""Annex A of ISO/IEC 42001:2023 as data, control-id normalisation and applicability markers."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from . import lexicon

# The 38 reference controls (FLAGS.md), in the standard's order.
ANNEX_A: dict[str, str] = {
    "A.2.2": "AI policy",
    "A.2.3": "Alignment with other organizational policies",
    "A.2.4": "Review of the AI policy",
    "A.3.2": "AI roles and responsibilities",
    "A.3.3": "Reporting of concerns",
    "A.4.2": "Resource documentation",
    "A.4.3": "Data resources",
    "A.4.4": "Tooling resources",
    "A.4.5": "System and computing resources",
    "A.4.6": "Human resources",
    "A.5.2": "AI system impact assessment process",
    "A.5.3": "Documentation of AI system impact assessments",
    "A.5.4": "Assessing AI system impact on individuals or groups of individuals",
    "A.5.5": "Assessing societal impacts of AI systems",
    "A.6.1.2": "Objectives for responsible development of AI system",
    "A.6.1.3": "Processes for responsible AI system design and development",
    "A.6.2.2": "AI system requirements and specification",
    "A.6.2.3": "Documentation of AI system design and development",
    "A.6.2.4": "AI system verification and validation",
    "A.6.2.5": "AI system deployment",
    "A.6.2.6": "AI system operation and monitoring",
    "A.6.2.7": "AI system technical documentation",
    "A.6.2.8": "AI system recording of event logs",
    "A.7.2": "Data for development and enhancement of AI system",
    "A.7.3": "Acquisition of data",
    "A.7.4": "Quality of data for AI systems",
    "A.7.5": "Data provenance",
    "A.7.6": "Data preparation",
    "A.8.2": "System documentation and information for users",
    "A.8.3": "External reporting",
    "A.8.4": "Communication of incidents",
    "A.8.5": "Information for interested parties",
    "A.9.2": "Processes for responsible use of AI systems",
    "A.9.3": "Objectives for responsible use of AI system",
    "A.9.4": "Intended use of the AI system",
    "A.10.2": "Allocating responsibilities",
    "A.10.3": "Suppliers",
    "A.10.4": "Customers",
}

# "A.6.2.4", "A 6.2.4", "A6.2.4", "Annex A 6.2.4", "A.6.2.4." and bare "6.2.4"; OCR may read "." as ",".
_PREFIX = r"(?:Annex\s*A\s*[-–:.]?\s*|A\s*[.,]?\s*)?"
_NUMBER = r"(\d{1,2})\s*[.,]\s*(\d{1,2})(?:\s*[.,]\s*(\d{1,2}))?"
_ID_WHOLE = re.compile(rf"^\s*(?:Control\s+)?{_PREFIX}{_NUMBER}\s*[.,:)]?\s*$", re.I)
_ID_LEADING = re.compile(rf"^\s*(?:Control\s+)?({_PREFIX}){_NUMBER}(?![.,]?\d)\s*[.,:)]?", re.I)


def _canonical(parts: tuple[str | None, ...]) -> str | None:
    numbers = [str(int(p)) for p in parts if p is not None]
    candidate = "A." + ".".join(numbers)
    return candidate if candidate in ANNEX_A else None


def normalise_id(text: str | None) -> str | None:
    """Return the canonical `A.<n>.<n>[.<n>]` id for `text`, or None if it is not an Annex A control."""
    if not text:
        return None
    match = _ID_WHOLE.match(text)
    return _canonical(match.groups()) if match else None


def cell_id(text: str | None) -> str | None:
    """Return the control id a table cell holds, alone ("A.6.2.4") or before its title."""
    if not text:
        return None
    found = normalise_id(text)
    if found:
        return found
    split = leading_id(text)
    return split[0] if split and split[1][:1].isalpha() else None


_BY_DIGITS = {cid[2:].replace(".", ""): cid for cid in ANNEX_A}  # unique: checked by a test
_OCR_TOKEN = re.compile(r"^\s*(?:A\s*[.,]?\s*)?(\d[\d.,:]{1,6}?)\s*[.,:]?\s*$", re.I)


def ocr_id(token: str, context: str = "") -> str | None:
    """Recover an id whose dots OCR dropped ("6.13", "85"), only when that is unambiguous.

    Without any dot left, the id's title must appear in `context` (the row), since a bare
    "23" could as well be a number in the text.
    """
    match = _OCR_TOKEN.match(token)
    if not match:
        return None
    cid = _BY_DIGITS.get(re.sub(r"\D", "", match.group(1)))
    if cid is None:
        return None
    titled = fuzz.partial_ratio(ANNEX_A[cid].lower(), context.lower()) >= 85
    return cid if titled or re.search(r"[.,:]", match.group(1)) else None


def leading_id(text: str) -> tuple[str, str] | None:
    """Split `text` that starts with a control id into (canonical id, the rest)."""
    match = _ID_LEADING.match(text)
    if not match:
        return None
    canonical = _canonical(match.groups()[1:])
    if canonical is None:
        return None
    return canonical, text[match.end():].strip()


@cache
def _true_markers() -> frozenset[str]:
    return frozenset(m.lower() for m in lexicon.phrases("soa", "applies"))


@cache
def _false_markers() -> frozenset[str]:
    return frozenset(m.lower() for m in lexicon.phrases("soa", "does_not_apply"))


_X_MARKS = {"x", "×", "☒"}  # a crossed box is ticked in a form, crossed out beside ✓


def _marker_key(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().lower())
    return text.strip(" .;:-–—()[]")


def parse_marker(text: str | None, *, x_means: bool | None = None, scanned: bool = False) -> bool | None:
    """Read an applicability marker ("Yes", "N", "✓", "Not applicable", "N/A", ...); None if not one.

    A bare "x" is a tick in a checkbox column (`x_means=True`) but a cross beside ✓ marks
    (`x_means=False`); callers decide from the column, since the mark alone is ambiguous.
    On a `scanned` page a whole value may also be OCR's reading of a tick or cross glyph ("v", "/").
    """
    if not text:
        return None
    key = _marker_key(text)
    if key in _false_markers():
        return False
    if key in _true_markers():
        return True
    if key in _X_MARKS:
        return x_means
    if scanned and (glyph := ocr_mark(text)) is not None:
        return glyph
    return _marker_prefix(key)


def ocr_mark(text: str) -> bool | None:
    """Read a whole value as OCR's reading of a tick glyph ("v", "/"); None if it is not one.

    A cross reads as a bare x, which its column decides."""
    return True if text.strip() in lexicon.phrases("soa", "ocr_marks", "ticks") else None


@cache
def _prefix(section: str) -> re.Pattern[str]:
    words = [m for m in lexicon.phrases("soa", section) if len(m) > 2 or not m.isalpha() or m == "no"]
    return re.compile(rf"^(?:{lexicon.alternation(words)})(?!\w)", re.I)


def _marker_prefix(key: str) -> bool | None:
    """Read a marker followed by a remark, e.g. "Yes (partially)" or "No - see note"."""
    if _prefix("does_not_apply").match(key):
        return False
    if _prefix("applies").match(key):
        return True
    return None


def is_x_mark(text: str | None) -> bool:
    """Return whether `text` is a bare x (or crossed box), whose meaning depends on its column."""
    return _marker_key(text or "") in _X_MARKS


def is_marker(text: str | None, *, scanned: bool = False) -> bool:
    """Return whether `text` is an applicability marker (including a bare x)."""
    return bool(text) and (parse_marker(text, scanned=scanned) is not None
                           or _marker_key(text or "") in _X_MARKS)
