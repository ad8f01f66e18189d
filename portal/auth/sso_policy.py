"""Whether an organisation's single sign-on has switched off password sign-in for its people."""

from __future__ import annotations

import sqlalchemy as sa

from ..extensions import db
from ..models import SsoConfig, User

SSO_ONLY = ("Your organisation signs in with single sign-on, not a password. "
            "Use “Sign in with your organisation” with your work e-mail.")
SSO_PASSWORD_MARK = "!sso"  # password_hash of an account made by single sign-on: no password verifies


def config_for_email(email: str) -> SsoConfig | None:
    """Return the enabled single sign-on whose e-mail domain is `email`'s, or None."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    return db.session.scalar(sa.select(SsoConfig).where(SsoConfig.email_domain == domain,
                                                        SsoConfig.enabled.is_(True)))


def config_for_organisation(organisation_id: int) -> SsoConfig | None:
    """Return the organisation's single sign-on (enabled or not), or None."""
    return db.session.scalar(sa.select(SsoConfig).where(SsoConfig.organisation_id == organisation_id))


def password_sign_in_off(email: str, user: User | None = None) -> bool:
    """Say whether a password may not be used for `email` (by its domain) or by `user` (by organisation).

    The domain answer needs no account, so it tells nobody whether an account exists.
    """
    by_domain = config_for_email(email)
    if by_domain is not None and not by_domain.password_sign_in:
        return True
    if user is None:
        return False
    own = config_for_organisation(user.organisation_id)
    return own is not None and own.enabled and not own.password_sign_in
