"""Suggested contractual safeguards, one per flag code of FLAGS.md (data, not logic)."""

from __future__ import annotations

# Months a supplier gets to bring its certification in line; said once so every clause agrees.
CURE_MONTHS = 6

SAFEGUARDS: dict[str, str] = {
    "cert.not_42001": (
        f"Supplier to obtain accredited ISO/IEC 42001 certification covering the product within "
        f"{CURE_MONTHS} months; until then, its other certificates are not evidence of AI governance."),
    "cert.not_certified": (
        "Supplier to provide an accredited certificate, not a statement of alignment or readiness; "
        f"certification within {CURE_MONTHS} months as a condition of the contract."),
    "cert.unaccredited": (
        "Supplier to be certified by a body accredited by an IAF MLA signatory, and to provide the "
        "accreditation reference; buyer may terminate if this is not done at the next renewal."),
    "cert.expired": (
        "No reliance on the certificate: supplier to provide a current certificate before signature "
        "(or before any renewal of the contract)."),
    "cert.expiring_soon": (
        "Certificate renewal as a condition of renewal: supplier to provide the renewed certificate "
        "before the current one expires."),
    "cert.surveillance_overdue": (
        "Supplier to provide the latest surveillance audit report, and each later one within 30 days "
        "of the audit."),
    "cert.validity_too_long": (
        "Supplier to confirm with the certification body the certificate's true validity and provide "
        "written confirmation that it is maintained under an accredited three-year cycle."),
    "cert.holder_mismatch": (
        "Contracting entity to be the certificate holder, or supplier to provide evidence that the "
        "certificate covers the contracting entity (group certificate or scope extension)."),
    "cert.missing_fields": (
        "Supplier to provide a complete certificate (holder, number, certification body, expiry "
        "date, scope), or a confirmation letter from the certification body."),
    "scope.narrow": (
        "Supplier warrants that the product is within the certified scope, and will extend the "
        f"certification scope to it within {CURE_MONTHS} months."),
    "scope.supply_chain_excluded": (
        "Supplier to notify changes of AI model or speech provider and extend certification scope "
        f"to them within {CURE_MONTHS} months; flow down equivalent AI obligations to sub-processors."),
    "scope.region_mismatch": (
        "Supplier to process the buyer's data only at certified sites in the required regions, or "
        "extend the certification to the sites actually used."),
    "soa.missing": (
        "Supplier to provide its Statement of Applicability (under confidentiality if needed) "
        "before signature, and each revised version."),
    "soa.version_mismatch": (
        "Supplier to provide the Statement of Applicability version the certificate cites, and to "
        "notify each new version."),
    "soa.key_control_excluded": (
        "Supplier to justify each excluded key control in writing and commit to implement it, or to "
        "accept equivalent contractual obligations (impact assessment, life cycle, data, third parties)."),
    "soa.unjustified_exclusion": (
        "Supplier to provide a written justification for every control marked not applicable."),
    "soa.incomplete": (
        "Supplier to provide a Statement of Applicability listing all 38 Annex A controls."),
    "answer.contradicted": (
        "Supplier's questionnaire answers become warranties; supplier to correct the contradicted "
        "answers in writing before signature."),
}
FALLBACK = "Supplier to explain and remedy this finding in writing before signature."


def safeguard_for(code: str) -> str:
    """Return the suggested contractual safeguard for a flag code."""
    return SAFEGUARDS.get(code, FALLBACK)
