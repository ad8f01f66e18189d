"""The portal's database tables (SQLAlchemy 2 typed models).

Times are naive UTC (`utcnow()`): SQLite keeps no time zone, so storing UTC without one keeps
comparisons identical on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from .extensions import Model, db
from .reading.limits import PARSER_BUG

ORG_KINDS = ("buyer", "supplier")
ROLES = ("procurement", "legal", "supplier", "admin")
BUYER_ROLES = ("procurement", "legal")
ASSESSMENT_STATUSES = ("draft", "invited", "in_progress", "submitted", "accepted", "rejected")
DOCUMENT_ROLES = ("certificate", "soa", "other")
PARSE_STATUSES = ("pending", "reading", "parsed", "failed")  # pending: stored and queued
NOTIFICATION_KINDS = ("submitted", "comment", "upload", "unreadable")
SCORING_TRIGGERS = ("upload", "answers", "correction", "view", "reassess", "manual", "settings")

JsonList = sa.JSON
Json = sa.JSON


def utcnow() -> dt.datetime:
    """Return the current time as naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _fk(target: str, **kw: Any) -> sa.ForeignKey:
    return sa.ForeignKey(target, **kw)


class Organisation(Model):
    """A buyer or a supplier; every user belongs to one."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation", order_by="User.email")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r} {self.kind}>"


class User(UserMixin, Model):
    """A person who signs in; role decides what they may see and do."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(255), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(16))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The second factor (RFC 6238 TOTP): the shared secret once confirmed, and the last time step
    # accepted, so a code seen once (shoulder-surfed, phished) cannot be used again in its window.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[dt.datetime | None]
    totp_last_step: Mapped[int | None]

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    @property
    def has_second_factor(self) -> bool:
        """Say whether sign-in asks this user for a one-time code after the password."""
        return self.totp_secret is not None and self.totp_enabled_at is not None

    @property
    def is_buyer(self) -> bool:
        """Say whether the user works for a buyer (procurement or legal)."""
        return self.role in BUYER_ROLES

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


def load_user(user_id: str) -> User | None:
    """Load the signed-in user for Flask-Login; deactivated users are signed out.

    The id comes from the server-side session (portal/sessions.py), which is revoked on sign-out,
    password change and deactivation; the browser never holds it.
    """
    try:
        # with its organisation: every page names it, and templates must not query
        user = db.session.get(User, int(user_id), options=[joinedload(User.organisation)])
    except (TypeError, ValueError):
        return None
    if user is None or not user.is_active:
        return None
    return user


class Assessment(Model):
    """One buyer's assessment of one supplier's product."""

    __tablename__ = "assessments"
    __table_args__ = (
        sa.Index("ix_assessments_buyer_status", "buyer_org_id", "status"),
        sa.Index("ix_assessments_buyer_updated", "buyer_org_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_org_id: Mapped[int] = mapped_column(_fk("organisations.id"))
    supplier_org_id: Mapped[int | None] = mapped_column(_fk("organisations.id"), index=True)
    supplier_name: Mapped[str] = mapped_column(sa.String(200))
    supplier_legal_name: Mapped[str] = mapped_column(sa.String(200))
    product: Mapped[str] = mapped_column(sa.String(200))
    product_aliases: Mapped[list[str]] = mapped_column(JsonList, default=list)
    required_regions: Mapped[list[str]] = mapped_column(JsonList, default=list)
    template_key: Mapped[str] = mapped_column(sa.String(100))
    template_version: Mapped[str] = mapped_column(sa.String(32))
    status: Mapped[str] = mapped_column(sa.String(16), default="draft")
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)
    decided_by: Mapped[int | None] = mapped_column(_fk("users.id"))
    decided_at: Mapped[dt.datetime | None]
    created_by: Mapped[int] = mapped_column(_fk("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Denormalised from the latest Scoring and current certificate, for the dashboard.
    rating: Mapped[str | None] = mapped_column(sa.String(8), index=True)
    flags_high: Mapped[int] = mapped_column(default=0)
    flags_medium: Mapped[int] = mapped_column(default=0)
    flags_low: Mapped[int] = mapped_column(default=0)
    expiry_date: Mapped[dt.date | None] = mapped_column(index=True)
    # Next surveillance audit due (the cycle is scoring/cycle.py's) and the audit it counts from.
    surveillance_due: Mapped[dt.date | None] = mapped_column(index=True)
    last_audit_date: Mapped[dt.date | None]
    last_scored_at: Mapped[dt.datetime | None]
    # The buyer's own reference (purchase order, contract, ticket) and when the supplier should answer.
    buyer_reference: Mapped[str | None] = mapped_column(sa.String(100))
    response_due: Mapped[dt.date | None] = mapped_column(index=True)

    buyer_org: Mapped[Organisation] = relationship(foreign_keys=[buyer_org_id])
    supplier_org: Mapped[Organisation | None] = relationship(foreign_keys=[supplier_org_id])
    creator: Mapped[User] = relationship(foreign_keys=[created_by])
    decider: Mapped[User | None] = relationship(foreign_keys=[decided_by])
    response: Mapped[Response | None] = relationship(back_populates="assessment")
    documents: Mapped[list[Document]] = relationship(back_populates="assessment",
                                                     order_by="Document.uploaded_at")
    invitations: Mapped[list[Invitation]] = relationship(back_populates="assessment",
                                                         order_by="Invitation.created_at")


class Invitation(Model):
    """A single-use, expiring link inviting a supplier's user to an assessment."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(255))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[dt.datetime]
    accepted_at: Mapped[dt.datetime | None]
    accepted_by: Mapped[int | None] = mapped_column(_fk("users.id"))
    created_by: Mapped[int] = mapped_column(_fk("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Resending replaces the token (the old link stops working); revoking ends it for good.
    sent_at: Mapped[dt.datetime | None]
    send_count: Mapped[int] = mapped_column(default=1)
    revoked_at: Mapped[dt.datetime | None]
    revoked_by: Mapped[int | None] = mapped_column(_fk("users.id"))

    assessment: Mapped[Assessment] = relationship(back_populates="invitations")

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        """Say whether the invitation can no longer be accepted because of its age."""
        return (now or utcnow()) >= self.expires_at

    def state(self, now: dt.datetime | None = None) -> str:
        """Return "accepted", "revoked", "expired" or "pending"."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired(now) else "pending"


class SignInLink(Model):
    """A single-use, expiring link mailed to a user: sign in without a password, or set a new one."""

    __tablename__ = "sign_in_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_fk("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(sa.String(16))  # "sign_in" or "reset"
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship()


class Response(Model):
    """The supplier's answers to the assessment's questionnaire (a draft until submitted)."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), unique=True)
    template_key: Mapped[str] = mapped_column(sa.String(100))
    template_version: Mapped[str] = mapped_column(sa.String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    submitted_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="response")


class StoredFile(Model):
    """A content-addressed blob in the storage folder (named by its SHA-256)."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Document(Model):
    """An uploaded file attached to an assessment, with what the parser read from it."""

    __tablename__ = "documents"
    __table_args__ = (sa.UniqueConstraint("assessment_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), index=True)
    role: Mapped[str] = mapped_column(sa.String(16))
    sha256: Mapped[str] = mapped_column(_fk("stored_files.sha256"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))  # display only, never a path
    uploaded_by: Mapped[int] = mapped_column(_fk("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    parse_status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    parse_error: Mapped[str | None] = mapped_column(sa.Text)
    extraction: Mapped[dict[str, Any] | None] = mapped_column(Json)
    kind: Mapped[str | None] = mapped_column(sa.String(16))
    is_current: Mapped[bool] = mapped_column(default=True)
    # The reading job's state: which request is current (a job for an older one does nothing),
    # where it is (stage, page i of n) and a heartbeat, so a sweep can tell a stuck job from a slow one.
    parse_token: Mapped[str | None] = mapped_column(sa.String(32))
    parse_stage: Mapped[str | None] = mapped_column(sa.String(16))
    parse_page: Mapped[int | None]
    parse_pages: Mapped[int | None]
    parse_problems: Mapped[list[str] | None] = mapped_column(JsonList)
    parse_worker: Mapped[str | None] = mapped_column(sa.String(200))
    parse_heartbeat: Mapped[dt.datetime | None]
    parse_attempts: Mapped[int] = mapped_column(default=0)
    queued_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    parsed_at: Mapped[dt.datetime | None]
    # A withdrawn document stays on disk and here, shown as withdrawn, and is never scored.
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawn_by: Mapped[int | None] = mapped_column(_fk("users.id"))
    withdrawn_reason: Mapped[str | None] = mapped_column(sa.String(500))

    assessment: Mapped[Assessment] = relationship(back_populates="documents")
    stored_file: Mapped[StoredFile] = relationship()
    uploader: Mapped[User] = relationship(foreign_keys=[uploaded_by])
    corrections: Mapped[list[Correction]] = relationship(back_populates="document",
                                                         order_by="Correction.created_at")

    @property
    def failure(self) -> str | None:
        """Why the read failed, in the user's words: the file cannot be read, or certscope failed on it."""
        if self.parse_status != "failed":
            return None
        if self.parse_error == PARSER_BUG:
            return PARSER_BUG
        return f"could not be read: {self.parse_error}"


class Correction(Model):
    """A supplier's correction of one misread field; the machine value is kept beside it."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(_fk("documents.id"), index=True)
    field: Mapped[str] = mapped_column(sa.String(64))
    machine_value: Mapped[Any] = mapped_column(Json, nullable=True)
    corrected_value: Mapped[Any] = mapped_column(Json, nullable=True)
    reason: Mapped[str] = mapped_column(sa.Text)
    user_id: Mapped[int] = mapped_column(_fk("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="corrections")
    user: Mapped[User] = relationship()


class Scoring(Model):
    """One scoring run of an assessment; kept so the page can show when and why a rating changed."""

    __tablename__ = "scorings"
    __table_args__ = (sa.Index("ix_scorings_assessment_scored", "assessment_id", "scored_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"))
    scored_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    assessment_date: Mapped[dt.date]
    rating: Mapped[str] = mapped_column(sa.String(8))
    flags: Mapped[list[dict[str, Any]]] = mapped_column(Json, default=list)
    trigger: Mapped[str] = mapped_column(sa.String(16))
    change_summary: Mapped[str | None] = mapped_column(sa.Text)


class Comment(Model):
    """A message in an assessment's thread, seen by buyer and supplier."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), index=True)
    user_id: Mapped[int] = mapped_column(_fk("users.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class AuditEvent(Model):
    """Who did what, when: one row per data-changing action."""

    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_org_at", "organisation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(_fk("users.id"))
    organisation_id: Mapped[int | None] = mapped_column(_fk("organisations.id"))
    action: Mapped[str] = mapped_column(sa.String(64))
    target_type: Mapped[str | None] = mapped_column(sa.String(64))
    target_id: Mapped[str | None] = mapped_column(sa.String(64))
    details: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)

    user: Mapped[User | None] = relationship()


class AccreditationBodyRecord(Model):
    """An accreditation body recognised for scoring (IAF MLA signatory), editable by admins."""

    __tablename__ = "accreditation_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    acronym: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    country: Mapped[str] = mapped_column(sa.String(100))
    aliases: Mapped[list[str]] = mapped_column(JsonList, default=list)


class QuestionnaireTemplateRecord(Model):
    """A questionnaire template version stored in the portal (buyer copies; body as data)."""

    __tablename__ = "questionnaire_templates"
    __table_args__ = (sa.UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(_fk("organisations.id"), index=True)
    key: Mapped[str] = mapped_column(sa.String(100))
    version: Mapped[str] = mapped_column(sa.String(32))
    title: Mapped[str] = mapped_column(sa.String(255))
    body: Mapped[dict[str, Any]] = mapped_column(Json)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SentReminder(Model):
    """A monitoring reminder or digest already sent: one row per event, so re-runs never resend."""

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int | None] = mapped_column(_fk("assessments.id"), index=True)
    event_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    recipient: Mapped[str] = mapped_column(sa.Text)
    delivered: Mapped[bool] = mapped_column(default=False)
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Notification(Model):
    """Something procurement should know about an assessment (also mailed): shown on the dashboard."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_org_created", "organisation_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id"))
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), index=True)
    # The document it is about (uploaded, could not be read), so opening it leads there.
    document_id: Mapped[int | None] = mapped_column(_fk("documents.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(16))
    message: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    mailed: Mapped[bool] = mapped_column(default=False)

    assessment: Mapped[Assessment] = relationship()


class NotificationRead(Model):
    """That one user has read one notification (each procurement user has their own unread ones)."""

    __tablename__ = "notification_reads"

    notification_id: Mapped[int] = mapped_column(_fk("notifications.id", ondelete="CASCADE"),
                                                 primary_key=True)
    user_id: Mapped[int] = mapped_column(_fk("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    read_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


API_SCOPES = ("read", "write")


class ApiToken(Model):
    """A secret that lets a program call the API as one user of one organisation (shown once, kept hashed)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(_fk("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    # The first characters, shown in lists so people can tell their tokens apart; never enough to use.
    prefix: Mapped[str] = mapped_column(sa.String(16))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JsonList, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    revoked_by: Mapped[int | None] = mapped_column(_fk("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def active(self) -> bool:
        """Say whether the token still opens the API."""
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        """Say whether the token carries `scope` (write includes read)."""
        return scope in self.scopes or (scope == "read" and "write" in self.scopes)


class RecoveryCode(Model):
    """A single-use code that stands in for the second factor when the authenticator is lost.

    Only SHA-256 of the code is stored: the codes carry 80 random bits, so no slow hash is needed.
    """

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_fk("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    used_at: Mapped[dt.datetime | None]


class SsoConfig(Model):
    """A buyer organisation's OpenID Connect provider, and whether its users may still use passwords."""

    __tablename__ = "sso_configs"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id", ondelete="CASCADE"), unique=True)
    issuer: Mapped[str] = mapped_column(sa.String(500))
    client_id: Mapped[str] = mapped_column(sa.String(255))
    client_secret: Mapped[str] = mapped_column(sa.String(500))
    email_domain: Mapped[str] = mapped_column(sa.String(255), unique=True)
    default_role: Mapped[str] = mapped_column(sa.String(16), default="procurement")
    label: Mapped[str] = mapped_column(sa.String(100), default="single sign-on")
    enabled: Mapped[bool] = mapped_column(default=True)
    password_sign_in: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()

    @property
    def secret_hint(self) -> str:
        """The secret as shown back to an admin: its last four characters only."""
        return "…" + self.client_secret[-4:] if len(self.client_secret) > 8 else "(set)"


WEBHOOK_EVENTS = ("document.read", "rating.changed", "supplier.submitted", "certificate.expiring",
                  "surveillance.overdue")
DELIVERY_STATES = ("pending", "retrying", "delivered", "failed")


class Webhook(Model):
    """A buyer's URL told of chosen events by signed POSTs (the secret signs; shown once, kept to sign)."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id"), index=True)
    url: Mapped[str] = mapped_column(sa.String(2000))
    events: Mapped[list[str]] = mapped_column(JsonList, default=list)
    secret: Mapped[str] = mapped_column(sa.String(100))
    description: Mapped[str] = mapped_column(sa.String(200), default="")
    created_by: Mapped[int] = mapped_column(_fk("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[dt.datetime | None]

    @property
    def active(self) -> bool:
        """Say whether events are still sent to this URL."""
        return self.disabled_at is None


class WebhookDelivery(Model):
    """One event sent (or to be sent) to one webhook; a replay is a new delivery of the same payload."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (sa.Index("ix_webhook_deliveries_hook_created", "webhook_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(_fk("webhooks.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(sa.String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(Json)
    state: Mapped[str] = mapped_column(sa.String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    replay_of: Mapped[int | None] = mapped_column(_fk("webhook_deliveries.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]

    webhook: Mapped[Webhook] = relationship()
    tries: Mapped[list[WebhookAttempt]] = relationship(back_populates="delivery",
                                                       order_by="WebhookAttempt.number")


class WebhookAttempt(Model):
    """One HTTP attempt of a delivery and what the receiver answered (or why nothing was)."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(_fk("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None]
    body_excerpt: Mapped[str | None] = mapped_column(sa.Text)
    duration_ms: Mapped[float | None] = mapped_column(sa.Float)
    error: Mapped[str | None] = mapped_column(sa.Text)

    delivery: Mapped[WebhookDelivery] = relationship(back_populates="tries")


class Campaign(Model):
    """Many suppliers invited at once from a CSV: checked in a preview, then created by a job."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    template_key: Mapped[str] = mapped_column(sa.String(100))
    filename: Mapped[str] = mapped_column(sa.String(255))
    # "preview" (checked, nothing created), "queued", "created", "failed" (nothing created: `failure`
    # says why; procurement may retry, which queues it again)
    state: Mapped[str] = mapped_column(sa.String(16), default="preview")
    rows: Mapped[list[dict[str, Any]]] = mapped_column(Json, default=list)
    base_url: Mapped[str | None] = mapped_column(sa.String(500))  # for the invitation links the job builds
    created_by: Mapped[int] = mapped_column(_fk("users.id"))
    # who confirmed (or retried) it last: the job opens the assessments as this user
    confirmed_by: Mapped[int | None] = mapped_column(_fk("users.id"))
    failure: Mapped[str | None] = mapped_column(sa.String(1000))
    # creation jobs that claimed it since it was last queued: one whose worker keeps dying is failed
    # by the sweep after `campaigns.operations.MAX_ATTEMPTS`, not queued again for ever
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[dt.datetime | None]  # when confirmed, or last retried (queued)
    finished_at: Mapped[dt.datetime | None]


class CampaignEntry(Model):
    """One CSV line of a campaign and the assessment made from it."""

    __tablename__ = "campaign_entries"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "line"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(_fk("campaigns.id", ondelete="CASCADE"), index=True)
    line: Mapped[int]
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), index=True)

    assessment: Mapped[Assessment] = relationship()
