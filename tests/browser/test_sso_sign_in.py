"""Single sign-on in a real browser, under the portal's own CSP (not bypassed): from the sign-in page
to a real OpenID Connect provider on localhost (tests/oidc_provider.py) and back, signed in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from tests.oidc_provider import Provider, running_provider

from .conftest import Portal, assert_accessible


@pytest.fixture
def provider(portal: Portal) -> Iterator[Provider]:
    from portal.extensions import db
    from portal.models import Organisation, SsoConfig

    with pytest.MonkeyPatch.context() as patch, running_provider() as running:
        patch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider and portal serve plain HTTP locally
        client = running.add_client(f"{portal.url}/login/sso/callback")
        with portal.app.app_context():
            org = Organisation(name="Contoso Buying", kind="buyer")
            db.session.add(org)
            db.session.flush()
            db.session.add(SsoConfig(
                organisation_id=org.id, issuer=running.issuer, client_id=client.client_id,
                client_secret=client.client_secret, email_domain="contoso.example",
                default_role="procurement", label="Contoso ID", password_sign_in=False))
            db.session.commit()
        running.person = {"sub": "c-7", "email": "carol@contoso.example", "email_verified": True,
                          "name": "Carol Contoso"}
        yield running


def test_sso_sign_in_from_the_sign_in_page(browser: Any, portal: Portal, provider: Provider,
                                           new_page: Any, shots: Any) -> None:
    checked = new_page()  # axe-core is injected, which needs the CSP bypassed: a page of its own
    checked.goto("/login/sso")
    assert_accessible(checked)
    # The portal's CSP applies here (form-action 'self' would block a form redirected to the provider).
    context = browser.new_context(base_url=portal.url)
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto("/login")
        page.get_by_role("link", name="Sign in with your organisation (single sign-on)").click()
        shots(page, "work e-mail")
        page.get_by_label("Work e-mail").fill("carol@contoso.example")
        page.get_by_role("button", name="Sign in with your organisation").click()
        page.wait_for_url(f"{portal.url}/**")
        page.wait_for_selector("text=Carol Contoso")
        shots(page, "signed in")
        assert "/login" not in page.url
        page.goto("/account")
        assert page.get_by_text("carol@contoso.example").first.is_visible()
    finally:
        context.close()
    from portal.extensions import db
    from portal.models import AuditEvent, User

    with portal.app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "carol@contoso.example"))
        assert user is not None and user.role == "procurement"
        assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "login.succeeded",
                                                             AuditEvent.user_id == user.id)) is not None
