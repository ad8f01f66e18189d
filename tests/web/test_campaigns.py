"""Bulk campaigns: a CSV is checked line by line (nothing created while any is wrong), confirmed, then a
job opens the assessments and invitations with the assessments' own code; the page follows progress."""

from __future__ import annotations

import dataclasses
import io

import pytest
import sqlalchemy as sa

from portal.assessments.operations import OperationError
from portal.campaigns import operations as campaign_ops
from portal.extensions import db
from portal.jobs.queue import enqueue
from portal.models import (
    Assessment,
    AuditEvent,
    Campaign,
    CampaignEntry,
    Invitation,
    Organisation,
    Response,
    User,
)

from . import assessment_fixtures
from .assessment_fixtures import query

parties = assessment_fixtures.parties
HEADER = "Legal Name,Product,Aliases,Contact Emails,Required Regions,Supply Chain,Deadline,Reference\n"
GOOD = HEADER + (
    "Nimbus Speech Ltd,Nimbus Transcribe,Transcribe; NT,ops@nimbus.example; cto@nimbus.example,EU;uk,"
    "Cloudy Hosting; Tiny Labels,2099-03-31,PO-77\n"
    "Quill Analytics GmbH,Quill Forecast,,,EU,,,\n")


def _upload(client, text, name="suppliers.csv", template="iso42001-supplier", raw=None):
    data = {"name": "Zq Winter Campaign", "template_key": template,
            "file": (io.BytesIO(raw if raw is not None else text.encode()), name)}
    return client.post("/campaigns/", data=data, content_type="multipart/form-data")


def _nothing_created(app, before):
    assert len(query(app, sa.select(Assessment))) == before
    assert query(app, sa.select(Campaign)) == [] and query(app, sa.select(Invitation)) == []


def test_a_good_file_is_previewed_then_created_on_confirmation(app, login, parties):
    client = login(parties.procurement)
    before = len(query(app, sa.select(Assessment)))
    response = _upload(client, GOOD)
    assert response.status_code == 302
    preview = client.get(response.headers["Location"]).data.decode()
    assert "2 assessments will be opened" in preview and "Nimbus Transcribe" in preview
    assert "Cloudy Hosting; Tiny Labels" in preview and "ops@nimbus.example" in preview
    assert len(query(app, sa.select(Assessment))) == before  # a preview creates nothing
    [campaign] = query(app, sa.select(Campaign))
    assert campaign.state == "preview"

    done = client.post(f"/campaigns/{campaign.id}/confirm", follow_redirects=True)
    assert done.status_code == 200
    made = query(app, sa.select(Assessment).join(CampaignEntry).order_by(CampaignEntry.line))
    assert [(a.supplier_legal_name, a.product) for a in made] == [
        ("Nimbus Speech Ltd", "Nimbus Transcribe"), ("Quill Analytics GmbH", "Quill Forecast")]
    nimbus = made[0]
    assert nimbus.product_aliases == ["Transcribe", "NT"] and nimbus.required_regions == ["EU", "UK"]
    assert str(nimbus.response_due) == "2099-03-31" and nimbus.buyer_reference == "PO-77"
    assert nimbus.status == "invited" and made[1].status == "draft"
    invited = sorted(i.email for i in query(app, sa.select(Invitation)))
    assert invited == ["cto@nimbus.example", "ops@nimbus.example"]
    assert query(app, sa.select(Campaign))[0].state == "created"
    page = done.data.decode()
    assert "<strong>2</strong> assessments" in page and "<strong>1</strong> invited" in page
    assert "<strong>0</strong> accepted" in page
    actions = [e.action for e in query(app, sa.select(AuditEvent))]
    assert actions.count("assessment.create") == 2 and actions.count("invitation.created") == 2

    again = client.post(f"/campaigns/{campaign.id}/confirm", follow_redirects=True)
    assert "confirmed already" in again.data.decode()
    assert len(query(app, sa.select(CampaignEntry))) == 2


def test_every_bad_line_is_named_and_nothing_is_created(app, login, parties):
    before = len(query(app, sa.select(Assessment)))
    text = HEADER + (
        ",Orphan Product,,,,,,\n"                                 # line 2: no name
        "Acme Ltd,Acme Bot,,not-an-email,,,,\n"                   # line 3
        "Bolt Ltd,Bolt AI,,,EU,,31/12/2099,\n"                    # line 4
        "Acme Ltd,Acme Bot,,,,,,\n"                               # line 5: duplicate of 3
        "Cog Ltd,Cog AI,,,Mars,,,\n"                              # line 6
        "=HYPERLINK(\"http://evil.example\"),Evil AI,,,,,,\n"     # line 7
        "Harbourline Voice Ltd,Harbourline VoiceDesk,,,,,,\n"     # line 8: assessed already
        "Fine Ltd,Fine AI,,,,,,\n")
    response = _upload(login(parties.procurement), text)
    page = response.data.decode()
    assert response.status_code == 400 and "7 of 8 lines need fixing; nothing was created" in page
    for line, problem in [(2, "legal name is missing"), (3, "not an e-mail address: not-an-email"),
                          (4, "is not a date written YYYY-MM-DD"), (5, "same supplier and product as line 3"),
                          (6, "unknown region Mars"), (7, "a spreadsheet would run it"),
                          (8, f"already assessed (assessment {parties.assessment.id})")]:
        assert f"<tr><td>{line}</td>" in page and problem in page, (line, problem)
    assert "<tr><td>9</td>" not in page
    _nothing_created(app, before)


@pytest.mark.parametrize("raw, message", [
    ("Legal Name,Product\nCafé Ltd,Bot\n".encode("latin-1"), "not UTF-8 text"),
    (b"Supplier,Thing\nA,B\n", "unknown columns “Supplier”, “Thing”"),
    (b"Legal Name,Aliases\nA,B\n", "missing column product"),
    (b"", "The file is empty"),
    (b"Legal Name,Product\n", "no supplier lines"),
    (b"%PDF-1.7\x00\x00binary", "binary data"),
    (b"Legal Name,Product\n" + b"A,B\n" * 600_000, "larger than 2 MB"),
])
def test_a_file_that_cannot_be_read_gets_a_clear_message(app, login, parties, raw, message):
    before = len(query(app, sa.select(Assessment)))
    response = _upload(login(parties.procurement), "", raw=raw)
    assert response.status_code == 400 and message in response.data.decode()
    _nothing_created(app, before)


def test_another_organisation_cannot_see_or_confirm(app, login, parties, build):
    _upload(login(parties.procurement), GOOD)
    [campaign] = query(app, sa.select(Campaign))
    stranger = login(build.user(build.org("buyer", name="Stranger"), "procurement"))
    assert stranger.get(f"/campaigns/{campaign.id}").status_code == 404
    assert stranger.post(f"/campaigns/{campaign.id}/confirm").status_code == 404
    assert stranger.post(f"/campaigns/{campaign.id}/retry").status_code == 404
    assert b"Zq Winter Campaign" not in stranger.get("/campaigns/").data
    assert login(parties.legal).get("/campaigns/").status_code == 403
    assert query(app, sa.select(Campaign))[0].state == "preview"
    assert b"Zq Winter Campaign" in login(parties.procurement).get("/campaigns/").data


@pytest.mark.parametrize("error, told", [
    (RuntimeError("relay exploded"), "line 2: an unexpected error (logged for the operators)"),
    (OperationError("the questionnaire was retired"), "line 2: the questionnaire was retired"),
], ids=["unexpected", "refused"])
def test_a_failed_creation_says_why_and_is_retried_without_duplicates(app, login, parties, monkeypatch,
                                                                       error, told):
    from portal.assessments import operations as assessment_ops

    real = assessment_ops.create_invitation

    def failing(assessment, email, *args, **kwargs):
        if email == "cto@nimbus.example":
            raise error
        return real(assessment, email, *args, **kwargs)

    client = login(parties.procurement)
    before = len(query(app, sa.select(Assessment)))
    _upload(client, GOOD)
    [campaign] = query(app, sa.select(Campaign))
    monkeypatch.setattr(assessment_ops, "create_invitation", failing)
    page = client.post(f"/campaigns/{campaign.id}/confirm", follow_redirects=True).data.decode()
    [failed] = query(app, sa.select(Campaign))
    assert failed.state == "failed" and failed.failure == f"Nothing was created: {told}."
    assert told in page and "Try again" in page and "relay exploded" not in page
    assert len(query(app, sa.select(Assessment))) == before and query(app, sa.select(Invitation)) == []
    assert query(app, sa.select(CampaignEntry)) == []
    assert "Failed: nothing created" in client.get("/campaigns/").data.decode()

    monkeypatch.setattr(assessment_ops, "create_invitation", real)
    done = client.post(f"/campaigns/{campaign.id}/retry", follow_redirects=True).data.decode()
    assert "<strong>2</strong> assessments" in done and "Try again" not in done
    again = client.post(f"/campaigns/{campaign.id}/retry", follow_redirects=True).data.decode()
    assert "Only a campaign whose creation failed can be retried" in again
    [created] = query(app, sa.select(Campaign))
    assert created.state == "created" and created.failure is None
    assert len(query(app, sa.select(Assessment))) == before + 2
    assert len(query(app, sa.select(CampaignEntry))) == 2
    assert sorted(i.email for i in query(app, sa.select(Invitation))) == ["cto@nimbus.example",
                                                                          "ops@nimbus.example"]
    actions = [e.action for e in query(app, sa.select(AuditEvent))]
    assert actions.count("campaign.retry") == 1 and actions.count("assessment.create") == 2


def test_a_campaign_whose_confirmer_left_fails_and_a_colleague_retries(app, login, parties, build):
    client = login(parties.procurement)
    _upload(client, GOOD)
    [campaign] = query(app, sa.select(Campaign))
    with app.app_context():
        buyer = db.session.get(Organisation, parties.procurement.organisation_id)
    colleague = build.user(buyer, "procurement", email="colleague@buyer.example")
    with app.app_context():
        row, author = db.session.get(Campaign, campaign.id), db.session.get(User, parties.procurement.id)
        row.state, row.confirmed_by, author.is_active = "queued", author.id, False
        enqueue("create_campaign", row.id)
        db.session.commit()
    [failed] = query(app, sa.select(Campaign))
    assert failed.state == "failed" and "deactivated" in failed.failure
    retried = login(colleague).post(f"/campaigns/{campaign.id}/retry", follow_redirects=True)
    assert "<strong>2</strong> assessments" in retried.data.decode()
    made = query(app, sa.select(Assessment).join(CampaignEntry))
    assert {a.created_by for a in made} == {colleague.id}


@pytest.mark.parametrize("app_config", [{"SWEEP_PENDING_GRACE_S": 0}])
@pytest.mark.parametrize("lost", [0, campaign_ops.MAX_ATTEMPTS - 1], ids=["never-ran", "one-try-left"])
def test_the_sweep_queues_again_a_campaign_whose_job_was_lost(app, login, parties, lost):
    _upload(login(parties.procurement), GOOD)
    with app.app_context():
        [row] = db.session.scalars(sa.select(Campaign)).all()
        row.state, row.confirmed_by = "queued", parties.procurement.id  # confirmed; its job lost `lost` times
        row.confirmed_at, row.attempts = row.created_at, lost
        db.session.commit()
    assert "1 campaign(s) queued again, 0 given up" in app.extensions["jobs"]["sweep"]().get()
    [created] = query(app, sa.select(Campaign))
    assert created.state == "created" and created.attempts == lost + 1
    assert len(query(app, sa.select(CampaignEntry))) == 2
    assert "0 campaign(s) queued again, 0 given up" in app.extensions["jobs"]["sweep"]().get()


@pytest.mark.parametrize("app_config", [{"SWEEP_PENDING_GRACE_S": 0}])
def test_a_campaign_whose_job_keeps_dying_is_given_up_and_a_retry_counts_afresh(app, login, parties,
                                                                               monkeypatch):
    def dies(campaign, actor):  # as a killed worker: the job ends mid-way, its transaction undone
        raise RuntimeError("worker killed")

    client = login(parties.procurement)
    before = len(query(app, sa.select(Assessment)))
    _upload(client, GOOD)
    [campaign] = query(app, sa.select(Campaign))
    real = campaign_ops._create_lines
    monkeypatch.setattr(campaign_ops, "_create_lines", dies)
    client.post(f"/campaigns/{campaign.id}/confirm")
    for attempt in range(1, campaign_ops.MAX_ATTEMPTS + 1):
        [lost] = query(app, sa.select(Campaign))
        assert lost.state == "queued" and lost.attempts == attempt  # each claim counted, though undone
        if attempt < campaign_ops.MAX_ATTEMPTS:
            assert "1 campaign(s) queued again, 0 given up" in app.extensions["jobs"]["sweep"]().get()

    assert "0 campaign(s) queued again, 1 given up" in app.extensions["jobs"]["sweep"]().get()
    [failed] = query(app, sa.select(Campaign))
    told = f"creation was interrupted {campaign_ops.MAX_ATTEMPTS} times before it could finish"
    assert failed.state == "failed" and failed.failure == f"Nothing was created: {told}."
    page = client.get(f"/campaigns/{campaign.id}").data.decode()
    assert told in page and "Try again" in page
    assert len(query(app, sa.select(Assessment))) == before and query(app, sa.select(CampaignEntry)) == []
    assert "0 campaign(s) queued again, 0 given up" in app.extensions["jobs"]["sweep"]().get()

    monkeypatch.setattr(campaign_ops, "_create_lines", real)
    done = client.post(f"/campaigns/{campaign.id}/retry", follow_redirects=True).data.decode()
    assert "<strong>2</strong> assessments" in done
    [created] = query(app, sa.select(Campaign))
    assert created.state == "created" and created.attempts == 1 and created.failure is None
    assert len(query(app, sa.select(Assessment))) == before + 2


def test_the_supply_chain_column_reaches_scoring_as_a_typed_answer_would(app, login, parties):
    from portal.assessments import rescoring

    client = login(parties.procurement)
    _upload(client, GOOD)
    [campaign] = query(app, sa.select(Campaign))
    client.post(f"/campaigns/{campaign.id}/confirm")
    nimbus, quill = query(app, sa.select(Assessment).join(CampaignEntry).order_by(CampaignEntry.line))
    with app.app_context():
        draft = db.session.scalar(sa.select(Response).where(Response.assessment_id == nimbus.id))
        assert draft is not None and draft.submitted_at is None
        assert draft.answers == {"ai_suppliers": [{"name": "Cloudy Hosting", "role": None},
                                                  {"name": "Tiny Labels", "role": None}]}
        assert db.session.scalar(sa.select(Response).where(Response.assessment_id == quill.id)) is None
        row = db.session.get(Assessment, nimbus.id)
        from_campaign = rescoring.build_context(row, draft.answers, row.created_at.date())
        typed = rescoring.build_context(row, {"ai_suppliers": [{"name": "Cloudy Hosting", "role": "LLM"},
                                                               {"name": "Tiny Labels", "role": "TTS"}]},
                                        row.created_at.date())
        assert [m.name for m in from_campaign.supply_chain] == [m.name for m in typed.supply_chain] == [
            "Cloudy Hosting", "Tiny Labels"]
        assert row.status == "invited"
        row.supplier_org_id = parties.supplier.organisation_id  # as accepting the invitation does
        db.session.commit()
    form = login(parties.supplier).get(f"/assessments/{nimbus.id}/questionnaire").data.decode()
    assert 'value="Cloudy Hosting"' in form and 'value="Tiny Labels"' in form


def test_a_supply_chain_for_a_questionnaire_that_asks_none_is_named(app, login, parties, monkeypatch):
    real = campaign_ops.load_template

    def asking_no_supply_chain(key, version=None):
        template = real(key, version)
        return dataclasses.replace(template, questions=tuple(
            q for q in template.questions if q.maps_to != "supply_chain"))

    monkeypatch.setattr(campaign_ops, "load_template", asking_no_supply_chain)
    response = _upload(login(parties.procurement), GOOD)
    page = response.data.decode()
    assert response.status_code == 400 and "1 of 2 lines need fixing" in page
    assert "supply chain given, but the questionnaire iso42001-supplier asks for none" in page
    assert query(app, sa.select(Campaign)) == []
