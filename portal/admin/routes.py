"""Admin views (thin: form → operation → flash → redirect)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, stream_with_context, url_for
from flask_login import current_user
from sqlalchemy.orm import contains_eager, joinedload
from werkzeug.wrappers import Response

from ..extensions import db
from ..forms import answered, choices
from ..models import Organisation, User
from ..security import admin_required
from . import accreditation, bp, operations
from . import audit_log as audit_log_view
from .forms import (
    AccreditationBodyForm,
    ActiveForm,
    ImportCsvForm,
    OrganisationForm,
    RemoveSecondFactorForm,
    ResetPasswordForm,
    RevokeSessionsForm,
    RoleForm,
    UserForm,
)
from .operations import AdminError

PER_PAGE = 50


@bp.route("/")
@admin_required
def index() -> str:
    """Show the admin start page."""
    return render_template("admin/index.html")


@bp.route("/organisations", methods=["GET", "POST"])
@admin_required
def organisations() -> str | tuple[str, int] | Response:
    """List organisations and add one."""
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            org = operations.create_organisation(current_user, form.name.data, form.kind.data)
        except AdminError as err:
            form.name.errors.append(str(err))
        else:
            flash(f"Organisation {org.name} added.", "success")
            return redirect(url_for("admin.organisations"))
    counts = (sa.select(Organisation, sa.func.count(User.id)).outerjoin(User)
              .group_by(Organisation.id).order_by(Organisation.name))
    return answered(render_template("admin/organisations.html", form=form,
                                    rows=db.session.execute(counts).all()), form)


def _organisation_choices() -> list[tuple[int, str]]:
    orgs = db.session.scalars(sa.select(Organisation).order_by(Organisation.name))
    return [(o.id, f"{o.name} ({o.kind})") for o in orgs]


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users() -> str | tuple[str, int] | Response:
    """List users and add one."""
    form = UserForm()
    form.organisation_id.choices = choices(_organisation_choices())
    if form.validate_on_submit():
        org = db.session.get(Organisation, form.organisation_id.data) or abort(400)
        try:
            user = operations.create_user(current_user, org, form.email.data, form.name.data,
                                          form.role.data, form.password.data, form.reason.data)
        except AdminError as err:
            form.email.errors.append(str(err))
        else:
            flash(f"User {user.email} added.", "success")
            return redirect(url_for("admin.users"))
    query = (sa.select(User).join(Organisation).options(contains_eager(User.organisation))
             .order_by(Organisation.name, User.email))
    page = db.paginate(query, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False)
    return answered(render_template("admin/users.html", form=form, page=page), form)


def _user_or_404(user_id: int) -> User:
    return db.session.get(User, user_id, options=[joinedload(User.organisation)]) or abort(404)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def user(user_id: int) -> str | Response:
    """Show a user; change their role."""
    target = _user_or_404(user_id)
    forms = _user_forms(target)
    if forms["role"].submit.data and forms["role"].validate_on_submit():
        return _apply(lambda: operations.change_role(current_user, target, forms["role"].role.data,
                                                     forms["role"].reason.data),
                      target, f"{target.email} is now {forms['role'].role.data}.")
    return render_template("admin/user.html", target=target, **forms)


def _user_forms(target: User) -> dict[str, Any]:
    return {"role": RoleForm(prefix="role", role=target.role),
            "active": ActiveForm(prefix="active", active=target.is_active),
            "reset": ResetPasswordForm(prefix="reset"), "revoke": RevokeSessionsForm(prefix="revoke"),
            "second_factor": RemoveSecondFactorForm(prefix="totp")}


def _apply(change: Callable[[], None], target: User, message: str) -> Response:
    """Run an admin change and report the outcome (a refused change wrote nothing)."""
    try:
        change()
    except AdminError as err:
        flash(str(err), "error")
    else:
        flash(message, "success")
    return redirect(url_for("admin.user", user_id=target.id))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@admin_required
def user_active(user_id: int) -> Response:
    """Activate or deactivate a user."""
    target = _user_or_404(user_id)
    form = ActiveForm(prefix="active")
    if not form.validate_on_submit():
        abort(400)
    state = "active" if form.active.data else "deactivated"
    return _apply(lambda: operations.set_active(current_user, target, bool(form.active.data)),
                  target, f"{target.email} is {state}.")


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@admin_required
def user_password(user_id: int) -> Response:
    """Set a new password for a user."""
    target = _user_or_404(user_id)
    form = ResetPasswordForm(prefix="reset")
    if not form.validate_on_submit():
        flash("Give a new password.", "error")
        return redirect(url_for("admin.user", user_id=target.id))
    return _apply(lambda: operations.reset_password(current_user, target, form.password.data,
                                                    form.reason.data),
                  target, f"New password set for {target.email}; they were signed out everywhere.")


@bp.route("/users/<int:user_id>/two-factor/remove", methods=["POST"])
@admin_required
def user_second_factor_remove(user_id: int) -> Response:
    """Turn off a user's two-step sign-in (break-glass for a tenant user)."""
    target = _user_or_404(user_id)
    form = RemoveSecondFactorForm(prefix="totp")
    if not form.validate_on_submit():
        abort(400)
    return _apply(lambda: operations.remove_second_factor(current_user, target, form.reason.data),
                  target, f"Two-step sign-in is off for {target.email}.")


@bp.route("/users/<int:user_id>/sessions/revoke", methods=["POST"])
@admin_required
def user_sessions_revoke(user_id: int) -> Response:
    """Sign a user out of every session."""
    target = _user_or_404(user_id)
    if not RevokeSessionsForm(prefix="revoke").validate_on_submit():
        abort(400)

    def revoke() -> None:
        operations.revoke_sessions(current_user, target)

    return _apply(revoke, target, f"{target.email} is signed out everywhere.")


@bp.route("/accreditation-bodies", methods=["GET", "POST"])
@admin_required
def accreditation_bodies() -> str | tuple[str, int] | Response:
    """List accreditation bodies and add one."""
    form = AccreditationBodyForm()
    if form.validate_on_submit():
        aliases = (form.aliases.data or "").split("|")
        try:
            body = accreditation.add_body(current_user, form.acronym.data, form.name.data,
                                          form.country.data, aliases)
        except AdminError as err:
            form.acronym.errors.append(str(err))
        else:
            flash(f"{body.acronym} added.", "success")
            return redirect(url_for("admin.accreditation_bodies"))
    stored = accreditation.list_bodies()
    shown = stored or accreditation.registry_from_db().bodies
    return answered(render_template("admin/accreditation.html", form=form, import_form=ImportCsvForm(),
                                    bodies=shown, stored=bool(stored)), form)


@bp.route("/accreditation-bodies/import", methods=["POST"])
@admin_required
def import_accreditation() -> Response:
    """Import accreditation bodies from an uploaded CSV."""
    form = ImportCsvForm()
    if not form.validate_on_submit():
        flash(" ".join(form.file.errors) or "Choose a CSV file.", "error")
        return redirect(url_for("admin.accreditation_bodies"))
    try:
        text = form.file.data.read().decode("utf-8-sig")
        added, updated, removed = accreditation.import_csv(current_user, text, bool(form.replace.data))
    except UnicodeDecodeError:
        flash("The CSV must be UTF-8 text.", "error")
    except AdminError as err:
        flash(str(err), "error")
    else:
        flash(f"Imported: {added} added, {updated} updated, {removed} removed.", "success")
    return redirect(url_for("admin.accreditation_bodies"))


@bp.route("/accreditation-bodies.csv")
@admin_required
def export_accreditation() -> Response:
    """Download the accreditation-body list as CSV."""
    return Response(accreditation.export_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=accreditation_bodies.csv"})


@bp.route("/audit")
@admin_required
def audit_log() -> str:
    """Show audit events as a table, filtered by person, action, assessment and dates."""
    wanted, problems = audit_log_view.AuditFilter.from_args(request.args)
    page = db.paginate(wanted.query(), page=request.args.get("page", 1, type=int), per_page=50,
                       error_out=False)
    return render_template("admin/audit.html", page=page, rows=audit_log_view.rows(list(page.items)),
                           wanted=wanted, problems=problems, actions=audit_log_view.distinct_actions())


@bp.route("/audit.csv")
@admin_required
def export_audit_log() -> Response:
    """Download every event the filter matches (all pages) as CSV."""
    wanted, _ = audit_log_view.AuditFilter.from_args(request.args)
    return Response(stream_with_context(audit_log_view.export_csv(wanted)), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=audit-log.csv"})
