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
    fields, lateral = _field_columns(db.session.get_bind().dialect.name)
    stmt = (sa.select(Assessment.id, Assessment.buyer_org_id, Assessment.supplier_org_id,
                      Assessment.supplier_name, Assessment.product, Assessment.status, Document.id, *fields)
            .join(Document, Document.assessment_id == Assessment.id))
    if lateral is not None:
        stmt = stmt.join(lateral, sa.true())
    stmt = (stmt.where(*where, Document.role == "certificate", Document.is_current.is_(True),
                       Document.parse_status == "parsed")
            .order_by(Document.uploaded_at, Document.id))
    newest: dict[int, tuple[Any, ...]] = {}
    for row in db.session.execute(stmt):
        newest[row[0]] = tuple(row)  # oldest first: the newest current certificate wins, as in scoring
    corrections = _date_corrections(where) if newest else {}
    return [_facts(row, corrections.get(row[6], {})) for row in newest.values()]


KEYS = ("kind", *DATE_FIELDS)


def _field_columns(dialect: str) -> tuple[list[Any], Any]:
    """Return the columns reading [kind, *DATE_FIELDS] from the extraction (and a FROM they need).

    Each backend parses a document's JSON once: SQLite's json_extract takes several paths,
    PostgreSQL's json_to_record reads the keys in one pass (`->` per key would parse it six times).
    """
    if dialect == "sqlite":
        return [sa.func.json_extract(Document.extraction, *(f"$.{k}" for k in KEYS), type_=sa.JSON)], None
    if dialect == "postgresql":
        columns = [sa.column(k, sa.JSON if k == "surveillance_dates" else sa.Text) for k in KEYS]
        record = (sa.func.json_to_record(Document.extraction).table_valued(*columns)
                  .render_derived(name="cycle", with_types=True).lateral())
        return [record.c[k] for k in KEYS], record
    return [Document.extraction[k] for k in KEYS], None


def _facts(row: tuple[Any, ...], corrected: dict[str, Any]) -> CertificateFacts:
    tail = row[7:]
    packed = tail[0] if len(tail) == 1 else list(tail)
    packed = packed if isinstance(packed, list) and len(packed) == len(KEYS) else [None] * len(KEYS)
    kind, values = packed[0], packed[1:]
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
