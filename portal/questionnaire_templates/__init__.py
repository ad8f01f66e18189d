"""Buyers' own questionnaire templates: list, view, copy, add and remove questions (versioned)."""

from flask import Blueprint

bp = Blueprint("questionnaire_templates", __name__, url_prefix="/questionnaire-templates")

from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
