"""What each role may do on an assessment (visibility itself is portal.security's scoping)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort

from ..extensions import db
from ..models import Assessment, Document
from ..security import require_procurement as require_procurement  # one place asks who may do what

DECIDED = ("accepted", "rejected")


def document_of(assessment: Assessment, document_id: int) -> Document:
    """Return a document of an already-authorised assessment, else 404."""
    doc = db.session.scalar(sa.select(Document).where(Document.id == document_id,
                                                      Document.assessment_id == assessment.id))
    if doc is None:
        abort(404)
    return doc


def supplier_may_edit(user: Any, assessment: Assessment) -> bool:
    """Say whether the supplier may still change answers, evidence and corrections."""
    return (user.role == "supplier" and assessment.supplier_org_id == user.organisation_id
            and assessment.status not in DECIDED)


def require_supplier_edit(user: Any, assessment: Assessment) -> None:
    """Refuse (403) a supplier-side change by anyone else, or after the decision."""
    if not supplier_may_edit(user, assessment):
        abort(403)
