"""Certificates generated from many combinations of layout, label wording, language and date style.

Seeded, so every run builds the same documents; each combination must read back exactly.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pytest

from parsers import CertificateExtraction, parse

from .cert_pdf import Text, build_pdf, paragraph

ENGLISH = {
    "certificate_number": ["Certificate No.", "Certificate Number", "Cert. Ref.", "Registration No.",
                           "Reg. Nr."],
    "expiry_date": ["Expiry Date", "Valid until", "Expiration date", "Date of expiry", "Valid to"],
    "issue_date": ["Issue date", "Date of issue", "Effective date", "Current issue date"],
    "initial_certification_date": ["Initial certification date", "Original certification date",
                                   "First issued", "Certified since"],
    "holder": ["Organisation", "Certificate holder", "Client", "Awarded to"],
    "sites": ["Site", "Sites", "Location", "Certified location"],
    "accreditation_body": ["Accreditation", "Accreditation body", "Accredited by"],
    "scope": ["Scope", "Scope of certification", "Certified scope"],
}
GERMAN = {
    "certificate_number": ["Zertifikat-Nr.", "Zertifikatsnummer", "Registriernummer"],
    "expiry_date": ["Gültig bis", "Ablaufdatum"],
    "issue_date": ["Ausstellungsdatum", "Ausgestellt am", "Gültig ab"],
    "initial_certification_date": ["Erstzertifizierung", "Zertifiziert seit"],
    "holder": ["Zertifikatsinhaber", "Unternehmen"],
    "sites": ["Standort", "Standorte"],
    "accreditation_body": ["Akkreditierung", "Akkreditiert durch"],
    "scope": ["Geltungsbereich", "Anwendungsbereich"],
}
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
SCOPE = ["Design, development and operation of the Example AI platform for enterprise",
         "customers, including model monitoring."]
SEEDS = range(36)


@dataclass
class Case:
    """One generated certificate: what it says, and the PDF that says it."""

    want: dict[str, object]
    pdf: bytes
    description: str


def _date_text(day: dt.date, style: str) -> str:
    styles = {
        "de": f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}", "iso": day.isoformat(),
        "dmy": f"{day.day} {day:%B} {day.year}", "mdy": f"{day:%B} {day.day}, {day.year}",
        "abbr": f"{day:%d-%b-%Y}", "dot": f"{day:%d.%m.%Y}",
    }
    return styles[style]


def _case(seed: int) -> Case:
    rng = random.Random(seed)
    german = seed % 3 == 0
    labels = GERMAN if german else ENGLISH
    layout = ("right", "stacked_columns", "header_row")[(seed // 3) % 3]
    style = rng.choice(["de", "dot", "iso"] if german else ["iso", "dmy", "mdy", "abbr", "dot"])
    initial = dt.date(2024, rng.randint(1, 12), rng.randint(1, 28))
    issue = initial + dt.timedelta(days=rng.choice([0, 30, 365]))
    want: dict[str, object] = {
        "certificate_number": f"{rng.choice(['XQ', 'AIMS', 'CERT'])}-{rng.randint(1000, 99999)}",
        "holder": rng.choice(["Aldermoor Robotics Ltd", "Pentland Voice GmbH", "Orchard Data Inc."]),
        "initial_certification_date": initial, "issue_date": issue,
        "expiry_date": issue + dt.timedelta(days=3 * 365 - 1),
        "sites": ["12 Harbour Road, Leith, EH6 6LX, United Kingdom"],
        "accreditation_body": rng.choice(["UKAS", "ANAB", "DAkkS", "SCC"]),
        "scope": " ".join(SCOPE),
    }
    fields = list(labels)
    rng.shuffle(fields)
    colon = rng.choice([":", ""])
    chosen = {f: rng.choice(labels[f]) for f in fields}

    def value_lines(name: str) -> list[str]:
        value = want[name]
        if name == "scope":
            return SCOPE
        if isinstance(value, dt.date):
            return [_date_text(value, style)]
        return [value[0] if isinstance(value, list) else str(value)]

    country = "Germany" if german else rng.choice(["United Kingdom", "United States"])
    items = [Text(60, 30, "Cobalt Certification Ltd", 14, True), Text(60, 48, f"1 Main Street, {country}", 8),
             Text(60, 75, "ZERTIFIKAT" if german else "CERTIFICATE", 22, True),
             Text(60, 108, "ISO/IEC 42001:2023", 12)]
    if layout == "right":
        y = 140.0
        for name in fields:
            lines = value_lines(name)
            items += [Text(60, y, chosen[name] + colon, 10, True), *paragraph(230, y, lines, 10, 13)]
            y += 13 * len(lines) + 12
    elif layout == "stacked_columns":
        tops = {0: 140.0, 1: 150.0}
        for name in fields:
            col = 0 if name in ("holder", "scope", "sites") else 1
            x = 57.0 if col == 0 else 540.0
            lines = value_lines(name)
            items += [Text(x, tops[col], chosen[name] + colon, 9),
                      *paragraph(x, tops[col] + 11, lines, 10.5, 14)]
            tops[col] += 11 + 14 * len(lines) + 16
    else:
        y, x = 140.0, 60.0
        for name in [f for f in fields if f in ("holder", "scope", "sites")]:
            lines = value_lines(name)
            items += [Text(60, y, chosen[name] + colon, 10, True), *paragraph(200, y, lines, 10, 13)]
            y += 13 * len(lines) + 12
        for name in [f for f in fields if f not in ("holder", "scope", "sites")]:
            items += [Text(x, y + 10, chosen[name], 8, True), Text(x, y + 24, value_lines(name)[0], 9)]
            x += 105
    items.append(Text(60, 520, "Signed on behalf of the certification body", 9))
    pdf = build_pdf([items], wide=layout == "stacked_columns")
    return Case(want, pdf, f"seed {seed}: {layout}, {'German' if german else 'English'}, {style}, {chosen}")


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_certificate_reads_back(seed: int) -> None:
    case = _case(seed)
    result = parse(case.pdf)
    assert isinstance(result, CertificateExtraction), case.description
    wrong = {name: (want, getattr(result, name)) for name, want in case.want.items()
             if getattr(result, name) != want}
    assert not wrong, f"{case.description}: {wrong}"
