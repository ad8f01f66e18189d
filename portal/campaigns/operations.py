"""Campaigns: check a CSV (nothing created while any line is wrong), confirm, create by job, follow."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from flask import current_app

from .. import audit, jobs
from ..assessments.forms import REGIONS
from ..assessments.helpers import template_choices
from ..assessments.operations import OperationError, open_assessment
from ..assessments.rescoring import load_template
from ..auth.invitations import InvitationError
from ..extensions import db
from ..models import Assessment, Campaign, CampaignEntry, Invitation, Response, User, utcnow
from . import csvfile

REGION_CODES = {code for code, _ in REGIONS}
MAX_ATTEMPTS = 3  # a campaign whose creation job dies this often is failed by the sweep, not queued for ever
log = logging.getLogger(__name__)


class CampaignError(ValueError):
    """A campaign request that cannot be done; the message says why, for the user."""


REFUSALS = (CampaignError, OperationError, InvitationError)


@dataclass
class Preview:
    """The checked rows; the stored campaign when every row can be created."""

    rows: list[csvfile.Row]
    campaign: Campaign | None = None

    @property
    def bad(self) -> list[csvfile.Row]:
        return [r for r in self.rows if not r.ok]


@dataclass
class Progress:
    """How far a campaign's suppliers are: counts, and one line per assessment."""

    total: int = 0
    invited: int = 0
    accepted: int = 0
    submitted: int = 0
    rated: int = 0
    lines: list[dict[str, Any]] = field(default_factory=list)


def preview(user: User, name: str, template_key: str, filename: str, content: bytes,
            today: dt.date) -> Preview:
    """Check the file; store it as a campaign awaiting confirmation only when every line is good."""
    if template_key not in {key for key, _ in template_choices(user.organisation_id)}:
        raise CampaignError("Choose one of the questionnaires offered.")
    rows = csvfile.read(content, REGION_CODES, today)  # CsvError: the whole file is refused
    _mark_existing(user, rows)
    _mark_unasked_supply_chain(template_key, rows)
    result = Preview(rows)
    if result.bad:
        return result
    result.campaign = Campaign(organisation_id=user.organisation_id,
                               name=name.strip()[:200] or filename[:200], template_key=template_key,
                               filename=filename[:255], created_by=user.id,
                               rows=[{"line": r.line, **r.values} for r in rows])
    db.session.add(result.campaign)
    db.session.flush()
    audit.record(user, "campaign.preview", result.campaign, rows=len(rows), filename=filename)
    return result


def _mark_existing(user: User, rows: list[csvfile.Row]) -> None:
    """Name the lines whose supplier and product this organisation assesses already."""
    stmt = (sa.select(Assessment.id, Assessment.supplier_legal_name, Assessment.product)
            .where(Assessment.buyer_org_id == user.organisation_id, Assessment.status != "rejected"))
    open_ones = db.session.execute(stmt)
    known = {(legal.casefold(), product.casefold()): ident for ident, legal, product in open_ones}
    for row in rows:
        ident = known.get((row.values["legal_name"].casefold(), row.values["product"].casefold()))
        if ident is not None:
            row.problems.append(f"already assessed (assessment {ident})")


def _mark_unasked_supply_chain(template_key: str, rows: list[csvfile.Row]) -> None:
    """Name the lines with a supply chain when the questionnaire asks none: it would be lost."""
    if not any(r.values["supply_chain"] for r in rows):
        return
    if load_template(template_key).question_mapped_to("supply_chain") is not None:
        return
    for row in rows:
        if row.values["supply_chain"]:
            row.problems.append(f"supply chain given, but the questionnaire {template_key} asks for none "
                                "(leave the column empty, or choose a questionnaire that asks it)")


def confirm(user: User, campaign: Campaign, base_url: str) -> None:
    """Create the campaign's assessments and invitations, by a job once this request commits."""
    if campaign.state != "preview":
        raise CampaignError("This campaign was confirmed already.")
    _queue(user, campaign, base_url)
    audit.record(user, "campaign.confirm", campaign, rows=len(campaign.rows))


def retry(user: User, campaign: Campaign, base_url: str) -> None:
    """Queue a failed campaign's creation again (a failure left nothing created, so nothing doubles)."""
    if campaign.state != "failed":
        raise CampaignError("Only a campaign whose creation failed can be retried.")
    failure = campaign.failure
    _queue(user, campaign, base_url)
    audit.record(user, "campaign.retry", campaign, rows=len(campaign.rows), failure=failure)


def _queue(user: User, campaign: Campaign, base_url: str) -> None:
    campaign.state, campaign.failure, campaign.finished_at, campaign.attempts = "queued", None, None, 0
    campaign.confirmed_by, campaign.confirmed_at, campaign.base_url = user.id, utcnow(), base_url
    db.session.flush()
    jobs.enqueue("create_campaign", campaign.id)


def stalled(grace: dt.timedelta) -> list[Campaign]:
    """Campaigns queued more than `grace` ago and still not created (their job lost), locked until the
    caller commits: the sweep queues them again, or gives them up after `MAX_ATTEMPTS`. A campaign a
    job is creating right now is locked by that job, and skipped (on SQLite the sweep holds the write
    lock: no job is creating one meanwhile); a second job finds it created and does nothing."""
    return list(db.session.scalars(sa.select(Campaign).where(
        Campaign.state == "queued", Campaign.confirmed_at <= utcnow() - grace)
        .order_by(Campaign.id).with_for_update(skip_locked=True)))


def give_up(campaign: Campaign) -> str:
    """Fail a campaign whose creation job was lost each time it ran, so procurement sees why and can retry."""
    log.warning("campaign %s: creation interrupted %s times; failed, not queued again",
                campaign.id, campaign.attempts)
    return _fail(campaign, f"creation was interrupted {campaign.attempts} times before it could finish")


class LineFailed(Exception):
    """Creating one line's assessment or invitations failed."""

    def __init__(self, line: int, cause: Exception) -> None:
        super().__init__(line, cause)
        self.line, self.cause = line, cause


def create_all(campaign_id: int) -> str:
    """The job: open each line's assessment and invite its contacts, with the assessments' own code.

    All lines in one SAVEPOINT: a failure undoes every line and is recorded on the campaign (state
    "failed", with the reason) for procurement to read and retry, instead of leaving it "queued"."""
    if not _claim(campaign_id):
        return "nothing to do"
    campaign = db.session.scalar(sa.select(Campaign).where(Campaign.id == campaign_id).with_for_update())
    if campaign is None or campaign.state != "queued":
        return "nothing to do"
    actor = db.session.get(User, campaign.confirmed_by or campaign.created_by)
    if actor is None or not actor.is_active:
        return _fail(campaign, "the account of the person who confirmed it is deactivated; "
                               "retry it signed in as yourself")
    try:
        with db.session.begin_nested():
            opened = _create_lines(campaign, actor)
    except LineFailed as err:
        known = isinstance(err.cause, REFUSALS)  # the operations' own refusals say why in words
        if not known:
            log.error("campaign %s: line %s failed", campaign.id, err.line, exc_info=err.cause)
        why = str(err.cause) if known else "an unexpected error (logged for the operators)"
        return _fail(campaign, f"line {err.line}: {why}")
    campaign.state, campaign.finished_at = "created", utcnow()
    db.session.flush()
    return f"campaign {campaign.id}: {opened} assessments opened"


def _claim(campaign_id: int) -> bool:
    """Count this attempt on a queued campaign, committed at once: a worker killed while creating leaves
    the attempt counted (and nothing created), and the sweep gives up after `MAX_ATTEMPTS`.

    A duplicate job waiting behind one that is creating counts nothing: it finds the campaign created."""
    claim = sa.update(Campaign).where(Campaign.id == campaign_id, Campaign.state == "queued").values(
        attempts=Campaign.attempts + 1)
    done = db.session.execute(claim, execution_options={"synchronize_session": False})
    if cast(sa.CursorResult[Any], done).rowcount != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def _create_lines(campaign: Campaign, actor: User) -> int:
    made = sa.select(CampaignEntry.line).where(CampaignEntry.campaign_id == campaign.id)
    done = set(db.session.scalars(made))
    days = int(current_app.config.get("INVITATION_DAYS", 14))
    opened = 0
    for row in campaign.rows:
        if row["line"] in done:  # at least once: a line already made is never made twice
            continue
        try:
            _create_line(campaign, actor, row, days)
        except Exception as err:  # noqa: BLE001  (recorded on the campaign, with the line)
            raise LineFailed(row["line"], err) from err
        opened += 1
    return opened


def _create_line(campaign: Campaign, actor: User, row: dict[str, Any], days: int) -> None:
    data = {**_assessment_data(row, campaign.template_key), "emails": row["contact_emails"]}
    # links are absolute: built against the address procurement confirmed from
    with current_app.test_request_context(base_url=campaign.base_url or "http://localhost/"):
        assessment, _ = open_assessment(actor, data, days)
    db.session.add(CampaignEntry(campaign_id=campaign.id, line=row["line"], assessment_id=assessment.id))
    db.session.flush()


def _fail(campaign: Campaign, reason: str) -> str:
    campaign.state, campaign.finished_at = "failed", utcnow()
    campaign.failure = f"Nothing was created: {reason}."[:1000]
    db.session.flush()
    return f"campaign {campaign.id} failed: {reason}"


def _assessment_data(row: dict[str, Any], template_key: str) -> dict[str, Any]:
    deadline = row.get("deadline")
    return {"supplier_name": row["legal_name"], "supplier_legal_name": row["legal_name"],
            "product": row["product"], "product_aliases": row.get("aliases") or [],
            "required_regions": row.get("required_regions") or [], "template_key": template_key,
            "buyer_reference": row.get("reference") or None, "supply_chain": row.get("supply_chain") or [],
            "response_due": dt.date.fromisoformat(deadline) if deadline else None}


def campaigns_of(user: User) -> Sequence[Campaign]:
    """The organisation's campaigns, newest first."""
    return db.session.scalars(sa.select(Campaign).where(Campaign.organisation_id == user.organisation_id)
                              .order_by(Campaign.id.desc())).all()


def own_campaign(campaign_id: int, user: User) -> Campaign | None:
    """The campaign if it belongs to the user's organisation (else None: a 404)."""
    row = db.session.get(Campaign, campaign_id)
    return row if row is not None and row.organisation_id == user.organisation_id else None


def progress(campaign: Campaign) -> Progress:
    """Count invited, accepted, submitted and rated among the campaign's assessments (4 queries)."""
    entries = db.session.execute(sa.select(CampaignEntry.line, Assessment).join(Assessment)
                                 .where(CampaignEntry.campaign_id == campaign.id)
                                 .order_by(CampaignEntry.line)).all()
    ids = [a.id for _, a in entries]
    invited = set(db.session.scalars(sa.select(Invitation.assessment_id).where(
        Invitation.assessment_id.in_(ids))))
    accepted = set(db.session.scalars(sa.select(Invitation.assessment_id).where(
        Invitation.assessment_id.in_(ids), Invitation.accepted_at.is_not(None))))
    submitted = set(db.session.scalars(sa.select(Response.assessment_id).where(
        Response.assessment_id.in_(ids), Response.submitted_at.is_not(None))))
    result = Progress(total=len(entries), invited=len(invited), accepted=len(accepted),
                      submitted=len(submitted), rated=sum(1 for _, a in entries if a.rating))
    result.lines = [{"line": line, "id": a.id, "supplier": a.supplier_legal_name, "product": a.product,
                     "status": a.status, "rating": a.rating, "accepted": a.id in accepted,
                     "submitted": a.id in submitted} for line, a in entries]
    return result
