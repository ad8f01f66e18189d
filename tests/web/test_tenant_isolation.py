"""Walk every route of the app as every role of another organisation, and anonymously.

The walk reads `app.url_map`, so routes added by any feature are covered without listing them.
Each URL argument gets the id of the victim tenant's object of that name (assessment_id,
document_id, ...), alone and mixed with the attacker's own ids (an IDOR check). Expected:
403/404 (or a redirect to sign-in for anonymous visitors), never the victim's data, and no
change to the victim's rows.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.routing import Rule

from portal.extensions import db
from portal.models import (
    Assessment,
    Campaign,
    Comment,
    Correction,
    Document,
    Invitation,
    NotificationRead,
    QuestionnaireTemplateRecord,
    Response,
    Scoring,
    User,
    Webhook,
    WebhookDelivery,
)
from portal.sessions import UserSession

from .api_helpers import make_token, request_kwargs
from .builders import pdf_bytes

MARK = "Zq7Victim"
# Signing out mid-walk would turn the rest of the walk anonymous; it takes no ids anyway.
SKIP_ENDPOINTS = {"static", "auth.logout"}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Operators list every organisation's API tokens and revoke a leaked one, by design (never the secrets).
OPERATOR_ENDPOINTS = ("admin.", "api.admin_api_tokens", "api.revoke_api_token")


@dataclass
class Tenant:
    """One tenant's objects: the ids a URL argument can take."""

    ids: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    buyer_org: Any = None


def _tenant(build, label: str, buyer: Tenant | None = None) -> Tenant:
    """Make a buyer (or reuse `buyer`'s), a supplier, users of every role, and a full assessment."""
    if buyer is None:
        buyer_org = build.org("buyer", name=f"{label} Buyer Org")
        procurement = build.user(buyer_org, "procurement", email=f"procurement@{label.lower()}.example")
        users = {"procurement": procurement, "legal": build.user(buyer_org, "legal")}
    else:
        buyer_org, procurement = buyer.buyer_org, buyer.users["procurement"]
        users = {"procurement": procurement, "legal": buyer.users["legal"]}
    supplier_org = build.org("supplier", name=f"{label} Supplier Org")
    users["supplier"] = build.user(supplier_org, "supplier")
    assessment = build.assessment(procurement, supplier_org, supplier_name=f"{label} Supplier",
                                  product=f"{label}Product", supplier_legal_name=f"{label} Legal Ltd")
    document = build.document(assessment, users["supplier"], filename=f"{label}-certificate.pdf",
                              content=pdf_bytes(f"{label} certificate"),
                              extraction={"kind": "certificate", "holder": f"{label} Holder"})
    comment = build.comment(assessment, procurement, body=f"{label} comment")
    correction = build.correction(document, users["supplier"], value=f"{label} corrected")
    scoring = build.scoring(assessment, flags=[{"code": "scope.narrow", "severity": "high",
                                                   "message": f"{label} flag"}])
    invitation, _ = build.invitation(assessment, procurement, email=f"invitee@{label.lower()}.example")
    build.response(assessment, answers={"product": f"{label}Product answer"})
    notification = build.notification(assessment, f"{label} uploaded a file", document)
    # the key is typed into URLs (and echoed by sign-in redirects), so only the title carries the marker
    template = build.template(buyer_org, f"questionnaire-{assessment.id}", title=f"{label} questionnaire")
    signed_in = build.user_session(procurement)  # the sessions pages take a session id
    token = build.api_token(procurement)  # the token pages take a token id
    hook, delivery = build.webhook(procurement, url=f"https://{label.lower()}.example/hooks")
    campaign = build.campaign(procurement, name=f"{label} campaign")
    ids = {"session": signed_in.id,
           "assessment": assessment.id, "document": document.id, "comment": comment.id,
           "correction": correction.id, "scoring": scoring.id, "invitation": invitation.id,
           "user": procurement.id, "organisation": buyer_org.id, "org": buyer_org.id,
           "sha256": document.sha256, "page": 1, "key": template.key, "notification": notification.id,
           "api_token": token.id, "webhook": hook.id, "delivery": delivery.id,
           "campaign": campaign.id}
    return Tenant(ids, users, buyer_org)


@pytest.fixture
def world(build):
    victim = _tenant(build, MARK)
    attacker = _tenant(build, "Other")
    operators = build.org("buyer", name="Operators")
    attacker.users["admin"] = build.user(operators, "admin")
    return victim, attacker


def _value(name: str, tenant: Tenant) -> Any:
    """Pick the tenant's id for URL argument `name`."""
    key = name[:-3] if name.endswith("_id") else name
    if key in tenant.ids:
        return tenant.ids[key]
    return tenant.ids["assessment"] if name.endswith("id") else "x"


def _urls(app: Flask, rule: Rule, victim: Tenant, attacker: Tenant) -> list[tuple[str, bool]]:
    """Return (url, uses a victim id) for each mix of victim and attacker ids for the rule."""
    names = sorted(rule.arguments)
    combos = itertools.product((victim, attacker), repeat=len(names)) if names else [()]
    urls = []
    with app.test_request_context():
        for combo in combos:
            values = {n: _value(n, t) for n, t in zip(names, combo, strict=True)}
            uses_victim = any(t is victim and values[n] != _value(n, attacker)
                              for n, t in zip(names, combo, strict=True))
            urls.append((app.url_for(rule.endpoint, **values), uses_victim))
    # Arguments no tenant owns (a token, a page number) give one neutral URL, walked for leaks.
    return [u for u in urls if u[1]] or urls[-1:]


def _snapshot(app: Flask, victim: Tenant) -> dict[str, Any]:
    """Describe the victim's rows, to prove no request changed them."""
    aid = victim.ids["assessment"]
    with app.app_context():
        a = db.session.get_one(Assessment, aid)
        counts = {m.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(m)
                                                .where(m.assessment_id == aid))
                  for m in (Comment, Document, Scoring, Invitation)}
        corrections = db.session.scalar(sa.select(sa.func.count()).select_from(Correction)
                                         .where(Correction.document_id == victim.ids["document"]))
        answers = db.session.scalar(sa.select(Response.answers).where(Response.assessment_id == aid))
        users = [(u.role, u.is_active, u.password_hash) for u in
                 db.session.scalars(sa.select(User).where(User.id.in_([x.id for x in victim.users.values()]))
                                    .order_by(User.id))]
        templates = db.session.scalar(sa.select(sa.func.count()).select_from(QuestionnaireTemplateRecord)
                                       .where(QuestionnaireTemplateRecord.organisation_id == a.buyer_org_id))
        sessions = db.session.execute(sa.select(UserSession.id, UserSession.revoked_at).where(
            UserSession.user_id.in_([x.id for x in victim.users.values()])).order_by(UserSession.id)).all()
        read = db.session.scalar(sa.select(sa.func.count()).select_from(NotificationRead)
                                 .where(NotificationRead.notification_id == victim.ids["notification"]))
        hook = db.session.get_one(Webhook, victim.ids["webhook"])
        deliveries = db.session.scalar(sa.select(sa.func.count()).select_from(WebhookDelivery)
                                        .where(WebhookDelivery.webhook_id == hook.id))
        campaign = db.session.get_one(Campaign, victim.ids["campaign"])
        return {"campaign": (campaign.state, campaign.confirmed_at),
                "webhook": (hook.disabled_at, hook.url, deliveries),
                "assessment": (a.status, a.supplier_org_id, a.decision_reason, a.product, a.rating),
                "counts": counts, "templates": templates, "corrections": corrections, "answers": answers,
                "users": users, "sessions": [tuple(row) for row in sessions], "notification_reads": read}


def _problem(response: Any, uses_victim: bool, anonymous: bool, api_token: bool = True) -> str | None:
    """Say what is wrong with `response`, or None."""
    if MARK.lower().encode() in response.get_data().lower():
        return f"{response.status_code} shows the victim's data"
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    if not api_token and response.status_code == 401 and response.mimetype == "application/problem+json":
        return None  # the API without a token (a session cookie opens nothing there)
    if anonymous:
        to_login = response.status_code == 302 and "/login" in response.headers.get("Location", "")
        if uses_victim and not (to_login or response.status_code in (401, 403, 404)):
            return f"anonymous got {response.status_code}"
        return None
    if uses_victim and response.status_code not in (403, 404):
        return f"got {response.status_code}, expected 403/404"
    return None


def _walk(app: Flask, client: Any, victim: Tenant, attacker: Tenant, *, anonymous: bool,
          skip_prefix: str | tuple[str, ...] | None = None, token: str | None = None) -> list[str]:
    """Walk every rule; API rules (/api/) with the attacker's own API token, and a valid body."""
    failures = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS or (skip_prefix and rule.endpoint.startswith(skip_prefix)):
            continue
        api = rule.rule.startswith("/api/")
        for url, uses_victim in _urls(app, rule, victim, attacker):
            for method in sorted(set(METHODS) & (rule.methods or set())):
                if api:
                    headers = {"Authorization": f"Bearer {token}"} if token else {}
                    response = client.open(url, method=method, headers=headers,
                                           **request_kwargs(rule.endpoint, method))
                else:
                    response = client.open(url, method=method, data={})
                problem = _problem(response, uses_victim, anonymous, api_token=bool(token) or not api)
                if problem:
                    failures.append(f"{method} {url} ({rule.endpoint}): {problem}")
    return failures


@pytest.mark.parametrize("role", ["procurement", "legal", "supplier", "admin"])
def test_another_organisations_user_never_reaches_the_victims_data(app, world, login, role):
    victim, attacker = world
    before = _snapshot(app, victim)
    client = login(attacker.users[role])
    # Admins run the instance: their admin pages list every organisation by design; they hold no API token.
    token = None if role == "admin" else make_token(app, attacker.users[role])
    failures = _walk(app, client, victim, attacker, anonymous=False,
                     skip_prefix=OPERATOR_ENDPOINTS if role == "admin" else None, token=token)
    assert failures == [], "\n".join(failures)
    assert _snapshot(app, victim) == before


def test_another_supplier_of_the_same_buyer_never_reaches_the_victims_data(app, build, login):
    """Suppliers of one buyer are tenants too: each sees only its own assessments."""
    buyer = _tenant(build, "Shared")  # a buyer whose names carry no marker
    victim = _tenant(build, MARK, buyer=buyer)
    sibling = _tenant(build, "Sibling", buyer=buyer)
    before = _snapshot(app, victim)
    failures = _walk(app, login(sibling.users["supplier"]), victim, sibling, anonymous=False,
                     token=make_token(app, sibling.users["supplier"]))
    assert failures == [], "\n".join(failures)
    assert _snapshot(app, victim) == before


def test_anonymous_visitor_never_reaches_any_tenants_data(app, world):
    victim, attacker = world
    before = _snapshot(app, victim)
    failures = _walk(app, app.test_client(), victim, attacker, anonymous=True)
    assert failures == [], "\n".join(failures)
    assert _snapshot(app, victim) == before


def test_the_walk_would_see_a_leak(app, world, login):
    """Control: the victim's own procurement user does see the marker somewhere."""
    victim, attacker = world
    client = login(victim.users["procurement"])
    token = make_token(app, victim.users["procurement"], ("read",))
    seen = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS or "GET" not in (rule.methods or set()):
            continue
        headers = {"Authorization": f"Bearer {token}"}
        for url, _ in _urls(app, rule, victim, victim):
            if MARK.encode() in client.get(url, headers=headers).get_data():
                seen.append(rule.endpoint)
    assert seen, "no page shows the tenant its own data: the walk could not detect a leak"
    assert any(e.startswith("api_v1.") for e in seen), "no API call shows the tenant its own data"


def test_every_rule_is_walked(app):
    """Guard the walker itself: it must build a URL for every rule with arguments."""
    victim = Tenant({"assessment": 1, "document": 2, "page": 1, "sha256": "a" * 64, "user": 3,
                     "session": 7}, {})
    attacker = Tenant({"assessment": 4, "document": 5, "page": 1, "sha256": "b" * 64, "user": 6,
                       "session": 8}, {})
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIP_ENDPOINTS:
            continue
        urls = _urls(app, rule, victim, attacker)
        assert urls, rule.endpoint
        owned = {n for n in rule.arguments if _value(n, victim) != _value(n, attacker)}
        assert all(uses for _, uses in urls) == bool(owned), rule.endpoint
