"""Stage `choose`: agreeing readings add up, a clear winner is taken, close disagreement leaves null."""

from __future__ import annotations

import datetime as dt

import pytest

from parsers.cert_candidates import Candidate
from parsers.cert_choose import choose
from parsers.model import Evidence

D = dt.date


def _c(name: str, value: object, how: str, score: float, page: int = 1) -> Candidate:
    return Candidate(name, value, (Evidence(page, str(value)),), how, score)


def test_independent_readings_of_one_value_reinforce_each_other() -> None:
    choice = choose("certification_body", [
        _c("certification_body", "Calderwood Assurance Registrar Ltd", "letterhead", 0.5),
        _c("certification_body", "CALDERWOOD ASSURANCE REGISTRAR LTD", "signs_for", 0.7),
        _c("certification_body", "Other Body Ltd", "footer", 0.42),
    ])
    assert choice.value == "CALDERWOOD ASSURANCE REGISTRAR LTD"
    assert choice.groups[0].support > 0.8


def test_the_same_guess_printed_twice_counts_once() -> None:
    choice = choose("holder", [
        _c("holder", "Northpass AI Advisory Ltd", "prominent", 0.45),
        _c("holder", "Northpass AI Advisory Ltd", "prominent", 0.37),
    ])
    assert choice.groups[0].support == pytest.approx(0.45)


def test_a_labelled_value_beats_a_guess() -> None:
    choice = choose("holder", [_c("holder", "Acme Voice Ltd", "label:inline", 0.9),
                               _c("holder", "Example Certification Ltd", "prominent", 0.45)])
    assert choice.value == "Acme Voice Ltd"
    assert choice.alternatives[0].best.value == "Example Certification Ltd"


def test_close_disagreement_leaves_the_field_null_and_says_why() -> None:
    choice = choose("expiry_date", [_c("expiry_date", D(2027, 3, 11), "label:right", 0.9),
                                    _c("expiry_date", D(2028, 3, 11), "label:below", 0.86)])
    assert choice.value is None and choice.reason.startswith("readings disagree")
    assert len(choice.alternatives) == 2


def test_nothing_plausible_leaves_the_field_null() -> None:
    assert choose("scope", []).reason == "nothing plausible was found"
    weak = choose("holder", [_c("holder", "Maybe Ltd", "prominent", 0.2)])
    assert weak.value is None and weak.reason == "only weak guesses were found"


def test_a_name_cut_short_of_its_legal_form_joins_the_full_name() -> None:
    choice = choose("certification_body", [
        _c("certification_body", "Rasa Certification Services Private", "letterhead", 0.5),
        _c("certification_body", "Rasa Certification Services Private Limited", "property", 0.62),
    ])
    assert choice.value == "Rasa Certification Services Private Limited" and len(choice.groups) == 1


def test_a_partial_site_list_supports_the_fuller_one() -> None:
    one = ("3rd Floor, 40 Temple Quay, Bristol BS1 6DZ, UK",)
    both = one + ("Unit 12, Eastgate Business Park, Cork T45 KH74, Ireland",)
    choice = choose("sites", [_c("sites", one, "label:below", 0.86), _c("sites", both, "table", 0.9, page=2)])
    assert choice.value == both


def test_an_soa_reference_read_with_its_version_only_agrees_with_the_full_one() -> None:
    choice = choose("soa_reference", [_c("soa_reference", ("2.2", None), "label:inline", 0.9),
                                      _c("soa_reference", ("2.2", D(2025, 1, 1)), "sentence", 0.72)])
    assert choice.value == ("2.2", D(2025, 1, 1))


def test_a_number_cut_off_mid_code_gives_way_to_the_full_one() -> None:
    choice = choose("certificate_number", [
        _c("certificate_number", "PT24/7176", "label:right", 0.9),  # wrapped in a narrow cell: "85" below
        _c("certificate_number", "PT24/717685", "label:inline", 0.9, page=2),
    ])
    assert choice.value == "PT24/717685"


def test_a_number_that_stops_at_a_space_still_disagrees_with_a_longer_one() -> None:
    choice = choose("certificate_number", [
        _c("certificate_number", "AB-1234", "label:right", 0.9),
        _c("certificate_number", "AB-1234 Rev 2", "label:inline", 0.9, page=2),
    ])
    assert choice.value is None and choice.reason.startswith("readings disagree")
