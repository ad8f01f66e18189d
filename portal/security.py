"""Role checks and tenant scoping: every query is limited to what the user's organisation may see."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import abort
from flask_login import current_user, login_required

from .extensions import db
from .models import BUYER_ROLES, Assessment, Document, User

F = TypeVar("F", bound=Callable[..., Any])


def roles_required(*roles: str) -> Callable[[F], F]:
    """Require a signed-in user with one of `roles` (anonymous → login, wrong role → 403)."""

    def decorate(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


admin_required = roles_required("admin")
buyer_required = roles_required(*BUYER_ROLES)
procurement_required = roles_required("procurement")
supplier_required = roles_required("supplier")


def assessment_scope(user: User) -> sa.ColumnElement[bool]:
    """Return the WHERE clause selecting the assessments `user` may see."""
    if user.role in BUYER_ROLES:
        return Assessment.buyer_org_id == user.organisation_id
    if user.role == "supplier":
        return Assessment.supplier_org_id == user.organisation_id
    return sa.false()  # admins run the instance; they do not read tenants' assessments


def visible_assessments(user: User) -> sa.Select[Any]:
    """Return a SELECT of the assessments `user` may see (add filters/order to it)."""
    return sa.select(Assessment).where(assessment_scope(user))


def can_view(user: User, assessment: Assessment) -> bool:
    """Say whether `user` may see `assessment`."""
    if user.role in BUYER_ROLES:
        return assessment.buyer_org_id == user.organisation_id
    if user.role == "supplier":
        return assessment.supplier_org_id is not None and assessment.supplier_org_id == user.organisation_id
    return False


def can_edit_as_buyer(user: User, assessment: Assessment) -> bool:
    """Say whether `user` may change `assessment` on the buyer's side (procurement only)."""
    return user.role == "procurement" and assessment.buyer_org_id == user.organisation_id


def can_edit_as_supplier(user: User, assessment: Assessment) -> bool:
    """Say whether `user` may answer/upload for `assessment` on the supplier's side."""
    return user.role == "supplier" and can_view(user, assessment)


def assessment_or_404(assessment_id: int, user: User | None = None) -> Assessment:
    """Load an assessment the user may see; 404 otherwise (never reveal that it exists)."""
    user = user or current_user
    found = db.session.scalar(visible_assessments(user).where(Assessment.id == assessment_id))
    if found is None:
        abort(404)
    return found


def document_or_404(document_id: int, user: User | None = None) -> Document:
    """Load a document of an assessment the user may see; 404 otherwise."""
    user = user or current_user
    query = (sa.select(Document).join(Assessment, Document.assessment_id == Assessment.id)
             .where(Document.id == document_id, assessment_scope(user)))
    found = db.session.scalar(query)
    if found is None:
        abort(404)
    return found


def require_procurement(user: Any, assessment: Assessment) -> None:
    """Refuse (403) a buyer-side change by anyone but the buyer's procurement."""
    if user.role != "procurement" or assessment.buyer_org_id != user.organisation_id:
        abort(403)
