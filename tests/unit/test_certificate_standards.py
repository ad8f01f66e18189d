"""Standard and edition normalisation, certified-vs-alignment, and the SoA a certificate cites."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.cert_read_codes import version_and_date as _version_and_date
from parsers.standards import certified, find_standards, pick_standard


@pytest.mark.parametrize("text, want", [
    ("complies with ISO/IEC 42001:2023", "ISO/IEC 42001:2023"),
    ("ISO/IEC 42001 : 2023", "ISO/IEC 42001:2023"),
    ("ISO 42001:2023", "ISO/IEC 42001:2023"),
    ("ISO/IEC42001", "ISO/IEC 42001"),
    ("EN ISO/IEC 27001:2022", "ISO/IEC 27001:2022"),
    ("ISO 9001:2015", "ISO 9001:2015"),
    ("DIN EN ISO 9001:2015", "ISO 9001:2015"),
    ("ISO/IEC 27701:2019", "ISO/IEC 27701:2019"),
])
def test_standard_is_normalised(text: str, want: str) -> None:
    pick = pick_standard(find_standards(text))
    assert pick is not None and pick.name == want


def test_audit_and_date_standards_are_not_management_systems() -> None:
    assert find_standards("audited per ISO/IEC 17021-1:2015; dates per ISO 8601") == []


def test_the_most_named_standard_wins_and_gets_its_year_from_another_mention() -> None:
    text = ("Information Security Management System ISO/IEC 27001. Meets ISO/IEC 27001:2022. "
            "See also ISO 9001.")
    pick = pick_standard(find_standards(text))
    assert pick is not None and pick.name == "ISO/IEC 27001:2022"


@pytest.mark.parametrize("text", [
    "This letter is not a certificate and does not represent certification.",
    "In our opinion the system is substantially aligned with the requirements of ISO/IEC 42001.",
    "Readiness Assessment – ISO/IEC 42001:2023",
    "Following a gap assessment, X confirms that the practices are aligned with ISO/IEC 42001.",
    "Self-Assessment Statement: we consider ourselves compliant with ISO/IEC 42001.",
    "Statement of Alignment – ISO/IEC 42001:2023",
])
def test_alignment_claims_are_not_certification(text: str) -> None:
    assert certified(text).certified is False


@pytest.mark.parametrize("text", [
    "CERTIFICATE OF REGISTRATION This is to certify that Acme Ltd operates an AIMS",
    "This letter confirms that Acme Inc. has been certified by Example Registrar",
    "ZERTIFIKAT Hiermit wird bescheinigt, dass die Acme GmbH",
    "Certificate Number QCS-1 Organisation Acme",
    "CERTIFICATE This is to certify that Acme Ltd ... Management system certification does not "
    "constitute certification of the products or services.",
])
def test_certificates_are_certified(text: str) -> None:
    verdict = certified(text)
    assert verdict.certified is True and verdict.phrase


@pytest.mark.parametrize("tail, version, date", [
    (" version 3.3 dated 14 November 2024.", "3.3", dt.date(2024, 11, 14)),
    (": Version 2.1, dated 23 March 2024", "2.1", dt.date(2024, 3, 23)),
    (" Version 3.2 (March 31, 2024)", "3.2", dt.date(2024, 3, 31)),
    (" 3.1 of 25-Jan-2024", "3.1", dt.date(2024, 1, 25)),
    (" (rev. 4)", "4", None),
    (", and is valid until 11 March 2027", None, None),
    (", Version 3.0 vom 30. Juni 2025.", "3.0", dt.date(2025, 6, 30)),  # a day's full stop ends nothing
    (" version 2.4 dated 03/04/2025", None, None),  # its date reads either way: no half reference
])
def test_soa_reference_version_and_date(tail: str, version: str | None, date: dt.date | None) -> None:
    assert _version_and_date(tail, None) == (version, date)
