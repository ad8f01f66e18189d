"""Resolve questionnaire templates by key and version: shipped files first, else buyers' rows.

Shipped keys and buyers' keys never overlap (a copy cannot take a shipped key), so a key alone
says where its versions live. Stored versions are immutable rows (key + version unique).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa
from flask import g, has_app_context

import questionnaires
from questionnaires import QuestionnaireError, Template

from ..extensions import db
from ..models import QuestionnaireTemplateRecord as Record


@cache
def shipped_keys() -> frozenset[str]:
    """Return the keys of the templates shipped with certscope."""
    return frozenset(questionnaires.default_library().template_keys())


def is_shipped(key: str) -> bool:
    """Say whether `key` names a shipped template (files) rather than a buyer's own (database)."""
    return key in shipped_keys()


def version_numbers(key: str) -> list[int]:
    """Return the stored versions of a buyer's template, oldest first."""
    rows = db.session.scalars(sa.select(Record.version).where(Record.key == key))
    return sorted(int(v) for v in rows)


def record(key: str, version: int | str | None = None) -> Record | None:
    """Return the row of `key` at `version` (the latest when None), or None."""
    if version is None:
        versions = version_numbers(key)
        if not versions:
            return None
        version = versions[-1]
    return db.session.scalar(sa.select(Record).where(Record.key == key, Record.version == str(version)))


def template_of(row: Record) -> Template:
    """Return the checked template a stored row holds."""
    return questionnaires.template_from_dict(row.body, f"{row.key}@{row.version}")


def load_org_template(key: str, version: Any = None) -> Template:
    """Return a buyer's template from the database (an exact version is cached per app context)."""
    cache_ = _context_cache()
    wanted = (key, str(version)) if version is not None else None
    if wanted and wanted in cache_:
        return cache_[wanted]
    row = record(key, version)
    if row is None:
        raise QuestionnaireError(f"no questionnaire template '{key}'" +
                                 (f" version {version}" if version is not None else ""))
    template = template_of(row)
    cache_[(key, row.version)] = template
    return template


def _context_cache() -> dict[tuple[str, str], Template]:
    """Return a cache living as long as the app context: one request or one CLI run, one database."""
    if not has_app_context():
        return {}
    found: dict[tuple[str, str], Template] = g.setdefault("_org_questionnaire_templates", {})
    return found


def latest_of_org(organisation_id: int) -> list[Record]:
    """Return the latest version of each template owned by an organisation, by title."""
    rows = db.session.scalars(sa.select(Record).where(Record.organisation_id == organisation_id)).all()
    latest: dict[str, Record] = {}
    for row in rows:
        if row.key not in latest or int(row.version) > int(latest[row.key].version):
            latest[row.key] = row
    return sorted(latest.values(), key=lambda r: (r.title.lower(), r.key))


def key_taken(key: str) -> bool:
    """Say whether a key is already used by a shipped template or any organisation's template."""
    used = db.session.scalar(sa.select(Record.id).where(Record.key == key).limit(1))
    return is_shipped(key) or used is not None
