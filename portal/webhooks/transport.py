"""POST a delivery to the addresses its URL's check resolved (targets.resolve), never resolving again.

urllib3 underneath (what requests uses), with one change: the connection opens a socket to each
checked address in turn instead of looking the host name up itself. Everything else stays the
name's: the Host header, TLS's server name and the certificate check (against the roots requests
used: REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE when set - an on-premises CA -, else certifi's). No proxy
from the environment is used (a proxy would connect where it likes), no redirect is followed, no retry
is made here (the delivery job retries with back-off).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from typing import Any

import certifi
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, Timeout
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError
from urllib3.util import connection

from .targets import Target

TransportError = HTTPError  # what a failed POST raises (no answer, a broken answer, TLS refused)


@dataclass(frozen=True)
class Answer:
    """The receiver's status and the start of its body."""

    status: int
    text: str


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float, keep: int) -> Answer:
    """POST `body` to the target; return the status and the first `keep` characters of the answer."""
    pool = _pool(target, timeout)
    try:
        answer = pool.urlopen("POST", target.path, body=body, headers=headers, redirect=False, retries=False,
                              preload_content=False, assert_same_host=False)
        try:
            raw = answer.read(keep * 4, decode_content=True) or b""
        finally:
            answer.release_conn()
        charset = _charset(answer.headers.get("Content-Type", ""))
        return Answer(answer.status, raw.decode(charset, errors="replace")[:keep])
    finally:
        pool.close()


def _pool(target: Target, timeout: float) -> HTTPConnectionPool:
    limits = Timeout(connect=timeout, read=timeout)
    if target.scheme == "https":
        pool: HTTPConnectionPool = HTTPSConnectionPool(target.host, target.port, timeout=limits, maxsize=1,
                                                       cert_reqs="CERT_REQUIRED", ca_certs=_roots())
        pool.ConnectionCls = _pinned(HTTPSConnection, target.addresses)
    else:
        pool = HTTPConnectionPool(target.host, target.port, timeout=limits, maxsize=1)
        pool.ConnectionCls = _pinned(HTTPConnection, target.addresses)
    return pool


def _roots() -> str:
    """The trusted roots, as requests picks them (its environment variables, else certifi)."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or certifi.where()


def _pinned(base: type[HTTPConnection], addresses: tuple[str, ...]) -> Any:
    """A connection class whose socket goes to one of `addresses` (tried in order), not to a lookup."""

    class Pinned(base):  # type: ignore[misc, valid-type]
        def _new_conn(self) -> socket.socket:
            failure: Exception = NewConnectionError(self, "no address to connect to")
            for address in addresses:
                try:
                    return connection.create_connection((address, self.port), self.timeout,
                                                        source_address=self.source_address,
                                                        socket_options=self.socket_options)
                except TimeoutError:
                    failure = ConnectTimeoutError(self, f"Connection to {self.host} ({address}) timed out")
                except OSError as err:
                    failure = NewConnectionError(self, f"Failed to connect to {self.host} ({address}): {err}")
            raise failure

    return Pinned


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            try:
                "".encode(value.strip('"'))
            except LookupError:
                break
            return value.strip('"')
    return "utf-8"
