"""`certscope assess` and `certscope questionnaire`: output shapes, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.cli import main
from tests.conftest import CORPUS, require_path

CASE = CORPUS / "d04_pellucid"  # a digital certificate excluding third-party models, and an SoA


def _assess(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["assess", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_assess_json_is_the_schema_shape(capsys: pytest.CaptureFixture[str]) -> None:
    case = require_path(CASE)
    code, out, _ = _assess(capsys, "--certificate", str(case / "certificate.pdf"),
                           "--soa", str(case / "soa.pdf"), "--context", str(case / "context.json"), "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"rating", "flags"}
    expected = json.loads((case / "expected.json").read_text())["flags"]
    assert {f["code"] for f in data["flags"]} == set(expected)
    excluded = next(f for f in data["flags"] if f["code"] == "scope.supply_chain_excluded")
    assert {"document": "certificate", "page": 1}.items() <= excluded["evidence"][0].items()


def test_assess_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    case = require_path(CASE)
    code, out, _ = _assess(capsys, "--certificate", str(case / "certificate.pdf"),
                           "--context", str(case / "context.json"))
    assert code == 0
    assert "RED" in out.splitlines()[0]
    assert "HIGH   scope.supply_chain_excluded" in out and "[certificate p.1]" in out
    assert "MEDIUM soa.missing" in out


@pytest.mark.parametrize(("context_text", "message"), [
    (None, "context file not found"),
    ("{not json", "not valid JSON"),
    ('{"assessment_date": "tomorrow"}', "assessment_date"),
    ('{"assessment_date": "2026-01-01", "supply_chain": "OpenAI"}', "supply_chain"),
])
def test_bad_context_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            context_text: str | None, message: str) -> None:
    case = require_path(CASE)
    ctx = tmp_path / "context.json"
    if context_text is not None:
        ctx.write_text(context_text)
    code, out, err = _assess(capsys, "--certificate", str(case / "certificate.pdf"), "--context", str(ctx))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj <<"])
def test_unreadable_certificate_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      content: bytes) -> None:
    case = require_path(CASE)
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(content)
    code, out, err = _assess(capsys, "--certificate", str(pdf), "--context", str(case / "context.json"))
    assert code == 2 and out == "" and err.startswith(f"certscope: {pdf}: ") and err.count("\n") == 1


def test_an_soa_passed_as_certificate_is_assessed_and_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    case = require_path(CASE)
    code, out, err = _assess(capsys, "--certificate", str(case / "soa.pdf"),
                             "--context", str(case / "context.json"), "--json")
    assert code == 0 and "not a certificate" in err
    flags = {f["code"] for f in json.loads(out)["flags"]}
    assert {"cert.missing_fields", "cert.unaccredited"} <= flags and json.loads(out)["rating"] == "red"


def test_questionnaire_show_and_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["questionnaire", "show"]) == 0
    assert "iso42001-supplier" in capsys.readouterr().out
    assert main(["questionnaire", "show", "iso42001-supplier@1"]) == 0
    assert "supply_chain_in_scope (yes_no, required)" in capsys.readouterr().out
    assert main(["questionnaire", "show", "iso42001-supplier@9"]) == 2
    assert "no version 9" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: x\nversion: 1\ntitle: T\nquestions:\n  - id: q1\n    text: Pick\n    type: choice\n")
    assert main(["questionnaire", "validate", str(bad)]) == 2
    expected = f"certscope: {bad}: question 'q1': a choice question needs options"
    assert capsys.readouterr().err.strip() == expected
