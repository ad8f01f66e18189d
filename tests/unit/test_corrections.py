"""Corrections in the core: which fields a supplier may correct, how values are checked and applied."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.model import CertificateExtraction, SoaExtraction, UnknownExtraction
from scoring.corrections import (
    apply_corrections,
    coerce_control,
    coerce_value,
    control_field,
    control_id_of,
    correctable_fields,
    correction_text,
    display_text,
    display_value,
    effective_certificate,
    effective_extraction,
    effective_soa,
    field_label,
    machine_control,
)

SOA = {"kind": "soa", "version": "1", "controls": [
    {"id": "A.2.2", "applicable": True, "justification": None},
    {"id": "A.5.2", "applicable": False, "justification": None},
    {"id": "A.10.3", "applicable": True, "justification": "suppliers"}],
    "evidence": {"version": [{"page": 1, "text": "v1", "bbox": None}],
                 "controls": [{"page": 2, "text": "A.2.2", "bbox": None}, None,
                              {"page": 3, "text": "A.10.3", "bbox": None}]}}


def test_the_correctable_fields_come_from_the_schema_field_list():
    assert list(correctable_fields("certificate")) == [
        "standard", "certified", "holder", "certificate_number", "certification_body", "accreditation_body",
        "initial_certification_date", "issue_date", "expiry_date", "surveillance_dates", "next_audit_due",
        "scope", "sites"]  # soa_reference is not corrected as a field
    assert list(correctable_fields("soa")) == ["holder", "version", "date"]  # controls one by one
    assert correctable_fields("unknown") == {}


@pytest.mark.parametrize("kind, field, raw, value", [
    ("certificate", "holder", "  Acme \n Voice   Ltd ", "Acme Voice Ltd"),
    ("certificate", "holder", "   ", None),
    ("certificate", "certified", "Yes", True),
    ("certificate", "certified", "n", False),
    ("certificate", "expiry_date", " 2027-03-11 ", "2027-03-11"),
    ("certificate", "expiry_date", "", None),
    ("certificate", "surveillance_dates", "2026-02-01\n\n2025-02-01\n", ["2025-02-01", "2026-02-01"]),
    ("certificate", "sites", " London,  UK \n\nParis ", ["London, UK", "Paris"]),
    ("soa", "version", " 2.1 ", "2.1"),
])
def test_coerce_value(kind, field, raw, value):
    assert coerce_value(kind, field, raw) == value


@pytest.mark.parametrize("kind, field, raw, message", [
    ("certificate", "certified", "maybe", "Answer yes or no."),
    ("certificate", "issue_date", "12/03/2025", "Give the date as YYYY-MM-DD."),
    ("certificate", "surveillance_dates", "2025-02-01\nsoon", "Give the date as YYYY-MM-DD."),
    ("certificate", "soa_reference", "2.1", "'soa_reference' cannot be corrected on this document."),
    ("soa", "expiry_date", "2027-01-01", "'expiry_date' cannot be corrected on this document."),
])
def test_coerce_value_says_what_is_wrong(kind, field, raw, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.").replace("(", r"\(")):
        coerce_value(kind, field, raw)


def test_coerce_control():
    assert coerce_control("A.5.2", "applicable", " we  do ") == {"applicable": True, "justification": "we do"}
    assert coerce_control("A.5.2", "not_applicable", "") == {"applicable": False, "justification": None}
    assert coerce_control("A.5.2", "not_listed", "ignored") is None
    with pytest.raises(ValueError, match="not an Annex A control"):
        coerce_control("A.99.1", "applicable", None)
    with pytest.raises(ValueError, match="applicable, not applicable or not listed"):
        coerce_control("A.5.2", "perhaps", None)


def test_control_fields_round_trip():
    assert control_field("A.6.2.4") == "controls.A.6.2.4"
    assert control_id_of("controls.A.6.2.4") == "A.6.2.4" and control_id_of("holder") is None
    assert machine_control(SOA, "A.10.3") == {"applicable": True, "justification": "suppliers"}
    assert machine_control(SOA, "A.7.2") is None and machine_control(None, "A.7.2") is None


def test_a_corrected_field_replaces_the_value_and_drops_its_machine_evidence():
    machine = {"kind": "certificate", "holder": "Acme", "scope": "all",
               "evidence": {"holder": [{"page": 1, "text": "Acme", "bbox": None}],
                            "scope": [{"page": 1, "text": "all", "bbox": None}]}}
    merged = apply_corrections(machine, {"holder": "Acme Voice Ltd"})
    assert merged["holder"] == "Acme Voice Ltd" and merged["evidence"]["holder"] == []
    assert merged["evidence"]["scope"] == machine["evidence"]["scope"]
    assert machine["holder"] == "Acme" and machine["evidence"]["holder"]  # the stored reading is untouched


def test_control_corrections_replace_insert_in_annex_order_and_remove():
    merged = apply_corrections(SOA, {"controls.A.5.2": {"applicable": True, "justification": "done"},
                                     "controls.A.7.2": {"applicable": False, "justification": None},
                                     "controls.A.2.2": None, "version": "2"})
    assert [(c["id"], c["applicable"]) for c in merged["controls"]] == [
        ("A.5.2", True), ("A.7.2", False), ("A.10.3", True)]
    # evidence stays aligned with its row; corrected rows have none
    assert merged["evidence"]["controls"] == [None, None, SOA["evidence"]["controls"][2]]
    assert merged["version"] == "2" and merged["evidence"]["version"] == []
    assert [c["id"] for c in SOA["controls"]] == ["A.2.2", "A.5.2", "A.10.3"]


def test_effective_extractions_are_typed_and_corrected():
    cert = effective_certificate({"kind": "certificate", "expiry_date": "2026-01-01"},
                                 {"expiry_date": "2027-01-01", "surveillance_dates": ["2025-06-01"]})
    assert isinstance(cert, CertificateExtraction)
    assert cert.expiry_date == dt.date(2027, 1, 1) and cert.surveillance_dates == [dt.date(2025, 6, 1)]
    soa = effective_soa(SOA, {"controls.A.2.2": None})
    assert isinstance(soa, SoaExtraction) and [c.id for c in soa.controls] == ["A.5.2", "A.10.3"]
    assert soa.controls[1].evidence is not None and soa.controls[1].evidence.page == 3


def test_a_document_in_a_role_it_was_not_read_as_is_an_empty_one_of_that_role():
    # scored as an empty certificate, so the flags say what is missing; corrections may complete it
    cert = effective_extraction({"kind": "soa", "holder": "Acme"}, "certificate", {"holder": "Acme Ltd"})
    assert isinstance(cert, CertificateExtraction) and cert.holder == "Acme Ltd" and cert.scope is None
    other = effective_extraction({"kind": "unknown", "title": "Letter"}, "other", {})
    assert isinstance(other, UnknownExtraction) and other.title == "Letter"


def test_labels_and_text_for_people():
    assert field_label("certificate", "expiry_date") == "Expiry date"
    assert field_label("soa", "date") == "Date"
    assert field_label("soa", "controls.A.10.3") == "Control A.10.3 Suppliers"
    assert display_value(["a", "b"]) == "a\nb" and display_value(None) == "" and display_value(False) == "no"
    assert display_text(["a", "b"]) == "a; b" and display_text(["a", "b"], ", ") == "a, b"
    assert correction_text("controls.A.5.2", {"applicable": False, "justification": "n/a"}) == (
        "not applicable — n/a")
    assert correction_text("controls.A.5.2", None) == "not listed"
    assert correction_text("sites", ["x", "y"]) == "x; y"
