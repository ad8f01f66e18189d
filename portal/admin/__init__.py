"""Instance administration: organisations, users, roles, accreditation bodies, audit log."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import routes, sso_routes  # noqa: E402,F401  (registers the views on bp)
