"""Rules about the Statement of Applicability."""

from __future__ import annotations

import re
from collections.abc import Iterator

from parsers.agreement import version_key  # one reading of a printed version, the parser's
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



@rule("soa.version_mismatch", "medium")
def version_mismatch(facts: Facts) -> Iterator[Finding]:
    """The certificate cites a different SoA version (or date) than the SoA provided."""
    ref, soa = facts.certificate.soa_reference, facts.soa
    if ref is None or soa is None:
        return
    # An SoA is identified by its version and its date: each one both documents state must agree
    # (a "version 2.1 dated 14.10.2024" reference does not match version 2.1 re-issued in 2025).
    cited, provided, quotes = [], [], []
    if ref.version and soa.version and version_key(ref.version) != version_key(soa.version):
        cited.append(f"version {ref.version}")
        provided.append(f"version {soa.version}")
        quotes += [facts.cert_evidence("soa_reference", ref.version),
                   ev.field_evidence("soa", soa.evidence.get("version", []), soa.version)]
    if ref.date and soa.date and ref.date != soa.date:
        cited.append(f"dated {ref.date.isoformat()}")
        provided.append(f"dated {soa.date.isoformat()}")
        quotes += [facts.cert_evidence("soa_reference", ref.date.isoformat()),
                   ev.field_evidence("soa", soa.evidence.get("date", []), soa.date.isoformat())]
    if cited:
        yield from finding(f"The certificate cites the SoA {' and '.join(cited)}, but the SoA provided is "
                           f"{' and '.join(provided)}", *quotes)


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
