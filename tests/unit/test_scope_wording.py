"""Scope wording in seven languages: supply-chain exclusions, decoys, and whole-organisation scopes.

The sentences (tests/unit/scope_sentences.py) were written and labelled before the detection was rebuilt;
the blind and tuned figures are in the commit messages.
"""

from __future__ import annotations

import pytest

from scoring import SupplyChainMember
from tests.unit import scope_sentences as table
from tests.unit.scoring_helpers import certificate, codes, context

_CONTEXT = context(supply_chain=tuple(SupplyChainMember(name, role) for name, role in table.MEMBERS),
                   product_aliases=())


def _flags(scope: str) -> set[str]:
    return codes(certificate(scope=scope), ctx=_CONTEXT)


def _excludes(row_id: str, sentence: str) -> bool:
    lang = row_id.removeprefix("2-").split("-")[0]
    return "scope.supply_chain_excluded" in _flags(f"{table.PRODUCT_SENTENCE[lang]} {sentence}")


def _ids(rows: list[tuple[str, str]]) -> list[str]:
    return [row_id for row_id, _ in rows]


_EXCLUDES = table.rows(table.EXCLUDES) + [(f"2-{i}", t) for i, t in table.rows(table.SECOND_EXCLUDES)]
_DECOYS = table.rows(table.DECOYS) + [(f"2-{i}", t) for i, t in table.rows(table.SECOND_DECOYS)]
_COVERS = table.rows(table.COVERS_ALL)
_NOT_ALL = table.rows(table.NOT_ALL)


@pytest.mark.parametrize(("row_id", "sentence"), _EXCLUDES, ids=_ids(_EXCLUDES))
def test_a_supply_chain_exclusion_flags(row_id: str, sentence: str) -> None:
    assert _excludes(row_id, sentence)


@pytest.mark.parametrize(("row_id", "sentence"), _DECOYS, ids=_ids(_DECOYS))
def test_a_decoy_does_not_flag(row_id: str, sentence: str) -> None:
    assert not _excludes(row_id, sentence)


@pytest.mark.parametrize(("row_id", "sentence"), _COVERS, ids=_ids(_COVERS))
def test_a_whole_organisation_scope_is_not_narrow(row_id: str, sentence: str) -> None:
    assert "scope.narrow" not in _flags(sentence)


@pytest.mark.parametrize(("row_id", "sentence"), _NOT_ALL, ids=_ids(_NOT_ALL))
def test_a_scope_of_something_else_is_narrow(row_id: str, sentence: str) -> None:
    assert "scope.narrow" in _flags(sentence)


def test_the_table_covers_seven_languages_and_150_sentences() -> None:
    languages = set(table.EXCLUDES) & set(table.DECOYS) & set(table.COVERS_ALL) & set(table.NOT_ALL)
    assert languages == set(table.PRODUCT_SENTENCE) and len(languages) == 7
    assert len(_EXCLUDES) + len(_DECOYS) >= 150
