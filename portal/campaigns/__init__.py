"""Bulk supplier campaigns: procurement uploads a CSV of suppliers, checks a preview naming each bad
line, then confirms; a job opens the assessments and invitations with the assessments' own code."""

from flask import Blueprint

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")

from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
