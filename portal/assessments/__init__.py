"""Assessments: open, invite, answer, upload, correct, score, review and decide."""

from typing import Any

from flask import Blueprint, Flask

bp = Blueprint("assessments", __name__, url_prefix="/assessments")


def init_app(app: Flask) -> None:
    """Show procurement's notifications on the dashboard."""
    from ..notifications.operations import inbox_panel
    from .panels import add_panel

    add_panel(app, "dashboard", "notifications_panel", inbox_panel)


@bp.context_processor
def _helpers() -> dict[str, Any]:
    from scoring.corrections import control_text

    from .pages import evidence_groups, show

    return {"show": show, "evidence_groups": evidence_groups, "control_text": control_text}


from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
