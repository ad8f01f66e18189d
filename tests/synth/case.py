"""One generated case: a certificate, maybe its SoA, the buyer's context, the truth and the expected flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .choices import Chooser
from .compose_cert import compose_certificate
from .compose_soa import SoaCitation, compose_soa
from .context import draw_context, expected_flags
from .layout import Document
from .scan import SCAN_KINDS

PRODUCERS = ("reportlab", "fpdf2", "libreoffice", "chromium")


@dataclass
class DocSpec:
    """A document to produce: its layout, the program drawing it, its scan, its truth and dimensions."""

    kind: str  # certificate | soa
    document: Document
    producer: str
    scan: str  # none | one of SCAN_KINDS
    truth: dict[str, Any]
    dims: dict[str, str]


@dataclass
class Case:
    """A whole generated case (SCHEMA.md §4 layout once written)."""

    seed: int
    certificate: DocSpec
    soa: DocSpec | None
    context: dict[str, Any]
    flags: list[str]
    context_dims: dict[str, str]

    def expected_json(self) -> dict[str, Any]:
        """Return the corpus expected.json object."""
        return {
            "certificate": self.certificate.truth,
            "soa": self.soa.truth if self.soa else None,
            "flags": self.flags,
            "notes": f"synth seed {self.seed}",
        }

    def docs(self) -> list[DocSpec]:
        """Return the case's documents."""
        return [self.certificate] + ([self.soa] if self.soa else [])


def _production(ch: Chooser, kind: str, scan_rate: float) -> tuple[str, str]:
    producer = ch.dim("producer", {"reportlab": 3.0, "fpdf2": 2.0, "libreoffice": 1.5, "chromium": 1.5})
    kinds = {"none": 1.0 - scan_rate} | {k: scan_rate / len(SCAN_KINDS) for k in SCAN_KINDS}
    return producer, ch.dim("scan", kinds)


def generate_case(seed: int) -> Case:
    """Compose the case of one seed: the same seed always gives the same documents and truth."""
    document, cert_truth, facts, cert_dims = compose_certificate(seed)
    ch = Chooser(seed, "case")
    soa_spec, soa_truth = None, None
    if ch.dim("case.soa", {"provided": 3.0, "missing": 1.0}) == "provided":
        cited = SoaCitation(facts.holder.name, facts.soa_version, facts.soa_date, facts.dates.issue)
        soa_doc, soa_truth, soa_dims = compose_soa(seed, cited)
        production = Chooser(seed, "soa.production")
        producer, scan = _production(production, "soa", 0.06)
        soa_spec = DocSpec("soa", soa_doc, producer, scan, soa_truth.to_json(), soa_dims | production.dims)
    production = Chooser(seed, "certificate.production")
    producer, scan = _production(production, "certificate", 0.12)
    cert_spec = DocSpec(
        "certificate", document, producer, scan, cert_truth.to_json(), cert_dims | production.dims
    )
    context, context_dims = draw_context(seed, facts, cert_truth, soa_truth)
    flags = expected_flags(facts, cert_truth, soa_truth, context)
    return Case(seed, cert_spec, soa_spec, context, flags, context_dims | ch.dims)
