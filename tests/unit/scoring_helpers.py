"""Builders for scoring tests: a certificate, SoA and context raising no flag, to vary one field at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from parsers.controls import ANNEX_A
from parsers.model import CertificateExtraction, Control, Evidence, SoaExtraction, SoaReference
from scoring import DEFAULT_SCORING_SETTINGS, Assessment, Context, ScoringSettings, SupplyChainMember, assess

TODAY = dt.date(2025, 11, 22)
SCOPE = ("The design, development, operation and support of the Acme VoiceAgent platform, including "
         "model lifecycle management and customer support.")


def certificate(**changes: Any) -> CertificateExtraction:
    """Return a valid, current, accredited 42001 certificate for Acme VoiceAgent, with `changes` applied."""
    base = CertificateExtraction(
        standard="ISO/IEC 42001:2023", certified=True, holder="Acme Voice Ltd",
        certificate_number="AIMS 734211", certification_body="Example Certification Ltd",
        accreditation_body="UKAS", initial_certification_date=dt.date(2024, 3, 12),
        issue_date=dt.date(2025, 3, 12), expiry_date=dt.date(2027, 3, 11),
        surveillance_dates=[dt.date(2025, 2, 20)], next_audit_due=None, scope=SCOPE,
        sites=["1 King Street, London, EC2V 8AU, United Kingdom"],
        soa_reference=SoaReference("2.1", dt.date(2025, 1, 15)),
    )
    return dataclasses.replace(base, **changes)


def soa(**changes: Any) -> SoaExtraction:
    """Return a complete SoA (all 38 controls applicable, justified), version 2.1."""
    controls = [Control(cid, True, f"Needed for {name.lower()}.") for cid, name in ANNEX_A.items()]
    base = SoaExtraction(holder="Acme Voice Ltd", version="2.1", date=dt.date(2025, 1, 15), controls=controls)
    return dataclasses.replace(base, **changes)


def soa_excluding(*excluded: tuple[str, str | None]) -> SoaExtraction:
    """Return the complete SoA with the given (control id, justification) marked not applicable."""
    reasons = dict(excluded)
    controls = [Control(c.id, False, reasons[c.id], Evidence(2, f"{c.id} No {reasons[c.id] or ''}".strip()))
                if c.id in reasons else c for c in soa().controls]
    return soa(controls=controls)


def context(**changes: Any) -> Context:
    """Return the buyer's context for Acme VoiceAgent, every answer "yes", with `changes` applied."""
    base = Context(
        assessment_date=TODAY, supplier_legal_name="Acme Voice Ltd", product="Acme VoiceAgent",
        product_aliases=("VoiceAgent platform",), required_regions=("UK",),
        supply_chain=(SupplyChainMember("OpenAI", "LLM"), SupplyChainMember("Deepgram", "ASR")),
        answers={"supply_chain_in_scope": "yes", "product_in_scope": "yes", "soa_shared": "yes",
                 "accredited": "yes"},
    )
    return dataclasses.replace(base, **changes)


def run(cert: CertificateExtraction | None = None, the_soa: SoaExtraction | None | str = "default",
        ctx: Context | None = None, settings: ScoringSettings | None = None) -> Assessment:
    """Assess; by default the clean certificate, SoA and context."""
    chosen_soa = soa() if the_soa == "default" else the_soa
    assert not isinstance(chosen_soa, str)
    return assess(cert or certificate(), chosen_soa, ctx or context(), settings or DEFAULT_SCORING_SETTINGS)


def codes(cert: CertificateExtraction | None = None, the_soa: SoaExtraction | None | str = "default",
          ctx: Context | None = None, settings: ScoringSettings | None = None) -> set[str]:
    """Return the flag codes raised."""
    return run(cert, the_soa, ctx, settings).codes
