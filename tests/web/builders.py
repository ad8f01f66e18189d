"""Builders for test data: each call commits and returns a detached, loaded model."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask

from portal.auth.invitations import create_invitation
from portal.auth.passwords import hash_password
from portal.extensions import db
from portal.models import (
    Assessment,
    Campaign,
    Comment,
    Correction,
    Document,
    Invitation,
    Notification,
    Organisation,
    QuestionnaireTemplateRecord,
    Response,
    Scoring,
    StoredFile,
    User,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
    utcnow,
)

PASSWORD = "correct horse battery"


def pdf_bytes(*lines: str) -> bytes:
    """Return a one-page PDF showing `lines`."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.compress = False  # keep the text greppable in the bytes (tests look for it in downloads)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _write_blob(root: Path, content: bytes) -> None:
    """Put the bytes where the portal's storage keeps them (its own layout when available)."""
    try:
        from portal.assessments import storage
    except ImportError:
        return
    storage.store_bytes(root, content)
T = TypeVar("T")
_seq = itertools.count(1)


class Builder:
    """Make rows for a test, each committed, returned detached with columns loaded."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def _save(self, obj: T) -> T:
        with self.app.app_context():
            db.session.add(obj)
            db.session.commit()
            db.session.refresh(obj)
            db.session.expunge(obj)
        return obj

    def org(self, kind: str = "buyer", name: str | None = None) -> Organisation:
        """Make an organisation."""
        return self._save(Organisation(name=name or f"{kind.title()} Org {next(_seq)}", kind=kind))

    def user(self, org: Organisation, role: str | None = None, email: str | None = None,
             password: str = PASSWORD, **fields: Any) -> User:
        """Make a user of `org` (role defaults to procurement for buyers, supplier for suppliers)."""
        role = role or ("procurement" if org.kind == "buyer" else "supplier")
        n = next(_seq)
        with self.app.app_context():
            password_hash = hash_password(password)
        return self._save(User(organisation_id=org.id, email=email or f"{role}{n}@example.com",
                               name=fields.pop("name", f"{role.title()} {n}"), role=role,
                               password_hash=password_hash, **fields))

    def assessment(self, buyer: User, supplier_org: Organisation | None = None, **fields: Any) -> Assessment:
        """Make an assessment opened by `buyer` (a procurement user)."""
        n = next(_seq)
        values: dict[str, Any] = {
            "buyer_org_id": buyer.organisation_id, "created_by": buyer.id,
            "supplier_org_id": supplier_org.id if supplier_org else None,
            "supplier_name": f"Supplier {n}", "supplier_legal_name": f"Supplier {n} Ltd",
            "product": f"Product {n}", "product_aliases": [], "required_regions": ["EU"],
            "template_key": "iso42001-supplier", "template_version": "1",
            "status": "in_progress" if supplier_org else "draft",
        }
        values.update(fields)
        return self._save(Assessment(**values))

    def stored_file(self, content: bytes | None = None) -> StoredFile:
        """Store a blob (a one-page PDF by default) in the storage folder and record it."""
        content = content if content is not None else pdf_bytes(f"Document {next(_seq)}")
        sha = hashlib.sha256(content).hexdigest()
        _write_blob(Path(self.app.config["STORAGE_DIR"]), content)
        with self.app.app_context():
            existing = db.session.get(StoredFile, sha)
            if existing is not None:
                db.session.expunge(existing)
                return existing
        return self._save(StoredFile(sha256=sha, size=len(content), content_type="application/pdf"))

    def document(self, assessment: Assessment, uploader: User, role: str = "certificate",
                 content: bytes | None = None, **fields: Any) -> Document:
        """Make a document of `assessment` (parsed unless told otherwise)."""
        blob = self.stored_file(content)
        values: dict[str, Any] = {"assessment_id": assessment.id, "role": role, "sha256": blob.sha256,
                                  "filename": f"{role}.pdf", "uploaded_by": uploader.id,
                                  "parse_status": "parsed", "kind": role if role != "other" else "unknown",
                                  "extraction": {"kind": role}}
        values.update(fields)
        return self._save(Document(**values))

    def response(self, assessment: Assessment, answers: dict[str, Any] | None = None,
                 submitted: bool = False) -> Response:
        """Make the questionnaire response of `assessment`."""
        return self._save(Response(assessment_id=assessment.id, template_key=assessment.template_key,
                                   template_version=assessment.template_version, answers=answers or {},
                                   submitted_at=utcnow() if submitted else None))

    def comment(self, assessment: Assessment, user: User, body: str = "A question") -> Comment:
        """Make a comment on `assessment`."""
        return self._save(Comment(assessment_id=assessment.id, user_id=user.id, body=body))

    def notification(self, assessment: Assessment, message: str = "A supplier commented.",
                     document: Document | None = None) -> Notification:
        """Make a notification to the buyer of `assessment` (about `document`, when given)."""
        return self._save(Notification(organisation_id=assessment.buyer_org_id, assessment_id=assessment.id,
                                       kind="upload" if document else "comment", message=message,
                                       document_id=document.id if document else None))

    def correction(self, document: Document, user: User, field: str = "holder",
                   value: Any = "X") -> Correction:
        """Make a correction of `document`."""
        return self._save(Correction(document_id=document.id, field=field, machine_value="?",
                                     corrected_value=value, reason="misread", user_id=user.id))

    def scoring(self, assessment: Assessment, rating: str = "amber", flags: list[dict[str, Any]] | None = None
                ) -> Scoring:
        """Make a scoring of `assessment`."""
        return self._save(Scoring(assessment_id=assessment.id, assessment_date=dt.date.today(), rating=rating,
                                  flags=flags or [], trigger="manual"))

    def invitation(self, assessment: Assessment, actor: User, email: str = "invitee@example.com",
                   days: int = 14, now: dt.datetime | None = None) -> tuple[Invitation, str]:
        """Make an invitation; return it with its token."""
        with self.app.app_context():
            target = db.session.get_one(Assessment, assessment.id)
            author = db.session.get_one(User, actor.id)
            invitation, token = create_invitation(target, email, author, days=days, now=now)
            db.session.commit()
            db.session.refresh(invitation)
            db.session.expunge(invitation)
        return invitation, token

    def template(self, org: Organisation, key: str, title: str = "Our questionnaire", version: int = 1,
                 questions: list[dict[str, Any]] | None = None) -> QuestionnaireTemplateRecord:
        """Make a version of an organisation's own questionnaire template."""
        body = {"key": key, "version": version, "title": title, "questions": questions or [
            {"id": "product", "text": "Product?", "help": "", "type": "text", "required": True,
             "maps_to": "product"}]}
        return self._save(QuestionnaireTemplateRecord(organisation_id=org.id, key=key, version=str(version),
                                                      title=title, body=body))

    def user_session(self, user: User, ip: str = "192.0.2.10") -> Any:
        """Make a live server-side session of `user` (as signing in would); return its row."""
        from portal.sessions import UserSession, token_hash

        return self._save(UserSession(token_hash=token_hash(f"test-token-{next(_seq)}"), user_id=user.id,
                                      data="{}", ip=ip,
                                      user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"))

    def api_token(self, user: User, scopes: tuple[str, ...] = ("read",)) -> Any:
        """Make an API token of `user`; return its row (the secret is not kept)."""
        from portal.api.tokens import create_token

        with self.app.app_context():
            made = create_token(db.session.get_one(User, user.id), "built", scopes)
            db.session.commit()
            db.session.refresh(made.row)
            db.session.expunge(made.row)
        return made.row

    def webhook(self, user: User, url: str = "https://hooks.example/receive",
                events: list[str] | None = None) -> tuple[Webhook, WebhookDelivery]:
        """Make a webhook of the user's organisation with one delivery (tried once, answered 500)."""
        hook = self._save(Webhook(organisation_id=user.organisation_id, url=url, secret="whsec_test",
                                  events=events or ["supplier.submitted"], created_by=user.id))
        delivery = self._save(WebhookDelivery(webhook_id=hook.id, event="supplier.submitted",
                                              payload={"product": url}, state="retrying", attempts=1))
        self._save(WebhookAttempt(delivery_id=delivery.id, number=1, status_code=500, body_excerpt=url))
        return hook, delivery

    def campaign(self, user: User, name: str = "Winter campaign") -> Campaign:
        """Make a campaign awaiting confirmation (one checked line) in the user's organisation."""
        row = {"line": 2, "legal_name": name, "product": f"{name} product", "aliases": [],
               "contact_emails": [], "required_regions": [], "supply_chain": [], "deadline": None,
               "reference": ""}
        return self._save(Campaign(organisation_id=user.organisation_id, name=name, filename="suppliers.csv",
                                   template_key="iso42001-supplier", created_by=user.id, rows=[row]))

    def get(self, model: type[T], ident: Any) -> T | None:
        """Load a fresh copy of a row (detached)."""
        with self.app.app_context():
            obj = db.session.get(model, ident)
            if obj is not None:
                db.session.expunge(obj)
            return obj
