"""API: assessments (the dashboard's list, open one, one in full), answers and decisions.

Thin views: the pages' operations, scoping and role checks on the token's user; nothing commits here
(the request's transaction is the app's, portal/unit_of_work.py).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_login import current_user
from flask_smorest import abort as refuse

import questionnaires

from ..assessments import operations, pages, reading, rescoring
from ..assessments import routes as assessment_routes
from ..assessments.access import require_procurement, require_supplier_edit
from ..assessments.dashboard import portfolio
from ..assessments.forms import DashboardFilterForm, status_choices
from ..assessments.helpers import template_choices, today
from ..models import Assessment, Document
from ..security import assessment_or_404, assessment_scope, procurement_required, roles_required
from .schemas import (
    AnswersInputSchema,
    AnswersSchema,
    AssessmentCreatedSchema,
    AssessmentCreateSchema,
    AssessmentFilterSchema,
    AssessmentPageSchema,
    AssessmentSchema,
    DecisionSchema,
)
from .service import v1

VIEWERS = ("procurement", "legal", "supplier")


def dashboard_query() -> Any:
    """Read the dashboard's filters exactly as the dashboard does (its own reading, not a copy)."""
    form = DashboardFilterForm(request.args)
    form.status.choices = status_choices()
    return assessment_routes._dashboard_query(form)


def unprocessable(message: str) -> None:
    """Refuse a request the operation refused, with its reason (422 problem)."""
    refuse(422, message=message)


@v1.route("/assessments", methods=["GET"])
@v1.doc(tags=["assessments"], summary="List assessments (the dashboard's filters, sort and pages)")
@v1.arguments(AssessmentFilterSchema, location="query")
@v1.response(200, AssessmentPageSchema)
@roles_required(*VIEWERS)
def list_assessments(args: dict[str, Any]) -> dict[str, Any]:
    """The assessments the token's user sees, filtered and sorted as on the dashboard."""
    result = portfolio(assessment_scope(current_user), dashboard_query(), page_size=args["per_page"])
    return {"items": [_row(r) for r in result.rows], "total": result.total, "page": result.page,
            "pages": result.pages, "per_page": args["per_page"]}


@v1.route("/assessments", methods=["POST"])
@v1.doc(tags=["assessments"], summary="Open an assessment (procurement)")
@v1.arguments(AssessmentCreateSchema)
@v1.response(201, AssessmentCreatedSchema)
@procurement_required
def create_assessment(data: dict[str, Any]) -> dict[str, Any]:
    """Open an assessment of a supplier's product and invite its contacts, as the "new assessment" page
    does (the same operation); each invitation's link is in the answer, this once."""
    keys = {key for key, _ in template_choices(current_user.organisation_id)}
    if data["template_key"] not in keys:
        unprocessable("Unknown questionnaire template; choose one of: " + ", ".join(sorted(keys)))
    days = int(current_app.config.get("INVITATION_DAYS", 14))
    assessment, invited = operations.open_assessment(current_user, {**data, "emails": data["contact_emails"]},
                                                     days)
    return {**_detail(assessment), "invitations": [
        {"id": i.invitation.id, "email": i.invitation.email, "expires_at": i.invitation.expires_at,
         "link": i.link} for i in invited]}


@v1.route("/assessments/<int:assessment_id>", methods=["GET"])
@v1.doc(tags=["assessments"], summary="One assessment: rating, flags with evidence, documents, decision")
@v1.response(200, AssessmentSchema)
@roles_required(*VIEWERS)
def get_assessment(assessment_id: int) -> dict[str, Any]:
    """Everything the assessment page shows about the rating and its evidence."""
    return _detail(assessment_or_404(assessment_id))


@v1.route("/assessments/<int:assessment_id>/answers", methods=["GET"])
@v1.doc(tags=["answers"], summary="The supplier's questionnaire answers")
@v1.response(200, AnswersSchema)
@roles_required(*VIEWERS)
def get_answers(assessment_id: int) -> dict[str, Any]:
    """The answers saved so far (a draft until submitted)."""
    assessment = assessment_or_404(assessment_id)
    response = assessment.response
    return {"template_key": assessment.template_key, "template_version": assessment.template_version,
            "answers": dict(response.answers or {}) if response else {},
            "submitted_at": response.submitted_at if response else None}


@v1.route("/assessments/<int:assessment_id>/answers", methods=["PUT"])
@v1.doc(tags=["answers"], summary="Save the questionnaire answers as a draft, or submit them (supplier)")
@v1.arguments(AnswersInputSchema)
@v1.response(200, AnswersSchema)
@roles_required("supplier")
def put_answers(data: dict[str, Any], assessment_id: int) -> dict[str, Any]:
    """Save or submit, as the questionnaire page does; answers are checked against the template."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    template = rescoring.load_template(assessment.template_key, assessment.template_version)
    problems = questionnaires.validate_answers(template, data["answers"], require=data["submit"])
    if problems:
        unprocessable("Some answers are not valid: " + "; ".join(problems))
    try:
        operations.save_answers(assessment, current_user, data["answers"], submit=data["submit"],
                                today=today())
    except operations.OperationError as err:
        unprocessable(str(err))
    return get_answers(assessment_id)


@v1.route("/assessments/<int:assessment_id>/decision", methods=["POST"])
@v1.doc(tags=["decisions"], summary="Accept or reject the supplier, with a reason (procurement)",
        description="Accepting an assessment that is not rated, has blockers, has no documents or no "
                    "submitted answers needs `confirm: true` (as the page's confirmation); without it the "
                    "answer is a 422 problem whose `errors.confirm` lists the risks.")
@v1.arguments(DecisionSchema)
@v1.response(200, AssessmentSchema)
@procurement_required
def decide(data: dict[str, Any], assessment_id: int) -> dict[str, Any]:
    """Record the decision as the assessment page does."""
    assessment = assessment_or_404(assessment_id)
    require_procurement(current_user, assessment)
    try:
        operations.decide_assessment(assessment, current_user, data["decision"], data["reason"],
                                     confirmed=data["confirm"])
    except operations.ConfirmationNeeded as err:
        refuse(422, message=f"{err} Send the decision again with \"confirm\": true to accept anyway.",
               errors={"confirm": list(err.risks)})
    except operations.OperationError as err:
        unprocessable(str(err))
    return _detail(assessment)


def _row(r: Any) -> dict[str, Any]:
    return {"id": r.id, "supplier_name": r.supplier_name, "product": r.product, "rating": r.rating,
            "flag_counts": {"high": r.flags_high, "medium": r.flags_medium, "low": r.flags_low},
            "expiry_date": r.expiry_date, "status": r.status, "buyer_name": r.buyer_name,
            "buyer_reference": r.buyer_reference, "response_due": r.response_due,
            "created_at": r.created_at, "updated_at": r.updated_at}


def _detail(a: Assessment) -> dict[str, Any]:
    view = pages.assessment_view(a, "supplier" if current_user.role == "supplier" else "buyer")
    latest = view.latest
    return {**_row(_Row(a)), "supplier_legal_name": a.supplier_legal_name,
            "product_aliases": list(a.product_aliases or []),
            "required_regions": list(a.required_regions or []),
            "template_key": a.template_key, "template_version": a.template_version,
            "surveillance_due": a.surveillance_due, "scored_at": latest.scored_at if latest else None,
            "verdict": {"headline": view.verdict.headline, "next_steps": list(view.verdict.next_steps)},
            "flags": [_flag(f) for f in (latest.flags if latest else [])],
            "decision": {"reason": a.decision_reason, "decided_at": a.decided_at,
                         "acceptance_risks": list(view.risks) if a.status in operations.DECIDABLE else []},
            "documents": [document_row(d.doc) for d in view.documents]}


class _Row:
    """An assessment read like a dashboard row."""

    def __init__(self, a: Assessment) -> None:
        self.__dict__.update({c: getattr(a, c) for c in (
            "id", "supplier_name", "product", "rating", "flags_high", "flags_medium", "flags_low",
            "expiry_date", "status", "buyer_reference", "response_due", "created_at", "updated_at")})
        self.buyer_name = a.buyer_org.name


def _flag(flag: dict[str, Any]) -> dict[str, Any]:
    evidence = [e for e in flag.get("evidence") or [] if isinstance(e, dict)]
    return {"code": str(flag.get("code") or ""), "severity": str(flag.get("severity") or ""),
            "message": str(flag.get("message") or ""),
            "evidence": [{"document": e.get("document"), "page": e.get("page"), "quote": e.get("quote")}
                         for e in evidence]}


def document_row(doc: Document) -> dict[str, Any]:
    """A document as listed: where its read is."""
    state = reading.reading_state(doc)
    return {"id": doc.id, "role": doc.role, "filename": doc.filename, "uploaded_at": doc.uploaded_at,
            "is_current": doc.is_current, "state": state.state, "state_label": state.label,
            "final": state.final, "withdrawn_at": doc.withdrawn_at, "withdrawn_reason": doc.withdrawn_reason}
