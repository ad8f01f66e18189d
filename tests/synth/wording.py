"""How one document words things: its label language, bilingual stacking, date format and label case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .choices import Chooser
from .dates import DATE_FORMATS, format_date
from .vocab_labels import LABELS


@dataclass
class Wording:
    """The document-wide wording choices, and the helpers that apply them."""

    ch: Chooser
    language: str
    bilingual: str  # none | slash | stacked
    date_format: str
    upper_labels: bool

    @classmethod
    def draw(cls, ch: Chooser, language: str, prefix: str = "") -> Wording:
        """Draw the wording of a document whose labels are in `language`."""
        bilingual = (
            ch.dim(prefix + "bilingual", {"none": 2.0, "slash": 1.0, "stacked": 1.0})
            if language != "en"
            else "none"
        )
        weights = {fmt: 1.0 for fmt in DATE_FORMATS} | {"long": 2.5, "dmy_dot": 1.5, "iso": 1.5}
        date_format = ch.dim(prefix + "date_format", weights)
        upper = ch.dim(prefix + "label_case", {"normal": 3.0, "upper": 1.0}) == "upper"
        return cls(ch, language, bilingual, date_format, upper)

    def label(self, field: str, variant: str = "") -> tuple[str, ...]:
        """Return a field's label lines: one, or the local then the English line when stacked."""
        local = self.ch.pick(f"label.{field}{variant}", LABELS[field][self.language])
        english = self.ch.pick(f"label.{field}{variant}.en", LABELS[field]["en"])
        if self.upper_labels:
            local, english = local.upper(), english.upper()
        if self.bilingual == "slash":
            return (f"{local} / {english}",)
        if self.bilingual == "stacked":
            return (local, english)
        return (local,)

    def label_text(self, field: str, variant: str = "") -> str:
        """Return a field's label on one line (stacked lines joined by a line break)."""
        return "\n".join(self.label(field, variant))

    def date(self, day: dt.date) -> str:
        """Return `day` in this document's date format."""
        return format_date(day, self.date_format, self.language)

    def phrase(self, key: str, table: Mapping[str, Sequence[str]], **values: str) -> str:
        """Pick one of a language's phrasings (the choice named `key`) and fill it in."""
        return self.ch.pick(key, table[self.language]).format(**values)
