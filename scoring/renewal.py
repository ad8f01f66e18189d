"""Compare two extractions of the same kind: what a renewed certificate or SoA changed.

Pure: two extractions (corrections already applied) in, a dataclass out. The comparison reads their
SCHEMA.md JSON, so a corpus label or a stored extraction can be compared as well.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from parsers.model import CERTIFICATE_FIELDS, SOA_FIELDS, Extraction, FieldSpec

from .settings import DEFAULT_PRODUCT_MATCH_CUTOFF
from .text import name_in, shorten

# Scope and sites are compared word by word and item by item, SoA controls one by one; the SoA a
# certificate cites is scoring's (soa.version_mismatch), not the renewal's.
_APART = ("scope", "sites", "soa_reference", "controls")
BODY_FIELDS = tuple(f for f in CERTIFICATE_FIELDS if f.name in ("certification_body", "accreditation_body"))
DATE_FIELDS = tuple(f for f in CERTIFICATE_FIELDS if f.value_type in ("date", "dates"))
OTHER_CERT_FIELDS = tuple(f for f in CERTIFICATE_FIELDS
                          if f not in BODY_FIELDS and f not in DATE_FIELDS and f.name not in _APART)
OTHER_SOA_FIELDS = tuple(f for f in SOA_FIELDS if f.name not in _APART)
# Words that say a scope leaves something out; a renewal that adds one is narrower.
EXCLUSION = re.compile(
    r"\b(exclud\w*|except\w*|does not (?:extend|cover|include)|outside (?:of )?the scope|not covered"
    r"|not in scope|out of scope|limited to|only)\b", re.IGNORECASE)
STOPWORDS = frozenset((
    "a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "with", "as", "is", "are", "be",
    "this", "that", "its", "it", "or", "from", "which", "including", "into", "within", "their", "our",
    "all", "any"))
_TOKEN = re.compile(r"\S+")
_NORMAL = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Segment:
    """A run of scope text: `kind` is 'same', 'added' or 'removed'."""

    kind: str
    text: str


@dataclass(frozen=True)
class ScopeDiff:
    """The scope compared word by word."""

    before: str
    after: str
    segments: tuple[Segment, ...]
    words_added: tuple[str, ...]
    words_removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """Say whether any word was added or removed."""
        return bool(self.words_added or self.words_removed)


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs between the two documents."""

    field: str
    label: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Callout:
    """A change a reviewer must not miss ('scope.narrower', 'control.newly_excluded')."""

    code: str
    message: str


@dataclass(frozen=True)
class RenewalDiff:
    """What changed from the previous document of one role to the current one."""

    kind: str
    scope: ScopeDiff | None = None
    sites_added: tuple[str, ...] = ()
    sites_removed: tuple[str, ...] = ()
    body_changes: tuple[FieldChange, ...] = ()
    date_changes: tuple[FieldChange, ...] = ()
    other_changes: tuple[FieldChange, ...] = ()
    controls_newly_excluded: tuple[str, ...] = ()
    controls_newly_included: tuple[str, ...] = ()
    controls_no_longer_listed: tuple[str, ...] = ()
    callouts: tuple[Callout, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """Say whether anything differs at all."""
        return bool((self.scope and self.scope.changed) or self.sites_added or self.sites_removed
                    or self.body_changes or self.date_changes or self.other_changes
                    or self.controls_newly_excluded or self.controls_newly_included
                    or self.controls_no_longer_listed)


def renewal_diff(old: Extraction, new: Extraction, product_names: Sequence[str] = ()) -> RenewalDiff:
    """Compare a document with the one it replaces (both of one kind, corrections applied)."""
    return diff_extractions(old.schema_json(), new.schema_json(), product_names)


def diff_extractions(old: dict[str, Any], new: dict[str, Any],
                     product_names: Sequence[str] = ()) -> RenewalDiff:
    """Compare two extractions of one kind given as SCHEMA.md JSON (certificate or SoA)."""
    kind = str(new.get("kind") or old.get("kind") or "")
    if kind == "soa":
        return diff_soas(old, new)
    return diff_certificates(old, new, product_names)


def diff_certificates(old: dict[str, Any], new: dict[str, Any],
                      product_names: Sequence[str] = ()) -> RenewalDiff:
    """Compare a previous certificate with its replacement."""
    scope = diff_scope(old.get("scope"), new.get("scope"))
    before_sites, after_sites = _items(old.get("sites")), _items(new.get("sites"))
    reasons = narrowing_reasons(scope, product_names)
    narrower = Callout("scope.narrower", "The scope got narrower: " + "; ".join(reasons) + ".")
    return RenewalDiff(
        kind="certificate", scope=scope, callouts=(narrower,) if reasons else (),
        sites_added=_missing_from(after_sites, before_sites),
        sites_removed=_missing_from(before_sites, after_sites),
        body_changes=_changes(old, new, BODY_FIELDS), date_changes=_changes(old, new, DATE_FIELDS),
        other_changes=_changes(old, new, OTHER_CERT_FIELDS))


def diff_soas(old: dict[str, Any], new: dict[str, Any]) -> RenewalDiff:
    """Compare a previous Statement of Applicability with its replacement."""
    before, after = _applicability(old.get("controls")), _applicability(new.get("controls"))
    excluded = tuple(c for c, ok in after.items() if ok is False and before.get(c) is not False)
    included = tuple(c for c, ok in after.items() if ok is True and before.get(c) is False)
    gone = tuple(c for c in before if c not in after)
    callouts = tuple(Callout("control.newly_excluded", f"{c} is now marked not applicable"
                             + ("" if c in before else " (not listed before)")) for c in excluded)
    return RenewalDiff(kind="soa", other_changes=_changes(old, new, OTHER_SOA_FIELDS),
                       controls_newly_excluded=excluded, controls_newly_included=included,
                       controls_no_longer_listed=gone, callouts=callouts)


def diff_scope(before: str | None, after: str | None) -> ScopeDiff:
    """Compare two scope statements word by word (case and punctuation kept in the segments)."""
    old_words, new_words = _TOKEN.findall(before or ""), _TOKEN.findall(after or "")
    matcher = difflib.SequenceMatcher(a=[_norm(w) for w in old_words], b=[_norm(w) for w in new_words],
                                      autojunk=False)
    segments: list[Segment] = []
    added: list[str] = []
    removed: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", " ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", " ".join(old_words[i1:i2])))
            removed.extend(old_words[i1:i2])
        if j2 > j1:
            segments.append(Segment("added", " ".join(new_words[j1:j2])))
            added.extend(new_words[j1:j2])
    return ScopeDiff(before or "", after or "", tuple(segments), tuple(added), tuple(removed))


def narrowing_reasons(scope: ScopeDiff, product_names: Sequence[str] = ()) -> list[str]:
    """Say why a scope change narrows the scope (empty when it does not)."""
    reasons = []
    # named the way scoring decides scope.narrow, so a renewal never contradicts the flags
    lost = [name for name in product_names
            if name_in(scope.before, name, DEFAULT_PRODUCT_MATCH_CUTOFF)
            and not name_in(scope.after, name, DEFAULT_PRODUCT_MATCH_CUTOFF)]
    if lost:
        reasons.append("the product is no longer named (" + ", ".join(lost) + ")")
    new_exclusions = _exclusion_terms(scope.after) - _exclusion_terms(scope.before)
    if new_exclusions:
        reasons.append("new exclusion language (" + ", ".join(sorted(new_exclusions)) + ")")
    removed, added = _content(scope.words_removed), _content(scope.words_added)
    if scope.before and len(removed) > len(added):
        reasons.append(f"{len(removed)} words removed, {len(added)} added (removed: "
                       + shorten(", ".join(removed), 120) + ")")
    return reasons


def _exclusion_terms(text: str) -> set[str]:
    return {" ".join(m.group(0).lower().split()) for m in EXCLUSION.finditer(text or "")}


def _content(words: Sequence[str]) -> list[str]:
    """Return the words that carry meaning (no stopwords, no bare punctuation)."""
    out = []
    for word in words:
        plain = _norm(word)
        if plain and plain not in STOPWORDS:
            out.append(word.strip(".,;:()\"'"))
    return out


def _norm(word: str) -> str:
    return _NORMAL.sub("", word.lower())


def _items(value: Any) -> list[str]:
    if not value:
        return []
    values = value if isinstance(value, list) else [value]
    return [" ".join(str(v).split()) for v in values if str(v).strip()]


def _missing_from(items: list[str], others: list[str]) -> tuple[str, ...]:
    """Return the items with no counterpart in `others` (compared without case or punctuation)."""
    keys = {_site_key(o) for o in others}
    return tuple(i for i in items if _site_key(i) not in keys)


def _site_key(site: str) -> str:
    return " ".join(_norm(w) for w in site.split() if _norm(w))


def _changes(old: dict[str, Any], new: dict[str, Any],
             fields: Sequence[FieldSpec]) -> tuple[FieldChange, ...]:
    out = []
    for spec in fields:
        before, after = old.get(spec.name), new.get(spec.name)
        if _comparable(before) != _comparable(after):
            out.append(FieldChange(spec.name, spec.label, before, after))
    return tuple(out)


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).casefold() or None
    if isinstance(value, list):
        return tuple(sorted(str(v) for v in value)) or None
    return value


def _applicability(controls: Any) -> dict[str, bool | None]:
    """Return control id -> applicable (None when unreadable), in document order."""
    out: dict[str, bool | None] = {}
    for item in controls or []:
        if isinstance(item, dict) and item.get("id"):
            value = item.get("applicable")
            out[str(item["id"])] = value if isinstance(value, bool) else None
    return out
