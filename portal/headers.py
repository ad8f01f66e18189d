"""Response headers that keep pages from being framed, sniffed, cached or fed foreign scripts."""

from __future__ import annotations

from flask import Flask, Response
from flask_login import current_user

# Inline style attributes are allowed (evidence highlight boxes are positioned with them);
# scripts, fonts and images come only from the portal itself.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")


def _secure(response: Response) -> Response:
    """Add the security headers to one response."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if current_user and current_user.is_authenticated:
        # Tenant data must not stay in shared caches or the back button after signing out.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def register(app: Flask) -> None:
    """Install the headers on every response of `app`, and trust a proxy when configured."""
    app.after_request(_secure)
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only behind a known reverse proxy: otherwise clients could forge their address
        # and escape the per-address login throttle.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
