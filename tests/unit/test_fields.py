"""The schema's field list, defined once in parsers.model, matches the extractions' own JSON."""

from __future__ import annotations

import pytest

from parsers.model import (
    CERTIFICATE_FIELDS,
    FIELDS,
    SOA_FIELDS,
    CertificateExtraction,
    SoaExtraction,
    field_spec,
)


@pytest.mark.parametrize("fields, extraction", [(CERTIFICATE_FIELDS, CertificateExtraction()),
                                                (SOA_FIELDS, SoaExtraction())])
def test_every_schema_field_once_in_schema_order(fields, extraction):
    keys = [k for k in extraction.schema_json() if k != "kind"]
    assert [f.name for f in fields] == keys


def test_each_field_has_a_label_and_a_description():
    for kind, fields in FIELDS.items():
        for spec in fields:
            assert spec.label and spec.label[0].isupper(), (kind, spec)
            assert spec.description and not spec.description.endswith("."), (kind, spec)


def test_field_spec_looks_up_by_kind():
    assert field_spec("certificate", "expiry_date").value_type == "date"
    assert field_spec("soa", "version").label == "Version"
    with pytest.raises(KeyError, match="soa extractions have no field 'expiry_date'"):
        field_spec("soa", "expiry_date")
