"""Rules about what the certificate's scope covers: the product, the supply chain, the regions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import evidence as ev
from ..coverage import covers_everything
from ..exclusions import supply_chain_exclusions
from ..model import Finding
from ..registry import Facts, finding, rule
from ..text import clauses, name_in, shorten, words


def product_named(scope: str, names: tuple[str, ...], cutoff: float) -> str | None:
    """Return the first of `names` the scope names (fuzzily), or None."""
    return next((name for name in names if name_in(scope, name, cutoff)), None)


def brand_free(name: str, company: str | None) -> str | None:
    """Return a product name without its company brand ("Acme VoiceAgent" → "VoiceAgent"), if distinctive.

    Certificates often name the product without the brand. What remains must still be distinctive:
    a coined word ("VoiceAgent") or several words, never one plain word like "Analytics".
    """
    if not company:
        return None
    brand = set(words(company))
    kept = [w for w in name.split() if not brand.intersection(words(w))]
    if not kept or len(kept) == len(name.split()):
        return None
    coined = len(kept) == 1 and re.search(r"[a-z][A-Z]", kept[0]) is not None
    return " ".join(kept) if coined or len(kept) > 1 else None


@rule("scope.narrow", "high")
def narrow(facts: Facts) -> Iterator[Finding]:
    """The scope names neither the product nor all of the holder's AI systems, products or services."""
    scope, context = facts.certificate.scope, facts.context
    names = tuple(n for n in (context.product, *context.product_aliases) if n)
    if not scope or not names:
        return  # no scope is cert.missing_fields; no product means nothing to look for
    unbranded = tuple(b for n in names if (b := brand_free(n, context.supplier_legal_name)))
    cutoff = facts.settings.product_match_cutoff
    if covers_everything(scope) or product_named(scope, names + unbranded, cutoff):
        return
    others = f" (or {', '.join(repr(n) for n in names[1:])})" if len(names) > 1 else ""
    covered = shorten(clauses(scope)[0], 120)
    yield from finding(f"The scope covers '{covered}', not '{names[0]}'{others}, the product under "
                       "review, nor all of the holder's AI systems", facts.cert_evidence("scope"),
                       ev.context(f"product under review: {', '.join(names)}"))


@rule("scope.supply_chain_excluded", "high")
def supply_chain_excluded(facts: Facts) -> Iterator[Finding]:
    """The scope or the SoA excludes third-party AI components or a named supplier."""
    scope = facts.certificate.scope or ""
    members = tuple(m.name for m in facts.context.supply_chain)
    for found in supply_chain_exclusions(scope, members, facts.settings.product_match_cutoff):
        what = f"the supplier {found.member}" if found.member else f"'{shorten(found.excluded, 90)}'"
        yield from finding(f"The scope excludes {what}: that part of the AI supply chain is not covered by "
                           "the certification", facts.cert_quote("scope", found.clause))
    yield from _soa_supply_chain(facts)


def _soa_supply_chain(facts: Facts) -> Iterator[Finding]:
    if facts.soa is None:
        return
    wanted = set(facts.settings.supply_chain_controls)
    excluded = [c for c in facts.soa.controls if c.id in wanted and not c.applicable]
    if excluded:
        ids = ", ".join(c.id for c in excluded)
        quotes = [ev.from_evidence("soa", c.evidence) if c.evidence
                  else ev.FlagEvidence("soa", None, f"{c.id}: not applicable") for c in excluded]
        yield from finding(f"The Statement of Applicability marks {ids} (third-party and supplier controls) "
                           "not applicable: suppliers are outside the management system", quotes)
