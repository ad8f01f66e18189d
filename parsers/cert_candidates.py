"""Stage `find_candidates`: every reading of every field, with where and how it was found.

A candidate is one reading: (field, value, evidence, how, score). Readers (cert_read_*.py) turn the
document's structures into candidates; they never decide. Validation (cert_validate.py) and choice
(cert_choose.py) come after, for all fields alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .cert_structures import Structures
from .model import Evidence

# How strongly each way of finding a value vouches for it (0-1), before validation. A labelled value
# beats running text, which beats a guess from where a name is printed.
SCORES: dict[str, float] = {
    "label:inline": 0.9,
    "label:right": 0.9,
    "label:below": 0.86,
    "label:cell": 0.9,  # under its header in a table
    "table": 0.9,
    "opener": 0.86,  # the line under "This is to certify that"
    "certifies": 0.8,  # "X hereby certifies that": X certifies
    "sentence": 0.72,
    "range": 0.7,  # one end of a validity period in running text
    "title": 0.62,  # "Annex to certificate X"
    "signs_for": 0.7,  # "For and on behalf of X" / "For X" over a signature
    "property": 0.62,  # "remains the property of X"
    "registry": 0.6,  # an accreditation body's acronym named near the word accreditation
    "letter_date": 0.6,
    "below_holder": 0.6,  # the address printed under the holder's name
    "after_holder": 0.5,
    "letterhead": 0.5,
    "footer": 0.42,
    "prominent": 0.45,  # the largest legal name on page one
}


@dataclass(frozen=True)
class Candidate:
    """One reading of one field: the value, where it was read, how, and how strongly that vouches for it."""

    field: str
    value: Any
    evidence: tuple[Evidence, ...]
    how: str
    score: float
    note: str = ""  # why a validator lowered or rejected it
    loose_stop: bool = False  # its final stop may be the sentence's ("property of X Lda."), not the name's

    def rescored(self, factor: float, note: str = "") -> Candidate:
        """Return the same reading with its score scaled (validation's judgement of the value)."""
        return replace(self, score=self.score * factor, note=note or self.note)

    def revalued(self, value: Any) -> Candidate:
        """Return the same reading with a normalised value."""
        return replace(self, value=value)


def candidate(name: str, value: Any, evidence: Iterable[Evidence], how: str, bonus: float = 0.0,
              loose_stop: bool = False) -> Candidate:
    """Build a candidate scored by how it was found (`how` is a SCORES key, optionally "key:detail")."""
    return Candidate(name, value, tuple(evidence), how, min(1.0, SCORES.get(how, 0.5) + bonus),
                     loose_stop=loose_stop)


Reader = Callable[[Structures], Iterator[Candidate]]
_READERS: dict[str, list[Reader]] = {}
_FALLBACKS: dict[str, list[Reader]] = {}


def reader(*fields: str, fallback: bool = False) -> Callable[[Reader], Reader]:
    """Register a reader of the given fields (a decorator): the registry the stage runs.

    A `fallback` reader is costly and only worth running for a field no other reader could read.
    """
    def register(fn: Reader) -> Reader:
        for name in fields:
            (_FALLBACKS if fallback else _READERS).setdefault(name, []).append(fn)
        return fn
    return register


def readers(fallback: bool = False) -> dict[str, list[Reader]]:
    """Return the registered readers by field (importing the reader modules registers them)."""
    from . import cert_read_codes, cert_read_dates, cert_read_names, cert_read_sites, cert_read_text  # noqa: F401

    return _FALLBACKS if fallback else _READERS


def find_candidates(structures: Structures, *, fallback_for: Iterable[str] | None = None) -> list[Candidate]:
    """Run every reader once over the structures and return all candidates, in reading order.

    With `fallback_for`, run the fallback readers of those fields instead.
    """
    registry = readers() if fallback_for is None else {
        name: fns for name, fns in readers(fallback=True).items() if name in set(fallback_for)}
    seen: set[int] = set()
    out: list[Candidate] = []
    for fns in registry.values():
        for fn in fns:
            if id(fn) in seen:
                continue  # a reader registered for several fields runs once
            seen.add(id(fn))
            out.extend(fn(structures))
    return out
