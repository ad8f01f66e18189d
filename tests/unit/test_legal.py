"""The legal summary's content in the core: safeguards, flag order, cycle position, the whole summary."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import scoring
from parsers.model import CertificateExtraction, Evidence, SoaExtraction
from scoring import Context, Flag
from scoring.cycle import CycleDates
from scoring.legal import (
    CERTIFICATE_ROWS,
    Engagement,
    HandCorrection,
    ReadDocument,
    SummaryInputs,
    cycle_text,
    flag_lines,
    summarise,
)
from scoring.safeguards import FALLBACK, SAFEGUARDS, safeguard_for
from tests.conftest import CORPUS, require_path

DAY = dt.date(2025, 12, 9)


def test_every_flag_code_of_flags_md_has_its_own_safeguard():
    flags_md = require_path(CORPUS.parent / "FLAGS.md").read_text()
    codes = set(re.findall(r"^\| `([a-z]+\.[a-z_0-9]+)` \|", flags_md, re.MULTILINE))
    assert len(codes) == 18
    assert codes == set(SAFEGUARDS) == set(scoring.RULES)
    assert len(set(SAFEGUARDS.values())) == len(SAFEGUARDS)
    assert safeguard_for("made.up") == FALLBACK


def test_flags_are_ordered_most_severe_first_with_their_safeguards():
    lines = flag_lines([Flag.from_json(f) for f in (
        {"code": "soa.incomplete", "severity": "low", "message": "m"},
        {"code": "cert.expired", "severity": "high", "message": "m",
         "evidence": [{"document": "certificate", "page": 2, "quote": " valid\nuntil  2024 "}]},
        {"code": "soa.missing", "severity": "medium", "message": "m", "evidence": None})])
    assert [f.code for f in lines] == ["cert.expired", "soa.missing", "soa.incomplete"]
    assert lines[0].safeguard == SAFEGUARDS["cert.expired"]
    assert (lines[0].evidence[0].page, lines[0].evidence[0].quote) == (2, "valid until 2024")


@pytest.mark.parametrize(("on", "surveillance", "next_due", "expected"), [
    (dt.date(2025, 12, 9), (dt.date(2025, 6, 5),), None,
     "Year 2 of 3 (cycle 2024-07-05 to 2027-07-04); surveillance audit due by 2026-09-05."),
    (dt.date(2025, 8, 1), (), None,  # within FLAGS.md's 15 months: due, not overdue, as scoring says
     "Year 2 of 3 (cycle 2024-07-05 to 2027-07-04); surveillance audit due by 2025-10-05."),
    (dt.date(2025, 11, 1), (), None,
     "Year 2 of 3 (cycle 2024-07-05 to 2027-07-04); surveillance audit overdue since 2025-10-05."),
    (dt.date(2025, 1, 1), (), dt.date(2025, 5, 1),
     "Year 1 of 3 (cycle 2024-07-05 to 2027-07-04); surveillance audit due by 2025-05-01."),
    # a stated audit later than the grace period does not defer it: the rule scoring and monitoring share
    (dt.date(2025, 1, 1), (), dt.date(2025, 12, 1),
     "Year 1 of 3 (cycle 2024-07-05 to 2027-07-04); surveillance audit due by 2025-10-05."),
    (dt.date(2027, 1, 10), (dt.date(2025, 6, 5), dt.date(2026, 7, 20)), None,
     "Year 3 of 3 (cycle 2024-07-05 to 2027-07-04); recertification due before 2027-07-04."),
    (dt.date(2027, 7, 5), (), None, "Expired on 2027-07-04."),
    (dt.date(2024, 7, 1), (), None, "Not yet in force: issued for 2024-07-05."),
])
def test_cycle_text(on, surveillance, next_due, expected):
    dates = CycleDates(issued=dt.date(2024, 7, 5), surveillance=surveillance, next_audit_due=next_due,
                       expiry=dt.date(2027, 7, 4))
    assert cycle_text(dates, on) == expected


def test_cycle_text_needs_both_dates():
    assert "unknown" in cycle_text(CycleDates(expiry=dt.date(2027, 7, 4)), DAY)


def test_the_certificate_rows_come_from_the_field_list():
    assert [r.name for r in CERTIFICATE_ROWS] == [
        "standard", "holder", "certificate_number", "certification_body", "accreditation_body",
        "initial_certification_date", "issue_date", "expiry_date", "surveillance_dates", "next_audit_due"]


ENGAGEMENT = Engagement("Buyer plc", "Acme", "Acme Voice Ltd", "VoiceAgent", ("Agent",), "submitted")


def _certificate(**changes):
    values = dict(standard="ISO/IEC 42001:2023", certified=True, holder="Acme Voice Ltd",
                  certificate_number="AIMS 1", certification_body="Example Cert", accreditation_body="UKAS",
                  issue_date=dt.date(2024, 7, 5), expiry_date=dt.date(2027, 7, 4),
                  scope="The VoiceAgent platform", sites=["London, United Kingdom"],
                  evidence={"scope": [Evidence(1, "The VoiceAgent platform")]})
    values.update(changes)
    return CertificateExtraction(**values)


def test_a_summary_scores_the_evidence_for_its_date():
    inputs = SummaryInputs(
        computed_for=dt.date(2026, 1, 10), engagement=ENGAGEMENT,
        context=Context(dt.date(2026, 1, 10), "Acme Voice Ltd", "VoiceAgent", answers={"soa_shared": "yes"}),
        certificate=ReadDocument("cert.pdf", "ab" * 32,
                                 _certificate(surveillance_dates=[dt.date(2025, 6, 5)])),
        corrections=(HandCorrection("certificate", "holder", "Acme", "Acme Voice Ltd", "typo"),
                     HandCorrection("soa", "controls.A.10.3", None, {"applicable": True}, "missed")),
        question_texts={"soa_shared": "Will you share your SoA?"})
    summary = summarise(inputs)
    assert summary.rating == "red" and summary.engagement == ENGAGEMENT
    assert [f.code for f in summary.flags] == ["answer.contradicted", "soa.missing"]
    assert summary.flags[1].safeguard == SAFEGUARDS["soa.missing"]
    assert [(c.question, c.answer, c.flag_code) for c in summary.contradictions] == [
        ("Will you share your SoA?", "yes", "soa.missing")]
    assert summary.cycle == ("Year 2 of 3 (cycle 2024-07-05 to 2027-07-04); "
                             "surveillance audit due by 2026-09-05.")
    assert summary.certificate.values["expiry_date"] == "2027-07-04"
    assert summary.certificate.values["sites"] == ["London, United Kingdom"]
    assert "evidence" not in summary.certificate.values and summary.soa is None
    assert [(c.label, c.machine, c.corrected) for c in summary.corrections] == [
        ("Holder", "Acme", "Acme Voice Ltd"), ("Control A.10.3 Suppliers", "not listed", "applicable")]


def test_without_a_certificate_nothing_is_rated():
    summary = summarise(SummaryInputs(DAY, ENGAGEMENT, Context(DAY, answers={"accredited": "yes"}),
                                      soa=ReadDocument("soa.pdf", "cd" * 32, SoaExtraction(version="2"))))
    assert summary.rating is None and summary.flags == () and summary.contradictions == ()
    assert summary.certificate is None and summary.soa.values["version"] == "2"
    assert "unknown" in summary.cycle
