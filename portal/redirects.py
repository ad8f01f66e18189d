"""Safe redirect targets: only a relative path on this host, whatever encoding a link used.

Every user-supplied destination (`next`) goes through `safe_next`. A value is judged after undoing
what browsers and servers undo — percent-encoding (repeatedly: double encoding), Unicode
compatibility forms (a fullwidth solidus is a slash), backslashes (read as slashes) — and refused if
any of those forms could leave the host or carries a control character (header injection).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, unquote, urlsplit

MAX_LENGTH = 2048
DECODE_ROUNDS = 4
# Characters kept as they are when the accepted target is re-encoded for the Location header.
URL_SAFE = "/?&=#%:@!$'()*+,;~-._"


def safe_next(target: str | None) -> str | None:
    """Return `target` as a safe local path (re-encoded), or None when it is not one."""
    if not target or len(target) > MAX_LENGTH:
        return None
    forms = _decoded_forms(target)
    if forms is None or not all(_is_local_path(form) for form in forms):
        return None
    return quote(target, safe=URL_SAFE)


def _decoded_forms(target: str) -> list[str] | None:
    """Return `target` and each successive percent-decoding of it, NFKC-normalised too."""
    forms, current = [target], target
    for _ in range(DECODE_ROUNDS):
        decoded = unquote(current, errors="strict") if _decodes(current) else None
        if decoded is None:
            return None
        if decoded == current:
            break
        forms.append(decoded)
        current = decoded
    else:
        return None  # still changing after several rounds: nobody encodes a real link like that
    return forms + [unicodedata.normalize("NFKC", form) for form in forms]


def _decodes(value: str) -> bool:
    try:
        unquote(value, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _is_local_path(value: str) -> bool:
    """Say whether `value` is a path on this host with nothing a browser would read otherwise."""
    if any(_is_dangerous_char(ch) for ch in value) or "\\" in value:
        return False
    if not value.startswith("/") or value.startswith("//"):
        return False
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return False
    return not any(segment in (".", "..") for segment in parts.path.split("/"))


def _is_dangerous_char(ch: str) -> bool:
    """Control, format (zero-width, bidi), separator and whitespace characters are never in a link."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs") or ch.isspace()
