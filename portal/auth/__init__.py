"""Sign-in, sign-out, account, and invitation acceptance."""

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)

from . import (  # noqa: E402,F401  (registers the views on bp)
    invitation_routes,
    link_routes,
    routes,
    session_routes,
    sso_routes,
    totp_routes,
)


def init_app(app: Flask) -> None:
    """Give the app its sign-in throttle."""
    from . import throttle

    throttle.init_app(app)
