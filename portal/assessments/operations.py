"""Data-changing actions on assessments: models and plain data in, flushed changes out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql
import sqlalchemy.dialects.sqlite

import questionnaires
from parsers import DocumentError, parse

from .. import audit
from ..extensions import db
from ..models import Assessment, Comment, Correction, Document, Response, StoredFile, User, utcnow
from . import rescoring, storage
from .control_corrections import coerce_control, control_field, machine_control
from .corrections import coerce_value, correctable_fields
from .questionnaire_form import missing_required, question_specs

SUPPLIER_STARTED = ("draft", "invited")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class OperationError(ValueError):
    """A request that cannot be carried out; `str()` is a user-facing reason."""


@dataclass(frozen=True)
class UploadOutcome:
    """What happened to an upload: the document, and whether it was already there."""

    document: Document
    duplicate: bool


def create_assessment(buyer: User, data: dict[str, Any]) -> Assessment:
    """Open an assessment of a supplier's product for the buyer's organisation."""
    template = rescoring.load_template(data["template_key"])
    assessment = Assessment(
        buyer_org_id=buyer.organisation_id, supplier_name=data["supplier_name"],
        supplier_legal_name=data.get("supplier_legal_name") or data["supplier_name"],
        product=data["product"], product_aliases=list(data.get("product_aliases") or []),
        required_regions=list(data.get("required_regions") or []), template_key=data["template_key"],
        template_version=str(_template_version(template)), status="draft", created_by=buyer.id)
    db.session.add(assessment)
    db.session.flush()
    audit.record(buyer, "assessment.create", assessment, supplier=assessment.supplier_name,
                 product=assessment.product, template=assessment.template_key)
    return assessment


def _template_version(template: Any) -> Any:
    return template.get("version") if isinstance(template, dict) else getattr(template, "version", "1")


def save_answers(assessment: Assessment, user: User, answers: dict[str, Any], *, submit: bool,
                 today: dt.date) -> Response:
    """Save the supplier's answers as a draft, or submit them (required answers enforced)."""
    template = rescoring.load_template(assessment.template_key, assessment.template_version)
    if submit:
        missing = missing_required(answers, question_specs(template))
        if missing:
            raise OperationError("Answer every required question before submitting: " + ", ".join(missing))
        problems = questionnaires.validate_answers(template, answers)
        if problems:
            raise OperationError("Some answers are not valid: " + "; ".join(problems))
    response = assessment.response or Response(
        assessment_id=assessment.id, template_key=assessment.template_key,
        template_version=assessment.template_version)
    response.answers = answers
    if submit:
        response.submitted_at = utcnow()
        assessment.status = "submitted"
    elif assessment.status in SUPPLIER_STARTED:
        assessment.status = "in_progress"
    db.session.add(response)
    assessment.updated_at = utcnow()
    db.session.flush()
    audit.record(user, "response.submit" if submit else "response.save_draft", assessment,
                 answered=sorted(answers))
    rescoring.rescore(assessment, today, "answers")
    db.session.flush()
    return response


def store_upload(assessment: Assessment, user: User, role: str, filename: str, data: bytes,
                 root: Path, max_bytes: int) -> UploadOutcome:
    """Check and durably store an uploaded PDF, then record it (pending) on the assessment."""
    storage.check_pdf_bytes(data, max_bytes)
    existing = find_upload(assessment, data)
    if existing is not None:
        return UploadOutcome(existing, duplicate=True)
    blob = storage.store_bytes(root, data)  # on disk (fsynced) before any row refers to it
    _record_blob(blob)
    doc = Document(assessment_id=assessment.id, role=role, sha256=blob.sha256,
                   filename=safe_filename(filename), uploaded_by=user.id, parse_status="pending",
                   is_current=False)
    db.session.add(doc)
    if assessment.status in SUPPLIER_STARTED:
        assessment.status = "in_progress"
    assessment.updated_at = utcnow()
    db.session.flush()
    audit.record(user, "document.upload", doc, assessment_id=assessment.id, role=role,
                 filename=doc.filename, sha256=blob.sha256, size=blob.size)
    return UploadOutcome(doc, duplicate=False)


def _record_blob(blob: storage.StoredBlob) -> None:
    """Insert the StoredFile row unless it exists (also when another request inserts it meanwhile)."""
    values = {"sha256": blob.sha256, "size": blob.size, "content_type": "application/pdf",
              "created_at": utcnow()}
    dialect = db.session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module = sa.dialects.postgresql if dialect == "postgresql" else sa.dialects.sqlite
        db.session.execute(module.insert(StoredFile).values(**values).on_conflict_do_nothing())
    elif db.session.get(StoredFile, blob.sha256) is None:
        db.session.add(StoredFile(**values))


def find_upload(assessment: Assessment, data: bytes) -> Document | None:
    """Return the document of `assessment` with exactly these bytes, if any."""
    digest = storage.sha256_of(data)
    return db.session.scalar(sa.select(Document).where(
        Document.assessment_id == assessment.id, Document.sha256 == digest))


def safe_filename(name: str) -> str:
    """Return a display-only name: last path part, no control characters, bounded length."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("", base).strip() or "document.pdf"
    return base[-200:]


def process_document(doc: Document, user: User, root: Path, today: dt.date, *,
                     trigger: str = "upload") -> Document:
    """Parse a stored document, make it current for its role when read, and re-score."""
    try:
        extraction = parse(storage.read_blob(root, doc.sha256))
    except DocumentError as err:
        _mark_failed(doc, str(err))
    except Exception as err:  # the parser must never lose the upload; say what kind of fault it was
        _mark_failed(doc, f"The document could not be read ({type(err).__name__}).")
    else:
        doc.extraction, doc.kind = extraction.to_json(), extraction.kind
        doc.parse_status, doc.parse_error = "parsed", None
        _make_current(doc)
    db.session.flush()
    if trigger != "upload":
        audit.record(user, "document.reparse", doc, status=doc.parse_status, error=doc.parse_error)
    if doc.role in ("certificate", "soa"):
        rescoring.rescore(doc.assessment, today, trigger)
    db.session.flush()
    return doc


def _mark_failed(doc: Document, reason: str) -> None:
    doc.parse_status, doc.parse_error, doc.is_current = "failed", reason, False


def _make_current(doc: Document) -> None:
    if doc.role in ("certificate", "soa"):
        db.session.execute(sa.update(Document).where(
            Document.assessment_id == doc.assessment_id, Document.role == doc.role,
            Document.id != doc.id).values(is_current=False))
    doc.is_current = True


def correct_field(doc: Document, user: User, field: str, raw_value: str, reason: str,
                  today: dt.date) -> Correction:
    """Record the supplier's value for a misread field (the machine value is kept) and re-score."""
    if doc.parse_status != "parsed":
        raise OperationError("This document has not been read yet; parse it again first.")
    kind = doc.role if doc.role in ("certificate", "soa") else (doc.kind or "")
    if field not in correctable_fields(kind):
        raise OperationError("That field cannot be corrected on this document.")
    if not reason.strip():
        raise OperationError("Say why the value read from the document is wrong.")
    try:
        value = coerce_value(kind, field, raw_value)
    except ValueError as err:
        raise OperationError(str(err)) from None
    machine = (doc.extraction or {}).get(field)
    return _record_correction(doc, user, field, machine, value, reason, today)


def correct_control(doc: Document, user: User, control_id: str, state: str, justification: str,
                    reason: str, today: dt.date) -> Correction:
    """Record the supplier's reading of one SoA control (the machine's is kept) and re-score."""
    if doc.parse_status != "parsed":
        raise OperationError("This document has not been read yet; parse it again first.")
    if doc.role != "soa":
        raise OperationError("Controls can be corrected only on a Statement of Applicability.")
    if not reason.strip():
        raise OperationError("Say why the control read from the document is wrong.")
    try:
        value = coerce_control(control_id, state, justification)
    except ValueError as err:
        raise OperationError(str(err)) from None
    data = doc.extraction if (doc.extraction or {}).get("kind") == "soa" else None
    field, machine = control_field(control_id), machine_control(data, control_id)
    return _record_correction(doc, user, field, machine, value, reason, today)


def _record_correction(doc: Document, user: User, field: str, machine: Any, value: Any, reason: str,
                       today: dt.date) -> Correction:
    """Keep the machine value beside the supplier's, log who changed what, and re-score."""
    row = Correction(document_id=doc.id, field=field, machine_value=machine, corrected_value=value,
                     reason=reason.strip(), user_id=user.id)
    db.session.add(row)
    db.session.flush()
    audit.record(user, "document.correct", doc, field=field, machine_value=machine,
                 corrected_value=value, reason=row.reason)
    doc.assessment.updated_at = utcnow()
    rescoring.rescore(doc.assessment, today, "correction")
    db.session.flush()
    return row


def add_comment(assessment: Assessment, user: User, body: str) -> Comment:
    """Post a message to the assessment's thread (both sides see it)."""
    comment = Comment(assessment_id=assessment.id, user_id=user.id, body=body.strip())
    db.session.add(comment)
    db.session.flush()
    audit.record(user, "comment.add", comment, assessment_id=assessment.id)
    return comment


def decide_assessment(assessment: Assessment, user: User, decision: str, reason: str) -> Assessment:
    """Accept or reject the supplier, recording who decided, when and why."""
    if decision not in ("accepted", "rejected"):
        raise OperationError("Choose accept or reject.")
    if not reason.strip():
        raise OperationError("Give a reason for the decision.")
    assessment.status, assessment.decision_reason = decision, reason.strip()
    assessment.decided_by, assessment.decided_at = user.id, utcnow()
    assessment.updated_at = utcnow()
    db.session.flush()
    audit.record(user, "assessment.decide", assessment, decision=decision, reason=assessment.decision_reason,
                 rating=assessment.rating)
    return assessment
