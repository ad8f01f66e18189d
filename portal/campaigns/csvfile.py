"""Read a campaign CSV into checked rows: every problem named with its line, nothing trusted.

Columns (header names, any case; spaces or underscores): legal_name and product are required;
aliases, contact_emails, required_regions, supply_chain (several values separated by ";"),
deadline (YYYY-MM-DD) and reference are optional. A cell starting with = + - @ is refused: opened in
a spreadsheet it would run as a formula (CSV injection), and no supplier field starts that way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
REQUIRED = ("legal_name", "product")
OPTIONAL = ("aliases", "contact_emails", "required_regions", "supply_chain", "deadline", "reference")
COLUMNS = REQUIRED + OPTIONAL
LISTS = ("aliases", "contact_emails", "required_regions", "supply_chain")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
LIMITS = {"legal_name": 200, "product": 200, "reference": 100}


class CsvError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class Row:
    """One checked line: its values and its problems (none: it can be created)."""

    line: int
    values: dict[str, Any]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read(content: bytes, regions: set[str], today: dt.date) -> list[Row]:
    """Return the file's rows, each with its problems; raise CsvError when the file cannot be read."""
    if len(content) > MAX_BYTES:
        raise CsvError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                       "split it into several campaigns.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CsvError("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and "
                       f"upload it again (the first unreadable byte is at position {err.start}).") from err
    if "\x00" in text:
        raise CsvError("The file is not a CSV text file (it contains binary data).")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise CsvError(f"The file is not valid CSV: {err}.") from err
    if not records or not any(c.strip() for c in records[0]):
        raise CsvError("The file is empty: it needs a header line naming the columns, "
                       "then one line per supplier.")
    header = _header(records[0])
    body = [(n, r) for n, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    if not body:
        raise CsvError("The file has a header but no supplier lines.")
    if len(body) > MAX_ROWS:
        raise CsvError(f"The file has {len(body)} supplier lines; at most {MAX_ROWS} per campaign.")
    rows = [_row(n, header, r, regions, today) for n, r in body]
    _mark_duplicates(rows)
    return rows


def _header(cells: list[str]) -> list[str]:
    names = [re.sub(r"[\s\-]+", "_", c.strip().lower()) for c in cells]
    unknown = [c for c, n in zip(cells, names, strict=True) if n and n not in COLUMNS]
    missing = [c for c in REQUIRED if c not in names]
    twice = sorted({n for n in names if n and names.count(n) > 1})
    problems = []
    if unknown:
        quoted = ", ".join(f"“{u}”" for u in unknown)
        problems.append("unknown column" + ("s " if len(unknown) > 1 else " ") + quoted)
    if missing:
        problems.append("missing column" + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
    if twice:
        problems.append("column named twice: " + ", ".join(twice))
    if problems:
        raise CsvError("The header line does not fit: " + "; ".join(problems) + ". The columns are "
                       + ", ".join(COLUMNS) + f" ({' and '.join(REQUIRED)} required).")
    return names


def _row(line: int, header: list[str], cells: list[str], regions: set[str], today: dt.date) -> Row:
    row = Row(line, {})
    if len(cells) > len(header):
        row.problems.append(f"{len(cells)} cells but only {len(header)} columns (a comma too many?)")
    raw = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name}
    for name, value in raw.items():
        if value.startswith(FORMULA):
            row.problems.append(f"{name} starts with “{value[0]}”: refused, a spreadsheet would run it "
                                "as a formula")
            raw[name] = ""
    for name in REQUIRED:
        if not raw.get(name):
            row.problems.append(f"{name.replace('_', ' ')} is missing")
    for name, limit in LIMITS.items():
        if len(raw.get(name, "")) > limit:
            row.problems.append(f"{name.replace('_', ' ')} is longer than {limit} characters")
    values: dict[str, Any] = {n: raw.get(n, "") for n in ("legal_name", "product", "reference")}
    for name in LISTS:
        values[name] = _split(raw.get(name, ""))
    values["contact_emails"] = [e.lower() for e in values["contact_emails"]]
    bad = [e for e in values["contact_emails"] if not EMAIL.match(e)]
    if bad:
        row.problems.append("not an e-mail address: " + ", ".join(bad))
    known = {r.upper(): r for r in regions}
    unknown = [r for r in values["required_regions"] if r.upper() not in known]
    if unknown:
        row.problems.append(f"unknown region {', '.join(unknown)} (use {', '.join(sorted(regions))})")
    values["required_regions"] = [known[r.upper()] for r in values["required_regions"] if r.upper() in known]
    values["deadline"] = _deadline(raw.get("deadline", ""), today, row)
    row.values = values
    return row


def _split(text: str) -> list[str]:
    seen: list[str] = []
    for part in re.split(r"[;\n]", text):
        item = " ".join(part.split())
        if item and item not in seen:
            seen.append(item)
    return seen


def _deadline(text: str, today: dt.date, row: Row) -> str | None:
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        row.problems.append(f"deadline “{text}” is not a date written YYYY-MM-DD")
        return None
    if day < today:
        row.problems.append(f"deadline {day.isoformat()} is in the past")
    return day.isoformat()


def _mark_duplicates(rows: list[Row]) -> None:
    first: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.values["legal_name"].casefold(), row.values["product"].casefold())
        if not all(key):
            continue
        if key in first:
            row.problems.append(f"same supplier and product as line {first[key]}")
        else:
            first[key] = row.line
