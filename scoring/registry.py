"""The rule registry: each flag code maps to one small function that yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from parsers.model import CertificateExtraction, SoaExtraction

from . import evidence as ev
from .model import SEVERITIES, Context, Finding, FlagEvidence
from .settings import ScoringSettings


@dataclass
class Facts:
    """Everything a rule may look at, plus the findings of rules already run (run on demand)."""

    certificate: CertificateExtraction
    soa: SoaExtraction | None
    context: Context
    settings: ScoringSettings
    _done: dict[str, list[Finding]] = field(default_factory=dict, repr=False)

    def findings(self, code: str) -> list[Finding]:
        """Return what rule `code` finds (each rule runs once; others may depend on it)."""
        if code not in self._done:
            self._done[code] = list(RULES[code].check(self))
        return self._done[code]

    def raised(self, code: str) -> bool:
        """Return whether rule `code` raises a flag."""
        return bool(self.findings(code))

    def cert_evidence(self, name: str, fallback: str | None = None) -> list[FlagEvidence]:
        """Quote where a certificate field was read (or the value, page unknown)."""
        value = getattr(self.certificate, name, None)
        text = fallback if fallback is not None else (str(value) if value not in (None, [], "") else None)
        return ev.field_evidence("certificate", self.certificate.evidence.get(name, []), text)

    def cert_quote(self, name: str, snippet: str) -> list[FlagEvidence]:
        """Quote `snippet` (part of field `name`) as printed on its page, else the whole field."""
        pages = [e.page for e in self.certificate.evidence.get(name, [])]
        found = ev.locate("certificate", snippet, self.certificate.page_texts, pages)
        if found:
            return [found]
        if self.certificate.page_texts and self.certificate.evidence.get(name):
            return self.cert_evidence(name)
        return [ev.FlagEvidence("certificate", pages[0] if pages else None, snippet)]


Check = Callable[[Facts], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its flag code, severity, one-line summary and check function."""

    code: str
    severity: str
    summary: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(code: str, severity: str) -> Callable[[Check], Check]:
    """Register the decorated function as the check for flag `code`."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: severity must be one of {SEVERITIES}, got {severity!r}")

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule {code} is registered twice")
        summary = (check.__doc__ or code).strip().splitlines()[0]
        RULES[code] = Rule(code, severity, summary, check)
        return check

    return register


def finding(message: str, *evidence: Iterable[FlagEvidence] | FlagEvidence) -> Iterator[Finding]:
    """Yield one finding with the evidence given (single items or lists, flattened)."""
    flat: list[FlagEvidence] = []
    for item in evidence:
        if isinstance(item, FlagEvidence):
            flat.append(item)
        else:
            flat.extend(item)
    yield Finding(message, tuple(flat))


def describe(value: Any) -> str:
    """Return a value as a reviewer reads it."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
