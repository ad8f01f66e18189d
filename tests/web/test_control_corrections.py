"""Control corrections: the supplier fixes one misread SoA control; both readings are kept and scored."""

from __future__ import annotations

import sqlalchemy as sa

from parsers import SoaExtraction
from portal.models import AuditEvent, Correction, Document, Scoring
from scoring.corrections import apply_corrections

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, corpus_pdf, query, upload

parties = assessment_fixtures.parties

# an SoA that marks A.10.2 (allocating responsibilities) not applicable, without a justification
CASE = "d14_merrow"
SOA_FLAGS = ("soa.key_control_excluded", "soa.unjustified_exclusion")


def _uploaded(app, login, parties):
    """Upload the case's certificate and SoA as the supplier; return the client and the SoA."""
    app.config["TODAY"] = "2025-06-30"
    client = login(parties.supplier)
    for name, role in (("certificate.pdf", "certificate"), ("soa.pdf", "soa")):
        response = upload(client, parties.assessment.id, corpus_pdf(name, CASE), filename=name, role=role)
        assert response.status_code == 302
    [soa] = query(app, sa.select(Document).where(Document.role == "soa"))
    return client, soa


def _correct(client, parties, doc, **data):
    return client.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/controls",
                       data=data, follow_redirects=True)


def _latest(app) -> Scoring:
    return query(app, sa.select(Scoring).order_by(Scoring.id.desc()).limit(1))[0]


def _codes(scoring: Scoring) -> set[str]:
    return {f["code"] for f in scoring.flags}


def _soa_evidence(scoring: Scoring, code: str) -> list[dict]:
    return [e for f in scoring.flags if f["code"] == code for e in f["evidence"] if e["document"] == "soa"]


def test_correcting_an_exclusion_clears_its_flags_and_keeps_both_readings(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    machine = next(c for c in soa.extraction["controls"] if c["id"] == "A.10.2")
    assert machine["applicable"] is False
    before = _latest(app)
    assert set(SOA_FLAGS) <= _codes(before) and _soa_evidence(before, "scope.supply_chain_excluded")
    page = _correct(client, parties, soa, control="A.10.2", state="applicable",
                    justification="  Responsibilities with  suppliers are allocated by contract. ",
                    reason="The table's tick column was read as a cross")
    assert b"Correction of A.10.2 saved" in page.data
    [row] = query(app, sa.select(Correction))
    assert row.field == "controls.A.10.2" and row.user_id == parties.supplier.id
    assert row.machine_value == {"applicable": False, "justification": machine["justification"]}
    fixed = "Responsibilities with suppliers are allocated by contract."
    assert row.corrected_value == {"applicable": True, "justification": fixed}
    after = _latest(app)
    assert after.trigger == "correction"
    assert not set(SOA_FLAGS) & _codes(after)
    # the scope still excludes externally provided speech services; only the SoA's part is gone
    assert _soa_evidence(after, "scope.supply_chain_excluded") == []
    assert "document.correct" in audit_actions(app)
    [event] = query(app, sa.select(AuditEvent).where(AuditEvent.action == "document.correct"))
    assert "controls.A.10.2" in str(event.details)


def test_a_control_the_parser_missed_is_added_in_annex_a_order(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    ids = [c["id"] for c in soa.extraction["controls"]]
    # pretend the parser missed A.7.4 by first marking it not listed, then adding it back excluded
    _correct(client, parties, soa, control="A.7.4", state="not_listed", reason="A stray footnote row")
    assert "soa.incomplete" in _codes(_latest(app))
    _correct(client, parties, soa, control="A.7.4", state="not_applicable", justification="",
             reason="Row was split over two pages")
    latest = _latest(app)
    assert "soa.incomplete" not in _codes(latest)
    assert any("A.7.4" in f["message"] for f in latest.flags if f["code"] == "soa.unjustified_exclusion")
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}/documents/{soa.id}")
    html = page.get_data(as_text=True)
    rows = [cid for cid in ids if f'id="control-{cid}"' in html]
    assert rows == ids  # every control shown once, in document order, A.7.4 back in its place
    at = [html.index(f'id="control-{cid}"') for cid in ("A.7.3", "A.7.4", "A.7.5")]
    assert at == sorted(at)


def test_buyer_sees_corrected_control_marked_with_the_machine_reading(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    _correct(client, parties, soa, control="A.10.2", state="applicable",
             justification="Allocated in supplier contracts", reason="Misread tick")
    for who in (parties.procurement, parties.legal):
        signed = login(who)
        detail = signed.get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
        assert "A.10.2 Allocating responsibilities" in detail
        assert "applicable — Allocated in supplier contracts" in detail
        assert "supplier-provided" in detail and "(read: not applicable)" in detail
        doc_url = f"/assessments/{parties.assessment.id}/documents/{soa.id}"
        doc_page = signed.get(doc_url).get_data(as_text=True)
        row = doc_page[doc_page.index('id="control-A.10.2"'):]
        row = row[:row.index("</tr>")]
        assert "supplier-provided" in row and "Misread tick" in row and "not applicable" in row
        assert "Save control correction" not in doc_page
    summary = login(parties.legal).get(f"/legal/assessments/{parties.assessment.id}/summary")
    html = summary.get_data(as_text=True)
    assert "Control A.10.2 Allocating responsibilities" in html and "Misread tick" in html


def test_the_supplier_sees_the_control_form(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    html = client.get(f"/assessments/{parties.assessment.id}/documents/{soa.id}").get_data(as_text=True)
    assert "Save control correction" in html and 'value="A.10.3"' in html and 'value="not_listed"' in html


def test_bad_control_corrections_are_refused(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    unknown = _correct(client, parties, soa, control="A.11.9", state="applicable", reason="x")
    assert b"not an Annex A control" in unknown.data
    no_reason = _correct(client, parties, soa, control="A.10.2", state="applicable", reason=" ")
    assert b"reason" in no_reason.data
    bad_state = _correct(client, parties, soa, control="A.10.2", state="maybe", reason="x")
    assert b"Choose a control" in bad_state.data
    [cert] = query(app, sa.select(Document).where(Document.role == "certificate"))
    on_cert = _correct(client, parties, cert, control="A.10.2", state="applicable", reason="x")
    assert b"only on a Statement of Applicability" in on_cert.data
    assert query(app, sa.select(Correction)) == []


def test_ordinary_field_route_does_not_take_control_fields(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    response = client.post(f"/assessments/{parties.assessment.id}/documents/{soa.id}/corrections",
                           data={"field": "controls.A.10.2", "value": "yes", "reason": "x"},
                           follow_redirects=True)
    assert b"cannot be corrected" in response.data
    assert query(app, sa.select(Correction)) == []


def test_only_the_supplier_corrects_controls(app, login, parties):
    _, soa = _uploaded(app, login, parties)
    data = {"control": "A.10.2", "state": "applicable", "reason": "x"}
    for who in (parties.procurement, parties.legal):
        assert _correct(login(who), parties, soa, **data).status_code == 403
    assert _correct(login(parties.other_supplier), parties, soa, **data).status_code == 404
    assert query(app, sa.select(Correction)) == []


def test_overlay_keeps_document_order_and_each_row_with_its_own_evidence():
    ev = [{"page": p, "text": f"{cid} row"} for p, cid in ((1, "A.2.2"), (2, "A.10.3"), (2, "A.5.2"))]
    data = {"kind": "soa", "controls": [{"id": "A.2.2", "applicable": True, "justification": "p"},
                                        {"id": "A.10.3", "applicable": False, "justification": None},
                                        {"id": "A.5.2", "applicable": True, "justification": "q"}],
            "evidence": {"controls": ev}}
    corrected = {"controls.A.10.3": {"applicable": True, "justification": "j"},
                 "controls.A.4.2": {"applicable": True, "justification": None},
                 "controls.A.2.2": None}
    merged = apply_corrections(data, corrected)
    assert [c["id"] for c in merged["controls"]] == ["A.4.2", "A.10.3", "A.5.2"]
    assert merged["evidence"]["controls"] == [None, None, ev[2]]
    assert data["controls"][0]["id"] == "A.2.2" and data["evidence"]["controls"] == ev  # input untouched
    soa = SoaExtraction.from_json(merged)
    assert [(c.id, c.applicable, c.evidence is not None) for c in soa.controls] == [
        ("A.4.2", True, False), ("A.10.3", True, False), ("A.5.2", True, True)]


def test_pre_flight_sends_the_supplier_to_correct_a_misread_control(app, login, parties):
    client, soa = _uploaded(app, login, parties)
    html = client.get(f"/assessments/{parties.assessment.id}/documents").get_data(as_text=True)
    item = html[html.index('data-code="soa.key_control_excluded"'):]
    item = item[:item.index("</li>")]
    assert f'/assessments/{parties.assessment.id}/documents/{soa.id}#controls' in item
    assert "Correct a misread control" in item
