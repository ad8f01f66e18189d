"""API: the legal risk summary (JSON and PDF) and the portfolio export (CSV, XLSX): the legal pages'
own computations, for the buyer's side only."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from flask_login import current_user
from werkzeug.wrappers import Response

from ..assessments.helpers import today
from ..audit import _plain
from ..legal import export
from ..legal.operations import legal_summary
from ..legal.routes import READERS, XLSX_TYPE, _download
from ..legal.summary_pdf import render_summary_pdf
from ..security import assessment_or_404, assessment_scope, roles_required
from .schemas import ExportFilterSchema, LegalSummarySchema, SummaryQuerySchema
from .service import v1
from .views_assessments import dashboard_query


@v1.route("/assessments/<int:assessment_id>/legal-summary", methods=["GET"])
@v1.doc(tags=["legal"], summary="The legal risk summary (buyer)")
@v1.arguments(SummaryQuerySchema, location="query")
@v1.response(200, LegalSummarySchema)
@roles_required(*READERS)
def get_legal_summary(args: dict[str, Any], assessment_id: int) -> dict[str, Any]:
    """The figures of the summary page, computed for `on` (default today)."""
    summary = legal_summary(assessment_or_404(assessment_id), args.get("on") or today())
    body = _plain(dataclasses.asdict(summary))
    body["flag_counts"], body["computed_for"] = summary.flag_counts, summary.computed_for
    return dict(body)


@v1.route("/assessments/<int:assessment_id>/legal-summary.pdf", methods=["GET"])
@v1.doc(tags=["legal"], summary="The legal risk summary as a PDF for the contract file (buyer)")
@v1.arguments(SummaryQuerySchema, location="query")
@v1.response(200, content_type="application/pdf", description="The PDF")
@roles_required(*READERS)
def get_legal_summary_pdf(args: dict[str, Any], assessment_id: int) -> Response:
    """The summary page's PDF."""
    assessment = assessment_or_404(assessment_id)
    on: dt.date = args.get("on") or today()
    data = render_summary_pdf(legal_summary(assessment, on))
    return _download(data, "application/pdf", f"legal-risk-summary-{assessment.id}-{on.isoformat()}.pdf")


@v1.route("/portfolio/export", methods=["GET"])
@v1.doc(tags=["legal"], summary="Every assessment matching the dashboard's filters, as CSV or XLSX (buyer)")
@v1.arguments(ExportFilterSchema, location="query")
@v1.response(200, content_type="text/csv", description="The portfolio (CSV, or XLSX when format=xlsx)")
@roles_required(*READERS)
def export_portfolio(args: dict[str, Any]) -> Response:
    """The portfolio export of the legal pages."""
    rows = export.export_rows(assessment_scope(current_user), dashboard_query())
    if args["format"] == "xlsx":
        return _download(export.to_xlsx(rows), XLSX_TYPE, f"portfolio-{today().isoformat()}.xlsx")
    return _download(export.to_csv(rows), "text/csv; charset=utf-8", f"portfolio-{today().isoformat()}.csv")

