"""Supplier pre-flight: the flags the buyer will see, scored now, phrased as what to fix.

Nothing is written: the assessment is scored in memory with the saved answers and the current
documents (corrections applied), exactly as the buyer's next scoring will see them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import scoring
from scoring.settings import DEFAULT_SURVEILLANCE_GRACE_MONTHS

from ..assessments import rescoring
from ..models import Assessment

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class PreflightItem:
    """One problem the buyer will see: its code and severity, what to fix, and where."""

    code: str
    severity: str
    advice: str
    buyer_message: str
    action: str  # "upload", "questionnaire" or "correct": where the supplier fixes it
    quote: str = ""
    page: int | None = None


@dataclass(frozen=True)
class Preflight:
    """The pre-flight of one assessment: the rating the buyer will see and what to fix."""

    rating: str | None
    items: list[PreflightItem]
    has_certificate: bool
    certificate_id: int | None = None
    soa_id: int | None = None


def preflight(assessment: Assessment, today: dt.date) -> Preflight:
    """Score `assessment` in memory for `today` and phrase each flag as what the supplier can fix."""
    inputs = rescoring.gather_inputs([assessment])[assessment.id]
    # the very extractions (corrections applied) the buyer's next scoring uses
    cert = rescoring.certificate_of(inputs)
    if cert is None:
        return Preflight(None, [], has_certificate=False)
    context = rescoring.build_context(assessment, inputs.answers, today)
    result = scoring.assess(cert, rescoring.soa_of(inputs), context, rescoring.scoring_settings())
    items = [advise(flag.to_json(), assessment) for flag in result.flags]
    items.sort(key=lambda item: (SEVERITY_ORDER.get(item.severity, 3), item.code))
    return Preflight(result.rating, items, has_certificate=True,
                     certificate_id=inputs.certificate.id if inputs.certificate else None,
                     soa_id=inputs.soa.id if inputs.soa else None)


def advise(flag: dict[str, Any], assessment: Assessment) -> PreflightItem:
    """Return the supplier-facing advice for one flag (SCHEMA.md §3 shape)."""
    phrase, action = ADVICE.get(flag["code"], (_fallback, "upload"))
    quote, page = _first_quote(flag)
    advice = phrase if isinstance(phrase, str) else phrase(flag, assessment)
    return PreflightItem(code=flag["code"], severity=flag["severity"], advice=advice,
                         buyer_message=flag["message"], action=action, quote=quote, page=page)


def _first_quote(flag: dict[str, Any]) -> tuple[str, int | None]:
    for item in flag.get("evidence") or []:
        if item.get("document") in ("certificate", "soa") and item.get("quote"):
            return str(item["quote"]), item.get("page")
    return "", None


def _date_in(flag: dict[str, Any]) -> str:
    """Return the first date (ISO or "12 March 2027") the flag's message or quotes mention, else ''."""
    texts = [flag.get("message") or ""] + [str(e.get("quote") or "") for e in flag.get("evidence") or []]
    for text in texts:
        found = re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4}", text)
        if found:
            return found.group(0)
    return ""


def _fallback(flag: dict[str, Any], a: Assessment) -> str:
    return f"{flag['message']}: upload evidence that resolves this, or explain in the thread."


def _expired(flag: dict[str, Any], a: Assessment) -> str:
    when = _date_in(flag)
    return (f"The certificate expired{' on ' + when if when else ''}: upload the renewed certificate, "
            "or correct the expiry date if it was misread.")


def _expiring(flag: dict[str, Any], a: Assessment) -> str:
    when = _date_in(flag)
    return (f"The certificate expires{' on ' + when if when else ' within 90 days'}: upload the renewed "
            "certificate when you have it, and tell the buyer when the recertification audit takes place.")


def _holder(flag: dict[str, Any], a: Assessment) -> str:
    entity = a.supplier_legal_name or a.supplier_name
    return (f"The certificate holder is not {entity}, the legal entity under review: upload that entity's "
            "certificate, or explain how the holder relates to it.")


def _missing(flag: dict[str, Any], a: Assessment) -> str:
    detail = flag["message"].split(":", 1)[-1].strip() if ":" in flag["message"] else "some required details"
    return (f"The certificate does not state {detail}: if it does, correct the misread field; "
            "otherwise upload a certificate that states it.")


def _narrow(flag: dict[str, Any], a: Assessment) -> str:
    return (f"The scope statement does not mention {a.product}: upload the certificate that covers it, "
            "or explain.")


def _region(flag: dict[str, Any], a: Assessment) -> str:
    regions = ", ".join(a.required_regions or []) or "the required regions"
    return (f"No certified site, and nothing in the scope, lies in {regions}: upload the certificate that "
            "covers your sites there, or explain where the data is processed.")


def _contradicted(flag: dict[str, Any], a: Assessment) -> str:
    found = re.match(r"The supplier answered that (.+?), but (.+?)(?: \([\w.]+\))?$", flag["message"])
    if found:
        return (f"You answered that {found.group(1)}, but {found.group(2)}: change the answer, or upload "
                "evidence that shows it.")
    return ("One of your answers is contradicted by the evidence: change the answer, or upload evidence "
            "that shows it.")


Phrase = Callable[[dict[str, Any], Assessment], str]
# One phrasing per FLAGS.md code (a text, or a function of the flag and the assessment), and where
# the supplier goes to fix it.
ADVICE: dict[str, tuple[str | Phrase, str]] = {
    "cert.not_42001": (
        "The document is not an ISO/IEC 42001 certificate: upload your ISO/IEC 42001 certificate (an "
        "ISO/IEC 27001 or 9001 certificate does not count), or correct the standard if misread.", "upload"),
    "cert.not_certified": (
        "The document claims alignment, compliance or readiness, not certification: upload the certificate "
        "your certification body issued, or explain when certification is expected.", "upload"),
    "cert.unaccredited": (
        "No recognised accreditation body (an IAF MLA signatory such as UKAS, ANAB or DAkkS) is named: "
        "upload an accredited certificate, or correct the accreditation body if it was misread.", "correct"),
    "cert.expired": (_expired, "upload"),
    "cert.expiring_soon": (_expiring, "upload"),
    "cert.surveillance_overdue": (
        f"No surveillance audit is shown in the last {DEFAULT_SURVEILLANCE_GRACE_MONTHS} months: upload the "
        "latest surveillance audit report or re-issued certificate, or correct the surveillance dates if "
        "they were misread.", "correct"),
    "cert.validity_too_long": (
        "The certificate runs more than 3 years from its issue date, longer than any accredited cycle: "
        "check the issue and expiry dates and correct them if misread, or explain.", "correct"),
    "cert.holder_mismatch": (_holder, "correct"),
    "cert.missing_fields": (_missing, "correct"),
    "scope.narrow": (_narrow, "upload"),
    "scope.supply_chain_excluded": (
        "The scope excludes third-party AI components (models, speech recognition or synthesis, telephony, "
        "APIs) or your SoA marks A.10.2/A.10.3 not applicable: upload a certificate whose scope covers your "
        "AI suppliers, or explain how they are controlled.", "upload"),
    "scope.region_mismatch": (_region, "upload"),
    "soa.missing": (
        "No Statement of Applicability was uploaded: upload your SoA (the version the certificate cites).",
        "upload"),
    "soa.version_mismatch": (
        "The SoA uploaded is not the version (or date) the certificate cites: upload the cited version, or "
        "correct the version if it was misread.", "upload"),
    "soa.key_control_excluded": (
        "Your SoA marks key controls (impact assessment A.5, life cycle A.6, data A.7 or third parties A.10) "
        "not applicable: correct a control if it was misread, explain why in the thread, or upload the "
        "current SoA.", "correct"),
    "soa.unjustified_exclusion": (
        "A control is marked not applicable without a justification: correct the control if its "
        "justification was misread, or add the justification to the SoA and upload it again.", "correct"),
    "soa.incomplete": (
        "The SoA does not list all 38 Annex A controls: add a control that was missed when reading it, or "
        "upload the complete SoA.", "correct"),
    "answer.contradicted": (_contradicted, "questionnaire"),
}
