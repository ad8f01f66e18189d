"""scope.narrow and scope.supply_chain_excluded: product matching and every exclusion phrasing."""

from __future__ import annotations

import pytest

from scoring.exclusions import supply_chain_exclusions
from tests.unit.scoring_helpers import certificate, codes, context, run, soa_excluding

BASE = "The design, development and operation of {}, including monitoring and customer support."


def _narrow(scope: str, product: str = "Acme VoiceAgent", aliases: tuple[str, ...] = ()) -> bool:
    ctx = context(product=product, product_aliases=aliases)
    return "scope.narrow" in codes(certificate(scope=scope), ctx=ctx)


@pytest.mark.parametrize("named", [
    "the Acme VoiceAgent platform",
    "ACME VOICEAGENT",
    "acme voiceagent",
    "Acme-VoiceAgent",
    "the Acme VoiceAgents",  # plural
    "VoiceAgent (Acme)",  # word order
    "Acme Voice Agent",  # spacing
    "Acme VoiceAgnet",  # a typo in a long word
    "Acme's AI VoiceAgent",  # one word inserted
])
def test_the_product_named_fuzzily_covers(named: str) -> None:
    assert not _narrow(BASE.format(named))


@pytest.mark.parametrize(("product", "named"), [
    ("Acme VoiceAgent 2.0", "the Acme VoiceAgent"),  # version numbers are not part of the name
    ("Assistant for Claims", "the claims assistant"),  # little words are not either
])
def test_versions_and_little_words_are_ignored(product: str, named: str) -> None:
    assert not _narrow(BASE.format(named), product)


def test_an_alias_covers() -> None:
    assert not _narrow(BASE.format("the VoiceAgent platform"), aliases=("VoiceAgent platform",))
    assert not _narrow("The design and operation of the CreditScore AI.", "Quorrel CreditScore AI",
                       ("CreditScore AI",))


@pytest.mark.parametrize("scope", [
    "The design, development, operation and support of all AI systems developed and operated by Acme Ltd.",
    "All AI-enabled products and services provided by Acme Voice Limited, including their design.",
    "The AI management system covering all AI systems, products and services of Acme Voice Ltd.",
    "The information security management system of Acme Voice Ltd covering all products and services.",
    "All of Acme Voice's AI systems.",
    "An organisation-wide AI management system.",
    "Every AI system developed by Acme Voice Ltd.",
    "Entwicklung und Betrieb aller KI-Systeme; alle Produkte und Dienstleistungen der Acme GmbH.",
])
def test_organisation_wide_scopes_cover(scope: str) -> None:
    assert not _narrow(scope)


@pytest.mark.parametrize("scope", [
    "The development and use of an AI-assisted CV screening tool used internally by the Human Resources "
    "department.",
    "AI governance of the internal IT service desk chatbot used by employees.",
    BASE.format("the Acme Voice HR screening assistant"),  # the company name is not the product
    BASE.format("Acme VoiceDesk"),
    "All AI systems are excluded except the internal HR screening assistant.",
    "The operation of all internal HR tools.",  # "all" of something else
])
def test_scopes_naming_another_system_are_narrow(scope: str) -> None:
    assert _narrow(scope)


@pytest.mark.parametrize(("scope", "product", "narrow"), [
    (BASE.format("the VoiceAgent platform"), "Acme VoiceAgent", False),  # brand dropped, coined name kept
    (BASE.format("the Triage Assistant"), "Acme Triage Assistant", False),
    (BASE.format("the analytics dashboard"), "Acme Analytics", True),  # one plain word is not distinctive
    (BASE.format("the Acme HR assistant"), "Acme VoiceAgent", True),
])
def test_the_product_named_without_its_brand(scope: str, product: str, narrow: bool) -> None:
    assert _narrow(scope, product) is narrow


def test_short_words_must_match_exactly() -> None:
    assert _narrow(BASE.format("Transcription services"), "Transcribe API")


def test_narrow_message_quotes_scope_and_product() -> None:
    scope = "The development of the HR screening assistant."
    flag = next(f for f in run(certificate(scope=scope)).flags if f.code == "scope.narrow")
    assert "HR screening assistant" in flag.message and "Acme VoiceAgent" in flag.message


def test_no_scope_is_missing_fields_not_narrow() -> None:
    assert codes(certificate(scope=None)) & {"scope.narrow", "cert.missing_fields"} == {"cert.missing_fields"}


PRODUCT = "Provision of Acme VoiceAgent, covering development and hosting."


@pytest.mark.parametrize("sentence", [
    "Excluding third-party foundation models.",
    "The scope excludes large language models provided by third parties.",
    "The scope does not extend to sub-processors.",
    "Externally provided speech-to-text and text-to-speech services are outside the scope.",
    "Third-party LLMs are not within the scope.",
    "All components are covered with the exception of third-party speech recognition.",
    "All AI components other than those supplied by third parties.",
    "Limited to the orchestration layer; large language models supplied by third parties are excluded.",
    "Telephony provided by external carriers is not covered.",
    "The certification does not cover third-party APIs.",
    "Speech synthesis (TTS) supplied by vendors is excluded from the scope.",
    "Services provided by OpenAI are excluded.",  # a named supply-chain member
    "Excluding Deepgram.",
    "Excluded: externally hosted AI models.",
    "The scope is limited to in-house components and does not include supplier-provided models.",
    "Exclusions: third-party LLM services.",
    "The use of third-party generative AI services is excluded.",
    "The platform is covered but excludes the underlying models provided by Microsoft.",
    "Modelle von Drittanbietern sind ausgeschlossen.",
    "Deepgram speech recognition is provided outside the certified scope.",
    "Third-party LLMs: out-of-scope.",
    "Excluding our own and third-party speech recognition models.",
    "Mit Ausnahme der Spracherkennung durch Zulieferer.",
])
def test_each_exclusion_phrasing_flags(sentence: str) -> None:
    assert "scope.supply_chain_excluded" in codes(certificate(scope=f"{PRODUCT} {sentence}"))


@pytest.mark.parametrize("sentence", [
    "Excluding the company's facilities management and payroll functions.",
    "Including the third-party LLMs and speech recognition services integrated into the platform.",
    "Third-party foundation models are within the scope and subject to supplier controls.",
    "Third-party models are not excluded.",
    "Sub-processors are managed under supplier agreements.",
    "Excluding facilities management provided by third parties.",
    "Available in languages other than English.",
    "Excluding the in-house research prototypes operated by the company.",
    "Supports telephony integrations with major carriers.",
    "The scope excludes no third-party components.",
    "Exclusions: none.",
    "Ausgenommen sind die Personalabrechnung und das Gebäudemanagement.",
    "Modelle von Drittanbietern sind nicht ausgeschlossen.",
    "Third-party LLMs are not outside the scope.",
    "Excluding the in-house LLM research lab.",
])
def test_sentences_that_do_not_exclude_the_supply_chain_do_not_flag(sentence: str) -> None:
    assert "scope.supply_chain_excluded" not in codes(certificate(scope=f"{PRODUCT} {sentence}"))


def test_exclusion_evidence_quotes_the_sentence_on_its_page() -> None:
    scope = f"{PRODUCT} The scope does not extend to sub-processors."
    page = ("Certificate of Registration\nScope: Provision of Acme VoiceAgent, covering development and\n"
            "hosting. The scope does not extend to sub-\nprocessors.\n")
    cert = certificate(scope=scope, page_texts=["Cover page", page])
    flag = next(f for f in run(cert).flags if f.code == "scope.supply_chain_excluded")
    assert flag.evidence[0].page == 2
    assert flag.evidence[0].quote == "The scope does not extend to sub- processors."


def test_named_member_is_reported() -> None:
    found = supply_chain_exclusions("Services provided by OpenAI are excluded.", ["OpenAI", "Deepgram"], 90)
    assert [f.member for f in found] == ["OpenAI"]


@pytest.mark.parametrize(("control", "flagged"), [("A.10.2", True), ("A.10.3", True), ("A.10.4", False)])
def test_soa_excluding_supplier_controls_flags(control: str, flagged: bool) -> None:
    result = codes(the_soa=soa_excluding((control, "No suppliers.")))
    assert ("scope.supply_chain_excluded" in result) is flagged
