"""ID tokens the portal must refuse however they are made: signed by a key the provider does not
publish, unsigned (`alg: none`), or for an issuer/audience/nonce other than the flow's."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from portal.auth import sso
from portal.models import SsoConfig

ISSUER = "https://id.acme.test"
CONFIG = SsoConfig(id=1, organisation_id=1, issuer=ISSUER, client_id="certscope", client_secret="s",
                   email_domain="acme.test", label="Acme ID")


def _claims(**over: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "certscope", "sub": "u1", "iat": now, "exp": now + 300, "nonce": "n-1",
              "email": "ann@acme.test", "email_verified": True}
    claims.update(over)
    return claims


@pytest.fixture(scope="module")
def keys() -> tuple[RSAKey, Any]:
    key = RSAKey.generate_key(2048, parameters={"kid": "published"}, private=True)
    return key, KeySet([key]).as_dict(private=False)


def test_a_well_made_token_is_accepted(keys: tuple[RSAKey, dict[str, Any]]) -> None:
    key, jwks = keys
    token = jwt.encode({"alg": "RS256", "kid": "published"}, _claims(), key)
    assert sso.validate_id_token(CONFIG, token, jwks, "n-1")["email"] == "ann@acme.test"


def test_a_token_signed_by_an_unpublished_key_is_refused(keys: tuple[RSAKey, dict[str, Any]]) -> None:
    _, jwks = keys
    forger = RSAKey.generate_key(2048, parameters={"kid": "published"}, private=True)
    token = jwt.encode({"alg": "RS256", "kid": "published"}, _claims(), forger)
    with pytest.raises(sso.SsoError, match="signature does not match|not valid"):
        sso.validate_id_token(CONFIG, token, jwks, "n-1")


def test_an_unsigned_token_is_refused(keys: tuple[RSAKey, dict[str, Any]]) -> None:
    _, jwks = keys

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    token = f"{part({'alg': 'none'})}.{part(_claims())}."
    with pytest.raises(sso.SsoError):
        sso.validate_id_token(CONFIG, token, jwks, "n-1")


@pytest.mark.parametrize("over", [{"iss": "https://evil.test"}, {"aud": "another-app"}, {"nonce": "n-2"},
                                  {"exp": int(time.time()) - 120}, {"nonce": None}],
                         ids=["issuer", "audience", "nonce", "expired", "no-nonce"])
def test_a_token_for_another_flow_is_refused(keys: tuple[RSAKey, dict[str, Any]],
                                             over: dict[str, Any]) -> None:
    key, jwks = keys
    claims = {k: v for k, v in _claims(**over).items() if v is not None}
    token = jwt.encode({"alg": "RS256", "kid": "published"}, claims, key)
    with pytest.raises(sso.SsoError):
        sso.validate_id_token(CONFIG, token, jwks, "n-1")
