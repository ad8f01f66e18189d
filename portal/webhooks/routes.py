"""Webhook pages: list and add (the secret shown once), a webhook's deliveries, disable, replay."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from ..security import procurement_required
from . import bp, operations, signing, targets
from .forms import WebhookForm
from .operations import EVENT_LABELS


@bp.route("/", methods=["GET", "POST"])
@procurement_required
def index() -> str | tuple[str, int]:
    """List the organisation's webhooks; add one (its signing secret is shown on this answer only)."""
    form = WebhookForm()
    created = None
    if form.validate_on_submit():
        try:
            created = operations.create_webhook(current_user, form.url.data or "", form.events.data or [],
                                                form.description.data or "")
        except (operations.WebhookError, targets.TargetError) as err:
            form.url.errors = [*form.url.errors, str(err)]
        else:
            form = WebhookForm(formdata=None)
    page = render_template("webhooks/index.html", form=form, rows=operations.webhooks_of(current_user),
                           created=created, labels=EVENT_LABELS, header=signing.HEADER)
    return (page, 400) if form.errors else page


@bp.get("/<int:webhook_id>")
@procurement_required
def show(webhook_id: int) -> str:
    """A webhook's latest deliveries, each attempt with what the receiver answered."""
    row = _own(webhook_id)
    return render_template("webhooks/show.html", hook=row, deliveries=operations.deliveries(row),
                           labels=EVENT_LABELS)


@bp.post("/<int:webhook_id>/disable")
@procurement_required
def disable(webhook_id: int) -> Response:
    """Stop sending events to the webhook."""
    _csrf()
    row = _own(webhook_id)
    operations.disable_webhook(current_user, row)
    flash("Webhook disabled: no more events are sent to it.", "success")
    return redirect(url_for("webhooks.show", webhook_id=row.id))


@bp.post("/deliveries/<int:delivery_id>/replay")
@procurement_required
def replay(delivery_id: int) -> Response:
    """Send a delivery's event again (a new delivery, signed anew)."""
    _csrf()
    original = operations.own_delivery(delivery_id, current_user)
    if original is None:
        abort(404)
    try:
        row = operations.replay(current_user, original)
    except operations.WebhookError as err:
        flash(str(err), "error")
    else:
        flash(f"Delivery {original.id} queued again as delivery {row.id}.", "success")
    return redirect(url_for("webhooks.show", webhook_id=original.webhook_id))


def _own(webhook_id: int) -> operations.Webhook:
    row = operations.own_webhook(webhook_id, current_user)
    if row is None:
        abort(404)
    return row


def _csrf() -> None:
    if not FlaskForm().validate_on_submit():  # the form's CSRF token
        abort(400)
