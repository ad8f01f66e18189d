"""Every page of the portal, as every role, on a 390 px phone: never wider than the screen, no axe-core
violation, photographed into test-artifacts/.

The pages are the URL map's GET routes (tests/browser/walk.py), so a page added later is walked too.
The portal is tests/browser/seed.py's `seed_portal`: one corpus case read for real, a pending invitation,
a buyer's own questionnaire, and a user of every role.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CORPUS, require_path

from .conftest import (
    PASSWORD,
    PHONE,
    TODAY,
    Portal,
    Shots,
    _portal_app,
    assert_accessible,
    assert_fits,
    serving,
)
from .seed import seed_portal
from .walk import arguments_for, urls_for

ROLES = ("procurement", "legal", "supplier", "admin")
HTML = re.compile(r"^text/html\b")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Portal, dict[str, Any]]]:
    """Serve a small portal around one corpus case; yield it and the values the walk fills URLs with."""
    case = require_path(CORPUS / "d01_harbourline")
    app = _portal_app(tmp_path_factory.mktemp("walk"))
    with app.app_context():
        seeded = seed_portal(PASSWORD, case, dt.date.fromisoformat(TODAY))
    with serving(app) as url:
        yield Portal(url, app, seeded.users), seeded.values


def _sign_in(page: Any, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{email} could not sign in"


def _walk(page: Any, urls: list[tuple[str, str]], shots: Shots) -> dict[str, int]:
    """Open each URL that answers with a page; assert it fits and is accessible; return url -> status."""
    seen = {}
    for endpoint, url in urls:
        head = page.request.get(url, max_redirects=0)
        if not HTML.match(head.headers.get("content-type", "")):
            continue  # a file, an image, JSON: not a page
        response = page.goto(url)
        page.wait_for_load_state()
        seen[url] = response.status if response else 0
        assert_fits(page)
        assert_accessible(page)
        shots(page, endpoint)  # named after the page, never its URL (which may hold a token)
    return seen


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone(demo, browser, role, request):
    portal, values = demo
    context = browser.new_context(base_url=portal.url, viewport=PHONE, bypass_csp=True, accept_downloads=True)
    try:
        page = context.new_page()
        _sign_in(page, portal.users[role])
        args = arguments_for(portal.app, portal.users[role], values)
        urls, unfilled = urls_for(portal.app, args)
        assert not unfilled, f"the walk has no arguments for {unfilled}"
        seen = _walk(page, urls, Shots(request.node.name))
    finally:
        context.close()
    opened = [url for url, status in seen.items() if status == 200]
    assert len(opened) >= 5, seen  # the role's own pages were really shown, not only refusals


def test_every_public_page_fits_a_phone(demo, browser, request):
    portal, values = demo
    context = browser.new_context(base_url=portal.url, viewport=PHONE, bypass_csp=True, accept_downloads=True)
    try:
        page = context.new_page()
        args = arguments_for(portal.app, portal.users["procurement"], values)
        urls, _ = urls_for(portal.app, args)
        seen = _walk(page, urls + [("not-found", "/no/such/page")], Shots(request.node.name))
    finally:
        context.close()
    assert any(status == 200 and "/invitations/" in url for url, status in seen.items()), seen
