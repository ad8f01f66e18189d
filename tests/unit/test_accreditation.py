"""Accreditation bodies: the shipped IAF MLA list, matching, and look-alikes rejected."""

from __future__ import annotations

import pytest

from parsers.accreditation import AccreditationRegistry


@pytest.fixture(scope="module")
def registry() -> AccreditationRegistry:
    return AccreditationRegistry.default()


def test_ships_many_signatories(registry: AccreditationRegistry) -> None:
    acronyms = {b.acronym for b in registry.bodies}
    assert len(acronyms) >= 60
    assert {"UKAS", "ANAB", "DAkkS", "COFRAC", "ENAC", "ACCREDIA", "RvA", "INAB", "SCC", "JAS-ANZ", "KAB",
            "JAB", "CNAS", "NABCB", "SAC", "IAS", "IANZ", "SANAS", "HKAS", "SWEDAC", "DANAK"} <= acronyms


@pytest.mark.parametrize("text, acronym", [
    ("UKAS", "UKAS"),
    ("UKAS Management Systems 0417", "UKAS"),
    ("United Kingdom Accreditation Service", "UKAS"),
    ("ANSI National Accreditation Board", "ANAB"),
    ("ANSI-ASQ National Accreditation Board", "ANAB"),
    ("Accredited by ANAB", "ANAB"),
    ("Deutsche Akkreditierungsstelle GmbH", "DAkkS"),
    ("DAKKS", "DAkkS"),
    ("Comité français d'accréditation", "COFRAC"),
    ("Accréditation COFRAC n° 4-0716", "COFRAC"),
    ("Raad voor Accreditatie", "RvA"),
    ("Irish National Accreditation Board", "INAB"),
    ("Standards Council of Canada", "SCC"),
    ("Joint Accreditation System of Australia and New Zealand", "JAS-ANZ"),
    ("JAS ANZ", "JAS-ANZ"),
    ("Korea Accreditation Board", "KAB"),
    ("ENAC N° 88/C-SG071", "ENAC"),
    ("Unitcd Kingdom Accreditation Servicc", "UKAS"),  # OCR noise
])
def test_matches_real_bodies(registry: AccreditationRegistry, text: str, acronym: str) -> None:
    body = registry.match(text)
    assert body is not None and body.acronym == acronym, (text, body)


@pytest.mark.parametrize("text", [
    "United Accreditation Foundation",
    "UAF",
    "International Accreditation Council for AI",
    "Global Certification Forum",
    "National Accreditation Board",
    "N/A",
    "",
])
def test_rejects_lookalikes(registry: AccreditationRegistry, text: str) -> None:
    assert registry.match(text) is None


def test_find_in_free_text_returns_the_matched_words(registry: AccreditationRegistry) -> None:
    found = registry.find_in("This certificate is accredited by the United Kingdom Accreditation Service.")
    assert found is not None and found[0].acronym == "UKAS"
    assert found[1] == "United Kingdom Accreditation Service"


def test_short_acronyms_need_accreditation_context_in_free_text(registry: AccreditationRegistry) -> None:
    assert registry.find_in("Issued to Acme SAS, Los Angeles LA, Standard Contractual Clauses SCC") is None
    found = registry.find_in("Brightwater Certification SAS, accredited by COFRAC")
    assert found is not None and found[0].acronym == "COFRAC"
    found = registry.find_in("Accredited by SCC")
    assert found is not None and found[0].acronym == "SCC"


def test_csv_round_trip(registry: AccreditationRegistry) -> None:
    again = AccreditationRegistry.from_csv(registry.to_csv())
    assert again.bodies == registry.bodies


def test_csv_errors_name_the_bad_row() -> None:
    with pytest.raises(ValueError, match="row 3"):
        AccreditationRegistry.from_csv(
            "acronym,name,country,aliases\nUKAS,United Kingdom Accreditation Service,UK,\n,x,y,\n")
    with pytest.raises(ValueError, match="column"):
        AccreditationRegistry.from_csv("name,country\nX,Y\n")


def test_custom_registry_matches_its_own_bodies() -> None:
    reg = AccreditationRegistry.from_csv(
        "acronym,name,country,aliases\nXAB,Example Accreditation Bureau,Nowhere,XAB Bureau\n")
    body = reg.match("Example Accreditation Bureau")
    assert body is not None and body.acronym == "XAB"
    assert reg.match("UKAS") is None
