"""Legal: the risk summary of one assessment (HTML and PDF) and the portfolio export (CSV, XLSX)."""

from typing import Any

from flask import Blueprint

bp = Blueprint("legal", __name__, url_prefix="/legal")


@bp.app_template_filter("legal_value")
def legal_value(value: Any) -> str:
    """Render an extracted value for reading (lists joined, booleans as yes/no, blanks as a dash)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@bp.context_processor
def _helpers() -> dict[str, Any]:
    from .summary_pdf import CERT_ROWS

    return {"cert_rows": CERT_ROWS}


from . import routes  # noqa: E402,F401  (routes attach themselves to `bp`)
