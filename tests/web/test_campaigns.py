"""Bulk campaigns: a CSV is checked line by line (nothing created while any is wrong), confirmed, then a
job opens the assessments and invitations with the assessments' own code; the page follows progress."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from portal.models import Assessment, AuditEvent, Campaign, CampaignEntry, Invitation

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
    assert b"Zq Winter Campaign" not in stranger.get("/campaigns/").data
    assert login(parties.legal).get("/campaigns/").status_code == 403
    assert query(app, sa.select(Campaign))[0].state == "preview"
    assert b"Zq Winter Campaign" in login(parties.procurement).get("/campaigns/").data
