"""SoA rules: missing, version mismatch, key controls, unjustified exclusions, completeness."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.model import SoaReference
from scoring import ScoringSettings
from tests.unit.scoring_helpers import certificate, codes, context, run, soa, soa_excluding


def test_no_soa_is_soa_missing_only() -> None:
    assert codes(the_soa=None, ctx=context(answers={})) == {"soa.missing"}


@pytest.mark.parametrize(("cited", "provided", "flagged"), [
    (SoaReference("2.1", None), "2.1", False),
    (SoaReference("2.1", None), "v2.1", False),
    (SoaReference("2", None), "2.0", False),
    (SoaReference("1.0", None), "2.0", True),
    (SoaReference("1.2", None), "2.0", True),
    (SoaReference("2.1", None), None, False),  # the SoA states no version: nothing to compare
    (None, "9.9", False),  # the certificate cites no SoA
])
def test_version_mismatch(cited: SoaReference | None, provided: str | None, flagged: bool) -> None:
    result = codes(certificate(soa_reference=cited), soa(version=provided))
    assert ("soa.version_mismatch" in result) is flagged


@pytest.mark.parametrize(("cited_date", "soa_date", "flagged"), [
    (dt.date(2025, 1, 15), dt.date(2025, 1, 15), False),
    (dt.date(2025, 1, 15), dt.date(2025, 6, 1), True),
])
def test_version_mismatch_by_date_when_no_version_is_cited(cited_date: dt.date, soa_date: dt.date,
                                                           flagged: bool) -> None:
    result = codes(certificate(soa_reference=SoaReference(None, cited_date)), soa(date=soa_date))
    assert ("soa.version_mismatch" in result) is flagged


@pytest.mark.parametrize(("cited", "version", "date", "flagged"), [
    (SoaReference("2.1", dt.date(2024, 10, 14)), "2.1", dt.date(2025, 1, 25), True),  # re-issued, same number
    (SoaReference("2.1", dt.date(2024, 10, 14)), "2.2", dt.date(2024, 10, 14), True),
    (SoaReference("2.1", dt.date(2024, 10, 14)), "v2.1", dt.date(2024, 10, 14), False),
    (SoaReference("2.1", dt.date(2024, 10, 14)), "2.1", None, False),  # the SoA states no date
    (SoaReference("2.1", None), "2.1", dt.date(2025, 1, 25), False),  # the certificate cites no date
])
def test_each_identifier_both_documents_state_must_agree(cited: SoaReference, version: str,
                                                         date: dt.date | None, flagged: bool) -> None:
    result = codes(certificate(soa_reference=cited), soa(version=version, date=date))
    assert ("soa.version_mismatch" in result) is flagged


def test_a_date_mismatch_names_both_dates() -> None:
    cert = certificate(soa_reference=SoaReference("2.1", dt.date(2024, 10, 14)))
    flag = next(f for f in run(cert, soa(version="2.1", date=dt.date(2025, 1, 25))).flags
                if f.code == "soa.version_mismatch")
    assert "2024-10-14" in flag.message and "2025-01-25" in flag.message and "version" not in flag.message


@pytest.mark.parametrize(("control", "key"), [
    ("A.5.2", True), ("A.5.5", True), ("A.6.1.2", True), ("A.6.2.5", True), ("A.7.3", True),
    ("A.10.2", True), ("A.10.4", True),
    ("A.2.3", False), ("A.3.3", False), ("A.4.4", False), ("A.8.3", False), ("A.9.4", False),
])
def test_key_control_families(control: str, key: bool) -> None:
    assert ("soa.key_control_excluded" in codes(the_soa=soa_excluding((control, "Not relevant.")))) is key


def test_key_control_families_are_a_setting() -> None:
    settings = ScoringSettings(key_control_families=("A.8",))
    assert "soa.key_control_excluded" in codes(the_soa=soa_excluding(("A.8.3", "x.")), settings=settings)
    assert "soa.key_control_excluded" not in codes(the_soa=soa_excluding(("A.5.5", "x.")), settings=settings)


@pytest.mark.parametrize(("justification", "flagged"), [
    (None, True), ("", True), ("  ", True), ("N/A", True), ("-", True), ("Not applicable", True),
    ("We develop no AI systems for external reporting.", False),
])
def test_unjustified_exclusion(justification: str | None, flagged: bool) -> None:
    result = codes(the_soa=soa_excluding(("A.8.3", justification)))
    assert ("soa.unjustified_exclusion" in result) is flagged


def test_applicable_controls_need_no_justification() -> None:
    controls = [type(c)(c.id, True, None) for c in soa().controls]
    assert codes(the_soa=soa(controls=controls)) == set()


@pytest.mark.parametrize("listed", [38, 37, 30, 0])
def test_incomplete_soa(listed: int) -> None:
    result = run(the_soa=soa(controls=soa().controls[:listed]))
    assert ("soa.incomplete" in result.codes) is (listed < 38)
    if listed < 38:
        flag = next(f for f in result.flags if f.code == "soa.incomplete")
        assert f"{listed} of the 38" in flag.message and flag.severity == "low"


def test_soa_flags_quote_the_control_row() -> None:
    result = run(the_soa=soa_excluding(("A.5.5", None)))
    flag = next(f for f in result.flags if f.code == "soa.key_control_excluded")
    assert (flag.evidence[0].document, flag.evidence[0].page) == ("soa", 2)
    assert flag.evidence[0].quote.startswith("A.5.5")
