"""Views hand templates everything they show: no SQL runs while a template renders, no querying callables.

Every GET route of the app (read from `app.url_map`, so new pages are covered) is requested as each
role of the organisation that owns the data, on an assessment with every panel filled in: watch list,
pre-flight, renewal of certificate and SoA, corrections, flags, thread, invitations.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, before_render_template, template_rendered
from jinja2.defaults import DEFAULT_NAMESPACE

from portal.extensions import db
from portal.models import SsoConfig

from .builders import pdf_bytes
from .monitoring_fixtures import certificate_extraction, rescore

TODAY = dt.date(2026, 3, 1)
SKIP_ENDPOINTS = {"static", "auth.logout"}
# The callables a template may be handed: pure helpers and Flask's own request-bound objects.
PURE_HELPERS = {"url_for", "get_flashed_messages", "csrf_token", "csrf_meta_tag", "has_endpoint", "show",
                "evidence_groups", "control_text", "field_name", "request", "session", "g", "current_user",
                "config", "csp_nonce"}  # csp_nonce: Flask-Talisman's, returns this request's CSP nonce


@pytest.fixture
def app_config():
    return {"TODAY": TODAY.isoformat()}


@pytest.fixture
def world(build):
    """A buyer and a supplier with one assessment showing every panel; the ids URLs take."""
    return full_world(build)


def full_world(build):
    """Build the world: users of every role, and an assessment with every panel filled in."""
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    users = {"procurement": procurement, "legal": build.user(buyer, "legal"),
             "admin": build.user(build.org("buyer"), "admin")}
    supplier_org = build.org("supplier")
    supplier = users["supplier"] = build.user(supplier_org)
    a = build.assessment(procurement, supplier_org, status="submitted", product="VoiceAgent",
                         expiry_date=TODAY + dt.timedelta(days=20))
    old = build.document(a, supplier, is_current=False, content=pdf_bytes("old certificate"),
                         extraction=certificate_extraction(
                             issue_date=dt.date(2024, 1, 5), expiry_date=dt.date(2027, 1, 4),
                             scope="The VoiceAgent platform and all AI services"))
    cert = build.document(a, supplier, content=pdf_bytes("new certificate"),
                          extraction=certificate_extraction(
                              issue_date=dt.date(2024, 11, 5), expiry_date=dt.date(2026, 3, 21),
                              scope="The HR assistant only"))
    soa = build.document(a, supplier, role="soa", content=pdf_bytes("soa"), extraction={
        "kind": "soa", "version": "2", "controls": [{"id": "A.10.3", "applicable": False}]})
    build.correction(cert, supplier, "holder", "Holder Ltd")
    build.correction(soa, supplier, "controls.A.10.2", {"applicable": False, "justification": None})
    build.response(a, answers={"supply_chain_in_scope": "yes"}, submitted=True)
    build.comment(a, procurement)
    invitation, token = build.invitation(a, procurement)
    template = build.template(buyer, "our-questionnaire")
    rescore(build.app, TODAY, a, a)  # two scorings: a history, a rating and the stored cycle dates
    notification = build.notification(a, "Olive uploaded a file", cert)
    hook, delivery = build.webhook(procurement)
    campaign = build.campaign(procurement)
    ids = {"webhook_id": hook.id, "delivery_id": delivery.id, "campaign_id": campaign.id,
           "assessment_id": a.id, "document_id": cert.id, "page": 1, "key": template.key,
           "question_id": "product", "user_id": procurement.id, "token": token, "old": old.id,
           "notification_id": notification.id, "api_token_id": build.api_token(procurement).id,
           "name": "swagger-ui-bundle.js", "organisation_id": buyer.id}
    build._save(SsoConfig(organisation_id=buyer.id, issuer="https://id.buyer.example", client_id="certscope",
                          client_secret="a-secret-never-shown", email_domain="buyer.example"))
    return users, ids


@contextlib.contextmanager
def rendering_watch(app: Flask) -> Iterator[list[str]]:
    """Collect each SQL statement run, and each callable handed, while a template renders."""
    problems: list[str] = []
    state: dict[str, Any] = {"template": None}
    with app.app_context():
        engine = db.engine

    def started(sender: Any, template: Any, context: dict[str, Any], **extra: Any) -> None:
        state["template"] = page = template.name or "a template string"
        problems.extend(f"{page} is handed the callable {name!r}" for name, value in context.items()
                        if callable(value) and name not in PURE_HELPERS)

    def ended(sender: Any, template: Any, context: dict[str, Any], **extra: Any) -> None:
        state["template"] = None

    def statement(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if state["template"]:
            problems.append(f"{state['template']} queried while rendering: {sql.split()[0:6]}")

    before_render_template.connect(started, app)
    template_rendered.connect(ended, app)
    sa.event.listen(engine, "before_cursor_execute", statement)
    try:
        yield problems
    finally:
        sa.event.remove(engine, "before_cursor_execute", statement)
        template_rendered.disconnect(ended, app)
        before_render_template.disconnect(started, app)


def _urls(app: Flask, ids: dict[str, Any]) -> list[str]:
    with app.test_request_context():
        return [app.url_for(rule.endpoint, **{n: ids[n] for n in rule.arguments})
                for rule in app.url_map.iter_rules()
                if "GET" in (rule.methods or ()) and rule.endpoint not in SKIP_ENDPOINTS]


@pytest.mark.parametrize("role", ["procurement", "legal", "supplier", "admin"])
def test_no_template_queries_or_gets_a_querying_callable(app, world, login, role):
    users, ids = world
    client = login(users[role])
    rendered = 0
    with rendering_watch(app) as problems:
        for url in _urls(app, ids):
            response = client.get(url)
            assert response.status_code < 500, url
            rendered += response.mimetype == "text/html" and response.status_code == 200
    assert problems == [], "\n".join(sorted(set(problems)))
    assert rendered >= 3  # the walk reached real pages, not only refusals


def test_no_feature_adds_a_template_global_callable(app):
    added = {name for name, value in app.jinja_env.globals.items()
             if callable(value) and name not in DEFAULT_NAMESPACE}
    assert added <= PURE_HELPERS


def test_the_watch_would_see_a_template_that_queries(app, world, login):
    """Control: a template handed a query-running callable is caught, both ways."""
    from flask import render_template_string

    from portal.models import Assessment

    with rendering_watch(app) as problems, app.test_request_context():
        count = lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Assessment))  # noqa: E731
        render_template_string("{{ count() }}", count=count)
    assert any("handed the callable 'count'" in p for p in problems)
    assert any("queried while rendering" in p for p in problems)


def test_the_pages_show_what_their_views_hand_them(app, world, login):
    users, ids = world
    buyer_dashboard = login(users["procurement"]).get("/assessments/").get_data(as_text=True)
    assert "Watch list" in buyer_dashboard and "expires in 20 days" in buyer_dashboard
    detail = login(users["procurement"]).get(f"/assessments/{ids['assessment_id']}").get_data(as_text=True)
    assert "What changed since the previous document" in detail and "The scope got narrower" in detail
    supplier = login(users["supplier"])
    upload = supplier.get(f"/assessments/{ids['assessment_id']}/documents").get_data(as_text=True)
    assert "Pre-flight check" in upload and 'data-code="scope.narrow"' in upload
