"""Campaign pages: upload and check a CSV (the preview), confirm, follow progress (thin views)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from ..assessments.helpers import template_choices, today
from ..forms import choices
from ..models import Campaign
from ..security import procurement_required
from . import bp, csvfile, operations
from .forms import CampaignForm


def _form() -> CampaignForm:
    form = CampaignForm()
    form.template_key.choices = choices(template_choices(current_user.organisation_id))
    return form


@bp.route("/", methods=["GET", "POST"])
@procurement_required
def index() -> str | tuple[str, int] | Response:
    """List the campaigns; check an uploaded CSV and show what would be created (nothing is yet)."""
    form = _form()
    result = None
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.read(csvfile.MAX_BYTES + 1)
        try:
            result = operations.preview(current_user, form.name.data or "", form.template_key.data,
                                        upload.filename or "suppliers.csv", content, today())
        except (csvfile.CsvError, operations.CampaignError) as err:
            form.file.errors = [*form.file.errors, str(err)]
        else:
            if result.campaign is not None:
                return redirect(url_for("campaigns.show", campaign_id=result.campaign.id))
    page = render_template("campaigns/index.html", form=form, result=result,
                           rows=operations.campaigns_of(current_user), columns=csvfile.COLUMNS)
    return (page, 400) if form.errors or result is not None else page


@bp.get("/<int:campaign_id>")
@procurement_required
def show(campaign_id: int) -> str:
    """Before confirmation: what will be created. After: each supplier's progress."""
    campaign = _own(campaign_id)
    progress = operations.progress(campaign) if campaign.state != "preview" else None
    return render_template("campaigns/show.html", campaign=campaign, progress=progress)


@bp.post("/<int:campaign_id>/confirm")
@procurement_required
def confirm(campaign_id: int) -> Response:
    """Open the assessments and send the invitations (a job, once this request commits)."""
    if not FlaskForm().validate_on_submit():  # the form's CSRF token
        abort(400)
    campaign = _own(campaign_id)
    try:
        operations.confirm(current_user, campaign, request.host_url)
    except operations.CampaignError as err:
        flash(str(err), "error")
    else:
        flash(f"{len(campaign.rows)} assessments are being opened and their suppliers invited.", "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign.id))


@bp.post("/<int:campaign_id>/retry")
@procurement_required
def retry(campaign_id: int) -> Response:
    """Queue a failed campaign's creation again (nothing of the failed try was kept)."""
    if not FlaskForm().validate_on_submit():  # the form's CSRF token
        abort(400)
    campaign = _own(campaign_id)
    try:
        operations.retry(current_user, campaign, request.host_url)
    except operations.CampaignError as err:
        flash(str(err), "error")
    else:
        flash(f"Trying again: {len(campaign.rows)} assessments are being opened.", "success")
    return redirect(url_for("campaigns.show", campaign_id=campaign.id))


def _own(campaign_id: int) -> Campaign:
    row = operations.own_campaign(campaign_id, current_user)
    if row is None:
        abort(404)
    return row
