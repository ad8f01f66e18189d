"""Compare an extraction with the truth, field by field, as ../shared/tools/eval_corpus.py does.

A field is right when it equals the truth after normalising case, whitespace and typographic quotes and
dashes (scope and justifications: ≥ 95 % similar). A "wrong value" is a field that differs and is not
null: a value given with confidence that is not the document's.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

CERT_FIELDS = (
    "standard",
    "certified",
    "holder",
    "certificate_number",
    "certification_body",
    "accreditation_body",
    "initial_certification_date",
    "issue_date",
    "expiry_date",
    "surveillance_dates",
    "next_audit_due",
    "scope",
    "sites",
    "soa_reference",
)
SOA_FIELDS = ("holder", "version", "date")
SIMILAR = 0.95


def norm(text: Any) -> str | None:
    """Normalise a printed value for comparison."""
    if text is None:
        return None
    value = (
        str(text).replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    )
    value = re.sub(r"[\u2010-\u2015]", "-", value)
    return re.sub(r"\s+", " ", value).strip().lower()


def same(name: str, want: Any, got: Any) -> bool:
    """Return whether `got` reads the field `name` as `want`."""
    if isinstance(want, list):
        return isinstance(got, list) and sorted(map(str, map(norm, want))) == sorted(map(str, map(norm, got)))
    if isinstance(want, dict):
        return isinstance(got, dict) and all(norm(want.get(k)) == norm(got.get(k)) for k in want)
    if isinstance(want, bool) or want is None:
        return bool(want == got)
    if name in ("scope", "justification"):
        return (
            got is not None
            and difflib.SequenceMatcher(None, norm(want) or "", norm(got) or "").ratio() >= SIMILAR
        )
    return norm(want) == norm(got)


def is_wrong(got: Any) -> bool:
    """Return whether a differing value was stated (not simply missing)."""
    return got not in (None, [], "")


@dataclass
class DocScore:
    """How one document was read."""

    fields_right: int = 0
    fields: int = 0
    wrong: int = 0
    controls_right: int = 0
    controls: int = 0
    misses: list[str] = field(default_factory=list)
    field_results: dict[str, str] = field(default_factory=dict)  # field -> right | missing | wrong

    def add_field(self, name: str, want: Any, got: Any) -> None:
        """Score one field."""
        self.fields += 1
        if same(name, want, got):
            self.fields_right += 1
            self.field_results[name] = "right"
            return
        wrong = is_wrong(got)
        self.wrong += wrong
        self.field_results[name] = "wrong" if wrong else "missing"
        self.misses.append(f"{name}: want {want!r} got {got!r}")


def score_certificate(want: dict[str, Any], got: dict[str, Any] | None) -> DocScore:
    """Score a certificate extraction (SCHEMA.md JSON) against its truth."""
    result = DocScore()
    got = got if got and got.get("kind") == "certificate" else _kind_miss(result, got, "certificate")
    for name in CERT_FIELDS:
        result.add_field(name, want.get(name), got.get(name))
    return result


def score_soa(want: dict[str, Any], got: dict[str, Any] | None) -> DocScore:
    """Score an SoA extraction: header fields, then each control (id, applicability, justification)."""
    result = DocScore()
    got = got if got and got.get("kind") == "soa" else _kind_miss(result, got, "soa")
    for name in SOA_FIELDS:
        result.add_field("soa." + name, want.get(name), got.get(name))
    read = {norm(c.get("id")): c for c in got.get("controls") or []}
    for control in want["controls"]:
        result.controls += 1
        found = read.get(norm(control["id"]))
        if (
            found
            and found.get("applicable") == control["applicable"]
            and _justification_same(control.get("justification"), found.get("justification"))
        ):
            result.controls_right += 1
        else:
            seen = found and (found.get("applicable"), found.get("justification"))
            result.misses.append(
                f"control {control['id']}: want {control['applicable']}/"
                f"{control.get('justification')!r} got {seen!r}"
            )
    extra = set(read) - {norm(c["id"]) for c in want["controls"]}
    result.controls += len(extra)
    result.misses.extend(f"extra control {cid}" for cid in sorted(map(str, extra)))
    return result


def _justification_same(want: str | None, got: str | None) -> bool:
    if want is None:
        return got in (None, "")
    return same("justification", want, got)


def _kind_miss(result: DocScore, got: dict[str, Any] | None, kind: str) -> dict[str, Any]:
    result.misses.append(
        f"read as {(got or {}).get('kind') or (got or {}).get('error') or 'nothing'}, not {kind}"
    )
    return {}


def flag_set_right(want: list[str], got: list[str] | None) -> bool:
    """Return whether exactly the expected flags were raised."""
    return got is not None and set(want) == set(got)
