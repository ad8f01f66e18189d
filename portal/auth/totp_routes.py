"""Views: the second step of sign-in, and turning the authenticator app on and off (thin)."""

from __future__ import annotations

import time

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from .. import audit, sessions
from ..extensions import db
from ..models import User
from . import bp, operations, totp
from .forms import CodeForm, ConfirmTwoFactorForm, DisableTwoFactorForm, StartTwoFactorForm
from .passwords import verify_password
from .routes import PENDING, signed_in
from .throttle import DEVICE_COOKIE, Attempt, current_throttle, trusted_device

ENROLLING = "second_factor_secret"
PENDING_SECONDS = 300


def _pending() -> tuple[User, str, str | None] | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user"))
    if user is None or not user.is_active or not user.has_second_factor:
        return None
    return user, str(pending["email"]), pending.get("next")


@bp.route("/login/code", methods=["GET", "POST"])
def second_factor() -> str | Response | tuple[str, int]:
    """Ask for the authenticator's code (or a recovery code) after the password."""
    pending = _pending()
    if pending is None:
        session.pop(PENDING, None)
        flash("Sign in again: the step for the code lasts five minutes.", "info")
        return redirect(url_for("auth.login"))
    user, email, next_url = pending
    form = CodeForm()
    if form.validate_on_submit():
        attempt = Attempt(email, request.remote_addr or "unknown",
                          trusted_device(request.cookies.get(DEVICE_COOKIE), email))
        throttle = current_throttle()
        if not throttle.allows(attempt):
            flash(operations.THROTTLED, "error")
            return render_template("auth/second_factor.html", form=form), 429
        if totp.verify(user, form.code.data):
            session.pop(PENDING, None)
            audit.record(user, "login.succeeded", user, ip=attempt.address, second_factor=True)
            return signed_in(user, email, next_url)
        throttle.failed(attempt)
        audit.record(user, "login.second_factor_failed", user, ip=attempt.address)
        form.code.errors.append("That code is not correct, or was already used. Enter the current one.")
        return render_template("auth/second_factor.html", form=form), 401
    return render_template("auth/second_factor.html", form=form)


def _has_password(user: User) -> bool:
    return not user.password_hash.startswith("!")


@bp.route("/account/two-factor", methods=["GET"])
@login_required
def two_factor() -> str:
    """Show the second factor's state: off (with set-up), being set up (QR code), or on."""
    secret = session.get(ENROLLING)
    enrolment = None
    if secret and not current_user.has_second_factor:
        uri = totp.provisioning_uri(secret, current_user.email)
        enrolment = {"secret": secret, "qr": totp.qr_svg(uri)}
    return render_template("auth/two_factor.html", enrolment=enrolment,
                           has_password=_has_password(current_user),
                           remaining=totp.remaining_recovery_codes(current_user),
                           start_form=StartTwoFactorForm(), confirm_form=ConfirmTwoFactorForm(),
                           disable_form=DisableTwoFactorForm(), codes=None)


@bp.route("/account/two-factor/start", methods=["POST"])
@login_required
def two_factor_start() -> Response:
    """Make a new secret for this browser's set-up (kept in the session until confirmed)."""
    if StartTwoFactorForm().validate_on_submit() and _has_password(current_user):
        session[ENROLLING] = totp.new_secret()
    return redirect(url_for("auth.two_factor"))


@bp.route("/account/two-factor/confirm", methods=["POST"])
@login_required
def two_factor_confirm() -> str | Response | tuple[str, int]:
    """Turn the second factor on once the app's code matches; show the recovery codes once."""
    secret = session.get(ENROLLING)
    form = ConfirmTwoFactorForm()
    if not secret or current_user.has_second_factor or not form.validate_on_submit():
        return redirect(url_for("auth.two_factor"))
    try:
        codes = totp.enable(current_user, secret, form.code.data)
    except totp.SecondFactorError as err:
        flash(str(err), "error")
        return redirect(url_for("auth.two_factor"))
    session.pop(ENROLLING, None)
    # Whoever else holds a session (a stolen password's) must now pass the code too: end the others.
    sessions.revoke_user_sessions(current_user.id, "second factor turned on",
                                  keep=sessions.current_row_id(session))
    sessions.renew(session)
    flash("Two-step sign-in is on; you were signed out everywhere else. Keep the recovery codes below "
          "somewhere safe.", "success")
    return render_template("auth/two_factor.html", enrolment=None, has_password=True,
                           remaining=len(codes), start_form=None, confirm_form=None,
                           disable_form=DisableTwoFactorForm(), codes=codes)


@bp.route("/account/two-factor/disable", methods=["POST"])
@login_required
def two_factor_disable() -> str | Response | tuple[str, int]:
    """Turn the second factor off with the password and a current code; throttled like sign-in."""
    form = DisableTwoFactorForm()
    if not current_user.has_second_factor or not form.validate_on_submit():
        return redirect(url_for("auth.two_factor"))
    attempt = Attempt(current_user.email, request.remote_addr or "unknown")
    throttle = current_throttle()
    if not throttle.allows(attempt):
        flash(operations.THROTTLED, "error")
        return redirect(url_for("auth.two_factor"))
    if not verify_password(current_user.password_hash, form.password.data) or not totp.verify(
            current_user, form.code.data):
        throttle.failed(attempt)
        audit.record(current_user, "user.second_factor_disable_failed", current_user)
        flash("The password or the code is not correct. Two-step sign-in stays on.", "error")
        return redirect(url_for("auth.two_factor"))
    totp.disable(current_user)
    flash("Two-step sign-in is off.", "success")
    return redirect(url_for("auth.two_factor"))
