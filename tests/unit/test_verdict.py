"""The verdict line, the flags' plain titles and the acceptance risks (scoring/verdict.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring import RULES, Assessment, Flag, FlagEvidence
from scoring.verdict import (
    UNRATED_REASONS,
    FlagTextError,
    _check_entry,
    acceptance_risks,
    flag_text,
    unrated,
    verdict,
)

from .scoring_helpers import SCOPE, certificate, context, run, soa_excluding

NARROW_SCOPE = "The design and operation of the Acme HR Assistant, an internal recruitment tool."
EXCLUDING = SCOPE + " Third-party speech recognition and speech synthesis providers are excluded."


def test_every_rule_has_a_title_a_clause_and_a_next_step():
    for code in RULES:
        text = flag_text(code)
        assert text.title and text.clause and text.ask and text.supplier_ask
        assert code not in text.title  # a plain title, never the code
        assert "ask the supplier" not in text.supplier_ask  # the supplier's own step, never the buyer's


def test_the_supplier_gets_its_own_next_steps_the_buyer_its_own():
    result = run(certificate(scope=NARROW_SCOPE, holder="Other Holdings plc"))
    buyer, supplier = verdict(result, context()), verdict(result, context(), audience="supplier")
    assert buyer.next_steps[0] == "ask the supplier for the certificate whose scope covers Acme VoiceAgent"
    assert supplier.next_steps[0] == "upload the certificate whose scope covers Acme VoiceAgent"
    assert supplier.headline.endswith("Next: upload the certificate whose scope covers Acme VoiceAgent.")
    assert not any("ask the supplier" in step for step in supplier.next_steps)
    assert [f.ask for f in supplier.flags] == [flag_text(f.code).supplier_ask.format(
        product="Acme VoiceAgent", supplier="Acme Voice Ltd", regions="UK") for f in supplier.flags]
    assert buyer.flags[0].title == supplier.flags[0].title and buyer.headline.split(". Next:")[0] == \
        supplier.headline.split(". Next:")[0]  # the same verdict, only the next steps differ
    clear = verdict(run(), context(), audience="supplier")
    assert clear.next_steps[0].startswith("check that your questionnaire")
    assert unrated("no_documents", audience="supplier").headline == (
        "Not rated: you have not uploaded any evidence yet. "
        "Next: upload your ISO/IEC 42001 certificate and Statement of Applicability.")
    assert unrated("no_documents").headline.startswith("Not rated: the supplier has not uploaded")
    with pytest.raises(ValueError, match="no audience 'legal'"):
        verdict(result, context(), audience="legal")


def test_a_red_verdict_names_its_blockers_and_concerns_in_one_line_with_the_next_step():
    old = certificate(scope=NARROW_SCOPE + " Third-party speech recognition providers are excluded.",
                      issue_date=dt.date(2024, 3, 12), surveillance_dates=[],
                      expiry_date=dt.date(2027, 3, 11))
    result = run(old)
    assert {"scope.narrow", "scope.supply_chain_excluded", "cert.surveillance_overdue"} <= result.codes
    line = verdict(result, context()).headline
    assert line.startswith("Red: ")
    high = sum(f.severity == "high" for f in result.flags)
    medium = sum(f.severity == "medium" for f in result.flags)
    assert f"{high} blockers" in line and (f"{medium} concern" in line)
    assert "the scope does not name Acme VoiceAgent" in line
    assert "AI suppliers excluded from the scope" in line
    assert "Next: ask the supplier" in line and line.endswith(".")


def test_blockers_come_before_concerns_and_each_keeps_its_evidence():
    result = run(certificate(scope=NARROW_SCOPE, holder="Other Holdings plc"))
    found = verdict(result, context())
    assert [b.code for b in found.blockers] == ["scope.narrow", "answer.contradicted"]  # the file's order
    assert [c.code for c in found.concerns] == ["cert.holder_mismatch"]
    assert found.blockers[0].title == "The scope does not name the product"
    assert found.concerns[0].clause == "the certificate is not held by Acme Voice Ltd"
    narrow = next(f for f in result.flags if f.code == "scope.narrow")
    assert found.blockers[0].evidence == tuple(narrow.evidence)
    assert found.blockers[0].message == narrow.message
    assert found.next_steps[0] == "ask the supplier for the certificate whose scope covers Acme VoiceAgent"


def test_a_long_list_is_cut_in_the_headline_but_every_step_is_kept():
    flags = [Flag(code, RULES[code].severity, "m") for code in
             ("cert.expired", "cert.unaccredited", "scope.narrow", "soa.key_control_excluded", "soa.missing")]
    found = verdict(Assessment("red", flags), context())
    assert "; and 2 more." in found.headline
    assert len(found.next_steps) == 5


def test_a_green_verdict_says_nothing_was_found_and_counts_notes():
    clean = verdict(run(), context())
    assert clean.headline == ("Green: no blockers or concerns found in the certificate, the SoA and the "
                              "answers. Next: record your decision.")
    incomplete = Assessment("green", [Flag("soa.incomplete", "low", "The SoA lists 37 of the 38 controls")])
    noted = verdict(incomplete, context())
    assert "(1 note)" in noted.headline and noted.notes[0].title.startswith("The SoA does not list")
    assert noted.next_steps == ("ask the supplier for the complete Statement of Applicability",)


def test_placeholders_fall_back_when_the_context_does_not_say():
    flags = [Flag("scope.region_mismatch", "medium", "m")]
    bare = verdict(Assessment("amber", flags), context(required_regions=()))
    assert "no certified site in the required regions" in bare.headline
    named = verdict(Assessment("amber", flags), context(required_regions=("EU", "UK")))
    assert "no certified site in EU or UK" in named.headline


@pytest.mark.parametrize("reason", UNRATED_REASONS)
def test_an_unrated_assessment_says_why_and_what_to_do(reason):
    found = unrated(reason)
    assert found.rating is None and found.headline.startswith("Not rated: ")
    assert "Next: " in found.headline and found.next_steps


def test_an_unknown_reason_or_code_is_a_clear_error():
    with pytest.raises(FlagTextError, match="no unrated reason"):
        unrated("sleeping")
    with pytest.raises(FlagTextError, match="no texts for flag 'cert.made_up'"):
        flag_text("cert.made_up")


@pytest.mark.parametrize(("entry", "problem"), [
    ({"title": "x", "clause": "y"}, "must have exactly"),
    ({"title": "x", "clause": "y", "ask": ""}, "non-empty"),
    ({"title": "x", "clause": "the {vendor}", "ask": "z"}, "unknown placeholder"),
    ({"title": "x", "clause": "y.", "ask": "z"}, "full stop"),
])
def test_a_malformed_entry_is_refused_naming_where(entry, problem):
    with pytest.raises(FlagTextError, match=problem) as err:
        _check_entry("flags.cert.expired", entry, ("title", "clause", "ask"))
    assert "flags.cert.expired" in str(err.value)


def test_acceptance_is_risky_without_a_rating_documents_or_with_blockers():
    assert acceptance_risks(unrated("no_documents"), documents=0) == (
        "no documents were provided", "it is not rated")
    red = verdict(run(certificate(scope=EXCLUDING), soa_excluding(("A.10.3", None))), context())
    risks = acceptance_risks(red, documents=2)
    assert len(risks) == 1 and risks[0].startswith("it has 3 blockers: ")
    assert acceptance_risks(verdict(run(), context()), documents=2) == ()


def test_evidence_is_carried_as_flag_evidence():
    quote = FlagEvidence("certificate", 1, "Valid until 1 January 2020")
    found = verdict(Assessment("red", [Flag("cert.expired", "high", "expired", [quote])]), context())
    assert found.blockers[0].evidence == (quote,)
