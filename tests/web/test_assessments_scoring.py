"""Scoring in the portal: history kept, re-scored on change and by the daily run, never by a page view."""

from __future__ import annotations

import datetime as dt
import io

import sqlalchemy as sa

from portal.assessments import rescoring
from portal.extensions import db
from portal.models import AccreditationBodyRecord, Assessment, Scoring, utcnow

from . import assessment_fixtures
from .assessment_fixtures import corpus_pdf, query, upload
from .test_query_counts import count_queries

parties = assessment_fixtures.parties


def _scorings(app, assessment_id):
    return query(app, sa.select(Scoring).where(Scoring.assessment_id == assessment_id).order_by(Scoring.id))


def _assessment(app, assessment_id):
    return query(app, sa.select(Assessment).where(Assessment.id == assessment_id))[0]


def _job(app, name, *args):
    """Run a job as the queue does (in its own unit of work); return its result."""
    return app.extensions["jobs"][name](*args).get()


def _upload_certificate(app, login, parties, today="2025-06-18"):
    app.config["TODAY"] = today
    upload(login(parties.supplier), parties.assessment.id, corpus_pdf())
    upload(login(parties.supplier), parties.assessment.id, corpus_pdf("soa.pdf"), "soa.pdf", role="soa")


def test_upload_scores_and_the_page_shows_flags_with_evidence_links(app, login, parties):
    _upload_certificate(app, login, parties)
    scorings = _scorings(app, parties.assessment.id)
    assert [s.trigger for s in scorings] == ["upload", "upload"]
    assessment = _assessment(app, parties.assessment.id)
    latest = scorings[-1]
    assert assessment.rating == latest.rating
    counts = [sum(f["severity"] == s for f in latest.flags) for s in ("high", "medium", "low")]
    assert [assessment.flags_high, assessment.flags_medium, assessment.flags_low] == counts
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}").data.decode()
    assert "Rating history" in page and "First rating" in page
    for flag in latest.flags:
        assert flag["code"] in page


def test_daily_run_records_only_changes_and_says_why(app, login, parties):
    _upload_certificate(app, login, parties)
    before = len(_scorings(app, parties.assessment.id))
    with app.app_context():
        assert rescoring.rescore_all(dt.date(2031, 1, 1)) == 2
        db.session.commit()
    after = _scorings(app, parties.assessment.id)
    assert len(after) == before + 1
    assert after[-1].trigger == "reassess" and "cert.expired" in {f["code"] for f in after[-1].flags}
    assert "new: " in after[-1].change_summary and "cert.expired" in after[-1].change_summary
    assert _assessment(app, parties.assessment.id).rating == "red"
    stamp = _assessment(app, parties.assessment.id).last_scored_at
    with app.app_context():
        rescoring.rescore_all(dt.date(2031, 1, 1))
        db.session.commit()
    assert len(_scorings(app, parties.assessment.id)) == before + 1  # nothing changed: no new row
    assert _assessment(app, parties.assessment.id).last_scored_at >= stamp


def test_daily_run_issues_a_fixed_number_of_selects(app, build, login, parties):
    _upload_certificate(app, login, parties)
    with app.app_context():  # the rating changes here (webhooks are looked up): the runs below compare alike
        rescoring.rescore_all(dt.date(2031, 1, 1))
        db.session.commit()
    selects = []
    for extra in (0, 8):
        for _ in range(extra):
            build.assessment(parties.procurement, supplier_name="Extra")
        with count_queries(app) as statements, app.app_context():
            rescoring.rescore_all(dt.date(2031, 1, 1))
            db.session.commit()
        selects.append(sum(s.lstrip().upper().startswith("SELECT") for s in statements))
    assert selects[0] == selects[1], selects


def test_opening_a_page_never_re_scores_the_daily_job_does_and_the_page_says_so(app, login, parties):
    _upload_certificate(app, login, parties)
    before = _scorings(app, parties.assessment.id)
    with app.app_context():
        row = db.session.get(Assessment, parties.assessment.id)
        row.last_scored_at = utcnow() - dt.timedelta(days=2)
        db.session.commit()
    stale = _assessment(app, parties.assessment.id).last_scored_at
    app.config["TODAY"] = "2031-01-01"  # would add cert.expired if the page re-scored
    page = login(parties.legal).get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert len(_scorings(app, parties.assessment.id)) == len(before)
    assert _assessment(app, parties.assessment.id).last_scored_at == stale
    assert "(new evidence)" in page  # why the rating shown was computed

    assert _job(app, "reassess_all", "2031-01-01").startswith("re-scored 2 assessments for 2031-01-01")
    latest = _scorings(app, parties.assessment.id)[-1]
    assert latest.trigger == "reassess" and latest.assessment_date == dt.date(2031, 1, 1)
    page = login(parties.legal).get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert "for 2031-01-01 (daily re-assessment)" in page and "cert.expired" in page


def test_a_daily_pass_that_changes_nothing_is_shown_as_a_later_check(app, login, parties):
    _upload_certificate(app, login, parties)
    with app.app_context():
        scored = db.session.scalars(sa.select(Scoring).where(Scoring.assessment_id == parties.assessment.id))
        for row in scored:  # recorded two days ago; the daily pass finds nothing new today
            row.scored_at -= dt.timedelta(days=2)
        db.session.commit()
    _job(app, "reassess_all", "2025-06-18")
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert "(new evidence)" in page and "nothing changed" in page


def test_the_accreditation_list_admins_keep_is_used(app, login, parties):
    with app.app_context():
        db.session.add(AccreditationBodyRecord(acronym="ZZAB", name="Zed Accreditation Board", country="ZZ"))
        db.session.commit()
    _upload_certificate(app, login, parties)
    latest = _scorings(app, parties.assessment.id)[-1]
    assert "cert.unaccredited" in {f["code"] for f in latest.flags}


def test_a_change_of_the_accreditation_list_re_scores_every_assessment(app, build, login, parties):
    _upload_certificate(app, login, parties)
    assert "cert.unaccredited" not in {f["code"] for f in _scorings(app, parties.assessment.id)[-1].flags}
    admin = login(build.user(build.org("buyer"), "admin"))
    replace = {"file": (io.BytesIO(b"acronym,name,country,aliases\nZZA,Zedland Board,Zedland,\n"), "b.csv"),
               "replace": "y"}
    admin.post("/admin/accreditation-bodies/import", data=replace, content_type="multipart/form-data")
    latest = _scorings(app, parties.assessment.id)[-1]
    assert latest.trigger == "settings" and "cert.unaccredited" in {f["code"] for f in latest.flags}
    page = login(parties.procurement).get(f"/assessments/{parties.assessment.id}").get_data(as_text=True)
    assert "(the accreditation-body list changed)" in page


def test_answers_feed_the_context(app, login, parties):
    _upload_certificate(app, login, parties)
    client = login(parties.supplier)
    client.post(
        f"/assessments/{parties.assessment.id}/questionnaire",
        data={"save_draft": "1", "q_soa_shared": "yes", "q_accredited": "yes"},
    )
    latest = _scorings(app, parties.assessment.id)[-1]
    assert latest.trigger == "answers"
    with app.app_context():
        context = rescoring.build_context(
            db.session.get(Assessment, parties.assessment.id), {"soa_shared": "yes"}, dt.date(2025, 6, 18)
        )
    assert context.product == "Harbourline VoiceDesk" and context.answers["soa_shared"] == "yes"
    assert context.required_regions == ("UK",)
