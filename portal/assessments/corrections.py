"""Supplier corrections of misread fields: which fields, how values are checked, how they apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parsers import CertificateExtraction, Extraction, SoaExtraction, extraction_from_json

from .control_corrections import (
    control_id_of,
    control_label,
    control_text,
    overlay_controls,
    split_corrections,
)

# field -> value type; lists are entered one item per line
CERTIFICATE_FIELDS: dict[str, str] = {
    "standard": "text", "certified": "bool", "holder": "text", "certificate_number": "text",
    "certification_body": "text", "accreditation_body": "text",
    "initial_certification_date": "date", "issue_date": "date", "expiry_date": "date",
    "surveillance_dates": "dates", "next_audit_due": "date", "scope": "text", "sites": "lines",
}
SOA_FIELDS: dict[str, str] = {"holder": "text", "version": "text", "date": "date"}
FIELD_LABELS = {
    "standard": "Standard", "certified": "Certified (not only 'aligned')", "holder": "Holder",
    "certificate_number": "Certificate number", "certification_body": "Certification body",
    "accreditation_body": "Accreditation body", "initial_certification_date": "Initial certification",
    "issue_date": "Issue date", "expiry_date": "Expiry date", "surveillance_dates": "Surveillance audits",
    "next_audit_due": "Next audit due", "scope": "Scope", "sites": "Sites", "version": "Version",
    "date": "Date",
}


@dataclass(frozen=True)
class FieldCorrection:
    """The latest supplier value for one field (JSON-ready), as it will be applied."""

    field: str
    value: Any


def correctable_fields(kind: str) -> dict[str, str]:
    """Return the fields a supplier may correct on a document of this kind."""
    return CERTIFICATE_FIELDS if kind == "certificate" else SOA_FIELDS if kind == "soa" else {}


def coerce_value(kind: str, field: str, raw: str) -> Any:
    """Turn the supplier's text into the field's JSON value; ValueError names what is wrong."""
    fields = correctable_fields(kind)
    if field not in fields:
        raise ValueError(f"'{field}' cannot be corrected on this document.")
    text = " ".join(raw.split()) if fields[field] != "lines" and fields[field] != "dates" else raw
    return _COERCE[fields[field]](text)


def _text(value: str) -> str | None:
    return value or None


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("yes", "true", "y"):
        return True
    if lowered in ("no", "false", "n"):
        return False
    raise ValueError("Answer yes or no.")


def _date(value: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError("Give the date as YYYY-MM-DD.") from None


def _lines(value: str) -> list[str]:
    return [" ".join(line.split()) for line in value.splitlines() if line.strip()]


def _dates(value: str) -> list[str]:
    return sorted(d for d in (_date(line) for line in _lines(value)) if d)


_COERCE = {"text": _text, "bool": _bool, "date": _date, "lines": _lines, "dates": _dates}


def display_value(value: Any) -> str:
    """Render a JSON field value for a text input (lists one per line)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def display_text(value: Any) -> str:
    """Render a JSON field value for reading on a page or in a PDF (lists joined by '; ')."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return display_value(value)


def latest_corrections(rows: Iterable[Any]) -> dict[str, Any]:
    """Return field -> corrected JSON value, the newest correction of each field winning."""
    latest: dict[str, Any] = {}
    for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
        latest[row.field] = row.corrected_value
    return latest


def apply_corrections(extraction_json: dict[str, Any], corrected: dict[str, Any]) -> dict[str, Any]:
    """Return the effective extraction JSON: machine values overlaid with the supplier's."""
    # shallow copies suffice: only top-level keys and evidence entries are replaced, never mutated
    data = dict(extraction_json)
    evidence = data["evidence"] = dict(data.get("evidence") or {})
    fields, controls = split_corrections(corrected)
    for field, value in fields.items():
        data[field] = value
        # the machine's location no longer shows this value; the supplier is the source now
        evidence[field] = []
    if controls:
        overlay_controls(data, controls)
    return data


def field_label(field: str) -> str:
    """Return the reader's name of a corrected field (a control: its id and Annex A title)."""
    cid = control_id_of(field)
    return f"Control {control_label(cid)}" if cid else FIELD_LABELS.get(field, field)


def correction_text(field: str, value: Any) -> str:
    """Render a machine or corrected value of a field for reading."""
    return control_text(value) if control_id_of(field) else display_text(value)


def effective_extraction(extraction_json: dict[str, Any] | None, role: str,
                         corrected: dict[str, Any]) -> Extraction:
    """Rebuild the extraction a scoring run uses for a document in `role`, corrections applied."""
    data = dict(extraction_json or {})
    if data.get("kind") != role and role in ("certificate", "soa"):
        # a document offered as certificate that could not be read as one still gets scored,
        # as an empty one (so the flags say what is missing), and may be completed by correction
        data = {"kind": role}
    merged = apply_corrections(data, corrected)
    if role == "certificate":
        return CertificateExtraction.from_json(merged)
    if role == "soa":
        return SoaExtraction.from_json(merged)
    return extraction_from_json(merged)
