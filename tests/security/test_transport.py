"""Item 8: Secure cookies and HSTS over HTTPS (directly or behind a trusted proxy), no server
version, and the security headers (CSP with nonces, no inline allowances) on every response."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import urllib.response
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.models import Document
from tests.web.assessment_fixtures import corpus_pdf, query, upload
from tests.web.conftest import test_config

from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def set_cookie_header(response, app) -> str:
    name = app.config["SESSION_COOKIE_NAME"] + "="
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name))


def sign_in_over(app, buyer, base_url: str, headers: dict | None = None):
    client = app.test_client()
    return client.post("/login", base_url=base_url, headers=headers or {},
                       data={"email": buyer.email, "password": PASSWORD})


def test_plain_http_gets_no_secure_flag_and_no_hsts(app, buyer):
    response = sign_in_over(app, buyer, "http://localhost")
    assert "Secure" not in set_cookie_header(response, app)
    assert "Strict-Transport-Security" not in response.headers


def test_https_gets_secure_cookies_and_hsts(app, buyer):
    response = sign_in_over(app, buyer, "https://localhost")
    assert "; Secure" in set_cookie_header(response, app)
    hsts = response.headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000


@pytest.mark.parametrize("app_config", [{"PROXY_FIX_HOPS": 1}])
def test_a_trusted_proxy_saying_https_gets_secure_cookies_and_hsts(app, buyer):
    response = sign_in_over(app, buyer, "http://localhost", {"X-Forwarded-Proto": "https"})
    assert "; Secure" in set_cookie_header(response, app)
    assert "Strict-Transport-Security" in response.headers


def test_a_forged_forwarded_proto_without_a_trusted_proxy_changes_nothing(app, buyer):
    response = sign_in_over(app, buyer, "http://localhost", {"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in set_cookie_header(response, app)


def test_proxy_hops_come_from_the_environment(monkeypatch, tmp_path):
    from portal import create_app

    monkeypatch.setenv("PROXY_FIX_HOPS", "2")
    app = create_app(test_config(tmp_path))
    assert app.config["PROXY_FIX_HOPS"] == 2
    assert type(app.wsgi_app).__name__ == "ProxyFix"


@pytest.mark.parametrize("path", ["/login", "/no/such/page", "/static/portal.css"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'",
                      "form-action 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin",
                                                   "no-referrer")
    assert "Permissions-Policy" in response.headers


def test_style_and_script_elements_carry_the_requests_nonce(app, client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert re.search(r"script-src [^;]*'nonce-", csp) and re.search(r"style-src [^;]*'nonce-", csp)
    again = client.get("/login").headers["Content-Security-Policy"]
    assert nonce != re.search(r"'nonce-([^']+)'", again).group(1), "a fresh nonce for every response"


def test_no_page_uses_inline_style_attributes_or_unnonced_inline_code():
    for template in (ROOT / "portal" / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"\sstyle=\"", text), template
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            assert "nonce=" in tag or "src=" in tag, (template, tag)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 30) -> urllib.response.addinfourl:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            return urllib.request.urlopen(url, timeout=2)  # noqa: S310  (loopback only)
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def _served_headers(argv: list[str], port: int, tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "CERTSCOPE_INSTANCE": str(tmp_path / "instance"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}"}
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        with _wait_for(f"http://127.0.0.1:{port}/login", proc) as response:
            return dict(response.headers)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_builtin_server_sends_no_version(tmp_path):
    port = _free_port()
    headers = _served_headers([sys.executable, "-m", "portal.cli", "serve", "--host", "127.0.0.1",
                               "--port", str(port)], port, tmp_path)
    server = headers.get("Server", "")
    assert not re.search(r"\d", server) and "Werkzeug" not in server and "Python" not in server, server


def test_gunicorn_sends_no_version(tmp_path):
    port = _free_port()
    headers = _served_headers([sys.executable, "-m", "portal.cli", "serve", "--production", "--workers", "1",
                               "--queue-threads", "0", "--host", "127.0.0.1", "--port", str(port)],
                              port, tmp_path)
    server = headers.get("Server", "")
    assert not re.search(r"\d", server), server


def test_evidence_highlights_are_positioned_by_the_requests_nonced_style(app, login, build):
    """The one inline style the portal needs (boxes over a page image) works under the strict CSP."""
    procurement = build.user(build.org("buyer"), "procurement")
    supplier_org = build.org("supplier")
    assessment = build.assessment(procurement, supplier_org)
    upload(login(build.user(supplier_org)), assessment.id, corpus_pdf())
    [doc] = query(app, sa.select(Document))
    response = login(procurement).get(
        f"/assessments/{assessment.id}/documents/{doc.id}/pages/1?q={doc.extraction['holder']}")
    page = response.get_data(as_text=True)
    nonce = re.search(r"style-src [^;]*'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in page
    assert re.search(r"#highlight-1 \{ left: [\d.]+%; top: [\d.]+%;", page)
    assert 'id="highlight-1"' in page
