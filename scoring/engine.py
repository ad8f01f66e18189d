"""The engine: run every registered rule, attach code and severity, compute the rating."""

from __future__ import annotations

from parsers.model import CertificateExtraction, SoaExtraction

from . import rules  # noqa: F401  (registers the rules)
from .model import SEVERITIES, Assessment, Context, Finding, Flag, rating_for
from .registry import RULES, Facts, Rule
from .settings import DEFAULT_SCORING_SETTINGS, ScoringSettings


def assess(certificate: CertificateExtraction, soa: SoaExtraction | None, context: Context,
           settings: ScoringSettings = DEFAULT_SCORING_SETTINGS) -> Assessment:
    """Score a certificate (and SoA, if any) against the buyer's context; pure, no I/O."""
    facts = Facts(certificate, soa, context, settings)
    flags = [flag for spec in RULES.values() if (flag := _flag(spec, facts.findings(spec.code)))]
    flags.sort(key=lambda f: SEVERITIES.index(f.severity))  # stable: registry order within a severity
    return Assessment(rating_for(flags), flags)


def _flag(spec: Rule, findings: list[Finding]) -> Flag | None:
    """Merge a rule's findings into one flag (one flag per code keeps counts honest)."""
    if not findings:
        return None
    message = "; ".join(dict.fromkeys(f.message for f in findings))
    evidence = list(dict.fromkeys(e for f in findings for e in f.evidence))
    return Flag(spec.code, spec.severity, message, evidence)


def clear_caches() -> None:
    """Forget memoised text matches and registry look-ups (benchmarks; after a registry change)."""
    from .cues import governed
    from .phrases import folded
    from .rules.certificate import _MATCHES
    from .text import name_in, words

    _MATCHES.clear()
    for cached in (name_in, words, governed, folded):
        cached.cache_clear()
