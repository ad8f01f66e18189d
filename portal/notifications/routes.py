"""Notification views: open one (marks it read, leads to what it is about), list all, mark all read.

Opening one from the portal is a POST (a small form per notification): it marks it read, and a GET
never writes (portal/unit_of_work.py). The link in the mail is a GET: it leads to the same place
and leaves the notification unread until it is opened here or all are marked read.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as WerkzeugResponse

from ..models import Notification
from ..security import procurement_required
from . import bp, operations


@bp.get("/")
@procurement_required
def index() -> str:
    """List the latest notifications, unread ones marked."""
    inbox = operations.inbox(current_user, limit=operations.LISTED)
    return render_template("notifications/index.html", inbox=inbox)


@bp.get("/<int:notification_id>")
@procurement_required
def follow_notification(notification_id: int) -> WerkzeugResponse:
    """Go to the document or assessment the notification is about (the mail's link; writes nothing)."""
    return redirect(_target(_own(notification_id)))


@bp.post("/<int:notification_id>")
@procurement_required
def open_notification(notification_id: int) -> WerkzeugResponse:
    """Mark the notification read for this user and go to the document or assessment it is about."""
    if not FlaskForm().validate_on_submit():  # the form's CSRF token
        abort(400)
    row = _own(notification_id)
    operations.mark_read(current_user, row)
    return redirect(_target(row))


@bp.post("/read")
@procurement_required
def read_all() -> WerkzeugResponse:
    """Mark every notification read for this user."""
    if not FlaskForm().validate_on_submit():  # the form's CSRF token
        abort(400)
    count = operations.mark_all_read(current_user)
    flash(f"{count} notification{'' if count == 1 else 's'} marked read.", "success")
    return redirect(url_for("assessments.dashboard"))


def _own(notification_id: int) -> Notification:
    row = operations.notification_for(current_user, notification_id)
    if row is None:
        abort(404)
    return row


def _target(row: Notification) -> str:
    if row.document_id:
        return url_for("assessments.document", assessment_id=row.assessment_id, document_id=row.document_id)
    return url_for("assessments.detail", assessment_id=row.assessment_id)
