"""Rules about the Statement of Applicability."""

from __future__ import annotations

import re
from collections.abc import Iterator

from parsers.model import Control

from .. import evidence as ev
from ..model import Finding, FlagEvidence
from ..registry import Facts, finding, rule

# Justifications that justify nothing.
_EMPTY_JUSTIFICATION = re.compile(r"[\s\-\u2013\u2014.:/]*|(?:n/?a|none|tbd|tbc|not\s+applicable)\.?",
                                  re.I)


def _quote(control: Control) -> FlagEvidence:
    if control.evidence:
        return ev.from_evidence("soa", control.evidence)
    state = "applicable" if control.applicable else "not applicable"
    return FlagEvidence("soa", None, f"{control.id}: {state}")


def _in_family(control_id: str, family: str) -> bool:
    return control_id == family or control_id.startswith(family + ".")


@rule("soa.missing", "medium")
def missing(facts: Facts) -> Iterator[Finding]:
    """No Statement of Applicability was provided."""
    if facts.soa is None:
        yield from finding("No Statement of Applicability was provided: which Annex A controls apply cannot "
                           "be checked", ev.absence("soa", "a Statement of Applicability"))


def _version_key(version: str) -> tuple[str, ...]:
    """Return a comparable form: "v2.0" and "2" are the same version."""
    text = re.sub(r"^(?:version|ver\.?|v)\s*", "", version.strip().lower())
    parts = [p for p in re.split(r"[.\s]+", text) if p]
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts.pop()
    return tuple(str(int(p)) if p.isdigit() else p for p in parts)


@rule("soa.version_mismatch", "medium")
def version_mismatch(facts: Facts) -> Iterator[Finding]:
    """The certificate cites a different SoA version (or date) than the SoA provided."""
    ref, soa = facts.certificate.soa_reference, facts.soa
    if ref is None or soa is None:
        return
    if ref.version and soa.version:
        if _version_key(ref.version) != _version_key(soa.version):
            yield from finding(f"The certificate cites SoA version {ref.version}, but the SoA provided is "
                               f"version {soa.version}", facts.cert_evidence("soa_reference", ref.version),
                               ev.field_evidence("soa", soa.evidence.get("version", []), soa.version))
    elif ref.date and soa.date and ref.date != soa.date:
        yield from finding(f"The certificate cites the SoA dated {ref.date.isoformat()}, but the SoA "
                           f"provided is dated {soa.date.isoformat()}",
                           facts.cert_evidence("soa_reference", ref.date.isoformat()),
                           ev.field_evidence("soa", soa.evidence.get("date", []), soa.date.isoformat()))


@rule("soa.key_control_excluded", "high")
def key_control_excluded(facts: Facts) -> Iterator[Finding]:
    """The SoA excludes a control of A.5, A.6, A.7 or A.10."""
    if facts.soa is None:
        return
    families = facts.settings.key_control_families
    hit = [c for c in facts.soa.controls
           if not c.applicable and any(_in_family(c.id, f) for f in families)]
    if hit:
        yield from finding(f"The SoA marks key control(s) {', '.join(c.id for c in hit)} not applicable "
                           "(impact assessment, life cycle, data or third parties)", [_quote(c) for c in hit])


@rule("soa.unjustified_exclusion", "medium")
def unjustified_exclusion(facts: Facts) -> Iterator[Finding]:
    """The SoA excludes a control without a justification."""
    if facts.soa is None:
        return
    hit = [c for c in facts.soa.controls
           if not c.applicable and (not c.justification or _EMPTY_JUSTIFICATION.fullmatch(c.justification))]
    if hit:
        yield from finding(f"The SoA excludes {', '.join(c.id for c in hit)} without saying why",
                           [_quote(c) for c in hit])


@rule("soa.incomplete", "low")
def incomplete(facts: Facts) -> Iterator[Finding]:
    """The SoA does not list all 38 Annex A controls."""
    if facts.soa is None:
        return
    listed = {c.id for c in facts.soa.controls}
    expected = facts.settings.annex_a_controls
    absent = [cid for cid in expected if cid not in listed]
    if absent:
        shown = ", ".join(absent[:12]) + (f" and {len(absent) - 12} more" if len(absent) > 12 else "")
        yield from finding(f"The SoA lists {len(expected) - len(absent)} of the {len(expected)} Annex A "
                           f"controls; missing: {shown}",
                           [ev.absence("soa", f"Annex A control {cid}") for cid in absent])
