"""answer.contradicted: each answer that agrees with, and that is contradicted by, the evidence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.scoring_helpers import certificate, codes, context, run

NARROW = {"cert": {"scope": "The development of the internal HR screening assistant."}}
EXCLUDED = {"cert": {"scope": "Provision of Acme VoiceAgent. Excluding third-party foundation models."}}
UNACCREDITED = {"cert": {"accreditation_body": None}}
NO_SOA: dict[str, Any] = {"soa": None}
CLEAN: dict[str, Any] = {}

CASES = [
    # answer, value, situation, contradicted?
    ("product_in_scope", "yes", NARROW, True),
    ("product_in_scope", "yes", CLEAN, False),
    ("product_in_scope", "no", NARROW, False),
    ("supply_chain_in_scope", "yes", EXCLUDED, True),
    ("supply_chain_in_scope", "Yes", EXCLUDED, True),
    ("supply_chain_in_scope", "Yes, all of them.", EXCLUDED, True),
    ("supply_chain_in_scope", "yesterday", EXCLUDED, False),
    ("supply_chain_in_scope", "yes", CLEAN, False),
    ("supply_chain_in_scope", "no", EXCLUDED, False),
    ("soa_shared", "yes", NO_SOA, True),
    ("soa_shared", "yes", CLEAN, False),
    ("soa_shared", "no", NO_SOA, False),
    ("accredited", "yes", UNACCREDITED, True),
    ("accredited", "yes", CLEAN, False),
    ("accredited", "no", UNACCREDITED, False),
]


@pytest.mark.parametrize(("answer", "value", "situation", "contradicted"), CASES)
def test_answer_contradicted(answer: str, value: str, situation: dict[str, Any], contradicted: bool) -> None:
    ctx = context(answers={answer: value})
    cert = certificate(**situation.get("cert", {}))
    the_soa = situation.get("soa", "default")
    assert ("answer.contradicted" in codes(cert, the_soa, ctx)) is contradicted


def test_unanswered_questions_contradict_nothing() -> None:
    assert "answer.contradicted" not in codes(certificate(accreditation_body=None), None, context(answers={}))


def test_two_contradictions_make_one_flag_citing_both() -> None:
    cert = certificate(scope="The internal HR assistant. Excluding third-party foundation models.")
    result = run(cert)
    flags = [f for f in result.flags if f.code == "answer.contradicted"]
    assert len(flags) == 1
    assert "product_in_scope" in str(flags[0].evidence) and "supply_chain_in_scope" in str(flags[0].evidence)
