"""Buyers' own questionnaire templates: copy, add and remove questions, versions, isolation, scoring."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.models import AuditEvent, QuestionnaireTemplateRecord, Response, Scoring

from . import assessment_fixtures
from .assessment_fixtures import audit_actions, corpus_pdf, fill_required, query, upload

parties = assessment_fixtures.parties
SHIPPED = "iso42001-supplier"
BASE = "/questionnaire-templates"
KEY = "acme-ai-suppliers"
NEW_QUESTION = {
    "id": "model_cards",
    "text": "Do you publish model cards for each model?",
    "type": "yes_no",
    "help": "A model card describes a model's intended use and limits.",
    "required": "y",
}


@pytest.fixture
def buyer(login, parties):
    """The parties' procurement user, signed in."""
    return login(parties.procurement)


def _versions(app, key=KEY):
    rows = query(app, sa.select(QuestionnaireTemplateRecord).where(QuestionnaireTemplateRecord.key == key))
    return sorted(rows, key=lambda r: int(r.version))


def _ids(row):
    return [q["id"] for q in row.body["questions"]]


def _copy(client, key=KEY, title="Acme AI supplier questionnaire", source=SHIPPED):
    return client.post(f"{BASE}/{source}/copy", data={"key": key, "title": title})


def _open_assessment(client, key, supplier="Harbourline"):
    return client.post(
        "/assessments/new",
        data={
            "supplier_name": supplier,
            "product": "Harbourline VoiceDesk",
            "required_regions": ["UK"],
            "template_key": key,
        },
    )


def test_procurement_copies_a_shipped_template_into_version_1_of_its_own(app, buyer):
    response = _copy(buyer)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{BASE}/{KEY}")
    [row] = _versions(app)
    assert row.version == "1" and row.organisation_id is not None
    assert row.body["based_on"] == f"{SHIPPED}@1"
    assert _ids(row) == [q["id"] for q in _shipped_questions(app)]
    page = buyer.get(f"{BASE}/").data.decode()
    assert "Acme AI supplier questionnaire" in page and "ISO/IEC 42001" in page
    assert "questionnaire_template.copy" in audit_actions(app)


def _shipped_questions(app):
    import questionnaires

    return [q.to_dict() for q in questionnaires.load(SHIPPED).questions]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("Bad Key!", "must be lower-case"),
        (SHIPPED, "already used"),
    ],
)
def test_a_bad_or_taken_key_is_refused_on_the_form(app, buyer, key, message):
    page = _copy(buyer, key=key).data.decode()
    assert message in page and 'role="alert"' in page
    assert query(app, sa.select(QuestionnaireTemplateRecord)) == []


def test_adding_and_removing_questions_stores_new_versions_and_keeps_the_old(app, buyer):
    _copy(buyer)
    added = buyer.post(f"{BASE}/{KEY}/questions/new", data=NEW_QUESTION)
    assert added.status_code == 302
    removed = buyer.post(f"{BASE}/{KEY}/questions/ai_disclosure/remove", data={})
    assert removed.status_code == 302
    v1, v2, v3 = _versions(app)
    assert "model_cards" not in _ids(v1) and _ids(v2)[-1] == "model_cards"
    assert "ai_disclosure" in _ids(v2) and "ai_disclosure" not in _ids(v3) and "model_cards" in _ids(v3)
    assert v2.body["questions"][-1]["required"] is True
    old = buyer.get(f"{BASE}/{KEY}?version=1").data.decode()
    assert "<code>model_cards</code>" not in old and "<code>ai_disclosure</code>" in old
    actions = audit_actions(app)
    assert actions.count("questionnaire_template.add_question") == 1
    assert actions.count("questionnaire_template.remove_question") == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"id": "hosting", "text": "Where is it hosted?", "type": "choice"},
            "question 'hosting': a choice question needs options",
        ),
        ({"id": "Bad-Id", "text": "Anything?", "type": "text"}, "must be lower_snake_case"),
        (
            {"id": "product_in_scope", "text": "Again?", "type": "yes_no"},
            "question 'product_in_scope' is already in",
        ),
        (
            {"id": "vendors", "text": "Vendors", "type": "text", "maps_to": "supply_chain"},
            "question 'vendors': maps_to supply_chain needs a supplier_list question",
        ),
        (
            {"id": "product_name", "text": "Product?", "type": "text", "maps_to": "product"},
            "question 'product_name' maps to product, already fed by question 'product'",
        ),
    ],
)
def test_an_invalid_question_is_refused_with_a_message_naming_it(app, buyer, data, message):
    _copy(buyer)
    page = buyer.post(f"{BASE}/{KEY}/questions/new", data=data).data.decode()
    assert message in page.replace("&#39;", "'")
    assert len(_versions(app)) == 1


def test_removing_a_question_the_scoring_uses_needs_confirmation(app, buyer):
    _copy(buyer)
    page = buyer.get(f"{BASE}/{KEY}/questions/ai_suppliers/remove").data.decode()
    assert "Scoring uses this question" in page and "scope.supply_chain_excluded" in page
    refused = buyer.post(f"{BASE}/{KEY}/questions/ai_suppliers/remove", data={}).data.decode()
    assert "confirm" in refused and len(_versions(app)) == 1
    done = buyer.post(f"{BASE}/{KEY}/questions/ai_suppliers/remove", data={"confirm": "y"})
    assert done.status_code == 302 and "ai_suppliers" not in _ids(_versions(app)[-1])
    event = query(
        app, sa.select(AuditEvent).where(AuditEvent.action == "questionnaire_template.remove_question")
    )
    assert "scope.supply_chain_excluded" in event[0].details["scoring_use"]


def test_an_assessment_keeps_answering_the_version_it_was_opened_with(app, buyer, login, parties):
    _copy(buyer)
    choices = buyer.get("/assessments/new").data.decode()
    assert f'value="{KEY}"' in choices and "your organisation, version 1" in choices
    assert _open_assessment(buyer, KEY).status_code == 302
    buyer.post(f"{BASE}/{KEY}/questions/new", data=NEW_QUESTION)
    buyer.post(f"{BASE}/{KEY}/questions/ai_disclosure/remove", data={})
    assert _open_assessment(buyer, KEY, supplier="Later").status_code == 302
    first, later = _assessments_by_supplier(app)
    assert (first.template_key, first.template_version) == (KEY, "1")
    assert (later.template_key, later.template_version) == (KEY, "3")
    _give_to_supplier(app, first, parties.supplier)
    supplier = login(parties.supplier)
    page = supplier.get(f"/assessments/{first.id}/questionnaire").data.decode()
    assert "q_ai_disclosure" in page and "q_model_cards" not in page  # still version 1's questions
    supplier.post(
        f"/assessments/{first.id}/questionnaire", data={"save_draft": "1", "q_ai_disclosure": "Other"}
    )
    [saved] = query(app, sa.select(Response))
    assert (saved.template_key, saved.template_version) == (KEY, "1")
    assert _ids(_versions(app)[0]) == [q["id"] for q in _shipped_questions(app)]  # version 1 untouched


def _assessments_by_supplier(app):
    from portal.models import Assessment

    rows = query(app, sa.select(Assessment).where(Assessment.template_key == KEY).order_by(Assessment.id))
    return rows


def _give_to_supplier(app, assessment, supplier_user):
    """Attach the supplier organisation (what accepting an invitation does; tested elsewhere)."""
    from portal.extensions import db
    from portal.models import Assessment

    with app.app_context():
        row = db.session.get(Assessment, assessment.id)
        row.supplier_org_id, row.status = supplier_user.organisation_id, "invited"
        db.session.commit()


def test_the_supplier_answers_an_org_template_end_to_end_and_it_is_scored(app, buyer, login, parties):
    app.config["TODAY"] = "2025-06-18"
    _copy(buyer)
    buyer.post(f"{BASE}/{KEY}/questions/new", data={**NEW_QUESTION, "maps_to": "answers"})
    _open_assessment(buyer, KEY)
    [assessment] = _assessments_by_supplier(app)
    _give_to_supplier(app, assessment, parties.supplier)
    supplier = login(parties.supplier)
    page = supplier.get(f"/assessments/{assessment.id}/questionnaire").data.decode()
    assert "Do you publish model cards" in page
    answers = {**fill_required(page), "q_model_cards": "no"}
    upload(supplier, assessment.id, corpus_pdf())
    missing = supplier.post(
        f"/assessments/{assessment.id}/questionnaire",
        data={"submit_answers": "1", **{k: v for k, v in answers.items() if k != "q_model_cards"}},
    )
    assert "This answer is required" in missing.data.decode()  # the added question is required
    submitted = supplier.post(
        f"/assessments/{assessment.id}/questionnaire", data={"submit_answers": "1", **answers}
    )
    assert submitted.status_code == 302
    [saved] = query(app, sa.select(Response))
    assert saved.submitted_at is not None and saved.answers["model_cards"] == "no"
    scorings = query(
        app, sa.select(Scoring).where(Scoring.assessment_id == assessment.id).order_by(Scoring.id)
    )
    assert scorings and scorings[-1].trigger == "answers" and scorings[-1].rating in ("red", "amber", "green")
    with app.app_context():
        from portal.assessments import rescoring
        from portal.extensions import db
        from portal.models import Assessment

        context = rescoring.build_context(
            db.session.get(Assessment, assessment.id), saved.answers, rescoring.dt.date(2025, 6, 18)
        )
    assert context.answers["model_cards"] == "no"  # the added question's answer reached the scoring context
    detail = login(parties.procurement).get(f"/assessments/{assessment.id}").data.decode()
    assert "Do you publish model cards" in detail


def test_other_organisations_never_see_or_use_the_template(app, build, login, buyer):
    _copy(buyer, title="Zq7Secret questionnaire")
    other_org = build.org("buyer", name="Rival Buyer")
    for role in ("procurement", "legal"):
        rival = login(build.user(other_org, role))
        assert "Zq7Secret" not in rival.get(f"{BASE}/").data.decode()
        assert rival.get(f"{BASE}/{KEY}").status_code == 404
        assert rival.get(f"{BASE}/{KEY}?version=1").status_code == 404
        for url in (
            f"{BASE}/{KEY}/copy",
            f"{BASE}/{KEY}/questions/new",
            f"{BASE}/{KEY}/questions/product/remove",
        ):
            assert rival.post(
                url,
                data={"key": "stolen", "title": "t", "id": "x", "text": "x", "type": "text", "confirm": "y"},
            ).status_code in (403, 404)
    rival = login(build.user(other_org, "procurement"))
    assert f'value="{KEY}"' not in rival.get("/assessments/new").data.decode()
    refused = _open_assessment(rival, KEY).data.decode()
    assert "Not a valid choice" in refused
    assert len(_versions(app)) == 1 and _versions(app, "stolen") == []
    supplier = login(build.user(build.org("supplier"), "supplier"))
    assert supplier.get(f"{BASE}/").status_code == 403


def test_legal_reads_templates_but_cannot_change_them(app, buyer, login, parties):
    _copy(buyer)
    legal = login(parties.legal)
    page = legal.get(f"{BASE}/{KEY}").data.decode()
    assert "product_in_scope" in page and "Add a question" not in page and "Copy this template" not in page
    assert legal.post(f"{BASE}/{KEY}/questions/new", data=NEW_QUESTION).status_code == 403
    assert len(_versions(app)) == 1


def test_only_the_latest_version_is_edited(app, buyer):
    _copy(buyer)
    buyer.post(f"{BASE}/{KEY}/questions/new", data=NEW_QUESTION)
    old = buyer.get(f"{BASE}/{KEY}?version=1").data.decode()
    assert "Add a question" not in old and "Changes apply to the latest version" in old
    assert re.search(r"Versions:.*1.*2", old, re.S)


def test_loading_resolves_shipped_keys_from_files_and_buyers_keys_from_the_database(app, buyer):
    from portal.assessments import rescoring

    _copy(buyer)
    with app.app_context():
        assert rescoring.load_template(SHIPPED, "1").source.endswith("1.yaml")
        first = rescoring.load_template(KEY)
        assert (first.key, first.version) == (KEY, 1)
    buyer.post(f"{BASE}/{KEY}/questions/new", data=NEW_QUESTION)
    with app.app_context():
        latest = rescoring.load_template(KEY)  # "latest" is never served from a stale cache
        assert latest.version == 2 and latest.questions[-1].id == "model_cards"
        assert [q.id for q in rescoring.load_template(KEY, "1").questions] == [q.id for q in first.questions]
        with pytest.raises(ValueError, match="no questionnaire template 'nobody-has-this'"):
            rescoring.load_template("nobody-has-this", "1")
