"""The API's wiring: flask-smorest (the OpenAPI document made from the views' schemas), token sign-in,
rate limits, CSRF left to the pages, and the docs served from the package.

flask-smorest rather than APIFlask: APIFlask needs the application itself to be an APIFlask (its spec
and error handling hang off the app class), while the portal is its own Flask subclass with HTML error
pages; flask-smorest attaches to any Flask app as an extension, and its error handler is replaced by
the portal's (portal/errors.py answers problem+json under /api/).
"""

from __future__ import annotations

import http
from typing import Any

from flask import Flask, current_app
from flask_smorest import Api, Blueprint
from flask_smorest.utils import prepare_response

from ..auth.throttle import EXTENSION as THROTTLE
from ..extensions import csrf
from ..problems import PROBLEM_TYPE
from . import access
from .schemas import ProblemSchema

PREFIX = "/api/v1"
SECURITY_SCHEME = {"type": "http", "scheme": "bearer",
                   "description": "An API token made on the account page (API tokens)."}
CONFIG = {
    "API_TITLE": "certscope API", "API_VERSION": "1", "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": PREFIX, "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {"description": "Vendor assessments of ISO/IEC 42001 certificates: the portal's data and "
                                "actions for programs. Every call is made as the user who owns the token, "
                                "and sees exactly what that user sees in the portal. Errors are RFC 9457 "
                                "problem details (application/problem+json)."},
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": SECURITY_SCHEME}},
    },
}

v1 = Blueprint("api_v1", __name__, url_prefix=PREFIX, description="certscope API, version 1")
v1.before_request(access.authenticate)
v1.after_request(access.record_use)


class CertscopeApi(Api):
    """flask-smorest, documenting every error as the problem+json the portal answers."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = ProblemSchema
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "An error, as RFC 9457 problem details", "schema": ProblemSchema}
        prepare_response(default, self.spec, PROBLEM_TYPE)
        self.spec.components.response("DEFAULT_ERROR", default, lazy=True)

    def _register_error_handlers(self) -> None:
        """Leave errors to the portal's handlers (portal/errors.py: problem+json under /api/)."""


def init_app(app: Flask) -> None:
    """Serve the API on `app`: its routes, its document, token sign-in, limits."""
    for name, value in CONFIG.items():
        app.config.setdefault(name, value)
    from . import views_assessments, views_documents, views_legal  # noqa: F401  (they attach to `v1`)

    access.set_default_limits(app)
    limiter = app.extensions[THROTTLE].limiter
    limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=access.token_key)(v1)
    limiter.limit(lambda: current_app.config["API_RATE_LIMIT_ADDRESS"], key_func=_address)(v1)
    csrf.exempt(v1)  # only tokens sign API calls in (never cookies): nothing for a forged form to ride on
    api = CertscopeApi(app)
    api.register_blueprint(v1)


def _address() -> str:
    from flask_limiter.util import get_remote_address

    return "address:" + get_remote_address()
