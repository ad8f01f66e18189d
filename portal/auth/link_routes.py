"""Views: sign in by an e-mailed link, and reset a forgotten password by one (thin: form → operation)."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from .. import jobs, sessions
from ..forms import answered
from . import bp, links
from .forms import EmailLinkForm, ResetPasswordForm, UseLinkForm
from .routes import ask_for_code

SENT = ("If {email} has an account that may use this, a link is on its way; it works once, for {minutes} "
        "minutes. Nothing arrived? Check spam, or ask again in a few minutes.")


def _request(purpose: str, endpoint: str, template: str) -> str | tuple[str, int] | Response:
    form = EmailLinkForm()
    if form.validate_on_submit():
        made = links.request_link(form.email.data, purpose)
        if made is not None:
            link, token = made
            jobs.enqueue("mail_sign_in_link", link.id, url_for(endpoint, token=token, _external=True))
        # The same answer whether or not the address has an account: the form tells nobody who is here.
        flash(SENT.format(email=form.email.data.strip(), minutes=links.MINUTES[purpose]), "info")
        return redirect(url_for("auth.login"))
    return answered(render_template(template, form=form), form)


@bp.route("/login/email", methods=["GET", "POST"])
def request_sign_in_link() -> str | tuple[str, int] | Response:
    """Ask for a sign-in link by e-mail (suppliers: no password needed)."""
    if current_user.is_authenticated:
        return redirect(url_for("home"))
    return _request(links.SIGN_IN, "auth.sign_in_with_link", "auth/link_request.html")


@bp.route("/login/email/<token>", methods=["GET", "POST"])
def sign_in_with_link(token: str) -> str | Response | tuple[str, int]:
    """Show a button that signs in with the link (GET changes nothing); spend the link on POST."""
    try:
        link = links.find_usable(token, links.SIGN_IN)
    except links.LinkError as err:
        return render_template("auth/link_invalid.html", message=str(err)), 410
    form = UseLinkForm()
    if form.validate_on_submit():
        user = links.use_for_sign_in(token)
        if user.has_second_factor:  # the link stands for the password, never for the second factor
            return ask_for_code(user, user.email, None)
        session.clear()  # a new session id (no fixation)
        login_user(user)
        flash(f"Signed in as {user.email}.", "success")
        return redirect(url_for("home"))
    return render_template("auth/link_open.html", form=form, email=link.user.email)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password() -> str | tuple[str, int] | Response:
    """Ask for a password-reset link by e-mail (every account)."""
    return _request(links.RESET, "auth.reset_password", "auth/password_forgot.html")


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> str | Response | tuple[str, int]:
    """Choose a new password with a reset link; every session of the account ends."""
    try:
        link = links.find_usable(token, links.RESET)
    except links.LinkError as err:
        return render_template("auth/link_invalid.html", message=str(err)), 410
    form = ResetPasswordForm()
    form.account_email = link.user.email
    if form.validate_on_submit():
        user = links.use_for_reset(token, form.password.data)
        sessions.revoke_user_sessions(user.id, "password reset")
        flash("Your password is changed and you were signed out everywhere. Sign in with the new one.",
              "success")
        return redirect(url_for("auth.login"))
    return answered(render_template("auth/password_reset.html", form=form, email=link.user.email), form)
