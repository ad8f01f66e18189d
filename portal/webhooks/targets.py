"""Which URLs certscope may POST to: http(s) only, and never to the server's own network unless allowed.

A webhook URL is typed by a tenant and fetched by the server, the classic server-side request
forgery: without a check, a buyer could make certscope POST to its own admin ports, a cloud metadata
service (169.254.169.254) or the office network. So the host is resolved and every address must be
public; WEBHOOK_ALLOW_PRIVATE lets a test or an on-premises install send to localhost/LAN receivers.
The check runs when the URL is saved and again before each attempt (DNS can change in between).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

MAX_URL = 2000


class TargetError(ValueError):
    """The URL may not receive webhooks; the message says why, for the user."""


def check_url(url: str, allow_private: bool) -> str:
    """Return the URL cleaned of surrounding space, or raise TargetError saying what is wrong."""
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
        port = parts.port
    except ValueError as err:
        raise TargetError("The URL's port is not a number between 1 and 65535.") from err
    if not allow_private:
        for address in _addresses(parts.hostname, port or (443 if parts.scheme == "https" else 80)):
            if not address.is_global:
                raise TargetError(f"{parts.hostname} is a private or local address ({address}); "
                                  "certscope sends webhooks only to public addresses.")
    return url


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise TargetError(f"The host {host} could not be found.") from err
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
