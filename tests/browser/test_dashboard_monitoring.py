"""The procurement dashboard's watch list and charts in a real browser: readable, labelled, accessible."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from portal.extensions import db
from portal.models import Assessment, Organisation, Scoring, User, utcnow

from .conftest import TODAY, assert_accessible
from .test_journey import sign_in


def _seed_portfolio(app, buyer_email):
    """Give the buyer assessments to watch: expiring, waiting, and a rating that got worse."""
    today = dt.date.fromisoformat(TODAY)
    with app.app_context():
        buyer = db.session.scalar(sa.select(User).where(User.email == buyer_email))
        supplier = Organisation(name="Vantory Systems", kind="supplier")
        db.session.add(supplier)
        db.session.flush()
        cases = [("Vantory", 12, "amber", "accepted"), ("Merrow", 75, "green", "accepted"),
                 ("Ossian", 200, "red", "submitted"), ("Quorrel", None, None, "invited")]
        for name, days, rating, status in cases:
            a = Assessment(buyer_org_id=buyer.organisation_id, supplier_org_id=supplier.id,
                           supplier_name=name, supplier_legal_name=f"{name} Ltd", product=f"{name} Assist",
                           template_key="iso42001-supplier", template_version="1", status=status,
                           created_by=buyer.id, rating=rating,
                           expiry_date=today + dt.timedelta(days=days) if days is not None else None)
            db.session.add(a)
            db.session.flush()
            if name == "Ossian":
                for was, ago in (("green", 10), ("red", 1)):
                    db.session.add(Scoring(assessment_id=a.id, rating=was, flags=[], trigger="reassess",
                                           assessment_date=today,
                                           scored_at=utcnow() - dt.timedelta(days=ago)))
        db.session.commit()


def test_watch_list_and_charts(portal, new_page, shots):
    _seed_portfolio(portal.app, portal.users["procurement"])
    page = new_page()
    sign_in(page, portal.users["procurement"])
    watch = page.locator("#watch-list")
    assert "Vantory: Vantory Assist — expires in 12 days" in watch.locator("#watch-expiring").inner_text()
    assert "Merrow" in watch.locator("#watch-expiring").inner_text()
    assert "Ossian" not in watch.locator("#watch-expiring").inner_text()  # 200 days: on the timeline only
    assert "Quorrel" in watch.locator("#watch-waiting").inner_text()
    assert "rating green → red" in watch.locator("#watch-changed").inner_text()
    ratings = page.get_by_role("img", name="Assessments by rating")
    assert ratings.count() == 1
    timeline = page.get_by_role("img", name="Certificate expiries in the next 365 days")
    assert timeline.count() == 1 and timeline.locator("circle").count() == 3
    watch.locator("summary", has_text="Expiries as a list").click()
    assert watch.locator(".expiry-list li").count() == 3
    assert_accessible(page)
    shots(page, "dashboard-watch-list-and-charts")
    # keyboard: the first watch-list link is reachable and opens the assessment
    link = watch.locator("#watch-expiring a").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Vantory: Vantory Assist").count() == 1
