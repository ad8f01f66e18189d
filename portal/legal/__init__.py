"""Legal: the risk summary of one assessment (HTML and PDF) and the portfolio export (CSV, XLSX)."""

from typing import Any

from flask import Blueprint

from scoring.corrections import display_text

bp = Blueprint("legal", __name__, url_prefix="/legal")


@bp.app_template_filter("legal_value")
def legal_value(value: Any) -> str:
    """Render an extracted value for reading (lists joined, booleans as yes/no, blanks as a dash)."""
    return display_text(value, ", ") or "—"


from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
