"""The scope-wording lexicon notation: optional words, alternatives, endings, governed text, folding."""

from __future__ import annotations

import re

import pytest

from parsers import lexicon
from scoring.cues import governed
from scoring.phrases import Folded, PhraseError, bounded


def _matches(phrase: str, text: str) -> bool:
    return re.search(bounded(phrase), Folded.of(text).text) is not None


@pytest.mark.parametrize(("phrase", "text", "matched"), [
    ("outside [the|its] [certified] scope", "lies outside the certified scope", True),
    ("outside [the|its] [certified] scope", "outside scope", True),
    ("outside [the|its] [certified] scope", "outside the certified  boundary", False),
    ("(does|do) not (cover|extend to)", "do not extend  to", True),
    ("LLM*", "third-party LLM's", True),
    ("LLM*", "SLLM", False),  # whole words only
    ("hors [du] périmètre", "HORS DU PERIMETRE", True),  # case and accents folded
    ("third-party", "third party", True),  # spaces and hyphens are one
    ("exclusions:", "Exclusions :", True),
    ("n'*", "n’est", True),  # the typographic apostrophe reads as '
])
def test_the_notation(phrase: str, text: str, matched: bool) -> None:
    assert _matches(phrase, text) is matched


@pytest.mark.parametrize("phrase", ["[only optional]", "unclosed (a|b", "[the"])
def test_a_malformed_phrase_is_refused(phrase: str) -> None:
    with pytest.raises(PhraseError):
        bounded(phrase)


def test_folded_text_quotes_the_original() -> None:
    folded = Folded.of("À l’exclusion des Modèles")
    start = folded.text.index("modeles")
    assert folded.quote(start, start + len("modeles")) == "Modèles"


@pytest.mark.parametrize(("sentence", "parts"), [
    ("Excluding payroll, but including third-party LLMs.", ["payroll"]),  # a boundary ends the part
    ("Third-party LLMs are excluded.", ["Third-party LLMs are"]),
    ("Sont exclus du périmètre les sous-traitants.", ["Sont", "du périmètre les sous-traitants"]),
    ("Der Geltungsbereich schließt Modelle von Drittanbietern aus.", ["Modelle von Drittanbietern"]),
    ("Third-party LLMs are not excluded.", []),  # negated
    ("Exclusions: none.", []),  # names nothing
])
def test_what_a_cue_governs(sentence: str, parts: list[str]) -> None:
    assert [g.text for g in governed(sentence)] == parts


@pytest.mark.parametrize("path", [
    ("exclusion", "cues"), ("exclusion", "boundaries"), ("negation", "before_cue"), ("negation", "nothing"),
    ("supply_chain", "components"), ("supply_chain", "ai_things"), ("supply_chain", "external"),
    ("supply_chain", "provision"), ("supply_chain", "parties"), ("supply_chain", "agents"),
    ("supply_chain", "own"), ("scope_coverage", "quantifiers"), ("scope_coverage", "offerings"),
    ("scope_coverage", "qualifiers"), ("scope_coverage", "whole"),
])
def test_every_scope_wording_section_speaks_seven_languages(path: tuple[str, ...]) -> None:
    languages = lexicon.by_language(*path)
    assert set(languages) == set(lexicon.LANGUAGES)
    for phrase in lexicon.phrases(*path):
        bounded(phrase.replace("…", "x"))  # every phrase compiles
