"""Buyers' own questionnaire templates: list, view, copy, add and remove questions (versioned)."""

from flask import Blueprint, Flask

bp = Blueprint("questionnaire_templates", __name__, url_prefix="/questionnaire-templates")


def init_app(app: Flask) -> None:
    """Let other pages (opening an assessment) link here only when this feature is registered."""
    app.jinja_env.globals["questionnaire_templates_enabled"] = True

from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
