"""The truth of a generated document, in SCHEMA.md's extraction shape, taken from the choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass
class CertTruth:
    """What a certificate states, field by field (SCHEMA.md §1 certificate)."""

    holder: str
    certificate_number: str
    certification_body: str
    scope: str
    standard: str = "ISO/IEC 42001:2023"
    certified: bool = True
    accreditation_body: str | None = None
    initial_certification_date: dt.date | None = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    surveillance_dates: list[dt.date] = field(default_factory=list)
    next_audit_due: dt.date | None = None
    sites: list[str] = field(default_factory=list)
    soa_version: str | None = None
    soa_date: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md certificate object."""
        cited = self.soa_version is not None or self.soa_date is not None
        return {
            "kind": "certificate",
            "standard": self.standard,
            "certified": self.certified,
            "holder": self.holder,
            "certificate_number": self.certificate_number,
            "certification_body": self.certification_body,
            "accreditation_body": self.accreditation_body,
            "initial_certification_date": _iso(self.initial_certification_date),
            "issue_date": _iso(self.issue_date),
            "expiry_date": _iso(self.expiry_date),
            "surveillance_dates": [d.isoformat() for d in sorted(self.surveillance_dates)],
            "next_audit_due": _iso(self.next_audit_due),
            "scope": self.scope,
            "sites": list(self.sites),
            "soa_reference": {"version": self.soa_version, "date": _iso(self.soa_date)} if cited else None,
        }


@dataclass(frozen=True)
class ControlTruth:
    """One Annex A control as the SoA lists it."""

    id: str
    applicable: bool
    justification: str | None

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md control object."""
        return {"id": self.id, "applicable": self.applicable, "justification": self.justification}


@dataclass
class SoaTruth:
    """What a Statement of Applicability states (SCHEMA.md §1 soa)."""

    holder: str | None
    version: str | None
    date: dt.date | None
    controls: list[ControlTruth]

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md SoA object."""
        return {
            "kind": "soa",
            "holder": self.holder,
            "version": self.version,
            "date": _iso(self.date),
            "controls": [c.to_json() for c in self.controls],
        }
