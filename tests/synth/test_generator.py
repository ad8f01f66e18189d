"""The fuzzer itself: deterministic per seed, truth printed as chosen, every dimension value reachable."""

from __future__ import annotations

import collections
import re

import pdfplumber
import pytest

from . import render_fpdf, render_html, render_reportlab
from .case import generate_case
from .choices import DECLARED
from .dates import format_date
from .layout import Block, Columns, Document, Pair, Table, Text

REACH_SEEDS = range(3000)


def _text(blocks: list[Block] | tuple[Block, ...]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Text):
            out.append(block.text)
        elif isinstance(block, Pair):
            out += [*block.label, *block.value]
        elif isinstance(block, Table):
            out += [cell for row in block.rows for cell in row]
        elif isinstance(block, Columns):
            out += _text(block.left) + _text(block.right)
    return out


def printed(document: Document) -> str:
    """Return everything the layout prints, whitespace collapsed."""
    parts = [
        line for page in document.pages for line in (*page.letterhead, *_text(page.blocks), *page.footer)
    ]
    return re.sub(r"\s+", " ", " ".join(parts))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("seed", [0, 1, 17, 4242, 100001])
def test_same_seed_same_case(seed: int) -> None:
    first, second = generate_case(seed), generate_case(seed)
    assert first.expected_json() == second.expected_json()
    assert first.context == second.context and first.flags == second.flags
    assert [d.dims for d in first.docs()] == [d.dims for d in second.docs()]
    assert [d.document for d in first.docs()] == [d.document for d in second.docs()]


def test_different_seeds_differ() -> None:
    truths = {str(generate_case(seed).expected_json()["certificate"]) for seed in range(50)}
    assert len(truths) == 50


@pytest.mark.parametrize("seed", range(0, 400, 7))
def test_certificate_truth_is_printed(seed: int) -> None:
    """Every stated value of the truth appears in what the layout prints, dates in the chosen format."""
    case = generate_case(seed)
    spec, truth = case.certificate, case.certificate.truth
    text = printed(spec.document)
    for name in ("holder", "certificate_number", "certification_body"):
        assert _squash(truth[name]) in text, name
    assert _squash(truth["scope"]) in text
    for site in truth["sites"]:
        assert _squash(site) in text
    language, fmt = spec.dims["label_language"], spec.dims["date_format"]
    import datetime as dt

    for name in ("issue_date", "expiry_date", "initial_certification_date", "next_audit_due"):
        if truth[name]:
            assert format_date(dt.date.fromisoformat(truth[name]), fmt, language) in text, name
    if truth["accreditation_body"] is None:
        assert spec.dims["accreditation"] == "none"


@pytest.mark.parametrize("seed", range(0, 400, 7))
def test_truth_follows_the_choices(seed: int) -> None:
    case = generate_case(seed)
    dims, truth = case.certificate.dims, case.certificate.truth
    assert (dims["placement.sites"] == "none") == (truth["sites"] == [])
    assert (dims["soa_reference"] == "none") == (truth["soa_reference"] is None)
    assert (dims["accreditation"] == "none") == (truth["accreditation_body"] is None)
    assert (dims["document.kind"] == "alignment") == (truth["certified"] is False)
    assert (dims["document.kind"] == "other_standard") == ("cert.not_42001" in case.flags)
    assert ("scope.supply_chain_excluded" in case.flags) >= (dims["scope.exclusion"] != "none")
    assert ("scope.narrow" in case.flags) == (dims["scope.coverage"] == "other")
    assert ("soa.missing" in case.flags) == (case.soa is None)
    if case.soa:
        controls = case.soa.truth["controls"]
        assert (len(controls) < 38) == (case.soa.dims["soa.completeness"] == "incomplete")
        assert all(c["applicable"] for c in controls) == (case.soa.dims["soa.exclusions"] == "none")


def test_every_dimension_value_is_reachable() -> None:
    seen: dict[str, set[str]] = collections.defaultdict(set)
    for seed in REACH_SEEDS:
        case = generate_case(seed)
        for dims in [d.dims for d in case.docs()] + [case.context_dims]:
            for name, value in dims.items():
                seen[name].add(value)
    unreached = {
        name: sorted(options - seen[name]) for name, options in DECLARED.items() if options - seen[name]
    }
    assert not unreached
    assert {"label_language", "placement.holder", "producer", "scan", "soa.layout"} <= set(DECLARED)


@pytest.mark.parametrize("render", [render_reportlab.render, render_fpdf.render], ids=["reportlab", "fpdf2"])
@pytest.mark.parametrize("seed", [3, 11, 29])
def test_drawn_text_layer_holds_the_truth(render: object, seed: int, tmp_path: object) -> None:
    """What a producer draws can be read back by pdfplumber (not certscope): holder and number are there."""
    import io

    case = generate_case(seed)
    pdf = render(case.certificate.document)  # type: ignore[operator]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in doc.pages))
    assert case.certificate.truth["certificate_number"] in text
    assert case.certificate.truth["holder"].split()[0] in text


def test_html_is_self_contained() -> None:
    html = render_html.to_html(generate_case(5).certificate.document)
    assert html.startswith("<!doctype html>") and "http" not in html.split("<body>")[0]
