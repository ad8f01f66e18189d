"""Admin operations on organisations and users (take models and plain data; flush, never commit)."""

from __future__ import annotations

import sqlalchemy as sa

from .. import audit
from ..auth.operations import normalise_email
from ..auth.passwords import hash_password, password_problem
from ..extensions import db
from ..models import BUYER_ROLES, ORG_KINDS, ROLES, Organisation, User


class AdminError(ValueError):
    """A refused admin change; str() is the message for the admin."""


def create_organisation(actor: User | None, name: str, kind: str) -> Organisation:
    """Create an organisation with a unique name."""
    name = " ".join(name.split())
    if kind not in ORG_KINDS:
        raise AdminError(f"Kind must be one of: {', '.join(ORG_KINDS)}.")
    if not name:
        raise AdminError("Give the organisation a name.")
    if db.session.scalar(sa.select(Organisation.id).where(Organisation.name == name)) is not None:
        raise AdminError(f"An organisation named {name!r} already exists.")
    organisation = Organisation(name=name, kind=kind)
    db.session.add(organisation)
    db.session.flush()
    audit.record(actor, "organisation.created", organisation, name=name, kind=kind)
    return organisation


def check_role(organisation: Organisation, role: str) -> None:
    """Refuse a role that does not fit the organisation's kind."""
    if role not in ROLES:
        raise AdminError(f"Role must be one of: {', '.join(ROLES)}.")
    if role in BUYER_ROLES and organisation.kind != "buyer":
        raise AdminError(f"The {role} role is for buyer organisations; {organisation.name} is a supplier.")
    if role == "supplier" and organisation.kind != "supplier":
        raise AdminError(f"The supplier role is for supplier organisations; {organisation.name} is a buyer.")


def create_user(actor: User | None, organisation: Organisation, email: str, name: str, role: str,
                password: str) -> User:
    """Create a user in `organisation` with `role`."""
    email = normalise_email(email)
    check_role(organisation, role)
    problem = password_problem(password)
    if problem:
        raise AdminError(f"Password: {problem}")
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise AdminError(f"A user with email {email} already exists.")
    user = User(organisation=organisation, email=email, name=" ".join(name.split()), role=role,
                password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.created", user, email=email, role=role, organisation_id_of_user=organisation.id)
    return user


def change_role(actor: User, user: User, role: str) -> None:
    """Give `user` another role (within what their organisation's kind allows)."""
    check_role(user.organisation, role)
    if user.id == actor.id and role != "admin":
        raise AdminError("You cannot remove your own admin role.")
    old, user.role = user.role, role
    db.session.flush()
    audit.record(actor, "user.role_changed", user, old=old, new=role)


def set_active(actor: User, user: User, active: bool) -> None:
    """Activate or deactivate `user` (a deactivated user cannot sign in)."""
    if user.id == actor.id and not active:
        raise AdminError("You cannot deactivate your own account.")
    user.is_active = active
    if active:
        user.failed_logins, user.locked_until = 0, None
    db.session.flush()
    audit.record(actor, "user.activated" if active else "user.deactivated", user)


def reset_password(actor: User | None, user: User, password: str) -> None:
    """Set a new password for `user` and lift any lockout."""
    problem = password_problem(password)
    if problem:
        raise AdminError(f"Password: {problem}")
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    db.session.flush()
    audit.record(actor, "user.password_reset", user)
