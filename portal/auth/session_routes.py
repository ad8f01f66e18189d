"""Views: the user's own sessions — where they are signed in, and signing out one or all others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from .. import sessions
from . import bp
from .devices import describe_user_agent
from .notices import describe_notice, operator_notices


@dataclass(frozen=True)
class SessionRow:
    """One line of the sessions page."""

    id: int
    browser: str
    signed_in: dt.datetime
    ip: str | None
    last_seen: dt.datetime
    is_current: bool


@bp.route("/account/sessions")
@login_required
def account_sessions() -> str:
    """List where the user is signed in."""
    timeouts = sessions.Timeouts.from_config(current_app.config)
    current = sessions.current_row_id(session)
    rows = [SessionRow(row.id, describe_user_agent(row.user_agent), row.created_at, row.ip, row.last_seen_at,
                       row.id == current) for row in sessions.live_sessions(current_user.id, timeouts)]
    notices = [describe_notice(event) for event in operator_notices(current_user.organisation_id)]
    return render_template("auth/sessions.html", rows=rows, notices=notices,
                           idle_minutes=int(timeouts.idle.total_seconds() // 60),
                           absolute_hours=int(timeouts.absolute.total_seconds() // 3600))


@bp.route("/account/sessions/<int:session_id>/revoke", methods=["POST"])
@login_required
def revoke_session(session_id: int) -> Response:
    """Sign out one of the user's sessions (another browser, or this one)."""
    if not sessions.revoke_one_session(current_user.id, session_id, "signed out by user"):
        abort(404)
    if session_id == sessions.current_row_id(session):
        session.clear()
        return redirect(url_for("auth.login"))
    flash("That session is signed out.", "success")
    return redirect(url_for("auth.account_sessions"))


@bp.route("/account/sessions/revoke-others", methods=["POST"])
@login_required
def revoke_other_sessions() -> Response:
    """Sign out everywhere but here."""
    count = sessions.revoke_user_sessions(current_user.id, "signed out by user",
                                          keep=sessions.current_row_id(session))
    flash(f"Signed out everywhere else ({count} session{'s' if count != 1 else ''}).", "success")
    return redirect(url_for("auth.account_sessions"))
