"""Organisations and places: legal forms, addresses and accreditation bodies of many countries (data only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """A country as certificates print it: its legal forms, addresses and the names it goes by."""

    code: str
    name_en: str
    name_local: str
    eu: bool
    legal_forms: tuple[str, ...]
    addresses: tuple[str, ...]  # "{street}, {postcode} {city}" styled as that country writes them
    accreditation: str  # acronym of its national accreditation body


COUNTRIES: tuple[Country, ...] = (
    Country(
        "GB",
        "United Kingdom",
        "United Kingdom",
        False,
        ("Ltd", "Limited", "plc"),
        (
            "14 Wharf Street, Manchester M1 2HX",
            "3rd Floor, 40 Temple Quay, Bristol BS1 6DZ",
            "Unit 5, Riverside Court, 21 Skinner Lane, Leeds LS7 1AB",
            "1 King Street, London EC2V 8AU",
        ),
        "UKAS",
    ),
    Country(
        "DE",
        "Germany",
        "Deutschland",
        True,
        ("GmbH", "AG", "GmbH & Co. KG", "SE"),
        (
            "Königsallee 92a, 40212 Düsseldorf",
            "Friedrichstraße 123, 10117 Berlin",
            "Leopoldstraße 244, 80807 München",
        ),
        "DAkkS",
    ),
    Country(
        "FR",
        "France",
        "France",
        True,
        ("S.A.S.", "SAS", "S.A.", "SARL"),
        (
            "18 rue de la Chaussée-d'Antin, 75009 Paris",
            "41 quai Rambaud, 69002 Lyon",
            "7 allée de Tourny, 33000 Bordeaux",
        ),
        "COFRAC",
    ),
    Country(
        "ES",
        "Spain",
        "España",
        True,
        ("S.L.", "S.A.", "S.L.U."),
        (
            "Calle de Serrano 47, 28001 Madrid",
            "Avinguda Diagonal 640, 08017 Barcelona",
            "Calle Colón 12, 46004 Valencia",
        ),
        "ENAC",
    ),
    Country(
        "IT",
        "Italy",
        "Italia",
        True,
        ("S.r.l.", "S.p.A.", "S.r.l.s."),
        (
            "Via Monte Napoleone 8, 20121 Milano",
            "Corso Vittorio Emanuele II 74, 10121 Torino",
            "Via dei Condotti 61, 00187 Roma",
        ),
        "ACCREDIA",
    ),
    Country(
        "NL",
        "Netherlands",
        "Nederland",
        True,
        ("B.V.", "N.V."),
        (
            "Herengracht 420, 1017 BZ Amsterdam",
            "Stationsplein 45, 3013 AK Rotterdam",
            "Jaarbeursplein 6, 3521 AL Utrecht",
        ),
        "RvA",
    ),
    Country(
        "PT",
        "Portugal",
        "Portugal",
        True,
        ("Lda", "S.A.", "Unipessoal Lda"),
        ("Avenida da Liberdade 110, 1269-046 Lisboa", "Rua de Santa Catarina 312, 4000-442 Porto"),
        "IPAC",
    ),
    Country(
        "PL",
        "Poland",
        "Polska",
        True,
        ("Sp. z o.o.", "S.A."),
        ("ul. Marszałkowska 126, 00-008 Warszawa", "ul. Piotrkowska 148, 90-063 Łódź"),
        "PCA",
    ),
    Country(
        "FI",
        "Finland",
        "Suomi",
        True,
        ("Oy", "Oyj"),
        ("Mannerheimintie 12 B, 00100 Helsinki", "Hämeenkatu 20, 33200 Tampere"),
        "FINAS",
    ),
    Country(
        "SE",
        "Sweden",
        "Sverige",
        True,
        ("AB",),
        ("Kungsgatan 33, 111 56 Stockholm", "Drottninggatan 2, 411 14 Göteborg"),
        "SWEDAC",
    ),
    Country(
        "DK",
        "Denmark",
        "Danmark",
        True,
        ("ApS", "A/S"),
        ("Bredgade 40, 1260 København K", "Åboulevarden 22, 8000 Aarhus C"),
        "DANAK",
    ),
    Country(
        "CH",
        "Switzerland",
        "Schweiz",
        False,
        ("AG", "GmbH", "SA", "Sàrl"),
        ("Bahnhofstrasse 21, 8001 Zürich", "Rue du Rhône 14, 1204 Genève"),
        "SAS",
    ),
    Country(
        "AT",
        "Austria",
        "Österreich",
        True,
        ("GmbH", "AG"),
        ("Mariahilfer Straße 77, 1060 Wien", "Getreidegasse 9, 5020 Salzburg"),
        "AA",
    ),
    Country(
        "IE",
        "Ireland",
        "Ireland",
        True,
        ("Limited", "DAC", "Ltd"),
        (
            "Unit 12, Eastgate Business Park, Little Island, Cork T45 KH74",
            "25 Fitzwilliam Square, Dublin 2, D02 XK52",
        ),
        "INAB",
    ),
    Country(
        "US",
        "United States",
        "USA",
        False,
        ("Inc.", "LLC", "Corp."),
        (
            "1200 Market Street, Suite 400, San Francisco, CA 94102",
            "350 Fifth Avenue, New York, NY 10118",
            "77 Massachusetts Avenue, Cambridge, MA 02139",
        ),
        "ANAB",
    ),
    Country(
        "CA",
        "Canada",
        "Canada",
        False,
        ("Inc.", "Ltd."),
        ("100 King Street West, Toronto, ON M5X 1A9", "1250 René-Lévesque Blvd W, Montréal, QC H3B 4W8"),
        "SCC",
    ),
    Country(
        "SG",
        "Singapore",
        "Singapore",
        False,
        ("Pte. Ltd.",),
        (
            "1 Raffles Place, #20-61 One Raffles Place Tower 2, Singapore 048616",
            "71 Ayer Rajah Crescent, #02-18, Singapore 139951",
        ),
        "SAC",
    ),
    Country(
        "IN",
        "India",
        "India",
        False,
        ("Private Limited", "Pvt. Ltd.", "Limited"),
        (
            "Prestige Tech Park, Marathahalli-Sarjapur Outer Ring Road, Bengaluru 560103",
            "Cyber City, DLF Phase 2, Tower B, Gurugram, Haryana 122002",
        ),
        "NABCB",
    ),
    Country(
        "JP",
        "Japan",
        "Japan",
        False,
        ("K.K.", "Co., Ltd."),
        (
            "Shibuya Crest Bldg 8F, 2-11-4 Shibuya, Shibuya-ku, Tokyo 150-0002",
            "3-2-1 Nishi-Shinjuku, Shinjuku-ku, Tokyo 160-0023",
        ),
        "JAB",
    ),
    Country(
        "CN",
        "China",
        "China",
        False,
        ("Co., Ltd.",),
        ("Room 1805, Tower 2, 1 Century Avenue, Pudong, Shanghai 200120",),
        "CNAS",
    ),
    Country(
        "KR",
        "South Korea",
        "Republic of Korea",
        False,
        ("Co., Ltd.", "Inc."),
        ("21F, 152 Teheran-ro, Gangnam-gu, Seoul 06236",),
        "KAB",
    ),
    Country(
        "AU",
        "Australia",
        "Australia",
        False,
        ("Pty Ltd", "Pty. Limited"),
        ("Level 12, 1 Martin Place, Sydney NSW 2000", "120 Collins Street, Melbourne VIC 3000"),
        "JAS-ANZ",
    ),
    Country(
        "BR",
        "Brazil",
        "Brasil",
        False,
        ("Ltda.", "S.A."),
        ("Avenida Paulista 1578, Bela Vista, São Paulo - SP, 01310-200",),
        "Cgcre",
    ),
    Country(
        "MX",
        "Mexico",
        "México",
        False,
        ("S.A. de C.V.",),
        ("Paseo de la Reforma 505, Cuauhtémoc, 06500 Ciudad de México",),
        "EMA",
    ),
    Country(
        "CZ",
        "Czech Republic",
        "Česká republika",
        True,
        ("s.r.o.", "a.s."),
        ("Václavské náměstí 19, 110 00 Praha 1",),
        "CAI",
    ),
    Country(
        "AE",
        "United Arab Emirates",
        "United Arab Emirates",
        False,
        ("LLC", "FZ-LLC"),
        ("Office 1402, Al Shatha Tower, Dubai Internet City, Dubai",),
        "EIAC",
    ),
    Country(
        "ZA",
        "South Africa",
        "South Africa",
        False,
        ("(Pty) Ltd",),
        ("14 Loop Street, Cape Town 8001", "90 Grayston Drive, Sandton, Johannesburg 2196"),
        "SANAS",
    ),
)

LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {  # where a label language is at home
    "en": ("GB", "IE", "US", "CA", "SG", "IN", "AU", "ZA", "AE", "JP", "KR", "CN"),
    "de": ("DE", "AT", "CH"),
    "fr": ("FR", "CH", "CA"),
    "es": ("ES", "MX"),
    "it": ("IT", "CH"),
    "nl": ("NL",),
    "pt": ("PT", "BR"),
}


@dataclass(frozen=True)
class AccreditationBody:
    """A recognised accreditation body: the acronym truth uses, and the ways certificates print it."""

    acronym: str
    full_name: str
    mark: str  # text of its accreditation mark block, {n} = the body's accreditation number


ACCREDITATION_BODIES: tuple[AccreditationBody, ...] = (
    AccreditationBody("UKAS", "United Kingdom Accreditation Service", "UKAS MANAGEMENT SYSTEMS {n}"),
    AccreditationBody("DAkkS", "Deutsche Akkreditierungsstelle", "DAkkS D-ZM-{n}-01-00"),
    AccreditationBody("ANAB", "ANSI National Accreditation Board", "ANAB ACCREDITED MANAGEMENT SYSTEMS"),
    AccreditationBody(
        "COFRAC", "Comité français d'accréditation", "COFRAC CERTIFICATION DE SYSTÈMES N° 4-{n}"
    ),
    AccreditationBody("ENAC", "Entidad Nacional de Acreditación", "ENAC CERTIFICACIÓN Nº {n}/C-SG"),
    AccreditationBody("ACCREDIA", "Ente Italiano di Accreditamento", "ACCREDIA SGQ N° {n}A"),
    AccreditationBody("RvA", "Raad voor Accreditatie", "RvA C {n}"),
    AccreditationBody("JAB", "Japan Accreditation Board", "JAB CM{n}"),
    AccreditationBody("INAB", "Irish National Accreditation Board", "INAB Certification {n}C"),
    AccreditationBody("SAS", "Swiss Accreditation Service", "SAS SCESm {n}"),
    AccreditationBody("NABCB", "National Accreditation Board for Certification Bodies", "NABCB MSCB-{n}"),
    AccreditationBody("IPAC", "Instituto Português de Acreditação", "IPAC C{n}"),
    AccreditationBody("PCA", "Polish Centre for Accreditation", "PCA AC {n}"),
    AccreditationBody("FINAS", "Finnish Accreditation Service", "FINAS S{n}"),
    AccreditationBody("SWEDAC", "Swedish Board for Accreditation and Conformity Assessment", "SWEDAC {n}"),
    AccreditationBody("DANAK", "Danish Accreditation Fund", "DANAK REG.NR. {n}"),
    AccreditationBody("AA", "Akkreditierung Austria", "Akkreditierung Austria {n}"),
    AccreditationBody("SCC", "Standards Council of Canada", "SCC Accredited MSCB {n}"),
    AccreditationBody("SAC", "Singapore Accreditation Council", "SAC-SINGLAS {n}"),
    AccreditationBody("JAS-ANZ", "Joint Accreditation System of Australia and New Zealand", "JAS-ANZ {n}"),
    AccreditationBody("KAB", "Korea Accreditation Board", "KAB-QA-{n}"),
    AccreditationBody(
        "CNAS", "China National Accreditation Service for Conformity Assessment", "CNAS C{n}-M"
    ),
    AccreditationBody("Cgcre", "Coordenação Geral de Acreditação", "Cgcre OCS {n}"),
    AccreditationBody("EMA", "Entidad Mexicana de Acreditación", "ema {n}/SGC"),
    AccreditationBody("CAI", "Czech Accreditation Institute", "CAI {n}"),
    AccreditationBody("EIAC", "Emirates International Accreditation Centre", "EIAC MSCB-{n}"),
    AccreditationBody("SANAS", "South African National Accreditation System", "SANAS C{n}"),
)

# Printed full-name only; FLAGS.md calls these not recognised, SCHEMA.md keeps the name as printed.
UNRECOGNISED_BODIES = (
    "United Accreditation Foundation",
    "International Accreditation Council for AI",
    "Global Certification Accreditation Board",
    "World Quality Accreditation Forum",
    "European Board for Management System Accreditation",
)

BRAND_STEMS = (
    "Harbourline",
    "Brightfen",
    "Cindral",
    "Pellucid",
    "Arkwell",
    "Lumora",
    "Merrow",
    "Sablewood",
    "Kinetica",
    "Vantory",
    "Quorrel",
    "Ossian",
    "Tessellate",
    "Nimbleroot",
    "Corvane",
    "Hanul",
    "Weisshorn",
    "Hollowmere",
    "Aldergrove",
    "Brackenridge",
    "Kilnworth",
    "Cobaltline",
    "Sakuradai",
    "Vaidya",
    "Marram",
    "Jadeport",
    "Fennick",
    "Oriel",
    "Talvik",
    "Ymberra",
    "Quillon",
    "Rostrum",
    "Velmora",
    "Dunmore",
    "Altavia",
    "Serenza",
    "Norvik",
    "Palisade",
    "Zephyrion",
    "Kestrel",
)

HOLDER_DESCRIPTORS = (
    "Voice",
    "AI",
    "Analytics",
    "Health",
    "Robotics",
    "Labs",
    "Technologies",
    "Data",
    "Medizintechnik",
    "Software",
    "Systems",
    "Digital",
    "Vision",
    "Translate",
    "Conversational AI",
)

CB_STEMS = (
    "Calderwood",
    "Halberd",
    "Brightwater",
    "Tamsin & Rowe",
    "Sakuragawa",
    "Jiangnan Zhiyuan",
    "Nordmark",
    "Certiva",
    "Veritan",
    "Albion",
    "Rheinwald",
    "Lusocert",
    "Iberacert",
    "Kwaliteit",
    "Alpenprüf",
    "Meridian",
    "Oakhurst",
    "Stellaris",
    "Baltic Cert",
    "Aurora",
)

CB_DESCRIPTORS: dict[str, tuple[str, ...]] = {
    "en": (
        "Certification",
        "Assurance Registrar",
        "Audit & Certification",
        "Quality Assurance",
        "Certification Services",
    ),
    "de": ("Zertifizierung", "Cert", "Prüf- und Zertifizierungsgesellschaft"),
    "fr": ("Certification", "Audit & Certification"),
    "es": ("Certificación", "Certificación y Auditoría"),
    "it": ("Certificazioni", "Certificazione"),
    "nl": ("Certificatie", "Keurmerk Certificatie"),
    "pt": ("Certificação", "Certificação e Auditoria"),
}

AI_STANDARD = "ISO/IEC 42001:2023"
STANDARD_PRINTINGS = (
    "ISO/IEC 42001:2023",
    "ISO/IEC 42001 : 2023",
    "ISO/IEC 42001:2023",
    "ISO/IEC 42001:2023",
)
