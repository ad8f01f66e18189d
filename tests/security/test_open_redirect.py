"""Item 1: `next` after sign-in never leaves this host, and never breaks the response's headers.

Each hostile value is sent as the query string of the sign-in form, exactly as an attacker's link
would carry it, and the Location answered is resolved the way a browser does (tabs and newlines
dropped, backslashes read as slashes) against the portal's own URL.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit

import pytest

from .conftest import PASSWORD

EVIL = "evil.example"

# Raw query-string values (already percent-encoded where an attacker would encode them).
HOSTILE = [
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d/evil.example",
    "/%0d%0a/evil.example",
    "%09//evil.example",
    " //evil.example",
    "%20//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5cevil.example",
    "%5c%5cevil.example",
    "/%5c/evil.example",
    "/%2fevil.example",
    "%2f%2fevil.example",
    "/%252fevil.example",
    "%252f%252fevil.example",
    "/%25252f%25252fevil.example",
    "/%255cevil.example",
    "%2F%2Fevil.example",
    "/%EF%BC%8Fevil.example",          # fullwidth solidus, NFKC → '/'
    "%EF%BC%8F%EF%BC%8Fevil.example",
    "/%EF%B9%A8evil.example",          # small reverse solidus, NFKC → '\'
    "/%E2%80%8B/evil.example",         # zero-width space
    "/%E2%80%AE/evil.example",         # right-to-left override
    "/%00/evil.example",
    "/.//evil.example",
    "/./../evil.example",
    "https://localhost@evil.example",
    "//localhost@evil.example",
    "/@evil.example",                  # harmless but must stay on the host
    "//evil.example%2f%2e%2e",
    "http://localhost/%0d%0a//evil.example",
    "/%E3%80%82/evil.example",
]

INJECTIONS = [
    "/%0d%0aSet-Cookie:%20injected=1",
    "/%0d%0a//evil.example",
    "/%0aLocation:%20//evil.example",
    "/%0d%0a%0d%0a<script>alert(1)</script>",
    "/%E5%98%8A%E5%98%8DSet-Cookie:%20injected=1",   # U+560A U+560D: "CRLF" once truncated to bytes
    "/%c4%8d%c4%8aSet-Cookie:injected=1",
    "/%250d%250aSet-Cookie:%20injected=1",
]


def browser_target(location: str, base: str = "http://localhost/login") -> str:
    """Resolve a Location header as a browser would (WHATWG: strip tab/LF/CR, '\\' is '/')."""
    cleaned = "".join(ch for ch in location if ch not in "\t\n\r").strip().replace("\\", "/")
    return urljoin(base, cleaned)


def sign_in_with_next(client, email: str, raw_next: str):
    return client.post(f"/login?next={raw_next}", data={"email": email, "password": PASSWORD})


def test_the_list_covers_at_least_thirty_encodings():
    assert len(set(HOSTILE)) >= 30


@pytest.mark.parametrize("raw_next", HOSTILE)
def test_hostile_next_stays_on_this_host(client, buyer, raw_next):
    response = sign_in_with_next(client, buyer.email, raw_next)
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    target = urlsplit(browser_target(location))
    assert target.scheme == "http" and target.hostname == "localhost", location
    assert EVIL not in target.path.split("/")[1:2], location
    assert location.startswith("/") and not location.startswith("//"), location


@pytest.mark.parametrize("raw_next", INJECTIONS)
def test_header_injection_through_next_is_impossible(client, buyer, raw_next):
    response = sign_in_with_next(client, buyer.email, raw_next)
    assert response.status_code == 302, response.status_code
    assert "injected" not in response.headers.get("Set-Cookie", "")
    assert len(response.headers.getlist("Location")) == 1
    location = response.headers["Location"]
    assert not any(ch in location for ch in "\r\n\0"), location
    assert urlsplit(browser_target(location)).hostname == "localhost"
    assert client.get("/account").status_code == 200  # signed in, and the answer was a clean redirect


@pytest.mark.parametrize("path", ["/account", "/assessments/5?tab=documents", "/account?x=%C3%A9t%C3%A9",
                                  "/legal/summary/3#flags"])
def test_a_local_next_is_followed(client, buyer, path):
    response = sign_in_with_next(client, buyer.email, quote(path, safe=""))
    assert response.headers["Location"] == path


def test_sign_in_required_page_round_trips_through_next(client, buyer):
    first = client.get("/account")
    assert first.status_code == 302
    login_url = first.headers["Location"]
    response = client.post(login_url, data={"email": buyer.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_next_on_a_get_of_the_signed_in_login_page_is_ignored_safely(login, buyer):
    signed_in = login(buyer)
    response = signed_in.get("/login?next=//evil.example")
    assert response.status_code == 302
    assert urlsplit(browser_target(response.headers["Location"])).hostname == "localhost"
