"""Request-edge helpers shared by the assessment views (config, dates, form choices)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from flask import current_app, url_for

from ..models import utcnow

TEMPLATE_CHOICES_FALLBACK = [("iso42001-supplier", "ISO/IEC 42001 supplier assessment")]


def today() -> dt.date:
    """Return the assessment date: today (UTC), or the configured TODAY (demo and tests)."""
    fixed = current_app.config.get("TODAY")
    if isinstance(fixed, dt.date):
        return fixed
    return dt.date.fromisoformat(fixed) if fixed else utcnow().date()


def storage_root() -> Path:
    """Return the content-addressed storage folder."""
    return Path(current_app.config["STORAGE_DIR"])


def upload_limit() -> int:
    """Return the largest accepted upload, in bytes."""
    return int(current_app.config.get("UPLOAD_MAX_BYTES") or 20 * 1024 * 1024)


def template_choices(organisation_id: int | None = None) -> list[tuple[str, str]]:
    """Return (key, title) of the templates a buyer can choose: shipped ones, then the organisation's own."""
    import questionnaires

    from ..questionnaire_templates.store import latest_of_org

    listing = questionnaires.available()
    shipped = [(_key(t), _title(t)) for t in listing] or TEMPLATE_CHOICES_FALLBACK
    own = latest_of_org(organisation_id) if organisation_id is not None else []
    return shipped + [(r.key, f"{r.title} (your organisation, version {r.version})") for r in own]


def _key(t: Any) -> str:
    return str(t[0] if isinstance(t, tuple) else getattr(t, "key", t))


def _title(t: Any) -> str:
    return str(t[1] if isinstance(t, tuple) else getattr(t, "title", _key(t)))


def invitation_link(token: str) -> str:
    """Return the absolute link a supplier opens to accept an invitation."""
    return url_for("auth.accept_invitation", token=token, _external=True)


def split_lines(text: str | None) -> list[str]:
    """Return the non-blank lines of a textarea, whitespace collapsed, duplicates dropped."""
    seen: list[str] = []
    for line in (text or "").splitlines():
        item = " ".join(line.split())
        if item and item not in seen:
            seen.append(item)
    return seen
