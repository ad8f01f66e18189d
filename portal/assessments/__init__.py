"""Assessments: open, invite, answer, upload, correct, score, review and decide."""

from typing import Any

from flask import Blueprint

bp = Blueprint("assessments", __name__, url_prefix="/assessments")


@bp.context_processor
def _helpers() -> dict[str, Any]:
    from .pages import show

    return {"show": show}


from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
