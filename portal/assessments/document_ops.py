"""Changing a stored document: its type, and withdrawing or reinstating it (never deleting it)."""

from __future__ import annotations

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import Document, User, utcnow
from ..unit_of_work import atomic

ROLES = ("certificate", "soa", "other")
DETECT = "detect"  # stored until the classifier has read the file
SCORED = ("certificate", "soa")


class DocumentChangeRefused(ValueError):
    """A change that cannot be made; `str()` is a user-facing reason."""


def role_after_read(doc: Document) -> None:
    """Give a document whose type was left to the classifier the kind it was read as."""
    if doc.role == DETECT:
        doc.role = doc.kind if doc.kind in SCORED else "other"


@atomic
def change_role(doc: Document, user: User, role: str) -> bool:
    """Take the document as another type; True when scoring must follow the change."""
    if role not in ROLES:
        raise DocumentChangeRefused(f"Type of document: “{role}” is not a type certscope knows.")
    old = doc.role
    if role == old:
        return False
    doc.role = role
    doc.is_current = False
    if doc.withdrawn_at is None and doc.parse_status == "parsed":
        _make_newest_current(doc.assessment_id, {old, role})
    audit.record(user, "document.type_change", doc, assessment_id=doc.assessment_id,
                 old=old, new=role, filename=doc.filename)
    return bool({old, role} & set(SCORED))


@atomic
def withdraw(doc: Document, user: User, reason: str) -> bool:
    """Withdraw a document: kept, marked, no longer scored; True when scoring must follow."""
    if doc.withdrawn_at is not None:
        raise DocumentChangeRefused("This document is already withdrawn.")
    doc.withdrawn_at, doc.withdrawn_by = utcnow(), user.id
    doc.withdrawn_reason = reason.strip()[:500] or None
    was_current, doc.is_current = doc.is_current, False
    if was_current:
        _make_newest_current(doc.assessment_id, {doc.role})
    audit.record(user, "document.withdraw", doc, assessment_id=doc.assessment_id,
                 filename=doc.filename, role=doc.role, reason=doc.withdrawn_reason)
    return doc.role in SCORED


@atomic
def reinstate(doc: Document, user: User) -> bool:
    """Undo a withdrawal; the newest readable document of each type is the one scored."""
    if doc.withdrawn_at is None:
        raise DocumentChangeRefused("This document is not withdrawn.")
    doc.withdrawn_at = doc.withdrawn_by = doc.withdrawn_reason = None
    _make_newest_current(doc.assessment_id, {doc.role})
    audit.record(user, "document.reinstate", doc, assessment_id=doc.assessment_id,
                 filename=doc.filename, role=doc.role)
    return doc.role in SCORED


def _make_newest_current(assessment_id: int, roles: set[str]) -> None:
    """Of each scored type, the newest read and not withdrawn document is the current one."""
    db.session.flush()
    for role in roles & set(SCORED):
        docs = db.session.scalars(sa.select(Document).where(
            Document.assessment_id == assessment_id, Document.role == role)
            .order_by(Document.uploaded_at.desc(), Document.id.desc())).all()
        newest = next((d for d in docs if d.withdrawn_at is None and d.parse_status == "parsed"), None)
        for d in docs:
            d.is_current = d is newest

