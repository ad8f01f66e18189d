"""A supplier campaign in a real browser: a bad CSV names its lines, a good one is previewed, then created."""

from __future__ import annotations

import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.models import Assessment, Campaign

from .conftest import assert_accessible
from .test_journey import sign_in

HEADER = "legal_name,product,contact_emails,required_regions,deadline\n"


def _file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_campaign_preview_names_bad_lines_then_creates(portal, new_page, shots, tmp_path):
    page = new_page()
    sign_in(page, portal.users["procurement"])
    page.get_by_role("link", name="Campaigns").click()
    assert_accessible(page)
    before = _count(portal.app, Assessment)

    bad = _file(tmp_path, "bad.csv", HEADER + "Lumen Ltd,Lumen Bot,someone-at-lumen,EU,2099-01-31\n"
                                     "Prism Ltd,Prism AI,ops@prism.example,Atlantis,2099-01-31\n")
    page.get_by_label("Campaign name").fill("Browser campaign")
    page.get_by_label("Suppliers (CSV, UTF-8)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    problems = page.locator("#problems")
    assert "2 of 2 lines need fixing; nothing was created" in problems.inner_text()
    assert "not an e-mail address: someone-at-lumen" in problems.inner_text()
    assert "unknown region Atlantis" in problems.inner_text()
    assert_accessible(page)
    shots(page, "campaign-bad-lines")
    assert _count(portal.app, Campaign) == 0 and _count(portal.app, Assessment) == before

    good = _file(tmp_path, "good.csv", HEADER + "Lumen Ltd,Lumen Bot,ops@lumen.example,EU,2099-01-31\n"
                                       "Prism Ltd,Prism AI,ops@prism.example,UK,2099-01-31\n")
    page.get_by_label("Suppliers (CSV, UTF-8)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    preview = page.locator("#preview")
    expect(preview.locator("tbody tr")).to_have_count(2)  # waits for the preview page; count() would not
    assert "Prism AI" in preview.inner_text()
    assert _count(portal.app, Assessment) == before
    assert_accessible(page)
    shots(page, "campaign-preview")

    page.get_by_role("button", name="Open 2 assessments and invite").click()
    progress = page.get_by_label("Progress")
    assert "2 assessments" in progress.inner_text() and "2 invited" in progress.inner_text()
    assert _count(portal.app, Assessment) == before + 2
    assert_accessible(page)
    shots(page, "campaign-progress")
