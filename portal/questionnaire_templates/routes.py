"""Questionnaire-template views: list, view, copy, add and remove questions (thin views)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response as WerkzeugResponse

import questionnaires
from questionnaires import QuestionnaireError, Template

from ..forms import answered
from ..models import QuestionnaireTemplateRecord as Record
from ..security import procurement_required, roles_required
from . import bp, operations, store
from .forms import CopyForm, QuestionForm, RemoveForm

VIEWERS = ("procurement", "legal")


@bp.get("/")
@roles_required(*VIEWERS)
def index() -> str:
    """List the shipped templates and the organisation's own (latest versions)."""
    return render_template("questionnaire_templates/index.html", shipped=questionnaires.available(),
                           own=store.latest_of_org(current_user.organisation_id))


@bp.get("/<key>")
@roles_required(*VIEWERS)
def show(key: str) -> str:
    """Show one version of a template (the latest unless ?version= names another)."""
    template, row = _visible_or_404(key, request.args.get("version"))
    versions = (questionnaires.default_library().versions(key) if row is None
                else store.version_numbers(key))
    editable = row is not None and current_user.role == "procurement" and template.version == versions[-1]
    uses = {q.id: operations.scoring_use(q) for q in template.questions}
    return render_template("questionnaire_templates/show.html", t=template, own=row is not None,
                           versions=versions, editable=editable, uses=uses)


@bp.route("/<key>/copy", methods=["GET", "POST"])
@procurement_required
def copy(key: str) -> str | tuple[str, int] | WerkzeugResponse:
    """Copy a template into a new one the organisation owns and can change."""
    source, _ = _visible_or_404(key, request.args.get("version"))
    form = CopyForm(data={"title": f"{source.title} ({current_user.organisation.name})"})
    error = None
    if form.validate_on_submit():
        try:
            row = operations.copy_template(current_user, source, form.key.data, form.title.data)
        except operations.TemplateError as err:
            error = str(err)
        else:
            flash(f"Template '{row.title}' created (version 1).", "success")
            return redirect(url_for(".show", key=row.key))
    page = render_template("questionnaire_templates/copy.html", t=source, form=form, error=error)
    return answered(page, form, refused=error is not None)


@bp.route("/<key>/questions/new", methods=["GET", "POST"])
@procurement_required
def add_question(key: str) -> str | tuple[str, int] | WerkzeugResponse:
    """Add a question to the organisation's template (stored as a new version)."""
    row = _own_latest_or_404(key)
    form = QuestionForm()
    error = None
    if form.validate_on_submit():
        try:
            new = operations.add_question(current_user, row, form.question_data())
        except operations.TemplateError as err:
            error = str(err)
        else:
            flash(f"Question '{form.id.data.strip()}' added: version {new.version}.", "success")
            return redirect(url_for(".show", key=key))
    page = render_template("questionnaire_templates/question.html", t=store.template_of(row), form=form,
                           error=error)
    return answered(page, form, refused=error is not None)


@bp.route("/<key>/questions/<question_id>/remove", methods=["GET", "POST"])
@procurement_required
def remove_question(key: str, question_id: str) -> str | tuple[str, int] | WerkzeugResponse:
    """Remove a question from the organisation's template (a new version); ask first if scoring uses it."""
    row = _own_latest_or_404(key)
    template = store.template_of(row)
    question = _question_or_404(template, question_id)
    form = RemoveForm()
    error = None
    if form.validate_on_submit():
        try:
            new = operations.remove_question(current_user, row, question_id, confirmed=form.confirm.data)
        except operations.TemplateError as err:
            error = str(err)
        else:
            flash(f"Question '{question_id}' removed: version {new.version}.", "success")
            return redirect(url_for(".show", key=key))
    page = render_template("questionnaire_templates/remove.html", t=template, q=question, form=form,
                           use=operations.scoring_use(question), error=error)
    return answered(page, form, refused=error is not None)


def _visible_or_404(key: str, version: str | None) -> tuple[Template, Record | None]:
    """Return a shipped template, or one of the user's organisation (with its row); 404 otherwise."""
    if version is not None and not version.isdigit():
        abort(404)
    if store.is_shipped(key):
        try:
            return questionnaires.load(key, version), None
        except QuestionnaireError:
            abort(404)
    row = store.record(key, version)
    if row is None or row.organisation_id != current_user.organisation_id:
        abort(404)
    return store.template_of(row), row


def _own_latest_or_404(key: str) -> Record:
    """Return the latest version of the organisation's own template `key` (edits apply to it)."""
    row = None if store.is_shipped(key) else store.record(key)
    if row is None or row.organisation_id != current_user.organisation_id:
        abort(404)
    return row


def _question_or_404(template: Template, question_id: str) -> questionnaires.Question:
    try:
        return template.question(question_id)
    except KeyError:
        abort(404)
