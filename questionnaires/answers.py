"""Check a supplier's answers against a template and turn them into the scoring context."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from scoring import Context, SupplyChainMember

from .model import Question, Template

YES, NO = "yes", "no"
_YES_NO = {"yes": YES, "y": YES, "true": YES, "no": NO, "n": NO, "false": NO}
_LIST_SPLIT = re.compile(r"\s*[,;\n]\s*")


def yes_no(value: Any) -> str | None:
    """Return "yes"/"no" for a yes/no answer (bool or text), None if it is neither."""
    if isinstance(value, bool):
        return YES if value else NO
    return _YES_NO.get(str(value).strip().lower()) if isinstance(value, str) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def validate_answers(template: Template, answers: Mapping[str, Any], *, require: bool = True) -> list[str]:
    """Return every problem with `answers` (required, types, choices), each naming its question.

    `require=False` checks a draft: what is answered must be valid, what is missing may wait."""
    errors = [f"answer to unknown question '{qid}'" for qid in answers if not _has(template, qid)]
    for question in template.questions:
        value = answers.get(question.id)
        if _blank(value):
            if question.required and require:
                errors.append(f"question '{question.id}': an answer is required")
            continue
        problem = _check(question, value)
        if problem:
            errors.append(f"question '{question.id}': {problem}")
    return errors


def _has(template: Template, qid: str) -> bool:
    return any(q.id == qid for q in template.questions)


def _check(question: Question, value: Any) -> str | None:
    """Return what is wrong with one answer, or None."""
    if question.type == "yes_no":
        return None if yes_no(value) else f"answer yes or no, not {value!r}"
    if question.type == "date":
        return None if as_date(value) else f"{value!r} is not a date (YYYY-MM-DD)"
    if question.type == "choice":
        return None if value in question.options else f"{value!r} is not one of: {_listed(question)}"
    if question.type == "supplier_list":
        return _check_suppliers(question, value)
    return None if isinstance(value, str) else f"expected text, got {type(value).__name__}"


def _listed(question: Question) -> str:
    return ", ".join(question.options)


def _check_suppliers(question: Question, value: Any) -> str | None:
    if not isinstance(value, list):
        return "expected a list of suppliers, each with a name and a role"
    for i, entry in enumerate(value, start=1):
        if not isinstance(entry, Mapping) or not str(entry.get("name") or "").strip():
            return f"supplier {i} needs a name"
        role = entry.get("role")
        if role not in question.options:
            return f"supplier {i} ({entry['name']}): role {role!r} is not one of: {_listed(question)}"
        in_scope = entry.get("in_scope")
        if in_scope is not None and yes_no(in_scope) is None:
            return f"supplier {i} ({entry['name']}): in_scope must be yes or no"
    return None


def as_date(value: Any) -> dt.date | None:
    """Return the date an answer holds (a date, or YYYY-MM-DD text), else None."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def build_context(template: Template, answers: Mapping[str, Any], *, assessment_date: dt.date,
                  supplier_legal_name: str | None = None, product: str | None = None,
                  product_aliases: Iterable[str] = (), required_regions: Iterable[str] = ()) -> Context:
    """Return the scoring Context: the buyer's setup (keyword arguments) plus the mapped answers.

    The buyer's product name wins; a different name the supplier gives becomes an alias, since the
    certificate may use the supplier's wording.
    """
    fed: dict[str, Any] = {"answers": {}, "product_aliases": list(product_aliases),
                           "required_regions": list(required_regions), "supply_chain": []}
    for question in template.questions:
        value = answers.get(question.id)
        if question.maps_to and not _blank(value):
            _feed(fed, question, value)
    answered_product = fed.pop("product", None)
    main = product or answered_product
    aliases = [a for a in [answered_product, *fed["product_aliases"]] if a and a != main]
    members = fed["supply_chain"]
    answers_out = fed["answers"]
    if "supply_chain_in_scope" not in answers_out and members and all(m[1] is not None for m in members):
        answers_out["supply_chain_in_scope"] = YES if all(m[1] == YES for m in members) else NO
    return Context(
        assessment_date=assessment_date,
        supplier_legal_name=supplier_legal_name or fed.get("supplier_legal_name"),
        product=main,
        product_aliases=tuple(dict.fromkeys(aliases)),
        required_regions=tuple(dict.fromkeys(fed["required_regions"])),
        supply_chain=tuple(m[0] for m in members),
        answers=answers_out,
    )


def _feed(fed: dict[str, Any], question: Question, value: Any) -> None:
    """Put one answer where its question's `maps_to` says."""
    target = question.maps_to or ""
    if target.startswith("answers."):
        fed["answers"][target[len("answers."):]] = _answer_text(question, value)
    elif target in ("product_aliases", "required_regions"):
        fed[target].extend(p for p in _LIST_SPLIT.split(str(value).strip()) if p)
    elif target == "supply_chain":
        fed["supply_chain"].extend(_member(e) for e in value if isinstance(e, Mapping) and e.get("name"))
    else:
        fed[target] = str(value).strip()


def _member(entry: Mapping[str, Any]) -> tuple[SupplyChainMember, str | None]:
    role = entry.get("role")
    member = SupplyChainMember(str(entry["name"]).strip(), str(role) if role else None)
    in_scope = entry.get("in_scope")
    return member, yes_no(in_scope) if in_scope is not None else None


def _answer_text(question: Question, value: Any) -> str:
    """Return an answer as the text the scoring context holds."""
    if question.type == "yes_no":
        return yes_no(value) or str(value)
    if question.type == "date":
        day = as_date(value)
        return day.isoformat() if day else str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip()
