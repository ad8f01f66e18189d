"""Assessments: open, invite, answer, upload, correct, score, review and decide."""

from typing import Any

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments")


@bp.context_processor
def _helpers() -> dict[str, Any]:
    from .control_corrections import control_text
    from .pages import evidence_groups, show

    return {"show": show, "evidence_groups": evidence_groups, "control_text": control_text}


from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
