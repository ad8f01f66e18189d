"""Document views: upload, fields read and corrections, parse again, the PDF and its pages."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response as WerkzeugResponse

from scoring.corrections import display_value

from ..extensions import db
from ..models import Assessment, Document, Scoring
from ..security import assessment_or_404, roles_required
from . import bp, document_ops, operations, pdfview, reading, storage
from .access import document_of, require_supplier_edit, supplier_may_edit
from .forms import (
    ActionForm,
    ControlCorrectionForm,
    CorrectionForm,
    DocumentTypeForm,
    UploadForm,
    WithdrawForm,
)
from .helpers import storage_root, today, upload_limit
from .pages import load_document_view
from .panels import supplier_panels
from .upload_steps import ROLE_NAMES, UploadResult, next_step

VIEWERS = ("procurement", "legal", "supplier")
PRIVATE = "private, max-age=3600"


@bp.route("/<int:assessment_id>/documents", methods=["GET", "POST"])
@roles_required(*VIEWERS)
def upload(assessment_id: int) -> str | WerkzeugResponse | tuple[str, int]:
    """Upload PDFs, each on its own: stored durably, answered at once; a job reads and scores each."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    form = UploadForm()
    if request.method == "GET":
        return _upload_page(assessment, form)
    if not form.validate_on_submit():
        return _upload_page(assessment, form), 400
    results = [_store_one(assessment, form.role.data, f) for f in form.files.data if f and f.filename]
    stored = [r for r in results if r.document is not None and not r.duplicate]
    only = results[0].document if len(results) == 1 else None
    if only is not None:
        if results[0].duplicate:
            return _already_uploaded(assessment.id, only)
        _flash_queued(only)  # the read job is handed to the queue when this request commits
        return redirect(url_for(".document", assessment_id=assessment.id, document_id=only.id))
    page = render_template("assessments/upload.html", a=assessment, form=UploadForm(formdata=None),
                           results=results, next_step=next_step(assessment), **supplier_panels(assessment))
    return page, (200 if stored or any(r.duplicate for r in results) else 400)


def _store_one(assessment: Assessment, role: str, upload: FileStorage) -> UploadResult:
    """Store one file of an upload; a refusal is told for this file and the others go on."""
    name = upload.filename or "(no name)"
    data = upload.read(upload_limit() + 1)
    try:
        outcome = operations.store_upload(assessment, current_user, role, name, data,
                                          storage_root(), upload_limit())
    except storage.UploadRejected as err:
        return UploadResult(name, None, False, str(err))
    return UploadResult(name, outcome.document, outcome.duplicate, "")


def _upload_page(assessment: Assessment, form: UploadForm) -> str:
    return render_template("assessments/upload.html", a=assessment, form=form, results=None,
                           next_step=None, **supplier_panels(assessment))


def _already_uploaded(assessment_id: int, doc: Any) -> WerkzeugResponse:
    flash(f"This file was already uploaded on {doc.uploaded_at:%d %B %Y} as “{doc.filename}”; "
          "it was not stored again.", "info")
    return redirect(url_for(".document", assessment_id=assessment_id, document_id=doc.id))


def _flash_queued(doc: Document) -> None:
    # told neutrally: whether the read went well is the page's to say (not a green "done" beside a problem)
    flash(f"“{doc.filename}” was stored and is queued to be read; this page shows how far it got.", "info")


@bp.post("/<int:assessment_id>/documents/<int:document_id>/type")
@roles_required("supplier", "procurement")
def change_type(assessment_id: int, document_id: int) -> WerkzeugResponse | tuple[str, int]:
    """Take a document as another type (certificate, SoA, other evidence)."""
    assessment, doc = _editable_document(assessment_id, document_id)
    form = DocumentTypeForm()
    if not form.validate_on_submit():
        flash("Type of document: choose certificate, Statement of Applicability or other evidence.", "error")
        return _document_page(assessment, doc), 400
    try:
        rescore = document_ops.change_role(doc, current_user, form.role.data)
    except document_ops.DocumentChangeRefused as err:
        flash(str(err), "error")
        return _document_page(assessment, doc), 400
    if rescore:
        operations.request_rescore(assessment, today(), "document type")
    flash(f"“{doc.filename}” is now taken as {ROLE_NAMES[doc.role]}.", "success")
    return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id))


@bp.post("/<int:assessment_id>/documents/<int:document_id>/withdraw")
@roles_required("supplier", "procurement")
def withdraw(assessment_id: int, document_id: int) -> WerkzeugResponse | tuple[str, int]:
    """Withdraw a document (kept and shown as withdrawn, no longer scored), or reinstate it."""
    assessment, doc = _editable_document(assessment_id, document_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash("Reason for withdrawing: " + " ".join(form.withdraw_reason.errors
                                                    or ["the form expired; try again."]), "error")
        return _document_page(assessment, doc), 400
    try:
        if form.reinstate.data:
            rescore = document_ops.reinstate(doc, current_user)
            message = f"“{doc.filename}” is reinstated and counts again."
        else:
            rescore = document_ops.withdraw(doc, current_user, form.withdraw_reason.data or "")
            message = (f"“{doc.filename}” is withdrawn: it is kept and shown as withdrawn, "
                       "and no longer counts in the rating.")
    except document_ops.DocumentChangeRefused as err:
        flash(str(err), "error")
        return _document_page(assessment, doc), 400
    if rescore:
        operations.request_rescore(assessment, today(), "document withdrawn")
    flash(message, "success")
    return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id))


def _editable_document(assessment_id: int, document_id: int) -> tuple[Assessment, Document]:
    assessment = assessment_or_404(assessment_id)
    if current_user.role == "supplier":
        require_supplier_edit(current_user, assessment)
    return assessment, document_of(assessment, document_id)


@bp.get("/<int:assessment_id>/documents/<int:document_id>")
@roles_required(*VIEWERS)
def document(assessment_id: int, document_id: int) -> str:
    """Show what was read from a document, with corrections and the forms to add them."""
    assessment = assessment_or_404(assessment_id)
    return _document_page(assessment, document_of(assessment, document_id))


def _document_page(assessment: Assessment, doc: Document, failed: CorrectionForm | None = None,
                   failed_control: ControlCorrectionForm | None = None) -> str:
    """Render the document page; a correction that failed keeps what was typed and says why."""
    view = load_document_view(doc)
    forms = {f.name: CorrectionForm(formdata=None, field=f.name, value=display_value(f.effective))
             for f in view.fields}
    labels = {f.name: f.label for f in view.fields}
    if failed is not None and failed.field.data in forms:
        forms[failed.field.data] = failed
    return render_template("assessments/document.html", a=assessment, v=view, forms=forms,
                           failed=failed, failed_label=labels.get(failed.field.data or "", "")
                           if failed is not None else "",
                           control_form=failed_control or ControlCorrectionForm(formdata=None),
                           action_form=ActionForm(),
                           type_form=DocumentTypeForm(formdata=None, role=doc.role),
                           withdraw_form=WithdrawForm(formdata=None),
                           ocr_pages=_ocr_pages(doc), next_step=next_step(doc.assessment),
                           reading=reading.reading_state(doc),
                           can_edit=supplier_may_edit(current_user, assessment))


def _ocr_pages(doc: Document) -> list[int]:
    """Return the pages read by OCR (older reads only say whether OCR was used: every page then)."""
    data = doc.extraction or {}
    pages = [int(n) for n in data.get("ocr_pages") or [] if isinstance(n, int)]
    if not pages and data.get("ocr"):
        pages = list(range(1, len(data.get("page_texts") or []) + 1))
    return pages


@bp.get("/<int:assessment_id>/documents/<int:document_id>/state")
@roles_required(*VIEWERS)
def document_state(assessment_id: int, document_id: int) -> WerkzeugResponse:
    """Say where the document's read is (the document page asks this until the read is over)."""
    doc = document_of(assessment_or_404(assessment_id), document_id)
    state = reading.reading_state(doc)
    response = jsonify(state=state.state, label=state.label, final=state.final)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<int:assessment_id>/documents/<int:document_id>/corrections")
@roles_required("supplier")
def correct(assessment_id: int, document_id: int) -> WerkzeugResponse | tuple[str, int]:
    """Record the supplier's correction of one field (with a reason)."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    doc = document_of(assessment, document_id)
    form = CorrectionForm()
    if form.validate_on_submit():
        try:
            operations.correct_field(doc, current_user, form.field.data, form.value.data or "",
                                     form.reason.data, today())
        except operations.OperationError as err:
            form.value.errors = [str(err)]
        else:
            flash("Correction saved; the buyer sees it marked as supplier-provided.", "success")
            return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id))
    return _document_page(assessment, doc, failed=form), 400


@bp.post("/<int:assessment_id>/documents/<int:document_id>/controls")
@roles_required("supplier")
def correct_control(assessment_id: int, document_id: int) -> WerkzeugResponse | tuple[str, int]:
    """Record the supplier's correction of one SoA control (with a reason)."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    doc = document_of(assessment, document_id)
    form = ControlCorrectionForm()
    if form.validate_on_submit():
        try:
            operations.correct_control(doc, current_user, form.control.data, form.state.data,
                                       form.justification.data or "", form.reason.data, today())
        except operations.OperationError as err:
            form.control.errors = [str(err)]
        else:
            flash(f"Correction of {form.control.data} saved; the buyer sees it marked as "
                  "supplier-provided.", "success")
            return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id,
                                    _anchor="controls"))
    return _document_page(assessment, doc, failed_control=form), 400


@bp.post("/<int:assessment_id>/documents/<int:document_id>/parse")
@roles_required("supplier", "procurement")
def reparse(assessment_id: int, document_id: int) -> WerkzeugResponse:
    """Parse a stored document again (after a failure, or with an improved parser)."""
    assessment = assessment_or_404(assessment_id)
    if current_user.role == "supplier":
        require_supplier_edit(current_user, assessment)
    doc = document_of(assessment, document_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    reading.queue_read(doc, current_user, trigger="manual")
    flash(f"“{doc.filename}” is queued to be read again; this page shows how far it got.", "success")
    return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id))


@bp.get("/<int:assessment_id>/documents/<int:document_id>/file")
@roles_required(*VIEWERS)
def file(assessment_id: int, document_id: int) -> WerkzeugResponse:
    """Send the stored PDF to an authorised user (never cached by shared proxies)."""
    doc = document_of(assessment_or_404(assessment_id), document_id)
    response = make_response(storage.read_blob(storage_root(), doc.sha256))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="document-{doc.id}.pdf"'
    response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"  # scripts inside a PDF get no origin
    return response


@bp.get("/<int:assessment_id>/documents/<int:document_id>/pages/<int:page>.png")
@roles_required(*VIEWERS)
def page_image(assessment_id: int, document_id: int, page: int) -> WerkzeugResponse:
    """Send one page rendered to PNG (cached on disk by content hash)."""
    doc = document_of(assessment_or_404(assessment_id), document_id)
    data = storage.read_blob(storage_root(), doc.sha256)
    if not 1 <= page <= _pages(data):
        abort(404)
    png = pdfview.render_png(data, page, storage_root() / "renders", doc.sha256)
    response = make_response(png)
    response.headers["Content-Type"] = "image/png"
    response.headers["Cache-Control"] = PRIVATE
    return response


def _pages(data: bytes) -> int:
    try:
        return pdfview.page_count(data)
    except pdfview.pdfium.PdfiumError:  # an unreadable PDF simply has no pages to show
        return 0


@bp.get("/<int:assessment_id>/documents/<int:document_id>/pages/<int:page>")
@roles_required(*VIEWERS)
def page_view(assessment_id: int, document_id: int, page: int) -> str:
    """Show a cited page with the quoted evidence highlighted."""
    assessment = assessment_or_404(assessment_id)
    doc = document_of(assessment, document_id)
    data = storage.read_blob(storage_root(), doc.sha256)
    count = _pages(data)
    if not 1 <= page <= count:
        abort(404)
    cited = _cited(assessment.id, request.args, doc, page)
    boxes = pdfview.highlight_boxes(data, page, cited) if cited else []
    return render_template("assessments/page.html", a=assessment, doc=doc, page=page, count=count,
                           quotes=[q for q, _ in cited if q], boxes=boxes)


def _cited(assessment_id: int, args: Any, doc: Any, page: int) -> list[tuple[str, Any]]:
    """Return the (quote, bbox) pairs a link cites: a flag's evidence on this page, or a plain quote."""
    sid, flag, ev = (args.get(k, type=int) for k in ("scoring", "flag", "ev"))
    if sid is not None and flag is not None:
        row = db.session.scalar(sa.select(Scoring).where(Scoring.id == sid,
                                                         Scoring.assessment_id == assessment_id))
        items = _flag_evidence(row, flag)
        if ev is not None:
            items = items[ev:ev + 1]
        return [(str(i.get("quote") or ""), i.get("bbox")) for i in items
                if i.get("page") == page and i.get("document") in (doc.role, doc.kind)]
    quote = (args.get("q") or "")[:500]
    return [(quote, None)] if quote else []


def _flag_evidence(row: Scoring | None, flag: int) -> list[dict[str, Any]]:
    try:
        items = row.flags[flag]["evidence"] if row else []
    except (IndexError, KeyError, TypeError):
        return []
    return [i for i in items if isinstance(i, dict)]
