"""Print dates as certificates do: ISO, numeric in European or US order, long forms in seven languages."""

from __future__ import annotations

import datetime as dt

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
}

# Formats whose day and month can be swapped: ambiguous unless some date of the document has a day > 12.
NUMERIC_SWAPPABLE = ("dmy_slash", "mdy_slash")
DATE_FORMATS = (
    "iso",
    "dmy_dot",
    "dmy_slash",
    "mdy_slash",
    "ymd_slash",
    "long",
    "long_ordinal",
    "month_first",
    "abbrev",
)


def format_date(day: dt.date, fmt: str, language: str) -> str:
    """Return `day` printed in format `fmt`; long forms use `language`'s month names."""
    d, m, y = day.day, day.month, day.year
    numeric = {
        "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "dmy_dot": f"{d:02d}.{m:02d}.{y}",
        "dmy_slash": f"{d:02d}/{m:02d}/{y}",
        "mdy_slash": f"{m:02d}/{d:02d}/{y}",
        "ymd_slash": f"{y}/{m:02d}/{d:02d}",
    }
    if fmt in numeric:
        return numeric[fmt]
    if fmt == "abbrev":
        return f"{d:02d}-{MONTHS['en'][m - 1][:3]}-{y}"
    if fmt == "month_first":
        return f"{MONTHS['en'][m - 1]} {d}, {y}"
    if fmt == "long_ordinal" and language == "en":
        return f"{_ordinal(d)} {MONTHS['en'][m - 1]} {y}"
    return _long(day, language)


def _long(day: dt.date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    if language in ("es", "pt"):
        return f"{day.day} de {month} de {day.year}"
    if language == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ambiguous(dates: list[dt.date], fmt: str) -> bool:
    """Return whether a document printing `dates` in `fmt` leaves day and month undecidable."""
    return fmt in NUMERIC_SWAPPABLE and all(d.day <= 12 for d in dates)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return `day` moved by calendar months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def add_years(day: dt.date, years: int) -> dt.date:
    """Return `day` moved by whole years (29 February becomes 28 February)."""
    return add_months(day, 12 * years)
