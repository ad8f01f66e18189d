"""Notifications: procurement is told (on the dashboard, and by mail) what suppliers did and which
documents could not be read; each procurement user has their own read and unread ones.

Assessments tell (their operations call `operations.supplier_uploaded` and the like) and show the
panel on their dashboard; this package imports nothing of theirs.
"""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
