"""Read the cycle dates of many assessments' current certificates in two queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..extensions import db
from ..models import Assessment, Correction, Document
from .cycle import DATE_FIELDS, CycleDates


@dataclass(frozen=True)
class CertificateFacts:
    """One assessment with the dates of its current certificate."""

    assessment_id: int
    buyer_org_id: int
    supplier_org_id: int | None
    supplier_name: str
    product: str
    status: str
    dates: CycleDates


def certificate_facts(*where: Any) -> list[CertificateFacts]:
    """Return facts for the assessments matching `where` that have a parsed current certificate."""
    columns = [Document.id, Document.extraction["kind"], *(Document.extraction[f] for f in DATE_FIELDS)]
    stmt = (sa.select(Assessment.id, Assessment.buyer_org_id, Assessment.supplier_org_id,
                      Assessment.supplier_name, Assessment.product, Assessment.status, *columns)
            .join(Document, Document.assessment_id == Assessment.id)
            .where(*where, Document.role == "certificate", Document.is_current.is_(True),
                   Document.parse_status == "parsed")
            .order_by(Document.uploaded_at, Document.id))
    newest: dict[int, tuple[Any, ...]] = {}
    for row in db.session.execute(stmt):
        newest[row[0]] = tuple(row)  # oldest first: the newest current certificate wins, as in scoring
    corrections = _date_corrections(where) if newest else {}
    return [_facts(row, corrections.get(row[6], {})) for row in newest.values()]


def _facts(row: tuple[Any, ...], corrected: dict[str, Any]) -> CertificateFacts:
    kind, values = row[7], row[8:]
    # a document offered as a certificate but read as something else is scored as an empty one
    fields = dict(zip(DATE_FIELDS, values, strict=True)) if kind == "certificate" else {}
    fields.update(corrected)
    return CertificateFacts(assessment_id=row[0], buyer_org_id=row[1], supplier_org_id=row[2],
                            supplier_name=row[3], product=row[4], status=row[5],
                            dates=CycleDates.from_fields(fields))


def _date_corrections(where: tuple[Any, ...]) -> dict[int, dict[str, Any]]:
    """Return document id -> field -> the supplier's latest corrected date value."""
    result: dict[int, dict[str, Any]] = {}
    stmt = (sa.select(Correction.document_id, Correction.field, Correction.corrected_value)
            .join(Document, Document.id == Correction.document_id)
            .join(Assessment, Assessment.id == Document.assessment_id)
            .where(*where, Document.role == "certificate", Document.is_current.is_(True),
                   Correction.field.in_(DATE_FIELDS))
            .order_by(Correction.created_at, Correction.id))
    for doc_id, field, value in db.session.execute(stmt):
        result.setdefault(doc_id, {})[field] = value
    return result
