"""Data-changing actions on assessments: models and plain data in, flushed changes out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

import questionnaires
from questionnaires import Template
from scoring.corrections import (
    coerce_control,
    coerce_value,
    control_field,
    correctable_fields,
    machine_control,
)

from .. import audit, jobs
from ..auth.invitations import create_invitation
from ..auth.operations import normalise_email
from ..extensions import db
from ..inserts import insert_ignoring_conflicts
from ..models import (
    Assessment,
    Comment,
    Correction,
    Document,
    Invitation,
    Response,
    StoredFile,
    User,
    utcnow,
)
from ..notifications import operations as notifications
from ..reading.limits import Limits
from ..unit_of_work import atomic
from ..webhooks import operations as webhooks
from . import reading, rescoring, storage, verdicts
from .helpers import invitation_link
from .questionnaire_form import missing_required, question_specs

# Statuses in which procurement can still record a decision (a decided assessment is closed).
DECIDABLE = ("invited", "in_progress", "submitted")

SUPPLIER_STARTED = ("draft", "invited")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


class OperationError(ValueError):
    """A request that cannot be carried out; `str()` is a user-facing reason."""


class ConfirmationNeeded(OperationError):
    """Accepting despite `risks` was asked without the explicit confirmation it needs."""

    def __init__(self, risks: tuple[str, ...]) -> None:
        super().__init__("Accepting despite " + "; ".join(risks) + " needs your explicit confirmation.")
        self.risks = risks


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
        template_version=str(_template_version(template)), status="draft", created_by=buyer.id,
        buyer_reference=data.get("buyer_reference"), response_due=data.get("response_due"))
    db.session.add(assessment)
    db.session.flush()
    supply_chain = _prefill_supply_chain(assessment, template, data.get("supply_chain") or [])
    audit.record(buyer, "assessment.create", assessment, supplier=assessment.supplier_name,
                 product=assessment.product, template=assessment.template_key,
                 **({"supply_chain": supply_chain} if supply_chain else {}))
    return assessment


def _prefill_supply_chain(assessment: Assessment, template: Template, names: list[str]) -> list[str]:
    """Put the supply chain the buyer named (a campaign's column) in the questionnaire's draft, as the
    supplier would type it: scoring reads it from there like a typed answer, and the supplier sees
    the names in the form, to give each its role (left unset) and keep, change or submit."""
    names = list(dict.fromkeys(" ".join(str(n).split()) for n in names if str(n).strip()))
    question = template.question_mapped_to("supply_chain") if names else None
    if question is None:
        return []
    db.session.add(Response(assessment_id=assessment.id, template_key=assessment.template_key,
                            template_version=assessment.template_version,
                            answers={question.id: [{"name": name, "role": None} for name in names]}))
    db.session.flush()
    return names


@dataclass(frozen=True)
class Invited:
    """An invitation just made, and its link (shown once to whoever invited; mailed by a job)."""

    invitation: Invitation
    link: str


def open_assessment(buyer: User, data: dict[str, Any], days: int) -> tuple[Assessment, list[Invited]]:
    """Open an assessment and invite each of `data["emails"]` to it: the "new assessment" page, the
    API's create and each line of a campaign, alike."""
    assessment = create_assessment(buyer, data)
    emails = dict.fromkeys(normalise_email(e) for e in data.get("emails") or () if e.strip())
    return assessment, [invite_supplier(assessment, buyer, email, days) for email in emails]


def invite_supplier(assessment: Assessment, actor: User, email: str, days: int) -> Invited:
    """Invite `email` to the assessment; the link is mailed (or logged) by a job once this commits.

    The link is absolute: built against the current request's address (a job builds it in a
    request context made for the address procurement confirmed from)."""
    invitation, token = create_invitation(assessment, email, actor, days=days)
    link = invitation_link(token)
    jobs.enqueue("mail_invitation", invitation.id, link)
    return Invited(invitation, link)


def _template_version(template: Any) -> Any:
    return template.get("version") if isinstance(template, dict) else getattr(template, "version", "1")


@atomic
def save_answers(assessment: Assessment, user: User, answers: dict[str, Any], *, submit: bool,
                 today: dt.date, score_now: bool = False, cleared: Iterable[str] = ()) -> Response:
    """Save the supplier's answers as a draft, or submit them (required answers enforced).

    `cleared`: questions the supplier left blank although the documents offered an answer; saved as
    null, so the offer is not made again (the supplier's choice wins over the reading).
    """
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
    cleared = sorted(set(cleared) - set(answers))
    response.answers = {**answers, **dict.fromkeys(cleared)}
    if submit:
        response.submitted_at = utcnow()
        assessment.status = "submitted"
    elif assessment.status in SUPPLIER_STARTED:
        assessment.status = "in_progress"
    db.session.add(response)
    assessment.updated_at = utcnow()
    db.session.flush()
    audit.record(user, "response.submit" if submit else "response.save_draft", assessment,
                 answered=sorted(answers), **({"cleared": cleared} if cleared else {}))
    if submit:
        notifications.supplier_submitted(assessment, user)
        webhooks.emit(assessment.buyer_org_id, "supplier.submitted",
                      {**webhooks.about(assessment), "submitted_at": response.submitted_at.isoformat() + "Z"
                       if response.submitted_at else None})
    request_rescore(assessment, today, "answers", now=score_now)
    return response


def request_rescore(assessment: Assessment, today: dt.date, trigger: str, *, now: bool = False) -> None:
    """Re-score now (demo, CLI), or by a job once the change that asks for it is committed."""
    if now:
        rescoring.rescore(assessment, today, trigger)
        db.session.flush()
        return
    from ..jobs.tasks import requested_now

    jobs.enqueue("rescore_assessment", assessment.id, trigger, requested_now())


def store_upload(assessment: Assessment, user: User, role: str, filename: str, data: bytes,
                 root: Path, max_bytes: int) -> UploadOutcome:
    """Check and durably store an uploaded PDF, record it on the assessment and queue its read.

    Identical bytes for the same assessment give the existing document (`duplicate=True`), also
    when another request stores them at the same moment: the unique constraint decides, inside a
    savepoint, and the loser reads the winner's row once that commits.
    """
    storage.check_pdf_bytes(data, max_bytes)
    existing = find_upload(assessment, data)
    if existing is not None:
        return UploadOutcome(existing, duplicate=True)
    blob = storage.store_bytes(root, data)  # on disk (fsynced) before any row refers to it
    _record_blob(blob)
    doc = Document(assessment_id=assessment.id, role=role, sha256=blob.sha256,
                   filename=safe_filename(filename), uploaded_by=user.id, parse_status="pending",
                   is_current=False)
    try:
        with db.session.begin_nested():
            db.session.add(doc)
    except IntegrityError:
        winner = find_upload(assessment, data)
        if winner is None:
            raise
        return UploadOutcome(winner, duplicate=True)
    if assessment.status in SUPPLIER_STARTED:
        assessment.status = "in_progress"
    assessment.updated_at = utcnow()
    db.session.flush()
    audit.record(user, "document.upload", doc, assessment_id=assessment.id, role=role,
                 filename=doc.filename, sha256=blob.sha256, size=blob.size)
    notifications.supplier_uploaded(doc, user)
    reading.queue_read(doc)
    return UploadOutcome(doc, duplicate=False)


def _record_blob(blob: storage.StoredBlob) -> None:
    """Insert the StoredFile row unless it exists (also when another request inserts it meanwhile)."""
    insert_ignoring_conflicts(StoredFile, [{"sha256": blob.sha256, "size": blob.size,
                                            "content_type": "application/pdf", "created_at": utcnow()}])


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
                     trigger: str = "upload", limits: Limits | None = None) -> Document:
    """Read a stored document here and now (demo, benchmarks), with the same limits and steps as the job."""
    reading.read_now(doc, root, limits or Limits(), today, trigger)
    if trigger != "upload":
        audit.record(user, "document.reparse", doc, status=doc.parse_status, error=doc.parse_error)
    return doc


@atomic
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


@atomic
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
    request_rescore(doc.assessment, today, "correction")
    return row


def add_comment(assessment: Assessment, user: User, body: str) -> Comment:
    """Post a message to the assessment's thread (both sides see it)."""
    comment = Comment(assessment_id=assessment.id, user_id=user.id, body=body.strip())
    db.session.add(comment)
    db.session.flush()
    audit.record(user, "comment.add", comment, assessment_id=assessment.id)
    notifications.supplier_commented(assessment, user)
    return comment


def decide_assessment(assessment: Assessment, user: User, decision: str, reason: str, *,
                      confirmed: bool = False) -> Assessment:
    """Accept or reject the supplier, recording who decided, when and why.

    Accepting despite risks (not rated, blockers, no documents, nothing submitted: verdicts.risks_now,
    the one rule for the pages and the API) needs `confirmed`; the risks accepted are kept in the audit
    trail beside the reason.
    """
    if assessment.status not in DECIDABLE:
        raise OperationError(f"This assessment is {assessment.status.replace('_', ' ')}: no decision can be "
                             "recorded now.")
    if decision not in ("accepted", "rejected"):
        raise OperationError("Choose accept or reject.")
    if not reason.strip():
        raise OperationError("Give a reason for the decision.")
    risks = verdicts.risks_now(assessment) if decision == "accepted" else ()
    if risks and not confirmed:
        raise ConfirmationNeeded(risks)
    assessment.status, assessment.decision_reason = decision, reason.strip()
    assessment.decided_by, assessment.decided_at = user.id, utcnow()
    assessment.updated_at = utcnow()
    db.session.flush()
    audit.record(user, "assessment.decide", assessment, decision=decision, reason=assessment.decision_reason,
                 rating=assessment.rating, risks_accepted=list(risks))
    return assessment
