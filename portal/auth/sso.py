"""Single sign-on with OpenID Connect (Authlib's client, joserfc for the ID token).

The authorization code flow with PKCE (S256), state and nonce. The provider's endpoints come from
its discovery document; the ID token is checked for its signature (the provider's JWKS), issuer,
audience, expiry and nonce. People are matched, or created with the organisation's default role,
by an e-mail address the provider says is verified, within the organisation's e-mail domain.
Every sign-in and every failure is audited. Errors raise SsoError with the message for the user.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any, cast

import requests
import sqlalchemy as sa
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from .. import audit
from ..extensions import db
from ..models import BUYER_ROLES, Organisation, SsoConfig, User
from .operations import find_user_by_email, normalise_email
from .sso_policy import SSO_PASSWORD_MARK

log = logging.getLogger(__name__)

TIMEOUT_S = 10
FLOW_SECONDS = 600
LEEWAY_S = 60
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]
UNREACHABLE = ("{label} did not answer as expected. Try again in a minute; if it goes on, "
               "tell your administrator.")


class SsoError(ValueError):
    """A sign-in through the provider that cannot go on; str() is the message for the user."""


@dataclass(frozen=True)
class Flow:
    """What a started sign-in must remember until the provider sends the person back."""

    config_id: int
    state: str
    nonce: str
    verifier: str
    redirect_uri: str
    next_url: str | None
    started: float

    def as_dict(self) -> dict[str, Any]:
        """Return the flow as plain data for the session."""
        return dict(self.__dict__)


def _client(config: SsoConfig, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(config.client_id, config.client_secret, scope="openid email profile",
                         redirect_uri=redirect_uri, code_challenge_method="S256")


def _get_json(url: str, config: SsoConfig) -> dict[str, Any]:
    try:
        response = requests.get(url, timeout=TIMEOUT_S)
        response.raise_for_status()
        data = response.json()
    except (requests.RequestException, ValueError) as err:
        raise SsoError(UNREACHABLE.format(label=config.label)) from err
    if not isinstance(data, dict):
        raise SsoError(UNREACHABLE.format(label=config.label))
    return data


def discover(config: SsoConfig) -> dict[str, Any]:
    """Fetch the provider's discovery document and check it speaks for the configured issuer."""
    metadata = _get_json(config.issuer.rstrip("/") + "/.well-known/openid-configuration", config)
    if metadata.get("issuer") != config.issuer:
        log.warning("SSO %s: discovery names issuer %r", config.id, metadata.get("issuer"))
        raise SsoError(f"{config.label} is not set up as certscope expects (its issuer differs). "
                       "Tell your administrator.")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(key), str):
            raise SsoError(UNREACHABLE.format(label=config.label))
    return metadata


def begin(config: SsoConfig, redirect_uri: str, next_url: str | None) -> tuple[str, Flow]:
    """Return the provider's authorization URL and the flow to keep in the session."""
    metadata = discover(config)
    verifier = secrets.token_urlsafe(48)
    flow = Flow(config.id, secrets.token_urlsafe(24), secrets.token_urlsafe(24), verifier, redirect_uri,
                next_url, time.time())
    url, _ = _client(config, redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"], state=flow.state, nonce=flow.nonce, code_verifier=verifier)
    return url, flow


def load_flow(data: Any) -> Flow | None:
    """Return the flow kept in the session, or None when there is none or it is too old."""
    if not isinstance(data, dict):
        return None
    try:
        flow = Flow(**data)
    except TypeError:
        return None
    return flow if time.time() - flow.started <= FLOW_SECONDS else None


def finish(flow: Flow, params: dict[str, str], ip: str) -> User:
    """Complete the sign-in the provider answered with `params`; return the user (audited either way)."""
    config = db.session.get(SsoConfig, flow.config_id)
    if config is None or not config.enabled:
        raise SsoError("Single sign-on is no longer set up for your organisation. "
                       "Sign in with your password.")
    try:
        claims = _claims(config, flow, params)
        user = _match(config, claims)
    except SsoError as err:
        audit.record(None, "login.sso_failed", ("sso_config", config.id),
                     organisation_id=config.organisation_id, reason=str(err), ip=ip)
        raise
    audit.record(user, "login.succeeded", user, ip=ip, method="sso", issuer=config.issuer)
    return user


def _claims(config: SsoConfig, flow: Flow, params: dict[str, str]) -> dict[str, Any]:
    if params.get("error"):
        detail = params.get("error_description") or params["error"]
        raise SsoError(f"{config.label} did not sign you in: {detail[:200]}")
    if not hmac.compare_digest(params.get("state", ""), flow.state):
        raise SsoError("This sign-in answer does not belong to this browser's sign-in. Start again.")
    metadata = discover(config)
    try:
        token = _client(config, flow.redirect_uri).fetch_token(
            metadata["token_endpoint"], code=params.get("code", ""), code_verifier=flow.verifier,
            timeout=TIMEOUT_S)
    except Exception as err:  # noqa: BLE001  (Authlib's OAuth errors and any transport error alike)
        log.warning("SSO %s: token request failed: %s", config.id, err)
        raise SsoError(UNREACHABLE.format(label=config.label)) from err
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SsoError(f"{config.label} sent no identity. Tell your administrator.")
    return validate_id_token(config, id_token, _get_json(metadata["jwks_uri"], config), flow.nonce)


def validate_id_token(config: SsoConfig, id_token: str, jwks: dict[str, Any], nonce: str) -> dict[str, Any]:
    """Check the ID token's signature, issuer, audience, expiry and nonce; return its claims."""
    try:
        decoded = jwt.decode(id_token, KeySet.import_key_set(cast(Any, jwks)), algorithms=ALGORITHMS)
        jwt.JWTClaimsRegistry(
            leeway=LEEWAY_S, iss={"essential": True, "value": config.issuer},
            aud={"essential": True, "value": config.client_id}, exp={"essential": True},
            sub={"essential": True}, nonce={"essential": True, "value": nonce},
        ).validate(decoded.claims)
    except (JoseError, ValueError) as err:
        log.warning("SSO %s: ID token refused: %s", config.id, err)
        raise SsoError(f"The identity {config.label} sent could not be accepted "
                       f"({_reason(err)}). Start again; if it goes on, tell your administrator.") from err
    return dict(decoded.claims)


def _reason(err: Exception) -> str:
    text = str(err).lower()
    for word, reason in (("exp", "it has expired"), ("aud", "it was made for another application"),
                         ("nonce", "it belongs to another sign-in"), ("iss", "it comes from another issuer"),
                         ("signature", "its signature does not match")):
        if word in text:
            return reason
    return "it is not valid"


def _match(config: SsoConfig, claims: dict[str, Any]) -> User:
    email = normalise_email(str(claims.get("email") or ""))
    if not email or claims.get("email_verified") is not True:
        raise SsoError(f"{config.label} did not confirm that your e-mail address is verified, so certscope "
                       "cannot tell which account is yours. Ask your administrator.")
    if email.rpartition("@")[2] != config.email_domain:
        raise SsoError(f"{email} is not an address of {config.organisation.name} (@{config.email_domain}). "
                       "Sign in with your work account.")
    user = find_user_by_email(email)
    if user is None:
        return _create(config, email, claims)
    if user.organisation_id != config.organisation_id:
        raise SsoError(f"{email} belongs to another organisation in certscope. Ask your administrator.")
    if not user.is_active:
        raise SsoError("Your certscope account is switched off. Ask your administrator.")
    return user


def _create(config: SsoConfig, email: str, claims: dict[str, Any]) -> User:
    name = str(claims.get("name") or claims.get("given_name") or email.partition("@")[0])[:200]
    user = User(organisation_id=config.organisation_id, email=email, name=name, role=config.default_role,
                password_hash=SSO_PASSWORD_MARK)
    db.session.add(user)
    db.session.flush()
    audit.record(user, "user.created_by_sso", user, role=user.role)
    return user


def save_config(actor: User, organisation: Organisation, values: dict[str, Any]) -> SsoConfig:
    """Create or change `organisation`'s single sign-on; a blank secret keeps the stored one."""
    if organisation.kind != "buyer":
        raise SsoError("Single sign-on is for buyer organisations.")
    domain = str(values["email_domain"]).strip().lower().lstrip("@")
    taken = db.session.scalar(sa.select(SsoConfig).where(SsoConfig.email_domain == domain,
                                                         SsoConfig.organisation_id != organisation.id))
    if taken is not None:
        raise SsoError(f"@{domain} already signs in to another organisation.")
    if values["default_role"] not in BUYER_ROLES:
        raise SsoError("Choose procurement or legal as the default role.")
    config = db.session.scalar(sa.select(SsoConfig).where(SsoConfig.organisation_id == organisation.id))
    if config is None:
        if not values.get("client_secret"):
            raise SsoError("Enter the client secret.")
        config = SsoConfig(organisation_id=organisation.id)
        db.session.add(config)
    config.issuer = str(values["issuer"]).strip()  # as the provider spells it: discovery must match
    config.client_id = str(values["client_id"]).strip()
    if values.get("client_secret"):
        config.client_secret = str(values["client_secret"]).strip()
    config.email_domain, config.default_role = domain, values["default_role"]
    config.label = str(values.get("label") or "single sign-on").strip()
    config.enabled, config.password_sign_in = bool(values["enabled"]), bool(values["password_sign_in"])
    db.session.flush()
    audit.record(actor, "sso.configured", config, organisation_id=organisation.id, issuer=config.issuer,
                 domain=domain, enabled=config.enabled, password_sign_in=config.password_sign_in)
    return config
