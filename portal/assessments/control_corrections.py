"""Supplier corrections of one SoA control: its applicability and justification, or that it is not listed."""

from __future__ import annotations

from typing import Any

from parsers.controls import ANNEX_A

# a control correction is stored as a Correction of the field "controls.<id>"; its values are
# {"applicable": bool, "justification": str | None}, or None for "not listed in the SoA"
PREFIX = "controls."
STATES = {"applicable": "Applicable", "not_applicable": "Not applicable",
          "not_listed": "Not listed in the SoA"}
_RANK = {cid: i for i, cid in enumerate(ANNEX_A)}


def control_field(control_id: str) -> str:
    """Return the Correction.field that holds corrections of this control."""
    return PREFIX + control_id


def control_id_of(field: str) -> str | None:
    """Return the control id a Correction.field stands for, or None for an ordinary field."""
    return field[len(PREFIX):] if field.startswith(PREFIX) else None


def control_label(control_id: str) -> str:
    """Return a control's id with its Annex A title."""
    title = ANNEX_A.get(control_id)
    return f"{control_id} {title}" if title else control_id


def coerce_control(control_id: str, state: str, justification: str | None) -> dict[str, Any] | None:
    """Return the JSON value of a control correction; ValueError says what is wrong."""
    if control_id not in ANNEX_A:
        raise ValueError(f"'{control_id}' is not an Annex A control of ISO/IEC 42001.")
    if state not in STATES:
        raise ValueError("Say whether the control is applicable, not applicable or not listed.")
    if state == "not_listed":
        return None
    text = " ".join((justification or "").split())
    return {"applicable": state == "applicable", "justification": text or None}


def machine_control(extraction_json: dict[str, Any] | None, control_id: str) -> dict[str, Any] | None:
    """Return what the parser read for a control (None when it did not list it)."""
    for row in (extraction_json or {}).get("controls") or []:
        if row.get("id") == control_id:
            return {"applicable": bool(row.get("applicable")), "justification": row.get("justification")}
    return None


def control_text(value: Any) -> str:
    """Render a control value for reading: applicability, then the justification."""
    if not isinstance(value, dict):
        return "not listed"
    state = "applicable" if value.get("applicable") else "not applicable"
    return f"{state} — {value['justification']}" if value.get("justification") else state


def split_corrections(corrected: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
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


def overlay_controls(data: dict[str, Any], corrected: dict[str, Any]) -> None:
    """Replace data["controls"] (and their aligned evidence) with the corrected controls, in place."""
    rows = list(data.get("controls") or [])
    evidence = data.setdefault("evidence", {})
    row_evidence = list(evidence.get("controls") or [])
    pairs = [(row, row_evidence[i] if i < len(row_evidence) else None) for i, row in enumerate(rows)]
    for cid, value in corrected.items():
        pairs = _set_control(pairs, cid, value)
    data["controls"] = [row for row, _ in pairs]
    evidence["controls"] = [ev for _, ev in pairs]


def _set_control(pairs: list[tuple[dict[str, Any], Any]], cid: str,
                 value: dict[str, Any] | None) -> list[tuple[dict[str, Any], Any]]:
    if value is None:  # "not listed": the parser invented the row
        return [p for p in pairs if p[0].get("id") != cid]
    # the machine's row location no longer shows this value; the supplier is the source now
    row = ({"id": cid, "applicable": bool(value.get("applicable")),
            "justification": value.get("justification")}, None)
    if any(p[0].get("id") == cid for p in pairs):
        return [row if p[0].get("id") == cid else p for p in pairs]
    return _insert_in_annex_order(pairs, row)


def _insert_in_annex_order(pairs: list[tuple[dict[str, Any], Any]],
                           row: tuple[dict[str, Any], Any]) -> list[tuple[dict[str, Any], Any]]:
    """Insert a control the parser missed after the last listed control that precedes it in Annex A."""
    rank = _RANK.get(row[0]["id"], len(_RANK))
    before = [i for i, p in enumerate(pairs) if _RANK.get(str(p[0].get("id")), len(_RANK)) < rank]
    at = before[-1] + 1 if before else 0
    return [*pairs[:at], row, *pairs[at:]]
