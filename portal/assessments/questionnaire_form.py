"""Generate a WTForms form from a questionnaire template, and map it to and from answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..forms import choices

YES_NO = [("yes", "Yes"), ("no", "No")]
SUPPLIER_ROLES = [("", "—"), ("LLM", "LLM"), ("ASR", "Speech recognition (ASR)"),
                  ("TTS", "Speech synthesis (TTS)"), ("telephony", "Telephony"), ("other", "Other AI")]
ADD_ROW, REMOVE_ROW = "add_row", "remove_row"  # submit buttons that change the rows, not the answers
MAX_SUPPLIER_ROWS = 50
MAX_TEXT = 5000


@dataclass(frozen=True)
class QuestionSpec:
    """What the form needs of one template question."""

    id: str
    text: str
    help: str
    type: str  # yes_no | text | date | choice | suppliers
    required: bool
    choices: tuple[str, ...] = ()
    section: str = ""


def question_specs(template: Any) -> list[QuestionSpec]:
    """Read the questions of a template (object with `.questions` or a dict)."""
    questions = _get(template, "questions") or []
    return [_spec(q) for q in questions]


def _spec(q: Any) -> QuestionSpec:
    kind = str(_get(q, "type") or _get(q, "answer_type") or "text").lower().replace("-", "_")
    kind = {"yesno": "yes_no", "bool": "yes_no", "boolean": "yes_no", "list": "suppliers",
            "supplier_list": "suppliers", "suppliers_list": "suppliers"}.get(kind, kind)
    choices = tuple(str(c) for c in (_get(q, "choices") or _get(q, "options") or ()))
    return QuestionSpec(id=str(_get(q, "id")), text=str(_get(q, "text") or _get(q, "id")),
                        help=str(_get(q, "help") or _get(q, "help_text") or ""), type=kind,
                        required=bool(_get(q, "required")), choices=choices,
                        section=str(_get(q, "section") or ""))


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


class SupplierEntryForm(Form):
    """One AI supplier and its role (a row of the repeatable list)."""

    name = StringField("Supplier name", validators=[Optional(), Length(max=200)])
    role = SelectField("Role", choices=choices(SUPPLIER_ROLES), validate_choice=False)
    ROLES = dict(SUPPLIER_ROLES)

    def validate_role(self, field: SelectField) -> None:
        """Accept only listed roles, and ask for one once a name is given."""
        if field.data and field.data not in self.ROLES:
            raise ValidationError("Not a valid role.")
        if (self.name.data or "").strip() and not field.data:
            raise ValidationError("Choose the supplier's role.")


def supplier_entry_form(roles: tuple[str, ...]) -> type[SupplierEntryForm]:
    """Return a supplier row form offering the template's roles (the default list when none)."""
    if not roles:
        return SupplierEntryForm
    options = [("", "—")] + [(r, dict(SUPPLIER_ROLES).get(r, r)) for r in roles]
    role = SelectField("Role", choices=choices(options), validate_choice=False)
    return type("SupplierEntryForm", (SupplierEntryForm,), {"role": role, "ROLES": dict(options)})


class QuestionnaireBase(FlaskForm):
    """Base of generated questionnaire forms: save-as-draft and submit buttons."""

    save_draft = SubmitField("Save draft")
    submit_answers = SubmitField("Submit answers")


def build_form_class(specs: Iterable[QuestionSpec], *, enforce_required: bool) -> type[QuestionnaireBase]:
    """Return a form class with one field per question (required ones checked only on submit)."""
    attrs: dict[str, Any] = {}
    for spec in specs:
        attrs[field_name(spec.id)] = _field_for(spec, enforce_required and spec.required)
    return type("QuestionnaireForm", (QuestionnaireBase,), attrs)


def field_name(question_id: str) -> str:
    """Return a safe form field name for a question id."""
    return "q_" + "".join(c if c.isalnum() else "_" for c in question_id)


def _field_for(spec: QuestionSpec, required: bool) -> Any:
    label = spec.text + ("" if not spec.required else " (required)")
    check = [InputRequired(message="This answer is required.")] if required else [Optional()]
    kw: dict[str, Any] = {"description": spec.help}
    if spec.type == "yes_no":
        return RadioField(label, choices=choices(YES_NO), validators=check, **kw)
    if spec.type == "date":
        return DateField(label, validators=check, **kw)
    if spec.type == "choice":
        return SelectField(label, choices=choices([("", "—")] + [(c, c) for c in spec.choices]),
                           validators=check, **kw)
    if spec.type == "suppliers":
        validators = [_at_least_one_supplier] if required else []
        return FieldList(FormField(supplier_entry_form(spec.choices)), label=label, min_entries=1,
                         validators=validators, **kw)
    return TextAreaField(label, validators=check + [Length(max=MAX_TEXT)], **kw)


def _at_least_one_supplier(form: Any, field: FieldList) -> None:
    if not suppliers_from_field(field):
        raise ValidationError("Name at least one AI supplier.")


def suppliers_from_field(field: FieldList) -> list[dict[str, str]]:
    """Return the filled supplier rows of a FieldList."""
    rows = []
    for entry in field.entries:
        name = (entry.form.name.data or "").strip()
        if name:
            rows.append({"name": name, "role": entry.form.role.data or "other"})
    return rows


def answers_from_form(form: QuestionnaireBase, specs: Iterable[QuestionSpec]) -> dict[str, Any]:
    """Return plain answers (JSON-ready) from a validated form; blank answers are left out."""
    answers: dict[str, Any] = {}
    for spec in specs:
        field = form[field_name(spec.id)]
        value = _value_of(spec, field)
        if value not in (None, "", []):
            answers[spec.id] = value
    return answers


def _value_of(spec: QuestionSpec, field: Any) -> Any:
    if spec.type == "suppliers":
        return suppliers_from_field(field)
    if spec.type == "date":
        return field.data.isoformat() if isinstance(field.data, dt.date) else None
    data = field.data
    return data.strip() if isinstance(data, str) else data


def form_data_from_answers(answers: dict[str, Any], specs: Iterable[QuestionSpec]) -> dict[str, Any]:
    """Return `data=` for a form, pre-filled from saved answers (a draft being resumed)."""
    data: dict[str, Any] = {}
    for spec in specs:
        value = answers.get(spec.id)
        if spec.type == "suppliers":
            # the saved rows only: "Add another supplier" adds a row; the list keeps one when empty
            value = [r for r in (value or []) if isinstance(r, dict)]
        elif spec.type == "date" and isinstance(value, str):
            value = _parse_date(value)
        data[field_name(spec.id)] = value
    return data


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def missing_required(answers: dict[str, Any], specs: Iterable[QuestionSpec]) -> list[str]:
    """Return the ids of required questions with no answer."""
    return [s.id for s in specs if s.required and answers.get(s.id) in (None, "", [])]


@dataclass(frozen=True)
class RowChange:
    """A press of "Add another supplier" or a row's "Remove" button."""

    field: str
    remove: int | None = None  # index of the row to remove; None adds a row


def row_change(formdata: Any, specs: Iterable[QuestionSpec]) -> RowChange | None:
    """Return the row change a posted form asks for (None when it saves or submits)."""
    lists = {field_name(s.id) for s in specs if s.type == "suppliers"}
    added = formdata.get(ADD_ROW)
    if added in lists:
        return RowChange(added)
    name, _, index = str(formdata.get(REMOVE_ROW) or "").rpartition("-")
    if name in lists and index.isdigit():
        return RowChange(name, int(index))
    return None


def apply_row_change(form: QuestionnaireBase, change: RowChange) -> str | None:
    """Add or remove one supplier row, keeping every other answer as typed; return the id to focus."""
    field = form[change.field]
    rows = [{"name": e.form.name.data or "", "role": e.form.role.data or ""} for e in field.entries]
    if change.remove is None:
        rows = rows[:MAX_SUPPLIER_ROWS - 1] + [{"name": "", "role": ""}]
    elif change.remove < len(rows):
        del rows[change.remove]
    field.process(None, rows)  # renumbers the rows; an emptied list keeps one blank row
    last = field.entries[-1] if change.remove is None else None
    return last.form.name.id if last is not None else f"{field.id}-add"
