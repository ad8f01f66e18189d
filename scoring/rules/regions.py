"""Rule about where the certified activity takes place."""

from __future__ import annotations

from collections.abc import Iterator

from .. import evidence as ev
from ..model import Finding, FlagEvidence
from ..regions import country_of, place_in
from ..registry import Facts, finding, rule


@rule("scope.region_mismatch", "medium")
def region_mismatch(facts: Facts) -> Iterator[Finding]:
    """No certified site, and nothing in the scope, lies in a region the buyer requires."""
    required = facts.context.required_regions
    if not required:
        return
    cert = facts.certificate
    in_sites = any(place_in(site, region, address=True) for region in required for site in cert.sites)
    if in_sites or any(place_in(cert.scope or "", region) for region in required):
        return
    where = ", ".join(dict.fromkeys(country_of(s) for s in cert.sites)) or "no location stated"
    quotes: list[FlagEvidence] = facts.cert_evidence("sites", "; ".join(cert.sites) or None)
    if not cert.sites:
        looked_for = f"a certified site or scope wording in {', '.join(required)}"
        quotes.append(ev.absence("certificate", looked_for))
    yield from finding(f"The buyer requires {' or '.join(required)}, but the certified sites are in: "
                       f"{where}; the scope names no location there either", quotes,
                       ev.context(f"required regions: {', '.join(required)}"))
