"""Legal views: risk summary (HTML, PDF) and portfolio export (thin views; nothing changes data)."""

from __future__ import annotations

import datetime as dt

from flask import abort, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from scoring.legal import CERTIFICATE_ROWS

from ..assessments import routes as assessment_routes
from ..assessments.dashboard import DashboardQuery
from ..assessments.forms import DashboardFilterForm, status_choices
from ..assessments.helpers import today
from ..security import assessment_or_404, assessment_scope, roles_required
from . import bp, export, operations
from .summary_pdf import render_summary_pdf

# The buyer's side only: a summary advises the buyer's lawyers, so suppliers do not get it.
READERS = ("procurement", "legal")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/assessments/<int:assessment_id>/summary")
@roles_required(*READERS)
def summary(assessment_id: int) -> str:
    """Show the legal risk summary of one assessment."""
    assessment = assessment_or_404(assessment_id)
    on = _computed_for()
    return render_template("legal/summary.html", a=assessment, s=operations.legal_summary(assessment, on),
                           cert_rows=CERTIFICATE_ROWS, explicit_date=request.args.get("on"))


@bp.get("/assessments/<int:assessment_id>/summary.pdf")
@roles_required(*READERS)
def summary_pdf(assessment_id: int) -> Response:
    """Download the legal risk summary as a PDF for the contract file."""
    assessment = assessment_or_404(assessment_id)
    on = _computed_for()
    data = render_summary_pdf(operations.legal_summary(assessment, on))
    return _download(data, "application/pdf", f"legal-risk-summary-{assessment.id}-{on.isoformat()}.pdf")


@bp.get("/portfolio.csv")
@roles_required(*READERS)
def portfolio_csv() -> Response:
    """Download every assessment matching the dashboard's filters as CSV."""
    rows = export.export_rows(assessment_scope(current_user), _dashboard_query())
    return _download(export.to_csv(rows), "text/csv; charset=utf-8", f"portfolio-{today().isoformat()}.csv")


@bp.get("/portfolio.xlsx")
@roles_required(*READERS)
def portfolio_xlsx() -> Response:
    """Download every assessment matching the dashboard's filters as an Excel workbook."""
    rows = export.export_rows(assessment_scope(current_user), _dashboard_query())
    return _download(export.to_xlsx(rows), XLSX_TYPE, f"portfolio-{today().isoformat()}.xlsx")


def _computed_for() -> dt.date:
    """Return the date asked for (`?on=YYYY-MM-DD`), else today; 400 for a malformed date."""
    raw = request.args.get("on", "").strip()
    if not raw:
        return today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        abort(400, description="Give the date as YYYY-MM-DD.")


def _dashboard_query() -> DashboardQuery:
    """Read the dashboard's filter parameters exactly as the dashboard does."""
    form = DashboardFilterForm(request.args)
    form.status.choices = status_choices()
    return assessment_routes._dashboard_query(form)  # the dashboard's own reading, not a copy


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"  # contract material: no shared caches
    return response
