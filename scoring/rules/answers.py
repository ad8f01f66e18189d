"""Rule comparing the supplier's answers with what the documents show."""

from __future__ import annotations

from collections.abc import Iterator

from .. import evidence as ev
from ..model import Finding
from ..registry import Facts, finding, rule

# answer id → (flag that contradicts a "yes", what the supplier claimed, what the evidence shows)
CONTRADICTIONS: dict[str, tuple[str, str, str]] = {
    "supply_chain_in_scope": ("scope.supply_chain_excluded", "its AI supply chain is inside the scope",
                              "the scope excludes part of it"),
    "product_in_scope": ("scope.narrow", "the product is inside the scope", "the scope does not cover it"),
    "soa_shared": ("soa.missing", "it shared its Statement of Applicability", "none was provided"),
    "accredited": ("cert.unaccredited", "the certification is accredited",
                   "no recognised accreditation body is stated"),
}


@rule("answer.contradicted", "high")
def contradicted(facts: Facts) -> Iterator[Finding]:
    """A supplier's "yes" is contradicted by the evidence."""
    for answer, (code, claim, shown) in CONTRADICTIONS.items():
        if facts.context.answered_yes(answer) and facts.raised(code):
            evidence = [e for f in facts.findings(code) for e in f.evidence]
            yield from finding(f"The supplier answered that {claim}, but {shown} ({code})",
                               ev.context(f"answer to {answer}: {facts.context.answers[answer]}"), evidence)
