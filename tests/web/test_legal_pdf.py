"""The summary PDF on its own: two pages at most, Unicode-safe, deterministic."""

from __future__ import annotations

import dataclasses
import datetime as dt

import scoring
from portal.legal.pdftext import latin1, truncate
from portal.legal.summary_pdf import render_summary_pdf
from scoring import Flag
from scoring.legal import Contradiction, CorrectionLine, DocumentFacts, Engagement, LegalSummary, flag_lines

from .legal_helpers import pdf_text

DAY = dt.date(2025, 12, 9)


def _summary(flags: list[dict], **changes) -> LegalSummary:
    cert = DocumentFacts("certificate", "certificate.pdf", "ab" * 32, {
        "holder": "Müller “Smart” KI GmbH ✓", "certificate_number": "AIMS-1",
        "standard": "ISO/IEC 42001:2023", "certification_body": "Calderwood Assurance",
        "accreditation_body": "UKAS", "issue_date": "2024-07-05",
        "expiry_date": "2027-07-04", "surveillance_dates": ["2025-06-05"], "scope": "The scope " * 20,
        "sites": ["Kraków – ul. Długa 1", "Zürich"]})
    base = LegalSummary(
        computed_for=DAY, engagement=Engagement("Buyer plc", "Müller KI", "Müller KI GmbH", "Stimme → Text ✓",
                                                ("Stimme",), "submitted"),
        rating="red",
        certificate=cert, soa=None, cycle="Year 2 of 3", flags=flag_lines([Flag.from_json(f) for f in flags]),
        contradictions=(Contradiction("Is it accredited?", "yes", "the certification is accredited",
                                      "none is stated", "cert.unaccredited"),),
        corrections=(CorrectionLine("certificate", "holder", "Holder", "Muller KI", "Müller KI GmbH",
                                    "typo"),))
    return dataclasses.replace(base, **changes)


def _every_flag(quote_words: int = 120, evidence: int = 3) -> list[dict]:
    quote = " ".join(["“excluding” third-party speech-to-text models ✗ ü"] * (quote_words // 6))
    return [{"code": code, "severity": rule.severity, "message": f"{rule.summary} " * 6,
             "evidence": [{"document": "certificate", "page": 1, "quote": quote}] * evidence}
            for code, rule in scoring.RULES.items()]


def test_every_flag_with_long_quotes_fits_two_pages_with_each_code_and_safeguard():
    summary = _summary(_every_flag())
    text, pages = pdf_text(render_summary_pdf(summary))
    assert pages <= 2
    for flag in summary.flags:
        assert flag.code in text
        assert " ".join(latin1(flag.safeguard).split())[:50] in text
    assert "..." in text  # long quotes were cut with an ellipsis, not dropped


def test_a_few_flags_keep_whole_quotes_on_one_page():
    flags = [{"code": "cert.expiring_soon", "severity": "medium", "message": "Expires in 30 days",
              "evidence": [{"document": "certificate", "page": 2, "quote": "valid until 8 January 2026"}]}]
    text, pages = pdf_text(render_summary_pdf(_summary(flags)))
    assert pages == 1
    assert 'certificate, page 2: "valid until 8 January 2026"' in text
    assert "Certificate renewal as a condition of renewal" in text


def test_unicode_text_never_breaks_the_pdf():
    text, _ = pdf_text(render_summary_pdf(_summary(_every_flag(12, 1))))
    assert "Müller" in text and "Zürich" in text and "Kraków - ul. Dluga 1" in text
    assert '"Smart"' in text and "Stimme -> Text yes" in text
    assert "SUPPLIER-CORRECTED Holder" in text and 'corrected to "Müller KI GmbH"' in text


def test_same_summary_same_bytes_and_the_date_changes_them():
    summary = _summary(_every_flag(30, 2))
    assert render_summary_pdf(summary) == render_summary_pdf(summary)
    other = render_summary_pdf(dataclasses.replace(summary, computed_for=dt.date(2026, 1, 2)))
    assert other != render_summary_pdf(summary)
    assert "computed for 2026-01-02" in pdf_text(other)[0].lower()


def test_latin1_spells_out_what_the_font_lacks():
    spelled = "\"a\" 'b' - c  -  d ... yes no -> >= EUR ü o ?"
    assert latin1("“a” ‘b’ – c — d … ✓ ✗ → ≥ €\u00a0ü ő 中") == spelled
    assert truncate("one two three four five", 12) == "one two..."
    assert truncate("short", 12) == "short"


def test_bytes_do_not_depend_on_the_process():
    """Another interpreter (another hash seed) renders the very same bytes."""
    import hashlib
    import os
    import subprocess
    import sys

    script = ("import hashlib; from tests.web.test_legal_pdf import _summary, _every_flag; "
              "from portal.legal.summary_pdf import render_summary_pdf; "
              "print(hashlib.sha256(render_summary_pdf(_summary(_every_flag(30, 2)))).hexdigest())")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    runs = [subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    digests = {run.stdout.strip() for run in runs}
    assert digests == {hashlib.sha256(render_summary_pdf(_summary(_every_flag(30, 2)))).hexdigest()}
