"""Regions a buyer can require (FLAGS.md) and finding them in addresses and scope text."""

from __future__ import annotations

import re
from functools import lru_cache

EU_MEMBERS = (
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland",
    "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg",
    "Malta", "Netherlands", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
)
# Other names a country is printed under (native names, long forms), keyed by the English name.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "Austria": ("Österreich", "Osterreich"), "Belgium": ("België", "Belgique", "Belgien"),
    "Czechia": ("Czech Republic", "Česko", "Česká republika"), "Denmark": ("Danmark",),
    "Finland": ("Suomi",), "Germany": ("Deutschland", "Federal Republic of Germany"),
    "Greece": ("Hellas", "Ελλάδα"), "Croatia": ("Hrvatska",), "Hungary": ("Magyarország",),
    "Ireland": ("Éire", "Republic of Ireland"), "Italy": ("Italia",), "Netherlands": ("Nederland", "Holland"),
    "Poland": ("Polska",), "Spain": ("España", "Espana"), "Sweden": ("Sverige",), "Cyprus": ("Κύπρος",),
    "Luxembourg": ("Lëtzebuerg",), "Romania": ("România",), "Slovakia": ("Slovensko", "Slovak Republic"),
    "Slovenia": ("Slovenija",), "Bulgaria": ("България",), "Lithuania": ("Lietuva",), "Latvia": ("Latvija",),
    "Estonia": ("Eesti",), "Portugal": (), "France": (), "Malta": (),
    "Norway": ("Norge",), "Iceland": ("Ísland",), "Liechtenstein": (),
    "Switzerland": ("Schweiz", "Suisse", "Svizzera"), "South Korea": ("Republic of Korea", "Korea"),
    "United Arab Emirates": ("UAE",), "Turkey": ("Türkiye", "Turkiye"),
}
_REGIONS: dict[str, tuple[str, ...]] = {
    "EU": ("European Union", "EU", *EU_MEMBERS),
    "EEA": ("European Economic Area", "EEA", "European Union", "EU", *EU_MEMBERS,
            "Iceland", "Liechtenstein", "Norway"),
    "UK": ("United Kingdom", "UK", "U.K.", "England", "Scotland", "Wales", "Northern Ireland",
           "Great Britain"),
    "US": ("United States", "United States of America", "USA", "U.S.A.", "U.S.", "US"),
}
# Names that are also ordinary words in other cases ("us", "eu"): match them only in capitals.
_CASE_SENSITIVE = frozenset({"EU", "UK", "US", "USA", "EEA", "UAE", "U.S.", "U.K.", "U.S.A."})
_US_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|"
              "NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
_US_ADDRESS = re.compile(rf"\b(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?\b")
# A UK postcode ("EC2V 8AU", "M1 2HX") places an address in the UK even when no country is printed.
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b")
_ADDRESS_PATTERNS = {"US": _US_ADDRESS, "UK": _UK_POSTCODE}


def _canonical(region: str) -> str:
    key = region.strip()
    upper = key.upper().replace(".", "")
    aliases = {"EU": "EU", "EUROPEAN UNION": "EU", "EEA": "EEA", "EUROPEAN ECONOMIC AREA": "EEA",
               "UK": "UK", "UNITED KINGDOM": "UK", "GB": "UK", "GREAT BRITAIN": "UK",
               "US": "US", "USA": "US", "UNITED STATES": "US", "UNITED STATES OF AMERICA": "US"}
    return aliases.get(upper, key)


def _names(region: str) -> tuple[str, ...]:
    """Return every name that places something in `region`."""
    canonical = _canonical(region)
    names = _REGIONS.get(canonical, (canonical,))
    expanded: list[str] = []
    for name in names:
        expanded.append(name)
        expanded.extend(COUNTRY_ALIASES.get(name, ()))
        expanded.extend(k for k, v in COUNTRY_ALIASES.items() if name in v)
    return tuple(dict.fromkeys(expanded))


@lru_cache(maxsize=256)
def region_pattern(region: str) -> re.Pattern[str]:
    """Return a regex finding any place inside `region` (case-insensitive except for acronyms)."""
    parts = []
    for name in sorted(_names(region), key=len, reverse=True):
        body = re.escape(name).replace(r"\ ", r"\s+")
        body = body if name in _CASE_SENSITIVE else f"(?i:{body})"
        if name == "Ireland":
            body = rf"(?<!Northern\s)(?<!northern\s)(?<!NORTHERN\s){body}"
        parts.append(rf"(?<![\w.]){body}(?![\w]|\.\w)")
    return re.compile("|".join(parts))


def place_in(text: str, region: str, address: bool = False) -> str | None:
    """Return the place in `text` that lies in `region`, or None; an `address` may show it by postcode."""
    match = region_pattern(region).search(text)
    if match:
        return match.group(0)
    postcode = _ADDRESS_PATTERNS.get(_canonical(region)) if address else None
    found = postcode.search(text) if postcode else None
    return found.group(0) if found else None


def country_of(site: str) -> str:
    """Return the last part of an address, usually its country, for messages."""
    return site.rsplit(",", 1)[-1].strip() or site
