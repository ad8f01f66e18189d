"""Small readers behind certificate fields: names, sites, clauses, wrapped lines."""

from __future__ import annotations

import pytest

from parsers.cert_read_names import holder_name
from parsers.cert_read_sites import address_below_holder, split_sites
from parsers.cert_read_text import accreditation_name, clean_scope
from parsers.cert_validate import is_address as looks_like_site
from parsers.cert_validate import points_elsewhere
from parsers.cert_values import first_clause, join_lines, number_words, ocr_caps, org_name


@pytest.mark.parametrize("lines, sentence, want", [
    (["Harbourline Voice Ltd"], False, "Harbourline Voice Ltd"),
    (["Kinetica Claims Analytics, Inc.", "1207 Congress Avenue"], False, "Kinetica Claims Analytics, Inc."),
    (["Sablewood Dental Imaging, Inc. has been certified by Lumen Peak"], True,
     "Sablewood Dental Imaging, Inc."),
    (["the management system of:", "Wrenfield Mobility Limited", "Unit 7"], True,
     "Wrenfield Mobility Limited"),
    (["Northern Lights Artificial Intelligence", "Solutions Limited"], False,
     "Northern Lights Artificial Intelligence Solutions Limited"),
    (["Registration number: 1234"], False, None),
    (["die Firma Fjordwerk Sprachdienste GmbH ein KI-Managementsystem eingeführt hat"], True,
     "Fjordwerk Sprachdienste GmbH"),
])
def test_holder_name(lines: list[str], sentence: bool, want: str | None) -> None:
    assert holder_name(lines, sentence) == want


@pytest.mark.parametrize("text, want", [
    ("Accredited by the International Accreditation Council for AI (reg. 12)",
     "International Accreditation Council for AI"),
    ("Global Certification Forum", "Global Certification Forum"),
    ("None", None), ("Yes", None), ("0417", None), ("N/A", None),
])
def test_accreditation_name_as_printed(text: str, want: str | None) -> None:
    assert accreditation_name(text) == want


@pytest.mark.parametrize("text, want", [
    ("Brightwater Audit & Certification SAS. The certificate remains valid",
     "Brightwater Audit & Certification SAS"),
    ("Miradero Certificación S.L.. The certificate", "Miradero Certificación S.L."),
    ("Lumen Peak Registrars Inc. The certificate", "Lumen Peak Registrars Inc."),
    ("Calderwood Assurance Registrar Ltd. The certificate", "Calderwood Assurance Registrar Ltd"),
])
def test_organisation_name_ends_at_the_sentence(text: str, want: str) -> None:
    assert org_name(text) == want


def test_first_clause_and_wrapped_lines() -> None:
    assert first_clause("LPR 599626. The organisation was") == "LPR 599626"
    assert first_clause("Certiva Pte. Ltd., 1 Raffles Place") == "Certiva Pte. Ltd., 1 Raffles Place"
    assert first_clause("Tamsin & Rowe GmbH & Co. KG. The body") == "Tamsin & Rowe GmbH & Co. KG."
    assert join_lines(["speech-to-", "text services", "  and  more"]) == "speech-to-text services and more"


def test_sites_are_split_joined_and_filtered() -> None:
    lines = ["1. 3 Quay Street, Cardiff,", "CF10 1EA, United Kingdom", "2) Via Roma 1, Milano"]
    assert split_sites(lines) == ["3 Quay Street, Cardiff, CF10 1EA, United Kingdom", "Via Roma 1, Milano"]
    assert split_sites(["London, UK; Dublin, Ireland"]) == ["London, UK", "Dublin, Ireland"]


def test_an_address_wrapped_in_its_cell_or_list_stays_one_site() -> None:
    lines = ["Paseo de la Reforma 505, Cuauhtémoc, 06500 Ciudad de", "México, Mexico",
             "Shibuya Crest Bldg 8F, 2-11-4 Shibuya, Shibuya-ku, Tokyo 150-", "0002, Japan",
             "1 Raffles Place, Tower 2, Singapore", "048616, Singapore"]
    assert split_sites(lines) == ["Paseo de la Reforma 505, Cuauhtémoc, 06500 Ciudad de México, Mexico",
                                  "Shibuya Crest Bldg 8F, 2-11-4 Shibuya, Shibuya-ku, Tokyo 150-0002, Japan",
                                  "1 Raffles Place, Tower 2, Singapore 048616, Singapore"]
    # addresses printed without their country stay apart
    assert split_sites(["1 Main St, Springfield", "2 Elm St, Shelbyville, USA"]) == [
        "1 Main St, Springfield", "2 Elm St, Shelbyville, USA"]
    assert looks_like_site("14 Wharf Street, Manchester")
    assert not looks_like_site("see Appendix 2")
    assert not looks_like_site("Certificate No.: 1234")
    value = ["Acme Ltd", "1 King St, London", "United Kingdom", "operates an AIMS"]
    assert address_below_holder(value, 1) == "1 King St, London, United Kingdom"
    assert address_below_holder(["Acme Ltd", "ISO/IEC 42001:2023"], 1) is None


def test_scope_pointers_and_trailing_rules() -> None:
    assert points_elsewhere("See Appendix 1")
    assert points_elsewhere("as listed in the annex to this certificate")
    assert not points_elsewhere("Design and operation of the appendix generator product")
    assert clean_scope("Design of X. ______________________ Signed") == "Design of X."


@pytest.mark.parametrize(("text", "want"), [
    ("RMA-AI-1015 Issued 2025-10-15 Expires 2028-10-14", "RMA-AI-1015"),
    ("AIMS 734211", "AIMS 734211"), ("12 345 67890", "12 345 67890"), ("HAP 42 0071 and more", "HAP 42 0071"),
])
def test_number_words_stop_at_an_ordinary_word(text: str, want: str) -> None:
    assert number_words(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("LSR-Al-00917", "LSR-AI-00917"), ("CAl", "CAI"), ("Ltd", "Ltd"), ("Alpine Register", "Alpine Register"),
])
def test_ocr_caps_undoes_l_for_i_inside_capitals(text: str, want: str) -> None:
    assert ocr_caps(text) == want


@pytest.mark.parametrize("lines, want", [
    (["Avinguda Diagonal 640, 08017", "Barcelona, Spain"], "Avinguda Diagonal 640, 08017 Barcelona, Spain"),
    (["Avinguda Diagonal 640", "08017 Barcelona", "Spain"], "Avinguda Diagonal 640, 08017 Barcelona, Spain"),
    (["Quay House, 2 High Street", "Yarmouth, PO41 0PL, United Kingdom"],
     "Quay House, 2 High Street, Yarmouth, PO41 0PL, United Kingdom"),
    (["Room 1805, Pudong, Shanghai", "200120, China"], "Room 1805, Pudong, Shanghai 200120, China"),
    (["Office 1402, Dubai Internet City, Dubai, United", "Arab Emirates"],
     "Office 1402, Dubai Internet City, Dubai, United Arab Emirates"),
])
def test_an_address_under_the_holder_joins_a_wrapped_part_with_a_space(lines: list[str], want: str) -> None:
    assert address_below_holder(lines, 0) == want


def test_an_address_run_on_after_the_holder_name_is_one_sentence() -> None:
    # the sentence runs on from the name into the address, and from the address into its verb
    lines = ["Sakuradai AI AB,", "Kungsgatan 33, 111 56 Stockholm, Sweden, operates an Artificial"]
    assert address_below_holder(lines, 1, "") == "Kungsgatan 33, 111 56 Stockholm, Sweden"
    # the address starts on the name's line: its line breaks are wraps, not parts
    lines = ["Aldergrove Ltd, Avenida", "Paulista 1578, Bela Vista, 01310-200 São Paulo, Brazil"]
    assert address_below_holder(lines, 1, "Avenida") == \
        "Avenida Paulista 1578, Bela Vista, 01310-200 São Paulo, Brazil"
    # a short line ending in a sites word leads to the address under it
    assert address_below_holder(["op de locatie", "Stationsplein 45, 3013 AK Rotterdam, Nederland"], 0) \
        == "Stationsplein 45, 3013 AK Rotterdam, Nederland"
