"""Assessment views: dashboard, open, invite, answer, page, comments, decision (thin views)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

from ..auth.forms import InviteForm
from ..auth.invitation_routes import remember_link
from ..forms import answered, choices
from ..models import Assessment
from ..security import assessment_or_404, assessment_scope, procurement_required, roles_required
from . import bp, operations, pages, panels, rescoring, verdicts
from .access import require_procurement, require_supplier_edit, supplier_may_edit
from .dashboard import SORTS, DashboardQuery, conditions, portfolio
from .forms import AssessmentForm, CommentForm, DashboardFilterForm, DecisionForm, status_choices
from .helpers import split_lines, template_choices, today
from .questionnaire_form import (
    answers_from_form,
    apply_row_change,
    build_form_class,
    field_name,
    form_data_from_answers,
    question_specs,
    row_change,
)

VIEWERS = ("procurement", "legal", "supplier")


@bp.get("/")
@roles_required(*VIEWERS)
def dashboard() -> str:
    """Show the portfolio (buyers) or the assessments to answer (suppliers)."""
    form = DashboardFilterForm(request.args)
    form.status.choices = status_choices()
    query = _dashboard_query(form)
    scope = assessment_scope(current_user)
    result = portfolio(scope, query)
    filtered = sa.and_(*conditions(scope, query))  # the watch list and charts follow the same filter
    return render_template("assessments/dashboard.html", form=form, result=result, query=query,
                           sorts=list(SORTS), **panels.dashboard_panels(filtered))


def _dashboard_query(form: DashboardFilterForm) -> DashboardQuery:
    valid = form.validate()
    field = lambda name: (form[name].data or "") if valid or not form[name].errors else ""  # noqa: E731
    page = request.args.get("page", "1")
    return DashboardQuery(
        q=field("q").strip(), rating=field("rating"), status=field("status"),
        expiring_days=form.expiring.data if valid and form.expiring.data is not None else None,
        sort=form.sort.data if form.sort.data in SORTS else "updated",
        descending=form.dir.data != "asc", page=int(page) if page.isdigit() else 1, today=today())


@bp.route("/new", methods=["GET", "POST"])
@procurement_required
def new() -> str | tuple[str, int] | WerkzeugResponse:
    """Open an assessment of a supplier's product (and invite its users)."""
    form = AssessmentForm()
    form.template_key.choices = choices(template_choices(current_user.organisation_id))
    if form.validate_on_submit():
        assessment, invited = operations.open_assessment(current_user, _assessment_data(form), _days())
        for made in invited:
            remember_link(made.invitation, made.link)
        flash(f"Assessment of {assessment.supplier_name} opened.", "success")
        if invited:  # the links are shown once, with Copy buttons, on the invitations page
            return redirect(url_for("auth.pending_invitations", assessment_id=assessment.id))
        return redirect(url_for(".detail", assessment_id=assessment.id))
    return answered(render_template("assessments/new.html", form=form), form)


def _assessment_data(form: AssessmentForm) -> dict[str, Any]:
    others = [r.strip() for r in (form.other_regions.data or "").split(",") if r.strip()]
    return {"supplier_name": form.supplier_name.data.strip(),
            "supplier_legal_name": (form.supplier_legal_name.data or "").strip(),
            "product": form.product.data.strip(), "product_aliases": split_lines(form.product_aliases.data),
            "required_regions": list(form.required_regions.data or []) + others,
            "template_key": form.template_key.data,
            "buyer_reference": (form.buyer_reference.data or "").strip() or None,
            "response_due": form.response_due.data,
            "emails": split_lines(form.supplier_emails.data)}


def _days() -> int:
    return int(current_app.config.get("INVITATION_DAYS", 14))


@bp.post("/<int:assessment_id>/invitations")
@procurement_required
def invite(assessment_id: int) -> WerkzeugResponse:
    """Invite one more supplier user; the link is shown (and mailed when SMTP is set up)."""
    assessment = assessment_or_404(assessment_id)
    require_procurement(current_user, assessment)
    form = InviteForm()
    if not form.validate_on_submit():
        flash("Enter a valid e-mail address to invite.", "error")
        return redirect(url_for(".detail", assessment_id=assessment.id))
    made = operations.invite_supplier(assessment, current_user, form.email.data, _days())
    remember_link(made.invitation, made.link)
    email = made.invitation.email
    flash(f"{email} invited. Copy the link below, or let the e-mail reach them.", "success")
    return redirect(url_for("auth.pending_invitations", assessment_id=assessment.id))


@bp.get("/<int:assessment_id>")
@roles_required(*VIEWERS)
def detail(assessment_id: int) -> str:
    """Show answers beside evidence, flags with quotes, history (when scored, and why), thread, decision."""
    return _detail_page(assessment_or_404(assessment_id), DecisionForm(formdata=None))


def _detail_page(assessment: Assessment, decision_form: DecisionForm) -> str:
    view = pages.assessment_view(assessment, verdicts.audience_of(current_user.role))
    return render_template("assessments/detail.html", a=assessment, v=view,
                           comment_form=CommentForm(formdata=None), decision_form=decision_form,
                           invite_form=InviteForm(formdata=None),
                           can_edit=supplier_may_edit(current_user, assessment),
                           can_decide=_can_decide(assessment))


def _can_decide(assessment: Assessment) -> bool:
    """Show the decision form only to the buyer's procurement, and only while undecided."""
    return current_user.role == "procurement" and assessment.status in operations.DECIDABLE


@bp.route("/<int:assessment_id>/questionnaire", methods=["GET", "POST"])
@roles_required("supplier")
def questionnaire(assessment_id: int) -> str | tuple[str, int] | WerkzeugResponse:
    """Let the supplier answer: save a draft any time, submit when the required answers are in."""
    assessment = assessment_or_404(assessment_id)
    require_supplier_edit(current_user, assessment)
    specs = question_specs(rescoring.load_template(assessment.template_key, assessment.template_version))
    submitting = "submit_answers" in request.form
    form_class = build_form_class(specs, enforce_required=submitting)
    saved = assessment.response.answers if assessment.response else {}
    offered = verdicts.prefilled(assessment)  # what the documents state, offered where nothing is saved
    unsaved = {qid: reading.value for qid, reading in offered.items() if qid not in saved}
    form = form_class(data=form_data_from_answers({**unsaved, **saved}, specs))
    change = row_change(request.form, specs) if request.method == "POST" else None
    if change is not None:  # add/remove a supplier row: show the answers as typed, check and save nothing
        focus = apply_row_change(form, change)
        return render_template("assessments/questionnaire.html", a=assessment, form=form, specs=specs,
                               field_name=field_name, focus=focus, offered=offered, saved=saved,
                               **panels.supplier_panels(assessment))
    refusal = None
    if form.validate_on_submit():
        answers = answers_from_form(form, specs)
        try:  # an answer the documents offer, left blank, is the supplier's choice: kept cleared
            operations.save_answers(assessment, current_user, answers, submit=submitting, today=today(),
                                    cleared=[qid for qid in offered if qid not in answers])
        except operations.OperationError as err:
            refusal = str(err)  # shown in the error summary, with the form's own problems
        else:
            flash("Answers submitted." if submitting else "Draft saved.", "success")
            target = ".detail" if submitting else ".questionnaire"
            return redirect(url_for(target, assessment_id=assessment.id))
    page = render_template("assessments/questionnaire.html", a=assessment, form=form, specs=specs,
                           field_name=field_name, offered=offered, saved=saved, refusal=refusal,
                           **panels.supplier_panels(assessment))
    return answered(page, form, refused=refusal is not None)


@bp.post("/<int:assessment_id>/comments")
@roles_required("procurement", "supplier")
def comment(assessment_id: int) -> WerkzeugResponse:
    """Post to the thread both sides see."""
    assessment = assessment_or_404(assessment_id)
    form = CommentForm()
    if form.validate_on_submit():
        operations.add_comment(assessment, current_user, form.body.data)
        flash("Message posted.", "success")
    else:
        flash("Write a message first.", "error")
    return redirect(url_for(".detail", assessment_id=assessment.id, _anchor="thread"))


@bp.post("/<int:assessment_id>/decision")
@procurement_required
def decide(assessment_id: int) -> str | tuple[str, int] | WerkzeugResponse:
    """Accept or reject the supplier with a reason; accepting despite risks asks for a confirmation first."""
    assessment = assessment_or_404(assessment_id)
    require_procurement(current_user, assessment)
    form = DecisionForm()
    back = redirect(url_for(".detail", assessment_id=assessment.id, _anchor="decision"))
    if not form.validate_on_submit():  # the page again, what was typed kept, the problems listed
        return answered(_detail_page(assessment, form), form)
    try:
        operations.decide_assessment(assessment, current_user, form.decision.data, form.reason.data,
                                     confirmed=bool(form.confirm.data))
    except operations.ConfirmationNeeded as err:  # asked first; refused when asked and not ticked
        form.refuse_unconfirmed()
        page = render_template("assessments/decision_confirm.html", a=assessment, form=form, risks=err.risks)
        return answered(page, form)
    except operations.OperationError as err:
        flash(str(err), "error")
    else:
        flash(f"Assessment {form.decision.data}.", "success")
    return back


from . import routes_documents  # noqa: E402,F401  (document views share this blueprint)
