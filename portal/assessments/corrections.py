"""Supplier corrections as stored: the newest row of each field wins (the rules are scoring.corrections)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from parsers import Extraction
from scoring.corrections import effective_extraction

from ..models import Correction, Document


def latest_rows(rows: Iterable[Correction]) -> dict[str, Correction]:
    """Return field -> the newest correction of that field."""
    latest: dict[str, Correction] = {}
    for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
        latest[row.field] = row
    return latest


def latest_corrections(rows: Iterable[Correction]) -> dict[str, Any]:
    """Return field -> corrected JSON value, the newest correction of each field winning."""
    return {field: row.corrected_value for field, row in latest_rows(rows).items()}


def effective_document(doc: Document, rows: Iterable[Correction]) -> Extraction:
    """Return a document's extraction with its supplier's corrections applied, as scoring reads it."""
    return effective_extraction(doc.extraction, doc.role, latest_corrections(rows))
