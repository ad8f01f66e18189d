"""Extraction results: SCHEMA.md section 1 shapes, plus where each value was read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: 1-based page, the exact text it came from, its box."""

    page: int
    text: str
    bbox: BBox | None = None

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        box = [round(v, 1) for v in self.bbox] if self.bbox else None
        return {"page": self.page, "text": self.text, "bbox": box}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        """Build from `to_json` output."""
        box = data.get("bbox")
        bbox: BBox | None = (float(box[0]), float(box[1]), float(box[2]), float(box[3])) if box else None
        return cls(int(data["page"]), str(data["text"]), bbox)


EvidenceMap = dict[str, list[Evidence]]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class SoaReference:
    """The Statement of Applicability a certificate cites."""

    version: str | None = None
    date: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md shape."""
        return {"version": self.version, "date": _iso(self.date)}


@dataclass
class _Base:
    kind: ClassVar[str] = "unknown"
    evidence: EvidenceMap = field(default_factory=dict, kw_only=True)
    page_texts: list[str] = field(default_factory=list, kw_only=True)
    ocr: bool = field(default=False, kw_only=True)
    ocr_pages: list[int] = field(default_factory=list, kw_only=True)  # 1-based pages read by OCR

    def quote(self, name: str) -> Evidence | None:
        """Return the first evidence recorded for field `name`."""
        found = self.evidence.get(name)
        return found[0] if found else None

    def _extra_json(self) -> dict[str, Any]:
        # Page texts travel with stored extractions so later re-scoring can still quote
        # sentences that are narrower than a field (e.g. an exclusion inside the scope).
        return {
            "ocr": self.ocr,
            "ocr_pages": list(self.ocr_pages),
            "evidence": {k: [e.to_json() for e in v] for k, v in self.evidence.items()},
            "page_texts": list(self.page_texts),
        }


@dataclass
class CertificateExtraction(_Base):
    """Everything SCHEMA.md section 1 asks of a certificate."""

    kind: ClassVar[str] = "certificate"
    standard: str | None = None
    certified: bool | None = None
    holder: str | None = None
    certificate_number: str | None = None
    certification_body: str | None = None
    accreditation_body: str | None = None
    initial_certification_date: dt.date | None = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    surveillance_dates: list[dt.date] = field(default_factory=list)
    next_audit_due: dt.date | None = None
    scope: str | None = None
    sites: list[str] = field(default_factory=list)
    soa_reference: SoaReference | None = None
    # Readings that lost to the chosen value (or tied, leaving the field null), per field: what another
    # document (the SoA) can settle later. JSON-ready: {"value", "support", "how", "evidence"}.
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict, kw_only=True)

    def schema_json(self) -> dict[str, Any]:
        """Return exactly the SCHEMA.md certificate object."""
        return {
            "kind": self.kind,
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
            "soa_reference": self.soa_reference.to_json() if self.soa_reference else None,
        }

    def to_json(self) -> dict[str, Any]:
        """Return the schema object plus provenance under extra keys."""
        return {**self.schema_json(), **self._extra_json(), "alternatives": dict(self.alternatives)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CertificateExtraction:
        """Build from SCHEMA.md JSON (e.g. a corpus label or a stored extraction)."""
        ref = data.get("soa_reference")
        return cls(
            standard=data.get("standard"),
            certified=data.get("certified"),
            holder=data.get("holder"),
            certificate_number=data.get("certificate_number"),
            certification_body=data.get("certification_body"),
            accreditation_body=data.get("accreditation_body"),
            initial_certification_date=_date(data.get("initial_certification_date")),
            issue_date=_date(data.get("issue_date")),
            expiry_date=_date(data.get("expiry_date")),
            surveillance_dates=[dt.date.fromisoformat(d) for d in data.get("surveillance_dates") or []],
            next_audit_due=_date(data.get("next_audit_due")),
            scope=data.get("scope"),
            sites=list(data.get("sites") or []),
            soa_reference=SoaReference(ref.get("version"), _date(ref.get("date"))) if ref else None,
            evidence=_evidence_from_json(data.get("evidence")),
            page_texts=list(data.get("page_texts") or []),
            ocr=bool(data.get("ocr", False)),
            ocr_pages=[int(n) for n in data.get("ocr_pages") or []],
            alternatives=dict(data.get("alternatives") or {}),
        )


@dataclass
class Control:
    """One Annex A control row of a Statement of Applicability."""

    id: str
    applicable: bool
    justification: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md control shape."""
        return {"id": self.id, "applicable": self.applicable, "justification": self.justification}


@dataclass
class SoaExtraction(_Base):
    """Everything SCHEMA.md section 1 asks of a Statement of Applicability."""

    kind: ClassVar[str] = "soa"
    holder: str | None = None
    version: str | None = None
    date: dt.date | None = None
    controls: list[Control] = field(default_factory=list)

    def schema_json(self) -> dict[str, Any]:
        """Return exactly the SCHEMA.md SoA object."""
        return {
            "kind": self.kind,
            "holder": self.holder,
            "version": self.version,
            "date": _iso(self.date),
            "controls": [c.to_json() for c in self.controls],
        }

    def to_json(self) -> dict[str, Any]:
        """Return the schema object plus provenance under extra keys."""
        data = {**self.schema_json(), **self._extra_json()}
        data["evidence"]["controls"] = [c.evidence.to_json() if c.evidence else None for c in self.controls]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SoaExtraction:
        """Build from SCHEMA.md JSON."""
        raw_evidence = dict(data.get("evidence") or {})
        control_evidence = raw_evidence.pop("controls", None) or []
        controls = []
        for i, c in enumerate(data.get("controls") or []):
            ev = control_evidence[i] if i < len(control_evidence) and control_evidence[i] else None
            controls.append(Control(c["id"], bool(c["applicable"]), c.get("justification"),
                                    Evidence.from_json(ev) if ev else None))
        return cls(
            holder=data.get("holder"),
            version=data.get("version"),
            date=_date(data.get("date")),
            controls=controls,
            evidence=_evidence_from_json(raw_evidence),
            page_texts=list(data.get("page_texts") or []),
            ocr=bool(data.get("ocr", False)),
            ocr_pages=[int(n) for n in data.get("ocr_pages") or []],
        )


@dataclass
class UnknownExtraction(_Base):
    """A readable PDF that is neither a certificate nor an SoA."""

    kind: ClassVar[str] = "unknown"
    title: str | None = None

    def schema_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md 'anything else' shape."""
        return {"kind": self.kind, "title": self.title, "pages": len(self.page_texts)}

    def to_json(self) -> dict[str, Any]:
        """Return the schema object plus provenance."""
        return {**self.schema_json(), **self._extra_json()}


Extraction = CertificateExtraction | SoaExtraction | UnknownExtraction
Kind = Literal["certificate", "soa", "unknown"]


def extraction_from_json(data: dict[str, Any]) -> Extraction:
    """Rebuild any extraction from its JSON."""
    kind = data.get("kind")
    if kind == "certificate":
        return CertificateExtraction.from_json(data)
    if kind == "soa":
        return SoaExtraction.from_json(data)
    return UnknownExtraction(title=data.get("title"), page_texts=list(data.get("page_texts") or []),
                             ocr=bool(data.get("ocr", False)),
                             ocr_pages=[int(n) for n in data.get("ocr_pages") or []])


def _evidence_from_json(data: Any) -> EvidenceMap:
    if not isinstance(data, dict):
        return {}
    return {k: [Evidence.from_json(e) for e in v] for k, v in data.items() if isinstance(v, list)}


# The SCHEMA.md fields of each kind, defined once: the portal's pages, corrections, renewal diffs and
# legal summary, and the scoring rules' "looked for" evidence, all read their names and labels here.
ValueType = Literal["text", "bool", "date", "dates", "lines", "reference", "controls"]


@dataclass(frozen=True)
class FieldSpec:
    """One SCHEMA.md field: its name, a label for people, its value's type, and what it is."""

    name: str
    label: str
    value_type: ValueType
    description: str


CERTIFICATE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("standard", "Standard", "text", "the standard certified against (ISO/IEC 42001)"),
    FieldSpec("certified", "Certified (not only 'aligned')", "bool",
              "wording that certifies (rather than claims alignment)"),
    FieldSpec("holder", "Holder", "text", "the certificate holder (the certified organisation)"),
    FieldSpec("certificate_number", "Certificate number", "text",
              "the certificate number ('Certificate No.', 'Registration number', ...)"),
    FieldSpec("certification_body", "Certification body", "text",
              "the certification body that issued the certificate"),
    FieldSpec("accreditation_body", "Accreditation body", "text", "an accreditation body or mark"),
    FieldSpec("initial_certification_date", "Initial certification", "date",
              "the date of initial certification"),
    FieldSpec("issue_date", "Issue date", "date", "the date the certificate was issued or renewed"),
    FieldSpec("expiry_date", "Expiry date", "date", "the expiry date ('Valid until', 'Expiry date', ...)"),
    FieldSpec("surveillance_dates", "Surveillance audits", "dates", "the dates of surveillance audits"),
    FieldSpec("next_audit_due", "Next audit due", "date",
              "the date the next surveillance or recertification audit is due"),
    FieldSpec("scope", "Scope", "text", "the scope of certification"),
    FieldSpec("sites", "Sites", "lines", "the certified sites"),
    FieldSpec("soa_reference", "SoA cited", "reference",
              "the Statement of Applicability the certificate cites"),
)
SOA_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("holder", "Holder", "text", "the organisation whose Statement of Applicability it is"),
    FieldSpec("version", "Version", "text", "the version of the Statement of Applicability"),
    FieldSpec("date", "Date", "date", "the date of the Statement of Applicability"),
    FieldSpec("controls", "Annex A controls", "controls",
              "the Annex A controls, each applicable or not, with its justification"),
)
FIELDS: dict[str, tuple[FieldSpec, ...]] = {"certificate": CERTIFICATE_FIELDS, "soa": SOA_FIELDS}


def field_spec(kind: str, name: str) -> FieldSpec:
    """Return the spec of field `name` of an extraction of `kind`; KeyError names an unknown field."""
    for spec in FIELDS.get(kind, ()):
        if spec.name == name:
            return spec
    raise KeyError(f"{kind} extractions have no field {name!r}")
