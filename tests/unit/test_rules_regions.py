"""scope.region_mismatch: FLAGS.md's regions looked up in the certified sites and the scope."""

from __future__ import annotations

import pytest

from scoring.regions import EU_MEMBERS, place_in
from tests.unit.scoring_helpers import SCOPE, certificate, codes, context


def _flagged(required: tuple[str, ...], sites: list[str], scope: str = SCOPE) -> bool:
    cert = certificate(sites=sites, scope=scope)
    return "scope.region_mismatch" in codes(cert, ctx=context(required_regions=required))


@pytest.mark.parametrize("country", EU_MEMBERS)
def test_every_eu_member_state_is_in_the_eu_and_the_eea(country: str) -> None:
    assert not _flagged(("EU",), [f"1 Main Street, 1000 City, {country}"])
    assert not _flagged(("EEA",), [f"1 Main Street, 1000 City, {country}"])


@pytest.mark.parametrize(("required", "site", "flagged"), [
    ("EU", "Leopoldstraße 118, 80802 München, Germany", False),
    ("EU", "Leopoldstraße 118, 80802 München, Deutschland", False),
    ("EU", "Block C, Grand Canal Quay, Dublin 2, Ireland", False),
    ("EU", "1 Donegall Square, Belfast BT1, Northern Ireland", True),
    ("EU", "14 Wharf Street, Manchester, M1 2HX, United Kingdom", True),
    ("EU", "Storgata 1, 0155 Oslo, Norway", True),
    ("EEA", "Storgata 1, 0155 Oslo, Norway", False),
    ("EEA", "Laugavegur 1, Reykjavík, Iceland", False),
    ("EEA", "Städtle 1, Vaduz, Liechtenstein", False),
    ("EEA", "Bahnhofstrasse 1, Zürich, Switzerland", True),
    ("UK", "14 Wharf Street, Manchester, M1 2HX, United Kingdom", False),
    ("UK", "14 Wharf Street, Manchester, M1 2HX, UK", False),
    ("UK", "1 High Street, Bristol, England", False),
    ("UK", "1 Princes Street, Edinburgh, Scotland", False),
    ("UK", "1 Queen Street, Cardiff, Wales", False),
    ("UK", "1 Donegall Square, Belfast, Northern Ireland", False),
    ("UK", "1 King Street, London, Great Britain", False),
    ("UK", "Leopoldstraße 118, 80802 München, Germany", True),
    ("UK", "Block C, Grand Canal Quay, Dublin 2, Ireland", True),
    ("US", "1207 Congress Avenue, Austin, TX 78701, United States", False),
    ("US", "1207 Congress Avenue, Austin, TX 78701, USA", False),
    ("US", "1207 Congress Avenue, Austin, TX 78701, U.S.", False),
    ("US", "1207 Congress Avenue, Austin, TX 78701", False),
    ("UK", "1 King Street, London EC2V 8AU", False),  # a UK postcode, no country printed
    ("UK", "Piccadilly Place, Manchester M1 2HX", False),
    ("UK", "Hauptstraße 5, 10115 Berlin", True),
    ("US", "255 Front Street West, Toronto, ON M5V 2W6, Canada", True),
    ("India", "Tower B, Whitefield, Bengaluru 560066, India", False),
    ("India", "Level 9, 64 Margaret Street, Sydney NSW 2000, Australia", True),
    ("South Korea", "152 Teheran-ro, Seoul 06236, Republic of Korea", False),
    ("Netherlands", "Stationsplein 45, 3013 AK Rotterdam, Netherlands", False),
])
def test_sites_in_each_region(required: str, site: str, flagged: bool) -> None:
    assert _flagged((required,), [site]) is flagged


@pytest.mark.parametrize(("required", "scope", "flagged"), [
    ("EU", "Services are delivered from operations in the European Union.", False),
    ("EU", "AI services operated from EU data centres.", False),
    ("US", "Operations in the U.S. and Canada.", False),
    ("US", "The platform helps us deliver customer support.", True),  # "us" is not the US
    ("UK", "Support for customers worldwide.", True),
    ("UK", "Certificate AB1 2CD covers support.", True),  # postcodes count only in addresses
])
def test_scope_wording_counts_when_no_site_matches(required: str, scope: str, flagged: bool) -> None:
    assert _flagged((required,), [], scope=f"{SCOPE} {scope}") is flagged


def test_any_one_required_region_suffices() -> None:
    assert not _flagged(("EU", "UK"), ["14 Wharf Street, Manchester, United Kingdom"])


def test_no_required_region_no_flag_and_no_location_flags() -> None:
    assert not _flagged((), [])
    assert _flagged(("UK",), [])


def test_place_in_returns_the_place_found() -> None:
    assert place_in("Calle de Serrano 47, 28001 Madrid, Spain", "EU") == "Spain"
