"""Pick the previous and current document of each role and compare them (no queries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .diff import RenewalDiff, diff_extractions

ROLES = ("certificate", "soa")


@dataclass(frozen=True)
class RenewalView:
    """One role's renewal: the replaced document, its replacement, and the differences."""

    role: str
    previous: Any  # Document
    current: Any  # Document
    diff: RenewalDiff


def renewal_changes(document_views: Iterable[Any], assessment: Any) -> list[RenewalView]:
    """Compare each role's current document with the newest older parsed one.

    `document_views` are the assessment page's views (`.doc` and `.fields` with corrections
    applied), so the panel costs no extra queries.
    """
    views = sorted(document_views, key=lambda v: (v.doc.uploaded_at, v.doc.id), reverse=True)
    names = [assessment.product, *(assessment.product_aliases or [])]
    out = []
    for role in ROLES:
        mine = [v for v in views if v.doc.role == role and v.doc.parse_status == "parsed"]
        current = next((v for v in mine if v.doc.is_current), None)
        if current is None:
            continue
        older = [v for v in mine if v is not current and _before(v.doc, current.doc)]
        if older:
            diff = diff_extractions(effective(older[0]), effective(current), [n for n in names if n])
            out.append(RenewalView(role, older[0].doc, current.doc, diff))
    return out


def effective(view: Any) -> dict[str, Any]:
    """Return a document's extraction with the supplier's corrections applied."""
    data = dict(view.doc.extraction or {})
    data.setdefault("kind", view.doc.role)
    for f in getattr(view, "fields", []) or []:
        if getattr(f, "corrected", False):
            data[f.name] = f.effective
    controls = getattr(view, "controls", None) or []
    if any(getattr(c, "corrected", False) for c in controls):
        data["controls"] = [{"id": c.id, **c.effective} for c in controls if c.effective is not None]
    return data


def _before(doc: Any, current: Any) -> bool:
    return (doc.uploaded_at, doc.id) < (current.uploaded_at, current.id)
