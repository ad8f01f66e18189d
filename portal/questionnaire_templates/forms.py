"""Forms of the questionnaire-template feature (the questionnaires package checks the content)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from questionnaires import QUESTION_TYPES
from questionnaires.model import CONTEXT_FIELDS

from ..forms import choices

TYPE_LABELS = {"yes_no": "Yes / no", "text": "Text", "date": "Date", "choice": "One of a list of choices",
               "supplier_list": "List of AI suppliers with their roles"}
ANSWERS_TARGET = "answers"  # stands for "answers.<question id>"
MAPS_TO = [("", "Nothing (shown to reviewers only)"),
           (ANSWERS_TARGET, "The answers, under this question's id"),
           *[(f, f.replace("_", " ").capitalize()) for f in CONTEXT_FIELDS]]


class CopyForm(FlaskForm):
    """Copy a template into one the organisation owns."""

    key = StringField("Key of the new template", validators=[InputRequired(), Length(max=80)],
                      description="Lower-case letters, digits, '.', '_' or '-'; it never changes.")
    title = StringField("Title", validators=[InputRequired(), Length(max=255)])
    submit = SubmitField("Copy template")


class QuestionForm(FlaskForm):
    """Add a question to an organisation's template."""

    id = StringField("Question id", validators=[InputRequired(), Length(max=64)],
                     description="lower_snake_case, unique in the template.")
    text = TextAreaField("Question", validators=[InputRequired(), Length(max=2000)])
    help = TextAreaField("Help text", validators=[Optional(), Length(max=2000)])
    type = SelectField("Answer type", choices=choices([(t, TYPE_LABELS.get(t, t)) for t in QUESTION_TYPES]),
                       validators=[InputRequired()])
    required = BooleanField("An answer is required to submit")
    options = TextAreaField("Choices (or supplier roles)", validators=[Optional(), Length(max=4000)],
                            description="One per line: the choices of a choice question, or the roles a "
                                        "supplier-list question offers (default: LLM, ASR, TTS, telephony, "
                                        "other).")
    maps_to = SelectField("The answer feeds the scoring context as", choices=choices(MAPS_TO),
                          validators=[Optional()])
    section = StringField("Section", validators=[Optional(), Length(max=200)])
    submit = SubmitField("Add question")

    def question_data(self) -> dict[str, Any]:
        """Return the question as the questionnaires package reads it (blank optional keys left out)."""
        qid = (self.id.data or "").strip()
        data: dict[str, Any] = {"id": qid, "text": self.text.data or "", "help": self.help.data or "",
                                "type": self.type.data, "required": bool(self.required.data)}
        options = [line.strip() for line in (self.options.data or "").splitlines() if line.strip()]
        if options:
            data["options"] = options
        if self.maps_to.data:
            data["maps_to"] = f"answers.{qid}" if self.maps_to.data == ANSWERS_TARGET else self.maps_to.data
        if (self.section.data or "").strip():
            data["section"] = self.section.data.strip()
        return data


class RemoveForm(FlaskForm):
    """Remove a question (a new version); questions the scoring uses need the box ticked."""

    confirm = BooleanField("Remove it anyway: assessments using the new version are scored without it")
    submit = SubmitField("Remove question")
