"""Uploads: PDFs only (by content), size limit, durable content-addressed storage, duplicates, failures."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assessment, Document, StoredFile

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, corpus_pdf, query, storage_files, upload

parties = assessment_fixtures.parties

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def _docs(app, assessment_id):
    return query(
        app, sa.select(Document).where(Document.assessment_id == assessment_id).order_by(Document.id)
    )


def test_certificate_is_stored_by_hash_then_parsed_and_scored(app, login, parties):
    client = login(parties.supplier)
    data = corpus_pdf()
    response = upload(client, parties.assessment.id, data, filename="../../etc/passwd.pdf")
    assert response.status_code == 302
    [doc] = _docs(app, parties.assessment.id)
    digest = hashlib.sha256(data).hexdigest()
    assert doc.sha256 == digest and doc.parse_status == "parsed" and doc.kind == "certificate"
    assert doc.filename == "passwd.pdf"  # shown only; the file lives under its hash
    assert [p.name for p in storage_files(app)] == [digest]
    assert storage_files(app)[0].read_bytes() == data
    [assessment] = query(app, sa.select(Assessment).where(Assessment.id == parties.assessment.id))
    assert assessment.rating in ("red", "amber", "green") and assessment.last_scored_at is not None
    assert "document.upload" in audit_actions(app)
    page = client.get(response.headers["Location"])
    assert b"Fields read" in page.data


@pytest.mark.parametrize("payload, name", [(PNG, "scan.pdf"), (HTML, "certificate.pdf"), (b"", "empty.pdf")])
def test_non_pdf_content_is_refused_whatever_its_name(app, login, parties, payload, name):
    client = login(parties.supplier)
    response = upload(client, parties.assessment.id, payload, filename=name)
    assert response.status_code == 400
    assert b"Upload refused" in response.data or b"Choose a PDF" in response.data
    assert _docs(app, parties.assessment.id) == [] and storage_files(app) == []


def test_oversize_file_is_refused(app, login, parties):
    app.config["UPLOAD_MAX_BYTES"] = 4096
    client = login(parties.supplier)
    response = upload(client, parties.assessment.id, b"%PDF-1.7\n" + b"0" * 5000)
    assert response.status_code == 400 and b"limit" in response.data
    assert storage_files(app) == []


def test_corrupt_pdf_is_kept_with_its_reason_and_can_be_parsed_again(app, login, parties):
    client = login(parties.supplier)
    truncated = corpus_pdf()[:300]
    response = upload(client, parties.assessment.id, truncated)
    assert response.status_code == 302
    [doc] = _docs(app, parties.assessment.id)
    assert doc.parse_status == "failed" and doc.parse_error
    assert len(storage_files(app)) == 1  # kept, so it can be parsed again or downloaded
    page = client.get(f"/assessments/{parties.assessment.id}/documents/{doc.id}")
    assert b"could not be read" in page.data and doc.parse_error.encode()[:30] in page.data
    assert b"Parse again" in page.data
    again = client.post(f"/assessments/{parties.assessment.id}/documents/{doc.id}/parse")
    assert again.status_code == 302
    assert "document.reparse" in audit_actions(app)
    [doc] = _docs(app, parties.assessment.id)
    assert doc.parse_status == "failed"


def test_same_file_twice_is_recognised_and_not_stored_again(app, login, parties):
    client = login(parties.supplier)
    data = corpus_pdf()
    upload(client, parties.assessment.id, data)
    second = upload(client, parties.assessment.id, data, filename="again.pdf")
    assert second.status_code == 302
    followed = client.get(second.headers["Location"])
    assert b"already uploaded" in followed.data
    assert len(_docs(app, parties.assessment.id)) == 1 and len(storage_files(app)) == 1
    assert len(query(app, sa.select(StoredFile))) == 1


def test_same_file_in_another_assessment_shares_one_blob(app, login, parties, build):
    data = corpus_pdf()
    upload(login(parties.supplier), parties.assessment.id, data)
    upload(login(parties.other_supplier), parties.other_assessment.id, data)
    assert len(storage_files(app)) == 1
    assert len(_docs(app, parties.other_assessment.id)) == 1


def test_soa_and_other_evidence(app, login, parties):
    client = login(parties.supplier)
    upload(client, parties.assessment.id, corpus_pdf(), role="certificate")
    upload(client, parties.assessment.id, corpus_pdf("soa.pdf"), filename="soa.pdf", role="soa")
    roles = {d.role: d for d in _docs(app, parties.assessment.id)}
    assert roles["soa"].kind == "soa" and roles["soa"].is_current and roles["certificate"].is_current


def test_a_new_certificate_supersedes_the_old_one(app, login, parties):
    client = login(parties.supplier)
    upload(client, parties.assessment.id, corpus_pdf(case="d01_harbourline"))
    upload(client, parties.assessment.id, corpus_pdf(case="d02_brightfen"), filename="renewed.pdf")
    old, new = _docs(app, parties.assessment.id)
    assert not old.is_current and new.is_current


def test_pdf_and_page_images_only_for_authorised_users(app, login, parties, client):
    supplier = login(parties.supplier)
    upload(supplier, parties.assessment.id, corpus_pdf())
    [doc] = _docs(app, parties.assessment.id)
    base = f"/assessments/{parties.assessment.id}/documents/{doc.id}"
    for who in (parties.procurement, parties.legal, parties.supplier):
        signed = login(who)
        pdf = signed.get(base + "/file")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"
        png = signed.get(base + "/pages/1.png")
        assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert login(parties.other_supplier).get(base + "/file").status_code == 404
    assert login(parties.other_supplier).get(base + "/pages/1.png").status_code == 404
    assert client.get(base + "/file").status_code == 302  # anonymous: to the sign-in page
    assert login(parties.procurement).get(base + "/pages/99.png").status_code == 404


def test_only_the_supplier_uploads(app, login, parties):
    for who in (parties.procurement, parties.legal):
        assert upload(login(who), parties.assessment.id, corpus_pdf()).status_code == 403
    assert upload(login(parties.other_supplier), parties.assessment.id, corpus_pdf()).status_code == 404
    assert storage_files(app) == []


def test_storage_is_content_addressed_and_idempotent(tmp_path):
    from portal.assessments import storage

    first = storage.store_bytes(tmp_path, b"%PDF-1.7 same bytes")
    second = storage.store_bytes(tmp_path, b"%PDF-1.7 same bytes")
    assert first.created and not second.created and first.sha256 == second.sha256
    assert storage.read_blob(tmp_path, first.sha256) == b"%PDF-1.7 same bytes"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [first.sha256]  # no temp files left
    for bad in ("../../etc/passwd", "a" * 63, "G" * 64):
        with pytest.raises(ValueError):
            storage.blob_path(tmp_path, bad)


def test_pdf_check_reads_content_not_names():
    from portal.assessments.storage import UploadRejected, check_pdf_bytes

    check_pdf_bytes(b"\xef\xbb\xbf%PDF-1.4 with a BOM before the header", 1000)
    for payload in (PNG, HTML, b"", b"%PDF-" + b"x" * 2000):
        with pytest.raises(UploadRejected):
            check_pdf_bytes(payload, 1000)


def test_file_and_record_are_committed_before_parsing_starts(app, login, parties, monkeypatch):
    from portal.assessments import reading
    from portal.reading.limits import ReadOutcome

    seen = {}

    def crashing_read(data, *args, **kwargs):
        # another connection sees the committed document, claimed by the job, and the stored blob
        with app.app_context(), db.engine.connect() as conn:
            seen["rows"] = conn.execute(sa.text("SELECT parse_status FROM documents")).scalars().all()
        seen["files"] = len(storage_files(app))
        return ReadOutcome(error="could not read the document (RuntimeError)")

    monkeypatch.setattr(reading, "read_isolated", crashing_read)
    response = upload(login(parties.supplier), parties.assessment.id, corpus_pdf())
    assert response.status_code == 302
    assert seen == {"rows": ["reading"], "files": 1}
    [doc] = _docs(app, parties.assessment.id)
    assert doc.parse_status == "failed" and "RuntimeError" in doc.parse_error


def test_a_huge_page_renders_at_a_bounded_size():
    import io

    from fpdf import FPDF
    from PIL import Image

    from portal.assessments.pdfview import MAX_SIDE_PX, render_png

    pdf = FPDF(unit="pt", format=(14000, 7000))
    pdf.add_page()
    image = Image.open(io.BytesIO(render_png(bytes(pdf.output()), 1)))
    assert max(image.size) == MAX_SIDE_PX and image.size[0] == 2 * image.size[1]


def test_a_scoring_fault_does_not_lose_the_parsed_upload(app, login, parties, monkeypatch):
    import scoring

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug in a rule")

    monkeypatch.setattr(scoring, "assess", broken)
    response = upload(login(parties.supplier), parties.assessment.id, corpus_pdf())
    assert response.status_code == 302
    [doc] = _docs(app, parties.assessment.id)
    assert doc.parse_status == "parsed" and doc.is_current
