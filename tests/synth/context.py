"""The buyer's context (SCHEMA.md §2) for a generated case, and the flags FLAGS.md raises, from the choices.

The expected flags are computed here from what the generator chose (coverage, exclusions, dates, regions,
answers), not by running `scoring`: the flag-set figure then measures parsing and scoring together, and
`scoring` applied to the true extraction is reported beside it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import vocab_orgs as orgs
from .choices import Chooser
from .dates import add_months, add_years
from .facts import CertFacts
from .truth import CertTruth, SoaTruth
from .vocab_soa import CONTROLS, KEY_THEMES

ANSWER_KEYS = ("supply_chain_in_scope", "product_in_scope", "soa_shared", "accredited")


def draw_context(
    seed: int, facts: CertFacts, cert: CertTruth, soa: SoaTruth | None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the context JSON and its dimension values."""
    ch = Chooser(seed, "context")
    return {
        "assessment_date": _assessment_date(ch, cert).isoformat(),
        "supplier_legal_name": _supplier_name(ch, facts),
        "product": facts.product,
        "product_aliases": [f"{facts.product} platform"] if ch.chance("aliases", 0.3) else [],
        "required_regions": _regions(ch, facts),
        "supply_chain": [{"name": name, "role": role} for name, role in facts.supply_chain],
        "answers": {
            key: answer
            for key in ANSWER_KEYS
            if (answer := ch.pick(f"answer.{key}", {"yes": 2.0, "no": 1.0, "": 1.0}))
        },
    }, dict(ch.dims)


def _supplier_name(ch: Chooser, facts: CertFacts) -> str:
    kind = ch.dim("context.supplier_name", {"same": 4.0, "upper": 1.0, "other": 1.0})
    if kind == "same":
        return facts.holder.name
    if kind == "upper":
        return facts.holder.name.upper()
    stem = ch.pick("other.stem", [s for s in orgs.BRAND_STEMS if s not in facts.holder.name])
    return f"{stem} {facts.holder.name.split()[-1]}"


def region_of(country: orgs.Country) -> str:
    """Return the FLAGS.md region a country belongs to (EU, UK, US, or its own name)."""
    return "EU" if country.eu else {"GB": "UK", "US": "US"}.get(country.code, country.name_en)


def site_countries(facts: CertFacts) -> list[orgs.Country]:
    """Return the country of each printed site."""
    by_name = {name: c for c in orgs.COUNTRIES for name in (c.name_en, c.name_local)}
    return [by_name[site.rsplit(", ", 1)[1]] for site in facts.sites]


def _regions(ch: Chooser, facts: CertFacts) -> list[str]:
    kind = ch.dim("context.regions", {"none": 2.0, "matching": 2.0, "other": 1.0})
    inside = {region_of(c) for c in site_countries(facts)}
    if kind == "matching" and inside:
        return [ch.pick("region.match", sorted(inside))]
    if kind == "none":
        return []
    return [ch.pick("region.other", [r for r in ("EU", "UK", "US", "Japan", "Canada") if r not in inside])]


def _assessment_date(ch: Chooser, cert: CertTruth) -> dt.date:
    assert cert.issue_date and cert.expiry_date
    rng = ch.rng("assessment_date")
    timing = ch.dim("context.timing", {"current": 4.0, "expiring_soon": 1.0, "expired": 1.0, "overdue": 1.0})
    overdue_from = add_months(_latest_audit(cert), 15)
    if timing == "expiring_soon":
        day = cert.expiry_date - dt.timedelta(days=rng.randrange(10, 80))
    elif timing == "expired":
        day = cert.expiry_date + dt.timedelta(days=rng.randrange(10, 300))
    elif timing == "overdue" and overdue_from + dt.timedelta(days=70) < cert.expiry_date - dt.timedelta(
        days=95
    ):
        day = overdue_from + dt.timedelta(days=rng.randrange(10, 60))
    else:
        day = cert.issue_date + dt.timedelta(days=rng.randrange(20, 300))
    while _near_threshold(day, cert):  # keep off the day boundaries where "more than" and "before" disagree
        day += dt.timedelta(days=5)
    return day


def _latest_audit(cert: CertTruth) -> dt.date:
    return max(d for d in (cert.initial_certification_date, cert.issue_date, *cert.surveillance_dates) if d)


def _near_threshold(day: dt.date, cert: CertTruth) -> bool:
    assert cert.expiry_date
    edges = [cert.expiry_date, cert.expiry_date - dt.timedelta(days=90), add_months(_latest_audit(cert), 15)]
    if cert.next_audit_due:
        edges.append(cert.next_audit_due)
    return any(abs((day - edge).days) <= 3 for edge in edges)


def expected_flags(
    facts: CertFacts, cert: CertTruth, soa: SoaTruth | None, context: dict[str, Any]
) -> list[str]:
    """Return the FLAGS.md flag codes this case must raise, from the generator's choices."""
    day = dt.date.fromisoformat(context["assessment_date"])
    flags = _certificate_flags(facts, cert, day, context) | _soa_flags(cert, soa)
    if facts.scope.exclusion != "none" or (soa and _excluded(soa, ("A.10.2", "A.10.3"))):
        flags.add("scope.supply_chain_excluded")
    flags |= _contradicted(flags, context["answers"])
    return sorted(flags)


def _certificate_flags(facts: CertFacts, cert: CertTruth, day: dt.date, context: dict[str, Any]) -> set[str]:
    assert cert.expiry_date and cert.issue_date
    expired = cert.expiry_date < day
    overdue = add_months(_latest_audit(cert), 15) < day or bool(
        cert.next_audit_due and cert.next_audit_due < day
    )
    regions = context["required_regions"]
    checks = {
        "cert.not_42001": facts.standard != "ISO/IEC 42001:2023",
        "cert.not_certified": facts.kind == "alignment",
        "cert.unaccredited": not facts.accreditation.recognised,
        "cert.expired": expired,
        "cert.expiring_soon": not expired and (cert.expiry_date - day).days < 90,
        "cert.surveillance_overdue": not expired and overdue,
        "cert.validity_too_long": cert.expiry_date > add_years(cert.issue_date, 3) + dt.timedelta(days=1),
        "cert.holder_mismatch": context["supplier_legal_name"].lower() != facts.holder.name.lower(),
        "scope.narrow": facts.scope.coverage == "other",
        "scope.region_mismatch": bool(regions)
        and not {region_of(c) for c in site_countries(facts)} & set(regions),
    }
    return {code for code, raised in checks.items() if raised}


def _soa_flags(cert: CertTruth, soa: SoaTruth | None) -> set[str]:
    if soa is None:
        return {"soa.missing"}
    version_differs = cert.soa_version is not None and cert.soa_version != soa.version
    date_differs = cert.soa_date is not None and cert.soa_date != soa.date
    key = [c for c in soa.controls if not c.applicable and _theme(c.id) in KEY_THEMES]
    checks = {
        "soa.version_mismatch": version_differs or date_differs,
        "soa.key_control_excluded": bool(key),
        "soa.unjustified_exclusion": any(not c.applicable and not c.justification for c in soa.controls),
        "soa.incomplete": len(soa.controls) < len(CONTROLS),
    }
    return {code for code, raised in checks.items() if raised}


def _theme(cid: str) -> str:
    return ".".join(cid.split(".")[:2])


def _excluded(soa: SoaTruth, ids: tuple[str, ...]) -> bool:
    return any(c.id in ids and not c.applicable for c in soa.controls)


def _contradicted(flags: set[str], answers: dict[str, str]) -> set[str]:
    pairs = {
        "supply_chain_in_scope": "scope.supply_chain_excluded",
        "product_in_scope": "scope.narrow",
        "soa_shared": "soa.missing",
        "accredited": "cert.unaccredited",
    }
    hit = any(answers.get(key, "").lower() == "yes" and flag in flags for key, flag in pairs.items())
    return {"answer.contradicted"} if hit else set()
