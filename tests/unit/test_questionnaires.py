"""Questionnaire templates: loading, clear errors, immutable versions, copies, answers → context."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import questionnaires as q
from questionnaires.library import MANIFEST, TEMPLATES_DIR, TemplateLibrary, file_hash
from scoring import SupplyChainMember

DEFAULT = q.load()

# The issue's list of what the default template must ask, as the maps_to / ids that carry it.
ASKED = ["product", "product_aliases", "product_in_scope", "certificate_number", "certification_body",
         "accredited", "accreditation_body", "certification_date", "last_surveillance_date",
         "next_audit_date",
         "ai_suppliers", "supply_chain_in_scope", "soa_shared", "impact_assessment_controls_apply",
         "life_cycle_controls_apply", "data_controls_apply", "third_party_controls_apply", "change_approver",
         "changes_logged", "processing_regions", "incident_communication", "ai_disclosure"]


def test_default_template_asks_everything_the_issue_lists() -> None:
    assert DEFAULT.ref == "iso42001-supplier@1"
    assert DEFAULT.title == "ISO/IEC 42001 supplier assessment"
    assert {x.id for x in DEFAULT.questions} >= set(ASKED)
    assert {x.type for x in DEFAULT.questions} == set(q.QUESTION_TYPES)
    assert all(x.text and x.help for x in DEFAULT.questions)


def test_default_template_feeds_every_context_field_the_scoring_needs() -> None:
    targets = {x.maps_to for x in DEFAULT.questions}
    assert {"product", "product_aliases", "supply_chain", "answers.product_in_scope", "answers.soa_shared",
            "answers.accredited", "answers.supply_chain_in_scope"} <= targets


def test_listing_and_loading_exact_versions() -> None:
    assert [t.ref for t in q.available()] == ["iso42001-supplier@1"]
    assert q.load("iso42001-supplier", 1) == q.load("iso42001-supplier", "1") == DEFAULT
    with pytest.raises(q.QuestionnaireError, match="no version 7"):
        q.load("iso42001-supplier", 7)
    with pytest.raises(q.QuestionnaireError, match="no questionnaire template 'nope'"):
        q.load("nope")


def _question(**changes: Any) -> dict[str, Any]:
    base = {"id": "product", "text": "What product?", "help": "", "type": "text", "required": True}
    return {k: v for k, v in {**base, **changes}.items() if v is not None}


def _template(*questions: dict[str, Any], **changes: Any) -> dict[str, Any]:
    base = {"key": "buyer-x", "version": 1, "title": "Buyer X", "questions": list(questions) or [_question()]}
    return {**base, **changes}


@pytest.mark.parametrize(("data", "message"), [
    (_template(_question(type="number")), "question 'product': type 'number' is not one of"),
    (_template(_question(type="choice")), "question 'product': a choice question needs options"),
    (_template(_question(type="choice", options=["only"])), "question 'product': options must be a list"),
    (_template(_question(options=["a", "b"])), "question 'product': options are only for"),
    (_template(_question(required="yes")), "question 'product': required must be true or false"),
    (_template(_question(text="")), "question 'product': text is required"),
    (_template(_question(maps_to="price")), "question 'product': maps_to 'price' is not one of"),
    (_template(_question(maps_to="supply_chain")),
     "question 'product': maps_to supply_chain needs a supplier_list"),
    (_template(_question(maps_to="answers.")), "question 'product': maps_to 'answers.'"),
    (_template(_question(colour="red")), "question 'product': unknown key"),
    (_template(_question(id="Bad Id")), "question 1: id 'Bad Id'"),
    (_template(_question(), _question()), "question 'product' appears twice"),
    (_template(_question(maps_to="product"), _question(id="other", maps_to="product")),
     "question 'other' maps to product, already fed by question 'product'"),
    (_template(version=0), "version must be a whole number"),
    (_template(key="Has Spaces"), "key 'Has Spaces'"),
    (_template(questions=[]), "questions must be a non-empty list"),
    ({**_template(), "extra": 1}, "unknown template key"),
    (["not", "a", "mapping"], "must be a mapping"),
])
def test_template_errors_name_the_file_and_the_question(tmp_path: Path, data: Any, message: str) -> None:
    path = tmp_path / "buyer.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(q.QuestionnaireError) as err:
        q.load_file(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("key: x\nversion: 1\nquestions: [\n  - id: a\n")
    with pytest.raises(q.QuestionnaireError, match=r"broken.yaml: line \d+"):
        q.load_file(path)


def test_json_templates_load_too(tmp_path: Path) -> None:
    path = tmp_path / "buyer.json"
    path.write_text(json.dumps(_template()))
    assert q.load_file(path).ref == "buyer-x@1"


def test_every_shipped_version_matches_its_published_hash() -> None:
    published = json.loads((TEMPLATES_DIR / MANIFEST).read_text())
    files = sorted(TEMPLATES_DIR.glob("*/*.yaml"))
    assert files
    for path in files:
        ref = f"{path.parent.name}@{path.stem}"
        assert published.get(ref) == file_hash(path), f"{ref} changed after publication: add a new version"


def _library_copy(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, target)
    return target


def test_an_edited_published_version_is_refused(tmp_path: Path) -> None:
    folder = _library_copy(tmp_path)
    path = folder / "iso42001-supplier" / "1.yaml"
    path.write_text(path.read_text().replace("Is the certification accredited?", "Are you accredited?"))
    with pytest.raises(q.QuestionnaireError, match="changed after it was published"):
        TemplateLibrary(folder).get("iso42001-supplier", 1)


def test_a_new_version_leaves_the_old_one_answerable(tmp_path: Path) -> None:
    folder = _library_copy(tmp_path)
    data = yaml.safe_load((folder / "iso42001-supplier" / "1.yaml").read_text())
    data["version"] = 2
    data["questions"] = [x for x in data["questions"] if x["id"] != "changes_logged"]
    new = folder / "iso42001-supplier" / "2.yaml"
    new.write_text(yaml.safe_dump(data))
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["iso42001-supplier@2"] = file_hash(new)
    (folder / MANIFEST).write_text(json.dumps(manifest))
    library = TemplateLibrary(folder)
    assert library.get("iso42001-supplier").version == 2
    old = library.get("iso42001-supplier", 1)  # what an old response recorded
    assert old == DEFAULT and "changes_logged" in {x.id for x in old.questions}


def test_an_unpublished_file_is_refused(tmp_path: Path) -> None:
    folder = _library_copy(tmp_path)
    (folder / "iso42001-supplier" / "3.yaml").write_text(yaml.safe_dump({**DEFAULT.to_dict(), "version": 3}))
    with pytest.raises(q.QuestionnaireError, match="not published"):
        TemplateLibrary(folder).get("iso42001-supplier", 3)


def test_a_stored_version_cannot_be_replaced_in_memory() -> None:
    library = TemplateLibrary(TEMPLATES_DIR)
    changed = q.copy_template(DEFAULT, "iso42001-supplier", "Changed", remove=["ai_disclosure"])
    with pytest.raises(q.QuestionnaireError, match="versions never change"):
        library.add(changed)
    assert library.add(DEFAULT) == DEFAULT  # the identical template is fine


def test_copy_adds_and_removes_questions() -> None:
    extra = {"id": "data_residency", "text": "Do you keep data in the EU?", "type": "yes_no",
             "required": True, "maps_to": "answers.data_residency"}
    copy = q.copy_template(DEFAULT, "acme-buyer", "Acme's supplier check", add=[extra],
                           remove=["ai_disclosure", "incident_communication"])
    ids = [x.id for x in copy.questions]
    assert (copy.key, copy.version, copy.based_on) == ("acme-buyer", 1, "iso42001-supplier@1")
    assert ids[-1] == "data_residency" and "ai_disclosure" not in ids and "incident_communication" not in ids
    assert len(ids) == len(DEFAULT.questions) - 1
    assert q.load() == DEFAULT  # the original is untouched
    library = TemplateLibrary(TEMPLATES_DIR)
    library.add(copy)
    assert library.get("acme-buyer", 1) == copy


@pytest.mark.parametrize(("add", "remove", "message"), [
    ([], ["no_such_question"], "cannot remove question"),
    ([{"id": "product", "text": "Again?", "type": "text"}], [], "question 'product' appears twice"),
    ([{"id": "x", "text": "Bad?", "type": "slider"}], [], "question 'x': type 'slider'"),
])
def test_copy_errors(add: list[dict[str, Any]], remove: list[str], message: str) -> None:
    with pytest.raises(q.QuestionnaireError, match=message):
        q.copy_template(DEFAULT, "acme-buyer", "Acme", add=add, remove=remove)


def _complete_answers() -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for x in DEFAULT.questions:
        answers[x.id] = {"yes_no": "yes", "text": "Something", "date": "2025-03-12",
                         "choice": x.options[0] if x.options else "", "supplier_list": []}[x.type]
    answers["product"] = "VoiceAgent"
    answers["product_aliases"] = "Acme VoiceAgent platform; VA"
    answers["ai_suppliers"] = [{"name": "OpenAI", "role": "LLM"}, {"name": "Deepgram", "role": "ASR"}]
    return answers


def test_complete_answers_validate() -> None:
    assert q.validate_answers(DEFAULT, _complete_answers()) == []


@pytest.mark.parametrize(("change", "message"), [
    ({"product": ""}, "question 'product': an answer is required"),
    ({"accredited": "maybe"}, "question 'accredited': answer yes or no"),
    ({"certification_date": "12/03/2025"}, "question 'certification_date': '12/03/2025' is not a date"),
    ({"incident_communication": "Pigeon"}, "question 'incident_communication': 'Pigeon' is not one"),
    ({"ai_suppliers": [{"name": "", "role": "LLM"}]}, "question 'ai_suppliers': supplier 1 needs a name"),
    ({"ai_suppliers": [{"name": "X", "role": "GPU"}]}, "question 'ai_suppliers': supplier 1 (X): role 'GPU'"),
    ({"ai_suppliers": "OpenAI"}, "question 'ai_suppliers': expected a list"),
    ({"change_approver": 42}, "question 'change_approver': expected text"),
    ({"surprise": "yes"}, "answer to unknown question 'surprise'"),
])
def test_answer_errors_name_the_question(change: dict[str, Any], message: str) -> None:
    errors = q.validate_answers(DEFAULT, {**_complete_answers(), **change})
    assert any(message in e for e in errors), errors


def test_answers_build_the_scoring_context() -> None:
    ctx = q.build_context(DEFAULT, _complete_answers(), assessment_date=dt.date(2026, 1, 5),
                          supplier_legal_name="Acme Voice Ltd", product="Acme VoiceAgent",
                          product_aliases=["VoiceAgent platform"], required_regions=["EU"])
    assert ctx.assessment_date == dt.date(2026, 1, 5)
    assert ctx.product == "Acme VoiceAgent"  # the buyer's name wins; the supplier's becomes an alias
    assert ctx.product_aliases == ("VoiceAgent", "VoiceAgent platform", "Acme VoiceAgent platform", "VA")
    assert ctx.required_regions == ("EU",)
    assert ctx.supply_chain == (SupplyChainMember("OpenAI", "LLM"), SupplyChainMember("Deepgram", "ASR"))
    assert ctx.answers["supply_chain_in_scope"] == "yes" and ctx.answers["soa_shared"] == "yes"
    assert ctx.answers["certification_date"] == "2025-03-12"
    assert ctx.answers["incident_communication"] == "Direct notification within 24 hours"


def test_context_without_buyer_setup_uses_the_answers() -> None:
    answers = {"product": "VoiceAgent", "accredited": True}
    ctx = q.build_context(DEFAULT, answers, assessment_date=dt.date(2026, 1, 5))
    assert (ctx.product, ctx.product_aliases, ctx.answers["accredited"]) == ("VoiceAgent", (), "yes")


@pytest.mark.parametrize(("in_scope", "derived"), [(["yes", "yes"], "yes"), (["yes", "no"], "no")])
def test_supply_chain_in_scope_derived_from_each_supplier(in_scope: list[str], derived: str) -> None:
    suppliers = [{"name": n, "role": "LLM", "in_scope": s} for n, s in zip(["A", "B"], in_scope, strict=True)]
    ctx = q.build_context(DEFAULT, {"ai_suppliers": suppliers}, assessment_date=dt.date(2026, 1, 5))
    assert ctx.answers["supply_chain_in_scope"] == derived


def test_explicit_supply_chain_answer_wins_over_derivation() -> None:
    answers = {"ai_suppliers": [{"name": "A", "role": "LLM", "in_scope": "yes"}],
               "supply_chain_in_scope": "no"}
    ctx = q.build_context(DEFAULT, answers, assessment_date=dt.date(2026, 1, 5))
    assert ctx.answers["supply_chain_in_scope"] == "no"
