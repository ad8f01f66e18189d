"""The REST API (/api/v1), its docs, and the API tokens that open it."""

from flask import Blueprint, Flask

bp = Blueprint("api", __name__)


def init_app(app: Flask) -> None:
    """Serve the API under /api/v1."""
    from .service import init_app as serve_api

    serve_api(app)


from . import docs_routes, token_routes  # noqa: E402,F401  (routes attach themselves to `bp`)
