"""The facts of one certificate, drawn from independent choices: who, by whom, when, what scope, where.

Facts are what the truth is made of; `compose_cert` decides only how they are printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import vocab_orgs as orgs
from . import vocab_scope as sc
from .choices import Chooser
from .dates import add_months, add_years
from .vocab_labels import LANGUAGES


@dataclass(frozen=True)
class Org:
    """An organisation as printed: name, country, and its address line (with the country)."""

    name: str
    country: orgs.Country
    address: str


@dataclass(frozen=True)
class Accreditation:
    """The accreditation a certificate claims: truth value and the printed wording's ingredients."""

    truth: str | None  # acronym (recognised), name as printed (unrecognised), None (not stated)
    full_name: str | None
    mark: str | None  # only a recognised body has an accreditation mark

    @property
    def recognised(self) -> bool:
        """Return whether an IAF MLA signatory accredits the body."""
        return self.mark is not None


@dataclass(frozen=True)
class Dates:
    """A certification cycle's dates; printed ones are not None."""

    initial: dt.date | None
    issue: dt.date
    expiry: dt.date
    surveillance: tuple[dt.date, ...]
    next_audit: dt.date | None
    cycle_start: dt.date


@dataclass(frozen=True)
class Scope:
    """The scope statement and what it says about coverage and the supply chain."""

    text: str
    language: str
    coverage: str  # product | all | other
    exclusion: str  # none | clause | sentence | member
    decoy: str  # none | clause | sentence
    excluded_member: str | None


@dataclass(frozen=True)
class CertFacts:
    """Everything a certificate states."""

    language: str
    holder: Org
    product: str
    sites: tuple[str, ...]
    cb: Org
    cb_url: str
    accreditation: Accreditation
    number: str
    kind: str  # certificate | other_standard | alignment
    standard_printed: str
    standard: str
    dates: Dates
    scope: Scope
    soa_version: str | None
    soa_date: dt.date | None
    supply_chain: tuple[tuple[str, str], ...]


def draw_facts(ch: Chooser) -> CertFacts:
    """Draw a certificate's facts."""
    language = ch.dim("label_language", {lang: 1.0 for lang in LANGUAGES} | {"en": 3.0})
    kind = ch.dim("document.kind", {"certificate": 14.0, "other_standard": 1.0, "alignment": 1.0})
    printed, standard = _standard(ch, kind)
    holder, product = _holder(ch, language)
    cb = _certification_body(ch, language, holder)
    dates = _dates(ch)
    supply_chain = tuple(ch.rng("supply_chain").sample(sc.SUPPLY_CHAIN_PROVIDERS, 3))
    soa_version, soa_date = _soa_citation(ch, dates.issue)
    return CertFacts(
        language=language,
        holder=holder,
        product=product,
        sites=_sites(ch, holder, cb),
        cb=cb,
        cb_url=f"https://verify.{_slug(cb.name)}.example/{ch.rng('url').randrange(10**5, 10**6)}",
        accreditation=_accreditation(ch, cb.country) if kind != "alignment" else _unaccredited(ch),
        number=_number(ch, dates.issue, cb),
        kind=kind,
        standard_printed=printed,
        standard=standard,
        dates=dates,
        scope=_scope(ch, language, holder.name, product, supply_chain),
        soa_version=soa_version,
        soa_date=soa_date,
        supply_chain=supply_chain,
    )


def _standard(ch: Chooser, kind: str) -> tuple[str, str]:
    """Return the standard as printed and as SCHEMA.md normalises it."""
    printed = ch.dim(
        "standard_printing",
        ("ISO/IEC 42001:2023", "ISO/IEC 42001 : 2023", "ISO/IEC 42001:2023 (AIMS)", "ISO 42001:2023"),
    )
    if kind != "other_standard":
        return printed, "ISO/IEC 42001:2023"
    other = ch.pick("standard.other", ("ISO/IEC 27001:2022", "ISO/IEC 27001 : 2022", "ISO 27001:2022"))
    ch.note("standard_printing", other)
    return other, "ISO/IEC 27001:2022"


def _country(ch: Chooser, name: str, language: str) -> orgs.Country:
    home = orgs.LANGUAGE_COUNTRIES[language]
    codes = ch.pick(name + ".home", {"home": 0.7, "any": 0.3})
    pool = [c for c in orgs.COUNTRIES if codes == "any" or c.code in home]
    return ch.pick(name, pool)


def _address(ch: Chooser, name: str, country: orgs.Country, avoid: str = "") -> str:
    options = [a for a in country.addresses if a != avoid] or list(country.addresses)
    street = ch.pick(name, options)
    country_name = country.name_local if ch.chance(name + ".local", 0.3) else country.name_en
    return f"{street}, {country_name}"


def _holder(ch: Chooser, language: str) -> tuple[Org, str]:
    country = _country(ch, "holder.country", language)
    ch.note("holder.country", country.code)
    stem = ch.pick("holder.stem", orgs.BRAND_STEMS)
    descriptor = ch.pick("holder.descriptor", orgs.HOLDER_DESCRIPTORS + ("",))
    form = ch.dim("holder.legal_form", country.legal_forms)
    name = " ".join(part for part in (stem, descriptor, form) if part)
    product = f"{stem} {ch.pick('product', sc.PRODUCT_WORDS)}"
    return Org(name, country, _address(ch, "holder.address", country)), product


def _sites(ch: Chooser, holder: Org, cb: Org) -> tuple[str, ...]:
    count = ch.pick("sites.count", {0: 1.0, 1: 4.0, 2: 3.0, 3: 1.5})
    sites = [holder.address] if count else []
    taken = {holder.address.rsplit(",", 1)[0], cb.address.rsplit(",", 1)[0]}
    for i in range(1, count):
        country = ch.pick(f"site{i}.country", (holder.country, *orgs.COUNTRIES))
        address = _address(ch, f"site{i}.address", country)
        if address.rsplit(",", 1)[0] not in taken:
            sites.append(address)
            taken.add(address.rsplit(",", 1)[0])
    ch.note("sites.count", len(sites))
    return tuple(sites)


def _certification_body(ch: Chooser, language: str, holder: Org) -> Org:
    country = _country(ch, "cb.country", language)
    street = holder.address.rsplit(",", 1)[0]
    if not [a for a in country.addresses if a != street]:
        country = next(c for c in orgs.COUNTRIES if c.code == "GB")  # a body never shares the holder's door
    home_language = next(
        (lang for lang, codes in orgs.LANGUAGE_COUNTRIES.items() if country.code in codes), "en"
    )
    descriptor = ch.pick("cb.descriptor", orgs.CB_DESCRIPTORS[home_language])
    name = f"{ch.pick('cb.stem', orgs.CB_STEMS)} {descriptor} {ch.pick('cb.legal_form', country.legal_forms)}"
    return Org(name, country, _address(ch, "cb.address", country, avoid=street))


def _unaccredited(ch: Chooser) -> Accreditation:
    """An alignment letter: issued outside accreditation, and it says so."""
    ch.note("accreditation", "none")
    return Accreditation(None, None, None)


def _accreditation(ch: Chooser, cb_country: orgs.Country) -> Accreditation:
    kind = ch.dim("accreditation", {"national": 6.0, "foreign": 1.5, "unrecognised": 1.2, "none": 1.3})
    if kind == "none":
        return Accreditation(None, None, None)
    if kind == "unrecognised":
        name = ch.pick("accreditation.unrecognised", orgs.UNRECOGNISED_BODIES)
        return Accreditation(name, name, None)
    bodies = {b.acronym: b for b in orgs.ACCREDITATION_BODIES}
    national = bodies.get(cb_country.accreditation, bodies["UKAS"])
    body = national if kind == "national" else ch.pick("accreditation.foreign", orgs.ACCREDITATION_BODIES)
    number = str(ch.rng("accreditation.number").randrange(10, 9999)).zfill(4)
    return Accreditation(body.acronym, body.full_name, body.mark.format(n=number))


def _dates(ch: Chooser) -> Dates:
    rng = ch.rng("dates")
    start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 4 * 365))
    cycle = ch.dim("dates.cycle", {"first": 3.0, "recertified": 1.5, "reissued": 1.5})
    initial = add_years(start, -3 * rng.choice((1, 2))) if cycle == "recertified" else start
    expiry = add_years(start, 3) - dt.timedelta(days=rng.choice((1, 1, 1, 0)))
    audits = ch.pick("dates.surveillance", {0: 3.0, 1: 1.5, 2: 0.7}) if cycle == "reissued" else 0
    surveillance = tuple(
        add_months(start, 11 + 12 * i) + dt.timedelta(days=rng.randrange(0, 20)) for i in range(audits)
    )
    issue = (
        (surveillance[-1] if surveillance else add_months(start, rng.randrange(2, 20)))
        + dt.timedelta(days=rng.randrange(5, 40))
        if cycle == "reissued"
        else start
    )
    after = max((start, *surveillance))
    next_audit = add_months(after, 12) if ch.chance("dates.next_printed", 0.3) else None
    while next_audit is not None and next_audit <= issue:
        next_audit = add_months(next_audit, 12)
    initial_printed = cycle != "first" or ch.chance("dates.initial_printed", 0.5)
    return Dates(initial if initial_printed else None, issue, expiry, surveillance, next_audit, start)


def _soa_citation(ch: Chooser, issue: dt.date) -> tuple[str | None, dt.date | None]:
    cited = ch.dim("soa_reference", {"version_and_date": 3.0, "version": 1.0, "none": 1.5})
    if cited == "none":
        return None, None
    rng = ch.rng("soa_reference.values")
    version = f"{rng.randrange(1, 5)}.{rng.randrange(0, 10)}"
    day = issue - dt.timedelta(days=rng.randrange(10, 120))
    return version, (day if cited == "version_and_date" else None)


def _scope(
    ch: Chooser, language: str, holder: str, product: str, supply_chain: tuple[tuple[str, str], ...]
) -> Scope:
    scope_language = ch.dim("scope.language", {"label": 2.0, "en": 1.0}) if language != "en" else "label"
    lang = language if scope_language == "label" else "en"
    coverage = ch.dim("scope.coverage", {"product": 6.0, "all": 2.0, "other": 1.5})
    exclusion = ch.dim("scope.exclusion", {"none": 5.0, "clause": 1.5, "sentence": 1.5, "member": 1.0})
    decoy = (
        ch.dim("scope.decoy", {"none": 3.0, "clause": 1.0, "sentence": 1.0})
        if exclusion == "none"
        else "none"
    )
    member = ch.pick("scope.member", [name for name, _ in supply_chain])
    text = ch.pick("scope.coverage.text", sc.COVERAGE[coverage][lang]).format(product=product, holder=holder)
    if exclusion == "clause":
        text += ", " + ch.pick("scope.exclusion.text", sc.EXCLUSION_CLAUSES[lang])
    elif decoy == "clause":
        text += ", " + ch.pick("scope.decoy.text", sc.DECOY_CLAUSES[lang])
    text += "."
    if exclusion == "sentence":
        text += " " + ch.pick("scope.exclusion.text", sc.EXCLUSION_SENTENCES[lang])
    elif exclusion == "member":
        text += " " + ch.pick("scope.exclusion.text", sc.MEMBER_EXCLUSIONS[lang]).format(member=member)
    elif decoy == "sentence":
        text += " " + ch.pick("scope.decoy.text", sc.DECOY_SENTENCES[lang]).format(member=member)
    return Scope(text, lang, coverage, exclusion, decoy, member if exclusion == "member" else None)


def _number(ch: Chooser, issue: dt.date, cb: Org) -> str:
    rng = ch.rng("number.digits")
    digits = "".join(str(rng.randrange(10)) for _ in range(12))
    initials = "".join(w[0] for w in cb.name.split()[:3] if w[0].isalpha()).upper()
    yy, yyyy, cc = f"{issue.year % 100:02d}", str(issue.year), cb.country.code
    shapes = {
        "bsi": f"AIMS {digits[:6]}",
        "tuv": f"{digits[:2]} {digits[2:5]} {digits[5:10]} TMS",
        "dnv": f"{digits[:9]}-AIMS-{cc}",
        "sgs": f"{cc}{yy}/{digits[:6]}",
        "bv": f"{cc}{digits[:7]}",
        "lrqa": digits[:8],
        "initials": f"{initials}-AI-{digits[:5]}",
        "german": f"{digits[:5]}-KI-{yy}",
        "aenor": f"IA-{yyyy}/{digits[:4]}",
        "jqa": f"JQA-AI{digits[:4]}",
        "cqc": f"{digits[:5]}AI{digits[5:9]}R0M",
    }
    return shapes[ch.dim("number.shape", tuple(shapes))]


def _slug(name: str) -> str:
    return "".join(ch for ch in name.split()[0].lower() if ch.isalnum()) + "-cert"
