"""Data-changing actions on buyers' questionnaire templates: each change stores a new version.

A version, once stored, never changes: assessments and responses record key + version, so an
old response keeps answering exactly the questions it was given.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa

import questionnaires
from questionnaires import Question, QuestionnaireError, Template
from questionnaires.model import CONTEXT_FIELDS
from scoring.rules.answers import CONTRADICTIONS

from .. import audit
from ..extensions import db
from ..models import QuestionnaireTemplateRecord as Record
from ..models import User
from ..unit_of_work import atomic
from . import store

# What scoring does with a question, by where its answer goes (shown and asked about on removal).
CONTEXT_USES = {
    "product": "names the product the certificate's scope must cover (scope.narrow)",
    "product_aliases": "adds other names of the product looked for in the scope (scope.narrow)",
    "supplier_legal_name": "is compared with the certificate holder (cert.holder_mismatch)",
    "required_regions": "lists regions the certificate's sites must cover",
    "supply_chain": "lists the AI suppliers checked against the scope's exclusions "
                    "(scope.supply_chain_excluded)",
}


class TemplateError(ValueError):
    """A template change that cannot be made; `str()` is a user-facing reason."""


def scoring_use(question: Question) -> str | None:
    """Say what the scoring does with a question's answer, or None when it only informs reviewers."""
    target = question.maps_to or ""
    if target in CONTEXT_FIELDS:
        return CONTEXT_USES.get(target, f"feeds {target} in the scoring context")
    answer = target.removeprefix("answers.")
    if target.startswith("answers.") and answer in CONTRADICTIONS:
        code = CONTRADICTIONS[answer][0]
        return f"is checked against the documents: a 'yes' contradicted by {code} raises answer.contradicted"
    return None


@atomic
def copy_template(user: User, source: Template, key: str, title: str) -> Record:
    """Copy a template the user may see into a new template (version 1) owned by their organisation."""
    key, title = key.strip(), title.strip()
    if store.key_taken(key):
        raise TemplateError(f"The key '{key}' is already used by another template: choose another.")
    try:
        template = questionnaires.copy_template(source, key, title)
    except QuestionnaireError as err:
        raise TemplateError(str(err)) from None
    row = _store(user, template)
    audit.record(user, "questionnaire_template.copy", row, key=key, version=template.version,
                 based_on=source.ref, title=title)
    return row


@atomic
def add_question(user: User, row: Record, data: dict[str, Any]) -> Record:
    """Store a new version of the user's template with one more question (checked by questionnaires)."""
    current = store.template_of(row)
    source = f"{current.key}@{_next_version(current)}"
    try:
        question = questionnaires.question_from_dict(data, source, len(current.questions) + 1)
    except QuestionnaireError as err:
        raise TemplateError(str(err)) from None
    if any(q.id == question.id for q in current.questions):
        raise TemplateError(f"{source}: question '{question.id}' is already in the template")
    new = _new_version(current, (*current.questions, question))
    stored = _store(user, new)
    audit.record(user, "questionnaire_template.add_question", stored, key=new.key, version=new.version,
                 question=question.to_dict())
    return stored


@atomic
def remove_question(user: User, row: Record, question_id: str, *, confirmed: bool) -> Record:
    """Store a new version without one question; one the scoring uses needs `confirmed`."""
    current = store.template_of(row)
    try:
        question = current.question(question_id)
    except KeyError:
        raise TemplateError(f"{current.ref}: no question '{question_id}'") from None
    use = scoring_use(question)
    if use and not confirmed:
        raise TemplateError(f"Question '{question_id}' {use}: confirm that scoring should go without it.")
    kept = tuple(q for q in current.questions if q.id != question_id)
    if not kept:
        raise TemplateError(f"{current.ref}: a template needs at least one question")
    new = _new_version(current, kept)
    stored = _store(user, new)
    audit.record(user, "questionnaire_template.remove_question", stored, key=new.key, version=new.version,
                 question=question_id, scoring_use=use)
    return stored


def _next_version(current: Template) -> int:
    return max([current.version, *store.version_numbers(current.key)]) + 1


def _new_version(current: Template, questions: tuple[Question, ...]) -> Template:
    """Return the next version of `current` with `questions`, re-checked as a whole."""
    version = _next_version(current)
    draft = replace(current, version=version, questions=questions)
    try:
        return questionnaires.template_from_dict(draft.to_dict(), f"{current.key}@{version}")
    except QuestionnaireError as err:
        raise TemplateError(str(err)) from None


def _store(user: User, template: Template) -> Record:
    row = Record(organisation_id=user.organisation_id, key=template.key, version=str(template.version),
                 title=template.title, body=template.to_dict())
    db.session.add(row)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # key + version is unique: another change got there first
        raise TemplateError(f"{template.ref} was just created by someone else: reload the template and "
                            "make the change again.") from None
    return row
