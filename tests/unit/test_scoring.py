"""The scoring engine: registry, rating, settings validation, JSON shapes, context parsing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from scoring import RULES, Assessment, Context, Flag, FlagEvidence, ScoringSettings, rating_for
from scoring.settings import DEFAULT_SCORING_SETTINGS
from tests.conftest import SHARED, require_path
from tests.unit.scoring_helpers import TODAY, certificate, codes, context, run, soa


def test_every_flag_of_flags_md_has_exactly_one_rule_with_its_severity() -> None:
    text = require_path(SHARED / "FLAGS.md").read_text()
    table = dict(re.findall(r"^\| `([a-z0-9_.]+)` \| (high|medium|low) \|", text, re.M))
    assert len(table) == 18
    assert {code: r.severity for code, r in RULES.items()} == table


@pytest.mark.parametrize(("severities", "rating"), [
    ([], "green"), (["low"], "green"), (["low", "medium"], "amber"), (["medium", "high"], "red"),
    (["high"], "red"),
])
def test_rating(severities: list[str], rating: str) -> None:
    assert rating_for([Flag("x", s, "m") for s in severities]) == rating


def test_assessment_ratings_follow_the_flags() -> None:
    assert run().rating == "green"
    assert run(certificate(expiry_date=TODAY + dt.timedelta(days=10))).rating == "amber"
    assert run(certificate(standard="ISO/IEC 27001:2022")).rating == "red"
    low_only = run(the_soa=soa(controls=soa().controls[:37]))
    assert (low_only.rating, low_only.codes) == ("green", {"soa.incomplete"})


def test_flags_are_ordered_high_first() -> None:
    cert = certificate(standard="ISO 9001:2015", expiry_date=TODAY + dt.timedelta(days=5))
    result = run(cert, the_soa=soa(controls=soa().controls[:30]))
    order = ["high", "medium", "low"]
    ranks = [order.index(f.severity) for f in result.flags]
    assert ranks == sorted(ranks) and len(set(ranks)) == 3


def test_to_json_is_the_schema_shape_and_round_trips() -> None:
    result = run(certificate(holder="Other Entity plc", expiry_date=TODAY - dt.timedelta(days=1)))
    data = result.to_json()
    assert set(data) == {"rating", "flags"}
    for flag in data["flags"]:
        assert set(flag) == {"code", "severity", "message", "evidence"}
        for item in flag["evidence"]:
            assert {"document", "page", "quote"} <= set(item)
    assert Assessment.from_json(data) == result


def test_evidence_carries_the_box_when_the_extraction_has_one() -> None:
    from parsers.model import Evidence

    cert = certificate(holder="Other plc", evidence={"holder": [Evidence(1, "Other plc", (10, 20, 110, 32))]})
    flag = next(f for f in run(cert).flags if f.code == "cert.holder_mismatch")
    assert flag.evidence[0] == FlagEvidence("certificate", 1, "Other plc", (10, 20, 110, 32))
    assert flag.evidence[0].to_json()["bbox"] == [10, 20, 110, 32]


def test_assess_is_pure_and_repeatable() -> None:
    cert, ctx = certificate(accreditation_body="UAF"), context()
    before = (dataclasses.asdict(cert), ctx.to_json())
    assert run(cert, ctx=ctx) == run(cert, ctx=ctx)
    assert (dataclasses.asdict(cert), ctx.to_json()) == before


def test_defaults_are_the_flags_md_values() -> None:
    s = DEFAULT_SCORING_SETTINGS
    assert (s.expiring_soon_days, s.surveillance_grace_months, s.max_validity_years) == (90, 15, 3)
    assert s.key_control_families == ("A.5", "A.6", "A.7", "A.10")
    assert len(s.annex_a_controls) == 38


@pytest.mark.parametrize(("change", "names"), [
    ({"expiring_soon_days": -1}, "expiring_soon_days"),
    ({"expiring_soon_days": "90"}, "expiring_soon_days"),
    ({"surveillance_grace_months": 0}, "surveillance_grace_months"),
    ({"max_validity_years": 2.5}, "max_validity_years"),
    ({"key_control_families": ("A5",)}, "key_control_families"),
    ({"key_control_families": "A.5"}, "key_control_families"),
    ({"product_match_cutoff": 120}, "product_match_cutoff"),
    ({"product_match_cutoff": True}, "product_match_cutoff"),
    ({"legal_forms": "ltd"}, "legal_forms"),
    ({"accreditation": object()}, "accreditation"),
])
def test_bad_settings_raise_a_clear_error(change: dict[str, Any], names: str) -> None:
    with pytest.raises(ValueError, match=names):
        ScoringSettings(**change)


def test_a_buyer_can_tighten_thresholds() -> None:
    cert = certificate(expiry_date=TODAY + dt.timedelta(days=100))
    assert "cert.expiring_soon" not in codes(cert)
    assert "cert.expiring_soon" in codes(cert, settings=ScoringSettings(expiring_soon_days=120))
    old = TODAY - dt.timedelta(days=300)
    cert = certificate(issue_date=old, initial_certification_date=old, surveillance_dates=[])
    assert "cert.surveillance_overdue" in codes(cert, settings=ScoringSettings(surveillance_grace_months=9))


def test_context_round_trips_the_schema_shape() -> None:
    data = {"assessment_date": "2026-11-22", "supplier_legal_name": "Acme Voice Ltd",
            "product": "Acme VoiceAgent",
            "product_aliases": ["VoiceAgent platform"], "required_regions": ["EU"],
            "supply_chain": [{"name": "OpenAI", "role": "LLM"}, {"name": "Deepgram", "role": "ASR"}],
            "answers": {"supply_chain_in_scope": "yes", "soa_shared": "yes"}}
    ctx = Context.from_json(data)
    assert ctx.assessment_date == dt.date(2026, 11, 22)
    assert ctx.to_json() == data


@pytest.mark.parametrize(("data", "message"), [
    ([], "JSON object"),
    ({}, "assessment_date is required"),
    ({"assessment_date": "22/11/2026"}, "assessment_date"),
    ({"assessment_date": "2026-11-22", "product_aliases": [1]}, "product_aliases"),
    ({"assessment_date": "2026-11-22", "supply_chain": [{"role": "LLM"}]}, r"supply_chain\[0\]"),
    ({"assessment_date": "2026-11-22", "answers": ["yes"]}, "answers"),
    ({"assessment_date": "2026-11-22", "product": 5}, "product"),
])
def test_bad_context_raises_value_error_naming_the_key(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Context.from_json(data)


def test_boolean_answers_become_yes_and_no() -> None:
    answers = {"accredited": True, "soa_shared": False}
    ctx = Context.from_json({"assessment_date": "2026-01-01", "answers": answers})
    assert dict(ctx.answers) == {"accredited": "yes", "soa_shared": "no"}


SCOPE_WITH_EXCLUSION = "Provision of Acme VoiceAgent. Excluding third-party foundation models."


def _excluded_evidence(**changes: Any) -> list[FlagEvidence]:
    cert = certificate(scope=SCOPE_WITH_EXCLUSION, **changes)
    return next(f for f in run(cert).flags if f.code == "scope.supply_chain_excluded").evidence


def test_a_quote_not_found_on_any_page_falls_back_to_the_whole_field() -> None:
    from parsers.model import Evidence

    recorded = Evidence(1, "Scope: Provision of Acme VoiceAgent. Excluding third-party models.")
    found = _excluded_evidence(page_texts=["something else entirely"], evidence={"scope": [recorded]})
    assert found == [FlagEvidence("certificate", 1, recorded.text)]


def test_without_page_texts_the_quote_is_the_sentence_on_the_fields_page() -> None:
    from parsers.model import Evidence

    found = _excluded_evidence(evidence={"scope": [Evidence(2, "Scope: ...")]})
    assert found == [FlagEvidence("certificate", 2, "Excluding third-party foundation models.")]
