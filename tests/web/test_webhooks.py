"""Webhooks: registered by procurement, told of events where they happen, signed, retried, replayed.

Deliveries go to a real HTTP server on localhost (tests/web/webhook_receiver.py); the queue runs each
job as soon as its transaction commits, and a back-off of 0 s makes retries run at once.
"""

from __future__ import annotations

import re
import socket
import time

import pytest
import sqlalchemy as sa

from portal.models import Webhook, WebhookAttempt, WebhookDelivery
from portal.webhooks import signing

from . import assessment_fixtures, webhook_receiver
from .assessment_fixtures import corpus_pdf, fill_required, query, upload

parties = assessment_fixtures.parties
receiver = webhook_receiver.receiver
ALL = ["document.read", "rating.changed", "supplier.submitted", "certificate.expiring",
       "surveillance.overdue"]


@pytest.fixture
def app_config():
    return {"WEBHOOK_ALLOW_PRIVATE": True, "WEBHOOK_BACKOFF_S": 0, "WEBHOOK_MAX_ATTEMPTS": 3}


def _register(client, url, events=ALL):
    page = client.post("/webhooks/", data={"url": url, "events": events, "description": "GRC"})
    assert page.status_code == 200, page.data.decode()[-2000:]
    return re.search(r'id="new-secret" type="text" readonly value="(whsec_[0-9a-f]+)"', page.data.decode())[1]


def _submit(login, parties, other=False):
    client = login(parties.other_supplier if other else parties.supplier)
    url = f"/assessments/{(parties.other_assessment if other else parties.assessment).id}/questionnaire"
    data = {"submit_answers": "1", **fill_required(client.get(url).data.decode())}
    assert client.post(url, data=data).status_code == 302


def test_a_submission_is_posted_signed_to_the_registered_url(app, login, parties, receiver):
    client = login(parties.procurement)
    secret = _register(client, receiver.url)
    assert secret.encode() not in client.get("/webhooks/").data  # shown once, on the creation answer
    _submit(login, parties)
    [got] = receiver.got
    assert got.path == "/hooks" and got.headers["Certscope-Event"] == "supplier.submitted"
    assert signing.verify(secret, got.headers[signing.HEADER], got.body)
    assert not signing.verify(secret, got.headers[signing.HEADER], got.body + b" ")
    assert not signing.verify("whsec_other", got.headers[signing.HEADER], got.body)
    stamp = int(got.headers[signing.HEADER].split(",")[0].removeprefix("t="))
    assert abs(time.time() - stamp) < 60
    assert got.json["data"]["assessment_id"] == parties.assessment.id
    assert got.json["data"]["product"] == parties.assessment.product
    [delivery] = query(app, sa.select(WebhookDelivery))
    assert delivery.state == "delivered" and delivery.attempts == 1 and str(delivery.id) == \
        got.headers["Certscope-Delivery"]
    [attempt] = query(app, sa.select(WebhookAttempt))
    assert attempt.status_code == 200 and '"ok": true' in attempt.body_excerpt and attempt.duration_ms >= 0


def test_a_failing_receiver_is_tried_again_then_given_up(app, login, parties, receiver):
    _register(login(parties.procurement), receiver.url)
    receiver.answers = [500, 503]
    _submit(login, parties)
    assert len(receiver.got) == 3 and len({r.body for r in receiver.got}) == 1
    [delivery] = query(app, sa.select(WebhookDelivery))
    assert delivery.state == "delivered" and delivery.attempts == 3
    attempts = query(app, sa.select(WebhookAttempt).order_by(WebhookAttempt.number))
    assert [(a.number, a.status_code) for a in attempts] == [(1, 500), (2, 503), (3, 200)]
    assert "receiver broke" in attempts[0].body_excerpt

    receiver.got.clear()
    receiver.answers = [500, 500, 500, 500]
    _submit(login, parties, other=True)
    assert len(receiver.got) == 3  # WEBHOOK_MAX_ATTEMPTS, then no more
    last = query(app, sa.select(WebhookDelivery).order_by(WebhookDelivery.id.desc()))[0]
    assert last.state == "failed" and last.attempts == 3
    page = login(parties.procurement).get(f"/webhooks/{last.webhook_id}").data.decode()
    assert "failed" in page and "receiver broke" in page and "500" in page


def test_a_delivery_is_replayed_as_a_new_signed_delivery(app, login, parties, receiver):
    client = login(parties.procurement)
    secret = _register(client, receiver.url)
    _submit(login, parties)
    [first] = query(app, sa.select(WebhookDelivery))
    response = client.post(f"/webhooks/deliveries/{first.id}/replay", follow_redirects=True)
    assert response.status_code == 200
    assert f"queued again as delivery {first.id + 1}".encode() in response.data
    assert len(receiver.got) == 2
    again = receiver.got[1]
    assert again.json["replay_of"] == first.id and again.json["data"] == receiver.got[0].json["data"]
    assert signing.verify(secret, again.headers[signing.HEADER], again.body)


def test_reading_a_certificate_tells_of_the_read_and_the_new_rating(app, login, parties, receiver):
    _register(login(parties.procurement), receiver.url, ["document.read", "rating.changed"])
    app.config["TODAY"] = "2025-06-18"
    upload(login(parties.supplier), parties.assessment.id, corpus_pdf())
    assert sorted(receiver.events()) == ["document.read", "rating.changed"]
    by_event = {r.json["event"]: r.json["data"] for r in receiver.got}
    assert by_event["document.read"]["read"] is True and by_event["document.read"]["role"] == "certificate"
    assert by_event["rating.changed"]["previous_rating"] is None and by_event["rating.changed"]["rating"]


def test_only_chosen_events_and_only_own_organisation(app, login, parties, build, receiver):
    other_buyer = build.user(build.org("buyer", name="Elsewhere"), "procurement")
    _register(login(other_buyer), receiver.url)
    _register(login(parties.procurement), receiver.url, ["rating.changed"])
    _submit(login, parties)
    assert receiver.got == []


def test_a_disabled_webhook_gets_nothing(app, login, parties, receiver):
    client = login(parties.procurement)
    _register(client, receiver.url)
    [hook] = query(app, sa.select(Webhook))
    assert client.post(f"/webhooks/{hook.id}/disable").status_code == 302
    _submit(login, parties)
    assert receiver.got == []


@pytest.mark.parametrize("url, message", [
    ("ftp://example.com/x", "must start with https://"),
    ("file:///etc/passwd", "must start with https://"),
    ("http://user:pw@example.com/", "no user name or password"),
    ("https:///nohost", "no host name"),
])
def test_urls_that_may_not_receive_are_refused(app, login, parties, url, message):
    response = login(parties.procurement).post("/webhooks/", data={"url": url, "events": ALL})
    assert response.status_code == 400 and message in response.data.decode()
    assert query(app, sa.select(Webhook)) == []


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": False}])
@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/", "http://localhost/x", "http://169.254.169.254/latest",
                                 "http://10.0.0.5/", "http://[::1]/"])
def test_local_and_private_addresses_are_refused_unless_allowed(app, login, parties, url):
    response = login(parties.procurement).post("/webhooks/", data={"url": url, "events": ALL})
    assert response.status_code == 400 and "private or local address" in response.data.decode()
    assert query(app, sa.select(Webhook)) == []


def test_another_organisation_cannot_see_replay_or_disable(app, login, parties, build, receiver):
    _register(login(parties.procurement), receiver.url)
    _submit(login, parties)
    [delivery] = query(app, sa.select(WebhookDelivery))
    stranger = login(build.user(build.org("buyer", name="Stranger"), "procurement"))
    assert stranger.get(f"/webhooks/{delivery.webhook_id}").status_code == 404
    assert stranger.post(f"/webhooks/deliveries/{delivery.id}/replay").status_code == 404
    assert stranger.post(f"/webhooks/{delivery.webhook_id}/disable").status_code == 404
    assert receiver.url.encode() not in stranger.get("/webhooks/").data
    for role in ("legal", "supplier"):
        user = parties.legal if role == "legal" else parties.supplier
        assert login(user).get("/webhooks/").status_code == 403
    assert len(receiver.got) == 1 and query(app, sa.select(Webhook))[0].disabled_at is None


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": True, "SWEEP_PENDING_GRACE_S": 0}])
def test_the_sweep_sends_a_delivery_whose_job_was_lost(app, login, parties, build, receiver):
    hook, delivery = build.webhook(parties.procurement, url=receiver.url)  # tried once, its next job lost
    assert "1 webhook delivery(ies) resent" in app.extensions["jobs"]["sweep"]().get()
    [got] = receiver.got
    assert got.headers["Certscope-Delivery"] == str(delivery.id)
    [after] = query(app, sa.select(WebhookDelivery))
    assert after.state == "delivered" and after.attempts == 2
    assert "0 webhook delivery(ies) resent" in app.extensions["jobs"]["sweep"]().get()


PUBLIC = "93.184.216.34"  # a public address (example.com's, once): "the receiver on the internet"
NAME = "hooks.rebind.example"


@pytest.fixture
def dns(monkeypatch, receiver):
    """A resolver for NAME answering from `dns.answers` in turn (then the last one for ever), and a
    network where PUBLIC:<receiver's port> is the receiver; every other name resolves as usual."""
    port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
    state = type("Dns", (), {"answers": [PUBLIC], "asked": 0, "url": f"http://{NAME}:{port}/hooks"})()
    real_lookup, real_connect = socket.getaddrinfo, socket.socket.connect

    def lookup(host, *args, **kwargs):
        if host != NAME:
            return real_lookup(host, *args, **kwargs)
        state.asked += 1
        answer = state.answers[min(state.asked, len(state.answers)) - 1]
        if answer is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (answer, port))]

    def connect(sock, address):
        if address[0] == PUBLIC:
            address = ("127.0.0.1", address[1])
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return state


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": False, "WEBHOOK_BACKOFF_S": 0,
                                         "WEBHOOK_MAX_ATTEMPTS": 3}])
def test_a_delivery_connects_to_the_address_it_checked_not_to_a_second_lookup(app, login, parties, receiver,
                                                                             dns):
    # The check at registration and the one before sending see the public address; a third lookup
    # (the connection resolving the name itself) would get the portal's own network.
    dns.answers = [PUBLIC, PUBLIC, "127.0.0.2"]
    _register(login(parties.procurement), dns.url)
    _submit(login, parties)
    [got] = receiver.got
    assert got.headers["Host"] == f"{NAME}:{dns.url.split(':')[2].split('/')[0]}"
    assert dns.asked == 2
    [delivery] = query(app, sa.select(WebhookDelivery))
    assert delivery.state == "delivered"


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": False, "WEBHOOK_BACKOFF_S": 0,
                                         "WEBHOOK_MAX_ATTEMPTS": 3}])
def test_a_name_that_turns_private_after_registration_gets_nothing(app, login, parties, receiver, dns):
    dns.answers = [PUBLIC, "127.0.0.1"]
    _register(login(parties.procurement), dns.url)
    _submit(login, parties)
    assert receiver.got == []
    [delivery] = query(app, sa.select(WebhookDelivery))
    [attempt] = query(app, sa.select(WebhookAttempt))
    assert delivery.state == "failed" and "private or local address (127.0.0.1)" in attempt.error


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": False, "WEBHOOK_BACKOFF_S": 0,
                                         "WEBHOOK_MAX_ATTEMPTS": 3}])
def test_a_name_that_does_not_resolve_at_delivery_is_tried_again(app, login, parties, receiver, dns):
    dns.answers = [PUBLIC, None, PUBLIC]
    _register(login(parties.procurement), dns.url)
    _submit(login, parties)
    assert len(receiver.got) == 1
    attempts = query(app, sa.select(WebhookAttempt).order_by(WebhookAttempt.number))
    assert "could not be found" in attempts[0].error and attempts[1].status_code == 200


def _certificate(folder, name):
    """A self-signed certificate for `name` (its own root): cert.pem and key.pem in `folder`."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return folder / "cert.pem", folder / "key.pem"


@pytest.mark.parametrize("app_config", [{"WEBHOOK_ALLOW_PRIVATE": False, "WEBHOOK_BACKOFF_S": 0,
                                         "WEBHOOK_MAX_ATTEMPTS": 1}])
@pytest.mark.parametrize("served_name, delivered", [(NAME, True), ("someone-else.example", False)],
                         ids=["certificate-of-the-name", "certificate-of-another-name"])
def test_https_to_the_checked_address_still_verifies_the_names_certificate(
        app, login, parties, receiver, dns, tmp_path, monkeypatch, served_name, delivered):
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    cert, key = _certificate(tmp_path, served_name)
    got = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802  (http.server's name)
            got.append((self.headers["Host"], self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format, *args):  # noqa: A002
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # the test's root is the only one trusted: an on-premises CA named as requests takes it
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    try:
        dns.answers = [PUBLIC]  # PUBLIC:<port> is 127.0.0.1:<port> on the test's network
        url = f"https://{NAME}:{server.server_port}/hooks"
        registered = login(parties.procurement).post("/webhooks/", data={"url": url, "events": ALL})
        assert registered.status_code == 200
        _submit(login, parties)
    finally:
        server.shutdown()
        server.server_close()
    [attempt] = query(app, sa.select(WebhookAttempt))
    if delivered:
        assert attempt.status_code == 204 and [host for host, _ in got] == [f"{NAME}:{server.server_port}"]
    else:
        assert got == [] and attempt.status_code is None and "CERTIFICATE_VERIFY_FAILED" in attempt.error
