"""The accreditation-body list kept in the database, and the registry scoring uses."""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa

from parsers.accreditation import AccreditationBody, AccreditationRegistry

from .. import audit, jobs
from ..extensions import db
from ..models import AccreditationBodyRecord, User
from ..unit_of_work import atomic
from .operations import AdminError


def list_bodies() -> list[AccreditationBodyRecord]:
    """Return every stored body, by acronym."""
    query = sa.select(AccreditationBodyRecord).order_by(AccreditationBodyRecord.acronym)
    return list(db.session.scalars(query))


def registry_from_db() -> AccreditationRegistry:
    """Return the registry built from the stored list (the shipped list while none is stored)."""
    rows = db.session.execute(sa.select(AccreditationBodyRecord.acronym, AccreditationBodyRecord.name,
                                        AccreditationBodyRecord.country, AccreditationBodyRecord.aliases)
                              .order_by(AccreditationBodyRecord.acronym)).all()
    if not rows:
        return AccreditationRegistry.default()
    return _registry(tuple(AccreditationBody(a, n, c or "", tuple(x for x in (al or ()) if x))
                           for a, n, c, al in rows))


@lru_cache(maxsize=4)
def _registry(bodies: tuple[AccreditationBody, ...]) -> AccreditationRegistry:
    """Build a registry once per distinct list (building one compiles every body's patterns)."""
    return AccreditationRegistry(bodies)


def _to_body(record: AccreditationBodyRecord) -> AccreditationBody:
    return AccreditationBody(record.acronym, record.name, record.country, tuple(record.aliases or ()))


def seed_accreditation_bodies(actor: User | None = None) -> int:
    """Store the shipped IAF MLA list when the table is empty; return how many were added."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(AccreditationBodyRecord)):
        return 0
    bodies = AccreditationRegistry.default().bodies
    for body in bodies:
        db.session.add(_to_record(body))
    db.session.flush()
    audit.record(actor, "accreditation.seeded", None, count=len(bodies))
    return len(bodies)


def _to_record(body: AccreditationBody) -> AccreditationBodyRecord:
    return AccreditationBodyRecord(acronym=body.acronym, name=body.name, country=body.country,
                                   aliases=list(body.aliases))


@atomic
def add_body(actor: User, acronym: str, name: str, country: str,
             aliases: list[str]) -> AccreditationBodyRecord:
    """Add one accreditation body (acronyms are unique)."""
    acronym, name, country = acronym.strip(), " ".join(name.split()), country.strip()
    if not (acronym and name and country):
        raise AdminError("Acronym, name and country are all needed.")
    if _find(acronym) is not None:
        raise AdminError(f"{acronym} is already on the list.")
    if not list_bodies():  # the first edit starts from the shipped list, not from nothing
        seed_accreditation_bodies(actor)
    record = AccreditationBodyRecord(acronym=acronym, name=name, country=country,
                                     aliases=[a.strip() for a in aliases if a.strip()])
    db.session.add(record)
    db.session.flush()
    audit.record(actor, "accreditation.added", record, acronym=acronym, name=name)
    settings_changed()
    return record


def _find(acronym: str) -> AccreditationBodyRecord | None:
    query = sa.select(AccreditationBodyRecord).where(
        sa.func.lower(AccreditationBodyRecord.acronym) == acronym.strip().lower())
    return db.session.scalar(query)


@atomic
def import_csv(actor: User, text: str, replace: bool = False) -> tuple[int, int, int]:
    """Merge (or with `replace`, substitute) bodies from CSV; return (added, updated, removed)."""
    try:
        bodies = AccreditationRegistry.from_csv(text).bodies
    except ValueError as err:
        raise AdminError(f"The CSV could not be read: {err}") from None
    seed_accreditation_bodies(actor)
    added = updated = 0
    for body in bodies:
        record = _find(body.acronym)
        if record is None:
            db.session.add(_to_record(body))
            added += 1
        else:
            record.name, record.country, record.aliases = body.name, body.country, list(body.aliases)
            updated += 1
    removed = _remove_others({b.acronym.lower() for b in bodies}) if replace else 0
    db.session.flush()
    audit.record(actor, "accreditation.imported", None, added=added, updated=updated, removed=removed,
                 replace=replace)
    settings_changed()
    return added, updated, removed


def settings_changed() -> None:
    """Re-score every assessment against the new list, by a job once this change commits."""
    jobs.enqueue("rescore_for_settings")


def _remove_others(keep: set[str]) -> int:
    stale = [r for r in list_bodies() if r.acronym.lower() not in keep]
    for record in stale:
        db.session.delete(record)
    return len(stale)


def export_csv() -> str:
    """Return the current list as CSV (the import format)."""
    return registry_from_db().to_csv()
