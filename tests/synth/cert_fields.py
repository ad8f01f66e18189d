"""Where each certificate field is printed: label/value pairs grouped by placement, and their blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from .layout import Block, Pair, Table, Text

PAIR_PLACEMENTS = ("right", "below", "inline", "table", "header_table", "sidebar")


@dataclass
class Entry:
    """One label and its value lines, waiting to be laid out with the others of its placement."""

    label: tuple[str, ...]
    value: tuple[str, ...]


@dataclass
class PairGroups:
    """The label/value entries of a page, by placement, in the order they were added."""

    groups: dict[str, list[Entry]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def add(self, placement: str, label: tuple[str, ...], value: tuple[str, ...]) -> None:
        """File an entry under its placement."""
        if placement not in self.groups:
            self.groups[placement] = []
            self.order.append(placement)
        self.groups[placement].append(Entry(label, value))

    def blocks(self, placement: str) -> list[Block]:
        """Return the blocks of one placement ('sidebar' entries come out as below-pairs)."""
        entries = self.groups.get(placement, [])
        if not entries:
            return []
        if placement == "table":
            return [key_value_table(entries)]
        if placement == "header_table":
            return header_tables(entries)
        mode = "below" if placement == "sidebar" else placement
        return [Pair(e.label, e.value, mode) for e in entries]  # type: ignore[arg-type]


def key_value_table(entries: list[Entry]) -> Table:
    """Return a ruled two-column table: label cell, value cell (lines joined by line breaks)."""
    rows = tuple(("\n".join(e.label), "\n".join(e.value)) for e in entries)
    return Table(rows, (0.34, 0.66), header=False, borders=True)


def header_tables(entries: list[Entry], per_table: int = 4) -> list[Block]:
    """Return tables whose header row holds the labels and whose second row holds the values."""
    tables: list[Block] = []
    for start in range(0, len(entries), per_table):
        chunk = entries[start : start + per_table]
        widths = tuple(1.0 / len(chunk) for _ in chunk)
        rows = (tuple("\n".join(e.label) for e in chunk), tuple("\n".join(e.value) for e in chunk))
        tables.append(Table(rows, widths, header=True, borders=True, repeat=False))
    return tables


def inline_line(parts: list[tuple[str, str]], gap: str = "     ") -> Text:
    """Return several 'label: value' items on one printed line (a row of decoys beside a value)."""
    return Text(gap.join(f"{label}: {value}" for label, value in parts))
