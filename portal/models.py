"""The portal's database tables (SQLAlchemy 2 typed models).

Times are naive UTC (`utcnow()`): SQLite keeps no time zone, so storing UTC without one keeps
comparisons identical on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

ORG_KINDS = ("buyer", "supplier")
ROLES = ("procurement", "legal", "supplier", "admin")
BUYER_ROLES = ("procurement", "legal")
ASSESSMENT_STATUSES = ("draft", "invited", "in_progress", "submitted", "accepted", "rejected")
DOCUMENT_ROLES = ("certificate", "soa", "other")
PARSE_STATUSES = ("pending", "parsed", "failed")
SCORING_TRIGGERS = ("upload", "answers", "correction", "view", "reassess", "manual")

JsonList = sa.JSON
Json = sa.JSON


def utcnow() -> dt.datetime:
    """Return the current time as naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _fk(target: str, **kw: Any) -> sa.ForeignKey:
    return sa.ForeignKey(target, **kw)


class Organisation(db.Model):
    """A buyer or a supplier; every user belongs to one."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="organisation", order_by="User.email")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r} {self.kind}>"


class User(UserMixin, db.Model):
    """A person who signs in; role decides what they may see and do."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(_fk("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(255), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(16))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="users")

    def get_id(self) -> str:
        """Return the session id: the user id plus a fingerprint of the password hash.

        A password change or reset alters the fingerprint, which signs out every other session.
        """
        return f"{self.id}.{password_fingerprint(self.password_hash)}"

    @property
    def is_buyer(self) -> bool:
        """Say whether the user works for a buyer (procurement or legal)."""
        return self.role in BUYER_ROLES

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


def password_fingerprint(password_hash: str) -> str:
    """Return a short digest of a password hash (kept in the session, never the hash itself)."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def load_user(session_id: str) -> User | None:
    """Load the signed-in user for Flask-Login; deactivated users and stale sessions are signed out."""
    ident, _, fingerprint = (session_id or "").partition(".")
    try:
        user = db.session.get(User, int(ident))
    except (TypeError, ValueError):
        return None
    if user is None or not user.is_active:
        return None
    if not hmac.compare_digest(fingerprint, password_fingerprint(user.password_hash)):
        return None
    return user


class Assessment(db.Model):
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
    # Next surveillance audit due (cycle rules in monitoring/cycle.py) and the audit it counts from.
    surveillance_due: Mapped[dt.date | None] = mapped_column(index=True)
    last_audit_date: Mapped[dt.date | None]
    last_scored_at: Mapped[dt.datetime | None]

    buyer_org: Mapped[Organisation] = relationship(foreign_keys=[buyer_org_id])
    supplier_org: Mapped[Organisation | None] = relationship(foreign_keys=[supplier_org_id])
    creator: Mapped[User] = relationship(foreign_keys=[created_by])
    decider: Mapped[User | None] = relationship(foreign_keys=[decided_by])
    response: Mapped[Response | None] = relationship(back_populates="assessment")
    documents: Mapped[list[Document]] = relationship(back_populates="assessment",
                                                     order_by="Document.uploaded_at")
    invitations: Mapped[list[Invitation]] = relationship(back_populates="assessment",
                                                         order_by="Invitation.created_at")


class Invitation(db.Model):
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

    assessment: Mapped[Assessment] = relationship(back_populates="invitations")

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        """Say whether the invitation can no longer be accepted because of its age."""
        return (now or utcnow()) >= self.expires_at


class Response(db.Model):
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


class StoredFile(db.Model):
    """A content-addressed blob in the storage folder (named by its SHA-256)."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    content_type: Mapped[str] = mapped_column(sa.String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Document(db.Model):
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

    assessment: Mapped[Assessment] = relationship(back_populates="documents")
    stored_file: Mapped[StoredFile] = relationship()
    uploader: Mapped[User] = relationship()
    corrections: Mapped[list[Correction]] = relationship(back_populates="document",
                                                         order_by="Correction.created_at")


class Correction(db.Model):
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


class Scoring(db.Model):
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


class Comment(db.Model):
    """A message in an assessment's thread, seen by buyer and supplier."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(_fk("assessments.id"), index=True)
    user_id: Mapped[int] = mapped_column(_fk("users.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class AuditEvent(db.Model):
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


class AccreditationBodyRecord(db.Model):
    """An accreditation body recognised for scoring (IAF MLA signatory), editable by admins."""

    __tablename__ = "accreditation_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    acronym: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    country: Mapped[str] = mapped_column(sa.String(100))
    aliases: Mapped[list[str]] = mapped_column(JsonList, default=list)


class QuestionnaireTemplateRecord(db.Model):
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


class SentReminder(db.Model):
    """A monitoring reminder or digest already sent: one row per event, so re-runs never resend."""

    __tablename__ = "sent_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int | None] = mapped_column(_fk("assessments.id"), index=True)
    event_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    recipient: Mapped[str] = mapped_column(sa.Text)
    delivered: Mapped[bool] = mapped_column(default=False)
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class LoginFailure(db.Model):
    """A failed sign-in, kept briefly to throttle guessing from one address."""

    __tablename__ = "login_failures"
    __table_args__ = (sa.Index("ix_login_failures_ip_at", "ip", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ip: Mapped[str] = mapped_column(sa.String(64))
    email: Mapped[str] = mapped_column(sa.String(255))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
