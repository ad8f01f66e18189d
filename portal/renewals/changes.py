"""Pick the previous and current document of each role and compare them (no queries)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from parsers import Extraction
from scoring.renewal import RenewalDiff, renewal_diff

from ..models import Document

ROLES = ("certificate", "soa")


class ReadDocument(Protocol):
    """A document with its effective extraction (the assessment page's DocumentView)."""

    doc: Document
    extraction: Extraction | None


@dataclass(frozen=True)
class RenewalView:
    """One role's renewal: the replaced document, its replacement, and the differences."""

    role: str
    previous: Document
    current: Document
    diff: RenewalDiff


def renewal_changes(documents: Iterable[ReadDocument], product_names: Sequence[str]) -> list[RenewalView]:
    """Compare each role's current document with the newest older parsed one.

    `documents` carry their extractions with corrections applied (the assessment page has them
    already), so the comparison costs no queries.
    """
    newest_first = sorted(documents, key=lambda v: (v.doc.uploaded_at, v.doc.id), reverse=True)
    parsed = [(v.doc, v.extraction) for v in newest_first
              if v.extraction is not None and v.doc.parse_status == "parsed"]
    names = [n for n in product_names if n]
    out = []
    for role in ROLES:
        mine = [(doc, read) for doc, read in parsed if doc.role == role]
        current = next(((doc, read) for doc, read in mine if doc.is_current), None)
        older = [(doc, read) for doc, read in mine if current and _before(doc, current[0])]
        if current and older:
            (previous, was), (now, is_) = older[0], current
            out.append(RenewalView(role, previous, now, renewal_diff(was, is_, names)))
    return out


def _before(doc: Document, current: Document) -> bool:
    return (doc.uploaded_at, doc.id) < (current.uploaded_at, current.id)
