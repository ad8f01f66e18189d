"""Admin operations on organisations and users (take models and plain data; flush, never commit)."""

from __future__ import annotations

import sqlalchemy as sa

from .. import audit, sessions
from ..auth import totp
from ..auth.operations import normalise_email
from ..auth.password_policy import password_problem
from ..auth.passwords import hash_password
from ..extensions import db
from ..models import BUYER_ROLES, ORG_KINDS, ROLES, Organisation, User
from ..unit_of_work import atomic
from .breakglass import BreakGlassRefused, check_reason, needs_break_glass, record_break_glass


class AdminError(ValueError):
    """A refused admin change; str() is the message for the admin."""


def _break_glass_reason(actor: User | None, role: str, reason: str | None) -> str | None:
    """Return the checked reason when the change is break-glass, None when it is not."""
    if not needs_break_glass(actor, role):
        return None
    try:
        return check_reason(reason)
    except BreakGlassRefused as err:
        raise AdminError(str(err)) from err


@atomic
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


@atomic
def create_user(actor: User | None, organisation: Organisation, email: str, name: str, role: str,
                password: str, reason: str | None = None) -> User:
    """Create a user in `organisation` with `role` (break-glass when an operator adds a tenant user)."""
    email = normalise_email(email)
    check_role(organisation, role)
    problem = password_problem(password, [name, email])
    if problem:
        raise AdminError(f"Password: {problem}")
    glass = _break_glass_reason(actor, role, reason)
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise AdminError(f"A user with email {email} already exists.")
    user = User(organisation=organisation, email=email, name=" ".join(name.split()), role=role,
                password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.created", user, email=email, role=role, organisation_id_of_user=organisation.id)
    if glass and actor is not None:
        record_break_glass(actor, user, "user_created", glass)
    return user


@atomic
def change_role(actor: User, user: User, role: str, reason: str | None = None) -> None:
    """Give `user` another role (within what their organisation's kind allows)."""
    check_role(user.organisation, role)
    if user.id == actor.id and role != "admin":
        raise AdminError("You cannot remove your own admin role.")
    glass = _break_glass_reason(actor, role if role != "admin" else user.role, reason)
    old, user.role = user.role, role
    db.session.flush()
    audit.record(actor, "user.role_changed", user, old=old, new=role)
    if glass:
        record_break_glass(actor, user, "role_changed", glass)


@atomic
def set_active(actor: User, user: User, active: bool) -> None:
    """Activate or deactivate `user` (a deactivated user cannot sign in)."""
    if user.id == actor.id and not active:
        raise AdminError("You cannot deactivate your own account.")
    user.is_active = active
    if not active:
        sessions.revoke_user_sessions(user.id, "deactivated")
    db.session.flush()
    audit.record(actor, "user.activated" if active else "user.deactivated", user)


@atomic
def reset_password(actor: User | None, user: User, password: str, reason: str | None = None) -> None:
    """Set a new password for `user`, signing them out everywhere (break-glass for a tenant user)."""
    problem = password_problem(password, [user.name, user.email])
    if problem:
        raise AdminError(f"Password: {problem}")
    glass = _break_glass_reason(actor if actor is not user else None, user.role, reason)
    user.password_hash = hash_password(password)
    sessions.revoke_user_sessions(user.id, "password reset")
    db.session.flush()
    audit.record(actor, "user.password_reset", user)
    if glass and actor is not None:
        record_break_glass(actor, user, "password_reset", glass)


def remove_second_factor(actor: User, user: User, reason: str | None = None) -> None:
    """Turn off `user`'s two-step sign-in (phone and recovery codes lost): break-glass for a tenant user."""
    glass = _break_glass_reason(actor if actor is not user else None, user.role, reason)
    totp.disable(user)
    if glass:
        record_break_glass(actor, user, "second_factor_removed", glass)


def revoke_sessions(actor: User, user: User) -> int:
    """Sign `user` out everywhere (takes access away, so no break-glass); return how many ended."""
    count = sessions.revoke_user_sessions(user.id, "signed out by operator")
    audit.record(actor, "user.sessions_revoked", user, sessions=count)
    return count
