"""Every API route, read from the app's url_map (a new route cannot be forgotten), called with: no token,
a revoked token, a read-only token on write routes, and tokens of another organisation's users.

Expected: 401 without a usable token, 403 for a read-only token that writes, 403/404 for another
organisation's objects, never the victim's data, never a change to the victim's rows, always problem+json.
"""

from __future__ import annotations

import pytest
from flask import Flask

from .api_helpers import SAFE, make_token, request_kwargs
from .test_tenant_isolation import MARK, _snapshot, _tenant, _urls

PUBLIC = {"api-docs.openapi_json", "api.docs", "api.docs_asset"}  # no tenant data: the API's own description
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
def world(build):
    """A victim tenant whose names carry MARK, and an attacker tenant (as the page walk builds them)."""
    return _tenant(build, MARK), _tenant(build, "Other")


def _api_calls(app: Flask, victim, attacker) -> list[tuple[str, str, str, bool]]:
    """(endpoint, method, url, uses a victim id) for every API rule and method."""
    calls = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.endpoint in PUBLIC:
            continue
        for url, uses_victim in _urls(app, rule, victim, attacker):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                calls.append((rule.endpoint, method, url, uses_victim))
    return calls


def _problem_json(response) -> bool:
    return response.mimetype == "application/problem+json" and response.get_json()["status"] == \
        response.status_code


def test_every_api_rule_is_an_api_v1_route_or_declared_public(app):
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/")]
    assert {r.endpoint for r in rules} >= PUBLIC
    assert all(r.endpoint.startswith("api_v1.") or r.endpoint in PUBLIC for r in rules)
    assert len([r for r in rules if r.endpoint.startswith("api_v1.")]) >= 10


def test_the_public_api_rules_hold_no_tenant_data(app, world, client):
    for url in ("/api/v1/openapi.json", "/api/v1/docs"):
        response = client.get(url)
        assert response.status_code == 200 and MARK.encode() not in response.data


@pytest.mark.parametrize("case", ["no token", "revoked token", "malformed token"])
def test_without_a_usable_token_every_route_answers_401(app, world, client, case):
    victim, attacker = world
    secret = {"no token": None, "malformed token": "cs_" + "x" * 43,
              "revoked token": make_token(app, victim.users["procurement"], revoked=True)}[case]
    before = _snapshot(app, victim)
    failures = []
    for endpoint, method, url, _ in _api_calls(app, victim, attacker):
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        response = client.open(url, method=method, headers=headers, **request_kwargs(endpoint, method))
        if response.status_code != 401 or not _problem_json(response) or MARK.encode() in response.data:
            failures.append(f"{method} {url}: {response.status_code}")
    assert failures == [], "\n".join(failures)
    assert _snapshot(app, victim) == before


@pytest.mark.parametrize("role", ["procurement", "supplier"])
def test_a_read_only_token_cannot_write_even_its_own_data(app, world, client, role):
    victim, attacker = world
    secret = make_token(app, victim.users[role], ("read",))
    before = _snapshot(app, victim)
    calls = [c for c in _api_calls(app, victim, victim) if c[1] in WRITES]
    assert calls, "no write route found"
    failures = []
    for endpoint, method, url, _ in calls:
        response = client.open(url, method=method, headers={"Authorization": f"Bearer {secret}"},
                               **request_kwargs(endpoint, method))
        if response.status_code != 403 or not _problem_json(response):
            failures.append(f"{method} {url}: {response.status_code}")
    assert failures == [], "\n".join(failures)
    assert _snapshot(app, victim) == before


@pytest.mark.parametrize("role", ["procurement", "legal", "supplier"])
def test_another_organisations_token_never_reaches_the_victims_data(app, world, client, role):
    victim, attacker = world
    secret = make_token(app, attacker.users[role])
    before = _snapshot(app, victim)
    failures = []
    for endpoint, method, url, uses_victim in _api_calls(app, victim, attacker):
        response = client.open(url, method=method, headers={"Authorization": f"Bearer {secret}"},
                               **request_kwargs(endpoint, method))
        if MARK.lower().encode() in response.data.lower():
            failures.append(f"{method} {url}: {response.status_code} shows the victim's data")
        elif response.status_code >= 500:
            failures.append(f"{method} {url}: server error {response.status_code}")
        elif uses_victim and (response.status_code not in (403, 404) or not _problem_json(response)):
            failures.append(f"{method} {url}: got {response.status_code}, expected a 403/404 problem")
    assert failures == [], "\n".join(failures)
    assert _snapshot(app, victim) == before


def test_the_victims_own_token_does_reach_its_data(app, world, client):
    """Control: the checks above could see a leak (the same calls with the owner's token show it)."""
    victim, _ = world
    secret = make_token(app, victim.users["procurement"], ("read",))
    seen = [endpoint for endpoint, method, url, _ in _api_calls(app, victim, victim) if method in SAFE
            and MARK.encode() in client.get(url, headers={"Authorization": f"Bearer {secret}"}).data]
    assert {"api_v1.list_assessments", "api_v1.get_assessment", "api_v1.get_document"} <= set(seen)
