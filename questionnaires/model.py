"""Questionnaire templates as data: questions, templates, and checking them on load."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

QUESTION_TYPES = ("yes_no", "text", "date", "choice", "supplier_list")
SUPPLIER_ROLES = ("LLM", "ASR", "TTS", "telephony", "other")
# Where an answer goes in the scoring context (SCHEMA.md §2); "answers.<id>" keeps it under answers.
CONTEXT_FIELDS = ("product", "product_aliases", "supplier_legal_name", "required_regions", "supply_chain")
_TYPES_FOR_FIELD = {"product": ("text",), "product_aliases": ("text",), "supplier_legal_name": ("text",),
                    "required_regions": ("text", "choice"), "supply_chain": ("supplier_list",)}
_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
_KEY = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_QUESTION_KEYS = frozenset({"id", "text", "help", "type", "required", "options", "maps_to", "section"})
_TEMPLATE_KEYS = frozenset({"key", "version", "title", "description", "based_on", "questions"})


class QuestionnaireError(ValueError):
    """A template or an answer set is invalid; the message names the file and the question."""


@dataclass(frozen=True)
class Question:
    """One question: what is asked, how it is answered, and where the answer goes."""

    id: str
    text: str
    type: str
    help: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    maps_to: str | None = None
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the YAML/JSON form (empty optional keys left out)."""
        data: dict[str, Any] = {"id": self.id, "text": self.text, "help": self.help, "type": self.type,
                                "required": self.required}
        if self.options:
            data["options"] = list(self.options)
        if self.maps_to:
            data["maps_to"] = self.maps_to
        if self.section:
            data["section"] = self.section
        return data


@dataclass(frozen=True)
class Template:
    """A versioned questionnaire: `key` + `version` identify it forever."""

    key: str
    version: int
    title: str
    questions: tuple[Question, ...]
    description: str = ""
    based_on: str | None = None
    source: str = field(default="<memory>", compare=False)

    @property
    def ref(self) -> str:
        """Return "key@version", what a response records."""
        return f"{self.key}@{self.version}"

    def question(self, question_id: str) -> Question:
        """Return the question with id `question_id` (KeyError if absent)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def question_mapped_to(self, target: str) -> Question | None:
        """Return the question whose answer goes to the context's `target` (None: no question does)."""
        return next((q for q in self.questions if q.maps_to == target), None)

    def to_dict(self) -> dict[str, Any]:
        """Return the YAML/JSON form of the template."""
        data: dict[str, Any] = {"key": self.key, "version": self.version, "title": self.title}
        if self.description:
            data["description"] = self.description
        if self.based_on:
            data["based_on"] = self.based_on
        data["questions"] = [q.to_dict() for q in self.questions]
        return data


def template_from_dict(data: Any, source: str) -> Template:
    """Build and check a template from parsed YAML/JSON; errors name `source` and the question."""
    if not isinstance(data, Mapping):
        raise QuestionnaireError(f"{source}: a template must be a mapping of key, version, title, questions")
    unknown = sorted(set(data) - _TEMPLATE_KEYS)
    if unknown:
        raise QuestionnaireError(f"{source}: unknown template key(s): {', '.join(map(str, unknown))}")
    key = _required_str(data, "key", source)
    if not _KEY.fullmatch(key):
        raise QuestionnaireError(f"{source}: key {key!r} must be lower-case letters, digits, '.', '_' or '-'")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise QuestionnaireError(f"{source}: version must be a whole number ≥ 1, got {version!r}")
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        raise QuestionnaireError(f"{source}: questions must be a non-empty list")
    questions = tuple(question_from_dict(q, source, i) for i, q in enumerate(raw, start=1))
    _check_unique(questions, source)
    return Template(key, version, _required_str(data, "title", source), questions,
                    str(data.get("description") or "").strip(), _optional(data, "based_on"), source)


def question_from_dict(data: Any, source: str, position: int) -> Question:
    """Build and check one question; errors say which file and which question."""
    where = f"{source}: question {position}"
    if not isinstance(data, Mapping):
        raise QuestionnaireError(f"{where}: must be a mapping with id, text, type")
    qid = data.get("id")
    if not isinstance(qid, str) or not _ID.fullmatch(qid):
        raise QuestionnaireError(f"{where}: id {qid!r} must be lower_snake_case (letters, digits, _)")
    where = f"{source}: question '{qid}'"
    unknown = sorted(set(data) - _QUESTION_KEYS)
    if unknown:
        raise QuestionnaireError(f"{where}: unknown key(s): {', '.join(map(str, unknown))}")
    qtype = data.get("type")
    if qtype not in QUESTION_TYPES:
        raise QuestionnaireError(f"{where}: type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
    required = data.get("required", False)
    if not isinstance(required, bool):
        raise QuestionnaireError(f"{where}: required must be true or false, got {required!r}")
    question = Question(qid, _required_str(data, "text", where), qtype, str(data.get("help") or "").strip(),
                        required, _options(data, qtype, where), _optional(data, "maps_to"),
                        _optional(data, "section"))
    _check_maps_to(question, where)
    return question


def _options(data: Mapping[str, Any], qtype: str, where: str) -> tuple[str, ...]:
    raw = data.get("options")
    if raw is None:
        if qtype == "choice":
            raise QuestionnaireError(f"{where}: a choice question needs options")
        return SUPPLIER_ROLES if qtype == "supplier_list" else ()
    if qtype not in ("choice", "supplier_list"):
        raise QuestionnaireError(f"{where}: options are only for choice and supplier_list questions")
    if not isinstance(raw, list) or len(raw) < 2 or not all(isinstance(o, str) and o.strip() for o in raw):
        raise QuestionnaireError(f"{where}: options must be a list of at least two non-empty strings")
    if len(set(raw)) != len(raw):
        raise QuestionnaireError(f"{where}: options must not repeat")
    return tuple(o.strip() for o in raw)


def _check_maps_to(question: Question, where: str) -> None:
    target = question.maps_to
    if target is None:
        return
    if target.startswith("answers."):
        if not _ID.fullmatch(target[len("answers."):]):
            raise QuestionnaireError(f"{where}: maps_to {target!r}: 'answers.' must be followed by an id")
        return
    if target not in CONTEXT_FIELDS:
        raise QuestionnaireError(f"{where}: maps_to {target!r} is not one of {', '.join(CONTEXT_FIELDS)} "
                                 "or answers.<id>")
    if question.type not in _TYPES_FOR_FIELD[target]:
        raise QuestionnaireError(f"{where}: maps_to {target} needs a {' or '.join(_TYPES_FOR_FIELD[target])} "
                                 f"question, not {question.type}")


def _check_unique(questions: Iterable[Question], source: str) -> None:
    seen: set[str] = set()
    single: dict[str, str] = {}
    for q in questions:
        if q.id in seen:
            raise QuestionnaireError(f"{source}: question '{q.id}' appears twice")
        seen.add(q.id)
        if q.maps_to and q.maps_to not in ("product_aliases", "required_regions"):
            if q.maps_to in single:
                raise QuestionnaireError(f"{source}: question '{q.id}' maps to {q.maps_to}, already fed by "
                                         f"question '{single[q.maps_to]}'")
            single[q.maps_to] = q.id


def _required_str(data: Mapping[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireError(f"{where}: {name} is required (non-empty text)")
    return value.strip()


def _optional(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    return str(value).strip() or None if value is not None else None


def copy_template(template: Template, new_key: str, title: str, *,
                  add: Iterable[Question | dict[str, Any]] = (), remove: Iterable[str] = ()) -> Template:
    """Return a buyer's own template (version 1) based on `template`, with questions added/removed."""
    source = f"copy of {template.ref} as {new_key}"
    gone = set(remove)
    absent = sorted(gone - {q.id for q in template.questions})
    if absent:
        raise QuestionnaireError(f"{source}: cannot remove question(s) not in the template: "
                                 f"{', '.join(absent)}")
    kept = [q for q in template.questions if q.id not in gone]
    start = len(kept) + 1
    added = [q if isinstance(q, Question) else question_from_dict(q, source, start + i)
             for i, q in enumerate(add)]
    copy = replace(template, key=new_key, version=1, title=title, questions=tuple(kept + added),
                   based_on=template.ref, source=source)
    return template_from_dict(copy.to_dict(), source)  # re-check: ids unique, key valid
