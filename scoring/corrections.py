"""Supplier corrections of misread fields and SoA controls: which ones, how they are checked and applied.

Pure: a document's corrections come in as field -> JSON value (the newest of each field, as the portal
stores them); a control's correction is the field "controls.<id>" with {"applicable", "justification"},
or None for "not listed in the SoA". Every reader (scoring, pages, renewals, the legal summary) gets
the effective extraction from `effective_extraction`, so all see the same corrected values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from parsers.controls import ANNEX_A
from parsers.model import (
    FIELDS,
    CertificateExtraction,
    Extraction,
    FieldSpec,
    SoaExtraction,
    extraction_from_json,
)

CONTROL_PREFIX = "controls."
CONTROL_STATES = {"applicable": "Applicable", "not_applicable": "Not applicable",
                  "not_listed": "Not listed in the SoA"}
_RANK = {cid: i for i, cid in enumerate(ANNEX_A)}
Corrected = Mapping[str, Any]


def correctable_fields(kind: str) -> dict[str, FieldSpec]:
    """Return name -> spec of the fields a supplier may correct on a document of this kind."""
    return {f.name: f for f in FIELDS.get(kind, ()) if f.value_type in _COERCE}


def coerce_value(kind: str, field: str, raw: str) -> Any:
    """Turn the supplier's text into the field's JSON value; ValueError names what is wrong."""
    spec = correctable_fields(kind).get(field)
    if spec is None:
        raise ValueError(f"'{field}' cannot be corrected on this document.")
    text = raw if spec.value_type in ("lines", "dates") else " ".join(raw.split())
    return _COERCE[spec.value_type](text)


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


_COERCE: dict[str, Callable[[str], Any]] = {"text": _text, "bool": _bool, "date": _date, "lines": _lines,
                                            "dates": _dates}


def control_field(control_id: str) -> str:
    """Return the correction field that holds corrections of this control."""
    return CONTROL_PREFIX + control_id


def control_id_of(field: str) -> str | None:
    """Return the control id a correction field stands for, or None for an ordinary field."""
    return field[len(CONTROL_PREFIX):] if field.startswith(CONTROL_PREFIX) else None


def control_label(control_id: str) -> str:
    """Return a control's id with its Annex A title."""
    title = ANNEX_A.get(control_id)
    return f"{control_id} {title}" if title else control_id


def coerce_control(control_id: str, state: str, justification: str | None) -> dict[str, Any] | None:
    """Return the JSON value of a control correction; ValueError says what is wrong."""
    if control_id not in ANNEX_A:
        raise ValueError(f"'{control_id}' is not an Annex A control of ISO/IEC 42001.")
    if state not in CONTROL_STATES:
        raise ValueError("Say whether the control is applicable, not applicable or not listed.")
    if state == "not_listed":
        return None
    text = " ".join((justification or "").split())
    return {"applicable": state == "applicable", "justification": text or None}


def machine_control(extraction_json: Mapping[str, Any] | None, control_id: str) -> dict[str, Any] | None:
    """Return what the parser read for a control (None when it did not list it)."""
    for row in (extraction_json or {}).get("controls") or []:
        if row.get("id") == control_id:
            return {"applicable": bool(row.get("applicable")), "justification": row.get("justification")}
    return None


def split_corrections(corrected: Corrected) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split field -> value into (ordinary fields, control id -> control value)."""
    fields: dict[str, Any] = {}
    controls: dict[str, Any] = {}
    for field, value in corrected.items():
        cid = control_id_of(field)
        if cid is None:
            fields[field] = value
        else:
            controls[cid] = value
    return fields, controls


def apply_corrections(extraction_json: Mapping[str, Any], corrected: Corrected) -> dict[str, Any]:
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


def overlay_controls(data: dict[str, Any], corrected: Corrected) -> None:
    """Replace data["controls"] (and their aligned evidence) with the corrected controls, in place."""
    rows = list(data.get("controls") or [])
    evidence = data.setdefault("evidence", {})
    row_evidence = list(evidence.get("controls") or [])
    pairs = [(row, row_evidence[i] if i < len(row_evidence) else None) for i, row in enumerate(rows)]
    for cid, value in corrected.items():
        pairs = _set_control(pairs, cid, value)
    data["controls"] = [row for row, _ in pairs]
    evidence["controls"] = [ev for _, ev in pairs]


_Pair = tuple[dict[str, Any], Any]  # a control row and its evidence


def _set_control(pairs: list[_Pair], cid: str, value: dict[str, Any] | None) -> list[_Pair]:
    if value is None:  # "not listed": the parser invented the row
        return [p for p in pairs if p[0].get("id") != cid]
    # the machine's row location no longer shows this value; the supplier is the source now
    row = ({"id": cid, "applicable": bool(value.get("applicable")),
            "justification": value.get("justification")}, None)
    if any(p[0].get("id") == cid for p in pairs):
        return [row if p[0].get("id") == cid else p for p in pairs]
    return _insert_in_annex_order(pairs, row)


def _insert_in_annex_order(pairs: list[_Pair], row: _Pair) -> list[_Pair]:
    """Insert a control the parser missed after the last listed control that precedes it in Annex A."""
    rank = _RANK.get(row[0]["id"], len(_RANK))
    before = [i for i, p in enumerate(pairs) if _RANK.get(str(p[0].get("id")), len(_RANK)) < rank]
    at = before[-1] + 1 if before else 0
    return [*pairs[:at], row, *pairs[at:]]


def _as_role(extraction_json: Mapping[str, Any] | None, role: str) -> Mapping[str, Any]:
    data = extraction_json or {}
    # a document offered as a certificate that could not be read as one is still scored, as an
    # empty one (so the flags say what is missing), and may be completed by correction
    return data if data.get("kind") == role else {"kind": role}


def effective_certificate(extraction_json: Mapping[str, Any] | None,
                          corrected: Corrected) -> CertificateExtraction:
    """Return the certificate a scoring run uses: the machine's reading with the supplier's corrections."""
    merged = apply_corrections(_as_role(extraction_json, "certificate"), corrected)
    return CertificateExtraction.from_json(merged)


def effective_soa(extraction_json: Mapping[str, Any] | None, corrected: Corrected) -> SoaExtraction:
    """Return the SoA a scoring run uses: the machine's reading with the supplier's corrections."""
    return SoaExtraction.from_json(apply_corrections(_as_role(extraction_json, "soa"), corrected))


def effective_extraction(extraction_json: Mapping[str, Any] | None, role: str,
                         corrected: Corrected) -> Extraction:
    """Return the extraction of a document in `role` with the supplier's corrections applied."""
    if role == "certificate":
        return effective_certificate(extraction_json, corrected)
    if role == "soa":
        return effective_soa(extraction_json, corrected)
    return extraction_from_json(apply_corrections(extraction_json or {}, corrected))


def field_label(kind: str, field: str) -> str:
    """Return the reader's name of a corrected field (a control: its id and Annex A title)."""
    cid = control_id_of(field)
    if cid:
        return f"Control {control_label(cid)}"
    spec = correctable_fields(kind).get(field)
    return spec.label if spec else field


def display_value(value: Any) -> str:
    """Render a JSON field value for a text input (lists one per line)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def display_text(value: Any, separator: str = "; ") -> str:
    """Render a JSON field value for reading on a page or in a PDF (lists joined by `separator`)."""
    if isinstance(value, list):
        return separator.join(str(v) for v in value)
    return display_value(value)


def control_text(value: Any) -> str:
    """Render a control value for reading: applicability, then the justification."""
    if not isinstance(value, dict):
        return "not listed"
    state = "applicable" if value.get("applicable") else "not applicable"
    return f"{state} — {value['justification']}" if value.get("justification") else state


def correction_text(field: str, value: Any) -> str:
    """Render a machine or corrected value of a field for reading."""
    return control_text(value) if control_id_of(field) else display_text(value)
