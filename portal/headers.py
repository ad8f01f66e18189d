"""Response headers, set in one place (Flask-Talisman): CSP with per-request nonces, framing, sniffing,
referrer, permissions, HSTS over HTTPS; caching off for signed-in pages; the proxy trust; a quiet
`Server` header for the built-in server."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user
from flask_talisman import Talisman
from werkzeug.serving import WSGIRequestHandler

# Scripts and styles come only from the portal; the one inline <style> (evidence highlight boxes on a
# page image) carries the request's nonce, so no 'unsafe-inline' is needed anywhere.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
NONCE_IN = ["script-src", "style-src"]
# Powerful browser features the portal never uses.
PERMISSIONS = {feature: "()" for feature in ("camera", "microphone", "geolocation", "payment", "usb",
                                             "browsing-topics", "interest-cohort")}
HSTS_SECONDS = 365 * 24 * 3600
SERVER_NAME = "certscope"
TALISMAN = {
    "force_https_permanent": True, "frame_options": "DENY", "strict_transport_security": True,
    "strict_transport_security_max_age": HSTS_SECONDS, "strict_transport_security_include_subdomains": False,
    "content_security_policy": CSP, "content_security_policy_nonce_in": NONCE_IN,
    "referrer_policy": "same-origin", "permissions_policy": PERMISSIONS, "feature_policy": {},
    "document_policy": {}, "x_content_type_options": True, "x_xss_protection": False,
    # Cookies: the session store marks them Secure per request (HTTPS, or a trusted proxy saying so).
    "session_cookie_secure": False, "session_cookie_http_only": True, "session_cookie_samesite": "Lax",
}


def _after(response: Response) -> Response:
    """Finish the headers Talisman set (it runs before this: after_request handlers run in reverse)."""
    if not request.is_secure:
        # Talisman believes a bare X-Forwarded-Proto; only ProxyFix (a configured proxy) may make a
        # request secure, and HSTS belongs to secure responses only.
        response.headers.pop("Strict-Transport-Security", None)
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    if current_user and current_user.is_authenticated:
        # Tenant data must not stay in shared caches or the back button after signing out.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def register(app: Flask) -> None:
    """Install the headers on every response of `app`, and trust a proxy when configured."""
    app.after_request(_after)  # registered first, so it runs after Talisman's handler
    Talisman(app, force_https=bool(app.config.get("FORCE_HTTPS")), **TALISMAN)
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only behind a known reverse proxy: otherwise clients could forge their address (and escape
        # the per-address sign-in throttle) or claim HTTPS.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


class QuietRequestHandler(WSGIRequestHandler):
    """The built-in server's request handler, naming no version (Werkzeug's says Werkzeug/x Python/y)."""

    def version_string(self) -> str:
        """Return the `Server` header's value."""
        return SERVER_NAME
