"""With CSRF on (as in production): token-signed API calls need no CSRF token; the pages still do."""

from __future__ import annotations

import pytest

from .api_helpers import call, make_token


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def test_a_token_call_writes_without_a_csrf_token_and_a_page_form_does_not(app, build, client):
    buyer = build.org("buyer")
    procurement = build.user(buyer, "procurement")
    assessment = build.assessment(procurement, build.org("supplier"))
    secret = make_token(app, procurement)
    decided = call(client, "POST", f"/api/v1/assessments/{assessment.id}/decision", secret,
                   json={"decision": "rejected", "reason": "No certificate."})
    assert decided.status_code == 200 and decided.get_json()["status"] == "rejected"
    page = client.post("/login", data={"email": procurement.email, "password": "x"})
    assert page.status_code == 400 and "form expired" in page.get_data(as_text=True)
