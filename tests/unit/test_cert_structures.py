"""Stage `find_structures`: pairs, bilingual labels, openers, paragraphs, tables, annex pages."""

from __future__ import annotations

from parsers.cert_structures import Structures, find_structures
from parsers.settings import DEFAULT_SETTINGS

from .cert_pdf import Text, build_pdf, pages_of


def _structures(*pages: list[Text], wide: bool = False) -> Structures:
    return find_structures(pages_of(build_pdf(list(pages), wide=wide)), DEFAULT_SETTINGS.label_cutoff)


def _pairs(s: Structures) -> dict[str, tuple[str, str]]:
    return {p.field: (p.placement, p.value.text) for p in s.pairs}


def test_values_inline_to_the_right_and_below_their_labels() -> None:
    s = _structures([
        Text(60, 60, "Certificate No.: AB-1234"),
        Text(60, 90, "Expiry date"), Text(250, 90, "11 March 2027"),
        Text(60, 120, "Scope of certification", 10, True),
        Text(60, 134, "Design and operation of the Example voice platform."),
    ])
    pairs = _pairs(s)
    assert pairs["certificate_number"] == ("inline", "AB-1234")
    assert pairs["expiry_date"] == ("right", "11 March 2027")
    assert pairs["scope"] == ("below", "Design and operation of the Example voice platform.")


def test_a_label_carries_its_translation_after_a_slash() -> None:
    s = _structures([
        Text(60, 60, "Zertifikat-Registrier-Nr. / Certificate registration no."),
        Text(300, 60, "95719-KI-24"),
        Text(60, 90, "Geltungsbereich / Scope"),
        Text(60, 104, "Development of speech recognition models for call centres."),
        Text(60, 140, "Erstzertifizierung / First certification"), Text(300, 140, "24.02.2024"),
    ])
    pairs = _pairs(s)
    assert pairs["certificate_number"] == ("right", "95719-KI-24")
    assert pairs["scope"][1] == "Development of speech recognition models for call centres."
    assert pairs["initial_certification_date"] == ("right", "24.02.2024")


def test_a_label_stacked_over_its_translation_is_one_label() -> None:
    s = _structures([
        Text(200, 60, "Hiermit wird bescheinigt, dass das Unternehmen"),
        Text(200, 74, "This is to certify that the company", 9),
        Text(190, 90, "Weisshorn Medizintechnik GmbH", 16, True),
        Text(240, 112, "mit den Standorten"), Text(245, 126, "with the sites", 9),
        Text(200, 140, "Königsallee 92a, 40212 Düsseldorf, Germany"),
    ])
    holder = s.pairs_for("holder")
    assert len(holder) == 1 and holder[0].value.lines[0] == "Weisshorn Medizintechnik GmbH"
    assert s.pairs_for("sites")[0].value.lines[0] == "Königsallee 92a, 40212 Düsseldorf, Germany"


def test_a_line_ending_in_an_opener_labels_the_holder_below_and_keeps_the_issuer() -> None:
    s = _structures([
        Text(150, 60, "Tamsin & Rowe Assurance Ltd hereby certifies that", 11),
        Text(100, 80, "Aldergrove Conversational AI Limited", 18, True),
        Text(60, 106, "has implemented an Artificial Intelligence Management System."),
    ])
    pair = s.pairs_for("holder")[0]
    assert pair.placement == "below" and pair.value.lines[0] == "Aldergrove Conversational AI Limited"
    assert pair.label.lead == "Tamsin & Rowe Assurance Ltd"


def test_paragraphs_follow_columns() -> None:
    s = _structures([
        Text(60, 60, "Signed for and on behalf of Tamsin & Rowe"),
        Text(400, 60, "United Kingdom Accreditation"),
        Text(60, 72, "Assurance Ltd"), Text(400, 72, "Service"),
    ])
    texts = {p.text for p in s.paragraphs}
    assert "Signed for and on behalf of Tamsin & Rowe Assurance Ltd" in texts
    assert "United Kingdom Accreditation Service" in texts


def test_a_site_table_keeps_an_address_that_wraps_inside_its_cell() -> None:
    s = _structures([
        Text(60, 60, "#", 10), Text(90, 60, "Location", 10), Text(360, 60, "Activities at site", 10),
        Text(60, 76, "1"), Text(90, 76, "5th Floor, Cyber Towers, HITEC City, Hyderabad 500081,"),
        Text(360, 76, "Headquarters; AIMS governance"),
        Text(90, 89, "Telangana, India"),
        Text(60, 102, "2"), Text(90, 102, "3rd Floor, 40 Temple Quay, Bristol BS1 6DZ, UK"),
        Text(360, 102, "Engineering"),
    ])
    assert len(s.tables) == 1
    assert [c.text for c in s.tables[0].column(1)] == [
        "5th Floor, Cyber Towers, HITEC City, Hyderabad 500081, Telangana, India",
        "3rd Floor, 40 Temple Quay, Bristol BS1 6DZ, UK"]


def test_a_cell_is_cut_at_the_next_column_even_when_text_runs_close() -> None:
    s = _structures([
        Text(60, 60, "Site", 9), Text(114, 60, "Address", 9), Text(398, 60, "Activities", 9),
        Text(60, 76, "Head", 9),
        Text(114, 76, "Unit 12, Eastgate Business Park, Little Island, Cork T45 KH74,", 9),
        Text(398, 76, "Headquarters; AIMS", 9),
        Text(60, 86, "office", 9), Text(114, 86, "Ireland", 9), Text(398, 86, "governance", 9),
    ])
    row = s.tables[0].rows[0]
    assert [c.text for c in row] == ["Head office",
                                     "Unit 12, Eastgate Business Park, Little Island, Cork T45 KH74, Ireland",
                                     "Headquarters; AIMS governance"]


def test_two_labelled_columns_side_by_side_are_no_table() -> None:
    s = _structures([
        Text(57, 60, "Scope of certification", 9), Text(534, 64, "Surveillance audit completed on", 9),
        Text(57, 72, "The information security management system of Ossian Translate SA covering all"),
        Text(534, 76, "19-Jul-2023"),
        Text(57, 86, "products and services."), Text(534, 95, "Accreditation", 9),
        Text(534, 107, "ENAC N° 88/C-SG071"),
    ], wide=True)
    assert s.tables == []
    assert s.pairs_for("scope")[0].value.text == ("The information security management system of Ossian "
                                                 "Translate SA covering all products and services.")


def test_a_header_row_table_gives_each_labelled_column_its_first_cell() -> None:
    s = _structures([
        Text(72, 60, "Certificate number", 9), Text(180, 60, "Valid from", 9),
        Text(260, 60, "Valid until", 9),
        Text(72, 76, "SBC-0917", 9), Text(180, 76, "1.9.2025", 9), Text(260, 76, "31.8.2028", 9),
    ])
    assert _pairs(s) == {"certificate_number": ("cell", "SBC-0917"), "issue_date": ("cell", "1.9.2025"),
                         "expiry_date": ("cell", "31.8.2028")}


def test_annex_pages_name_themselves() -> None:
    s = _structures([Text(60, 60, "Certificate"), Text(60, 90, "See the Annex for the certified sites.")],
                    [Text(60, 60, "Annex to certificate TRA-1-AIMS", 15), Text(60, 90, "Certified scope")],
                    [Text(60, 60, "Terms and conditions")])
    assert s.annex_pages == frozenset({2})
