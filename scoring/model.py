"""Scoring inputs and outputs: the assessment context (SCHEMA.md §2) and the assessment (§3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("high", "medium", "low")
YES_WORDS = frozenset({"yes", "y", "true"})


@dataclass(frozen=True)
class SupplyChainMember:
    """One AI supplier of the product: who it is and what it does (LLM, ASR, TTS, telephony...)."""

    name: str
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md §2 shape."""
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True)
class Context:
    """What the buyer needs and what the supplier answered, for one engagement."""

    assessment_date: dt.date
    supplier_legal_name: str | None = None
    product: str | None = None
    product_aliases: tuple[str, ...] = ()
    required_regions: tuple[str, ...] = ()
    supply_chain: tuple[SupplyChainMember, ...] = ()
    answers: Mapping[str, str] = field(default_factory=dict)

    def answered_yes(self, key: str) -> bool:
        """Return whether the supplier answered "yes" to `key`."""
        words = str(self.answers.get(key, "")).strip().lower().split(None, 1)
        return bool(words) and words[0].strip(".,;:!") in YES_WORDS  # "yes", "Yes, all of them"

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md §2 shape."""
        return {
            "assessment_date": self.assessment_date.isoformat(),
            "supplier_legal_name": self.supplier_legal_name,
            "product": self.product,
            "product_aliases": list(self.product_aliases),
            "required_regions": list(self.required_regions),
            "supply_chain": [m.to_json() for m in self.supply_chain],
            "answers": dict(self.answers),
        }

    @classmethod
    def from_json(cls, data: Any) -> Context:
        """Build from SCHEMA.md §2 JSON; raise ValueError naming the bad key."""
        if not isinstance(data, dict):
            raise ValueError("the context must be a JSON object")
        return cls(
            assessment_date=_parse_date(data.get("assessment_date")),
            supplier_legal_name=_optional_str(data, "supplier_legal_name"),
            product=_optional_str(data, "product"),
            product_aliases=_str_tuple(data, "product_aliases"),
            required_regions=_str_tuple(data, "required_regions"),
            supply_chain=_members(data.get("supply_chain")),
            answers=_answers(data.get("answers")),
        )


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError("context.assessment_date is required (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"context.assessment_date {value!r} is not a YYYY-MM-DD date") from None


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"context.{key} must be a string, got {type(value).__name__}")
    return value.strip() or None


def _str_tuple(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"context.{key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _members(value: Any) -> tuple[SupplyChainMember, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError("context.supply_chain must be a list of {name, role} objects")
    members = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise ValueError(f"context.supply_chain[{i}] needs a non-empty 'name'")
        role = item.get("role")
        members.append(SupplyChainMember(item["name"].strip(), str(role).strip() if role else None))
    return tuple(members)


def _answers(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("context.answers must be an object of answer id → answer")
    out = {}
    for key, answer in value.items():
        if isinstance(answer, bool):
            answer = "yes" if answer else "no"
        out[str(key)] = answer if isinstance(answer, str) else str(answer)
    return out


@dataclass(frozen=True)
class FlagEvidence:
    """What a flag rests on: a document, its page and the quoted text (page None for an absence)."""

    document: str
    page: int | None
    quote: str
    bbox: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md §3 evidence shape (with the box when known)."""
        data: dict[str, Any] = {"document": self.document, "page": self.page, "quote": self.quote}
        if self.bbox:
            data["bbox"] = [round(v, 1) for v in self.bbox]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FlagEvidence:
        """Build from `to_json` output."""
        box = data.get("bbox")
        page = data.get("page")
        bbox = (float(box[0]), float(box[1]), float(box[2]), float(box[3])) if box else None
        return cls(str(data["document"]), int(page) if page is not None else None, str(data["quote"]), bbox)


@dataclass(frozen=True)
class Finding:
    """What a rule yields: a message and the evidence for it (the engine adds code and severity)."""

    message: str
    evidence: tuple[FlagEvidence, ...] = ()


@dataclass(frozen=True)
class Flag:
    """One problem found: stable code, severity, a reviewer-readable message, and its evidence."""

    code: str
    severity: str
    message: str
    evidence: list[FlagEvidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md §3 flag shape."""
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "evidence": [e.to_json() for e in self.evidence]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Flag:
        """Build from `to_json` output."""
        return cls(str(data["code"]), str(data["severity"]), str(data["message"]),
                   [FlagEvidence.from_json(e) for e in data.get("evidence") or []])


@dataclass(frozen=True)
class Assessment:
    """The verdict: rating (red / amber / green) and every flag raised."""

    rating: str
    flags: list[Flag] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        """Return the set of flag codes raised."""
        return {f.code for f in self.flags}

    def to_json(self) -> dict[str, Any]:
        """Return the SCHEMA.md §3 shape."""
        return {"rating": self.rating, "flags": [f.to_json() for f in self.flags]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        """Build from `to_json` output (e.g. a stored assessment)."""
        return cls(str(data["rating"]), [Flag.from_json(f) for f in data.get("flags") or []])


def rating_for(flags: list[Flag]) -> str:
    """Return red if any flag is high, amber if any is medium, else green."""
    severities = {f.severity for f in flags}
    if "high" in severities:
        return "red"
    if "medium" in severities:
        return "amber"
    return "green"
