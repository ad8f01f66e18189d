"""The lexicon file loads, and its loader refuses malformed sections with a message naming them."""

import pytest

from parsers import lexicon


def test_every_month_section_has_twelve_months_per_language():
    months = lexicon.by_language("months")
    assert set(months) == set(lexicon.LANGUAGES)
    assert all(len(names) == 12 for names in months.values())


def test_legal_form_pattern_matches_whole_forms_only():
    forms = lexicon.pattern("legal_forms")
    assert forms.search("Weisshorn Medizintechnik GmbH").group(0) == "GmbH"
    assert forms.search("Marlow Kingfisher Certification Pte. Ltd.") is not None
    assert forms.search("Agency") is None  # "AG" inside a word is not a legal form


def test_a_missing_section_is_named():
    with pytest.raises(lexicon.LexiconError, match="no section .labels."):
        lexicon.section("labels", "nonexistent")


def test_alternation_prefers_longest_phrase_and_flexes_spaces():
    import re

    body = lexicon.alternation(["not covered", "not"])
    assert re.match(body, "not  covered").group(0) == "not  covered"
    assert re.match(body, "not-covered").group(0) == "not-covered"


def test_every_certificate_label_is_worded_in_every_language():
    from parsers.labels import FIELDS

    for name in FIELDS:
        languages = set(lexicon.by_language("labels", name))
        assert languages == set(lexicon.LANGUAGES), (name, set(lexicon.LANGUAGES) - languages)


def test_no_label_phrase_names_two_fields():
    from parsers.labels import _canonical, fold, vocabulary

    owner: dict[str, str] = {}
    for name, phrases in vocabulary().items():
        for phrase in phrases:
            key = _canonical(fold(phrase).split())
            assert owner.setdefault(key, name) == name, (phrase, owner[key], name)


def test_every_section_loads():
    data = lexicon.section()
    for name, node in data.items():
        if isinstance(node, dict) and not all(isinstance(v, list) for v in node.values()):
            continue  # a mapping section (label_abbreviations) or a group of phrase lists (labels)
        assert lexicon.phrases(name), name


def test_one_legal_form_list_serves_every_reader():
    from parsers.orgnames import cut_at_legal_form, ends_in_legal_form

    assert ends_in_legal_form("Marram Mobility Asia Pte. Ltd.")
    assert ends_in_legal_form("Vaidya Clinical Speech Private Limited")
    assert cut_at_legal_form("Hanul Speech Co., Ltd. has been certified") == "Hanul Speech Co., Ltd."
    assert cut_at_legal_form("SA Health Pty Ltd, 1 King William St") == "SA Health Pty Ltd"
