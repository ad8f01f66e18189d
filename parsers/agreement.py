"""Cross-document agreement: what the certificate and its Statement of Applicability say about each other.

The certificate's holder against the SoA's holder; the SoA the certificate cites against the SoA's own
version and date. A field the certificate left null because its readings disagreed is settled when
exactly one of those readings is what the SoA states; nothing the certificate states is overwritten
(a real difference is the scoring rules' business: cert.holder_mismatch, soa.version_mismatch).

Used by `certscope assess`; the portal calls the same function on stored extractions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from . import lexicon
from .model import CertificateExtraction, Evidence, SoaExtraction, SoaReference
from .orgnames import same_organisation

SETTLED_NOTE = "_settled_by_soa"  # evidence key: fields the SoA settled, and how


@dataclass(frozen=True)
class Agreement:
    """How one fact compares across the two documents."""

    field: str  # "holder", "soa_reference.version", "soa_reference.date"
    status: str  # "agree" | "differ" | "unknown" | "settled" (a null field taken from its readings)
    certificate: Any
    soa: Any


def reconcile(certificate: CertificateExtraction,
              soa: SoaExtraction | None) -> tuple[CertificateExtraction, list[Agreement]]:
    """Return the certificate with what the SoA settles filled in, and how each shared fact compares."""
    if soa is None:
        return certificate, []
    cert = replace(certificate, evidence=dict(certificate.evidence),
                   alternatives=dict(certificate.alternatives))
    found = [_holder(cert, soa), *_reference(cert, soa)]
    return cert, found


def _holder(cert: CertificateExtraction, soa: SoaExtraction) -> Agreement:
    if not soa.holder:
        return Agreement("holder", "unknown", cert.holder, soa.holder)
    if cert.holder:
        status = "agree" if same_organisation(cert.holder, soa.holder) else "differ"
        return Agreement("holder", status, cert.holder, soa.holder)
    readings = cert.alternatives.get("holder", [])
    matches = [a for a in readings if same_organisation(str(a["value"]), soa.holder)]
    if len(matches) != 1:
        return Agreement("holder", "unknown", None, soa.holder)
    cert.holder = str(matches[0]["value"])
    _settle(cert, "holder", matches[0], f"holder: the reading {cert.holder!r} is the SoA's holder")
    return Agreement("holder", "settled", cert.holder, soa.holder)


def _reference(cert: CertificateExtraction, soa: SoaExtraction) -> list[Agreement]:
    ref = cert.soa_reference
    if ref is None:
        ref = _settled_reference(cert, soa)
        if ref is None:
            return [Agreement("soa_reference.version", "unknown", None, soa.version),
                    Agreement("soa_reference.date", "unknown", None, soa.date)]
        status = "settled"
    else:
        status = ""
    return [_compare("soa_reference.version", ref.version, soa.version, status, _same_version),
            _compare("soa_reference.date", ref.date, soa.date, status, _same)]


def _compare(name: str, cited: Any, actual: Any, status: str, same: Any) -> Agreement:
    if cited is None or actual is None:
        return Agreement(name, "unknown", cited, actual)
    if status:
        return Agreement(name, status, cited, actual)
    return Agreement(name, "agree" if same(cited, actual) else "differ", cited, actual)


def _settled_reference(cert: CertificateExtraction, soa: SoaExtraction) -> SoaReference | None:
    """Return the one SoA reading the SoA's own version (or date) confirms, if exactly one does."""
    matches = []
    for alt in cert.alternatives.get("soa_reference", []):
        version, when = _reading(alt["value"])
        if (version or when) and _fits(version, soa.version, _same_version) and _fits(when, soa.date, _same):
            matches.append((alt, SoaReference(version, when)))
    if len(matches) != 1:
        return None
    alt, ref = matches[0]
    cert.soa_reference = ref
    _settle(cert, "soa_reference", alt, "soa_reference: the reading is the SoA's own version and date")
    return ref


def _fits(cited: Any, actual: Any, same: Any) -> bool:
    """Return whether a cited part agrees with the SoA (a part the reading lacks agrees with anything)."""
    return cited is None or (actual is not None and bool(same(cited, actual)))


def _same(a: Any, b: Any) -> bool:
    return bool(a == b)


def _reading(value: Any) -> tuple[str | None, dt.date | None]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None, None
    version, when = value
    try:
        day = dt.date.fromisoformat(when) if isinstance(when, str) else None
    except ValueError:
        day = None
    return (str(version) if version else None), day


def _same_version(a: str, b: str) -> bool:
    return version_key(a) == version_key(b)


def version_key(version: str) -> tuple[str, ...]:
    """Return a comparable form of a printed version: "v2.0", "Version 2", "Rev. 2" and "2" are one."""
    text = _version_word().sub("", version.strip().lower())
    parts = [p for p in re.split(r"[.\s]+", text) if p]
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts.pop()
    return tuple(str(int(p)) if p.isdigit() else p for p in parts)


@cache
def _version_word() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.phrases("version_words"))
    return re.compile(rf"^(?:(?:{words})\.?\s*:?\s*)+", re.I)


def _settle(cert: CertificateExtraction, name: str, alternative: dict[str, Any], note: str) -> None:
    evidence = [Evidence.from_json(e) for e in alternative.get("evidence") or []]
    if evidence:
        cert.evidence[name] = evidence
    cert.evidence[SETTLED_NOTE] = [*cert.evidence.get(SETTLED_NOTE, []), Evidence(1, note)]
    cert.alternatives[name] = [a for a in cert.alternatives.get(name, []) if a is not alternative]
