"""Certificate rules: standard, certification claim, accreditation, holder, missing fields."""

from __future__ import annotations

import pytest

from scoring import ScoringSettings
from scoring.rules.certificate import entity_name
from scoring.settings import DEFAULT_LEGAL_FORMS
from tests.unit.scoring_helpers import certificate, codes, context, run


@pytest.mark.parametrize(("standard", "flagged"), [
    ("ISO/IEC 42001:2023", False),
    ("ISO/IEC 42001", False),
    ("ISO/IEC 27001:2022", True),
    ("ISO 9001:2015", True),
    (None, True),  # a document that names no standard does not show 42001 certification
])
def test_not_42001(standard: str | None, flagged: bool) -> None:
    assert ("cert.not_42001" in codes(certificate(standard=standard))) is flagged


def test_an_unread_standard_is_not_flagged_when_the_document_names_42001() -> None:
    cert = certificate(standard=None, page_texts=["Certificate\nAI management system: ISO/IEC 42001:2023\n"])
    assert "cert.not_42001" not in codes(cert)


@pytest.mark.parametrize(("certified", "flagged"), [(True, False), (False, True), (None, False)])
def test_not_certified_only_when_the_document_claims_alignment(certified: bool | None, flagged: bool) -> None:
    assert ("cert.not_certified" in codes(certificate(certified=certified))) is flagged


def test_not_certified_quotes_the_alignment_wording_from_the_page() -> None:
    cert = certificate(certified=False, page_texts=["Statement of Alignment\nAcme Voice Ltd is aligned with "
                                                    "ISO/IEC 42001:2023\n"])
    flag = next(f for f in run(cert).flags if f.code == "cert.not_certified")
    assert (flag.evidence[0].page, flag.evidence[0].quote) == (1, "Statement of Alignment")


@pytest.mark.parametrize(("stated", "flagged"), [
    ("UKAS", False),
    ("United Kingdom Accreditation Service", False),
    ("ANAB", False),
    ("DAkkS", False),
    ("JAS-ANZ", False),
    (None, True),
    ("", True),
    ("United Accreditation Foundation", True),
    ("UAF", True),
    ("International Accreditation Council for AI", True),
    ("Global Certification Forum", True),
])
def test_unaccredited_against_the_iaf_mla_list(stated: str | None, flagged: bool) -> None:
    assert ("cert.unaccredited" in codes(certificate(accreditation_body=stated))) is flagged


class _OnlyAcme:
    """A buyer's own registry: recognises one body."""

    def match(self, text: str) -> object | None:
        return "ACME-AB" if text == "Acme Accreditation" else None


def test_a_buyer_supplied_registry_is_used() -> None:
    settings = ScoringSettings(accreditation=_OnlyAcme())
    assert "cert.unaccredited" in codes(certificate(accreditation_body="UKAS"), settings=settings)
    assert "cert.unaccredited" not in codes(certificate(accreditation_body="Acme Accreditation"),
                                            settings=settings)


@pytest.mark.parametrize("holder", [
    "Acme Voice Ltd", "Acme Voice Limited", "ACME VOICE LTD.", "Acme Voice, Inc.", "Acme Voice Inc",
    "Acme Voice LLC", "Acme Voice GmbH", "Acme Voice plc", "Acme Voice PLC", "Acme Voice S.A.",
    "Acme Voice SA",
    "Acme Voice B.V.", "Acme Voice BV", "Acme Voice Pty Ltd", "Acme Voice Corp.", "Acme Voice Corporation",
    "Acme Voice Co., Ltd.", "Acme Voice", "acme-voice ltd",
])
def test_holder_matches_ignoring_case_punctuation_and_legal_forms(holder: str) -> None:
    assert "cert.holder_mismatch" not in codes(certificate(holder=holder))


@pytest.mark.parametrize(("holder", "supplier"), [
    ("Smith & Jones Ltd", "Smith and Jones Limited"),
    ("Société Générale S.A.", "Societe Generale SA"),
])
def test_ampersands_and_accents_do_not_make_a_mismatch(holder: str, supplier: str) -> None:
    ctx = context(supplier_legal_name=supplier)
    assert "cert.holder_mismatch" not in codes(certificate(holder=holder), ctx=ctx)


@pytest.mark.parametrize(("holder", "supplier"), [
    ("Acme Voice Holdings plc", "Acme Voice Ltd"),
    ("Brightfen Partners LLP", "Brightfen Legal AI Ltd"),
    ("Vantory Group Holdings plc", "Vantory Retail Intelligence Inc."),
    ("Acme Voices Ltd", "Acme Voice Ltd"),
])
def test_holder_mismatch_for_another_entity(holder: str, supplier: str) -> None:
    ctx = context(supplier_legal_name=supplier)
    assert "cert.holder_mismatch" in codes(certificate(holder=holder), ctx=ctx)


def test_entity_name_drops_each_legal_form() -> None:
    for form in DEFAULT_LEGAL_FORMS:
        assert entity_name(f"Acme {form.upper()}.", DEFAULT_LEGAL_FORMS) == "acme"


# FLAGS.md names these; the lexicon's list (which scoring reads) is a superset.
FLAGS_LEGAL_FORMS = ("Ltd", "Limited", "Inc", "LLC", "GmbH", "plc", "S.A.", "B.V.", "Pty", "Corp",
                     "Corporation", "Co")


def test_every_legal_form_flags_md_names_is_read_from_the_lexicon() -> None:
    for form in FLAGS_LEGAL_FORMS:
        assert entity_name(f"Acme Voice {form}", DEFAULT_LEGAL_FORMS) == "acme voice", form


@pytest.mark.parametrize(("holder", "supplier"), [
    ("Acme Voice AB", "Acme Voice"),  # forms of other countries, from the lexicon
    ("Acme Voice Sp. z o.o.", "Acme Voice Ltd"),
    ("Acme Voice Private Limited", "Acme Voice Pvt. Ltd."),
    ("Acme Voice S.r.l.", "ACME VOICE SRL"),
    ("AB Acme Voice", "Acme Voice AB"),  # a form printed first
])
def test_legal_forms_of_any_country_are_ignored(holder: str, supplier: str) -> None:
    ctx = context(supplier_legal_name=supplier)
    assert "cert.holder_mismatch" not in codes(certificate(holder=holder), ctx=ctx)


def test_a_legal_form_word_inside_a_name_is_part_of_it() -> None:
    assert entity_name("Acme Co Voice Ltd", DEFAULT_LEGAL_FORMS) == "acme co voice"
    assert entity_name("Private Health Partners Ltd", DEFAULT_LEGAL_FORMS) == "private health partners"
    assert entity_name("Limited", DEFAULT_LEGAL_FORMS) == "limited"  # nothing but a form: keep it


def test_holder_mismatch_names_both_parties() -> None:
    result = run(certificate(holder="Acme Group plc"))
    flag = next(f for f in result.flags if f.code == "cert.holder_mismatch")
    assert "Acme Group plc" in flag.message and "Acme Voice Ltd" in flag.message
    assert {e.document for e in flag.evidence} == {"certificate", "context"}


@pytest.mark.parametrize("field",
                         ["holder", "certificate_number", "certification_body", "expiry_date", "scope"])
def test_each_missing_field_is_flagged_and_named(field: str) -> None:
    result = run(certificate(**{field: None}))
    flag = next(f for f in result.flags if f.code == "cert.missing_fields")
    assert field.replace("_", " ") in flag.message
    assert all(e.page is None and e.quote.startswith("Looked for") for e in flag.evidence)


def test_optional_fields_missing_raise_nothing() -> None:
    cert = certificate(initial_certification_date=None, sites=[], soa_reference=None, next_audit_due=None)
    assert codes(cert, ctx=context(required_regions=())) == set()


def test_registries_are_not_kept_alive_by_the_match_memo() -> None:
    import gc

    from scoring.rules.certificate import _MATCHES

    settings = ScoringSettings(accreditation=_OnlyAcme())
    codes(certificate(accreditation_body="Acme Accreditation"), settings=settings)
    assert settings.accreditation in _MATCHES
    before = len(_MATCHES)
    del settings
    gc.collect()
    assert len(_MATCHES) == before - 1
