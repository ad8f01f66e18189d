"""A real OpenID Connect provider on localhost, built with Authlib's server side, for the SSO tests.

It serves discovery, a JWKS, the authorization endpoint (consenting at once as `person`, as a
provider does for someone already signed in there) and the token endpoint, with the authorization
code grant, PKCE required and nonces required. `tamper` overrides claims of the next ID tokens
(a wrong audience, an expiry in the past, another nonce) to show the portal refuses them.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import grants
from authlib.oauth2.rfc6749.errors import UnsupportedResponseTypeError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(s for s in scope.split() if s in {"openid", "email", "profile"})

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    person: dict[str, Any]
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


class Provider:
    """The provider's state: clients, the person who consents, issued codes, tampering."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"}, private=True)
        self.clients: dict[str, Client] = {}
        self.codes: dict[str, Code] = {}
        self.person: dict[str, Any] = {}
        self.tamper: dict[str, Any] = {}
        self.issuer = ""
        self.tokens_issued = 0
        self.seen_challenges: list[tuple[str | None, str | None]] = []

    def add_client(self, redirect_uri: str) -> Client:
        client = Client(secrets.token_hex(8), secrets.token_urlsafe(24), [redirect_uri])
        self.clients[client.client_id] = client
        return client


def build_app(provider: Provider) -> Flask:
    """The provider's Flask app."""
    app = Flask("test_oidc_provider")
    app.config["OAUTH2_ERROR_URIS"] = []

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: Any) -> None:
            payload = request.payload
            provider.seen_challenges.append((payload.data.get("code_challenge"),
                                             payload.data.get("code_challenge_method")))
            provider.codes[code] = Code(code, request.client.client_id, payload.redirect_uri, payload.scope,
                                        payload.data.get("nonce"), payload.data.get("code_challenge"),
                                        payload.data.get("code_challenge_method"), dict(provider.person))

        def query_authorization_code(self, code: str, client: Client) -> Code | None:
            found = provider.codes.get(code)
            return found if found is not None and found.client_id == client.client_id else None

        def delete_authorization_code(self, authorization_code: Code) -> None:
            provider.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: Code) -> dict[str, Any]:
            return authorization_code.person

    class IdToken(OpenIDCode):
        def resolve_client_private_key(self, client: Client) -> RSAKey:
            return provider.key

        def get_client_algorithm(self, client: Client) -> str:
            return "RS256"

        def get_encode_header(self, client: Client) -> dict[str, str]:
            return {"alg": "RS256", "kid": "test-key"}

        def get_client_claims(self, client: Client) -> dict[str, Any]:
            return {"iss": provider.issuer, "aud": [client.client_id], "exp": int(time.time()) + 300}

        def exists_nonce(self, nonce: str, request: Any) -> bool:
            return any(code.nonce == nonce for code in provider.codes.values())

        def generate_user_info(self, user: dict[str, Any], scope: str) -> UserInfo:
            info = UserInfo(sub=user["sub"], name=user.get("name"))
            if "email" in scope:
                info["email"] = user.get("email")
                info["email_verified"] = user.get("email_verified")
            info.update(provider.tamper)  # after the standard claims: overrides aud, exp, nonce …
            return info

    def save_token(token: dict[str, Any], request: Any) -> None:
        provider.tokens_issued += 1

    server = AuthorizationServer(app, query_client=provider.clients.get, save_token=save_token)
    server.register_grant(CodeGrant, [IdToken(require_nonce=True), CodeChallenge(required=True)])

    @app.get("/.well-known/openid-configuration")
    def discovery() -> Any:
        return jsonify(issuer=provider.issuer, authorization_endpoint=f"{provider.issuer}/authorize",
                       token_endpoint=f"{provider.issuer}/token", jwks_uri=f"{provider.issuer}/jwks",
                       response_types_supported=["code"], subject_types_supported=["public"],
                       id_token_signing_alg_values_supported=["RS256"],
                       code_challenge_methods_supported=["S256"])

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(keys=[provider.key.as_dict(private=False)])

    @app.get("/authorize")
    def authorize() -> Any:
        # Find the grant first, as Authlib 1.8 will require (what it does itself when given none).
        request = server.create_oauth2_request(None)
        try:
            grant = server.get_authorization_grant(request)
        except UnsupportedResponseTypeError as error:
            error.state = request.payload.state
            return server.handle_error_response(request, error)
        return server.create_authorization_response(request, grant_user=provider.person, grant=grant)

    @app.post("/token")
    def token() -> Any:
        return server.create_token_response()

    return app


@contextmanager
def running_provider() -> Iterator[Provider]:
    """Serve a provider on a free localhost port for the duration of the block."""
    provider = Provider()
    server = make_server("127.0.0.1", 0, build_app(provider), threaded=True)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        thread.join(5)
