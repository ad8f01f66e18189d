"""Views: sign in/out, account, invitations (thin: form → operation → flash → redirect)."""

from __future__ import annotations

import time

from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from .. import sessions
from ..forms import answered
from ..models import User
from ..redirects import safe_next
from . import bp, invitations, operations
from .forms import AcceptInvitationForm, ChangePasswordForm, JoinForm, LoginForm
from .notices import SIGN_IN_DAYS, describe_notice, operator_notices
from .password_policy import assess_password
from .passwords import verify_password
from .throttle import DEVICE_COOKIE, DEVICE_DAYS, Attempt, current_throttle, device_token, trusted_device

PENDING = "second_factor_pending"


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    """Sign in."""
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    form = LoginForm()
    if form.validate_on_submit():
        email = operations.normalise_email(form.email.data)
        attempt = Attempt(email, request.remote_addr or "unknown",
                          trusted_device(request.cookies.get(DEVICE_COOKIE), email))
        result = operations.authenticate(attempt, form.password.data, current_throttle())
        if result.user is not None and result.user.has_second_factor:
            return ask_for_code(result.user, email, safe_next(request.args.get("next")))
        if result.user is not None:
            return signed_in(result.user, email, safe_next(request.args.get("next")))
        flash(result.message or operations.BAD_CREDENTIALS, "error")
        return render_template("auth/login.html", form=form), result.status
    return render_template("auth/login.html", form=form)


def ask_for_code(user: User, email: str, next_url: str | None) -> Response:
    """Remember, for a few minutes, who passed the password; ask for the second factor's code."""
    session.clear()  # a new session id: the password step is not the anonymous session
    session[PENDING] = {"user": user.id, "email": email, "next": next_url, "at": time.time()}
    return redirect(url_for("auth.second_factor"))


def signed_in(user: User, email: str, next_url: str | None) -> Response:
    """Start the user's session, remember this browser for the throttle, and go on to `next_url`."""
    session.clear()  # the session store gives it a new id (no fixation)
    login_user(user)
    _announce_operator_access(user.organisation_id)
    response = redirect(next_url or url_for("home"))
    secure = bool(current_app.config["SESSION_COOKIE_SECURE"]) or request.is_secure
    response.set_cookie(DEVICE_COOKIE, device_token(email), max_age=DEVICE_DAYS * 86400, httponly=True,
                        samesite="Lax", secure=secure)
    return response


def _announce_operator_access(organisation_id: int) -> None:
    """Tell the user, at sign-in, of the operator's recent break-glass access to their organisation."""
    for event in operator_notices(organisation_id, days=SIGN_IN_DAYS):
        flash(describe_notice(event), "warning")


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out."""
    logout_user()
    session.clear()  # the session store revokes the row: a copied cookie no longer opens anything
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> str | tuple[str, int] | Response:
    """Show the account and change the password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append("The current password is not correct.")
        else:
            operations.change_password(current_user, form.password.data)
            sessions.revoke_user_sessions(current_user.id, "password changed",
                                          keep=sessions.current_row_id(session))
            sessions.renew(session)  # this session stays, under a new id; every other one ends
            flash("Password changed. You were signed out everywhere else.", "success")
            return redirect(url_for("auth.account"))
    return answered(render_template("auth/account.html", form=form), form)


@bp.route("/password-strength", methods=["POST"])
def password_strength() -> Response:
    """Judge a password being chosen (the strength meter's feedback); nothing is stored or logged."""
    if not current_throttle().allow_password_check(request.remote_addr or "unknown"):
        return Response('{"error": "Too many checks; wait a minute."}', 429, mimetype="application/json")
    personal = [request.form.get("name"), request.form.get("email")]
    if current_user.is_authenticated:
        personal += [current_user.name, current_user.email]
    verdict = assess_password(request.form.get("password", "")[:1024], personal)
    return jsonify(score=verdict.score, acceptable=verdict.acceptable, problems=verdict.problems,
                   suggestions=verdict.suggestions)


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
        flash("Invitation accepted.", "success")
        return redirect(_assessment_url(assessment.id))
    return answered(render_template("auth/invitation_join.html", form=form, invitation=invitation), form)


def _create_account(invitation: invitations.Invitation) -> str | Response | tuple[str, int]:
    form = AcceptInvitationForm()
    form.invited_email = invitation.email
    if form.validate_on_submit():
        try:
            user = invitations.create_account_from_invitation(invitation, form.name.data, form.password.data)
        except invitations.InvitationError as err:
            flash(str(err), "error")
            return redirect(url_for("auth.login"))
        session.clear()
        login_user(user)
        flash("Welcome. Your account is ready.", "success")
        return redirect(_assessment_url(invitation.assessment_id))
    return answered(render_template("auth/invitation_accept.html", form=form, invitation=invitation), form)


def _assessment_url(assessment_id: int) -> str:
    """Return the assessment's page (or home until the assessments feature exists)."""
    if "assessments.detail" in current_app.view_functions:
        return url_for("assessments.detail", assessment_id=assessment_id)
    return url_for("home")
