"""INSERT … ON CONFLICT DO NOTHING on PostgreSQL and SQLite: rows another request may insert too."""

from __future__ import annotations

from typing import Any

import sqlalchemy.dialects.postgresql
import sqlalchemy.dialects.sqlite

from .extensions import db


def insert_ignoring_conflicts(model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` into `model`'s table, skipping any whose key is already there (also concurrently)."""
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        module = sqlalchemy.dialects.postgresql if dialect == "postgresql" else sqlalchemy.dialects.sqlite
        db.session.execute(module.insert(model).values(rows).on_conflict_do_nothing())
        return
    for row in rows:  # other databases: check first (no concurrent guarantee; not shipped)
        if db.session.get(model, _key(model, row)) is None:
            db.session.add(model(**row))


def _key(model: Any, row: dict[str, Any]) -> Any:
    keys = [row[column.key] for column in model.__table__.primary_key.columns]
    return keys[0] if len(keys) == 1 else tuple(keys)
