"""Views: sign in/out, account, invitations (thin: form → operation → flash → redirect)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from ..extensions import db
from . import bp, invitations, operations
from .forms import AcceptInvitationForm, ChangePasswordForm, JoinForm, LoginForm
from .passwords import verify_password


def _limits() -> operations.Throttle:
    c = current_app.config
    return operations.Throttle(c["LOGIN_MAX_FAILURES"], c["LOGIN_LOCKOUT_MINUTES"],
                               c["LOGIN_IP_MAX_FAILURES"], c["LOGIN_IP_WINDOW_MINUTES"])


def _safe_next(target: str | None) -> str | None:
    """Accept only a local path as the post-login destination (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    """Sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = LoginForm()
    if form.validate_on_submit():
        result = operations.authenticate(form.email.data, form.password.data,
                                         request.remote_addr or "unknown", _limits())
        db.session.commit()
        if result.user is not None:
            next_url = _safe_next(request.args.get("next"))
            session.clear()  # a fresh session on sign-in: no fixation
            session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME idle
            login_user(result.user)
            return redirect(next_url or url_for("home"))
        flash(result.message or operations.BAD_CREDENTIALS, "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out."""
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> str | Response:
    """Show the account and change the password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append("The current password is not correct.")
        else:
            operations.change_password(current_user, form.password.data)
            db.session.commit()
            login_user(current_user._get_current_object())  # this session stays; the others end
            flash("Password changed.", "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    """Accept an invitation: create the supplier account, or join as the signed-in supplier."""
    invitation = invitations.find_invitation(token)
    if invitation is None:
        message = "This invitation link is not valid. Check that it was copied whole."
        return render_template("auth/invitation_invalid.html", message=message), 404
    try:
        invitations.check_usable(invitation)
    except invitations.InvitationError as err:
        return render_template("auth/invitation_invalid.html", message=str(err)), 410
    if current_user.is_authenticated:
        return _join(invitation)
    return _create_account(invitation)


def _join(invitation: invitations.Invitation) -> str | Response | tuple[str, int]:
    try:
        invitations.check_can_accept(invitation, current_user)
    except invitations.InvitationError as err:
        return render_template("auth/invitation_invalid.html", message=str(err)), 403
    form = JoinForm()
    if form.validate_on_submit():
        assessment = invitations.accept_invitation(invitation, current_user)
        db.session.commit()
        flash("Invitation accepted.", "success")
        return redirect(_assessment_url(assessment.id))
    return render_template("auth/invitation_join.html", form=form, invitation=invitation)


def _create_account(invitation: invitations.Invitation) -> str | Response | tuple[str, int]:
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = invitations.create_account_from_invitation(invitation, form.name.data, form.password.data)
        except invitations.InvitationError as err:
            db.session.rollback()
            flash(str(err), "error")
            return redirect(url_for("auth.login"))
        db.session.commit()
        session.clear()
        session.permanent = True
        login_user(user)
        flash("Welcome. Your account is ready.", "success")
        return redirect(_assessment_url(invitation.assessment_id))
    return render_template("auth/invitation_accept.html", form=form, invitation=invitation)


def _assessment_url(assessment_id: int) -> str:
    """Return the assessment's page (or home until the assessments feature exists)."""
    if "assessments.detail" in current_app.view_functions:
        return url_for("assessments.detail", assessment_id=assessment_id)
    return url_for("home")
