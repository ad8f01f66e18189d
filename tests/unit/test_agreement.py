"""Cross-document agreement: the SoA settles what the certificate left open, and never overwrites it."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers import CertificateExtraction, SoaExtraction, extraction_from_json, parse
from parsers.agreement import SETTLED_NOTE, reconcile, version_key
from parsers.model import SoaReference

from .cert_pdf import Text, build_pdf

D = dt.date


def _alt(value: object, support: float = 0.9) -> dict[str, object]:
    return {"value": value, "support": support, "how": "label:inline",
            "evidence": [{"page": 1, "text": str(value), "bbox": [1.0, 2.0, 3.0, 4.0]}]}


def test_an_abstained_holder_is_settled_by_the_soas_holder() -> None:
    cert = CertificateExtraction(alternatives={"holder": [_alt("Alpha Voice Ltd"), _alt("Beta Speech GmbH")]})
    settled, found = reconcile(cert, SoaExtraction(holder="BETA SPEECH GMBH"))
    assert settled.holder == "Beta Speech GmbH" and cert.holder is None  # the input is left as it was
    assert found[0].status == "settled" and SETTLED_NOTE in settled.evidence
    quote = settled.quote("holder")
    assert quote is not None and quote.text == "Beta Speech GmbH"


@pytest.mark.parametrize("cert_holder, soa_holder, status", [
    ("Acme Voice Ltd", "ACME VOICE LIMITED", "agree"),
    ("Acme Voice Ltd", "Acme Holdings plc", "differ"),
    ("Acme Voice Ltd", None, "unknown"),
])
def test_a_stated_holder_is_compared_never_replaced(cert_holder: str, soa_holder: str | None,
                                                    status: str) -> None:
    settled, found = reconcile(CertificateExtraction(holder=cert_holder), SoaExtraction(holder=soa_holder))
    assert settled.holder == cert_holder and found[0].status == status


def test_no_reading_or_two_readings_matching_the_soa_settle_nothing() -> None:
    cert = CertificateExtraction(alternatives={"holder": [_alt("Alpha Voice Ltd"), _alt("Gamma AI Ltd")]})
    assert reconcile(cert, SoaExtraction(holder="Beta Speech GmbH"))[0].holder is None
    twice = CertificateExtraction(
        alternatives={"holder": [_alt("Beta Speech GmbH"), _alt("BETA SPEECH GMBH")]})
    assert reconcile(twice, SoaExtraction(holder="Beta Speech GmbH"))[0].holder is None


def test_an_abstained_soa_reference_is_settled_by_the_soas_version_and_date() -> None:
    cert = CertificateExtraction(
        alternatives={"soa_reference": [_alt(["2.1", "2025-01-15"]), _alt(["3.0", None])]})
    settled, found = reconcile(cert, SoaExtraction(version="v2.1", date=D(2025, 1, 15)))
    assert settled.soa_reference == SoaReference("2.1", D(2025, 1, 15))
    assert {a.field: a.status for a in found}["soa_reference.version"] == "settled"


def test_a_cited_soa_is_compared_with_the_soa_provided() -> None:
    cert = CertificateExtraction(soa_reference=SoaReference("2.1", D(2024, 10, 14)))
    _, found = reconcile(cert, SoaExtraction(version="Version 2.1", date=D(2025, 1, 25)))
    assert {a.field: a.status for a in found} == {
        "holder": "unknown", "soa_reference.version": "agree", "soa_reference.date": "differ"}


def test_no_soa_no_change() -> None:
    cert = CertificateExtraction(holder="Acme Ltd")
    assert reconcile(cert, None) == (cert, [])


@pytest.mark.parametrize("a, b", [("v2.0", "2"), ("Version 2.1", "2.1"), ("Rev. 3", "3.0"),
                                  ("V1.10", "1.10")])
def test_versions_printed_differently_are_one(a: str, b: str) -> None:
    assert version_key(a) == version_key(b)


def test_a_certificate_whose_labels_disagree_is_settled_after_a_round_trip_through_json() -> None:
    pdf = build_pdf([
        [Text(60, 40, "Example Certification Ltd", 14, True), Text(60, 80, "CERTIFICATE", 22, True),
         Text(60, 120, "Organisation: Alpha Voice Ltd"), Text(60, 140, "Standard: ISO/IEC 42001:2023"),
         Text(60, 160, "Certificate No.: EX-4410")],
        [Text(60, 40, "Annex to certificate EX-4410", 14, True),
         Text(60, 80, "Certified organisation: Beta Speech GmbH")],
    ])
    cert = parse(pdf)
    assert isinstance(cert, CertificateExtraction) and cert.holder is None  # two labels disagree: abstain
    stored = extraction_from_json(cert.to_json())
    assert isinstance(stored, CertificateExtraction)
    settled, _ = reconcile(stored, SoaExtraction(holder="Beta Speech GmbH"))
    assert settled.holder == "Beta Speech GmbH"
