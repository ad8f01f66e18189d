"""Readable text summaries for the command line."""

from __future__ import annotations

from pathlib import Path

from parsers import Extraction


def format_extraction(path: Path, result: Extraction) -> str:
    """Return a human-readable summary of one extraction."""
    data = result.schema_json()
    lines = [f"{path}: {data['kind']}{' (OCR)' if result.ocr else ''}"]
    for key, value in data.items():
        if key in ("kind", "controls"):
            continue
        if isinstance(value, list):
            value = "; ".join(map(str, value)) if value else "—"
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items() if v)
        lines.append(f"  {key.replace('_', ' '):<28} {value if value not in (None, '') else '—'}")
    controls = data.get("controls") or []
    if controls:
        excluded = [c["id"] for c in controls if not c["applicable"]]
        lines.append(f"  {'controls':<28} {len(controls)} listed, {len(excluded)} not applicable"
                     + (f": {', '.join(excluded)}" if excluded else ""))
    return "\n".join(lines)
