"""`certscope serve --production`: gunicorn with two workers and the embedded queue's consumer beside it.

Started as an operator would start it, on a fresh instance: it answers /healthz with the database's
and the queue's state, serves the sign-in page, signs a user in, takes an upload that the consumer
it started reads, logs one JSON object a line, sends no server version, and leaves no process
behind when stopped.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.queue.documents import certificate_pdf
from tests.queue.harness import _free_port, _wait_for_port, database_label, make_portal
from tests.web.builders import PASSWORD, Builder

START_TIMEOUT_S = 90


@dataclass
class Served:
    """The gunicorn server under test: its URL, process and log."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    assessment_id: int
    supplier_email: str


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    portal = make_portal(tmp_path, "sqlite")
    build = Builder(portal.app)
    buyer, org = build.org("buyer"), build.org("supplier")
    assessment = build.assessment(build.user(buyer), org)
    supplier = build.user(org)
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {**portal.env, "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    with open(log, "wb") as out:
        command = [sys.executable, "-m", "portal", "serve", "--production", "--host", "127.0.0.1",
                   "--port", str(port), "--workers", "2"]
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_for_port(port, timeout=START_TIMEOUT_S)
        yield Served(f"http://127.0.0.1:{port}", proc, log, assessment.id, supplier.email)
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects (so each answer can be checked)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirect)

    def open(self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as err:  # 3xx/4xx/5xx: the answer itself
            response = err
        response.body = response.read()
        return response

    def form(self, path: str, fields: dict[str, str]) -> Any:
        return self.open(path, urllib.parse.urlencode(fields).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path: str, fields: dict[str, str], name: str, data: bytes) -> Any:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
                     "Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.open(path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def _csrf(page: bytes) -> str:
    found = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1).decode()


def _healthy(browser: Browser, timeout: float = START_TIMEOUT_S) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        answer = browser.open("/healthz")
        if answer.status == 200 or time.monotonic() > deadline:
            return answer
        time.sleep(0.5)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _until(check: Any, timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.5)
    return result


def test_production_server_answers_health_pages_and_uploads_then_stops_cleanly(served: Served) -> None:
    browser = Browser(served.url)
    health = _healthy(browser)
    assert health.status == 200, health.body
    state = json.loads(health.body)
    assert state["status"] == "ok" and state["database"] == {"ok": True, "backend": database_label()}
    assert state["queue"]["ok"] and state["queue"]["backend"] == "sqlite" and "waiting" in state["queue"]
    assert health.headers["Cache-Control"] == "no-store"

    login = browser.open("/login")
    assert login.status == 200 and b"Sign in" in login.body
    assert login.headers["Content-Type"].startswith("text/html")
    server = login.headers.get("Server", "")
    assert not re.search(r"[/\d]", server), f"the Server header gives a version away: {server!r}"

    signed_in = browser.form("/login", {"email": served.supplier_email, "password": PASSWORD,
                                        "csrf_token": _csrf(login.body)})
    assert signed_in.status == 302, signed_in.body[:300]
    form = browser.open(f"/assessments/{served.assessment_id}/documents")
    uploaded = browser.upload(f"/assessments/{served.assessment_id}/documents",
                              {"csrf_token": _csrf(form.body), "role": "certificate"},
                              "certificate.pdf", certificate_pdf(1))
    assert uploaded.status == 302, uploaded.body[:300]
    state_url = uploaded.headers["Location"].replace(served.url, "") + "/state"
    read = _until(lambda: json.loads(browser.open(state_url).body)["final"], timeout=120)
    assert read, browser.open(state_url).body  # the consumer `serve --production` started read it
    assert json.loads(browser.open(state_url).body)["state"] == "scored"

    _stop(served.proc)
    assert served.proc.returncode in (0, -signal.SIGTERM)
    assert _until(lambda: not _group_alive(served.proc.pid), timeout=20)  # workers and consumer gone too
    lines = [json.loads(line) for line in served.log.read_text().splitlines() if line.startswith("{")]
    requests = [e for e in lines if e.get("message") == "request" and e.get("path") == "/login"]
    assert requests and all(e.get("request_id") and "duration_ms" in e for e in requests)
    assert any(e.get("message") == "document read" and e.get("ok") for e in lines)
