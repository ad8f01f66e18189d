"""The questionnaire form is generated from a template: every answer type, drafts, required answers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
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
from portal.models import Response

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, query

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


# Through the portal: the buttons work without JavaScript and never save anything.

parties = assessment_fixtures.parties


def _row_names(page: str) -> list[str]:
    return re.findall(r'name="q_ai_suppliers-(\d+)-name"[^>]*?(?:value="([^"]*)")?', page)


def _post(client, assessment_id, data):
    return client.post(f"/assessments/{assessment_id}/questionnaire", data=data)


def test_the_supplier_adds_and_removes_rows_without_saving(app, login, parties):
    supplier = login(parties.supplier)
    aid = parties.assessment.id
    page = supplier.get(f"/assessments/{aid}/questionnaire").data.decode()
    assert len(_row_names(page)) == 1
    assert 'name="add_row" value="q_ai_suppliers"' in page
    assert '<label for="q_ai_suppliers-0-name">Supplier 1 name</label>' in page
    assert '<label for="q_ai_suppliers-0-role">Supplier 1 role</label>' in page
    typed = {"q_product": "VoiceDesk typed", "q_ai_suppliers-0-name": "OpenAI",
             "q_ai_suppliers-0-role": "LLM"}
    added = _post(supplier, aid, {**typed, "add_row": "q_ai_suppliers"})
    page = added.data.decode()
    assert added.status_code == 200 and "VoiceDesk typed" in page
    assert [n for n, _ in _row_names(page)] == ["0", "1"]
    new_row = re.search(r'<input[^>]*name="q_ai_suppliers-1-name"[^>]*>', page).group(0)
    assert "autofocus" in new_row  # the keyboard user lands in the row just added
    assert "Remove supplier 2" in page and "This answer is required" not in page
    three = {**typed, "q_ai_suppliers-1-name": "Deepgram", "q_ai_suppliers-1-role": "ASR",
             "q_ai_suppliers-2-name": "ElevenLabs", "q_ai_suppliers-2-role": "TTS"}
    page = _post(supplier, aid, {**three, "remove_row": "q_ai_suppliers-1"}).data.decode()
    assert "Deepgram" not in page and "OpenAI" in page and "ElevenLabs" in page
    assert [n for n, _ in _row_names(page)] == ["0", "1"]
    assert query(app, sa.select(Response)) == []  # neither button saved anything
    assert not [a for a in audit_actions(app) if a.startswith("response.")]


def test_a_draft_saves_no_empty_rows_and_resumes_with_just_the_saved_ones(app, login, parties):
    supplier = login(parties.supplier)
    aid = parties.assessment.id
    data = {"save_draft": "1", "q_ai_suppliers-0-name": "OpenAI", "q_ai_suppliers-0-role": "LLM",
            "q_ai_suppliers-1-name": "", "q_ai_suppliers-1-role": "", "q_ai_suppliers-2-name": " ",
            "q_ai_suppliers-2-role": ""}
    assert _post(supplier, aid, data).status_code == 302
    [saved] = query(app, sa.select(Response))
    assert saved.answers["ai_suppliers"] == [{"name": "OpenAI", "role": "LLM"}]
    page = supplier.get(f"/assessments/{aid}/questionnaire").data.decode()
    assert [n for n, _ in _row_names(page)] == ["0"]
    assert _post(supplier, aid, {"save_draft": "1", **{k: v for k, v in data.items() if k != "save_draft"}})
    page = supplier.get(f"/assessments/{aid}/questionnaire").data.decode()
    assert [n for n, _ in _row_names(page)] == ["0"]  # saving again adds no row


def test_enter_in_a_text_box_saves_the_draft_not_a_row_button(app, login, parties):
    page = login(parties.supplier).get(f"/assessments/{parties.assessment.id}/questionnaire").data.decode()
    form = page[page.index("<form method=\"post\" novalidate>"):]
    first_submit = re.search(r'<(?:button|input)[^>]*type="submit"[^>]*>', form).group(0)
    assert 'name="save_draft"' in first_submit
