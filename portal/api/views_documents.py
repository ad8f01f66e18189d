"""API: documents — upload (stored, then read by a job), where the read is, what was read with its
evidence, and the supplier's corrections. The pages' operations and checks, on the token's user."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask_login import current_user
from flask_smorest import abort as refuse
from marshmallow import ValidationError

from ..assessments import operations, storage
from ..assessments.access import document_of, require_supplier_edit
from ..assessments.helpers import storage_root, today, upload_limit
from ..assessments.pages import DocumentView, load_document_view
from ..audit import _plain
from ..models import Correction, Document
from ..security import assessment_or_404, roles_required
from .schemas import (
    UPLOAD_BODY,
    ControlCorrectionSchema,
    CorrectionSchema,
    DocumentSchema,
    FieldCorrectionSchema,
    UploadSchema,
)
from .service import v1
from .views_assessments import VIEWERS, document_row, unprocessable


@v1.route("/assessments/<int:assessment_id>/documents", methods=["POST"])
@v1.doc(tags=["documents"], summary="Upload a PDF (supplier): stored now, read and scored by a job")
@v1.doc(requestBody=UPLOAD_BODY)  # file and form fields in one multipart body (documented by hand)
@v1.response(202, DocumentSchema, description="Stored and queued to be read; poll the document")
@v1.alt_response(200, schema=DocumentSchema, description="These bytes were already uploaded: that document")
@roles_required("supplier")
def upload(assessment_id: int) -> Any:
    """Store the PDF and queue its read, as the upload page does."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    try:
        body = UploadSchema().load({**request.form.to_dict(), **request.files.to_dict()})
    except ValidationError as err:
        refuse(422, errors={"multipart": err.messages})
    upload_file = body["file"]
    data = upload_file.read(upload_limit() + 1)
    try:
        outcome = operations.store_upload(assessment, current_user, body["role"], upload_file.filename or "",
                                          data, storage_root(), upload_limit())
    except storage.UploadRejected as err:
        unprocessable(f"Upload refused: {err}")
        raise  # unreachable: unprocessable aborts
    location = {"Location": url_for("api_v1.get_document", assessment_id=assessment.id,
                                    document_id=outcome.document.id)}
    return _document(outcome.document), 200 if outcome.duplicate else 202, location


@v1.route("/assessments/<int:assessment_id>/documents/<int:document_id>", methods=["GET"])
@v1.doc(tags=["documents"], summary="A document: its read state, what was read with evidence, corrections")
@v1.response(200, DocumentSchema)
@roles_required(*VIEWERS)
def get_document(assessment_id: int, document_id: int) -> dict[str, Any]:
    """What the document page shows."""
    return _document(document_of(assessment_or_404(assessment_id), document_id))


@v1.route("/assessments/<int:assessment_id>/documents/<int:document_id>/corrections", methods=["POST"])
@v1.doc(tags=["documents"], summary="Correct a misread field (supplier); the machine value is kept")
@v1.arguments(FieldCorrectionSchema)
@v1.response(201, CorrectionSchema)
@roles_required("supplier")
def correct_field(data: dict[str, Any], assessment_id: int, document_id: int) -> Correction:
    """Record the supplier's value for a field, as the document page does."""
    doc = _editable(assessment_id, document_id)
    try:
        return operations.correct_field(doc, current_user, data["field"], data["value"], data["reason"],
                                        today())
    except operations.OperationError as err:
        unprocessable(str(err))
        raise


@v1.route("/assessments/<int:assessment_id>/documents/<int:document_id>/controls", methods=["POST"])
@v1.doc(tags=["documents"], summary="Correct the reading of one SoA control (supplier)")
@v1.arguments(ControlCorrectionSchema)
@v1.response(201, CorrectionSchema)
@roles_required("supplier")
def correct_control(data: dict[str, Any], assessment_id: int, document_id: int) -> Correction:
    """Record the supplier's reading of a control, as the document page does."""
    doc = _editable(assessment_id, document_id)
    try:
        return operations.correct_control(doc, current_user, data["control"], data["state"],
                                          data["justification"], data["reason"], today())
    except operations.OperationError as err:
        unprocessable(str(err))
        raise


def _editable(assessment_id: int, document_id: int) -> Document:
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    return document_of(assessment, document_id)


def _document(doc: Document) -> dict[str, Any]:
    view: DocumentView = load_document_view(doc)
    corrections = [c for f in view.fields for c in f.corrections] + [
        c for control in view.controls for c in control.corrections]
    return {**document_row(doc), "sha256": doc.sha256, "kind": doc.kind,
            "fields_read": [{"name": f.name, "label": f.label, "machine": _plain(f.machine),
                             "effective": _plain(f.effective), "corrected": f.corrected, "page": f.page}
                            for f in view.fields],
            "evidence": dict((doc.extraction or {}).get("evidence") or {}),
            "extraction": view.extraction.schema_json() if view.extraction is not None else None,
            "corrections": sorted(corrections, key=lambda c: c.id)}

