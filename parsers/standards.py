"""Which management-system standard a document names, and whether it certifies at all."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from . import lexicon

# ISO/IEC JTC 1 standards carry the joint prefix; the rest are plain ISO.
_JOINT = {"42001", "27001", "27002", "27017", "27018", "27701", "20000", "20000-1", "42006", "27006", "23894"}
_STANDARD = re.compile(
    r"\b(?:ISO\s*/\s*IEC|ISO\s*-\s*IEC|ISO|IEC|DIN\s+EN\s+ISO(?:\s*/\s*IEC)?|EN\s+ISO(?:\s*/\s*IEC)?|BS\s+EN\s+ISO)"
    r"\s*(?P<num>\d{4,5}(?:-\d)?)(?:\s*[:(]\s*(?P<year>(?:19|20)\d\d)\)?)?", re.I)
# Management-system standards a certificate can be issued against (not e.g. ISO 17021, 8601).
_MS_STANDARDS = {"42001", "27001", "27701", "9001", "14001", "45001", "22301", "20000-1", "20000", "13485",
                 "50001", "22000", "37001", "27017", "27018", "28000", "39001", "41001", "55001", "21001"}


@dataclass(frozen=True)
class StandardHit:
    """A standard named in text: normalised form and the text as printed."""

    name: str
    number: str
    printed: str
    start: int


def normalise(number: str, year: str | None) -> str:
    """Return 'ISO/IEC 42001:2023' / 'ISO 9001:2015' style."""
    base = number.split("-")[0]
    prefix = "ISO/IEC" if number in _JOINT or base in _JOINT else "ISO"
    return f"{prefix} {number}" + (f":{year}" if year else "")


def find_standards(text: str) -> list[StandardHit]:
    """Return every management-system standard named in `text`, in order."""
    hits = []
    for m in _STANDARD.finditer(text):
        number = m.group("num")
        if number not in _MS_STANDARDS and number.split("-")[0] not in _MS_STANDARDS:
            continue
        hits.append(StandardHit(normalise(number, m.group("year")), number, m.group(0), m.start()))
    return hits


def pick_standard(hits: list[StandardHit], preferred: list[StandardHit] | None = None) -> StandardHit | None:
    """Choose the standard the document is about: a labelled one, else the most named (then first)."""
    if preferred:
        return _with_year(preferred[0], hits)
    if not hits:
        return None
    counts = Counter(h.number for h in hits)
    top = max(counts.values())
    first = next(h for h in hits if counts[h.number] == top)
    return _with_year(first, hits)


def _with_year(hit: StandardHit, hits: list[StandardHit]) -> StandardHit:
    """Prefer a mention of the same standard that prints its edition year."""
    if ":" in hit.name:
        return hit
    dated = [h for h in hits if h.number == hit.number and ":" in h.name]
    return dated[0] if dated else hit


@cache
def _not_certified() -> re.Pattern[str]:
    """Wording of letters that only claim alignment/readiness/compliance (never about products)."""
    denial = lexicon.alternation(lexicon.phrases("not_certified"))
    unless = lexicon.alternation(lexicon.phrases("not_certified_unless"))
    return re.compile(rf"(?<!\w)(?:{denial})(?!\w)(?!\s+(?:{unless})(?!\w))", re.I)


@cache
def _certified_tiers() -> tuple[re.Pattern[str], ...]:
    """Wording of certification, strongest first: the phrase quoted is the one that certifies."""
    tiers = [rf"(?<!\w)(?:{lexicon.alternation(lexicon.phrases(name))})(?!\w)"
             for name in ("certified_titles", "certified_sentences", "certified_labels")]
    alone = lexicon.alternation(lexicon.phrases("certificate_words"))
    tiers[-1] += rf"|^\s*(?:{alone})\s*$"  # a heading that says nothing but "Certificate"
    return tuple(re.compile(t, re.I | re.M) for t in tiers)


@dataclass(frozen=True)
class CertifiedVerdict:
    """Whether a document certifies, and the phrase that decided it."""

    certified: bool
    phrase: str | None
    start: int


def certified(text: str) -> CertifiedVerdict:
    """Decide whether the document is a certification, not a claim of alignment or readiness."""
    negative = _not_certified().search(text)
    if negative:
        return CertifiedVerdict(False, negative.group(0), negative.start())
    for pattern in _certified_tiers():
        positive = pattern.search(text)
        if positive:
            return CertifiedVerdict(True, positive.group(0), positive.start())
    return CertifiedVerdict(False, None, -1)
