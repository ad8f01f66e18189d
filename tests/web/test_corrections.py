"""Corrections: the supplier fixes a misread field with a reason; both values are kept and scored."""

from __future__ import annotations

import sqlalchemy as sa

from portal.models import Assessment, Correction, Document, Scoring

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, corpus_pdf, query, upload

parties = assessment_fixtures.parties


def _uploaded(app, login, parties):
    app.config["TODAY"] = "2025-06-18"
    client = login(parties.supplier)
    upload(client, parties.assessment.id, corpus_pdf())
    [doc] = query(app, sa.select(Document))
    return client, doc


def _correct(client, parties, doc, **data):
    return client.post(
        f"/assessments/{parties.assessment.id}/documents/{doc.id}/corrections",
        data=data,
        follow_redirects=True,
    )


def test_correction_keeps_machine_value_and_rescoring_uses_the_supplier_value(app, login, parties):
    client, doc = _uploaded(app, login, parties)
    machine = doc.extraction["expiry_date"]
    page = _correct(
        client,
        parties,
        doc,
        field="expiry_date",
        value="2025-01-31",
        reason="The certificate was withdrawn early",
    )
    assert b"Correction saved" in page.data
    [row] = query(app, sa.select(Correction))
    assert (row.field, row.machine_value, row.corrected_value) == ("expiry_date", machine, "2025-01-31")
    assert row.reason == "The certificate was withdrawn early" and row.user_id == parties.supplier.id
    latest = query(app, sa.select(Scoring).order_by(Scoring.id.desc()).limit(1))[0]
    assert latest.trigger == "correction"
    assert "cert.expired" in {f["code"] for f in latest.flags}
    [assessment] = query(app, sa.select(Assessment).where(Assessment.id == parties.assessment.id))
    assert assessment.expiry_date.isoformat() == "2025-01-31" and assessment.rating == "red"
    assert "document.correct" in audit_actions(app)


def test_buyer_sees_corrections_marked_supplier_provided(app, login, parties):
    client, doc = _uploaded(app, login, parties)
    _correct(
        client, parties, doc, field="holder", value="Harbourline Voice Limited", reason="Full legal name"
    )
    for who in (parties.procurement, parties.legal):
        signed = login(who)
        for url in (
            f"/assessments/{parties.assessment.id}",
            f"/assessments/{parties.assessment.id}/documents/{doc.id}",
        ):
            page = signed.get(url).data
            assert b"supplier-provided" in page and b"Harbourline Voice Limited" in page, url
        assert (
            b"Save correction"
            not in signed.get(f"/assessments/{parties.assessment.id}/documents/{doc.id}").data
        )


def test_a_later_correction_wins_and_both_are_kept(app, login, parties):
    client, doc = _uploaded(app, login, parties)
    _correct(client, parties, doc, field="certificate_number", value="AIMS 1", reason="typo")
    _correct(client, parties, doc, field="certificate_number", value="AIMS 2", reason="second typo")
    assert [r.corrected_value for r in query(app, sa.select(Correction).order_by(Correction.id))] == [
        "AIMS 1",
        "AIMS 2",
    ]
    page = client.get(f"/assessments/{parties.assessment.id}").data
    assert b"AIMS 2" in page


def test_bad_corrections_are_refused(app, login, parties):
    client, doc = _uploaded(app, login, parties)
    bad_date = _correct(client, parties, doc, field="expiry_date", value="31/01/2025", reason="x")
    assert b"YYYY-MM-DD" in bad_date.data
    no_reason = _correct(client, parties, doc, field="holder", value="X Ltd", reason="")
    assert b"reason" in no_reason.data
    unknown = _correct(client, parties, doc, field="password_hash", value="x", reason="x")
    assert b"cannot be corrected" in unknown.data
    assert query(app, sa.select(Correction)) == []


def test_list_fields_are_corrected_one_item_per_line(app, login, parties):
    client, doc = _uploaded(app, login, parties)
    _correct(
        client, parties, doc, field="sites", value="1 King Street, London\n\n2 Quay, Leeds ", reason="sites"
    )
    [row] = query(app, sa.select(Correction))
    assert row.corrected_value == ["1 King Street, London", "2 Quay, Leeds"]
    # read back as separate items, not run together as one address
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}").data
    assert b"1 King Street, London; 2 Quay, Leeds" in page


def test_only_the_supplier_corrects(app, login, parties):
    _, doc = _uploaded(app, login, parties)
    for who in (parties.procurement, parties.legal):
        response = _correct(login(who), parties, doc, field="holder", value="X", reason="x")
        assert response.status_code == 403
    other = _correct(login(parties.other_supplier), parties, doc, field="holder", value="X", reason="x")
    assert other.status_code == 404
    assert query(app, sa.select(Correction)) == []
