"""Views: an assessment's invitations (pending, joined, expired, withdrawn) — copy, resend, revoke.

A link is shown right after it is made (the token is stored only as a hash), with a Copy button; to
get a link again, resend: the invitation gets a new token and expiry, and the old link stops working.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import jobs
from ..models import Assessment, Invitation
from ..security import assessment_or_404, require_procurement, roles_required
from . import bp, invitations
from .forms import InviteForm

FRESH = "fresh_invitation_links"  # invitation id -> link, shown once on the invitations page


def remember_link(invitation: Invitation, link: str) -> None:
    """Keep `link` for the next showing of the invitations page (then it is forgotten)."""
    session[FRESH] = {**session.get(FRESH, {}), str(invitation.id): link}


def invitation_url(token: str) -> str:
    """Return the absolute link a supplier opens to accept an invitation."""
    return url_for("auth.accept_invitation", token=token, _external=True)


def _own(assessment_id: int, invitation_id: int | None = None) -> tuple[Assessment, Invitation | None]:
    assessment = assessment_or_404(assessment_id)
    require_procurement(current_user, assessment)
    if invitation_id is None:
        return assessment, None
    invitation = next((i for i in assessment.invitations if i.id == invitation_id), None)
    if invitation is None:
        abort(404)
    return assessment, invitation


@bp.get("/assessments/<int:assessment_id>/invitations")
@roles_required("procurement")
def pending_invitations(assessment_id: int) -> str:
    """List the assessment's invitations with their state, expiry, and what can be done with each."""
    assessment, _ = _own(assessment_id)
    fresh = session.pop(FRESH, {}) if session.get(FRESH) else {}
    return render_template("invitations/pending.html", a=assessment,
                           invitations=invitations.invitations_of(assessment), fresh=fresh,
                           invite_form=InviteForm(),
                           mail_configured=bool(current_app.config.get("MAIL_SERVER")))


@bp.post("/assessments/<int:assessment_id>/invitations/<int:invitation_id>/resend")
@roles_required("procurement")
def resend_invitation(assessment_id: int, invitation_id: int) -> Response:
    """Send the invitation again with a new link and a new expiry (the old link stops working)."""
    _, invitation = _own(assessment_id, invitation_id)
    assert invitation is not None
    try:
        token = invitations.resend_invitation(invitation, current_user,
                                              days=int(current_app.config.get("INVITATION_DAYS", 14)))
    except invitations.InvitationError as err:
        flash(str(err), "error")
    else:
        link = invitation_url(token)
        jobs.enqueue("mail_invitation", invitation.id, link)
        remember_link(invitation, link)
        flash(f"Invitation for {invitation.email} sent again; the earlier link no longer works.", "success")
    return redirect(url_for("auth.pending_invitations", assessment_id=assessment_id))


@bp.post("/assessments/<int:assessment_id>/invitations/<int:invitation_id>/revoke")
@roles_required("procurement")
def revoke_invitation(assessment_id: int, invitation_id: int) -> Response:
    """Withdraw an invitation that nobody has accepted: its link stops working."""
    _, invitation = _own(assessment_id, invitation_id)
    assert invitation is not None
    try:
        invitations.revoke_invitation(invitation, current_user)
    except invitations.InvitationError as err:
        flash(str(err), "error")
    else:
        flash(f"Invitation for {invitation.email} withdrawn; its link no longer works.", "success")
    return redirect(url_for("auth.pending_invitations", assessment_id=assessment_id))
