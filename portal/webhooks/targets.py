"""Which URLs certscope may POST to: http(s) only, and never to the server's own network unless allowed.

A webhook URL is typed by a tenant and fetched by the server, the classic server-side request
forgery: without a check, a buyer could make certscope POST to its own admin ports, a cloud metadata
service (169.254.169.254) or the office network. So the host is resolved and every address must be
public; WEBHOOK_ALLOW_PRIVATE lets a test or an on-premises install send to localhost/LAN receivers.
The check runs when the URL is saved and again before each attempt (DNS can change in between), and
the attempt connects to the addresses that check resolved (`resolve`), never looking the name up
again: a name answering a public address to the check and a private one to the connection (DNS
rebinding) reaches nothing private.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL = 2000


class TargetError(ValueError):
    """The URL may not receive webhooks; the message says why, for the user.

    `final` is False when trying later may help (the name did not resolve this time)."""

    def __init__(self, message: str, *, final: bool = True) -> None:
        super().__init__(message)
        self.final = final


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (the resolved, checked addresses) and what to ask for."""

    url: str
    scheme: str
    host: str
    port: int
    path: str  # path and query, as sent in the request line
    addresses: tuple[str, ...]


def check_url(url: str, allow_private: bool) -> str:
    """Return the URL cleaned of surrounding space, or raise TargetError saying what is wrong."""
    return resolve(url, allow_private).url


def resolve(url: str, allow_private: bool) -> Target:
    """Check the URL and resolve its host once; every address must be public unless allowed."""
    url = (url or "").strip()
    if not url:
        raise TargetError("Enter the URL that should receive the events.")
    if len(url) > MAX_URL:
        raise TargetError(f"The URL is longer than {MAX_URL} characters.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise TargetError("The URL must start with https:// (or http://).")
    if not parts.hostname:
        raise TargetError("The URL has no host name.")
    if parts.username or parts.password:
        raise TargetError("Put no user name or password in the URL; check the signature instead.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as err:
        raise TargetError("The URL's port is not a number between 1 and 65535.") from err
    addresses = _addresses(parts.hostname, port)
    if not allow_private:
        for address in addresses:
            if not address.is_global:
                raise TargetError(f"{parts.hostname} is a private or local address ({address}); "
                                  "certscope sends webhooks only to public addresses.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(url, parts.scheme, parts.hostname, port, path, tuple(dict.fromkeys(map(str, addresses))))


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise TargetError(f"The host {host} could not be found.", final=False) from err
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
