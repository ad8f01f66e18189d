"""The questionnaire form is generated from a template: every answer type, drafts, required answers."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from portal.assessments.questionnaire_form import (
    RowChange,
    answers_from_form,
    apply_row_change,
    build_form_class,
    field_name,
    form_data_from_answers,
    missing_required,
    question_specs,
    row_change,
)

TEMPLATE = {
    "questions": [
        {"id": "product_in_scope", "text": "Is the product in scope?", "type": "yes_no", "required": True},
        {"id": "incidents", "text": "How are incidents communicated?", "type": "text"},
        {"id": "last_surveillance", "text": "Last surveillance audit", "type": "date"},
        {"id": "hosting", "text": "Hosting", "type": "choice", "choices": ["EU", "US"], "required": True},
        {"id": "supply_chain", "text": "AI suppliers", "type": "suppliers", "required": True},
    ]
}


@pytest.fixture()
def ctx():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="t", WTF_CSRF_ENABLED=False)
    with app.test_request_context(method="POST"):
        yield


def _form(data: dict, submit: bool):
    specs = question_specs(TEMPLATE)
    cls = build_form_class(specs, enforce_required=submit)
    return specs, cls(formdata=MultiDict(data))


def test_full_answers_round_trip(ctx):
    specs, form = _form(
        {
            "q_product_in_scope": "yes",
            "q_incidents": " By e-mail within 24h ",
            "q_last_surveillance": "2025-02-20",
            "q_hosting": "EU",
            "q_supply_chain-0-name": "OpenAI",
            "q_supply_chain-0-role": "LLM",
            "q_supply_chain-1-name": "Deepgram",
            "q_supply_chain-1-role": "ASR",
            "q_supply_chain-2-name": "",
        },
        submit=True,
    )
    assert form.validate(), form.errors
    answers = answers_from_form(form, specs)
    assert answers == {
        "product_in_scope": "yes",
        "incidents": "By e-mail within 24h",
        "last_surveillance": "2025-02-20",
        "hosting": "EU",
        "supply_chain": [{"name": "OpenAI", "role": "LLM"}, {"name": "Deepgram", "role": "ASR"}],
    }
    assert missing_required(answers, specs) == []


def test_submit_enforces_required_answers(ctx):
    specs, form = _form({"q_incidents": "phone"}, submit=True)
    assert not form.validate()
    assert set(form.errors) == {
        field_name("product_in_scope"),
        field_name("hosting"),
        field_name("supply_chain"),
    }


def test_draft_accepts_missing_required_answers(ctx):
    specs, form = _form({"q_incidents": "phone"}, submit=False)
    assert form.validate(), form.errors
    answers = answers_from_form(form, specs)
    assert answers == {"incidents": "phone"}
    assert set(missing_required(answers, specs)) == {"product_in_scope", "hosting", "supply_chain"}


def test_bad_values_are_refused_even_in_a_draft(ctx):
    _, form = _form(
        {
            "q_product_in_scope": "maybe",
            "q_last_surveillance": "31/02/2025",
            "q_hosting": "Mars",
            "q_supply_chain-0-name": "Acme ASR",
        },
        submit=False,
    )
    assert not form.validate()
    assert field_name("product_in_scope") in form.errors
    assert field_name("last_surveillance") in form.errors
    assert field_name("hosting") in form.errors
    assert field_name("supply_chain") in form.errors  # a supplier named without a role


def test_a_saved_draft_prefills_the_form_with_its_supplier_rows_and_no_stray_blank_row(ctx):
    specs = question_specs(TEMPLATE)
    saved = {
        "product_in_scope": "no",
        "last_surveillance": "2025-02-20",
        "supply_chain": [{"name": "OpenAI", "role": "LLM"}],
    }
    form = build_form_class(specs, enforce_required=False)(
        formdata=None, data=form_data_from_answers(saved, specs)
    )
    assert form[field_name("product_in_scope")].data == "no"
    assert form[field_name("last_surveillance")].data == dt.date(2025, 2, 20)
    rows = form[field_name("supply_chain")].entries
    assert [r.form.name.data for r in rows] == ["OpenAI"]
    assert answers_from_form(form, specs)["supply_chain"] == [{"name": "OpenAI", "role": "LLM"}]
    empty_form = build_form_class(specs, enforce_required=False)
    empty = empty_form(formdata=None, data=form_data_from_answers({}, specs))
    blank = empty[field_name("supply_chain")].entries
    assert len(blank) == 1 and not blank[0].form.name.data  # one row to fill in, nothing more


def test_every_field_has_a_label(ctx):
    specs, form = _form({}, submit=False)
    for spec in specs:
        assert spec.text in form[field_name(spec.id)].label.text


ROWS = {
    "q_product_in_scope": "yes",
    "q_incidents": "By phone",
    "q_supply_chain-0-name": "OpenAI",
    "q_supply_chain-0-role": "LLM",
    "q_supply_chain-1-name": "Deepgram",
    "q_supply_chain-1-role": "ASR",
    "q_supply_chain-2-name": "ElevenLabs",
    "q_supply_chain-2-role": "TTS",
}


def _names(form):
    return [(e.form.name.data, e.form.role.data) for e in form[field_name("supply_chain")].entries]


@pytest.mark.parametrize(
    ("pressed", "expected"),
    [
        ({"add_row": "q_supply_chain"}, RowChange("q_supply_chain")),
        ({"remove_row": "q_supply_chain-1"}, RowChange("q_supply_chain", 1)),
        ({"remove_row": "q_incidents-0"}, None),  # not a supplier list
        ({"add_row": "q_nonsense"}, None),
        ({"remove_row": "q_supply_chain-x"}, None),
        ({"save_draft": "Save draft"}, None),
    ],
)
def test_row_buttons_are_recognised_only_for_supplier_lists(ctx, pressed, expected):
    assert row_change(MultiDict(pressed), question_specs(TEMPLATE)) == expected


def test_adding_a_row_keeps_every_answer_as_typed_and_adds_one_blank_row(ctx):
    specs, form = _form({**ROWS, "add_row": "q_supply_chain"}, submit=False)
    focus = apply_row_change(form, RowChange("q_supply_chain"))
    assert _names(form) == [("OpenAI", "LLM"), ("Deepgram", "ASR"), ("ElevenLabs", "TTS"), ("", "")]
    assert focus == "q_supply_chain-3-name"
    assert form[field_name("incidents")].data == "By phone"
    assert answers_from_form(form, specs)["supply_chain"] == [  # the blank row is never saved
        {"name": "OpenAI", "role": "LLM"},
        {"name": "Deepgram", "role": "ASR"},
        {"name": "ElevenLabs", "role": "TTS"},
    ]


def test_removing_a_middle_row_renumbers_the_rest(ctx):
    specs, form = _form({**ROWS, "remove_row": "q_supply_chain-1"}, submit=False)
    apply_row_change(form, RowChange("q_supply_chain", 1))
    assert _names(form) == [("OpenAI", "LLM"), ("ElevenLabs", "TTS")]
    entries = form[field_name("supply_chain")].entries
    assert [e.form.name.name for e in entries] == ["q_supply_chain-0-name", "q_supply_chain-1-name"]


def test_removing_the_only_row_leaves_one_blank_row(ctx):
    _, form = _form({"q_supply_chain-0-name": "OpenAI", "q_supply_chain-0-role": "LLM"}, submit=False)
    apply_row_change(form, RowChange("q_supply_chain", 0))
    assert len(_names(form)) == 1 and not _names(form)[0][0]
