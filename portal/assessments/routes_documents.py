"""Document views: upload, fields read and corrections, parse again, the PDF and its pages."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as WerkzeugResponse

from ..extensions import db
from ..models import Correction, Scoring
from ..security import assessment_or_404, roles_required
from . import bp, operations, pdfview, storage
from .access import document_of, require_supplier_edit, supplier_may_edit
from .corrections import display_value
from .forms import ActionForm, ControlCorrectionForm, CorrectionForm, UploadForm
from .helpers import storage_root, today, upload_limit
from .pages import document_view

VIEWERS = ("procurement", "legal", "supplier")
PRIVATE = "private, max-age=3600"


@bp.route("/<int:assessment_id>/documents", methods=["GET", "POST"])
@roles_required(*VIEWERS)
def upload(assessment_id: int) -> str | WerkzeugResponse:
    """Upload a PDF: stored durably first (committed), then parsed and scored."""
    assessment = assessment_or_404(assessment_id)
    form = UploadForm()
    if request.method == "GET":
        require_supplier_edit(current_user, assessment)
        return render_template("assessments/upload.html", a=assessment, form=form)
    require_supplier_edit(current_user, assessment)
    if not form.validate_on_submit():
        return render_template("assessments/upload.html", a=assessment, form=form), 400  # type: ignore[return-value]
    data = form.file.data.read(upload_limit() + 1)
    try:
        outcome = operations.store_upload(assessment, current_user, form.role.data,
                                          form.file.data.filename or "", data, storage_root(), upload_limit())
    except storage.UploadRejected as err:
        flash(f"Upload refused: {err}", "error")
        return render_template("assessments/upload.html", a=assessment, form=form), 400  # type: ignore[return-value]
    if outcome.duplicate:
        return _already_uploaded(assessment.id, outcome.document)
    try:
        db.session.commit()  # the file and its record are durable before parsing can fail
    except IntegrityError:  # the same file arrived twice at once: the other request recorded it
        db.session.rollback()
        return _already_uploaded(assessment.id, operations.find_upload(assessment, data))
    doc = operations.process_document(outcome.document, current_user, storage_root(), today())
    db.session.commit()
    _flash_parse(doc)
    return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id))


def _already_uploaded(assessment_id: int, doc: Any) -> WerkzeugResponse:
    flash(f"This file was already uploaded on {doc.uploaded_at:%d %B %Y} as “{doc.filename}”; "
          "it was not stored again.", "info")
    return redirect(url_for(".document", assessment_id=assessment_id, document_id=doc.id))


def _flash_parse(doc: Any) -> None:
    if doc.parse_status == "parsed":
        flash(f"“{doc.filename}” was stored and read. Check the fields below.", "success")
    else:
        flash(f"“{doc.filename}” was stored but could not be read: {doc.parse_error}", "error")


@bp.get("/<int:assessment_id>/documents/<int:document_id>")
@roles_required(*VIEWERS)
def document(assessment_id: int, document_id: int) -> str:
    """Show what was read from a document, with corrections and the forms to add them."""
    assessment = assessment_or_404(assessment_id)
    doc = document_of(assessment, document_id)
    rows = list(db.session.scalars(sa.select(Correction).where(Correction.document_id == doc.id)
                                   .order_by(Correction.created_at, Correction.id)))
    view = document_view(doc, rows)
    forms = {f.name: CorrectionForm(formdata=None, field=f.name, value=display_value(f.effective))
             for f in view.fields}
    return render_template("assessments/document.html", a=assessment, v=view, forms=forms,
                           control_form=ControlCorrectionForm(formdata=None), action_form=ActionForm(),
                           can_edit=supplier_may_edit(current_user, assessment))


@bp.post("/<int:assessment_id>/documents/<int:document_id>/corrections")
@roles_required("supplier")
def correct(assessment_id: int, document_id: int) -> WerkzeugResponse:
    """Record the supplier's correction of one field (with a reason)."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    doc = document_of(assessment, document_id)
    form = CorrectionForm()
    if not form.validate_on_submit():
        flash("Give the correct value and a reason.", "error")
    else:
        try:
            operations.correct_field(doc, current_user, form.field.data, form.value.data or "",
                                     form.reason.data, today())
        except operations.OperationError as err:
            db.session.rollback()
            flash(str(err), "error")
        else:
            db.session.commit()
            flash("Correction saved; the buyer sees it marked as supplier-provided.", "success")
    return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id))


@bp.post("/<int:assessment_id>/documents/<int:document_id>/controls")
@roles_required("supplier")
def correct_control(assessment_id: int, document_id: int) -> WerkzeugResponse:
    """Record the supplier's correction of one SoA control (with a reason)."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    doc = document_of(assessment, document_id)
    form = ControlCorrectionForm()
    if not form.validate_on_submit():
        flash("Choose a control and whether it applies, and give a reason.", "error")
    else:
        try:
            operations.correct_control(doc, current_user, form.control.data, form.state.data,
                                       form.justification.data or "", form.reason.data, today())
        except operations.OperationError as err:
            db.session.rollback()
            flash(str(err), "error")
        else:
            db.session.commit()
            flash(f"Correction of {form.control.data} saved; the buyer sees it marked as "
                  "supplier-provided.", "success")
    return redirect(url_for(".document", assessment_id=assessment.id, document_id=doc.id,
                            _anchor="controls"))


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
    operations.process_document(doc, current_user, storage_root(), today(), trigger="manual")
    db.session.commit()
    _flash_parse(doc)
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
    except Exception:  # an unreadable PDF simply has no pages to show
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
